"""The data claimcheck passes between its stages: plain frozen dataclasses, no behaviour beyond
small derived properties, and no imports from the UI or from heavy libraries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

#: What a sentence of an article is to claimcheck. ``headline``, ``standfirst`` and ``body`` are
#: kept as claims; ``boilerplate`` (site chrome) and ``duplicate`` (a repeat inside the same
#: article) are dropped but kept in the article view so nothing disappears silently.
Role = Literal["headline", "standfirst", "body", "boilerplate", "duplicate"]

KEPT_ROLES: frozenset[str] = frozenset({"headline", "standfirst", "body"})


@dataclass(frozen=True)
class Source:
    """One article as read from a file or URL, with its metadata."""

    id: str
    """Stable identifier: the file name without extension unless the front matter sets ``id``."""
    path: str
    """The path or URL it was read from, as the user gave it."""
    outlet: str
    """Who published it, from the front matter or a neutral label."""
    language: str
    """ISO 639-1 code of the article's main language (``und`` when unknown)."""
    date: str | None
    """Publication date as ISO ``YYYY-MM-DD`` when known."""
    text: str
    """The article text after decoding, front matter removal and HTML extraction."""
    title: str | None = None
    """Title from the front matter or the HTML page, if any."""
    original_name: str | None = None
    """The file name the article had when it was collected, if recorded."""
    warnings: tuple[str, ...] = ()
    """One-line notes about problems met while reading (mojibake repaired, language unsure...)."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, kept or dropped, with where it sits in ``Source.text``."""

    source: str
    """Id of the source it comes from."""
    index: int
    """Position among all sentences of the article, from 0."""
    text: str
    start: int
    """Offset of the first character in ``Source.text``."""
    end: int
    """Offset just past the last character in ``Source.text``."""
    language: str
    role: Role
    reason: str | None = None
    """Why a dropped sentence was dropped (the boilerplate rule, or which sentence it repeats)."""
    whole: tuple[int, int] | None = None
    """Offsets of the whole sentence in ``Source.text`` when this one is a clause cut from it
    (its context when matching); ``None`` for a whole sentence."""


@dataclass(frozen=True)
class Claim:
    """A kept sentence: the unit claimcheck compares across outlets."""

    id: str
    """``<source id>#<position>``; unique within a run."""
    source: str
    """Id of the source that states it."""
    position: int
    """Order among the kept claims of its article, from 0."""
    sentence: int
    """Index of the :class:`Sentence` it was made from."""
    text: str
    language: str
    role: Role
    repeats: int = 1
    """How many times the article states it (repeated paragraphs collapse into one claim)."""


@dataclass(frozen=True)
class Figure:
    """A number, date, quantity or amount found in a claim, normalised for comparison."""

    kind: str
    """figure, date, quantity, money, percent, duration or factor ("doubled", "divisé par deux")."""
    text: str
    """The figure as written in the claim."""
    start: int
    end: int
    value: float | None = None
    """Normalised value (the midpoint for a range); ``None`` when vague."""
    low: float | None = None
    high: float | None = None
    """Bounds for ranges and approximate magnitudes ("hundreds" is 100..999)."""
    unit: str | None = None
    """Canonical unit: km, usd, eur, percent, year, date, s, person..."""
    approximate: bool = False


@dataclass(frozen=True)
class Name:
    """A person, place or organisation mentioned in a claim."""

    text: str
    """The name as written."""
    key: str
    """Language-neutral key: two spellings of the same entity share it."""
    kind: str
    """person, place, organisation or other."""
    start: int
    end: int


@dataclass(frozen=True)
class ClaimFacts:
    """What one claim states, extracted once: matching, comparison and reports all read it."""

    figures: tuple[Figure, ...] = ()
    names: tuple[Name, ...] = ()
    words: tuple[str, ...] = ()
    """Its distinct content words, folded, in order (what is aligned across claims)."""
    ordinals: tuple[Figure, ...] = ()
    """Which one of a series it speaks of ("the seventh episode", "le second tour"), as ids
    (unit ``#`` and the noun): read to tell two things apart, never compared as figures."""


