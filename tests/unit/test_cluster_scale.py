"""Clustering at scale (claimcheck.core.group.cluster, which groups articles into stories): the
index path agrees with the exact one, the shortcuts of the merge loop (cluster sums, the rejection
cache, the bounds of a pair bonus) change no result, and no n x n matrix is built."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import numpy as np
import pytest

from claimcheck.core.extract.figures import compare_figures, extract_figures
from claimcheck.core.group import cluster
from claimcheck.core.group.agreement import centre
from claimcheck.core.group.cluster import cluster_vectors
from claimcheck.core.group.verify import same_measure

#: The largest bonus :func:`_figure_bonus` adds to a pair's similarity.
FIGURE_BONUS = 0.1

# (English, French) statements of one fact; {n} is a figure, {p} a place.
TEMPLATES = [
    ("{n} people were killed in {p} on Tuesday", "{n} personnes ont été tuées à {p} mardi"),
    ("The dam near {p} was built in {n}", "Le barrage près de {p} a été construit en {n}"),
    ("Prices in {p} rose by {n} percent", "Les prix à {p} ont augmenté de {n} %"),
    ("The contract in {p} was worth {n} million euros",
     "Le contrat à {p} valait {n} millions d'euros"),
    ("Talks with {p} broke down", "Les négociations avec {p} ont échoué"),
]  # fmt: skip
PLACES = ["Lyon", "Dakar", "Quebec", "Tunis", "Geneva", "Lille", "Rabat", "Ottawa"]


def _claims(
    n_facts: int, dim: int, seed: int
) -> tuple[np.ndarray, np.ndarray, list[str], list[str], np.ndarray]:
    """Facts stated by one to five of eight sources, each statement with its own noise, EN or FR,
    with the fact's figure (most of the time) or another one."""
    rng = np.random.default_rng(seed)
    rows, groups, texts, langs, truth = [], [], [], [], []
    for fact in range(n_facts):
        centre_ = rng.standard_normal(dim)
        template = TEMPLATES[int(rng.integers(len(TEMPLATES)))]
        place = PLACES[int(rng.integers(len(PLACES)))]
        value = int(rng.integers(1950, 2020)) if "{n}" in template[1] else 0
        size = int(rng.integers(1, 6))
        for source in rng.choice(8, size=size, replace=False):
            noise = rng.uniform(0.6, 1.4)
            rows.append(centre_ + noise * rng.standard_normal(dim))
            lang = "fr" if source % 3 == 0 else "en"
            figure = value if rng.random() < 0.8 else value + int(rng.integers(1, 30))
            texts.append(template[lang == "fr"].format(n=figure, p=place) + ".")
            langs.append(lang)
            groups.append(int(source))
            truth.append(fact)
    vectors = np.array(rows, dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors, np.array(groups), texts, langs, np.array(truth)


def _reference(
    vectors: np.ndarray,
    groups: np.ndarray,
    threshold: float,
    bonus: Callable[[np.ndarray, np.ndarray], np.ndarray] | None,
    max_bonus: float,
) -> list[list[int]]:
    """Constrained average linkage written the plain way: every pair, every merge test on the
    full cross matrix, no cache and no shortcut."""
    n = len(vectors)
    sims = vectors @ vectors.T
    i, j = np.triu_indices(n, 1)
    s = sims[i, j] + (bonus(i, j) if bonus is not None else 0.0)
    keep = (s >= threshold) & (groups[i] != groups[j])
    i, j, s = i[keep], j[keep], s[keep]
    owner = list(range(n))
    members = {c: [c] for c in range(n)}
    for e in np.lexsort((j, i, -s)):
        a, b = owner[i[e]], owner[j[e]]
        if a == b or {groups[m] for m in members[a]} & {groups[m] for m in members[b]}:
            continue
        ma, mb = members[a], members[b]
        cross = vectors[ma] @ vectors[mb].T
        if bonus is not None:
            ii = np.repeat(ma, len(mb))
            jj = np.tile(mb, len(ma))
            cross = cross + bonus(ii, jj).reshape(cross.shape)
        if cross.mean() < threshold:
            continue
        winner, loser = (a, b) if len(ma) >= len(mb) else (b, a)
        for m in members[loser]:
            owner[m] = winner
        members[winner].extend(members.pop(loser))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _figure_bonus(
    texts: list[str], langs: list[str]
) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """A pair bonus for the merge loop to bound: :data:`FIGURE_BONUS` where the two claims state
    an agreeing figure, pair by pair (what claimcheck once added to similarities)."""
    figures = [extract_figures(t, lang) for t, lang in zip(texts, langs, strict=True)]

    def one(i: int, j: int) -> float:
        for a in figures[i]:
            for b in figures[j]:
                if same_measure(a, b) and compare_figures(a, b) in ("agree", "refines"):
                    return FIGURE_BONUS
        return 0.0

    def bonus(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return np.array([one(int(a), int(b)) for a, b in zip(i, j, strict=True)], dtype=np.float32)

    return bonus


def test_index_path_matches_exact_path() -> None:
    vectors, groups, _, _, truth = _claims(700, 96, seed=4)
    assert 1500 < len(vectors) < 3000
    vectors = centre(vectors)
    threshold = 0.45
    exact = cluster_vectors(vectors, groups, threshold, exact=True)
    assert cluster_vectors(vectors, groups, threshold, exact=False) == exact
    # The clusters are the facts, mostly: the test data is not trivially all singletons.
    shared = [c for c in exact if len(c) > 1]
    assert len(shared) > 300
    assert sum(len(set(truth[c])) == 1 for c in shared) / len(shared) > 0.95


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_merge_shortcuts_change_nothing(seed: int) -> None:
    """Cluster sums, the rejection cache and the bonus bounds give the plain algorithm's result."""
    vectors, groups, texts, langs, _ = _claims(120, 24, seed=seed)
    vectors = centre(vectors)
    bonus = _figure_bonus(texts, langs)
    for threshold in (0.3, 0.5):
        expected = _reference(vectors, groups, threshold, bonus, FIGURE_BONUS)
        got = cluster_vectors(
            vectors, groups, threshold, exact=True, bonus=bonus, max_bonus=FIGURE_BONUS
        )
        assert got == expected
        assert got != cluster_vectors(vectors, groups, threshold, exact=True)
        assert cluster_vectors(vectors, groups, threshold, exact=True) == _reference(
            vectors, groups, threshold, None, 0.0
        )


def _peak_bytes(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_candidate_scans_never_allocate_an_n_by_n_matrix() -> None:
    """numpy reports its allocations to tracemalloc: the peak of either scan stays far below one
    n x n float32 matrix (faiss's own index is outside numpy and not counted)."""
    n, dim = 8000, 32
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    groups = np.arange(n) % 50
    square = n * n * 4
    ann = _peak_bytes(lambda: cluster.candidate_pairs_ann(vectors, groups, 0.5))
    assert ann < square / 8
    exact = _peak_bytes(lambda: cluster.candidate_pairs_exact(vectors, groups, 0.5))
    assert exact < square / 2
    # The exact scan's blocks are BLOCK rows high: its peak grows with n, not with n squared.
    assert exact < 3 * cluster.BLOCK * n * 4 + 50 * n


def test_whole_clustering_at_scale_stays_linear_in_memory() -> None:
    n, dim = 9000, 32
    rng = np.random.default_rng(1)
    centres = rng.standard_normal((n // 3, dim))
    vectors = (np.repeat(centres, 3, axis=0) + 0.5 * rng.standard_normal((n, dim))).astype(
        np.float32
    )
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    groups = np.tile([0, 1, 2], n // 3)
    out: list[list[list[int]]] = []
    peak = _peak_bytes(lambda: out.append(cluster_vectors(vectors, groups, 0.6)))
    assert peak < n * n * 4 / 8
    clusters = out[0]
    assert sorted(k for c in clusters for k in c) == list(range(n))
    assert sum(len(c) == 3 for c in clusters) > n // 3 * 0.9
