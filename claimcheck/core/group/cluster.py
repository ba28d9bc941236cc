"""Grouping claim vectors into clusters of claims that say the same thing; no text handling here.

The method is constrained average-linkage agglomeration over a sparse graph of candidate pairs:

1. Candidate pairs are the nearest neighbours of each claim with cosine >= threshold that come from
   another source. Small inputs use every such pair (exact); large inputs take the top ``k``
   neighbours from an HNSW index (faiss), so no n x n matrix is ever built.
2. Pairs are visited from the most to the least similar. Two clusters merge only if they share no
   source (a source never agrees with itself) and the mean cosine over all cross pairs is still
   >= threshold, which stops the chaining that plain single linkage suffers from.

Every claim ends in exactly one cluster; a claim with no partner stays alone (a single-outlet
cluster). Ties are broken by claim index, so the result is deterministic.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

import numpy as np

from claimcheck.core.errors import Progress, check_cancel

#: Below this many claims every pair above the threshold is a candidate (exact and cheap).
EXACT_LIMIT = 4000


class IndexSettings(NamedTuple):
    """How the nearest-neighbour index is built and searched on large inputs (faiss)."""

    neighbours: int = 24
    """Nearest neighbours of each item offered as candidate pairs."""
    flat_up_to: int = 0
    """Up to this many items, an exact index (every distance, computed in blocks by BLAS: faster
    than the graph below some tens of thousands of items, and it misses nothing); above it, HNSW."""
    links: int = 32
    """Links per node of the graph (HNSW's M)."""
    build_effort: int = 80
    """Candidates kept while inserting (efConstruction)."""
    search_effort: int = 64
    """Candidates kept while searching (efSearch), at least twice ``neighbours``."""


#: The index for claims: recall of same-fact pairs 0.99 at 10,000 claims (benchmarks/README.md).
CLAIM_INDEX = IndexSettings()
#: Rows per block when scanning pairs exactly, to bound memory at EXACT_LIMIT x BLOCK floats.
BLOCK = 1024

#: Extra similarity for pairs of items, given as two index arrays (between 0 and ``max_bonus``).
PairBonus = Callable[[np.ndarray, np.ndarray], np.ndarray]


def candidate_pairs_exact(
    vectors: np.ndarray,
    groups: np.ndarray,
    threshold: float,
    cancel: threading.Event | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All pairs (i < j) from different groups with cosine >= threshold, scanned block by block."""
    n = len(vectors)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    sims: list[np.ndarray] = []
    for start in range(0, n, BLOCK):
        check_cancel(cancel)
        block = vectors[start : start + BLOCK] @ vectors.T
        i, j = np.nonzero(block >= threshold)
        i = i + start
        keep = (i < j) & (groups[i] != groups[j])
        rows.append(i[keep])
        cols.append(j[keep])
        sims.append(block[i[keep] - start, j[keep]])
    if not rows:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0, dtype=np.float32)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(sims).astype(np.float32)


def candidate_pairs_ann(
    vectors: np.ndarray,
    groups: np.ndarray,
    threshold: float,
    index_settings: IndexSettings = CLAIM_INDEX,
    cancel: threading.Event | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs from each item's nearest neighbours in a faiss index (inner product), as many as
    ``index_settings.neighbours``: an exact one up to ``index_settings.flat_up_to`` items, HNSW
    above.

    The HNSW index keeps its vectors in 16-bit floats (half the memory traffic, which is what an
    HNSW build and search wait on once the vectors outgrow the CPU cache); the similarities of
    the pairs it finds are then computed again from the float32 vectors, so they are exactly
    those of the exact scan.
    """
    import faiss  # deferred: only large inputs need it

    n, dim = vectors.shape
    k = min(index_settings.neighbours + 1, n)
    index: Any
    if n <= index_settings.flat_up_to:
        index = faiss.IndexFlatIP(dim)
    else:
        fp16 = faiss.ScalarQuantizer.QT_fp16
        index = faiss.IndexHNSWSQ(dim, fp16, index_settings.links, faiss.METRIC_INNER_PRODUCT)  # type: ignore[arg-type]
        index.hnsw.efConstruction = index_settings.build_effort
        index.hnsw.efSearch = max(index_settings.search_effort, 2 * k)
    data = np.ascontiguousarray(vectors, dtype=np.float32)
    step = 20_000
    for start in range(0, n, step):
        check_cancel(cancel)
        index.add(data[start : start + step])
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    sims: list[np.ndarray] = []
    for start in range(0, n, step):
        check_cancel(cancel)
        _, idx = index.search(data[start : start + step], k)
        i = np.repeat(np.arange(start, start + len(idx)), k)
        j = idx.ravel()
        s = _row_dots(data, start, idx)
        keep = (j >= 0) & (i != j) & (s >= threshold)
        i, j, s = i[keep], j[keep], s[keep]
        keep = groups[i] != groups[j]
        i, j, s = i[keep], j[keep], s[keep]
        lo, hi = np.minimum(i, j), np.maximum(i, j)
        rows.append(lo)
        cols.append(hi)
        sims.append(s)
    del index
    i = np.concatenate(rows)
    j = np.concatenate(cols)
    s = np.concatenate(sims).astype(np.float32)
    # A pair found from both ends appears twice: keep one copy.
    key = i.astype(np.int64) * n + j
    _, first = np.unique(key, return_index=True)
    return i[first], j[first], s[first]


def _row_dots(data: np.ndarray, start: int, neighbours: np.ndarray) -> np.ndarray:
    """Cosines of rows ``start``, ``start + 1``, ... with their ``neighbours`` (-1: none), flat."""
    out = np.empty(neighbours.shape, dtype=np.float32)
    rows = 1024  # bounds the gathered neighbour vectors at rows x k x dim floats
    for first in range(0, len(neighbours), rows):
        nb = neighbours[first : first + rows]
        block = data[start + first : start + first + len(nb)]
        gathered = data[np.where(nb >= 0, nb, 0)]
        out[first : first + len(nb)] = np.matmul(gathered, block[:, :, None])[:, :, 0]
    return out.ravel()


def cluster_vectors(
    vectors: np.ndarray,
    groups: Sequence[int] | np.ndarray,
    threshold: float,
    *,
    exact: bool | None = None,
    bonus: PairBonus | None = None,
    max_bonus: float = 0.0,
    index_settings: IndexSettings = CLAIM_INDEX,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> list[list[int]]:
    """Cluster unit-norm ``vectors``; ``groups[i]`` is claim i's source (never twice per cluster).

    Returns clusters as sorted lists of claim indices, every index exactly once, ordered by
    their first member. ``exact`` forces (or forbids) the exact pair scan; by default it is used
    up to :data:`EXACT_LIMIT` claims. ``bonus`` adds between 0 and ``max_bonus`` to a pair's
    similarity (so pairs down to ``threshold - max_bonus`` are considered). ``neighbours`` is how
    the index is built and searched when it is used.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    group_arr = np.asarray(groups, dtype=np.int64)
    n = len(vectors)
    if n == 0:
        return []
    if progress:
        progress("clustering", 0, n)
    i, j, order = _candidates_in_order(
        vectors, group_arr, threshold, exact, bonus, max_bonus, index_settings, cancel
    )
    members = _merge_in_order(vectors, group_arr, i, j, order, threshold, bonus, max_bonus, cancel)
    if progress:
        progress("clustering", n, n)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _candidates_in_order(
    vectors: np.ndarray,
    group_arr: np.ndarray,
    threshold: float,
    exact: bool | None,
    bonus: PairBonus | None,
    max_bonus: float,
    index_settings: IndexSettings,
    cancel: threading.Event | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs ``(i, j)`` that may reach ``threshold`` with their bonus, and the
    order to try them in: most similar first."""
    use_exact = len(vectors) <= EXACT_LIMIT if exact is None else exact
    floor = threshold - (max_bonus if bonus is not None else 0.0)
    if use_exact:
        i, j, s = candidate_pairs_exact(vectors, group_arr, floor, cancel)
    else:
        i, j, s = candidate_pairs_ann(vectors, group_arr, floor, index_settings, cancel)
    if bonus is not None and len(i):
        s = s + bonus(i, j)
        above = s >= threshold
        i, j, s = i[above], j[above], s[above]
    # Most similar first; ties broken by indices so the result never depends on sort stability.
    order = np.lexsort((j, i, -s))
    return i, j, order


def _merge_in_order(
    vectors: np.ndarray,
    group_arr: np.ndarray,
    i: np.ndarray,
    j: np.ndarray,
    order: np.ndarray,
    threshold: float,
    bonus: PairBonus | None,
    max_bonus: float,
    cancel: threading.Event | None,
) -> dict[int, list[int]]:
    """Average-linkage merges of the candidate pairs in ``order``, never two claims of one
    source in a cluster: cluster id -> its members."""
    n = len(vectors)
    owner = list(range(n))  # claim -> cluster id (the cluster's first claim when created)
    members: dict[int, list[int]] = {c: [c] for c in range(n)}
    sources: dict[int, set[int]] = {c: {g} for c, g in enumerate(group_arr.tolist())}
    # Sum of the member vectors of every cluster of two or more: the mean cosine over all cross
    # pairs of two clusters is the dot product of their sums over the product of their sizes, so
    # a merge test costs one dot product whatever the sizes.
    sums: dict[int, np.ndarray] = {}
    # Cluster pairs whose average linkage failed, with both sizes at the time. A cluster only
    # ever grows, so the same sizes mean the same members and the same failing mean: another
    # candidate pair between them is skipped without testing them again.
    rejected: dict[int, int] = {}
    bonus_cap = max_bonus if bonus is not None else 0.0
    for p, q in _pairs_in_order(i, j, order, cancel):
        a, b = owner[p], owner[q]
        if a == b or not sources[a].isdisjoint(sources[b]):
            continue
        ma, mb = members[a], members[b]
        if len(ma) * len(mb) > 1:
            lo, hi = (a, b) if a < b else (b, a)
            key = lo * n + hi
            sizes = len(members[lo]) * (n + 1) + len(members[hi])
            if rejected.get(key) == sizes:
                continue
        sum_a = sums[a] if len(ma) > 1 else vectors[a].astype(np.float64)
        sum_b = sums[b] if len(mb) > 1 else vectors[b].astype(np.float64)
        if len(ma) * len(mb) > 1:
            mean = float(sum_a @ sum_b) / (len(ma) * len(mb))
            # The bonus is between 0 and bonus_cap, so it only needs computing when it could
            # decide the test.
            if mean < threshold and (
                mean + bonus_cap < threshold
                or bonus is None
                or mean + _mean_bonus(bonus, ma, mb) < threshold
            ):
                rejected[key] = sizes
                continue
        winner, loser = (a, b) if len(ma) >= len(mb) else (b, a)
        for m in members[loser]:
            owner[m] = winner
        members[winner].extend(members.pop(loser))
        sources[winner] |= sources.pop(loser)
        sums[winner] = sum_a + sum_b
        sums.pop(loser, None)
    return members


def _mean_bonus(bonus: PairBonus, first: list[int], second: list[int]) -> float:
    """The mean bonus over every pair of a claim of ``first`` and a claim of ``second``."""
    ii = np.repeat(np.asarray(first), len(second))
    jj = np.tile(np.asarray(second), len(first))
    return float(bonus(ii, jj).astype(np.float64).mean())


def _pairs_in_order(
    i: np.ndarray, j: np.ndarray, order: np.ndarray, cancel: threading.Event | None
) -> Iterator[tuple[int, int]]:
    """``(i[e], j[e])`` for ``e`` in ``order``, as Python ints, checking ``cancel`` as it goes.

    The merge loop is Python, and indexing numpy arrays one item at a time is several times
    slower than reading lists; a chunk at a time keeps those lists small on large inputs.
    """
    chunk = 1 << 16
    for start in range(0, len(order), chunk):
        check_cancel(cancel)
        part = order[start : start + chunk]
        yield from zip(i[part].tolist(), j[part].tolist(), strict=True)
