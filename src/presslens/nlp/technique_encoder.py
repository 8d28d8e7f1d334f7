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

__all__ = ["EncoderSettings", "EncoderTagger", "decode_pieces", "line_breaks", "load_encoder_tagger", "windows"]

def decode_pieces(offsets: npt.NDArray[np.int64], scores: npt.NDArray[np.float32], threshold: float, gap: int,
                  breaks: Sequence[int] = ()) -> list[tuple[int, int, float]]:
    """Character spans ``(start, end, mean score)`` of runs of pieces scoring at least ``threshold``.

    A run bridges up to ``gap`` pieces below the threshold but never a character position in ``breaks``
    (line breaks, say), and it starts and ends on pieces above the threshold."""
    barrier = np.asarray(sorted(breaks), dtype=np.int64)
    # blocked[j]: a break lies between piece j and piece j + 1
    starts = offsets[:, 0]
    blocked = np.searchsorted(barrier, starts[1:], side="right") > np.searchsorted(barrier, starts[:-1], side="right")
    on = scores >= threshold
    spans = []
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
        spans.append((int(offsets[i][0]), int(offsets[last][1]), float(scores[i:last + 1].mean())))
        i = last + 1
    return spans


@dataclass(frozen=True, slots=True)
class EncoderSettings:
    """How the tagger reads and decodes, as stored in ``config.json`` under ``encoder``."""

    rank: int
    scale: float
    length: int
    stride: int
    threshold: float
    gap: int

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> EncoderSettings:
        return cls(int(config["rank"]), float(config["scale"]), int(config["length"]), int(config["stride"]),
                   float(config["threshold"]), int(config["gap"]))


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

    def spans(self, text: str, breaks: Sequence[int] = ()) -> list[tuple[int, int, float]]:
        """Character spans ``(start, end, mean score)`` of ``text`` that the tagger marks."""
        cut = self.cut(text)
        if not cut.ids:
            return []
        scores = self.piece_scores(cut)
        return decode_pieces(cut.offsets, scores, self.settings.threshold, self.settings.gap,
                             [*breaks, *line_breaks(text)])


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
