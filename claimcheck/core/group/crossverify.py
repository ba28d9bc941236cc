"""A stronger verifier when the user has one: a sentence-transformers ``CrossEncoder`` (for
example a multilingual paraphrase or NLI cross-encoder saved locally) that reads both claims at
once and scores each candidate pair in place of the built-in verifier.

Loading is local only (a folder, or a hub name already in the Hugging Face cache), and
``trust_remote_code`` is never passed. A model with one output gives a score (taken as a
probability, through a sigmoid when it is outside 0..1); a model with several (NLI) gives the
probability of its ``entailment`` label, or of its last label when none is named so.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from claimcheck.core.errors import ModelLoadError

_LOADED: dict[str, Any] = {}
_LOCK = threading.Lock()

#: Scores pairs of texts: a same-fact probability for each.
TextScorer = Callable[[Sequence[tuple[str, str]]], np.ndarray]


def load_cross_encoder(name: str) -> TextScorer:
    """A scorer for text pairs from the cross-encoder ``name`` (loaded once per process)."""
    with _LOCK:
        model = _LOADED.get(name)
        if model is None:
            model = _LOADED[name] = _load(name)
    return lambda pairs: pair_probabilities(model, pairs)


def _load(name: str) -> Any:
    import logging
    import os
    from pathlib import Path

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if name.startswith((".", "/", "~")) and not Path(name).expanduser().is_dir():
        raise ModelLoadError(f"cannot load the verifier {name!r}: no such folder")
    # Library chatter ("Could not resolve the revision...") stays out of the user's terminal.
    loggers = [logging.getLogger(n) for n in ("sentence_transformers", "transformers")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        from sentence_transformers import CrossEncoder

        return CrossEncoder(name, device="cpu", local_files_only=True)
    except Exception as exc:  # any loading failure is one line for the user
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelLoadError(f"cannot load the verifier {name!r}: {first[:200]}") from exc
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def _entailment_column(model: Any, width: int) -> int:
    labels = getattr(getattr(model, "config", None), "id2label", None) or {}
    for index, label in dict(labels).items():
        if str(label).lower().startswith("entail"):
            return int(index)
    return width - 1


def pair_probabilities(model: Any, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """The same-fact probability of each pair of texts under ``model``."""
    if not pairs:
        return np.zeros(0, dtype=np.float64)
    raw = np.asarray(
        model.predict(list(pairs), convert_to_numpy=True, show_progress_bar=False),
        dtype=np.float64,
    )
    if raw.ndim == 2 and raw.shape[1] > 1:
        shifted = np.exp(raw - raw.max(axis=1, keepdims=True))
        probs = shifted / shifted.sum(axis=1, keepdims=True)
        return probs[:, _entailment_column(model, raw.shape[1])]
    raw = raw.reshape(-1)
    if raw.min() < 0.0 or raw.max() > 1.0:
        return 1.0 / (1.0 + np.exp(-raw))
    return raw
