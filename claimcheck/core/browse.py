"""Browsing a :class:`Result` without a UI: list rows, filters, sorting, search, next-difference
navigation, the detail of a cluster (highlight spans, word diffs), an article's sentences and the
coverage matrix. Everything here returns plain data; nothing imports textual or rich.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from claimcheck.core.defaults import shown_confidence
from claimcheck.core.text.display import one_line
from claimcheck.core.text.display import printable as printable  # the interface shows it
from claimcheck.core.text.fold import search_fold
from claimcheck.core.types import (
    Claim,
    Cluster,
    Evidence,
    Related,
    Result,
    Sentence,
    Source,
    Suggestion,
)

#: The list filters in the order ``f`` cycles through them, with their labels.
FILTERS: tuple[str, ...] = ("all", "shared", "cross-language", "differences", "single")
FILTER_LABELS: Mapping[str, str] = {
    "all": "all clusters",
    "shared": "shared by several outlets",
    "cross-language": "cross-language",
    "differences": "with differences",
    "single": "single-outlet",
}

#: Marker letters of a list row, in display order: which aligned items differ, or a lone outlet.
MARKERS: tuple[tuple[str, str], ...] = (
    ("F", "figures, dates or amounts differ"),
    ("N", "names differ"),
    ("A", "attribution differs"),
    ("P", "polarity differs (one outlet negates)"),
    ("1", "only one outlet states it"),
)
_MARKER_OF_KIND: Mapping[str, str] = {
    "figure": "F",
    "date": "F",
    "quantity": "F",
    "money": "F",
    "percent": "F",
    "factor": "F",
    "duration": "F",
    "name": "N",
    "attribution": "A",
    "polarity": "P",
}
#: Severity of a difference status, for highlighting: higher is more worth a look.
STATUS_RANK: Mapping[str, int] = {"agree": 0, "refines": 1, "only_in": 2, "differs": 3}

_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")

#: Search folding (see :func:`claimcheck.core.text.fold.search_fold`).
fold = search_fold


# --- list rows -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One cluster as a line of the list, with what filters, sorting and search need."""

    index: int
    """Position of the cluster in ``Result.clusters``."""
    cluster_id: str
    label: str
    """The first member's text on one line, printable."""
    outlets: int
    possible: int
    """How many outlets could state it: those of its story (all of them for one story)."""
    languages: tuple[str, ...]
    markers: str
    """Marker letters from :data:`MARKERS` that apply, e.g. ``"FN"`` or ``"1"``."""
    differs: bool
    differing_items: int
    positions: Mapping[str, int]
    """Source id -> position of the member claim in that article."""
    haystack: str
    """Everything search matches against, folded: claim texts, outlets, names, figures."""


def cluster_markers(cluster: Cluster) -> str:
    """The marker letters of a cluster (see :data:`MARKERS`)."""
    found = {
        _MARKER_OF_KIND[d.kind]
        for d in cluster.differences
        if d.status == "differs" and d.kind in _MARKER_OF_KIND
    }
    if not cluster.shared:
        found.add("1")
    return "".join(letter for letter, _ in MARKERS if letter in found)


def make_rows(result: Result, names: Mapping[str, Sequence[str]] | None = None) -> list[Row]:
    """One :class:`Row` per cluster, in the result's order.

    ``names`` (claim id -> extra searchable strings, e.g. language-neutral name keys) widens what
    search finds; texts of names and figures are already in the claim text.
    """
    outlets = {s.id: f"{s.outlet} {s.id}" for s in result.sources}
    rows = []
    for index, cluster in enumerate(result.clusters):
        parts: list[str] = [cluster.id]
        for claim in cluster.claims:
            parts += (claim.text, outlets.get(claim.source, claim.source), claim.language)
            if names:
                parts += names.get(claim.id, ())
        for diff in cluster.differences:
            parts += [text for _, text in diff.values]
            parts.append(diff.note)
        rows.append(
            Row(
                index=index,
                cluster_id=cluster.id,
                label=one_line(cluster.claims[0].text) if cluster.claims else "",
                outlets=len(cluster.claims),
                possible=len(result.story_sources(cluster)),
                languages=cluster.languages,
                markers=cluster_markers(cluster),
                differs=cluster.differs,
                differing_items=sum(1 for d in cluster.differences if d.status == "differs"),
                positions={c.source: c.position for c in cluster.claims},
                haystack=fold(" \n ".join(parts)),
            )
        )
    return rows


