"""How check-worthy a sentence is: cheap features from the parsed ``Doc``, and a linear model.

The fast scorer reuses what ``en_core_web_sm`` has already computed for the
article, so scoring a sentence costs almost nothing on top of the parse:

* **hashed n-grams**: lower-cased word unigrams and bigrams, plus the
  sentence's tags and entity labels as pseudo-words, hashed into a fixed number
  of buckets through the 64-bit hashes spaCy keeps for every token (no
  vocabulary to ship);
* **dense features**: the mean of the tok2vec vectors (``doc.tensor``) over
  the sentence, and a handful of lexical cues a fact-checker looks for
  (numbers, quantities, comparisons, named entities, first person, modals,
  questions).

The model is logistic regression over both, stored as ``.npz`` arrays and
applied with numpy. It is trained by ``presslens train checkworthy``. An
optional ``accurate`` model is a linear head over sentence embeddings from
MiniLM with adapters trained for the task (the ``accurate`` extra,
:mod:`presslens.nlp.encoder`).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from presslens.errors import ConfigError, ModelNotFoundError
from presslens.models import model_dir

__all__ = [
    "CUE_NAMES", "MODEL_NAME", "N_BUCKETS", "LinearCheckworthiness", "SentenceFeatures", "available_modes",
    "entities_by_span", "featurize", "featurize_texts", "load_checkworthiness", "score_texts",
]

#: The shipped model's folder name under ``presslens/models``.
MODEL_NAME = "checkworthy"

#: Number of hash buckets of the n-gram features (a power of two).
N_BUCKETS = 1 << 18
_MASK = np.uint64(N_BUCKETS - 1)
# An odd 64-bit multiplier mixes the first word of a bigram before it is combined with the second.
_BIGRAM_MIX = np.uint64(0x9E3779B97F4A7C15)

_NUMERIC_ENTS = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
_TIME_ENTS = frozenset({"DATE", "TIME"})
_NAMED_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "mine", "ours"})
_SECOND_PERSON = frozenset({"you", "your", "yours"})
_PREDICTIVE_MODALS = frozenset({"will", "'ll", "wo", "shall", "would", "going"})
_HEDGES = frozenset({"think", "believe", "feel", "hope", "guess", "suppose", "maybe", "perhaps", "probably"})

#: The lexical cues, in the order of the dense feature vector after the tok2vec mean.
CUE_NAMES = (
    "log_tokens", "digit", "numeric_entity", "time_entity", "named_entity", "ordinal",
    "comparative", "superlative", "first_person", "second_person", "predictive_modal",
    "hedge", "past_tense", "question", "exclamation", "percent_word",
)


def _hash(text: str) -> int:
    return int(get_string_id(text))


# Pseudo-words for the sentence's fine-grained tags and entity labels.
_TAG_KEYS: dict[str, int] = {}
_ENT_KEYS: dict[str, int] = {}


def _key(table: dict[str, int], prefix: str, label: str) -> int:
    key = table.get(label)
    if key is None:
        key = table[label] = _hash(f"{prefix}{label}")
    return key


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """The features of a batch of sentences: bucket ids per sentence and a dense matrix."""

    buckets: list[np.ndarray]
    dense: np.ndarray


def entities_by_span(doc: Doc, spans: Sequence[Span]) -> list[list[Span]]:
    """The entities inside each span, from one pass over ``doc.ents`` (``span.ents`` walks the
    whole doc on every call)."""
    ents = list(doc.ents)
    starts = [e.start for e in ents]
    inside = []
    for span in spans:
        found = []
        for ent in ents[bisect.bisect_left(starts, span.start):]:
            if ent.start >= span.end:
                break
            if ent.end <= span.end:
                found.append(ent)
        inside.append(found)
    return inside


def _ids(words: Iterable[str]) -> np.ndarray:
    return np.array([get_string_id(w) for w in words], dtype=np.uint64)


# Per-token cue flags, counted over each span with prefix sums: one numpy pass per doc instead of
# a Python loop over the tokens of every span.
_FLAG_SETS = (
    ("tag", _ids(("JJR", "RBR"))), ("tag", _ids(("JJS", "RBS"))), ("tag", _ids(("VBD",))),
    ("lower", _ids(_FIRST_PERSON)), ("lower", _ids(_SECOND_PERSON)), ("lower", _ids(_PREDICTIVE_MODALS)),
    ("lemma", _ids(_HEDGES)), ("lower", _ids(("percent", "%", "million", "billion", "trillion", "thousand"))),
)
_ATTRS: list[int | str] = ["LOWER", "TAG", "LEMMA", "IS_PUNCT", "IS_SPACE", "LIKE_NUM", "IS_DIGIT"]


class _DocArrays:
    """What featurising needs from a doc, as arrays over its tokens."""

    def __init__(self, doc: Doc) -> None:
        table = doc.to_array(_ATTRS).astype(np.uint64).reshape(len(doc), len(_ATTRS))
        columns = {"lower": table[:, 0], "tag": table[:, 1], "lemma": table[:, 2]}
        self.lower = columns["lower"]
        self.word = (table[:, 3] == 0) & (table[:, 4] == 0)
        flags = np.zeros((len(doc), 1 + len(_FLAG_SETS)), dtype=np.int64)
        flags[:, 0] = (table[:, 5] != 0) | (table[:, 6] != 0)
        for column, (attr, ids) in enumerate(_FLAG_SETS, 1):
            flags[:, column] = np.isin(columns[attr], ids)
        self.counts = np.vstack([np.zeros((1, flags.shape[1]), dtype=np.int64), np.cumsum(flags, axis=0)])
        tags, inverse = np.unique(columns["tag"], return_inverse=True)
        keys = np.array([_key(_TAG_KEYS, "TAG=", doc.vocab.strings[int(h)]) for h in tags], dtype=np.uint64)
        self.tag_keys = keys[inverse.reshape(-1)] if len(doc) else np.zeros(0, dtype=np.uint64)


def _cues(arrays: _DocArrays, text: str, span: Span, ents: list[Span]) -> list[float]:
    n = len(span)
    digit, comparative, superlative, past, first, second, modal, hedge, percent = (
        arrays.counts[span.end] - arrays.counts[span.start]).tolist()
    numeric = time = named = ordinal = 0.0
    for ent in ents:
        label = ent.label_
        if label in _NUMERIC_ENTS:
            numeric += 1
        elif label in _TIME_ENTS:
            time += 1
        elif label in _NAMED_ENTS:
            named += 1
        elif label == "ORDINAL":
            ordinal += 1
    end = text[span.start_char:span.end_char].rstrip()
    return [
        float(np.log1p(n)), float(digit > 0), min(numeric, 3.0), min(time, 3.0), min(named, 3.0), min(ordinal, 2.0),
        min(comparative, 2.0), min(superlative, 2.0), float(first > 0), float(second > 0), float(modal > 0),
        float(hedge > 0), min(past / max(n, 1) * 5, 1.0), float(end.endswith("?")), float(end.endswith("!")),
        float(percent > 0),
    ]


def _buckets(arrays: _DocArrays, span: Span, ents: list[Span]) -> np.ndarray:
    words = arrays.lower[span.start:span.end][arrays.word[span.start:span.end]]
    bigrams = words[:-1] * _BIGRAM_MIX ^ words[1:] if len(words) > 1 else words[:0]
    entities = np.array([_key(_ENT_KEYS, "ENT=", e.label_) for e in ents], dtype=np.uint64)
    every = np.concatenate([words, bigrams, arrays.tag_keys[span.start:span.end], entities])
    return np.unique(every & _MASK).astype(np.int64)


def featurize(doc: Doc, spans: Sequence[Span], text: str | None = None) -> SentenceFeatures:
    """Features of ``spans`` (sentences or parts of sentences) of one parsed ``doc``.

    Pass ``text`` (``doc.text``) when you have it: spaCy rebuilds it on every access.
    """
    arrays = _DocArrays(doc)
    text = doc.text if text is None else text
    tensor = doc.tensor if doc.tensor is not None and doc.tensor.shape[0] == len(doc) else None
    width = tensor.shape[1] if tensor is not None and tensor.ndim == 2 else 0
    dense = np.zeros((len(spans), width + len(CUE_NAMES)), dtype=np.float32)
    buckets = []
    for row, (span, ents) in enumerate(zip(spans, entities_by_span(doc, spans), strict=True)):
        if width and len(span):
            dense[row, :width] = tensor[span.start:span.end].mean(axis=0)  # type: ignore[index]
        dense[row, width:] = _cues(arrays, text, span, ents)
        buckets.append(_buckets(arrays, span, ents))
    return SentenceFeatures(buckets, dense)


class LinearCheckworthiness:
    """A shipped scorer: logistic regression over :func:`featurize`'s features, applied in numpy.

    The ``fast`` model uses those features only. The ``accurate`` model adds a
    block of weights over sentence embeddings from MiniLM adapted to the task
    (:mod:`presslens.nlp.encoder`), so it needs the embeddings of the same
    sentences passed to :meth:`scores`.
    """

    def __init__(self, weights: dict[str, np.ndarray], *, mode: str, threshold: float = 0.5,
                 directory: Path | None = None) -> None:
        self.mode = mode
        #: The folder it was loaded from (where the accurate mode's encoder lies), if any.
        self.directory = directory
        self.threshold = float(threshold)
        self.sparse = weights["sparse"].astype(np.float32)
        self.dense = weights["dense"].astype(np.float32)
        self.mean = weights["mean"].astype(np.float32)
        self.scale = weights["scale"].astype(np.float32)
        self.bias = float(weights["bias"])
        #: Weights, mean and scale of the embedding block (accurate mode), or None.
        self.embedding: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        if "embedding" in weights:
            self.embedding = tuple(  # type: ignore[assignment]
                weights[name].astype(np.float32) for name in ("embedding", "embedding_mean", "embedding_scale"))

    @property
    def needs_embeddings(self) -> bool:
        return self.embedding is not None

    @classmethod
    def load(cls, directory: Path, mode: str = "fast") -> LinearCheckworthiness:
        """Load ``<mode>.npz`` and its decision threshold (from ``card.json``) from ``directory``."""
        path = directory / f"{mode}.npz"
        if not path.exists():
            raise ModelNotFoundError(f"{path} is missing: the check-worthiness model has no '{mode}' mode there. "
                                     "To fix: reinstall presslens, or train it with `presslens train checkworthy`")
        with np.load(path) as arrays:
            weights = {name: arrays[name] for name in arrays.files}
        card_path = directory / "card.json"
        card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.exists() else {}
        return cls(weights, mode=mode, threshold=card.get("thresholds", {}).get(mode, 0.5), directory=directory)

    def save(self, directory: Path) -> Path:
        """Write ``<mode>.npz`` into ``directory`` (hashed weights as float16, which they fit)."""
        directory.mkdir(parents=True, exist_ok=True)
        arrays = {"sparse": self.sparse.astype(np.float16), "dense": self.dense, "mean": self.mean,
                  "scale": self.scale, "bias": np.float32(self.bias)}
        if self.embedding is not None:
            arrays |= dict(zip(("embedding", "embedding_mean", "embedding_scale"), self.embedding, strict=True))
        path = directory / f"{self.mode}.npz"
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]
        return path

    def logits(self, features: SentenceFeatures, embeddings: np.ndarray | None = None) -> np.ndarray:
        """Log-odds that each sentence is check-worthy."""
        if features.dense.shape[1] != self.dense.shape[0]:
            raise ValueError(f"the model expects {self.dense.shape[0]} dense features, got "
                             f"{features.dense.shape[1]}: was the doc parsed by a different spaCy model?")
        logits = (features.dense - self.mean) / self.scale @ self.dense + self.bias
        logits += np.fromiter((self.sparse[b].sum() for b in features.buckets), dtype=np.float32,
                              count=len(features.buckets))
        if self.embedding is not None:
            if embeddings is None:
                raise ValueError(f"the '{self.mode}' check-worthiness model needs sentence embeddings")
            weights, mean, scale = self.embedding
            logits += (embeddings - mean) / scale @ weights
        return np.asarray(logits, dtype=np.float32)

    def scores(self, features: SentenceFeatures, embeddings: np.ndarray | None = None) -> np.ndarray:
        """Probabilities that each sentence is check-worthy."""
        return np.asarray(1.0 / (1.0 + np.exp(-self.logits(features, embeddings))), dtype=np.float32)


def featurize_texts(nlp: Language, texts: Sequence[str], batch_size: int = 256) -> SentenceFeatures:
    """Features of standalone sentences, each parsed as its own ``Doc`` by ``nlp``."""
    buckets: list[np.ndarray] = []
    rows: list[np.ndarray] = []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        features = featurize(doc, [doc[:]])
        buckets.extend(features.buckets)
        rows.append(features.dense)
    dense = np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32)
    return SentenceFeatures(buckets, dense)


def available_modes(directory: Path | None = None) -> list[str]:
    """The modes whose weights are in ``directory`` (the shipped model by default) and can run here."""
    from presslens.nlp.encoder import encoder_available

    directory = directory or model_dir(MODEL_NAME)
    modes = [mode for mode in ("fast", "accurate") if (directory / f"{mode}.npz").exists()]
    return [mode for mode in modes if mode != "accurate" or encoder_available(directory)]


def load_checkworthiness(mode: str = "fast", directory: Path | None = None) -> LinearCheckworthiness:
    """The shipped check-worthiness model in ``mode``: ``fast``, ``accurate``, or ``best`` (accurate
    when its extra is installed and its weights are shipped, else fast)."""
    directory = directory or model_dir(MODEL_NAME)
    if mode == "best":
        modes = available_modes(directory)
        mode = "accurate" if "accurate" in modes else "fast"
    if mode not in ("fast", "accurate"):
        raise ConfigError(f"check-worthiness mode must be fast, accurate or best, got {mode!r}")
    return LinearCheckworthiness.load(directory, mode)


def score_texts(nlp: Language, model: LinearCheckworthiness, texts: Sequence[str]) -> np.ndarray:
    """Check-worthiness probabilities of standalone sentences."""
    features = featurize_texts(nlp, texts)
    embeddings = None
    if model.needs_embeddings:
        from presslens.nlp.encoder import load_encoder

        embeddings = load_encoder(model.directory).encode(texts)
    return model.scores(features, embeddings)
