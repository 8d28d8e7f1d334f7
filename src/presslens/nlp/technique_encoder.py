"""The accurate technique tagger: MiniLM adapted to span identification (the ``accurate`` extra).

MiniLM with low-rank adapters (:mod:`presslens.nlp.adapters`), trained by
``presslens train techniques --accurate``, plus one output unit per word
piece: the probability that the piece lies in a technique span. presslens
ships the adapters and that unit (``encoder.npz``, a few MB); inference costs
one MiniLM forward pass per window.

Articles longer than a window are read in overlapping windows
(:mod:`presslens.nlp.piece_tagger`); a piece's score is the mean over the
windows that contain it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from presslens.errors import ModelNotFoundError
from presslens.nlp.adapters import ADAPTERS_FILE, read_adapters
from presslens.nlp.piece_tagger import PieceTagger, PieceWindows, windows

__all__ = ["CLASSIFIER_FILE", "EncoderReading", "EncoderSettings", "EncoderTagger", "SpanClassifier", "TokenScores",
           "blend_classes", "blend_token_scores", "decode_pieces", "line_breaks", "load_encoder_tagger", "piece_runs",
           "span_vector", "whole_words", "windows"]

#: The file, beside the adapters, that holds the technique classifier over the encoder's hidden states.
CLASSIFIER_FILE = "encoder_classifier.npz"

def piece_runs(offsets: npt.NDArray[np.int64], scores: npt.NDArray[np.float32], threshold: float, gap: int,
               breaks: Sequence[int] = ()) -> list[tuple[int, int]]:
    """``(first, last)`` piece indices of the runs of pieces scoring at least ``threshold``.

    A run bridges up to ``gap`` pieces below the threshold but never a character position in ``breaks``
    (line breaks, say), and it starts and ends on pieces above the threshold."""
    barrier = np.asarray(sorted(breaks), dtype=np.int64)
    # blocked[j]: a break lies between piece j and piece j + 1
    starts = offsets[:, 0]
    blocked = np.searchsorted(barrier, starts[1:], side="right") > np.searchsorted(barrier, starts[:-1], side="right")
    on = scores >= threshold
    runs = []
    i, n = 0, len(scores)
    while i < n:
        if not on[i]:
            i += 1
            continue
        j = last = i
        while j + 1 < n and not blocked[j] and on[j + 1:j + 2 + gap].any():
            j += 1
            if on[j]:
                last = j
        runs.append((i, last))
        i = last + 1
    return runs


def decode_pieces(offsets: npt.NDArray[np.int64], scores: npt.NDArray[np.float32], threshold: float, gap: int,
                  breaks: Sequence[int] = (), peak: float | None = None) -> list[tuple[int, int, float]]:
    """Character spans ``(start, end, mean score)`` of the :func:`piece_runs` of ``scores``.

    With ``peak``, a run is kept only where one of its pieces scores at least ``peak``: the threshold
    draws a span's edges, the peak decides whether there is a span at all."""
    floor = threshold if peak is None else peak
    spans = []
    for first, last in piece_runs(offsets, scores, threshold, gap, breaks):
        run = scores[first:last + 1]
        if run.max() >= floor:
            spans.append((int(offsets[first][0]), int(offsets[last][1]), float(run.mean())))
    return spans


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened so that it neither starts nor ends inside a word."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def blend_token_scores(offsets: npt.NDArray[np.int64], scores: npt.NDArray[np.float32],
                       token_ends: npt.NDArray[np.int64], token_scores: npt.NDArray[np.float32],
                       weight: float) -> npt.NDArray[np.float32]:
    """Piece scores mixed with the scores of the tokens (of another tagger) the pieces fall in:
    ``(1 - weight) * piece + weight * token``. ``token_ends`` are the tokens' end offsets, in order."""
    if weight == 0.0 or len(token_ends) == 0:
        return scores
    token = np.clip(np.searchsorted(token_ends, offsets[:, 0], side="right"), 0, len(token_ends) - 1)
    mixed: npt.NDArray[np.float32] = ((1.0 - weight) * scores + weight * token_scores[token]).astype(np.float32)
    return mixed


