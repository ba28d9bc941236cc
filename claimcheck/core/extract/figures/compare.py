"""How two figures compare, how precise a figure is, and how well two line up."""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from claimcheck.core.extract.figures.lexicon import (
    _ALL_MONTHS,
    _ALL_WEEKDAYS,
    _DURATIONS,
    _PEOPLE_CONCEPTS,
)
from claimcheck.core.extract.figures.tokens import _tokenize
from claimcheck.core.extract.figures.units import _unit_at
from claimcheck.core.extract.names import fold_text
from claimcheck.core.types import Figure

# --- comparison ----------------------------------------------------------------------------------

_CONVERSION_TOL = 0.05


def _shape(f: Figure) -> str:
    if f.value is None:
        return "magnitude"
    if not f.approximate:
        if f.low is not None and f.high is not None and f.high > f.low:
            return "range"
        return "exact"
    if f.high is None:
        return "lower"
    if f.low is None:
        return "upper"
    if f.high == f.value and f.low < f.value:
        return "near"
    if f.low < f.value < f.high:
        return "about"
    return "exact"


def _interval(f: Figure) -> tuple[float, float]:
    if f.low is None and f.high is None:
        v = f.value if f.value is not None else 0.0
        return v, v
    lo = f.low if f.low is not None else float("-inf") if f.kind == "quantity" else 0.0
    hi = f.high if f.high is not None else float("inf")
    return lo, hi


def _eq(x: float, y: float, tol: float) -> bool:
    return abs(x - y) <= tol * max(abs(x), abs(y)) + 1e-9


@lru_cache(maxsize=4096)
def _source_factor(text: str) -> float | None:
    """The conversion factor of the first unit written in a figure's text."""
    toks = _tokenize(text)
    for j in range(len(toks)):
        if toks[j].kind == "word" or toks[j].text == "°":
            u, _ = _unit_at(toks, j)
            if u is not None:
                return u[1]
            if toks[j].low in _DURATIONS:
                return _DURATIONS[toks[j].low]
    return None


def _tolerance(a: Figure, b: Figure) -> float:
    if a.kind in ("quantity", "duration"):
        fa, fb = _source_factor(a.text), _source_factor(b.text)
        if fa is not None and fb is not None and not _eq(fa, fb, 1e-6):
            return _CONVERSION_TOL  # one side converted and rounded
    return 1e-6


#: One number written in a figure: digits with the separators of thousands and decimals.
_NUMERAL = re.compile(r"\d(?:[\d\u00a0\u202f .,']*\d)?")


def written_step(f: Figure) -> float | None:
    """The step of the last written digit of an exact number, in its value's unit: 0.1 for
    "51,9 %", 0.01 for "51.89%", 100,000 for "17.4 million", 1 for "1,500". ``None`` when the
    figure writes no single numeral ("between 10 and 20", "five")."""
    if f.value is None or f.approximate:
        return None
    numerals = _NUMERAL.findall(f.text)
    if len(numerals) != 1:
        return None
    digits = int("".join(ch for ch in numerals[0] if ch.isdigit()))
    return abs(f.value) / digits if digits else None


def _rounded(a: Figure, b: Figure) -> bool:
    """Whether one exact number is the other rounded to the digits it writes, two of them at
    least: "51,9 %" against "51.89%", "52%" against "51.9%", "17 million" against "17.4
    million". Not "1,500" against "1,540" (both written to the unit: counts, not roundings), nor
    "$3" against "$2.60" or "5" against "5.5" (one digit is too coarse to call it the same
    figure)."""
    step_a, step_b = written_step(a), written_step(b)
    if step_a is None or step_b is None or a.value is None or b.value is None:
        return False
    coarse, value = (step_a, a.value) if step_a > step_b else (step_b, b.value)
    if coarse <= min(step_a, step_b) * (1 + 1e-9) or abs(value) < 10 * coarse * (1 - 1e-9):
        return False
    return abs(a.value - b.value) <= coarse / 2 * (1 + 1e-9)


