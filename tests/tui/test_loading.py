"""The interface on real files through the pipeline (fake encoder): progress with elapsed time,
the claims shown before the comparison, cancel, errors."""

from __future__ import annotations

import contextlib
import re
import threading
from dataclasses import replace
from pathlib import Path

from textual.message import Message
from textual.worker import WorkerCancelled

from claimcheck.core.errors import Cancelled
from claimcheck.core.types import Settings
from claimcheck.tui.app import make_app
from claimcheck.tui.messages import ResultReady, WorkProgress
from claimcheck.tui.screens.main import stage_label, unclustered
from claimcheck.tui.widgets.cluster_list import ClusterList
from tests.conftest import FakeEncoder

from .helpers import SIZE, detail_text, main_screen, row_ids, settle

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
                    "preparing",
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


class GatedEncoder(FakeEncoder):
    """The fake encoder held at two gates, so the screen can be looked at while the model
    "loads" and while it "embeds"; each gate also opens when the run is cancelled."""

    def __init__(self, synonyms: dict[str, str] | None = None) -> None:
        super().__init__(synonyms)
        self.loading = threading.Event()
        self.go_on = threading.Event()
        self.embedding = threading.Event()
        self.release = threading.Event()

    @staticmethod
    def _wait(gate: threading.Event, cancel: threading.Event | None) -> None:
        while not gate.wait(0.01):
            if cancel is not None and cancel.is_set():
                raise Cancelled("cancelled")

    def encode(self, texts, progress=None, cancel=None):  # type: ignore[no-untyped-def]
        if progress:
            progress("loading model", 0, 1)
        self.loading.set()
        self._wait(self.go_on, cancel)
        if progress:
            progress(f"embedding {len(texts)} claims", 0, len(texts))
        self.embedding.set()
        self._wait(self.release, cancel)
        return super().encode(texts, progress, cancel)