@dataclass(frozen=True)
class Evidence:
    """Why the verifier thinks two claims do (or do not) state the same fact."""

    cosine: float = 0.0
    """Similarity of the two claims' vectors, centred on their story."""
    words: tuple[tuple[str, str], ...] = ()
    """Content words aligned across the pair (first claim's word, second claim's word)."""
    shared_names: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()
    """Names found in one claim only."""
    agreeing_figures: tuple[str, ...] = ()
    conflicting_figures: tuple[str, ...] = ()
    same_day: bool = False
    """Both claims write the same day with its number ("30 January" / "le 30 janvier"); such a
    pair is joined at a lower confidence (timelines: every entry is dated)."""
    different_dates: tuple[str, ...] = ()
    """The conflicting figures that are dates, when no figure of the pair agrees: the claims
    place what they state on different days, so the tool does not join them by itself (they
    stay a suggestion the reader may confirm)."""
    different_contacts: tuple[str, ...] = ()
    """The words of the two claims when one reports a contact from afar and the other one in
    person ("phone" / "meeting"): two contacts, not joined by the tool either."""
    different_ids: tuple[str, ...] = ()
    """Numbers the two claims give one label with and none in common ("Episode 7 ≠ Episode 8",
    "MH17 ≠ MH370", "seventh episode ≠ eighth episode"): two things named, not joined by the
    tool either."""

    @property
    def apart(self) -> bool:
        """Whether the evidence sets the pair apart whatever its confidence: different dates,
        contacts of different kinds or different ids. The tool never joins such a pair by
        itself, directly or through a third claim; the reader may."""
        return bool(self.different_dates or self.different_contacts or self.different_ids)


#: A suggestion's state: not yet decided, confirmed by the reader, or rejected by the reader.
SuggestionStatus = Literal["open", "confirmed", "rejected"]


@dataclass(frozen=True)
class Suggestion:
    """Two claims of different outlets that may state the same fact, for the reader to decide."""

    claims: tuple[str, str]
    """The two claim ids, in input order."""
    confidence: float
    """The verifier's confidence that they state the same fact (0..1)."""
    evidence: Evidence
    status: SuggestionStatus = "open"


@dataclass(frozen=True)
class Related:
    """A claim of another outlet related to a cluster, not confirmed as the same fact."""

    claim: Claim
    confidence: float
    anchor: str
    """Id of the cluster member it relates to most."""


@dataclass(frozen=True)
class Difference:
    """One aligned item of a cluster and whether its members agree on it."""

    kind: str
    """figure, date, quantity, money, name, attribution, polarity, wording."""
    status: str
    """agree, refines, differs or only_in."""
    values: tuple[tuple[str, str], ...]
    """(source id, text as that source wrote it), in source order."""
    note: str = ""
    """A short human explanation, e.g. "60 km vs 5 to 20 km"."""


@dataclass(frozen=True)
class Cluster:
    """Claims that state the same thing, at most one per source."""

    id: str
    claims: tuple[Claim, ...]
    differences: tuple[Difference, ...] = ()
    confidence: tuple[float, ...] = ()
    """For each member, the lowest confidence of the verifier against the other members (1.0
    for a member the reader confirmed); empty for a one-claim cluster."""
    confirmed_by: tuple[str, ...] = ()
    """For each member, ``model`` (verified by claimcheck) or ``reader`` (confirmed by hand)."""
    related: tuple[Related, ...] = ()
    """Claims of other outlets that may state it too: suggestions, not agreement."""
    origins: int | None = None
    """How many independent origins its sources have (same-dispatch sources count once);
    ``None`` when not worked out, read as one origin per source."""

    @property
    def independent(self) -> int:
        """Independent origins: :attr:`origins`, or the number of sources when unknown."""
        return len(self.claims) if self.origins is None else self.origins

    @property
    def sources(self) -> tuple[str, ...]:
        """Ids of the sources that state this claim, in the order of ``claims``."""
        return tuple(c.source for c in self.claims)

    @property
    def languages(self) -> tuple[str, ...]:
        """Distinct languages of the members, sorted."""
        return tuple(sorted({c.language for c in self.claims}))

    @property
    def shared(self) -> bool:
        """True when more than one source states it."""
        return len(self.claims) > 1

    @property
    def cross_language(self) -> bool:
        """True when it is stated in more than one language."""
        return len(self.languages) > 1

    @property
    def differs(self) -> bool:
        """True when any aligned item differs between members."""
        return any(d.status == "differs" for d in self.differences)


