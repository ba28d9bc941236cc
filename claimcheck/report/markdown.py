"""A :class:`Result` rendered as a Markdown report: pure functions from data to text, no I/O.

The report reads as plain text and on a Markdown renderer, and article text can never change its
structure: every piece of it goes through :func:`escape_inline` (one line, Markdown and HTML
syntax neutralised) before it is placed in a list item or a table cell.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from claimcheck.core.browse import apart_note, joined_on_same_day, lookup, written_before_day
from claimcheck.core.defaults import shown_confidence
from claimcheck.core.types import Cluster, ClusterReview, Difference, Result, Source

if TYPE_CHECKING:
    from claimcheck.core.review import Mark

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
    """The figures of the summary: clusters, shared, cross-language, single-outlet, differing,
    drifting (attribution or hedging on some outlets only)."""
    clusters = result.clusters
    return {
        "sources": len(result.sources),
        "claims": len(result.claims),
        "clusters": len(clusters),
        "shared": sum(1 for c in clusters if c.shared),
        "cross_language": sum(1 for c in clusters if c.cross_language),
        "single_outlet": sum(1 for c in clusters if not c.shared),
        "with_differences": sum(1 for c in clusters if c.differs),
        "with_drift": sum(1 for c in clusters if any(_drift(d) for d in c.differences)),
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


def _plural(count: int, word: str, plural: str | None = None) -> str:
    """``1 cluster``, ``2 clusters``."""
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _how_sure(by: str, confidence: float, same_day: bool) -> str:
    """How a member got into its cluster, in words (``same_day``: it writes a day that another
    member writes, :func:`~claimcheck.core.browse.joined_on_same_day`)."""
    if by == "reader":
        return "confirmed by the reader"
    day = ", same written day" if same_day else ""
    return f"verified, confidence {shown_confidence(confidence)}{day}"


#: What each mark of the report means, printed once as its legend.
LEGEND = (
    "x: the outlet states the claim (verified, or confirmed by the reader) · ~: it has a related "
    "statement the tool could not verify · blank: it is silent · \\<: it was written before the "
    "day the claim reports · –: it covers another story. "
    "≠ before a claim: its outlets differ on it. "
    "In the differences: **DIFFERS**: the outlets' values are incompatible; refines: one is more "
    "precise and compatible; only in: stated by some outlets only; agree: the same value; "
    "attribution or hedging drift: some outlets credit the claim to someone or hedge it, others "
    "state it as fact. Rows "
    "that agree or are compatible, and names only one outlet gives, are hidden (`--all-rows` "
    "shows them)."
)


def _outlet(sources: Mapping[str, Source], source_id: str) -> str:
    return escape_inline(sources[source_id].outlet)


#: Outlet names in table headings are cut to this many characters.
HEADING_WIDTH = 20


def short_names(sources: Sequence[Source]) -> dict[str, str]:
    """Source id -> the heading of its column in a table: the outlet name cut to
    :data:`HEADING_WIDTH` and escaped, followed by the id where two outlets would otherwise read
    the same (or the name is empty), so no column is ambiguous. The Sources table maps names to
    ids."""
    cut = {s.id: label(s.outlet, HEADING_WIDTH) for s in sources}
    seen: dict[str, int] = {}
    for name in cut.values():
        seen[name.casefold()] = seen.get(name.casefold(), 0) + 1
    out = {}
    for source_id, name in cut.items():
        if not name:
            out[source_id] = f"`{source_id}`"
        elif seen[name.casefold()] > 1:
            out[source_id] = f"{escape_inline(name)} (`{source_id}`)"
        else:
            out[source_id] = escape_inline(name)
    return out


def _date_span_warning(result: Result) -> str | None:
    """A warning when the articles' dates lie more than :data:`DATE_SPAN_DAYS` apart: they may
    report different events, and "silent" or "differs" may then mean "not yet" or "later"."""
    import datetime as dt

    dates = sorted(
        (dt.date.fromisoformat(s.date), s.id) for s in result.sources if s.date is not None
    )
    if len(dates) < 2 or (dates[-1][0] - dates[0][0]).days <= DATE_SPAN_DAYS:
        return None
    days = (dates[-1][0] - dates[0][0]).days
    return (
        f"- **The articles are dated {days} days apart** ({dates[0][0]} `{dates[0][1]}` to "
        f"{dates[-1][0]} `{dates[-1][1]}`): they may report different events, so an outlet "
        "shown as silent or differing may simply have written earlier or later."
    )


def _coverage_mark(
    source: str, present: set[str], related: set[str], early: set[str], in_story: set[str]
) -> str:
    """The coverage table's mark for one outlet and cluster (see :data:`LEGEND`)."""
    for mark, ids in (("x", present), ("~", related), ("\\<", early), (" ", in_story)):
        if source in ids:
            return mark
    return "–"


