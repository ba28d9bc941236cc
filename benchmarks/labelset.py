"""Labelled real text for measuring agreement: loading, and making the labelling sheets.

Labels live in ``benchmarks/data/labels/`` (see its README for how they were made). They never
copy the articles: a labelled claim is named by its character span in the article as claimcheck
reads it, with a short hash of its text, and the articles are read again from where they are
(``../shared/datasets`` for the SemEval pairs, ``corpus/`` for the bundled story).

``python benchmarks/labelset.py sheets --out DIR`` writes one JSON sheet per article pair with
each claim's text, for a person to fill in; ``python benchmarks/labelset.py pack DIR`` turns the
filled sheets into the label files, dropping the texts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claimcheck.core.read.ingest import load_sources  # noqa: E402
from claimcheck.core.segment.claims import extract_claims  # noqa: E402
from claimcheck.core.types import Claim, Source  # noqa: E402

LABELS = Path(__file__).resolve().parent / "data" / "labels"
DEFAULT_DATASETS = ROOT.parent / "shared" / "datasets"
SEMEVAL = "semeval2022-task8-train.en-fr.jsonl"


def text_hash(text: str) -> str:
    """Short hash of a claim's text with white space folded."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Article:
    """One article of a labelled set: its id, language and text (front matter allowed)."""

    id: str
    language: str
    text: str


def semeval_articles(
    datasets: Path, pair_ids: Iterable[str] | None = None
) -> dict[str, list[Article]]:
    """The SemEval same-story pairs (``overall`` <= 2): pair id -> its two articles."""
    wanted = set(pair_ids) if pair_ids is not None else None
    out: dict[str, list[Article]] = {}
    with open(datasets / SEMEVAL, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["overall"] > 2 or (wanted is not None and row["pair_id"] not in wanted):
                continue
            first, second = row["pair_id"].split("_")
            out[row["pair_id"]] = [
                Article(f"a-{first}", row["lang1"], row["text1"]),
                Article(f"b-{second}", row["lang2"], row["text2"]),
            ]
    return out


def read_articles(articles: Sequence[Article]) -> list[Source]:
    """The articles read exactly as claimcheck reads files (front matter gives the language)."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for article in articles:
            path = Path(tmp) / f"{article.id}.txt"
            body = article.text
            if not body.startswith("---\n"):
                body = f"---\nlanguage: {article.language}\n---\n{body}"
            path.write_text(body, encoding="utf-8")
            paths.append(str(path))
        return load_sources(paths)


def claims_of(sources: Sequence[Source]) -> list[tuple[Source, Claim, int, int]]:
    """Every kept claim with its span in its source's text."""
    out = []
    for source in sources:
        sentences, claims = extract_claims(source)
        for claim in claims:
            s = sentences[claim.sentence]
            out.append((source, claim, s.start, s.end))
    return out


def make_sheet(name: str, sources: Sequence[Source]) -> dict[str, object]:
    """A labelling sheet: each claim with its text and an empty fact list."""
    return {
        "set": name,
        "facts": {},
        "claims": [
            {
                "article": source.id,
                "id": claim.id,
                "span": [start, end],
                "hash": text_hash(claim.text),
                "text": claim.text,
                "facts": [],
            }
            for source, claim, start, end in claims_of(sources)
        ],
    }


def corpus_sources(folder: Path = ROOT / "corpus") -> list[Source]:
    """The bundled story's articles, read as claimcheck reads them."""
    return load_sources([str(folder)])


def cmd_sheets(args: argparse.Namespace) -> None:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.corpus:
        sheet = make_sheet("corpus", corpus_sources())
        (out / "corpus.json").write_text(
            json.dumps(sheet, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"corpus sheet in {out}")
        return
    pairs = semeval_articles(Path(args.datasets), args.pairs or None)
    for pair_id, articles in sorted(pairs.items()):
        sheet = make_sheet(f"semeval:{pair_id}", read_articles(articles))
        sheet["language"] = articles[0].language
        (out / f"{pair_id}.json").write_text(
            json.dumps(sheet, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    print(f"{len(pairs)} sheets in {out}")


def cmd_pack(args: argparse.Namespace) -> None:
    for path in sorted(Path(args.folder).glob("*.json")):
        sheet = json.loads(path.read_text(encoding="utf-8"))
        for claim in sheet["claims"]:
            claim.pop("text", None)
        folder = LABELS if sheet["set"] == "corpus" else LABELS / "semeval"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / path.name
        target.write_text(json.dumps(sheet, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(target)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sheets = sub.add_parser("sheets", help="write labelling sheets for SemEval same-story pairs")
    sheets.add_argument("--out", required=True)
    sheets.add_argument("--datasets", default=str(DEFAULT_DATASETS))
    sheets.add_argument("--corpus", action="store_true", help="one sheet for corpus/ instead")
    sheets.add_argument("pairs", nargs="*")
    pack = sub.add_parser("pack", help="turn filled sheets into label files (texts dropped)")
    pack.add_argument("folder")
    args = parser.parse_args(argv)
    {"sheets": cmd_sheets, "pack": cmd_pack}[args.command](args)


if __name__ == "__main__":
    main()
