"""Polarity rows on sentence pairs people labelled: how often the comparison says "negated in X
only" on pairs that contradict each other, and on pairs that do not.

Real pairs nobody here wrote, read from ``../shared/datasets`` (nothing is copied): XNLI dev in
English and in French (premise and hypothesis; contradiction against entailment and neutral),
DACCORD (French fact-check sentences; contradiction against compatible) and RTE-3 in French
(contradiction against entailment and neutral). Each pair is compared as a cluster of two
claims of one language, as the interface and the report compare them, and the script counts the
pairs whose polarity row says DIFFERS.

The reference in the same run is the rule that counts a negation wherever it stands in a claim
(one claim negated, the other not and not negative by its words: "prevent", "refuse"). The
product's rule counts a negation only where it bears on what the other claim states (a content
word near it that the other writes too; ``compare_cluster`` in ``core/compare/differences.py``).
A flag on a contradiction is not always right for the right reason (the negation may not be
what contradicts), and a flag on a compatible pair is not always wrong (NLI "neutral" pairs
may negate something the premise does not say): read the two columns together.

Across languages (XNLI's English premise against its French hypothesis, and the French premise
against the English hypothesis: the dev sets are one set of pairs in both languages), words
cannot be compared by their letters. The reference there is the rule before words were read
across languages (every negation counts, as above); the product reads the negation's words
against the other claim's through the default encoder's word vectors (``CROSS_WORD_FLOOR``).

Run: ``python benchmarks/eval_polarity.py [--datasets ../shared/datasets]``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claimcheck.core.compare.differences import WordSimilarity, compare_cluster  # noqa: E402
from claimcheck.core.extract.facts import content_words  # noqa: E402
from claimcheck.core.extract.stance import polarity  # noqa: E402
from claimcheck.core.types import Claim  # noqa: E402

DEFAULT_DATASETS = ROOT.parent / "shared" / "datasets"


def pairs(datasets: Path) -> Iterator[tuple[str, str, str, str, bool]]:
    """(set, language, first sentence, second sentence, contradiction?) of every pair."""
    for lang in ("en", "fr"):
        with open(datasets / f"xnli-dev.{lang}.tsv", encoding="utf-8", newline="") as f:
            for row in csv.reader(f, delimiter="\t"):
                yield f"XNLI {lang.upper()}", lang, row[0], row[1], row[2] == "contradiction"
    with open(datasets / "daccord-fr.tsv", encoding="utf-8", newline="") as f:
        for d in csv.DictReader(f, delimiter="\t"):
            yield "DACCORD", "fr", d["premise"], d["hypothesis"], d["label_text"] == "contradiction"
    with open(datasets / "rte3-fr-dev.tsv", encoding="utf-8", newline="") as f:
        for d in csv.DictReader(f, delimiter="\t"):
            yield (
                "RTE-3 FR",
                "fr",
                d["premise"],
                d["hypothesis"],
                d["label_text"] == "contradiction",
            )


def cross_pairs(datasets: Path) -> Iterator[tuple[str, tuple[str, str], str, str, bool]]:
    """(set, (first language, second language), first sentence, second, contradiction?): XNLI's
    premise in one language against its hypothesis in the other."""
    rows = {}
    for lang in ("en", "fr"):
        with open(datasets / f"xnli-dev.{lang}.tsv", encoding="utf-8", newline="") as f:
            rows[lang] = list(csv.reader(f, delimiter="\t"))
    for first, second in (("en", "fr"), ("fr", "en")):
        for p, h in zip(rows[first], rows[second], strict=True):
            label = "contradiction"
            yield (
                f"XNLI {first.upper()}-{second.upper()}",
                (first, second),
                p[0],
                h[1],
                p[2] == label,
            )


def product_flag(
    a: str, b: str, lang: str | tuple[str, str], similarity: WordSimilarity | None = None
) -> bool:
    langs = (lang, lang) if isinstance(lang, str) else lang
    claims = [
        Claim(f"{k}#0", str(k), 0, 0, text, language, "body")
        for k, (text, language) in enumerate(zip((a, b), langs, strict=True))
    ]
    differences = compare_cluster(claims, word_similarity=similarity)
    return any(d.kind == "polarity" and d.status == "differs" for d in differences)


def cross_similarity(rows: Sequence[tuple[str, tuple[str, str], str, str, bool]]) -> WordSimilarity:
    """Word similarity over every content word of ``rows``, by the default encoder."""
    from claimcheck.core.compare.assemble import word_similarity
    from claimcheck.core.defaults import DEFAULT_MODEL
    from claimcheck.core.embed.encoder import embed, get_encoder

    words = sorted(
        {
            w
            for _, langs, a, b, _ in rows
            for text, lang in zip((a, b), langs, strict=True)
            for w in content_words(text, lang)
        }
    )
    return word_similarity(words, embed(words, get_encoder(DEFAULT_MODEL), None))


def reference_flag(a: str, b: str, lang: str | tuple[str, str]) -> bool:
    """One claim negated (or denying) and the other neither nor negative by its words, wherever
    the negation stands."""
    la, lb = (lang, lang) if isinstance(lang, str) else lang
    pa, pb = polarity(a, la), polarity(b, lb)
    for key in ("negated", "denial"):
        for yes, no in ((pa, pb), (pb, pa)):
            if yes[key] and not no[key] and not no["negative_meaning"]:
                return True
    return False


def print_counts(count: Counter[tuple[str, str, bool]], sets: Sequence[str], width: int) -> None:
    """One line per set: pairs flagged by the reference, then by the product."""
    for name in sets:
        c, n = count[(name, "pairs", True)], count[(name, "pairs", False)]
        parts = []
        for rule in ("reference", "product"):
            yes, no = count[(name, rule, True)], count[(name, rule, False)]
            share = yes / (yes + no) if yes + no else 0.0
            parts.append(f"{yes}/{c} contradictions, {no}/{n} others, {share:.2f} contradictions")
        print(f"{name:<{width}} {parts[0]}  ->  {parts[1]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    args = parser.parse_args(argv)
    count: Counter[tuple[str, str, bool]] = Counter()
    sets: list[str] = []
    for name, lang, a, b, contra in pairs(args.datasets):
        if name not in sets:
            sets.append(name)
        count[(name, "pairs", contra)] += 1
        count[(name, "reference", contra)] += reference_flag(a, b, lang)
        count[(name, "product", contra)] += product_flag(a, b, lang)
    print("polarity DIFFERS on same-language labelled pairs: reference (any negation) -> product")
    print_counts(count, sets, 9)
    cross = list(cross_pairs(args.datasets))
    similarity = cross_similarity(cross)
    count.clear()
    for name, langs, a, b, contra in cross:
        count[(name, "pairs", contra)] += 1
        count[(name, "reference", contra)] += product_flag(a, b, langs)
        count[(name, "product", contra)] += product_flag(a, b, langs, similarity)
    print("across languages: every negation counts -> words read through the encoder's vectors")
    print_counts(count, list(dict.fromkeys(row[0] for row in cross)), 12)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
