"""The list/detail split follows the mouse: press on the divider, drag, let go; remembered in
the config file as ``<`` and ``>`` remember it."""

from __future__ import annotations

from claimcheck.tui.widgets.splitter import Splitter

from .helpers import app_on, main_screen, settle


async def test_dragging_the_divider_resizes_the_list_and_is_remembered(
    small_result, corpus_dir, own_config
):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        pane = screen.query_one("#list-pane")
        splitter = screen.query_one(Splitter)
        assert screen.list_width == 45
        assert splitter.region.x == pane.region.right  # between the list and the detail
        await pilot.mouse_down(Splitter)
        assert app.mouse_captured is splitter
        # Moves go to the divider while the button is down, wherever the pointer is (over the
        # detail pane here); the panes fill the 100 columns, so a column is a percent.
        await pilot.hover("#panes", offset=(66, 3))
        await pilot.pause()
        assert screen.list_width == 66 and pane.region.width == 66
        await pilot.hover("#panes", offset=(58, 3))
        await pilot.mouse_up("#panes", offset=(58, 3))
        await pilot.pause()
        assert app.mouse_captured is None and not splitter.dragging
        width = screen.list_width
        assert width == 58 and pane.region.width == 58
        assert splitter.region.x == pane.region.right
    assert f"list_width = {width}" in own_config.read_text(encoding="utf-8")
    again = app_on(small_result, corpus_dir)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        assert main_screen(again).list_width == width


async def test_a_drag_past_the_edge_stops_at_the_limits(small_result, corpus_dir, own_config):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        await pilot.mouse_down(Splitter)
        await pilot.hover("#status", offset=(0, 0))  # far left
        await pilot.mouse_up("#status", offset=(0, 0))
        await pilot.pause()
        assert screen.list_width == 20
        await pilot.mouse_down(Splitter)
        await pilot.hover("#status", offset=(99, 0))  # far right
        await pilot.mouse_up("#status", offset=(99, 0))
        await pilot.pause()
        assert screen.list_width == 80
    assert "list_width = 80" in own_config.read_text(encoding="utf-8")


async def test_moving_the_mouse_without_pressing_changes_nothing(
    small_result, corpus_dir, own_config
):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.hover(Splitter)
        await pilot.hover("#detail", offset=(20, 3))
        await pilot.pause()
        assert main_screen(app).list_width == 45
    assert not own_config.exists()