def keep(row: Row, filter_name: str) -> bool:
    """Whether ``row`` passes the filter named ``filter_name`` (one of :data:`FILTERS`)."""
    if filter_name == "shared":
        return row.outlets > 1
    if filter_name == "cross-language":
        return len(row.languages) > 1
    if filter_name == "differences":
        return row.differs
    if filter_name == "single":
        return row.outlets == 1
    return True


def matches(row: Row, query: str) -> bool:
    """Whether every word of ``query`` occurs in the row's text, accents and case ignored."""
    return all(term in row.haystack for term in fold(query).split())


def sort_keys(result: Result) -> list[str]:
    """The sort orders ``t`` cycles through: outlets, differences, then each article's order."""
    return ["outlets", "differences", *(f"article:{s.id}" for s in result.sources)]


def sort_label(result: Result, key: str) -> str:
    """A short human name of a sort order."""
    if key.startswith("article:"):
        source_id = key.split(":", 1)[1]
        try:
            return f"order in {result.source(source_id).outlet}"
        except KeyError:
            return f"order in {source_id}"
    return {"outlets": "most outlets first", "differences": "differences first"}.get(key, key)


def sort_rows(rows: Iterable[Row], key: str) -> list[Row]:
    """``rows`` in the order named by ``key`` (see :func:`sort_keys`); ties keep result order."""
    if key == "differences":
        return sorted(rows, key=lambda r: (not r.differs, -r.differing_items, r.index))
    if key.startswith("article:"):
        source_id = key.split(":", 1)[1]
        absent = 1 << 30
        return sorted(rows, key=lambda r: (r.positions.get(source_id, absent), r.index))
    return sorted(rows, key=lambda r: (-r.outlets, r.index))


def visible_rows(
    rows: Sequence[Row], *, filter_name: str = "all", query: str = "", sort: str = "outlets"
) -> list[Row]:
    """The rows a list shows: filtered, searched, then sorted."""
    kept = [r for r in rows if keep(r, filter_name) and (not query.strip() or matches(r, query))]
    return sort_rows(kept, sort)


def next_difference(rows: Sequence[Row], current: int | None, step: int = 1) -> tuple[int, bool]:
    """Index of the next (``step=1``) or previous (``-1``) row with a difference after ``current``.

    Wraps around like a search in an editor; returns ``(index, wrapped)`` and ``(-1, False)`` when
    no row has a difference.
    """
    n = len(rows)
    if n == 0:
        return -1, False
    start = -1 if current is None and step > 0 else (n if current is None else current)
    for offset in range(1, n + 1):
        raw = start + step * offset
        k = raw % n
        if rows[k].differs:
            return k, not 0 <= raw < n
    return -1, False


def cluster_of_claims(result: Result) -> dict[str, str]:
    """Claim id -> id of the cluster it belongs to."""
    return {c.id: cluster.id for cluster in result.clusters for c in cluster.claims}


def decision_note(result: Result, anchor: str, newcomer: str, confirmed: bool) -> str:
    """What the reader's verdict on ``newcomer`` (a related claim of ``anchor``'s cluster) does,
    said before the clusters are verified again. A confirmed claim that sat in another cluster
    of several claims leaves it (one claim is in one cluster), and its other claims are verified
    again without it."""
    claim = next((c for c in result.claims if c.id == newcomer), None)
    outlet = one_line(result.source(claim.source).outlet) if claim else newcomer
    if not confirmed:
        return f"Rejected: {outlet} ({newcomer}) states another fact."
    note = f"Confirmed: {outlet} ({newcomer}) states the same fact."
    where = cluster_of_claims(result)
    old = find_cluster(result, where.get(newcomer, ""))
    if old is not None and len(old.claims) > 1 and where.get(anchor) != old.id:
        others = len(old.claims) - 1
        them = "its other claim is" if others == 1 else f"its {others} other claims are"
        note += f" It leaves cluster {old.id}: {them} verified again without it."
    return note


