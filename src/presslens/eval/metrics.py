"""Precision, recall and F1, shared by every scorer."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PRF", "prf"]


@dataclass(frozen=True, slots=True)
class PRF:
    p: float
    r: float
    f1: float

    def as_dict(self, digits: int = 4) -> dict[str, float]:
        return {"p": round(self.p, digits), "r": round(self.r, digits), "f1": round(self.f1, digits)}


def prf(correct: float, predicted: float, gold: float) -> PRF:
    """Scores from counts; 0 where a denominator is 0."""
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f1)
