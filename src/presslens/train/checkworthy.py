"""``presslens train checkworthy``: the check-worthiness models, from CheckThat! 2024 English.

Reads the three files of the pinned CheckThat! 2024 Task 1 English release
(train, dev, dev-test), featurises every sentence with the bare spaCy model
(:mod:`presslens.nlp.checkworthiness`), and fits logistic regression with
scikit-learn:

* ``fast``: hashed n-grams + the mean tok2vec vector + lexical cues;
* ``accurate`` (with the ``accurate`` and ``train-torch`` extras): MiniLM
  with low-rank adapters (:mod:`presslens.train.adapters`) and a linear head
  over its mean-pooled sentence embedding, trained together with torch on
  CPU; the head's bias is then shifted by the log prior odds of the training
  data, the balanced decision rule the logistic regressions get from
  ``class_weight="balanced"``.

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
import random
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
    #: Train the accurate mode too (needs the ``accurate`` and ``train-torch`` extras).
    accurate: bool = True
    #: The accurate mode's encoder: passes over train, adapter rank and scale, learning rate, batch size.
    encoder_epochs: int = 2
    encoder_rank: int = 16
    encoder_scale: float = 2.0
    encoder_learning_rate: float = 5e-4
    encoder_batch_size: int = 32
    seed: int = 0
    allow_other_data: bool = False
    #: A folder to keep sentence features between runs (keyed by data hash).
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


def _sparse(arrays: dict[str, np.ndarray]) -> Any:
    import scipy.sparse as sp

    indptr = np.concatenate([[0], np.cumsum(arrays["lengths"])])
    data = np.ones(len(arrays["indices"]), dtype=np.float32)
    return sp.csr_matrix((data, arrays["indices"], indptr), shape=(len(arrays["lengths"]), N_BUCKETS))


def _design(arrays: dict[str, np.ndarray], mean: np.ndarray, scale: np.ndarray) -> Any:
    import scipy.sparse as sp

    return sp.hstack([_sparse(arrays), sp.csr_matrix((arrays["dense"] - mean) / scale)]).tocsr()


def _fit(features: dict[str, dict[str, np.ndarray]], labels: dict[str, np.ndarray],
         options: TrainOptions) -> tuple[LinearCheckworthiness, float]:
    """The fast model: logistic regression over the sentence features."""
    from sklearn.linear_model import LogisticRegression

    started = time.perf_counter()
    dense = features["train"]["dense"]
    mean, scale = dense.mean(axis=0), (dense.std(axis=0) + 1e-6) / options.dense_weight
    matrix = _design(features["train"], mean, scale)
    classifier = LogisticRegression(C=options.c, max_iter=3000, class_weight="balanced")
    classifier.fit(matrix, labels["train"])
    coef = classifier.coef_[0].astype(np.float32)
    weights = {"sparse": coef[:N_BUCKETS], "dense": coef[N_BUCKETS:], "mean": mean,
               "scale": scale, "bias": np.float32(classifier.intercept_[0])}
    return LinearCheckworthiness(weights, mode="fast"), time.perf_counter() - started


def _fine_tune(sentences: list[Sentence], options: TrainOptions,
               step: Callable[[str], None]) -> tuple[dict[str, np.ndarray], np.ndarray, float]:
    """Train the adapters and a linear head on ``sentences``: the adapter arrays, the head (weights then
    bias, as one vector) and the seconds it took."""
    try:
        import torch
        from torch import nn
    except ImportError as e:
        raise OptionalDependencyError("training the accurate check-worthiness mode", "train-torch") from e
    from presslens.nlp.encoder import mean_pooled
    from presslens.train.adapters import Optimiser, adapt_encoder

    started = time.perf_counter()
    torch.manual_seed(options.seed)
    rng = random.Random(options.seed)
    adapted = adapt_encoder("training the accurate check-worthiness mode", options.encoder_rank,
                            options.encoder_scale)
    head = nn.Linear(adapted.encoder.config.hidden_size, 1)
    trainable = adapted.trainable() + list(head.parameters())
    size = options.encoder_batch_size
    steps = options.encoder_epochs * -(-len(sentences) // size)
    optimiser = Optimiser(trainable, options.encoder_learning_rate, steps, warmup=max(1, steps // 16))
    order = list(sentences)
    adapted.encoder.train()
    done = 0
    for epoch in range(options.encoder_epochs):
        rng.shuffle(order)
        for first in range(0, len(order), size):
            batch = order[first:first + size]
            logits = head(mean_pooled(adapted.encoder, adapted.tokenizer, [s.text for s in batch])).squeeze(-1)
            target = torch.tensor([float(s.label) for s in batch])
            loss = nn.functional.binary_cross_entropy_with_logits(logits, target)
            optimiser.step(loss)
            done += 1
            if done % 200 == 0:
                step(f"encoder epoch {epoch + 1}/{options.encoder_epochs}: step {done}/{steps}, "
                     f"loss {float(loss.item()):.3f}")
    adapted.encoder.eval()
    stored = adapted.state()
    stored["scale"] = np.float32(options.encoder_scale)  # type: ignore[assignment]
    head_vector = np.concatenate([head.weight.detach().numpy()[0], head.bias.detach().numpy()]).astype(np.float32)
    return stored, head_vector, time.perf_counter() - started


def _accurate_model(head: np.ndarray, features: dict[str, np.ndarray], labels: np.ndarray) -> LinearCheckworthiness:
    """The accurate model as a linear scorer: the fine-tuned head over the embedding, no weight on the
    other features, and the bias shifted by the training data's log prior odds (balanced decision)."""
    width = features["dense"].shape[1]
    prior = float(labels.mean())
    weights: dict[str, np.ndarray] = {
        "sparse": np.zeros(N_BUCKETS, np.float32), "dense": np.zeros(width, np.float32),
        "mean": np.zeros(width, np.float32), "scale": np.ones(width, np.float32),
        "bias": np.asarray(head[-1] + np.log((1 - prior) / prior), dtype=np.float32),
        "embedding": head[:-1], "embedding_mean": np.zeros(len(head) - 1, np.float32),
        "embedding_scale": np.ones(len(head) - 1, np.float32),
    }
    return LinearCheckworthiness(weights, mode="accurate")


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
    from presslens.nlp.adapters import ADAPTERS_FILE, adapters_available
    from presslens.nlp.encoder import ENCODER_NAME, MAX_PIECES, load_encoder
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
    step("fitting the fast model")
    fast, fit_s = _fit(features, labels, options)
    fast.save(out)
    card["training_time_s"]["fit_fast"] = round(fit_s, 1)
    card["thresholds"]["fast"] = fast.threshold
    card["method"]["fast"] = base_method
    card["scores"]["fast"] = {split: _evaluate(fast, features[split], labels[split], None)
                              for split in ("dev", "dev-test")}
    (out / ADAPTERS_FILE).unlink(missing_ok=True)
    (out / "accurate.npz").unlink(missing_ok=True)
    if options.accurate:
        if not adapters_available():
            raise OptionalDependencyError("training the accurate check-worthiness mode (or pass --fast-only)",
                                          "accurate")
        step(f"training the accurate model: MiniLM adapters on {len(sentences['train'])} sentences")
        stored, head, tune_s = _fine_tune(sentences["train"], options, step)
        np.savez_compressed(out / ADAPTERS_FILE, **stored)  # type: ignore[arg-type]
        accurate = _accurate_model(head, features["train"], labels["train"])
        accurate.save(out)
        card["training_time_s"]["fine_tune_accurate"] = round(tune_s, 1)
        card["thresholds"]["accurate"] = accurate.threshold
        card["method"]["accurate"] = (
            f"{ENCODER_NAME}, frozen, with rank-{options.encoder_rank} adapters on every linear layer of its six "
            f"blocks and its layer norms, and a linear head over the mean-pooled sentence embedding (first "
            f"{MAX_PIECES} word pieces), trained together with binary cross-entropy (AdamW, learning rate "
            f"{options.encoder_learning_rate}, batch {options.encoder_batch_size}, {options.encoder_epochs} "
            "epochs, CPU); the head's bias is shifted by the log prior odds of train (balanced decision rule)")
        load_encoder.cache_clear()
        encoder = load_encoder(str(out))
        card["scores"]["accurate"] = {
            split: _evaluate(accurate, features[split], labels[split],
                             encoder.encode([s.text for s in sentences[split]]))
            for split in ("dev", "dev-test")
        }
        load_encoder.cache_clear()
    card["note"] = ("dev-test overstates the held-out CheckThat! 2024 test score (by about 0.2 F1 for simple "
                    "models); dev and train come from the same source (ClaimBuster)")
    write_card(out, card)
    return card
