"""The article view: one article sentence by sentence, each kept claim tagged with its cluster."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from claimcheck.core.browse import article_lines, one_line
from claimcheck.core.types import Result
from claimcheck.tui.keymap import binding, list_navigation
from claimcheck.tui.render import article_line_text


class SentenceList(OptionList):
    """The article's sentences; dropped ones are shown dimmed and skipped by the cursor."""

    inherit_bindings = False
    BINDINGS = [  # noqa: RUF012 - Textual's declared type
        *list_navigation(),
        binding("jump-to-cluster", action="select"),
    ]


class ArticleScreen(Screen[str | None]):
    """Shows an article scrolled to one claim; dismisses with the cluster id to jump to, if any."""

    BINDINGS = [  # noqa: RUF012 - Textual's declared type
        binding("back"),
        binding("help"),
        binding("quit"),
    ]

    def __init__(self, result: Result, source_id: str, claim_id: str | None) -> None:
        super().__init__()
        self.result = result
        self.source = result.source(source_id)
        self.claim_id = claim_id
        self.lines = article_lines(result, source_id)

    def compose(self) -> ComposeResult:
        """A header naming the article, then its sentences."""
        head = Text()
        head.append(one_line(self.source.outlet), style="bold")
        meta = [self.source.id, self.source.language]
        if self.source.date:
            meta.append(self.source.date)
        head.append(f"  ({', '.join(meta)})  ", style="dim")
        if self.source.title:
            head.append(one_line(self.source.title), style="italic")
        dropped = sum(1 for line in self.lines if line.cluster_id is None)
        head.append(
            f"\n{len(self.lines) - dropped} claims · {dropped} dropped (dimmed)", style="dim"
        )
        head.append(" · Enter: go to the sentence's cluster · Escape: back", style="dim")
        yield Static(head, id="article-head")
        options = [
            Option(
                article_line_text(line, line.claim_id == self.claim_id),
                id=f"s{line.sentence.index}",
                disabled=line.cluster_id is None,
            )
            for line in self.lines
        ]
        yield SentenceList(*options, id="article-sentences")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        """Put the cursor on the claim and scroll it into the middle of the view."""
        sentences = self.query_one(SentenceList)
        sentences.focus()
        target = next(
            (k for k, line in enumerate(self.lines) if line.claim_id == self.claim_id),
            next((k for k, line in enumerate(self.lines) if line.cluster_id), None),
        )
        if target is not None:
            sentences.highlighted = target
            self.call_after_refresh(self._center, target)

    def _center(self, index: int) -> None:
        sentences = self.query_one(SentenceList)
        sentences.scroll_to_highlight()
        line = sentences._index_to_line.get(index)  # the first screen line of that sentence
        if line is not None:
            top = max(0, line - sentences.scrollable_content_region.height // 2)
            sentences.scroll_to(y=top, animate=False, immediate=True)

    @property
    def highlighted_cluster(self) -> str | None:
        """Cluster of the sentence under the cursor."""
        index = self.query_one(SentenceList).highlighted
        return None if index is None else self.lines[index].cluster_id

    @on(OptionList.OptionSelected)
    def _jump(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.lines[event.option_index].cluster_id)

    def action_back(self) -> None:
        """Back to the view this article was opened from, selection unchanged."""
        self.dismiss(None)

    def action_help(self) -> None:
        """The help screen."""
        self.app.action_help()  # type: ignore[attr-defined]