#: Articles dated further apart than this get a warning in the summary.
DATE_SPAN_DAYS = 21


def _drift(diff: Difference) -> bool:
    """Attribution drift: some outlets credit a claim to someone or hedge it, others state it
    as fact."""
    return diff.status == "only_in" and diff.kind in ("attribution", "hedging")


def key_differences(result: Result) -> list[str]:
    """One line per finding within a verified cluster: incompatible values, then attribution
    drift; the claim, the kind, and what each outlet wrote, quoted."""
    sources = {s.id: s for s in result.sources}
    lines = []
    for wanted in ("differs", "drift"):
        for cluster in result.clusters:
            for diff in cluster.differences:
                if (diff.status == "differs") != (wanted == "differs") or (
                    wanted == "drift" and not _drift(diff)
                ):
                    continue
                values = "; ".join(
                    f"{_outlet(sources, sid)}: “{escape_inline(value)}”"
                    for sid, value in diff.values
                )
                if wanted == "drift":
                    plain = [s for s in cluster.sources if s not in dict(diff.values)]
                    values += "; stated as fact by " + ", ".join(_outlet(sources, s) for s in plain)
                kind = diff.kind if wanted == "differs" else f"{diff.kind} drift"
                lines.append(
                    f"- **{cluster.id}** {kind} — {values} (claim: "
                    f"{escape_inline(label(cluster.claims[0].text, 70))})"
                )
    return lines


#: Related claims a cluster's section lists (the interface and the JSON have them all).
RELATED_SHOWN = 2


def _finding(diff: Difference) -> bool:
    """Whether a row of the differences table is worth a reader's time by default: values that
    differ, attribution drift, and a figure or date only some outlets state; not agreeing or
    compatible values, nor a name that only one outlet mentions."""
    if diff.status == "differs" or _drift(diff):
        return True
    return diff.status == "only_in" and diff.kind not in ("name", "wording")


def related_notes(result: Result, clusters: Sequence[Cluster]) -> dict[str, dict[str, str]]:
    """Cluster id -> related claim id -> why the tool did not join it, for the related claims
    the report lists that the verifier found above the threshold
    (:func:`~claimcheck.core.browse.apart_note`): below it, the confidence says why."""
    by_pair = {frozenset(s.claims): s for s in result.suggestions}
    found = lookup(result)
    out: dict[str, dict[str, str]] = {}
    for cluster in clusters:
        for related in cluster.related[:RELATED_SHOWN]:
            pair = by_pair.get(frozenset((related.claim.id, related.anchor)))
            note = apart_note(result, pair, found) if pair is not None else None
            if note:
                out.setdefault(cluster.id, {})[related.claim.id] = note
    return out


