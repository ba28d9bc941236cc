"""The SQLite embedding cache: round trips, model separation, damage recovery, concurrent runs."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from claimcheck.core.embed.cache import DB_NAME, EmbeddingCache, cache_dir, text_key

ROOT = Path(__file__).resolve().parents[2]


def _vectors(n: int, dim: int = 8, seed: int = 0) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_round_trip_by_position(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    texts = ["un", "deux", "trois"]
    vectors = _vectors(3)
    cache.put_many("m1", texts, vectors)
    found = cache.get_many("m1", ["trois", "absent", "un", "trois"])
    assert sorted(found) == [0, 2, 3]
    np.testing.assert_array_equal(found[0], vectors[2])
    np.testing.assert_array_equal(found[3], vectors[2])
    np.testing.assert_array_equal(found[2], vectors[0])
    assert found[0].dtype == np.float32


def test_models_do_not_share_entries(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    cache.put_many("m1", ["same text"], _vectors(1))
    assert cache.get_many("m2", ["same text"]) == {}


def test_text_key_is_exact() -> None:
    assert text_key("Café") != text_key("Cafe")
    assert text_key("a") == text_key("a")
    assert len(text_key("lone surrogate \udcff")) == 32


def test_persists_and_reports(tmp_path: Path) -> None:
    with EmbeddingCache(tmp_path) as cache:
        cache.put_many("m1", ["a", "b"], _vectors(2))
        cache.put_many("m2", ["a"], _vectors(1, dim=4))
    info = EmbeddingCache(tmp_path).info()
    assert info["path"] == str(tmp_path / DB_NAME)
    assert info["entries"] == 3
    assert info["models"] == {"m1": 2, "m2": 1}
    assert info["bytes"] > 0


def test_clear_all_or_one_model(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    cache.put_many("m1", ["a", "b"], _vectors(2))
    cache.put_many("m2", ["a"], _vectors(1))
    assert cache.clear("m1") == 2
    assert cache.info()["models"] == {"m2": 1}
    assert cache.clear() == 1
    assert cache.info()["entries"] == 0


def test_replacing_an_entry(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    first, second = _vectors(2)
    cache.put_many("m", ["x"], first[None])
    cache.put_many("m", ["x"], second[None])
    np.testing.assert_array_equal(cache.get_many("m", ["x"])[0], second)
    assert cache.info()["entries"] == 1


def test_mismatched_lengths_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        EmbeddingCache(tmp_path).put_many("m", ["a", "b"], _vectors(1))


def test_default_location_follows_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert cache_dir() == tmp_path / "elsewhere"
    assert EmbeddingCache().path == tmp_path / "elsewhere" / DB_NAME


def test_explicit_file_path(tmp_path: Path) -> None:
    target = tmp_path / "mine.sqlite3"
    cache = EmbeddingCache(target)
    cache.put_many("m", ["a"], _vectors(1))
    assert cache.path == target and target.is_file()


def test_garbage_file_is_moved_aside_with_one_warning(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    db.write_bytes(b"this is not a database, just junk " * 200)
    seen: list[str] = []
    cache = EmbeddingCache(tmp_path, on_warning=seen.append)
    cache.put_many("m", ["a"], _vectors(1))
    assert 0 in cache.get_many("m", ["a"])
    assert len(seen) == 1 and cache.warnings == seen
    assert "\n" not in seen[0] and "damaged" in seen[0]
    moved = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(moved) == 1 and moved[0].read_bytes().startswith(b"this is not a database")


def test_corrupted_pages_are_detected(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    texts = [f"claim {k}" for k in range(400)]
    cache.put_many("m", texts, _vectors(400, dim=64))
    cache.close()
    db = tmp_path / DB_NAME
    con = sqlite3.connect(db)  # fold the WAL into the main file before damaging it
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[2 * page : 4 * page] = os.urandom(2 * page)  # trash two b-tree pages
    db.write_bytes(bytes(data))
    again = EmbeddingCache(tmp_path)
    found = again.get_many("m", texts)  # must not raise
    assert len(again.warnings) == 1 and "damaged" in again.warnings[0]
    assert found == {}  # a fresh cache
    again.put_many("m", texts[:1], _vectors(1, dim=64))
    assert again.info()["entries"] == 1


def test_bad_row_is_dropped_not_returned(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    cache.put_many("m", ["a", "b"], _vectors(2))
    cache.close()
    con = sqlite3.connect(tmp_path / DB_NAME)
    con.execute("UPDATE embeddings SET vector = x'0000' WHERE text_hash = ?", (text_key("a"),))
    con.commit()
    con.close()
    cache = EmbeddingCache(tmp_path)
    assert sorted(cache.get_many("m", ["a", "b"])) == [1]
    assert cache.info()["entries"] == 1


def test_unwritable_location_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    cache = EmbeddingCache(blocker / "sub")  # a folder inside a file cannot be created
    cache.put_many("m", ["a"], _vectors(1))
    assert 0 in cache.get_many("m", ["a"])
    assert len(cache.warnings) == 1 and "cannot use embedding cache" in cache.warnings[0]
    assert cache.info()["path"] == "(in memory)"


def test_a_run_opening_the_file_while_another_writes_to_it_waits(tmp_path: Path) -> None:
    # Switching a file to WAL while another connection holds a write lock on it fails at once,
    # without SQLite's busy timeout (two runs starting on one new cache met it): the cache
    # waits for the lock instead of giving up on the file.
    path = tmp_path / DB_NAME
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE held (x)")
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    try:
        cache = EmbeddingCache(path, timeout=10)
        cache.put_many("m", ["a"], _vectors(1))
    finally:
        release.join()
        other.close()
    assert cache.warnings == []
    assert cache.info()["path"] == str(path)
    assert 0 in EmbeddingCache(path).get_many("m", ["a"])


_WRITER = """
import sys
import numpy as np
from claimcheck.core.embed.cache import EmbeddingCache
cache = EmbeddingCache(sys.argv[1])
tag = sys.argv[2]
for batch in range(40):
    texts = [f"{tag}-{batch}-{k}" for k in range(25)]
    cache.put_many("m", texts, np.full((25, 16), 0.25, dtype=np.float32))
    shared = [f"shared-{k}" for k in range(25)]
    cache.put_many("m", shared, np.full((25, 16), 0.25, dtype=np.float32))
    assert len(cache.get_many("m", texts)) == 25
