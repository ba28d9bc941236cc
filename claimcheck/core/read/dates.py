"""Dates written in article metadata: ISO, numeric, RFC 2822 or in words, read into ISO dates.

The month names are language data (``lang/<code>/dates.toml``), read in every language since a
page's metadata need not be in the language of its text.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime

from claimcheck.core import lang

#: Month names and abbreviations of every language, lower case as written, and their number.
_MONTHS: dict[str, int] = dict(lang.merged_table("dates", "months"))
_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?\s*$")
_NUMERIC_RE = re.compile(r"^\s*(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\s*$")
_TOKEN_RE = re.compile(r"[^\W_]+")
_ORDINAL_RE = re.compile(
    r"\d{1,2}(?:"
    + "|".join(
        w for code in lang.LANGUAGES for w in lang.text(code, "dates", "ordinal_suffixes").split()
    )
    + ")"
)


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
        if token in _MONTHS and month is None:
            month = _MONTHS[token]
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


#: How many of an article's first non-empty lines may give its date, and how long such a line is.
DATELINE_LINES = 6
DATELINE_WORDS = 16
_PUBLISHED = tuple(
    c for code in lang.LANGUAGES for c in lang.texts(code, "dates", "published_cues")
)
_UPDATED = tuple(c for code in lang.LANGUAGES for c in lang.texts(code, "dates", "updated_cues"))


def _dateline_values(text: str) -> Iterator[str]:
    """What follows the cue of each publication line at an article's top, then of each update
    line: a short line among the first few, opening with such a word (language data:
    ``published_cues``, ``updated_cues``)."""
    head = text[: DATELINE_LINES * 400]  # the top only, however long the article
    lines = [line.strip() for line in head.splitlines() if line.strip()][:DATELINE_LINES]
    for cues in (_PUBLISHED, _UPDATED):
        for line in lines:
            if len(line.split()) > DATELINE_WORDS:
                continue
            low = line.lower()
            for cue in sorted(cues, key=len, reverse=True):
                if low.startswith(cue) and not low[len(cue) : len(cue) + 1].isalpha():
                    yield line[len(cue) :].lstrip(" :-–—,")
                    break


def dateline_date(text: str) -> str | None:
    """The date an article gives itself at its top ("Published 20 April 2020", "Publié le 21
    avril 2020 à 10h32", "Updated: Jan. 5, 2020"), as an ISO date, or None.

    Only a short line among the first few, opening with a publication or update word (language
    data: ``published_cues``, ``updated_cues``), followed by a full date; a publication line wins
    over an update line. A date line alone ("30 January 2020") is not one: in a timeline it heads
    an entry."""
    for value in _dateline_values(text):
        try:
            found = parse_date(value)
        except ValueError:
            found = None
        if found:
            return found
    return None


def dateline_month(text: str) -> str | None:
    """The middle of the month an article's publication or update line gives when it gives no
    day ("Publié en mai 2022", "Published: May 2022"), as an ISO date, or None. Not the article's
    date ("yesterday" in it is still no known day); a timeline reads the days it writes without
    a year against it ("Le 24 février" in a chronology published in May 2022 is in 2022)."""
    for value in _dateline_values(text):
        tokens = [t.lower() for t in _TOKEN_RE.findall(value)]
        months = [_MONTHS[t] for t in tokens if t in _MONTHS]
        numbers = [t for t in tokens if t.isdecimal()]
        # a month, a year and at most one word more ("en", "in"): not a sentence that
        # begins with the cue ("Published in May 1998, the book sold well.")
        if len(months) == 1 and len(numbers) == 1 and len(numbers[0]) == 4 and len(tokens) <= 3:
            return _valid(int(numbers[0]), months[0], 15)
    return None