def render_cluster(
    cluster: Cluster,
    sources: Mapping[str, Source],
    source_order: Sequence[str],
    review: ClusterReview | None = None,
    *,
    all_rows: bool = False,
    headings: Mapping[str, str] | None = None,
    before: Sequence[str] = (),
    day: str | None = None,
    same_day: Sequence[bool] = (),
    related_notes: Mapping[str, str] | None = None,
) -> list[str]:
    """The report section of one cluster of two or more outlets. Rows of the differences table
    on which every outlet agrees are left out unless ``all_rows``. ``headings`` (source id ->
    column heading, see :func:`short_names`) is worked out from ``sources`` when not given.
    ``before``: sources dated before ``day``, the day the claim reports (not silent on it).
    ``same_day``: for each member, whether the tool joined it on a day another member writes
    (:func:`~claimcheck.core.browse.joined_on_same_day`).
    ``related_notes``: related claim id -> why it was not joined though above the threshold
    (:func:`related_notes`)."""
    n = len(cluster.claims)
    outlets = _plural(n, "outlet")
    if n > 1 and cluster.independent < n:
        outlets += f", {cluster.independent} independent"
    langs = " + ".join(cluster.languages)
    shown = [d for d in cluster.differences if d.kind != "wording" and (all_rows or _finding(d))]
    hidden = sum(1 for d in cluster.differences if d.kind != "wording" and d not in shown)
    quiet = f" · {_plural(hidden, 'row')} hidden" if hidden else ""
    lines = [f"### {cluster.id} · {outlets} · {langs}{quiet}"]
    if review is not None and (review.reviewed or review.note):
        if review.reviewed:
            lines.append("Reviewed: yes")
        if review.note:
            lines.append(f"Note: {escape_inline(review.note)}")
        lines.append("")
    for k, claim in enumerate(cluster.claims):
        source = sources[claim.source]
        meta = [f"`{claim.source}`", claim.language]
        if source.date:
            meta.append(source.date)  # the article's date, beside its language as the interface
            # shows it: after "same written day" it read as the day the claim writes
        if cluster.confirmed_by:
            day_too = k < len(same_day) and same_day[k]
            meta.append(_how_sure(cluster.confirmed_by[k], cluster.confidence[k], day_too))
        if claim.role != "body":
            meta.append(claim.role)
        if claim.repeats > 1:
            meta.append(f"stated {claim.repeats} times")
        lines.append(f"- **{escape_inline(source.outlet)}** ({', '.join(meta)}): ")
        lines[-1] += escape_inline(claim.text)
    if cluster.related:
        lines.append("")
        lines.append(
            "Related, not confirmed (may state the same fact; check before relying on it):"
        )
        for related in cluster.related[:RELATED_SHOWN]:
            source = sources[related.claim.source]
            note = (related_notes or {}).get(related.claim.id)
            lines.append(
                f"- **{escape_inline(source.outlet)}** (`{related.claim.id}`, "
                f"confidence {shown_confidence(related.confidence)}"
                f"{'; ' + escape_inline(note) if note else ''}): "
                f"{escape_inline(label(related.claim.text, 110))}"
            )
    related_sources = {r.claim.source for r in cluster.related}
    silent = [
        s
        for s in source_order
        if s not in cluster.sources and s not in related_sources and s not in before
    ]
    if cluster.shared and silent:
        lines.append("")
        lines.append("Not stated by: " + ", ".join(_outlet(sources, s) for s in silent))
    if cluster.shared and before:
        dated = ", ".join(f"{_outlet(sources, s)} (dated {sources[s].date})" for s in before)
        lines.append("")
        lines.append(f"Written before what it reports ({day}), so not silent: {dated}")
    wording = [d for d in cluster.differences if d.kind == "wording"]
    if shown:
        members = list(cluster.sources)
        rows = []
        for diff in shown:
            by_source = dict(diff.values)
            cells = [escape_inline(by_source.get(s, "")) or "·" for s in members]
            rows.append([diff.kind, STATUS_MARK.get(diff.status, diff.status), *cells])
        lines.append("")
        if headings is None:
            headings = short_names(list(sources.values()))
        lines += _table(["item", "status", *[headings[s] for s in members]], rows)
    for diff in wording:
        who = ", ".join(f"`{s}`" for s, _ in diff.values)
        lines.append("")
        lines.append(
            f"Shared wording: {who}" + (f" ({escape_inline(diff.note)})" if diff.note else "")
        )
    lines.append("")
    return lines


