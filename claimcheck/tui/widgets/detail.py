"""The detail pane: each outlet's statement and how sure it is, the related claims not confirmed,
who is silent, and how the wordings compare."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from claimcheck.core.browse import Detail, printable
from claimcheck.core.types import ClusterReview
from claimcheck.tui.keymap import binding
from claimcheck.tui.render import (
    comparison,
    member_text,
    outlets_label,
    related_text,
    silent_text,
)


class MemberStatement(Static):
    """One outlet's statement of the claim."""


class DetailPane(VerticalScroll):
    """Shows one cluster; when focused, up/down pick the outlet that ``o`` and ``m`` act on.

    A fixed pool of statement widgets (one per source) is updated in place, so moving through
    thousands of clusters never mounts or removes widgets.
    """

    inherit_bindings = False
    can_focus = True
    BINDINGS = [  # noqa: RUF012 - Textual's declared type
        binding("member-down"),
        binding("member-up"),
        binding("page-down", action="page_down"),
        binding("page-up", action="page_up"),
        binding("first", action="scroll_home"),
        binding("last", action="scroll_end"),
        binding("back"),
    ]

    class Back(Message):
        """The user wants the list back."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.detail: Detail | None = None
        self.selected = 0

    def compose(self) -> ComposeResult:
        """The header, the statement slots, the related claims, the silent outlets and the
        comparison."""
        yield Static(id="detail-head")
        yield Static(id="detail-related")
        yield Static(id="detail-silent")
        yield Static(id="detail-compare")

    async def set_slots(self, count: int) -> None:
        """Make sure there is a statement slot for each of ``count`` outlets."""
        have = len(self.query(MemberStatement))
        if count > have:
            new = [MemberStatement(classes="member") for _ in range(count - have)]
            await self.mount_all(new, before="#detail-related")

    def show(
        self,
        detail: Detail | None,
        outlets: Mapping[str, str],
        review: ClusterReview | None,
        selected: int = 0,
        related_hint: str = "",
        pending: bool = False,
    ) -> None:
        """Render ``detail`` (or an empty pane); ``related_hint`` names the keys that act on the
        first related claim. ``pending``: a claim not compared yet with the other articles, shown
        alone so it can be read meanwhile."""
        self.detail = detail
        head = self.query_one("#detail-head", Static)
        members = list(self.query(MemberStatement))
        if detail is None:
            head.update("No cluster to show.")
            for widget in members:
                widget.display = False
            self.query_one("#detail-related", Static).display = False
            self.query_one("#detail-silent", Static).update("")
            self.query_one("#detail-compare", Static).update("")
            return
        from rich.text import Text

        cluster = detail.cluster
        title = Text()
        title.append(cluster.id, style="bold magenta")
        title.append(f"  {outlets_label(len(cluster.claims), cluster.independent)}")
        title.append(f" · {' + '.join(cluster.languages)}")
        if pending:
            title.append("  not yet compared", style="bold yellow")
        if review and review.reviewed:
            title.append("  ✓ reviewed", style="bold green")
        if review and review.note:
            title.append("\nNote: ", style="bold")
            title.append(printable(review.note))
        head.update(title)
        self.selected = min(selected, len(detail.members) - 1)
        for k, widget in enumerate(members):
            if k < len(detail.members):
                widget.update(member_text(detail.members[k], k == self.selected and self.has_focus))
                widget.set_class(k == self.selected, "-selected")
                widget.display = True
            else:
                widget.display = False
        related = self.query_one("#detail-related", Static)
        related.display = bool(detail.related) and not pending
        related.update(related_text(detail.related, related_hint))
        if pending:
            self.query_one("#detail-silent", Static).update(
                Text(
                    "Not yet compared with the other articles: the outlets that state it too, "
                    "and how they differ, appear when the comparison finishes.",
                    style="dim",
                )
            )
            self.query_one("#detail-compare", Static).update("")
            return
        stating = set(detail.cluster.sources)
        others = {r.related.claim.source for r in detail.related} - stating
        self.query_one("#detail-silent", Static).update(
            silent_text(detail.silent, len(others), detail.before, detail.day)
        )
        self.query_one("#detail-compare", Static).update(comparison(detail, outlets))

    def _select(self, index: int) -> None:
        if self.detail is None or not self.detail.members:
            return
        self.selected = max(0, min(index, len(self.detail.members) - 1))
        members = list(self.query(MemberStatement))
        for k, member in enumerate(self.detail.members):
            members[k].update(member_text(member, k == self.selected and self.has_focus))
            members[k].set_class(k == self.selected, "-selected")
        self.scroll_to_widget(members[self.selected], animate=False)

    def on_focus(self) -> None:
        """Show the outlet cursor while focused."""
        self._select(self.selected)

    def on_blur(self) -> None:
        """Hide the outlet cursor when the list has the keys."""
        self._select(self.selected)

    def action_next_member(self) -> None:
        """Pick the next outlet's statement."""
        self._select(self.selected + 1)

    def action_previous_member(self) -> None:
        """Pick the previous outlet's statement."""
        self._select(self.selected - 1)

    def action_back(self) -> None:
        """Give the keys back to the list."""
        self.post_message(self.Back())
