"""Language data as data files, read through one loader.

``lang/<code>/*.txt`` are word lists; ``lang/<code>/<table>.toml`` hold the vocabulary of one
module (``names.toml``, ``stance.toml``...), the same keys in every language (a test says so);
``lang/shared/*.toml`` hold what belongs to no one language (exonyms: the spellings of one place in
both languages). A language without a file or a key has an empty list, so the algorithms that use
them never name a language themselves.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "flag",
    "function_words",
    "merged_table",
    "shared_table",
    "shared_word_list",
    "table",
    "text",
    "texts",
    "word_list",
    "words",
]

#: The languages with a folder of data, in a fixed order.
LANGUAGES: tuple[str, ...] = ("en", "fr")
#: The language whose rules read a text of a language without data (stance cues...).
DEFAULT_LANGUAGE = "en"


def _code(language: str) -> str:
    return (language or "")[:2].lower()


def _read(folder: str, filename: str) -> str | None:
    try:
        return resources.files(__name__).joinpath(folder, filename).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return None


@cache
def word_list(language: str, name: str) -> frozenset[str]:
    """The words of ``lang/<code>/<name>.txt`` (white-space separated, ``#`` comments); empty if
    the language has no such list."""
    return _words_of(_read(_code(language), f"{name}.txt"))


@cache
def shared_word_list(name: str) -> frozenset[str]:
    """The words of ``lang/shared/<name>.txt``: a list that belongs to no one language."""
    return _words_of(_read("shared", f"{name}.txt"))


def _words_of(text: str | None) -> frozenset[str]:
    found: set[str] = set()
    for line in (text or "").splitlines():
        found.update(line.split("#", 1)[0].split())
    return frozenset(found)


def function_words(language: str) -> frozenset[str]:
    """Words that say nothing about which fact a claim states (articles, pronouns, auxiliaries,
    speech verbs...) in ``language``."""
    return word_list(language, "function_words")


@cache
def every_function_word() -> frozenset[str]:
    """The function words of every language: a claim in one language quotes the other."""
    return frozenset().union(*(function_words(code) for code in LANGUAGES))


@cache
def _toml(folder: str, name: str) -> Mapping[str, Any]:
    text = _read(folder, f"{name}.toml")
    return tomllib.loads(text) if text is not None else {}


def table(language: str, name: str) -> Mapping[str, Any]:
    """The keys of ``lang/<code>/<name>.toml`` as parsed; empty if the language has no such file."""
    return _toml(_code(language), name)


def shared_table(name: str) -> Mapping[str, Any]:
    """The keys of ``lang/shared/<name>.toml``: data that belongs to no one language."""
    return _toml("shared", name)


@cache
def merged_table(name: str, key: str) -> Mapping[str, Any]:
    """Table ``[key]`` of ``lang/<code>/<name>.toml`` of every language in one mapping, for rules
    that read a text whatever its language (a date line's month); the first language wins."""
    merged: dict[str, Any] = {}
    for code in LANGUAGES:
        value = table(code, name).get(key, {})
        if not isinstance(value, Mapping):
            raise TypeError(f"lang/{code}/{name}.toml: [{key}] is not a table")
        for k, v in value.items():
            merged.setdefault(k, v)
    return merged


def _value(language: str, name: str, key: str, kind: type) -> Any:
    value = table(language, name).get(key)
    if value is not None and not isinstance(value, kind):
        raise TypeError(f"lang/{_code(language)}/{name}.toml: {key} is not a {kind.__name__}")
    return value


@cache
def words(language: str, name: str, key: str) -> frozenset[str]:
    """The white-space separated words of string ``key`` of ``lang/<code>/<name>.toml``."""
    value = _value(language, name, key, str)
    return frozenset(value.split()) if value else frozenset()


def flag(language: str, name: str, key: str, default: bool) -> bool:
    """Boolean ``key`` of ``lang/<code>/<name>.toml``; ``default`` for a language without it."""
    value = _value(language, name, key, bool)
    return default if value is None else bool(value)


def text(language: str, name: str, key: str) -> str:
    """String ``key`` of ``lang/<code>/<name>.toml`` (a pattern...); empty if missing."""
    return _value(language, name, key, str) or ""


def texts(language: str, name: str, key: str) -> tuple[str, ...]:
    """List of strings ``key`` of ``lang/<code>/<name>.toml``, in order; empty if missing."""
    value = _value(language, name, key, list) or []
    if not all(isinstance(v, str) for v in value):
        raise TypeError(f"lang/{_code(language)}/{name}.toml: {key} is not a list of strings")
    return tuple(value)
