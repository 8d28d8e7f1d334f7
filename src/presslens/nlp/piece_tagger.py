"""Reading an article with the adapted MiniLM, piece by piece (the ``accurate`` extra).

The accurate taggers (techniques, attribution) score every word piece of an
article: the text is cut into word pieces, read in overlapping windows of a
fixed length (the encoder reads at most 512 pieces and costs more the longer
its input), and each piece gets the mean of its scores over the windows that
hold it. A tagger's output layer has one unit per channel (one for technique
spans; cue, source and content for attribution).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["PieceTagger", "PieceWindows", "batch_tensors", "cut_text", "piece_probabilities", "piece_targets",
           "read_pieces", "windows"]


def windows(n_pieces: int, length: int, stride: int) -> list[tuple[int, int]]:
    """Overlapping ``[start, end)`` windows of at most ``length`` pieces, ``stride`` apart, covering all."""
    if n_pieces == 0:
        return []
    spans = []
    start = 0
    while True:
        spans.append((start, min(start + length, n_pieces)))
        if start + length >= n_pieces:
            return spans
        start += stride


@dataclass(frozen=True, slots=True)
class PieceWindows:
    """An article cut into word pieces: their ids, character offsets, and the windows read."""

    ids: list[int]
    offsets: npt.NDArray[np.int64]
    spans: list[tuple[int, int]]


def cut_text(tokenizer: Any, text: str, length: int, stride: int) -> PieceWindows:
    """``text`` as word pieces, their character offsets, and the windows (``length`` pieces read at a time,
    ``stride`` apart) the encoder reads."""
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    offsets = np.asarray(encoded["offset_mapping"], dtype=np.int64).reshape(-1, 2)
    # a window holds two pieces fewer than the encoder reads: [CLS] and [SEP] go around it
    return PieceWindows(list(encoded["input_ids"]), offsets, windows(len(encoded["input_ids"]), length - 2, stride))


def batch_tensors(rows: Sequence[Sequence[int]], cls_id: int, sep_id: int) -> tuple[Any, Any]:
    """Padded input ids and attention mask for a batch of windows of piece ids ([CLS] window [SEP])."""
    import torch

    width = max(len(window) for window in rows) + 2
    tensor = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for row, window in enumerate(rows):
        sequence = [cls_id, *window, sep_id]
        tensor[row, :len(sequence)] = torch.tensor(sequence)
        mask[row, :len(sequence)] = 1
    return tensor, mask


def piece_targets(cut: PieceWindows, channels: Sequence[Sequence[tuple[int, int]]]) -> npt.NDArray[np.float32]:
    """Training targets: ``[piece, channel]`` is 1 where the piece overlaps one of that channel's spans."""
    targets = np.zeros((len(cut.ids), len(channels)), dtype=np.float32)
    starts, ends = cut.offsets[:, 0], cut.offsets[:, 1]
    for channel, spans in enumerate(channels):
        for start, end in spans:
            targets[(starts < end) & (ends > start), channel] = 1.0
    return targets


def piece_probabilities(encoder: Any, tokenizer: Any, weight: Any, bias: Any, cut: PieceWindows,
                        batch_size: int = 16) -> npt.NDArray[np.float32]:
    """``[piece, channel]`` probabilities from an output layer ``weight`` (hidden x channels) and ``bias``
    (channels) over the encoder's last hidden states, averaged over the windows that hold each piece."""
    return read_pieces(encoder, tokenizer, weight, bias, cut, batch_size)[0]


def read_pieces(encoder: Any, tokenizer: Any, weight: Any, bias: Any, cut: PieceWindows,
                batch_size: int = 16) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """:func:`piece_probabilities`, and the encoder's last hidden state of each piece (averaged over the
    windows that hold it, as the probabilities are), from the same pass."""
    import torch

    channels = int(bias.shape[0])
    total = np.zeros((len(cut.ids), channels), dtype=np.float64)
    states = np.zeros((len(cut.ids), int(weight.shape[0])), dtype=np.float64)
    count = np.zeros((len(cut.ids), 1), dtype=np.float64)
    with torch.inference_mode():
        for first in range(0, len(cut.spans), batch_size):
            batch = cut.spans[first:first + batch_size]
            ids, mask = batch_tensors([cut.ids[start:end] for start, end in batch], tokenizer.cls_token_id,
                                      tokenizer.sep_token_id)
            last = encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            probabilities = torch.sigmoid(last @ weight + bias).numpy()
            for row, (start, end) in enumerate(batch):
                total[start:end] += probabilities[row, 1:1 + end - start]
                states[start:end] += last[row, 1:1 + end - start].numpy()
                count[start:end] += 1
    scale = np.maximum(count, 1)
    return (total / scale).astype(np.float32), (states / scale).astype(np.float32)


class PieceTagger:
    """The adapted MiniLM with its output layer: per-piece, per-channel probabilities of a text."""

    def __init__(self, encoder: Any, tokenizer: Any, weight: Any, bias: Any, length: int, stride: int,
                 batch_size: int = 16) -> None:
        self._encoder = encoder
        self._tokenizer = tokenizer
        self._weight = weight
        self._bias = bias
        self.length = length
        self.stride = stride
        self.batch_size = batch_size

    @classmethod
    def from_arrays(cls, purpose: str, arrays: Mapping[str, npt.NDArray[np.float32]], scale: float, length: int,
                    stride: int) -> PieceTagger:
        """A tagger from stored arrays: the adapters and ``head.weight`` (channels x hidden, or one vector
        for one channel) and ``head.bias``. ``purpose`` names it in the error raised without the extra."""
        from presslens.nlp.adapters import adapted_encoder

        encoder, tokenizer = adapted_encoder(purpose, arrays, scale)
        import torch  # after adapted_encoder, which says how to install it when it is missing

        weight = np.atleast_2d(arrays["head.weight"].astype(np.float32)).T.copy()  # hidden x channels
        bias = np.atleast_1d(arrays["head.bias"].astype(np.float32))
        return cls(encoder, tokenizer, torch.from_numpy(weight), torch.from_numpy(bias), length, stride)

    def cut(self, text: str) -> PieceWindows:
        """``text`` as word pieces and the windows the encoder reads."""
        return cut_text(self._tokenizer, text, self.length, self.stride)

    def probabilities(self, cut: PieceWindows) -> npt.NDArray[np.float32]:
        """``[piece, channel]`` probabilities of a cut text."""
        return piece_probabilities(self._encoder, self._tokenizer, self._weight, self._bias, cut, self.batch_size)

    def read(self, cut: PieceWindows) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """:meth:`probabilities` and the encoder's hidden state of each piece, from one pass."""
        return read_pieces(self._encoder, self._tokenizer, self._weight, self._bias, cut, self.batch_size)
