"""Claim matching on the English/French set this project wrote (benchmarks/data/
claims_en_fr.jsonl), with the real default model. Written sentences agree with the rules they
were written for, so these are floors against regressions, not the figures of record: those come
from real articles (tests/e2e/test_agreement_quality.py, benchmarks/eval_agreement.py).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from claimcheck.core.defaults import DEFAULT_THRESHOLD
from claimcheck.core.group.stories import STORY_THRESHOLD
from tests.conftest import load_benchmark

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
#: Precision on the written set at the default threshold (1.00 measured, models.md).
PRECISION_FLOOR = 0.9
#: Recall of agreement alone on the written set (0.40 measured): suggestions carry the rest.
RECALL_FLOOR = 0.3


@pytest.fixture(scope="module")
def evaluation() -> ModuleType:
    """The evaluation module."""
    return load_benchmark("eval_matching")


@pytest.fixture(scope="module")
def claims(evaluation: ModuleType) -> list[Any]:
    """The labelled claims."""
    return evaluation.load_claims()


@pytest.fixture(scope="module")
def vectors(evaluation: ModuleType, claims: list[Any]) -> Any:
    """The default model's vectors of the labelled claims."""
    return evaluation.encode(claims)


@pytest.fixture(scope="module")
def words(evaluation: ModuleType, claims: list[Any]) -> Any:
    """The default model's vectors of the claims' content words."""
    return evaluation.encode_words(claims)


@pytest.fixture(scope="module")
def scores(evaluation: ModuleType, claims: list[Any], vectors: Any, words: Any) -> Any:
    """Pair scores of the default model at the default threshold, story by story."""
    return evaluation.evaluate(claims, vectors, words, DEFAULT_THRESHOLD)


def _worst(scores: Any, kind: str, cross: bool) -> str:
    errors = [e for e in scores.errors if e.kind == kind and (not cross or e.a.lang != e.b.lang)]
    errors.sort(key=lambda e: -e.cosine if kind == "FP" else e.cosine)
    return "\n".join(f"  {e.cosine:.3f} {e.a.text!r} ~ {e.b.text!r}" for e in errors[:5])


@pytest.mark.parametrize("cross", [False, True], ids=["all-pairs", "en-fr-pairs"])
def test_precision_at_default_threshold(scores: Any, cross: bool) -> None:
    counts = scores.cross if cross else scores.overall
    assert counts.tp + counts.fp > 0, "nothing was matched at all"
    assert counts.precision >= PRECISION_FLOOR, (
        f"precision {counts.precision:.3f} < {PRECISION_FLOOR} at {DEFAULT_THRESHOLD}; "
        f"most similar wrong matches:\n{_worst(scores, 'FP', cross)}"
    )


@pytest.mark.parametrize("cross", [False, True], ids=["all-pairs", "en-fr-pairs"])
def test_recall_at_default_threshold(scores: Any, cross: bool) -> None:
    counts = scores.cross if cross else scores.overall
    assert counts.recall >= RECALL_FLOOR, (
        f"recall {counts.recall:.3f} < {RECALL_FLOOR} at {DEFAULT_THRESHOLD}; "
        f"least similar missed matches:\n{_worst(scores, 'FN', cross)}"
    )


def test_set_is_balanced_and_shaped_as_documented(claims: list[Any]) -> None:
    # The figures above mean something only if the set keeps the shape it was built with.
    assert len(claims) >= 250
    langs = Counter(c.lang for c in claims)
    assert min(langs["en"], langs["fr"]) >= 0.4 * len(claims)
    stories = {c.story for c in claims}
    assert len(stories) >= 12
    per_source = Counter((c.story, c.source) for c in claims)
    for story in stories:
        sources = [s for (st, s) in per_source if st == story]
        assert 3 <= len(sources) <= 5, story
        assert all(4 <= per_source[story, s] <= 10 for s in sources), story
        story_langs = {c.lang for c in claims if c.story == story}
        assert story_langs == {"en", "fr"}, f"{story} is not bilingual"
    events = Counter((c.story, c.event) for c in claims if c.event is not None)
    assert all(n >= 2 for n in events.values()), "an event label only one source states"
    assert sum(c.event is None for c in claims) >= 0.05 * len(claims)


def test_set_stays_off_the_bundled_story(claims: list[Any]) -> None:
    # Tuning on the corpus's own subject would make these figures meaningless.
    banned = re.compile(r"\b(isra[eë]l\w*|russ\w*|syri\w*|netanyahu|lavrov)\b", re.IGNORECASE)
    assert not [c.text for c in claims if banned.search(c.text)]


def test_all_stories_in_one_input_are_cut_into_the_stories(
    evaluation: ModuleType, claims: list[Any], vectors: Any
) -> None:
    # A user who opens every article at once: claimcheck must find the stories itself.
    buckets, articles = evaluation.story_purity(claims, vectors, STORY_THRESHOLD)
    assert buckets == len({c.story for c in claims})
    assert (articles.precision, articles.recall) == (1.0, 1.0)


def test_all_stories_in_one_input_match_as_well_as_one_by_one(
    evaluation: ModuleType, claims: list[Any], vectors: Any, words: Any, scores: Any
) -> None:
    pooled = evaluation.evaluate_pooled(claims, vectors, words, DEFAULT_THRESHOLD)
    assert pooled.overall.precision >= PRECISION_FLOOR
    assert pooled.overall.recall >= RECALL_FLOOR
    # Claims of different stories never pair up, so nothing is lost against story by story.
    assert pooled.overall.precision >= scores.overall.precision - 0.01
    assert pooled.overall.recall >= scores.overall.recall - 0.01
