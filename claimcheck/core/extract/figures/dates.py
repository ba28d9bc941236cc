"""Dates written in a claim: weekdays, day and month, years, decades, relative dates."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from claimcheck.core.extract.figures.lexicon import (
    _AGE_DECADE_BEFORE,
    _ALL_MULTIPLIERS,
    _BETWEEN_AND,
    _CONCEPT_WORDS,
    _CURRENCY_SYMBOLS,
    _CURRENCY_WORDS,
    _DATE_ARTICLES,
    _DAY_RANGE_TO,
    _DAYPARTS,
    _DECADE_BEFORE,
    _DECADE_SHORT_BEFORE,
    _DURATIONS,
    _MONTH_ABBREVIATIONS,
    _MONTH_OF,
    _YEAR_BEFORE,
    _YEAR_NOT_BEFORE,
    _YEAR_NOT_DURATIONS,
    _YEAR_QUALIFIERS,
    _YEAR_RANGE_FROM,
    _YEAR_RANGE_TO,
    FigureWords,
)
from claimcheck.core.extract.figures.numbers import _parse_words
from claimcheck.core.extract.figures.qualifiers import _qualifier_before, _qualifier_start
from claimcheck.core.extract.figures.tokens import (
    _day_num,
    _joined_groups,
    _skip_ordinal,
    _Tok,
    _year_num,
)
from claimcheck.core.extract.figures.units import _unit_at

# --- dates ---------------------------------------------------------------------------------------


class _Date(NamedTuple):
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    year_end: int | None = None  # for decades and year ranges
    day_end: int | None = None  # "22 and 23 September", "du 22 au 25 septembre"
    # for a weekday, or a month without a year, which one it is against the article's date: 0
    # the last on or before it (a weekday; a month: the nearest), -1 the last before it ("last
    # Thursday", "jeudi dernier"), 1 the first on or after it ("will meet on Thursday"), 2 the
    # first after it ("next Thursday", "mars prochain")
    direction: int = 0


def _month_at(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> int | None:
    """The month named at ``toks[i]``, if it is one here: capitalised where the language says
    so, not the planet ("Mars"), abbreviations only with their dot (or a number after them where
    the language allows), an ambiguous name ("may") only next to a number or a date word."""
    t = toks[i]
    if t.kind != "word":
        return None
    w = t.low
    m = vocab.months.get(w)
    if m is None:
        return None
    capital = t.text[0].isupper()
    if vocab.rule("months_capitalised") and not capital:
        return None
    if w in vocab.words("planet_months") and capital and i > 0 and toks[i - 1].kind == "word":
        return None  # the planet
    if len(w) <= 4 and w not in vocab.words("whole_short_months"):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is None or not (
            nxt.text == "." or (vocab.rule("short_month_before_number") and nxt.kind == "num")
        ):
            return None  # "Jan." "Feb" ... only with their dot or a day or year next to them
    if w in vocab.words("ambiguous_months") and not _month_context(toks, i, vocab):
        return None
    return m


def _month_context(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> bool:
    """A number or a date word next to an ambiguous month name ("in May", "May 5")."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return (
        (nxt is not None and nxt.kind == "num")
        or (i > 0 and toks[i - 1].kind == "num")
        or (i > 0 and toks[i - 1].low in vocab.words("ambiguous_month_after"))
    )