@dataclass(frozen=True)
class Apart:
    """Why a pair above the threshold stays a suggestion (:func:`kept_apart`)."""

    rule: Literal["outlet", "dates", "contacts", "ids", "members"]
    """One claim per outlet; different dates; a contact from afar against one in person; one
    label with different numbers; not accepted against every member of a cluster."""
    above: str
    """"above the threshold (0.76)", or the lower threshold of two claims of one written day."""
    threshold: float
    """The confidence the pair needed."""
    detail: str = ""
    """The outlet (``outlet``), or the values that differ (dates, contact words, ids)."""
    then: str = ""
    """For ``outlet``: what confirming it does."""
    cluster: str = ""
    """For ``outlet``: the cluster that already has a claim of that outlet."""


@dataclass(frozen=True)
class Lookup:
    """A result's claims and clusters by id, built once (:func:`lookup`) for many questions."""

    where: Mapping[str, str]
    """Claim id -> id of its cluster."""
    clusters: Mapping[str, Cluster]
    claims: Mapping[str, Claim]


def lookup(result: Result) -> Lookup:
    """The claims and clusters of ``result`` by id."""
    return Lookup(
        cluster_of_claims(result),
        {c.id: c for c in result.clusters},
        {c.id: c for c in result.claims},
    )


def outlet_held(suggestion: Suggestion, found: Lookup) -> tuple[Claim, Cluster] | None:
    """A claim of the pair whose outlet already has another claim in the other's cluster, and
    that cluster: confirming the pair would put this claim there in place of that one (one
    claim per outlet), not bring one more outlet to the fact. ``None`` when neither has."""
    where, clusters, claims = found.where, found.clusters, found.claims
    a, b = suggestion.claims
    for claim, other in (
        (claims[b], clusters.get(where.get(a, ""))),
        (claims[a], clusters.get(where.get(b, ""))),
    ):
        if other is not None and claim.source in other.sources:
            return claim, other
    return None


def _outlet_apart(
    result: Result, held: tuple[Claim, Cluster], above: str, threshold: float
) -> Apart:
    """The outlet rule for a pair :func:`outlet_held` found, with what confirming it does."""
    claim, other = held
    outlet = one_line(result.source(claim.source).outlet)
    at = other.sources.index(claim.source)
    # The reader's confirmations are joined first, so y moves this claim in and the model's
    # member of that outlet out; against the reader's own member, only one stays.
    by_reader = at < len(other.confirmed_by) and other.confirmed_by[at] == "reader"
    mine, theirs = claim.id, other.claims[at].id
    then = (
        f"you confirmed {theirs}, and only one of {theirs} and {mine} can stay"
        if by_reader
        else f"y moves {mine} there in place of {theirs}"
    )
    return Apart("outlet", above, threshold, outlet, then, other.id)


def kept_apart(result: Result, suggestion: Suggestion, found: Lookup | None = None) -> Apart | None:
    """Why a pair the verifier found likely enough is a suggestion and not one claim: ``None``
    below the threshold, else the rule that kept it out (one claim per outlet; every member of
    a cluster must accept a claim; different dates; a phone call against a meeting; one label,
    two numbers). ``found``: :func:`lookup` of ``result``, when many pairs are asked about."""
    threshold = round(result.settings.threshold, 2)
    above = f"above the threshold ({threshold:g})"
    if suggestion.confidence < threshold:
        return None
    found = found or lookup(result)
    held = outlet_held(suggestion, found)
    if held is not None:
        return _outlet_apart(result, held, above, threshold)
    ev = suggestion.evidence
    if ev.different_dates:
        return Apart("dates", above, threshold, ", ".join(ev.different_dates))
    if ev.different_contacts:
        quoted = " / ".join(f'"{w}"' for w in ev.different_contacts)
        return Apart("contacts", above, threshold, quoted)
    if ev.different_ids:
        return Apart("ids", above, threshold, ", ".join(ev.different_ids))
    return Apart("members", above, threshold)


