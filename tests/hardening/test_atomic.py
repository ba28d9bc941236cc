"""Nothing is lost when the tool is killed mid-write: a report written with ``write_atomic``, the
review sidecar and the embedding cache are always the old or the new content, never torn.

A helper process (single-threaded, so forking it is safe) forks one writer per iteration; the test
SIGKILLs that writer after a random delay spread over the measured length of a write, then reads
what is on disk. The helper reaps a writer only when told to, after the kill, so the pid that is
killed can never belong to another process.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from claimcheck.core import review as rv
from claimcheck.core.embed.cache import EmbeddingCache
from claimcheck.core.errors import InputError
from claimcheck.core.fileio import write_atomic
from claimcheck.core.read.ingest import load_sources

from .helpers import EN_ARTICLE, ROOT

HELPER = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
import numpy as np
from claimcheck.core.embed.cache import EmbeddingCache
from claimcheck.core.fileio import write_atomic
from claimcheck.core import review as rv

def work(job):
    if job["kind"] == "report":
        with open(job["source"], "rb") as handle:
            data = handle.read()
        write_atomic(job["target"], data, overwrite=True)
    elif job["kind"] == "review":
        with open(job["source"], encoding="utf-8") as handle:
            marks = json.load(handle)
        review = rv.Review(marks=tuple(rv.Mark(m["anchor"], (), True, m["note"]) for m in marks))
        rv.save_review(job["target"], review)
    elif job["kind"] == "cache":
        k, rows, dim = job["batch"], job["rows"], job["dim"]
        texts = [f"batch {k} claim {i}" for i in range(rows)]
        vectors = np.full((rows, dim), float(k), dtype=np.float32)
        cache = EmbeddingCache(job["target"])
        cache.put_many("model-under-test", texts, vectors)
        if cache.warnings:
            raise SystemExit(3)
        cache.close()

for line in sys.stdin:
    job = json.loads(line)
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            work(job)
        except BaseException:
            os._exit(4)
        os._exit(0)
    print(pid, flush=True)
    sys.stdin.readline()  # the test says when it has sent its signal
    _, status = os.waitpid(pid, 0)
    print(json.dumps({"status": status, "seconds": time.monotonic() - start}), flush=True)
"""


