"""Pilot tests of the interface on a small hand-made EN/FR result: every binding and view."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace

import pytest
from textual import events
from textual.widgets import Input

from claimcheck.core import review as rv
from claimcheck.core.types import Claim, Cluster, Result
from claimcheck.report.markdown import render_markdown
from claimcheck.tui.keymap import KEYS
from claimcheck.tui.screens.article import ArticleScreen, SentenceList
from claimcheck.tui.screens.coverage import CoverageScreen, CoverageTable
from claimcheck.tui.screens.dialogs import ConfirmScreen, MoveScreen, PromptScreen
from claimcheck.tui.screens.help import HelpScreen
from claimcheck.tui.widgets.cluster_list import ClusterList
from claimcheck.tui.widgets.detail import DetailPane

from .helpers import (
    SIZE,
    app_on,
    current_id,
    detail_text,
    main_screen,
    notifications,
    row_ids,
    save_report,
    settle,
)
from .sample import build_result


async def test_opens_on_the_list_with_the_first_cluster_in_detail(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert row_ids(app) == ["c1", "c2", "c3", "c4", "c5"]
        assert isinstance(app.focused, ClusterList)
        text = detail_text(app)
        assert "Le Monde" in text and "BBC News" in text and "Reuters" in text
        assert "12 morts" in text and "15 people" in text
        status = str(main_screen(app).query_one("#status").render())
        assert "3 articles" in status and "5 clusters" in status and "0.55" in status


async def test_cursor_keys_move_through_the_list(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "j")
        assert current_id(app) == "c3"
        await pilot.press("k")
        assert current_id(app) == "c2"
        await pilot.press("down", "down")
        assert current_id(app) == "c4"
        await pilot.press("up")
        assert current_id(app) == "c3"
        await pilot.press("end")
        assert current_id(app) == "c5"
        await pilot.press("home")
        assert current_id(app) == "c1"
        await pilot.press("pagedown")
        assert current_id(app) == "c5"
        await pilot.press("pageup")
        assert current_id(app) == "c1"
        await pilot.press("j")
        await settle(app, pilot)
        assert "Pedro" in detail_text(app) and "12 morts" not in detail_text(app)


async def test_enter_focuses_detail_where_keys_pick_an_outlet(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        pane = main_screen(app).query_one(DetailPane)
        assert app.focused is pane
        assert main_screen(app).selected_claim() == "lemonde#0"
        await pilot.press("j")
        assert pane.selected == 1
        assert main_screen(app).selected_claim() == "bbc#0"
        await pilot.press("j", "j")  # stops at the last outlet
        assert pane.selected == 2
        await pilot.press("k")
        assert main_screen(app).selected_claim() == "bbc#0"
        await pilot.press("escape")
        assert isinstance(app.focused, ClusterList)
        assert current_id(app) == "c1"


async def test_n_and_shift_n_jump_between_clusters_with_differences(corpus_dir):
    result = build_result()
    flood, aid, *rest = result.clusters
    # Give the fourth cluster a difference too, so there are two stops.
    rest[1] = replace(rest[1], differences=flood.differences[:1])
    result = replace(result, clusters=(flood, aid, *rest))
    app = app_on(result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        assert current_id(app) == "c4"
        await pilot.press("n")  # wraps to the top
        assert current_id(app) == "c1"
        assert any("Wrapped" in m for m in notifications(app))
        await pilot.press("N")
        assert current_id(app) == "c4"


async def test_search_is_accent_insensitive_and_covers_outlets(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"ecoles")  # the article writes "écoles"
        await pilot.press("enter")
        await settle(app, pilot)
        assert row_ids(app) == ["c3"]
        assert isinstance(app.focused, ClusterList)
        await pilot.press("slash")
        search = main_screen(app).query_one("#search", Input)
        search.value = ""
        await pilot.press(*"reuters suspended", "enter")
        await settle(app, pilot)
        assert row_ids(app) == ["c5"]
        await pilot.press("slash")
        search.value = "SANCHEZ"  # written "Sánchez" by Le Monde, "Sanchez" by the others
        await pilot.press("enter")
        await settle(app, pilot)
        assert row_ids(app) == ["c2"]
        await pilot.press("slash", "escape")
        await settle(app, pilot)
        assert row_ids(app) == ["c1", "c2", "c3", "c4", "c5"]
        assert not search.display


async def test_f_cycles_the_filters(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        seen = []
        for _ in range(5):
            await pilot.press("f")
            await settle(app, pilot)
            seen.append((main_screen(app).filter_name, row_ids(app)))
        assert seen == [
            ("shared", ["c1", "c2"]),
            ("cross-language", ["c1", "c2"]),
            ("differences", ["c1"]),
            ("single", ["c3", "c4", "c5"]),
            ("all", ["c1", "c2", "c3", "c4", "c5"]),
        ]


async def test_t_cycles_the_sort_orders(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        assert main_screen(app).sort_key == "differences"
        assert row_ids(app)[0] == "c1"
        await pilot.press("t", "t")  # outlets -> differences -> lemonde -> bbc
        assert main_screen(app).sort_key == "article:bbc"
        # BBC's order: flood, aid, then the hostile sentence; the rest after.
        assert row_ids(app)[:3] == ["c1", "c2", "c4"]


async def test_threshold_keys_recluster_and_keep_the_selected_claim(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j")  # the "aid" cluster
        await settle(app, pilot)
        before = main_screen(app).selected_claim()
        await pilot.press("plus")
        await settle(app, pilot)
        screen = main_screen(app)
        assert screen.settings.threshold == pytest.approx(0.60)
        assert screen.result is not None and screen.result.settings.threshold == pytest.approx(0.6)
        cluster = screen.current_cluster
        assert cluster is not None and before in [c.id for c in cluster.claims]
        await pilot.press("minus", "minus", "minus")  # quick presses add up
        await settle(app, pilot)
        assert main_screen(app).settings.threshold == pytest.approx(0.45)


async def test_tighten_is_greyed_at_the_top_of_the_range(small_result, corpus_dir):
    result = replace(small_result, settings=replace(small_result.settings, threshold=0.95))
    app = app_on(result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        assert screen.check_action("tighten", ()) is None
        assert screen.check_action("loosen", ()) is True
        assert screen.check_action("cancel", ()) is False  # nothing to cancel, hidden
        await pilot.press("plus")
        await settle(app, pilot)
        assert main_screen(app).settings.threshold == pytest.approx(0.95)


async def test_o_opens_the_article_at_the_claim_and_enter_jumps_to_a_cluster(
    small_result, corpus_dir
):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "j", "escape")  # pick BBC's statement of c1
        await pilot.press("o")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.source.id == "bbc"
        sentences = screen.query_one(SentenceList)
        assert sentences.highlighted == 0
        dropped = sentences.get_option_at_index(2)
        assert dropped.disabled and "dropped: site chrome" in str(dropped.prompt)
        assert "c4" in str(sentences.get_option_at_index(3).prompt)
        await pilot.press("j")  # skips nothing yet: sentence 1 is a claim (c2)
        await pilot.press("j")  # skips the dropped sentence
        assert sentences.highlighted == 3
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, ArticleScreen)
        assert current_id(app) == "c4"


async def test_c_opens_coverage_and_enter_opens_the_cluster(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, CoverageScreen)
        table = app.screen.query_one(CoverageTable)
        assert table.row_count == 5
        assert str(table.get_cell_at((2, 1))) == "●"  # Le Monde states c3
        assert str(table.get_cell_at((2, 2))) == "·"  # the BBC is silent
        await pilot.press("j", "j", "l")
        assert table.cursor_coordinate == (2, 2)
        await pilot.press("o")  # the BBC does not state c3: nothing to open
        await settle(app, pilot)
        assert isinstance(app.screen, CoverageScreen)
        await pilot.press("enter")
        await settle(app, pilot)
        assert current_id(app) == "c3"


async def test_coverage_marks_an_outlet_with_a_related_claim_and_one_written_too_early(
    small_result, corpus_dir
):
    from claimcheck.core.extract.facts import extract_facts
    from claimcheck.core.types import Related

    # c3 (Le Monde's) gets a related claim of the BBC's; its date makes Reuters too early
    c3 = small_result.clusters[2]
    bbc_claim = small_result.clusters[3].claims[0]
    dated = tuple(
        replace(s, date={"lemonde": "2024-03-10", "reuters": "2024-03-01"}.get(s.id, s.date))
        for s in small_result.sources
    )
    facts = tuple(
        extract_facts("Le pont a été fermé le 8 mars.", "fr", "2024-03-10")
        if c.id == c3.claims[0].id
        else small_result.facts_of(c.id) or extract_facts(c.text, c.language)
        for c in small_result.claims
    )
    clusters = list(small_result.clusters)
    clusters[2] = replace(c3, related=(Related(bbc_claim, 0.5, c3.claims[0].id),))
    result = replace(small_result, sources=dated, clusters=tuple(clusters), facts=facts)
    app = app_on(result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        table = app.screen.query_one(CoverageTable)
        row = [c.cluster_id for c in app.screen.rows].index("c3")
        cells = [str(table.get_cell_at((row, k))) for k in (1, 2, 3)]
        assert cells == ["●", "~", "<"]  # states it, a related claim, written before 8 March


async def test_coverage_o_opens_the_article_of_the_cell(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press("end", "right", "right")  # c5, Reuters
        await pilot.press("o")
        await settle(app, pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.source.id == "reuters" and app.screen.claim_id == "reuters#2"


async def test_help_lists_every_binding(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        from .helpers import render_plain

        text = render_plain(app.screen)
        for key in KEYS:
            assert key.id in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_save_writes_the_report_with_marks_and_notes(small_result, corpus_dir, tmp_path):
    target = tmp_path / "out.md"
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await pilot.press("s")
        await settle(app, pilot)
        assert isinstance(app.screen, PromptScreen)
        field = app.screen.query_one(Input)
        assert field.value == "claimcheck-report.md"
        field.value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = main_screen(app)
        assert screen.result is not None
        expected = render_markdown(screen.result, screen.reviews)
    assert target.read_text(encoding="utf-8") == expected
    assert "Reviewed: yes" in expected
    for outlet in ("Le Monde", "BBC News", "Reuters"):
        assert outlet in expected


async def test_save_asks_before_overwriting(small_result, corpus_dir, tmp_path):
    target = tmp_path / "out.md"
    target.write_text("keep me", encoding="utf-8")
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)

        async def save() -> None:
            await save_report(app, pilot, target)

        await save()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert target.read_text(encoding="utf-8") == "keep me"
        await save()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
    assert target.read_text(encoding="utf-8").startswith("#")


async def test_marks_notes_and_corrections_survive_a_restart(small_result, corpus_dir):
    sidecar = corpus_dir / rv.SIDECAR_NAME
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r")  # c1 reviewed
        await pilot.press("j", "a")
        await settle(app, pilot)
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"check [this]", "enter")  # a note on c2, with brackets
        await settle(app, pilot)
        # Move Reuters' rail claim (c5, alone) into the schools cluster (c3, Le Monde only).
        await pilot.press("end", "m")
        await settle(app, pilot)
        assert isinstance(app.screen, MoveScreen)
        await pilot.press(*"fermees", "enter")
        await settle(app, pilot)
        screen = main_screen(app)
        assert screen.result is not None
        assert len(screen.result.clusters) == 4
        assert current_id(app) is not None
        moved = screen.current_cluster
        assert moved is not None and {c.id for c in moved.claims} == {"lemonde#2", "reuters#2"}
    saved = json.loads(sidecar.read_text(encoding="utf-8"))
    assert saved["format"] == "claimcheck-review" and len(saved["corrections"]) == 1
    assert sorted(m["note"] for m in saved["marks"]) == ["", "check [this]"]

    again = app_on(small_result, corpus_dir)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        screen = main_screen(again)
        assert screen.result is not None and len(screen.result.clusters) == 4
        reviews = screen.reviews
        flood = next(c for c in screen.result.clusters if any(m.id == "bbc#0" for m in c.claims))
        aid = next(c for c in screen.result.clusters if any(m.id == "bbc#1" for m in c.claims))
        assert reviews[flood.id].reviewed and reviews[aid.id].note == "check [this]"
        labels = [str(o.prompt) for o in screen.query_one(ClusterList).options]
        assert labels[0].startswith("✓")
        await pilot.press("j")
        await settle(again, pilot)
        assert "Note: check [this]" in detail_text(again)


async def test_moving_into_a_cluster_with_the_same_outlet_is_refused(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("end", "up")  # c4: the BBC's lone claim
        await pilot.press("m")
        await settle(app, pilot)
        await pilot.press(*"floods killed 15", "enter")  # c1 already has a BBC claim
        await settle(app, pilot)
        assert any("one claim per outlet" in m for m in notifications(app))
        screen = main_screen(app)
        assert screen.result is not None and len(screen.result.clusters) == 5
        assert screen.review.corrections == ()


async def test_move_out_into_a_cluster_of_its_own(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "j", "j", "escape", "m")  # Reuters' statement of c1
        await settle(app, pilot)
        await pilot.press("down", "enter")  # the first entry: a cluster of its own
        await settle(app, pilot)
        screen = main_screen(app)
        assert screen.result is not None and len(screen.result.clusters) == 6
        alone = screen.current_cluster
        assert alone is not None and [c.id for c in alone.claims] == ["reuters#0"]


async def test_article_text_is_shown_literally(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "j", "j")  # c4: the hostile sentence
        await settle(app, pilot)
        text = detail_text(app)
        assert "[bold]nothing[/bold]" in text and "[@click=app.quit]here[/]" in text
        assert "\x1b" not in text and "\x07" not in text and "\r" not in text
        assert "␛]52;c;SGk=␇" in text and "␍" in text
        row = str(main_screen(app).query_one(ClusterList).get_option_at_index(3).prompt)
        assert "[bold]" in row and "\x1b" not in row
        await pilot.press("o")
        await settle(app, pilot)
        assert isinstance(app.screen, ArticleScreen)  # the [@click=app.quit] did not quit
        assert app.is_running


async def test_a_remapped_key_works_and_a_corrupt_keymap_warns(small_result, corpus_dir, tmp_path):
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keys]\nnext-difference = "x"\n', encoding="utf-8")
    app = app_on(small_result, corpus_dir, keymap_path=keymap)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("end", "x")
        assert current_id(app) == "c1"
    keymap.write_text("[keys\nnope", encoding="utf-8")
    app = app_on(small_result, corpus_dir, keymap_path=keymap)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert any("not valid TOML" in m for m in notifications(app))
        await pilot.press("end", "n")  # the default keys still work
        assert current_id(app) == "c1"


async def test_a_corrupt_sidecar_is_moved_aside_with_a_warning(small_result, corpus_dir):
    sidecar = corpus_dir / rv.SIDECAR_NAME
    sidecar.write_text("{not json", encoding="utf-8")
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert any("moved to" in m for m in notifications(app))
        assert row_ids(app) == ["c1", "c2", "c3", "c4", "c5"]
    aside = list(corpus_dir.glob(rv.SIDECAR_NAME + ".corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{not json"


async def test_q_quits(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_narrow_terminal_still_shows_list_and_detail(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        assert screen.query_one(ClusterList).size.width >= 30
        assert screen.query_one(DetailPane).size.width >= 30


def _big_result(base: Result, clusters: int) -> Result:
    sources = base.sources
    claims: list[Claim] = []
    out: list[Cluster] = []
    for k in range(clusters):
        source = sources[k % len(sources)]
        claim = Claim(
            f"{source.id}#{k}",
            source.id,
            k,
            0,
            f"Claim number {k} about things.",
            source.language,
            "body",
        )
        claims.append(claim)
        out.append(Cluster(f"c{k:05d}", (claim,)))
    return replace(base, claims=tuple(claims), clusters=tuple(out), vectors=None)


async def test_cursor_moves_through_5000_clusters(small_result, corpus_dir):
    """100 cursor moves over 5,000 clusters, each one processed, the detail pane rendered without
    its debounce and the screen repainted, land where they should. How fast is measured by
    benchmarks/bench_tui.py against 200 clusters in the same run: a wall-clock bound here failed
    whenever the machine was busy."""
    app = app_on(_big_result(small_result, 5000), corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert len(row_ids(app)) == 5000
        screen = main_screen(app)
        cluster_list = screen.query_one(ClusterList)
        for step in range(1, 101):
            app._driver.send_message(events.Key("j", "j"))  # type: ignore[union-attr]
            while cluster_list.highlighted != step:  # the key went through the app's queue
                await asyncio.sleep(0)
            screen._render_detail()
            screen._compositor.render_update()
        await settle(app, pilot)
        assert current_id(app) == "c00100"
        assert "Claim number 100" in detail_text(app)


async def test_no_color_keeps_differences_visible(small_result, corpus_dir, monkeypatch):
    """Under NO_COLOR the app drops colours, and what differs still stands out by reverse/bold."""
    from claimcheck.tui.render import STYLE_DELETE, STYLE_DIFFERS, STYLE_INSERT

    monkeypatch.setenv("NO_COLOR", "1")
    app = app_on(small_result, corpus_dir)
    assert app.no_color
    assert "reverse" in STYLE_DIFFERS and "strike" in STYLE_DELETE and "underline" in STYLE_INSERT
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "15 people" in detail_text(app)
