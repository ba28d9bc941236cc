"""The labelled set of EN, FR and EN<->FR pairs: recall of "differs" flags on pairs where one
figure, date, name, source or polarity was changed, and the false-flag rate on pairs that must not
be flagged (translations, conversions, refinements)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimcheck.core.compare.differences import compare_cluster
from claimcheck.core.types import Claim, Difference

DATA = Path(__file__).resolve().parent.parent / "data" / "differences.jsonl"


def load_cases() -> list[dict[str, Any]]:
    """The labelled pairs, one dict per line of ``differences.jsonl``."""
    with DATA.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_case(case: dict[str, Any]) -> tuple[Difference, ...]:
    """compare_cluster on the case's two sides (sources "a" and "b")."""
    claims = [
        Claim(f"{side}#0", side, 0, 0, case[side]["text"], case[side]["lang"], "body")
        for side in ("a", "b")
    ]
    dates = {side: case[side].get("date") for side in ("a", "b")}
    return compare_cluster(claims, dates)


def score(cases: list[dict[str, Any]]) -> dict[str, Any]:
    """Recall, false-flag rate, precision and the misses, for printing and asserting."""
    expected_differs = [c for c in cases if c.get("expect", {}).get("status") == "differs"]
    negatives = [c for c in cases if c.get("no_differs")]
    other_expect = [c for c in negatives if "expect" in c]
    hits, misses, false_flags, status_misses = 0, [], [], []
    flagged = right_flags = 0
    for case in cases:
        diffs = run_case(case)
        flags = [d for d in diffs if d.status == "differs"]
        exp = case.get("expect")
        if flags:
            flagged += 1
            if exp and exp["status"] == "differs" and any(d.kind == exp["kind"] for d in flags):
                right_flags += 1
        if exp and exp["status"] == "differs":
            if any(d.kind == exp["kind"] for d in flags):
                hits += 1
            else:
                misses.append((case["note"], [(d.kind, d.status, d.note) for d in diffs]))
        if case.get("no_differs") and flags:
            false_flags.append((case["note"], [(d.kind, d.note) for d in flags]))
        if (
            exp
            and exp["status"] != "differs"
            and not any(d.kind == exp["kind"] and d.status == exp["status"] for d in diffs)
        ):
            status_misses.append((case["note"], exp, [(d.kind, d.status) for d in diffs]))
    return {
        "cases": len(cases),
        "recall": hits / max(len(expected_differs), 1),
        "false_flag_rate": len(false_flags) / max(len(negatives), 1),
        "precision": right_flags / max(flagged, 1),
        "status_accuracy": 1 - len(status_misses) / max(len(other_expect), 1),
        "n_differs": len(expected_differs),
        "n_negatives": len(negatives),
        "misses": misses,
        "false_flags": false_flags,
        "status_misses": status_misses,
    }


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    return score(load_cases())


def test_the_set_is_big_and_mixed() -> None:
    cases = load_cases()
    assert len(cases) >= 100
    langs = {(c["a"]["lang"], c["b"]["lang"]) for c in cases}
    assert {("en", "fr"), ("en", "en"), ("fr", "fr")} <= langs | {(b, a) for a, b in langs}
    kinds = {c["expect"]["kind"] for c in cases if "expect" in c}
    assert {"figure", "date", "quantity", "money", "name", "attribution", "polarity"} <= kinds
    for c in cases:
        assert ("expect" in c) or c.get("no_differs"), c["note"]


def test_recall_and_false_flags(result: dict[str, Any]) -> None:
    print(
        f"\nlabelled set: {result['cases']} cases, {result['n_differs']} changed, "
        f"{result['n_negatives']} must not be flagged\n"
        f"recall of differs: {result['recall']:.3f}  precision: {result['precision']:.3f}  "
        f"false-flag rate: {result['false_flag_rate']:.3f}  "
        f"non-differs status accuracy: {result['status_accuracy']:.3f}"
    )
    for note, got in result["misses"]:
        print("  missed:", note, got)
    for note, got in result["false_flags"]:
        print("  false flag:", note, got)
    for note, exp, got in result["status_misses"]:
        print("  status:", note, exp, got)
    assert result["recall"] >= 0.9
    assert result["false_flag_rate"] <= 0.05


def test_expected_agree_refines_only_in(result: dict[str, Any]) -> None:
    assert result["status_accuracy"] >= 0.85
