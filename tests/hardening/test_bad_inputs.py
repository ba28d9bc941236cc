"""Bad input files and servers: one clear line each on stderr, the documented exit code, no
traceback, and the run goes on with the rest. Most go through the real command line."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimcheck.core.errors import InputError
from claimcheck.core.read import ingest
from claimcheck.core.read.ingest import MAX_ARTICLES, MAX_TEXT_CHARS, load_sources

from .helpers import (
    EN_ARTICLE,
    FR_ARTICLE,
    ROOT,
    assert_clean_failure_output,
    cli_env,
    run_cli,
)


class Warnings(list[str]):
    """Collects warn() lines and checks each is one line."""

    def __call__(self, line: str) -> None:
        assert "\n" not in line
        self.append(line)


def _bad_folder(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder of two good articles and many bad files; returns it and, for each bad file,
    the words its warning must contain."""
    folder = tmp_path / "mixed-bag"
    folder.mkdir()
    (folder / "good-en.txt").write_text(EN_ARTICLE, encoding="utf-8")
    (folder / "good-fr.txt").write_text(FR_ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_bytes(b" \n\t\n\r\n")
    (folder / "binary.txt").write_bytes(random.Random(7).randbytes(6000))
    (folder / "nul.txt").write_bytes(b"\x00\x01\x02\x03 PK\x03\x04" * 500)
    (folder / "utf16-no-bom.txt").write_bytes(FR_ARTICLE.encode("utf-16-le"))
    (folder / "mixed-encodings.txt").write_bytes(
        EN_ARTICLE.encode("utf-8") + "Le café coûte 2 € à Orléans.\n".encode("cp1252")
    )
    (folder / "malformed.html").write_text(
        "<html><body><div><p>The harbour bridge reopened on Friday after engineers replaced "
        "two of its cables.<p>Traffic was light in the morning<div></span></body>",
        encoding="utf-8",
    )
    (folder / "no-article.html").write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav>"
        "<footer>© 2024</footer></body></html>",
        encoding="utf-8",
    )
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    sub = folder / "sub"
    sub.mkdir()
    (sub / "up").symlink_to(folder, target_is_directory=True)
    (folder / "ten-mb-line.txt").write_bytes(b"word " * 2_000_000)
    expected = {
        "empty.txt": "empty file",
        "blank.md": "empty file",
        "binary.txt": "binary",
        "nul.txt": "binary",
        "no-article.html": "no article text",
        "loop.txt": "symbolic link loop",
        "dangling.txt": "broken link",
        "up": "folder already read",
        "ten-mb-line.txt": "too long for one article",
    }
    return folder, expected


def test_cli_skips_each_bad_file_with_one_line_and_reports_the_rest(tmp_path: Path) -> None:
    folder, expected = _bad_folder(tmp_path)
    out = run_cli("report", str(folder), "--format", "json", "-q")
    assert out.returncode == 0, out.stderr
    assert_clean_failure_output(out)
    for name, reason in expected.items():
        lines = [line for line in out.stderr_lines if f"/{name}:" in line]
        assert len(lines) == 1, (name, out.stderr)
        assert reason in lines[0] and lines[0].startswith("claimcheck: warning: "), lines[0]
    data = json.loads(out.stdout)
    read = sorted(s["id"] for s in data["sources"])
    assert read == ["good-en", "good-fr", "malformed", "mixed-encodings", "utf16-no-bom"]
    notes = " ".join(data["warnings"])
    assert "UTF-16 without a byte order mark" in notes and "Windows-1252" in notes
    assert out.seconds < 120


