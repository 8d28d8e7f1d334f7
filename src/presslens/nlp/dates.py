"""Time expressions and what they mean, given the article's publication date.

spaCy's entity recognizer finds the expressions (``DATE`` entities: "on
Sunday", "in February", "last week", "Dec. 25, 2022"); this module reads them
and resolves the relative ones against an anchor date. News speaks of the
recent past, so a bare weekday or month means the latest one on or before the
publication date unless the words say otherwise ("next Sunday").

With no anchor, relative expressions stay unresolved and say why. Nothing here
guesses a year that the text and the anchor do not give.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["DateResolver", "Resolution", "resolve"]

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_RE = "|".join(_WEEKDAYS)

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
_WEEKDAY = re.compile(rf"\b(last|next|this|coming|past)?\s*({_DAY_RE})\b", re.I)
_RELATIVE_WORD = re.compile(r"\b(yesterday|today|tomorrow|tonight)\b", re.I)
_RELATIVE_UNIT = re.compile(r"\b(last|next|this|past|coming|previous)\s+(week|month|year)\b", re.I)
_AGO = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
                  r"\s+(day|week|month|year)s?\s+ago\b", re.I)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}


@dataclass(frozen=True, slots=True)
class Resolution:
    """What an expression means: an ISO ``value`` at a ``granularity``, or why it has none."""

    value: str | None
    granularity: str | None  # day | week | month | year
    relative: bool
    reason: str | None = None


def _shift_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    return dt.date(year, month % 12 + 1, 1)


def resolve(text: str, anchor: dt.date | None) -> Resolution:
    """Resolve one time expression against ``anchor`` (the publication date, or None)."""
    if m := _ISO.search(text):
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)), relative=False)
    if m := _MONTH_DAY_YEAR.search(text):
        return _dated(_MONTHS[m.group(1).lower()], int(m.group(2)), m.group(3), anchor)
    if m := _DAY_MONTH_YEAR.search(text):
        return _dated(_MONTHS[m.group(2).lower()], int(m.group(1)), m.group(3), anchor)
    if m := _RELATIVE_WORD.search(text):
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[m.group(1).lower()]
        if anchor is None:
            return _unresolved(f"'{m.group(1)}' is relative and the article has no publication date")
        return Resolution((anchor + dt.timedelta(days=offset)).isoformat(), "day", True)
    if m := _AGO.search(text):
        count = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1).lower()]
        unit = m.group(2).lower()
        if anchor is None:
            return _unresolved(f"'{m.group(0)}' is relative and the article has no publication date")
        if unit == "day":
            return Resolution((anchor - dt.timedelta(days=count)).isoformat(), "day", True)
        if unit == "week":
            return _week(anchor - dt.timedelta(weeks=count))
        if unit == "month":
            return Resolution(_shift_months(anchor, -count).strftime("%Y-%m"), "month", True)
        return Resolution(str(anchor.year - count), "year", True)
    if m := _WEEKDAY.search(text):
        if anchor is None:
            return _unresolved(f"'{m.group(0).strip()}' is relative and the article has no publication date")
        target = _WEEKDAYS[m.group(2).lower()]
        direction = (m.group(1) or "").lower()
        if direction in ("next", "coming"):
            delta = (target - anchor.weekday()) % 7 or 7
        else:  # news reports the recent past: the latest such day on or before the anchor
            delta = -((anchor.weekday() - target) % 7)
            if direction == "last" and delta == 0:
                delta = -7
        return Resolution((anchor + dt.timedelta(days=delta)).isoformat(), "day", True)
    if m := _RELATIVE_UNIT.search(text):
        if anchor is None:
            return _unresolved(f"'{m.group(0)}' is relative and the article has no publication date")
        step = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[m.group(1).lower()]
        unit = m.group(2).lower()
        if unit == "week":
            return _week(anchor + dt.timedelta(weeks=step))
        if unit == "month":
            return Resolution(_shift_months(anchor, step).strftime("%Y-%m"), "month", True)
        return Resolution(str(anchor.year + step), "year", True)
    if m := _MONTH_YEAR.search(text):
        month = _MONTHS[m.group(1).lower()]
        if m.group(2):
            return Resolution(f"{int(m.group(2)):04d}-{month:02d}", "month", False)
        if anchor is None:
            return _unresolved(f"'{m.group(1)}' names no year and the article has no publication date")
        year = anchor.year if month <= anchor.month else anchor.year - 1
        return Resolution(f"{year:04d}-{month:02d}", "month", True)
    if m := _YEAR.search(text):
        return Resolution(m.group(1), "year", False)
    return _unresolved("not a calendar date (a duration, an age or a vague time)")


def _unresolved(reason: str) -> Resolution:
    return Resolution(None, None, True, reason)


def _week(day: dt.date) -> Resolution:
    year, week, _ = day.isocalendar()
    return Resolution(f"{year}-W{week:02d}", "week", True)


def _day(year: int, month: int, day: int, *, relative: bool) -> Resolution:
    try:
        return Resolution(dt.date(year, month, day).isoformat(), "day", relative)
    except ValueError:
        return _unresolved(f"{year}-{month:02d}-{day:02d} is not a real date")


def _dated(month: int, day: int, year: str | None, anchor: dt.date | None) -> Resolution:
    if year:
        return _day(int(year), month, day, relative=False)
    if anchor is None:
        return _unresolved("the date names no year and the article has no publication date")
    candidate_year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    return _day(candidate_year, month, day, relative=True)


def parse_anchor(published: str | None) -> dt.date | None:
    """The publication date as a date, from an ISO date or datetime string."""
    if not published:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", published)
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


class DateResolver:
    """spaCy component: writes ``doc._.presslens_dates``, the ``DATE`` entities as character offsets.

    Resolution needs the publication date, which is the article's and not the
    text's, so the orchestrator calls :func:`resolve` when it builds records.
    """

    def __init__(self, nlp: Language, name: str = "presslens_dates") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.presslens_dates = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
