"""The layout at 80x24 and wider: the detail pane stacks the aligned values when a table would
break words, the list keeps room for the claim's words, the footer shows the review keys first,
and the list/detail split moves with < and > and is remembered."""

from __future__ import annotations

import io
import re

from rich.console import Console

from claimcheck.core.types import Source
from claimcheck.tui.render import AlignedItems, silent_text
from claimcheck.tui.widgets.cluster_list import ClusterList

from .helpers import app_on, main_screen, screen_lines, settle
from .sample import build_result
from .test_keys import related_cluster_app, verified_sample


def _render(renderable: object, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get().splitlines()


def _items() -> AlignedItems:
    cluster = build_result().clusters[0]  # c1: figures differ, names agree
    items = [d for d in cluster.differences if d.kind != "wording"]
    names = {"lemonde": "Le Monde", "bbc": "BBC News", "reuters": "Reuters"}
    return AlignedItems(items, list(cluster.sources), names)


def test_not_stated_by_never_says_every_outlet_states_it_when_some_only_have_related_claims():
    bbc = Source("bbc", "bbc.txt", "BBC News", "en", None, "...")
    assert silent_text((bbc,)).plain == "Not stated by: BBC News (bbc)"
    assert silent_text(()).plain == "Not stated by: none (every outlet states it)"
    shown = silent_text((), related=2).plain
    assert "every outlet" not in shown and "the other 2 outlets have a related claim" in shown
    import datetime

    early = Source("jl", "jl.txt", "The Link", "en", "2018-06-17", "...")
    shown = silent_text((), before=(early,), day=datetime.date(2019, 1, 28)).plain
    assert shown.splitlines() == [
        "Not stated by: none of those written after it",
        "Written before 2019-01-28: The Link (jl, 2018-06-17)",
    ]


def test_aligned_items_are_a_table_when_wide_and_stacked_when_narrow():
    wide = _render(_items(), 120)
    header = next(line for line in wide if "item" in line)
    assert "Le Monde" in header and "BBC News" in header and "Reuters" in header
    assert any("12 morts" in line and "15 people" in line for line in wide)  # side by side
    narrow = _render(_items(), 40)
    # One block per item: its kind and status, then each outlet's value on its own line.
    assert any(re.match(r"figure\s+≠ differs", line) for line in narrow), narrow
    assert any(re.search(r"Le Monde\s+12 morts", line) for line in narrow), narrow
    assert any(re.search(r"BBC News\s+15 people", line) for line in narrow), narrow
    assert not any("12 morts" in line and "15 people" in line for line in narrow)
    # No word is broken across lines, as the old table did ("M o n d a y", "améri/caine/s").
    words = {w for line in wide for w in line.split()}
    for line in narrow:
        for word in line.split():
            assert word in words or word in {"not", "stated"}, (word, narrow)


async def test_at_80x24_the_detail_pane_stacks_the_differences(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "end")  # the detail pane, scrolled to the comparison
        await settle(app, pilot)
        text = "\n".join(screen_lines(app))
        assert re.search(r"figure\s+≠ differs", text), text
        assert re.search(r"BBC News\s+15 people", text), text


async def test_at_80x24_list_labels_keep_room_for_the_claim(small_result, corpus_dir):
    """The row prefix drops the placeholder dots and the languages, so about 24 characters of
    the claim show instead of 12."""
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        lines = screen_lines(app)
        assert any("Une crue a fait 12 mor" in line for line in lines), lines
        assert main_screen(app).query_one(ClusterList).layout_now.compact
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        lines = screen_lines(app)
        assert any("F·A·· 3/3 en+fr Une crue" in line for line in lines), lines  # full prefix


async def test_at_80_columns_the_footer_shows_the_review_keys_first(corpus_dir):
    app = app_on(verified_sample(), corpus_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await related_cluster_app(app, pilot)  # a cluster with a related claim: y and x act
        footer = screen_lines(app)[-1]
        for key in ("y Confirm", "x Reject", "v Suggest", "r Done", "a Note", "m Move", "s Save"):
            assert key in footer, footer
        assert "? Help" in footer and "q Quit" in footer, footer
        assert footer.index("s Save") < footer.index("? Help") < footer.index("q Quit")


async def test_angle_brackets_move_the_split_and_it_is_remembered(
    small_result, corpus_dir, own_config
):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        pane = main_screen(app).query_one("#list-pane")
        before = pane.size.width
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert pane.styles.width is not None and pane.styles.width.value == 55
        assert pane.size.width > before
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert pane.styles.width.value == 50
    assert "list_width = 50" in own_config.read_text(encoding="utf-8")
    again = app_on(small_result, corpus_dir)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        assert main_screen(again).list_width == 50
        for _ in range(20):
            await pilot.press("less_than_sign")
        assert main_screen(again).list_width == 20  # the floor


async def test_at_80x24_a_long_dialog_question_wraps_instead_of_being_cut(small_result, corpus_dir):
    from claimcheck.tui.screens.dialogs import PromptScreen

    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        title = "Name for outlet 001-en (now Unnamed site (001)), shown in tables and reports"
        app.push_screen(PromptScreen(title, ""))
        await settle(app, pilot)
        assert isinstance(app.screen, PromptScreen)
        shown = " ".join(" ".join(line.split()) for line in screen_lines(app))
        assert "shown in tables" in shown and "and reports" in shown, screen_lines(app)


async def test_at_80_columns_the_status_line_keeps_the_sort_and_threshold(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        first = screen_lines(app)[0]
        assert "threshold 0.55 · most outlets first" in first and "…" not in first, first
        await pilot.resize_terminal(120, 30)
        await settle(app, pilot)
        assert screen_lines(app)[0].lstrip().startswith("claimcheck · 3 articles")
