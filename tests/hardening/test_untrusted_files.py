"""The review sidecar and the keymap are untrusted: they live in the corpus or come from the
environment. Their text never reaches the screen or a report raw, only regular files of a bounded
size are read, a sidecar that cannot be read is never overwritten, and two sessions saving one
sidecar never lose each other's work (issue 14, items 1, 4, 7 and 12)."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.core import review as rv
from claimcheck.core.errors import InputError
from claimcheck.core.pipeline import run
from claimcheck.core.types import Result, Settings
from claimcheck.report.jsonout import render_json
from claimcheck.report.markdown import render_markdown
from claimcheck.tui.app import make_app
from claimcheck.tui.keymap import load_keymap
from tests.conftest import FakeEncoder
from tests.tui.helpers import settle

from .helpers import EN_ARTICLE, FR_ARTICLE, RAW_CONTROL

#: Writes "Hello" to the clipboard of a terminal that allows it (tmux `set-clipboard on`, xterm).
OSC52 = "\x1b]52;c;SGVsbG8=\x1b\\"
#: Other things a note must not do: retitle the window, clear the screen, reorder the line.
OTHER = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\u2066"
HOSTILE_NOTE = f"check the figures {OSC52} then {OTHER} done"
#: Also refused in displayed text: bidirectional overrides and isolates.
BIDI = ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069")


def _raw(text: str) -> list[str]:
    found = [m.group() for m in RAW_CONTROL.finditer(text)]
    return found + [ch for ch in text if ch in BIDI]


def _story(tmp_path: Path) -> tuple[Path, Result]:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "en.txt").write_text(EN_ARTICLE, encoding="utf-8")
    (folder / "fr.txt").write_text(FR_ARTICLE, encoding="utf-8")
    result = run([str(folder)], Settings("fake", 0.5), encoder=FakeEncoder())
    return folder, result


def _hostile_sidecar(folder: Path, result: Result) -> Path:
    """A sidecar with a hostile note on every cluster (anchored as the interface anchors)."""
    marks = [
        {
            "anchor": rv.claim_key(cluster.claims[0]),
            "members": [rv.claim_key(c) for c in cluster.claims],
            "reviewed": True,
            "note": HOSTILE_NOTE,
        }
        for cluster in result.clusters
    ]
    path = folder / rv.SIDECAR_NAME
    data = {"format": rv.FORMAT, "version": rv.VERSION, "marks": marks, "corrections": []}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Item 1: sidecar text is shown and written inert


def test_a_hostile_note_is_inert_when_loaded_and_in_both_reports(tmp_path: Path) -> None:
    folder, result = _story(tmp_path)
    path = _hostile_sidecar(folder, result)
    review = rv.load_review(path)
    assert review.marks and all(_raw(m.note) == [] for m in review.marks)
    assert all("\ufffd]52;c;SGVsbG8=" in m.note for m in review.marks)  # visible, not acting
    reviews = rv.reviews_for(result, review)
    markdown = render_markdown(result, reviews)
    assert "check the figures" in markdown and _raw(markdown) == []
    text = render_json(result, reviews)
    assert "check the figures" in text and _raw(text) == []
    assert _raw(json.dumps(json.loads(text)["clusters"], ensure_ascii=False)) == []


async def _interface_scenario(folder: Path, sidecar: Path, keymap: Path) -> None:
    app = make_app(
        [str(folder)],
        Settings("fake", 0.5),
        encoder=FakeEncoder(),
        use_cache=False,
        keymap_path=keymap,
        sidecar=sidecar,
    )
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        for _ in range(3):
            strips = app.screen._compositor.render_strips()
            for strip in strips:
                for segment in strip:
                    assert _raw(segment.text) == [], repr(segment.text)
            shown = "\n".join(strip.text for strip in strips)
            assert "check the figures" in shown  # the note is there, made visible
            await pilot.press("down")
            await settle(app, pilot)
        messages = [str(n.message) for n in app._notifications]
        assert all(_raw(m) == [] for m in messages), messages


def test_a_hostile_note_never_reaches_the_terminal_raw(tmp_path: Path) -> None:
    """An OSC 52 clipboard write in a note was sent to the terminal as is (issue 14, item 1)."""
    folder, result = _story(tmp_path)
    sidecar = _hostile_sidecar(folder, result)
    asyncio.run(_interface_scenario(folder, sidecar, tmp_path / "no-keymap.toml"))


def test_keys_of_a_keymap_must_be_key_names(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('[keys]\nquit = "q,\\u001b]52;c;SGVsbG8=\\u0007"\n', encoding="utf-8")
    keymap, warning = load_keymap(path)
    assert keymap == {} and warning is not None and "not a key name" in warning
    assert _raw(warning) == []
    path.write_text('[keys]\nquit = "ctrl+q,x"\nhelp = "f1,?"\n', encoding="utf-8")
    assert load_keymap(path) == ({"quit": "ctrl+q,x", "help": "f1,?"}, None)


def test_a_hostile_keymap_path_gives_an_inert_warning(tmp_path: Path) -> None:
    path = tmp_path / "k\x1b]52;c;SGVsbG8=\x07\u202e.toml"
    path.write_text("not [ toml", encoding="utf-8")
    keymap, warning = load_keymap(path)
    assert keymap == {} and warning is not None and _raw(warning) == []


# ---------------------------------------------------------------------------------------------
# Item 7: only regular files of a bounded size


def _finishes(fn: Callable[[], Any], seconds: float = 10.0) -> Any:
    """``fn()``'s outcome (value or exception), failing the test if it takes longer."""
    out: list[Any] = []

    def target() -> None:
        try:
            out.append(fn())
        except BaseException as exc:
            out.append(exc)

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"{fn} still running after {seconds} s"
    return out[0]


