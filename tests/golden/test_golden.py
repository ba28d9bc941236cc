"""Golden files: what segmentation, figure, name and stance extraction and the JSON report give
today, over corpus/, the labelled difference pairs and the written EN/FR claims. A change to the
code's arrangement must reproduce them byte for byte; a change meant to alter behaviour updates
them in the same commit and says so (``CLAIMCHECK_UPDATE_GOLDEN=1 pytest tests/golden``).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
UPDATE = os.environ.get("CLAIMCHECK_UPDATE_GOLDEN") == "1"


def _texts() -> list[tuple[str, str]]:
    """Every (text, language) the extraction golden file covers, in a fixed order."""
    out: list[tuple[str, str]] = []
    from claimcheck.core.read.ingest import load_sources
    from claimcheck.core.segment.claims import extract_claims

    for source in load_sources([str(ROOT / "corpus")]):
        out += [(c.text, c.language) for c in extract_claims(source)[1]]
    for line in (ROOT / "tests" / "data" / "differences.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out += [(row["a"]["text"], row["a"]["lang"]), (row["b"]["text"], row["b"]["lang"])]
    claims = ROOT / "benchmarks" / "data" / "claims_en_fr.jsonl"
    for line in claims.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append((row["text"], row["lang"]))
    seen: set[tuple[str, str]] = set()
    return [t for t in out if not (t in seen or seen.add(t))]


def _check(name: str, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path = HERE / name
    if UPDATE or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{name} did not exist; written now, check it in")
        return
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        got = json.loads(text)
        want = json.loads(expected)
        first = next((k for k in sorted(set(got) | set(want)) if got.get(k) != want.get(k)), None)
        pytest.fail(f"{name} changed; first differing entry: {first!r}")


def test_segmentation_of_the_corpus_is_unchanged() -> None:
    from claimcheck.core.read.ingest import load_sources
    from claimcheck.core.segment.claims import extract_claims

    data = {}
    for source in load_sources([str(ROOT / "corpus")]):
        sentences, claims = extract_claims(source)
        data[source.id] = {
            "sentences": [
                [s.index, s.start, s.end, s.role, s.reason, s.language, s.whole] for s in sentences
            ],
            "claims": [[c.id, c.sentence, c.role, c.repeats] for c in claims],
        }
    _check("segmentation.json", data)


def test_figures_names_and_stance_are_unchanged() -> None:
    from claimcheck.core.extract.figures import extract_figures
    from claimcheck.core.extract.names import extract_names
    from claimcheck.core.extract.stance import attribution, polarity

    data = {}
    for k, (text, language) in enumerate(_texts()):
        data[f"{k:04d}"] = {
            "text": text[:60],
            "figures": [asdict(f) for f in extract_figures(text, language)],
            "names": [asdict(n) for n in extract_names(text, language)],
            "attribution": attribution(text, language),
            "polarity": polarity(text, language),
        }
    _check("extraction.json", data)


@pytest.mark.e2e
def test_the_json_report_of_the_corpus_is_unchanged(corpus_result: Any) -> None:
    from claimcheck.report.jsonout import to_dict

    data = to_dict(corpus_result)
    data["sources"] = [{k: v for k, v in s.items() if k != "path"} for s in data["sources"]]
    _check("corpus-report.json", _rounded(data))


def _rounded(value: Any) -> Any:
    """Floats to two decimals, so the last bits of a vector never flip a comparison."""
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value
