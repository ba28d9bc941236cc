"""End-to-end fixtures: the real default model on the real corpus, computed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.core.types import Result

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def e2e_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One embedding cache shared by the end-to-end tests of a session."""
    return tmp_path_factory.mktemp("e2e-cache")


@pytest.fixture(scope="session")
def corpus_result(e2e_cache_dir: Path) -> Result:
    """The comparison of corpus/ with the default model and threshold."""
    from claimcheck.core.defaults import DEFAULT_MODEL, DEFAULT_THRESHOLD
    from claimcheck.core.embed.cache import EmbeddingCache
    from claimcheck.core.pipeline import run
    from claimcheck.core.types import Settings

    cache = EmbeddingCache(e2e_cache_dir)
    return run([str(CORPUS)], Settings(DEFAULT_MODEL, DEFAULT_THRESHOLD), cache=cache)


def agreed_or_suggested(result: Result, first: str, second: str, top: int = 3) -> str | None:
    """How the reader sees the claims containing ``first`` and ``second``: ``"agreed"`` when one
    cluster holds both, ``"suggested"`` when one is among the other's ``top`` most likely open
    suggestions (one keystroke to confirm), else ``None``."""
    a = next(c for c in result.claims if first in c.text)
    b = next(c for c in result.claims if second in c.text)
    for cluster in result.clusters:
        ids = {c.id for c in cluster.claims}
        if a.id in ids:
            if b.id in ids:
                return "agreed"
            break
    ranked: dict[str, list[str]] = {}
    for s in result.suggestions:
        if s.status == "open":
            x, y = s.claims
            ranked.setdefault(x, []).append(y)
            ranked.setdefault(y, []).append(x)
    if b.id in ranked.get(a.id, [])[:top] or a.id in ranked.get(b.id, [])[:top]:
        return "suggested"
    return None
