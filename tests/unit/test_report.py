"""Reports: structure independent of article text, documented JSON shape, reproducible bytes."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from claimcheck.core.types import (
    Claim,
    Cluster,
    ClusterReview,
    Difference,
    Result,
    Settings,
    Source,
)
from claimcheck.report.jsonout import render_json
from claimcheck.report.markdown import (
    HEADING_WIDTH,
    escape_inline,
    label,
    render_markdown,
    short_names,
)


def _result(texts: tuple[str, str, str]) -> Result:
    sources = (
        Source("a-fr", "a-fr.txt", "Le Quotidien", "fr", "2024-03-01", "..."),
        Source("b-en", "b-en.txt", "The Daily", "en", None, "..."),
    )
    c1 = Claim("a-fr#0", "a-fr", 0, 0, texts[0], "fr", "body", repeats=2)
    c2 = Claim("b-en#0", "b-en", 0, 0, texts[1], "en", "body")
    c3 = Claim("b-en#1", "b-en", 1, 1, texts[2], "en", "headline")
    diff = Difference("figure", "differs", (("a-fr", "12"), ("b-en", "15")), "12 vs 15")
    clusters = (Cluster("c1", (c1, c2), (diff,)), Cluster("c2", (c3,)))
    return Result(sources, ((), ()), (c1, c2, c3), clusters, Settings("fake", 0.5))


PLAIN = ("Douze morts selon la police.", "Police said 15 people died.", "Storm hits coast")
HOSTILE = (
    "| a | b |\n# Heading\n<script>alert(1)</script> [x](javascript:alert(1)) ![i](http://x/i.png)",
    "```\ncode fence``` *bold* _em_ ~~del~~ &lt; \\ \x1b]52;c;SGVsbG8=\x07 \x1b[2J end",
    "- list\n> quote\n1. numbered " + "long " * 500,
)


_PIPE = re.compile(r"(?<!\\)\|")


def _skeleton(markdown: str) -> list[str]:
    """The report's structure: headings, table rows reduced to their cell count, list markers."""
    shape = []
    for line in markdown.splitlines():
        if line.startswith("#"):
            shape.append(line.split(" ")[0])
        elif line.startswith("|"):
            shape.append("table:" + str(len(_PIPE.findall(line))))
        elif line.startswith("- "):
            shape.append("-")
        elif line.startswith("  - "):
            # Sub-items depend on content (figures and names found), but only these two exist.
            assert line.startswith(("  - figures: ", "  - names: ")), line
    return shape


def test_hostile_text_does_not_change_report_structure() -> None:
    plain = render_markdown(_result(PLAIN))
    hostile = render_markdown(_result(HOSTILE))
    assert _skeleton(plain) == _skeleton(hostile)
    assert "<script>" not in hostile
    assert re.search(r"(?<!\\)\]\(javascript", hostile) is None
    assert "\x1b" not in hostile and "\x07" not in hostile


def test_escape_inline_is_one_inert_line() -> None:
    out = escape_inline("a|b\n# c <b>[l](u)</b> `x` &amp;")
    assert "\n" not in out
    assert re.search(r"(?<!\\)[|<>\[\]`]", out) is None
    assert "&amp;amp;" in out


def test_label_cuts_at_a_word() -> None:
    text = "word " * 40
    cut = label(text, 30)
    assert len(cut) <= 30 and cut.endswith("…") and not cut[:-1].endswith(" ")
    assert label("short") == "short"


def test_summary_and_sections() -> None:
    md = render_markdown(_result(PLAIN))
    assert "1 claim stated by two or more outlets (verified), 1 of them across languages" in md
    assert "1 stated by one outlet only" in md
    assert "### c1 · 2 outlets · en + fr" in md
    # The finding comes first, with both values quoted.
    key = md.split("## Key differences", 1)[1].split("##", 1)[0]
    assert "“12”" in key and "“15”" in key and "Le Quotidien" in key
    assert "**DIFFERS**" in md
    assert "stated 2 times" in md
    assert "Le Quotidien" in md and "The Daily" in md


