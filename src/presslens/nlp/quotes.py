"""Finding quotations by their marks, whatever marks the text uses.

News text mixes curly and straight quotes, doubled apostrophes (``''like
this''``), guillemets, single quotes for quotes inside quotes and for scare
quotes in headlines, and apostrophes that look exactly like closing single
quotes. The scanner pairs marks with a stack, one paragraph at a time, so a
stray or missing mark can only affect the paragraph it is in: a quote left
open at the end of a paragraph is closed there (``closed=False``), which is
also how multi-paragraph quotations are typeset (each paragraph opens, only
the last one closes).

This module works on plain strings and knows nothing of spaCy.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Quote", "QuoteIndex", "paragraphs", "scan_quotes"]

_OPEN_DOUBLE = {"“", "„", "«", "``"}
_CLOSE_DOUBLE = {"”", "»"}
_OPEN_SINGLE = {"‘", "‹", "‚"}
_CLOSE_SINGLE = {"’", "›"}
_AMBIGUOUS_DOUBLE = {'"', "''"}
_AMBIGUOUS_SINGLE = {"'"}

# Two apostrophes or two backticks stand for one double mark (NYT archive style).
_MARK = re.compile(r"''|``|[\"“”„«»‘’‚‹›']")
_OPENERS_BEFORE = set("([{—–-/:;,") | {"\u00a0"}


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: ``text[start:end]`` includes its marks, ``inner`` excludes them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    double: bool
    closed: bool
    depth: int

    @property
    def inner(self) -> tuple[int, int]:
        return (self.inner_start, self.inner_end)


class QuoteIndex:
    """The top-level quotations of a text, and which one holds a given offset.

    Top-level quotations never overlap (the scanner pairs marks with a stack),
    so the one that can hold an offset is the last one opening before it.
    """

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = [q for q in quotes if q.depth == 0]
        self.starts = [q.inner_start for q in self.quotes]

    @classmethod
    def of(cls, text: str) -> QuoteIndex:
        return cls(scan_quotes(text))

    def index_at(self, offset: int) -> int:
        """The index of the quotation whose words hold ``offset``, or -1."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0 and self.quotes[index].inner_start <= offset < self.quotes[index].inner_end:
            return index
        return -1

    def at(self, offset: int) -> Quote | None:
        """The quotation whose words hold ``offset``, if any."""
        index = self.index_at(offset)
        return self.quotes[index] if index >= 0 else None


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each paragraph: blocks between blank lines.

    Texts with no blank line at all (one sentence or paragraph per line) are
    split at every line break instead.
    """
    separator = re.compile(r"\n[ \t\u00a0]*\n\s*") if re.search(r"\n[ \t\u00a0]*\n", text) else re.compile(r"\n\s*")
    position = 0
    for m in separator.finditer(text):
        if m.start() > position:
            yield (position, m.start())
        position = m.end()
    if position < len(text):
        yield (position, len(text))


def _flanking(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether a mark at ``text[start:end]`` can open and can close a quotation."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    space_before = before.isspace() or before in _OPENERS_BEFORE or _MARK.match(before) is not None
    space_after = after.isspace() or (not after.isalnum() and after not in "$£€#@([")
    can_open = space_before and not after.isspace()
    can_close = not before.isspace() and (space_after or after in "'\"”’")
    return can_open, can_close


def scan_quotes(text: str, start: int = 0, end: int | None = None) -> list[Quote]:
    """All quotations in ``text[start:end]``, in order of their opening mark."""
    end = len(text) if end is None else end
    found: list[Quote] = []
    for p_start, p_end in paragraphs(text[start:end]):
        found.extend(_scan_paragraph(text, start + p_start, start + p_end))
    found.sort(key=lambda q: (q.start, -q.end))
    return found


def _scan_paragraph(text: str, start: int, end: int) -> list[Quote]:
    stack: list[tuple[int, int, bool]] = []  # (mark start, inner start, double)
    found: list[Quote] = []

    def close(index: int, mark_start: int, mark_end: int) -> None:
        # Quotes opened above the one being closed were never closed: they end here too.
        while len(stack) > index + 1:
            o_start, o_inner, o_double = stack.pop()
            if o_double:
                found.append(Quote(o_start, mark_start, o_inner, mark_start, True, False, len(stack)))
        o_start, o_inner, o_double = stack.pop()
        found.append(Quote(o_start, mark_end, o_inner, mark_start, o_double, True, len(stack)))

    def innermost(double: bool) -> int | None:
        for index in range(len(stack) - 1, -1, -1):
            if stack[index][2] == double:
                return index
        return None

    for m in _MARK.finditer(text, start, end):
        mark, m_start, m_end = m.group(), m.start(), m.end()
        before = text[m_start - 1] if m_start > start else " "
        after = text[m_end] if m_end < end else " "
        if before.isalnum() and after.isalnum() and mark in {"'", "’", '"'}:
            continue  # an apostrophe inside a word: don't, Pentagon’s, 12"3
        can_open, can_close = _flanking(text, m_start, m_end)
        double = mark in _OPEN_DOUBLE | _CLOSE_DOUBLE | _AMBIGUOUS_DOUBLE
        open_index = innermost(double)
        if mark in _OPEN_DOUBLE or mark in _OPEN_SINGLE:
            if mark in {"«", "„", "‚"} or can_open or open_index is None:
                stack.append((m_start, m_end, double))
            elif open_index is not None:
                close(open_index, m_start, m_end)  # an opening mark typed as a closing one
        elif mark in _CLOSE_DOUBLE or mark in _CLOSE_SINGLE:
            if open_index is not None and (can_close or mark in _CLOSE_DOUBLE):
                close(open_index, m_start, m_end)
            elif mark == "”" and can_open:
                stack.append((m_start, m_end, double))  # a closing mark typed as an opening one
            # else: a stray closing mark or a possessive apostrophe (Jones’): ignore it
        else:  # straight marks: decide by what is around them
            if open_index is not None and can_close:
                close(open_index, m_start, m_end)
            elif can_open:
                stack.append((m_start, m_end, double))
            elif open_index is not None and double:
                close(open_index, m_start, m_end)
    # Quotes left open run to the end of the paragraph; unclosed single marks were apostrophes.
    while stack:
        o_start, o_inner, o_double = stack.pop()
        if o_double:
            stripped_end = end
            while stripped_end > o_inner and text[stripped_end - 1].isspace():
                stripped_end -= 1
            found.append(Quote(o_start, stripped_end, o_inner, stripped_end, True, False, len(stack)))
    return found
