"""Agreement on sentence pairs that people scored, English–French and within each language.

The labelled articles of ``eval_agreement.py`` measure agreement inside real coverage; this
script measures the other way a reader meets claimcheck: one statement set against another. It
reads public pairs with human judgements from ``../shared/datasets`` (nothing is copied):

- **STS benchmark dev** (English and its French translation, rows aligned): a pair states the
  same fact when people scored it 4 or more of 5 ("mostly equivalent"), and a different one at
  2.5 or less; the pairs in between ("roughly equivalent, some important information differs")
  are left out. English–French pairs are the English first sentence against the French second.
- **PAWS-X dev** (English and French, rows aligned): adversarial pairs with the same words,
  labelled paraphrase or not; most differ by who did what to whom.

Each pair is run through claimcheck as a user would run it, two ways:

- ``pair``: each pair alone, as two one-sentence articles;
- ``list``: 150 first sentences as one article and their 150 second sentences as another, so
  each sentence must find its counterpart among 150. A pair of *different* rows put together
  counts against precision too (STS dev repeats some captions, so a few of those are fair).

It prints, per data set and way: pairs shown as one claim, precision, recall.

Run: ``python benchmarks/eval_pairs.py [--datasets ../shared/datasets] [--rows 400]``.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

# labelset (beside this script) keeps the run offline and puts the repository on the path.
from labelset import DEFAULT_DATASETS

from claimcheck.core.defaults import DEFAULT_MODEL, DEFAULT_THRESHOLD
from claimcheck.core.embed.cache import EmbeddingCache
from claimcheck.core.embed.encoder import Encoder, get_encoder
from claimcheck.core.errors import InputError
from claimcheck.core.pipeline import run
from claimcheck.core.types import Result, Settings

#: Sentences per article in the ``list`` way.
LIST_SIZE = 150


@dataclass(frozen=True)
class Pair:
    first: str
    second: str
    same: bool | None
    """True: the same fact; False: a different one; None: left out."""


def _rows(path: Path, delimiter: str) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle, delimiter=delimiter) if len(row) >= 3]


def _sts_label(score: str) -> bool | None:
    value = float(score)
    return True if value >= 4.0 else False if value <= 2.5 else None


def load_sets(datasets: Path) -> dict[str, tuple[str, str, list[Pair]]]:
    """Name -> (language of first sentences, of second sentences, pairs)."""
    out: dict[str, tuple[str, str, list[Pair]]] = {}
    sts = {lang: _rows(datasets / f"stsb-dev.{lang}.csv", ",") for lang in ("en", "fr")}
    labels = [_sts_label(row[2]) for row in sts["en"]]
    for a, b in (("en", "fr"), ("en", "en"), ("fr", "fr")):
        pairs = [Pair(x[0], y[1], same) for x, y, same in zip(sts[a], sts[b], labels, strict=True)]
        out[f"STS {a.upper()}-{b.upper()}"] = (a, b, pairs)
    paws = {lang: _rows(datasets / f"pawsx-dev.{lang}.tsv", "\t") for lang in ("en", "fr")}
    for a, b in (("en", "fr"), ("en", "en")):
        pairs = [
            Pair(x[0], y[1], x[2].strip() == "1")
            for x, y in zip(paws[a], paws[b], strict=True)
            if x[2].strip() in ("0", "1")
        ]
        out[f"PAWS-X {a.upper()}-{b.upper()}"] = (a, b, pairs)
    return out


def _article(folder: Path, name: str, language: str, sentences: Sequence[str]) -> str:
    path = folder / f"{name}.txt"
    body = "\n\n".join(" ".join(s.split()) for s in sentences)
    path.write_text(f"---\nlanguage: {language}\n---\n{body}\n", encoding="utf-8")
    return str(path)


def _run(paths: list[str], encoder: Encoder, cache: EmbeddingCache) -> Result:
    settings = Settings(DEFAULT_MODEL, DEFAULT_THRESHOLD)
    return run(paths, settings, encoder=encoder, cache=cache, warn=lambda line: None)


@dataclass
class Counts:
    shown: int = 0
    right: int = 0
    other_rows: int = 0
    same_pairs: int = 0
    unread: int = 0
    """Pairs claimcheck refuses as input: one sentence keeps no claim (chrome, a fragment)."""
    scored: list[tuple[float, bool]] = field(default_factory=list)
    """(confidence, same fact?) of each pair, one pair at a time (for recall at a precision)."""

    def line(self, label: str) -> str:
        p = self.right / self.shown if self.shown else 1.0
        r = self.right / self.same_pairs if self.same_pairs else 1.0
        extra = f"  (of them different rows: {self.other_rows})" if self.other_rows else ""
        if self.unread:
            extra += f"  (not read, one side keeps no claim: {self.unread})"
        if self.scored:
            extra += "  " + "  ".join(
                f"R@P{goal:g} {recall_at(self.scored, goal, self.same_pairs):.3f}"
                for goal in (0.9, 0.8)
            )
        return (
            f"{label:<26} pairs shown {self.shown:4d}  P {p:.3f}  R {r:.3f}  "
            f"same-fact pairs {self.same_pairs}{extra}"
        )


def recall_at(scored: Sequence[tuple[float, bool]], goal: float, same: int) -> float:
    """The highest recall at which the pairs, most confident first, are right at least ``goal``
    of the time: languages compared at the same precision, whatever the threshold."""
    ranked = sorted(scored, key=lambda t: -t[0])
    best = hits = 0
    for k, (p, right) in enumerate(ranked, start=1):
        hits += right
        # a cut between two pairs of the same confidence is no threshold
        tied = k < len(ranked) and ranked[k][0] == p
        if not tied and hits / k >= goal:
            best = hits
    return best / same if same else 1.0


def score_pairs(
    pairs: Sequence[Pair], a: str, b: str, encoder: Encoder, cache: EmbeddingCache
) -> Counts:
    counts = Counts()
    with tempfile.TemporaryDirectory() as tmp:
        for k, pair in enumerate(pairs):
            folder = Path(tmp) / str(k)
            folder.mkdir()
            paths = [
                _article(folder, "a", a, [pair.first]),
                _article(folder, "b", b, [pair.second]),
            ]
            counts.same_pairs += bool(pair.same)
            try:
                result = _run(paths, encoder, cache)
            except InputError:  # claimcheck says one line and compares nothing: not shown
                counts.unread += 1
                counts.scored.append((0.0, bool(pair.same)))
                continue
            together = any(len({c.source for c in cl.claims}) > 1 for cl in result.clusters)
            # a pair set on different days is never joined, whatever its confidence
            confidence = [
                s.confidence for s in result.suggestions if not s.evidence.different_dates
            ] + [min(cl.confidence) for cl in result.clusters if len(cl.claims) > 1]
            counts.scored.append((max(confidence, default=0.0), bool(pair.same)))
            counts.shown += together
            counts.right += together and bool(pair.same)
    return counts


def _row_of(text: str, sentences: Sequence[str]) -> int | None:
    """The row whose sentence contains the claim ``text`` (claims may be clauses)."""
    needle = " ".join(text.split()).rstrip(".")
    hits = [k for k, s in enumerate(sentences) if needle and needle in " ".join(s.split())]
    return hits[0] if len(hits) == 1 else None


def score_lists(
    pairs: Sequence[Pair], a: str, b: str, encoder: Encoder, cache: EmbeddingCache
) -> Counts:
    counts = Counts()
    with tempfile.TemporaryDirectory() as tmp:
        for start in range(0, len(pairs), LIST_SIZE):
            chunk = pairs[start : start + LIST_SIZE]
            folder = Path(tmp) / str(start)
            folder.mkdir()
            firsts = [p.first for p in chunk]
            seconds = [p.second for p in chunk]
            paths = [_article(folder, "a", a, firsts), _article(folder, "b", b, seconds)]
            result = _run(paths, encoder, cache)
            first_source = result.sources[0].id
            row = {
                c.id: _row_of(c.text, firsts if c.source == first_source else seconds)
                for c in result.claims
            }
            counts.same_pairs += sum(bool(p.same) for p in chunk)
            for cluster in result.clusters:
                ids = [c.id for c in cluster.claims]
                for x in range(len(ids)):
                    for y in range(x + 1, len(ids)):
                        ra, rb = row[ids[x]], row[ids[y]]
                        if ra is not None and ra == rb:
                            verdict = chunk[ra].same
                            if verdict is None:
                                continue
                            counts.shown += 1
                            counts.right += verdict
                        else:
                            counts.shown += 1
                            counts.other_rows += 1
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default=str(DEFAULT_DATASETS))
    parser.add_argument("--rows", type=int, default=400, help="pairs drawn from each set")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache-dir", default=None)
    args = parser.parse_args(argv)
    encoder = get_encoder(DEFAULT_MODEL)
    cache = EmbeddingCache(Path(args.cache_dir) if args.cache_dir else None)
    print(f"threshold {DEFAULT_THRESHOLD:.3f}; {args.rows} pairs per set (seed {args.seed})")
    for name, (a, b, pairs) in load_sets(Path(args.datasets)).items():
        rng = random.Random(args.seed)
        drawn = rng.sample(pairs, min(args.rows, len(pairs)))
        labelled = [p for p in drawn if p.same is not None]
        print(score_pairs(labelled, a, b, encoder, cache).line(f"{name} pair"))
        print(score_lists(drawn, a, b, encoder, cache).line(f"{name} list"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
