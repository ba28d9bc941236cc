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


#: A wire dateline or a rubric opening an article's lead: a place or a word in capitals, the
#: day it was filed perhaps, an agency in brackets perhaps, and a dash ("WASHINGTON (Reuters) -",
#: "PARIS (AFP) –", "GENEVA - ", "CHRONOLOGIE - ", "PARIS, April 16 —", "WASHINGTON, Jan. 5,
#: 2020 (Reuters) -", "PARIS, 16 avril (AFP) -").
_DATELINE = re.compile(
    r"^[A-ZÀ-Þ][A-ZÀ-Þ'’.-]+(?:[ ,]+[A-ZÀ-Þ][A-ZÀ-Þ'’.-]+){0,3}"
    r"(?:,\s*(?:[A-ZÀ-Þ][a-zß-ÿ]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?"
    r"|\d{1,2}(?:er)?\s+[a-zß-ÿ]{3,9}\.?(?:\s+\d{4})?))?"
    r"(?:\s*\([^()]{1,40}\))?\s*(?:--|[-–—])\s+(?=\S)"
    # or a credit in brackets alone: "(Reuters) - ", "(Israel Hayom via JNS) "
    r"|^\([^()]{1,40}\)\s*[-–—]?\s*(?=[A-ZÀ-Þ])"
)


def dateline_end(text: str) -> int:
    """Where the dateline or rubric ``text`` opens with ends ("PARIS (AFP) – La France a…" -> 15),
    when at least three words follow it; else 0."""
    match = _DATELINE.match(text)
    if match is None or len(text[match.end() :].split()) < 3:
        return 0
    return match.end()


def without_dateline(text: str) -> str:
    """``text`` without the dateline or rubric it opens with ("PARIS (AFP) – La France a…" ->
    "La France a…"), when at least three words are left; else unchanged."""
    end = dateline_end(text)
    if not end:
        return text
    rest = text[end:]
    return rest[:1].upper() + rest[1:]