def _weekday_at(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> int | None:
    t = toks[i]
    if t.kind != "word":
        return None
    if vocab.rule("weekdays_capitalised") and not t.text[0].isupper():
        return None
    return vocab.weekdays.get(t.low)


_Parsed = tuple["_Date | tuple[str, int]", int]
# A date reader looks at ``toks[i]``: None when it has nothing to say, else (date or None, end);
# a None date means "no date here" and stops the readers after it.
_Reader = Callable[
    [tuple[_Tok, ...], int, FigureWords], "tuple[_Date | tuple[str, int] | None, int] | None"
]


def _parse_date(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> _Parsed | None:
    """A date starting at ``toks[i]``: (date or (relative unit, offset), end index)."""
    for read in _DATE_READERS:
        hit = read(toks, i, vocab)
        if hit is not None:
            date, end = hit
            return None if date is None else (date, end)
    return None


def _weekday_date(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> _Parsed | None:
    """ "Tuesday", "mardi matin", "Tuesday, January 17", "le mardi 17 janvier", "next Thursday",
    "jeudi prochain"."""
    n = len(toks)
    lean = vocab.relative_before.get(toks[i].low, 0) if toks[i].kind == "word" else 0
    if lean and i + 1 < n and _weekday_at(toks, i + 1, vocab) is not None:
        hit = _weekday_date(toks, i + 1, vocab)
        if hit is not None and isinstance(hit[0], _Date):
            return hit[0]._replace(direction=2 if lean > 0 else -1), hit[1]
    wd = _weekday_at(toks, i, vocab)
    if wd is None:
        return None
    j = i + 1
    if j < n and toks[j].text == "," and j + 1 < n:
        j += 1
    if j < n and toks[j].low in _DATE_ARTICLES:
        j += 1
    inner = (
        _parse_date(toks, j, vocab)
        if j < n and (toks[j].kind == "num" or _month_at(toks, j, vocab) is not None)
        else None
    )
    if inner is not None and isinstance(inner[0], _Date) and inner[0].day is not None:
        d = inner[0]
        return _Date(d.year, d.month, d.day, wd), inner[1]
    day = _day_num(toks[j]) if inner is None and j < n else None
    if day is not None and day <= 31 and (j + 1 >= n or toks[j + 1].kind != "num"):
        after = toks[j + 1] if j + 1 < n else None
        if after is None or after.kind == "sym" or after.low in _DAY_RANGE_TO:
            return _Date(None, None, day, wd), j + 1  # "dans la nuit du mardi 24 au mercredi 25"
    j = i + 1
    if j < n and toks[j].low in _DAYPARTS:
        j += 1
    lean = vocab.relative_after.get(toks[j].low, 0) if j < n and toks[j].kind == "word" else 0
    if lean:
        return _Date(None, None, None, wd, direction=2 if lean > 0 else -1), j + 1
    return _Date(None, None, None, wd), j


#: How far back (in tokens, within the clause) a future-tense word sets a date ahead.
_FUTURE_REACH = 8


def _leaning(parsed: _Date, toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> _Date:
    """A weekday or a month without a year that the clause puts in the future ("will meet on
    Thursday", "elections will be held in November") set after the article's date."""
    undated = parsed.month is None and parsed.weekday is None
    if parsed.year is not None or parsed.direction or undated:
        return parsed
    return parsed._replace(direction=1) if _future_before(toks, i, vocab) else parsed


def _future_before(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> bool:
    """Whether the clause before ``toks[i]`` is in the future tense ("will meet Putin on
    Thursday", "se réuniront en mars"): a word of the language's ``future_words`` or two of its
    ``future_phrases`` ("set for"), or a lower-case verb with one of its ``future_endings``,
    within :data:`_FUTURE_REACH` tokens and no punctuation between."""
    words = vocab.words("future_words")
    endings = tuple(vocab.words("future_endings"))
    phrases = {tuple(p.split()) for p in vocab.rule("future_phrases")}
    for k in range(i - 1, max(-1, i - 1 - _FUTURE_REACH), -1):
        t = toks[k]
        if t.kind == "sym" and t.text not in "'’-":
            return False
        if t.kind != "word":
            continue
        if t.low in words or (t.low, toks[k + 1].low) in phrases:
            return True
        if endings and len(t.low) >= 6 and t.text.islower() and t.low.endswith(endings):
            return True
    return False


def _day_of_the_month(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> _Parsed | None:
    """A day of the month alone opening a sentence before a comma, as French chronologies write
    the days after the first of a month ("Le 8 janvier, l'OMS… Le 11, premier mort en Chine"):
    the day of the month nearest the date it is read against. Not "Le 11 a gagné" (no comma),
    and not a count ("11 dead")."""
    t = toks[i]
    if i != 1 or t.kind != "num" or toks[0].low not in vocab.words("day_alone_before"):
        return None
    day = _day_num(t)
    if day is None or i + 1 >= len(toks) or toks[i + 1].text != ",":
        return None
    return _Date(None, None, day, None), i + 1


def _numeric_date(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> _Parsed | None:
    """A date in digits: "11/09/2001", "9/11/2001", "2001-09-11", "11.09.2001", the day or the
    month first as the language writes it unless a number above 12 settles it; a day and month
    alone where the language names one ("9/11") or after a date article ("le 14/9")."""
    t = toks[i]
    if t.kind != "num":
        return None
    dotted = t.text.split(".")
    if len(dotted) == 3 and len(dotted[2]) == 4:  # dots are written day first
        return _valid_date(int(dotted[2]), int(dotted[1]), int(dotted[0]), i + 1)
    if not t.text.isdigit() or i + 1 >= len(toks) or toks[i + 1].text not in ("/", "-"):
        return None
    parts = _joined_groups(toks, i, toks[i + 1].text)
    end = i + 2 * len(parts) - 1
    if end < len(toks) and toks[end].glued and toks[end].text not in ",.;:)":
        return None  # more glued on: no date
    month_first = bool(vocab.rule("numeric_month_first"))
    if len(parts) == 2 and toks[i + 1].text == "/":
        named = vocab.rule("named_days").get("/".join(parts))
        if named is not None:
            return _Date(None, named // 100, named % 100, None), end
        if i > 0 and toks[i - 1].low in vocab.words("day_month_after"):
            a, b = int(parts[0]), int(parts[1])
            return _valid_date(None, *((a, b) if month_first else (b, a)), end)
        return None
    if len(parts) != 3:
        return None
    if len(parts[0]) == 4:
        return _valid_date(int(parts[0]), int(parts[1]), int(parts[2]), end)
    if len(parts[2]) != 4 or max(len(parts[0]), len(parts[1])) > 2:
        return None
    a, b = int(parts[0]), int(parts[1])
    m, d = (a, b) if b > 12 or (a <= 12 and month_first) else (b, a)
    return _valid_date(int(parts[2]), m, d, end)


def _valid_date(year: int | None, month: int, day: int, end: int) -> _Parsed | None:
    ok = 1 <= month <= 12 and 1 <= day <= 31 and (year is None or 1000 <= year <= 2100)
    return (_Date(year, month, day, None), end) if ok else None


def _day_first(
    toks: tuple[_Tok, ...], i: int, vocab: FigureWords
) -> tuple[_Date | None, int] | None:
    """Day then month [year], in both languages: "17 January 2019", "1er janvier", "22-23 mai"."""
    day = _day_num(toks[i])
    if day is None:
        return None
    n = len(toks)
    j = _skip_ordinal(toks, i + 1)
    day_end, j = _day_range_end(toks, j, day)
    if j + 1 < n and toks[j].text == "-" and toks[j].glued and toks[j + 1].glued:
        j += 1  # "le 11-Septembre", the day named by what happened on it
    if j < n and toks[j].low in _MONTH_OF:
        j += 1
    m = _month_at(toks, j, vocab) if j < n else None
    if m is None:
        return None, i  # a small number that is no day of a month
    k = j + 1
    if k < n and toks[k].text == "." and toks[j].low in _MONTH_ABBREVIATIONS:
        k += 1
    if k + 1 < n and toks[k].text == "," and _year_after_month(toks[k + 1]) is not None:
        return _Date(_year_after_month(toks[k + 1]), m, day, None, None, day_end), k + 2
    if k < n and _year_after_month(toks[k]) is not None:
        return _Date(_year_after_month(toks[k]), m, day, None, None, day_end), k + 1
    return _Date(None, m, day, None, None, day_end), k


def _month_first(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> _Parsed | None:
    """Month first: "January 17, 2019", "Jan. 17", "March 2019", "janvier", "novembre dernier"."""
    m = _month_at(toks, i, vocab)
    if m is None:
        return None
    n = len(toks)
    j = i + 1
    if j < n and toks[j].text == "." and toks[j].glued and toks[i].low in _MONTH_ABBREVIATIONS:
        j += 1  # "Jan.", "févr."
    if vocab.rule("day_after_month") and j < n:
        with_day = _month_day(toks, j, m)
        if with_day is not None:
            return with_day
    if j < n and toks[j].text == "," and j + 1 < n and _year_after_month(toks[j + 1]):
        return _Date(_year_after_month(toks[j + 1]), m, None, None), j + 2
    if j < n and _year_after_month(toks[j]) is not None:
        return _Date(_year_after_month(toks[j]), m, None, None), j + 1
    if j + 1 < n and toks[j].low in _MONTH_OF and _year_after_month(toks[j + 1]) is not None:
        return _Date(_year_after_month(toks[j + 1]), m, None, None), j + 2  # "July of 2003"
    # "novembre dernier"; "last November" is handled by _parse_relative
    if j < n and toks[j].low in vocab.words("month_last_after"):
        return ("month-name-last", m), j + 1
    if j < n and vocab.relative_after.get(toks[j].low, 0) > 0:
        return _Date(None, m, None, None, direction=2), j + 1  # "mars prochain"
    return _Date(None, m, None, None), j


def _month_day(toks: tuple[_Tok, ...], j: int, m: int) -> _Parsed | None:
    """The day [and year] after a month: "January 17", "January 17-18, 2019"."""
    n = len(toks)
    dd = _day_num(toks[j])
    if dd is None:
        return None
    k = _skip_ordinal(toks, j + 1)
    d_end, k = _day_range_end(toks, k, dd)
    if k < n and toks[k].text == "," and k + 1 < n and _year_after_month(toks[k + 1]):
        return _Date(_year_after_month(toks[k + 1]), m, dd, None, None, d_end), k + 2
    if k < n and _year_after_month(toks[k]) is not None:
        return _Date(_year_after_month(toks[k]), m, dd, None, None, d_end), k + 1
    return _Date(None, m, dd, None, None, d_end), k


def _decade(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> _Parsed | None:
    """ "the 1990s", "the 1990's", "les années 1990", "années 90", "the 80s", "the '80s", "the
    early 60's"."""
    t = toks[i]
    n = len(toks)
    y = _year_num(t)
    s = i + 2 if i + 2 < n and toks[i + 1].low == "'" and toks[i + 1].glued else i + 1
    plural = t.kind == "num" and s < n and toks[s].glued and toks[s].low == "s"
    if plural and y is not None and y % 10 == 0:
        return _Date(y, None, None, None, y + 9), s + 1
    if plural and len(t.text) == 2 and t.text.isdigit() and int(t.text) % 10 == 0:
        # two digits only after "the", "early", "mid", "late": "in their 80s" is an age
        k = i - 2 if i >= 2 and toks[i - 1].low == "'" and t.glued else i - 1
        if _decade_of_life_at(toks, i):
            return None  # "in his late 60s": an age
        if k >= 0 and toks[k].low in _DECADE_SHORT_BEFORE:
            v = int(t.text) + (1900 if int(t.text) >= 20 else 2000)
            return _Date(v, None, None, None, v + 9), s + 1
    words = _decade_in_words(toks, i, vocab)
    if words is not None:
        return words
    # "les années 30 et 40", "années 1950 à 1960": the second number is a decade too
    listed = (
        i >= 3
        and toks[i - 1].low in _YEAR_RANGE_TO
        and toks[i - 2].kind == "num"
        and toks[i - 3].low in _DECADE_BEFORE
    )
    if (
        i > 0
        and (toks[i - 1].low in _DECADE_BEFORE or listed)
        and t.kind == "num"
        and t.text.isdigit()
    ):
        v = int(t.text)
        if len(t.text) == 2 and v % 10 == 0:
            v += 1900 if v >= 20 else 2000
        if 1800 <= v <= 2100 and v % 10 == 0:
            return _Date(v, None, None, None, v + 9), i + 1
    return None


def _decade_of_life_at(toks: tuple[_Tok, ...], i: int) -> bool:
    """Whether the decade written at ``toks[i]`` ("60s", "sixties") comes after a possessive,
    with "early", "mid" or "late" between or not: "in his late 60s" is an age, not the 1960s."""
    k = i - 1
    if k >= 0 and toks[k].low in _DECADE_SHORT_BEFORE:
        k -= 1
    return k >= 0 and toks[k].low in _AGE_DECADE_BEFORE


def _decade_in_words(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> _Parsed | None:
    """ "the seventies", "the late sixties", "les années soixante-dix": a decade of the 1900s
    (not "in their seventies", an age)."""
    t = toks[i]
    if t.kind != "word" or i == 0:
        return None
    named = vocab.rule("decade_words") or {}
    if t.low in named:
        if _decade_of_life_at(toks, i) or toks[i - 1].low not in _DECADE_SHORT_BEFORE:
            return None  # "in his late sixties" is an age
        v = 1900 + int(named[t.low])
        return _Date(v, None, None, None, v + 9), i + 1
    if toks[i - 1].low not in _DECADE_BEFORE:
        return None
    num = _parse_words(toks, i, vocab)
    if num is None or num.value is None or num.shape != "exact":
        return None
    v = int(num.value)
    if num.value != v or not 20 <= v <= 90 or v % 10:
        return None
    return _Date(1900 + v, None, None, None, 1909 + v), num.end


def _year_after_month(tok: _Tok) -> int | None:
    """A year written after a month ("16 May 1485", "2 novembre 2120"): any four digits from
    1000, where a count would make no sense."""
    if tok.kind != "num" or not tok.text.isdigit() or len(tok.text) != 4:
        return None
    y = int(tok.text)
    return y if y >= 1000 else None


def _four_digits_at(toks: tuple[_Tok, ...], k: int) -> int | None:
    ok = 0 <= k < len(toks) and toks[k].kind == "num" and toks[k].text.isdigit()
    return int(toks[k].text) if ok and len(toks[k].text) == 4 else None


def _early_year(toks: tuple[_Tok, ...], i: int) -> int | None:
    """A year before 1800, read only where a year is expected: after a word that introduces one
    ("in 1544", "en 1544", "since 1650", "in about 1544") or in a span of years ("(1553 -
    1641)", a life); a four-digit number elsewhere counts something."""
    y = _four_digits_at(toks, i)
    if y is None or not 1000 <= y < 1800:
        return None
    if (i > 0 and toks[i - 1].low in _YEAR_BEFORE) or _approximate_year(toks, i):
        return y
    j = i + 1
    while j < len(toks) and j - i <= 2 and toks[j].text in "-‐–—":
        j += 1
    other = _four_digits_at(toks, j) if j > i + 1 else None
    if other is not None and y < other <= y + 120:
        return y
    k = i - 1
    while k >= 0 and i - k <= 2 and toks[k].text in "-‐–—":
        k -= 1
    other = _four_digits_at(toks, k) if k < i - 1 else None
    if other is not None and other < y <= other + 120:
        return y
    return None


def _year(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> _Parsed | None:
    """A year, or a range of years: "2014-2016", "2014-16", "from 2014 to 2016", "entre 2014
    et 2016"; not a four-digit count ("1500 soldiers", "some 2000")."""
    y = _year_num(toks[i]) or _early_year(toks, i)
    if y is None or _is_count_year(toks, i, vocab):
        return None
    n = len(toks)
    j = i + 1
    if j + 1 < n and toks[j].text in "-–‐/" and toks[j + 1].kind == "num":
        y2 = _year_num(toks[j + 1])
        if y2 is None and len(toks[j + 1].text) == 2 and toks[j + 1].text.isdigit():
            y2 = (y // 100) * 100 + int(toks[j + 1].text)
        if y2 is not None and y < y2 <= y + 50:
            return _Date(y, None, None, None, y2), j + 2
    if j + 1 < n and toks[j].low in _YEAR_RANGE_TO:
        prev = toks[i - 1].low if i > 0 else ""
        y2 = _year_num(toks[j + 1])
        if (
            y2 is not None
            and y < y2
            and prev in _YEAR_RANGE_FROM
            and not _is_count_year(toks, j + 1, vocab)
        ):
            return _Date(y, None, None, None, y2), j + 2
    return _Date(y, None, None, None), i + 1


def _day_range_end(toks: tuple[_Tok, ...], j: int, day: int) -> tuple[int | None, int]:
    """The last day of "22 and 23", "22-23", "22 au 25", "14 et le 24", "the 14th and the 24th"
    after a first day: (day, index)."""
    n = len(toks)
    if j + 1 < n and (toks[j].low in _DAY_RANGE_TO or toks[j].text in ("-", "–")):
        k = j + 2 if j + 2 < n and toks[j + 1].low in _DATE_ARTICLES else j + 1
        d2 = _day_num(toks[k])
        if d2 is not None and d2 > day:
            return d2, _skip_ordinal(toks, k + 1)
    return None, j


def _is_count_year(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> bool:
    """True when a four-digit number in the year range counts something instead."""
    n = len(toks)
    j = i + 1
    if j < n:
        nxt = toks[j]
        if nxt.kind == "sym" and nxt.text in "%$€£":
            return True
        if nxt.kind == "word":
            if nxt.low in _CONCEPT_WORDS or _unit_at(toks, j)[0] is not None:
                return True
            if nxt.low in _CURRENCY_WORDS or nxt.low in _ALL_MULTIPLIERS:
                return True
            if nxt.low in _YEAR_NOT_BEFORE or (
                nxt.low in _DURATIONS and nxt.low not in _YEAR_NOT_DURATIONS
            ):
                return True
    if i > 0:
        prev = toks[i - 1]
        if prev.kind == "sym" and prev.text in _CURRENCY_SYMBOLS:
            return True
        if _qualifier_before(toks, i) is not None:
            return not _approximate_year(toks, i)
    return False


def _approximate_year(toks: tuple[_Tok, ...], i: int) -> bool:
    """Whether the qualifier before a four-digit number makes a year approximate: "circa 1748",
    "in about 1748", "since around 1990"; and from 1800 to 2100 where the phrase ends after it,
    "named around 1870.", "optimistic about 2020 and" (not "about 1900 people" nor "about 1900
    of them", something counted, nor "died about 1748.", which may be either)."""
    k = _qualifier_start(toks, i) if _four_digits_at(toks, i) is not None else None
    if k is None:
        return False
    if toks[k].low in _YEAR_QUALIFIERS or (k > 0 and toks[k - 1].low in _YEAR_BEFORE):
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    ends = nxt is None or (nxt.kind == "sym" and nxt.text in ",.;:)!?") or nxt.low in _BETWEEN_AND
    return ends and _year_num(toks[i]) is not None


def _parse_relative(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> _Parsed | None:
    """ "last week", "cette semaine", "la semaine dernière", "last November", "yesterday",
    "aujourd'hui": ((unit or "month-name-last", offset or month), end index); "next March": the
    first March after the article's date."""
    n = len(toks)
    w = toks[i].low
    nxt = toks[i + 1].low if i + 1 < n else ""
    nxt2 = toks[i + 2].low if i + 2 < n else ""
    unit = vocab.relative_units.get(nxt)
    if unit is not None and w in vocab.relative_before:
        return (unit, vocab.relative_before[w]), i + 2
    if unit is not None and w in vocab.words("relative_articles"):
        if nxt2 in vocab.relative_after:
            return (unit, vocab.relative_after[nxt2]), i + 3
        return None
    if w in vocab.words("month_last_before") and i + 1 < n and toks[i + 1].kind == "word":
        m = vocab.months.get(nxt)
        if m is not None and toks[i + 1].text[0].isupper():
            return ("month-name-last", m), i + 2
    if vocab.relative_before.get(w, 0) > 0 and i + 1 < n and toks[i + 1].text[0].isupper():
        month = _month_first(toks, i + 1, vocab)  # "next March", "next February 19"
        if month is not None and isinstance(month[0], _Date) and month[0].year is None:
            return month[0]._replace(direction=2), month[1]
    for phrase, offset in vocab.relative_days.items():
        if tuple(t.low for t in toks[i : i + len(phrase)]) == phrase:
            return ("day", offset), i + len(phrase)
    return None


# first match wins
_DATE_READERS: tuple[_Reader, ...] = (
    _day_of_the_month,
    _numeric_date,
    _weekday_date,
    _parse_relative,
    _decade,  # before days: "the 20s", "les années 30" are no days of a month
    _day_first,
    _month_first,
    _year,
)
