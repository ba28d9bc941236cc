"""Browsing without a UI: rows, filters, sorting, search, next-difference, detail, articles."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimcheck.core import browse
from tests.tui.sample import HOSTILE, build_result


@pytest.fixture
def result():
    return build_result()


def test_fold_ignores_case_accents_and_ligatures() -> None:
    assert browse.fold("Élysée") == "elysee"
    assert browse.fold("Sánchez") == browse.fold("SANCHEZ")
    assert browse.fold("cœur Œuvre") == "coeur oeuvre"
    assert browse.fold("Straße") == "strasse"


def test_printable_shows_control_characters_one_for_one() -> None:
    out = browse.printable(HOSTILE)
    assert len(out) == len(HOSTILE)
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "␛]52;c;SGk=␇" in out and "␍" in out
    assert browse.printable("a\tb\nc") == "a\tb\nc"
    assert browse.printable("x\u202ey\x9bz") == "x�y�z"
    assert "[bold]" in out  # markup is not a control character: kept, shown literally


def test_rows_carry_markers_counts_and_languages(result) -> None:
    rows = browse.make_rows(result)
    assert [r.cluster_id for r in rows] == ["c1", "c2", "c3", "c4", "c5"]
    flood, aid, schools = rows[0], rows[1], rows[2]
    assert flood.markers == "FA" and flood.differs and flood.differing_items == 2
    assert aid.markers == "" and not aid.differs  # names agree: no marker
    assert schools.markers == "1" and schools.outlets == 1
    assert flood.languages == ("en", "fr")
    assert "\x1b" not in rows[3].label


def test_filters(result) -> None:
    rows = browse.make_rows(result)

    def ids(name: str) -> list[str]:
        return [r.cluster_id for r in browse.visible_rows(rows, filter_name=name)]

    assert ids("all") == ["c1", "c2", "c3", "c4", "c5"]
    assert ids("shared") == ["c1", "c2"]
    assert ids("cross-language") == ["c1", "c2"]
    assert ids("differences") == ["c1"]
    assert ids("single") == ["c3", "c4", "c5"]


def test_search_matches_text_outlets_names_and_figures_in_any_language(result) -> None:
    rows = browse.make_rows(result)

    def found(query: str) -> list[str]:
        return [r.cluster_id for r in browse.visible_rows(rows, query=query)]

    assert found("écoles") == found("ECOLES") == ["c3"]
    assert found("sanchez") == ["c2"]  # Le Monde writes Sánchez
    assert found("reuters rail") == ["c5"]  # outlet and word together
    assert found("15 people") == ["c1"]
    assert found("le monde") == ["c1", "c2", "c3"]
    assert found("nothing like this") == []
    assert found("   ") == ["c1", "c2", "c3", "c4", "c5"]


def test_search_can_use_extra_name_keys(result) -> None:
    rows = browse.make_rows(result, names={"lemonde#1": ["sanchez-castejon"]})
    assert [r.cluster_id for r in browse.visible_rows(rows, query="castejon")] == ["c2"]


def test_sorting(result) -> None:
    rows = browse.make_rows(result)
    assert browse.sort_rows(rows, "differences")[0].cluster_id == "c1"
    by_reuters = [r.cluster_id for r in browse.sort_rows(rows, "article:reuters")]
    assert by_reuters == ["c1", "c2", "c5", "c3", "c4"]
    assert browse.sort_keys(result) == [
        "outlets",
        "differences",
        "article:lemonde",
        "article:bbc",
        "article:reuters",
    ]
    assert browse.sort_label(result, "article:bbc") == "order in BBC News"


def test_next_difference_wraps_both_ways(result) -> None:
    rows = browse.make_rows(result)
    assert browse.next_difference(rows, None, 1) == (0, False)
    assert browse.next_difference(rows, 0, 1) == (0, True)  # the only one: wraps onto itself
    assert browse.next_difference(rows, 3, 1) == (0, True)
    assert browse.next_difference(rows, 3, -1) == (0, False)
    assert browse.next_difference(rows[1:], 0, 1) == (-1, False)
    assert browse.next_difference([], None, 1) == (-1, False)


def test_word_diff_keeps_text_as_written() -> None:
    pieces = browse.word_diff(
        "Floods killed 15 people.", "Floods killed 12 people, officials said."
    )
    assert pieces[0] == ("equal", "Floods killed ")
    assert ("delete", "15 ") in pieces and ("insert", "12 ") in pieces
    assert "".join(t for op, t in pieces if op != "delete") == (
        "Floods killed 12 people, officials said."
    )
    assert "".join(t for op, t in pieces if op != "insert") == "Floods killed 15 people."
    french = browse.word_diff("Le ministre a promis l'aide.", "Le ministre a PROMIS une aide.")
    assert french[0] == ("equal", "Le ministre a PROMIS ")  # case is not a difference


def test_cluster_detail_spans_silent_outlets_and_diffs(result) -> None:
    detail = browse.cluster_detail(result, result.clusters[0])
    assert [m.source.id for m in detail.members] == ["lemonde", "bbc", "reuters"]
    assert detail.silent == () and detail.cross_language
    bbc = detail.members[1]

    def status_at(word: str) -> set[str]:
        at = bbc.claim.text.index(word)
        return {s.status for s in bbc.spans if s.start <= at < s.end}

    assert status_at("15") == {"differs"}
    assert status_at("Valencia") == {"agree"}
    # Only same-language members get a word diff: the BBC against Reuters.
    assert [(d.left, d.right) for d in detail.word_diffs] == [("bbc", "reuters")]
    single = browse.cluster_detail(result, result.clusters[4])
    assert [s.id for s in single.silent] == ["lemonde", "bbc"] and single.word_diffs == ()


def test_article_lines_tag_claims_and_keep_dropped_sentences(result) -> None:
    lines = browse.article_lines(result, "bbc")
    assert [line.cluster_id for line in lines] == ["c1", "c2", None, "c4"]
    assert lines[2].sentence.reason == "site chrome: newsletter" and lines[2].claim_id is None
    assert browse.coverage_cells(result, result.clusters[2]) == ("lemonde#2", None, None)


def test_core_modules_do_not_import_the_ui() -> None:
    code = (
        "import sys, claimcheck.core.browse, claimcheck.core.review; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_clusters_possible_outlets_are_those_of_its_story() -> None:
    from dataclasses import replace

    from claimcheck.core.browse import cluster_detail, make_rows
    from claimcheck.core.types import Claim, Cluster, Result, Settings, Source

    sources = tuple(Source(i, f"{i}.txt", f"Outlet {i}", "en", None, "...") for i in "abcde")
    claims = (
        Claim("a#0", "a", 0, 0, "A claim.", "en", "body"),
        Claim("b#0", "b", 0, 0, "A claim.", "en", "body"),
        Claim("d#0", "d", 0, 0, "Another story.", "en", "body"),
    )
    clusters = (Cluster("c1", claims[:2]), Cluster("c2", claims[2:]))
    one = Result(sources, ((),) * 5, claims, clusters, Settings("fake", 0.5))
    # One story: everyone could have stated everything.
    assert [r.possible for r in make_rows(one)] == [5, 5]
    assert [s.id for s in cluster_detail(one, clusters[0]).silent] == ["c", "d", "e"]
    # Two stories; "e" kept no claim and so belongs to neither: it counts in both.
    two = replace(one, stories=(("a", "b", "c"), ("d",)))
    assert [r.possible for r in make_rows(two)] == [4, 2]
    assert [s.id for s in cluster_detail(two, clusters[0]).silent] == ["c", "e"]
    assert [s.id for s in cluster_detail(two, clusters[1]).silent] == ["e"]


def test_an_outlet_dated_before_what_a_claim_reports_is_not_silent_on_it() -> None:
    from claimcheck.core.browse import cluster_detail, reported_day, written_before
    from claimcheck.core.extract.facts import extract_facts
    from claimcheck.core.types import Claim, Cluster, Result, Settings, Source
    from claimcheck.report.jsonout import to_dict
    from claimcheck.report.markdown import render_markdown

    dates = {"a": "2019-01-30", "b": "2019-01-31", "c": "2018-06-17", "d": None, "e": "2019-01-29"}
    sources = tuple(Source(i, f"{i}.txt", f"Outlet {i}", "en", d, "...") for i, d in dates.items())
    texts = {
        "a#0": "The ministers met on Monday in Moscow.",  # Monday 28 January 2019
        "b#0": "The ministers held talks in Moscow on Monday.",
        "a#1": "The ministers will meet again on Friday.",  # a plan: 1 February
        "b#1": "A second meeting is scheduled for Friday.",
        "e#0": "Russia deployed its forces in Syria in 2015.",
        "a#2": "The defence minister resigned on Tuesday.",  # 29 January 2019: one outlet only
    }
    claims = tuple(Claim(i, i[0], int(i[-1]), 0, t, "en", "body") for i, t in texts.items())
    facts = tuple(extract_facts(c.text, "en", dates[c.source]) for c in claims)
    met, plan, single, alone = (
        Cluster("c1", claims[0:2]),
        Cluster("c2", claims[2:4]),
        Cluster("c3", claims[4:5]),
        Cluster("c4", claims[5:]),
    )
    result = Result(
        sources, ((),) * 5, claims, (met, plan, single, alone), Settings("fake", 0.5), facts=facts
    )
    # c (June 2018) could not report a meeting of 28 January 2019; d has no date: silent
    assert str(reported_day(result, met)) == "2019-01-28"
    assert [s.id for s in written_before(result, met)] == ["c"]
    detail = cluster_detail(result, met)
    assert [s.id for s in detail.silent] == ["d", "e"] and [s.id for s in detail.before] == ["c"]
    # e (29 January) was written after the meeting: silent on it, not early
    # a plan for a day after the articles is no past event: everyone could have reported it
    assert reported_day(result, plan) is None and written_before(result, plan) == ()
    # "in 2015" is over by e's date: an article of 2018 comes after it
    assert written_before(result, single) == ()
    report = render_markdown(result)
    assert "Written before what it reports (2019-01-28), so not silent: Outlet c" in report
    assert "Not stated by: Outlet d, Outlet e" in report
    # a claim of one outlet says so too: the outlets dated before it did not leave it out
    assert (
        "**Outlet a**: The defence minister resigned on Tuesday. — written before what it "
        "reports (2019-01-29): Outlet c (dated 2018-06-17)"
    ) in report
    by_id = {c["id"]: c for c in to_dict(result)["clusters"]}
    assert by_id["c1"]["written_before"] == ["c"] and by_id["c2"]["written_before"] == []


def test_word_diff_pieces_never_run_words_together() -> None:
    # where one text ends, the next piece comes from the other text
    assert browse.word_diff("the talks in Moscow", "the talks") == [
        ("equal", "the talks "),
        ("delete", "in Moscow"),
    ]
    pieces = browse.word_diff("the conflict", "the conflict rebel forces")
    assert "".join(t for _, t in pieces) == "the conflict rebel forces"


def test_why_a_likely_pair_is_only_a_suggestion(result) -> None:
    from dataclasses import replace

    from claimcheck.core.types import Evidence, Suggestion

    def pair(a: str, b: str, p: float) -> Suggestion:
        return Suggestion((a, b), p, Evidence(cosine=0.5))

    assert browse.why_apart(result, pair("lemonde#2", "bbc#2", 0.3)) is None  # below 0.55
    # BBC already states c1's claim: its other claim cannot join too, unless the reader says so
    # (a confirmation is joined first and moves the model's member of that outlet out)
    reason = browse.why_apart(result, pair("lemonde#0", "bbc#2", 0.9)) or ""
    assert "BBC News already has another claim in that cluster" in reason
    assert reason.endswith("y moves bbc#2 there in place of bbc#0")
    # ... and when the reader confirmed BBC's member there, one of the two stays out
    c1 = next(c for c in result.clusters if "bbc#0" in [m.id for m in c.claims])
    theirs = replace(c1, confirmed_by=tuple("reader" for _ in c1.claims))
    confirmed = replace(
        result, clusters=type(result.clusters)(theirs if c is c1 else c for c in result.clusters)
    )
    reason = browse.why_apart(confirmed, pair("lemonde#0", "bbc#2", 0.9)) or ""
    assert reason.endswith("you confirmed bbc#0, and only one of bbc#0 and bbc#2 can stay")
    # two claims alone: only the verifier's verdict against every member keeps them apart
    assert "not accepted against every member" in (
        browse.why_apart(result, pair("lemonde#2", "bbc#2", 0.9)) or ""
    )
    # set on different days, with nothing in common: read as two events
    dated = Suggestion(
        ("lemonde#2", "bbc#2"), 0.9, Evidence(cosine=0.5, different_dates=("lundi ≠ Thursday",))
    )
    assert "different dates (lundi ≠ Thursday)" in (browse.why_apart(result, dated) or "")
    # a phone call and a meeting: two contacts, the words in the order of the two claims
    contacts = Suggestion(
        ("lemonde#2", "bbc#2"), 0.9, Evidence(cosine=0.5, different_contacts=("réunion", "phone"))
    )
    reason = browse.why_apart(result, contacts) or ""
    assert 'one in person ("réunion" / "phone"): read as two contacts' in reason, reason
    # one label, two numbers: two things named
    ids = Suggestion(
        ("lemonde#2", "bbc#2"), 0.9, Evidence(cosine=0.5, different_ids=("MH17 ≠ MH370",))
    )
    reason = browse.why_apart(result, ids) or ""
    assert "one label different numbers (MH17 ≠ MH370): read as two things" in reason, reason
    # the outlet rule comes first: it is what keeps them apart until the reader decides
    same_outlet = Suggestion(
        ("lemonde#0", "bbc#2"), 0.9, Evidence(cosine=0.5, different_dates=("lundi ≠ Thursday",))
    )
    assert "one claim per outlet" in (browse.why_apart(result, same_outlet) or "")
    # a shared written day raises the confidence itself: below the threshold, no rule kept
    # the pair apart, whatever its evidence
    below = round(result.settings.threshold - 0.1, 2)
    one_day = Suggestion(("lemonde#2", "bbc#2"), below, Evidence(cosine=0.5, same_day=True))
    assert browse.why_apart(result, one_day) is None
    # below the threshold too, the review view says when confirming would swap an outlet's claim
    # (why it comes after the pairs that may add an outlet), not that a rule kept it apart
    swap = Suggestion(("lemonde#0", "bbc#2"), below, Evidence(cosine=0.5))
    reason = browse.why_apart(result, swap) or ""
    assert reason.startswith("BBC News already has another claim in that cluster"), reason
    assert reason.endswith("y moves bbc#2 there in place of bbc#0")


def test_review_order_puts_pairs_that_only_swap_an_outlets_claim_last(result) -> None:
    from dataclasses import replace

    from claimcheck.core.types import Evidence, Suggestion

    def pair(a: str, b: str, p: float, status: str = "open") -> Suggestion:
        return Suggestion((a, b), p, Evidence(cosine=0.5), status)  # type: ignore[arg-type]

    swap = pair("lemonde#0", "bbc#2", 0.9)  # BBC News already states lemonde#0's cluster
    likely = pair("lemonde#2", "bbc#2", 0.6)
    unlikely = pair("bbc#2", "reuters#2", 0.2)
    decided = pair("lemonde#1", "bbc#2", 0.95, "rejected")
    with_them = replace(result, suggestions=(swap, decided, unlikely, likely))
    assert browse.open_suggestions(with_them) == [likely, unlikely, swap]
    # the same pair, once BBC's claim has left that cluster, may add an outlet: most likely first
    c1 = next(c for c in result.clusters if "bbc#0" in [m.id for m in c.claims])
    bbc = [m.source for m in c1.claims].index("bbc")
    gone = c1.claims[bbc]
    left = replace(c1, claims=tuple(m for m in c1.claims if m is not gone))
    clusters = [left if c is c1 else c for c in result.clusters]
    clusters.append(type(c1)("c6", (gone,)))
    split = replace(with_them, clusters=tuple(clusters))
    assert browse.open_suggestions(split) == [swap, likely, unlikely]


def test_a_report_says_in_a_few_words_why_a_likely_related_claim_was_not_joined(result) -> None:
    from dataclasses import replace

    from claimcheck.core.types import Evidence, Related, Suggestion
    from claimcheck.report.markdown import render_markdown

    threshold = result.settings.threshold
    below = Suggestion(("lemonde#2", "bbc#2"), 0.3, Evidence(cosine=0.5))
    assert browse.apart_note(result, below) is None  # its confidence says why
    c1 = next(c for c in result.clusters if "bbc#0" in [m.id for m in c.claims])
    same_outlet = Suggestion(("lemonde#0", "bbc#2"), 0.9, Evidence(cosine=0.5))
    assert browse.apart_note(result, same_outlet) == (
        f"above {threshold:g} but one claim per outlet (BBC News already has one in {c1.id})"
    )
    alone = Suggestion(("lemonde#2", "bbc#2"), 0.9, Evidence(cosine=0.5))
    assert browse.apart_note(result, alone) == (
        f"above {threshold:g} but not accepted against every member"
    )
    dated = Suggestion(
        ("lemonde#2", "bbc#2"), 0.9, Evidence(cosine=0.5, different_dates=("lundi ≠ Thursday",))
    )
    assert browse.apart_note(result, dated) == (
        f"above {threshold:g} but the dates differ (lundi ≠ Thursday)"
    )
    # in the report, beside the related claim's confidence (not when below the threshold)
    bbc2 = next(c for c in result.claims if c.id == "bbc#2")
    shown = replace(c1, related=(Related(bbc2, 0.9, "lemonde#0"),))
    for suggestion, note in ((same_outlet, "; above"), (replace(same_outlet, confidence=0.3), "")):
        clusters = tuple(shown if c is c1 else c for c in result.clusters)
        text = render_markdown(replace(result, clusters=clusters, suggestions=(suggestion,)))
        line = next(x for x in text.splitlines() if "`bbc#2`, confidence" in x)
        assert f"confidence 0.90{note}" in line and ("; above" in line) == bool(note), line
        # and the interface's detail of the cluster says it under the related claim
        with_pair = replace(result, clusters=clusters, suggestions=(suggestion,))
        why = browse.cluster_detail(with_pair, shown).related[0].apart
        assert (why or "").startswith("above") == bool(note), why
    # beside a claim one outlet alone states, the same words after its best related claim
    lone = next(c for c in result.clusters if not c.shared and c.claims[0].source != "bbc")
    member = lone.claims[0]
    dated = replace(dated, claims=(member.id, "bbc#2"))
    for suggestion, note in ((dated, "; above"), (replace(dated, confidence=0.3), "")):
        lone_shown = replace(lone, related=(Related(bbc2, suggestion.confidence, member.id),))
        clusters = tuple(lone_shown if c is lone else c for c in result.clusters)
        text = render_markdown(replace(result, clusters=clusters, suggestions=(suggestion,)))
        line = next(x for x in text.splitlines() if x.startswith(f"- {lone.id} "))
        assert ("; above" in line) == bool(note), line
        if note:
            assert line.endswith(
                f"related: `bbc#2`, 0.90; above {threshold:g} but the dates differ "
                "(lundi ≠ Thursday)"
            ), line


def test_confirming_a_claim_of_another_cluster_says_it_leaves_that_cluster(result) -> None:
    # bbc#0 sits in c1 with two other outlets' claims; confirmed with lemonde#2 (alone in c3),
    # it moves: the reader is told c1 loses it, not only that it states the same fact.
    note = browse.decision_note(result, "lemonde#2", "bbc#0", True)
    assert note.startswith("Confirmed: ") and "(bbc#0) states the same fact." in note
    assert "It leaves cluster c1: its 2 other claims are verified again without it." in note
    # a claim alone, or one already in the anchor's cluster, leaves nothing
    assert "leaves" not in browse.decision_note(result, "lemonde#2", "bbc#2", True)
    assert "leaves" not in browse.decision_note(result, "lemonde#0", "bbc#0", True)


def test_a_number_in_the_name_of_who_says_it_is_not_shown_as_a_figure() -> None:
    from claimcheck.core.types import Claim, Source

    text = "Flight MH17 was shot down over Ukraine, France 24 reported."
    claim = Claim("f24#0", "f24", 0, 0, text, "en", "body")
    source = Source("f24", "f24.txt", "France 24", "en", "2014-07-18", text)
    spans = browse._spans(claim, source, {})
    figures = {text[s.start : s.end] for s in spans if s.kind == "figure"}
    assert "MH17" in figures and not any("24" in f for f in figures)
