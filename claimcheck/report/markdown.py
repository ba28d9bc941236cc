"""A :class:`Result` rendered as a Markdown report: pure functions from data to text, no I/O.

The report reads as plain text and on a Markdown renderer, and article text can never change its
structure: every piece of it goes through :func:`escape_inline` (one line, Markdown and HTML
syntax neutralised) before it is placed in a list item or a table cell.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from claimcheck.core.types import Claim, Cluster, ClusterReview, Result, Source

#: Characters that start Markdown or HTML syntax inline; escaped with a backslash (CommonMark
#: allows a backslash before any ASCII punctuation, and shows the character literally).
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
#: Control characters (C0 except tab/newline, DEL, C1): terminal escapes have no place in a report.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")

LABEL_WIDTH = 90
STATUS_MARK = {
    "agree": "agree",
    "refines": "refines",
    "differs": "**DIFFERS**",
    "only_in": "only in",
}


def escape_inline(text: str) -> str:
    """``text`` as one inert line of Markdown: no markup, links, HTML, tables or line breaks."""
    text = _CONTROL.sub("", text)
    text = _SPACE.sub(" ", text).strip()
    text = _SPECIAL.sub(r"\\\1", text)
    return _ENTITY.sub("&amp;", text)


def label(text: str, width: int = LABEL_WIDTH) -> str:
    """A short label of a claim: its start, cut at a word boundary, with an ellipsis if cut."""
    text = _SPACE.sub(" ", _CONTROL.sub("", text)).strip()
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "…"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> list[str]:
    aligns = align or "l" * len(header)
    rule = ["---" if a == "l" else ":-:" for a in aligns]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _language_list(codes: Sequence[str]) -> str:
    return ", ".join(codes) if codes else "none"


def summary_counts(result: Result) -> dict[str, int]:
    """The figures of the summary: clusters, shared, cross-language, single-outlet, differing."""
    clusters = result.clusters
    return {
        "sources": len(result.sources),
        "claims": len(result.claims),
        "clusters": len(clusters),
        "shared": sum(1 for c in clusters if c.shared),
        "cross_language": sum(1 for c in clusters if c.cross_language),
        "single_outlet": sum(1 for c in clusters if not c.shared),
        "with_differences": sum(1 for c in clusters if c.differs),
    }


def dispatch_pairs(result: Result) -> list[tuple[str, str, float]]:
    """Pairs of sources whose shared claims run in the same order through most of the shorter
    article: likely one dispatch (a wire story, perhaps translated), not independent reports."""
    if result.same_dispatch:
        return list(result.same_dispatch)
    from claimcheck.core.compare.differences import dispatch_positions, same_dispatch

    positions = dispatch_positions(result.clusters)
    ordered = {s.id: positions[s.id] for s in result.sources if s.id in positions}
    return same_dispatch(ordered)


def _figures_and_names(claim: Claim, source: Source) -> tuple[list[str], list[str]]:
    from claimcheck.core.extract.figures import extract_figures
    from claimcheck.core.extract.names import extract_names

    figures = [f.text for f in extract_figures(claim.text, claim.language, source.date)]
    names: list[str] = []
    for name in extract_names(claim.text, claim.language):
        if name.text not in names:
            names.append(name.text)
    return figures, names


def _how_sure(by: str, confidence: float) -> str:
    """How a member got into its cluster, in words."""
    if by == "reader":
        return "confirmed by the reader"
    return f"verified, confidence {confidence:.2f}"


def render_cluster(
    cluster: Cluster,
    sources: Mapping[str, Source],
    source_order: Sequence[str],
    review: ClusterReview | None = None,
) -> list[str]:
    """The report section of one cluster."""
    n = len(cluster.claims)
    outlets = "1 outlet only" if n == 1 else f"{n} outlets"
    if n > 1 and cluster.independent < n:
        outlets += f", {cluster.independent} independent"
    langs = " + ".join(cluster.languages)
    lines = [f"### {cluster.id} · {outlets} · {langs}", ""]
    if review is not None and (review.reviewed or review.note):
        if review.reviewed:
            lines.append("Reviewed: yes")
        if review.note:
            lines.append(f"Note: {escape_inline(review.note)}")
        lines.append("")
    for k, claim in enumerate(cluster.claims):
        source = sources[claim.source]
        meta = [f"`{claim.source}`", claim.language]
        if cluster.confirmed_by:
            meta.append(_how_sure(cluster.confirmed_by[k], cluster.confidence[k]))
        if source.date:
            meta.append(source.date)
        if claim.role != "body":
            meta.append(claim.role)
        if claim.repeats > 1:
            meta.append(f"stated {claim.repeats} times")
        lines.append(f"- **{escape_inline(source.outlet)}** ({', '.join(meta)}): ")
        lines[-1] += escape_inline(claim.text)
        figures, names = _figures_and_names(claim, source)
        if figures:
            lines.append("  - figures: " + "; ".join(escape_inline(f) for f in figures))
        if names:
            lines.append("  - names: " + "; ".join(escape_inline(x) for x in names))
    if cluster.related:
        lines.append("")
        lines.append(
            "Related, not confirmed (may state the same fact; check before relying on it):"
        )
        for related in cluster.related:
            source = sources[related.claim.source]
            lines.append(
                f"- **{escape_inline(source.outlet)}** (`{related.claim.source}`, "
                f"confidence {related.confidence:.2f}): {escape_inline(related.claim.text)}"
            )
    silent = [
        s
        for s in source_order
        if s not in cluster.sources and s not in {r.claim.source for r in cluster.related}
    ]
    if cluster.shared and silent:
        lines.append("")
        lines.append(
            "Not stated by: " + ", ".join(escape_inline(sources[s].outlet) for s in silent)
        )
    shown = [d for d in cluster.differences if d.kind != "wording"]
    wording = [d for d in cluster.differences if d.kind == "wording"]
    if shown:
        members = list(cluster.sources)
        rows = []
        for diff in shown:
            by_source = dict(diff.values)
            cells = [escape_inline(by_source.get(s, "")) or "·" for s in members]
            rows.append([diff.kind, STATUS_MARK.get(diff.status, diff.status), *cells])
        lines.append("")
        lines += _table(["item", "status", *[f"`{s}`" for s in members]], rows)
    for diff in wording:
        who = ", ".join(f"`{s}`" for s, _ in diff.values)
        lines.append("")
        lines.append(
            f"Shared wording: {who}" + (f" ({escape_inline(diff.note)})" if diff.note else "")
        )
    lines.append("")
    return lines


def render_markdown(result: Result, reviews: Mapping[str, ClusterReview] | None = None) -> str:
    """The whole report. ``reviews`` (cluster id -> review) adds reviewed marks and notes."""
    reviews = reviews or {}
    sources = {s.id: s for s in result.sources}
    order = [s.id for s in result.sources]
    counts = summary_counts(result)
    claims_per_source = {s: 0 for s in order}
    for claim in result.claims:
        claims_per_source[claim.source] += 1
    languages = sorted({s.language for s in result.sources})

    out = ["# claimcheck report", ""]
    verifier = result.settings.verifier
    verifier = (
        "built-in verifier"
        if verifier in ("", "built-in")
        else f"verifier `{escape_inline(verifier)}`"
    )
    out.append(
        f"Model `{escape_inline(result.settings.model)}`, {verifier}, "
        f"confidence threshold {result.settings.threshold:g}. Outlets are shown as agreeing only "
        "on pairs the verifier accepted against every member, or that the reader confirmed; "
        "likely matches it could not verify are listed as related, not confirmed."
    )
    out += ["", "## Summary", ""]
    out.append(
        f"- {counts['sources']} sources in {len(languages)} "
        f"language{'s' if len(languages) != 1 else ''} ({_language_list(languages)}), "
        f"{counts['claims']} claims after removing site chrome and repeats."
    )
    out.append(
        f"- {counts['clusters']} clusters: {counts['shared']} shared by two or more outlets, "
        f"{counts['cross_language']} across languages, "
        f"{counts['single_outlet']} stated by one outlet only."
    )
    out.append(
        f"- {counts['with_differences']} shared clusters where outlets differ on figures, dates, "
        "names, attribution or polarity."
    )
    shared = [c for c in result.clusters if c.shared]
    if shared:
        single = sum(1 for c in shared if c.independent < 2)
        out.append(
            f"- Independent origins: {len(shared) - single} of the {len(shared)} shared clusters "
            "are stated by two or more independent origins (outlets carrying one dispatch count "
            "once)."
        )
    suggested = sum(1 for s in result.suggestions if s.status == "open")
    if suggested:
        out.append(
            f"- {suggested} related pairs of claims are suggested but not confirmed; they are "
            "listed under their clusters, and the interface walks through them most likely first."
        )
    for a, b, coverage in dispatch_pairs(result):
        out.append(
            f"- `{a}` and `{b}` are likely the same dispatch: their shared claims run in the same "
            f"order through {coverage:.0%} of the shorter article, so they are not independent "
            "confirmation."
        )
    if result.stories:
        out.append(
            f"- The articles form {len(result.stories)} stories; claims are matched within a "
            "story, and an outlet is silent on a claim only if it covers that story: "
            + "; ".join(
                f"story {k} ({', '.join(f'`{s}`' for s in ids)})"
                for k, ids in enumerate(result.stories, 1)
            )
            + "."
        )
    reviewed = sum(1 for c in result.clusters if reviews.get(c.id, ClusterReview()).reviewed)
    if reviews:
        out.append(f"- {reviewed} clusters marked reviewed.")
    out += ["", "## Sources", ""]
    rows = [
        [
            f"`{s.id}`",
            escape_inline(s.outlet),
            s.language,
            s.date or "unknown",
            str(claims_per_source[s.id]),
            escape_inline(s.original_name or s.path),
        ]
        for s in result.sources
    ]
    out += _table(["id", "outlet", "language", "date", "claims", "file"], rows)
    if result.warnings:
        out += ["", "Warnings:", ""]
        out += [f"- {escape_inline(w)}" for w in result.warnings]

    legend = (
        "x: the outlet states the claim; ~: it has a related statement, not confirmed; "
        "blank: it is silent"
    )
    legend += "; –: the outlet belongs to another story." if result.stories else "."
    out += ["", "## Coverage", "", legend, ""]
    rows = []
    for cluster in result.clusters:
        present = set(cluster.sources)
        in_story = {s.id for s in result.story_sources(cluster)}
        related = {r.claim.source for r in cluster.related}
        marks = [
            "x" if s in present else "~" if s in related else " " if s in in_story else "–"
            for s in order
        ]
        flag = "≠ " if cluster.differs else ""
        rows.append([cluster.id, *marks, flag + escape_inline(label(cluster.claims[0].text, 60))])
    out += _table(
        ["cluster", *[f"`{s}`" for s in order], "claim"], rows, "l" + "c" * len(order) + "l"
    )

    out += ["", "## Clusters", ""]
    for cluster in result.clusters:
        story_order = [s.id for s in result.story_sources(cluster)]
        out += render_cluster(cluster, sources, story_order, reviews.get(cluster.id))
    return "\n".join(out).rstrip("\n") + "\n"