@dataclass(frozen=True)
class ClusterReview:
    """What a reviewer recorded about a cluster: a reviewed mark and a free-text note."""

    reviewed: bool = False
    note: str = ""


@dataclass(frozen=True)
class Settings:
    """Everything that changes a run's result."""

    model: str
    threshold: float
    """Confidence the verifier needs to call two claims the same fact."""
    verifier: str = "built-in"
    """``built-in`` or the name or path of a sentence-transformers cross-encoder."""


@dataclass(frozen=True, eq=False)
class Result:
    """A whole comparison: what the report and the interface show."""

    sources: tuple[Source, ...]
    sentences: tuple[tuple[Sentence, ...], ...]
    """For each source (same order as ``sources``), all its sentences, kept and dropped."""
    claims: tuple[Claim, ...]
    clusters: tuple[Cluster, ...]
    settings: Settings
    warnings: tuple[str, ...] = ()
    vectors: object = field(default=None, repr=False)
    """Unit-norm claim embeddings (a numpy array, one row per claim), kept for re-clustering."""
    stories: tuple[tuple[str, ...], ...] = ()
    """Source ids of each story the articles were grouped into, when there is more than one
    (claims are only matched within a story); empty when the input is one story."""
    facts: tuple[ClaimFacts, ...] = ()
    """Each claim's facts, in the order of ``claims``."""
    context_vectors: object = field(default=None, repr=False)
    """Unit vectors of each claim's whole sentence (its own vector when it is a whole sentence)."""
    vocabulary: tuple[str, ...] = ()
    """Every content word of the claims, in the order of ``word_vectors``' rows."""
    word_vectors: object = field(default=None, repr=False)
    suggestions: tuple[Suggestion, ...] = ()
    """Candidate same-fact pairs not in one cluster, most likely first (at most 5 per claim)."""
    model_identity: str = ""
    """The encoder's identity (name, version and a fingerprint of its weights), as the cache keys
    vectors by it; empty when unknown."""
    same_dispatch: tuple[tuple[str, str, float], ...] = ()
    """Pairs of sources that carry one dispatch, with how much of the shorter one they cover."""
    pair_scores: Mapping[tuple[str, str], float] = field(default_factory=dict, repr=False)
    """The verifier's confidence for every candidate pair of claim ids."""
    decisions: tuple[tuple[str, str, bool], ...] = ()
    """The reader's verdicts applied: (claim id, claim id, confirmed?)."""

    def source(self, source_id: str) -> Source:
        """The source with this id."""
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)

    def story_sources(self, cluster: Cluster) -> tuple[Source, ...]:
        """The sources that could state ``cluster``: those of its story (with any source that
        kept no claim at all), or every source when the input is one story."""
        if not cluster.claims:
            return self.sources
        return self._sources_by_story.get(cluster.claims[0].source, self.sources)

    def facts_of(self, claim_id: str) -> ClaimFacts | None:
        """The facts of the claim with this id; ``None`` when it has none recorded."""
        k = self.claim_index.get(claim_id)
        return self.facts[k] if k is not None and k < len(self.facts) else None

    @cached_property
    def claim_index(self) -> dict[str, int]:
        """Claim id -> its index in ``claims`` (and ``facts``); computed once."""
        return {c.id: k for k, c in enumerate(self.claims)}

    @cached_property
    def _sources_by_story(self) -> dict[str, tuple[Source, ...]]:
        """Source id -> the sources of its story; computed once, read for every cluster shown."""
        grouped = {i for ids in self.stories for i in ids}
        out: dict[str, tuple[Source, ...]] = {}
        for ids in self.stories:
            members = tuple(s for s in self.sources if s.id in ids or s.id not in grouped)
            out.update(dict.fromkeys(ids, members))
        return out
