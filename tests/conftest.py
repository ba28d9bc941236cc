"""Shared test fixtures: a deterministic fake encoder for unit tests, and paths to the corpus."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def load_benchmark(script: str) -> ModuleType:
    """``benchmarks/<script>.py`` as a module (benchmarks/ is not a package), loaded once."""
    name = f"claimcheck_bench_{script}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{script}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


# Tests never reach a model hub, and never touch the user's real cache: one cache folder per
# test session (CI sets its own), shared so the model folder is built once, not once per test.
# Tests that need an empty cache pass their own folder.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
if "CLAIMCHECK_CACHE_DIR" not in os.environ:
    os.environ["CLAIMCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="claimcheck-test-cache-")


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in word if not unicodedata.combining(ch))


class FakeEncoder:
    """Bag-of-words vectors from hashed, accent-folded words: similar wording, similar vectors.

    A small synonym table lets tests build cross-language pairs on purpose. It counts how many
    texts it encodes, so tests can prove the cache spares the model.
    """

    name = "fake"
    identity = "fake-encoder-v1"
    dim = 64

    def __init__(self, synonyms: dict[str, str] | None = None) -> None:
        self.calls = 0
        self.synonyms = dict(synonyms or {})

    def load(self, progress=None) -> None:
        """Nothing to load."""

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        for word in re.findall(r"\w+", text):
            word = _fold(word)
            word = self.synonyms.get(word, word)
            if len(word) < 3:
                continue
            digest = hashlib.sha256(word.encode()).digest()
            vec[digest[0] % self.dim] += 1.0 if digest[1] % 2 else -1.0
        norm = float(np.linalg.norm(vec))
        if norm == 0:
            vec[0] = 1.0
            return vec
        return vec / norm

    def encode(self, texts: Sequence[str], progress=None, cancel=None) -> np.ndarray:
        """One unit vector per text."""
        self.calls += len(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    """A fresh fake encoder with a call counter."""
    return FakeEncoder()
