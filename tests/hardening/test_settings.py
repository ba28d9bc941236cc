"""Bad settings and damaged user files: thresholds, model names and folders, the keymap and the
review sidecar. Each gives one line and a documented exit code or a warning, never a crash, and a
damaged file is kept aside, never destroyed."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from claimcheck.cli import main
from claimcheck.core import review as rv
from claimcheck.core.errors import InputError
from claimcheck.core.pipeline import validate_threshold
from claimcheck.tui.keymap import load_keymap

from .helpers import EN_ARTICLE, FR_ARTICLE, assert_clean_failure_output, run_cli


@pytest.mark.parametrize(
    ("value", "needle"),
    [
        ("nan", "between 0 and 1"),
        ("inf", "between 0 and 1"),
        ("-inf", "between 0 and 1"),
        ("0", "between 0 and 1"),
        ("1", "between 0 and 1"),
        ("-0.2", "between 0 and 1"),
        ("1e309", "between 0 and 1"),
        ("0,5", "not a number"),
        ("", "not a number"),
        ("0.5.1", "not a number"),
    ],
)
def test_bad_thresholds_exit_2_with_one_line(
    value: str, needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["report", "corpus/", f"--threshold={value}"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("claimcheck report: error: ")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 0.0, 1.0, -1e-9, 1 + 1e-9])
def test_library_callers_get_the_same_threshold_check(value: float) -> None:
    with pytest.raises(InputError, match="between 0 and 1"):
        validate_threshold(value)


def _two_articles(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "en.txt").write_text(EN_ARTICLE, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(FR_ARTICLE, encoding="utf-8")
    return str(tmp_path / "en.txt"), str(tmp_path / "fr.txt")


def test_unknown_model_is_one_line_naming_what_was_tried_exit_2(tmp_path: Path) -> None:
    out = run_cli("report", *_two_articles(tmp_path), "-q", "--model", "no-such-model-zz")
    assert out.returncode == 2
    assert_clean_failure_output(out)
    (line,) = out.stderr_lines
    assert line.startswith("claimcheck: error: cannot load model 'no-such-model-zz'")
    assert "sentence-transformers/no-such-model-zz" in line


MARKER_CODE = "open({marker!r}, 'w').write('code from the model folder ran')\n"


def test_model_folder_naming_its_own_module_never_runs_it(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    marker = tmp_path / "RAN"
    (folder / "evil_module.py").write_text(MARKER_CODE.format(marker=str(marker)))
    (folder / "modules.json").write_text(
        json.dumps([{"idx": 0, "name": "0", "path": "", "type": "evil_module.Backdoor"}])
    )
    out = run_cli("report", *_two_articles(tmp_path), "-q", "--model", str(folder), cwd=folder)
    assert out.returncode == 2
    assert_clean_failure_output(out)
    assert "refusing to load model" in out.stderr and "evil_module.Backdoor" in out.stderr
    assert not marker.exists()


class _Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, (MARKER_CODE.format(marker=str(self.marker)),))


def _transformer_folder(folder: Path) -> None:
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {
            "idx": 1,
            "name": "1",
            "path": "1_Pooling",
            "type": "sentence_transformers.models.Pooling",
        },
    ]
    folder.mkdir()
    (folder / "modules.json").write_text(json.dumps(modules))
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": 8, "pooling_mode_mean_tokens": True})
    )


@pytest.mark.slow
@pytest.mark.parametrize("attack", ["remote-code", "pickled-weights"])
def test_model_folder_shipping_code_is_refused_before_it_runs(tmp_path: Path, attack: str) -> None:
    """A transformers config asking for its own Python code, and weights pickled with a payload:
    both are refused by the loaders claimcheck calls (no trust_remote_code, weights_only)."""
    folder = tmp_path / "model"
    marker = tmp_path / "RAN"
    _transformer_folder(folder)
    code = MARKER_CODE.format(marker=str(marker))
    if attack == "remote-code":
        (folder / "config.json").write_text(json.dumps({
            "model_type": "evil", "architectures": ["EvilModel"],
            "auto_map": {"AutoConfig": "configuration_evil.EvilConfig",
                         "AutoModel": "modeling_evil.EvilModel"},
        }))  # fmt: skip
        (folder / "configuration_evil.py").write_text(code)
        (folder / "modeling_evil.py").write_text(code)
    else:
        (folder / "config.json").write_text(json.dumps({
            "model_type": "bert", "architectures": ["BertModel"], "hidden_size": 8,
            "num_hidden_layers": 1, "num_attention_heads": 1, "intermediate_size": 8,
            "vocab_size": 30, "max_position_embeddings": 16,
        }))  # fmt: skip
        (folder / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]))
        with (folder / "pytorch_model.bin").open("wb") as handle:
            pickle.dump({"weight": _Payload(marker)}, handle)
    out = run_cli("report", *_two_articles(tmp_path), "-q", "--model", str(folder))
    assert out.returncode == 2
    assert_clean_failure_output(out)
    assert len(out.stderr_lines) == 1
    assert out.stderr_lines[0].startswith(f"claimcheck: error: cannot load model '{folder}'")
    assert not marker.exists()


# ---------------------------------------------------------------------------------------------
# The keymap file


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"\xff\xfe\x00[\x00k\x00", "not valid TOML"),
        (b"[keys]\nquit = 5\n", "must be a string"),
        (b'[keys]\nquit = ""\n', "must be a string"),
        (b'[keys]\nquit = ",,,"\n', "must be a string"),
        (b'[keys]\n"[@click=app.quit]" = "q"\n', "unknown binding id"),
        (b'keys = "q"\n', "[keys] is not a table"),
        (b'[keys]\nquit = "q"\nquit = "x"\n', "not valid TOML"),
        (b'[keys]\nquit = "\x1b[2J"\x00', "not valid TOML"),
    ],
)
def test_a_corrupt_keymap_gives_one_warning_and_the_default_keys(
    tmp_path: Path, content: bytes, needle: str
) -> None:
    path = tmp_path / "keymap.toml"
    path.write_bytes(content)
    keymap, warning = load_keymap(path)
    assert keymap == {}
    assert warning is not None and needle in warning and "\n" not in warning
    assert path.read_bytes() == content  # the user's file is left as it was


def test_a_deeply_nested_keymap_gives_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text("x = " + "[" * 100_000, encoding="utf-8")
    keymap, warning = load_keymap(path)
    assert keymap == {} and warning is not None


# ---------------------------------------------------------------------------------------------
# The review sidecar (tests/unit/test_review.py covers bad JSON and wrong field types)


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": "claimcheck-review", "version": 1, "marks": "x"}',
        b'{"format": "claimcheck-review", "version": 1, "marks": null}',
        b'{"format": "claimcheck-review", "version": 1, "marks": [1, 2]}',
        b'{"format": "claimcheck-review", "version": 1, "corrections": [[]]}',
        b'{"format": "claimcheck-review", "version": 1, "marks": [], "corrections": {"a": 1}}',
        "\ufeff{}".encode("utf-16"),
        b"\x00" * 4096,
    ],
)
def test_a_corrupt_sidecar_is_kept_aside_and_survives_the_next_save(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / rv.SIDECAR_NAME
    path.write_bytes(content)
    warnings: list[str] = []
    assert rv.load_review(path, warn=warnings.append) == rv.Review()
    assert len(warnings) == 1 and ".corrupt-" in warnings[0] and "\n" not in warnings[0]
    (aside,) = tmp_path.glob(rv.SIDECAR_NAME + ".corrupt-*")
    # The next save writes a fresh sidecar and leaves the damaged one untouched.
    review = rv.Review(marks=(rv.Mark(anchor="a:1", reviewed=True, note="checked"),))
    rv.save_review(path, review)
    assert rv.load_review(path) == review
    assert aside.read_bytes() == content


def test_a_deeply_nested_sidecar_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / rv.SIDECAR_NAME
    path.write_text("[" * 100_000, encoding="utf-8")
    assert rv.load_review(path, warn=lambda _: None) == rv.Review()
    assert list(tmp_path.glob(rv.SIDECAR_NAME + ".corrupt-*"))
