"""``e`` names an outlet as the reader knows it: kept in the review sidecar, shown in the detail
pane and the saved report, restored on the next start, and undone with ``u``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.widgets import Input

from claimcheck.core import review as rv
from claimcheck.tui.screens.dialogs import PromptScreen
from claimcheck.tui.widgets.detail import DetailPane

from .helpers import SIZE, app_on, detail_text, main_screen, notifications, save_report, settle


def _outlets(folder: Path) -> list[dict[str, Any]]:
    path = folder / rv.SIDECAR_NAME
    if not path.exists():
        return []
    return list(json.loads(path.read_text(encoding="utf-8")).get("outlets", []))


async def _rename(app: Any, pilot: Any, name: str, expected_before: str) -> None:
    """Press e on the member the detail pane has picked and type ``name``."""
    await pilot.press("e")
    await settle(app, pilot)
    assert isinstance(app.screen, PromptScreen)
    field = app.screen.query_one(Input)
    assert field.value == expected_before  # prefilled with the name shown now
    field.value = name
    await pilot.press("enter")
    await settle(app, pilot)


async def test_e_renames_the_outlet_in_the_detail_pane_the_report_and_u_undoes_it(
    small_result, corpus_dir, tmp_path
):
    target = tmp_path / "out.md"
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "j")  # the detail pane, its second outlet: BBC News
        await settle(app, pilot)
        screen = main_screen(app)
        assert screen.selected_claim() == "bbc#0"
        await _rename(app, pilot, "  BBC World   Service ", "BBC News")
        assert _outlets(corpus_dir) == [{"source": "bbc", "name": "BBC World Service"}]
        assert screen.result is not None
        assert screen.result.source("bbc").outlet == "BBC World Service"
        shown = detail_text(app)
        assert "BBC World Service" in shown and "BBC News" not in shown
        assert screen.query_one(DetailPane).selected == 1  # BBC stays picked
        assert "Outlet bbc is now shown as BBC World Service." in notifications(app)

        await save_report(app, pilot, target)
        report = target.read_text(encoding="utf-8")
        assert "**BBC World Service**" in report and "BBC News" not in report
        assert "| item | status | Le Monde | BBC World Service |" in report

        await pilot.press("u")
        await settle(app, pilot)
        assert "Undone: outlet name of bbc." in notifications(app)
        assert screen.result.source("bbc").outlet == "BBC News"
        shown = detail_text(app)
        assert "BBC News" in shown and "BBC World Service" not in shown
        assert _outlets(corpus_dir) == []


async def test_an_outlet_name_is_restored_on_the_next_start_and_shown_inert(
    small_result, corpus_dir
):
    hostile = "[bold red]Reuters[/] \x1b[2J wire"
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "j", "j")  # Reuters
        await settle(app, pilot)
        await _rename(app, pilot, hostile, "Reuters")
    saved = _outlets(corpus_dir)
    assert len(saved) == 1 and saved[0]["source"] == "reuters"
    assert "\x1b" not in saved[0]["name"] and "[bold red]Reuters[/]" in saved[0]["name"]

    again = app_on(small_result, corpus_dir)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        screen = main_screen(again)
        assert screen.result is not None
        assert screen.result.source("reuters").outlet == saved[0]["name"]
        assert "[bold red]Reuters[/]" in detail_text(again)  # markup shown literally
        # Typing the article's own name back drops the reader's name.
        await pilot.press("enter", "j", "j")
        await settle(again, pilot)
        await _rename(again, pilot, "Reuters", saved[0]["name"])
        assert _outlets(corpus_dir) == []
        assert screen.result.source("reuters").outlet == "Reuters"
