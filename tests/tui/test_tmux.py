"""The real program in a real terminal: ``claimcheck corpus/`` inside tmux, driven by keystrokes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def _program() -> str | None:
    """The ``claimcheck`` console script: beside this Python first, then on PATH."""
    here = Path(sys.executable).parent
    return shutil.which("claimcheck", path=os.pathsep.join([str(here), os.environ.get("PATH", "")]))


def _screen(session: str) -> str:
    done = subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=False
    )
    return done.stdout


def _wait_for(session: str, pattern: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = _screen(session)
        if re.search(pattern, text):
            return text
        time.sleep(0.3)
    raise AssertionError(f"{pattern!r} never appeared; the screen was:\n{text}")


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.skipif(_program() is None, reason="the claimcheck console script is not installed")
def test_real_terminal_session_saves_a_report_naming_every_outlet(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    outlets = []
    for article in sorted(corpus.glob("*.txt")):
        found = re.search(r"^outlet:\s*(.+)$", article.read_text(encoding="utf-8"), re.M)
        assert found
        outlets.append(found.group(1).strip())
    session = _start(tmp_path, 100, 30)
    try:
        _wait_for(session, r"5 articles · \d+ clusters", timeout=180)
        screen = _wait_for(session, r"\? Help", timeout=10)  # the footer follows
        assert "╭" in screen and "outlets" in screen  # list and detail are drawn
        subprocess.run(["tmux", "send-keys", "-t", session, "j", "j", "n"], check=True)
        time.sleep(0.5)
        subprocess.run(["tmux", "send-keys", "-t", session, "s"], check=True)
        _wait_for(session, r"Save the report", timeout=10)
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
        report = tmp_path / "claimcheck-report.md"
        deadline = time.monotonic() + 30
        while not report.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert report.exists(), _screen(session)
        text = report.read_text(encoding="utf-8")
        for outlet in outlets:
            assert outlet in text, f"{outlet} missing from the report"
        _wait_for(session, r"Report saved", timeout=10)
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        time.sleep(1)
        assert "5 articles" not in _screen(session)  # the program has left the screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, capture_output=True)


def _start(tmp_path: Path, width: int, height: int) -> str:
    """The installed program on ``tmp_path/corpus`` in a new tmux session of that size, with no
    keymap or config of the user's; returns the session's name."""
    session = f"claimcheck-test-{uuid.uuid4().hex[:8]}"
    env = {
        "CLAIMCHECK_KEYMAP": str(tmp_path / "no-keymap.toml"),
        "CLAIMCHECK_CONFIG": str(tmp_path / "config.toml"),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    exports = " ".join(f"{k}={v}" for k, v in env.items())
    command = f"cd {tmp_path} && env {exports} {_program()} corpus/; sleep 5"
    start = ["tmux", "new-session", "-d", "-s", session, "-x", str(width), "-y", str(height)]
    for attempt in range(3):
        # A tmux server whose last session just ended may still be exiting and refuse the new
        # one: try again after a moment rather than fail the test on tmux's race.
        if subprocess.run([*start, command], check=False).returncode == 0:
            return session
        time.sleep(0.5 * (attempt + 1))
    subprocess.run([*start, command], check=True)
    return session


def _send(session: str, *keys: str) -> None:
    subprocess.run(["tmux", "send-keys", "-t", session, *keys], check=True)


def _idle(session: str, timeout: float) -> str:
    """Wait until no work is in progress: the list's border sits right under the status line."""
    return _wait_for(session, r"\A[^\n]*\n╭", timeout)


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.skipif(_program() is None, reason="the claimcheck console script is not installed")
def test_real_terminal_confirms_a_suggestion_into_the_report(tmp_path: Path) -> None:
    """``v`` opens the review of suggestions, ``y`` confirms the most likely pair, and the report
    saved with ``s`` has both outlets in one cluster, marked as confirmed by the reader."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    session = _start(tmp_path, 100, 30)
    try:
        _wait_for(session, r"5 articles · \d+ clusters", timeout=180)
        _idle(session, timeout=30)
        _send(session, "v")
        screen = _wait_for(session, r"Suggestions\s+1 of \d+ open", timeout=10)
        pair = re.findall(r"\(([\w.-]+)#(\d+), (?:en|fr)", screen)
        assert len(pair) == 2, screen
        (source_a, _), (source_b, _) = pair
        _send(session, "y")
        _wait_for(session, r"Confirmed: ", timeout=10)
        assert (corpus / ".claimcheck-review.json").exists()  # the decision is saved at once
        _send(session, "Escape")
        _idle(session, timeout=60)  # the clusters are verified again with the decision
        _send(session, "s")
        _wait_for(session, r"Save the report", timeout=10)
        _send(session, "Enter")
        report = tmp_path / "claimcheck-report.md"
        deadline = time.monotonic() + 30
        while not report.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert report.exists(), _screen(session)
        text = report.read_text(encoding="utf-8")
        sections = [
            s.split("Related, not confirmed")[0] for s in re.split(r"^### ", text, flags=re.M)
        ]

        def member(source: str, section: str, how: str = "") -> bool:
            return bool(re.search(rf"^- \*\*.*\(`{re.escape(source)}`, [^)]*{how}", section, re.M))

        # both outlets' claims in one cluster; the one that joined is marked as the reader's
        # (a claim confirmed with a member of a larger cluster joins it confirmed with every
        # member, which the others were not)
        joined = [
            s
            for s in sections
            if member(source_a, s)
            and member(source_b, s)
            and (
                member(source_a, s, "confirmed by the reader")
                or member(source_b, s, "confirmed by the reader")
            )
        ]
        assert len(joined) == 1, f"no cluster with {source_a} and {source_b} confirmed:\n{text}"
        _wait_for(session, r"Report saved", timeout=10)
        _send(session, "q")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, capture_output=True)


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.skipif(_program() is None, reason="the claimcheck console script is not installed")
def test_real_terminal_at_80x24_does_the_whole_job_by_keyboard(tmp_path: Path) -> None:
    """At 80x24 a reader browses, marks, notes, confirms, undoes, saves and quits by keyboard:
    the footer shows the review keys, Save, Help and Quit; the rows show the claim's words; the
    aligned values are stacked, never split letter by letter; Esc clears a submitted search; the
    saved report holds the note and the mark."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    session = _start(tmp_path, 80, 24)
    try:
        _wait_for(session, r"5 articles · \d+ clusters", timeout=180)
        screen = _wait_for(session, r"s Save", timeout=60)  # the work done, the keys are live
        footer = screen.rstrip("\n").splitlines()[-1]
        for key in ("r Done", "a Note", "m Move", "s Save", "? Help", "q Quit"):
            assert key in footer, screen
        rows = [line for line in screen.splitlines()[2:12] if re.search(r"\d/\d ", line)]
        assert rows, screen
        label = re.split(r"\d/\d ", rows[0].split("││")[0], maxsplit=1)[1]
        assert len(re.findall(r"\w\w+", label)) >= 3, rows[0]  # words, not a dozen letters
        # A search submitted with Enter, then Esc: every cluster again.
        _send(session, "/")
        _wait_for(session, r"search: words", timeout=10)
        _send(session, "Syri", "Enter")
        _wait_for(session, r"search: Syri", timeout=10)
        time.sleep(0.5)
        _send(session, "Escape")
        time.sleep(0.5)
        screen = _wait_for(session, r"\A(?![^\n]*search: Syri)", timeout=10)
        # The first cluster with a difference: its aligned values, stacked.
        _send(session, "n", "Enter", "End")
        time.sleep(1)
        detail = _screen(session)
        assert not re.search(r"│ \w \s*│\n.*│ \w \s*│", detail), detail  # no letter-per-line
        _send(session, "Escape")
        time.sleep(0.5)  # else the terminal reads Escape and r as one key, alt+r
        _send(session, "r", "a")
        _wait_for(session, r"Note on", timeout=10)
        _send(session, "checked at 80x24", "Enter")
        _wait_for(session, r"✓✎", timeout=10)
        _send(session, "r")  # unmark by mistake ...
        time.sleep(0.5)
        _send(session, "u")  # ... and undo it
        _wait_for(session, r"Undone: reviewed mark", timeout=10)
        _send(session, "s")
        _wait_for(session, r"Save the report", timeout=10)
        _send(session, "Enter")
        report = tmp_path / "claimcheck-report.md"
        deadline = time.monotonic() + 30
        while not report.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert report.exists(), _screen(session)
        text = report.read_text(encoding="utf-8")
        assert "checked at 80x24" in text
        assert (corpus / ".claimcheck-review.json").exists()
        _wait_for(session, r"Report saved", timeout=10)
        _send(session, "q")
        time.sleep(1)
        assert "5 articles" not in _screen(session)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, capture_output=True)
