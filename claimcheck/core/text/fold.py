"""Folding: text lowercased without accents, so spellings that differ only there compare equal.

There are three folds, each for a purpose the others would break:

- :func:`fold_same_length` keeps one character for one character, so an offset found in the folded
  text is an offset in the original: the extractors search the folded text and report spans of
  what was written.
- :func:`fold` may change the length ("ﬁ" -> "fi", "½" -> "1⁄2"): it makes the language-neutral
  keys of names, where only the letters count.
- :func:`search_fold` case-folds ("Straße" -> "strasse") and spells out the letters Unicode does not
  decompose ("œ" -> "oe", "ø" -> "o"), so a search typed on any keyboard finds what an article
  wrote; nothing is stored or compared across runs with it.

:func:`claimcheck.core.text.comparison_key` is the fourth relative: it keeps accents and drops
punctuation, for "is this the same sentence" tests.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_same_length", "search_fold"]


def fold(text: str) -> str:
    """Lowercase without accents, "’" written "'"; the length may change."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_FOLD_TABLE: dict[int, str] = {ord("’"): "'", **{c: chr(c + 32) for c in range(65, 91)}}


@lru_cache(maxsize=16384)
def fold_same_length(text: str) -> str:
    """Lowercase without accents, one character for one character, so offsets into the result
    are offsets into ``text`` ("Sergueï" -> "sergueï" -> "serguei"; "’" becomes "'")."""
    if text.isascii():
        return text.lower().replace("’", "'")
    for ch in set(text):
        code = ord(ch)
        if code >= 128 and code not in _FOLD_TABLE:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
            ).lower()
            low = ch.lower()
            _FOLD_TABLE[code] = base if len(base) == 1 else low if len(low) == 1 else ch
    return text.translate(_FOLD_TABLE)


_EXTRA_FOLDS = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})


def search_fold(text: str) -> str:
    """``text`` case-folded without accents, for matching in any language ("Élysée" ~ "elysee",
    "cœur" ~ "coeur")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.translate(_EXTRA_FOLDS)
