"""The whole comparison from paths to a :class:`Result`, without a UI: read, split, embed, cluster,
compare. The CLI and the interface both call :func:`run`; re-clustering at another threshold
(:func:`recluster`) reuses the vectors and never touches the model."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from .defaults import DEFAULT_THRESHOLD
from .errors import InputError, Progress, check_cancel, no_progress
from .models import Claim, Cluster, Result, Sentence, Settings, Source

__all__ = ["DEFAULT_THRESHOLD", "recluster", "run", "validate_threshold"]

if TYPE_CHECKING:
    from .cache import EmbeddingCache
    from .embed import Encoder


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
    vectors = embed([c.text for c in claims], encoder, cache, progress=progress, cancel=cancel)
    result = Result(
        sources=tuple(sources),
        sentences=tuple(sentences),
        claims=tuple(claims),
        clusters=(),
        settings=settings,
        warnings=tuple(warnings),
        vectors=vectors,
    )
    return recluster(result, settings.threshold, progress=progress, cancel=cancel)


def recluster(
    result: Result,
    threshold: float,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Result:
    """The same claims clustered at another ``threshold``, reusing the stored vectors."""
    from .affinity import group_claims
    from .stories import story_buckets

    validate_threshold(threshold)
    source_index = {s.id: k for k, s in enumerate(result.sources)}
    vectors = np.asarray(result.vectors, dtype=np.float32)
    groups = [source_index[c.source] for c in result.claims]
    buckets = story_buckets(vectors, groups, cancel=cancel)
    groups_of_claims = group_claims(
        vectors,
        groups,
        [c.text for c in result.claims],
        [c.language for c in result.claims],
        threshold,
        buckets=buckets,
        progress=progress,
        cancel=cancel,
    )
    clusters = build_clusters(result.claims, groups_of_claims, result.sources)
    settings = replace(result.settings, threshold=threshold)
    stories = _story_sources(result, buckets)
    return replace(result, clusters=clusters, settings=settings, stories=stories)


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
    claims: Sequence[Claim], groups: Sequence[Sequence[int]], sources: Sequence[Source]
) -> tuple[Cluster, ...]:
    """Turn index groups into ordered, numbered :class:`Cluster` objects with their differences.

    Clusters are ordered by how many outlets state them, then by where they first appear (source
    order, then position in the article); members are in source order.
    """
    from .compare import compare_cluster

    source_rank = {s.id: k for k, s in enumerate(sources)}
    dates = {s.id: s.date for s in sources}

    def member_key(c: Claim) -> tuple[int, int]:
        return source_rank[c.source], c.position

    ordered = []
    for group in groups:
        members = sorted((claims[k] for k in group), key=member_key)
        ordered.append(members)
    ordered.sort(key=lambda m: (-len(m), member_key(m[0])))
    width = len(str(len(ordered)))
    clusters = []
    for k, members in enumerate(ordered, start=1):
        differences = compare_cluster(members, dates) if len(members) > 1 else ()
        clusters.append(
            Cluster(id=f"c{k:0{width}d}", claims=tuple(members), differences=differences)
        )
    return tuple(clusters)
