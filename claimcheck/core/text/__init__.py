"""Small text helpers shared by reading and segmenting: comparison keys, month names, dates.

Nothing here knows about files or sentences; it only turns strings into other strings.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from email.utils import parsedate_to_datetime


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set: compact vocabulary tables."""
    return frozenset(text.split())


#: Month names and abbreviations (English and French) mapped to their number.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2,
    "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "decembre": 12, "déc": 12,
}  # fmt: skip

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


_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?\s*$")
_NUMERIC_RE = re.compile(r"^\s*(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\s*$")
_TOKEN_RE = re.compile(r"[^\W_]+")
_ORDINAL_RE = re.compile(r"\d{1,2}(?:st|nd|rd|th|er|e)")


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(value: str) -> str | None:
    """An ISO ``YYYY-MM-DD`` date from common written forms, or None.

    Accepts ISO dates and timestamps, ``30/01/2019`` (day first unless that is impossible),
    ``2019/01/30``, RFC 2822 (``Wed, 30 Jan 2019 10:00:00 +0000``) and written dates in
    English or French (``January 30, 2019``, ``30 Jan. 2019``, ``1er février 2019``).
    """
    text = value.strip().strip("\"'")
    if not text:
        return None
    match = _ISO_RE.match(text)
    if match:
        return _valid(int(match[1]), int(match[2]), int(match[3]))
    match = _NUMERIC_RE.match(text)
    if match:
        a, b, c = int(match[1]), int(match[2]), int(match[3])
        if len(match[1]) == 4:
            return _valid(a, b, c)
        if len(match[3]) == 4:
            # Day first is the norm in both French and British usage; US order only if forced.
            return _valid(c, b, a) if b <= 12 and a <= 31 else _valid(c, a, b)
        return None
    if "," in text or ":" in text:
        try:
            stamp = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            stamp = None
        if stamp is not None:
            return stamp.date().isoformat()
    return _parse_words(text)


def _parse_words(text: str) -> str | None:
    tokens = [t.lower() for t in _TOKEN_RE.findall(text)]
    month: int | None = None
    numbers: list[str] = []
    for token in tokens:
        if token in MONTHS and month is None:
            month = MONTHS[token]
        elif token.isdecimal():  # int() reads every decimal digit; isdigit() also takes "²"
            numbers.append(token)
        elif _ORDINAL_RE.fullmatch(token):
            numbers.append(re.sub(r"\D", "", token))
    if month is None:
        return None
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2 and 1 <= int(n) <= 31]
    if not years or not days:
        return None
    return _valid(int(years[0]), month, int(days[0]))