print(len(cache.warnings))
"""


def test_two_runs_writing_at_once(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(tmp_path), tag],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for tag in ("left", "right")
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "0"  # no damage seen by either run
    info = EmbeddingCache(tmp_path).info()
    assert info["entries"] == 2 * 40 * 25 + 25
    con = sqlite3.connect(tmp_path / DB_NAME)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_a_locked_cache_is_skipped_with_a_warning(tmp_path: Path) -> None:
    EmbeddingCache(tmp_path).put_many("m", ["old"], _vectors(1))
    holder = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another run in the middle of a long write
    try:
        cache = EmbeddingCache(tmp_path, timeout=0.2)
        cache.put_many("m", ["new"], _vectors(1))  # must not raise
        assert 0 in cache.get_many("m", ["old"])  # readers still read under WAL
        assert len(cache.warnings) == 1 and "cannot write" in cache.warnings[0]
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_unopenable_database_still_serves_the_run(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).mkdir()  # something that is not a file sits where the database goes
    cache = EmbeddingCache(tmp_path)
    cache.put_many("m", ["a"], _vectors(1))
    assert 0 in cache.get_many("m", ["a"])
    assert len(cache.warnings) == 1 and "cannot use embedding cache" in cache.warnings[0]
    assert (tmp_path / DB_NAME).is_dir()  # left alone: it is not ours to move
