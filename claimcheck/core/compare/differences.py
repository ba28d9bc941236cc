"""Where the members of a cluster differ: figures, dates, quantities, money, names, attribution,
polarity and shared wording, plus which outlets carry the same dispatch.

Everything here is pure Python on top of the extractors in :mod:`figures`, :mod:`names` and
:mod:`stance`; a cluster of a few claims is compared in about a millisecond or less.

Figures are paired across members when they measure the same thing (same kind and unit, same
counted noun when both name one; a lone leftover on each side is paired too). Names only
"differ" when each member has exactly one name the other lacks, of a compatible kind, in the
same slot between the names they share (or both are the speaker, or each claim names just one
entity); across languages an unknown organisation or a look-alike place is never called
different, since it may just be translated ("Frankfurt"/"Francfort").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple, cast

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from claimcheck.core.errors import InputError
from claimcheck.core.extract.facts import claim_figures, content_words
from claimcheck.core.extract.figures import compare_figures, figure_affinity
from claimcheck.core.extract.names import (
    DEMONYM_KEYS,
    NAME_WORDS_EN,
    extract_names,
    fold_text,
    is_known,
    is_person_title,
    related_entities,
    same_entity,
    translated_name_words,
)
from claimcheck.core.extract.stance import (
    Attribution,
    attribution_span,
    compare_attributions,
    names_nobody,
    polarity,
)
from claimcheck.core.types import Claim, Cluster, Difference, Figure, Name

__all__ = [
    "WORDING_THRESHOLD",
    "compare_cluster",
    "dispatch_positions",
    "same_dispatch",
    "wording_similarity",
]

#: rapidfuzz token-sort ratio (0..100) from which two same-language claims share their wording.
WORDING_THRESHOLD = 90.0

#: Two words of different languages say one thing when their vectors are at least this similar
#: ("deaths" / "décès" 0.81, "limited" / "limitée" 0.93; "advances" / "dirige" 0.56): a stricter
#: floor than word alignment's, since here one word decides (measured in eval_polarity.py).
CROSS_WORD_FLOOR = 0.7

#: The similarity of two content words' vectors (1.0 for one word), or ``None`` when either has
#: no vector.
WordSimilarity = Callable[[str, str], "float | None"]

_DIFF_KIND = {
    "figure": "figure",
    "percent": "figure",
    "factor": "figure",
    "date": "date",
    "quantity": "quantity",
    "duration": "quantity",
    "money": "money",
}
_RANK = {"agree": 0, "refines": 1, "differs": 2}


class _Member(NamedTuple):
    pos: int
    claim: Claim
    figures: tuple[Figure, ...]
    names: tuple[Name, ...]
    attribution: Attribution | None
    polarity: dict[str, object]


def wording_similarity(a: str, b: str) -> float:
    """How close two wordings are, 0..100 (rapidfuzz token-sort ratio on lowercased words)."""
    return float(fuzz.token_sort_ratio(a, b, processor=default_process))


def _check_claims(claims: Sequence[Claim]) -> None:
    for c in claims:
        if not hasattr(c, "text") or not hasattr(c, "source") or not hasattr(c, "language"):
            raise InputError(f"compare: expected Claim objects, got {type(c).__name__}")
        if not isinstance(c.text, str):
            raise InputError(f"compare: claim {getattr(c, 'id', '?')} has no text")


def compare_cluster(
    claims: Sequence[Claim],
    dates: Mapping[str, str | None] | None = None,
    figures: Mapping[str, Sequence[Figure]] | None = None,
    *,
    word_similarity: WordSimilarity | None = None,
) -> tuple[Difference, ...]:
    """The aligned items of a cluster and whether its members agree on each.

    ``dates`` maps a source id to its article's ISO date, used to resolve "on Tuesday", "mardi",
    "last month" and dates without a year. Returns figure items (kinds figure, date, quantity,
    money; percentages count as figure, durations as quantity) in text order, then names,
    attribution, polarity and shared wording. Each item's ``values`` hold the members that have
    it, in claim order, with the text as written (for polarity: the cue words; for wording: the
    whole claim). A cluster of one claim has no differences. Raises :class:`InputError` on a
    malformed date or non-claim input. ``figures`` maps a claim id to its figures as extracted
    once (:attr:`ClaimFacts.figures <claimcheck.core.types.ClaimFacts.figures>`), used in place of
    reading them again: in a timeline they hold the date of the heading the claim sits under and
    are read against the timeline's year (:func:`~claimcheck.core.extract.facts.with_heading`,
    :func:`~claimcheck.core.extract.facts.timeline_references`), not only the article's date.
    ``word_similarity`` compares words across languages (the encoder's word vectors): with it, a
    negation in a claim that no other member's language shares counts only where it bears on
    what the others state; without it, such a negation always counts.
    """
    if len(claims) < 2:
        return ()
    _check_claims(claims)
    dates = dates or {}
    members = []
    for k, c in enumerate(claims):
        members.append(
            _Member(
                k,
                c,
                tuple(
                    figures[c.id]
                    if figures is not None and c.id in figures
                    else claim_figures(c.text, c.language, dates.get(c.source))
                ),
                _dedupe_names(extract_names(c.text, c.language)),
                attribution_span(c.text, c.language),
                polarity(c.text, c.language),
            )
        )
    out: list[Difference] = []
    figure_items = _align_figures(members)
    out.extend(_figure_differences(members, figure_items))
    out.extend(_name_differences(members, figure_items))
    attr = _attribution_difference(members)
    if attr is not None:
        out.append(attr)
    pol = _polarity_difference(members, word_similarity)
    if pol is not None:
        out.append(pol)
    hedging = _hedging_difference(members)
    if hedging is not None:
        out.append(hedging)
    out.extend(_wording_differences(members))
    return tuple(out)


# --- figures -------------------------------------------------------------------------------------

_Item = dict[int, Figure]


def _align_figures(members: Sequence[_Member]) -> list[_Item]:
    """Group the figures of all members into items, one figure per member per item."""
    items: list[_Item] = []
    for m in members:
        figs = m.figures
        if not figs:
            continue
        cands: list[tuple[float, float, int, int, bool]] = []
        for fi, f in enumerate(figs):
            for ii, item in enumerate(items):
                if m.pos in item:
                    continue
                score = None
                strong = True
                for g in item.values():
                    aff = figure_affinity(g, f)
                    if aff is None:
                        score = None
                        break
                    score = aff[0] if score is None else min(score, aff[0])
                    strong = strong and aff[1]
                if score is None:
                    continue
                first = next(iter(item.values()))
                where = abs(_rel_pos(f, m.claim.text) - _rel_pos(first, _claim_text(members, item)))
                cands.append((-score, where, fi, ii, strong))
        cands.sort()
        used_f: set[int] = set()
        used_i: set[int] = set()
        for _neg, _where, fi, ii, strong in cands:
            if not strong or fi in used_f or ii in used_i:
                continue
            items[ii][m.pos] = figs[fi]
            used_f.add(fi)
            used_i.add(ii)
        # weak pairs: one figure of a kind left on each side, nothing better for either
        left_f = [fi for fi in range(len(figs)) if fi not in used_f]
        for fi in left_f:
            f = figs[fi]
            same_kind_f = [x for x in left_f if figs[x].kind == f.kind and x not in used_f]
            open_items = [
                ii
                for ii, item in enumerate(items)
                if ii not in used_i
                and m.pos not in item
                and next(iter(item.values())).kind == f.kind
            ]
            if len(same_kind_f) == 1 and len(open_items) == 1:
                ii = open_items[0]
                if all(figure_affinity(g, f) is not None for g in items[ii].values()):
                    items[ii][m.pos] = f
                    used_f.add(fi)
                    used_i.add(ii)
        _pair_between_neighbours(m, items, used_f, used_i)
        for fi, f in enumerate(figs):
            if fi not in used_f:
                items.append({m.pos: f})
    return items


def _pair_equal_in_order(
    m: _Member,
    items: list[_Item],
    order: Sequence[int],
    f_order: Sequence[int],
    used_f: set[int],
    used_i: set[int],
) -> None:
    """Pair the figures left on both sides that state the same value in the same order (the
    longest such run): "11 to 13 rays, 2 spines" / "11 à 13 rayons, 2 épines" are the same figures
    even when the counted nouns are read differently in each language."""
    figs = m.figures
    rows = [ii for ii in order if ii not in used_i and m.pos not in items[ii]]
    cols = [fi for fi in f_order if fi not in used_f]

    def same(ii: int, fi: int) -> bool:
        return all(_same_value(g, figs[fi]) for g in items[ii].values())

    best = [[0] * (len(cols) + 1) for _ in range(len(rows) + 1)]
    for r in range(len(rows) - 1, -1, -1):
        for c in range(len(cols) - 1, -1, -1):
            best[r][c] = (
                best[r + 1][c + 1] + 1
                if same(rows[r], cols[c])
                else max(best[r + 1][c], best[r][c + 1])
            )
    r = c = 0
    while r < len(rows) and c < len(cols):
        if same(rows[r], cols[c]) and best[r][c] == best[r + 1][c + 1] + 1:
            items[rows[r]][m.pos] = figs[cols[c]]
            used_i.add(rows[r])
            used_f.add(cols[c])
            r, c = r + 1, c + 1
        elif best[r + 1][c] >= best[r][c + 1]:
            r += 1
        else:
            c += 1


def _pair_between_neighbours(
    m: _Member, items: list[_Item], used_f: set[int], used_i: set[int]
) -> None:
    """Pair the one figure left between two figures that lined up with the one item left between
    the same two ("13 spines, 11 to 13 rays" / "17 épines, 11 à 13 rayons"): a translation or a
    rewording keeps the order of the figures, so what sits between the same neighbours states the
    same thing even when its counted noun is read differently on each side. Only when the pairs
    already made keep the order of both claims."""
    figs = m.figures
    bases = [min(item) for item in items]
    if not bases:
        return
    base = min(bases)
    order = sorted(
        (ii for ii, item in enumerate(items) if base in item and base != m.pos),
        key=lambda ii: items[ii][base].start,
    )
    f_order = sorted(range(len(figs)), key=lambda fi: figs[fi].start)
    _pair_equal_in_order(m, items, order, f_order, used_f, used_i)
    f_rank = {fi: r for r, fi in enumerate(f_order)}
    anchors = []
    for r, ii in enumerate(order):
        if ii in used_i:
            fi = next(k for k, f in enumerate(figs) if items[ii].get(m.pos) is f)
            anchors.append((r, f_rank[fi]))
    if any(b[1] <= a[1] for a, b in itertools.pairwise(anchors)):
        return  # the pairs cross: no order to trust
    bounds = [(-1, -1), *anchors, (len(order), len(f_order))]
    for (ia, fa), (ib, fb) in itertools.pairwise(bounds):
        open_items = [
            ii for ii in order[ia + 1 : ib] if ii not in used_i and m.pos not in items[ii]
        ]
        left = [fi for fi in f_order[fa + 1 : fb] if fi not in used_f]
        if len(open_items) != 1 or len(left) != 1:
            continue
        ii, fi = open_items[0], left[0]
        if all(figure_affinity(g, figs[fi]) is not None for g in items[ii].values()):
            items[ii][m.pos] = figs[fi]
            used_f.add(fi)
            used_i.add(ii)


def _claim_text(members: Sequence[_Member], item: _Item) -> str:
    return members[next(iter(item))].claim.text


def _rel_pos(f: Figure, text: str) -> float:
    return f.start / max(len(text), 1)


def _status(figs: Sequence[Figure]) -> str:
    worst = "agree"
    for x in range(len(figs)):
        for y in range(x + 1, len(figs)):
            s = compare_figures(figs[x], figs[y])
            if _RANK[s] > _RANK[worst]:
                worst = s
    return worst


def _repeats(items: Sequence[_Item]) -> set[int]:
    """The items that only repeat a value their one member already gives in another item ("2020
    to Bring Good News…, predicts that 2020 will…" against "in 2020"): the member states it once
    more, the others do not leave it out, so it is no row of its own."""
    repeats: set[int] = set()
    for ii, item in enumerate(items):
        if len(item) != 1:
            continue
        ((pos, f),) = item.items()
        for jj, other in enumerate(items):
            if jj == ii or jj in repeats or pos not in other:
                continue
            g = other[pos]
            if (len(other) > 1 or jj < ii) and f.kind == g.kind and _same_value(f, g):
                repeats.add(ii)
                break
    return repeats


def _same_value(f: Figure, g: Figure) -> bool:
    """Whether two figures line up as one measurement and state the same value."""
    return figure_affinity(f, g) is not None and compare_figures(f, g) == "agree"


def _figure_differences(members: Sequence[_Member], items: Sequence[_Item]) -> list[Difference]:
    rows: list[tuple[tuple[int, int], Difference]] = []
    repeats = _repeats(items)
    for ii, item in enumerate(items):
        if ii in repeats:
            continue
        order = sorted(item)
        figs = [item[k] for k in order]
        values = tuple((members[k].claim.source, item[k].text) for k in order)
        kind = _DIFF_KIND.get(figs[0].kind, "figure")
        if len(order) == 1:
            status = "only_in"
            note = f"only {members[order[0]].claim.source} gives this {kind}"
        else:
            status = _status(figs)
            note = _figure_note(status, values)
        rows.append(((order[0], figs[0].start), Difference(kind, status, values, note)))
    rows.sort(key=lambda r: r[0])
    return [d for _, d in rows]


def _figure_note(status: str, values: Sequence[tuple[str, str]]) -> str:
    texts = []
    for _, t in values:
        if t not in texts:
            texts.append(t)
    if status == "agree":
        return "same value" if len(texts) == 1 else "same value: " + " = ".join(texts)
    if status == "refines":
        return "compatible, one more precise: " + " / ".join(texts)
    return " vs ".join(texts)


# --- names ---------------------------------------------------------------------------------------


def _dedupe_names(names: Sequence[Name]) -> tuple[Name, ...]:
    """One mention per entity and form: "Israel" and "Israeli" stay two mentions."""
    out: list[Name] = []
    for n in names:
        if any(
            _is_demonym(n) == _is_demonym(o) and (n.key == o.key or same_entity(n.text, o.text))
            for o in out
        ):
            continue
        out.append(n)
    return tuple(out)


def _resemble(a: Name, b: Name) -> bool:
    """Whether two names look alike as wholes or share a word that looks alike, or share a word
    names translate ("Amérique du Nord" / "North America") and the rest looks somewhat alike: one
    may be the other translated word for word."""
    for ka, kb in (
        (a.key.split(), b.key.split()),
        (fold_text(a.text).lower().split(), fold_text(b.text).lower().split()),
    ):
        if fuzz.ratio("".join(ka), "".join(kb)) >= 65:
            return True
        if any(len(x) > 2 and len(y) > 2 and fuzz.ratio(x, y) >= 75 for x in ka for y in kb):
            return True
    return _translated_alike(a, b)


def _translated_alike(a: Name, b: Name) -> bool:
    """Whether two names, one with a word that names translate ("nord" / "north"), share a word
    and their other words look somewhat alike or one has none: "Amérique du Nord" / "North
    America", "Grand Détroit" / "Greater Detroit"."""
    wa, wb = translated_name_words(a.text), translated_name_words(b.text)
    if not wa & wb or not (wa | wb) & NAME_WORDS_EN:
        return False
    rest_a, rest_b = wa - wb, wb - wa
    return not rest_a or not rest_b or any(fuzz.ratio(x, y) >= 60 for x in rest_a for y in rest_b)


def _translation_safe(a: Name, b: Name) -> bool:
    """Whether two names from different languages can be told apart as different entities.

    People keep their names across languages; a name from the exonym table would have been
    recognised in its translation, so a known name against anything else is a real difference.
    Two unknown place names are only called different when they do not even look alike
    ("Frankfurt"/"Francfort" and "Brittany"/"Bretagne" may be translations; "Munich"/"Lyon" are
    not); unknown organisations are never compared, their names are often translated wholesale.
    """
    if a.kind == b.kind == "person":
        # people keep their names: only a name spelled nearly the same may be a translation (or
        # one taken for a person's that is a place translated word for word: "Grand Détroit")
        return fuzz.ratio(a.key, b.key) < 80 and not _translated_alike(a, b)
    known = is_known(a.text), is_known(b.text)
    if all(known):
        return True
    if _resemble(a, b):
        return False  # "America" / "Amérique", "Indy Civic Theater" / "Indy Civic Théâtre"
    if any(known):
        return True
    if (
        "organisation" in (a.kind, b.kind)
        or "person" in (a.kind, b.kind)
        or a.kind == b.kind == ("other")
    ):
        return False
    ka, kb = a.key.replace(" ", ""), b.key.replace(" ", "")
    return bool(ka and kb) and ka[0] != kb[0] and fuzz.ratio(ka, kb) < 70


def _place(
    ni: int,
    candidates: Iterable[int],
    pos: int,
    items: Sequence[dict[int, Name]],
    placed: dict[int, int],
    taken: set[int],
) -> None:
    """Put name ``ni`` of member ``pos`` in the first free candidate item."""
    for ii in candidates:
        if ii not in taken and pos not in items[ii]:
            placed[ni] = ii
            taken.add(ii)
            return


def _neighbours(
    items: Sequence[dict[int, Name]], p: int, q: int, x: int
) -> tuple[int | None, int | None]:
    """The items named by both p and q right before and right after item x in p's claim: a
    changed name sits between the same shared names in both claims."""
    shared = sorted(
        (it[p].start, ii) for ii, it in enumerate(items) if p in it and (q in it or ii == x)
    )
    order = [ii for _, ii in shared]
    k = order.index(x)
    before = order[k - 1] if k > 0 else None
    after = order[k + 1] if k + 1 < len(order) else None
    return before, after


@lru_cache(maxsize=16384)
def _demonym_text(text: str) -> bool:
    return fold_text(text) in DEMONYM_KEYS


def _is_demonym(n: Name) -> bool:
    return _demonym_text(n.text)


def _names_match(rule: str, n: Name, others: Iterable[Name]) -> bool:
    if rule == "form":
        return any(o.key == n.key and _is_demonym(o) == _is_demonym(n) for o in others)
    if rule == "entity":
        return any(o.key == n.key or same_entity(o.text, n.text) for o in others)
    return any(related_entities(o.key, n.key) for o in others)


def _lang(m: _Member) -> str:
    return (m.claim.language or "")[:2].lower()


def _name_tokens(text: str) -> int:
    return len([t for t in text.replace("-", " ").split() if t])


def _is_speaker(m: _Member, name: Name) -> bool:
    a = m.attribution
    return a is not None and a.start <= name.start and name.end <= a.end


def _name_differences(
    members: Sequence[_Member], figure_items: Sequence[_Item]
) -> list[Difference]:
    items = _align_names(members)
    conflicts = _name_conflicts(members, items, figure_items)
    merged = {ii for pair in conflicts for ii in pair}
    rows = [_conflict_row(members, items, x, y) for x, y in conflicts]
    rows.extend(_item_row(members, item) for ii, item in enumerate(items) if ii not in merged)
    rows.sort(key=lambda r: r[0])
    return [d for _, d in rows]


def _align_names(members: Sequence[_Member]) -> list[dict[int, Name]]:
    """The names of all members lined up: one item per entity, member position -> its name."""
    items: list[dict[int, Name]] = []
    by_form: dict[tuple[str, bool], list[int]] = {}
    by_key: dict[str, list[int]] = {}
    for m in members:
        placed: dict[int, int] = {}  # name index -> item index
        taken: set[int] = set()
        args = (m.pos, items, placed, taken)

        # same entity written the same way first ("Israel"/"Israël" before "israélienne"), then
        # any mention of the same entity, then a related one ("Washington"/"Etats-Unis")
        for ni, n in enumerate(m.names):
            _place(ni, by_form.get((n.key, _is_demonym(n)), ()), *args)
        for ni, n in enumerate(m.names):
            if ni not in placed:
                _place(ni, by_key.get(n.key, ()), *args)
        for rule in ("entity", "related"):
            for ni, n in enumerate(m.names):
                if ni not in placed:
                    candidates = [
                        ii
                        for ii, item in enumerate(items)
                        if ii not in taken and _names_match(rule, n, item.values())
                    ]
                    _place(ni, candidates, *args)
        for ni, n in enumerate(m.names):
            if ni in placed:
                ii = placed[ni]
                items[ii][m.pos] = n
            else:
                items.append({m.pos: n})
                ii = len(items) - 1
            by_form.setdefault((n.key, _is_demonym(n)), []).append(ii)
            by_key.setdefault(n.key, []).append(ii)
    return items


def _anchored(
    items: Sequence[dict[int, Name]], figure_items: Sequence[_Item], p: int, q: int
) -> bool:
    """True when members ``p`` and ``q`` share a name or a figure that does not differ."""
    for item in items:
        if p in item and q in item:
            return True
    for fitem in figure_items:
        if p in fitem and q in fitem and compare_figures(fitem[p], fitem[q]) != "differs":
            return True
    return False


def _name_conflicts(
    members: Sequence[_Member], items: list[dict[int, Name]], figure_items: Sequence[_Item]
) -> list[tuple[int, int]]:
    """Pairs of items that are one name changed between two otherwise matching claims."""
    conflicts: list[tuple[int, int]] = []
    merged: set[int] = set()
    for p in range(len(members)):
        for q in range(p + 1, len(members)):
            # exactly one name left over on each side, of a compatible kind: the signature of
            # one name changed in otherwise matching claims
            left_p = [ii for ii, it in enumerate(items) if p in it and q not in it]
            left_q = [ii for ii, it in enumerate(items) if q in it and p not in it]
            if len(left_p) != 1 or len(left_q) != 1:
                continue
            x, y = left_p[0], left_q[0]
            nx, ny = items[x][p], items[y][q]
            speakers = _is_speaker(members[p], nx) and _is_speaker(members[q], ny)
            if not speakers and (nx.kind != ny.kind or nx.kind == "other"):
                # a name of unknown kind against another ("Deadline" / "AMC", "Constitution" /
                # "PDP") is as often two things as one changed; two speakers are one slot
                continue
            if x in merged or y in merged or related_entities(nx.key, ny.key):
                continue
            if _one_names_the_other(nx, ny):
                continue  # "Goolagong Evonne", "Grinnell Bay": the same name, reordered or longer
            if _lang(members[p]) != _lang(members[q]) and not _translation_safe(nx, ny):
                continue
            sole = len(members[p].names) == 1 and len(members[q].names) == 1
            slot = _neighbours(items, p, q, x) == _neighbours(items, q, p, y)
            if speakers or sole or (slot and _anchored(items, figure_items, p, q)):
                conflicts.append((x, y))
                merged.update((x, y))
    return conflicts


def _name_words(name: Name) -> frozenset[str]:
    return frozenset(w for w in name.key.split() if len(w) > 1)


def _one_names_the_other(a: Name, b: Name) -> bool:
    """Whether one name's words are all words of the other (the same name reordered, or with
    more words): not a changed name."""
    wa, wb = _name_words(a), _name_words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _conflict_row(
    members: Sequence[_Member], items: Sequence[dict[int, Name]], x: int, y: int
) -> tuple[tuple[int, int], Difference]:
    """The ``differs`` row of two items that are one name changed, with where it sorts."""
    both: dict[int, Name] = {**items[x], **items[y]}
    order = sorted(both)
    values = tuple((members[k].claim.source, both[k].text) for k in order)
    texts = " vs ".join(dict.fromkeys(both[k].text for k in order))
    role = (
        "speaker" if all(_is_speaker(members[k], both[k]) for k in order) else both[order[0]].kind
    )
    return (
        (order[0], both[order[0]].start),
        Difference("name", "differs", values, f"different {role}: {texts}"),
    )


def _item_row(
    members: Sequence[_Member], item: dict[int, Name]
) -> tuple[tuple[int, int], Difference]:
    """The row of one entity named by one or more members, with where it sorts."""
    order = sorted(item)
    values = tuple((members[k].claim.source, item[k].text) for k in order)
    if len(order) == 1:
        status = "only_in"
        note = f"named only by {members[order[0]].claim.source}"
    else:
        counts = {_name_tokens(item[k].text) for k in order}
        variants = list(dict.fromkeys(item[k].text for k in order))
        keys = {item[k].key for k in order}
        related = len(keys) > 1 and not all(
            same_entity(item[order[0]].text, item[k].text) for k in order
        )
        status = "refines" if len(counts) > 1 or related else "agree"
        changed = _changed_first_word(members, item) if status == "refines" else None
        if changed is not None:
            return (order[0], item[order[0]].start), Difference(
                "name", "differs", values, f"different name: {changed}"
            )
        if related:
            note = "related names (a capital for its country...): " + " / ".join(variants)
        elif status == "refines":
            note = "same entity, one name more complete: " + " / ".join(variants)
        elif len(variants) > 1:
            note = "same entity, spelled " + " / ".join(variants)
        else:
            note = "same name"
    return (order[0], item[order[0]].start), Difference("name", status, values, note)


_CAP_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)\s+$")


def _opens_sentence(text: str, start: int) -> bool:
    head = text[:start].rstrip(" \t\"'“«(`")
    return not head or head[-1] in ".!?:;"


def _changed_first_word(members: Sequence[_Member], item: dict[int, Name]) -> str | None:
    """ "Royal Opera House" / "Tripp Opera House": one outlet's name is the other's with words in
    front that the other claim never writes, while the other claim has a different capitalised
    word right before the shared part (a title or a word the name reader left out). Not a more
    complete name but a different one: the words that differ, else None."""
    order = sorted(item)
    if len(order) != 2:
        return None
    p, q = order
    a, b = item[p], item[q]
    long_k, short_k = (p, q) if _name_tokens(a.text) > _name_tokens(b.text) else (q, p)
    long_n, short_n = item[long_k], item[short_k]
    long_words, short_words = long_n.text.split(), short_n.text.split()
    if len(long_words) <= len(short_words) or long_words[-len(short_words) :] != short_words:
        return None
    extra = long_words[: len(long_words) - len(short_words)]
    other = members[short_k].claim.text
    before = _CAP_BEFORE.search(other[: short_n.start])
    if (
        before is None
        or not before.group(1)[:1].isupper()
        or "'" in before.group(1)
        or "’" in before.group(1)
        or before.group(1) in long_words
        or _opens_sentence(other, before.start())
        or _opens_sentence(members[long_k].claim.text, long_n.start)
    ):
        return None  # capitalised because it opens the sentence ("When Platzer", "Les Maldives")
    if long_n.key == short_n.key or is_person_title(before.group(1)):
        return None  # "President Trump" / "Donald Trump": one person, by title and by name
    others = [w for w in re.findall(r"[^\W\d_][\w'’-]*", other) if w[:1].isupper()]
    if any(same_entity(x, w) for x in extra for w in others):
        return None  # "gouverneur de Virginie Thomas Jefferson" / "Virginia Governor Thomas ..."
    return f"{before.group(1)} {short_n.text} vs {long_n.text}"


# --- attribution and polarity --------------------------------------------------------------------


def _speakers(member: _Member) -> list[Name]:
    """The people named inside the member's speaker phrase ("Vladimir Putin" of "Russian
    President Vladimir Putin says…"). Not places or bodies: "Russia says it downed five drones"
    against "five drones were downed over Russia" is attribution drift, the country named as
    where it happened."""
    a = member.attribution
    if a is None:
        return []
    return [n for n in member.names if n.kind == "person" and n.start >= a.start and n.end <= a.end]


def _names_a_speaker(member: _Member, speakers: Sequence[Name]) -> bool:
    """Whether the member names one of ``speakers`` (the others' speakers) itself: "Putin
    announces an operation" against "Putin says he is launching an operation" reports what the
    speaker did, it does not state the speaker's words as fact."""
    return any(
        n.key == s.key or same_entity(n.text, s.text) for n in member.names for s in speakers
    )


def _attribution_difference(members: Sequence[_Member]) -> Difference | None:
    having = [m for m in members if m.attribution is not None]
    if not having:
        return None
    values = tuple((m.claim.source, m.attribution.text) for m in having if m.attribution)
    speakers = [n for m in having for n in _speakers(m)]
    silent = [
        m.claim.source
        for m in members
        if m.attribution is None and not _names_a_speaker(m, speakers)
    ]
    if len(having) == 1:
        assert having[0].attribution is not None
        if names_nobody(having[0].attribution.text):
            return None  # "it added": credited to no one a reader could check
        if not silent:
            return None  # every other member names the speaker as the one who acted
        return Difference(
            "attribution",
            "only_in",
            values,
            f"only {having[0].claim.source} says who it comes from",
        )
    worst = "agree"
    for x in range(len(having)):
        for y in range(x + 1, len(having)):
            ax, ay = having[x], having[y]
            assert ax.attribution is not None and ay.attribution is not None
            s = compare_attributions(
                ax.attribution.text, ax.claim.language, ay.attribution.text, ay.claim.language
            )
            if _RANK[s] > _RANK[worst]:
                worst = s
    texts = " vs ".join(dict.fromkeys(t for _, t in values))
    note = (
        {
            "agree": "same source",
            "refines": "compatible sources, one more specific",
            "differs": "credited to different sources",
        }[worst]
        + ": "
        + texts
    )
    if silent:
        note += f" (no source given by {', '.join(silent)})"
    return Difference("attribution", worst, values, note)


def _polarity_difference(
    members: Sequence[_Member], word_similarity: WordSimilarity | None = None
) -> Difference | None:
    """Negation or denial in some members only: a difference when the meanings disagree. A
    member that says the same negatively by its words ("prevent", "refuse", "sans") agrees with a
    negated one. Hedging is not polarity: see :func:`_hedging_difference`."""
    words = [content_words(m.claim.text, m.claim.language) for m in members]
    touches = [
        _negation_touches(
            m,
            [(o, ws) for o, ws in zip(members, words, strict=True) if o is not m],
            word_similarity,
        )
        for m in members
    ]
    flags = [
        (bool(m.polarity["negated"]) and t, bool(m.polarity["denial"]) and t)
        for m, t in zip(members, touches, strict=True)
    ]
    negative = [bool(m.polarity.get("negative_meaning")) for m in members]
    cues = [list(m.polarity["cues"]) for m in members]  # type: ignore[call-overload]
    if not any(f[0] or f[1] for f in flags):
        return None
    values = tuple(
        (m.claim.source, c[0] if len(c) == 1 else ", ".join(dict.fromkeys(c)))
        for m, c in zip(members, cues, strict=True)
        if c
    )
    parts = []
    for dim, label in ((0, "negated"), (1, "denial")):
        yes = [m.claim.source for m, f in zip(members, flags, strict=True) if f[dim]]
        no = [
            m.claim.source
            for m, f, neg in zip(members, flags, negative, strict=True)
            if not f[dim] and not neg
        ]
        if yes and no:
            parts.append(f"{label} in {', '.join(yes)} only")
    if parts:
        return Difference("polarity", "differs", values, "; ".join(parts))
    return Difference("polarity", "agree", values, "all say it negatively")


#: Words before a negation cue and after it, within its clause, that say what it negates
#: ("trains … ne circulent plus", "will not join NATO").
_SCOPE_BEFORE = 5
_SCOPE_AFTER = 10
_CLAUSE_END = re.compile(r"[.;:!?,]")


def _negation_touches(
    member: _Member,
    others: Sequence[tuple[_Member, Sequence[str]]],
    word_similarity: WordSimilarity | None = None,
) -> bool:
    """Whether one of the member's negations bears on what the others state: a content word
    near it (a few words before, its clause after) that the others write too, by its first five
    letters ("resign" / "resigned"). A negation in a clause of its own ("… and demands a
    guarantee that it will not join NATO", "with no deaths") is not a disagreement with a
    claim that does not state that clause. ``others`` are the other members with their content
    words; those of the member's language are read (members of one cluster state one fact, so
    what the member's own language says of it stands for the rest). When every other member is
    in another language, a word of the scope bears on them if ``word_similarity`` finds its
    translation among their words (:data:`CROSS_WORD_FLOOR`: "le Royaume-Uni ne peut pas
    continuer à faire partie du marché unique" bears on nothing of "Theresa May delivers her
    Lancaster House speech"); without ``word_similarity`` such a negation counts."""
    spans = cast("list[tuple[int, int]]", member.polarity.get("negations") or [])
    if not spans:
        return True
    language = member.claim.language[:2]
    theirs = [w for o, ws in others if o.claim.language[:2] == language for w in ws]
    foreign = [w for _, ws in others for w in ws]
    if theirs:

        def bears(w: str) -> bool:
            return any(_one_word(w, x) for x in theirs)

    elif foreign and word_similarity is not None:
        similar = word_similarity

        def bears(w: str) -> bool:
            return any(w == x or (similar(w, x) or 0.0) >= CROSS_WORD_FLOOR for x in foreign)

    else:
        return True

    text = member.claim.text
    for start, end in spans:
        before = _CLAUSE_END.split(text[:start])[-1].split()[-_SCOPE_BEFORE:]
        tail = _CLAUSE_END.split(text[end:], maxsplit=1)[0].split()[:_SCOPE_AFTER]
        scope = " ".join([*before, text[start:end], *tail])
        if any(bears(w) for w in content_words(scope, member.claim.language)):
            return True
    return False


def _one_word(a: str, b: str) -> bool:
    """Two forms of one word, loosely: "resign" / "resigned", "know" / "knew"."""
    return a[:4] == b[:4] or (a[:3] == b[:3] and fuzz.ratio(a, b) >= 60) or fuzz.ratio(a, b) >= 75


def _hedging_difference(members: Sequence[_Member]) -> Difference | None:
    """Attribution drift by hedging: some outlets hedge ("could", "reportedly", "pourrait",
    "présumé") what others state as fact. A finding, not a contradiction."""
    hedged = [m for m in members if m.polarity["hedged"]]
    if not hedged or len(hedged) == len(members):
        return None
    values = tuple(
        (m.claim.source, ", ".join(dict.fromkeys(m.polarity["cues"])))  # type: ignore[call-overload]
        for m in hedged
    )
    plain = [m.claim.source for m in members if not m.polarity["hedged"]]
    return Difference(
        "hedging",
        "only_in",
        values,
        f"hedged by {', '.join(m.claim.source for m in hedged)}; stated as fact by "
        f"{', '.join(plain)}",
    )


# --- wording -------------------------------------------------------------------------------------


def _wording_differences(members: Sequence[_Member]) -> list[Difference]:
    parent = list(range(len(members)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in range(len(members)):
        for q in range(p + 1, len(members)):
            a, b = members[p].claim, members[q].claim
            if (a.language or "")[:2].lower() != (b.language or "")[:2].lower():
                continue
            if wording_similarity(a.text, b.text) >= WORDING_THRESHOLD:
                parent[find(q)] = find(p)
    groups: dict[int, list[int]] = {}
    for k in range(len(members)):
        groups.setdefault(find(k), []).append(k)
    out = []
    for group in groups.values():
        if len(group) < 2:
            continue
        values = tuple((members[k].claim.source, members[k].claim.text) for k in group)
        out.append(
            Difference("wording", "agree", values, "shared wording (likely the same wire copy)")
        )
    return out


# --- same dispatch -------------------------------------------------------------------------------


def _lis_length(seq: Sequence[int]) -> int:
    import bisect

    tails: list[int] = []
    for x in seq:
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)


def same_dispatch(
    claim_positions: Mapping[str, Sequence[tuple[str, int]]],
    *,
    min_shared: int = 4,
    min_coverage: float = 0.6,
) -> list[tuple[str, str, float]]:
    """Pairs of sources that likely carry the same dispatch (the same wire story, perhaps
    translated or trimmed).

    ``claim_positions`` maps each source id to ``(cluster id, position in the article)`` for
    every claim of that article, singletons included (see :func:`dispatch_positions`). Two sources
    are flagged when at least ``min_shared`` of the clusters they share appear in the same
    relative order (the longest common ordered run, not necessarily contiguous) and that run
    covers at least ``min_coverage`` of the shorter article. Returns ``(source a, source b,
    coverage)`` with ``a`` before ``b`` in the mapping's order, highest coverage first.
    """
    if min_shared < 1 or not 0 < min_coverage <= 1:
        raise InputError("same_dispatch: min_shared must be >= 1 and min_coverage in (0, 1]")
    firsts: dict[str, dict[str, int]] = {}
    for source, seq in claim_positions.items():
        first: dict[str, int] = {}
        for cluster_id, pos in seq:
            if cluster_id not in first or pos < first[cluster_id]:
                first[cluster_id] = pos
        firsts[source] = first
    sources = list(firsts)
    out: list[tuple[str, str, float]] = []
    for x in range(len(sources)):
        for y in range(x + 1, len(sources)):
            a, b = firsts[sources[x]], firsts[sources[y]]
            shorter = min(len(a), len(b))
            if shorter == 0:
                continue
            shared = sorted((a[c], b[c]) for c in a.keys() & b.keys())
            if len(shared) < min_shared:
                continue
            run = _lis_length([pb for _, pb in shared])
            coverage = run / shorter
            if run >= min_shared and coverage >= min_coverage:
                out.append((sources[x], sources[y], round(coverage, 3)))
    out.sort(key=lambda t: -t[2])
    return out


def dispatch_positions(clusters: Sequence[Cluster]) -> dict[str, list[tuple[str, int]]]:
    """The input of :func:`same_dispatch` built from clusters: for each source, its claims'
    ``(cluster id, position)`` in article order."""
    out: dict[str, list[tuple[str, int]]] = {}
    for cluster in clusters:
        for claim in cluster.claims:
            out.setdefault(claim.source, []).append((cluster.id, claim.position))
    for seq in out.values():
        seq.sort(key=lambda t: t[1])
    return out
