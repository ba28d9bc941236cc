"""Cutting an input into stories before matching claims: which articles go together, what a
lone or a chained article becomes, and that a one-story input clusters exactly as before."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from claimcheck.core import stories
from claimcheck.core.affinity import FIGURE_BONUS, FigureBonus, centre, group_claims
from claimcheck.core.cluster import cluster_vectors
from claimcheck.core.errors import Cancelled
from claimcheck.core.stories import ATTACH_FLOOR, STORY_THRESHOLD, article_vectors, story_buckets

DIM = 64


def _unit(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=-1, keepdims=True)


def _coverage(
    n_stories: int, articles: int, claims: int, seed: int = 0, story_weight: float = 1.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``n_stories`` stories of ``articles`` articles of ``claims`` claims each: a claim mixes
    what all news shares, its story and its own fact. Returns vectors, article of each claim
    (ids interleaved across stories, not contiguous) and story of each claim."""
    rng = np.random.default_rng(seed)
    news = rng.standard_normal(DIM)
    rows, article_of, story_of = [], [], []
    for s in range(n_stories):
        story = rng.standard_normal(DIM)
        facts = rng.standard_normal((claims * 2, DIM))
        for a in range(articles):
            for fact in rng.choice(len(facts), size=claims, replace=False):
                rows.append(0.3 * news + story_weight * story + facts[fact])
                article_of.append(a * n_stories + s)
                story_of.append(s)
    return _unit(np.array(rows)), np.array(article_of), np.array(story_of)


def _same_partition(buckets: list[np.ndarray], labels: np.ndarray) -> bool:
    found = sorted(tuple(b.tolist()) for b in buckets)
    truth = sorted(tuple(np.flatnonzero(labels == v).tolist()) for v in np.unique(labels))
    return found == truth


def test_article_vectors_are_unit_means_whatever_the_article_ids() -> None:
    vectors = _unit(np.eye(4, DIM)[[0, 1, 2, 3]])
    article_of, articles = article_vectors(vectors, [7, 3, 7, 3])
    assert article_of.tolist() == [1, 0, 1, 0]
    expected = _unit(np.array([vectors[1] + vectors[3], vectors[0] + vectors[2]]))
    np.testing.assert_allclose(articles, expected, atol=1e-6)


def test_articles_are_grouped_by_story() -> None:
    vectors, articles, story = _coverage(n_stories=6, articles=4, claims=8)
    buckets = story_buckets(vectors, articles)
    assert _same_partition(buckets, story)
    # Every claim exactly once, each bucket sorted, buckets ordered by their first claim.
    flat = np.concatenate(buckets)
    assert sorted(flat.tolist()) == list(range(len(vectors)))
    assert all((np.diff(b) > 0).all() for b in buckets)
    assert [int(b[0]) for b in buckets] == sorted(int(b[0]) for b in buckets)
    assert [b.tolist() for b in story_buckets(vectors, articles)] == [b.tolist() for b in buckets]


def test_one_story_stays_one_bucket_and_clusters_as_the_whole_input() -> None:
    vectors, articles, _ = _coverage(n_stories=1, articles=5, claims=10, seed=3)
    assert len(story_buckets(vectors, articles)) == 1
    texts = [f"Claim {k} says {k % 7} people were hurt." for k in range(len(vectors))]
    langs = ["en"] * len(vectors)
    whole = cluster_vectors(
        centre(vectors),
        articles,
        0.3,
        bonus=FigureBonus(texts, langs),
        max_bonus=FIGURE_BONUS,
    )
    assert group_claims(vectors, list(articles), texts, langs, 0.3) == whole


def test_the_same_fact_sentence_in_two_stories_is_not_matched() -> None:
    # Two stories with nothing in common but one sentence shape ("N people were killed"): taken
    # as one input the two sentences match, cut into stories they cannot.
    vectors, articles, story = _coverage(n_stories=2, articles=3, claims=6, seed=5)
    shared = np.random.default_rng(9).standard_normal(DIM)
    first, second = int(np.flatnonzero(story == 0)[0]), int(np.flatnonzero(story == 1)[0])
    vectors[first] = _unit(shared + 0.05 * vectors[first])
    vectors[second] = _unit(shared + 0.05 * vectors[second])
    texts = ["Officials said the toll rose."] * len(vectors)
    langs = ["en"] * len(vectors)
    whole = cluster_vectors(centre(vectors), articles, 0.3)
    assert any(first in c and second in c for c in whole)
    clusters = group_claims(vectors, list(articles), texts, langs, 0.3)
    assert not any(first in c and second in c for c in clusters)
    for members in clusters:
        assert len({int(story[m]) for m in members}) == 1


