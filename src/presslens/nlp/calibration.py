"""Calibrated confidence: a monotone map from a model's raw score to the chance it is right.

The map is fitted on development data (isotonic regression, by the trainer)
and stored as the corners of a piecewise-linear function, so applying it needs
nothing but a bisection.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Calibration"]


@dataclass(frozen=True, slots=True)
class Calibration:
    xs: tuple[float, ...]
    ys: tuple[float, ...]

    def __call__(self, raw: float) -> float:
        xs, ys = self.xs, self.ys
        if not xs:
            return raw
        if raw <= xs[0]:
            return ys[0]
        if raw >= xs[-1]:
            return ys[-1]
        i = bisect.bisect_right(xs, raw)
        x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (raw - x0) / (x1 - x0)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"xs": list(self.xs), "ys": list(self.ys)}), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Calibration:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(tuple(data["xs"]), tuple(data["ys"]))
