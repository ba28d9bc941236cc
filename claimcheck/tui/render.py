"""Rich :class:`~rich.text.Text` for rows, statements, diffs and article lines.

Article text only ever enters a ``Text`` as plain text (``Text(...)``/``append``), never as
markup, and always through :func:`~claimcheck.core.browse.printable`, so ``[bold]`` stays
``[bold]`` and a terminal escape shows as a visible placeholder instead of acting.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from claimcheck.core.browse import (
    MARKERS,
    STATUS_RANK,
    ArticleLine,
    Detail,
    Member,
    RelatedClaim,
    Row,
    evidence_parts,
    one_line,
    printable,
)
from claimcheck.core.defaults import shown_confidence
from claimcheck.core.types import Claim, ClusterReview, Difference, Evidence, Source

#: Styles carry bold/underline/reverse as well as colour, so they stay distinct under NO_COLOR.
STYLE_FIGURE = "underline cyan"
STYLE_NAME = "underline italic green"
STYLE_DIFFERS = "bold reverse yellow"
STYLE_ONLY_IN = "bold underline yellow"
STYLE_DELETE = "strike red"
STYLE_INSERT = "bold underline green"
STYLE_DIM = "dim"
STYLE_MARKER = "bold yellow"
STYLE_CLUSTER = "bold magenta"
STYLE_READER = "bold green"
STYLE_SURE = "italic"


def markers_cell(markers: str) -> str:
    """The fixed-width marker column of a row: a letter where it applies, ``·`` elsewhere."""
    return "".join(letter if letter in markers else "·" for letter, _ in MARKERS)


#: Below this many columns the list drops the placeholders of absent markers, and below
#: :data:`LANGUAGES_WIDTH` the languages too (the detail pane's header names them), so a claim's
#: words keep most of a narrow list.
COMPACT_WIDTH = 60
LANGUAGES_WIDTH = 44


@dataclass(frozen=True)
class RowLayout:
    """How much of a row's prefix the list has room for."""

    compact: bool = False
    """Marker letters only where they apply (padded to :attr:`markers`), not one slot each."""
    markers: int = len(MARKERS)
    languages: bool = True


def row_layout(width: int, rows: Sequence[Row]) -> RowLayout:
    """The row layout for a list ``width`` columns wide (its content, without border)."""
    if width >= COMPACT_WIDTH:
        return RowLayout()
    most = max((len(r.markers) for r in rows), default=0)
    return RowLayout(True, max(most, 1), width >= LANGUAGES_WIDTH)


#: The marker of a claim not compared yet (shown alone while the articles are being compared).
PENDING_MARKER = "?"


def row_text(
    row: Row, review: ClusterReview | None, layout: RowLayout | None = None, pending: bool = False
) -> Text:
    """One line of the cluster list; the count is out of the outlets of the cluster's story (in
    a many-story input, the others could not have stated it). A ``pending`` row is a claim not
    compared yet: its marker column holds :data:`PENDING_MARKER` alone."""
    layout = layout or RowLayout()
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    mark = "✓" if review and review.reviewed else " "
    mark += "✎" if review and review.note else " "
    text.append(mark, style="bold green")
    if pending:
        width = layout.markers if layout.compact else len(MARKERS)
        text.append(f"{PENDING_MARKER:<{width}}", style=STYLE_DIM)
    else:
        cell = f"{row.markers:<{layout.markers}}" if layout.compact else markers_cell(row.markers)
        text.append(cell, style=STYLE_MARKER if row.markers else STYLE_DIM)
    text.append(f" {row.outlets}/{row.possible} ", style="bold" if row.outlets > 1 else STYLE_DIM)
    if layout.languages:
        text.append(f"{'+'.join(row.languages):<5} ", style="italic")
    text.append(row.label)
    return text


def _outlet_line(member: Member, selected: bool) -> Text:
    source = member.source
    text = Text()
    text.append("▶ " if selected else "  ", style="bold")
    text.append(one_line(source.outlet), style="bold")
    meta = [member.claim.source, member.claim.language]
    if source.date:
        meta.append(source.date)
    if member.claim.role != "body":
        meta.append(member.claim.role)
    if member.claim.repeats > 1:
        meta.append(f"stated {member.claim.repeats} times")
    text.append(f"  ({', '.join(meta)})", style=STYLE_DIM)
    if member.how_sure:
        text.append("  ")
        style = STYLE_READER if member.confirmed_by == "reader" else STYLE_SURE
        text.append(member.how_sure, style=style)
    return text


def span_style(kind: str, status: str) -> str:
    """How a figure or name is highlighted, by how it compares with the other outlets."""
    if status == "differs":
        return STYLE_DIFFERS
    if status == "only_in":
        return STYLE_ONLY_IN
    return STYLE_NAME if kind == "name" else STYLE_FIGURE


