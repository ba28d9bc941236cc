"""Which claims of different outlets state the same fact: candidates, verification, grouping,
and the suggestions a reader confirms or rejects. No text handling beyond the verifier's
features (:mod:`claimcheck.core.group.verify`).

1. **Candidates.** Within each story, the vectors are centred on the story's mean and each claim
   gets its :data:`NEIGHBOURS` nearest claims of other outlets and its
   :data:`OTHER_LANGUAGE_NEIGHBOURS` nearest in each other language.
2. **Verification.** Each candidate pair is scored by the verifier: a confidence that the two
   claims state the same fact (or by a cross-encoder the user names, see :class:`PairScorer`).
3. **Agreement.** Pairs are visited from the most to the least confident; two groups join only
   if they share no outlet and *every* pair across them is accepted (complete linkage), so one
   strong pair never drags in a claim that disagrees with the rest. A pair is accepted when it
   reaches the threshold, or through a third outlet's claim of the group that both its claims
   match surely enough (:func:`through_third`). A claim that nobody
   else states stays alone, however similar its neighbours are. A pair set on different days
   with no figure in common ("met on Monday" / "met on Thursday") is not joined however
   confident: across the labelled real sets, none of the likely pairs like that states one fact.
   Nor is a phone call with a meeting (:func:`~claimcheck.core.group.verify.contacts_apart`).
4. **Suggestions.** Every claim keeps its most likely partners outside its cluster (at most
   :data:`SUGGESTIONS_PER_CLAIM`), for the reader to confirm (``y``) or reject (``x``).

The reader's decisions are applied here too: a confirmed pair is joined before anything else
(the reader's word beats the model's), a rejected pair never joins and is not suggested again.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

import numpy as np

from claimcheck.core.errors import Progress, check_cancel, no_progress
from claimcheck.core.group.verify import (
    MUTUAL_MIN_CLAIMS,
    RELATIVE_MIN_CLAIMS,
    PairContext,
    Verifier,
    contact_kind,
    kinds_apart,
    pair_features,
    word_weights,
    writes_a_day,
    written_days,
)
from claimcheck.core.types import ClaimFacts, Evidence

#: Nearest claims of other outlets proposed as candidates for each claim.
NEIGHBOURS = 8
#: Nearest claims in another language proposed besides: a translation is less alike to the
#: encoder than a paraphrase, so among the nearest of every language the other language's
#: counterpart is often crowded out by same-language claims on the same topic. 6 rather than 4
#: or 8: models.md (candidates in the other language).
OTHER_LANGUAGE_NEIGHBOURS = 6
#: Log-odds added to the confidence in a pair whose claims both write the same day with its
#: number ("30 January" / "Jan. 30, 2020" / "le 30 janvier", a timeline's date heading included:
#: :attr:`~claimcheck.core.types.Evidence.same_day`). The verifier reads no dates; in timelines,
#: where every entry is dated and two entries of one day are few, such pairs are the same fact
#: far more often than its confidence says (models.md); in news prose few pairs write a day on
#: both sides. ``log(0.76 / 0.24)``: at the default threshold such a pair is joined from 0.50,
#: as when this was a margin on the threshold; as a confidence it also ranks the pair among a
#: claim's suggestions as likely as it is.
SAME_DAY_LOGIT = 1.153
#: Log-odds taken from the built-in verifier's confidence in a pair whose claims each write a
#: day with its number and set what they state on different days (:func:`days_apart`). The
#: verifier reads no dates; on real timelines such pairs are the same fact about a third as
#: often as its confidence says (models.md). They are never joined by the tool; the lower
#: confidence ranks them below likelier suggestions.
DAYS_APART_LOGIT = -1.0


def days_apart(a: ClaimFacts, b: ClaimFacts, evidence: Evidence) -> bool:
    """Whether two claims each write a day with its number ("24 February", "le 2 mars", or a
    few days, "2-3 avril") and place what they state on different days. Not a weekday or a year
    alone: "on Tuesday" / "on Wednesday" in undated articles, "in 2019" / "in 2020" set beside
    the fact, are often one fact's context."""
    return bool(evidence.different_dates and writes_a_day(a.figures) and writes_a_day(b.figures))


