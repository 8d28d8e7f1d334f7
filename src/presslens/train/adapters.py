"""Training low-rank adapters on the frozen MiniLM encoder (see :mod:`presslens.nlp.adapters`)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

from presslens.errors import OptionalDependencyError
from presslens.nlp.adapters import ADAPTED_LAYERS, base_encoder, module_at

__all__ = ["AdaptedEncoder", "Optimiser", "adapt_encoder"]


class AdaptedEncoder:
    """A MiniLM encoder with trainable adapters attached, ready for an optimizer."""

    def __init__(self, encoder: Any, tokenizer: Any, adapters: dict[str, Any]) -> None:
        self.encoder = encoder
        self.tokenizer = tokenizer
        self.adapters = adapters

    def trainable(self) -> list[Any]:
        """The parameters training updates: the adapters and the layer norms."""
        return [p for p in self.encoder.parameters() if p.requires_grad]

    def state(self) -> dict[str, npt.NDArray[np.float32]]:
        """The arrays to store (what :func:`presslens.nlp.adapters.adapted_encoder` reads back)."""
        stored: dict[str, npt.NDArray[np.float32]] = {}
        for key, adapter in self.adapters.items():
            stored[f"{key}.down"] = adapter.down.detach().numpy().astype(np.float32)
            stored[f"{key}.up"] = adapter.up.detach().numpy().astype(np.float32)
        for number, block in enumerate(self.encoder.encoder.layer):
            for name, parameter in block.named_parameters():
                if "LayerNorm" in name:
                    stored[f"{number}.{name}"] = parameter.detach().numpy().astype(np.float32)
        return stored


class Optimiser:
    """AdamW over ``parameters`` with a linear warm-up over ``warmup`` steps, then a linear decay to zero at
    ``steps``, and gradients clipped to norm 1: how both adapter trainers update."""

    def __init__(self, parameters: Iterable[Any], learning_rate: float, steps: int, warmup: int) -> None:
        import torch

        self._parameters = list(parameters)
        self._optimizer = torch.optim.AdamW(self._parameters, lr=learning_rate, weight_decay=0.01)
        self._schedule = torch.optim.lr_scheduler.LambdaLR(
            self._optimizer, lambda n: min(1.0, (n + 1) / warmup) * max(0.0, (steps - n) / steps))

    def step(self, loss: Any) -> None:
        """One update from ``loss``."""
        import torch

        self._optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self._parameters, 1.0)
        self._optimizer.step()
        self._schedule.step()


def adapt_encoder(purpose: str, rank: int, scale: float) -> AdaptedEncoder:
    """The plain MiniLM encoder, frozen, with a fresh rank-``rank`` adapter on each linear layer of its blocks
    and trainable layer norms."""
    try:
        import torch
        from torch import nn
    except ImportError as e:
        raise OptionalDependencyError(purpose, "train-torch") from e

    # torch is an optional extra: where it is not installed mypy sees nn.Module as Any (subclassing Any
    # is an error in strict mode); where it is, the class checks clean and the ignore is unused.
    class LowRank(nn.Module):  # type: ignore[misc, unused-ignore]
        def __init__(self, base: Any) -> None:
            super().__init__()
            self.base = base
            self.down = nn.Parameter(torch.randn(rank, base.in_features) / math.sqrt(base.in_features))
            self.up = nn.Parameter(torch.zeros(base.out_features, rank))

        def forward(self, x: Any) -> Any:
            return self.base(x) + (x @ self.down.T @ self.up.T) * scale

    encoder, tokenizer = base_encoder(purpose)
    for parameter in encoder.parameters():
        parameter.requires_grad = False
    adapters: dict[str, Any] = {}
    for number, block in enumerate(encoder.encoder.layer):
        for path in ADAPTED_LAYERS:
            holder_path, _, attribute = path.rpartition(".")
            holder = module_at(block, holder_path)
            adapters[f"{number}.{path}"] = LowRank(getattr(holder, attribute))
            setattr(holder, attribute, adapters[f"{number}.{path}"])
        for name, parameter in block.named_parameters():
            if "LayerNorm" in name:
                parameter.requires_grad = True
    return AdaptedEncoder(encoder, tokenizer, adapters)
