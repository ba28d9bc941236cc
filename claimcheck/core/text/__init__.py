"""Small text helpers shared by reading and segmenting: comparison keys, spacing.

Nothing here knows about files or sentences; it only turns strings into other strings.
"""

from __future__ import annotations

import re
import unicodedata


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set: compact vocabulary tables."""
    return frozenset(text.split())


_QUOTES = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
        "‹": '"', "›": '"', "`": "'", "´": "'",
    }
)  # fmt: skip
_NON_WORD = re.compile(r"[^\w]+")
_SPACES = re.compile(r"\s+")


def comparison_key(text: str) -> str:
    """``text`` reduced for "is this the same sentence" tests.

    Case, accents' composed forms, quote styles, punctuation and spacing are all ignored, so
    “Iran”, "Iran" and « Iran » compare equal.
    """
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded)).strip()


def collapse_spaces(text: str) -> str:
    """``text`` with every run of whitespace turned into one space, trimmed."""
    return _SPACES.sub(" ", text).strip()
