"""Reading and writing brat standoff (``.ann``) files.

PolNeAR stores attributions as brat text-bound annotations (``T`` lines:
``Source``, ``Cue``, ``Content``, ``Attribution``) linked by event lines
(``E``). Spans may be discontinuous (``0 5;9 14``) and a span's text may run
over several lines of the file, so the reader keys on line prefixes rather than
on line counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from presslens.errors import DataFormatError

__all__ = ["BratDocument", "BratRelation", "TextBound", "read_ann"]

_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d; ]+)\t?(.*)$")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
_OTHER_LINE = re.compile(r"^(?:[RAMN#]\d*|\*)\t")


@dataclass(frozen=True, slots=True)
class TextBound:
    id: str
    type: str
    fragments: tuple[tuple[int, int], ...]
    text: str

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


@dataclass(frozen=True, slots=True)
class BratRelation:
    """One attribution event: its content, cue and source text-bounds (each may be absent)."""

    id: str
    content: TextBound | None
    cue: TextBound | None
    source: TextBound | None


@dataclass(frozen=True, slots=True)
class BratDocument:
    textbounds: dict[str, TextBound]
    relations: tuple[BratRelation, ...]


def _fragments(offsets: str, where: str) -> tuple[tuple[int, int], ...]:
    pieces = []
    for piece in offsets.split(";"):
        bounds = piece.split()
        if len(bounds) != 2:
            raise DataFormatError(f"{where}: bad offsets {offsets!r}")
        start, end = int(bounds[0]), int(bounds[1])
        if end < start:
            raise DataFormatError(f"{where}: span ends before it starts ({offsets!r})")
        pieces.append((start, end))
    return tuple(sorted(pieces))


def parse_ann(text: str, where: str = "<ann>") -> BratDocument:
    """Parse the contents of a brat ``.ann`` file."""
    textbounds: dict[str, TextBound] = {}
    events: list[tuple[str, dict[str, str]]] = []
    last_t: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if m := _T_LINE.match(line):
            tid, ttype, offsets, ttext = m.groups()
            textbounds[tid] = TextBound(tid, ttype, _fragments(offsets, f"{where}:{number}"), ttext)
            last_t = tid
        elif m := _E_LINE.match(line):
            roles: dict[str, str] = {}
            for arg in m.group(2).split():
                role, _, ref = arg.partition(":")
                roles[re.sub(r"\d+$", "", role)] = ref
            events.append((m.group(1), roles))
            last_t = None
        elif _OTHER_LINE.match(line):
            last_t = None
        elif last_t is not None:
            # The annotated text ran over a line break in the source document.
            tb = textbounds[last_t]
            textbounds[last_t] = TextBound(tb.id, tb.type, tb.fragments, tb.text + "\n" + line)
        elif line.strip():
            raise DataFormatError(f"{where}:{number}: not a brat standoff line: {line[:60]!r}")

    def get(ref: str | None) -> TextBound | None:
        return textbounds.get(ref) if ref else None

    relations = tuple(
        BratRelation(eid, get(roles.get("Content")), get(roles.get("Cue")), get(roles.get("Source")))
        for eid, roles in events
    )
    return BratDocument(textbounds, relations)


def read_ann(path: Path) -> BratDocument:
    """Read a brat ``.ann`` file (UTF-8)."""
    return parse_ann(path.read_text(encoding="utf-8"), str(path))
