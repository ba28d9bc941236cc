"""Helpers for the pilot tests: start the app on a result, read what it shows."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.widgets import Input, Static

from claimcheck.core.types import Result
from claimcheck.tui.app import ClaimcheckApp, make_app
from claimcheck.tui.screens.dialogs import PromptScreen
from claimcheck.tui.screens.main import MainScreen
from claimcheck.tui.widgets.cluster_list import ClusterList
from claimcheck.tui.widgets.detail import DetailPane

SIZE = (100, 30)


def app_on(result: Result, folder: Path, **kwargs: Any) -> ClaimcheckApp:
    """The app on a prepared result, its review sidecar and keymap inside ``folder``."""
    kwargs.setdefault("keymap_path", folder / "no-keymap.toml")
    return make_app([str(folder)], result.settings, result=result, **kwargs)


async def settle(app: ClaimcheckApp, pilot: Any) -> None:
    """Wait for the workers and the debounced renders."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause(0.1)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def save_report(app: ClaimcheckApp, pilot: Any, target: Path) -> None:
    """Save the report by keyboard: ``s``, the path typed into the prompt, Enter."""
    await pilot.press("s")
    await settle(app, pilot)
    assert isinstance(app.screen, PromptScreen)
    app.screen.query_one(Input).value = str(target)
    await pilot.press("enter")
    await settle(app, pilot)


def main_screen(app: ClaimcheckApp) -> MainScreen:
    """The main screen, wherever the app is."""
    screen = app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen


def row_ids(app: ClaimcheckApp) -> list[str]:
    """Cluster ids of the rows the list shows, in order."""
    return [row.cluster_id for row in app.screen_stack[0].query_one(ClusterList).rows]


def current_id(app: ClaimcheckApp) -> str | None:
    """Cluster id under the list cursor."""
    row = app.screen_stack[0].query_one(ClusterList).current_row
    return row.cluster_id if row else None


def detail_text(app: ClaimcheckApp) -> str:
    """Everything the detail pane shows, as plain text."""
    pane = app.screen_stack[0].query_one(DetailPane)
    console = Console(width=100, file=io.StringIO(), color_system=None, legacy_windows=False)
    parts = []
    for child in pane.children:
        if child.display and isinstance(child, Static):
            with console.capture() as capture:
                console.print(child.content)
            parts.append(capture.get())
    return "".join(parts)


def notifications(app: ClaimcheckApp) -> list[str]:
    """Messages of the notifications raised so far."""
    return [n.message for n in app._notifications]


def render_plain(node: Any) -> str:
    """The text of every Static under ``node``, rendered without styles."""
    console = Console(width=120, file=io.StringIO(), color_system=None, legacy_windows=False)
    parts = []
    for child in node.query(Static):
        with console.capture() as capture:
            console.print(child.content)
        parts.append(capture.get())
    return "".join(parts)


def screen_lines(app: ClaimcheckApp) -> list[str]:
    """The terminal as the reader sees it, one string per line (no styles)."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]
