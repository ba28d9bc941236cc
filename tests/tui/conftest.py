"""Fixtures for the interface tests: the small sample result, a corpus folder, async tests."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest

from claimcheck.core.types import Result

from .sample import build_result


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop, without needing an asyncio plugin."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(autouse=True)
def own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's config file (theme, list width) in its own folder, never the user's."""
    path = tmp_path / "config" / "config.toml"
    monkeypatch.setenv("CLAIMCHECK_CONFIG", str(path))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return path


@pytest.fixture
def small_result() -> Result:
    """Three outlets (one French), five clusters, one hostile sentence, two dropped ones."""
    return build_result()


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A folder standing in for the corpus, so the review sidecar lands in tmp_path."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder
