import numpy as np
import pytest

from presslens.link.agglomerative import average_linkage


def _naive(sims: np.ndarray, threshold: float) -> list[set[int]]:
    """Textbook average linkage: merge the most similar pair of clusters while it reaches the threshold."""
    clusters = [{i} for i in range(len(sims))]
    while len(clusters) > 1:
        best, pair = -np.inf, None
        for i in range(len(clusters)):
            for j in range(i + 1, len(clusters)):
                mean = np.mean([sims[a, b] for a in clusters[i] for b in clusters[j]])
                if mean > best:
                    best, pair = mean, (i, j)
        if best < threshold:
            break
        i, j = pair
        clusters[i] |= clusters.pop(j)
    return clusters


@pytest.mark.parametrize("seed", range(12))
def test_matches_textbook_average_linkage(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 25))
    points = rng.random((n, 4)) ** 3
    sims = points @ points.T
    norms = np.sqrt(np.diag(sims))
    sims = sims / np.outer(norms, norms)
    threshold = float(rng.uniform(0.5, 0.95))
    labels = average_linkage(sims, threshold)
    found = {frozenset(np.flatnonzero(labels == k)) for k in set(labels)}
    assert found == {frozenset(c) for c in _naive(sims, threshold)}


def test_labels_follow_first_members_and_input_is_untouched():
    sims = np.array([[1, 0, 0.9], [0, 1, 0], [0.9, 0, 1]], dtype=np.float32)
    before = sims.copy()
    assert average_linkage(sims, 0.5).tolist() == [0, 1, 0]
    assert np.array_equal(sims, before)
    assert average_linkage(np.zeros((0, 0)), 0.5).tolist() == []
