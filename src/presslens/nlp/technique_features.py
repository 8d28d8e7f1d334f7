"""Cheap per-token features for the technique tagger, computed from what spaCy already has.

Everything here reuses the parse: the hashes spaCy keeps for each token's
lower-case form, lemma, shape, suffix, tag and dependency label, and the
96-wide ``doc.tensor`` written by ``en_core_web_sm``'s ``tok2vec``. Sparse
features are hashed into a fixed number of buckets with integer arithmetic
on those hashes (no strings are built), so extracting them costs a few numpy
operations per document. Training and inference call the same functions.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from spacy import attrs
from spacy.tokens import Doc

from presslens.nlp.technique_lexicon import LEXICON_KEYS, lexicon_hits

__all__ = ["DENSE_WIDTH", "N_TEMPLATES", "TokenFeatures", "token_features"]

_ATTRS = [attrs.LOWER, attrs.LEMMA, attrs.SHAPE, attrs.SUFFIX, attrs.PREFIX, attrs.POS, attrs.TAG, attrs.DEP,
          attrs.HEAD, attrs.ENT_TYPE, attrs.IS_PUNCT]
_LOWER, _LEMMA, _SHAPE, _SUFFIX, _PREFIX, _POS, _TAG, _DEP, _HEAD, _ENT, _PUNCT = range(len(_ATTRS))

_MIX = np.uint64(0x9E3779B97F4A7C15)
_SEED_MIX = 0xC2B2AE3D27D4EB4F
_MASK = (1 << 64) - 1
_PAD = np.uint64(0x5BD1E995)

#: Width of the tok2vec tensor of en_core_web_sm.
TENSOR_WIDTH = 96
#: Dense features per token: own vector, the mean of a +-3 token window, the sentence mean,
#: the lexicon indicators, and a few scalars (position in sentence, sentence length, quoted,
#: punctuation, and how often the token's lemma and its bigram recur in the doc).
DENSE_WIDTH = 3 * TENSOR_WIDTH + len(LEXICON_KEYS) + 6


def _hash(template: int, *columns: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    seed = np.uint64(((template + 1) * _SEED_MIX) & _MASK)
    value = np.full(columns[0].shape, seed, dtype=np.uint64)
    for column in columns:
        value = (value ^ column) * _MIX
        value ^= value >> np.uint64(29)
    return value


def _shift(column: npt.NDArray[np.uint64], by: int) -> npt.NDArray[np.uint64]:
    """``column`` moved ``by`` places (positive: the value of the token ``by`` to the left)."""
    out = np.full_like(column, _PAD)
    if by > 0:
        out[by:] = column[:-by]
    elif by < 0:
        out[:by] = column[-by:]
    else:
        out[:] = column
    return out


class TokenFeatures:
    """Features of one doc's tokens: ``hashed`` (tokens x templates, unreduced 64-bit hashes)
    and ``dense`` (tokens x DENSE_WIDTH, float32)."""

    __slots__ = ("dense", "hashed")

    def __init__(self, hashed: npt.NDArray[np.uint64], dense: npt.NDArray[np.float32]) -> None:
        self.hashed = hashed
        self.dense = dense

    def buckets(self, n_buckets: int) -> npt.NDArray[np.int64]:
        return (self.hashed % np.uint64(n_buckets)).astype(np.int64)


def _templates(a: npt.NDArray[np.uint64], sent_id: npt.NDArray[np.int64]) -> list[npt.NDArray[np.uint64]]:
    lower, lemma, shape, suffix, prefix = a[:, _LOWER], a[:, _LEMMA], a[:, _SHAPE], a[:, _SUFFIX], a[:, _PREFIX]
    pos, tag, dep = a[:, _POS], a[:, _TAG], a[:, _DEP]
    n = len(a)
    head = (np.arange(n, dtype=np.int64) + a[:, _HEAD].astype(np.int64)).clip(0, max(n - 1, 0))
    head_lemma = lemma[head]
    return [
        _hash(0, lower), _hash(1, lemma), _hash(2, shape), _hash(3, suffix), _hash(4, prefix, shape),
        _hash(5, tag), _hash(6, dep), _hash(7, a[:, _ENT]),
        _hash(8, _shift(lower, 1)), _hash(9, _shift(lower, -1)), _hash(10, _shift(lower, 2)),
        _hash(11, _shift(lower, -2)),
        _hash(12, _shift(lower, 1), lower), _hash(13, lower, _shift(lower, -1)),
        _hash(14, _shift(lower, 2), _shift(lower, 1), lower), _hash(15, lower, _shift(lower, -1), _shift(lower, -2)),
        _hash(16, _shift(pos, 1), pos, _shift(pos, -1)),
        _hash(17, dep, head_lemma), _hash(18, head_lemma),
        _hash(19, _shift(tag, 1), tag), _hash(20, tag, _shift(tag, -1)),
        _hash(21, _shift(lemma, 1), lemma, _shift(lemma, -1)),
        # Whether the token sits at the start or end of its sentence, and near which words.
        _hash(22, (np.diff(sent_id, prepend=-1) != 0).astype(np.uint64), pos),
        _hash(23, (np.diff(sent_id, append=sent_id[-1] + 1 if n else 0) != 0).astype(np.uint64), pos),
    ]


#: How many hashed templates each token has.
N_TEMPLATES = 24


def _recurrence(keys: npt.NDArray[np.uint64], content: npt.NDArray[np.bool_]) -> npt.NDArray[np.float32]:
    """log(1 + other uses in the doc) of each content token's key; 0 for stop words and punctuation."""
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return (np.log1p(counts[inverse] - 1) * content).astype(np.float32)


