"""The review view: every open suggestion (two claims of different outlets that may state the same
fact), most likely first, for the reader to confirm or reject one after another; a pair that
would only swap an outlet's claim in a cluster comes after those that may add an outlet.

The view keeps its own list of the pairs still open; each verdict is handed to the main screen,
which saves it and verifies the clusters again, and sends the new result back here
(:meth:`SuggestionScreen.update_result`), which drops the pairs that verdict settled.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from claimcheck.core.browse import (
    lookup,
    open_suggestions,
    outlet_held,
    review_key,
    why_apart,
)
from claimcheck.core.defaults import shown_confidence
from claimcheck.core.types import Result, Suggestion
from claimcheck.tui.keymap import binding
from claimcheck.tui.render import STYLE_DIM, evidence_text, pair_claim_text

#: Records the reader's verdict on a pair of claim ids; False when it could not be saved.
Decide = Callable[[tuple[str, str], bool], bool]


def _key(pair: tuple[str, str]) -> frozenset[str]:
    return frozenset(pair)


class SuggestionScreen(Screen[None]):
    """One suggested pair at a time: both claims, the verifier's confidence and its evidence."""

    BINDINGS = [  # noqa: RUF012 - Textual's declared type
        binding("confirm"),
        binding("reject"),
        binding("suggestion-next"),
        binding("suggestion-previous"),
        binding("back"),
        binding("help"),
    ]

    def __init__(self, result: Result, decide: Decide) -> None:
        super().__init__()
        self.result = result
        self.found = lookup(result)
        """The result's claims and clusters by id."""
        self.decide = decide
        self.decided: dict[frozenset[str], bool] = {}
        """Verdicts given here, so a result computed before them never brings their pair back."""
        self.items: list[Suggestion] = self._open(result)
        self.index = 0

    def _open(self, result: Result) -> list[Suggestion]:
        return [s for s in open_suggestions(result) if _key(s.claims) not in self.decided]

    @property
    def current(self) -> Suggestion | None:
        """The pair shown, if any is left."""
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    def compose(self) -> ComposeResult:
        """Where we are, the two claims, the evidence, the keys."""
        yield Static(id="suggestion-head")
        with VerticalScroll(id="suggestion-body"):
            yield Static(id="suggestion-a", classes="pair-claim")
            yield Static(id="suggestion-b", classes="pair-claim")
            yield Static(id="suggestion-evidence")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        """Show the most likely pair."""
        self._show()

    def update_result(self, result: Result) -> None:
        """Take the clusters verified again after a verdict: the pairs it settled leave the list;
        the pair shown stays if still open, else the one that came after it is shown."""
        shown = self.current
        before = self.found
        self.result = result
        self.found = lookup(result)
        self.items = self._open(result)
        if shown is not None:
            at = next(
                (k for k, s in enumerate(self.items) if _key(s.claims) == _key(shown.claims)), None
            )
            if at is None:  # settled: show the pair that came after it
                was = review_key(shown, before)
                at = sum(1 for s in self.items if review_key(s, self.found) < was)
            self.index = at
        self.index = max(0, min(self.index, len(self.items) - 1))
        self._show()

    def _show(self) -> None:
        head = self.query_one("#suggestion-head", Static)
        parts = [self.query_one(f"#suggestion-{n}", Static) for n in ("a", "b", "evidence")]
        suggestion = self.current
        title = Text("Suggestions", style="bold")
        if suggestion is None:
            decided = len(self.decided)
            title.append("  no open suggestion left", style=STYLE_DIM)
            if decided:
                title.append(f" · {decided} decided here")
            head.update(title)
            for part in parts:
                part.display = False
            self.refresh_bindings()
            return
        order = "most likely first"
        if outlet_held(suggestion, self.found) is not None:
            order = "after every pair that may add an outlet"
        title.append(f"  {self.index + 1} of {len(self.items)} open · {order}")
        title.append(f"\nconfidence {shown_confidence(suggestion.confidence)}", style="bold")
        title.append(
            " that these state the same fact (not confirmed until you press y)", style=STYLE_DIM
        )
        apart = why_apart(self.result, suggestion, self.found)
        if apart:
            title.append(f"\n{apart}", style=STYLE_DIM)
        head.update(title)
        where = self.found.where
        sizes = {c.id: len(c.claims) for c in self.result.clusters}
        claims = self.found.claims
        for part, claim_id in zip(parts, suggestion.claims, strict=False):
            claim = claims[claim_id]
            cluster = where.get(claim_id)
            part.update(
                pair_claim_text(
                    claim,
                    self.result.source(claim.source),
                    cluster,
                    sizes.get(cluster, 1) if cluster else 1,
                )
            )
            part.display = True
        parts[2].update(evidence_text(suggestion.evidence))
        parts[2].display = True
        self.query_one("#suggestion-body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what cannot act: verdicts with nothing shown, moves past either end."""
        if action in ("confirm", "reject"):
            return self.current is not None or None
        if action == "next_suggestion":
            return self.index + 1 < len(self.items) or None
        if action == "previous_suggestion":
            return self.index > 0 or None
        return True

    def action_confirm(self) -> None:
        """The two claims state the same fact: they join one cluster."""
        self._decide(True)

    def action_reject(self) -> None:
        """They state different facts: never in one cluster, and no longer suggested."""
        self._decide(False)

    def _decide(self, confirmed: bool) -> None:
        suggestion = self.current
        if suggestion is None or not self.decide(suggestion.claims, confirmed):
            return
        self.decided[_key(suggestion.claims)] = confirmed
        del self.items[self.index]  # the next one slides into place
        self.index = max(0, min(self.index, len(self.items) - 1))
        self._show()

    def action_next_suggestion(self) -> None:
        """Show the next open pair (less likely)."""
        if self.index + 1 < len(self.items):
            self.index += 1
            self._show()

    def action_previous_suggestion(self) -> None:
        """Show the previous open pair (more likely)."""
        if self.index > 0:
            self.index -= 1
            self._show()

    def action_back(self) -> None:
        """Back to the list."""
        self.dismiss(None)

    def action_help(self) -> None:
        """Every binding."""
        self.app.action_help()  # type: ignore[attr-defined]
