"""Figures a translation keeps: does claimcheck read the same kinds of figures in an English
sentence and in its French translation?

Real sentence pairs nobody here wrote (``../shared/datasets``: STS benchmark, XNLI and PAWS-X dev
sets, English and the French of each row; the pairs ``eval_differences.py`` reads). A translation
states the same counts, dates, amounts, ages and durations, so every figure kind one side reads
and the other does not (a date against nothing, an age against a duration) is a reading that
cannot compare across languages: an agreement the comparison misses, or a difference it cannot
see. The script prints how many such one-sided kinds there are, by side and kind, and with
``--show SIDE KIND`` some of the sentences (sampled with ``--seed``).

Not every one-sided kind is a mistake: translators drop or add figures ("a double decker bus" /
"un bus à deux étages"), and some are true differences. It is a count to drive down by general
rules, read with the examples.

Run: ``python benchmarks/eval_figure_kinds.py [--datasets ../shared/datasets] [--show en date]``.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

# eval_differences (beside this script) reads the pairs and puts the repository on the path.
from eval_differences import DEFAULT_DATASETS, load_pairs

from claimcheck.core.extract.figures import extract_figures
from claimcheck.core.types import Figure


def kinds(figures: Sequence[Figure]) -> Counter[str]:
    """Figure kinds of a sentence, quantities by what they measure ("quantity:age")."""
    return Counter(f"{f.kind}:{f.unit}" if f.kind == "quantity" else f.kind for f in figures)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default=str(DEFAULT_DATASETS))
    parser.add_argument("--show", nargs=2, metavar=("SIDE", "KIND"), help="e.g. en date")
    parser.add_argument("--examples", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    en_fr, _en_en = load_pairs(Path(args.datasets))
    one_sided: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    differing = 0
    for pair in en_fr:
        fa, fb = extract_figures(pair.a, "en"), extract_figures(pair.b, "fr")
        ka, kb = kinds(fa), kinds(fb)
        if ka == kb:
            continue
        differing += 1
        for side, more in (("en", ka - kb), ("fr", kb - ka)):
            for kind, count in more.items():
                one_sided[(side, kind)] += count
                examples[(side, kind)].append(
                    f"EN: {pair.a[:150]} {[f.text for f in fa]}\n"
                    f"FR: {pair.b[:150]} {[f.text for f in fb]}"
                )
    print(
        f"{len(en_fr)} English sentences with their French translation; "
        f"{differing} pairs read with different figure kinds; "
        f"{sum(one_sided.values())} one-sided figure kinds"
    )
    for (side, kind), count in one_sided.most_common():
        print(f"  {count:4d}  only in {side.upper()}: {kind}")
    if args.show:
        found = examples.get((args.show[0], args.show[1]), [])
        random.Random(args.seed).shuffle(found)
        for text in found[: args.examples]:
            print()
            print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
