"""The whole comparison from paths to a :class:`Result`, without a UI: read, split, embed, cluster,
compare. The CLI and the interface both call :func:`run`; re-clustering at another threshold
(:func:`recluster`) reuses the vectors and never touches the model."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from claimcheck.core.defaults import DEFAULT_THRESHOLD
from claimcheck.core.errors import InputError, Progress, check_cancel, no_progress
from claimcheck.core.types import (
    Claim,
    ClaimFacts,
    Figure,
    Result,
    Sentence,
    Settings,
    Source,
    Suggestion,
)

__all__ = ["DEFAULT_THRESHOLD", "recluster", "run", "validate_threshold"]

if TYPE_CHECKING:
    from claimcheck.core.embed.cache import EmbeddingCache
    from claimcheck.core.embed.encoder import Encoder
    from claimcheck.core.group.agreement import ClaimData, CrossScorer
    from claimcheck.core.group.verify import Verifier
    from claimcheck.core.review import Review


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
    claims_ready: Callable[[Result], None] | None = None,
    preload: bool = False,
) -> Result:
    """Read ``inputs`` (files, folders, URLs), compare their claims and return the result.

    ``encoder`` defaults to the model named in ``settings``; ``cache`` (if given) is consulted
    before the encoder, so a second run over the same claims does no encoder work.
    ``claims_ready`` (if given) receives the sources, sentences and claims as soon as they are
    read and split, before any model work: a result without clusters, so a caller can show the
    articles while the rest runs. ``preload``: once the claims are read, if some are not in
    ``cache``, the model starts loading in a background thread (:func:`start_loading`) while
    their facts are extracted and the caller shows them, so the embedding stage finds it ready
    or nearly; a run whose claims are all cached never loads it.
    """
    from claimcheck.core.embed.encoder import embed, get_encoder
    from claimcheck.core.read.ingest import load_sources
    from claimcheck.core.segment.claims import extract_claims

    progress = progress or no_progress
    warnings: list[str] = []

    def _warn(line: str) -> None:
        warnings.append(line)
        if warn:
            warn(line)

    validate_threshold(settings.threshold)
    encoder = encoder or get_encoder(settings.model)
    if settings.verifier not in ("", "built-in"):
        from claimcheck.core.group.crossverify import load_cross_encoder

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
    with_claims = {c.source for c in claims}
    if len(with_claims) < 2:
        only = next(s.path for s in sources if s.id in with_claims)
        raise InputError(
            f"only one article has claims left after removing site chrome ({only}): "
            "claimcheck needs two or more to compare"
        )
    read = Result(
        sources=tuple(sources),
        sentences=tuple(sentences),
        claims=tuple(claims),
        clusters=(),
        settings=settings,
        warnings=tuple(warnings),
    )
    if claims_ready is not None:
        claims_ready(read)
    loading: threading.Thread | None = None
    if preload and _missing_any(cache, encoder, [c.text for c in claims]):
        # Some claims are new, so the model is needed: it loads while their facts are read and
        # the caller shows the claims. Not earlier: loading takes the interpreter's lock most of
        # the time, and started with the reading it delayed the first claims from 1.4 to 4.3 s
        # on corpus/ without bringing the clusters any sooner.
        loading = start_loading(encoder)

    prepared = prepare(sources, sentences, claims)
    texts = list(prepared.texts)
    extra = [t for t in prepared.context_texts if t is not None]
    every = texts + extra + list(prepared.vocabulary)
    if loading is not None and loading.is_alive():
        progress("loading model", 0, 1)  # the encoder waits for the loading thread
    all_vectors = embed(every, encoder, cache, progress=progress, cancel=cancel)
    vectors = all_vectors[: len(texts)]
    contexts = vectors.copy()
    row = len(texts)
    for k, context in enumerate(prepared.context_texts):
        if context is not None:
            contexts[k] = all_vectors[row]
            row += 1
    result = replace(
        read,
        vectors=vectors,
        facts=prepared.facts,
        context_vectors=contexts,
        vocabulary=prepared.vocabulary,
        word_vectors=all_vectors[row:],
        model_identity=str(getattr(encoder, "identity", "") or ""),
    )
    return recluster(result, settings.threshold, progress=progress, cancel=cancel)


def start_loading(encoder: object) -> threading.Thread | None:
    """Load ``encoder``'s model in a daemon thread, unless it is loaded or cannot be (an encoder
    without ``load``); the thread that encodes later waits for it (the encoder's lock). A
    failure here is dropped: the encoding stage loads again and reports it as one line."""
    load = getattr(encoder, "load", None)
    if load is None or getattr(encoder, "loaded", True):
        return None

    def work() -> None:
        with contextlib.suppress(Exception):
            load()

    thread = threading.Thread(target=work, name="claimcheck-model-loading", daemon=True)
    thread.start()
    return thread


def _missing_any(cache: EmbeddingCache | None, encoder: object, texts: Sequence[str]) -> bool:
    """Whether some of ``texts`` have no vector of ``encoder``'s model in ``cache``."""
    if cache is None:
        return True
    try:
        identity = str(getattr(encoder, "identity", ""))
        return len(cache.get_many(identity, texts)) < len(texts)
    except Exception:  # an unknown model, a damaged cache: the embedding stage says so
        return False


@dataclass(frozen=True)
class Prepared:
    """Per-claim inputs of matching that need no model: facts, context texts, vocabulary."""

    facts: tuple[ClaimFacts, ...]
    context_texts: tuple[str | None, ...]
    """The whole sentence of a claim cut from a longer one, else ``None``."""
    vocabulary: tuple[str, ...]
    texts: tuple[str, ...]
    """What is embedded for each claim: its text, without the dateline opening an article's lead
    (:func:`~claimcheck.core.text.without_dateline`) and, in a timeline, without the date it
    opens with (:func:`~claimcheck.core.extract.facts.without_opening_date`)."""


def prepare(
    sources: Sequence[Source],
    sentences: Sequence[Sequence[Sentence]],
    claims: Sequence[Claim],
) -> Prepared:
    """Each claim's facts (extracted once, with its article's date) and sentence context."""
    from claimcheck.core.extract.facts import (
        date_headings,
        entry_dates,
        extract_facts,
        timeline_references,
        with_entry_dates,
        with_heading,
    )
    from claimcheck.core.read.dates import dateline_month

    by_id = {s.id: (s, sents) for s, sents in zip(sources, sentences, strict=True)}
    headings = {s.id: date_headings(sents) for s, sents in zip(sources, sentences, strict=True)}
    references = {
        s.id: timeline_references(sents, s.date or dateline_month(s.text), s.text)
        for s, sents in zip(sources, sentences, strict=True)
    }
    entries = {
        s.id: entry_dates(sents, s.text, references[s.id])
        for s, sents in zip(sources, sentences, strict=True)
    }
    # where a dateline or a rubric opens an article: its headline, standfirst and first
    # sentence of its body
    leads = {
        s.id: {x.index for x in sents if x.role in ("headline", "standfirst")}
        | {next((x.index for x in sents if x.role == "body"), -1)}
        for s, sents in zip(sources, sentences, strict=True)
    }
    facts = []
    contexts: list[str | None] = []
    texts = []
    for claim in claims:
        source, sents = by_id[claim.source]
        reference = references[claim.source].get(claim.sentence, source.date)
        found = extract_facts(claim.text, claim.language, reference)
        heading = headings[claim.source].get(claim.sentence)
        if heading is not None:
            found = with_heading(found, heading.text, claim.language, reference)
        elif claim.sentence in entries[claim.source]:
            found = with_entry_dates(found, [entries[claim.source][claim.sentence]])
        facts.append(found)
        timeline = bool(references[claim.source] or headings[claim.source])
        lead = claim.sentence in leads[claim.source]
        texts.append(
            _for_encoder(claim.text, claim.language, reference, timeline, lead, found.figures)
        )
        whole = sents[claim.sentence].whole
        context = source.text[whole[0] : whole[1]] if whole else None
        contexts.append(
            _for_encoder(context, claim.language, reference, timeline, lead) if context else None
        )
    vocabulary = tuple(sorted({w for f in facts for w in f.words}))
    return Prepared(tuple(facts), tuple(contexts), vocabulary, tuple(texts))


def _for_encoder(
    text: str,
    language: str,
    reference: str | None,
    timeline: bool,
    lead: bool,
    figures: Sequence[Figure] | None = None,
) -> str:
    """What the encoder reads for ``text`` (a claim or its sentence): in a timeline without
    the date it opens with, in an article's lead without its dateline."""
    from claimcheck.core.extract.facts import without_opening_date
    from claimcheck.core.text import without_dateline

    if timeline:  # before the dateline goes: ``figures`` are offsets in ``text``
        text = without_opening_date(text, language, reference, figures)
    return without_dateline(text) if lead else text


Decision = tuple[str, str, bool]


def cross_scorer(result: Result, name: str) -> CrossScorer:
    """Pairs of claim indices of ``result`` scored by the cross-encoder ``name``."""
    from claimcheck.core.group.crossverify import load_cross_encoder

    score_texts = load_cross_encoder(name)
    texts = [c.text for c in result.claims]

    def score(pairs: Sequence[tuple[int, int]]) -> Sequence[float]:
        return [float(p) for p in score_texts([(texts[i], texts[j]) for i, j in pairs])]

    return score


def matching_inputs(
    result: Result, cancel: threading.Event | None = None
) -> tuple[ClaimData, list[np.ndarray]]:
    """What verification reads about ``result``'s claims, and the story buckets they fall in."""
    from claimcheck.core.group.agreement import ClaimData
    from claimcheck.core.group.stories import story_buckets

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
    from claimcheck.core.compare.assemble import build_clusters, with_origins, word_similarity
    from claimcheck.core.group.agreement import verify_and_group
    from claimcheck.core.group.verify import default_verifier

    validate_threshold(threshold)
    if decisions is None:
        decisions = result.decisions
    claim_index = result.claim_index
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
        facts=facts,
        word_similarity=word_similarity(result.vocabulary, result.word_vectors),
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


def apply_review(result: Result, review: Review) -> Result:
    """``result`` with everything the reader decided: verdicts on suggestions (clusters verified
    again with them), then manual moves, then the reader's outlet names on the sources."""
    from claimcheck.core.review import apply_corrections, apply_outlets, decisions_for

    decisions = decisions_for(result, review)
    if decisions != result.decisions:
        result = recluster(result, result.settings.threshold, decisions=decisions)
    return apply_outlets(apply_corrections(result, review), review)
