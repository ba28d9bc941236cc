"""Language data as data files: ``lang/<code>/*.txt`` word lists, one loader.

A word list is read once per language; a language without the file has an empty list, so the
algorithms that use it never name a language themselves.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def word_list(language: str, name: str) -> frozenset[str]:
    """The words of ``lang/<code>/<name>.txt`` (white-space separated, ``#`` comments); empty if
    the language has no such list."""
    code = (language or "")[:2].lower()
    try:
        text = resources.files(__name__).joinpath(code, f"{name}.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return frozenset()
    words: set[str] = set()
    for line in text.splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(words)


def function_words(language: str) -> frozenset[str]:
    """Words that say nothing about which fact a claim states (articles, pronouns, auxiliaries,
    speech verbs...) in ``language``."""
    return word_list(language, "function_words")
