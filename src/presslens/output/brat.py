"""Analyses as brat standoff, to open in brat or INCEpTION.

For each article, ``<name>.txt`` holds the analysed text (headline, blank
line, body) and ``<name>.ann`` the attributions in PolNeAR's scheme: text-bound
``Source``, ``Cue`` and ``Content`` annotations joined by an ``Attribution``
event, the kind as an event attribute and the resolved speaker as a note.
``annotation.conf`` and ``visual.conf`` in the folder let brat display them.
"""

from __future__ import annotations

import re
from pathlib import Path

from presslens.records import Analysis, Span

__all__ = ["to_brat", "write_brat"]

_ANNOTATION_CONF = """[entities]
Source
Cue
Content
[relations]
<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>
[events]
Attribution Source?:Source, Cue?:Cue, Content+:Content
[attributes]
Kind Arg:Attribution, Value:direct|indirect|mixed
"""

_VISUAL_CONF = """[labels]
Source | Source | Src
Cue | Cue
Content | Content | Cnt
Attribution | Attribution | Attr
[drawing]
Source bgColor:#ffcc66
Cue bgColor:#ff6666
Content bgColor:#99ccff
Attribution bgColor:#ff6666
"""


def to_brat(analysis: Analysis) -> tuple[str, str]:
    """``(text, ann)``: the analysed text and its standoff annotations."""
    article = analysis.article
    title = article.title or ""
    offset = len(title) + 2 if title else 0
    text = f"{title}\n\n{article.body}" if title else article.body
    lines: list[str] = []
    counter = {"T": 0}

    def textbound(kind: str, span: Span) -> str:
        counter["T"] += 1
        base = 0 if span.of == "title" else offset
        start, end = span.start + base, span.end + base
        snippet = text[start:end].replace("\n", " ")
        lines.append(f"T{counter['T']}\t{kind} {start} {end}\t{snippet}")
        return f"T{counter['T']}"

    for number, attribution in enumerate(analysis.attributions, 1):
        args = []
        trigger = None
        if attribution.cue is not None:
            trigger = textbound("Attribution", attribution.cue)
            args.append(f"Cue:{textbound('Cue', attribution.cue)}")
        if attribution.source is not None:
            args.append(f"Source:{textbound('Source', attribution.source)}")
        for i, part in enumerate(attribution.content):
            args.append(f"Content{'' if i == 0 else i + 1}:{textbound('Content', part)}")
        if trigger is None:  # brat events need a trigger: use the content itself
            trigger = textbound("Attribution", attribution.content[0])
        lines.append(f"E{number}\tAttribution:{trigger} {' '.join(args)}")
        lines.append(f"A{number}\tKind E{number} {attribution.kind}")
        if attribution.speaker is not None:
            role = f" ({attribution.speaker.role})" if attribution.speaker.role else ""
            lines.append(f"#{number}\tAnnotatorNotes E{number}\tspeaker: {attribution.speaker.name}{role}")
    return text, "\n".join(lines) + ("\n" if lines else "")


def write_brat(analysis: Analysis, directory: Path, name: str) -> tuple[Path, Path]:
    """Write ``<name>.txt`` and ``<name>.ann`` (and brat's config files) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    for conf, content in (("annotation.conf", _ANNOTATION_CONF), ("visual.conf", _VISUAL_CONF)):
        if not (directory / conf).exists():
            (directory / conf).write_text(content, encoding="utf-8")
    safe = re.sub(r"[^\w.-]+", "_", name).strip("._") or "article"
    text, ann = to_brat(analysis)
    text_path, ann_path = directory / f"{safe}.txt", directory / f"{safe}.ann"
    text_path.write_text(text, encoding="utf-8")
    ann_path.write_text(ann, encoding="utf-8")
    return text_path, ann_path