def quoted_tokens(doc: Doc) -> npt.NDArray[np.bool_]:
    """Per token: whether the voice partition (``doc._.presslens_voice``) puts it inside a quotation."""
    quoted = np.zeros(len(doc), dtype=bool)
    for run in doc._.presslens_voice or []:
        if run.mode == "quoted":
            span = doc.char_span(run.start, run.end, alignment_mode="expand")
            if span is not None:
                quoted[span.start:span.end] = True
    return quoted


def token_features(doc: Doc, quoted: npt.NDArray[np.bool_] | None = None) -> TokenFeatures:
    """The features of every token of ``doc`` (needs a parse and ``doc.tensor``).

    ``quoted`` marks tokens inside quotation marks, when the caller knows them."""
    n = len(doc)
    if n == 0:
        return TokenFeatures(np.zeros((0, N_TEMPLATES), np.uint64), np.zeros((0, DENSE_WIDTH), np.float32))
    a = doc.to_array(_ATTRS).astype(np.uint64).reshape(n, len(_ATTRS))
    is_start = doc.to_array([attrs.SENT_START]).reshape(n).astype(np.int64) == 1
    is_start[0] = True
    sent_id = np.cumsum(is_start) - 1
    sent_starts = np.flatnonzero(is_start)
    hashed = np.stack(_templates(a, sent_id), axis=1)

    tensor = doc.tensor if doc.tensor is not None and doc.tensor.shape == (n, TENSOR_WIDTH) else None
    if tensor is None:
        tensor = np.zeros((n, TENSOR_WIDTH), dtype=np.float32)
    tensor = np.asarray(tensor, dtype=np.float32)
    padded = np.concatenate([np.zeros((3, TENSOR_WIDTH), np.float32), tensor, np.zeros((3, TENSOR_WIDTH), np.float32)])
    cumulative = np.concatenate([np.zeros((1, TENSOR_WIDTH), np.float32), np.cumsum(padded, axis=0)])
    window = (cumulative[7:] - cumulative[:-7]) / 7.0
    n_sents = int(sent_id[-1]) + 1
    counts = np.bincount(sent_id, minlength=n_sents).astype(np.float32)
    sums = np.zeros((n_sents, TENSOR_WIDTH), np.float32)
    np.add.at(sums, sent_id, tensor)
    sentence = (sums / counts[:, None])[sent_id]
    starts = np.asarray(sent_starts, dtype=np.int64)[sent_id]
    position = (np.arange(n) - starts) / np.maximum(counts[sent_id], 1)
    lexicon = lexicon_hits(doc)
    content = ~doc.to_array([attrs.IS_STOP]).astype(bool).reshape(n) & ~a[:, _PUNCT].astype(bool)
    bigrams = _hash(99, a[:, _LEMMA], _shift(a[:, _LEMMA], -1))
    repeats = _recurrence(a[:, _LEMMA], content), _recurrence(bigrams, content)
    scalars = np.stack([
        position, np.log1p(counts[sent_id]) / 4.0,
        quoted.astype(np.float32) if quoted is not None else np.zeros(n, np.float32),
        a[:, _PUNCT].astype(np.float32), *repeats,
    ], axis=1).astype(np.float32)
    dense = np.concatenate([tensor, window, sentence, lexicon, scalars], axis=1).astype(np.float32)
    return TokenFeatures(hashed, dense)