def _compare_numbers(a: Figure, b: Figure) -> str:
    tol = _tolerance(a, b)
    sa, sb = _shape(a), _shape(b)
    if sa == sb == "exact" and not _eq(a.value or 0.0, b.value or 0.0, tol) and _rounded(a, b):
        return "refines"
    if sa == sb:
        if sa == "magnitude" or sa == "range":
            la, ha = _interval(a)
            lb, hb = _interval(b)
            if _eq(la, lb, tol) and _eq(ha, hb, tol):
                return "agree"
            if sa == "range":
                return "differs"
            return "refines" if la <= hb and lb <= ha else "differs"
        assert a.value is not None and b.value is not None
        return "agree" if _eq(a.value, b.value, tol) else "differs"
    point = ("exact", "about", "near")
    if sa in point and sb in point:
        assert a.value is not None and b.value is not None
        if _eq(a.value, b.value, tol):
            return "agree"
        exact, other = (a, b) if sa == "exact" else (b, a) if sb == "exact" else (None, None)
        if exact is not None and other is not None:
            lo, hi = _interval(other)
            assert exact.value is not None
            if lo * (1 - tol) <= exact.value <= hi * (1 + tol):
                return "refines"
        return "differs"
    la, ha = _interval(a)
    lb, hb = _interval(b)
    slack_a = tol * max(abs(la), abs(ha) if ha != float("inf") else abs(la))
    slack_b = tol * max(abs(lb), abs(hb) if hb != float("inf") else abs(lb))
    slack = max(slack_a, slack_b)
    if ha + slack < lb or hb + slack < la:
        return "differs"
    if _eq(la, lb, tol) and (ha == hb or _eq(ha, hb, tol)):
        return "agree"
    return "refines"


class _DateView(NamedTuple):
    lo: int | None  # ordinal range when the year is known
    hi: int | None
    month: int | None
    day: int | None
    weekday: int | None
    rel: str | None
    time: int | None


