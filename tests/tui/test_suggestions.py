"""Pilot tests of verified agreement in the interface: how sure each member is, the related claims
not confirmed, ``y``/``x`` on them, and the review view that walks every open suggestion.

The sample result verified again at threshold 0.9 keeps the flood cluster (three outlets) and
splits the aid cluster: Le Monde and BBC stay together (the second cluster) and Reuters' "pledged
emergency aid"
becomes a related claim, not confirmed (likely against Le Monde, a little less against BBC). The
confidences come from the verifier, so the tests read them from the result.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from claimcheck.core import review as rv
from claimcheck.core.defaults import shown_confidence
from claimcheck.core.types import Result, Suggestion
from claimcheck.tui.screens.main import MainScreen
from claimcheck.tui.screens.suggestions import SuggestionScreen

from .helpers import SIZE, app_on, detail_text, main_screen, render_plain, settle
from .sample import verified_result

LE_MONDE_AID, BBC_AID, REUTERS_AID = "lemonde#1", "bbc#1", "reuters#1"


def verified() -> Result:
    """The sample verified so that Reuters' aid claim is related to the aid cluster, not in it."""
    result = verified_result()
    cluster = aid_cluster(result)
    assert [c.id for c in cluster.claims] == [LE_MONDE_AID, BBC_AID]
    assert cluster.related and cluster.related[0].claim.id == REUTERS_AID
    return result


def aid_cluster(result: Result):  # type: ignore[no-untyped-def]
    """The cluster that holds Le Monde's aid claim (ids are made from content, not rank)."""
    return next(c for c in result.clusters if LE_MONDE_AID in [m.id for m in c.claims])


def members(app) -> list[str]:  # type: ignore[no-untyped-def]
    cluster = main_screen(app).current_cluster
    assert cluster is not None
    return [c.id for c in cluster.claims]


