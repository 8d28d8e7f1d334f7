"""Words out of running text, the same way for every linker.

Tokens are runs of letters and digits, with inner hyphens and apostrophes kept
("far-right", "don't"). Typographic apostrophes are folded to ``'`` so a quote
copied with different punctuation still matches word for word.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise_words", "words"]

_WORD = re.compile(r"\w+(?:['\-]\w+)*")
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "‐": "-", "‑": "-", "–": "-"})


def _prepare(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


def words(text: str) -> list[str]:
    """The words of ``text`` as written (case kept)."""
    return _WORD.findall(_prepare(text))


def normalise_words(text: str) -> list[str]:
    """The words of ``text`` lowercased, for comparing wordings."""
    return [w.lower() for w in words(text)]
