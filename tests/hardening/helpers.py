"""Shared pieces of the hardening tests: running the real CLI, hostile text, report checks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Two short articles on one story, written for these tests (not from the corpus).
EN_ARTICLE = (
    "Harbour bridge closed after storm damage\n"
    "The harbour bridge was closed on Tuesday after a storm damaged two of its cables.\n"
    "Engineers said repairs would take at least three weeks and cost 2 million euros.\n"
)
FR_ARTICLE = (
    "Le pont du port fermé après la tempête\n"
    "Le pont du port a été fermé mardi après qu'une tempête a endommagé deux de ses câbles.\n"
    "Selon les ingénieurs, les réparations prendront au moins trois semaines et coûteront "
    "2 millions d'euros.\n"
)

#: Terminal controls that must never reach a report or a terminal raw: CSI (7-bit and C1),
#: OSC 52 (writes the clipboard), BEL, CR (overwrites the line), DCS, backspace, NUL.
TERMINAL_ESCAPES = (
    "\x1b[2J\x1b[31m",
    "\x1b]52;c;SGVsbG8=\x07",
    "\x07",
    "\r",
    "\x9b31m",
    "\x90q\x9c",
    "\x08\x08",
    "\x00",
)
#: Characters whose presence, raw, in output means a terminal control got through.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

#: Markdown, HTML and Textual markup an article may carry; none may act in a report or the UI.
HOSTILE_LINES = (
    "| col | col | col |",
    "|---|---|",
    "# Injected heading ZQX",
    "## Summary",
    "<script>alert('ZQX')</script> <img src=x onerror=alert(1)>",
    "[click me](javascript:alert('ZQX')) ![pic](http://example.org/x.png)",
    "```",
    "`code` and ``double`` ZQX",
    "*bold* _em_ ~~gone~~ &lt;b&gt; &amp; \\ backslash",
    "[bold red]ZQX[/bold red] [@click=app.quit]quit[/] [link=http://x]l[/link]",
    "> quoted ZQX",
    "- listed ZQX",
    "1. numbered ZQX",
    "<!-- comment --> <div>ZQX</div>",
)


def write_story(folder: Path) -> Path:
    """``folder`` made and holding the two-article story (English and French)."""
    folder.mkdir()
    (folder / "en.txt").write_text(EN_ARTICLE, encoding="utf-8")
    (folder / "fr.txt").write_text(FR_ARTICLE, encoding="utf-8")
    return folder


def hostile_article(language: str, marker: str = "ZQX") -> str:
    """A short article of real sentences, each carrying hostile markup and terminal controls."""
    if language == "fr":
        sentences = [
            f"Le maire a annoncé mardi que le pont resterait fermé {marker} trois semaines.",
            "Les ingénieurs ont trouvé deux câbles endommagés après la tempête de lundi.",
            "La réparation coûtera 2 millions d'euros selon la mairie.",
        ]
    else:
        sentences = [
            f"The mayor said on Tuesday that the bridge would stay closed {marker} three weeks.",
            "Engineers found two damaged cables after the storm on Monday.",
            "The repair will cost 2 million euros, according to the city.",
        ]
    lines = []
    for k, sentence in enumerate(sentences):
        extra = HOSTILE_LINES[k % len(HOSTILE_LINES)]
        escape = TERMINAL_ESCAPES[k % len(TERMINAL_ESCAPES)]
        lines.append(f"{sentence} {extra} {escape}done.")
    for k, line in enumerate(HOSTILE_LINES):
        lines.append(f"{line} {TERMINAL_ESCAPES[k % len(TERMINAL_ESCAPES)]}")
    lines.append("A very long line " + "with many words " * 2000 + "ends here.")
    return "\n".join(lines) + "\n"


@dataclass
class CliRun:
    """The outcome of one ``python -m claimcheck.cli`` run."""

    returncode: int
    stdout: bytes
    stderr: str
    seconds: float

    @property
    def stderr_lines(self) -> list[str]:
        """Non-blank lines of stderr."""
        return [line for line in self.stderr.splitlines() if line.strip()]


def cli_env(cache_dir: Path | None = None) -> dict[str, str]:
    """The environment of a CLI child: offline, its own cache, no colour."""
    env = dict(os.environ)
    env.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "NO_COLOR": "1"})
    env.pop("CLAIMCHECK_DEBUG", None)
    if cache_dir is not None:
        env["CLAIMCHECK_CACHE_DIR"] = str(cache_dir)
    return env


def run_cli(
    *args: str, cwd: Path = ROOT, timeout: float = 300, cache_dir: Path | None = None
) -> CliRun:
    """Run the real command line in a child process."""
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-m", "claimcheck.cli", *args],
        capture_output=True,
        cwd=cwd,
        timeout=timeout,
        env=cli_env(cache_dir),
    )
    return CliRun(
        out.returncode,
        out.stdout,
        out.stderr.decode("utf-8", "backslashreplace"),
        time.monotonic() - start,
    )


def assert_clean_failure_output(run: CliRun) -> None:
    """Every stderr line is a claimcheck message; no traceback, no raw terminal control."""
    assert "Traceback" not in run.stderr, run.stderr
    assert RAW_CONTROL.search(run.stderr) is None, repr(run.stderr)
    for line in run.stderr_lines:
        assert line.startswith("claimcheck: "), line


# ---------------------------------------------------------------------------------------------
# Report structure

_PIPE = re.compile(r"(?<!\\)\|")
_CODE_ID = re.compile(r"`[\w.#-]+`")
#: Line starts a renderer gives article text (after escaping); any other line is the report's.
CONTENT_PREFIXES = ("- ", "  - ", "| ", "Note: ", "Not stated by: ", "Shared wording: ")


def markdown_problems(markdown: str, marker: str = "ZQX") -> list[str]:
    """Ways in which ``markdown`` shows that article text changed the report's structure.

    Checks: no raw control characters; every table row has as many cell separators as its
    header; a line carrying article text (found by ``marker``) is a list item, sub-item, table
    row or note, never a heading or a line of its own; no unescaped HTML, link, image or code
    syntax outside the report's own id code spans.
    """
    problems: list[str] = []
    if RAW_CONTROL.search(markdown):
        problems.append(f"raw control character {RAW_CONTROL.search(markdown)!r}")
    header_pipes: int | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        if line.startswith("|"):
            pipes = len(_PIPE.findall(line))
            if header_pipes is None:
                header_pipes = pipes
            elif pipes != header_pipes:
                problems.append(
                    f"line {number}: table row with {pipes} cells, header {header_pipes}"
                )
        else:
            header_pipes = None
        if marker in line and not line.startswith(CONTENT_PREFIXES):
            problems.append(f"line {number}: article text outside a content line: {line[:80]!r}")
        bare = _CODE_ID.sub("", line)
        for pattern, what in (
            (r"(?<!\\)<", "unescaped <"),
            (r"(?<!\\)\]\(", "a live link"),
            (r"(?<!\\)`", "an unescaped backtick"),
            (r"(?<!\\)\[", "an unescaped ["),
        ):
            if re.search(pattern, bare):
                problems.append(f"line {number}: {what}: {line[:80]!r}")
    return problems


def skeleton(markdown: str) -> list[str]:
    """The report's shape: headings, table rows by cell count, list items; sub-items ignored
    (they depend on the figures and names found in the text)."""
    shape = []
    for line in markdown.splitlines():
        if line.startswith("#"):
            shape.append(line.split(" ")[0])
        elif line.startswith("|"):
            shape.append("table:" + str(len(_PIPE.findall(line))))
        elif line.startswith("- "):
            shape.append("-")
        elif line.startswith("  - "):
            assert line.startswith(("  - figures: ", "  - names: ")), line
        elif line.strip():
            shape.append("text")
    return shape
