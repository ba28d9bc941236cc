"""Real timelines kept as labels only: rebuilding the folder ``eval_timelines.py --data`` reads.

The pages are third-party text and stay outside the repository. ``benchmarks/data/labels/
timelines/labels.json`` keeps, for each page, its address, language and date, and for each
labelled sentence its character span in the page's cleaned text, a short hash of the sentence and
the fact it states (its README says how the pages were gathered and labelled). Whoever has the
pages again (saved as the search tool returns them: a front matter with ``language``, ``url`` and
perhaps ``date``, then the page's stored beginning) rebuilds the labelled folder:

``python benchmarks/timeline_pages.py build PAGES OUT`` (``PAGES`` holds ``<story>/<page>.txt``)
then ``python benchmarks/eval_timelines.py --data OUT``. Pages whose text differs from the one
labelled are named and left out; a sentence is found by its span, else by its hash anywhere in
the page.

``python benchmarks/timeline_pages.py pack DATA`` turns a labelled folder (``labels.json`` with
each sentence's text, one folder per story) into the label file, dropping the texts.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(ROOT / "benchmarks"))

from labelset import text_hash  # noqa: E402

LABELS = ROOT / "benchmarks" / "data" / "labels" / "timelines" / "labels.json"
#: The search tool's own marker at the start of some stored pages (" date 2021-08 …"): not the
#: page's text.
_TOOL_MARKER = re.compile(r"^\s*date \d{4}-\d{2}(?:-\d{2})?\s*")
#: A sentence's end (its closing quote or bracket included).
_SENTENCE_END = re.compile(r"[.!?»”\"')](?=\s|$)")


def split_page(text: str) -> tuple[dict[str, str], str]:
    """(front matter, cleaned body) of a page as saved: the tool's marker taken off, and the
    unfinished last sentence of a stored excerpt cut."""
    meta: dict[str, str] = {}
    body = text
    if text.startswith("---\n"):
        head, _, body = text[4:].partition("---\n")
        for line in head.splitlines():
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip()] = value.strip()
    body = _TOOL_MARKER.sub("", body).rstrip()
    ends = list(_SENTENCE_END.finditer(body))
    if ends and not _SENTENCE_END.search(body[-1:]):
        body = body[: ends[-1].end()]
    return meta, body


def pack(data: Path) -> dict[str, object]:
    """The label file of a labelled folder: spans and hashes, no text."""
    labels = json.loads((data / "labels.json").read_text(encoding="utf-8"))
    pages: dict[str, object] = {}
    for key, items in sorted(labels.items()):
        meta, body = split_page((data / key).read_text(encoding="utf-8"))
        sentences = []
        at = 0
        for item in items:
            start = body.find(item["text"], at)
            if start < 0:
                start = body.find(item["text"])
            if start < 0:
                continue  # cut with the page's unfinished end
            end = start + len(item["text"])
            at = end
            sentences.append(
                {"span": [start, end], "hash": text_hash(item["text"]), "event": item["event"]}
            )
        pages[key] = {
            "url": meta.get("url"),
            "language": meta.get("language"),
            "date": meta.get("date"),
            "body_hash": text_hash(body),
            "sentences": sentences,
        }
    return {"pages": pages}


def build(pages: Path, out: Path, labels: Path = LABELS) -> list[str]:
    """Writes the labelled folder from saved pages; returns the pages left out, with why."""
    packed = json.loads(labels.read_text(encoding="utf-8"))["pages"]
    found: dict[str, list[dict[str, object]]] = {}
    missing = []
    for key, page in sorted(packed.items()):
        path = pages / key
        if not path.is_file():
            missing.append(f"{key}: not among the pages given")
            continue
        meta, body = split_page(path.read_text(encoding="utf-8"))
        items = []
        for s in page["sentences"]:
            a, b = s["span"]
            text = body[a:b]
            if text_hash(text) != s["hash"]:
                text = next((t for t in _sentences(body) if text_hash(t) == s["hash"]), "")
            if text:
                items.append({"text": text, "event": s["event"]})
        if not items:
            missing.append(f"{key}: its text is not the one labelled")
            continue
        found[key] = items
        front = [f"{k}: {meta[k]}" for k in ("language", "url", "date") if meta.get(k)]
        target = out / key
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\n" + "\n".join(front) + "\n---\n" + body + "\n", encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    (out / "labels.json").write_text(
        json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return missing


def _sentences(body: str) -> list[str]:
    """Every stretch of a line between sentence ends, for finding a sentence by its hash."""
    out = []
    for line in body.splitlines():
        starts = [0] + [m.end() for m in _SENTENCE_END.finditer(line)]
        for i, a in enumerate(starts):
            for b in [*starts[i + 1 :], len(line)]:
                out.append(line[a:b].strip())
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="rebuild the labelled folder from saved pages")
    b.add_argument("pages", type=Path)
    b.add_argument("out", type=Path)
    p = sub.add_parser("pack", help="write the label file from a labelled folder")
    p.add_argument("data", type=Path)
    args = parser.parse_args(argv)
    if args.command == "pack":
        LABELS.parent.mkdir(parents=True, exist_ok=True)
        LABELS.write_text(
            json.dumps(pack(args.data), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        return 0
    for line in build(args.pages, args.out):
        print(f"left out: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
