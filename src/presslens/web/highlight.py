"""The article's text as HTML, with voices shaded and spans marked, built from the analysis's spans.

Article text is untrusted: every piece of it is escaped here, one piece at a
time, and this module is the only place that wraps HTML in ``Markup``. The
templates never mark anything safe.

The layers of marks nest in a fixed order, outermost first: paragraphs,
underlines (check-worthy claims, techniques, any record list with a span),
voice segments, attribution contents, and sources and cues. The text is cut at
every mark's boundaries; for each piece the open elements should be exactly
its marks in that order, so an element is closed and reopened only where an
outer one starts or ends inside it. The first part of a split element carries
its ``id`` and, for an underline, ``tabindex`` and the tooltip; later parts
point back to it with ``data-part-of``. Nothing but the article's characters
goes into text nodes, so the text nodes under the container concatenate to
exactly the string the spans index (tests rely on it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

from presslens.output.text import INLINE_MIN_SCORE
from presslens.records import Analysis, Field

__all__ = ["LAYERS", "Mark", "Underline", "paragraph_marks", "render_marked", "underlines", "voice_classes"]

#: Nesting order of the layers, outermost first.
LAYERS = ("paragraph", "underline", "voice", "content", "part")
_RANK = {name: rank for rank, name in enumerate(LAYERS)}
_PALETTE_SIZE = 12
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True, slots=True)
class Mark:
    """One element to wrap ``[start, end)`` of a string in.

    ``attrs`` go on every part of the element; ``first`` only on its first part
    (``id``, ``tabindex``, tooltip). Attribute values are escaped on output.
    """

    start: int
    end: int
    layer: str
    classes: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()
    first: tuple[tuple[str, str], ...] = ()
    tag: str = "span"
    key: str = ""


@dataclass(frozen=True, slots=True)
class Underline:
    """A span to underline, with what it is (``kind``: ``claim``, ``technique``, ...), a short label and the
    reason shown on hover and focus."""

    key: str
    kind: str
    label: str
    reason: str
    start: int
    end: int
    of: Field
    text: str = ""


def voice_classes(analysis: Analysis) -> dict[str, str]:
    """A CSS class per voice: ``v-outlet`` for the outlet, ``sp-N`` for speakers in order of first appearance."""
    classes = {"outlet": "v-outlet", "unknown speaker": "sp-unknown"}
    speakers = [s.voice for s in analysis.voice if s.voice not in classes]
    speakers += [a.speaker.name for a in analysis.attributions if a.speaker and a.speaker.name not in classes]
    for n, name in enumerate(dict.fromkeys(speakers)):
        classes[name] = f"sp-{n % _PALETTE_SIZE}"
    return classes


def _describe_claim(claim: Any) -> str:
    kind = str(claim.type).replace("-", " ")
    voice = "the outlet's own voice" if claim.voice == "outlet" else f"{claim.voice}'s voice"
    return f"Check-worthy claim ({kind}), score {claim.score:.2f}, in {voice}"


def _describe_technique(record: Any) -> str:
    name = str(getattr(record, "technique", "technique")).replace("-", " ")
    voice = getattr(record, "voice", "outlet")
    whose = "the outlet's own voice" if voice == "outlet" else f"{voice}'s voice"
    reason = getattr(record, "reason", "") or "no reason given"
    score = getattr(record, "score", None)
    scored = f", score {score:.2f}" if isinstance(score, int | float) else ""
    return f"{name.capitalize()}: {reason}{scored}, in {whose}"


def underlines(analysis: Analysis) -> list[Underline]:
    """What to underline: the check-worthy claims, and the persuasion techniques when the analysis has them.

    Any record with a ``span`` can be underlined this way; techniques are read
    with ``getattr`` so analyses from before that field existed render too.
    """
    found = [Underline(f"claim-{c.id}", "claim", str(c.type).replace("-", " "), _describe_claim(c),
                       c.span.start, c.span.end, c.span.of, c.span.text)
             for c in analysis.claims if c.checkworthy]
    for n, record in enumerate(getattr(analysis, "techniques", ()) or (), 1):
        span = getattr(record, "span", None)
        if span is None or getattr(record, "score", 1.0) < INLINE_MIN_SCORE:
            continue  # weak findings are listed with their scores, not marked in the text
        label = str(getattr(record, "technique", "technique")).replace("-", " ")
        found.append(Underline(f"technique-{n}", "technique", label, _describe_technique(record),
                               span.start, span.end, span.of, span.text))
    return found


def paragraph_marks(text: str) -> list[Mark]:
    """One ``<p>`` per block of text between blank lines (the blank lines themselves stay outside)."""
    marks, start = [], 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        if brk.start() > start:
            marks.append(Mark(start, brk.start(), "paragraph", tag="p"))
        start = brk.end()
    if start < len(text):
        marks.append(Mark(start, len(text), "paragraph", tag="p"))
    return marks


def article_marks(analysis: Analysis, of: Field, lines: Sequence[Underline] = ()) -> list[Mark]:
    """Every mark of the title or the body: voices, attribution contents, sources, cues and ``lines``."""
    classes = voice_classes(analysis)
    marks = [] if of == "title" else paragraph_marks(analysis.article.body)
    for line in lines:
        if line.of == of:
            marks.append(Mark(line.start, line.end, "underline", ("ul", f"ul-{line.kind}"),
                              (("data-kind", line.kind), ("data-tip", line.reason)),
                              (("id", line.key), ("tabindex", "0"), ("aria-describedby", f"tip-{line.key}")),
                              key=line.key))
    for segment in analysis.voice:
        if segment.of != of:
            continue
        attrs = [("data-voice", segment.voice), ("data-mode", segment.mode)]
        if segment.attribution:
            attrs.append(("data-attribution", segment.attribution))
        marks.append(Mark(segment.start, segment.end, "voice", ("v", classes.get(segment.voice, "sp-unknown"),
                                                                  f"m-{segment.mode}"), tuple(attrs)))
    for attribution in analysis.attributions:
        speaker = attribution.speaker.name if attribution.speaker else "unknown speaker"
        colour = classes.get(speaker, "sp-unknown")
        base = (("data-attribution", attribution.id),)
        for n, span in enumerate(attribution.content):
            if span.of == of:
                first = (("id", f"att-{attribution.id}"),) if n == 0 else ()
                marks.append(Mark(span.start, span.end, "content", ("content", f"c-{attribution.category}"), base,
                                  first, key=f"att-{attribution.id}-{n}"))
        # A stance's source and cue are marked more quietly than a statement's: no voice goes with them.
        category = f"p-{attribution.category}"
        if attribution.source is not None and attribution.source.of == of:
            marks.append(Mark(attribution.source.start, attribution.source.end, "part", ("src", category, colour),
                              base))
        if attribution.cue is not None and attribution.cue.of == of:
            marks.append(Mark(attribution.cue.start, attribution.cue.end, "part", ("cue", category), base))
    return marks


def _open(mark: Mark, first_part: bool) -> str:
    attrs = list(mark.attrs)
    if first_part:
        attrs.extend(mark.first)
    elif mark.key:
        attrs.append(("data-part-of", mark.key))
    parts = [mark.tag]
    if mark.classes:
        parts.append(f'class="{escape(" ".join(mark.classes))}"')
    parts.extend(f'{name}="{escape(value)}"' for name, value in attrs)
    return f"<{' '.join(parts)}>"


def render_marked(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as escaped HTML with ``marks`` as well-nested elements (see the module docstring)."""
    usable = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    order = {id(m): (_RANK[m.layer], m.start, -m.end, n) for n, m in enumerate(usable)}
    cuts = sorted({0, len(text), *(m.start for m in usable), *(m.end for m in usable)})
    starting: dict[int, list[Mark]] = {}
    for m in usable:
        starting.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    stack: list[Mark] = []
    opened: set[int] = set()
    out: list[str] = []
    for left, right in pairwise(cuts):
        active = [m for m in active if m.end > left] + starting.get(left, [])
        wanted = sorted(active, key=lambda m: order[id(m)])
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        for mark in reversed(stack[keep:]):
            out.append(f"</{mark.tag}>")
        del stack[keep:]
        for mark in wanted[keep:]:
            out.append(_open(mark, id(mark) not in opened))
            opened.add(id(mark))
            stack.append(mark)
        out.append(str(escape(text[left:right])))
    for mark in reversed(stack):
        out.append(f"</{mark.tag}>")
    return Markup("".join(out))  # every piece above is escaped: article text and attribute values alike
