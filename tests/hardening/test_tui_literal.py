"""The interface loads hostile files itself and shows their markup literally, in the list, the
detail pane and the article view, read from what is actually drawn on the screen."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from claimcheck.core.types import Settings
from claimcheck.tui.app import ClaimcheckApp, make_app
from claimcheck.tui.screens.article import ArticleScreen
from tests.conftest import FakeEncoder
from tests.tui.helpers import row_ids, settle

from .helpers import RAW_CONTROL, hostile_article

SIZE = (220, 50)
MARKUP = ("[bold red]ZQX[/bold red]", "[@click=app.quit]quit[/]", "[link=http://x]l[/link]")


def _screen_lines(app: ClaimcheckApp) -> list[str]:
    """What the terminal shows, line by line, as drawn by the compositor."""
    strips = app.screen._compositor.render_strips()
    for strip in strips:
        for segment in strip:
            assert RAW_CONTROL.search(segment.text) is None, repr(segment.text)
    return [strip.text for strip in strips]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    front = '---\noutlet: "[bold red]Le Monde[/]"\ntitle: "[@click=app.quit]Titre[/]"\n---\n'
    (folder / "lemonde.txt").write_text(front + hostile_article("en"), encoding="utf-8")
    front = '---\noutlet: "[b]BBC[/b]"\ntitle: "[@click=app.quit]Titre[/]"\n---\n'
    (folder / "bbc.txt").write_text(front + hostile_article("en"), encoding="utf-8")
    # A file name with an escape sequence and markup reaches the interface as a warning.
    (folder / "[bold]x\x1b[2J.txt").write_bytes(b"\x00\x01\x02" * 400)
    return folder


async def _scenario(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    app = make_app(
        [str(folder)],
        Settings("fake", 0.5),
        encoder=FakeEncoder(),
        use_cache=False,
        keymap_path=tmp_path / "no-keymap.toml",
        sidecar=tmp_path / "review.json",
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.pause(0.3)
        await settle(app, pilot)
        screen = "\n".join(_screen_lines(app))
        assert "[bold red]Le Monde[/]" in screen and "[b]BBC[/b]" in screen  # the outlets
        # The list row of the cluster that holds the markup sentence.
        result = app.screen_stack[0].result  # type: ignore[attr-defined]
        target = next(c.id for c in result.clusters if MARKUP[0] in c.claims[0].text)
        for _ in range(row_ids(app).index(target)):
            await pilot.press("down")
        await settle(app, pilot)
        screen = "\n".join(_screen_lines(app))
        for markup in MARKUP:
            assert markup in screen, markup
        await pilot.press("o")
        await settle(app, pilot)
        assert isinstance(app.screen, ArticleScreen)
        lines = _screen_lines(app)
        screen = "\n".join(lines)
        for markup in MARKUP:
            assert markup in screen, markup
        assert "[@click=app.quit]Titre[/]" in screen  # the title in the article header
        assert "[b]BBC[/b]" in screen or "[bold red]Le Monde[/]" in screen
        # Clicking on the text that would be a quit link if it were markup only selects the
        # sentence (which jumps back to its cluster); the app does not quit.
        y = next(k for k, line in enumerate(lines) if MARKUP[1] in line)
        x = lines[y].index(MARKUP[1]) + 3
        await pilot.click(offset=(x, y))
        await settle(app, pilot)
        assert app.is_running
        warned: list[Any] = [n.message for n in app._notifications]
        assert any("[bold]x\ufffd[2J.txt" in str(m) for m in warned), warned
        assert all(RAW_CONTROL.search(str(m)) is None for m in warned)
        assert app.is_running


def test_interface_shows_article_markup_literally(tmp_path: Path) -> None:
    asyncio.run(_scenario(tmp_path))
