"""The interface on real files through the pipeline (fake encoder): progress, cancel, errors."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from textual.message import Message
from textual.worker import WorkerCancelled

from claimcheck.core.errors import Cancelled
from claimcheck.core.types import Settings
from claimcheck.tui.app import make_app
from claimcheck.tui.messages import ResultReady, WorkProgress
from tests.conftest import FakeEncoder

from .helpers import SIZE, main_screen, row_ids, settle

ARTICLES = {
    "le-matin.txt": (
        "---\noutlet: Le Matin\nlanguage: fr\ndate: 2024-05-02\n---\n"
        "Le port de Marseille a accueilli 40 navires en avril, selon la capitainerie.\n\n"
        "La ministre Élisabeth Borne a visité les quais mercredi.\n\n"
        "Les dockers ont annoncé une grève pour la semaine prochaine.\n"
    ),
    "daily.txt": (
        "---\noutlet: The Daily\nlanguage: en\ndate: 2024-05-02\n---\n"
        "The port of Marseille welcomed 45 ships in April, the harbour office said.\n\n"
        "Minister Elisabeth Borne toured the docks on Wednesday.\n\n"
        "Fishing quotas were not discussed at the meeting.\n"
    ),
    "courier.txt": (
        "---\noutlet: The Courier\nlanguage: en\ndate: 2024-05-03\n---\n"
        "The port of Marseille welcomed 40 ships in April, officials said.\n\n"
        "Dock workers announced a strike for next week.\n"
    ),
}
#: Cross-language pairs the fake encoder should treat as the same words.
SYNONYMS = {
    "navires": "ships",
    "accueilli": "welcomed",
    "avril": "april",
    "ministre": "minister",
    "visite": "toured",
    "quais": "docks",
    "mercredi": "wednesday",
    "dockers": "workers",
    "greve": "strike",
    "semaine": "week",
    "prochaine": "next",
    "annonce": "announced",
    "port": "port",
    "marseille": "marseille",
    "elisabeth": "elisabeth",
    "borne": "borne",
}


def _write(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


async def test_loads_through_the_pipeline_with_progress(tmp_path):
    folder = _write(tmp_path / "story")
    messages: list[Message] = []
    app = make_app(
        [str(folder)],
        Settings("fake", 0.5),
        use_cache=False,
        encoder=FakeEncoder(SYNONYMS),
        keymap_path=tmp_path / "none.toml",
    )
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        assert screen.result is not None and len(screen.result.sources) == 3
        assert row_ids(app)  # the list is filled
        stages = [m.stage for m in messages if isinstance(m, WorkProgress)]
        # Progress messages replace each other while queued, so which stages get through depends
        # on timing; the last one queued always does, and every one names a pipeline stage.
        assert stages
        assert all(
            any(
                w in s
                for w in (
                    "reading",
                    "loading",
                    "embedding",
                    "verifying",
                    "clustering",
                    "correction",
                )
            )
            for s in stages
        ), stages
        assert sum(isinstance(m, ResultReady) for m in messages) == 1
        assert not screen.query_one("#progress").display
        shared = [c for c in screen.result.clusters if c.shared]
        assert shared, "the fake encoder's synonyms make at least one shared claim"


class BlockingEncoder(FakeEncoder):
    """Reports progress, then waits for the cancel event like a long model run would."""

    started = threading.Event()

    def encode(self, texts, progress=None, cancel=None):  # type: ignore[no-untyped-def]
        if progress:
            progress(f"embedding {len(texts)} claims", 0, len(texts))
        self.started.set()
        assert cancel is not None
        if not cancel.wait(10):
            raise AssertionError("never cancelled")
        raise Cancelled("cancelled")


async def test_escape_cancels_the_first_load_says_so_and_stays_until_q(tmp_path):
    """Escape while loading stops the load and says so; the program stays open (it used to
    quit), Ctrl+R loads again and q leaves."""
    folder = _write(tmp_path / "story")
    encoder = BlockingEncoder()
    app = make_app(
        [str(folder)],
        Settings("fake", 0.5),
        use_cache=False,
        encoder=encoder,
        keymap_path=tmp_path / "none.toml",
    )
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):
            if encoder.started.is_set():
                break
            await pilot.pause(0.02)
        await pilot.pause(0.05)
        screen = main_screen(app)
        assert screen.busy
        label = str(screen.query_one("#progress-label").render())
        assert "embedding" in label
        # While loading, help and quit act and the hidden search box does not eat the keys.
        active = {b.binding.action for b in app.screen.active_bindings.values()}
        assert {"help", "quit", "cancel"} <= active
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        assert app.is_running and app.return_code is None
        assert not screen.busy and screen.stopped
        label = str(screen.query_one("#progress-label").render())
        assert "Loading cancelled" in label and "ctrl+r" in label and "q quits" in label
        assert "Loading cancelled." in [n.message for n in app._notifications]
        encoder.started.clear()
        await pilot.press("ctrl+r")
        for _ in range(200):
            if encoder.started.is_set():
                break
            await pilot.pause(0.02)
        assert screen.busy and not screen.stopped  # loading again
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        assert screen.stopped
        await pilot.press("q")
        await pilot.pause(0.1)
    assert not app.is_running


async def test_a_bad_input_exits_with_one_line(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "only.txt").write_text(ARTICLES["daily.txt"], encoding="utf-8")
    app = make_app(
        [str(folder)],
        Settings("fake", 0.5),
        use_cache=False,
        encoder=FakeEncoder(),
        keymap_path=tmp_path / "none.toml",
    )
    async with app.run_test(size=SIZE) as pilot:
        # The app exits as soon as the worker reports the bad input, and exiting cancels the
        # worker if it has not quite finished: either way is fine, the exit code is the point.
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause(0.1)
    assert app.return_code == 2
