"""Keys that behave the same everywhere: Escape goes back one step, Ctrl+P lists every command
with its key, and ``u`` undoes the last review action, saving the sidecar as the action did."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events
from textual.command import CommandPalette
from textual.widgets import Input

from claimcheck.core import review as rv
from claimcheck.core.types import Result
from claimcheck.tui.app import ClaimcheckApp
from claimcheck.tui.keymap import KEYS
from claimcheck.tui.screens.article import ArticleScreen
from claimcheck.tui.screens.coverage import CoverageScreen
from claimcheck.tui.screens.dialogs import MoveScreen, PromptScreen
from claimcheck.tui.screens.main import MainScreen
from claimcheck.tui.widgets.cluster_list import ClusterList

from .helpers import SIZE, app_on, current_id, main_screen, notifications, row_ids, settle
from .sample import verified_result

ALL = ["c1", "c2", "c3", "c4", "c5"]


def verified_sample() -> Result:
    """The sample verified so that one cluster keeps a related claim, not confirmed."""
    return verified_result()


async def related_cluster_app(app: ClaimcheckApp, pilot: Any) -> list[str]:
    """Put the list cursor on the first cluster with a related claim; its members' ids."""
    await settle(app, pilot)
    screen = main_screen(app)
    assert screen.result is not None
    index = next(
        k for k, row in enumerate(screen.shown_rows) if screen.result.clusters[row.index].related
    )
    screen.query_one(ClusterList).highlighted = index
    await settle(app, pilot)
    cluster = screen.current_cluster
    assert cluster is not None and cluster.related
    return [c.id for c in cluster.claims]


def _members(app: ClaimcheckApp) -> list[str]:
    cluster = main_screen(app).current_cluster
    return sorted(c.id for c in cluster.claims) if cluster else []


def _sidecar(folder: Path) -> dict[str, Any]:
    path = folder / rv.SIDECAR_NAME
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


async def test_escape_clears_a_submitted_search_then_leaves_the_filter(small_result, corpus_dir):
    """After / and Enter the list has the keys; Escape there clears the search (it used to do
    nothing), a second Escape shows every cluster again, a third changes nothing."""
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f")  # shared: c1, c2
        await pilot.press("slash", *"sanchez", "enter")
        await settle(app, pilot)
        screen = main_screen(app)
        assert row_ids(app) == ["c2"] and isinstance(app.focused, ClusterList)
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen.query_text == "" and not screen.query_one("#search", Input).display
        assert row_ids(app) == ["c1", "c2"] and screen.filter_name == "shared"
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen.filter_name == "all" and row_ids(app) == ALL
        assert current_id(app) == "c2"  # the cursor stays on the cluster it was on
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.is_running and isinstance(app.screen, MainScreen) and row_ids(app) == ALL


async def test_escape_from_the_detail_pane_goes_to_the_list_first(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f", "enter")
        await settle(app, pilot)
        assert not isinstance(app.focused, ClusterList)
        await pilot.press("escape")
        assert isinstance(app.focused, ClusterList) and main_screen(app).filter_name == "shared"


async def test_escape_in_an_article_opened_from_coverage_goes_back_to_coverage(
    small_result, corpus_dir
):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press("end", "right", "right", "o")  # c5, Reuters
        await settle(app, pilot)
        assert isinstance(app.screen, ArticleScreen) and app.screen.claim_id == "reuters#2"
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, CoverageScreen)  # not the list
        await pilot.press("o", "enter")  # the article again; Enter: the sentence's cluster
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen) and current_id(app) == "c5"


async def test_ctrl_p_opens_the_palette_listing_every_command_with_its_key(
    small_result, corpus_dir
):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Theme" in titles  # Textual's theme picker
        for key in KEYS:
            if key.id in ("save", "note", "reviewed", "coverage", "search", "help", "undo"):
                assert f"{key.help} ({'/' if key.id == 'search' else ''}" in " ".join(titles)
        assert "Save the report as Markdown (s)" in titles
        assert "Add or edit the cluster's note (a)" in titles
        # found by its id too, where its help does not say it
        assert "Coverage: Outlet x cluster matrix: who says what, who is silent (c)" in titles
        # The palette reads help as markup: "[keys]" must show, not vanish as a tag.
        helps = [Text.from_markup(c.help).plain for c in app.get_system_commands(app.screen)]
        assert "key a · id note in [keys] of the config file" in helps
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"save the report", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PromptScreen)  # the palette ran `s`
        assert "Save the report" in str(app.screen.title_text)


async def test_u_undoes_marks_and_notes_and_saves_the_sidecar(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r", "a", *"check it", "enter")
        await settle(app, pilot)
        screen = main_screen(app)
        assert screen.reviews["c1"].reviewed and screen.reviews["c1"].note == "check it"
        await pilot.press("u")  # the note goes, the mark stays
        await settle(app, pilot)
        assert screen.reviews["c1"].reviewed and not screen.reviews["c1"].note
        assert [m["note"] for m in _sidecar(corpus_dir)["marks"]] == [""]
        assert "Undone: note on c1." in notifications(app)
        await pilot.press("u")
        await settle(app, pilot)
        assert "c1" not in screen.reviews or not screen.reviews["c1"].reviewed
        assert not any(m.get("reviewed") for m in _sidecar(corpus_dir).get("marks", []))
        await pilot.press("u")
        assert "Nothing to undo." in notifications(app)


async def test_u_undoes_a_move(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("end", "m")
        await settle(app, pilot)
        assert isinstance(app.screen, MoveScreen)
        await pilot.press(*"fermees", "enter")
        await settle(app, pilot)
        screen = main_screen(app)
        assert screen.result is not None and len(screen.result.clusters) == 4
        await pilot.press("u")
        await settle(app, pilot)
        assert len(screen.result.clusters) == 5
        assert _sidecar(corpus_dir)["corrections"] == []


async def test_u_undoes_a_confirmation_and_the_clusters_are_computed_again(corpus_dir):
    app = app_on(verified_sample(), corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        before = sorted(await related_cluster_app(app, pilot))
        cluster = main_screen(app).current_cluster
        assert cluster is not None
        newcomer = cluster.related[0].claim.id
        await pilot.press("y")  # confirm the related claim into the cluster
        await settle(app, pilot)
        assert _members(app) == sorted([*before, newcomer])
        assert _sidecar(corpus_dir)["decisions"]
        await pilot.press("u")
        await settle(app, pilot)
        assert _members(app) == before
        assert _sidecar(corpus_dir)["decisions"] == []


async def test_keys_typed_right_after_slash_never_act_on_the_list(small_result, corpus_dir):
    """ "/ryx" arriving in one burst (as tmux or a fast typist sends it) opens the search with
    the keys on it; none of r, y or x reaches the list, where they would mark, confirm or reject
    (r did: the search box took the focus only after the queued keys)."""
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        driver = app._driver
        assert driver is not None
        for key in ("slash", "r", "y", "x"):
            driver.send_message(events.Key(key, "/" if key == "slash" else key))
        await settle(app, pilot)
        screen = main_screen(app)
        assert isinstance(app.focused, Input)
        assert not screen.reviews and screen.review.empty
