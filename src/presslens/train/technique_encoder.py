"""Training the accurate technique tagger (``presslens train techniques --accurate``).

A one-channel piece tagger (:mod:`presslens.train.piece_tagger`): it learns to
mark the word pieces inside technique spans (the span labels of all techniques,
merged). See :mod:`presslens.nlp.technique_encoder` for how the result is read back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from presslens.eval.ptc import merge_spans
from presslens.train.piece_tagger import PieceTaggerOptions, train_piece_tagger

__all__ = ["EncoderOptions", "train_encoder"]

#: The technique tagger's training options (those of any piece tagger).
EncoderOptions = PieceTaggerOptions


def train_encoder(texts: Mapping[str, str], spans: Mapping[str, Sequence[tuple[int, int]]], train_ids: Sequence[str],
                  options: EncoderOptions, progress: Callable[[str], None]) -> dict[str, npt.NDArray[np.float32]]:
    """Train the adapters on ``train_ids``; returns the arrays to store in ``encoder.npz``."""
    articles = [(texts[article], [merge_spans(spans.get(article, ()))]) for article in train_ids]
    stored = train_piece_tagger("the accurate technique tagger", articles, 1, options, progress)
    stored["head.weight"] = stored["head.weight"][0]  # one channel, stored as a vector
    return stored
