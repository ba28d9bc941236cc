"""Snapshot tests of the main views. Each docstring says what a reviewer should see.

The sample-result snapshots need no model and are fully deterministic; the corpus snapshot runs
the real default model on corpus/ (marked e2e). Update with ``pytest --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.tui.app import make_app

from .sample import build_result, verified_result

ROOT = Path(__file__).resolve().parents[2]
SIZE = (100, 30)


def _sample_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    result = build_result()
    return make_app(
        [str(tmp_path)],
        result.settings,
        result=result,
        keymap_path=tmp_path / "none.toml",
        sidecar=tmp_path / "review.json",
    )


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause(0.1)


def test_main_view(snap_compare, tmp_path) -> None:
    """The list (c1 highlighted, markers F and A, 3/3 en+fr) and c1 in detail: three outlets, the
    differing figures in reverse yellow, the aligned items (stacked: the pane is too narrow for a
    table of three outlet names) and the BBC→Reuters word diff."""
    assert snap_compare(_sample_app(tmp_path), terminal_size=SIZE, run_before=_settle)


def test_main_view_80x24(snap_compare, tmp_path) -> None:
    """The same at 80x24: both panes visible; the rows keep only the marker letters that apply
    (``FA``) and the count, so about 24 characters of each claim show; the footer starts with the
    review keys, Save, Help and Quit."""
    assert snap_compare(_sample_app(tmp_path), terminal_size=(80, 24), run_before=_settle)


def test_detail_differences_80x24(snap_compare, tmp_path) -> None:
    """c1's detail pane at 80x24, focused and scrolled to its end: "Aligned figures and names"
    stacked, one block per item ("figure  ≠ differs", then Le Monde 12 morts, BBC News 15 people,
    Reuters 12 people, each on its own line), no word broken across lines, then the word diff."""

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("enter", "end")
        await _settle(pilot)

    assert snap_compare(_sample_app(tmp_path), terminal_size=(80, 24), run_before=before)


def test_detail_differences_120x40(snap_compare, tmp_path) -> None:
    """c1 at 120x40: the whole cluster fits; the aligned items stacked under the statements
    (a side-by-side table of the three outlet names would not fit the pane without breaking
    words), and the BBC News → Reuters word diff below."""
    assert snap_compare(_sample_app(tmp_path), terminal_size=(120, 40), run_before=_settle)


def test_detail_differences_wide_table(snap_compare, tmp_path) -> None:
    """At 200x40 the aligned items fit side by side: a table with item, status (≠ differs,
    = agree) and one column per outlet, headed by the outlet's name."""
    assert snap_compare(_sample_app(tmp_path), terminal_size=(200, 40), run_before=_settle)


def test_hostile_text_is_literal(snap_compare, tmp_path) -> None:
    """c4 in detail: ``[bold]nothing[/bold]`` and ``[@click=app.quit]`` shown as typed, the
    escape, BEL and CR as ␛ ␇ ␍."""

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("j", "j", "j")
        await _settle(pilot)

    assert snap_compare(_sample_app(tmp_path), terminal_size=SIZE, run_before=before)


def test_article_view(snap_compare, tmp_path) -> None:
    """The BBC article, cursor on its c1 sentence, the newsletter line dimmed with its reason."""

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("enter", "j", "escape", "o")
        await _settle(pilot)

    assert snap_compare(_sample_app(tmp_path), terminal_size=SIZE, run_before=before)


def test_coverage_view(snap_compare, tmp_path) -> None:
    """The matrix: five clusters by three outlets, ● where an outlet states it, · where silent."""

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("c")
        await _settle(pilot)

    assert snap_compare(_sample_app(tmp_path), terminal_size=SIZE, run_before=before)


def test_help_view(snap_compare, tmp_path) -> None:
    """The help screen: every binding with its keys, what it does, where, and its keymap id."""

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("question_mark")
        await _settle(pilot)

    assert snap_compare(_sample_app(tmp_path), terminal_size=SIZE, run_before=before)


def _verified_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    result = verified_result()
    return make_app(
        [str(tmp_path)],
        result.settings,
        result=result,
        keymap_path=tmp_path / "none.toml",
        sidecar=tmp_path / "review.json",
    )


def test_related_claims_in_detail(snap_compare, tmp_path) -> None:
    """The sample verified at 0.9, c2 in detail: Le Monde and BBC each "verified" with their
    confidence, then "Related, not confirmed:" with Reuters and its confidence, marked ▸ with
    "y confirm · x reject", its text, one dim line of evidence (aligned words, the shared
    name) and, as it is above the threshold, a dim line saying why it was not joined ("above 0.99
    but not accepted against every member"); Reuters is not listed as silent."""

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("j")
        await _settle(pilot)

    assert snap_compare(_verified_app(tmp_path), terminal_size=SIZE, run_before=before)


def test_suggestions_view(snap_compare, tmp_path) -> None:
    """The review view on the most likely open pair: "1 of N open · most likely first", its
    confidence, Le Monde's claim (in c2 with 1 other outlet) above Reuters' (in c5), the evidence
    one item a line, conflicting figures none; y, x, n, k, Esc and ? in the footer."""

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("v")
        await _settle(pilot)

    assert snap_compare(_verified_app(tmp_path), terminal_size=SIZE, run_before=before)


@pytest.mark.e2e
def test_corpus_main_view(snap_compare, tmp_path, monkeypatch) -> None:
    """corpus/ with the real default model: 5 articles in the status line, the clusters stated
    by the most outlets first (4 of 5 since agreement is verified), the first one in detail with
    the French statement on top and each member's verified confidence."""
    from claimcheck.core.defaults import DEFAULT_MODEL, DEFAULT_THRESHOLD
    from claimcheck.core.types import Settings

    monkeypatch.chdir(ROOT)
    app = make_app(
        ["corpus"],
        Settings(DEFAULT_MODEL, DEFAULT_THRESHOLD),
        keymap_path=tmp_path / "none.toml",
        sidecar=tmp_path / "review.json",
    )

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        for _ in range(600):  # the model takes seconds to load
            await pilot.app.workers.wait_for_complete()
            if pilot.app.screen.result is not None:
                break
            await pilot.pause(0.1)
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)