def member_text(member: Member, selected: bool = False) -> Text:
    """One outlet's statement: who, language and date, then the text with highlights."""
    body = Text(printable(member.claim.text))
    for span in member.spans:
        body.stylize(span_style(span.kind, span.status), span.start, span.end)
    return Text.assemble(_outlet_line(member, selected), "\n", body)


def outlets_label(n: int, origins: int) -> str:
    """The outlet count, with how many are independent when some carry one dispatch."""
    label = f"{n} outlet{'s' if n != 1 else ''}"
    if n > 1 and 0 < origins < n:
        label += f", {origins} independent"
    return label


def evidence_line(evidence: Evidence | None) -> Text:
    """The verifier's evidence on a pair in one short dim line."""
    parts = evidence_parts(evidence) if evidence is not None else []
    return Text(" · ".join(parts) if parts else "no aligned words, names or figures", STYLE_DIM)


def related_text(related: tuple[RelatedClaim, ...], hint: str = "") -> Text:
    """The "Related, not confirmed" block: outlet, confidence, text and evidence of each related
    claim and, above the threshold, why the tool did not join it; the first (the one ``hint``'s
    keys act on) marked."""
    text = Text("Related, not confirmed:", style="bold")
    if not related:
        text.append(" none", style=STYLE_DIM)
        return text
    for k, item in enumerate(related):
        claim = item.related.claim
        text.append("\n")
        text.append("▸ " if k == 0 else "  ", style="bold")
        text.append(one_line(item.source.outlet), style="bold")
        text.append(f"  ({claim.source}, {claim.language})", style=STYLE_DIM)
        text.append(f"  {shown_confidence(item.related.confidence)}", style=STYLE_SURE)
        if k == 0 and hint:
            text.append(f"  {hint}", style=STYLE_MARKER)
        text.append("\n  ")
        text.append(one_line(claim.text))
        text.append("\n  ")
        text.append_text(evidence_line(item.evidence))
        if item.apart:  # why the tool did not join it, as the report says
            text.append(f"\n  {one_line(item.apart)}", style=STYLE_DIM)
    return text


def pair_claim_text(claim: Claim, source: Source, cluster: str | None, size: int) -> Text:
    """One claim of a suggested pair: outlet, id, language, date, its cluster now, the text."""
    text = Text()
    text.append(one_line(source.outlet), style="bold")
    meta = [claim.id, claim.language]
    if source.date:
        meta.append(source.date)
    text.append(f"  ({', '.join(meta)})", style=STYLE_DIM)
    if cluster is not None:
        others = f" with {size - 1} other outlet{'s' if size != 2 else ''}" if size > 1 else ""
        text.append(f"  in {cluster}{others}", style=STYLE_CLUSTER)
    text.append("\n")
    text.append(printable(claim.text))
    return text


def evidence_text(evidence: Evidence) -> Text:
    """The verifier's evidence on a pair, one item a line, for the review view."""
    text = Text("Evidence", style="bold")
    rows = [
        ("similarity (centred cosine)", f"{evidence.cosine:.2f}"),
        ("aligned words", ", ".join(a if a == b else f"{a} ~ {b}" for a, b in evidence.words)),
        ("names in both", ", ".join(evidence.shared_names)),
        ("names in one only", ", ".join(evidence.other_names)),
        ("figures that agree", ", ".join(evidence.agreeing_figures)),
        ("figures that conflict", ", ".join(evidence.conflicting_figures)),
    ]
    for label, value in rows:
        text.append(f"\n  {label}: ")
        if value:
            text.append(one_line(value), style=STYLE_DIFFERS if "conflict" in label else "")
        else:
            text.append("none", style=STYLE_DIM)
    return text


def silent_text(
    silent: tuple[Source, ...],
    related: int = 0,
    before: tuple[Source, ...] = (),
    day: datetime.date | None = None,
) -> Text:
    """The outlets of the corpus that do not state the claim; ``related``: how many outlets that
    are not members have a related claim (not confirmed), so are neither stating nor silent;
    ``before``: outlets dated before ``day``, the day the claim reports, so not silent either."""
    text = Text("Not stated by: ", style="bold")
    if not silent and related:
        others = "the other outlet has" if related == 1 else f"the other {related} outlets have"
        text.append(f"none confirmed silent ({others} a related claim)", style=STYLE_DIM)
    elif not silent and before:
        text.append("none of those written after it", style=STYLE_DIM)
    elif not silent:
        text.append("none (every outlet states it)", style=STYLE_DIM)
    else:
        text.append(", ".join(f"{one_line(s.outlet)} ({s.id})" for s in silent))
    if before:
        text.append(f"\nWritten before {day or 'what it reports'}: ", style="bold")
        text.append(", ".join(f"{one_line(s.outlet)} ({s.id}, {s.date})" for s in before))
    return text