def _date_view(f: Figure) -> _DateView:
    unit = f.unit or ""
    if unit == "time":
        return _DateView(None, None, None, None, None, None, int(f.value or 0))
    if unit.startswith("date:rel"):
        return _DateView(None, None, None, None, None, f"{unit}:{f.value}", None)
    if unit == "date:wd":
        return _DateView(None, None, None, None, int(f.value or 0), None, None)
    if unit == "date:md":
        if f.low is None:
            return _DateView(None, None, None, None, None, None, None)
        md_day = int(f.low) % 100 if f.value is not None else None
        return _DateView(None, None, int(f.low) // 100, md_day, None, None, None)
    lo = int(f.low) if f.low is not None else None
    hi = int(f.high) if f.high is not None else lo
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    if lo is not None and hi is not None:
        d0, d1 = _dt.date.fromordinal(lo), _dt.date.fromordinal(hi)
        if (d0.year, d0.month) == (d1.year, d1.month):
            month = d0.month
        if lo == hi:
            day, weekday = d0.day, d0.weekday()
    return _DateView(lo, hi, month, day, weekday, None, None)


def month_and_day(f: Figure) -> tuple[int, int] | None:
    """The month and day a date figure gives ("Feb 24" without its year, "24 février 2022"), if
    it gives both."""
    if f.kind != "date":
        return None
    v = _date_view(f)
    return (v.month, v.day) if v.month is not None and v.day is not None else None


_DAY_NUMBER = re.compile(r"(?<!\d)(?:[1-9]|0[1-9]|[12]\d|3[01])(?!\d)")


def writes_day_numbers(f: Figure) -> bool:
    """Whether a date writes a day or a few days of a month as numbers ("24 February", "2-3
    avril", "April 10-11"), whether or not its year is known."""
    if f.kind != "date":
        return False
    v = _date_view(f)
    return (
        v.month is not None
        and v.time is None
        and v.rel is None
        and _DAY_NUMBER.search(f.text) is not None
    )


def figure_granularity(f: Figure) -> str:
    """How precise a figure is: for dates day, week, month, year, decade, weekday, time or
    relative; for other kinds the shape (exact, about, near, lower, upper, range, magnitude)."""
    if f.kind != "date":
        return _shape(f)
    v = _date_view(f)
    if v.time is not None:
        return "time"
    if v.rel is not None:
        return "relative"
    if v.lo is None:
        if v.weekday is not None:
            return "weekday"
        return "day" if v.day is not None else "month"
    assert v.hi is not None
    span = v.hi - v.lo
    if span == 0:
        return "day"
    if span <= 7:
        return "week"
    if span <= 31:
        return "month"
    if span <= 366:
        return "year"
    return "decade"


_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _compare_dates(a: Figure, b: Figure) -> str:
    va, vb = _date_view(a), _date_view(b)
    if va.time is not None or vb.time is not None:
        if va.time is not None and vb.time is not None:
            return "agree" if va.time == vb.time else "differs"
        return "refines"
    if va.rel is not None or vb.rel is not None:
        if va.rel is not None and vb.rel is not None:
            return "agree" if va.rel == vb.rel else "differs"
        return "refines"
    if va.lo is not None and vb.lo is not None:
        assert va.hi is not None and vb.hi is not None
        if (va.lo, va.hi) == (vb.lo, vb.hi):
            return "agree"
        if va.hi < vb.lo or vb.hi < va.lo:
            return "differs"
        if len(_FOUR_DIGITS.findall(a.text)) > 1 and len(_FOUR_DIGITS.findall(b.text)) > 1:
            return "differs"  # "2001 to 2005" / "2004 to 2005": both give the span, not the same
        return "refines"
    # at least one side without a year
    if (
        va.weekday is not None
        and vb.weekday is not None
        and ((va.lo is None and va.month is None) or (vb.lo is None and vb.month is None))
    ):
        if va.weekday != vb.weekday:
            return "differs"
        return "agree" if va.lo is None and vb.lo is None else "refines"
    if (va.lo is None and va.month is None) or (vb.lo is None and vb.month is None):
        return "refines"  # a weekday against a month: nothing to check
    if va.month is None or vb.month is None:
        return "refines"  # a year against a month and day without year
    if va.month != vb.month:
        return "differs"
    if va.day is not None and vb.day is not None:
        if va.day != vb.day:
            return "differs"
        return "agree" if va.lo == vb.lo else "refines"
    if va.day is None and vb.day is None and va.lo is None and vb.lo is None:
        return "agree"
    return "refines"


def dates_differ_as_written(a: Figure, b: Figure) -> bool:
    """Whether two dates differ in what both texts write: two weekday names, two months, two days
    of one month, or two years. Not a difference that only reading them against each article's
    date makes ("Thursday" in articles of different weeks, "January" in different years), nor
    one between different forms ("Tuesday" / "2015", "March" / "Monday"), clock times or
    "yesterday"."""
    if a.kind != "date" or b.kind != "date":
        return False
    if {figure_granularity(a), figure_granularity(b)} & {"time", "relative"}:
        return False
    years_a, years_b = set(_YEAR_WORD.findall(a.text)), set(_YEAR_WORD.findall(b.text))
    if years_a and years_b and years_a.isdisjoint(years_b):
        return True
    va, vb = _date_view(a), _date_view(b)
    folded = (fold_text(a.text), fold_text(b.text))
    months = [_MONTH_WORD.search(t) is not None for t in folded]
    if all(months):
        if va.month is None or vb.month is None:
            return False
        if va.month != vb.month:
            return True
        return va.day is not None and vb.day is not None and va.day != vb.day
    if any(months):
        # a day of the month alone ("Le 8," in a chronology) against a day with its month
        # ("January 19"): two days as written when their numbers differ
        lone = b if months[0] else a
        return (
            not _YEAR_WORD.search(lone.text)
            and not any(ch in lone.text for ch in "/.-")
            and figure_granularity(lone) == "day"
            and va.day is not None
            and vb.day is not None
            and va.day != vb.day
        )
    if any(ch.isdigit() for ch in a.text + b.text):
        return False
    # weekday names written on both sides (a resolved weekday keeps its weekday; "yesterday"
    # resolved to a day writes none)
    if not all(_WEEKDAY_WORD.search(t) for t in folded):
        return False
    return va.weekday is not None and vb.weekday is not None and va.weekday != vb.weekday


def compare_figures(a: Figure, b: Figure) -> str:
    """How two figures compare: ``agree`` (same value within tolerance, conversions included),
    ``refines`` (compatible, one more precise: "300" vs "hundreds", "January 17" vs "janvier")
    or ``differs`` (incompatible, or not the same kind of measure at all)."""
    if a.kind != b.kind:
        ya, yb = _four_digits(a), _four_digits(b)
        return "agree" if ya is not None and ya == yb else "differs"
    if is_label(a) or is_label(b):  # "Boeing 737", "6-4": the same number or another one
        return "agree" if a.unit == b.unit and a.value == b.value else "differs"
    if a.kind == "date":
        return _compare_dates(a, b)
    if a.kind == "money" and a.unit != b.unit and _same_currency(a, b):
        # "$26,500 a year" against "$26,500": the same amount, one says what period it is for;
        # "$15 an hour" against "$15 a day" differ
        if "/" in (a.unit or "") and "/" in (b.unit or ""):
            return "differs"
        status = _compare_numbers(a, b)
        return "refines" if status == "agree" else status
    if a.kind in ("quantity", "money", "percent", "duration") and a.unit != b.unit:
        return "differs"
    return _compare_numbers(a, b)


def _same_currency(a: Figure, b: Figure) -> bool:
    """Whether two amounts are in one currency, whatever period each is per ("usd/hour")."""
    return (a.unit or "").split("/")[0] == (b.unit or "").split("/")[0]


_SCORE = {"agree": 3.0, "refines": 2.0, "differs": 1.0}


_MONTH_WORD = re.compile(
    r"(?i)\b(?:" + "|".join(sorted(_ALL_MONTHS, key=len, reverse=True)) + r")\b"
)
_YEAR_WORD = re.compile(r"\b(?:1\d|20)\d\d\b")
_WEEKDAY_WORD = re.compile(
    r"(?i)\b(?:" + "|".join(sorted(_ALL_WEEKDAYS, key=len, reverse=True)) + r")\b"
)


def _states_same_part(a: Figure, b: Figure, level: int) -> bool:
    """Whether both dates write out the part they are compared on (the month for a month, the
    year for a year), so a difference is stated rather than inferred from the article's date."""
    if level == 2:
        return all(_MONTH_WORD.search(fold_text(f.text)) for f in (a, b))
    if level in (3, 4):
        return all(_YEAR_WORD.search(f.text) for f in (a, b))
    return False


def _four_digits(f: Figure) -> int | None:
    text = f.text.strip()
    return int(text) if len(text) == 4 and text.isdigit() else None


def _year_or_number(a: Figure, b: Figure) -> bool:
    """Whether one figure is a year and the other the same four digits read as a bare number (no
    counted noun): one outlet's year outside the range read as years, or a year left bare."""
    date, other = (a, b) if a.kind == "date" else (b, a)
    return (
        date.kind == "date"
        and other.kind == "figure"
        and other.unit is None
        and _four_digits(date) is not None
        and _four_digits(other) is not None
    )


def is_label(f: Figure) -> bool:
    """Whether ``f`` names one thing rather than measuring it: an id ("Boeing 737", "#3") or a
    score ("6-4"), whose unit starts with ``#``."""
    return f.unit is not None and f.unit.startswith("#")


def _concept_relation(a: str | None, b: str | None) -> str:
    """same, unknown (one side names nothing), similar, different, or weak (two unknown nouns)."""
    if a is None or b is None:
        return "unknown"
    if a == b:
        return "same"
    if a.startswith("~") or b.startswith("~"):
        if a.startswith("~") and b.startswith("~") and fuzz.ratio(a[1:], b[1:]) >= 75:
            return "similar"
        if a.startswith("~") != b.startswith("~"):
            known, stem = (b, a[1:]) if a.startswith("~") else (a, b[1:])
            if stem.startswith(known[:4]) or known.startswith(stem[:4]):
                return "similar"
        return "weak"
    if {a, b} & {"dead", "injured"} and {a, b} & _PEOPLE_CONCEPTS:
        return "weak"  # "20 people died" read as people on one side, dead on the other
    return "different"


#: Two counts of things not known to be the same, this many times apart or more, are two
#: counts (a changed figure is seldom off by more than a digit).
_COUNT_RATIO = 10.0


def _orders_apart(a: Figure, b: Figure) -> bool:
    """Whether two counts differ by at least :data:`_COUNT_RATIO` times, ranges included."""
    la, ha = _interval(a)
    lb, hb = _interval(b)
    if min(la, lb) <= 0:
        return False
    return max(la, lb) >= _COUNT_RATIO * min(ha, hb)


def figure_affinity(a: Figure, b: Figure) -> tuple[float, bool] | None:
    """How well two figures from different outlets line up as the same measurement.

    Returns ``None`` when they cannot measure the same thing (different kinds, dimensions or
    counted nouns, a date against a clock time), else ``(score, strong)``: the score ranks
    candidate pairs (agreeing pairs first) and ``strong`` is False for pairs that should only be
    made when each side has nothing else left (two unrelated counted nouns, two currencies).
    """
    if a.kind != b.kind:
        if _year_or_number(a, b):  # "in 1790" read as a year, "en 2327" as a number
            return _SCORE[compare_figures(a, b)], False
        return None
    if is_label(a) or is_label(b):  # ids and scores line up only with the same label
        return (_SCORE[compare_figures(a, b)] + 0.5, True) if a.unit == b.unit else None
    strong = True
    bonus = 0.0
    if a.kind == "date":
        ga, gb = figure_granularity(a), figure_granularity(b)
        if "time" in (ga, gb) and ga != gb:
            return None
        if "relative" in (ga, gb) and _date_view(a).rel != _date_view(b).rel:
            # an unresolved "today" lines up only with the same word: against a written date,
            # or "yesterday" in another article of unknown date (written a day apart, one day),
            # it neither agrees nor differs
            return None
        if "weekday" in (ga, gb) and not {ga, gb} <= {"weekday", "day"}:
            return None
        va, vb = _date_view(a), _date_view(b)
        if (va.lo is None) != (vb.lo is None) and {ga, gb} & {"year", "decade"}:
            return None  # "May 10" with no year against "2015": nothing to line up
        status = _compare_dates(a, b)
        coarse = {"day": 0, "weekday": 0, "week": 1, "month": 2, "year": 3, "decade": 4}
        if (
            status == "differs"
            and coarse.get(ga, 9) != coarse.get(gb, 9)
            and not _states_same_part(a, b, max(coarse.get(ga, 9), coarse.get(gb, 9)))
        ):
            return None  # "Tuesday" against "2015": not the same date at different precision
        if ga == gb:
            bonus += 0.5
        return _SCORE[status] + bonus, strong
    if a.kind in ("quantity", "percent", "duration") and a.unit != b.unit:
        return None
    if a.kind == "money" and not _same_currency(a, b):
        return 0.5, False
    if a.kind == "figure":
        rel = _concept_relation(a.unit, b.unit)
        if rel == "different":
            return None
        if rel in ("unknown", "weak") and _orders_apart(a, b):
            return None  # "a city of 11 million" and "dont sept graves": not one count
        if rel == "weak":
            strong = False
        elif rel in ("same", "similar"):
            bonus += 0.5
    status = compare_figures(a, b)
    return _SCORE[status] + bonus, strong