def why_apart(result: Result, suggestion: Suggestion, found: Lookup | None = None) -> str | None:
    """:func:`kept_apart` as the review view says it, with what confirming the pair does. Below
    the threshold, only when one claim's outlet already has a claim in the other's cluster (why
    the view gives such a pair after the others, :func:`review_key`). ``found``: :func:`lookup`
    of ``result``."""
    found = found or lookup(result)
    apart = kept_apart(result, suggestion, found)
    if apart is None:
        held = outlet_held(suggestion, found)
        if held is None:
            return None
        apart = _outlet_apart(result, held, "", result.settings.threshold)
    if apart.rule == "outlet":
        but = f"{apart.above}, but " if apart.above else ""
        return (
            f"{but}{apart.detail} already has another claim in that cluster (one claim per "
            f"outlet); {apart.then}"
        )
    why, read_as = {
        "dates": (
            f"the two claims give different dates ({apart.detail}) and no figure in common",
            "two events",
        ),
        "contacts": (
            "of the two claims one reports a contact from afar and the other one in "
            f"person ({apart.detail})",
            "two contacts",
        ),
        "ids": (
            f"the two claims give one label different numbers ({apart.detail})",
            "two things named",
        ),
    }.get(apart.rule, ("", ""))
    if why:
        return f"{apart.above}, but {why}: read as {read_as} unless you confirm it"
    return (
        f"{apart.above}, but it was not accepted against every member of the other claim's "
        "cluster (the verifier's confidence, different dates, contacts of different kinds or "
        "different ids)"
    )


def apart_note(result: Result, suggestion: Suggestion, found: Lookup | None = None) -> str | None:
    """:func:`kept_apart` in a few words, for a report's list of related claims: ``None`` below
    the threshold."""
    apart = kept_apart(result, suggestion, found)
    if apart is None:
        return None
    short = {
        "outlet": f"one claim per outlet ({apart.detail} already has one in {apart.cluster})",
        "dates": f"the dates differ ({apart.detail})",
        "contacts": f"a contact from afar against one in person ({apart.detail})",
        "ids": f"one label, different numbers ({apart.detail})",
        "members": "not accepted against every member",
    }[apart.rule]
    return f"above {apart.threshold:g} but {short}"


def find_cluster(result: Result, cluster_id: str) -> Cluster | None:
    """The cluster with this id, if any."""
    for cluster in result.clusters:
        if cluster.id == cluster_id:
            return cluster
    return None


# --- the detail of a cluster ---------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A figure or name inside a member's text, and how it compares with the other members."""

    start: int
    end: int
    kind: str
    """``figure`` or ``name``."""
    status: str
    """agree, refines, only_in, differs, or ``""`` when not compared (single-outlet clusters)."""


@dataclass(frozen=True)
class Member:
    """One outlet's statement of a cluster's claim."""

    claim: Claim
    source: Source
    spans: tuple[Span, ...]
    confidence: float | None = None
    """The verifier's confidence in this member (``None`` in a one-claim cluster)."""
    confirmed_by: str = ""
    """``model`` or ``reader`` (``""`` in a one-claim cluster)."""
    same_day: bool = False
    """Joined by the tool, writing a day with its number that another member writes too: its
    confidence counts that (:data:`~claimcheck.core.group.agreement.SAME_DAY_LOGIT`)."""

    @property
    def how_sure(self) -> str:
        """How this member got into its cluster, in a few words ("" when alone)."""
        if self.confirmed_by == "reader":
            return "confirmed by you"
        if self.confidence is not None:
            day = " · same day" if self.same_day else ""
            return f"verified {shown_confidence(self.confidence)}{day}"
        return ""


def joined_on_same_day(result: Result, cluster: Cluster, k: int) -> bool:
    """Whether the tool joined member ``k`` of ``cluster`` writing a day with its number that
    another member writes too ("30 January" / "le 30 janvier"): evidence the verifier does not
    read, which raises its confidence (:data:`~claimcheck.core.group.agreement.SAME_DAY_LOGIT`)."""
    from claimcheck.core.group.verify import same_written_day

    if len(cluster.confirmed_by) <= k or cluster.confirmed_by[k] != "model":
        return False
    mine = result.facts_of(cluster.claims[k].id)
    if mine is None:
        return False
    for j, other in enumerate(cluster.claims):
        theirs = result.facts_of(other.id) if j != k else None
        if theirs is not None and same_written_day(mine.figures, theirs.figures):
            return True
    return False


