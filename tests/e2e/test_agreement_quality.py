"""Agreement on real text labelled by hand, with the real default model: the figures of record
come from benchmarks/eval_agreement.py; these tests keep them from sliding back.

The labels (benchmarks/data/labels/) say which claims of the five corpus articles state the same
fact; they were made before the verifier was fitted, and the corpus is never used to fit it.
"""

from __future__ import annotations

import hashlib
import json
from itertools import combinations
from pathlib import Path

import pytest

from claimcheck.core.types import Result

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "benchmarks" / "data" / "labels"


def _hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


@pytest.fixture(scope="module")
def facts(corpus_result: Result) -> dict[str, frozenset[str]]:
    """Each corpus claim's labelled facts (empty: it states nothing another claim can match)."""
    labels = json.loads((LABELS / "corpus.json").read_text(encoding="utf-8"))
    by_hash = {(e["article"], e["hash"]): frozenset(e["facts"]) for e in labels["claims"]}
    out = {c.id: by_hash.get((c.source, _hash(c.text))) for c in corpus_result.claims}
    missing = [k for k, v in out.items() if v is None]
    assert not missing, f"claims not in the labels (segmentation changed?): {missing}"
    return {k: v or frozenset() for k, v in out.items()}


def _shown_pairs(result: Result) -> list[tuple[str, str]]:
    return [(a.id, b.id) for cluster in result.clusters for a, b in combinations(cluster.claims, 2)]


def test_outlets_shown_as_agreeing_mostly_state_the_same_fact(
    corpus_result: Result, facts: dict[str, frozenset[str]]
) -> None:
    # Every pair shown counts, not only labelled ones. The previous version scored 0.30 here
    # (the measurement); the verifier scores 0.71 (models.md).
    shown = _shown_pairs(corpus_result)
    right = [p for p in shown if facts[p[0]] & facts[p[1]]]
    assert len(shown) >= 8, "almost nothing is shown as agreeing any more"
    assert len(right) / len(shown) >= 0.6, [
        (corpus_result.claims[[c.id for c in corpus_result.claims].index(a)].text[:50], b)
        for a, b in shown
        if not facts[a] & facts[b]
    ]


def test_most_same_fact_pairs_are_agreed_or_suggested(
    corpus_result: Result, facts: dict[str, frozenset[str]]
) -> None:
    claims = corpus_result.claims
    true = [
        (a.id, b.id)
        for a, b in combinations(claims, 2)
        if a.source != b.source and facts[a.id] & facts[b.id]
    ]
    together = {frozenset(p) for p in _shown_pairs(corpus_result)}
    suggested = {frozenset(s.claims) for s in corpus_result.suggestions if s.status == "open"}
    reached = [p for p in true if frozenset(p) in together or frozenset(p) in suggested]
    # 25 of 41 today (models.md); the target of 0.85 with top-3 is not reached.
    assert len(reached) / len(true) >= 0.6


def test_different_events_with_the_same_actors_are_not_one_claim(corpus_result: Result) -> None:
    # The examples: claims about different meetings, calls and years were one cluster.
    def cluster_of(text: str) -> str:
        return next(cl.id for cl in corpus_result.clusters for c in cl.claims if text in c.text)

    apart = [
        ("Regime forces have now regained control", "de-confliction"),
        ("Regime forces have now regained control", "lasted over an hour and a half"),
        ("La Russie a commencé a déployer", "mistakenly shot down"),
        ("The meeting was requested by Russian President", "Lieberman met with his Russian"),
    ]
    for first, second in apart:
        assert cluster_of(first) != cluster_of(second), (first, second)


def test_the_shipped_weights_are_those_the_fitting_script_writes() -> None:
    from claimcheck.core.defaults import DEFAULT_THRESHOLD
    from claimcheck.core.group.verify import FEATURES, default_verifier

    verifier = default_verifier()
    data = json.loads((ROOT / "claimcheck/core/data/verifier.json").read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES)
    assert data["info"]["command"] == "python benchmarks/eval_agreement.py --fit"
    assert data["info"]["out_of_fold_precision_at_accept"] >= 0.9
    assert round(verifier.accept, 2) == DEFAULT_THRESHOLD
