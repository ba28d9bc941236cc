"""The command line: fast help, one-line errors with documented exit codes, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimcheck.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_help_imports_no_heavy_module() -> None:
    code = (
        "import sys\n"
        "from claimcheck.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'textual', 'numpy') "
        "if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


def test_every_command_has_help_text() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, child in sub.choices.items():  # type: ignore[union-attr]
        assert child.description, name
        help_text = child.format_help()
        assert "usage:" in help_text


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["report", "does/not/exist.txt", "other.txt"], "no such file or folder"),
        (["report", "corpus/", "--threshold", "1.5"], "between 0 and 1"),
        (["report", "corpus/", "--threshold", "abc"], "not a number"),
        (["report", "corpus/", "--format", "pdf"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], needle: str) -> None:
    out = _run(*args)
    assert out.returncode == 2
    assert needle in out.stderr
    assert "Traceback" not in out.stderr


def test_existing_output_is_refused_before_any_work(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("keep me", encoding="utf-8")
    out = _run("report", "corpus/", "-o", str(target))
    assert out.returncode == 2
    assert "already exists" in out.stderr and "--force" in out.stderr
    assert target.read_text(encoding="utf-8") == "keep me"


def test_output_in_missing_folder_is_refused(tmp_path: Path) -> None:
    out = _run("report", "corpus/", "-o", str(tmp_path / "nope" / "r.md"))
    assert out.returncode == 2
    assert "does not exist" in out.stderr


def test_no_arguments_prints_usage_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage:" in capsys.readouterr().err


def test_interface_refuses_without_a_terminal() -> None:
    out = _run("corpus/")
    assert out.returncode == 2
    assert "terminal" in out.stderr


def test_cache_info_and_clear(tmp_path: Path) -> None:
    info = _run("cache", "info", "--cache-dir", str(tmp_path))
    assert info.returncode == 0, info.stderr
    cleared = _run("cache", "clear", "--cache-dir", str(tmp_path))
    assert cleared.returncode == 0, cleared.stderr
    assert "removed" in cleared.stdout


def test_articles_with_nothing_but_chrome_say_so(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Share\nNo comments:\n2 min read\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Lire aussi\nPartager\nVous aimez nos articles ?\n", encoding="utf-8"
    )
    out = _run("report", str(tmp_path), "-q")
    assert out.returncode == 2
    assert "no claims left" in out.stderr
    assert "Traceback" not in out.stderr


def test_an_article_beside_one_of_nothing_but_chrome_is_not_a_comparison(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Share\nNo comments:\n2 min read\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "The minister met his counterpart in Moscow on Monday to discuss the border.\n",
        encoding="utf-8",
    )
    target = tmp_path / "report.md"
    out = _run("report", str(tmp_path), "-o", str(target), "-q")
    assert out.returncode == 2, out.stderr
    assert "only one article has claims" in out.stderr and "b.txt" in out.stderr
    assert "Traceback" not in out.stderr
    assert not target.exists()


def test_empty_and_binary_files_are_skipped_with_one_line_each(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    out = _run("report", str(tmp_path / "empty.txt"), str(tmp_path / "blob.txt"), "-q")
    assert out.returncode == 2
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert any("empty.txt" in line for line in lines)
    assert any("blob.txt" in line for line in lines)
    assert lines[-1].startswith("claimcheck: error:")
    assert "Traceback" not in out.stderr


def test_atomic_write_gives_normal_permissions(tmp_path: Path) -> None:
    from claimcheck.core.fileio import write_atomic

    os.umask(0o022)
    target = write_atomic(tmp_path / "r.md", "x")
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o600)
    write_atomic(target, "y", overwrite=True)
    assert target.stat().st_mode & 0o777 == 0o600 and target.read_text() == "y"


def _bash_complete(script: str, *words: str) -> list[str]:
    """What bash offers after ``words`` with the completion script loaded."""
    import shutil
    import subprocess

    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    line = " ".join(words)
    program = (
        f"{script}\nCOMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; _claimcheck; "
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    done = subprocess.run([bash, "-c", program], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_shell_completion_offers_commands_options_and_choices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from claimcheck.cli import main

    assert main(["completion", "bash"]) == 0
    script = capsys.readouterr().out
    assert "report" in _bash_complete(script, "claimcheck", "re")
    assert "--threshold" in _bash_complete(script, "claimcheck", "report", "--thr")
    assert _bash_complete(script, "claimcheck", "report", "--format", "j") == ["json"]
    assert main(["completion", "zsh"]) == 0
    assert "bashcompinit" in capsys.readouterr().out
    assert main(["completion", "fish"]) == 0
    assert "-l verifier" in capsys.readouterr().out


def test_report_lists_the_notes_whose_claims_are_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """`claimcheck report` applies the saved review: a note on claims no longer in the input is
    listed (Markdown) and kept (JSON ``orphaned_notes``), not silently left out."""
    import json

    from claimcheck.core import review as rv
    from claimcheck.core.pipeline import run as real_run
    from claimcheck.core.types import Settings
    from tests.conftest import FakeEncoder
    from tests.hardening.helpers import EN_ARTICLE, FR_ARTICLE

    def fake(paths: list[str], settings: Settings, **kwargs: object):  # type: ignore[no-untyped-def]
        kwargs.pop("encoder", None)
        return real_run(paths, Settings("fake", 0.5), encoder=FakeEncoder(), **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("claimcheck.core.pipeline.run", fake)
    story = tmp_path / "story"
    story.mkdir()
    (story / "en.txt").write_text(EN_ARTICLE, encoding="utf-8")
    (story / "fr.txt").write_text(FR_ARTICLE, encoding="utf-8")
    gone = rv.Mark("en:0123456789abcdef", (), False, "call the mayor", "The old sentence")
    (story / rv.SIDECAR_NAME).write_text(rv.dumps_review(rv.Review(marks=(gone,))))

    assert main(["report", str(story), "-o", "-", "-q"]) == 0
    markdown = capsysbinary.readouterr().out.decode("utf-8")
    assert "Notes whose claims are no longer in the input" in markdown
    assert "“call the mayor” — was on “The old sentence…”" in markdown
    assert main(["report", str(story), "-o", "-", "-q", "--format", "json"]) == 0
    data = json.loads(capsysbinary.readouterr().out)
    assert [n["note"] for n in data["orphaned_notes"]] == ["call the mayor"]
    assert main(["report", str(story), "-o", "-", "-q", "--no-review"]) == 0
    assert "call the mayor" not in capsysbinary.readouterr().out.decode("utf-8")
    assert "call the mayor" in (story / rv.SIDECAR_NAME).read_text()
