"""TF-IDF vectors and their cosine similarities, in numpy alone.

Vectors are kept sparse (per document: term ids and weights). The similarity
matrix is summed term by term over an inverted index, since news articles share
few terms; the commonest terms, shared by many documents, go through one dense
matrix product instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["SparseRows", "cosine_matrix", "tfidf"]

#: Terms in more than this share of the documents are multiplied as a dense block.
_DENSE_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class SparseRows:
    """L2-normalised TF-IDF rows in CSR form: row ``i`` is ``indices/data[indptr[i]:indptr[i+1]]``."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    n_terms: int

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1


def tfidf(documents: Sequence[Sequence[str]]) -> SparseRows:
    """Sublinear TF (``1 + ln tf``) times smoothed IDF (``ln((1+n)/(1+df)) + 1``), rows L2-normalised.

    IDF comes from ``documents`` themselves: what is common in the set being
    clustered counts for little, which is what separates stories inside a topic.
    """
    vocabulary: dict[str, int] = {}
    counts: list[Counter[int]] = []
    for tokens in documents:
        counts.append(Counter(vocabulary.setdefault(t, len(vocabulary)) for t in tokens))
    n = len(documents)
    df = np.zeros(len(vocabulary), dtype=np.float64)
    for counter in counts:
        df[list(counter)] += 1
    idf = np.log((1 + n) / (1 + df)) + 1
    indptr = np.zeros(n + 1, dtype=np.int64)
    indices_parts, data_parts = [], []
    for i, counter in enumerate(counts):
        ids = np.fromiter(counter.keys(), dtype=np.int64, count=len(counter))
        tf = np.fromiter(counter.values(), dtype=np.float64, count=len(counter))
        weights = (1 + np.log(tf)) * idf[ids]
        norm = np.sqrt((weights**2).sum())
        if norm > 0:
            weights /= norm
        indices_parts.append(ids)
        data_parts.append(weights)
        indptr[i + 1] = indptr[i] + len(ids)
    indices = np.concatenate(indices_parts) if indices_parts else np.zeros(0, dtype=np.int64)
    data = np.concatenate(data_parts) if data_parts else np.zeros(0, dtype=np.float64)
    return SparseRows(indptr, indices, data, len(vocabulary))


def cosine_matrix(rows: SparseRows) -> np.ndarray:
    """The ``n x n`` matrix of dot products of the (normalised) rows, as float32."""
    n = rows.n_rows
    sims = np.zeros((n, n), dtype=np.float64)
    if n == 0 or len(rows.indices) == 0:
        return sims.astype(np.float32)
    row_of = np.repeat(np.arange(n), np.diff(rows.indptr))
    order = np.argsort(rows.indices, kind="stable")
    terms, rows_sorted, weights = rows.indices[order], row_of[order], rows.data[order]
    starts = np.flatnonzero(np.r_[True, terms[1:] != terms[:-1]])
    ends = np.r_[starts[1:], len(terms)]
    df = ends - starts
    dense_terms = np.flatnonzero(df > max(2, _DENSE_SHARE * n))
    if len(dense_terms):
        block = np.zeros((n, len(dense_terms)), dtype=np.float64)
        for column, term in enumerate(dense_terms):
            block[rows_sorted[starts[term]:ends[term]], column] = weights[starts[term]:ends[term]]
        sims += block @ block.T
    for term in np.flatnonzero((df >= 2) & (df <= max(2, _DENSE_SHARE * n))):
        ids = rows_sorted[starts[term]:ends[term]]
        w = weights[starts[term]:ends[term]]
        sims[np.ix_(ids, ids)] += np.outer(w, w)
    # A row's similarity with itself: its squared norm (terms seen once never enter the loops above).
    np.fill_diagonal(sims, np.bincount(row_of, weights=rows.data**2, minlength=n))
    return sims.astype(np.float32)
