"""Notes whose claims are no longer in the input (an article removed or edited): the interface
says so once, counts them in the status line, lists them on the help screen, keeps them in the
sidecar through every save, and the saved report lists them."""

from __future__ import annotations

import json

from claimcheck.core import review as rv
from claimcheck.tui.screens.help import HelpScreen

from .helpers import SIZE, app_on, main_screen, notifications, render_plain, save_report, settle


def _sidecar_with_an_orphan(folder, result) -> rv.Review:
    here = rv.set_mark(result, rv.Review(), "c2", note="on a claim still there")
    gone = rv.Mark(
        "bbc:00000000deadbeef",
        ("bbc:00000000deadbeef",),
        True,
        "ask the desk",
        "Parliament voted on the budget late",
    )
    review = rv.Review(marks=(*here.marks, gone))
    (folder / rv.SIDECAR_NAME).write_text(rv.dumps_review(review), encoding="utf-8")
    return review


async def test_an_orphaned_note_is_said_counted_listed_kept_and_reported(
    small_result, corpus_dir, tmp_path
):
    _sidecar_with_an_orphan(corpus_dir, small_result)
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = main_screen(app)
        assert [m.note for m in screen.orphans] == ["ask the desk"]
        assert any("no longer in the input" in n for n in notifications(app))
        assert "1 orphaned note" in str(screen.query_one("#status").render())
        # The note still on its claim is on its cluster, not among the orphans.
        assert screen.reviews["c2"].note == "on a claim still there"

        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        text = render_plain(app.screen)
        assert "Notes whose claims are no longer in the input" in text
        assert "ask the desk" in text and "Parliament voted on the budget late" in text
        await pilot.press("escape")
        await settle(app, pilot)

        # Marking another cluster saves the sidecar: the orphan stays in it.
        await pilot.press("r")
        await settle(app, pilot)
        saved = json.loads((corpus_dir / rv.SIDECAR_NAME).read_text(encoding="utf-8"))
        assert "ask the desk" in [m["note"] for m in saved["marks"]]
        assert len(saved["marks"]) == 3

        target = tmp_path / "out.md"
        await save_report(app, pilot, target)
    report = target.read_text(encoding="utf-8")
    assert "Notes whose claims are no longer in the input" in report
    assert "“ask the desk” (marked reviewed) — was on “Parliament voted on the budget late…”" in (
        report
    )


async def test_without_orphans_the_help_and_status_say_nothing_of_them(small_result, corpus_dir):
    app = app_on(small_result, corpus_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "orphaned" not in str(main_screen(app).query_one("#status").render())
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert "no longer in the input" not in render_plain(app.screen)
