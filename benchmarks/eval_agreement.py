"""Agreement on real text: how often "these outlets state the same fact" holds, and fitting the
verifier that decides it.

Reads the labelled real articles of ``benchmarks/data/labels`` (67 SemEval same-story pairs,
English–English and French–French, read from ``../shared/datasets``; and the five articles of
``corpus/``, the English–French set), runs claimcheck on each set as a user would, and reports:

- **precision** over every cross-outlet pair that the clusters present as the same claim (a
  claim the labels do not know counts as matching nothing);
- **recall** of agreement: labelled same-fact pairs put in one cluster;
- **recall with top-3 suggestions**: same-fact pairs in one cluster, or among the three most
  likely open suggestions of either claim;
- **suggestions to 80 %**: how many suggestions a reader must review, most likely first, before
  agreement plus confirmed suggestions reach 80 % of the same-fact pairs.

``--fit`` fits the verifier's logistic weights on the SemEval sets' candidate pairs and writes
``claimcheck/core/data/verifier.json``; its acceptance threshold is the lowest confidence at
which out-of-fold precision (5 folds over the article pairs) is at least 0.9. The corpus is
never used for fitting: its figures are held out.

Run: ``python benchmarks/eval_agreement.py [--fit] [--datasets ../shared/datasets]``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

# labelset (beside this script) keeps the run offline and puts the repository on the path.
from labelset import DEFAULT_DATASETS, LABELS, ROOT, semeval_articles, text_hash

from claimcheck.core.defaults import DEFAULT_MODEL, threshold_from_accept
from claimcheck.core.extract.facts import content_words
from claimcheck.core.group import verify
from claimcheck.core.group.agreement import StoryScorer
from claimcheck.core.pipeline import matching_inputs, recluster, run
from claimcheck.core.types import Result, Settings

VERIFIER_FILE = ROOT / "claimcheck" / "core" / "data" / "verifier.json"
TARGET_PRECISION = 0.9


@dataclass
class LabelledSet:
    name: str
    kind: str
    """semeval-en, semeval-fr or corpus"""
    paths: list[str]
    labels: dict[str, object]


@dataclass
class Scored:
    """One set run through claimcheck, with the labelled facts of each claim id."""

    ls: LabelledSet
    result: Result
    truth: dict[str, frozenset[str]]
    unmatched: int = 0


def load_sets(datasets: Path, tmp: Path) -> list[LabelledSet]:
    out = []
    files = sorted((LABELS / "semeval").glob("*.json"))
    articles = semeval_articles(datasets, [f.stem for f in files])
    for f in files:
        labels = json.loads(f.read_text(encoding="utf-8"))
        arts = articles[f.stem]
        folder = tmp / f.stem
        folder.mkdir()
        paths = []
        for art in arts:
            path = folder / f"{art.id}.txt"
            path.write_text(f"---\nlanguage: {art.language}\n---\n{art.text}", encoding="utf-8")
            paths.append(str(path))
        out.append(LabelledSet(f.stem, f"semeval-{arts[0].language}", paths, labels))
    corpus = json.loads((LABELS / "corpus.json").read_text(encoding="utf-8"))
    out.append(LabelledSet("corpus", "corpus", [str(ROOT / "corpus")], corpus))
    return out


def truth_of(result: Result, labels: Mapping[str, object]) -> tuple[dict[str, frozenset[str]], int]:
    """Each claim id -> its labelled facts, matched by text hash, then by span overlap."""
    entries = labels["claims"]  # type: ignore[index]
    by_hash = {(e["article"], e["hash"]): frozenset(e["facts"]) for e in entries}  # type: ignore[index]
    spans: dict[str, list[tuple[int, int, frozenset[str]]]] = {}
    for e in entries:  # type: ignore[union-attr]
        spans.setdefault(e["article"], []).append(
            (e["span"][0], e["span"][1], frozenset(e["facts"]))
        )
    out: dict[str, frozenset[str]] = {}
    unmatched = 0
    for k, claim in enumerate(result.claims):
        facts = by_hash.get((claim.source, text_hash(claim.text)))
        if facts is None:
            sents = result.sentences[[s.id for s in result.sources].index(claim.source)]
            s = sents[claim.sentence]
            best, overlap = frozenset(), 0
            for a, b, f in spans.get(claim.source, []):
                o = min(b, s.end) - max(a, s.start)
                if o > overlap:
                    best, overlap = f, o
            if overlap >= 0.5 * (s.end - s.start):
                facts = best
            else:
                facts = frozenset()
                unmatched += 1
        out[claim.id] = facts
        del k
    return out, unmatched


def run_sets(sets: Sequence[LabelledSet], cache_dir: str | None) -> list[Scored]:
    from claimcheck.core.embed.cache import EmbeddingCache
    from claimcheck.core.embed.encoder import get_encoder

    cache = EmbeddingCache(Path(cache_dir) if cache_dir else None)
    encoder = get_encoder(DEFAULT_MODEL)
    out = []
    for ls in sets:
        result = run(ls.paths, Settings(DEFAULT_MODEL, 0.5), encoder=encoder, cache=cache)
        truth, unmatched = truth_of(result, ls.labels)
        out.append(Scored(ls, result, truth, unmatched))
    return out


def candidate_table(
    scored: Scored,
) -> tuple[np.ndarray, np.ndarray, list[tuple[str, str]], list[bool]]:
    """Features and same-fact labels of every candidate pair of a set; and how many labelled
    same-fact pairs the candidates miss (as the last return, pairs)."""
    result = scored.result
    data, buckets = matching_inputs(result)
    weights = verify.word_weights(data.facts)
    xs, ys, ids, cross = [], [], [], []
    for bucket in buckets:
        groups = data.groups[bucket]
        if len(bucket) < 2 or (groups == groups[0]).all():
            continue
        scorer = StoryScorer(data, np.asarray(bucket), verify.default_verifier(), weights)
        pairs = scorer.candidates()
        x, _ = scorer.features(pairs)
        for (i, j), row in zip(pairs, x, strict=True):
            a = result.claims[int(bucket[i])]
            b = result.claims[int(bucket[j])]
            xs.append(row)
            ys.append(bool(scored.truth[a.id] & scored.truth[b.id]))
            ids.append((a.id, b.id))
            cross.append(a.language[:2] != b.language[:2])
    return np.array(xs).reshape(len(xs), len(verify.FEATURES)), np.array(ys), ids, cross


def true_pairs(scored: Scored) -> set[tuple[str, str]]:
    claims = scored.result.claims
    out = set()
    for x in range(len(claims)):
        for y in range(x + 1, len(claims)):
            a, b = claims[x], claims[y]
            if a.source != b.source and scored.truth[a.id] & scored.truth[b.id]:
                out.add((a.id, b.id))
    return out


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    true: int = 0
    top3: int = 0
    read3: int = 0
    ceiling: int = 0
    suggestions_to_80: list[int | None] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.true += other.true
        self.top3 += other.top3
        self.read3 += other.read3
        self.ceiling += other.ceiling

    def line(self, label: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / self.true if self.true else 1.0
        r3 = self.top3 / self.true if self.true else 1.0
        read = self.read3 / self.true if self.true else 1.0
        reach = self.ceiling / self.true if self.true else 1.0
        return (
            f"{label:<14} pairs shown {self.tp + self.fp:4d}  P {p:.3f}  R {r:.3f}  "
            f"R+top3 {r3:.3f}  read top3 {read:.3f}  at most {reach:.3f}  true pairs {self.true}"
        )


def ceiling(pairs: set[tuple[str, str]], source: Mapping[str, str]) -> int:
    """At most how many of the same-fact ``pairs`` clusters with one claim per outlet can hold:
    within one cluster the pairs of two outlets are one to one, so the sum over outlet pairs of
    the largest one-to-one matching bounds it (exact for two outlets)."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_bipartite_matching

    by_outlets: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for a, b in pairs:
        if source[a] > source[b]:
            a, b = b, a
        by_outlets.setdefault((source[a], source[b]), []).append((a, b))
    total = 0
    for edges in by_outlets.values():
        left = {a: k for k, a in enumerate(sorted({a for a, _ in edges}))}
        right = {b: k for k, b in enumerate(sorted({b for _, b in edges}))}
        graph = csr_matrix(
            (
                np.ones(len(edges)),
                ([left[a] for a, _ in edges], [right[b] for _, b in edges]),
            ),
            shape=(len(left), len(right)),
        )
        total += int((maximum_bipartite_matching(graph, perm_type="column") >= 0).sum())
    return total


