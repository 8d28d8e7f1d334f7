"""Average-linkage agglomerative clustering with a similarity threshold.

The nearest-neighbour chain algorithm: follow nearest neighbours until two
clusters are each other's nearest, merge them (Lance-Williams update of the
average similarity), go on. It is exact for average linkage, takes O(n²) time
and the n x n matrix as memory. Clusters stop growing once no other cluster is
on average at least ``threshold`` similar: with average linkage a cluster's best
similarity can only fall as others merge, so such a cluster is final.
"""

from __future__ import annotations

import numpy as np

__all__ = ["average_linkage"]


def average_linkage(similarity: np.ndarray, threshold: float) -> np.ndarray:
    """Flat clusters (labels ``0..k-1`` in order of first member) of a symmetric similarity matrix.

    Two clusters merge when the mean similarity between their members is at
    least ``threshold``. ``similarity`` is not modified.
    """
    n = similarity.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    sims = similarity.astype(np.float64, copy=True)
    np.fill_diagonal(sims, -np.inf)
    size = np.ones(n, dtype=np.float64)
    parent = np.arange(n)
    active = np.ones(n, dtype=bool)
    chain: list[int] = []
    remaining = n
    while remaining:
        if not chain:
            chain.append(int(np.flatnonzero(active)[0]))
        a = chain[-1]
        row = sims[a]
        b = int(np.argmax(row))
        best = row[b]
        if len(chain) > 1 and row[chain[-2]] >= best:
            b = chain[-2]  # ties go back down the chain, so it cannot cycle
            best = row[b]
        if not best >= threshold:  # also catches -inf: no active cluster left
            active[a] = False  # final: nothing will ever be close enough to it
            sims[a, :] = -np.inf
            sims[:, a] = -np.inf
            remaining -= 1
            chain.pop()
            continue
        if len(chain) > 1 and b == chain[-2]:
            chain.pop()
            chain.pop()
            merged = (size[a] * sims[a] + size[b] * sims[b]) / (size[a] + size[b])
            sims[a, :] = merged
            sims[:, a] = merged
            sims[a, a] = -np.inf
            sims[b, :] = -np.inf
            sims[:, b] = -np.inf
            active[b] = False
            remaining -= 1
            size[a] += size[b]
            parent[b] = a
        else:
            chain.append(b)
    return _labels(parent)


def _labels(parent: np.ndarray) -> np.ndarray:
    root = parent.copy()
    while not np.array_equal(root[root], root):
        root = root[root]
    # Numbered in order of first member, so labels do not depend on merge order.
    first: dict[int, int] = {}
    return np.array([first.setdefault(int(r), len(first)) for r in root], dtype=np.int64)
