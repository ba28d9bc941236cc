"""What claimcheck adds to embedding similarity before clustering: centring on the input's own
topic, and a small bonus for claims that state the same figure. No clustering logic here.

Why: in a set of articles about one story every sentence is "about" the same things, so raw
cosines are high across the board and the claims that truly match stand out less. Subtracting
the mean vector of the input removes what all its claims share (the story's topic) and leaves
what tells them apart. A figure both claims state (the same year, count or amount, or one that
refines the other: "hundreds" and "des centaines") is strong evidence that they report the same
fact, which sentence encoders are known to weigh weakly. Both are measured in models.md.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .errors import Progress
from .models import Figure

#: Added to the similarity of two claims that state an agreeing figure.
FIGURE_BONUS = 0.1


def centre(vectors: np.ndarray) -> np.ndarray:
    """Unit rows of ``vectors`` minus their mean (a copy; the input is left as it is)."""
    data = np.asarray(vectors, dtype=np.float32)
    if len(data) < 2:
        return data.copy()
    out = data - data.mean(axis=0, keepdims=True)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (out / norms).astype(np.float32)


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


class FigureBonus:
    """``bonus(i, j)`` for arrays of claim indices: :data:`FIGURE_BONUS` where the two claims
    state a figure of the same kind that agrees or refines, else 0."""

    def __init__(
        self, texts: Sequence[str], languages: Sequence[str], weight: float = FIGURE_BONUS
    ) -> None:
        self.weight = weight
        self.figures = [_figures(t, lang) for t, lang in zip(texts, languages, strict=True)]
        self._memo: dict[tuple[int, int], float] = {}

    def pair(self, i: int, j: int) -> float:
        """The bonus for claims ``i`` and ``j``."""
        if not self.figures[i] or not self.figures[j]:
            return 0.0
        key = (i, j) if i < j else (j, i)
        hit = self._memo.get(key)
        if hit is None:
            from .figures import compare_figures

            hit = 0.0
            for a in self.figures[i]:
                for b in self.figures[j]:
                    if _same_measure(a, b) and compare_figures(a, b) in ("agree", "refines"):
                        hit = self.weight
                        break
                if hit:
                    break
            self._memo[key] = hit
        return hit

    def __call__(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return np.fromiter(
            (self.pair(int(a), int(b)) for a, b in zip(i, j, strict=True)),
            dtype=np.float32,
            count=len(i),
        )


def group_claims(
    vectors: np.ndarray,
    groups: Sequence[int],
    texts: Sequence[str],
    languages: Sequence[str],
    threshold: float,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> list[list[int]]:
    """Claim indices grouped into clusters the way claimcheck does it: centred vectors, the
    figure bonus, constrained average linkage at ``threshold``."""
    from .cluster import cluster_vectors

    return cluster_vectors(
        centre(vectors),
        groups,
        threshold,
        bonus=FigureBonus(texts, languages),
        max_bonus=FIGURE_BONUS,
        progress=progress,
        cancel=cancel,
    )
