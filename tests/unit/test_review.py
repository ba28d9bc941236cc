"""The review sidecar: marks and notes that follow claims, corrections, and a safe file."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from claimcheck.core import review as rv
from claimcheck.core.errors import InputError
from claimcheck.core.types import Cluster
from claimcheck.core.untrusted import neutralise
from tests.tui.sample import build_result


@pytest.fixture
def result():
    return build_result()


def _cluster_of(result, claim_id: str) -> Cluster:
    return next(c for c in result.clusters if any(m.id == claim_id for m in c.claims))


def test_claim_key_survives_renumbering_but_not_a_new_text(result) -> None:
    claim = result.claims[0]
    assert rv.claim_key(claim) == rv.claim_key(replace(claim, id="lemonde#9", position=9))
    assert rv.claim_key(claim) == rv.claim_key(replace(claim, text=claim.text + "  "))
    assert rv.claim_key(claim) != rv.claim_key(replace(claim, text=claim.text + " Non."))
    assert rv.claim_key(claim) != rv.claim_key(replace(claim, source="other"))


def test_sidecar_path(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("x")
    assert rv.sidecar_path([str(tmp_path)]) == tmp_path / rv.SIDECAR_NAME
    assert rv.sidecar_path([str(tmp_path / "a.txt")]) == tmp_path / rv.SIDECAR_NAME
    assert rv.sidecar_path(["https://example.org/a", str(tmp_path)]) == tmp_path / rv.SIDECAR_NAME
    assert rv.sidecar_path(["https://example.org/a"]).name == rv.SIDECAR_NAME


def test_marks_follow_their_claim_across_renumbering(result) -> None:
    review = rv.set_mark(result, rv.Review(), "c2", reviewed=True, note="check the aid amount")
    # The same clusters in another order and with other ids, as a re-clustering would give.
    shuffled = replace(
        result,
        clusters=tuple(
            replace(c, id=f"k{k}") for k, c in enumerate(reversed(result.clusters), start=1)
        ),
    )
    reviews = rv.reviews_for(shuffled, review)
    home = _cluster_of(shuffled, "bbc#1").id
    assert reviews == {home: rv.ClusterReview(reviewed=True, note="check the aid amount")}


def test_marks_that_land_in_one_cluster_combine_and_then_merge_on_edit(result) -> None:
    review = rv.set_mark(result, rv.Review(), "c3", note="schools")
    review = rv.set_mark(result, review, "c5", reviewed=True, note="rail")
    schools, rail = result.clusters[2], result.clusters[4]
    merged = replace(
        result,
        clusters=(
            *result.clusters[:2],
            Cluster("m", schools.claims + rail.claims),
            result.clusters[3],
        ),
    )
    assert rv.reviews_for(merged, review)["m"] == rv.ClusterReview(True, "schools\nrail")
    edited = rv.set_mark(merged, review, "m", note="both fine")
    assert len(edited.marks) == 1 and edited.marks[0].note == "both fine"
    assert edited.marks[0].reviewed


def test_a_mark_whose_anchor_is_gone_goes_to_most_of_its_members(result) -> None:
    mark = rv.Mark(anchor="gone:0", members=(rv.claim_key(result.claims[1]), "x:1"), note="n")
    reviews = rv.reviews_for(result, rv.Review(marks=(mark,)))
    assert reviews == {_cluster_of(result, result.claims[1].id).id: rv.ClusterReview(False, "n")}
    orphan = rv.Mark(anchor="gone:0", members=("gone:1",), note="kept in the file")
    assert rv.reviews_for(result, rv.Review(marks=(orphan,))) == {}


def test_clearing_a_mark_removes_it(result) -> None:
    review = rv.set_mark(result, rv.Review(), "c1", reviewed=True)
    assert rv.set_mark(result, review, "c1", reviewed=False).marks == ()
    with pytest.raises(InputError):
        rv.set_mark(result, review, "nope", reviewed=True)


def test_move_into_a_cluster_and_out_again(result) -> None:
    review = rv.move_claim(result, rv.Review(), "reuters#2", "c3")
    moved = rv.apply_corrections(result, review)
    assert {c.id for c in _cluster_of(moved, "reuters#2").claims} == {"lemonde#2", "reuters#2"}
    assert len(moved.clusters) == 4
    assert sorted(c.id for c in moved.claims) == sorted(c.id for c in result.claims)
    back = rv.move_claim(moved, review, "reuters#2", None)
    again = rv.apply_corrections(result, back)
    assert [c.id for c in _cluster_of(again, "reuters#2").claims] == ["reuters#2"]
    assert len(again.clusters) == 5


def test_a_cluster_no_move_touched_keeps_its_members_confidences(result) -> None:
    # c1's members were verified at these confidences (one through a third member, above its
    # bare pair score); moving another claim elsewhere does not read them again from the pairs.
    c1 = replace(_cluster_of(result, "bbc#0"), confidence=(0.9, 0.8, 0.8))
    scores = {
        ("lemonde#0", "bbc#0"): 0.9,
        ("lemonde#0", "reuters#0"): 0.9,
        ("bbc#0", "reuters#0"): 0.6,
    }
    result = replace(result, clusters=(c1, *result.clusters[1:]), pair_scores=scores)
    moved = rv.apply_corrections(result, rv.move_claim(result, rv.Review(), "reuters#2", "c3"))
    assert _cluster_of(moved, "bbc#0").confidence == (0.9, 0.8, 0.8)
    # the cluster the move changed is read from its pairs
    assert _cluster_of(moved, "reuters#2").confirmed_by == ("model", "reader")


def test_a_move_that_breaks_one_claim_per_source_is_refused(result) -> None:
    with pytest.raises(InputError, match="one claim per outlet"):
        rv.move_claim(result, rv.Review(), "bbc#2", "c1")
    with pytest.raises(InputError, match="already in a cluster of its own"):
        rv.move_claim(result, rv.Review(), "bbc#2", None)
    with pytest.raises(InputError, match="already in"):
        rv.move_claim(result, rv.Review(), "bbc#0", "c1")


def test_a_stale_correction_is_skipped_with_a_warning(result) -> None:
    review = rv.move_claim(result, rv.Review(), "reuters#2", "c3")
    # Later, Le Monde's schools claim sits with a Reuters claim already: the move cannot apply.
    schools, rail = result.clusters[2], result.clusters[4]
    reuters_aid = result.clusters[1].claims[2]
    changed = replace(
        result,
        clusters=(
            result.clusters[0],
            replace(result.clusters[1], claims=result.clusters[1].claims[:2]),
            Cluster("c3", (*schools.claims, reuters_aid)),
            result.clusters[3],
            rail,
        ),
    )
    out = rv.apply_corrections(changed, review)
    assert [c.id for c in _cluster_of(out, "reuters#2").claims] == ["reuters#2"]
    assert any("correction not applied" in w for w in out.warnings)
    gone = rv.Review(corrections=(rv.Correction("missing:1", None, "old text"),))
    assert any("no longer in the corpus" in w for w in rv.apply_corrections(result, gone).warnings)


def test_sidecar_round_trip(tmp_path, result) -> None:
    path = tmp_path / rv.SIDECAR_NAME
    review = rv.set_mark(result, rv.Review(), "c1", reviewed=True, note="Vérifier « 12 »")
    review = rv.move_claim(result, review, "reuters#2", "c3")
    rv.save_review(path, review)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "claimcheck-review" and data["version"] == 1
    assert rv.load_review(path) == review
    assert not list(tmp_path.glob("*.tmp"))


def test_an_empty_review_writes_no_file(tmp_path) -> None:
    path = tmp_path / rv.SIDECAR_NAME
    rv.save_review(path, rv.Review())
    assert not path.exists()
    assert rv.load_review(path) == rv.Review()


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe garbage",
        b'{"format": "something-else"}',
        b'{"format": "claimcheck-review", "version": 99}',
        b'{"format": "claimcheck-review", "version": 1, "marks": [{"anchor": 3}]}',
        b'{"format": "claimcheck-review", "version": 1, "marks": [{}]}',
        b'{"format": "claimcheck-review", "version": 1, "corrections": '
        b'[{"claim": "a", "into": 5}]}',
        b"[]",
    ],
)
def test_a_corrupt_sidecar_is_moved_aside_never_destroyed(tmp_path, content) -> None:
    path = tmp_path / rv.SIDECAR_NAME
    path.write_bytes(content)
    warnings: list[str] = []
    assert rv.load_review(path, warn=warnings.append) == rv.Review()
    assert len(warnings) == 1 and "moved to" in warnings[0] and "\n" not in warnings[0]
    aside = list(tmp_path.glob(rv.SIDECAR_NAME + ".corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert not path.exists()
    # A second corrupt file the same second gets its own name.
    path.write_bytes(content)
    rv.load_review(path, warn=warnings.append)
    assert len(list(tmp_path.glob(rv.SIDECAR_NAME + ".corrupt-*"))) == 2


# --- outlet names ------------------------------------------------------------------------------


def test_an_outlet_name_is_saved_restored_and_applied(tmp_path, result) -> None:
    from claimcheck.core.pipeline import apply_review

    path = tmp_path / rv.SIDECAR_NAME
    review = rv.rename_outlet(result, rv.Review(), "lemonde", "  Le Monde\n(Paris) ")
    assert review.outlets == (rv.OutletName("lemonde", "Le Monde (Paris)"),)
    assert not review.empty
    rv.save_review(path, review)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["outlets"] == [{"source": "lemonde", "name": "Le Monde (Paris)"}]
    restored = rv.load_review(path)
    assert restored == review
    applied = apply_review(result, restored)
    assert applied.source("lemonde").outlet == "Le Monde (Paris)"
    assert applied.source("bbc") == result.source("bbc")
    assert [c.id for c in applied.clusters] == [c.id for c in result.clusters]
    # A new name replaces the old one; an empty name gives the article's own name back.
    again = rv.rename_outlet(result, restored, "lemonde", "Le Monde")
    assert rv.outlet_names(again) == {"lemonde": "Le Monde"}
    cleared = rv.rename_outlet(result, again, "lemonde", " ")
    assert cleared.outlets == () and apply_review(result, cleared) == result
    with pytest.raises(InputError):
        rv.rename_outlet(result, review, "nowhere", "X")
    # A name for a source that is no longer in the corpus is kept in the file but not applied.
    stale = rv.Review(outlets=(rv.OutletName("gone", "Gone"),))
    assert rv.apply_outlets(result, stale) is result


def test_outlet_names_merge_with_another_session(tmp_path, result) -> None:
    path = tmp_path / rv.SIDECAR_NAME
    base = rv.set_mark(result, rv.Review(), "c1", reviewed=True)
    rv.save_review(path, base)
    # Another session renames the BBC and Le Monde meanwhile.
    theirs = rv.rename_outlet(result, base, "bbc", "BBC World")
    theirs = rv.rename_outlet(result, theirs, "lemonde", "LM")
    rv.save_review(path, theirs, base=base)
    # This session renames Reuters and Le Monde, from the review it loaded first.
    mine = rv.rename_outlet(result, base, "reuters", "Reuters wire")
    mine = rv.rename_outlet(result, mine, "lemonde", "Le Monde (Paris)")
    saved = rv.save_review(path, mine, base=base)
    assert rv.outlet_names(saved.review) == {
        "bbc": "BBC World",
        "lemonde": "Le Monde (Paris)",  # both changed it: this session's name is kept...
        "reuters": "Reuters wire",
    }
    assert any("outlet" in n and "LM" in n for n in saved.notices)  # ... and the conflict named
    assert rv.load_review(path) == saved.review
    assert saved.review.marks == base.marks


def test_a_hostile_outlet_name_is_inert(tmp_path, result) -> None:
    from claimcheck.core.pipeline import apply_review
    from claimcheck.report.markdown import render_markdown

    hostile = "Le \x1b]52;c;SGk=\x07[bold]Monde[/] \u202e| <b>x</b>\n# Heading"
    review = rv.rename_outlet(result, rv.Review(), "lemonde", hostile)
    name = rv.outlet_names(review)["lemonde"]
    assert "\x1b" not in name and "\x07" not in name and "\u202e" not in name
    assert "\n" not in name
    # Written into the file by hand, it is made inert when read.
    path = tmp_path / rv.SIDECAR_NAME
    path.write_text(
        json.dumps(
            {
                "format": "claimcheck-review",
                "version": 1,
                "outlets": [{"source": "bbc", "name": hostile}],
            }
        ),
        encoding="utf-8",
    )
    loaded = rv.load_review(path)
    assert rv.outlet_names(loaded)["bbc"] == " ".join(neutralise(hostile).split())
    assert "\x1b" not in rv.outlet_names(loaded)["bbc"]
    report = render_markdown(apply_review(result, loaded))
    assert "\x1b" not in report and "\u202e" not in report
    assert "<b>" not in report and "\n# Heading" not in report
    assert "[bold]" not in report  # escaped as \[bold\]
    # A wrong type is a damaged file, moved aside.
    path.write_text(
        '{"format": "claimcheck-review", "version": 1, "outlets": [{"source": "bbc", "name": 3}]}',
        encoding="utf-8",
    )
    warnings: list[str] = []
    assert rv.load_review(path, warn=warnings.append) == rv.Review()
    assert warnings and "moved to" in warnings[0]


def _edited(result, claim_id: str, text: str):
    """``result`` with the text of ``claim_id`` replaced, as after the article was edited."""
    claims = {c.id: replace(c, text=text) if c.id == claim_id else c for c in result.claims}
    clusters = tuple(
        replace(k, claims=tuple(claims[c.id] for c in k.claims)) for k in result.clusters
    )
    return replace(result, claims=tuple(claims.values()), clusters=clusters)


def test_a_mark_whose_claims_are_all_gone_is_orphaned_named_and_kept(result, tmp_path) -> None:
    """A note on claims no longer in the input used to vanish from the interface and the
    report; it is listed apart with the start of its claim, and never dropped from the file."""
    alone = _cluster_of(result, "reuters#2")  # a cluster of one claim
    assert len(alone.claims) == 1
    review = rv.set_mark(result, rv.Review(), alone.id, reviewed=True, note="ask the desk")
    review = rv.set_mark(result, review, "c1", note="still here")
    assert review.marks[0].text == " ".join(alone.claims[0].text.split())[: rv.MARK_TEXT]
    edited = _edited(result, "reuters#2", "A quite different sentence now.")
    assert rv.orphaned_marks(result, review) == ()
    (orphan,) = rv.orphaned_marks(edited, review)
    assert orphan.note == "ask the desk" and orphan.reviewed and orphan.text
    assert all(r.note != "ask the desk" for r in rv.reviews_for(edited, review).values())
    # Editing another mark, saving and loading keep it, text and all.
    review = rv.set_mark(edited, review, "c1", note="edited")
    path = tmp_path / rv.SIDECAR_NAME
    rv.save_review(path, review)
    loaded = rv.load_review(path)
    assert rv.orphaned_marks(edited, loaded) == (orphan,)
    assert json.loads(path.read_text(encoding="utf-8"))["marks"][0]["text"] == orphan.text
    # And it is back on its cluster when the claim returns.
    assert rv.reviews_for(result, loaded)[alone.id].note == "ask the desk"


def test_a_mark_saved_without_its_text_still_loads_and_is_orphaned(result, tmp_path) -> None:
    path = tmp_path / rv.SIDECAR_NAME
    mark = {"anchor": "gone:1", "members": ["gone:1"], "reviewed": False, "note": "old"}
    path.write_text(json.dumps({"format": rv.FORMAT, "version": 1, "marks": [mark]}))
    loaded = rv.load_review(path)
    assert loaded.marks == (rv.Mark("gone:1", ("gone:1",), False, "old", ""),)
    assert rv.orphaned_marks(result, loaded) == loaded.marks
    assert "text" not in json.loads(rv.dumps_review(loaded))["marks"][0]