def _one_claim_articles(cosines_to_story: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """Three alike articles of one story (one claim each), then one article per cosine given,
    at exactly that cosine to the story's direction and far from each other."""
    axes = np.eye(len(cosines_to_story) + 1, DIM, dtype=np.float32)
    rows = [axes[0]] * 3
    for k, c in enumerate(cosines_to_story, 1):
        rows.append(c * axes[0] + np.sqrt(1 - c * c) * axes[k])
    return _unit(np.array(rows)), np.arange(len(rows))


def test_a_lone_article_joins_its_nearest_story_from_the_attach_floor() -> None:
    near = (ATTACH_FLOOR + STORY_THRESHOLD) / 2
    far = ATTACH_FLOOR - 0.1
    vectors, articles = _one_claim_articles([near, far])
    buckets = story_buckets(vectors, articles)
    assert [b.tolist() for b in buckets] == [[0, 1, 2, 3], [4]]
    # Without the attach step the near article would stay alone too.
    alone = story_buckets(vectors, articles, attach_floor=2.0)
    assert [b.tolist() for b in alone] == [[0, 1, 2], [3], [4]]


def test_a_story_over_the_size_limit_is_cut_again_at_a_higher_threshold() -> None:
    # Two tight groups of articles (cosine 0.95 within) whose groups are 0.6 alike: one story
    # at the default threshold, two once the bucket may hold only one group's claims.
    rng = np.random.default_rng(2)
    a = np.eye(2, DIM)[0]
    b = 0.7 * np.eye(2, DIM)[0] + np.sqrt(1 - 0.49) * np.eye(2, DIM)[1]
    rows, article_of = [], []
    for group, direction in enumerate((a, b)):
        for art in range(4):
            for _ in range(5):
                rows.append(direction + 0.02 * rng.standard_normal(DIM))
                article_of.append(group * 4 + art)
    vectors = _unit(np.array(rows))
    _, arts = article_vectors(vectors, article_of)
    between = float(np.mean(arts[:4] @ arts[4:].T))
    assert STORY_THRESHOLD < between < 0.9
    assert len(story_buckets(vectors, article_of)) == 1
    cut = story_buckets(vectors, article_of, max_claims=20)
    assert [b.tolist() for b in cut] == [list(range(20)), list(range(20, 40))]


def test_articles_alike_at_every_threshold_stay_one_story_past_the_size_limit() -> None:
    # Copies of one wire story cannot be told apart, and are one story: the cut gives up at a
    # threshold of 1 instead of splitting them arbitrarily or looping, and loses no claim.
    vectors = _unit(np.ones((12, DIM)))
    buckets = story_buckets(vectors, np.repeat(np.arange(4), 3), max_claims=2)
    assert [b.tolist() for b in buckets] == [list(range(12))]


def test_edge_cases() -> None:
    assert story_buckets(np.zeros((0, DIM), dtype=np.float32), []) == []
    vectors = _unit(np.random.default_rng(0).standard_normal((5, DIM)))
    assert [b.tolist() for b in story_buckets(vectors, [4] * 5)] == [[0, 1, 2, 3, 4]]


def test_grouping_stops_when_cancelled() -> None:
    vectors, articles, _ = _coverage(n_stories=3, articles=3, claims=4)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        story_buckets(vectors, articles, cancel=cancel)
    with pytest.raises(Cancelled):
        group_claims(vectors, list(articles), ["x"] * len(vectors), ["en"] * len(vectors), 0.3,
                     cancel=cancel)  # fmt: skip


def test_group_claims_reports_progress_from_zero_to_all() -> None:
    vectors, articles, _ = _coverage(n_stories=4, articles=3, claims=5)
    seen: list[tuple[str, int, int]] = []
    texts = ["x"] * len(vectors)
    group_claims(vectors, list(articles), texts, ["en"] * len(vectors), 0.3,
                 progress=lambda *a: seen.append(a))  # fmt: skip
    n = len(vectors)
    assert seen[0] == ("clustering", 0, n) and seen[-1] == ("clustering", n, n)
    done = [d for _, d, _ in seen]
    assert done == sorted(done)


def test_index_and_exact_article_search_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    vectors, articles, story = _coverage(n_stories=8, articles=5, claims=3, seed=11)
    exact = story_buckets(vectors, articles)
    from claimcheck.core import cluster

    monkeypatch.setattr(cluster, "EXACT_LIMIT", 1)  # force the index even for 40 articles
    indexed = story_buckets(vectors, articles)
    assert [b.tolist() for b in indexed] == [b.tolist() for b in exact]
    assert _same_partition(exact, story)
    assert stories.ARTICLE_INDEX.neighbours < 40  # the index offered only some neighbours


def test_many_stories_cluster_without_a_square_matrix() -> None:
    import tracemalloc

    vectors, articles, story = _coverage(n_stories=60, articles=5, claims=30, seed=8)
    n = len(vectors)
    assert n == 9000
    texts = [f"Report {k}." for k in range(n)]
    tracemalloc.start()
    try:
        clusters = group_claims(vectors, list(articles), texts, ["en"] * n, 0.3)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < n * n * 4 / 8
    assert sorted(k for c in clusters for k in c) == list(range(n))
    assert all(len({int(story[m]) for m in c}) == 1 for c in clusters)
