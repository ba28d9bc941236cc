"""The help screen: every binding with the keys that trigger it now, and the row markers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from claimcheck.core.browse import MARKERS
from claimcheck.tui.keymap import KEYS, effective_keys
from claimcheck.tui.render import PENDING_MARKER

if TYPE_CHECKING:
    from claimcheck.core.review import Mark

_KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "plus": "+",
    "minus": "-",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "escape": "Esc",
}


def pretty_keys(keys: str) -> str:
    """Keys as a user types them: ``question_mark`` -> ``?``."""
    return " ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def help_table(keymap: dict[str, str]) -> Table:
    """All bindings: keys, what they do, where they act, and their id for the keymap file."""
    table = Table(expand=True, show_edge=False, pad_edge=False)
    table.add_column("keys", no_wrap=True, style="bold")
    table.add_column("does")
    table.add_column("where")
    table.add_column(Text("id ([keys])"), style="dim")
    keys = effective_keys(keymap)
    for key in KEYS:
        table.add_row(
            Text(pretty_keys(keys[key.id])), key.help or key.description, key.context, key.id
        )
    return table


def orphans_text(orphans: Sequence[Mark]) -> Text:
    """The review's marks whose claims are no longer in the input, one per line."""
    from claimcheck.report.markdown import ORPHANS_HEADING, orphan_line

    out = Text(ORPHANS_HEADING, style="bold")
    out.append(" (kept in the review file; back on their claim if it returns)\n")
    for mark in orphans:
        out.append("• ")
        out.append(" ".join(orphan_line(mark).split()))
        out.append("\n")
    return out


class HelpScreen(ModalScreen[None]):
    """Lists every binding; any of Escape, q or ? closes it. Notes whose claims are no longer in
    the input come first, when there are any: this is where the reader reads them."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]  # noqa: RUF012

    def __init__(
        self,
        keymap: dict[str, str],
        keymap_path: str,
        orphans: Sequence[Mark] = (),
        config_path: str = "config.toml",
    ) -> None:
        super().__init__()
        self.keymap = keymap
        self.keymap_path = keymap_path
        self.config_path = config_path
        self.orphans = tuple(orphans)

    def compose(self) -> ComposeResult:
        """The orphaned notes, the bindings, the row markers and where the keymap lives."""
        markers = Text("\nRow markers: ", style="bold")
        markers.append("  ".join(f"{letter} {meaning}" for letter, meaning in MARKERS))
        markers.append("\n✓ reviewed  ✎ has a note   n/5: outlets stating it   en+fr: languages")
        markers.append(f"\n{PENDING_MARKER} not yet compared (while loading, each claim alone)")
        markers.append(
            f'\n\nRemap keys in the [keys] table of {self.config_path} (id = "keys"); '
            f"{self.keymap_path} is read too, and the config file wins where both remap a key."
        )
        with VerticalScroll(classes="dialog wide", id="help"):
            if self.orphans:
                yield Static(orphans_text(self.orphans), id="help-orphans")
            yield Static(Text("claimcheck · keys", style="bold"))
            yield Static(help_table(self.keymap))
            yield Static(markers)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
