"""How claimcheck cuts a large real input into stories, on real articles nobody here wrote.

Every article of the SemEval-2022 task 8 pairs (``../shared/datasets``, 435 English and French
news articles from many outlets and topics) is given as ONE input, as a user who opens a day's
clippings would. Their human scores say, for 219 pairs, whether two articles cover one story
(``overall`` <= 2) or clearly not (``overall`` >= 3.5). This script reports how often each kind
of pair lands in one story bucket, how many buckets there are and how large the largest is.

Run: ``python benchmarks/eval_stories.py [--datasets ../shared/datasets]``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

# labelset (beside this script) keeps the run offline and puts the repository on the path.
from labelset import DEFAULT_DATASETS, SEMEVAL

from claimcheck.core.embed.cache import EmbeddingCache
from claimcheck.core.embed.encoder import embed, get_encoder
from claimcheck.core.group.stories import story_buckets
from claimcheck.core.read.ingest import load_sources
from claimcheck.core.segment.claims import extract_claims


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default=str(DEFAULT_DATASETS))
    parser.add_argument("--cache-dir", default=None)
    args = parser.parse_args(argv)
    with open(Path(args.datasets) / SEMEVAL, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    texts: dict[str, tuple[str, str]] = {}
    for row in rows:
        first, second = row["pair_id"].split("_")
        texts.setdefault(first, (row["lang1"], row["text1"]))
        texts.setdefault(second, (row["lang2"], row["text2"]))
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, (language, text) in sorted(texts.items()):
            path = Path(tmp) / f"{name}.txt"
            path.write_text(f"---\nlanguage: {language}\n---\n{text}", encoding="utf-8")
            paths.append(str(path))
        sources = load_sources(paths, warn=lambda line: None)
    claims = []
    groups = []
    for k, source in enumerate(sources):
        for claim in extract_claims(source)[1]:
            claims.append(claim.text)
            groups.append(k)
    cache = EmbeddingCache(Path(args.cache_dir) if args.cache_dir else None)
    vectors = embed(claims, get_encoder(), cache)
    buckets = story_buckets(vectors, np.asarray(groups))
    bucket_of_source = {}
    for b, members in enumerate(buckets):
        for m in members.tolist():
            bucket_of_source[sources[groups[m]].id] = b
    together = {"same story (<= 2)": [0, 0], "different (>= 3.5)": [0, 0]}
    for row in rows:
        first, second = row["pair_id"].split("_")
        if first not in bucket_of_source or second not in bucket_of_source:
            continue
        kind = (
            "same story (<= 2)"
            if row["overall"] <= 2
            else "different (>= 3.5)"
            if row["overall"] >= 3.5
            else None
        )
        if kind is None:
            continue
        together[kind][0] += bucket_of_source[first] == bucket_of_source[second]
        together[kind][1] += 1
    sizes = sorted((len({groups[m] for m in b.tolist()}) for b in buckets), reverse=True)
    print(f"{len(sources)} articles, {len(claims)} claims, one input: {len(buckets)} stories")
    print(f"largest stories (articles): {sizes[:8]}")
    for kind, (hit, total) in together.items():
        print(f"{kind:<20} pairs in one story: {hit}/{total} ({hit / max(1, total):.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
