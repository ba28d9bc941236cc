"""The real timelines' labels are kept without their pages (benchmarks/timeline_pages.py): a page
saved again rebuilds the labelled folder eval_timelines.py reads, and a changed page is named,
not scored against labels of another text."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import load_benchmark

PAGE = """---
language: fr
url: https://example.org/chronologie
date: 2021-08-16
---
 date 2021-08 Chronologie de la crise

1er mai 2021
Le retrait des troupes commence. Les combats reprennent dans le Sud.

15 août 2021
Les talibans entrent dans Kaboul. Le présid"""


def _labelled(folder: Path, page: str) -> None:
    (folder / "s").mkdir(parents=True)
    (folder / "s" / "01-fr.txt").write_text(page, encoding="utf-8")
    items = [
        {"text": "Le retrait des troupes commence.", "event": "withdrawal"},
        {"text": "Les combats reprennent dans le Sud.", "event": None},
        {"text": "Les talibans entrent dans Kaboul.", "event": "kabul"},
        {"text": "Le présid", "event": None},  # the stored excerpt's unfinished end
    ]
    (folder / "labels.json").write_text(json.dumps({"s/01-fr.txt": items}), encoding="utf-8")


def test_a_page_saved_again_rebuilds_its_labels_without_the_text_kept(tmp_path: Path) -> None:
    tp = load_benchmark("timeline_pages")
    meta, body = tp.split_page(PAGE)
    assert meta["url"] == "https://example.org/chronologie"
    assert body.startswith("Chronologie de la crise")  # the store's marker is not the page's
    assert body.endswith("Les talibans entrent dans Kaboul.")  # the cut-off end is dropped
    _labelled(tmp_path / "labelled", PAGE)
    packed = tp.pack(tmp_path / "labelled")
    assert "Kaboul" not in json.dumps(packed, ensure_ascii=False)  # spans and hashes only
    assert len(packed["pages"]["s/01-fr.txt"]["sentences"]) == 3
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps(packed), encoding="utf-8")
    _labelled(tmp_path / "pages", PAGE)
    assert tp.build(tmp_path / "pages", tmp_path / "out", labels) == []
    rebuilt = json.loads((tmp_path / "out" / "labels.json").read_text(encoding="utf-8"))
    assert [i["event"] for i in rebuilt["s/01-fr.txt"]] == ["withdrawal", None, "kabul"]
    assert (
        (tmp_path / "out" / "s" / "01-fr.txt")
        .read_text(encoding="utf-8")
        .startswith(
            "---\nlanguage: fr\nurl: https://example.org/chronologie\ndate: 2021-08-16\n---\n"
        )
    )
    # a sentence moved by an edit higher up is found by its hash; a page rewritten is named
    moved = PAGE.replace("Chronologie de la crise", "Chronologie complète de la crise")
    (tmp_path / "pages" / "s" / "01-fr.txt").write_text(moved, encoding="utf-8")
    assert tp.build(tmp_path / "pages", tmp_path / "out2", labels) == []
    rewritten = "---\nlanguage: fr\n---\nUn tout autre texte. Rien de commun."
    (tmp_path / "pages" / "s" / "01-fr.txt").write_text(rewritten, encoding="utf-8")
    assert tp.build(tmp_path / "pages", tmp_path / "out3", labels) == [
        "s/01-fr.txt: its text is not the one labelled"
    ]