class Writer:
    """Drives the helper: each :meth:`run` forks one writer, kills it after ``delay`` seconds
    (or never, with ``None``), and returns whether it was killed and how long it lived."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HELPER, str(ROOT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def run(self, job: dict[str, object], delay: float | None) -> tuple[bool, float]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(job) + "\n")
        pid = int(self.proc.stdout.readline())
        if delay is not None:
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)  # our own forked writer, not reaped yet
        self.proc.stdin.write("reaped?\n")
        answer = json.loads(self.proc.stdout.readline())
        status = int(answer["status"])
        if os.WIFEXITED(status):
            assert os.WEXITSTATUS(status) == 0, f"the writer failed with {os.WEXITSTATUS(status)}"
            return False, float(answer["seconds"])
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True, float(answer["seconds"])

    def calibrate(self, job: dict[str, object], runs: int = 3) -> float:
        """How long one uninterrupted write takes (the slowest of ``runs``)."""
        return max(self.run(job, None)[1] for _ in range(runs))

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture
def writer() -> Iterator[Writer]:
    w = Writer()
    try:
        yield w
    finally:
        w.close()


def _strays(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_report_killed_mid_write_is_old_or_new_never_torn(tmp_path: Path, writer: Writer) -> None:
    rng = random.Random(20240501)
    target = tmp_path / "report.md"
    old = ("# old report\n" + "old line of the report\n" * 130_000).encode()
    new = ("# new report\n" + "new line, longer than the old one\n" * 100_000).encode()
    source = tmp_path / "new.bin"
    source.write_bytes(new)
    job = {"kind": "report", "target": str(target), "source": str(source)}
    write_atomic(target, old)
    window = writer.calibrate(job) * 1.3
    write_atomic(target, old, overwrite=True)
    outcomes = {"old": 0, "new": 0, "killed": 0, "finished": 0}
    for _ in range(200):
        killed, _seconds = writer.run(job, rng.uniform(0, window))
        data = target.read_bytes()
        assert data in (old, new), f"torn report: {len(data)} bytes"
        outcomes["old" if data == old else "new"] += 1
        outcomes["killed" if killed else "finished"] += 1
        if data == new:
            write_atomic(target, old, overwrite=True)
    strays = _strays(tmp_path, {"report.md", "new.bin"})
    print(f"\nwrite_atomic: 200 kills, outcomes {outcomes}, stray temp files {len(strays)}")
    # Both outcomes happened, so kills landed before and after the rename.
    assert outcomes["old"] > 0 and outcomes["new"] > 0, outcomes
    # Whatever a kill leaves behind is hidden and ends in .tmp, so nothing reads it as a report
    # or an article; it is not cleaned up by the next write.
    assert all(name.startswith(".report.md.") and name.endswith(".tmp") for name in strays)
    write_atomic(target, old, overwrite=True)
    assert _strays(tmp_path, {"report.md", "new.bin"}) == strays
    (tmp_path / "article.txt").write_text(EN_ARTICLE, encoding="utf-8")
    read = load_sources([str(tmp_path)], warn=lambda _: None)
    assert "article" in [s.id for s in read]
    assert not [s.path for s in read if ".tmp" in s.path]  # leftovers are never read


def _marks(n: int, tag: str) -> list[dict[str, str]]:
    return [{"anchor": f"src:{k:016x}", "note": f"{tag} note {k} " + "é" * 40} for k in range(n)]


def test_review_sidecar_killed_mid_save_is_old_or_new(tmp_path: Path, writer: Writer) -> None:
    rng = random.Random(7)
    path = tmp_path / rv.SIDECAR_NAME
    old_marks, new_marks = _marks(3000, "old"), _marks(6000, "new")
    (tmp_path / "new.json").write_text(json.dumps(new_marks), encoding="utf-8")
    old = rv.Review(marks=tuple(rv.Mark(m["anchor"], (), True, m["note"]) for m in old_marks))
    new = rv.Review(marks=tuple(rv.Mark(m["anchor"], (), True, m["note"]) for m in new_marks))
    job = {"kind": "review", "target": str(path), "source": str(tmp_path / "new.json")}
    rv.save_review(path, old)
    window = writer.calibrate(job) * 1.3
    seen = {"old": 0, "new": 0}
    for _ in range(60):
        writer.run(job, rng.uniform(0, window))
        warnings: list[str] = []
        loaded = rv.load_review(path, warn=warnings.append)
        assert warnings == [] and loaded in (old, new)
        seen["old" if loaded == old else "new"] += 1
        if loaded == new:
            rv.save_review(path, old)
    print(f"\nsave_review: 60 kills, outcomes {seen}")
    assert seen["old"] > 0 and seen["new"] > 0, seen
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_embedding_cache_killed_mid_put_is_whole_batches_never_corrupt(
    tmp_path: Path, writer: Writer
) -> None:
    rng = random.Random(11)
    db = tmp_path / "embeddings.sqlite3"
    rows, dim = 2000, 256
    window = writer.calibrate(
        {"kind": "cache", "target": str(db), "batch": 0, "rows": rows, "dim": dim}
    )
    window *= 1.3
    committed = {0}
    killed_count = 0
    for batch in range(1, 31):
        job = {"kind": "cache", "target": str(db), "batch": batch, "rows": rows, "dim": dim}
        killed, _ = writer.run(job, rng.uniform(0, window))
        killed_count += killed
        with contextlib.closing(sqlite3.connect(db)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        cache = EmbeddingCache(db)
        try:
            texts = [f"batch {batch} claim {i}" for i in range(rows)]
            found = cache.get_many("model-under-test", texts)
            assert len(found) in (0, rows), f"batch {batch}: {len(found)} of {rows} rows"
            if not killed:
                assert len(found) == rows
            if found:
                committed.add(batch)
                assert all(np.all(v == batch) for v in found.values())
            for earlier in committed:
                texts = [f"batch {earlier} claim {i}" for i in range(0, rows, 97)]
                assert len(cache.get_many("model-under-test", texts)) == len(texts)
            assert cache.warnings == []  # never found damaged, never moved aside
        finally:
            cache.close()
    print(f"\nembedding cache: 30 batches, {killed_count} killed, {len(committed) - 1} kept")
    assert 0 < len(committed) - 1 < 30 or killed_count == 0
    assert not list(tmp_path.glob("*.damaged-*"))


# ---------------------------------------------------------------------------------------------
# Never overwritten silently


def test_an_existing_report_is_never_replaced_without_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        write_atomic(target, "theirs")
    assert target.read_text(encoding="utf-8") == "mine"
    assert _strays(tmp_path, {"report.md"}) == []


def test_a_report_created_while_writing_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    real_fsync = os.fsync

    def fsync_while_someone_saves(fd: int) -> None:
        real_fsync(fd)
        if not target.exists():
            target.write_text("saved by someone else meanwhile", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", fsync_while_someone_saves)
    with pytest.raises(InputError, match="already exists"):
        write_atomic(target, "our report")
    assert target.read_text(encoding="utf-8") == "saved by someone else meanwhile"
    assert _strays(tmp_path, {"report.md"}) == []  # our temporary file is removed


def test_cli_force_is_needed_and_a_failed_run_leaves_the_old_report(tmp_path: Path) -> None:
    from .helpers import run_cli

    target = tmp_path / "story.md"
    target.write_text("the old report", encoding="utf-8")
    (tmp_path / "only.txt").write_text(EN_ARTICLE, encoding="utf-8")
    # --force, but the run fails (a single article): the old report is still there.
    out = run_cli("report", str(tmp_path / "only.txt"), "-o", str(target), "--force", "-q")
    assert out.returncode == 2 and "only one article" in out.stderr
    assert target.read_text(encoding="utf-8") == "the old report"
    assert _strays(tmp_path, {"story.md", "only.txt"}) == []