def _special(tmp_path: Path, kind: str, name: str) -> Path:
    path = tmp_path / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        path.write_bytes(b" " * (rv.MAX_SIDECAR_BYTES + 1))
    return path


@pytest.mark.parametrize("kind", ["fifo", "zero", "folder", "huge"])
def test_a_sidecar_that_is_not_a_small_regular_file_is_refused_at_once(
    tmp_path: Path, kind: str
) -> None:
    path = _special(tmp_path, kind, rv.SIDECAR_NAME)
    outcome = _finishes(lambda: rv.load_review(path))
    assert isinstance(outcome, InputError), outcome
    assert "\n" not in str(outcome)
    # ... and never replaced by a save.
    review = rv.Review(marks=(rv.Mark("a:1", (), True, "mine"),))
    outcome = _finishes(lambda: rv.save_review(path, review, base=rv.Review()))
    assert isinstance(outcome, InputError) and "left as it is" in str(outcome), outcome
    if kind == "fifo":
        assert path.is_fifo()
    elif kind == "zero":
        assert path.is_symlink() and os.readlink(path) == "/dev/zero"
    elif kind == "folder":
        assert path.is_dir()
    else:
        assert path.stat().st_size == rv.MAX_SIDECAR_BYTES + 1


@pytest.mark.parametrize("kind", ["fifo", "zero", "folder", "huge"])
def test_a_keymap_that_is_not_a_small_regular_file_is_one_warning(
    tmp_path: Path, kind: str
) -> None:
    path = _special(tmp_path, kind, "keymap.toml")
    keymap, warning = _finishes(lambda: load_keymap(path))
    assert keymap == {} and warning is not None and "cannot be read" in warning


