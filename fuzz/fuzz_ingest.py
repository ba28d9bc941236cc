"""Fuzz the article loader and the claim extractor (and what the report does with them).

Each input is the bytes of one article file: the first byte picks the file's suffix (and so the
plain-text or HTML path), the rest is the file. One input is checked end to end:

* ``load_sources`` reads it or refuses it with :class:`InputError`; nothing else may escape;
* the Source is clean: a safe id, no control character or lone surrogate in its text, path,
  outlet or title, one printable line per warning;
* ``extract_claims`` gives sentences that index the text exactly, in order, never overlapping;
  claims are the kept sentences;
* figures and names found in each claim index the claim exactly;
* two copies of the article are clustered (every claim alone, the first two claims paired) and
  compared, and both reports render: the Markdown keeps its structure, the JSON parses.

Engines: ``atheris`` (coverage-guided libFuzzer; ``pip install atheris``) or ``hypothesis``
(random and structured text, no coverage feedback). Not part of the test run; see README.md.

    nice -n 10 python fuzz/fuzz_ingest.py --minutes 12             # atheris if installed
    nice -n 10 python fuzz/fuzz_ingest.py --engine hypothesis --minutes 5
    python fuzz/fuzz_ingest.py --replay crash-file                   # re-run one input
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimcheck.core.types import Claim, Figure, Name, Settings, Source

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

SUFFIXES = (".txt", ".md", ".html", ".htm", ".txt", ".txt", ".markdown", ".html")
#: An input slower than this is saved as "slow" (a hang in a regular expression looks like this).
SLOW_SECONDS = 5.0
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_ID = re.compile(r"[\w.-]+")


class Finding(Exception):
    """An invariant the input broke (as opposed to an exception the code raised)."""


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise Finding(what)


class Harness:
    """Runs one input end to end and keeps count; findings are saved, never fatal."""

    def __init__(self, artifacts: Path) -> None:
        self.artifacts = artifacts
        self.artifacts.mkdir(parents=True, exist_ok=True)
        # Inside the work folder, so that a run libFuzzer ends abruptly leaves nothing elsewhere.
        self.scratch = artifacts.parent / f"scratch-{os.getpid()}"
        self.scratch.mkdir(parents=True, exist_ok=True)
        self.inputs = 0
        self.read = 0
        self.refused = 0
        self.claims = 0
        self.findings: dict[str, int] = {}
        self.slow: list[tuple[float, str]] = []
        self.started = time.monotonic()
        self._saved_at = self.started
        # Imported here so that atheris can instrument them (see main()).
        from claimcheck.core.read import ingest

        self.ingest = ingest

    # -- one input ----------------------------------------------------------------------------
    def run(self, data: bytes) -> None:
        """Check one input; record (never raise) whatever goes wrong."""
        self.inputs += 1
        start = time.monotonic()
        try:
            self._check(data)
        except Exception as exc:  # every failure is a finding to save, and fuzzing goes on
            self._save(data, exc)
        now = time.monotonic()
        if now - start > SLOW_SECONDS:
            name = self._write("slow", data)
            self.slow.append((now - start, name))
        if now - self._saved_at > 15:
            # libFuzzer ends the process without returning, so the figures are kept up to date.
            self.save_summary()
            self._saved_at = now

    def _check(self, data: bytes) -> None:
        from claimcheck.core.errors import InputError
        from claimcheck.core.extract.figures import extract_figures
        from claimcheck.core.extract.names import extract_names
        from claimcheck.core.segment.claims import extract_claims
        from claimcheck.core.types import KEPT_ROLES, Settings

        suffix = SUFFIXES[data[0] % len(SUFFIXES)] if data else ".txt"
        path = self.scratch / f"article{suffix}"
        path.write_bytes(data[1:])
        warnings: list[str] = []
        try:
            sources = self.ingest.load_sources(
                [str(path)], warn=warnings.append, timeout=1.0, max_bytes=2_000_000
            )
        except InputError:
            self.refused += 1
            _require(len(warnings) >= 1, "refused without saying why")
            self._check_lines(warnings)
            return
        self.read += 1
        _require(len(sources) == 1, f"{len(sources)} sources from one file")
        source = sources[0]
        self._check_lines(warnings)
        self._check_lines(list(source.warnings))
        _require(bool(_ID.fullmatch(source.id)), f"unsafe id {source.id!r}")
        fields = {"text": source.text, "outlet": source.outlet, "path": source.path}
        for name, value in {**fields, "title": source.title or ""}.items():
            bad = _CONTROL.search(value.replace("\n", "").replace("\t", ""))
            _require(bad is None, f"{name} holds {bad.group() if bad else ''!r}")
        sentences, claims = extract_claims(source)
        self.claims += len(claims)
        text = source.text
        last_end = 0
        for sentence in sentences:
            _require(text[sentence.start : sentence.end] == sentence.text, "span != text")
            _require(sentence.start >= last_end, "sentences overlap or go backwards")
            last_end = sentence.end
        kept = [s.text for s in sentences if s.role in KEPT_ROLES]
        _require([c.text for c in claims] == kept, "claims are not the kept sentences")
        for claim in claims[:40]:
            items: list[Figure | Name] = [
                *extract_figures(claim.text, claim.language, source.date),
                *extract_names(claim.text, claim.language),
            ]
            for item in items:
                _require(
                    claim.text[item.start : item.end] == item.text,
                    f"{type(item).__name__} span {item.start}:{item.end} != {item.text!r}",
                )
        if claims:
            self._check_reports(source, claims[:30], Settings("fuzz", 0.5))

    def _check_reports(self, source: Source, claims: Sequence[Claim], settings: Settings) -> None:
        from dataclasses import replace

        from claimcheck.core.pipeline import build_clusters
        from claimcheck.core.types import Result
        from claimcheck.report.jsonout import render_json
        from claimcheck.report.markdown import render_markdown

        other = replace(source, id="copy", path="copy.txt")
        copies = [replace(c, id=f"copy#{c.position}", source="copy") for c in claims]
        every = [*claims, *copies]
        groups = [[0, len(claims)], *[[k] for k in range(1, len(every)) if k != len(claims)]]
        clusters = build_clusters(every, groups, [source, other])
        result = Result((source, other), ((), ()), tuple(every), clusters, settings)
        markdown = render_markdown(result)
        markdown.encode("utf-8")
        _require(_CONTROL.search(markdown.replace("\n", "")) is None, "control in Markdown")
        header = None
        for line in markdown.split("\n"):
            if line.startswith("|"):
                pipes = len(re.findall(r"(?<!\\)\|", line))
                header = pipes if header is None else header
                _require(pipes == header, f"table row broken: {line[:60]!r}")
            else:
                header = None
            _require(
                not line.startswith("#") or line.startswith(("# claimcheck", "## ", "### c")),
                f"heading from article text: {line[:60]!r}",
            )
        data = json.loads(render_json(result))
        _require(len(data["clusters"]) == len(clusters), "JSON lost clusters")

    @staticmethod
    def _check_lines(lines: list[str]) -> None:
        for line in lines:
            _require("\n" not in line and _CONTROL.search(line) is None, f"bad line {line!r}")

    # -- bookkeeping --------------------------------------------------------------------------
    def _write(self, kind: str, data: bytes) -> str:
        name = f"{kind}-{hashlib.sha1(data).hexdigest()[:16]}"
        (self.artifacts / name).write_bytes(data)
        return name

    def _save(self, data: bytes, exc: BaseException) -> None:
        frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        where = f"{Path(frame.filename).name}:{frame.lineno}" if frame else "?"
        key = f"{type(exc).__name__} at {where}: {str(exc)[:120]}"
        if key not in self.findings:
            name = self._write("crash", data)
            trace = "".join(traceback.format_exception(exc))
            (self.artifacts / f"{name}.txt").write_text(f"{key}\n\n{trace}", encoding="utf-8")
            print(f"\nFINDING {key} -> {name}", file=sys.stderr, flush=True)
        self.findings[key] = self.findings.get(key, 0) + 1

    def summary(self) -> dict[str, object]:
        """The figures of the run."""
        return {
            "inputs": self.inputs,
            "read_as_articles": self.read,
            "refused_with_a_message": self.refused,
            "claims_checked": self.claims,
            "distinct_findings": len(self.findings),
            "findings": self.findings,
            "slow_inputs": [f"{s:.1f}s {n}" for s, n in sorted(self.slow, reverse=True)[:20]],
            "minutes": round((time.monotonic() - self.started) / 60, 1),
        }

    def save_summary(self) -> dict[str, object]:
        """Write the figures so far to ``summary.json`` in the findings folder."""
        summary = self.summary()
        text = json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
        (self.artifacts / "summary.json").write_text(text, encoding="utf-8")
        return summary

    def close(self) -> None:
        """Remove the scratch folder."""
        shutil.rmtree(self.scratch, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Seeds


def seeds() -> list[bytes]:
    """Starting inputs: the bundled corpus, the test fixtures and hostile samples."""
    out: list[bytes] = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        out.append(b"\x00" + path.read_bytes())
    for path in sorted((ROOT / "tests" / "data" / "ingest").glob("*")):
        selector = b"\x02" if path.suffix == ".html" else b"\x01"
        out.append(selector + path.read_bytes())
    from tests.hardening.helpers import EN_ARTICLE, FR_ARTICLE, hostile_article

    out += [
        b"\x00" + hostile_article("en").encode()[:20000],
        b"\x00" + hostile_article("fr").encode("cp1252", "replace")[:20000],
        b"\x00" + FR_ARTICLE.encode("utf-16-le"),
        b"\x00" + FR_ARTICLE.encode("utf-16"),
        b"\x01---\noutlet: X | Y\nid: a|b`c\nlanguage: fr\ndate: 30/01/2019\n---\n"
        + FR_ARTICLE.encode(),
        b"\x02<html><head><title>T &#27;[2J</title></head><body><article><p>"
        + EN_ARTICLE.encode()
        + b"</p><p>&#x1b;]52;c;SGk=&#7; more words in this paragraph here.</p></article>",
        b"\x00REUTERS/" + b"A" * 300 + b"\n" + EN_ARTICLE.encode(),
    ]
    return out


# ---------------------------------------------------------------------------------------------
# Engines


def run_atheris(harness_dir: Path, minutes: float, artifacts: Path, extra: list[str]) -> int:
    """Coverage-guided fuzzing with atheris/libFuzzer for ``minutes``."""
    import atheris

    with atheris.instrument_imports(include=["claimcheck"]):
        import claimcheck.core.compare.differences
        import claimcheck.core.extract.figures
        import claimcheck.core.extract.names
        import claimcheck.core.pipeline
        import claimcheck.core.read.ingest
        import claimcheck.core.segment.claims
        import claimcheck.core.text
        import claimcheck.core.text.language
        import claimcheck.report.jsonout
        import claimcheck.report.markdown  # noqa: F401

    harness = Harness(artifacts)
    corpus = harness_dir / "corpus"
    seed_dir = harness_dir / "seeds"
    for folder in (corpus, seed_dir):
        folder.mkdir(parents=True, exist_ok=True)
    for data in seeds():
        (seed_dir / hashlib.sha1(data).hexdigest()).write_bytes(data)
    argv = [
        sys.argv[0],
        str(corpus),
        str(seed_dir),
        f"-max_total_time={int(minutes * 60)}",
        "-timeout=120",
        "-rss_limit_mb=3072",
        "-max_len=24000",
        f"-dict={Path(__file__).with_name('claimcheck.dict')}",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
        *extra,
    ]

    def one_input(data: bytes) -> None:
        harness.run(data)

    atheris.Setup(argv, one_input)
    try:
        atheris.Fuzz()
    except SystemExit:
        pass
    finally:
        _report(harness)
    return 0


def run_hypothesis(minutes: float, artifacts: Path) -> int:
    """Random and structured inputs for ``minutes``, in rounds of fresh random examples."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests.hardening.test_properties import article_text

    harness = Harness(artifacts)
    pool = seeds()
    as_bytes = st.one_of(
        st.binary(max_size=4000),
        st.tuples(
            st.integers(0, 7), article_text, st.sampled_from(["utf-8", "cp1252", "utf-16"])
        ).map(lambda t: bytes([t[0]]) + t[1].encode(t[2], "replace")),
        st.tuples(st.sampled_from(pool), st.integers(0, 20000), st.binary(max_size=200)).map(
            lambda t: t[0][: t[1]] + t[2] + t[0][t[1] :]
        ),
    )

    @settings(
        max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(as_bytes)
    def one_round(data: bytes) -> None:
        harness.run(data)

    deadline = time.monotonic() + minutes * 60
    try:
        while time.monotonic() < deadline:
            one_round()
    finally:
        _report(harness)
    return 0


def _report(harness: Harness) -> None:
    summary = harness.save_summary()
    print("\n" + json.dumps(summary, indent=2, ensure_ascii=False), flush=True)
    harness.close()


def main(argv: list[str] | None = None) -> int:
    """Parse options and run one engine (or replay inputs)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "claimcheck-fuzz",
        help="where the growing corpus and the findings go (default: $TMPDIR/claimcheck-fuzz)",
    )
    parser.add_argument("--replay", nargs="+", type=Path, help="run these inputs once, verbosely")
    args, extra = parser.parse_known_args(argv)
    artifacts = args.workdir / "findings"
    if args.replay:
        harness = Harness(args.workdir / "replay")
        for path in args.replay:
            start = time.monotonic()
            try:
                harness._check(path.read_bytes())
                print(f"{path}: ok in {time.monotonic() - start:.2f}s")
            except Exception:
                print(f"{path}: FAILS after {time.monotonic() - start:.2f}s")
                traceback.print_exc()
        harness.close()
        return 0
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    print(
        f"fuzzing with {engine} for {args.minutes:g} minutes; findings in {artifacts}", flush=True
    )
    if engine == "atheris":
        return run_atheris(args.workdir, args.minutes, artifacts, extra)
    return run_hypothesis(args.minutes, artifacts)


if __name__ == "__main__":
    sys.exit(main())