def sidecar(folder: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((folder / rv.SIDECAR_NAME).read_text(encoding="utf-8"))


async def test_detail_shows_how_sure_each_member_is_and_the_related_claims(corpus_dir):
    app = app_on(verified(), corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j")  # the aid cluster
        await settle(app, pilot)
        text = detail_text(app)
        cluster = main_screen(app).current_cluster
        assert cluster is not None
        assert "2 outlets · en + fr" in text
        assert f"verified {shown_confidence(cluster.confidence[0])}" in text
        assert "Related, not confirmed:" in text
        related = text.split("Related, not confirmed:")[1]
        assert "Reuters" in related and shown_confidence(cluster.related[0].confidence) in related
        assert "y confirm · x reject" in related
        assert "pledged emergency aid" in related
        assert "ministre~minister" in related and "names Pedro Sánchez" in related
        screen = main_screen(app)
        assert screen.check_action("confirm", ()) is True
        await pilot.press("j", "j")  # c4: the hostile sentence, nothing related
        await settle(app, pilot)
        assert "Related, not confirmed" not in detail_text(app)
        assert screen.check_action("confirm", ()) is False  # hidden from the footer


async def test_header_counts_independent_outlets(small_result, corpus_dir):
    first = replace(small_result.clusters[0], origins=2)
    result = replace(small_result, clusters=(first, *small_result.clusters[1:]))
    app = app_on(result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "3 outlets, 2 independent · en + fr" in detail_text(app)
        await pilot.press("j")
        await settle(app, pilot)
        assert "3 outlets · en + fr" in detail_text(app)


async def test_y_confirms_the_related_claim_into_the_cluster(corpus_dir):
    app = app_on(verified(), corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        # The decision is in the sidecar...
        # (Reuters against each member, so it joins the cluster, not just Le Monde.)
        decisions = sidecar(corpus_dir)["decisions"]
        assert len(decisions) == 2 and {d["status"] for d in decisions} == {"confirmed"}
        # ...and Reuters joined the cluster, which stays selected.
        assert members(app) == [LE_MONDE_AID, BBC_AID, REUTERS_AID]
        text = detail_text(app)
        assert "3 outlets" in text and "confirmed by you" in text
        assert "Related, not confirmed" not in text
        screen = main_screen(app)
        assert screen.result is not None
        assert (LE_MONDE_AID, REUTERS_AID, True) in screen.result.decisions
        assert any("Confirmed: Reuters" in n.message for n in app._notifications)


async def test_x_rejects_it_for_every_member_of_the_cluster(corpus_dir):
    app = app_on(verified(), corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j")
        await settle(app, pilot)
        await pilot.press("x")
        await settle(app, pilot)
        decisions = sidecar(corpus_dir)["decisions"]
        assert len(decisions) == 1 and decisions[0]["status"] == "rejected"
        screen = main_screen(app)
        assert screen.result is not None
        open_pairs = [set(s.claims) for s in screen.result.suggestions if s.status == "open"]
        assert {LE_MONDE_AID, REUTERS_AID} not in open_pairs
        assert members(app) == [LE_MONDE_AID, BBC_AID]  # still on the cluster, unchanged
        cluster = screen.current_cluster
        assert cluster is not None
        # Le Monde and BBC state one fact and Reuters is not it: Reuters is not offered with
        # BBC either (one rejection, not one per member).
        assert all(r.claim.id != REUTERS_AID for r in cluster.related)
        assert {BBC_AID, REUTERS_AID} not in open_pairs
        assert "Related, not confirmed:" not in detail_text(app)
        assert len(sidecar(corpus_dir)["decisions"]) == 1


async def test_saved_decisions_apply_on_load(corpus_dir):
    result = verified()
    review = rv.decide(result, rv.Review(), (BBC_AID, REUTERS_AID), True)
    review = rv.decide(result, review, (LE_MONDE_AID, REUTERS_AID), True)
    rv.save_review(corpus_dir / rv.SIDECAR_NAME, review)
    app = app_on(result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        assert screen.result is not None
        joined = [c for c in screen.result.clusters if REUTERS_AID in [m.id for m in c.claims]]
        assert [m.id for m in joined[0].claims] == [LE_MONDE_AID, BBC_AID, REUTERS_AID]
        # ...and still after a change of threshold.
        await pilot.press("minus")
        await settle(app, pilot)
        assert main_screen(app).result is not None
        where = {
            m.id: c.id
            for c in main_screen(app).result.clusters  # type: ignore[union-attr]
            for m in c.claims
        }
        assert where[REUTERS_AID] == where[BBC_AID] == where[LE_MONDE_AID]


async def test_review_view_walks_open_suggestions_most_likely_first_swaps_last(corpus_dir):
    result = verified()
    where = {m.id: c for c in result.clusters for m in c.claims}
    outlet = {c.id: c.source for c in result.claims}

    def swaps(s: Suggestion) -> bool:
        """One claim's outlet already has a claim in the other's cluster."""
        a, b = s.claims
        return outlet[b] in where[a].sources or outlet[a] in where[b].sources

    pending = [s for s in result.suggestions if s.status == "open"]
    expected = sorted(pending, key=lambda s: (swaps(s), -s.confidence))
    assert len(expected) >= 3
    # the sample has a swap more likely than a pair that may add an outlet: the order differs
    assert expected != sorted(pending, key=lambda s: -s.confidence)
    assert swaps(expected[-1]) and not swaps(expected[0])
    app = app_on(result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j")
        await pilot.press("v")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SuggestionScreen)
        seen = [screen.current]
        for _ in range(len(expected) - 1):
            await pilot.press("n")
            seen.append(screen.current)
        assert [s.claims for s in seen] == [s.claims for s in expected]  # type: ignore[union-attr]
        assert screen.check_action("next_suggestion", ()) is None  # the last one
        text = render_plain(screen)
        assert "after every pair that may add an outlet" in text
        assert "already has another claim in that cluster (one claim per outlet)" in text
        await pilot.press("k", "up")
        assert screen.current is expected[-3]
        await pilot.press("j", "down")
        assert screen.current is expected[-1]
        await pilot.press("home")  # not bound here: nothing happens
        await pilot.press(*["k"] * len(expected))
        assert screen.current is expected[0]
        text = render_plain(screen)
        assert f"1 of {len(expected)} open" in text
        assert f"confidence {shown_confidence(expected[0].confidence)}" in text
        assert "Le Monde" in text and "Reuters" in text
        assert "aligned words: ministre ~ minister" in text
        assert "names in both: Pedro Sánchez" in text
        assert f"in {aid_cluster(screen.result).id} with 1 other outlet" in text
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert members(app) == [LE_MONDE_AID, BBC_AID]  # the selection is where it was
    assert not (corpus_dir / rv.SIDECAR_NAME).exists()  # nothing decided, nothing written


async def test_review_view_confirms_and_rejects_then_moves_on(corpus_dir):
    result = verified()
    expected = sorted(
        (s for s in result.suggestions if s.status == "open"), key=lambda s: -s.confidence
    )
    app = app_on(result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SuggestionScreen)
        assert set(screen.current.claims) == {LE_MONDE_AID, REUTERS_AID}  # type: ignore[union-attr]
        await pilot.press("y")
        await settle(app, pilot)
        # BBC-Reuters was settled by that verdict (all three now share one cluster): the view
        # moved on to the next pair still open.
        assert screen.current is not None
        assert set(screen.current.claims) != {BBC_AID, REUTERS_AID}
        assert all({BBC_AID, REUTERS_AID} != set(s.claims) for s in screen.items)
        rejected = screen.current
        left = len(screen.items)
        await pilot.press("x")
        await settle(app, pilot)
        # the pair leaves, and so does any other pair of that claim with its partner's cluster
        assert len(screen.items) <= left - 1
        assert screen.current is None or screen.current.claims != rejected.claims
        statuses = [d["status"] for d in sidecar(corpus_dir)["decisions"]]
        assert statuses == ["confirmed", "confirmed", "rejected"]  # Reuters joined Le Monde + BBC
        await pilot.press("escape")
        await settle(app, pilot)
        main = main_screen(app)
        assert app.screen is main and main.result is not None
        where = {m.id: c.id for c in main.result.clusters for m in c.claims}
        assert where[REUTERS_AID] == where[LE_MONDE_AID] == where[BBC_AID]
        still_open = {frozenset(s.claims) for s in main.result.suggestions if s.status == "open"}
        assert frozenset(rejected.claims) not in still_open  # type: ignore[union-attr]
        assert len(still_open) < len(expected)
