"""Agreement on timelines this project wrote (not real text): which same-fact pairs of entries
the clusters show, and how many they show wrongly, English–English, English–French and
French–French apart.

The data is ``benchmarks/data/timelines`` (two stories, four outlets each, labelled sentence by
sentence; its README says how it was made). Each claim takes the facts of the labelled sentence
of its article that holds it (the closest by partial match: a claim may be a clause of it).
Precision is over every cross-outlet pair the clusters present as one claim; recall over every
pair of claims of two outlets that share a fact; "with top-3" also counts a pair among either
claim's three most likely suggestions; "read top3" counts the pairs together once a reader
answered each claim's three most likely suggestions by the labels (a confirmed suggestion brings
the claim into the other's cluster, so it can reach more than its own pair), and "at most" the
pairs clusters with one claim per outlet can hold at all. Figures on this data are reported
apart from those on real text (models.md). Run:
``python benchmarks/eval_timelines.py [--show-wrong] [--review]``; ``--data DIR`` measures
another folder laid out the same way (a ``labels.json`` and one folder per story); ``--review``
also counts the suggestions a reader answers in the review view before the clusters hold 50%
and 80% of what one claim per outlet allows.

A folder may also hold ``pairs.jsonl``: pairs of claims judged one by one, "same", "different"
or "unsure" (``{"story", "a": {"source", "text"}, "b": {...}, "label"}``), such as every pair a
run showed, every pair of one labelled event and every candidate pair the verifier found at
least 0.45 likely, judged blind to which was which. Event labels count as one fact every pair
of claims about one event (a heading and each sentence of its entry, a cause and its
consequence); a pair judged "same" states one fact as a fact-checker reads it. The script then
also prints precision over the shown pairs judged (pairs a run shows that nobody judged are
counted apart) and recall over the pairs judged "same".
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT, ROOT / "benchmarks"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from eval_agreement import ceiling, review_walk  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402

from claimcheck.core.defaults import DEFAULT_MODEL, DEFAULT_THRESHOLD  # noqa: E402
from claimcheck.core.pipeline import recluster, run  # noqa: E402
from claimcheck.core.types import Claim, Result, Settings  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "timelines"
STORIES = ("covid", "brexit")
#: A claim whose best partial match among its article's labelled sentences is below this
#: (rapidfuzz's 0–100) is in no labelled sentence (a title) and states no labelled fact.
MIN_OVERLAP = 80


def facts_of(item: Mapping[str, object]) -> frozenset[str]:
    event = item.get("event")
    if event is None:
        return frozenset()
    return frozenset(event) if isinstance(event, list) else frozenset({str(event)})


def truth(
    result: Result, story: str, labels: Mapping[str, list[dict[str, object]]]
) -> dict[str, frozenset[str]]:
    """Claim id -> the facts of the labelled sentence that holds it."""
    out: dict[str, frozenset[str]] = {}
    for claim in result.claims:
        source = result.source(claim.source)
        items = labels[f"{story}/{Path(source.path).name}"]

        def overlap(item: Mapping[str, object], text: str = claim.text) -> float:
            label = str(item["text"])
            short, long = (text, label) if len(text) <= len(label) else (label, text)
            return fuzz.partial_ratio(short, long)

        best = max(items, key=overlap)
        # a title or a Published line has no item: it takes no fact rather than the nearest one
        out[claim.id] = facts_of(best) if overlap(best) >= MIN_OVERLAP else frozenset()
    return out


def pairing(a: Claim, b: Claim) -> str:
    la, lb = sorted((a.language[:2].upper(), b.language[:2].upper()))
    return f"{la}-{lb}"


def top_three(result: Result) -> set[frozenset[str]]:
    """The pairs among either claim's three most likely suggestions."""
    ranked: dict[str, list[tuple[float, frozenset[str]]]] = {}
    for s in result.suggestions:
        for c in s.claims:
            ranked.setdefault(c, []).append((s.confidence, frozenset(s.claims)))
    return {p for lst in ranked.values() for _, p in sorted(lst, key=lambda t: -t[0])[:3]}


def true_pairs(result: Result, facts: Mapping[str, frozenset[str]]) -> list[tuple[Claim, Claim]]:
    """Every pair of claims of two outlets that share a fact."""
    return [
        (a, b)
        for a, b in combinations(result.claims, 2)
        if a.source != b.source and facts[a.id] & facts[b.id]
    ]


def score(result: Result, facts: Mapping[str, frozenset[str]]) -> tuple[Counter, ...]:
    """(shown right, shown wrong, same-fact pairs, same-fact pairs reached with top-3) by
    language pairing, and the wrong pairs' texts."""
    right: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    together = set()
    bad: list[tuple[str, str]] = []
    for cluster in result.clusters:
        for a, b in combinations(cluster.claims, 2):
            if a.source == b.source:
                continue
            together.add(frozenset((a.id, b.id)))
            if facts[a.id] & facts[b.id]:
                right[pairing(a, b)] += 1
            else:
                wrong[pairing(a, b)] += 1
                bad.append((a.text, b.text))
    top3 = top_three(result)
    true: Counter[str] = Counter()
    reached: Counter[str] = Counter()
    for a, b in true_pairs(result, facts):
        true[pairing(a, b)] += 1
        pair = frozenset((a.id, b.id))
        if pair in together or pair in top3:
            reached[pairing(a, b)] += 1
    return right, wrong, true, reached, bad  # type: ignore[return-value]


