"""Where a report may go (issue 14, items 2 and 12): only onto a regular file, or standard output
with ``-o -``; with a normal file's permissions; and every check made before the long run."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimcheck import cli
from claimcheck.core import fileio
from claimcheck.core.pipeline import run as real_run
from claimcheck.core.types import Result, Settings
from tests.conftest import FakeEncoder

from .helpers import run_cli, write_story


@pytest.fixture
def story(tmp_path: Path) -> Path:
    return write_story(tmp_path / "story")


@pytest.fixture
def fake_run(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The CLI's pipeline with the fake encoder; records each run."""
    calls: list[str] = []

    def fake(paths: list[str], settings: Settings, **kwargs: object) -> Result:
        calls.append(paths[0])
        kwargs.pop("encoder", None)
        return real_run(paths, Settings("fake", 0.5), encoder=FakeEncoder(), **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("claimcheck.core.pipeline.run", fake)
    yield calls


def _special(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"out-{kind}"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        sock.close()
    elif kind == "devnull-link":
        path.symlink_to("/dev/null")
    elif kind == "device":
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null
        except OSError:
            pytest.skip("cannot create a device node here")
    elif kind == "folder":
        path.mkdir()
    return path


@pytest.mark.parametrize("kind", ["fifo", "socket", "devnull-link", "device", "folder"])
@pytest.mark.parametrize("force", [False, True])
def test_output_onto_anything_but_a_regular_file_is_refused_before_the_run(
    tmp_path: Path, story: Path, kind: str, force: bool
) -> None:
    """`-o /dev/null --force` replaced /dev/null with a world-writable file (issue 14, item 2)."""
    target = _special(tmp_path, kind)
    before = os.lstat(target)
    out = run_cli("report", str(story), "-o", str(target), *(["--force"] if force else []))
    assert out.returncode == 2, out.stderr
    (line,) = out.stderr_lines
    assert line.startswith("claimcheck: error: cannot write"), line
    assert "--force" not in line  # item 12: forcing would not help, so it is not suggested
    assert "reading" not in out.stderr  # refused before any work
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_dash_writes_the_report_to_standard_output(
    story: Path, fake_run: list[str], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert cli.main(["report", str(story), "-o", "-", "-q"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"# claimcheck report")
    assert not Path("-").exists()


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_a_report_gets_the_permissions_of_a_new_file_never_wider(
    tmp_path: Path, story: Path, fake_run: list[str], umask: int
) -> None:
    old = os.umask(umask)
    try:
        fresh, replaced = tmp_path / "fresh.md", tmp_path / "replaced.md"
        replaced.write_text("old")
        os.chmod(replaced, 0o777)
        assert cli.main(["report", str(story), "-o", str(fresh), "-q"]) == 0
        assert cli.main(["report", str(story), "-o", str(replaced), "-q", "--force"]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE(replaced.stat().st_mode) == 0o666 & ~umask


def test_a_folder_that_takes_no_file_is_refused_before_the_run(
    tmp_path: Path,
    story: Path,
    fake_run: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Staged: the tests run as root, for whom every folder is writable."""

    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fileio.tempfile, "mkstemp", denied)
    assert cli.main(["report", str(story), "-o", str(tmp_path / "r.md"), "-q"]) == 2
    assert fake_run == []
    assert "Permission denied" in capsys.readouterr().err


def test_write_atomic_refuses_a_device_that_appears_while_writing(tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    real = fileio.os.fsync

    def swap(fd: int) -> None:
        real(fd)
        if not target.exists():
            os.mkfifo(target)

    fileio.os.fsync = swap  # type: ignore[attr-defined]
    try:
        with pytest.raises(fileio.InputError, match="FIFO"):
            fileio.write_atomic(target, "x", overwrite=True)
    finally:
        fileio.os.fsync = real  # type: ignore[attr-defined]
    assert target.is_fifo()


def test_a_link_to_a_file_is_written_through_never_replaced(
    tmp_path: Path, story: Path, fake_run: list[str]
) -> None:
    """`-o /dev/stdout --force` with stdout in a file replaced the /dev/stdout link itself."""
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "stdout"
    link.symlink_to(real)
    assert cli.main(["report", str(story), "-o", str(link), "-q", "--force"]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text().startswith("# claimcheck report")
    broken = tmp_path / "broken"
    broken.symlink_to(tmp_path / "missing" / "x.md")
    assert cli.main(["report", str(story), "-o", str(broken), "-q", "--force"]) == 2
    assert broken.is_symlink()


_FAKE_CLI = """
import sys
from claimcheck import cli
from claimcheck.core import pipeline
from claimcheck.core.types import Settings
from tests.conftest import FakeEncoder

real = pipeline.run

def fake(paths, settings, **kw):
    kw.pop("encoder", None)
    return real(paths, Settings("fake", 0.5), encoder=FakeEncoder(), **kw)


pipeline.run = fake
sys.exit(cli.main(sys.argv[1:]))
"""


def test_dev_stdout_redirected_to_a_file_stays_a_link(tmp_path: Path, story: Path) -> None:
    """The attack itself: `claimcheck report ... -o /dev/stdout --force > file` as root."""
    import subprocess
    import sys

    from .helpers import ROOT, cli_env

    out = tmp_path / "out.md"
    try:
        with open(out, "wb") as handle:
            done = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    _FAKE_CLI,
                    "report",
                    str(story),
                    "-q",
                    "--force",
                    "-o",
                    "/dev/stdout",
                ],
                stdout=handle,
                stderr=subprocess.PIPE,
                env=cli_env(),
                cwd=ROOT,
                timeout=120,
            )
        assert done.returncode == 0, done.stderr
        assert out.read_text(encoding="utf-8").startswith("# claimcheck report")
        assert os.path.islink("/dev/stdout")
    finally:
        if not os.path.islink("/dev/stdout"):  # repair the machine if the defence failed
            os.unlink("/dev/stdout")
            os.symlink("/proc/self/fd/1", "/dev/stdout")


def test_a_folder_that_takes_no_new_file_is_named(story: Path) -> None:
    """`-o /proc/version --force`: the file exists, the folder takes no temporary file beside it;
    the line said "No such file or directory" of a file that exists."""
    if not Path("/proc/version").is_file():
        pytest.skip("no /proc/version here")
    out = run_cli("report", str(story), "-o", "/proc/version", "--force")
    assert out.returncode == 2, out.stderr
    (line,) = out.stderr_lines
    assert "cannot create a file in /proc" in line, line
