"""Differences on text nobody here wrote: does claimcheck flag a changed figure, date or name, and
does it stay quiet when nothing changed?

Pairs come from ``../shared/datasets``: English sentences and their French translations (STS
benchmark dev, XNLI dev, PAWS-X dev; rows aligned across languages) for English–French pairs,
and PAWS-X paraphrase pairs (label 1) for English–English pairs. A general script changes one
thing in the second sentence of half of them, where both sentences state it:

- ``count``, ``year``, ``money``, ``percent``, ``age``, ``duration``: a number both sentences
  state, raised by about a third (its kind read from the words around it, in both languages);
- ``date``: a day of the month next to a month name, moved by a week;
- ``impossible date``: the same day replaced by 38;
- ``name``: a capitalised name both sentences state, replaced by another name of the set.

A changed pair is **found** when a compared item with the changed text on the second side is
flagged ``differs`` (names: ``differs`` or ``only in``). An unchanged pair is **falsely flagged**
when any item is ``differs``. Run: ``python benchmarks/eval_differences.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claimcheck.core.compare.differences import compare_cluster  # noqa: E402
from claimcheck.core.types import Claim  # noqa: E402

DEFAULT_DATASETS = ROOT.parent / "shared" / "datasets"
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|decembre"
)
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})*|\d+)(?:[.,](\d+))?(?![\w])")
_DAY_MONTH = re.compile(
    rf"(?i)\b(\d{{1,2}})(?:er)?\s+(?:{MONTHS})\b|\b(?:{MONTHS})\s+(\d{{1,2}})\b"
)
_NAME = re.compile(r"(?<=[a-zà-ÿ,;:] )([A-Z][a-zà-ÿ]{3,})\b")


@dataclass(frozen=True)
class Pair:
    a: str
    a_lang: str
    b: str
    b_lang: str
    source: str


def _rows(path: Path, delimiter: str) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter, quoting=csv.QUOTE_NONE))


def load_pairs(datasets: Path) -> tuple[list[Pair], list[Pair]]:
    """(English–French, English–English) sentence pairs that state the same thing."""
    en_fr: list[Pair] = []
    seen: set[str] = set()
    for name, delim, cols in (
        ("stsb-dev", ",", (0, 1)),
        ("xnli-dev", "\t", (0, 1)),
        ("pawsx-dev", "\t", (0, 1)),
    ):
        try:
            en = _rows(datasets / f"{name}.en.{'csv' if delim == ',' else 'tsv'}", delim)
            fr = _rows(datasets / f"{name}.fr.{'csv' if delim == ',' else 'tsv'}", delim)
        except OSError:
            continue
        if name == "stsb-dev":  # quoted CSV
            en = _csv(datasets / "stsb-dev.en.csv")
            fr = _csv(datasets / "stsb-dev.fr.csv")
        for row_en, row_fr in zip(en, fr, strict=False):
            for col in cols:
                if col >= len(row_en) or col >= len(row_fr):
                    continue
                a, b = row_en[col].strip(), row_fr[col].strip()
                if a and b and a not in seen:
                    seen.add(a)
                    en_fr.append(Pair(a, "en", b, "fr", name))
    en_en = [
        Pair(r[0], "en", r[1], "en", "pawsx-dev")
        for r in _rows(datasets / "pawsx-dev.en.tsv", "\t")
        if len(r) >= 3 and r[2].strip() == "1"
    ]
    return en_fr, en_en


def _csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _digits(text: str) -> str:
    return re.sub(r"[^\d]", "", text)


def _kind(text: str, start: int, end: int) -> str:
    """What a number at text[start:end] measures, from the words around it."""
    before = text[max(0, start - 12) : start].lower()
    after = text[end : end + 16].lower()
    value = _digits(text[start:end])
    if re.search(r"[$€£]\s*$", before) or re.match(
        r"\s*(?:million |billion |milliards? |millions? )?(?:dollars?|euros?|cents?|\$|€|£)", after
    ):
        return "money"
    if re.match(r"\s*(?:%|percent|per cent|pour cent)", after):
        return "percent"
    if re.search(r"(?:aged|âgée?s? de)\s*$", before) or re.match(r"[- ]years?[- ]old", after):
        return "age"
    if re.match(
        r"\s*(?:days?|weeks?|months?|years?|hours?|minutes?|jours?|semaines?|mois|ans|"
        r"années?|heures?|minutes?)\b",
        after,
    ):
        return "duration"
    if len(value) == 4 and 1800 <= int(value) <= 2099:
        return "year"
    return "count"


def _changed_number(token: str) -> str:
    value = int(_digits(token))
    new = value + max(1, round(value * 0.3)) if value < 1800 or value > 2099 else value + 3
    return str(new)


def changes(pair: Pair, names: Sequence[str], rng: random.Random) -> Iterator[tuple[str, str, str]]:
    """(kind, changed second sentence, the changed text) for each change the pair allows."""
    a, b = pair.a, pair.b
    day_a = {m.group(1) or m.group(2) for m in _DAY_MONTH.finditer(a)}
    for m in _DAY_MONTH.finditer(b):
        day = m.group(1) or m.group(2)
        span = m.span(1) if m.group(1) else m.span(2)
        if day in day_a:
            moved = str((int(day) + 6) % 28 + 1)
            yield "date", b[: span[0]] + moved + b[span[1] :], moved
            yield "impossible date", b[: span[0]] + "38" + b[span[1] :], "38"
            break
    numbers_a = {_digits(m.group(0)) for m in _NUMBER.finditer(a)}
    for m in _NUMBER.finditer(b):
        token = m.group(0)
        if _digits(token) not in numbers_a or _digits(token) in day_a:
            continue
        kind = _kind(b, m.start(), m.end())
        new = _changed_number(token)
        yield kind, b[: m.start()] + new + b[m.end() :], new
        break
    names_a = set(_NAME.findall(a))
    for m in _NAME.finditer(b):
        if m.group(1) in names_a:
            other = rng.choice([n for n in names if n != m.group(1)])
            yield "name", b[: m.start(1)] + other + b[m.end(1) :], other
            break


_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
)
_LOWER_WORD = re.compile(r"(?<![\w'’])[a-zà-ÿ][\w'’-]*")


def name_pool(pairs: Sequence[Pair]) -> list[str]:
    """The names a changed name is drawn from: capitalised words the sentences never write in
    lowercase (so not "There", "Next", "Against", "National", "Senator": common words and titles
    capitalised at the start of a sentence or inside a title) and no month or weekday. A name
    replaced by a common word ("Le There est une gare") is no changed name a reader would see."""
    lower: set[str] = set()
    for p in pairs:
        lower.update(w.lower() for w in _LOWER_WORD.findall(p.a + " " + p.b))
    calendar = set(f"{MONTHS}|{_WEEKDAYS}".split("|"))
    found = {n for p in pairs for n in _NAME.findall(p.a)}
    return sorted(n for n in found if n.lower() not in lower and n.lower() not in calendar)


def compare(a: str, a_lang: str, b: str, b_lang: str) -> list[tuple[str, str, dict[str, str]]]:
    claims = [
        Claim("a#0", "a", 0, 0, a, a_lang, "body"),
        Claim("b#0", "b", 0, 0, b, b_lang, "body"),
    ]
    return [(d.kind, d.status, dict(d.values)) for d in compare_cluster(claims)]


def found(diffs: Sequence[tuple[str, str, dict[str, str]]], kind: str, new: str) -> bool:
    wanted = ("differs", "only_in") if kind == "name" else ("differs",)
    return any(
        status in wanted and new in values.get("b", "") and k not in ("wording",)
        for k, status, values in diffs
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default=str(DEFAULT_DATASETS))
    parser.add_argument("--limit", type=int, default=1500, help="pairs per language pairing")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--examples", action="store_true", help="print missed changes")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    en_fr, en_en = load_pairs(Path(args.datasets))
    names = name_pool(en_fr + en_en)
    for label, pairs in (("EN-FR", en_fr), ("EN-EN", en_en)):
        rng.shuffle(pairs)
        pairs = pairs[: args.limit]
        hit: Counter[str] = Counter()
        total: Counter[str] = Counter()
        flagged = 0
        flag_kinds: Counter[str] = Counter()
        false_examples: list[tuple[str, str, str]] = []
        missed: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for pair in pairs:
            wrong = [
                (k, v)
                for k, s, v in compare(pair.a, pair.a_lang, pair.b, pair.b_lang)
                if s == "differs"
            ]
            if wrong:
                flagged += 1
                flag_kinds.update({k for k, _v in wrong})
                if len(false_examples) < 12:
                    false_examples.append((wrong[0][0], str(wrong[0][1]), pair.a[:70]))
            for kind, changed, new in changes(pair, names, rng):
                total[kind] += 1
                if found(compare(pair.a, pair.a_lang, changed, pair.b_lang), kind, new):
                    hit[kind] += 1
                elif len(missed[kind]) < 3:
                    missed[kind].append((pair.a, changed))
        print(
            f"{label}: {len(pairs)} unchanged pairs, {flagged} falsely flagged "
            f"({flagged / max(1, len(pairs)):.1%}): "
            + ", ".join(f"{k} {n}" for k, n in flag_kinds.most_common())
        )
        for kind in sorted(total):
            print(
                f"  {kind:<16} found {hit[kind]:4d} / {total[kind]:4d}  "
                f"({hit[kind] / total[kind]:.0%})"
            )
        all_hit, all_total = sum(hit.values()), sum(total.values())
        print(
            f"  {'all changes':<16} found {all_hit:4d} / {all_total:4d}  "
            f"({all_hit / max(1, all_total):.0%})"
        )
        if args.examples:
            for kind, values, text in false_examples:
                print(f"    false {kind}: {values[:100]} | {text!r}")
            for kind, examples in missed.items():
                for a, b in examples:
                    print(f"    missed {kind}: {a[:90]!r} | {b[:90]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
