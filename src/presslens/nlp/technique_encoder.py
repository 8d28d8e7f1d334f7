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

__all__ = ["EncoderSettings", "EncoderTagger", "TokenScores", "blend_token_scores", "decode_pieces", "line_breaks",
           "load_encoder_tagger", "piece_runs", "whole_words", "windows"]

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

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> EncoderSettings:
        threshold = float(config["threshold"])
        return cls(int(config["rank"]), float(config["scale"]), int(config["length"]), int(config["stride"]),
                   threshold, int(config["gap"]), float(config.get("peak", threshold)),
                   float(config.get("fast_weight", 0.0)))


#: The fast tagger's scores for the tokens of a text: their end offsets and the span probability of each.
TokenScores = tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]


class EncoderTagger:
    """Per-piece technique-span scores from the adapted MiniLM, and the spans they decode to."""

    def __init__(self, pieces: PieceTagger, settings: EncoderSettings) -> None:
        self.pieces = pieces
        self.settings = settings

    def cut(self, text: str) -> PieceWindows:
        """``text`` as word pieces and the windows the encoder reads."""
        return self.pieces.cut(text)

    def piece_scores(self, cut: PieceWindows) -> npt.NDArray[np.float32]:
        """The probability, per word piece, that it lies in a technique span."""
        return self.pieces.probabilities(cut)[:, 0]

    def spans(self, text: str, breaks: Sequence[int] = (),
              fast: TokenScores | None = None) -> list[tuple[int, int, float]]:
        """Character spans ``(start, end, mean score)`` of ``text`` that the tagger marks, in whole words.
        ``fast`` holds the fast tagger's token scores, mixed in where the settings say so."""
        cut = self.cut(text)
        if not cut.ids:
            return []
        return self.decode(text, cut, self.piece_scores(cut), breaks, fast)

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
    return EncoderTagger(pieces, settings)