def test_the_summary_counts_every_key_difference_and_the_legend_explains_the_marks() -> None:
    plain = render_markdown(_result(PLAIN))
    assert "attribute or hedge" not in plain.split("## Key differences", 1)[0]
    result = _result(PLAIN)
    drift = Difference("attribution", "only_in", (("a-fr", "la police"),), "only in a-fr")
    result = replace(
        result,
        clusters=(replace(result.clusters[0], differences=(drift,)), result.clusters[1]),
    )
    md = render_markdown(result)
    summary, rest = md.split("## Key differences", 1)
    key = rest.split("##", 1)[0]
    assert "attribution drift" in key
    assert "1 shared claim where some outlets attribute or hedge what others state as fact" in (
        summary
    )
    assert "≠ before a claim" in md and "attribution or hedging drift:" in md


def test_reviews_appear_in_markdown_and_json() -> None:
    reviews = {"c1": ClusterReview(reviewed=True, note="check with *desk*")}
    md = render_markdown(_result(PLAIN), reviews)
    assert "Reviewed: yes" in md and "Note: check with \\*desk\\*" in md
    data = json.loads(render_json(_result(PLAIN), reviews))
    assert data["clusters"][0]["review"] == {"reviewed": True, "note": "check with *desk*"}


@pytest.mark.parametrize("texts", [PLAIN, HOSTILE])
def test_json_is_valid_and_documented(texts: tuple[str, str, str]) -> None:
    data = json.loads(render_json(_result(texts)))
    assert [s["id"] for s in data["sources"]] == ["a-fr", "b-en"]
    first = data["clusters"][0]
    assert first["sources"] == ["a-fr", "b-en"]
    assert first["claims"][0]["text"] == texts[0]
    assert first["differences"][0] == {
        "kind": "figure",
        "status": "differs",
        "values": {"a-fr": "12", "b-en": "15"},
        "note": "12 vs 15",
    }
    settings = data["settings"]
    assert {k: settings[k] for k in ("model", "threshold", "verifier")} == {
        "model": "fake",
        "threshold": 0.5,
        "verifier": "built-in",
    }
    assert len(settings["verifier_weights_sha256"]) == 64
    assert all(len(s["text_sha256"]) == 64 for s in data["sources"])
    assert data["schema_version"] == 2
    assert first["origins"] == 2
    assert first["related"] == [] and data["suggestions"] == []
    assert {"confidence", "confirmed_by"} <= set(first["claims"][0])


def test_rendering_is_reproducible() -> None:
    assert render_markdown(_result(PLAIN)) == render_markdown(_result(PLAIN))
    assert render_json(_result(HOSTILE)) == render_json(_result(HOSTILE))


def _verified_result() -> Result:
    from dataclasses import replace

    from claimcheck.core.types import Evidence, Related, Suggestion

    base = _result(PLAIN)
    c1, c2, c3 = base.claims
    extra = Source("c-en", "c-en.txt", "The Wire", "en", None, "...")
    c4 = Claim("c-en#0", "c-en", 0, 0, "Fifteen people died, police said.", "en", "body")
    cluster = Cluster(
        "c1",
        (c1, c2),
        base.clusters[0].differences,
        confidence=(0.83, 1.0),
        confirmed_by=("model", "reader"),
        related=(Related(c4, 0.41, c2.id),),
        origins=1,
    )
    evidence = Evidence(0.2, (("died", "died"),), ("police",), (), ("15 = fifteen",), ())
    suggestion = Suggestion((c2.id, c4.id), 0.41, evidence, "open")
    return replace(
        base,
        sources=(*base.sources, extra),
        sentences=((), (), ()),
        claims=(c1, c2, c3, c4),
        clusters=(cluster, Cluster("c2", (c3,)), Cluster("c3", (c4,))),
        suggestions=(suggestion,),
    )


