"""The whole comparison from paths to a :class:`Result`, without a UI: read, split, embed, cluster,
compare. The CLI and the interface both call :func:`run`; re-clustering at another threshold
(:func:`recluster`) reuses the vectors and never touches the model."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from .defaults import DEFAULT_THRESHOLD
from .errors import InputError, Progress, check_cancel, no_progress
from .types import (
    Claim,
    ClaimFacts,
    Cluster,
    Related,
    Result,
    Sentence,
    Settings,
    Source,
    Suggestion,
)

__all__ = ["DEFAULT_THRESHOLD", "recluster", "run", "validate_threshold"]

if TYPE_CHECKING:
    from .agreement import ClaimData, CrossScorer
    from .cache import EmbeddingCache
    from .embed import Encoder
    from .verify import Verifier


def validate_threshold(value: float) -> float:
    """Return ``value`` if it is a usable cosine threshold, else raise :class:`InputError`."""
    if not (value == value) or not 0.0 < value < 1.0:  # NaN fails the first test
        raise InputError(f"threshold must be a number between 0 and 1 (exclusive), got {value}")
    return value


def run(
    inputs: Sequence[str],
    settings: Settings,
    *,
    encoder: Encoder | None = None,
    cache: EmbeddingCache | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    warn: Callable[[str], None] | None = None,
) -> Result:
    """Read ``inputs`` (files, folders, URLs), compare their claims and return the result.

    ``encoder`` defaults to the model named in ``settings``; ``cache`` (if given) is consulted
    before the encoder, so a second run over the same claims does no encoder work.
    """
    from .claims import extract_claims
    from .embed import embed, get_encoder
    from .ingest import load_sources

    progress = progress or no_progress
    warnings: list[str] = []

    def _warn(line: str) -> None:
        warnings.append(line)
        if warn:
            warn(line)

    validate_threshold(settings.threshold)
    if settings.verifier not in ("", "built-in"):
        from .crossverify import load_cross_encoder

        load_cross_encoder(settings.verifier)  # a verifier that cannot load fails before reading
    sources = load_sources(inputs, warn=_warn, progress=progress, cancel=cancel)
    if len(sources) < 2:
        only = sources[0].path if sources else "the input"
        raise InputError(f"only one article ({only}): claimcheck needs two or more to compare")
    for source in sources:
        for line in source.warnings:
            _warn(f"{source.path}: {line}")

    sentences: list[tuple[Sentence, ...]] = []
    claims: list[Claim] = []
    for source in sources:
        check_cancel(cancel)
        sents, cls = extract_claims(source)
        sentences.append(sents)
        claims.extend(cls)
        if not cls:
            _warn(f"{source.path}: no claims left after removing site chrome")
    if not claims:
        raise InputError("no claims left in any article after removing site chrome")

    encoder = encoder or get_encoder(settings.model)
    prepared = prepare(sources, sentences, claims)
    texts = [c.text for c in claims]
    extra = [t for t in prepared.context_texts if t is not None]
    every = texts + extra + list(prepared.vocabulary)
    all_vectors = embed(every, encoder, cache, progress=progress, cancel=cancel)
    vectors = all_vectors[: len(texts)]
    contexts = vectors.copy()
    row = len(texts)
    for k, context in enumerate(prepared.context_texts):
        if context is not None:
            contexts[k] = all_vectors[row]
            row += 1
    result = Result(
        sources=tuple(sources),
        sentences=tuple(sentences),
        claims=tuple(claims),
        clusters=(),
        settings=settings,
        warnings=tuple(warnings),
        vectors=vectors,
        facts=prepared.facts,
        context_vectors=contexts,
        vocabulary=prepared.vocabulary,
        word_vectors=all_vectors[row:],
    )
    return recluster(result, settings.threshold, progress=progress, cancel=cancel)


@dataclass(frozen=True)
class Prepared:
    """Per-claim inputs of matching that need no model: facts, context texts, vocabulary."""

    facts: tuple[ClaimFacts, ...]
    context_texts: tuple[str | None, ...]
    """The whole sentence of a claim cut from a longer one, else ``None``."""
    vocabulary: tuple[str, ...]


def prepare(
    sources: Sequence[Source],
    sentences: Sequence[Sequence[Sentence]],
    claims: Sequence[Claim],
) -> Prepared:
    """Each claim's facts (extracted once, with its article's date) and sentence context."""
    from .verify import extract_facts

    by_id = {s.id: (s, sents) for s, sents in zip(sources, sentences, strict=True)}
    facts = []
    contexts: list[str | None] = []
    for claim in claims:
        source, sents = by_id[claim.source]
        facts.append(extract_facts(claim.text, claim.language, source.date))
        sentence = sents[claim.sentence]
        whole = sentence.whole
        contexts.append(source.text[whole[0] : whole[1]] if whole else None)
    vocabulary = tuple(sorted({w for f in facts for w in f.words}))
    return Prepared(tuple(facts), tuple(contexts), vocabulary)


Decision = tuple[str, str, bool]


def cross_scorer(result: Result, name: str) -> CrossScorer:
    """Pairs of claim indices of ``result`` scored by the cross-encoder ``name``."""
    from .crossverify import load_cross_encoder

    score_texts = load_cross_encoder(name)
    texts = [c.text for c in result.claims]

    def score(pairs: Sequence[tuple[int, int]]) -> Sequence[float]:
        return [float(p) for p in score_texts([(texts[i], texts[j]) for i, j in pairs])]

    return score


def matching_inputs(
    result: Result, cancel: threading.Event | None = None
) -> tuple[ClaimData, list[np.ndarray]]:
    """What verification reads about ``result``'s claims, and the story buckets they fall in."""
    from .agreement import ClaimData
    from .stories import story_buckets

    source_index = {s.id: k for k, s in enumerate(result.sources)}
    vectors = np.asarray(result.vectors, dtype=np.float32)
    groups = np.array([source_index[c.source] for c in result.claims], dtype=np.int64)
    buckets = story_buckets(vectors, groups, cancel=cancel)
    facts = result.facts or prepare(result.sources, result.sentences, result.claims).facts
    contexts = result.context_vectors if result.context_vectors is not None else vectors
    words = result.word_vectors
    if words is None or not len(result.vocabulary):
        words = np.zeros((0, vectors.shape[1] if vectors.ndim == 2 else 1), dtype=np.float32)
    data = ClaimData(
        vectors=vectors,
        contexts=np.asarray(contexts, dtype=np.float32),
        facts=facts,
        word_vectors=np.asarray(words, dtype=np.float32),
        vocabulary={w: k for k, w in enumerate(result.vocabulary)},
        groups=groups,
        languages=[c.language for c in result.claims],
        headlines=[c.role in ("headline", "standfirst") for c in result.claims],
    )
    return data, list(buckets)


