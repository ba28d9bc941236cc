"""Hostile article text and file names: the reports keep their structure, JSON stays valid, and no
terminal control reaches a report or stderr raw."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimcheck.core.pipeline import run
from claimcheck.core.types import Settings
from claimcheck.report.jsonout import render_json
from claimcheck.report.markdown import render_markdown
from tests.conftest import FakeEncoder

from .helpers import (
    EN_ARTICLE,
    FR_ARTICLE,
    RAW_CONTROL,
    TERMINAL_ESCAPES,
    assert_clean_failure_output,
    hostile_article,
    markdown_problems,
    run_cli,
)

#: A file name a downloaded archive could carry: an OSC 52 clipboard write and a table pipe.
HOSTILE_NAME = "evil\x1b]52;c;SGk=\x07|name`x.txt"
EMPTY_HOSTILE_NAME = "empty\x1b[2J\x9b31m.txt"


def _hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    front = (
        "---\n"
        'outlet: "[bold red]Le Monde[/] | <b>x</b> ZQX"\n'
        'title: "[@click=app.quit]Titre[/] ZQX"\n'
        'original: "orig|`name` ZQX.txt"\n'
        "---\n"
    )
    (folder / "lemonde.txt").write_text(front + hostile_article("fr"), encoding="utf-8")
    (folder / "bbc.txt").write_text(hostile_article("en"), encoding="utf-8")
    (folder / HOSTILE_NAME).write_text(EN_ARTICLE, encoding="utf-8")
    (folder / EMPTY_HOSTILE_NAME).write_bytes(b"")  # skipped, so its name is in a warning
    # A C1 CSI and an OSC in UTF-8, and an HTML page whose metadata carries controls.
    (folder / "page.html").write_text(
        "<html><head><title>Page \u009b31m ZQX &#27;]52;c;SGk=&#7;</title>"
        '<meta property="og:site_name" content="Site &#27;[2J ZQX"></head><body><article>'
        "<h1>Bridge &#27;[31m closed</h1>"
        f"<p>{FR_ARTICLE.splitlines()[1]} &#x1b;]52;c;SGk=&#x07; ZQX</p>"
        f"<p>{FR_ARTICLE.splitlines()[2]}</p></article></body></html>",
        encoding="utf-8",
    )
    return folder


def test_hostile_articles_leave_markdown_structure_and_terminal_alone(tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path)
    warnings: list[str] = []
    result = run([str(folder)], Settings("fake", 0.5), encoder=FakeEncoder(), warn=warnings.append)
    assert len(result.sources) == 4, [s.path for s in result.sources]
    markdown = render_markdown(result)
    assert markdown_problems(markdown) == []
    assert "<script>" not in markdown
    for source in result.sources:
        assert RAW_CONTROL.search(source.text) is None
        assert RAW_CONTROL.search(source.path) is None
        assert RAW_CONTROL.search(source.outlet) is None
        assert source.title is None or RAW_CONTROL.search(source.title) is None
    for line in [*warnings, *result.warnings]:
        assert RAW_CONTROL.search(line) is None and "\n" not in line


def test_hostile_file_name_gives_a_safe_id_and_a_printable_path(tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path)
    result = run([str(folder)], Settings("fake", 0.5), encoder=FakeEncoder())
    named = next(s for s in result.sources if s.id.startswith("evil"))
    assert named.id == "evil-52-c-SGk-name-x"
    assert named.path.endswith("evil\ufffd]52;c;SGk=\ufffd|name`x.txt")
    assert all(c.id.startswith(named.id + "#") for c in result.claims if c.source == named.id)


def test_page_with_a_control_character_reference_keeps_its_article(tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path)
    result = run([str(folder)], Settings("fake", 0.5), encoder=FakeEncoder())
    page = next(s for s in result.sources if s.id == "page")
    assert "Le pont du port a été fermé mardi" in page.text
    assert page.outlet == "Site [2J ZQX"
    assert page.title is not None and "\x9b" not in page.title


def test_json_report_is_valid_round_trips_and_carries_no_raw_control(tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path)
    result = run([str(folder)], Settings("fake", 0.5), encoder=FakeEncoder())
    text = render_json(result)
    assert RAW_CONTROL.search(text) is None
    text.encode("utf-8")  # no lone surrogate anywhere
    data = json.loads(text)
    claims = {c["id"]: c["text"] for cl in data["clusters"] for c in cl["claims"]}
    assert claims == {c.id: c.text for c in result.claims}
    assert {s["id"] for s in data["sources"]} == {s.id for s in result.sources}


def test_non_utf8_file_name_reaches_both_reports_encodable(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    # Linux file names are bytes; b"\xff" is not UTF-8, so Python names it with a lone surrogate.
    with open(os.path.join(os.fsencode(folder), b"caf\xe9-\xff.txt"), "wb") as handle:
        handle.write(EN_ARTICLE.encode())
    (folder / "fr.txt").write_text(FR_ARTICLE, encoding="utf-8")
    result = run([str(folder)], Settings("fake", 0.5), encoder=FakeEncoder())
    odd = next(s for s in result.sources if s.id != "fr")
    assert odd.path.endswith("caf\ufffd-\ufffd.txt") and odd.id == "caf"
    render_markdown(result).encode("utf-8")
    render_json(result).encode("utf-8")


def test_cli_reports_on_hostile_files_stay_inert(tmp_path: Path) -> None:
    """The real command line and model on hostile files: both formats, and stderr."""
    folder = _hostile_folder(tmp_path)
    md_run = run_cli("report", str(folder), "-o", str(tmp_path / "r.md"))
    assert md_run.returncode == 0, md_run.stderr
    assert_clean_failure_output(md_run)
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert markdown_problems(markdown) == []
    json_run = run_cli("report", str(folder), "-q", "--format", "json")
    assert json_run.returncode == 0, json_run.stderr
    assert RAW_CONTROL.search(json_run.stdout.decode("utf-8")) is None
    data = json.loads(json_run.stdout)
    assert len(data["sources"]) == 4
    # The skipped file's name is in a warning, its escapes shown as U+FFFD.
    assert f"{folder}/empty\ufffd[2J\ufffd31m.txt: empty file; skipped" in md_run.stderr


@pytest.mark.parametrize("escape", TERMINAL_ESCAPES)
def test_each_terminal_escape_is_removed_from_article_text(tmp_path: Path, escape: str) -> None:
    from claimcheck.core.read.ingest import load_sources

    path = tmp_path / "a.txt"
    path.write_bytes(f"{EN_ARTICLE.strip()} {escape}after.\n".encode())
    (source,) = load_sources([str(path)], warn=lambda _: None)
    assert RAW_CONTROL.search(source.text) is None
    assert source.text.endswith("after.\n")
