"""The cluster list: a virtualised option list, one line per cluster."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from claimcheck.core.browse import Row
from claimcheck.core.types import ClusterReview
from claimcheck.tui.keymap import binding, list_navigation
from claimcheck.tui.render import row_text


class ClusterList(OptionList):
    """Clusters as one-line rows; only the rows on screen are ever rendered."""

    inherit_bindings = False
    BINDINGS = [  # noqa: RUF012 - Textual's declared type
        *list_navigation(),
        binding("focus-detail"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[Row] = []

    def show_rows(
        self,
        rows: list[Row],
        reviews: dict[str, ClusterReview],
        highlight: int | None = None,
    ) -> None:
        """Replace the rows shown, keeping the cursor at ``highlight`` (or the top)."""
        self.rows = rows
        self.set_options(
            Option(row_text(row, reviews.get(row.cluster_id)), id=row.cluster_id) for row in rows
        )
        if rows:
            self.highlighted = min(max(highlight or 0, 0), len(rows) - 1)
            self.scroll_to_highlight()

    def refresh_row(self, index: int, review: ClusterReview | None) -> None:
        """Redraw one row after its review mark or note changed."""
        row = self.rows[index]
        self.replace_option_prompt_at_index(index, row_text(row, review))

    @property
    def current_row(self) -> Row | None:
        """The row under the cursor."""
        if self.highlighted is None or not self.rows:
            return None
        return self.rows[self.highlighted]