def top_suggestions(result: Result, k: int = 3) -> dict[str, list[str]]:
    """Each claim's ``k`` most likely open suggestions (the other claims' ids)."""
    top: dict[str, list[str]] = {}
    for s in result.suggestions:
        if s.status != "open":
            continue
        a, b = s.claims
        top.setdefault(a, []).append(b)
        top.setdefault(b, []).append(a)
    return {claim: others[:k] for claim, others in top.items()}


def read_top3(
    scored: Scored, result: Result, threshold: float, verifier: verify.Verifier | None
) -> Result:
    """The clusters a reader ends with who answers each claim's three most likely suggestions
    by the labels (``y`` when the two claims state one fact, ``x`` otherwise), as the interface
    applies those decisions: a confirmed suggestion brings the claim into the other's cluster."""
    truth = scored.truth
    decisions = []
    seen = set()
    for a, others in top_suggestions(result).items():
        for b in others:
            key = tuple(sorted((a, b)))
            if key in seen:
                continue
            seen.add(key)
            decisions.append((key[0], key[1], bool(truth[a] & truth[b])))
    return recluster(result, threshold, decisions=decisions, verifier=verifier)


def score_result(
    scored: Scored,
    result: Result,
    cross_only: bool | None = None,
    read: Result | None = None,
) -> Counts:
    """Pair counts of a clustered result against the labels (``cross_only``: True keeps only
    cross-language pairs, False only same-language ones, None all); ``read`` is the result after
    a reader answered the top three suggestions of each claim (:func:`read_top3`)."""
    truth = scored.truth
    lang = {c.id: c.language[:2] for c in result.claims}

    def keep(a: str, b: str) -> bool:
        if cross_only is None:
            return True
        return (lang[a] != lang[b]) == cross_only

    counts = Counts()
    together = set()
    for cluster in result.clusters:
        ids = [c.id for c in cluster.claims]
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                a, b = sorted((ids[x], ids[y]))
                together.add((a, b))
                if not keep(a, b):
                    continue
                if truth[a] & truth[b]:
                    counts.tp += 1
                else:
                    counts.fp += 1
    truths = {tuple(sorted(p)) for p in true_pairs(scored) if keep(*p)}
    counts.true = len(truths)
    counts.ceiling = ceiling(truths, {c.id: c.source for c in result.claims})
    top = top_suggestions(result)
    covered = 0
    for a, b in truths:
        if (a, b) in together or b in top.get(a, []) or a in top.get(b, []):
            covered += 1
    counts.top3 = covered
    if read is not None:
        joined = set()
        for cluster in read.clusters:
            ids = sorted(c.id for c in cluster.claims)
            joined.update((ids[x], ids[y]) for x in range(len(ids)) for y in range(x + 1, len(ids)))
        counts.read3 = len(truths & joined)
    return counts