def _summary(result: Result, reviews: Mapping[str, ClusterReview]) -> list[str]:
    counts = summary_counts(result)
    drifting = counts["with_drift"]
    languages = sorted({s.language for s in result.sources})
    out = [
        f"- {_plural(counts['sources'], 'source')} in {_plural(len(languages), 'language')} "
        f"({_language_list(languages)}), {_plural(counts['claims'], 'claim')} after removing "
        "site chrome and repeats.",
        f"- {_plural(counts['shared'], 'claim')} stated by two or more outlets (verified), "
        f"{counts['cross_language']} of them across languages; "
        f"{counts['single_outlet']} stated by one outlet only.",
        f"- {_plural(counts['with_differences'], 'shared claim')} where outlets differ on "
        "figures, dates, names, attribution or polarity"
        + (
            f", {_plural(drifting, 'shared claim')} where some outlets attribute or hedge what "
            "others state as fact"
            if drifting
            else ""
        )
        + " (listed first below, under Key differences).",
    ]
    shared = [c for c in result.clusters if c.shared]
    if shared:
        independent = sum(1 for c in shared if c.independent >= 2)
        out.append(
            f"- {independent} of the {_plural(len(shared), 'shared claim')} come from two or more "
            "independent origins (outlets carrying one dispatch count once)."
        )
    suggested = sum(1 for s in result.suggestions if s.status == "open")
    if suggested:
        out.append(
            f"- {_plural(suggested, 'related pair')} of claims suggested, not confirmed: the most "
            "likely are listed under their claim; the interface walks through all of them."
        )
    for a, b, coverage in dispatch_pairs(result):
        out.append(
            f"- `{a}` and `{b}` are likely the same dispatch: their shared claims run in the same "
            f"order through {coverage:.0%} of the shorter article, so they are not independent "
            "confirmation."
        )
    warning = _date_span_warning(result)
    if warning:
        out.append(warning)
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
    return out


ORPHANS_HEADING = "Notes whose claims are no longer in the input"


def orphan_line(mark: Mark) -> str:
    """One orphaned mark in words (plain text, not escaped): its note, whether it was marked
    reviewed, and the start of the claim it was on as the review file keeps it."""
    what = f"“{' '.join(mark.note.split())}”" if mark.note else "no note"
    if mark.reviewed:
        what += " (marked reviewed)"
    claim = f"“{mark.text}…”" if mark.text else f"a claim not recorded by text ({mark.anchor})"
    return f"{what} — was on {claim}"


def _your_review(
    result: Result, reviews: Mapping[str, ClusterReview], orphans: Sequence[Mark] = ()
) -> list[str]:
    """What the reader did: marks, notes, confirmations and rejections, and the marks whose
    claims are gone."""
    marked = [cid for cid, r in reviews.items() if r.reviewed]
    notes = [(cid, r.note) for cid, r in reviews.items() if r.note]
    confirmed = sum(1 for c in result.clusters for by in c.confirmed_by if by == "reader")
    rejected = sum(1 for s in result.suggestions if s.status == "rejected")
    if not (marked or notes or confirmed or rejected or orphans):
        return []
    out = ["", "## Your review", ""]
    if marked:
        out.append(f"- {_plural(len(marked), 'claim')} marked reviewed: " + ", ".join(marked) + ".")
    if confirmed:
        out.append(f"- {_plural(confirmed, 'claim')} confirmed into a cluster by the reader.")
    if rejected:
        out.append(f"- {_plural(rejected, 'suggested pair')} rejected by the reader.")
    for cid, note in notes:
        out.append(f"- Note on {cid}: {escape_inline(note)}")
    if orphans:
        out += [
            "",
            f"{ORPHANS_HEADING} (an article removed or edited; kept in the review file, "
            "and back on their claim if it returns):",
            "",
        ]
        out += [f"- {escape_inline(orphan_line(m))}" for m in orphans]
    return out


