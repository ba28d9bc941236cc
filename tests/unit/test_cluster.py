"""Clustering: one claim per source per cluster, every claim once, exact and index agree."""

from __future__ import annotations

import numpy as np
import pytest

from claimcheck.core.group.cluster import cluster_vectors


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _topics(n_topics: int, per_topic: int, noise: float, seed: int = 0):
    """Vectors around ``n_topics`` random directions; claim k of a topic comes from source k."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n_topics, 48))
    rows, groups, truth = [], [], []
    for t in range(n_topics):
        for s in range(per_topic):
            rows.append(centres[t] + noise * rng.normal(size=48))
            groups.append(s)
            truth.append(t)
    return _unit(np.array(rows)), np.array(groups), np.array(truth)


def test_every_claim_in_exactly_one_cluster_and_sources_distinct() -> None:
    vectors, groups, _ = _topics(30, 4, 0.3)
    clusters = cluster_vectors(vectors, groups, 0.6)
    flat = sorted(k for c in clusters for k in c)
    assert flat == list(range(len(vectors)))
    for c in clusters:
        assert len({int(groups[k]) for k in c}) == len(c)


def test_recovers_topics_across_sources() -> None:
    vectors, groups, truth = _topics(20, 4, 0.3)
    clusters = cluster_vectors(vectors, groups, 0.6)
    assert len(clusters) == 20
    for c in clusters:
        assert len({int(truth[k]) for k in c}) == 1


def test_same_source_never_merges_even_when_identical() -> None:
    v = _unit(np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.01]]))
    clusters = cluster_vectors(v, [0, 0, 1], 0.5)
    assert sorted(map(len, clusters)) == [1, 2]


def test_unrelated_claims_stay_single() -> None:
    v = _unit(np.eye(4))
    assert cluster_vectors(v, [0, 1, 2, 3], 0.5) == [[0], [1], [2], [3]]


def test_average_linkage_stops_chaining() -> None:
    # a~b and b~c are close, a and c are far apart: a chain, not one claim.
    a = np.array([1.0, 0.0])
    c = np.array([0.0, 1.0])
    b = _unit(np.array([a + c]))[0]
    v = _unit(np.array([a, b, c]))
    clusters = cluster_vectors(v, [0, 1, 2], 0.7)
    assert len(clusters) == 2


def test_threshold_monotonic() -> None:
    vectors, groups, _ = _topics(15, 3, 0.6, seed=3)
    loose = len(cluster_vectors(vectors, groups, 0.3))
    tight = len(cluster_vectors(vectors, groups, 0.8))
    assert loose < tight


@pytest.mark.parametrize("seed", [1, 2])
def test_index_matches_exact_method(seed: int) -> None:
    vectors, groups, _ = _topics(150, 4, 0.35, seed=seed)
    exact = cluster_vectors(vectors, groups, 0.6, exact=True)
    approx = cluster_vectors(vectors, groups, 0.6, exact=False)
    assert approx == exact


def test_deterministic() -> None:
    vectors, groups, _ = _topics(40, 5, 0.5, seed=9)
    assert cluster_vectors(vectors, groups, 0.5) == cluster_vectors(vectors, groups, 0.5)


def test_empty() -> None:
    assert cluster_vectors(np.zeros((0, 8), dtype=np.float32), [], 0.5) == []