@dataclass(frozen=True, slots=True)
class EncoderSettings:
    """How the tagger reads and decodes, as stored in ``config.json`` under ``encoder``.

    ``peak`` and ``fast_weight`` came later: a model stored without them decodes as before (a run is kept
    when it passes ``threshold``, and the fast tagger's scores are not mixed in)."""

    rank: int
    scale: float
    length: int
    stride: int
    threshold: float
    gap: int
    peak: float
    fast_weight: float = 0.0
    #: How much the encoder's technique classifier counts against the fast one (0: not at all).
    classifier_weight: float = 0.0

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> EncoderSettings:
        threshold = float(config["threshold"])
        return cls(int(config["rank"]), float(config["scale"]), int(config["length"]), int(config["stride"]),
                   threshold, int(config["gap"]), float(config.get("peak", threshold)),
                   float(config.get("fast_weight", 0.0)), float(config.get("classifier_weight", 0.0)))


def span_vector(text: str, offsets: npt.NDArray[np.int64], states: npt.NDArray[np.float32], start: int,
                end: int) -> npt.NDArray[np.float32]:
    """What the encoder's classifier reads of ``text[start:end]``: the mean and the maximum of its pieces'
    hidden states, then the mean over the line it stands in."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    inside = (offsets[:, 0] < end) & (offsets[:, 1] > start)
    line = (offsets[:, 0] < line_end) & (offsets[:, 1] > line_start)
    width = states.shape[1]
    parts = [states[inside].mean(0), states[inside].max(0)] if inside.any() else [np.zeros(width)] * 2
    parts.append(states[line].mean(0) if line.any() else np.zeros(width))
    return np.concatenate(parts).astype(np.float32)


@dataclass(frozen=True, slots=True)
class SpanClassifier:
    """Multinomial logistic regression over :func:`span_vector` (standardised): the probability of each
    technique class for a span, as the adapted encoder reads it."""

    weight: npt.NDArray[np.float32]  # features x classes
    bias: npt.NDArray[np.float32]
    mean: npt.NDArray[np.float32]
    scale: npt.NDArray[np.float32]

    @classmethod
    def load(cls, path: Path) -> SpanClassifier:
        with np.load(path) as stored:
            return cls(stored["weight"], stored["bias"], stored["mean"], stored["scale"])

    def save(self, path: Path) -> None:
        np.savez(path, weight=self.weight, bias=self.bias, mean=self.mean, scale=self.scale)

    def probabilities(self, vector: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        logits = ((vector - self.mean) / self.scale) @ self.weight + self.bias
        exp = np.exp(logits - logits.max())
        result: npt.NDArray[np.float32] = (exp / exp.sum()).astype(np.float32)
        return result


def blend_classes(fast: npt.NDArray[np.float32], encoder: npt.NDArray[np.float32],
                  weight: float) -> npt.NDArray[np.float32]:
    """Two classifiers' probabilities over the same classes, mixed as a weighted geometric mean
    (``weight`` for ``encoder``) and renormalised."""
    logits = (1.0 - weight) * np.log(fast + 1e-6) + weight * np.log(encoder + 1e-6)
    exp = np.exp(logits - logits.max())
    result: npt.NDArray[np.float32] = (exp / exp.sum()).astype(np.float32)
    return result


@dataclass(frozen=True, slots=True)
class EncoderReading:
    """One pass of the encoder over a text: its pieces, each piece's span score and hidden state."""

    text: str
    cut: PieceWindows
    scores: npt.NDArray[np.float32]
    states: npt.NDArray[np.float32]


#: The fast tagger's scores for the tokens of a text: their end offsets and the span probability of each.
TokenScores = tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]


