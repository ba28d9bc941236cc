"""Loading the model in the background (issue 13, cold start): with ``run(preload=True)`` the
model starts loading in a thread of its own as soon as the claims are read and some are not
cached, while their facts are extracted (and the interface shows them), so the embedding stage
finds it ready; a run whose claims are all cached never loads it."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from claimcheck.core.embed.cache import EmbeddingCache
from claimcheck.core.pipeline import run
from claimcheck.core.types import Result, Settings
from tests.conftest import FakeEncoder
from tests.hardening.helpers import EN_ARTICLE, write_story


class LoadingEncoder(FakeEncoder):
    """A fake encoder with a model to load, as the real one has: ``encode`` loads first, under
    the encoder's lock; each load notes the thread it ran in."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded = False
        self.loads: list[str] = []
        self.started = threading.Event()
        self._lock = threading.RLock()

    def load(self, progress=None) -> None:  # type: ignore[no-untyped-def]
        with self._lock:
            if self.loaded:
                return
            self.started.set()
            self.loads.append(threading.current_thread().name)
            self.loaded = True

    def encode(self, texts, progress=None, cancel=None) -> np.ndarray:  # type: ignore[no-untyped-def]
        self.load()
        return super().encode(texts, progress, cancel)


def _story(tmp_path: Path) -> Path:
    return write_story(tmp_path / "story")


def test_a_first_run_loads_the_model_in_the_background_once_the_claims_are_read(
    tmp_path: Path,
) -> None:
    story = _story(tmp_path)
    encoder = LoadingEncoder()
    started_before_claims: list[bool] = []

    def claims_ready(_: Result) -> None:
        # Not before: the loading would slow the reading that shows the first claims.
        started_before_claims.append(encoder.started.is_set())

    cache = EmbeddingCache(tmp_path / "cache")
    result = run(
        [str(story)],
        Settings("fake", 0.5),
        encoder=encoder,  # type: ignore[arg-type]
        cache=cache,
        claims_ready=claims_ready,
        preload=True,
    )
    assert result.clusters and started_before_claims == [False]
    assert encoder.loads == ["claimcheck-model-loading"]  # not the thread that called run

    # The same articles again: every vector is cached, so the model is never loaded.
    again = LoadingEncoder()
    run([str(story)], Settings("fake", 0.5), encoder=again, cache=cache, preload=True)  # type: ignore[arg-type]
    assert again.loads == [] and again.calls == 0

    # One new claim in an article: the model is needed again, and loads in the background.
    (story / "en.txt").write_text(
        EN_ARTICLE + "\nThe mayor said a ferry would run every hour until the bridge reopens.\n",
        encoding="utf-8",
    )
    third = LoadingEncoder()
    run([str(story)], Settings("fake", 0.5), encoder=third, cache=cache, preload=True)  # type: ignore[arg-type]
    assert third.loads == ["claimcheck-model-loading"] and third.calls > 0


def test_without_preload_the_model_loads_in_the_embedding_stage(tmp_path: Path) -> None:
    encoder = LoadingEncoder()
    run([str(_story(tmp_path))], Settings("fake", 0.5), encoder=encoder)  # type: ignore[arg-type]
    assert encoder.loads == [threading.current_thread().name]
