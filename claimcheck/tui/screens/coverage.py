"""The coverage view: which outlet states which cluster, and who is silent."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from claimcheck.core.browse import Row, coverage_cells, one_line, written_before
from claimcheck.core.types import Result
from claimcheck.tui.keymap import binding


def _mark(source: str, related: set[str], early: set[str], in_story: set[str]) -> str:
    """The mark of an outlet that does not state a cluster: a related claim, written before
    what it reports, silent, or of another story (blank)."""
    for mark, ids in (("~", related), ("<", early), ("·", in_story)):
        if source in ids:
            return mark
    return ""


class CoverageTable(DataTable[Text]):
    """The matrix: one row per cluster, one column per outlet."""

    inherit_bindings = False
    BINDINGS = [  # noqa: RUF012 - Textual's declared type
        binding("cursor-down"),
        binding("cursor-up"),
        binding("page-down"),
        binding("page-up"),
        binding("first", action="scroll_top"),
        binding("last", action="scroll_bottom"),
        binding("cursor-left"),
        binding("cursor-right"),
    ]


class CoverageScreen(Screen[tuple[str, str | None] | None]):
    """Move through the matrix; Enter opens the cluster, ``o`` the outlet's article.

    Dismisses with ``(cluster id, None)`` to show a cluster in the list, or ``None``. The article
    opened with ``o`` is pushed over this view, so Escape there comes back here.
    """

    BINDINGS = [  # noqa: RUF012 - Textual's declared type
        binding("back"),
        binding("jump-to-cluster"),
        binding("open-article"),
        binding("help"),
        binding("quit"),
    ]

    def __init__(self, result: Result, rows: list[Row], current: str | None) -> None:
        super().__init__()
        self.result = result
        self.rows = rows
        self.current = current

    def compose(self) -> ComposeResult:
        """A legend and the matrix."""
        legend = Text()
        legend.append("Coverage", style="bold")
        legend.append(f" · {len(self.rows)} clusters (list filter applies) · ", style="dim")
        legend.append("● states it  ~ related  · silent  < written before it", style="dim")
        if self.result.stories:
            legend.append("  (blank: another story)", style="dim")
        legend.append("\n")
        legend.append(
            "  ".join(f"{s.id} = {one_line(s.outlet)}" for s in self.result.sources), style="dim"
        )
        yield Static(legend, id="coverage-head")
        yield CoverageTable(id="coverage-table", cursor_type="cell", zebra_stripes=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        """Fill the matrix and put the cursor on the current cluster."""
        table = self.query_one(CoverageTable)
        table.add_column("cluster", key="cluster")
        for source in self.result.sources:
            table.add_column(Text(source.id), key=source.id)
        table.add_column("claim", key="label")
        cursor_row = 0
        for k, row in enumerate(self.rows):
            cluster = self.result.clusters[row.index]
            in_story = {s.id for s in self.result.story_sources(cluster)}
            related = {r.claim.source for r in cluster.related}
            early = {s.id for s in written_before(self.result, cluster)}
            cells = [
                Text("●", style="bold green")
                if c
                else Text(_mark(s.id, related, early, in_story), style="dim")
                for s, c in zip(
                    self.result.sources, coverage_cells(self.result, cluster), strict=True
                )
            ]
            label = Text(row.label[:60] + ("…" if len(row.label) > 60 else ""))
            table.add_row(Text(cluster.id, style="bold"), *cells, label, key=cluster.id)
            if cluster.id == self.current:
                cursor_row = k
        table.focus()
        if self.rows:
            table.move_cursor(row=cursor_row, column=1, animate=False)

    def _cell(self) -> tuple[str, str | None] | None:
        table = self.query_one(CoverageTable)
        if not self.rows:
            return None
        row = self.rows[table.cursor_row]
        cluster = self.result.clusters[row.index]
        column = table.cursor_column - 1
        claim_id = None
        if 0 <= column < len(self.result.sources):
            claim_id = coverage_cells(self.result, cluster)[column]
        return cluster.id, claim_id

    @on(DataTable.CellSelected)
    def _selected(self) -> None:
        self.action_jump()

    def action_jump(self) -> None:
        """Show the cluster under the cursor in the main screen."""
        cell = self._cell()
        if cell:
            self.dismiss((cell[0], None))

    def action_open_article(self) -> None:
        """Open this outlet's claim in its article (if this outlet states it); Escape there comes
        back here, Enter on a sentence shows its cluster in the list."""
        from claimcheck.tui.screens.article import ArticleScreen

        cell = self._cell()
        if cell is None:
            return
        claim_id = cell[1]
        if claim_id is None:
            self.notify("This outlet does not state this claim.", markup=False)
            return
        source = next(c.source for c in self.result.claims if c.id == claim_id)

        def back(jump_to: str | None) -> None:
            if jump_to:
                self.dismiss((jump_to, None))

        self.app.push_screen(ArticleScreen(self.result, source, claim_id), back)

    def action_back(self) -> None:
        """Back to the list."""
        self.dismiss(None)

    def action_help(self) -> None:
        """The help screen."""
        self.app.action_help()  # type: ignore[attr-defined]