def render_markdown(
    result: Result,
    reviews: Mapping[str, ClusterReview] | None = None,
    *,
    all_rows: bool = False,
    review_applied: bool = False,
    orphans: Sequence[Mark] = (),
) -> str:
    """The whole report: the findings first, then the evidence. ``review_applied`` says the
    reader's saved review was applied (the header says so). ``reviews`` (cluster id ->
    review) adds reviewed marks and notes, ``orphans`` the marks whose claims are no longer in
    the input (:func:`claimcheck.core.review.orphaned_marks`); ``all_rows`` keeps the
    differences rows on which every outlet agrees."""
    reviews = reviews or {}
    sources = {s.id: s for s in result.sources}
    headings = short_names(result.sources)
    order = [s.id for s in result.sources]
    claims_per_source = {s: 0 for s in order}
    for claim in result.claims:
        claims_per_source[claim.source] += 1

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
        "likely matches it could not verify are listed as related, not confirmed (below the "
        "threshold, or above it but not accepted against every member, or from an outlet that "
        "already has a claim in the cluster)."
    )
    readers = any(by == "reader" for c in result.clusters for by in c.confirmed_by)
    if review_applied or reviews or readers or orphans:
        out.append("")
        out.append("The reader's review saved beside the articles is applied.")
    out += ["", "## Summary", "", *_summary(result, reviews)]
    findings = key_differences(result)
    out += ["", "## Key differences", ""]
    out += findings or ["None: where outlets state the same claim, their figures and names agree."]
    out += _your_review(result, reviews, orphans)
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

    shared = [c for c in result.clusters if c.shared]
    # the day each claim reports and the outlets written before it, for the table and the lists
    early = {c.id: written_before_day(result, c) for c in result.clusters}
    out += ["", "## Coverage", "", LEGEND, ""]
    rows = []
    for cluster in shared:
        present = set(cluster.sources)
        in_story = {s.id for s in result.story_sources(cluster)}
        related = {r.claim.source for r in cluster.related}
        before_ids = {s.id for s in early[cluster.id][1]}
        marks = [_coverage_mark(s, present, related, before_ids, in_story) for s in order]
        flag = "≠ " if cluster.differs else ""
        rows.append([cluster.id, *marks, flag + escape_inline(label(cluster.claims[0].text, 60))])
    if rows:
        out += _table(
            ["cluster", *[headings[s] for s in order], "claim"], rows, "l" + "c" * len(order) + "l"
        )
    else:
        out.append("No claim is stated by two or more outlets.")

    out += ["", "## Claims stated by two or more outlets", ""]
    notes = related_notes(result, shared)
    for cluster in shared:
        story_order = [s.id for s in result.story_sources(cluster)]
        day, written = early[cluster.id]
        too_early = [s.id for s in written]
        out += render_cluster(
            cluster,
            sources,
            story_order,
            reviews.get(cluster.id),
            all_rows=all_rows,
            headings=headings,
            before=too_early,
            day=day.isoformat() if day and too_early else None,
            same_day=[joined_on_same_day(result, cluster, k) for k in range(len(cluster.claims))],
            related_notes=notes.get(cluster.id),
        )
    single = [c for c in result.clusters if not c.shared]
    if single:
        out += ["", "## Claims stated by one outlet only", ""]
        single_notes = related_notes(result, [c for c in single if c.related])
        for cluster in sorted(single, key=lambda c: order.index(c.claims[0].source)):
            source_id = cluster.claims[0].source
            review = reviews.get(cluster.id)
            extra = ""
            if cluster.related:
                best = cluster.related[0]
                # above the threshold, say which rule kept it apart, as under a shared claim
                why = single_notes.get(cluster.id, {}).get(best.claim.id)
                extra = (
                    f" — related: `{best.claim.id}`, {shown_confidence(best.confidence)}"
                    f"{'; ' + escape_inline(why) if why else ''}"
                )
            day, before = early[cluster.id]
            if before:
                dated = ", ".join(f"{_outlet(sources, s.id)} (dated {s.date})" for s in before)
                extra += f" — written before what it reports ({day}): {dated}"
            if review is not None and review.note:
                extra += f" — note: {escape_inline(review.note)}"
            out.append(
                f"- {cluster.id} **{_outlet(sources, source_id)}**: "
                f"{escape_inline(cluster.claims[0].text)}{extra}"
            )
    return "\n".join(out).rstrip("\n") + "\n"
