"""The on-disk embedding cache: one SQLite file of vectors keyed by (model identity, text hash).

SQLite in WAL mode lets two claimcheck runs read and write the same cache at once. A damaged
file is moved aside and replaced by a new one, with a one-line warning; a cache that cannot be
written at all degrades to an in-memory one, also with a warning, so the run still goes on.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["CACHE_ENV", "EmbeddingCache", "cache_dir", "text_key"]

#: Environment variable that overrides the cache folder.
CACHE_ENV = "CLAIMCHECK_CACHE_DIR"
DB_NAME = "embeddings.sqlite3"
_SCHEMA_VERSION = "1"
# SQLite's default limit on bound parameters is 999 on older builds.
_QUERY_CHUNK = 500
_QUICK_CHECK_MAX_BYTES = 32 << 20


def cache_dir() -> Path:
    """The claimcheck cache folder: ``$CLAIMCHECK_CACHE_DIR`` or the user cache folder."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimcheck"))


def text_key(text: str) -> bytes:
    """The cache key of a text: the SHA-256 of its UTF-8 bytes (surrogates escaped)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class EmbeddingCache:
    """Vectors keyed by (model identity, SHA-256 of the text), stored in SQLite.

    ``path`` is a file, or a folder to hold ``embeddings.sqlite3`` (default: :func:`cache_dir`).
    Problems met (a damaged file moved aside, a folder that cannot be written, a database kept
    locked by another run for more than ``timeout`` seconds) are appended to :attr:`warnings` as
    one-line messages and passed to ``on_warning`` if given; the run goes on without the cache.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        on_warning: Callable[[str], None] | None = None,
        timeout: float = 30.0,
    ) -> None:
        target = Path(path).expanduser() if path is not None else cache_dir()
        if target.is_dir() or (path is None) or target.suffix == "":
            target = target / DB_NAME
        self.path: Path = target
        self.warnings: list[str] = []
        self._on_warning = on_warning
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._in_memory = False
        self._degraded = False
        self._timeout = timeout

    # ---------- public API ----------
    def get_many(
        self, identity: str, texts: Sequence[str], dim: int | None = None, unit: bool = False
    ) -> dict[int, np.ndarray]:
        """Cached vectors of ``texts`` under model ``identity``, by position in ``texts``.

        Only usable vectors are returned: finite, of ``dim`` numbers (when given) and, with
        ``unit``, of unit length (or zero), as :func:`~claimcheck.core.embed.encoder.embed`
        stores them.
        Any other row (damage, another program, a NaN) is deleted, so its text is encoded again,
        and one warning line says how many there were: one NaN row once changed a report from 28
        clusters to 42.
        """
        if not texts:
            return {}
        positions: dict[bytes, list[int]] = {}
        for i, text in enumerate(texts):
            positions.setdefault(text_key(text), []).append(i)
        keys = list(positions)
        found: dict[int, np.ndarray] = {}
        broken: list[bytes] = []

        def query(conn: sqlite3.Connection) -> None:
            found.clear()
            broken.clear()
            for start in range(0, len(keys), _QUERY_CHUNK):
                chunk = keys[start : start + _QUERY_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    "SELECT text_hash, dim, vector FROM embeddings "
                    f"WHERE model = ? AND text_hash IN ({marks})",
                    (identity, *chunk),
                ).fetchall()
                for key, size, blob in rows:
                    if not _usable(size, blob, dim, unit):
                        broken.append(key)
                        continue
                    vector = np.frombuffer(blob, dtype="<f4").astype(np.float32)
                    for i in positions[bytes(key)]:
                        found[i] = vector

        if not self._try(query, "read"):
            return {}
        if broken:
            why = "wrong size, not a number" + (" or not unit length" if unit else " or infinite")
            many = "s were" if len(broken) != 1 else " was"
            self._warn(f"{len(broken)} cached vector{many} damaged ({why}); encoded again")
            # A damaged row is useless: drop it, so its text is encoded and stored again.
            self._try(
                lambda conn: conn.executemany(
                    "DELETE FROM embeddings WHERE model = ? AND text_hash = ?",
                    [(identity, k) for k in broken],
                ),
                "write",
                write=True,
            )
        return found

    def put_many(self, identity: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store one vector per text under model ``identity`` (replacing older entries)."""
        vectors = np.asarray(vectors, dtype="<f4")
        if len(texts) != len(vectors):
            raise ValueError(f"{len(texts)} texts but {len(vectors)} vectors")
        if not texts:
            return
        now = int(time.time())
        rows = [
            (identity, text_key(t), int(v.shape[0]), v.tobytes(), now)
            for t, v in zip(texts, vectors, strict=True)
        ]
        self._try(
            lambda conn: conn.executemany(
                "INSERT OR REPLACE INTO embeddings (model, text_hash, dim, vector, created) "
                "VALUES (?, ?, ?, ?, ?)",
                rows,
            ),
            "write",
            write=True,
        )

    def info(self) -> dict[str, Any]:
        """Where the cache is and what it holds: path, entries, models (identity: count), bytes."""

        def query(conn: sqlite3.Connection) -> dict[str, int]:
            rows = conn.execute(
                "SELECT model, COUNT(*) FROM embeddings GROUP BY model ORDER BY model"
            ).fetchall()
            return {str(model): int(count) for model, count in rows}

        models = self._checked(query)
        return {
            "path": "(in memory)" if self._in_memory else str(self.path),
            "entries": sum(models.values()),
            "models": models,
            "bytes": self._size(),
        }

    def clear(self, identity: str | None = None) -> int:
        """Remove every entry (or only those of model ``identity``); returns how many."""

        def delete(conn: sqlite3.Connection) -> int:
            if identity is None:
                cur = conn.execute("DELETE FROM embeddings")
            else:
                cur = conn.execute("DELETE FROM embeddings WHERE model = ?", (identity,))
            return int(cur.rowcount)

        removed = self._checked(delete, write=True)
        if removed:
            # Give the space back; a busy database (another run) just keeps its pages.
            try:
                with self._lock:
                    conn = self._connect()
                    conn.execute("VACUUM")
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.OperationalError:
                pass
        return removed

    def close(self) -> None:
        """Close the database connection (the cache reopens it if used again)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> EmbeddingCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------- internals ----------
    def _warn(self, line: str) -> None:
        self.warnings.append(line)
        if self._on_warning is not None:
            self._on_warning(line)

    def _size(self) -> int:
        if self._in_memory:
            return 0
        total = 0
        for suffix in ("", "-wal", "-shm"):
            with suppress(OSError):
                total += os.path.getsize(f"{self.path}{suffix}")
        return total

    def _try(self, fn: Callable[[sqlite3.Connection], Any], verb: str, write: bool = False) -> bool:
        """Run ``fn``; if the cache cannot be used right now (locked, read-only, I/O error),
        warn once and return False so the run goes on without it."""
        try:
            self._run(fn, write=write)
        except sqlite3.Error as exc:
            if not self._degraded:
                self._degraded = True
                self._warn(f"cannot {verb} embedding cache {self.path} ({_one_line(exc)})")
            return False
        return True

    def _checked(self, fn: Callable[[sqlite3.Connection], Any], write: bool = False) -> Any:
        """Run ``fn`` for a cache command; a failure becomes a one-line InputError."""
        try:
            return self._run(fn, write=write)
        except sqlite3.Error as exc:
            from claimcheck.core.errors import InputError

            raise InputError(f"cannot use embedding cache {self.path}: {_one_line(exc)}") from exc

    def _run(self, fn: Callable[[sqlite3.Connection], Any], write: bool = False) -> Any:
        """Run ``fn`` on the connection; on a damaged file, move it aside and retry once."""
        with self._lock:
            for attempt in (1, 2):
                try:
                    conn = self._connect()
                    if not write:
                        return fn(conn)
                    with self._transaction(conn):
                        return fn(conn)
                except sqlite3.DatabaseError as exc:
                    if attempt == 2 or not _is_damage(exc):
                        raise
                    self._recover(exc)
            raise AssertionError("unreachable")

    @contextmanager
    def _transaction(self, conn: sqlite3.Connection) -> Iterator[None]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _connect(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        if self._in_memory:
            self._conn = self._open(":memory:")
            return self._conn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = self._open(str(self.path))
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                return self._fall_back_to_memory(exc)
            self._recover(exc)
            self._conn = self._open(str(self.path))
        except OSError as exc:
            return self._fall_back_to_memory(exc)
        return self._conn

    def _open(self, target: str) -> sqlite3.Connection:
        # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE) so writers queue on the
        # busy timeout instead of failing halfway.
        conn = sqlite3.connect(
            target, timeout=self._timeout, isolation_level=None, check_same_thread=False
        )
        try:
            if target != ":memory:":
                _when_unlocked(lambda: conn.execute("PRAGMA journal_mode=WAL"), self._timeout)
                conn.execute("PRAGMA synchronous=NORMAL")
                # A full check reads the whole file: worth it while the file is small; past that,
                # damage still shows up as an error on the pages a query touches.
                if os.path.getsize(target) <= _QUICK_CHECK_MAX_BYTES:
                    ok = conn.execute("PRAGMA quick_check").fetchone()
                    if not ok or ok[0] != "ok":
                        raise sqlite3.DatabaseError(f"database disk image is malformed ({ok})")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS embeddings ("
                " model TEXT NOT NULL, text_hash BLOB NOT NULL, dim INTEGER NOT NULL,"
                " vector BLOB NOT NULL, created INTEGER NOT NULL,"
                " PRIMARY KEY (model, text_hash)) WITHOUT ROWID"
            )
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (_SCHEMA_VERSION,))
            elif row[0] != _SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"file is not a database of schema {_SCHEMA_VERSION}")
        except BaseException:
            conn.close()
            raise
        return conn

    def _recover(self, exc: BaseException) -> None:
        """Move the damaged file (and its WAL) aside so a new cache can start."""
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{os.getpid()}")
        try:
            os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{self.path}{suffix}")
                if side.exists():
                    os.replace(side, Path(f"{aside}{suffix}"))
        except OSError as move_error:
            self._fall_back_to_memory(move_error)
            return
        self._warn(
            f"embedding cache {self.path} was damaged ({_one_line(exc)}); "
            f"moved it to {aside.name} and started a new one"
        )

    def _fall_back_to_memory(self, exc: BaseException) -> sqlite3.Connection:
        self._in_memory = True
        self._warn(
            f"cannot use embedding cache {self.path} ({_one_line(exc)}); "
            "embeddings will not be kept after this run"
        )
        self._conn = self._open(":memory:")
        return self._conn