def recluster(
    result: Result,
    threshold: float,
    *,
    decisions: Sequence[Decision] | None = None,
    cross: CrossScorer | None = None,
    verifier: Verifier | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Result:
    """The same claims verified and grouped at another ``threshold`` (a confidence), reusing the
    stored vectors. ``decisions`` are the reader's (claim id, claim id, confirmed?) verdicts;
    by default those the result already carries."""
    from .agreement import verify_and_group
    from .verify import default_verifier

    validate_threshold(threshold)
    if decisions is None:
        decisions = result.decisions
    claim_index = {c.id: k for k, c in enumerate(result.claims)}
    if cross is None and result.settings.verifier not in ("", "built-in"):
        cross = cross_scorer(result, result.settings.verifier)
    data, buckets = matching_inputs(result, cancel)
    facts = tuple(data.facts)
    known = [
        (claim_index[a], claim_index[b], ok)
        for a, b, ok in decisions
        if a in claim_index and b in claim_index
    ]
    agreement = verify_and_group(
        data,
        buckets,
        threshold,
        verifier or default_verifier(),
        confirmed=[(a, b) for a, b, ok in known if ok],
        rejected=[(a, b) for a, b, ok in known if not ok],
        cross=cross,
        progress=progress,
        cancel=cancel,
    )
    claims = result.claims
    scores = {(claims[i].id, claims[j].id): p for (i, j), p in agreement.scores.items()}
    suggestions = tuple(
        Suggestion(
            claims=(claims[i].id, claims[j].id),
            confidence=round(p, 3),
            evidence=agreement.evidence[(i, j)],
            status=status,  # type: ignore[arg-type]
        )
        for (i, j), p, status in agreement.suggestions
    )
    reader = frozenset(claims[k].id for k in agreement.by_reader)
    clusters = build_clusters(
        claims,
        agreement.clusters,
        result.sources,
        scores=scores,
        reader=reader,
        confidence={claims[k].id: p for k, p in agreement.confidence.items()},
        suggestions=suggestions,
    )
    clusters, dispatch = with_origins(clusters, result.sources)
    settings = replace(result.settings, threshold=threshold)
    stories = _story_sources(result, buckets)
    return replace(
        result,
        clusters=clusters,
        settings=settings,
        stories=stories,
        facts=facts,
        suggestions=suggestions,
        pair_scores=scores,
        decisions=tuple(decisions),
        same_dispatch=tuple(dispatch),
    )


def _story_sources(result: Result, buckets: Sequence[np.ndarray]) -> tuple[tuple[str, ...], ...]:
    """Source ids of each story bucket in source order, stories ordered by their first source;
    empty when there is only one story."""
    if len(buckets) < 2:
        return ()
    rank = {s.id: k for k, s in enumerate(result.sources)}
    stories = [
        sorted({result.claims[int(k)].source for k in bucket}, key=rank.__getitem__)
        for bucket in buckets
    ]
    return tuple(tuple(ids) for ids in sorted(stories, key=lambda ids: rank[ids[0]]))


def build_clusters(
    claims: Sequence[Claim],
    groups: Sequence[Sequence[int]],
    sources: Sequence[Source],
    *,
    scores: Mapping[tuple[str, str], float] | None = None,
    reader: frozenset[str] = frozenset(),
    confidence: Mapping[str, float] | None = None,
    suggestions: Sequence[Suggestion] = (),
) -> tuple[Cluster, ...]:
    """Turn index groups into ordered :class:`Cluster` objects with their differences, each
    member's confidence and how it got there, and the related claims suggested for it.

    Clusters are ordered by how many outlets state them, then by where they first appear (source
    order, then position in the article); members are in source order. A cluster's id is made
    from its members' claim ids (see :func:`cluster_id`), so it stays the same whenever the same
    claims are grouped together.
    """
    from .compare import compare_cluster

    scores = scores or {}
    known = confidence or {}
    source_rank = {s.id: k for k, s in enumerate(sources)}
    dates = {s.id: s.date for s in sources}
    by_id = {c.id: c for c in claims}

    def member_key(c: Claim) -> tuple[int, int]:
        return source_rank[c.source], c.position

    def score(a: str, b: str) -> float:
        return scores.get((a, b), scores.get((b, a), 0.0))

    ordered = []
    for group in groups:
        members = sorted((claims[k] for k in group), key=member_key)
        ordered.append(members)
    ordered.sort(key=lambda m: (-len(m), member_key(m[0])))
    width = len(str(len(ordered)))
    related_of: dict[str, list[tuple[str, str, float]]] = {}
    for s in suggestions:
        if s.status == "open" and s.confidence >= RELATED_FLOOR:
            a, b = s.claims
            related_of.setdefault(a, []).append((b, a, s.confidence))
            related_of.setdefault(b, []).append((a, b, s.confidence))
    clusters = []
    for k, members in enumerate(ordered, start=1):
        differences = compare_cluster(members, dates) if len(members) > 1 else ()
        sure: tuple[float, ...] = ()
        confirmed_by: tuple[str, ...] = ()
        if len(members) > 1:
            sure = tuple(
                1.0
                if c.id in reader
                else round(
                    known.get(c.id, min(score(c.id, o.id) for o in members if o is not c)), 3
                )
                for c in members
            )
            confirmed_by = tuple("reader" if c.id in reader else "model" for c in members)
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
        top = sorted(related.values(), key=lambda r: (-r.confidence, r.claim.id))[
            :RELATED_PER_CLUSTER
        ]
        clusters.append(
            Cluster(
                id=f"c{k:0{width}d}",
                claims=tuple(members),
                differences=differences,
                confidence=sure,
                confirmed_by=confirmed_by,
                related=tuple(top),
            )
        )
    return tuple(clusters)


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
    from .compare import dispatch_positions, same_dispatch

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
