"""Shipped model weights, one folder per model, each with ``card.json`` and ``MODEL_CARD.md``.

Weights are produced by ``presslens train <name>``; nothing here is downloaded.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["model_dir"]

MODELS = Path(__file__).parent


def model_dir(name: str) -> Path:
    """The folder of the shipped model ``name``."""
    return MODELS / name
