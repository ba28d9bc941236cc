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
from collections.abc import Callable, Sequence

import numpy as np

from .errors import Progress, check_cancel

#: Below this many claims every pair above the threshold is a candidate (exact and cheap).
EXACT_LIMIT = 4000
#: Neighbours per claim taken from the approximate index on large inputs.
NEIGHBOURS = 24
#: Rows per block when scanning pairs exactly, to bound memory at EXACT_LIMIT x BLOCK floats.
BLOCK = 1024

#: Extra similarity for pairs of claims, given as two index arrays; see affinity.FigureBonus.
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
    k: int = NEIGHBOURS,
    cancel: threading.Event | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs from each claim's ``k`` approximate nearest neighbours (faiss HNSW, inner product)."""
    import faiss  # deferred: only large inputs need it

    n, dim = vectors.shape
    k = min(k + 1, n)
    index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 80
    index.hnsw.efSearch = max(64, 2 * k)
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
        d, idx = index.search(data[start : start + step], k)
        i = np.repeat(np.arange(start, start + len(idx)), k)
        j = idx.ravel()
        s = d.ravel()
        keep = (j >= 0) & (i != j) & (s >= threshold)
        i, j, s = i[keep], j[keep], s[keep]
        keep = groups[i] != groups[j]
        i, j, s = i[keep], j[keep], s[keep]
        lo, hi = np.minimum(i, j), np.maximum(i, j)
        rows.append(lo)
        cols.append(hi)
        sims.append(s)
    i = np.concatenate(rows)
    j = np.concatenate(cols)
    s = np.concatenate(sims).astype(np.float32)
    # A pair found from both ends appears twice: keep one copy.
    key = i.astype(np.int64) * n + j
    _, first = np.unique(key, return_index=True)
    return i[first], j[first], s[first]


def cluster_vectors(
    vectors: np.ndarray,
    groups: Sequence[int] | np.ndarray,
    threshold: float,
    *,
    exact: bool | None = None,
    bonus: PairBonus | None = None,
    max_bonus: float = 0.0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> list[list[int]]:
    """Cluster unit-norm ``vectors``; ``groups[i]`` is claim i's source (never twice per cluster).

    Returns clusters as sorted lists of claim indices, every index exactly once, ordered by
    their first member. ``exact`` forces (or forbids) the exact pair scan; by default it is used
    up to :data:`EXACT_LIMIT` claims. ``bonus`` adds up to ``max_bonus`` to a pair's similarity
    (so pairs down to ``threshold - max_bonus`` are considered).
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    group_arr = np.asarray(groups, dtype=np.int64)
    n = len(vectors)
    if n == 0:
        return []
    if progress:
        progress("clustering", 0, n)
    use_exact = n <= EXACT_LIMIT if exact is None else exact
    floor = threshold - (max_bonus if bonus is not None else 0.0)
    if use_exact:
        i, j, s = candidate_pairs_exact(vectors, group_arr, floor, cancel)
    else:
        i, j, s = candidate_pairs_ann(vectors, group_arr, floor, cancel=cancel)
    if bonus is not None and len(i):
        s = s + bonus(i, j)
        above = s >= threshold
        i, j, s = i[above], j[above], s[above]
    # Most similar first; ties broken by indices so the result never depends on sort stability.
    order = np.lexsort((j, i, -s))

    owner = list(range(n))  # claim -> cluster id (the cluster's first claim when created)
    members: dict[int, list[int]] = {c: [c] for c in range(n)}
    sources: dict[int, set[int]] = {c: {int(group_arr[c])} for c in range(n)}
    for step, e in enumerate(order):
        if step % 4096 == 0:
            check_cancel(cancel)
        a, b = owner[int(i[int(e)])], owner[int(j[int(e)])]
        if a == b or sources[a] & sources[b]:
            continue
        ma, mb = members[a], members[b]
        if len(ma) * len(mb) > 1:
            cross = vectors[ma] @ vectors[mb].T
            if bonus is not None:
                ii = np.repeat(np.asarray(ma), len(mb))
                jj = np.tile(np.asarray(mb), len(ma))
                cross = cross + bonus(ii, jj).reshape(cross.shape)
            if float(cross.mean()) < threshold:
                continue
        winner, loser = (a, b) if len(ma) >= len(mb) else (b, a)
        for m in members[loser]:
            owner[m] = winner
        members[winner].extend(members.pop(loser))
        sources[winner] |= sources.pop(loser)
    if progress:
        progress("clustering", n, n)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])