_RSS_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True)
print(json.dumps({
    "code": done.returncode,
    "stderr": done.stderr.decode("utf-8", "replace"),
    "seconds": time.monotonic() - start,
    "max_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
}))
"""


def _measured(*args: str, cache: Path) -> dict[str, object]:
    """Run the CLI under a wrapper process whose only child is the CLI, so that
    ``getrusage(RUSAGE_CHILDREN)`` there is the CLI's own peak resident memory."""
    wrapper = subprocess.run(
        [sys.executable, "-c", _RSS_WRAPPER, sys.executable, "-m", "claimcheck.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=cli_env(cache),
        timeout=120,
    )
    result: dict[str, object] = json.loads(wrapper.stdout)
    return result


def test_a_100_mb_file_is_refused_by_the_size_cap_in_bounded_memory(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(EN_ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        block = FR_ARTICLE.encode("utf-8") * 2000
        while handle.tell() < 100_000_000:
            handle.write(block)
    # A baseline run that takes the same path with an empty file (skipped, then "only one
    # article", exit 2), then the same with the huge file.
    base = _measured("report", str(good), str(empty), cache=tmp_path)
    assert base["code"] == 2, base
    run = _measured("report", str(good), str(huge), cache=tmp_path)
    assert run["code"] == 2, run
    stderr = str(run["stderr"])
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert any("huge.txt: too big (1" in line and "limit 20.0 MB" in line for line in lines), lines
    assert lines[-1].startswith("claimcheck: error: ")
    extra_mb = (int(run["max_rss_kb"]) - int(base["max_rss_kb"])) / 1024  # type: ignore[call-overload]
    assert extra_mb < 30, (run["max_rss_kb"], base["max_rss_kb"])
    assert float(run["seconds"]) < 30  # type: ignore[arg-type]


def test_ten_thousand_tiny_files_are_refused_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    for k in range(10_000):
        (folder / f"{k:05d}.txt").write_text(f"The council met {k} times this year.\n")
    out = run_cli("report", str(folder), "-q")
    assert out.returncode == 2
    assert_clean_failure_output(out)
    assert out.stderr_lines == [
        f"claimcheck: error: 10000 articles to read, more than the {MAX_ARTICLES} claimcheck "
        "compares at once: name the files of one story"
    ]
    assert out.seconds < 20, out.seconds


@pytest.mark.slow
def test_a_thousand_tiny_files_are_processed_in_reasonable_time(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for k in range(MAX_ARTICLES):
        (folder / f"{k:04d}.txt").write_text(
            f"The council approved tram line number {k} on Monday after a long debate.\n"
        )
    out = run_cli("report", str(folder), "-q", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["sources"]) == MAX_ARTICLES
    assert out.seconds < 240, out.seconds


def test_limits_are_parameters_with_clear_messages(tmp_path: Path) -> None:
    for k in range(3):
        (tmp_path / f"{k}.txt").write_text(EN_ARTICLE, encoding="utf-8")
    with pytest.raises(InputError, match="3 articles to read, more than the 2"):
        load_sources([str(tmp_path)], max_articles=2)
    warns = Warnings()
    with pytest.raises(InputError):
        load_sources([str(tmp_path / "0.txt")], warn=warns, max_chars=50)
    assert warns == [
        f"{tmp_path / '0.txt'}: too long for one article ({len(EN_ARTICLE):,} characters, "
        "limit 50); skipped"
    ]
    assert MAX_TEXT_CHARS >= 500_000  # far above any news article, far below the byte cap


# ---------------------------------------------------------------------------------------------
# Pathological text: work that grew faster than the input


@contextlib.contextmanager
def _within(seconds: float) -> Iterator[None]:
    """Fail with TimeoutError if the block takes longer than ``seconds`` (main thread only)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    "line",
    [
        "A" * 400 + " x",  # a capitalised run: the agency-credit pattern backtracked for hours
        "REUTERS" + "X" * 300 + "/",
        ("The minister said the plan was approved, and the mayor said nothing " * 15_000),
        ("Le ministre a parlé, affirmant que le plan était adopté " * 15_000),
        "«" + "a, and b c d e f g h " * 40_000,
    ],
    ids=["capital-run", "capital-run-slash", "clauses-en", "clauses-fr", "open-quote"],
)
def test_pathological_lines_are_split_quickly(line: str) -> None:
    from claimcheck.core.segment.claims import extract_claims
    from claimcheck.core.types import Source

    text = f"{EN_ARTICLE}{line}\n{EN_ARTICLE}"
    with _within(5):
        sentences, claims = extract_claims(Source("s", "s.txt", "S", "en", None, text))
    assert "".join(s.text for s in sentences).replace(" ", "") != ""
    assert claims


# ---------------------------------------------------------------------------------------------
# Things only a monkeypatch can stage (tests run as root, and races need exact timing)


def test_unreadable_subfolder_is_skipped_and_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(EN_ARTICLE, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(FR_ARTICLE, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if os.fspath(path) == str(locked):  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest.os, "scandir", scandir)
    warns = Warnings()
    sources = load_sources([str(tmp_path)], warn=warns)
    assert [s.id for s in sources] == ["a"]
    assert warns == [f"{locked}: permission denied; skipped"]


def test_files_vanishing_between_listing_and_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "story"
    (folder / "gone").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "gone/c.txt", "gone/d.txt"):
        (folder / name).write_text(EN_ARTICLE, encoding="utf-8")
    real_expand = ingest._expand

    def expand_then_vanish(inputs: list[str], warn: object) -> list[object]:
        items = real_expand(inputs, warn)  # type: ignore[arg-type]
        (folder / "b.txt").unlink()
        shutil.rmtree(folder / "gone")  # the folder disappears mid-run
        return items  # type: ignore[return-value]

    monkeypatch.setattr(ingest, "_expand", expand_then_vanish)
    warns = Warnings()
    sources = load_sources([str(folder)], warn=warns)
    assert [s.id for s in sources] == ["a"]
    assert warns == [
        f"{folder / name}: broken link or file vanished; skipped"
        for name in ("b.txt", "gone/c.txt", "gone/d.txt")
    ]


def test_a_read_error_mid_file_is_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(EN_ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(FR_ARTICLE, encoding="utf-8")
    real_open = Path.open

    def failing_open(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "b.txt":
            raise OSError(errno.EIO, "Input/output error")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", failing_open)
    warns = Warnings()
    sources = load_sources([str(tmp_path)], warn=warns)
    assert [s.id for s in sources] == ["a"]
    assert warns == [f"{tmp_path / 'b.txt'}: cannot read (Input/output error); skipped"]


# ---------------------------------------------------------------------------------------------
# Servers on 127.0.0.1 that never answer, answer slowly or loop (what tests/unit does not cover)


@contextlib.contextmanager
def _raw_server(handler: object) -> Iterator[int]:
    """A TCP server on 127.0.0.1 running ``handler(conn)`` per connection; yields the port."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            threading.Thread(target=handler, args=(conn,), daemon=True).start()  # type: ignore[arg-type]

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield sock.getsockname()[1]
    finally:
        stop.set()
        sock.close()


def _slow_headers(conn: socket.socket) -> None:
    """Sends a header line every 0.1 s for 10 s: each read is quick, the whole is not."""
    with contextlib.suppress(OSError), conn:
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        for k in range(99):
            conn.sendall(f"X-Slow-{k}: yes\r\n".encode())
            time.sleep(0.1)
        conn.sendall(b"Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi")


def _silent(conn: socket.socket) -> None:
    """Accepts, reads the request, and never answers."""
    with contextlib.suppress(OSError), conn:
        conn.recv(65536)
        time.sleep(30)


def _redirect_loop(conn: socket.socket) -> None:
    with contextlib.suppress(OSError), conn:
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 301 Moved\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n")


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)


@pytest.mark.parametrize("handler", [_slow_headers, _silent], ids=["slow-headers", "silent"])
def test_a_slow_or_silent_server_is_bounded_by_the_timeout(handler: object, no_proxy: None) -> None:
    with _raw_server(handler) as port:
        warns = Warnings()
        start = time.monotonic()
        with pytest.raises(InputError):
            load_sources([f"http://127.0.0.1:{port}/story"], warn=warns, timeout=0.5)
        elapsed = time.monotonic() - start
    assert warns == [f"http://127.0.0.1:{port}/story: timed out after 0.5 s; skipped"]
    assert elapsed < 1.5, elapsed


def test_a_name_lookup_that_hangs_is_bounded_by_the_timeout(
    no_proxy: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The system resolver has no timeout: a dead DNS server holds getaddrinfo for many seconds.
    real = socket.getaddrinfo

    def hanging(host: str, *args: object, **kwargs: object) -> object:
        if host == "news.example":
            time.sleep(5)
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", hanging)
    warns = Warnings()
    start = time.monotonic()
    with pytest.raises(InputError):
        load_sources(["http://news.example/story"], warn=warns, timeout=0.5)
    elapsed = time.monotonic() - start
    assert warns == ["http://news.example/story: timed out after 0.5 s; skipped"]
    assert elapsed < 1.5, elapsed


def _odd_length(conn: socket.socket) -> None:
    """A page whose Content-Length is a superscript two: a digit to str.isdigit, not to int."""
    body = EN_ARTICLE.encode()
    with contextlib.suppress(OSError), conn:
        conn.recv(65536)
        conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: \xb2\r\n\r\n")
        conn.sendall(body)


def test_a_server_with_an_odd_content_length_still_gives_its_article(no_proxy: None) -> None:
    with _raw_server(_odd_length) as port:
        (source,) = load_sources([f"http://127.0.0.1:{port}/story.txt"], warn=Warnings(), timeout=2)
    assert source.text == EN_ARTICLE


def test_a_superscript_in_a_front_matter_date_is_not_a_number(tmp_path: Path) -> None:
    # Found by fuzzing: "²" is a digit to str.isdigit() but not to int(); it once crashed the
    # run, then made the date unreadable. Only decimal digits count now.
    path = tmp_path / "a.txt"
    path.write_text(f"---\ndate: 4 mars 2021 ²\n---\n{FR_ARTICLE}", encoding="utf-8")
    (source,) = load_sources([str(path)], warn=Warnings())
    assert source.date == "2021-03-04"
    assert source.warnings == ()


def test_an_unreadable_front_matter_date_is_a_note_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"---\ndate: ²³ mars ⁴⁵⁶⁷\n---\n{FR_ARTICLE}", encoding="utf-8")
    (source,) = load_sources([str(path)], warn=Warnings())
    assert source.date is None
    assert source.warnings == ("could not read the date '²³ mars ⁴⁵⁶⁷'",)


@pytest.mark.slow
def test_cli_goes_on_past_dead_and_looping_servers(tmp_path: Path, no_proxy: None) -> None:
    """The CLI's own 10 s timeout bounds a silent server; the good files are still compared."""
    (tmp_path / "a.txt").write_text(EN_ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(FR_ARTICLE, encoding="utf-8")
    with _raw_server(_silent) as dead, _raw_server(_redirect_loop) as loop:
        out = run_cli(
            "report",
            f"http://127.0.0.1:{dead}/a",
            f"http://127.0.0.1:{loop}/b",
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.txt"),
            "-q",
        )
    assert out.returncode == 0, out.stderr
    assert_clean_failure_output(out)
    assert out.stderr_lines[0] == (
        f"claimcheck: warning: http://127.0.0.1:{dead}/a: timed out after 10 s; skipped"
    )
    assert "redirect loop" in out.stderr_lines[1]
    assert len(out.stderr_lines) == 2
    assert out.seconds < 60