@dataclass(frozen=True)
class RelatedClaim:
    """A claim of another outlet that may state a cluster's fact, with why it may."""

    related: Related
    source: Source
    evidence: Evidence | None
    apart: str | None = None
    """Above the threshold, which rule kept it out of the cluster (:func:`apart_note`)."""


DiffOp = Literal["equal", "delete", "insert"]


@dataclass(frozen=True)
class WordDiff:
    """Word-level changes from one member's wording to another's, in the same language."""

    left: str
    """Source id of the reference member."""
    right: str
    pieces: tuple[tuple[DiffOp, str], ...]


@dataclass(frozen=True)
class Detail:
    """Everything the detail pane shows about a cluster."""

    cluster: Cluster
    members: tuple[Member, ...]
    silent: tuple[Source, ...]
    """Sources of the cluster's story that do not state this claim and have no related claim,
    written on or after the day it reports (:func:`written_before`)."""
    word_diffs: tuple[WordDiff, ...]
    cross_language: bool
    related: tuple[RelatedClaim, ...] = ()
    """Claims of other outlets that may state it too, most likely first (not confirmed)."""
    before: tuple[Source, ...] = ()
    """Sources of the story dated before the day the claim reports: not silent, too early."""
    day: datetime.date | None = None
    """The day the claim reports (:func:`reported_day`), when its members date it."""


def _words(text: str) -> list[tuple[str, str]]:
    """(comparison key, text with its trailing space) for each word or punctuation mark."""
    found = list(_WORD.finditer(text))
    out = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        out.append((fold(m.group()), text[m.start() : end]))
    return out


def word_diff(left: str, right: str) -> list[tuple[DiffOp, str]]:
    """How ``right`` rewords ``left``, word by word: equal, deleted and inserted pieces in order.

    Words compare without case or accents; the pieces keep each text as written.
    """
    from rapidfuzz.distance import Levenshtein

    a, b = _words(left), _words(right)
    pieces: list[tuple[DiffOp, str]] = []

    def add(op: DiffOp, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1][0] == op:
            pieces[-1] = (op, pieces[-1][1] + text)
        else:
            pieces.append((op, text))

    for op in Levenshtein.opcodes([k for k, _ in a], [k for k, _ in b]):
        tag, i1, i2, j1, j2 = op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end
        if tag == "equal":
            add("equal", "".join(t for _, t in b[j1:j2]))
            continue
        if tag in ("delete", "replace"):
            add("delete", "".join(t for _, t in a[i1:i2]))
        if tag in ("insert", "replace"):
            add("insert", "".join(t for _, t in b[j1:j2]))
    # A piece that ends one text has no space after it; the next piece comes from the other
    # text, so they would run together ("conflictrebel forces").
    for k in range(len(pieces) - 1):
        kind, text = pieces[k]
        if not text[-1:].isspace() and pieces[k + 1][1][:1].isalnum():
            pieces[k] = (kind, text + " ")
    return pieces


def _spans(claim: Claim, source: Source, statuses: Mapping[str, str]) -> tuple[Span, ...]:
    """Where the claim's figures and names stand in its text, each with the status the
    comparison gave its value. The figures are those compared (not a number in the name of who
    says it: "…, France 24 reported")."""
    from claimcheck.core.extract.facts import claim_figures
    from claimcheck.core.extract.names import extract_names

    found: dict[tuple[int, int], Span] = {}
    for fig in claim_figures(claim.text, claim.language, source.date):
        found[(fig.start, fig.end)] = Span(fig.start, fig.end, "figure", "")
    for name in extract_names(claim.text, claim.language):
        found.setdefault((name.start, name.end), Span(name.start, name.end, "name", ""))
    # The compare stage names values as written ("15 people"), which may be wider or narrower
    # than what the extractors return ("15"): overlapping spans take the value's status, and a
    # value no span covers becomes a span of its own.
    for text, status in statuses.items():
        at = claim.text.find(text) if text else -1
        if at < 0:
            continue
        end = at + len(text)
        overlapping = [key for key in found if key[0] < end and at < key[1]]
        for key in overlapping:
            span = found[key]
            if STATUS_RANK.get(status, 0) >= STATUS_RANK.get(span.status, -1):
                found[key] = Span(span.start, span.end, span.kind, status)
        if not overlapping:
            found[(at, end)] = Span(at, end, "figure", status)
    return tuple(sorted(found.values(), key=lambda s: (s.start, -s.end)))