class EncoderTagger:
    """Per-piece technique-span scores from the adapted MiniLM, and the spans they decode to."""

    def __init__(self, pieces: PieceTagger, settings: EncoderSettings,
                 classifier: SpanClassifier | None = None) -> None:
        self.pieces = pieces
        self.settings = settings
        #: the technique classifier over hidden states, where one was trained beside the adapters
        self.classifier = classifier

    def cut(self, text: str) -> PieceWindows:
        """``text`` as word pieces and the windows the encoder reads."""
        return self.pieces.cut(text)

    @property
    def classifies(self) -> bool:
        """Whether the encoder's technique classifier is stored and counts (a weight above 0)."""
        return self.classifier is not None and self.settings.classifier_weight > 0

    def read(self, text: str) -> EncoderReading:
        """One encoder pass over ``text``: what :meth:`spans` and :meth:`classes` need."""
        cut = self.cut(text)
        if not cut.ids:
            empty = np.zeros((0, 0), np.float32)
            return EncoderReading(text, cut, np.zeros(0, np.float32), empty)
        probabilities, states = self.pieces.read(cut)
        return EncoderReading(text, cut, probabilities[:, 0], states)

    def spans(self, text: str | EncoderReading, breaks: Sequence[int] = (),
              fast: TokenScores | None = None) -> list[tuple[int, int, float]]:
        """Character spans ``(start, end, mean score)`` of ``text`` that the tagger marks, in whole words.
        ``fast`` holds the fast tagger's token scores, mixed in where the settings say so."""
        reading = self.read(text) if isinstance(text, str) else text
        if not reading.cut.ids:
            return []
        return self.decode(reading.text, reading.cut, reading.scores, breaks, fast)

    def classes(self, reading: EncoderReading, start: int, end: int) -> npt.NDArray[np.float32] | None:
        """The encoder classifier's probability of each technique class for ``[start, end)``, or ``None``
        where there is no classifier, or it does not count (weight 0), or the text has no pieces."""
        if self.classifier is None or not self.classifies or not reading.cut.ids:
            return None
        return self.classifier.probabilities(span_vector(reading.text, reading.cut.offsets, reading.states,
                                                         start, end))

    def decode(self, text: str, cut: PieceWindows, scores: npt.NDArray[np.float32], breaks: Sequence[int] = (),
               fast: TokenScores | None = None) -> list[tuple[int, int, float]]:
        """:meth:`spans` from piece scores already computed."""
        settings = self.settings
        if fast is not None:
            scores = blend_token_scores(cut.offsets, scores, fast[0], fast[1], settings.fast_weight)
        spans = decode_pieces(cut.offsets, scores, settings.threshold, settings.gap, [*breaks, *line_breaks(text)],
                              settings.peak)
        return [(*whole_words(text, start, end), score) for start, end, score in spans]


def line_breaks(text: str) -> list[int]:
    """The positions of the line breaks in ``text`` (a technique span never crosses one)."""
    return [match.start() for match in re.finditer("\n", text)]


@lru_cache(maxsize=2)
def load_encoder_tagger(directory: str) -> EncoderTagger:
    """The accurate tagger stored in the technique model folder ``directory``."""
    folder = Path(directory)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    if "encoder" not in config or not (folder / ADAPTERS_FILE).is_file():
        raise ModelNotFoundError(
            f"no accurate technique tagger in {folder}. To fix: train one with "
            "`presslens train techniques --data DIR --accurate` (needs the accurate and train-torch extras), "
            "or use the fast mode"
        )
    settings = EncoderSettings.from_config(config["encoder"])
    pieces = PieceTagger.from_arrays("the accurate technique tagger", read_adapters(folder), settings.scale,
                                     settings.length, settings.stride)
    classifier = SpanClassifier.load(folder / CLASSIFIER_FILE) if (folder / CLASSIFIER_FILE).is_file() else None
    return EncoderTagger(pieces, settings, classifier)
