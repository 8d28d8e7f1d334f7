"""Features of one text span for the technique classifier: which of the 14 techniques it uses.

The features need only the text and the span's offsets, so the same code
classifies gold spans (evaluation) and the spans the tagger finds
(analysis): words and word pairs of the span, character n-grams of its
words, the words of its sentence around it, cue-word lists, its length and
shape, and how often its words recur in the whole text (repetition is one
of the techniques). Every feature is hashed with CRC-32 into a fixed number
of buckets, which is deterministic across runs and machines.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass

from presslens.nlp.technique_lexicon import CUES, LEXICON_KEYS

__all__ = ["SpanContext", "span_features"]

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|[!?\"“”‘’]")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _bucket(feature: str, n_buckets: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) % n_buckets


@dataclass(slots=True)
class SpanContext:
    """What the features of every span of one text share: its word counts, computed once."""

    text: str
    word_counts: Counter[str]
    lower: str

    @classmethod
    def of(cls, text: str) -> SpanContext:
        lower = text.lower()
        return cls(text, Counter(w for w in _WORD.findall(lower) if w.isalnum()), lower)

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (or line) around ``[start, end)``, by punctuation and line breaks."""
        left = max((m.end() for m in _SENTENCE_END.finditer(self.text, max(0, start - 400), start)), default=0)
        right = _SENTENCE_END.search(self.text, end)
        return left, right.end() if right else len(self.text)


def span_features(context: SpanContext, start: int, end: int, n_buckets: int) -> dict[int, float]:
    """Hashed features of ``text[start:end]``: ``{bucket: value}``."""
    features: dict[int, float] = {}

    def add(name: str, value: float = 1.0) -> None:
        bucket = _bucket(name, n_buckets)
        features[bucket] = features.get(bucket, 0.0) + value

    span = context.lower[start:end]
    words = _WORD.findall(span)
    alnum = [w for w in words if w.isalnum()]
    for w in words:
        add(f"w={w}")
        for k in range(len(w) - 2):
            add(f"c={w[k:k + 4]}", 0.3)
    for a, b in itertools.pairwise(words):
        add(f"b={a}_{b}")
    if words:
        add(f"first={words[0]}")
        add(f"last={words[-1]}")
    left, right = context.sentence(start, end)
    before = _WORD.findall(context.lower[max(left, start - 60):start])[-3:]
    after = _WORD.findall(context.lower[end:min(right, end + 60)])[:3]
    for w in before:
        add(f"L={w}", 0.5)
    for w in after:
        add(f"R={w}", 0.5)
    for w in _WORD.findall(context.lower[left:right]):
        add(f"s={w}", 0.2)
    n_words = len(alnum)
    add("len_words", math.log1p(n_words))
    add("len_chars", math.log1p(end - start) / 2)
    add(f"len_bin={min(n_words, 12)}")
    add("whole_sentence", float(start - left <= 2 and right - end <= 2))
    original = context.text[start:end]
    add("capitals", sum(c.isupper() for c in original) / max(1, len(original)) * 3)
    add("exclaim", float("!" in original or "!" in context.text[end:end + 2]))
    add("question", float("?" in original or "?" in context.text[end:end + 2]))
    add("quoted", float(any(q in context.text[max(0, start - 2):end + 2] for q in "\"“”")))
    # Repetition: the span's words and the span itself used elsewhere in the text.
    recurrence = [max(1, context.word_counts[w]) for w in alnum]
    if recurrence:
        add("rep_max", math.log(max(recurrence)))
        add("rep_min", math.log(min(recurrence)))
        add(f"rep_min_bin={min(min(recurrence), 6)}")
    if span.strip():
        add("span_again", math.log(max(1, context.lower.count(span))))
    lemmas = set(alnum)
    for key in LEXICON_KEYS:
        hits = sum(1 for w in lemmas if w in CUES[key])
        if hits:
            add(f"cue={key}", min(hits, 3))
            add(f"cue={key}/len={min(n_words, 6)}")
    return features
