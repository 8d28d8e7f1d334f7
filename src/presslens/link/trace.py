"""Tracing a quote: which wordings are the same quote, and how they differ word by word.

Two wordings are linked when they share a run of at least ``min_run``
consecutive words (compared lowercased, punctuation ignored), or when the
shorter one (of at least ``min_words`` words) appears whole inside the other.
A long shared run survives the edits outlets make to a quote (a clause cut, a
sentence added) while two different quotes rarely share one. A short quote
edited in several places may keep no long run, so wordings whose words also
align for the most part (``min_ratio`` of them, in order) are linked too.
Linking is transitive: a wording edited twice is still found through the
intermediate wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from presslens.link.words import normalise_words, words

__all__ = [
    "MIN_RATIO",
    "MIN_RUN",
    "MIN_WORDS",
    "QuoteVariant",
    "WordEdit",
    "group_variants",
    "linked",
    "longest_shared_run",
    "word_edits",
]

#: Words two wordings must share in a row to count as the same quote.
MIN_RUN = 6
#: A wording shorter than the run still links when it is contained whole and has at least this many words.
MIN_WORDS = 3
#: Share of the words of two wordings that must align, in order, to link them without a long run.
MIN_RATIO = 0.6

EditOp = Literal["equal", "insert", "delete", "replace"]


@dataclass(frozen=True, slots=True)
class WordEdit:
    """One step from a base wording to a variant: ``before`` words become ``after`` words."""

    op: EditOp
    before: str = ""
    after: str = ""


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One wording of a quote and the indices (into the caller's list) of the occurrences using it."""

    text: str
    key: tuple[str, ...]
    members: tuple[int, ...]


def longest_shared_run(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest run of consecutive words ``a`` and ``b`` share."""
    if not a or not b:
        return 0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.find_longest_match(0, len(a), 0, len(b)).size


def linked(a: Sequence[str], b: Sequence[str], *, min_run: int = MIN_RUN, min_words: int = MIN_WORDS,
           min_ratio: float = MIN_RATIO) -> bool:
    """Whether two wordings (normalised word lists) are the same quote."""
    shorter = min(len(a), len(b))
    if shorter < min_words:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.find_longest_match(0, len(a), 0, len(b)).size >= min(min_run, shorter):
        return True
    return shorter >= max(min_words, 4) and matcher.ratio() >= min_ratio


def group_variants(texts: Sequence[str]) -> list[QuoteVariant]:
    """The distinct wordings among ``texts`` (in order of first use), each with the indices using it."""
    groups: dict[tuple[str, ...], list[int]] = {}
    first_text: dict[tuple[str, ...], str] = {}
    for i, text in enumerate(texts):
        key = tuple(normalise_words(text))
        groups.setdefault(key, []).append(i)
        first_text.setdefault(key, text)
    return [QuoteVariant(first_text[key], key, tuple(members)) for key, members in groups.items()]


def word_edits(base: str, variant: str) -> list[WordEdit]:
    """The word-level edits turning ``base`` into ``variant`` (words compared lowercased; shown as written)."""
    a_words, b_words = words(base), words(variant)
    matcher = SequenceMatcher(None, [w.lower() for w in a_words], [w.lower() for w in b_words], autojunk=False)
    edits = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        edits.append(WordEdit(op, " ".join(a_words[i1:i2]), " ".join(b_words[j1:j2])))
    return edits