#: How far from 1 the length of a stored vector may be (float32 rounding is about 1e-7 a number).
UNIT_TOLERANCE = 1e-3


def _usable(size: int, blob: bytes, dim: int | None, unit: bool) -> bool:
    """Whether a stored row is a vector claimcheck could have written."""
    if not isinstance(size, int) or size <= 0 or not isinstance(blob, bytes):
        return False
    if len(blob) != 4 * size or (dim is not None and size != dim):
        return False
    vector = np.frombuffer(blob, dtype="<f4")
    if not np.isfinite(vector).all():
        return False
    if not unit:
        return True
    norm = float(np.linalg.norm(vector.astype(np.float64)))
    # A zero vector is what an empty text encodes to; any other length is damage.
    return norm == 0.0 or abs(norm - 1.0) <= UNIT_TOLERANCE


def _when_unlocked(step: Callable[[], Any], timeout: float) -> Any:
    """``step()``, tried again for up to ``timeout`` seconds while SQLite says "locked": two
    runs switching one new file to WAL at once get that answer at once, without the busy
    timeout being waited, and the run would go on without its cache."""
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() >= deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    """True for errors that mean the file is not a (valid) database, not for lock timeouts."""
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        return "malformed" in text or "not a database" in text
    text = str(exc).lower()
    return any(
        word in text for word in ("malformed", "not a database", "schema", "corrupt", "encrypted")
    )


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
