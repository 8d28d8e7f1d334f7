"""Scoring story clustering on ECB+ layout, and tuning it by cross-validation over topics.

Layout: XML files named ``<topic>_<n>ecb.xml`` and ``<topic>_<n>ecbplus.xml``
anywhere under the directory (ECB+ ships them as ``ECB+/<topic>/...``), each a
``<Document>`` of ``<token sentence=...>`` elements. Each topic holds two real
world events: its ``ecb`` documents are one gold story, its ``ecbplus``
documents another. All documents of the directory are clustered together,
across topics, and compared with the gold stories:

* **BCubed**: per document, precision is the share of its predicted cluster
  that shares its gold story and recall the share of its gold story that
  shares its predicted cluster, averaged over documents;
* **pairwise**: precision and recall over the pairs of documents put in one
  cluster.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from presslens.errors import DataFormatError
from presslens.eval.metrics import PRF, prf
from presslens.link.stories import (
    DocumentTerms,
    StoryParams,
    cluster_stories,
    document_terms,
    similarity,
    split_topic,
    topics,
)

__all__ = [
    "GoldDocument",
    "bcubed",
    "cross_validate",
    "evaluate_stories",
    "load_ecbplus",
    "pairwise",
    "score_clusters",
]

#: Cluster or story labels, one per document.
Labels = Sequence[object] | np.ndarray

_NAME = re.compile(r"^(?P<topic>\d+)_(?P<doc>\d+)(?P<part>ecb|ecbplus)\.xml$")


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    topic: str
    story: str
    text: str


def load_ecbplus(directory: Path) -> list[GoldDocument]:
    """Every ECB+ document under ``directory``, sorted by topic and number."""
    if not directory.is_dir():
        raise DataFormatError(f"{directory}: not a directory (expected ECB+ layout: <topic>/<topic>_<n>ecb.xml)")
    found = []
    for path in directory.rglob("*.xml"):
        if (m := _NAME.match(path.name)) is not None:
            found.append((int(m["topic"]), int(m["doc"]), m["part"], path))
    if not found:
        raise DataFormatError(f"{directory}: no <topic>_<n>ecb.xml or <topic>_<n>ecbplus.xml files (ECB+ layout)")
    documents = []
    for topic, _, part, path in sorted(found):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            raise DataFormatError(f"{path}: not well-formed XML ({e})") from e
        sentences: dict[str, list[str]] = {}
        for token in root.iter("token"):
            sentences.setdefault(token.get("sentence", "0"), []).append(token.text or "")
        text = "\n".join(" ".join(words) for words in sentences.values())
        documents.append(GoldDocument(path.name, str(topic), f"{topic}/{part}", text))
    return documents


def _contingency(predicted: Labels, gold: Labels) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per document: size of its cell (predicted ∩ gold), of its predicted cluster, of its gold story."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold labels differ in length")
    _, p = np.unique(np.asarray(predicted, dtype=str), return_inverse=True)
    _, g = np.unique(np.asarray(gold, dtype=str), return_inverse=True)
    cells = p * (g.max() + 1 if len(g) else 1) + g
    _, cell, cell_sizes = np.unique(cells, return_inverse=True, return_counts=True)
    return cell_sizes[cell].astype(float), np.bincount(p)[p].astype(float), np.bincount(g)[g].astype(float)


def bcubed(predicted: Labels, gold: Labels) -> PRF:
    """BCubed precision, recall and F1 of a flat clustering."""
    if not len(predicted):
        return PRF(0.0, 0.0, 0.0)
    both, in_predicted, in_gold = _contingency(predicted, gold)
    p, r = float(np.mean(both / in_predicted)), float(np.mean(both / in_gold))
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def pairwise(predicted: Labels, gold: Labels) -> PRF:
    """Precision, recall and F1 over pairs of documents clustered together."""
    if not len(predicted):
        return PRF(0.0, 0.0, 0.0)
    both, in_predicted, in_gold = _contingency(predicted, gold)
    # Each document counts its partners; every pair is counted twice on every side, which cancels.
    return prf(float((both - 1).sum()), float((in_predicted - 1).sum()), float((in_gold - 1).sum()))


def score_clusters(predicted: Labels, gold: Labels) -> dict[str, Any]:
    return {
        "docs": len(gold),
        "stories": len(set(gold)),
        "clusters": len(set(predicted)),
        "bcubed": bcubed(predicted, gold).as_dict(),
        "pairwise": pairwise(predicted, gold).as_dict(),
    }


def evaluate_stories(directory: Path, params: StoryParams | None = None) -> dict[str, Any]:
    """Cluster every document under ``directory`` together and score against the gold stories."""
    documents = load_ecbplus(directory)
    labels = cluster_stories([d.text for d in documents], params)
    return score_clusters(labels, [d.story for d in documents])


# -- tuning ---------------------------------------------------------------------

#: The grid searched by :func:`cross_validate` (kept small: every point is scored on every fold).
GRID: dict[str, Sequence[float | int]] = {
    "name_weight": (0.3, 0.5, 0.7),
    "topic_threshold": (0.03, 0.05, 0.08),
    "story_threshold": (0.11, 0.13, 0.15, 0.17),
    # Not 0: attaching a document that shares nothing with a story would be no decision at all.
    "attach_threshold": (0.05, 0.1, 2.0),
}


class _Scorer:
    """Scores every grid point on one set of documents, reusing the expensive parts.

    The similarity matrices depend only on ``name_weight`` and the topic split
    on ``topic_threshold``; the remaining parameters only re-run stage 2 on
    the small per-topic matrices.
    """

    def __init__(self, documents: Sequence[DocumentTerms], gold: Sequence[str]) -> None:
        self.documents = list(documents)
        self.gold = list(gold)

    def scores(self, grid: list[StoryParams]) -> np.ndarray:
        out = np.zeros(len(grid))
        by_stage1: dict[tuple[float, float], list[int]] = {}
        for i, params in enumerate(grid):
            by_stage1.setdefault((params.name_weight, params.topic_threshold), []).append(i)
        sims_cache: dict[float, np.ndarray] = {}
        for (weight, _), indices in by_stage1.items():
            if weight not in sims_cache:
                sims_cache[weight] = similarity(self.documents, weight)
            groups = topics(sims_cache[weight], grid[indices[0]])
            members = [np.flatnonzero(groups == g) for g in range(int(groups.max()) + 1)]
            local = [similarity([self.documents[i] for i in m], weight) if len(m) >= 2 else None for m in members]
            for i in indices:
                labels = np.zeros(len(self.documents), dtype=np.int64)
                next_label = 0
                for m, sims in zip(members, local, strict=True):
                    stories = split_topic([self.documents[j] for j in m], grid[i], sims)
                    labels[m] = stories + next_label
                    next_label += int(stories.max()) + 1
                out[i] = bcubed(labels, self.gold).f1
        return out


def _grid(base: StoryParams) -> list[StoryParams]:
    keys = list(GRID)
    points: list[dict[str, Any]] = [dict(zip(keys, values, strict=True))
                                    for values in itertools.product(*GRID.values())]
    return [replace(base, **point) for point in points]


def cross_validate(directory: Path, *, folds: int = 5, seed: int = 0,
                   on_progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Tune :class:`StoryParams` over :data:`GRID` with cross-validation over topics.

    Topics are dealt into ``folds`` folds (shuffled with ``seed``). A grid
    point's training score on a set of folds is the mean of two BCubed F1s:
    each fold clustered on its own (the size of a held-out directory) and all
    of them clustered together, so the chosen thresholds hold whatever the
    number of documents. For each fold, the point with the best training score
    on the other folds is scored on it, clustered on its own (the CV score).
    The recommended parameters are the best training score on all folds;
    ``full`` scores them on the whole directory clustered at once.
    """
    documents = load_ecbplus(directory)
    topic_ids = sorted({d.topic for d in documents}, key=int)
    if len(topic_ids) < folds:
        raise DataFormatError(f"{directory}: {len(topic_ids)} topics, fewer than the {folds} folds asked for")
    order = np.random.default_rng(seed).permutation(len(topic_ids))
    fold_of = {topic_ids[t]: i % folds for i, t in enumerate(order)}
    terms = [document_terms(d.text) for d in documents]
    grid = _grid(StoryParams())
    steps, done = 2 * folds + 1, 0

    def score_on(selected: set[int]) -> np.ndarray:
        nonlocal done
        idx = [i for i, d in enumerate(documents) if fold_of[d.topic] in selected]
        scores = _Scorer([terms[i] for i in idx], [documents[i].story for i in idx]).scores(grid)
        done += 1
        if on_progress:
            on_progress(done, steps)
        return scores

    alone = np.array([score_on({k}) for k in range(folds)])
    together = [score_on(set(range(folds)) - {k}) for k in range(folds)]
    cv_scores, chosen = [], []
    for k in range(folds):
        training = 0.5 * np.delete(alone, k, axis=0).mean(axis=0) + 0.5 * together[k]
        best = int(training.argmax())
        chosen.append(_params_dict(grid[best]))
        cv_scores.append(float(alone[k, best]))
    overall = 0.5 * alone.mean(axis=0) + 0.5 * score_on(set(range(folds)))
    best_params = grid[int(overall.argmax())]
    full = evaluate_stories(directory, best_params)
    defaults = evaluate_stories(directory, StoryParams())
    return {
        "docs": len(documents),
        "topics": len(topic_ids),
        "folds": folds,
        "grid_points": len(grid),
        "cv": {
            "bcubed_f1": round(float(np.mean(cv_scores)), 4),
            "bcubed_f1_per_fold": [round(s, 4) for s in cv_scores],
            "chosen_per_fold": chosen,
        },
        "best_params": _params_dict(best_params),
        "full": full,
        "defaults": {"params": _params_dict(StoryParams()), **defaults},
    }


def _params_dict(params: StoryParams) -> dict[str, Any]:
    return {k: v for k, v in asdict(params).items() if k in GRID}