def suggestions_needed(
    results: Sequence[tuple[Scored, Result]], goal: float = 0.8
) -> tuple[int | None, int]:
    """Suggestions a reader reviews (all sets' suggestions pooled, most likely first) before
    agreement plus confirmed suggestions cover ``goal`` of the same-fact pairs."""
    truths: set[tuple[str, str, str]] = set()
    found: set[tuple[str, str, str]] = set()
    queue = []
    for scored, result in results:
        name = scored.ls.name
        for a, b in true_pairs(scored):
            truths.add((name, *sorted((a, b))))
        for cluster in result.clusters:
            ids = sorted(c.id for c in cluster.claims)
            for x in range(len(ids)):
                for y in range(x + 1, len(ids)):
                    found.add((name, ids[x], ids[y]))
        for s in result.suggestions:
            if s.status == "open":
                queue.append((s.confidence, name, *sorted(s.claims)))
    found &= truths
    need = goal * len(truths)
    if len(found) >= need:
        return 0, len(queue)
    queue.sort(key=lambda t: -t[0])
    for k, (_p, name, a, b) in enumerate(queue, start=1):
        if (name, a, b) in truths:
            found.add((name, a, b))
        if len(found) >= need:
            return k, len(queue)
    return None, len(queue)


def suggestions_to_join(
    results: Sequence[tuple[Scored, Result]],
    threshold: float,
    verifiers: Mapping[str, verify.Verifier | None],
    goal: float = 0.8,
) -> tuple[int | None, int]:
    """Suggestions a reader reviews in the review view before the clusters hold ``goal`` of what
    one claim per outlet allows (:func:`review_walk`), and how many were open at the start."""
    sets = [(s.ls.name, r, set(true_pairs(s))) for s, r in results]
    reached, opened = review_walk(sets, threshold, verifiers, (goal,))
    return reached[goal], opened


