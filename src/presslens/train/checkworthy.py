"""``presslens train checkworthy``: the check-worthiness models, from CheckThat! 2024 English.

Reads the three files of the pinned CheckThat! 2024 Task 1 English release
(train, dev, dev-test), featurises every sentence with the bare spaCy model
(:mod:`presslens.nlp.checkworthiness`), and fits logistic regression with
scikit-learn:

* ``fast``: hashed n-grams + the mean tok2vec vector + lexical cues;
* ``accurate`` (when the ``accurate`` extra is installed): the same features
  plus frozen MiniLM sentence embeddings.

Hyperparameters are fixed below; they were chosen by looking at dev and
dev-test together, never dev-test alone. The weights go to ``--out`` with a
model card that records the data hash, its terms, the method, the dev and
dev-test scores of each mode, and the training time.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from presslens.errors import DataFormatError, OptionalDependencyError
from presslens.eval.checkworthy import Sentence, read_checkworthy, score_labels
from presslens.nlp.checkworthiness import (
    CUE_NAMES,
    N_BUCKETS,
    LinearCheckworthiness,
    SentenceFeatures,
    featurize_texts,
)
from presslens.train.common import check_hash, data_hash, write_card

__all__ = ["FILES", "PINNED_DATA_HASH", "TrainOptions", "train_checkworthy"]

#: The files read, by split.
FILES = {
    "train": "CT24_checkworthy_english_train.tsv",
    "dev": "CT24_checkworthy_english_dev.tsv",
    "dev-test": "CT24_checkworthy_english_dev-test.tsv",
}
#: SHA-256 (``train.common.data_hash``) of the three files above as released for CheckThat! 2024.
PINNED_DATA_HASH = "517ec053c2b9ffa438aa383f8387e2f2855314ac9ae20c067154dfbbe08f56e7"
# Bump when featurize() changes, so cached features are not reused.
FEATURE_VERSION = "1"


@dataclass(frozen=True, slots=True)
class TrainOptions:
    """Fixed hyperparameters (chosen on dev and dev-test together) and what to train."""

    #: Inverse L2 regularisation of the logistic regression.
    c: float = 0.1
    #: How strongly the standardised dense features enter, relative to the binary n-gram features.
    dense_weight: float = 0.3
    #: Same for the standardised MiniLM embedding (accurate mode only).
    embedding_weight: float = 0.3
    #: Train the accurate mode too (needs the ``accurate`` extra).
    accurate: bool = True
    allow_other_data: bool = False
    #: A folder to keep sentence features and embeddings between runs (keyed by data hash).
    cache: Path | None = None


def _files(data: Path) -> dict[str, Path]:
    paths = {split: data / name for split, name in FILES.items()}
    missing = [name for name in FILES.values() if not (data / name).is_file()]
    if missing:
        raise DataFormatError(f"{data}: missing {', '.join(missing)}; expected the CheckThat! 2024 Task 1 "
                              "English files (train, dev, dev-test TSV)")
    return paths


def _cached(cache: Path | None, key: str,
            compute: Callable[[], dict[str, np.ndarray]]) -> tuple[dict[str, np.ndarray], float]:
    """``compute()``'s arrays and the seconds computing them took, kept in ``cache`` if given
    (a cached result reports the time of the run that computed it)."""
    path = cache / f"{key}.npz" if cache is not None else None
    if path is not None and path.exists():
        with np.load(path) as arrays:
            stored = {name: arrays[name] for name in arrays.files}
        return stored, float(stored.pop("_seconds", 0.0))
    started = time.perf_counter()
    arrays = compute()
    seconds = time.perf_counter() - started
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, _seconds=np.float64(seconds), **arrays)  # type: ignore[arg-type]
    return arrays, seconds


def _features(nlp: Any, sentences: list[Sentence]) -> dict[str, np.ndarray]:
    features = featurize_texts(nlp, [s.text for s in sentences])
    lengths = np.array([len(b) for b in features.buckets], dtype=np.int64)
    return {"indices": np.concatenate(features.buckets), "lengths": lengths, "dense": features.dense}


def _embed(encoder: Any, sentences: list[Sentence]) -> dict[str, np.ndarray]:
    return {"e": encoder.encode([s.text for s in sentences])}


def _sparse(arrays: dict[str, np.ndarray]) -> Any:
    import scipy.sparse as sp

    indptr = np.concatenate([[0], np.cumsum(arrays["lengths"])])
    data = np.ones(len(arrays["indices"]), dtype=np.float32)
    return sp.csr_matrix((data, arrays["indices"], indptr), shape=(len(arrays["lengths"]), N_BUCKETS))


def _design(arrays: dict[str, np.ndarray], mean: np.ndarray, scale: np.ndarray,
            embeddings: tuple[np.ndarray, np.ndarray, np.ndarray] | None) -> Any:
    import scipy.sparse as sp

    blocks = [_sparse(arrays), sp.csr_matrix((arrays["dense"] - mean) / scale)]
    if embeddings is not None:
        vectors, e_mean, e_scale = embeddings
        blocks.append(sp.csr_matrix((vectors - e_mean) / e_scale))
    return sp.hstack(blocks).tocsr()


def _fit(mode: str, features: dict[str, dict[str, np.ndarray]], labels: dict[str, np.ndarray],
         options: TrainOptions, embeddings: dict[str, np.ndarray] | None) -> tuple[LinearCheckworthiness, float]:
    from sklearn.linear_model import LogisticRegression

    started = time.perf_counter()
    dense = features["train"]["dense"]
    mean, scale = dense.mean(axis=0), (dense.std(axis=0) + 1e-6) / options.dense_weight
    e_stats = None
    train_embeddings = None
    if embeddings is not None:
        vectors = embeddings["train"]
        e_stats = (vectors.mean(axis=0), (vectors.std(axis=0) + 1e-6) / options.embedding_weight)
        train_embeddings = (vectors, *e_stats)
    matrix = _design(features["train"], mean, scale, train_embeddings)
    classifier = LogisticRegression(C=options.c, max_iter=3000, class_weight="balanced")
    classifier.fit(matrix, labels["train"])
    coef = classifier.coef_[0].astype(np.float32)
    width = dense.shape[1]
    weights = {"sparse": coef[:N_BUCKETS], "dense": coef[N_BUCKETS:N_BUCKETS + width], "mean": mean,
               "scale": scale, "bias": np.float32(classifier.intercept_[0])}
    if e_stats is not None:
        weights |= {"embedding": coef[N_BUCKETS + width:], "embedding_mean": e_stats[0],
                    "embedding_scale": e_stats[1]}
    return LinearCheckworthiness(weights, mode=mode), time.perf_counter() - started


def _evaluate(model: LinearCheckworthiness, arrays: dict[str, np.ndarray], labels: np.ndarray,
              embeddings: np.ndarray | None) -> dict[str, float]:
    offsets = np.concatenate([[0], np.cumsum(arrays["lengths"])])
    buckets = [arrays["indices"][a:b] for a, b in itertools.pairwise(offsets)]
    scores = model.scores(SentenceFeatures(buckets, arrays["dense"]), embeddings)
    return score_labels(labels.tolist(), (scores >= model.threshold).tolist())


def train_checkworthy(data: Path, out: Path, options: TrainOptions | None = None, *,
                      on_step: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Train the check-worthiness models on the CheckThat! files in ``data``; write them to ``out``.

    Returns the model card. Raises :class:`DataFormatError` for data in another layout or
    (unless allowed) with another hash, :class:`OptionalDependencyError` without the ``train`` extra.
    """
    options = options or TrainOptions()
    step = on_step or (lambda message: None)
    paths = _files(data)
    try:
        import sklearn  # noqa: F401
    except ImportError as e:
        raise OptionalDependencyError("presslens train", "train") from e
    from presslens.nlp.encoder import ENCODER_NAME, encoder_available, load_encoder
    from presslens.nlp.pipeline import load_model

    digest = data_hash(paths.values(), data)
    check_hash(digest, PINNED_DATA_HASH, data, allow_other=options.allow_other_data)
    sentences = {split: read_checkworthy(path) for split, path in paths.items()}
    labels = {split: np.array([s.label for s in items]) for split, items in sentences.items()}

    nlp = load_model()
    model_id = f"{nlp.meta.get('name')} {nlp.meta.get('version')}"
    key = hashlib.sha256(f"{digest}|{model_id}|{FEATURE_VERSION}".encode()).hexdigest()[:16]
    spacy_model = f"{nlp.meta.get('lang')}_{model_id}"
    features = {}
    featurise_s = 0.0
    for split, items in sentences.items():
        step(f"featurising {split} ({len(items)} sentences)")
        features[split], seconds = _cached(options.cache, f"features-{split}-{key}",
                                           functools.partial(_features, nlp, items))
        featurise_s += seconds

    card: dict[str, Any] = {
        "name": "checkworthy",
        "task": "check-worthiness of a sentence (CheckThat! 2024 Task 1, English): probability of class Yes",
        "data": {"name": "CLEF CheckThat! 2024 Task 1 English (train/dev derive from ClaimBuster)",
                 "files": {split: {"file": FILES[split], "sentences": len(items),
                                   "yes": int(labels[split].sum())} for split, items in sentences.items()},
                 "sha256": digest},
        "data_terms": "research use",
        "method": {},
        "scores": {},
        "thresholds": {},
        "training_time_s": {"featurise": round(featurise_s, 1)},
        "hardware": f"{os.cpu_count()} CPU cores, no GPU",
        "spacy_model": spacy_model,
    }
    base_method = (f"logistic regression (scikit-learn, L2, C={options.c}, class_weight=balanced) over "
                   f"{N_BUCKETS} hashed buckets of lower-cased word unigrams and bigrams and tag and entity "
                   f"labels (binary), plus the mean tok2vec vector of {spacy_model} and {len(CUE_NAMES)} "
                   f"lexical cues ({', '.join(CUE_NAMES)}), standardised and weighted {options.dense_weight}")
    modes: list[tuple[str, dict[str, np.ndarray] | None]] = [("fast", None)]
    if options.accurate:
        if not encoder_available():
            raise OptionalDependencyError("training the accurate check-worthiness mode (or pass --fast-only)",
                                          "accurate")
        encoder = load_encoder()
        embeddings: dict[str, np.ndarray] = {}
        for split, items in sentences.items():
            step(f"embedding {split} with MiniLM ({len(items)} sentences)")
            arrays, seconds = _cached(options.cache, f"minilm-{split}-{digest[:16]}",
                                      functools.partial(_embed, encoder, items))
            embeddings[split] = arrays["e"]
            card["training_time_s"][f"embed_{split}"] = round(seconds, 1)
        modes.append(("accurate", embeddings))
    for mode, mode_embeddings in modes:
        step(f"fitting the {mode} model")
        model, fit_s = _fit(mode, features, labels, options, mode_embeddings)
        model.save(out)
        card["training_time_s"][f"fit_{mode}"] = round(fit_s, 1)
        card["thresholds"][mode] = model.threshold
        card["method"][mode] = base_method if mode_embeddings is None else (
            f"{base_method}; plus the frozen {ENCODER_NAME} mean-pooled sentence embedding (384 dimensions), "
            f"standardised and weighted {options.embedding_weight}")
        card["scores"][mode] = {
            split: _evaluate(model, features[split], labels[split],
                             None if mode_embeddings is None else mode_embeddings[split])
            for split in ("dev", "dev-test")
        }
    card["note"] = ("dev-test overstates the held-out CheckThat! 2024 test score (by about 0.2 F1 for simple "
                    "models); dev and train come from the same source (ClaimBuster)")
    write_card(out, card)
    return card
