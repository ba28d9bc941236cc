"""Cutting an input into stories before its claims are matched; no text handling here.

Claims are only worth comparing within one story: two reports of different events share no
fact, however alike their sentences sound ("X people were killed in Y"). Matching every claim of
a large input against every other therefore costs more than it should and, with one similarity
threshold, finds more false partners the more stories the input holds. So the articles are
grouped into stories first, and claims are matched within each story only.

An article's vector is the normalised mean of its claims' vectors (before any centring: the
story is what the articles share, and centring would remove it). Articles are grouped by the
same average linkage the claims use (:func:`claimcheck.core.group.cluster.cluster_vectors`, without
the one-claim-per-source rule) at :data:`STORY_THRESHOLD`. An article left alone then joins the
story of its most similar article if that similarity reaches :data:`ATTACH_FLOOR`, so that a
short or oddly worded article is not cut off from its own story. The threshold is measured in
models.md; the attach step rests on what was seen there too (every article's most similar
article belongs to its own story), its floor is a judgement. A story of more than
:data:`MAX_STORY_CLAIMS` claims is grouped again, a little higher each round up to
:data:`SPLIT_CEILING`, which separates related stories that chained together without cutting
one event's coverage apart.

An input that is one story (a handful of articles about the same event) stays one bucket, and is
clustered exactly as it would be without this step.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from claimcheck.core.errors import check_cancel
from claimcheck.core.group.cluster import IndexSettings, cluster_vectors

#: Average cosine of article vectors at which two groups of articles are one story.
STORY_THRESHOLD = 0.50
#: An article with no partner at STORY_THRESHOLD joins its nearest article's story from here.
ATTACH_FLOOR = 0.35
#: A story holding more claims than this is grouped again at a threshold STEP higher...
MAX_STORY_CLAIMS = 2000
#: How much the threshold rises each time a story is grouped again.
STEP = 0.02
#: ... up to this threshold: the top of the band in which the labelled stories are recovered
#: exactly (models.md); above it the articles of one story start to fall apart.
SPLIT_CEILING = 0.58
#: The index over articles when there are too many to compare every pair: the merge test reads
#: whole groups' summed vectors, so ten candidates per article are enough. Up to 20,000 articles
#: (a million claims or so) they are the exact ten nearest, found by BLAS in 0.22 s for 5,900
#: articles where HNSW took 0.43 s and missed some (more synthetic stories were cut apart).
ARTICLE_INDEX = IndexSettings(neighbours=10, flat_up_to=20_000)
#: Similarities computed at once when looking for lone articles' nearest articles exactly.
_CELLS = 1 << 22


def article_vectors(
    vectors: np.ndarray, groups: Sequence[int] | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``(article_of_claim, article_vectors)``: each claim's article as 0..m-1, and each
    article's unit mean vector, float32 (m, dim)."""
    data = np.asarray(vectors, dtype=np.float32)
    _, article_of = np.unique(np.asarray(groups), return_inverse=True)
    article_of = article_of.ravel()
    m = int(article_of.max()) + 1 if len(article_of) else 0
    # One sum per article over its rows (a loop over articles, not claims: numpy's reduceat
    # and add.at are ten to forty times slower on rows of 512 floats).
    # Claims come in article order from the pipeline: then each article is a slice, not a copy.
    in_order = bool((np.diff(article_of) >= 0).all())
    order = np.arange(len(article_of)) if in_order else np.argsort(article_of, kind="stable")
    bounds = np.searchsorted(article_of[order], np.arange(m + 1)).tolist()
    sums = np.empty((m, data.shape[1]), dtype=np.float64)
    for k in range(m):
        rows = slice(bounds[k], bounds[k + 1])
        part = data[rows] if in_order else data[order[rows]]
        sums[k] = part.sum(axis=0, dtype=np.float64)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return article_of, (sums / norms).astype(np.float32)


def story_buckets(
    vectors: np.ndarray,
    groups: Sequence[int] | np.ndarray,
    *,
    threshold: float = STORY_THRESHOLD,
    attach_floor: float = ATTACH_FLOOR,
    max_claims: int = MAX_STORY_CLAIMS,
    cancel: threading.Event | None = None,
) -> list[np.ndarray]:
    """Claim indices grouped by story: sorted int64 arrays, every claim in exactly one, ordered
    by their first claim. ``vectors`` are the claims' unit vectors (not centred), ``groups[i]``
    claim i's article."""
    n = len(vectors)
    if n == 0:
        return []
    article_of, articles = article_vectors(vectors, groups)
    m = len(articles)
    if m == 1:
        return [np.arange(n, dtype=np.int64)]
    story_of = _group(articles, threshold, attach_floor, cancel)
    size = np.bincount(article_of, minlength=m)
    story_of = _split_large(articles, size, story_of, threshold, attach_floor, max_claims, cancel)
    claim_story = story_of[article_of]
    order = np.argsort(claim_story, kind="stable")
    bounds = np.flatnonzero(np.diff(claim_story[order])) + 1
    buckets = np.split(order.astype(np.int64), bounds)
    return sorted(buckets, key=lambda b: int(b[0]))


