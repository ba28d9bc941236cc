"""Assembling clusters: index groups of claims into ordered :class:`Cluster` records with
their differences, each member's confidence and who confirmed it, the related claims suggested
for them, and their count of independent origins."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from claimcheck.core.types import Claim, ClaimFacts, Cluster, Related, Source, Suggestion

if TYPE_CHECKING:
    from claimcheck.core.compare.differences import WordSimilarity


def word_similarity(vocabulary: Sequence[str], vectors: object) -> WordSimilarity:
    """The similarity of two words of ``vocabulary`` by their unit ``vectors`` (row k is word
    k's; a run's :attr:`Result.vocabulary <claimcheck.core.types.Result.vocabulary>` and
    ``word_vectors``), ``None`` for a word without one."""
    import numpy as np

    index = {w: k for k, w in enumerate(vocabulary)}
    rows = np.asarray(vectors if vectors is not None else (), dtype=np.float32)
    if rows.ndim != 2:
        rows = np.zeros((0, 1), dtype=np.float32)

    def similarity(a: str, b: str) -> float | None:
        if a == b:
            return 1.0
        i, j = index.get(a), index.get(b)
        if i is None or j is None or i >= len(rows) or j >= len(rows):
            return None
        return float(rows[i] @ rows[j])

    return similarity


def build_clusters(
    claims: Sequence[Claim],
    groups: Sequence[Sequence[int]],
    sources: Sequence[Source],
    *,
    scores: Mapping[tuple[str, str], float] | None = None,
    reader: frozenset[str] = frozenset(),
    confidence: Mapping[str, float] | None = None,
    suggestions: Sequence[Suggestion] = (),
    facts: Sequence[ClaimFacts] = (),
    word_similarity: WordSimilarity | None = None,
) -> tuple[Cluster, ...]:
    """Turn index groups into ordered :class:`Cluster` objects with their differences, each
    member's confidence and how it got there, and the related claims suggested for it.

    Clusters are ordered by how many outlets state them, then by where they first appear (source
    order, then position in the article); members are in source order. A cluster's id is made
    from its first member's outlet and text (see :func:`cluster_ids`), so it stays the same after
    a move or a new threshold while that claim heads the cluster. ``facts`` (in the order of
    ``claims``) give each claim's figures as extracted once (a timeline's heading dates, read
    against its year), which the comparison reads rather than reading them again.
    ``word_similarity`` (:func:`word_similarity`) lets the comparison read words across
    languages.
    """
    from claimcheck.core.compare.differences import compare_cluster

    scores = scores or {}
    known = confidence or {}
    source_rank = {s.id: k for k, s in enumerate(sources)}
    dates = {s.id: s.date for s in sources}
    by_id = {c.id: c for c in claims}
    figures = {c.id: f.figures for c, f in zip(claims, facts, strict=False)}

    def member_key(c: Claim) -> tuple[int, int]:
        return source_rank[c.source], c.position

    ordered = []
    for group in groups:
        members = sorted((claims[k] for k in group), key=member_key)
        ordered.append(members)
    ordered.sort(key=lambda m: (-len(m), member_key(m[0])))
    ids = cluster_ids([m[0] for m in ordered])
    related_of = _related_index(suggestions)
    clusters = []
    for members, cluster_id in zip(ordered, ids, strict=True):
        differences = (
            compare_cluster(members, dates, figures, word_similarity=word_similarity)
            if len(members) > 1
            else ()
        )
        sure, confirmed_by = _member_confidence(members, scores, reader, known)
        clusters.append(
            Cluster(
                id=cluster_id,
                claims=tuple(members),
                differences=differences,
                confidence=sure,
                confirmed_by=confirmed_by,
                related=_related_claims(members, related_of, by_id),
            )
        )
    return tuple(clusters)


#: Hex digits of a cluster id's hash; more are used where two clusters would share one.
ID_DIGITS = 5


def cluster_ids(anchors: Sequence[Claim]) -> list[str]:
    """Ids for clusters headed by ``anchors``: ``c`` and a hash of the anchor's outlet and text
    (white space folded), the same in every run, the interface and both reports, and not a rank
    that renumbers when one cluster changes. Two anchors whose short hashes collide both get a
    longer one."""
    digests = [
        hashlib.sha256(f"{c.source}\0{' '.join(c.text.split())}".encode()).hexdigest()
        for c in anchors
    ]
    out: list[str] = []
    for digest in digests:
        digits = ID_DIGITS
        while sum(1 for d in digests if d[:digits] == digest[:digits]) > 1 and digits < 64:
            digits += 1
        out.append(f"c{digest[:digits]}")
    # The same outlet stating the same text twice heads two clusters: number the repeats.
    seen: dict[str, int] = {}
    for k, cid in enumerate(out):
        seen[cid] = seen.get(cid, 0) + 1
        if seen[cid] > 1:
            out[k] = f"{cid}-{seen[cid]}"
    return out


def _related_index(
    suggestions: Sequence[Suggestion],
) -> dict[str, list[tuple[str, str, float]]]:
    """Claim id -> (other claim id, anchor claim id, confidence) of each open suggestion sure
    enough to be shown with the claim's cluster."""
    related_of: dict[str, list[tuple[str, str, float]]] = {}
    for s in suggestions:
        if s.status == "open" and s.confidence >= RELATED_FLOOR:
            a, b = s.claims
            related_of.setdefault(a, []).append((b, a, s.confidence))
            related_of.setdefault(b, []).append((a, b, s.confidence))
    return related_of


