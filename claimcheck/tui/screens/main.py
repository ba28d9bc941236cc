"""The main screen: the cluster list, the detail pane, and the background work that fills them.

The reader's verdicts on suggested pairs (``y``/``x`` here and in the review view) are saved to the
sidecar and applied by the same background work that loads and re-clusters: the clusters are
verified again with them (:func:`claimcheck.core.pipeline.apply_review`)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Label, OptionList, ProgressBar, Static

from claimcheck.core import browse
from claimcheck.core import review as rv
from claimcheck.core.errors import Cancelled, ClaimcheckError, InputError
from claimcheck.core.types import Cluster, ClusterReview, Result, Settings
from claimcheck.tui.keymap import binding, effective_keys
from claimcheck.tui.messages import ClaimsReady, ResultReady, WorkFailed, WorkProgress
from claimcheck.tui.widgets.cluster_list import ClusterList
from claimcheck.tui.widgets.detail import DetailPane
from claimcheck.tui.widgets.splitter import Splitter

if TYPE_CHECKING:
    from claimcheck.tui.app import ClaimcheckApp

#: How much ``+`` and ``-`` move the similarity threshold, and the range they stay in.
THRESHOLD_STEP = 0.05
THRESHOLD_MIN = 0.05
THRESHOLD_MAX = 0.95
#: The detail pane follows the cursor after this pause, so holding a key never queues renders.
DETAIL_DELAY = 0.03
SEARCH_DELAY = 0.12
DEFAULT_REPORT = "claimcheck-report.md"
#: Below this width the status line leaves out the program's name.
NARROW_STATUS = 100
#: How much ``<`` and ``>`` move the list/detail split, in percent of the width.
LIST_STEP = 5
#: How often the elapsed time of the work in progress is redrawn, in seconds.
CLOCK_TICK = 0.1
#: What the reader may do while the claims are shown but not compared yet: read them.
PENDING_ACTIONS = frozenset({"open_article", "search", "back", "cycle_filter", "cycle_sort"})


def stage_label(stage: str, done: int, total: int, elapsed: float) -> str:
    """What the background work is doing, in words, with its count where it has one and the time
    since it started: ``"embedding 533 texts · 128/533 · 4.2 s"``, ``"loading the model · 3.1 s"``.
    """
    stage = {"loading model": "loading the model"}.get(stage, stage)
    # The encoder counts its inputs as claims; they are claims, their sentences and their words.
    stage = re.sub(r"^embedding (\d+) claims$", r"embedding \1 texts", stage)
    parts = [stage]
    if total > 1 and not (done == total and stage.startswith("reading")):
        parts.append(f"{done}/{total}")
    parts.append(f"{elapsed:.1f} s")
    return " · ".join(parts)


def unclustered(partial: Result) -> tuple[Result, list[browse.Row]]:
    """``partial`` (sources and claims, no clusters) with each claim alone in a cluster of its
    own, and its list rows without markers: what the list shows until the comparison is done."""
    from claimcheck.core.compare.assemble import build_clusters

    clusters = build_clusters(
        partial.claims, [[k] for k in range(len(partial.claims))], partial.sources
    )
    result = replace(partial, clusters=clusters)
    rows = [replace(row, markers="", differs=False) for row in browse.make_rows(result)]
    return result, rows


class SearchInput(Input):
    """The search box above the list; Escape clears and closes it."""

    BINDINGS = [binding("back", action="close_search")]  # noqa: RUF012

    def action_close_search(self) -> None:
        """Clear the search and give the keys back to the list."""
        self.screen.close_search()  # type: ignore[attr-defined]


class MainScreen(Screen[None]):
    """Cluster list on the left, the selected cluster on the right, a progress bar when busy."""

    AUTO_FOCUS = ""
    """Nothing takes the keys until the list exists (a focused search box would eat q and ?)."""

    #: In footer order: at 80 columns the footer shows the review keys, save, help and quit first.
    BINDINGS = [  # noqa: RUF012 - Textual's declared type
        binding("cancel", priority=True),
        binding("reload"),
        binding("confirm"),
        binding("reject"),
        binding("suggestions"),
        binding("reviewed"),
        binding("note"),
        binding("move"),
        binding("save"),
        binding("help"),
        binding("quit"),
        binding("back"),
        binding("next-difference"),
        binding("search"),
        binding("filter"),
        binding("open-article"),
        binding("coverage"),
        binding("tighten"),
        binding("loosen"),
        binding("previous-difference"),
        binding("sort"),
        binding("undo"),
        binding("narrow-list"),
        binding("widen-list"),
        binding("rename-outlet"),
    ]

    def __init__(
        self,
        inputs: Sequence[str],
        settings: Settings,
        *,
        cache_dir: str | None = None,
        use_cache: bool = True,
        result: Result | None = None,
        encoder: object | None = None,
        sidecar: Path | None = None,
    ) -> None:
        super().__init__()
        self.inputs = list(inputs)
        self.settings = settings
        self.cache_dir = cache_dir
        self.use_cache = use_cache
        self.injected = result
        self.encoder = encoder
        self.sidecar = sidecar or rv.sidecar_path(self.inputs)
        self.machine: Result | None = None
        """The result as clustered, before the reviewer's corrections."""
        self.result: Result | None = None
        self.rows: list[browse.Row] = []
        self.shown_rows: list[browse.Row] = []
        self.review = rv.Review()
        self.reviews: dict[str, ClusterReview] = {}
        self.orphans: tuple[rv.Mark, ...] = ()
        """Marks (notes, reviewed) none of whose claims is in the input now: kept, shown apart."""
        self._orphans_said = 0
        """How many orphaned marks the reader has been told about."""
        self.filter_name = "all"
        self.sort_key = "outlets"
        self.query_text = ""
        self.busy = False
        self.cancel_event: threading.Event | None = None
        self.generation = 0
        self._any_difference = False
        """Number of the latest background run; messages from older runs are dropped."""
        self.target_threshold = settings.threshold
        """The threshold being computed (or shown), so quick presses of + and - add up."""
        self._details: dict[str, browse.Detail] = {}
        self._detail_timer: Timer | None = None
        self._search_timer: Timer | None = None
        self._shown: tuple[str, str] | None = None
        self._has_related = False
        """Whether the cluster shown has related claims (y and x act on them)."""
        self._confirmed: tuple[str, str] | None = None
        """The pair the reader just confirmed, checked when the clusters come back."""
        self.stopped = False
        """The first load was cancelled: nothing to show until the reader loads again."""
        self.pending = False
        """The list shows the claims read so far, each alone, not compared yet."""
        self._pending_claims: dict[str, str] = {}
        """Cluster id of a claim shown alone before the comparison -> that claim's id."""
        self._stage: tuple[str, int, int] = ("starting", 0, 0)
        self._started_at = time.monotonic()
        self._clock: Timer | None = None
        self._reader_moved = False
        """The reader moved the cursor while the claims were not compared yet."""
        self.undo_stack: list[tuple[str, rv.Review, bool]] = []
        """What each review action replaced: (what it did, the review before, whether the
        clusters must be computed again when it is undone)."""

    @property
    def claimcheck(self) -> ClaimcheckApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Status line, progress, list and detail, footer."""
        yield Static(id="status")
        with Vertical(id="progress"):
            yield Label("starting", id="progress-label")
            yield ProgressBar(id="progress-bar", show_eta=False)
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield SearchInput(placeholder="search: words, outlets, names, figures", id="search")
                yield ClusterList(id="clusters")
            yield Splitter(id="splitter")
            yield DetailPane(id="detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        """Restore the review, then start reading and comparing in the background."""
        self.query_one("#search", Input).display = False
        self.query_one("#panes").display = False
        self._set_list_width(self.claimcheck.config.list_width)
        self._update_status()
        try:
            self.review = rv.load_review(self.sidecar, warn=self._warn)
        except InputError as exc:
            self._warn(str(exc))
        self._start("load", None, self.settings.threshold, None)

    def _warn(self, line: str) -> None:
        self.notify(browse.one_line(line), severity="warning", timeout=8, markup=False)

    # --- background work -------------------------------------------------------------------------

    def _start(self, reason: str, base: Result | None, threshold: float, keep: str | None) -> None:
        """Start (or restart) the background work; a run already going is cancelled and ignored."""
        if self.cancel_event is not None:
            self.cancel_event.set()
        self.generation += 1
        self.busy = True
        self.target_threshold = threshold
        self.cancel_event = threading.Event()
        progress = self.query_one("#progress")
        progress.display = True
        self.stopped = False
        self._stage = (
            {
                "load": "starting",
                "threshold": f"re-clustering at {threshold:g}",
                "decision": "verifying the clusters again with your decision",
            }.get(reason, "applying your correction"),
            0,
            0,
        )
        self._started_at = time.monotonic()
        self._show_stage()
        if self._clock is None:
            self._clock = self.set_interval(CLOCK_TICK, self._show_stage)
        self.refresh_bindings()
        self._compute(
            reason, base, threshold, keep, self.review, self.cancel_event, self.generation
        )

    @work(thread=True, group="compute")
    def _compute(
        self,
        reason: str,
        base: Result | None,
        threshold: float,
        keep: str | None,
        review: rv.Review,
        cancel: threading.Event,
        generation: int,
    ) -> None:
        """Read, embed and cluster (or re-cluster), apply the reader's decisions and corrections,
        build rows; never the UI."""

        def progress(stage: str, done: int, total: int) -> None:
            self.post_message(WorkProgress(stage, done, total, generation))

        def claims_ready(partial: Result) -> None:
            result, rows = unclustered(partial)
            self.post_message(ClaimsReady(result, rows, generation))
            progress(f"preparing {len(partial.claims)} claims", 0, 0)

        try:
            if base is not None and reason == "threshold":
                from claimcheck.core.pipeline import recluster

                # The reader's verdicts go into this one re-clustering, not a second one.
                decisions = rv.decisions_for(base, review)
                machine = recluster(
                    base, threshold, decisions=decisions, progress=progress, cancel=cancel
                )
            elif base is not None:
                machine = base
            elif self.injected is not None:
                machine = self.injected
            else:
                from claimcheck.core.pipeline import run

                cache = None
                if self.use_cache:
                    from claimcheck.core.embed.cache import EmbeddingCache

                    cache = EmbeddingCache(Path(self.cache_dir) if self.cache_dir else None)
                machine = run(
                    self.inputs,
                    self.settings,
                    encoder=self.encoder,  # type: ignore[arg-type]
                    cache=cache,
                    progress=progress,
                    cancel=cancel,
                    claims_ready=claims_ready,
                    # The model loads while the articles are read: the first clusters come
                    # sooner on a first run (a warm cache never loads it).
                    preload=True,
                )
            progress("applying your decisions and corrections", 0, 0)
            from claimcheck.core.pipeline import apply_review

            result = apply_review(machine, review)
            rows = browse.make_rows(result)
        except Cancelled:
            self.post_message(WorkFailed("cancelled", True, base is None, 130, generation))
            return
        except ClaimcheckError as exc:
            self.post_message(WorkFailed(str(exc), False, base is None, exc.exit_code, generation))
            return
        except MemoryError:
            # One line, as the command line says it, instead of Textual's traceback.
            self.post_message(WorkFailed("out of memory", False, base is None, 1, generation))
            return
        self.post_message(ResultReady(machine, result, rows, keep, reason, generation))

    @on(WorkProgress)
    def _progress(self, message: WorkProgress) -> None:
        if message.generation != self.generation:
            return
        self._stage = (message.stage, message.done, message.total)
        self._show_stage()

    def _show_stage(self) -> None:
        """The stage in words with the time since the work started; a bar only where the stage
        counts something (a stage without a count would sit at 0% and look stuck)."""
        if not self.busy:
            return
        stage, done, total = self._stage
        elapsed = time.monotonic() - self._started_at
        self.query_one("#progress-label", Label).update(
            Text(stage_label(stage, done, total, elapsed))
        )
        bar = self.query_one("#progress-bar", ProgressBar)
        bar.display = total > 1
        if total > 1:
            bar.update(total=total, progress=done)

    def _stop_clock(self) -> None:
        if self._clock is not None:
            self._clock.stop()
            self._clock = None

    @on(ClaimsReady)
    async def _claims_ready(self, message: ClaimsReady) -> None:
        """Show the claims read so far, each alone and marked as not compared yet."""
        if message.generation != self.generation or not self.busy:
            return
        self.pending = True
        self.result = message.result
        self.rows = message.rows
        self._pending_claims = {c.id: c.claims[0].id for c in message.result.clusters}
        self._reader_moved = False
        self._details.clear()
        self.reviews = {}
        panes = self.query_one("#panes")
        first = not panes.display
        panes.display = True
        await self.query_one(DetailPane).set_slots(len(self.result.sources))
        self._refill(keep_index=self.query_one(ClusterList).highlighted)
        if first:
            self.query_one(ClusterList).focus()

    @on(WorkFailed)
    def _failed(self, message: WorkFailed) -> None:
        if message.generation != self.generation:
            return
        self.busy = False
        self._stop_clock()
        self.query_one("#progress").display = False
        self.refresh_bindings()
        if message.initial and message.cancelled:
            # Escape stops the load; it never quits (q does).
            self.stopped = True
            self.query_one("#progress").display = True
            self.query_one("#progress-bar").display = False
            keys = effective_keys(self.claimcheck.keymap)
            from claimcheck.tui.screens.help import pretty_keys

            self.query_one("#progress-label", Label).update(
                Text(
                    f"Loading cancelled: nothing was compared. {pretty_keys(keys['reload'])} "
                    f"loads again, {pretty_keys(keys['quit'])} quits."
                )
            )
            self.notify("Loading cancelled.", severity="warning", markup=False)
            self.refresh_bindings()
            return
        if message.initial:
            self.app.exit(
                return_code=message.exit_code, message=Text(f"claimcheck: {message.message}")
            )
            return
        what = "stopped: nothing changed" if message.cancelled else message.message
        self.notify(what, severity="warning" if message.cancelled else "error", markup=False)

    @on(ResultReady)
    async def _ready(self, message: ResultReady) -> None:
        if message.generation != self.generation:
            return
        old_warnings = set(self.result.warnings) if self.result and not self.pending else set()
        keep_claim = message.keep_claim
        was_pending, self.pending = self.pending, False
        if was_pending and self._reading():
            keep_claim = self.selected_claim()  # the claim the reader was reading stays selected
        self.busy = False
        self._stop_clock()
        self.machine = message.machine
        self.result = self._with_outlet_names(message.result)
        self.settings = message.result.settings
        # An outlet renamed while this was computed: the rows' search text needs the new name.
        self.rows = message.rows if self.result is message.result else browse.make_rows(self.result)
        self._details.clear()
        self._place_marks()
        self.query_one("#progress").display = False
        panes = self.query_one("#panes")
        first = not panes.display
        panes.display = True
        await self.query_one(DetailPane).set_slots(len(self.result.sources))
        self._refill(keep_claim=keep_claim)
        if was_pending and keep_claim is not None:
            self._select_member(keep_claim)
        if first:
            self.query_one(ClusterList).focus()
        new = [w for w in self.result.warnings if w not in old_warnings]
        if new:
            more = f" (and {len(new) - 1} more)" if len(new) > 1 else ""
            self._warn(new[0] + more)
        if message.reason == "threshold":
            self.notify(
                f"threshold {self.settings.threshold:g}: {len(self.result.clusters)} clusters",
                markup=False,
            )
        self._check_confirmed()
        from claimcheck.tui.screens.suggestions import SuggestionScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, SuggestionScreen):
                screen.update_result(self.result)
        self.refresh_bindings()

    def _place_marks(self) -> None:
        """Put the review's marks on the clusters holding their claims; those whose claims are
        all gone are orphaned: counted in the status line, listed on the help screen, said once."""
        assert self.result is not None
        self.reviews = rv.reviews_for(self.result, self.review)
        self.orphans = rv.orphaned_marks(self.result, self.review)
        if len(self.orphans) > self._orphans_said:
            from claimcheck.tui.screens.help import pretty_keys

            n = len(self.orphans)
            key = pretty_keys(effective_keys(self.claimcheck.keymap)["help"])
            self._warn(
                f"{n} {'note is' if n == 1 else 'notes are'} on claims no longer in the input "
                f"(kept in the review file); {key} lists {'it' if n == 1 else 'them'}"
            )
        self._orphans_said = len(self.orphans)

    def _check_confirmed(self) -> None:
        """Say so when a pair the reader confirmed could not join one cluster."""
        pair, self._confirmed = self._confirmed, None
        if pair is None or self.result is None:
            return
        where = browse.cluster_of_claims(self.result)
        if where.get(pair[0]) != where.get(pair[1]):
            self._warn(
                f"{pair[0]} and {pair[1]} are confirmed but not in one cluster: each cluster "
                "holds one claim per outlet, and a rejected pair never shares one"
            )

    def _reading(self) -> bool:
        """Whether the reader chose a claim while they were not compared yet (moved the cursor,
        searched, filtered or went to the detail pane); if not, the list starts at the top."""
        return (
            self._reader_moved
            or self.query_one(DetailPane).has_focus
            or bool(self.query_text.strip())
            or self.filter_name != "all"
        )

    def _select_member(self, claim_id: str) -> None:
        """Pick ``claim_id`` among the members the detail pane shows, if it is one of them."""
        cluster = self.current_cluster
        if cluster is None:
            return
        k = next((k for k, c in enumerate(cluster.claims) if c.id == claim_id), None)
        if k is not None:
            self._render_detail(selected=k)

    # --- the list --------------------------------------------------------------------------------

    @property
    def current_row(self) -> browse.Row | None:
        """The row under the list cursor."""
        return self.query_one(ClusterList).current_row

    @property
    def current_cluster(self) -> Cluster | None:
        """The cluster under the list cursor."""
        row = self.current_row
        return self.result.clusters[row.index] if row and self.result else None

    def selected_claim(self) -> str | None:
        """Id of the claim ``o`` and ``m`` act on: the outlet picked in the detail pane."""
        cluster = self.current_cluster
        if cluster is None:
            return None
        pane = self.query_one(DetailPane)
        shown = pane.detail.cluster if pane.detail else None
        k = pane.selected if shown is not None and shown.id == cluster.id else 0
        return cluster.claims[min(k, len(cluster.claims) - 1)].id

    def _refill(self, keep_claim: str | None = None, keep_index: int | None = None) -> None:
        """Rebuild the visible rows from filter, search and sort; keep the cursor on a claim."""
        assert self.result is not None
        self.shown_rows = browse.visible_rows(
            self.rows, filter_name=self.filter_name, query=self.query_text, sort=self.sort_key
        )
        target = keep_index
        if keep_claim is not None:
            cluster_id = browse.cluster_of_claims(self.result).get(keep_claim)
            found = next(
                (k for k, r in enumerate(self.shown_rows) if r.cluster_id == cluster_id), None
            )
            target = found if found is not None else keep_index
        cluster_list = self.query_one(ClusterList)
        cluster_list.show_rows(self.shown_rows, self.reviews, target, self.pending)
        self._any_difference = any(r.differs for r in self.shown_rows)
        self._shown = None
        self._render_detail()
        self._update_status()
        self.refresh_bindings()

    def on_resize(self) -> None:
        """The status line is shorter at narrow widths."""
        self._update_status()

    def _update_status(self) -> None:
        status = Text()
        # At 80 columns the name gives way to what the reader changes (filter, threshold, sort).
        narrow = (
            self.result is not None and not self.pending and 0 < self.size.width < NARROW_STATUS
        )
        status.append("claimcheck", style="bold")
        if self.result is None:
            status.append(f" · {len(self.inputs)} input(s) · threshold {self.settings.threshold:g}")
        elif self.pending:
            r = self.result
            status.append(f" · {len(r.sources)} articles · {len(r.claims)} claims")
            if len(self.shown_rows) != len(r.claims):
                status.append(f" · {len(self.shown_rows)} shown")
            status.append(" · not yet compared", style="bold")
        else:
            r = self.result
            shown = len(self.shown_rows)
            # What narrows the list comes first, so a narrow terminal still shows it.
            status.append(f" · {len(r.sources)} articles · {len(r.clusters)} clusters")
            if shown != len(r.clusters):
                status.append(f" · {shown} shown")
            if self.query_text.strip():
                status.append(" · search: ")
                status.append(browse.one_line(self.query_text), style="bold")
            status.append(f" · {browse.FILTER_LABELS[self.filter_name]}", style="bold")
            status.append(f" · threshold {self.settings.threshold:g}")
            status.append(f" · {browse.sort_label(r, self.sort_key)}")
            if not self.review.empty:
                done = sum(1 for v in self.reviews.values() if v.reviewed)
                status.append(f" · {done} reviewed")
            if self.orphans:
                n = len(self.orphans)
                status.append(f" · {n} orphaned note{'s' if n != 1 else ''}", style="bold")
        if narrow:
            status = status[len("claimcheck · ") :]
        self.query_one("#status", Static).update(status)

    @on(OptionList.OptionHighlighted, "#clusters")
    def _highlighted(self) -> None:
        if self.pending and self.query_one(ClusterList).highlighted not in (None, 0):
            self._reader_moved = True
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY, self._render_detail)

    def _render_detail(self, selected: int | None = None) -> None:
        self._detail_timer = None
        pane = self.query_one(DetailPane)
        cluster = self.current_cluster
        if cluster is None or self.result is None:
            pane.show(None, {}, None)
            self._shown = None
            return
        key = (cluster.id, str(selected))
        if self._shown == key and selected is None:
            return
        detail = self._details.get(cluster.id)
        if detail is None:
            detail = browse.cluster_detail(self.result, cluster)
            self._details[cluster.id] = detail
        outlets = {s.id: f"{browse.one_line(s.outlet)} ({s.id})" for s in self.result.sources}
        keep = pane.selected if self._shown and self._shown[0] == cluster.id else 0
        pane.show(
            detail,
            outlets,
            self.reviews.get(cluster.id),
            keep if selected is None else selected,
            related_hint=self._related_hint(),
            pending=self.pending,
        )
        pane.scroll_home(animate=False)
        if bool(cluster.related) != self._has_related:
            self._has_related = bool(cluster.related)
            self.refresh_bindings()  # y and x appear only for a cluster with related claims
        self._shown = key

    def _related_hint(self) -> str:
        """The keys that confirm and reject the first related claim, as the reader types them."""
        from claimcheck.tui.screens.help import pretty_keys

        keys = effective_keys(self.claimcheck.keymap)
        return f"{pretty_keys(keys['confirm'])} confirm · {pretty_keys(keys['reject'])} reject"

    @on(OptionList.OptionSelected, "#clusters")
    def _focus_detail(self) -> None:
        self._render_detail()
        self.query_one(DetailPane).focus()

    @on(DetailPane.Back)
    def _back_to_list(self) -> None:
        self.query_one(ClusterList).focus()

    def _select_cluster(self, cluster_id: str) -> None:
        """Put the list cursor on ``cluster_id``, showing every cluster if a filter hides it."""
        if not self.pending and cluster_id in self._pending_claims and self.result is not None:
            # A claim's cluster before the comparison finished (an article opened meanwhile).
            claim_id = self._pending_claims[cluster_id]
            cluster_id = browse.cluster_of_claims(self.result).get(claim_id, cluster_id)
        index = next((k for k, r in enumerate(self.shown_rows) if r.cluster_id == cluster_id), None)
        if index is None:
            self.filter_name, self.query_text = "all", ""
            search = self.query_one("#search", Input)
            search.value, search.display = "", False
            self._refill()
            index = next(
                (k for k, r in enumerate(self.shown_rows) if r.cluster_id == cluster_id), 0
            )
        cluster_list = self.query_one(ClusterList)
        cluster_list.highlighted = index
        cluster_list.scroll_to_highlight()
        cluster_list.focus()
        self._render_detail()

    # --- bindings --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide what cannot act before a result exists; grey out what cannot act right now."""
        if action == "cancel":
            return self.busy
        if action == "reload":
            return self.stopped and not self.busy
        if action in ("help", "quit", "narrow_list", "widen_list"):
            return True
        if action == "back":
            return self.result is not None and bool(self._back_step())
        if self.pending:
            if action not in PENDING_ACTIONS:
                return False  # nothing to review, move or save before the comparison
            if action == "back":
                return bool(self._back_step())
            return action != "open_article" or self.current_row is not None or None
        if action == "undo":
            return self.result is not None  # with nothing to undo, it says so
        if self.result is None:
            return False
        if action in ("move", "confirm", "reject") and self.busy:
            return None
        if action in ("confirm", "reject"):
            cluster = self.current_cluster
            return bool(cluster and cluster.related)
        if action == "suggestions":
            return any(s.status == "open" for s in self.result.suggestions) or None
        if action == "tighten":
            return self.target_threshold + 1e-9 < THRESHOLD_MAX or None
        if action == "loosen":
            return self.target_threshold - 1e-9 > THRESHOLD_MIN or None
        if action in ("next_difference", "previous_difference"):
            return self._any_difference or None
        if action in ("open_article", "move", "toggle_reviewed", "note", "rename_outlet"):
            return self.current_row is not None or None
        return True

    def action_cancel(self) -> None:
        """Stop the work in progress (the previous result stays)."""
        if self.cancel_event is not None:
            self.cancel_event.set()
        self.query_one("#progress-label", Label).update("cancelling…")

    def action_reload(self) -> None:
        """Load again after a cancelled load."""
        if self.stopped and not self.busy:
            self._start("load", None, self.settings.threshold, None)

    def _back_step(self) -> str:
        """What Escape would undo on this screen now: search, filter, or nothing."""
        if self.query_one("#search", Input).display or self.query_text:
            return "search"
        if self.filter_name != "all":
            return "filter"
        return ""

    def action_back(self) -> None:
        """One step back: clear the search, else show every cluster again."""
        step = self._back_step()
        if step == "search":
            self.close_search()
        elif step == "filter":
            self.filter_name = "all"
            self._refill(keep_claim=self.selected_claim())
            self.notify("Showing every cluster.", timeout=2, markup=False)
        self.refresh_bindings()

    def _set_list_width(self, percent: int) -> None:
        from claimcheck.core.config import clamp_width

        self.list_width = clamp_width(percent)
        self.query_one("#list-pane").styles.width = f"{self.list_width}%"

    @on(Splitter.Dragged)
    def _splitter_dragged(self, message: Splitter.Dragged) -> None:
        """The list ends where the divider is dragged to; remembered when the button is let go,
        as ``<`` and ``>`` remember it."""
        panes = self.query_one("#panes").region
        if panes.width > 0:
            self._set_list_width(round(100 * (message.x - panes.x) / panes.width))
        if message.done:
            self.claimcheck.remember(list_width=self.list_width)

    def action_narrow_list(self) -> None:
        """Give the list less of the width (remembered)."""
        self._resize_list(-LIST_STEP)

    def action_widen_list(self) -> None:
        """Give the list more of the width (remembered)."""
        self._resize_list(LIST_STEP)

    def _resize_list(self, step: int) -> None:
        self._set_list_width(self.list_width + step)
        self.claimcheck.remember(list_width=self.list_width)

    def action_next_difference(self) -> None:
        """Move to the next cluster whose outlets differ."""
        self._jump_difference(1)

    def action_previous_difference(self) -> None:
        """Move to the previous cluster whose outlets differ."""
        self._jump_difference(-1)

    def _jump_difference(self, step: int) -> None:
        cluster_list = self.query_one(ClusterList)
        index, wrapped = browse.next_difference(self.shown_rows, cluster_list.highlighted, step)
        if index < 0:
            self.notify("No cluster with a difference in this list.", markup=False)
            return
        cluster_list.highlighted = index
        cluster_list.scroll_to_highlight()
        if wrapped:
            where = "top" if step > 0 else "bottom"
            self.notify(f"Wrapped around to the {where}.", timeout=2, markup=False)

    def action_search(self) -> None:
        """Open the search box."""
        search = self.query_one("#search", Input)
        search.display = True
        # At once, not after the queued keys (focus() waits): "/syria" typed quickly must not
        # send "syria" to the list, where y confirms and r marks.
        self.set_focus(search)
        self.refresh_bindings()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        value = event.value
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self._apply_search(value))

    def _apply_search(self, value: str) -> None:
        self._search_timer = None
        if value == self.query_text:
            return
        self.query_text = value
        self._refill(keep_claim=self.selected_claim())

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._apply_search(event.value)
        self.query_one(ClusterList).focus()
        if not self.shown_rows:
            self.notify("Nothing matches this search.", markup=False)

    def close_search(self) -> None:
        """Clear the search, hide its box and give the keys back to the list."""
        search = self.query_one("#search", Input)
        search.value = ""
        search.display = False
        self._apply_search("")
        self.query_one(ClusterList).focus()
        self.refresh_bindings()

    def action_cycle_filter(self) -> None:
        """Show the next filter: all, shared, cross-language, with differences, single-outlet."""
        filters = browse.FILTERS
        self.filter_name = filters[(filters.index(self.filter_name) + 1) % len(filters)]
        self._refill(keep_claim=self.selected_claim())
        self.refresh_bindings()

    def action_cycle_sort(self) -> None:
        """Sort by outlets, differences first, or position in each article in turn."""
        assert self.result is not None
        keys = browse.sort_keys(self.result)
        at = keys.index(self.sort_key) if self.sort_key in keys else -1
        self.sort_key = keys[(at + 1) % len(keys)]
        self._refill(keep_claim=self.selected_claim())

    def action_open_article(self) -> None:
        """Open the selected claim in its article."""
        claim_id = self.selected_claim()
        if claim_id is None or self.result is None:
            return
        claim = next(c for c in self.result.claims if c.id == claim_id)
        self._open_article(claim.source, claim.id)

    def _open_article(self, source_id: str, claim_id: str | None) -> None:
        from claimcheck.tui.screens.article import ArticleScreen

        assert self.result is not None

        def back(cluster_id: str | None) -> None:
            if cluster_id:
                self._select_cluster(cluster_id)

        self.app.push_screen(ArticleScreen(self.result, source_id, claim_id), back)

    def action_coverage(self) -> None:
        """Open the outlet x cluster matrix."""
        from claimcheck.tui.screens.coverage import CoverageScreen

        assert self.result is not None
        current = self.current_row.cluster_id if self.current_row else None

        def back(choice: tuple[str, str | None] | None) -> None:
            if choice is None or self.result is None:
                return
            cluster_id, claim_id = choice
            self._select_cluster(cluster_id)
            if claim_id is not None:
                source = next(c.source for c in self.result.claims if c.id == claim_id)
                self._open_article(source, claim_id)

        self.app.push_screen(CoverageScreen(self.result, self.shown_rows, current), back)

    def action_tighten(self) -> None:
        """Raise the similarity threshold one step and re-cluster."""
        self._rethreshold(THRESHOLD_STEP)

    def action_loosen(self) -> None:
        """Lower the similarity threshold one step and re-cluster."""
        self._rethreshold(-THRESHOLD_STEP)

    def _rethreshold(self, step: float) -> None:
        if self.machine is None:
            return
        value = round(self.target_threshold + step, 3)
        if not THRESHOLD_MIN - 1e-9 <= value <= THRESHOLD_MAX + 1e-9:
            self.notify(
                f"The threshold stays between {THRESHOLD_MIN} and {THRESHOLD_MAX}.", markup=False
            )
            return
        self._start("threshold", self.machine, value, self.selected_claim())

    # --- review marks, notes, corrections ---------------------------------------------------------

    def _save_review(self, new: rv.Review, undo: str = "", recompute: bool = False) -> bool:
        """Save ``new`` to the sidecar; ``undo`` names the action so ``u`` can take it back
        (``recompute``: undoing it needs the clusters computed again)."""
        before = self.review
        try:
            # Merged with what another session saved since this one last read or wrote the file.
            saved = rv.save_review(self.sidecar, new, base=self.review)
        except ClaimcheckError as exc:
            self.notify(f"not saved: {browse.one_line(str(exc))}", severity="error", markup=False)
            return False
        self.review = saved.review
        if undo:
            self.undo_stack.append((undo, before, recompute))
        for line in saved.notices:
            self._warn(line)
        return True

    def action_undo(self) -> None:
        """Take back the last review action (mark, note, move, confirmation, rejection), saving
        the sidecar as the action did."""
        if not self.undo_stack or self.result is None or self.machine is None:
            self.notify("Nothing to undo.", markup=False)
            return
        if self.busy:
            self.notify("Wait for the work in progress (or Escape it), then undo.", markup=False)
            return
        what, before, recompute = self.undo_stack.pop()
        if not self._save_review(before):
            self.undo_stack.append((what, before, recompute))
            return
        self.notify(f"Undone: {what}.", markup=False)
        if recompute:
            self._start("correction", self.machine, self.settings.threshold, self.selected_claim())
            return
        self._show_outlet_names()
        self._place_marks()
        self._refill(keep_index=self.query_one(ClusterList).highlighted)

    def _set_mark(self, **change: Any) -> None:
        cluster = self.current_cluster
        if cluster is None or self.result is None:
            return
        what = ", ".join(
            f"{'note' if key == 'note' else 'reviewed mark'} on {cluster.id}" for key in change
        )
        new = rv.set_mark(self.result, self.review, cluster.id, **change)
        if not self._save_review(new, undo=what):
            return
        self._place_marks()
        cluster_list = self.query_one(ClusterList)
        if cluster_list.highlighted is not None:
            cluster_list.refresh_row(cluster_list.highlighted, self.reviews.get(cluster.id))
        self._shown = None
        self._render_detail()
        self._update_status()

    def action_toggle_reviewed(self) -> None:
        """Mark the cluster reviewed, or unmark it."""
        row = self.current_row
        if row is None:
            return
        current = self.reviews.get(row.cluster_id)
        self._set_mark(reviewed=not (current and current.reviewed))

    def action_note(self) -> None:
        """Write or edit the note of the cluster (empty removes it)."""
        from claimcheck.tui.screens.dialogs import PromptScreen

        row = self.current_row
        if row is None:
            return
        current = self.reviews.get(row.cluster_id)
        note = current.note.replace("\n", " / ") if current else ""

        def done(value: str | None) -> None:
            if value is not None:
                self._set_mark(note=value)

        self.app.push_screen(PromptScreen(f"Note on {row.cluster_id}", note), done)

    def _with_outlet_names(self, result: Result) -> Result:
        """``result`` with the outlet names of the review as it is now (the articles' own names
        where the reader gave none): the same object when nothing changes."""
        if self.machine is None:
            return result
        sources = rv.renamed_sources(self.machine.sources, self.review)
        if sources == result.sources:
            return result
        return replace(result, sources=sources)

    def _show_outlet_names(self) -> None:
        """Show the review's outlet names in the list's search, the detail pane and reports."""
        if self.result is None:
            return
        renamed = self._with_outlet_names(self.result)
        if renamed is self.result:
            return
        self.result = renamed
        self.rows = browse.make_rows(renamed)
        self._details.clear()

    def action_rename_outlet(self) -> None:
        """Name the outlet of the selected claim as the reader knows it (empty: the article's
        own name again)."""
        from claimcheck.tui.screens.dialogs import PromptScreen

        claim_id = self.selected_claim()
        if claim_id is None or self.result is None or self.machine is None:
            return
        source_id = next(c.source for c in self.result.claims if c.id == claim_id)
        current = browse.one_line(self.result.source(source_id).outlet)
        original = " ".join(self.machine.source(source_id).outlet.split())

        def done(value: str | None) -> None:
            if value is None or self.result is None:
                return
            name = " ".join(value.split())
            try:
                new = rv.rename_outlet(
                    self.result, self.review, source_id, "" if name == original else name
                )
            except InputError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            if new == self.review:
                return
            if not self._save_review(new, undo=f"outlet name of {source_id}"):
                return
            selected = self.query_one(DetailPane).selected
            self._show_outlet_names()
            self._refill(keep_index=self.query_one(ClusterList).highlighted)
            self._render_detail(selected=selected)  # the same outlet stays picked
            shown = browse.one_line(self.result.source(source_id).outlet)
            self.notify(f"Outlet {source_id} is now shown as {shown}.", markup=False)

        title = f"Outlet name for {source_id} (empty: the article's own, {original})"
        self.app.push_screen(PromptScreen(browse.one_line(title), current), done)

    def action_move(self) -> None:
        """Move the selected claim into another cluster, or out into one of its own."""
        from claimcheck.tui.screens.dialogs import MoveScreen, MoveTarget

        claim_id = self.selected_claim()
        cluster = self.current_cluster
        if claim_id is None or cluster is None or self.result is None or self.busy:
            return
        claim = next(c for c in cluster.claims if c.id == claim_id)
        source = self.result.source(claim.source)
        rows = [r for r in browse.sort_rows(self.rows, "outlets") if r.cluster_id != cluster.id]
        label = f"{browse.one_line(source.outlet)} ({claim.id}): {browse.one_line(claim.text)}"

        def done(target: MoveTarget | None) -> None:
            if target is None or self.result is None or self.machine is None:
                return
            try:
                new = rv.move_claim(self.result, self.review, claim_id, target.cluster_id)
            except InputError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            if self._save_review(new, undo=f"move of {claim_id}", recompute=True):
                self._start("correction", self.machine, self.settings.threshold, claim_id)

        self.app.push_screen(MoveScreen(label, rows), done)

    # --- decisions on suggested pairs ----------------------------------------------------------

    def action_confirm(self) -> None:
        """Confirm the most likely related claim of the cluster: it states the same fact."""
        self._decide_related(True)

    def action_reject(self) -> None:
        """Reject the most likely related claim of the cluster: it states another fact."""
        self._decide_related(False)

    def _decide_related(self, confirmed: bool) -> None:
        cluster = self.current_cluster
        if cluster is None or not cluster.related or self.busy:
            return
        related = cluster.related[0]
        self.record_decision((related.anchor, related.claim.id), confirmed, related.anchor)

    def _confirmations(self, pair: tuple[str, str]) -> list[tuple[str, str]]:
        """The pairs to confirm when the reader confirms ``pair``: a claim confirmed with a
        member of a cluster is confirmed with every member, so it joins the cluster (verified
        members need the newcomer to pass against each of them, which the reader just vouched
        for). Two claims both in clusters of several outlets: just the pair."""
        assert self.result is not None
        groups = {c.id: cluster.claims for cluster in self.result.clusters for c in cluster.claims}
        a, b = pair
        left, right = groups.get(a, ()), groups.get(b, ())
        if len(right) <= 1 < len(left):
            return [(a, b), *((m.id, b) for m in left if m.id != a)]
        if len(left) <= 1 < len(right):
            return [(a, b), *((m.id, a) for m in right if m.id != b)]
        return [(a, b)]

    def record_decision(self, pair: tuple[str, str], confirmed: bool, keep: str | None) -> bool:
        """Record the reader's verdict on the pair of claim ids ``pair``, save it, and verify the
        clusters again with it (the list keeps the cluster of claim ``keep``); False if not saved.
        A confirmation also confirms the claim with the other members of its partner's cluster
        (see :meth:`_confirmations`); a rejection is of the pair alone.
        """
        if self.result is None or self.machine is None:
            return False
        new = self.review
        try:
            for each in self._confirmations(pair) if confirmed else [pair]:
                new = rv.decide(self.result, new, each, confirmed)
        except InputError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return False
        verdict = "confirmation" if confirmed else "rejection"
        if not self._save_review(new, undo=f"{verdict} of {pair[0]} ~ {pair[1]}", recompute=True):
            return False
        if confirmed:
            self._confirmed = pair
        self.notify(browse.decision_note(self.result, *pair, confirmed), markup=False)
        self._start("decision", self.machine, self.settings.threshold, keep)
        return True

    def action_suggestions(self) -> None:
        """Walk the open suggestions, most likely first, confirming or rejecting each."""
        from claimcheck.tui.screens.suggestions import SuggestionScreen

        if self.result is None:
            return

        def decide(pair: tuple[str, str], confirmed: bool) -> bool:
            return self.record_decision(pair, confirmed, self.selected_claim())

        def back(_: None) -> None:
            self.query_one(ClusterList).focus()

        self.app.push_screen(SuggestionScreen(self.result, decide), back)

    # --- the report ------------------------------------------------------------------------------

    def action_save(self) -> None:
        """Save the Markdown report, asking before replacing a file."""
        from claimcheck.tui.screens.dialogs import ConfirmScreen, PromptScreen

        def chosen(value: str | None) -> None:
            if not value or not value.strip():
                return
            target = Path(value.strip()).expanduser()
            if target.exists():

                def confirmed(yes: bool | None) -> None:
                    if yes:
                        self._write_report(target, overwrite=True)

                self.app.push_screen(ConfirmScreen(f"{target} exists. Replace it?"), confirmed)
            else:
                self._write_report(target, overwrite=False)

        where = browse.one_line(str(Path.cwd()))
        self.app.push_screen(
            PromptScreen(
                f"Save the report (Markdown) as (a relative path is in {where})", DEFAULT_REPORT
            ),
            chosen,
        )

    @work(thread=True, group="report")
    def _write_report(self, target: Path, overwrite: bool) -> None:
        """Render and write the report off the UI thread."""
        from claimcheck.core.fileio import write_atomic
        from claimcheck.report.markdown import render_markdown

        assert self.result is not None
        try:
            text = render_markdown(self.result, self.reviews, orphans=self.orphans)
            write_atomic(target, text, overwrite=overwrite)
        except ClaimcheckError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(
            self.notify, f"Report saved to {browse.one_line(str(target.absolute()))}", markup=False
        )

    def action_help(self) -> None:
        """Every binding and what the row markers mean."""
        self.claimcheck.action_help()

    async def action_quit(self) -> None:
        """Leave claimcheck (marks and notes are already saved)."""
        if self.cancel_event is not None:
            self.cancel_event.set()
        self.app.exit()