async def _until(pilot, condition) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``condition()`` holds (a bound on the tries, not a timing)."""
    for _ in range(1000):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("the interface never got there")


def _gated_app(tmp_path: Path, encoder: GatedEncoder):  # type: ignore[no-untyped-def]
    return make_app(
        [str(_write(tmp_path / "story"))],
        Settings("fake", 0.5),
        use_cache=False,
        encoder=encoder,
        keymap_path=tmp_path / "none.toml",
    )


def _label(app) -> str:  # type: ignore[no-untyped-def]
    return str(main_screen(app).query_one("#progress-label").render())


def test_stage_labels_name_the_work_its_count_and_the_time_since_it_started():
    assert stage_label("reading 5 articles", 2, 5, 0.42) == "reading 5 articles · 2/5 · 0.4 s"
    assert stage_label("reading 5 articles", 5, 5, 0.4) == "reading 5 articles · 0.4 s"
    assert stage_label("loading model", 0, 1, 3.14) == "loading the model · 3.1 s"
    assert stage_label("embedding 533 claims", 0, 533, 4.2) == "embedding 533 texts · 0/533 · 4.2 s"
    assert stage_label("verifying", 0, 0, 5.0) == "verifying · 5.0 s"


def test_unclustered_puts_each_claim_alone_without_markers(small_result):
    partial = replace(small_result, clusters=())
    result, rows = unclustered(partial)
    assert len(result.clusters) == len(small_result.claims)
    assert all(len(c.claims) == 1 for c in result.clusters)
    assert {c.claims[0].id for c in result.clusters} == {c.id for c in small_result.claims}
    assert all(r.outlets == 1 and r.markers == "" and not r.differs for r in rows)


async def test_loading_says_what_it_does_with_elapsed_time_and_no_stuck_bar(tmp_path):
    encoder = GatedEncoder(SYNONYMS)
    app = _gated_app(tmp_path, encoder)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await _until(pilot, lambda: encoder.loading.is_set() and "loading" in _label(app))
        # A stage without a count: words and seconds, no bar sitting at 0%.
        assert re.fullmatch(r"loading the model · \d+\.\d s", _label(app)), _label(app)
        assert not screen.query_one("#progress-bar").display
        encoder.go_on.set()
        await _until(pilot, lambda: "embedding" in _label(app))
        # A stage with a count: the count, the seconds, and a bar.
        assert re.fullmatch(r"embedding \d+ texts · 0/\d+ · \d+\.\d s", _label(app)), _label(app)
        assert screen.query_one("#progress-bar").display
        encoder.release.set()
        await settle(app, pilot)
        assert not screen.busy and not screen.query_one("#progress").display


async def test_claims_are_readable_before_the_comparison_and_clusters_replace_them(tmp_path):
    encoder = GatedEncoder(SYNONYMS)
    app = _gated_app(tmp_path, encoder)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await _until(pilot, lambda: encoder.loading.is_set() and screen.pending)
        await pilot.pause()
        assert screen.result is not None and screen.busy
        claims = screen.result.claims
        # Every claim is its own row, one outlet each, marked as not compared yet.
        cluster_list = screen.query_one(ClusterList)
        assert len(cluster_list.rows) == len(claims) == len(screen.result.clusters)
        assert all(row.outlets == 1 for row in cluster_list.rows)
        prompts = [str(cluster_list.get_option_at_index(k).prompt) for k in range(len(claims))]
        assert all(p[2:].startswith("?") for p in prompts), prompts
        status = str(screen.query_one("#status").render())
        assert f"{len(claims)} claims" in status and "not yet compared" in status
        # The detail pane shows the claim under the cursor, said to be not compared yet.
        await pilot.press("down", "down")
        await pilot.pause(0.1)
        chosen = screen.selected_claim()
        assert chosen is not None
        text = next(c.text for c in claims if c.id == chosen)
        shown = detail_text(app)
        assert " ".join(text.split())[:40] in " ".join(shown.split())
        assert "not yet compared" in shown
        # Reading is allowed, reviewing is not: there are no clusters to review yet.
        assert screen.check_action("open_article", ()) and screen.check_action("search", ())
        for action in ("move", "toggle_reviewed", "note", "save", "confirm", "tighten"):
            assert not screen.check_action(action, ()), action
        encoder.go_on.set()
        encoder.release.set()
        await settle(app, pilot)
        assert not screen.pending and not screen.busy
        # The clusters replace the claims, and the claim being read stays selected.
        assert len(cluster_list.rows) < len(claims)
        assert any(row.outlets > 1 for row in cluster_list.rows)
        assert screen.selected_claim() == chosen
        assert screen.current_cluster is not None
        assert chosen in {c.id for c in screen.current_cluster.claims}
        assert "not yet compared" not in detail_text(app)
        assert "not yet compared" not in str(screen.query_one("#status").render())
        assert screen.check_action("toggle_reviewed", ())


async def test_an_untouched_list_starts_at_the_top_of_the_clusters(tmp_path):
    encoder = GatedEncoder(SYNONYMS)
    app = _gated_app(tmp_path, encoder)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await _until(pilot, lambda: encoder.loading.is_set() and screen.pending)
        encoder.go_on.set()
        encoder.release.set()
        await settle(app, pilot)
        assert not screen.pending
        assert screen.query_one(ClusterList).highlighted == 0
        assert row_ids(app)[0] == screen.shown_rows[0].cluster_id


async def test_an_article_opened_before_the_comparison_leads_back_to_the_claims_cluster(
    tmp_path,
):
    encoder = GatedEncoder(SYNONYMS)
    app = _gated_app(tmp_path, encoder)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await _until(pilot, lambda: encoder.loading.is_set() and screen.pending)
        await pilot.press("down")
        await pilot.pause(0.1)
        chosen = screen.selected_claim()
        await pilot.press("o")
        await pilot.pause(0.1)
        assert app.screen is not screen  # the article is open while the comparison runs
        encoder.go_on.set()
        encoder.release.set()
        await settle(app, pilot)
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert app.screen is screen and not screen.pending
        assert screen.current_cluster is not None
        assert chosen in {c.id for c in screen.current_cluster.claims}


async def test_the_interface_loads_the_model_in_the_background_once_claims_are_read(tmp_path):
    """The interface asks the pipeline to load the model in a thread of its own as soon as the
    claims are read (issue 13, cold start), not in the embedding stage."""
    from tests.unit.test_preload import LoadingEncoder

    encoder = LoadingEncoder()
    app = make_app(
        [str(_write(tmp_path / "story"))],
        Settings("fake", 0.5),
        use_cache=False,
        encoder=encoder,
        keymap_path=tmp_path / "none.toml",
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert main_screen(app).result is not None and row_ids(app)
    assert encoder.loads == ["claimcheck-model-loading"]