def _member_confidence(
    members: Sequence[Claim],
    scores: Mapping[tuple[str, str], float],
    reader: frozenset[str],
    known: Mapping[str, float],
) -> tuple[tuple[float, ...], tuple[str, ...]]:
    """Each member's confidence (the reader's 1.0, a known value, or its weakest pair score)
    and who confirmed it; empty for a cluster of one."""
    if len(members) <= 1:
        return (), ()

    def score(a: str, b: str) -> float:
        return scores.get((a, b), scores.get((b, a), 0.0))

    sure = tuple(
        1.0
        if c.id in reader
        else round(known.get(c.id, min(score(c.id, o.id) for o in members if o is not c)), 3)
        for c in members
    )
    confirmed_by = tuple("reader" if c.id in reader else "model" for c in members)
    return sure, confirmed_by


def _related_claims(
    members: Sequence[Claim],
    related_of: Mapping[str, list[tuple[str, str, float]]],
    by_id: Mapping[str, Claim],
) -> tuple[Related, ...]:
    """The claims from outlets outside the cluster suggested for its members, most likely
    first, at most :data:`RELATED_PER_CLUSTER`."""
    related: dict[str, Related] = {}
    present = {c.source for c in members}
    for c in members:
        for other, anchor, p in related_of.get(c.id, ()):
            # An outlet already in the cluster does not "also state" it with another claim.
            if by_id[other].source in present:
                continue
            if other in related and related[other].confidence >= p:
                continue
            related[other] = Related(by_id[other], p, anchor)
    top = sorted(related.values(), key=lambda r: (-r.confidence, r.claim.id))
    return tuple(top[:RELATED_PER_CLUSTER])


#: Related claims shown with a cluster, most likely first.
RELATED_PER_CLUSTER = 3
#: A suggestion this confident or more is shown with its cluster as a related claim (the review
#: view walks through all of them).
RELATED_FLOOR = 0.3


def with_origins(
    clusters: Sequence[Cluster], sources: Sequence[Source]
) -> tuple[tuple[Cluster, ...], list[tuple[str, str, float]]]:
    """``clusters`` with their count of independent origins, and the same-dispatch pairs it
    rests on: sources that carry one dispatch (a wire story, perhaps translated) count once."""
    from claimcheck.core.compare.differences import dispatch_positions, same_dispatch

    positions = dispatch_positions(clusters)
    ordered = {s.id: positions[s.id] for s in sources if s.id in positions}
    pairs = same_dispatch(ordered)
    parent = {s.id: s.id for s in sources}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _coverage in pairs:
        parent[find(a)] = find(b)
    out = tuple(
        replace(c, origins=len({find(s) for s in c.sources})) if c.claims else c for c in clusters
    )
    return out, pairs