def cluster_detail(result: Result, cluster: Cluster) -> Detail:
    """The detail of ``cluster``: members with highlight spans, silent outlets and word diffs."""
    sources = {s.id: s for s in result.sources}
    statuses: dict[str, dict[str, str]] = {}
    for diff in cluster.differences:
        if diff.kind == "wording":
            continue
        for source_id, text in diff.values:
            mine = statuses.setdefault(source_id, {})
            if STATUS_RANK.get(diff.status, 0) >= STATUS_RANK.get(mine.get(text, ""), -1):
                mine[text] = diff.status
    sure = len(cluster.confidence) == len(cluster.claims) == len(cluster.confirmed_by)
    members = tuple(
        Member(
            c,
            sources[c.source],
            _spans(c, sources[c.source], statuses.get(c.source, {})),
            cluster.confidence[k] if sure else None,
            cluster.confirmed_by[k] if sure else "",
            sure and joined_on_same_day(result, cluster, k),
        )
        for k, c in enumerate(cluster.claims)
    )
    # An outlet with a related claim is not silent: it may state it (the reader decides).
    stating = set(cluster.sources) | {r.claim.source for r in cluster.related}
    day, before = written_before_day(result, cluster)
    silent = tuple(
        s for s in result.story_sources(cluster) if s.id not in stating and s not in before
    )
    diffs = []
    first_of_language: dict[str, Claim] = {}
    for claim in cluster.claims:
        ref = first_of_language.setdefault(claim.language, claim)
        if ref is not claim:
            diffs.append(WordDiff(ref.source, claim.source, tuple(word_diff(ref.text, claim.text))))
    threshold = round(result.settings.threshold, 2)
    found = lookup(result) if any(r.confidence >= threshold for r in cluster.related) else None
    related = tuple(
        _related_claim(result, r, sources[r.claim.source], found) for r in cluster.related
    )
    return Detail(
        cluster,
        members,
        silent,
        tuple(diffs),
        cluster.cross_language,
        related,
        before,
        day if before else None,
    )


def reported_day(result: Result, cluster: Cluster) -> datetime.date | None:
    """The first day of the latest date a member of ``cluster`` reports as past: a date its
    claim gives ("on Monday", "in March 2018", read against its article's date) that is over by
    that article's date. An article written before it could not state the claim. ``None`` when
    no member of a dated article gives such a date (a date ahead of its article is a plan, which
    an earlier article could report too)."""
    dates = {s.id: s.date for s in result.sources}
    latest: int | None = None
    for claim in cluster.claims:
        facts = result.facts_of(claim.id)
        written = dates.get(claim.source)
        if facts is None or written is None:
            continue
        over_by = datetime.date.fromisoformat(written).toordinal()
        for f in facts.figures:
            if f.unit != "date" or f.low is None or f.high is None or f.high > over_by:
                continue
            latest = int(f.low) if latest is None else max(latest, int(f.low))
    return None if latest is None else datetime.date.fromordinal(latest)


def written_before(result: Result, cluster: Cluster) -> tuple[Source, ...]:
    """Sources of the cluster's story that neither state it nor have a related claim and are
    dated before the day it reports (:func:`reported_day`): they are not silent on it, they were
    written before it happened."""
    return written_before_day(result, cluster)[1]


def written_before_day(
    result: Result, cluster: Cluster
) -> tuple[datetime.date | None, tuple[Source, ...]]:
    """The day the cluster reports and the sources written before it (:func:`written_before`),
    worked out once for a caller that shows both."""
    day = reported_day(result, cluster)
    return day, _dated_before(result, cluster, day)