def test_agreement_says_how_sure_and_lists_related_claims_apart() -> None:
    md = render_markdown(_verified_result())
    assert "### c1 · 2 outlets, 1 independent · en + fr" in md
    # the article's date stands beside its language, before how sure the member is: after
    # "same written day" it would read as the day the claim writes
    assert "(`a-fr`, fr, 2024-03-01, verified, confidence 0.83, stated 2 times)" in md
    assert "confirmed by the reader" in md
    related = md.split("Related, not confirmed", 1)[1]
    assert "The Wire" in related.split("###", 1)[0] and "confidence 0.41" in related
    # the outlet with a related statement is marked apart from agreeing and silent outlets
    row = next(line for line in md.splitlines() if line.startswith("| c1 |"))
    assert row.split("|")[2:5] == [" x ", " x ", " ~ "]
    data = json.loads(render_json(_verified_result()))
    first = data["clusters"][0]
    assert [c["confirmed_by"] for c in first["claims"]] == ["model", "reader"]
    assert [c["confidence"] for c in first["claims"]] == [0.83, 1.0]
    assert first["origins"] == 1
    assert first["related"][0]["id"] == "c-en#0" and first["related"][0]["related_to"] == "b-en#0"
    assert data["suggestions"] == [
        {
            "claims": ["b-en#0", "c-en#0"],
            "confidence": 0.41,
            "evidence": {
                "cosine": 0.2,
                "aligned_words": [["died", "died"]],
                "shared_names": ["police"],
                "other_names": [],
                "agreeing_figures": ["15 = fifteen"],
                "conflicting_figures": [],
                "different_dates": [],
                "different_contacts": [],
                "different_ids": [],
                "same_day": False,
            },
            "status": "open",
        }
    ]


def test_a_member_joined_on_a_day_another_writes_says_so() -> None:
    # the verifier reads no written days; a shared one raised its confidence, and the reader is
    # told why a member may stand on less wording than the others
    from dataclasses import replace

    from claimcheck.core.browse import cluster_detail
    from claimcheck.core.extract.facts import extract_facts

    result = _verified_result()
    cluster = replace(result.clusters[0], confidence=(0.6, 0.6), confirmed_by=("model", "model"))
    texts = ("Le 30 janvier, douze morts selon la police.", "On Jan. 30, police said 15 died.")
    claims = tuple(replace(c, text=t) for c, t in zip(cluster.claims, texts, strict=True))
    cluster = replace(cluster, claims=claims)
    facts = (
        extract_facts(texts[0], "fr"),
        extract_facts(texts[1], "en"),
        *(extract_facts(c.text, c.language) for c in result.claims[2:]),
    )
    dated = replace(
        result,
        claims=(*claims, *result.claims[2:]),
        clusters=(cluster, *result.clusters[1:]),
        facts=facts,
    )
    assert "verified, confidence 0.60, same written day" in render_markdown(dated)
    assert [m.how_sure for m in cluster_detail(dated, cluster).members] == [
        "verified 0.60 · same day"
    ] * 2
    # no shared written day, nothing is said of days, whatever the confidence
    plain = replace(dated, facts=tuple(extract_facts(c.text, c.language) for c in result.claims))
    plain = replace(
        plain,
        claims=result.claims,
        clusters=(replace(cluster, claims=result.clusters[0].claims), *result.clusters[1:]),
    )
    assert "same written day" not in render_markdown(plain)
    assert "same written day" not in render_markdown(_verified_result())


@pytest.mark.parametrize(("second", "warned"), [("2024-03-10", False), ("2024-05-01", True)])
def test_articles_dated_weeks_apart_are_flagged(second: str, warned: bool) -> None:
    from dataclasses import replace

    base = _result(PLAIN)
    sources = (base.sources[0], replace(base.sources[1], date=second))
    md = render_markdown(replace(base, sources=sources))
    assert ("dated" in md and "days apart" in md) == warned


def test_agreeing_rows_are_hidden_unless_asked_for() -> None:
    from dataclasses import replace

    base = _result(PLAIN)
    agree = Difference("name", "agree", (("a-fr", "Paris"), ("b-en", "Paris")))
    cluster = replace(base.clusters[0], differences=(*base.clusters[0].differences, agree))
    result = replace(base, clusters=(cluster, base.clusters[1]))
    assert "| name | agree |" not in render_markdown(result)
    assert "1 row hidden" in render_markdown(result)
    assert "| name | agree |" in render_markdown(result, all_rows=True)


