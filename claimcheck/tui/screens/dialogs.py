"""Small modal dialogs: a yes/no confirmation, a one-line prompt, and the move-claim picker."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from claimcheck.core.browse import Row, matches
from claimcheck.tui.render import row_text


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with ``True`` only on an explicit yes."""

    BINDINGS = [  # noqa: RUF012 - Textual's declared type
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(classes="dialog"):
            yield Static(Text(self.question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="yes", variant="warning")
                yield Button("No (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        """No is the safe default."""
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Close with ``answer``."""
        self.dismiss(answer)


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; Enter accepts, Escape dismisses with ``None``."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]  # noqa: RUF012

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        """The title, the input and a hint."""
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-question")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label("Enter to confirm · Escape to cancel", classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)


@dataclass(frozen=True)
class MoveTarget:
    """Where to move a claim: into ``cluster_id``, or alone when it is ``None``."""

    cluster_id: str | None


ALONE = "__alone__"


class MoveScreen(ModalScreen[MoveTarget | None]):
    """Pick the cluster a claim should join (searchable), or a cluster of its own."""

    BINDINGS = [  # noqa: RUF012 - Textual's declared type
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "focus_list", "List", show=False),
    ]

    def __init__(self, claim_text: str, rows: list[Row]) -> None:
        super().__init__()
        self.claim_text = claim_text
        self.rows = rows

    def compose(self) -> ComposeResult:
        """The claim being moved, a search box and the candidate clusters."""
        with Vertical(classes="dialog wide"):
            yield Label(Text("Move this claim:"), classes="dialog-question")
            yield Static(Text(self.claim_text), classes="dialog-claim")
            yield Input(placeholder="type to search clusters", id="move-search")
            yield OptionList(id="move-targets")
            yield Label("Enter picks (or goes to the list) · Escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        """Fill the list and focus the search box."""
        self._fill("")
        self.query_one("#move-search", Input).focus()

    def _fill(self, query: str) -> None:
        options = [Option(Text("↳ into a cluster of its own", style="bold"), id=ALONE)]
        options += [
            Option(row_text(row, None), id=row.cluster_id)
            for row in self.rows
            if not query.strip() or matches(row, query)
        ]
        target = self.query_one("#move-targets", OptionList)
        target.set_options(options)
        target.highlighted = 0

    @on(Input.Changed, "#move-search")
    def _search(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#move-search")
    def _submit_search(self) -> None:
        target = self.query_one("#move-targets", OptionList)
        if target.option_count == 2:  # exactly one cluster matches: take it
            self._pick(1)
        else:
            target.highlighted = 1 if target.option_count > 1 else 0
            target.focus()

    @on(OptionList.OptionSelected, "#move-targets")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option_index)

    def _pick(self, index: int | None) -> None:
        if index is None:
            return
        option = self.query_one("#move-targets", OptionList).get_option_at_index(index)
        self.dismiss(MoveTarget(None if option.id == ALONE else option.id))

    def action_focus_list(self) -> None:
        """Move the keys from the search box to the list."""
        self.query_one("#move-targets", OptionList).focus()

    def action_cancel(self) -> None:
        """Close without moving anything."""
        self.dismiss(None)