#: The shape that says how an aligned item compares, so it reads without colour (NO_COLOR).
STATUS_MARKS: Mapping[str, str] = {"differs": "≠", "only_in": "±", "refines": "≈", "agree": "="}
#: An outlet name in the stacked layout takes at most this share of the width.
NAME_SHARE = 0.4


class AlignedItems:
    """The aligned figures and names: a table (item, status, one column per outlet) where it fits
    without breaking a word, else one block per item with each outlet's value on its own line.

    The choice is made at render time, from the width the pane has then, so it follows the
    terminal's size and the list/detail split.
    """

    def __init__(
        self, items: Sequence[Difference], members: Sequence[str], names: Mapping[str, str]
    ) -> None:
        self.items = sorted(items, key=lambda d: -STATUS_RANK.get(d.status, 0))
        self.members = list(members)
        self.names = names

    def title(self) -> Text:
        """The heading above either layout."""
        return Text("Aligned figures and names", style="bold")

    def _status(self, diff: Difference) -> Text:
        mark = STATUS_MARKS.get(diff.status, "·")
        style = STYLE_DIFFERS if diff.status == "differs" else ""
        return Text(f"{mark} {diff.status.replace('_', ' ')}", style=style)

    def table(self) -> Table:
        """Side by side: one row per item, one column per outlet."""
        table = Table(
            title=self.title(), title_justify="left", box=box.SIMPLE_HEAD, show_edge=False
        )
        table.pad_edge = False
        table.add_column("item", no_wrap=True)
        table.add_column("status", no_wrap=True)
        for source_id in self.members:
            table.add_column(Text(self.names.get(source_id, source_id)), no_wrap=True)
        for diff in self.items:
            by_source = dict(diff.values)
            cells = [Text(printable(by_source.get(s, "·"))) for s in self.members]
            table.add_row(Text(diff.kind), self._status(diff), *cells)
        return table

    def stacked(self, width: int) -> Group:
        """One block per item: its kind and status, then each outlet's value under it."""
        name_width = max(len(self.names.get(s, s)) for s in self.members)
        name_width = min(name_width, max(8, int(width * NAME_SHARE)))
        blocks: list[RenderableType] = [self.title()]
        for diff in self.items:
            head = Text()
            head.append(diff.kind, style="bold")
            head.append("  ")
            head.append_text(self._status(diff))
            grid = Table.grid(padding=(0, 1))
            grid.add_column(width=1)
            grid.add_column(width=name_width, no_wrap=True, overflow="ellipsis")
            grid.add_column(ratio=1)
            by_source = dict(diff.values)
            for source_id in self.members:
                value = by_source.get(source_id)
                shown = Text(printable(value)) if value else Text("not stated", style=STYLE_DIM)
                grid.add_row("", Text(self.names.get(source_id, source_id)), shown)
            blocks.extend([head, grid])
        return Group(*blocks)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = self.table()
        needed = Measurement.get(console, options.update(width=10_000), table).maximum
        yield table if needed <= options.max_width else self.stacked(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def comparison(detail: Detail, outlets: Mapping[str, str]) -> RenderableType:
    """Word diffs for same-language members and the aligned figures and names (side by side where
    they fit, stacked where they do not)."""
    parts: list[RenderableType] = []
    items = [d for d in detail.cluster.differences if d.kind != "wording"]
    if items:
        names = {m.source.id: one_line(m.source.outlet) for m in detail.members}
        parts.append(AlignedItems(items, list(detail.cluster.sources), names))
    for wording in detail.word_diffs:
        left, right = wording.left, wording.right
        text = Text()
        text.append("Wording ", style="bold")
        text.append(f"{outlets.get(left, left)} → {outlets.get(right, right)}")
        text.append("\n")
        for op, piece in wording.pieces:
            style = {"delete": STYLE_DELETE, "insert": STYLE_INSERT}.get(op, "")
            text.append(printable(piece), style=style)
        parts.append(text)
    if not parts:
        if len(detail.cluster.claims) == 1:
            return Text("Only one outlet states this.", style=STYLE_DIM)
        return Text("No figures or names to compare.", style=STYLE_DIM)
    spaced: list[RenderableType] = []
    for part in parts:
        if spaced:
            spaced.append(Text(""))
        spaced.append(part)
    return Group(*spaced)


def article_line_text(line: ArticleLine, target: bool) -> Text:
    """One sentence of the article view: its cluster tag, or why it was dropped."""
    sentence = line.sentence
    text = Text()
    if line.cluster_id is None:
        reason = sentence.reason or sentence.role
        text.append(f"[dropped: {reason}] ", style="italic")
        text.append(printable(sentence.text))
        text.stylize(STYLE_DIM)
        return text
    text.append(f"{line.cluster_id:>5} ", style=STYLE_CLUSTER)
    text.append(printable(sentence.text), style="bold underline" if target else "")
    if sentence.role != "body":
        text.append(f"  ({sentence.role})", style=STYLE_DIM)
    return text
