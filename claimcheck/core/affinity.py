"""What claimcheck adds to embedding similarity before clustering: centring on each story's own
topic, and a small bonus for claims that state the same figure; and :func:`group_claims`, which
puts it together with the grouping into stories. No clustering logic here.

Why: in a set of articles about one story every sentence is "about" the same things, so raw
cosines are high across the board and the claims that truly match stand out less. Subtracting
the mean vector of the story's claims removes what they all share (the story's topic) and leaves
what tells them apart. A figure both claims state (the same year, count or amount, or one that
refines the other: "hundreds" and "des centaines") is strong evidence that they report the same
fact, which sentence encoders are known to weigh weakly. Both are measured in models.md.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache

import numpy as np

from .errors import Progress, no_progress
from .models import Figure

#: Added to the similarity of two claims that state an agreeing figure.
FIGURE_BONUS = 0.1


def centre(vectors: np.ndarray) -> np.ndarray:
    """Unit rows of ``vectors`` minus their mean (a copy; the input is left as it is)."""
    data = np.asarray(vectors, dtype=np.float32)
    if len(data) < 2:
        return data.copy()
    # In place on the one copy: at 100,000 claims each extra copy is another 200 MB.
    out = data - data.mean(axis=0, keepdims=True)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out /= norms
    return out


@lru_cache(maxsize=200_000)
def _figures(text: str, language: str) -> tuple[Figure, ...]:
    from .figures import extract_figures

    return tuple(extract_figures(text, language))


def _same_measure(a: Figure, b: Figure) -> bool:
    """Same kind of figure, and for counts the same counted thing when both name one ("hundreds
    of air strikes" and "des centaines de raids", not "hundreds of thousands of refugees")."""
    if a.kind != b.kind:
        return False
    if a.kind == "figure" and a.unit and b.unit:
        return a.unit == b.unit
    return True


def _signature(figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """The figures without their offsets: :func:`compare_figures` never reads those, and two
    claims that both say "on Tuesday" then share one entry in the bonus memo."""
    return tuple(replace(f, start=0, end=0) for f in figures)


class FigureBonus:
    """``bonus(i, j)`` for arrays of claim indices: :data:`FIGURE_BONUS` where the two claims
    state a figure of the same kind that agrees or refines, else 0."""

    def __init__(
        self, texts: Sequence[str], languages: Sequence[str], weight: float = FIGURE_BONUS
    ) -> None:
        self.weight = weight
        self.figures = [_figures(t, lang) for t, lang in zip(texts, languages, strict=True)]
        # Claims stating the same figures share an id, so each distinct pair of figure sets is
        # compared once however many pairs of claims state them (millions on large inputs).
        ids: dict[tuple[Figure, ...], int] = {}
        self._ids = np.array(
            [ids.setdefault(_signature(f), len(ids)) for f in self.figures], dtype=np.int64
        )
        self._sets = list(ids)
        # One bit per kind of figure a claim states: two claims can only earn the bonus if they
        # share a kind, which a vectorised AND decides for whole arrays of pairs at once.
        bits: dict[str, int] = {}
        masks = [0] * len(self.figures)
        for k, figures in enumerate(self.figures):
            for figure in figures:
                masks[k] |= 1 << (bits.setdefault(figure.kind, len(bits)) % 63)
        self._kinds = np.array(masks, dtype=np.int64)
        self._memo: dict[int, float] = {}

    def _of_sets(self, key: int) -> float:
        """The bonus between figure sets ``key // len(sets)`` and ``key % len(sets)``."""
        from .figures import compare_figures

        first, second = divmod(key, len(self._sets))
        hit = 0.0
        for a in self._sets[first]:
            for b in self._sets[second]:
                if _same_measure(a, b) and compare_figures(a, b) in ("agree", "refines"):
                    hit = self.weight
                    break
            if hit:
                break
        self._memo[key] = hit
        return hit

    def pair(self, i: int, j: int) -> float:
        """The bonus for claims ``i`` and ``j``."""
        if not self._kinds[i] & self._kinds[j]:
            return 0.0
        a, b = sorted((int(self._ids[i]), int(self._ids[j])))
        key = a * len(self._sets) + b
        hit = self._memo.get(key)
        return self._of_sets(key) if hit is None else hit

    def __call__(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        i = np.asarray(i, dtype=np.int64)
        j = np.asarray(j, dtype=np.int64)
        out = np.zeros(len(i), dtype=np.float32)
        maybe = np.flatnonzero(self._kinds[i] & self._kinds[j])
        if not len(maybe):
            return out
        a, b = self._ids[i[maybe]], self._ids[j[maybe]]
        keys = np.minimum(a, b) * len(self._sets) + np.maximum(a, b)
        where = None
        if len(keys) > 64:  # worth sorting out the repeats first
            keys, where = np.unique(keys, return_inverse=True)
        memo = self._memo
        known = [memo.get(k) for k in keys.tolist()]
        values = np.array(
            [
                self._of_sets(k) if v is None else v
                for k, v in zip(keys.tolist(), known, strict=True)
            ],
            dtype=np.float32,
        )
        out[maybe] = values if where is None else values[where.ravel()]
        return out


def group_claims(
    vectors: np.ndarray,
    groups: Sequence[int],
    texts: Sequence[str],
    languages: Sequence[str],
    threshold: float,
    *,
    buckets: Sequence[np.ndarray] | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> list[list[int]]:
    """Claim indices grouped into clusters the way claimcheck does it: the input cut into
    stories (:mod:`claimcheck.core.stories`; ``buckets`` if the caller already has them), then
    within each story centred vectors, the figure bonus and constrained average linkage at
    ``threshold``.

    Returns clusters as sorted lists of claim indices, every index exactly once, ordered by their
    first member.
    """
    from .cluster import cluster_vectors
    from .stories import story_buckets

    n = len(vectors)
    if n == 0:
        return []
    report = progress or no_progress
    report("clustering", 0, n)
    group_arr = np.asarray(groups, dtype=np.int64)
    if buckets is None:
        buckets = story_buckets(vectors, group_arr, cancel=cancel)
    figure_bonus = FigureBonus(texts, languages)
    clusters: list[list[int]] = []
    done = step = 0
    for bucket in buckets:
        local_groups = group_arr[bucket]
        if len(bucket) == 1 or (local_groups == local_groups[0]).all():
            # One article: its claims never share a cluster (a source never agrees with itself).
            clusters.extend([k] for k in bucket.tolist())
        else:
            found = cluster_vectors(
                centre(vectors[bucket]),
                local_groups,
                threshold,
                bonus=_restricted(figure_bonus, bucket),
                max_bonus=FIGURE_BONUS,
                cancel=cancel,
            )
            clusters.extend(bucket[members].tolist() for members in found)
        done += len(bucket)
        if done >= step:  # about a hundred updates however many stories there are
            report("clustering", done, n)
            step = done + max(1, n // 100)
    report("clustering", n, n)
    return sorted(clusters, key=lambda members: members[0])


def _restricted(
    bonus: FigureBonus, index: np.ndarray
) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """``bonus`` for claims numbered within one story (``index`` maps them to the input's)."""

    def restricted(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return bonus(index[i], index[j])

    return restricted
