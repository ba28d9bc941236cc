"""Agreement: candidates, verification by a scorer, complete linkage, the reader's decisions and
suggestions (claimcheck.core.group.agreement), with a scorer the test controls pair by pair."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence

import numpy as np
import pytest

from claimcheck.core.errors import Cancelled
from claimcheck.core.group.agreement import (
    CORROBORATION_FLOOR,
    SAME_DAY_LOGIT,
    SUGGESTION_FLOOR,
    SUGGESTIONS_PER_CLAIM,
    ClaimData,
    StoryScorer,
    shifted,
    through_third,
    verify_and_group,
)
from claimcheck.core.group.verify import FEATURES, default_verifier
from claimcheck.core.types import ClaimFacts


def _data(sources: Sequence[int], seed: int = 0) -> ClaimData:
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((len(sources), 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return ClaimData(
        vectors=vectors,
        contexts=vectors,
        facts=[ClaimFacts() for _ in sources],
        word_vectors=np.zeros((0, 16), dtype=np.float32),
        vocabulary={},
        groups=np.asarray(sources, dtype=np.int64),
        languages=["en"] * len(sources),
        headlines=[False] * len(sources),
    )


def _scorer(table: Mapping[frozenset[int], float], default: float = 0.0):  # type: ignore[no-untyped-def]
    def score(pairs: Sequence[tuple[int, int]]) -> list[float]:
        return [table.get(frozenset(p), default) for p in pairs]

    return score


def _run(data: ClaimData, table: Mapping[frozenset[int], float], **kwargs: object):  # type: ignore[no-untyped-def]
    bucket = [np.arange(len(data.groups))]
    return verify_and_group(
        data,
        bucket,
        0.5,
        default_verifier(),
        cross=_scorer(table),
        **kwargs,  # type: ignore[arg-type]
    )


def test_a_claim_joins_only_if_every_member_accepts_it() -> None:
    # 0-1 agree strongly; 2 agrees with 0 but not with 1: it must stay out (complete linkage).
    data = _data([0, 1, 2])
    out = _run(data, {frozenset({0, 1}): 0.95, frozenset({0, 2}): 0.9, frozenset({1, 2}): 0.2})
    assert sorted(out.clusters) == [[0, 1], [2]]
    assert out.confidence == {0: 0.95, 1: 0.95}
    # ... and it is offered to the reader instead.
    assert any(set(pair) == {0, 2} and status == "open" for pair, _p, status in out.suggestions)


@pytest.mark.parametrize(
    ("direct", "legs", "expected"),
    [
        # both matches sure enough: the least chance that both hold
        (0.6, [(0.97, 0.95)], 0.92),
        (0.6, [(0.9, 0.9), (0.99, 0.95)], 0.94),
        # one match below (1 + 0.76) / 2 = 0.88 counts for nothing, even if the sum would do
        (0.6, [(0.99, 0.85)], 0.0),
        # the pair itself more likely two facts: no third claim makes it one
        (CORROBORATION_FLOOR - 0.01, [(0.99, 0.99)], 0.0),
        (0.6, [], 0.0),
    ],
)
def test_a_pair_is_read_through_a_third_claim_both_match_surely(
    direct: float, legs: list[tuple[float, float]], expected: float
) -> None:
    assert through_third(direct, legs, 0.76) == pytest.approx(expected)


def _group_at(table: Mapping[frozenset[int], float], sources: Sequence[int], **kwargs: object):  # type: ignore[no-untyped-def]
    data = _data(sources)
    return verify_and_group(
        data,
        [np.arange(len(sources))],
        0.76,
        default_verifier(),
        cross=_scorer(table),
        **kwargs,  # type: ignore[arg-type]
    )


def test_a_weaker_pair_joins_through_a_third_outlets_claim_both_match_surely() -> None:
    # 1-2 alone is below the threshold, but both state 0's fact with little doubt.
    table = {frozenset({0, 1}): 0.97, frozenset({0, 2}): 0.95, frozenset({1, 2}): 0.6}
    out = _group_at(table, [0, 1, 2])
    assert out.clusters == [[0, 1, 2]]
    # the pair's confidence is the bound that accepted it, 0.97 + 0.95 - 1
    assert out.confidence[1] == pytest.approx(0.92)
    assert out.confidence[0] == pytest.approx(0.95)
    # a match the reader confirmed counts as sure: 2 stated 0's fact, says the reader
    weak = {frozenset({0, 1}): 0.97, frozenset({0, 2}): 0.3, frozenset({1, 2}): 0.6}
    assert _group_at(weak, [0, 1, 2]).clusters != [[0, 1, 2]]
    read = _group_at(weak, [0, 1, 2], confirmed=[(0, 2)])
    assert read.clusters == [[0, 1, 2]]
    assert read.confidence[1] == pytest.approx(0.97)


@pytest.mark.parametrize(
    ("table", "kwargs"),
    [
        # the pair itself reads as two facts
        ({frozenset({0, 1}): 0.97, frozenset({0, 2}): 0.95, frozenset({1, 2}): 0.4}, {}),
        # one match is not sure enough (0.85 < 0.88)
        ({frozenset({0, 1}): 0.97, frozenset({0, 2}): 0.85, frozenset({1, 2}): 0.6}, {}),
        # the reader said 2 does not state 0's fact
        (
            {frozenset({0, 1}): 0.97, frozenset({0, 2}): 0.95, frozenset({1, 2}): 0.6},
            {"rejected": [(0, 2)]},
        ),
    ],
)
def test_no_third_claim_joins_a_pair_it_does_not_vouch_for(
    table: Mapping[frozenset[int], float], kwargs: dict[str, object]
) -> None:
    out = _group_at(table, [0, 1, 2], **kwargs)
    assert [0, 1, 2] not in out.clusters
    assert [0, 1] in out.clusters


def test_all_pairs_accepted_make_one_cluster_with_the_weakest_link_as_confidence() -> None:
    data = _data([0, 1, 2])
    out = _run(data, {frozenset({0, 1}): 0.95, frozenset({0, 2}): 0.9, frozenset({1, 2}): 0.6})
    assert out.clusters == [[0, 1, 2]]
    assert out.confidence == {0: 0.9, 1: 0.6, 2: 0.6}


def test_one_claim_per_outlet_and_no_forced_partner() -> None:
    # Two claims of outlet 0 both agree with the one claim of outlet 1; claim 3 agrees with
    # nobody and stays alone however similar it is.
    data = _data([0, 0, 1, 2])
    table = {frozenset({0, 2}): 0.9, frozenset({1, 2}): 0.8, frozenset({2, 3}): 0.3}
    out = _run(data, table)
    assert sorted(out.clusters) == [[0, 2], [1], [3]]
    for members in out.clusters:
        assert len({int(data.groups[m]) for m in members}) == len(members)


def test_the_readers_confirmation_beats_the_model_and_a_rejection_is_final() -> None:
    data = _data([0, 1, 2])
    table = {frozenset({0, 1}): 0.95, frozenset({1, 2}): 0.1, frozenset({0, 2}): 0.1}
    out = _run(data, table, confirmed=[(1, 2)], rejected=[(0, 1)])
    assert sorted(out.clusters) == [[0], [1, 2]]
    assert out.by_reader == {1, 2}
    assert out.confidence[1] == out.confidence[2] == 1.0
    status = {frozenset(pair): s for pair, _p, s in out.suggestions}
    assert status[frozenset({0, 1})] == "rejected"
    assert status[frozenset({1, 2})] == "confirmed"


def test_each_claim_keeps_its_own_five_most_likely_suggestions() -> None:
    # Claim 0 against eight claims of other outlets, none accepted. Claim 0's own five are its
    # most likely; each of the others has claim 0 as its only candidate and keeps it, so a claim
    # that is many claims' best candidate (a headline) is in more pairs than its own five.
    data = _data([0, 1, 2, 3, 4, 5, 6, 7, 8])
    table = {frozenset({0, k}): 0.1 + 0.04 * k for k in range(1, 9)}
    out = _run(data, table)
    mine = [(pair, p) for pair, p, s in out.suggestions if 0 in pair and s == "open"]
    assert len(mine) == 8
    assert [p for _pair, p in mine] == sorted((p for _pair, p in mine), reverse=True)
    own = {k for pair, _p in mine[:SUGGESTIONS_PER_CLAIM] for k in pair if k != 0}
    assert own == {4, 5, 6, 7, 8}


def test_a_claim_whose_best_candidate_is_taken_still_gets_it() -> None:
    # Claims 1..6 (outlets 1..6) all have claim 0 as their best candidate; claim 7 (outlet 1
    # too) has claim 0 as well, at less than the others. Claim 0's own five are 2..6, yet 7
    # still keeps its best candidate, and claim 1 its second one (claim 8).
    data = _data([0, 1, 2, 3, 4, 5, 6, 1, 7])
    table = {frozenset({0, k}): 0.3 + 0.02 * k for k in range(1, 7)}  # below the threshold 0.5
    table[frozenset({0, 7})] = 0.2
    table[frozenset({1, 8})] = 0.1
    out = _run(data, table)
    open_pairs = {frozenset(pair) for pair, _p, s in out.suggestions if s == "open"}
    assert frozenset({0, 7}) in open_pairs
    assert frozenset({1, 8}) in open_pairs
    assert all(frozenset({0, k}) in open_pairs for k in range(1, 7))


def test_suggestions_below_the_floor_are_left_out() -> None:
    data = _data([0, 1, 2])
    table = {frozenset({0, 1}): SUGGESTION_FLOOR / 2, frozenset({0, 2}): 0.2}
    out = _run(data, table)
    pairs = {frozenset(pair) for pair, _p, _s in out.suggestions}
    assert frozenset({0, 2}) in pairs
    assert frozenset({0, 1}) not in pairs


def test_a_rejection_does_not_bring_in_a_less_likely_suggestion() -> None:
    data = _data([0, 1, 2, 3, 4, 5, 6, 7, 8])
    table = {frozenset({0, k}): 0.1 + 0.04 * k for k in range(1, 9)}
    before = _run(data, table)
    out = _run(data, table, rejected=[(0, 8)])
    count = sum(1 for _pair, _p, s in before.suggestions if s == "open")
    mine = {k for pair, _p, s in out.suggestions if 0 in pair and s == "open" for k in pair}
    # Claim 0's own five: four open and the rejected one; 1-3 keep claim 0 as their own best.
    assert mine - {0} == {1, 2, 3, 4, 5, 6, 7}
    assert sum(1 for _pair, _p, s in out.suggestions if s == "open") == count - 1


def test_a_claim_rejected_against_a_member_is_not_suggested_with_the_others() -> None:
    # 0 and 1 state one fact; the reader says 2 is not 0's fact: 2 is not offered with 1 either.
    data = _data([0, 1, 2])
    table = {frozenset({0, 1}): 0.95, frozenset({0, 2}): 0.45, frozenset({1, 2}): 0.4}
    before = _run(data, table)
    assert any(set(pair) == {1, 2} and s == "open" for pair, _p, s in before.suggestions)
    out = _run(data, table, rejected=[(0, 2)])
    assert sorted(out.clusters) == [[0, 1], [2]]
    status = {frozenset(pair): s for pair, _p, s in out.suggestions}
    assert status[frozenset({0, 2})] == "rejected"
    assert frozenset({1, 2}) not in status


def test_claims_of_one_outlet_only_never_meet() -> None:
    data = _data([0, 0, 0])
    out = _run(data, {}, progress=None)
    assert sorted(out.clusters) == [[0], [1], [2]]
    assert out.suggestions == []


def test_stories_are_verified_apart() -> None:
    data = _data([0, 1, 2, 3])
    buckets = [np.array([0, 1]), np.array([2, 3])]
    table = {frozenset(p): 0.9 for p in ((0, 1), (2, 3), (0, 2), (1, 3))}
    out = verify_and_group(data, buckets, 0.5, default_verifier(), cross=_scorer(table))
    assert sorted(out.clusters) == [[0, 1], [2, 3]]
    assert all(set(pair) in ({0, 1}, {2, 3}) for pair in out.scores)


def test_verification_stops_when_cancelled() -> None:
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        _run(_data([0, 1]), {}, cancel=stop)


def test_the_built_in_verifier_scores_between_zero_and_one_with_evidence() -> None:
    data = _data([0, 1, 0, 1], seed=4)
    out = verify_and_group(data, [np.arange(4)], 0.5, default_verifier())
    assert out.scores and all(0.0 <= p <= 1.0 for p in out.scores.values())
    assert set(out.evidence) == set(out.scores)


def test_a_claim_confirmed_into_a_cluster_is_the_readers_the_others_stay_the_models() -> None:
    # 0 and 1 are verified; the reader confirms 2 against both (as y does).
    data = _data([0, 1, 2])
    table = {frozenset({0, 1}): 0.9, frozenset({0, 2}): 0.2, frozenset({1, 2}): 0.1}
    out = _run(data, table, confirmed=[(0, 2), (1, 2)])
    assert out.clusters == [[0, 1, 2]]
    assert out.by_reader == {2}
    assert out.confidence == {0: 0.9, 1: 0.9, 2: 1.0}


def test_with_one_claim_per_outlet_best_match_and_story_centring_are_no_evidence() -> None:
    # Two one-claim articles: each claim is trivially the other's best match, and centred on a
    # story of two claims every pair has cosine -1. Neither may move the confidence: the pair
    # scores as if those features sat at the fitting data's mean.
    verifier = default_verifier()
    data = _data([0, 1], seed=7)
    scorer = StoryScorer(data, np.arange(2), verifier, {})
    (x,), _ = scorer.features([(0, 1)])
    names = list(FEATURES)
    for unknown in ("cosine", "margin", "mutual"):
        assert np.isnan(x[names.index(unknown)])
    at_mean = x.copy()
    for unknown in ("cosine", "margin", "mutual"):
        at_mean[names.index(unknown)] = verifier.mean[names.index(unknown)]
    assert scorer.score([(0, 1)])[0] == pytest.approx(float(verifier.probability(at_mean)[0]))


def test_in_a_story_with_enough_claims_best_match_and_margin_are_evidence() -> None:
    data = _data([0, 1] * 8, seed=3)
    scorer = StoryScorer(data, np.arange(16), default_verifier(), {})
    x, _ = scorer.features(scorer.candidates())
    assert not np.isnan(x).any()


def _dated(texts: Sequence[str], sources: Sequence[int]) -> ClaimData:
    from dataclasses import replace

    from claimcheck.core.extract.facts import extract_facts

    return replace(_data(sources), facts=[extract_facts(t, "en") for t in texts])


def test_claims_set_on_different_days_are_not_joined_however_confident() -> None:
    # "Met on Monday" / "met on Thursday" are two meetings, not one fact told two ways; with a
    # figure in common the dates are a difference to show inside one claim instead.
    data = _dated(
        [
            "The ministers met in Moscow on Monday.",
            "The ministers met in Moscow on Thursday.",
            "Officials said 12 people died in the fire on Monday.",
            "Officials said 12 people died in the fire on Thursday.",
        ],
        [0, 1, 0, 1],
    )
    table = {frozenset({0, 1}): 0.95, frozenset({2, 3}): 0.95}
    out = _run(data, table)
    assert sorted(out.clusters) == [[0], [1], [2, 3]]
    assert out.evidence[(0, 1)].different_dates == ("Monday ≠ Thursday",)
    assert out.evidence[(2, 3)].conflicting_figures and not out.evidence[(2, 3)].different_dates
    # Still offered, at the verifier's confidence, and the reader's word joins it.
    assert ((0, 1), 0.95, "open") in out.suggestions
    confirmed = _run(data, table, confirmed=[(0, 1)])
    assert [0, 1] in confirmed.clusters


@pytest.mark.parametrize(
    ("a", "la", "b", "lb", "expected"),
    [
        (
            "The meeting was requested by the president.",
            "en",
            "The president agreed to strengthen coordination during a phone call.",
            "en",
            ("meeting", "phone"),
        ),
        (
            "Les deux dirigeants se sont entretenus au téléphone.",
            "fr",
            "The two leaders met in Moscow.",
            "en",
            ("téléphone", "met"),
        ),
        (
            "Le ministre a rencontré son homologue.",
            "fr",
            "Le ministre s'est entretenu par visioconférence avec son homologue.",
            "fr",
            ("rencontré", "visioconférence"),
        ),
        # the same kind, or a claim that tells of both: nothing sets them apart
        ("The leaders met in Moscow.", "en", "Their meeting lasted an hour.", "en", ()),
        (
            "They spoke by phone before the summit.",
            "en",
            "The leaders met in Moscow.",
            "en",
            (),
        ),
        # "call", "talks" and "spoke" say it of both kinds
        ("The leaders held talks.", "en", "The leaders met in Moscow.", "en", ()),
        ("Biden calls for a ceasefire.", "en", "Biden met Netanyahu.", "en", ()),
    ],
)
def test_a_phone_call_and_a_meeting_are_two_contacts(
    a: str, la: str, b: str, lb: str, expected: tuple[str, ...]
) -> None:
    from claimcheck.core.extract.facts import extract_facts
    from claimcheck.core.group.verify import contacts_apart

    assert contacts_apart(extract_facts(a, la), extract_facts(b, lb)) == expected


@pytest.mark.parametrize(
    ("texts", "field", "evidence"),
    [
        # 0 and 2 report a meeting; 1 a call
        (
            (
                "The meeting was requested by the president.",
                "The president agreed to strengthen coordination during a phone call.",
                "Germany's chancellor flew to Washington to meet the president.",
            ),
            "different_contacts",
            ("meeting", "phone"),
        ),
        # 0 and 2 recap episode 7; 1 episode 8
        (
            (
                "Season 1 Episode 7 recap: Geralt meets Yennefer.",
                "Season 1 Episode 8 recap: Geralt meets Ciri.",
                "In Season 1 Episode 7, Geralt meets Yennefer.",
            ),
            "different_ids",
            ("Episode 7 ≠ Episode 8",),
        ),
        # the same, told with ordinals
        (
            (
                "In the seventh episode, Geralt returns to Cintra.",
                "In the eighth and final episode, Geralt returns to Cintra.",
                "The seventh episode sees Geralt return to Cintra.",
            ),
            "different_ids",
            ("seventh episode ≠ eighth and final episode",),
        ),
    ],
)
def test_a_pair_set_apart_is_not_joined_however_confident(
    texts: tuple[str, ...], field: str, evidence: tuple[str, ...]
) -> None:
    data = _dated(list(texts), [0, 1, 2])
    table = {frozenset({0, 1}): 0.95, frozenset({0, 2}): 0.97, frozenset({1, 2}): 0.96}
    out = _run(data, table)
    # 1 joins neither 0 directly nor through 2, however confident; the reader may join it
    assert sorted(out.clusters) == [[0, 2], [1]]
    assert getattr(out.evidence[(0, 1)], field) == evidence
    assert ((0, 1), 0.95, "open") in out.suggestions
    assert [0, 1] in _run(data, table, confirmed=[(0, 1)]).clusters


@pytest.mark.parametrize(
    ("a", "la", "b", "lb", "expected"),
    [
        (
            "The Witcher Season 1 Episode 7 Recap",
            "en",
            "The Witcher Season 1 Episode 8 Recap",
            "en",
            ("Episode 7 ≠ Episode 8",),
        ),
        ("Flight MH17 was shot down.", "en", "Le vol MH370 a disparu.", "fr", ("MH17 ≠ MH370",)),
        (
            "Britain triggered Article 50.",
            "en",
            "Le Royaume-Uni a invoqué l'article 49.",
            "fr",
            ("Article 50 ≠ article 49",),
        ),
        # one number in common, another label, or a score: nothing sets them apart
        (
            "Leaders of the G7 and the G20 met.",
            "en",
            "Les dirigeants du G20 se sont réunis.",
            "fr",
            (),
        ),
        ("Flight MH17 was shot down.", "en", "A Boeing 777 was shot down.", "en", ()),
        ("The Penguins led 4-2.", "en", "The Penguins won 5-2.", "en", ()),
        ("Flight MH17 was shot down.", "en", "298 people died on MH17.", "en", ()),
        # a number in the name of who says it is no fact of the claim
        (
            "Prices rose by 5%, France 24 reported.",
            "en",
            "Les prix ont augmenté de 5 %, a rapporté France 2.",
            "fr",
            (),
        ),
        # ordinals: which one of a series
        (
            "The seventh episode sees Geralt return to Cintra.",
            "en",
            "They face their toughest challenges yet in the eighth and final episode.",
            "en",
            ("seventh episode ≠ eighth and final episode",),
        ),
        (
            "Macron leads after the first round.",
            "en",
            "Macron won the second round.",
            "en",
            ("first round ≠ second round",),
        ),
        (
            "Macron arrive en tête au premier tour.",
            "fr",
            "Macron remporte le second tour.",
            "fr",
            ("premier tour ≠ second tour",),
        ),
        # an ordinal and a number name the same episode
        ("The Witcher Season 1 Episode 7 Recap", "en", "In the seventh episode, Geralt…", "en", ()),
        (
            "Protests filled the streets for the 12th straight day.",
            "en",
            "It was the twelfth consecutive day of protests.",
            "en",
            (),
        ),
        ("le vingt et unième siècle", "fr", "le 21e siècle", "fr", ()),
        # a rank is not which one of a series: outlets may rank one thing differently
        (
            "Lyon, France's second largest city, voted.",
            "en",
            "Lyon, France's third-largest city, voted.",
            "en",
            (),
        ),
        # a title, a duration, a date
        (
            "Le Premier ministre a démissionné.",
            "fr",
            "Le deuxième ministre a démissionné.",
            "fr",
            (),
        ),
        ("A thirty-second clip went viral.", "en", "A second clip went viral.", "en", ()),
        ("They met on the 7th of March.", "en", "They met on the 8th of March.", "en", ()),
        # "premier" is an ordinal in French only
        (
            "Premier Li Keqiang met the first delegation.",
            "en",
            "The second delegation met Premier Li.",
            "en",
            ("first delegation ≠ second delegation",),
        ),
    ],
)
def test_one_label_with_two_numbers_names_two_things(
    a: str, la: str, b: str, lb: str, expected: tuple[str, ...]
) -> None:
    from claimcheck.core.extract.facts import extract_facts
    from claimcheck.core.group.verify import ids_apart

    fa, fb = extract_facts(a, la), extract_facts(b, lb)
    ids_a, ids_b = (*fa.figures, *fa.ordinals), (*fb.figures, *fb.ordinals)
    assert ids_apart(ids_a, ids_b) == expected
    assert len(ids_apart(ids_b, ids_a)) == len(expected)
    # ordinals are no figures: nothing to line up or show as a difference
    for facts in (fa, fb):
        for o in facts.ordinals:
            assert not [f for f in facts.figures if f.start < o.end and o.start < f.end]


def test_claims_that_write_the_same_day_are_likelier_than_the_verifier_says() -> None:
    # Timeline entries are all dated: two that write the same day are the same fact far more
    # often than other pairs at that confidence (models.md), so the shared day raises the
    # confidence by SAME_DAY_LOGIT in log-odds. The threshold here is 0.5, so a same-day pair
    # joins from 0.24; a weekday ("on Monday") is a day only as read against each article's
    # date, and counts as no written day.
    data = _dated(
        [
            "30 January 2020: the WHO declares a global health emergency.",
            "The WHO declared an emergency on Jan. 30, 2020.",
            "The ministers met in Moscow on Monday.",
            "The ministers held talks in Moscow on Monday.",
        ],
        [0, 1, 0, 1],
    )
    table = {frozenset({0, 1}): 0.3, frozenset({2, 3}): 0.3}
    out = _run(data, table)
    assert out.evidence[(0, 1)].same_day and not out.evidence[(2, 3)].same_day
    assert sorted(out.clusters) == [[0, 1], [2], [3]]
    # the raise is the confidence shown and ranked, not only a lower bar
    assert out.scores[(0, 1)] == pytest.approx(shifted(0.3, SAME_DAY_LOGIT))
    assert out.scores[(2, 3)] == pytest.approx(0.3)
    assert sorted(_run(data, {frozenset({0, 1}): 0.2}).clusters) == [[0], [1], [2], [3]]


def test_claims_days_apart_are_less_likely_than_the_verifier_says() -> None:
    # Each writes a day with its number and they differ: on real timelines such pairs are the
    # same fact about a third as often as the verifier, which reads no dates, says; their
    # confidence is lower, so likelier suggestions rank first. Weekdays are not written days.
    from claimcheck.core.group.agreement import DAYS_APART_LOGIT, with_dates
    from claimcheck.core.group.verify import word_weights

    data = _dated(
        [
            "On 24 February 2022, Russian forces entered Ukraine.",
            "On 2 March 2022, Russian forces entered Ukraine.",
            "The ministers met in Moscow on Monday.",
            "The ministers met in Moscow on Thursday.",
        ],
        [0, 1, 0, 1],
    )
    verifier = default_verifier()
    scorer = StoryScorer(data, np.arange(4), verifier, word_weights(data.facts), None)
    pairs = [(0, 1), (2, 3)]
    x, evidence = scorer.features(pairs)
    raw = verifier.probability(x, scorer.cross_language(pairs)).tolist()
    assert all(ev.different_dates for ev in evidence)
    scored = scorer.score(pairs)
    assert scored[0] < raw[0]
    assert scored[0] == pytest.approx(with_dates(raw[0], True))
    assert scored[1] == pytest.approx(raw[1])  # weekdays: days only as read, not written
    # the log-odds move by the constant whatever the confidence
    for p in (0.1, 0.5, 0.9):
        moved = with_dates(p, True)
        assert np.log(moved / (1 - moved)) - np.log(p / (1 - p)) == pytest.approx(DAYS_APART_LOGIT)
    assert with_dates(0.7, False) == 0.7


def test_a_few_days_written_with_their_numbers_are_written_days() -> None:
    # a timeline's entry for an event over two days ("2-3 avril") is set on its days as much as
    # one written day: days apart from another claim's day, it ranks lower too
    from claimcheck.core.extract.figures import extract_figures
    from claimcheck.core.group.verify import writes_a_day

    def writes(text: str, lang: str = "en") -> bool:
        return writes_a_day(extract_figures(text, lang))

    assert writes("2-3 avril : les Russes redéploient leurs troupes.", "fr")
    assert writes("April 10-11: The EU agrees to delay Brexit.")
    assert writes("Du 2 au 5 mars, les pourparlers se poursuivent.", "fr")
    assert writes("On 24 February, Russia invaded.")
    assert not writes("In May 2020, the lockdown ended.")
    assert not writes("Last week, the talks resumed.")
    assert not writes("On Monday, the talks resumed.")


def test_a_written_day_is_one_with_its_number() -> None:
    from claimcheck.core.extract.figures import extract_figures
    from claimcheck.core.group.verify import same_written_day

    def same(a: str, b: str, lang_b: str = "en") -> bool:
        return same_written_day(extract_figures(a, "en"), extract_figures(b, lang_b))

    assert same("on 30 January 2020", "le 30 janvier 2020", "fr")
    assert same("on Jan. 30, 2020", "on 30/01/2020")
    assert not same("on 30 January 2020", "on 31 January 2020")
    assert not same("in January 2020", "in January 2020")  # a month, no day
    assert not same("on Monday", "on Monday")
    # a day without its year in an undated article is the same written day as with it
    assert same("On Feb 24, Russia invaded Ukraine.", "On February 24, 2022, Russia invaded.")
    assert not same("On Feb 24, Russia invaded Ukraine.", "On February 25, 2022, it went on.")
    # a day of the month alone, with no date to read it against, is no written day
    assert not same("Le 11, premier mort en Chine.", "On 11 January 2020, a man died.", "en")


@pytest.mark.parametrize(
    ("first", "second", "dates"),
    [
        ("They met on Monday.", "They met on 4 March 2019.", ()),  # a weekday refines a day
        ("They met in March 2019.", "They met in May 2018.", ("March 2019 ≠ May 2018",)),
        ("They met on March 4.", "They met on March 6.", ("March 4 ≠ March 6",)),
        ("They met on March 4.", "They met on March 5.", ()),  # a day apart: shown, not apart
        ("He left yesterday.", "He left today.", ()),  # which day depends on each article
        ("Talks began at 3 pm.", "Talks began at 5 pm.", ()),  # time zones
        # a clock time lines up with no day, so it cannot make the pair agree
        ("They met on Monday at 3 pm.", "They met on Thursday.", ("Monday ≠ Thursday",)),
        # a year naming something ("the 2015 deal") is no date of the event
        ("Iran said on Monday it would exceed the limits.", "Iran broke the 2015 deal.", ()),
        # the dates opening the claims say when each happened; a later date that agrees is
        # background (the epidemic appeared in December in both)
        (
            "On 31 December 2019, China reported a cluster of cases that appeared in December.",
            "On 8 January 2020, the WHO said the epidemic that appeared in December was new.",
            ("31 December 2019 ≠ 8 January 2020",),
        ),
        # a date opening only one claim is no reason on its own
        (
            "On 31 December 2019, China reported cases that appeared in December.",
            "China reported cases that appeared in December.",
            (),
        ),
    ],
)
def test_only_dates_that_differ_as_written_set_a_pair_apart(
    first: str, second: str, dates: tuple[str, ...]
) -> None:
    from claimcheck.core.extract.facts import extract_facts
    from claimcheck.core.group.verify import figure_evidence

    a, b = extract_facts(first, "en"), extract_facts(second, "en")
    assert tuple(figure_evidence(a.figures, b.figures)[2]) == dates


def test_a_day_of_the_month_alone_differs_as_written_from_another_day_with_its_month() -> None:
    # "Le 8," in a French chronology is the 8th of the month the entries before give; the 19th
    # is another day whatever that month is, and the same number may be the same day
    from claimcheck.core.extract.facts import extract_facts
    from claimcheck.core.group.verify import figure_evidence

    def apart(first: str, second: str) -> tuple[str, ...]:
        a = extract_facts(first, "fr", "2022-03-02")
        b = extract_facts(second, "en", "2022-02-01")
        return tuple(figure_evidence(a.figures, b.figures)[2])

    assert apart("Le 8, Joe Biden décrète un embargo.", "On January 19, Joe Biden warns.") == (
        "Le 8 ≠ January 19",
    )
    assert apart("Le 19, Joe Biden décrète un embargo.", "On January 19, Joe Biden warns.") == ()


@pytest.mark.parametrize(
    ("first", "first_date", "second", "second_date", "conflict"),
    [
        # one weekday, read against articles of different weeks: shown, but not two events
        (
            "They met on Tuesday.",
            "2019-01-30",
            "They met on Tuesday.",
            "2018-06-12",
            "Tuesday (2019-01-29) ≠ Tuesday (2018-06-12)",
        ),
        (
            "The vote is on Thursday.",
            "2019-01-29",
            "Le vote a eu lieu jeudi.",
            "2019-02-01",
            "Thursday (2019-01-24) ≠ jeudi (2019-01-31)",
        ),
        (
            "Talks began in January.",
            "2019-06-01",
            "Talks began in January.",
            "2018-06-01",
            "January (2019-01) ≠ January (2018-01)",
        ),
    ],
)
def test_dates_apart_only_by_the_articles_dates_show_how_they_were_read(
    first: str, first_date: str, second: str, second_date: str, conflict: str
) -> None:
    from claimcheck.core.extract.facts import extract_facts
    from claimcheck.core.group.verify import figure_evidence

    language = "fr" if "jeudi" in second else "en"
    a = extract_facts(first, "en", first_date)
    b = extract_facts(second, language, second_date)
    agree, conflicts, dates = figure_evidence(a.figures, b.figures)
    assert (agree, conflicts, dates) == ([], [conflict], [])


def test_a_weekday_against_a_month_is_no_agreeing_figure() -> None:
    from claimcheck.core.extract.facts import extract_facts
    from claimcheck.core.group.verify import figure_evidence

    a = extract_facts("Lieberman met Shoigu in Moscow on Thursday.", "en")
    b = extract_facts("The call follows their meeting in Moscow last month.", "en", "2018-06-17")
    assert figure_evidence(a.figures, b.figures) == ([], [], [])
    # two figures that can be one measure still agree
    a = extract_facts("Lieberman met Shoigu on June 14, 2018.", "en")
    b = extract_facts("They met on Thursday.", "en", "2018-06-17")
    assert figure_evidence(a.figures, b.figures)[0] == ["June 14, 2018 = Thursday"]


def test_a_date_figure_that_is_no_calendar_day_is_shown_as_written() -> None:
    from claimcheck.core.group.verify import figure_evidence
    from claimcheck.core.types import Figure

    def day(unit: str, low: float) -> Figure:
        return Figure("date", "Tuesday", 0, 7, low, low, low, unit)

    # a weekday no article date resolved: its value is the weekday's index, not a day
    assert figure_evidence([day("date:wd", 1.0)], [day("date:wd", 2.0)])[1] == ["Tuesday ≠ Tuesday"]


@pytest.mark.parametrize(
    ("first", "first_language", "second", "second_language", "reference", "apart"),
    [
        # full dates of one year still differ in their months or days
        ("on March 5, 2019", "en", "le 7 mars 2019", "fr", None, True),
        ("in March 2019", "en", "en avril 2019", "fr", None, True),
        # "yesterday" read as a day writes no weekday: nothing to set apart
        ("He left yesterday.", "en", "Il est parti mercredi.", "fr", "2019-03-05", False),
        ("Talks end today.", "en", "Les pourparlers finissent lundi.", "fr", None, False),
        # a clock time on one side neither hides the weekdays nor depends on the order
        ("They met on Monday.", "en", "Ils se sont vus mardi à 15 heures.", "fr", None, True),
        ("Ils se sont vus mardi à 15 heures.", "fr", "They met on Monday.", "en", None, True),
        # one claim also names another event's day, and a date that fits the other claim's
        (
            "The minister met his counterpart in Moscow on Thursday.",
            "en",
            "Friday's call follows the minister's visit to Moscow last month.",
            "en",
            None,
            False,
        ),
    ],
)
def test_dates_as_written_either_way_round(
    first: str,
    first_language: str,
    second: str,
    second_language: str,
    reference: str | None,
    apart: bool,
) -> None:
    from claimcheck.core.extract.facts import extract_facts
    from claimcheck.core.group.verify import figure_evidence

    a = extract_facts(first, first_language, reference)
    b = extract_facts(second, second_language, reference)
    assert bool(figure_evidence(a.figures, b.figures)[2]) == apart
    assert bool(figure_evidence(b.figures, a.figures)[2]) == apart


@pytest.mark.parametrize("reference", [None, "2019-04-23"])
def test_today_of_an_undated_article_is_no_figure_against_a_written_date(
    reference: str | None,
) -> None:
    # "today" in an article whose date is unknown may be any day: it neither agrees with the
    # other claim's written date nor hides the difference between the two written dates. Read
    # against an article date, it is a day like any other.
    from claimcheck.core.extract.facts import extract_facts
    from claimcheck.core.group.verify import figure_evidence

    a = extract_facts("The minister said today that the vote is on April 30.", "en", reference)
    b = extract_facts("Le ministre a dit que le vote aura lieu le 23 avril.", "fr", reference)
    agree, conflicts, _dates = figure_evidence(a.figures, b.figures)
    assert conflicts == ["April 30 ≠ 23 avril"]
    if reference is None:
        assert agree == []
    else:
        assert agree == ["today = 23 avril"]


def test_relative_dates_of_articles_of_unknown_date_neither_agree_nor_conflict() -> None:
    from claimcheck.core.extract.facts import extract_facts
    from claimcheck.core.group.verify import figure_evidence

    today = extract_facts("The ministers met today in Moscow.", "en")
    yesterday = extract_facts("Les ministres se sont réunis hier à Moscou.", "fr")
    assert figure_evidence(today.figures, yesterday.figures) == ([], [], [])
    # nor does "today" in both: written on different days, they are different days
    also_today = extract_facts("Les ministres se sont réunis aujourd'hui à Moscou.", "fr")
    assert figure_evidence(today.figures, also_today.figures) == ([], [], [])
    dated = extract_facts("Les ministres se sont réunis hier à Moscou.", "fr", "2019-01-31")
    assert figure_evidence(
        extract_facts("The ministers met today in Moscow.", "en", "2019-01-30").figures,
        dated.figures,
    )[0] == ["today = hier"]


@pytest.mark.parametrize("exact", [True, False])
def test_each_claim_gets_candidates_in_the_other_language_too(
    exact: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten English and ten French outlets on one topic: every claim's nearest claims are in its
    own language (a translation is less alike to the encoder than a paraphrase), yet each claim
    is proposed its nearest claims in the other language too."""
    from claimcheck.core.group import agreement

    if not exact:
        monkeypatch.setattr(agreement, "EXACT_LIMIT", 1)  # the index, as for a very large story
    rng = np.random.default_rng(0)
    topic, english, french = rng.standard_normal((3, 32))
    rows = [topic + english + 0.2 * rng.standard_normal(32) for _ in range(10)]
    rows += [topic + french + 0.2 * rng.standard_normal(32) for _ in range(10)]
    vectors = np.asarray(rows, dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    data = ClaimData(
        vectors=vectors,
        contexts=vectors,
        facts=[ClaimFacts() for _ in rows],
        word_vectors=np.zeros((0, 32), dtype=np.float32),
        vocabulary={},
        groups=np.arange(20, dtype=np.int64),
        languages=["en"] * 10 + ["fr"] * 10,
        headlines=[False] * 20,
    )
    scorer = StoryScorer(data, np.arange(20), default_verifier(), {})
    for i, near in enumerate(scorer.neighbours):
        mine = data.languages[i]
        first = near[: agreement.NEIGHBOURS]
        assert all(data.languages[j] == mine for j in first)  # the crowding this is about
        others = [j for j in near if data.languages[j] != mine]
        assert len(others) == agreement.OTHER_LANGUAGE_NEIGHBOURS
    assert any(data.languages[i] != data.languages[j] for i, j in scorer.candidates())


def test_claims_that_write_the_same_day_are_candidates_however_far_their_vectors() -> None:
    """Two timelines' entries of one day are verified even when neither is among the other's
    nearest neighbours; a day that many claims of every source write pairs nothing."""
    from dataclasses import replace

    from claimcheck.core.extract.facts import extract_facts
    from claimcheck.core.group import agreement

    sources = [k % 4 for k in range(40)]  # 40 claims, 4 sources
    data = _data(sources, seed=3)
    facts = [ClaimFacts() for _ in sources]
    facts[0] = extract_facts("On 30 January 2020, the WHO declares an emergency.", "en")
    facts[1] = extract_facts("Le 30 janvier, l'OMS déclare l'urgence.", "fr", "2020-04-01")
    data = replace(data, facts=facts)
    scorer = StoryScorer(data, np.arange(40), default_verifier(), {})
    assert 1 not in scorer.neighbours[0] and 0 not in scorer.neighbours[1]  # far apart
    assert (0, 1) in scorer.candidates()
    # the same day written by more than SAME_DAY_PER_SOURCE claims per source: no pair from it
    crowded = [extract_facts("On 30 January 2020 it rained.", "en") for _ in sources]
    scorer = StoryScorer(replace(data, facts=crowded), np.arange(40), default_verifier(), {})
    near = {(min(i, j), max(i, j)) for i, row in enumerate(scorer.neighbours) for j in row}
    assert set(scorer.candidates()) == near
    assert len(sources) > agreement.SAME_DAY_PER_SOURCE * 4


def test_dates_one_day_apart_are_shown_but_do_not_keep_a_pair_apart() -> None:
    """Timelines date one event a day apart often (time zones, announced or in force, an
    outlet's error): the pair is shown the two days, and the verifier decides."""
    from claimcheck.core.extract.facts import extract_facts
    from claimcheck.core.group.verify import figure_evidence

    a = extract_facts("On 23 June 2016, David Cameron resigned.", "en")
    b = extract_facts("Le 24 juin 2016, David Cameron démissionne.", "fr")
    _, conflicts, dates = figure_evidence(a.figures, b.figures)
    assert (conflicts, dates) == (["23 June 2016 ≠ 24 juin 2016"], [])
    # without their year, as an undated timeline writes them
    a = extract_facts("Jan. 11: China shares the genetic sequence.", "en")
    b = extract_facts("Jan. 12: China shares the genetic sequence.", "en")
    assert figure_evidence(a.figures, b.figures)[2] == []
    # two days apart: two events, as before
    b = extract_facts("Le 25 juin 2016, David Cameron démissionne.", "fr")
    a = extract_facts("On 23 June 2016, David Cameron resigned.", "en")
    assert figure_evidence(a.figures, b.figures)[2] == ["23 June 2016 ≠ 25 juin 2016"]
