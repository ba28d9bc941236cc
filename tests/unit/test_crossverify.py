"""A cross-encoder the user names with --verifier: loading, scoring and its use in matching, with
a tiny model the test builds and saves itself (nothing is downloaded)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from claimcheck.core.errors import ModelLoadError
from claimcheck.core.group.crossverify import load_cross_encoder, pair_probabilities

WORDS = [
    "[PAD]",
    "[UNK]",
    "[CLS]",
    "[SEP]",
    "[MASK]",
    "the",
    "talks",
    "met",
    "moscow",
    "in",
    "paris",
    "rain",
    "minister",
]


def _tiny_cross_encoder(folder: Path, labels: int) -> Path:
    transformers = pytest.importorskip("transformers")
    torch = pytest.importorskip("torch")
    (folder / "vocab.txt").write_text("\n".join(WORDS) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizer(str(folder / "vocab.txt"))
    config = transformers.BertConfig(
        vocab_size=len(WORDS),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        num_labels=labels,
    )
    if labels == 3:
        config.id2label = {0: "contradiction", 1: "entailment", 2: "neutral"}
        config.label2id = {v: k for k, v in config.id2label.items()}
    torch.manual_seed(0)
    model = transformers.BertForSequenceClassification(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_a_one_output_cross_encoder_gives_probabilities(tmp_path: Path) -> None:
    score = load_cross_encoder(str(_tiny_cross_encoder(tmp_path, 1)))
    probs = score([("the minister met in moscow", "talks in moscow"), ("rain", "paris")])
    assert probs.shape == (2,)
    assert ((probs >= 0) & (probs <= 1)).all()
    assert probs[0] != probs[1]


def test_an_nli_cross_encoder_gives_the_entailment_probability(tmp_path: Path) -> None:
    class Config:
        id2label: ClassVar[dict[int, str]] = {0: "contradiction", 1: "entailment", 2: "neutral"}

    class Fake:
        config = Config()

        def predict(self, pairs: object, **kwargs: object) -> np.ndarray:
            return np.array([[0.0, 2.0, 0.0]] * len(pairs))

    probs = pair_probabilities(Fake(), [("a", "b")])
    expected = np.exp(2) / (np.exp(2) + 2)
    assert probs[0] == pytest.approx(expected)
    # and a real saved three-label model loads and scores within 0..1
    score = load_cross_encoder(str(_tiny_cross_encoder(tmp_path, 3)))
    out = score([("talks in paris", "the talks in paris")])
    assert 0.0 <= float(out[0]) <= 1.0


def test_a_verifier_that_cannot_load_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="cannot load the verifier"):
        load_cross_encoder(str(tmp_path / "nothing-here"))


def test_the_cross_encoder_decides_agreement_in_place_of_the_built_in(tmp_path: Path) -> None:
    from claimcheck.core.pipeline import recluster, run
    from claimcheck.core.types import Settings
    from tests.conftest import FakeEncoder

    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "The minister met his counterpart in Moscow on Monday.\nRain fell on Paris.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "The minister met his counterpart in Moscow.\nIt rained in Paris all day.\n",
        encoding="utf-8",
    )
    result = run([str(folder)], Settings("fake", 0.5), encoder=FakeEncoder())
    everything = recluster(result, 0.5, cross=lambda pairs: [0.99] * len(pairs))
    nothing = recluster(result, 0.5, cross=lambda pairs: [0.01] * len(pairs))
    assert any(c.shared for c in everything.clusters)
    assert not any(c.shared for c in nothing.clusters)
    assert nothing.suggestions == () or all(s.confidence == 0.01 for s in nothing.suggestions)