def _dated_before(
    result: Result, cluster: Cluster, day: datetime.date | None
) -> tuple[Source, ...]:
    """:func:`written_before` for the day already worked out."""
    if day is None:
        return ()
    taken = set(cluster.sources) | {r.claim.source for r in cluster.related}
    return tuple(
        s
        for s in result.story_sources(cluster)
        if s.id not in taken and s.date is not None and datetime.date.fromisoformat(s.date) < day
    )


# --- suggestions ---------------------------------------------------------------------------------


def _related_claim(
    result: Result, related: Related, source: Source, found: Lookup | None
) -> RelatedClaim:
    """``related`` with the verifier's evidence and, when above the threshold, why the tool did
    not join it (as the report says). ``found``: :func:`lookup` of ``result``, or ``None`` when
    no related claim of the cluster is above the threshold."""
    pair = {related.anchor, related.claim.id}
    suggestion = next((s for s in result.suggestions if set(s.claims) == pair), None)
    if suggestion is None:
        return RelatedClaim(related, source, None)
    why = apart_note(result, suggestion, found) if found is not None else None
    return RelatedClaim(related, source, suggestion.evidence, why)


def review_key(suggestion: Suggestion, found: Lookup) -> tuple[float, ...]:
    """Where a suggestion comes in the review view (lowest first): the pairs that may bring an
    outlet to a fact, most likely first, then those in which one claim's outlet already has a
    claim in the other's cluster (:func:`outlet_held`: confirming one swaps that outlet's claim,
    which adds no outlet), most likely first. A reader who confirms the first claim of an outlet
    that states a fact is not then asked about each other claim of that outlet before the
    pairs that can still add one (what it saves is measured in models.md, "The review view's
    order"). ``found``: :func:`lookup` of the result it belongs to."""
    return (float(outlet_held(suggestion, found) is not None), -suggestion.confidence)


def open_suggestions(result: Result) -> list[Suggestion]:
    """The suggestions the reader has not decided, in the review view's order
    (:func:`review_key`)."""
    found = lookup(result)
    pending = [s for s in result.suggestions if s.status == "open"]
    return sorted(pending, key=lambda s: review_key(s, found))


def evidence_parts(evidence: Evidence, words: int = 4) -> list[str]:
    """Why the verifier thinks two claims may state one fact, as short printable phrases:
    aligned words (at most ``words``), shared and other names, agreeing and conflicting figures."""
    parts = []
    if evidence.words:
        shown = [a if a == b else f"{a}~{b}" for a, b in evidence.words[:words]]
        more = len(evidence.words) - words
        parts.append("words " + ", ".join(shown) + (f" +{more}" if more > 0 else ""))
    if evidence.shared_names:
        parts.append("names " + ", ".join(evidence.shared_names))
    if evidence.other_names:
        parts.append("only in one: " + ", ".join(evidence.other_names))
    if evidence.agreeing_figures:
        parts.append("figures agree " + ", ".join(evidence.agreeing_figures))
    if evidence.conflicting_figures:
        parts.append("figures differ " + ", ".join(evidence.conflicting_figures))
    return [one_line(p) for p in parts]


# --- articles and coverage -----------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleLine:
    """One sentence of an article as the article view shows it."""

    sentence: Sentence
    claim_id: str | None
    """The claim made from it, ``None`` for dropped sentences."""
    cluster_id: str | None


def article_lines(result: Result, source_id: str) -> list[ArticleLine]:
    """Every sentence of an article, kept or dropped, with the cluster of each kept one."""
    index = next(k for k, s in enumerate(result.sources) if s.id == source_id)
    claim_of_sentence = {c.sentence: c.id for c in result.claims if c.source == source_id}
    cluster_of = cluster_of_claims(result)
    lines = []
    for sentence in result.sentences[index]:
        claim_id = claim_of_sentence.get(sentence.index)
        cluster_id = cluster_of.get(claim_id) if claim_id else None
        lines.append(ArticleLine(sentence, claim_id, cluster_id))
    return lines


def coverage_cells(result: Result, cluster: Cluster) -> tuple[str | None, ...]:
    """For each source of the corpus in order, the id of its claim in ``cluster`` or ``None``."""
    by_source = {c.source: c.id for c in cluster.claims}
    return tuple(by_source.get(s.id) for s in result.sources)