def with_dates(p: float, apart: bool) -> float:
    """The confidence ``p`` less :data:`DAYS_APART_LOGIT` in log-odds when the claims are
    days apart."""
    return shifted(p, DAYS_APART_LOGIT) if apart else p


def shifted(p: float, logit: float) -> float:
    """The confidence ``p`` with ``logit`` added to its log-odds."""
    p = min(max(p, 1e-9), 1.0 - 1e-9)
    return 1.0 / (1.0 + math.exp(-(math.log(p / (1.0 - p)) + logit)))


#: A pair below the threshold is accepted through a third outlet's claim only if the verifier
#: finds it at least this likely: more likely one fact than two (:func:`through_third`).
CORROBORATION_FLOOR = 0.5


def through_third(direct: float, legs: Iterable[tuple[float, float]], threshold: float) -> float:
    """The confidence that two claims state one fact, read through other outlets' claims both
    of them match (``legs``: the two confidences of each such claim): ``pa + pb - 1``, the least
    chance that both matches hold whatever the dependence of their errors (if both hold, the two
    claims state that claim's fact). A claim counts only when each of its matches is at least
    ``(1 + threshold) / 2``, so that neither is weaker than an even share of the doubt the
    threshold allows; the bound then reaches the threshold. ``0`` when the pair itself is below
    :data:`CORROBORATION_FLOOR`: the verifier reads it as more likely two facts, and a third
    claim close to both is then more likely a broader statement than proof. What it adds on
    real text is measured in models.md."""
    if direct < CORROBORATION_FLOOR:
        return 0.0
    each = (1.0 + threshold) / 2
    return max((pa + pb - 1.0 for pa, pb in legs if min(pa, pb) >= each), default=0.0)


#: A candidate this confident or more is worth showing as a suggestion.
SUGGESTION_FLOOR = 0.01
#: Each claim keeps this many of its own most likely candidates as suggestions.
SUGGESTIONS_PER_CLAIM = 5
#: A day written by more claims than this per source of a story pairs none of them as
#: candidates (see :meth:`StoryScorer._same_day_pairs`).
SAME_DAY_PER_SOURCE = 2
#: Claims in one story above which candidates come from an index instead of every pair.
EXACT_LIMIT = 4000
#: Neighbours averaged for a claim's usual similarity (the margin's baseline).
_BASELINE_K = 3

Pair = tuple[int, int]


@dataclass(frozen=True)
class ClaimData:
    """Everything verification reads about the claims of an input, in claim order."""

    vectors: np.ndarray
    """Unit claim vectors (raw, not centred)."""
    contexts: np.ndarray
    """Unit vectors of each claim's whole sentence."""
    facts: Sequence[ClaimFacts]
    word_vectors: np.ndarray
    """Unit vectors of the vocabulary's words."""
    vocabulary: Mapping[str, int]
    """Word -> row of ``word_vectors``."""
    groups: np.ndarray
    """Each claim's source, as an index."""
    languages: Sequence[str]
    headlines: Sequence[bool]
    texts: Sequence[str] = ()


@dataclass
class Agreement:
    """The outcome of verification: clusters and what the reader is shown about them."""

    clusters: list[list[int]]
    """Clusters as sorted claim indices, every claim exactly once, ordered by first member."""
    confidence: dict[int, float] = field(default_factory=dict)
    """For each claim in a cluster of two or more, its weakest confidence against the others."""
    by_reader: set[int] = field(default_factory=set)
    """Claims that joined their cluster by the reader's confirmation."""
    scores: dict[Pair, float] = field(default_factory=dict)
    """Confidence of every candidate pair (i < j)."""
    evidence: dict[Pair, Evidence] = field(default_factory=dict)
    suggestions: list[tuple[Pair, float, str]] = field(default_factory=list)
    """(pair, confidence, status) of the suggestions, most likely first."""