def review_walk(
    sets: Sequence[tuple[str, Result, set[tuple[str, str]]]],
    threshold: float,
    verifiers: Mapping[str, verify.Verifier | None],
    goals: Sequence[float] = (0.8,),
) -> tuple[dict[float, int | None], int]:
    """A reader in the review view who answers each pair by the labels (``y`` when the two claims
    state one fact, ``x`` otherwise): for each of ``goals``, the suggestions reviewed before the
    clusters hold that share of what one claim per outlet allows (:func:`ceiling`), ``None`` when
    the list ends first; and how many suggestions were open at the start. As in the interface,
    each verdict is applied at once (the set is clustered again with the reader's decisions so
    far) and the next pair is the first open one in the view's order (:func:`review_key`). ``sets``
    are (name, result, same-fact pairs of claim ids), reviewed as one list."""
    from claimcheck.core.browse import Lookup, lookup, review_key

    truths: dict[str, set[tuple[str, str]]] = {}
    decided: dict[str, list[tuple[str, str, bool]]] = {}
    first: dict[str, Result] = {}
    current: dict[str, Result] = {}
    found: dict[str, Lookup] = {}
    held: dict[str, int] = {}
    reachable = 0

    def joined(name: str, result: Result) -> int:
        count = 0
        for cluster in result.clusters:
            ids = sorted(c.id for c in cluster.claims)
            count += sum(
                (ids[x], ids[y]) in truths[name]
                for x in range(len(ids))
                for y in range(x + 1, len(ids))
            )
        return count

    for name, result, pairs in sets:
        source = {c.id: c.source for c in result.claims}
        truths[name] = {(min(p), max(p)) for p in pairs}
        reachable += ceiling(truths[name], source)
        first[name] = current[name] = result
        found[name] = lookup(result)
        held[name] = joined(name, result)
        decided[name] = []
    opened = sum(1 for r in current.values() for s in r.suggestions if s.status == "open")
    reached: dict[float, int | None] = dict.fromkeys(goals)
    reviewed = 0
    while True:
        for goal in goals:
            if reached[goal] is None and sum(held.values()) >= goal * reachable:
                reached[goal] = reviewed
        if all(v is not None for v in reached.values()):
            break
        best = None
        for name, result in current.items():
            for s in result.suggestions:
                if s.status == "open":
                    key = (review_key(s, found[name]), name, *s.claims)
                    best = key if best is None or key < best else best
        if best is None:
            break
        _key, name, a, b = best
        reviewed += 1
        pair = (min(a, b), max(a, b))
        decided[name].append((a, b, pair in truths[name]))
        current[name] = recluster(
            first[name], threshold, decisions=decided[name], verifier=verifiers.get(name)
        )
        found[name] = lookup(current[name])
        held[name] = joined(name, current[name])
    return reached, opened