def test_cluster_ids_come_from_their_first_claim_not_their_rank() -> None:
    from claimcheck.core.compare.assemble import build_clusters

    base = _result(PLAIN)
    c1, _c2, c3 = base.claims
    together = build_clusters(base.claims, [[0, 1], [2]], base.sources)
    apart = build_clusters(base.claims, [[0], [1], [2]], base.sources)
    # The cluster headed by c1 keeps its id whether or not c2 is in it, and so does c3's,
    # although its rank changes; ids are unique.
    assert together[0].id == next(c.id for c in apart if c.claims[0] == c1)
    assert together[1].id == next(c.id for c in apart if c.claims[0] == c3)
    assert len({c.id for c in apart}) == 3
    assert all(c.id.startswith("c") and len(c.id) == 6 for c in apart)


def test_table_headings_show_outlet_names_not_ids() -> None:
    text = render_markdown(_result(PLAIN))
    coverage = next(line for line in text.splitlines() if line.startswith("| cluster |"))
    assert coverage == "| cluster | Le Quotidien | The Daily | claim |"
    differences = next(line for line in text.splitlines() if line.startswith("| item |"))
    assert differences == "| item | status | Le Quotidien | The Daily |"
    # The Sources table keeps both, so a name can be traced to its article.
    assert "| `a-fr` | Le Quotidien | fr |" in text


def test_headings_are_cut_escaped_and_told_apart_by_id() -> None:
    result = _result(PLAIN)
    long_name = "The Extremely Long Name of a Regional Daily | <b>Edition</b>"
    same = replace(
        result,
        sources=(
            replace(result.sources[0], outlet="Le Monde"),
            replace(result.sources[1], outlet="le monde"),
        ),
    )
    coverage = next(
        line for line in render_markdown(same).splitlines() if line.startswith("| cluster |")
    )
    assert coverage == "| cluster | Le Monde (`a-fr`) | le monde (`b-en`) | claim |"
    long = replace(
        result, sources=(replace(result.sources[0], outlet=long_name), result.sources[1])
    )
    heading = short_names(long.sources)["a-fr"]
    assert heading == escape_inline(label(long_name, HEADING_WIDTH))
    assert heading.endswith("…") and len(heading) <= HEADING_WIDTH + 2
    blank = replace(result, sources=(replace(result.sources[0], outlet=" "), result.sources[1]))
    assert short_names(blank.sources)["a-fr"] == "`a-fr`"


def test_orphaned_notes_are_listed_in_markdown_and_json() -> None:
    from claimcheck.core.review import Mark

    orphans = (
        Mark("b-en:0", ("b-en:0",), True, "ask *the* desk", "The bridge closed on Monday"),
        Mark("gone:1", (), False, "old note", ""),
    )
    md = render_markdown(_result(PLAIN), {}, orphans=orphans)
    review = md.split("## Your review", 1)[1].split("\n## ", 1)[0]
    assert "Notes whose claims are no longer in the input" in review
    assert (
        "“ask \\*the\\* desk” (marked reviewed) — was on “The bridge closed on Monday…”" in review
    )
    assert "“old note” — was on a claim not recorded by text (gone:1)" in review
    assert "The reader's review saved beside the articles is applied." in md
    assert "Notes whose claims" not in render_markdown(_result(PLAIN))
    data = json.loads(render_json(_result(PLAIN), {}, orphans))
    assert data["orphaned_notes"] == [
        {
            "note": "ask *the* desk",
            "reviewed": True,
            "claim_text": "The bridge closed on Monday",
            "claim_key": "b-en:0",
        },
        {"note": "old note", "reviewed": False, "claim_text": None, "claim_key": "gone:1"},
    ]
    assert json.loads(render_json(_result(PLAIN)))["orphaned_notes"] == []


def test_a_confidence_shown_at_the_threshold_is_one_that_was_accepted() -> None:
    from claimcheck.core.defaults import shown_confidence

    # rounded down: a claim left out at 0.7599 never reads "0.76" against a threshold of 0.76
    assert shown_confidence(0.7599) == "0.75"
    assert shown_confidence(0.76) == "0.76"
    assert shown_confidence(0.29) == "0.29"  # 0.29 * 100 is 28.999999999999996
    assert shown_confidence(0.999) == "0.99"
    assert shown_confidence(1.0) == "1.00"
