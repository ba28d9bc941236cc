"""The cluster list: a virtualised option list, one line per cluster."""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from claimcheck.core.browse import Row
from claimcheck.core.types import ClusterReview
from claimcheck.tui.keymap import binding, list_navigation
from claimcheck.tui.render import RowLayout, row_layout, row_text


class ClusterList(OptionList):
    """Clusters as one-line rows; only the rows on screen are ever rendered.

    The rows' prefix (markers, count, languages) narrows with the list, so the claim's words keep
    most of it (see :func:`~claimcheck.tui.render.row_layout`).
    """

    inherit_bindings = False
    BINDINGS = [  # noqa: RUF012 - Textual's declared type
        *list_navigation(),
        binding("focus-detail"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[Row] = []
        self.reviews: dict[str, ClusterReview] = {}
        self.layout_now = RowLayout()
        self.pending = False
        """The rows are claims not compared yet (see :func:`~claimcheck.tui.render.row_text`)."""

    def _layout(self) -> RowLayout:
        return row_layout(self.scrollable_content_region.width or self.size.width, self.rows)

    def show_rows(
        self,
        rows: list[Row],
        reviews: dict[str, ClusterReview],
        highlight: int | None = None,
        pending: bool = False,
    ) -> None:
        """Replace the rows shown, keeping the cursor at ``highlight`` (or the top); ``pending``
        rows are claims not compared yet."""
        self.rows = rows
        self.reviews = reviews
        self.pending = pending
        self.layout_now = self._layout()
        self.set_options(
            Option(
                row_text(row, reviews.get(row.cluster_id), self.layout_now, pending),
                id=row.cluster_id,
            )
            for row in rows
        )
        if rows:
            self.highlighted = min(max(highlight or 0, 0), len(rows) - 1)
            self.scroll_to_highlight()

    def on_resize(self, event: events.Resize) -> None:
        """Lay the rows out again when the list's width crosses a layout boundary."""
        if self.rows and self._layout() != self.layout_now:
            self.show_rows(self.rows, self.reviews, self.highlighted, self.pending)

    def refresh_row(self, index: int, review: ClusterReview | None) -> None:
        """Redraw one row after its review mark or note changed."""
        row = self.rows[index]
        self.reviews = {**self.reviews, row.cluster_id: review} if review else self.reviews
        self.replace_option_prompt_at_index(
            index, row_text(row, review, self.layout_now, self.pending)
        )

    @property
    def current_row(self) -> Row | None:
        """The row under the cursor."""
        if self.highlighted is None or not self.rows:
            return None
        return self.rows[self.highlighted]