#: Scores pairs of claims given by index arrays: (confidences, evidence of each pair).
CrossScorer = Callable[[Sequence[Pair]], Sequence[float]]


def centre(vectors: np.ndarray) -> np.ndarray:
    """Unit rows of ``vectors`` minus their mean (a copy)."""
    data = np.asarray(vectors, dtype=np.float32)
    if len(data) < 2:
        return data.copy()
    out = data - data.mean(axis=0, keepdims=True)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out /= norms
    return out


class StoryScorer:
    """Scores pairs of claims of one story (indices local to the story)."""

    def __init__(
        self,
        data: ClaimData,
        members: np.ndarray,
        verifier: Verifier,
        weights: Mapping[str, float],
        cross: CrossScorer | None = None,
    ) -> None:
        self.data = data
        self.members = members
        self.verifier = verifier
        self.weights = weights
        self.cross = cross
        self.centred = centre(data.vectors[members])
        self.groups = data.groups[members]
        sources, counts = np.unique(self.groups, return_counts=True)
        self._count = dict(zip(sources.tolist(), counts.tolist(), strict=True))
        """Claims of each source in the story."""
        self.neighbours: list[list[int]] = []
        self.baseline = np.zeros(len(members), dtype=np.float32)
        self._find_neighbours()
        self.cache: dict[Pair, tuple[float, Evidence]] = {}
        self._word_cache: dict[int, tuple[ClaimFacts, np.ndarray]] = {}
        self._contact_cache: dict[int, tuple[str, str] | None] = {}

    def _find_neighbours(self) -> None:
        """Each claim's nearest claims of other sources (most similar first) and its baseline."""
        n = len(self.members)
        k = min(NEIGHBOURS, n - 1)
        if n <= EXACT_LIMIT:
            # Nearness is the centred cosine plus the cosine of the claims' whole sentences:
            # centring alone over-corrects in a story of a few short articles.
            contexts = self.data.contexts[self.members]
            languages = self._languages()
            several = len(set(languages.tolist())) > 1
            for start in range(0, n, 512):
                block = self.centred[start : start + 512] @ self.centred.T
                block += contexts[start : start + 512] @ contexts.T
                same = self.groups[start : start + 512, None] == self.groups[None, :]
                block[same] = -np.inf
                order = np.argsort(-block, axis=1, kind="stable")[:, :k]
                found = np.isfinite(np.take_along_axis(block, order, axis=1))
                other: np.ndarray | None = None
                if several:
                    block[languages[start : start + 512, None] == languages[None, :]] = -np.inf
                    other = np.argsort(-block, axis=1, kind="stable")
                    other = other[:, :OTHER_LANGUAGE_NEIGHBOURS]
                for row, idx in enumerate(order):
                    keep = [int(j) for j in idx[found[row]]]
                    top = [float(self.centred[start + row] @ self.centred[j]) for j in keep]
                    top = sorted(top, reverse=True)[:_BASELINE_K]
                    self.baseline[start + row] = float(np.mean(top)) if top else 0.0
                    if other is not None:
                        extra = other[row][np.isfinite(block[row, other[row]])]
                        keep += [int(j) for j in extra if int(j) not in keep]
                    self.neighbours.append(keep)
            return
        import faiss  # deferred: only very large stories need it

        index = faiss.IndexHNSWFlat(self.centred.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efSearch = 64
        index.add(np.ascontiguousarray(self.centred))
        _, idx = index.search(np.ascontiguousarray(self.centred), 4 * k + 1)
        for row in range(n):
            keep = [int(j) for j in idx[row] if j >= 0 and self.groups[j] != self.groups[row]][:k]
            self.neighbours.append(keep)
            top = [float(self.centred[row] @ self.centred[j]) for j in keep[:_BASELINE_K]]
            self.baseline[row] = float(np.mean(top)) if top else 0.0
        self._other_language_from_index()

    def _other_language_from_index(self) -> None:
        """Each claim's :data:`OTHER_LANGUAGE_NEIGHBOURS` nearest claims in each other language,
        added to its neighbours, through one index per language (a very large story)."""
        import faiss

        languages = self._languages()
        present = sorted(set(languages.tolist()))
        if len(present) < 2:
            return
        for language in present:
            # each claim of another language also gets its nearest claims in this one
            inside = np.flatnonzero(languages == language)
            outside = np.flatnonzero(languages != language)
            index = faiss.IndexHNSWFlat(self.centred.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efSearch = 64
            index.add(np.ascontiguousarray(self.centred[inside]))
            _, found = index.search(
                np.ascontiguousarray(self.centred[outside]), 2 * OTHER_LANGUAGE_NEIGHBOURS
            )
            for row, hits in zip(outside.tolist(), found, strict=True):
                near = [int(inside[h]) for h in hits if h >= 0]
                near = [j for j in near if self.groups[j] != self.groups[row]]
                mine = self.neighbours[row]
                mine += [j for j in near[:OTHER_LANGUAGE_NEIGHBOURS] if j not in mine]

    def _languages(self) -> np.ndarray:
        """Each claim's language (its first two letters), as an array."""
        return np.array([self.data.languages[m][:2] for m in self.members.tolist()])

    def candidates(self) -> list[Pair]:
        """Every pair (i < j) in which one claim is among the other's nearest neighbours, and
        every pair of claims of two sources that write the same day (:meth:`_same_day_pairs`)."""
        pairs = {(min(i, j), max(i, j)) for i, near in enumerate(self.neighbours) for j in near}
        return sorted(pairs | self._same_day_pairs())

    def _same_day_pairs(self) -> set[Pair]:
        """Pairs of claims of two sources that write the same day ("30 January" / "le 30
        janvier"): two timelines' entries of one day are verified whatever the nearness of
        their vectors, which among claims of one topic is close to chance. A day written by
        more than :data:`SAME_DAY_PER_SOURCE` claims per source is the story's own day (a live
        blog's), not a cue, and pairs nothing."""
        by_day: dict[tuple[int, int], list[int]] = {}
        for i, m in enumerate(self.members.tolist()):
            for day in written_days(self.data.facts[m].figures):
                by_day.setdefault(day, []).append(i)
        limit = SAME_DAY_PER_SOURCE * len(self._count)
        out: set[Pair] = set()
        for claims in by_day.values():
            if len(claims) > limit:
                continue
            for a, b in combinations(claims, 2):
                if self.groups[a] != self.groups[b]:
                    out.add((min(a, b), max(a, b)))
        return out

    def _best_of_source(self, i: int, j: int) -> bool:
        """Whether ``j`` is the first claim of its source among ``i``'s neighbours."""
        for k in self.neighbours[i]:
            if self.groups[k] == self.groups[j]:
                return k == j
        return False

    def context(self, i: int, j: int) -> PairContext:
        gi, gj = int(self.members[i]), int(self.members[j])
        data = self.data
        cosine = float(self.centred[i] @ self.centred[j])
        return PairContext(
            cosine=cosine,
            raw_cosine=float(data.vectors[gi] @ data.vectors[gj]),
            context=float(data.contexts[gi] @ data.contexts[gj]),
            margin=cosine - float(self.baseline[i] + self.baseline[j]) / 2,
            mutual=0.5 * self._best_of_source(i, j) + 0.5 * self._best_of_source(j, i),
            relative_known=len(self.members) >= RELATIVE_MIN_CLAIMS,
            mutual_known=min(self._count[int(self.groups[i])], self._count[int(self.groups[j])])
            >= MUTUAL_MIN_CLAIMS,
        )

    def _contact(self, g: int) -> tuple[str, str] | None:
        """Claim ``g``'s kind of contact, from every word of the claim (not only those with a
        vector), read once per claim."""
        if g not in self._contact_cache:
            self._contact_cache[g] = contact_kind(self.data.facts[g])
        return self._contact_cache[g]

    def _words(self, g: int) -> tuple[ClaimFacts, np.ndarray]:
        """Claim ``g``'s facts keeping only the words that have a vector, and those vectors
        (computed once per claim)."""
        found = self._word_cache.get(g)
        if found is None:
            facts = self.data.facts[g]
            vocabulary = self.data.vocabulary
            words = tuple(w for w in facts.words if w in vocabulary)
            if words:
                vectors = self.data.word_vectors[[vocabulary[w] for w in words]]
            else:
                vectors = np.zeros((0, self.data.word_vectors.shape[-1] or 1), dtype=np.float32)
            if words != facts.words:
                facts = replace(facts, words=words)
            found = self._word_cache[g] = (facts, vectors)
        return found

    def cross_language(self, pairs: Sequence[Pair]) -> np.ndarray:
        """For each pair, whether its two claims are in different languages."""
        languages = self.data.languages
        members = self.members
        return np.array(
            [languages[members[i]][:2] != languages[members[j]][:2] for i, j in pairs], dtype=bool
        )

    def features(self, pairs: Sequence[Pair]) -> tuple[np.ndarray, list[Evidence]]:
        rows = []
        evidence = []
        for i, j in pairs:
            ga, gb = int(self.members[i]), int(self.members[j])
            fa, wa = self._words(ga)
            fb, wb = self._words(gb)
            x, ev = pair_features(fa, fb, wa, wb, self.weights, self.context(i, j))
            apart = kinds_apart(self._contact(ga), self._contact(gb))
            if apart:
                ev = replace(ev, different_contacts=apart)
            rows.append(x)
            evidence.append(ev)
        return np.array(rows, dtype=np.float64).reshape(len(pairs), -1), evidence

    def accepts(self, pair: Pair, threshold: float) -> bool:
        """Whether the tool joins the pair by itself: confident enough, not set on different
        days (:attr:`Evidence.different_dates`), reporting contacts of different kinds
        (:attr:`Evidence.different_contacts`) nor naming different things with one label
        (:attr:`Evidence.different_ids`)."""
        p = self.score([pair])[0]
        return p >= threshold and not self.cache[pair][1].apart

    def _global(self, pairs: Sequence[Pair]) -> list[Pair]:
        """The pairs as indices into every claim of the input."""
        return [(int(self.members[i]), int(self.members[j])) for i, j in pairs]

    def score(self, pairs: Sequence[Pair]) -> list[float]:
        """Confidence of each pair, computed once and remembered."""
        todo = [p for p in pairs if p not in self.cache]
        if todo:
            x, evidence = self.features(todo)
            if self.cross is not None:
                probs = np.asarray(self.cross(self._global(todo)), dtype=np.float64)
            else:
                probs = self.verifier.probability(x, self.cross_language(todo))
                facts = self.data.facts
                for k, (ev, (a, b)) in enumerate(zip(evidence, self._global(todo), strict=True)):
                    if ev.different_dates:  # rare: most pairs write no dates apart
                        apart = days_apart(facts[a], facts[b], ev)
                        probs[k] = with_dates(float(probs[k]), apart)
            for k, ev in enumerate(evidence):
                if ev.same_day:  # whichever verifier: it reads no written days
                    probs[k] = shifted(float(probs[k]), SAME_DAY_LOGIT)
            for pair, p, ev in zip(todo, probs.tolist(), evidence, strict=True):
                self.cache[pair] = (float(p), ev)
        return [self.cache[p][0] for p in pairs]


def verify_and_group(
    data: ClaimData,
    buckets: Sequence[np.ndarray],
    threshold: float,
    verifier: Verifier,
    *,
    confirmed: Sequence[Pair] = (),
    rejected: Sequence[Pair] = (),
    cross: CrossScorer | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Agreement:
    """Verify candidate pairs story by story and group the claims; see the module docstring.

    ``confirmed`` and ``rejected`` are the reader's decisions, as pairs of claim indices.
    """
    n = len(data.groups)
    report = progress or no_progress
    report("verifying", 0, n)
    weights = word_weights(data.facts)
    yes = {(min(p), max(p)) for p in confirmed}
    no = {(min(p), max(p)) for p in rejected} - yes
    result = Agreement(clusters=[])
    done = 0
    for bucket in buckets:
        check_cancel(cancel)
        bucket = np.asarray(bucket, dtype=np.int64)
        local = {int(g): k for k, g in enumerate(bucket.tolist())}
        groups = data.groups[bucket]
        if len(bucket) == 1 or (groups == groups[0]).all():
            result.clusters.extend([int(k)] for k in bucket.tolist())
            done += len(bucket)
            continue
        scorer = StoryScorer(data, bucket, verifier, weights, cross)
        pairs = scorer.candidates()
        scorer.score(pairs)
        decided = {
            (local[a], local[b]) if local[a] < local[b] else (local[b], local[a]): ok
            for ok, chosen in ((True, yes), (False, no))
            for a, b in chosen
            if a in local and b in local
        }
        clusters, confidence, by_reader = _link(scorer, pairs, threshold, decided, cancel)
        for members in clusters:
            result.clusters.append(sorted(int(bucket[m]) for m in members))
        for m, c in confidence.items():
            result.confidence[int(bucket[m])] = c
        result.by_reader.update(int(bucket[m]) for m in by_reader)
        cluster_of = {m: k for k, members in enumerate(clusters) for m in members}
        for (i, j), (p, ev) in scorer.cache.items():
            key = (int(bucket[i]), int(bucket[j]))
            key = (min(key), max(key))
            result.scores[key] = p
            result.evidence[key] = ev
        result.suggestions.extend(_suggestions(scorer, cluster_of, decided, bucket))
        done += len(bucket)
        report("verifying", done, n)
    result.clusters.sort(key=lambda members: members[0])
    result.suggestions.sort(key=lambda s: (-s[1], s[0]))
    report("verifying", n, n)
    return result


def _link(
    scorer: StoryScorer,
    pairs: Sequence[Pair],
    threshold: float,
    decided: Mapping[Pair, bool],
    cancel: threading.Event | None,
) -> tuple[list[list[int]], dict[int, float], set[int]]:
    """Complete linkage over accepted pairs; the reader's confirmations first. A pair is
    accepted by the reader's verdict, by its own confidence, or through a third outlet's claim
    of the group being formed (:func:`through_third`); a member's confidence is the weakest of
    its pairs' (for a pair accepted through a third claim, the bound that accepted it)."""
    n = len(scorer.members)
    owner = list(range(n))
    members: dict[int, list[int]] = {c: [c] for c in range(n)}
    sources: dict[int, set[int]] = {c: {int(g)} for c, g in enumerate(scorer.groups.tolist())}
    by_reader: set[int] = set()

    def known(a: int, b: int) -> float:
        """The pair's confidence, or the reader's verdict as 1 or 0."""
        key = (min(a, b), max(a, b))
        verdict = decided.get(key)
        if verdict is not None:
            return 1.0 if verdict else 0.0
        return scorer.score([key])[0]

    def third(a: int, b: int, group: Sequence[int]) -> float:
        key = (min(a, b), max(a, b))
        direct, evidence = scorer.cache[key]
        if direct < CORROBORATION_FLOOR or evidence.apart:
            return 0.0
        # one claim per outlet in a group: every other member is a third outlet's
        legs = [(known(a, x), known(b, x)) for x in group if x not in (a, b)]
        return through_third(direct, legs, threshold)

    def pair_ok(a: int, b: int, group: Sequence[int]) -> bool:
        key = (min(a, b), max(a, b))
        verdict = decided.get(key)
        if verdict is not None:
            return verdict
        return scorer.accepts(key, threshold) or third(a, b, group) >= threshold

    def merge(a: int, b: int) -> None:
        winner, loser = (a, b) if len(members[a]) >= len(members[b]) else (b, a)
        for m in members[loser]:
            owner[m] = winner
        members[winner].extend(members.pop(loser))
        sources[winner] |= sources.pop(loser)

    for (i, j), verdict in sorted(decided.items()):
        a, b = owner[i], owner[j]
        if verdict and a != b and sources[a].isdisjoint(sources[b]):
            merge(a, b)
    order = sorted(pairs, key=lambda p: (-scorer.cache[p][0], p))
    for step, (i, j) in enumerate(order):
        if step % 4096 == 0:
            check_cancel(cancel)
        if scorer.cache[(i, j)][0] < threshold:
            break
        a, b = owner[i], owner[j]
        if a == b or not sources[a].isdisjoint(sources[b]):
            continue
        if decided.get((i, j)) is False:
            continue
        group = members[a] + members[b]
        if all(pair_ok(p, q, group) for p in members[a] for q in members[b]):
            merge(a, b)
    confidence: dict[int, float] = {}
    for group in members.values():
        if len(group) < 2:
            continue
        for m in group:
            # The reader put this claim here: they confirmed it against every other member.
            if all(decided.get((min(m, o), max(m, o))) for o in group if o != m):
                by_reader.add(m)
            values = []
            for other in group:
                if other == m:
                    continue
                key = (min(m, other), max(m, other))
                if decided.get(key):
                    values.append(1.0)
                else:
                    direct = scorer.score([key])[0]
                    # a pair accepted on its own shows its own confidence
                    accepted = scorer.accepts(key, threshold)
                    values.append(direct if accepted else max(direct, third(m, other, group)))
            confidence[m] = min(values)
    return [sorted(g) for g in members.values()], confidence, by_reader


def _suggestions(
    scorer: StoryScorer,
    cluster_of: Mapping[int, int],
    decided: Mapping[Pair, bool],
    bucket: np.ndarray,
) -> list[tuple[Pair, float, str]]:
    """Each claim's most likely partners across clusters: a pair is suggested when it is among
    the :data:`SUGGESTIONS_PER_CLAIM` most likely of either of its claims, open or rejected
    (rejecting one does not bring in a less likely one). So every claim keeps its own best
    candidates, also when the other claim is a headline or a long sentence that is many
    claims' best candidate (such a claim is then in more pairs than its own five). The pairs
    the reader decided are kept with their verdict as status. A claim rejected against one
    member of a cluster is not suggested with the others: they state one fact, and the reader
    said it is not this claim's."""
    ranked = sorted(scorer.cache.items(), key=lambda item: (-item[1][0], item[0]))
    count: dict[int, int] = {}
    keep: dict[Pair, tuple[float, str]] = {}
    apart: set[tuple[int, int]] = set()  # (claim, cluster) the reader set apart
    for (i, j), given in decided.items():
        if not given:
            apart.update(((i, cluster_of[j]), (j, cluster_of[i])))
            count[i] = count.get(i, 0) + 1
            count[j] = count.get(j, 0) + 1
    for (i, j), (p, _ev) in ranked:
        verdict = decided.get((i, j))
        if verdict is not None:
            keep[(i, j)] = (p, "confirmed" if verdict else "rejected")
            continue
        if cluster_of[i] == cluster_of[j] or p < SUGGESTION_FLOOR:
            continue
        if (i, cluster_of[j]) in apart or (j, cluster_of[i]) in apart:
            continue
        room = [end for end in (i, j) if count.get(end, 0) < SUGGESTIONS_PER_CLAIM]
        if not room:
            continue
        for end in room:
            count[end] = count.get(end, 0) + 1
        keep[(i, j)] = (p, "open")
    out = []
    for (i, j), (p, status) in keep.items():
        gi, gj = int(bucket[i]), int(bucket[j])
        out.append(((min(gi, gj), max(gi, gj)), p, status))
    return out