def test_an_unreadable_sidecar_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It got a warning, then the first `r` replaced it (issue 14, item 4). The tests run as
    root, so the permission error is staged."""
    path = tmp_path / rv.SIDECAR_NAME
    path.write_text('{"format": "claimcheck-review", "version": 1, "marks": []}', "utf-8")
    before = path.read_bytes()
    real = rv.read_regular

    def denied(target: Any, limit: int) -> bytes:
        if Path(target) == path:
            raise PermissionError(13, "Permission denied")
        return real(target, limit)

    monkeypatch.setattr(rv, "read_regular", denied)
    with pytest.raises(InputError, match="Permission denied"):
        rv.load_review(path)
    review = rv.Review(marks=(rv.Mark("a:1", (), True, "mine"),))
    with pytest.raises(InputError, match="left as it is"):
        rv.save_review(path, review, base=rv.Review())
    assert path.read_bytes() == before


# ---------------------------------------------------------------------------------------------
# Item 4: two sessions on one sidecar


def _mark(anchor: str, note: str = "", reviewed: bool = False) -> rv.Mark:
    return rv.Mark(anchor, (anchor,), reviewed, note)


def test_two_sessions_adding_notes_keep_both(tmp_path: Path) -> None:
    """The last save won and the other session's note was gone (issue 14, item 4)."""
    path = tmp_path / rv.SIDECAR_NAME
    rv.save_review(path, rv.Review(marks=(_mark("s:0", "first"),)))
    a = b = rv.load_review(path)
    a_new = rv.Review(marks=(*a.marks, _mark("s:1", "from A")))
    saved_a = rv.save_review(path, a_new, base=a)
    assert saved_a.notices == ()
    b_new = rv.Review(marks=(*b.marks, _mark("s:2", "from B")))
    saved_b = rv.save_review(path, b_new, base=b)
    assert saved_b.notices == ()
    on_disk = rv.load_review(path)
    assert {m.anchor: m.note for m in on_disk.marks} == {
        "s:0": "first",
        "s:1": "from A",
        "s:2": "from B",
    }
    assert saved_b.review == on_disk  # B now shows A's note too


def test_two_sessions_changing_one_note_keep_both_and_say_so(tmp_path: Path) -> None:
    path = tmp_path / rv.SIDECAR_NAME
    rv.save_review(path, rv.Review(marks=(_mark("s:0", "first"),)))
    base = rv.load_review(path)
    rv.save_review(path, rv.Review(marks=(_mark("s:0", "A says 12"),)), base=base)
    saved = rv.save_review(path, rv.Review(marks=(_mark("s:0", "B says 13", True),)), base=base)
    (mark,) = rv.load_review(path).marks
    assert "A says 12" in mark.note and "B says 13" in mark.note and mark.reviewed
    assert len(saved.notices) == 1 and "another session" in saved.notices[0]
    assert "\n" not in saved.notices[0]


def test_a_removal_in_one_session_and_an_addition_in_the_other_both_hold(tmp_path: Path) -> None:
    path = tmp_path / rv.SIDECAR_NAME
    rv.save_review(path, rv.Review(marks=(_mark("s:0", "old"), _mark("s:1", "keep"))))
    base = rv.load_review(path)
    rv.save_review(path, rv.Review(marks=(_mark("s:1", "keep"),)), base=base)  # A clears s:0
    move = rv.Correction("s:1", "s:0", "text")
    rv.save_review(path, rv.Review(marks=base.marks, corrections=(move,)), base=base)  # B moves
    after = rv.load_review(path)
    assert [m.anchor for m in after.marks] == ["s:1"] and after.corrections == (move,)


def test_any_sidecar_list_merges_by_identity_and_conflicts_are_named() -> None:
    """Lists the sidecar may hold later (such as pair decisions) merge like marks do."""
    base: dict[str, object] = {"format": rv.FORMAT, "version": 1, "decisions": []}
    mine = {**base, "decisions": [{"pair": ["a:1", "b:2"], "status": "confirmed"}]}
    theirs = {
        **base,
        "decisions": [
            {"pair": ["b:2", "a:1"], "status": "rejected"},
            {"pair": ["c:3", "d:4"], "status": "confirmed"},
        ],
        "future": [{"x": 1}],
    }
    data, notices = rv.merge_data(base, mine, theirs)
    assert data["decisions"] == [
        {"pair": ["a:1", "b:2"], "status": "confirmed"},
        {"pair": ["c:3", "d:4"], "status": "confirmed"},
    ]
    assert data["future"] == [{"x": 1}]
    assert len(notices) == 1 and "rejected" in notices[0]