Table = tuple[Scored, np.ndarray, np.ndarray, np.ndarray]


def fit_cross_language(datasets: Path, cache_dir: str | None) -> dict[str, tuple[float, float]]:
    """How much lower the cosines and word alignments of an English/French pair run than those
    of the same pair in one language, on the STS benchmark's English dev set and its French
    translation (rows aligned): for each feature, (a, b) such that ``x_cross * a + b`` has the
    same mean and spread as ``x_same``."""
    import csv

    from claimcheck.core.embed.cache import EmbeddingCache
    from claimcheck.core.embed.encoder import embed, get_encoder

    def rows(name: str) -> list[list[str]]:
        with open(datasets / name, encoding="utf-8", newline="") as handle:
            return [r for r in csv.reader(handle) if len(r) >= 3]

    en, fr = rows("stsb-dev.en.csv"), rows("stsb-dev.fr.csv")
    encoder = get_encoder(DEFAULT_MODEL)
    cache = EmbeddingCache(Path(cache_dir) if cache_dir else None)
    n = len(en)
    sentences = [r[0] for r in en] + [r[1] for r in en] + [r[0] for r in fr] + [r[1] for r in fr]
    v = embed(sentences, encoder, cache)
    e1, e2, f1, f2 = v[:n], v[n : 2 * n], v[2 * n : 3 * n], v[3 * n :]
    same_cos = np.r_[(e1 * e2).sum(1), (e1 * e2).sum(1)]
    cross_cos = np.r_[(e1 * f2).sum(1), (f1 * e2).sum(1)]
    words = [
        (
            content_words(a[0], "en"),
            content_words(a[1], "en"),
            content_words(b[0], "fr"),
            content_words(b[1], "fr"),
        )
        for a, b in zip(en, fr, strict=True)
    ]
    vocabulary = sorted({w for group in words for ws in group for w in ws})
    wv = embed(vocabulary, encoder, cache)
    row = {w: k for k, w in enumerate(vocabulary)}

    def align(a: Sequence[str], b: Sequence[str]) -> tuple[float, float]:
        if not a or not b:
            return 0.0, 0.0
        r = verify.align_words(a, b, wv[[row[w] for w in a]], wv[[row[w] for w in b]], {})
        return r.f1, min(r.precision, r.recall)

    same_al = np.array([align(w[0], w[1]) for w in words] * 2)
    cross_al = np.array([align(w[0], w[3]) for w in words] + [align(w[2], w[1]) for w in words])

    def moments(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        a = float(y.std() / x.std()) if x.std() else 1.0
        return a, float(y.mean() - a * x.mean())

    cosine = moments(cross_cos, same_cos)
    return {
        "raw_cosine": cosine,
        "context": cosine,
        "align": moments(cross_al[:, 0], same_al[:, 0]),
        "align_min": moments(cross_al[:, 1], same_al[:, 1]),
    }


def fit(
    tables: Sequence[Table],
    cross_map: Mapping[str, tuple[float, float]] | None = None,
    seed: int = 0,
) -> tuple[verify.Verifier, np.ndarray]:
    """Logistic weights on the pooled candidate pairs (cross-language pairs first mapped onto the
    same-language scale); out-of-fold probabilities (5 folds over the sets) for choosing the
    acceptance threshold."""
    from sklearn.linear_model import LogisticRegression

    mapper = verify.Verifier((), 0.0, (), (), 0.5, cross_language=dict(cross_map or {}))
    x = np.concatenate([mapper.same_language_scale(t[1], t[3]) for t in tables])
    y = np.concatenate([t[2] for t in tables])
    fold_of_set = np.random.default_rng(seed).permutation(len(tables)) % 5
    fold = np.concatenate([np.full(len(t[2]), fold_of_set[k]) for k, t in enumerate(tables)])
    # A feature unknown for a pair (NaN: too few claims to compare against) is read at the mean,
    # as the verifier reads it.
    mean = np.nanmean(x, axis=0)
    scale = np.nanstd(x, axis=0)
    scale[scale == 0] = 1.0
    z = np.nan_to_num((x - mean) / scale, nan=0.0)
    oof = np.zeros(len(y))
    for f in range(5):
        train = fold != f
        model = LogisticRegression(C=1.0, max_iter=2000).fit(z[train], y[train])
        oof[~train] = model.predict_proba(z[~train])[:, 1]
    model = LogisticRegression(C=1.0, max_iter=2000).fit(z, y)
    v = verify.Verifier(
        weights=tuple(float(w) for w in model.coef_[0]),
        bias=float(model.intercept_[0]),
        mean=tuple(float(m) for m in mean),
        scale=tuple(float(s) for s in scale),
        accept=0.5,
        name="claimcheck-verifier",
        cross_language=dict(cross_map or {}),
    )
    return v, oof


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default=str(DEFAULT_DATASETS))
    parser.add_argument("--fit", action="store_true", help="fit and write the verifier's weights")
    parser.add_argument("--threshold", type=float, default=None, help="confidence to score at")
    parser.add_argument("--cache-dir", default=None)
    parser.add_argument(
        "--folds", type=int, default=5, help="score SemEval sets out of fold (0: in sample)"
    )
    parser.add_argument(
        "--show-wrong", action="store_true", help="print the pairs shown that state two facts"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        sets = load_sets(Path(args.datasets), Path(tmp))
        scored = run_sets(sets, args.cache_dir)
    lost = sum(s.unmatched for s in scored)
    print(
        f"{len(scored)} labelled sets, {sum(len(s.result.claims) for s in scored)} claims "
        f"({lost} not found in the labels)"
    )
    semeval = [s for s in scored if s.ls.kind != "corpus"]
    if args.fit:
        tables = []
        candidates_true = all_true = 0
        for s in semeval:
            x, y, _ids, cross = candidate_table(s)
            tables.append((s, x, y, np.asarray(cross, dtype=bool)))
            candidates_true += int(y.sum())
            all_true += len(true_pairs(s))
        print(f"candidates cover {candidates_true}/{all_true} same-fact pairs")
        cross_map = fit_cross_language(Path(args.datasets), args.cache_dir)
        print(
            "cross-language map (a, b):",
            {k: tuple(round(x, 3) for x in v) for k, v in cross_map.items()},
        )
        v, oof = fit(tables, cross_map)
        y = np.concatenate([t[2] for t in tables])
        accept = choose_accept(oof, y)
        v = replace(v, accept=accept, info=fit_info(tables, oof, y, accept))
        VERIFIER_FILE.write_text(v.to_json(), encoding="utf-8")
        verify.default_verifier.cache_clear()
        print(f"wrote {VERIFIER_FILE.relative_to(ROOT)}; accept {accept:.3f}")
        for name, w in zip(verify.FEATURES, v.weights, strict=True):
            print(f"  {name:<17} {w:+.3f}")
    # the product's default threshold, as `claimcheck` applies it
    threshold = args.threshold or threshold_from_accept(verify.default_verifier().accept)
    held_out = None
    if args.folds:
        held_out = fold_verifiers(semeval, args.folds)
    report(scored, threshold, held_out, args.show_wrong)
    return 0


def fold_verifiers(semeval: Sequence[Scored], folds: int) -> dict[str, verify.Verifier]:
    """For each SemEval set, a verifier fitted on the other folds' sets only (the acceptance
    threshold stays the shipped one), so its figures are out of sample."""
    tables = []
    for s in semeval:
        x, y, _ids, cross = candidate_table(s)
        tables.append((s, x, y, np.asarray(cross, dtype=bool)))
    out: dict[str, verify.Verifier] = {}
    fold_of = np.random.default_rng(1).permutation(len(tables)) % folds
    accept = verify.default_verifier().accept
    for f in range(folds):
        train = [t for k, t in enumerate(tables) if fold_of[k] != f and len(t[2])]
        v, _ = fit(train, verify.default_verifier().cross_language)
        for k, t in enumerate(tables):
            if fold_of[k] == f:
                out[t[0].ls.name] = replace(v, accept=accept)
    return out


def choose_accept(oof: np.ndarray, y: np.ndarray) -> float:
    """The lowest confidence whose out-of-fold pair precision is at least the target."""
    order = np.argsort(-oof)
    tp = np.cumsum(y[order])
    shown = np.arange(1, len(y) + 1)
    precision = tp / shown
    ok = np.flatnonzero(precision >= TARGET_PRECISION)
    if not len(ok):
        return 0.99
    # The deepest cut that still has the target precision, and no deeper.
    return float(oof[order][ok[-1]])


def fit_info(
    tables: Sequence[Table],
    oof: np.ndarray,
    y: np.ndarray,
    accept: float,
) -> dict[str, object]:
    keep = oof >= accept
    return {
        "fitted_on": f"{len(tables)} SemEval-2022 task 8 same-story article pairs, labelled "
        "claim by claim (benchmarks/data/labels)",
        "candidate_pairs": len(y),
        "same_fact_pairs": int(y.sum()),
        "out_of_fold_precision_at_accept": round(float(y[keep].mean()) if keep.any() else 1.0, 3),
        "out_of_fold_candidate_recall_at_accept": round(float(y[keep].sum() / max(1, y.sum())), 3),
        "cross_language": "mapped by mean and spread on the STS benchmark dev set, English and "
        "its French translation (../shared/datasets/stsb-dev.*.csv)",
        "command": "python benchmarks/eval_agreement.py --fit",
    }


def print_wrong(scored: Scored, result: Result) -> None:
    """The pairs ``result`` shows as one claim that the labels say state two facts."""
    for cluster in result.clusters:
        members = sorted(cluster.claims, key=lambda c: c.id)
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                if not scored.truth[a.id] & scored.truth[b.id]:
                    print(f"  wrong in {scored.ls.name}:\n    {a.text}\n    {b.text}")


def report(
    scored: Sequence[Scored],
    threshold: float,
    held_out: Mapping[str, verify.Verifier] | None,
    show_wrong: bool = False,
) -> None:
    how = "SemEval sets scored by verifiers fitted on other folds" if held_out else "in sample"
    print(f"\nagreement at confidence {threshold:.3f} ({how}; corpus always held out)")
    groups: dict[str, Counts] = {}
    pairs: dict[str, list[tuple[Scored, Result]]] = {}
    for s in scored:
        verifier = held_out.get(s.ls.name) if held_out else None
        result = recluster(s.result, threshold, verifier=verifier)
        read = read_top3(s, result, threshold, verifier)
        kinds = [s.ls.kind, "all real"]
        if s.ls.kind == "corpus":
            for label, only in (("corpus EN-FR", True), ("corpus EN-EN", False)):
                groups.setdefault(label, Counts()).add(score_result(s, result, only, read))
            kinds = ["corpus", "all real"]
        for kind in kinds:
            groups.setdefault(kind, Counts()).add(score_result(s, result, read=read))
            pairs.setdefault(kind, []).append((s, result))
        if show_wrong:
            print_wrong(s, result)
    for label in ("semeval-en", "semeval-fr", "corpus", "corpus EN-EN", "corpus EN-FR", "all real"):
        if label in groups:
            print(groups[label].line(label))
    for label in ("semeval-en", "semeval-fr", "corpus", "all real"):
        if label in pairs:
            k, total = suggestions_needed(pairs[label])
            reach = "not reached" if k is None else str(k)
            print(f"{label:<14} suggestions to reach 80% recall: {reach} (of {total} open)")
            k, _total = suggestions_to_join(pairs[label], threshold, held_out or {})
            reach = "not reached" if k is None else str(k)
            print(f"{label:<14} suggestions to 80% of what one claim per outlet allows: {reach}")


if __name__ == "__main__":
    raise SystemExit(main())
