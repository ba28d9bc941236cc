"""What claimcheck reads in real news: the figures, or the names and speakers, of a random
sample of sentences from real articles, printed for a person to read.

The sentences come from the SemEval-2022 task 8 articles in ``../shared/datasets`` (real news
from many outlets, English and French, nobody here wrote them). There is no label to score
against: the point is to read what claimcheck makes of text it was not written for and to find
the readings a journalist would call wrong (a phone number read as a score, a date as a count,
a speaker cut in half). Each round of the figure rules since the eighth version began with such
a sample; change ``--seed`` for a fresh one.

Run: ``python benchmarks/read_news_figures.py [--language fr] [--seed 1] [--sentences 60]
[--what names|speakers]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Sequence
from pathlib import Path

# labelset (beside this script) keeps the run offline and puts the repository on the path.
from labelset import DEFAULT_DATASETS

from claimcheck.core.extract.figures import extract_figures
from claimcheck.core.extract.names import extract_names
from claimcheck.core.extract.stance import attribution

SEMEVAL = "semeval2022-task8-train.en-fr.jsonl"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def news_sentences(datasets: Path, language: str) -> list[str]:
    """Every sentence of 20 to 300 characters of the SemEval articles in ``language``, split
    roughly at sentence ends (claimcheck's own segmenter is not the point here)."""
    out: list[str] = []
    with open(datasets / SEMEVAL, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            for side in ("1", "2"):
                if row[f"lang{side}"] == language:
                    out += [s for s in _SENTENCE_END.split(row[f"text{side}"]) if 20 < len(s) < 300]
    return out


def readings(sentence: str, language: str, what: str) -> list[str]:
    if what == "names":
        return [f"{n.text} ({n.kind}: {n.key})" for n in extract_names(sentence, language)]
    if what == "speakers":
        speaker = attribution(sentence, language)
        return [speaker] if speaker else []
    return [
        f"{f.text!r} {f.kind}{':' + f.unit if f.unit else ''}"
        for f in extract_figures(sentence, language)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default=str(DEFAULT_DATASETS))
    parser.add_argument("--language", default="en", choices=("en", "fr"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sentences", type=int, default=60, help="sentences to print")
    parser.add_argument("--what", default="figures", choices=("figures", "names", "speakers"))
    args = parser.parse_args(argv)
    sentences = news_sentences(Path(args.datasets), args.language)
    random.Random(args.seed).shuffle(sentences)
    shown = 0
    for sentence in sentences:
        found = readings(sentence, args.language, args.what)
        if not found:
            continue
        print(sentence)
        print("    " + " | ".join(found))
        shown += 1
        if shown >= args.sentences:
            break
    print(f"\n{shown} of {len(sentences)} {args.language} sentences with {args.what} shown")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
