"""Sparse linear models: the learned parts of presslens's components.

A model is a bias and a weight per string feature; scoring a feature list is a
sum of dictionary lookups, so inference needs nothing beyond the standard
library and costs microseconds. Training happens elsewhere
(:mod:`presslens.train`, with scikit-learn); models are stored as gzipped JSON.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LinearModel"]


@dataclass(frozen=True, slots=True)
class LinearModel:
    weights: dict[str, float]
    bias: float = 0.0
    #: Decision threshold on the probability, tuned on development data.
    threshold: float = 0.5

    def score(self, features: Iterable[str]) -> float:
        """The raw linear score (log-odds)."""
        get = self.weights.get
        return self.bias + sum(get(f, 0.0) for f in features)

    def probability(self, features: Iterable[str]) -> float:
        return self.probability_of_score(self.score(features))

    @staticmethod
    def probability_of_score(s: float) -> float:
        """The logistic function of a score."""
        if s >= 0:
            return 1.0 / (1.0 + math.exp(-s))
        e = math.exp(s)
        return e / (1.0 + e)

    def save(self, path: Path) -> None:
        data = {"bias": self.bias, "threshold": self.threshold, "weights": self.weights}
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            json.dump(data, handle, separators=(",", ":"), sort_keys=True)

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        return cls(weights=data["weights"], bias=data["bias"], threshold=data.get("threshold", 0.5))