def _group(
    articles: np.ndarray, threshold: float, attach_floor: float, cancel: threading.Event | None
) -> np.ndarray:
    """Each article's story, numbered from 0: average linkage at ``threshold``, then lone
    articles attached from ``attach_floor``."""
    m = len(articles)
    clean = np.where(np.isfinite(articles), articles, 0.0).astype(np.float32)
    stories = cluster_vectors(
        clean, np.arange(m), threshold, index_settings=ARTICLE_INDEX, cancel=cancel
    )
    story_of = np.empty(m, dtype=np.int64)
    for k, members in enumerate(stories):
        story_of[members] = k
    lone = np.array([members[0] for members in stories if len(members) == 1], dtype=np.int64)
    if len(lone):
        # Exact even when the linkage used the index: an article the index served badly is
        # typically one of these, and there are few of them.
        nearest, best = _nearest(clean, lone, cancel)
        story_of = _attach(story_of, lone, nearest, best, attach_floor)
    _, story_of = np.unique(story_of, return_inverse=True)
    return story_of.ravel().astype(np.int64)


def _attach(
    story_of: np.ndarray, lone: np.ndarray, nearest: np.ndarray, best: np.ndarray, floor: float
) -> np.ndarray:
    """``story_of`` after each lone article joins the story of its ``nearest`` article when
    their cosine ``best`` reaches ``floor``.

    Two lone articles nearest to each other end in one story: the joins are edges of a
    union-find over stories, so the result does not depend on the order they are made in.
    """
    parent = np.arange(int(story_of.max()) + 1)

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b, s in zip(lone.tolist(), nearest.tolist(), best.tolist(), strict=True):
        if s >= floor:
            ra, rb = find(int(story_of[a])), find(int(story_of[b]))
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    roots = np.array([find(s) for s in range(len(parent))])
    return roots[story_of]


def _nearest(
    articles: np.ndarray, rows: np.ndarray, cancel: threading.Event | None
) -> tuple[np.ndarray, np.ndarray]:
    """For each article in ``rows``, the most similar other article and that cosine, from every
    pair, :data:`_CELLS` similarities at a time (time: rows x articles)."""
    m = len(articles)
    nearest = np.zeros(len(rows), dtype=np.int64)
    best = np.full(len(rows), -np.inf, dtype=np.float32)
    step = max(1, _CELLS // m)
    for start in range(0, len(rows), step):
        check_cancel(cancel)
        part = rows[start : start + step]
        sims = articles[part] @ articles.T
        sims[np.arange(len(part)), part] = -np.inf
        found = sims.argmax(axis=1)
        nearest[start : start + len(part)] = found
        best[start : start + len(part)] = sims[np.arange(len(part)), found]
    return nearest, best


def _split_large(
    articles: np.ndarray,
    size: np.ndarray,
    story_of: np.ndarray,
    threshold: float,
    attach_floor: float,
    max_claims: int,
    cancel: threading.Event | None,
) -> np.ndarray:
    """``story_of`` with every story of more than ``max_claims`` claims grouped again at a
    threshold :data:`STEP` higher each round, lone articles attached again within it, as long
    as the threshold stays at or under :data:`SPLIT_CEILING`. A story that is still one group
    there is left whole, however large: it is one event as far as its articles tell.

    Why: with one threshold over thousands of articles, a few groups of related stories
    (elections in several countries, say) reach it on average and chain into one bucket; inside
    it, claims would again meet the false partners that grouping is meant to avoid, and the work
    of a bucket grows with the square of its size. The articles of one event are more alike
    than such groups are to each other, so a slightly higher threshold separates the groups
    first; a much higher one would cut one event's coverage apart, hence the ceiling.
    """
    out = story_of.copy()
    claims_in = np.bincount(story_of, weights=size)
    pending = [
        (np.flatnonzero(story_of == k), threshold + STEP)
        for k in np.flatnonzero(claims_in > max_claims)
    ]
    next_id = int(story_of.max()) + 1
    while pending:
        members, level = pending.pop()
        if len(members) < 2 or level > SPLIT_CEILING + 1e-9:
            continue
        local = _group(articles[members], level, attach_floor, cancel)
        if local.max() == 0:  # still one group: try a little higher
            pending.append((members, level + STEP))
            continue
        for piece in range(int(local.max()) + 1):
            chosen = members[local == piece]
            out[chosen] = next_id
            next_id += 1
            if size[chosen].sum() > max_claims:
                pending.append((chosen, level + STEP))
    return out
