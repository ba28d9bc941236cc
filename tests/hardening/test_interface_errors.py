"""The interface ends on a MemoryError with one line, as the command line does, never with a
traceback (issue 14, item 12)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from claimcheck.core.types import Settings
from claimcheck.tui.app import make_app
from tests.conftest import FakeEncoder

from .helpers import EN_ARTICLE, FR_ARTICLE


class _Exhausted(FakeEncoder):
    def encode(self, texts, progress=None, cancel=None):  # type: ignore[no-untyped-def]
        raise MemoryError


async def _scenario(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(EN_ARTICLE, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(FR_ARTICLE, encoding="utf-8")
    app = make_app(
        [str(tmp_path)],
        Settings("fake", 0.5),
        encoder=_Exhausted(),
        use_cache=False,
        keymap_path=tmp_path / "none.toml",
        sidecar=tmp_path / "review.json",
    )
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            if not app.is_running:
                break
            await pilot.pause(0.05)
    assert app.return_code == 1
    assert app._exception is None  # not a crash


def test_out_of_memory_in_the_interface_is_one_line(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(_scenario(tmp_path))
    err = capfd.readouterr().err
    assert "claimcheck: out of memory" in err and "Traceback" not in err, err