def test_a_sidecar_damaged_by_another_program_is_moved_aside_at_save(tmp_path: Path) -> None:
    path = tmp_path / rv.SIDECAR_NAME
    base = rv.load_review(path)
    path.write_bytes(b"{broken")
    saved = rv.save_review(path, rv.Review(marks=(_mark("s:0", "mine"),)), base=base)
    assert any("moved to" in line for line in saved.notices)
    (aside,) = tmp_path.glob(rv.SIDECAR_NAME + ".corrupt-*")
    assert aside.read_bytes() == b"{broken" and rv.load_review(path) == saved.review


def _session(path: str, tag: str, count: int, start: Any) -> None:
    start.wait()
    review = rv.load_review(path)
    for k in range(count):
        new = rv.Review(marks=(*review.marks, _mark(f"{tag}:{k}", f"{tag} note {k}")))
        review = rv.save_review(path, new, base=review).review


def test_two_interface_sessions_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    """Two processes each add 40 notes one save at a time, racing: all 80 end on disk."""
    path = tmp_path / rv.SIDECAR_NAME
    ctx = multiprocessing.get_context("fork")
    start = ctx.Event()
    workers = [ctx.Process(target=_session, args=(str(path), t, 40, start)) for t in "AB"]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    anchors = {m.anchor for m in rv.load_review(path).marks}
    assert anchors == {f"{t}:{k}" for t in "AB" for k in range(40)}


def test_a_note_typed_or_pasted_in_this_session_is_stored_inert(tmp_path: Path) -> None:
    _folder, result = _story(tmp_path)
    review = rv.set_mark(result, rv.Review(), result.clusters[0].id, note=HOSTILE_NOTE)
    (mark,) = review.marks
    assert _raw(mark.note) == [] and "check the figures" in mark.note


# ---------------------------------------------------------------------------------------------
# The readers take any bytes (the fuzzing of issue 14's "Also", as a property test)

_SIDECAR_SEEDS = [
    b'{"format": "claimcheck-review", "version": 1, "marks": [{"anchor": "a:1", "note": "x"}]}',
    b'{"format": "claimcheck-review", "version": 1, "decisions": [{"pair": ["a", "b"]}]}',
    b'[keys]\nquit = "q"\n',
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.binary(max_size=2000),
        st.sampled_from(_SIDECAR_SEEDS).flatmap(
            lambda seed: st.tuples(st.integers(0, len(seed)), st.binary(max_size=40)).map(
                lambda cut: seed[: cut[0]] + cut[1] + seed[cut[0] :]
            )
        ),
        st.text(max_size=300).map(
            lambda note: json.dumps(
                {"format": rv.FORMAT, "version": 1, "marks": [{"anchor": "a:1", "note": note}]}
            ).encode()
        ),
    )
)
def test_any_bytes_as_sidecar_or_keymap_give_a_review_a_warning_or_one_line(
    tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "fuzz" / rv.SIDECAR_NAME
    path.parent.mkdir(exist_ok=True)
    for stale in path.parent.iterdir():
        stale.unlink()
    path.write_bytes(data)
    lines: list[str] = []
    try:
        review = rv.load_review(path, warn=lines.append)
    except InputError as exc:
        lines.append(str(exc))
    else:
        for mark in review.marks:
            assert _raw(mark.note) == [] and _raw(mark.anchor) == []
        saved = rv.save_review(path, review, base=review)
        assert rv.load_review(path) == saved.review
    assert all("\n" not in line and _raw(line) == [] for line in lines)
    keymap, warning = load_keymap(path)
    assert warning is None or ("\n" not in warning and _raw(warning) == [])
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in keymap.items())