def reach(result: Result, facts: Mapping[str, frozenset[str]]) -> tuple[Counter, Counter]:
    """(same-fact pairs together once a reader answered each claim's three most likely
    suggestions by the labels, same-fact pairs clusters with one claim per outlet can hold at
    most) by language pairing."""
    opened = {frozenset(s.claims) for s in result.suggestions if s.status == "open"}
    decisions = [
        (a, b, bool(facts[a] & facts[b]))
        for a, b in sorted(tuple(sorted(p)) for p in top_three(result) & opened)
    ]
    read = recluster(result, result.settings.threshold, decisions=decisions)
    joined = {frozenset((a.id, b.id)) for c in read.clusters for a, b in combinations(c.claims, 2)}
    answered: Counter[str] = Counter()
    pairs: dict[str, set[tuple[str, str]]] = {}
    for a, b in true_pairs(result, facts):
        pairs.setdefault(pairing(a, b), set()).add((a.id, b.id))
        if frozenset((a.id, b.id)) in joined:
            answered[pairing(a, b)] += 1
    source = {c.id: c.source for c in result.claims}
    return answered, Counter({key: ceiling(found, source) for key, found in pairs.items()})


def read_judged(path: Path) -> dict[tuple[str, frozenset[tuple[str, str]]], str]:
    """(story, the two claims as (source, text)) -> "same", "different" or "unsure"."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            claims = frozenset((d[k]["source"], d[k]["text"]) for k in ("a", "b"))
            out[(d["story"], claims)] = d["label"]
    return out


def score_judged(
    result: Result, story: str, judged: Mapping[tuple[str, frozenset[tuple[str, str]]], str]
) -> Counter[tuple[str, str]]:
    """Per language pairing: pairs shown, shown and judged, shown and judged "same"; pairs
    judged "same", those shown, those shown or among the top-3 suggestions."""
    out: Counter[tuple[str, str]] = Counter()
    shown = {
        frozenset((a.id, b.id))
        for cluster in result.clusters
        for a, b in combinations(cluster.claims, 2)
        if a.source != b.source
    }
    top3 = top_three(result)
    for a, b in combinations(result.claims, 2):
        if a.source == b.source:
            continue
        key = pairing(a, b)
        pair = frozenset((a.id, b.id))
        label = judged.get((story, frozenset(((a.source, a.text), (b.source, b.text)))))
        if pair in shown:
            out[(key, "shown")] += 1
            out[(key, "shown judged")] += label is not None
            out[(key, "shown same")] += label == "same"
        if label == "same":
            out[(key, "same")] += 1
            out[(key, "same shown")] += pair in shown
            out[(key, "same reached")] += pair in shown or pair in top3
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--show-wrong", action="store_true", help="print the pairs shown wrongly")
    parser.add_argument(
        "--data",
        type=Path,
        help="another folder laid out the same way (one folder per story and a labels.json); "
        "its figures are printed under its own name",
    )
    parser.add_argument(
        "--review",
        action="store_true",
        help="also count the suggestions a reader answers in the review view, every story one "
        "list, before the clusters hold 50%% and 80%% of what one claim per outlet allows "
        "(slow: the stories are clustered again after each verdict)",
    )
    args = parser.parse_args(argv)
    data = args.data or DATA
    labels = json.loads((data / "labels.json").read_text(encoding="utf-8"))
    stories = STORIES if args.data is None else sorted({key.split("/")[0] for key in labels})
    totals: list[Counter[str]] = [Counter() for _ in range(6)]
    pairs_file = data / "pairs.jsonl"
    judged = read_judged(pairs_file) if pairs_file.is_file() else {}
    by_judge: Counter[tuple[str, str]] = Counter()
    name = "written timelines (not real text)" if args.data is None else f"timelines in {data}"
    print(f"{name}, threshold {args.threshold:g}")
    walk = []
    for story in stories:
        paths = sorted(str(p) for p in (data / story).glob("*.txt"))
        result = run(paths, Settings(DEFAULT_MODEL, args.threshold))
        facts = truth(result, story, labels)
        right, wrong, true, reached, bad = score(result, facts)
        parts = (right, wrong, true, reached, *reach(result, facts))
        for total, part in zip(totals, parts, strict=True):
            total.update(part)
        if args.review:
            same = {(a.id, b.id) for a, b in true_pairs(result, facts)}
            walk.append((story, result, same))
        if judged:
            by_judge.update(score_judged(result, story, judged))
        if args.show_wrong:
            for a, b in bad:
                print(f"  wrong ({story}): {a[:80]} || {b[:80]}")
    right, wrong, true, reached, answered, most = totals
    for key in sorted(true):
        shown = right[key] + wrong[key]
        print(
            f"{key}  pairs shown {shown:3d}  P {right[key] / max(1, shown):.3f}  "
            f"R {right[key] / true[key]:.3f}  R+top3 {reached[key] / true[key]:.3f}  "
            f"read top3 {answered[key] / true[key]:.3f}  at most {most[key] / true[key]:.3f}  "
            f"same-fact pairs {true[key]}"
        )
    if walk:
        reached, opened = review_walk(walk, args.threshold, {}, (0.5, 0.8))
        for goal, k in reached.items():
            aim = f"{goal:.0%} of what one claim per outlet allows"
            if k is None:
                print(f"review view: the {opened} open suggestions end before {aim}")
            else:
                print(f"review view: {k} suggestions answered before {aim} (of {opened} open)")
    if judged:
        print(f"pairs judged one by one ({pairs_file.name}): precision over the shown pairs judged")
        for key in sorted(true):
            n = by_judge[(key, "shown judged")]
            same = by_judge[(key, "same")]
            print(
                f"{key}  pairs shown {by_judge[(key, 'shown')]:3d}  judged {n:3d}  "
                f"P {by_judge[(key, 'shown same')] / max(1, n):.3f}  "
                f"R {by_judge[(key, 'same shown')] / max(1, same):.3f}  "
                f"R+top3 {by_judge[(key, 'same reached')] / max(1, same):.3f}  "
                f"pairs judged same {same}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
