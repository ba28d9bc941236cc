"""Dates against the article's date: the reference date, and a parsed date as a day range."""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

from claimcheck.core.errors import InputError
from claimcheck.core.extract.figures.dates import _Date

# --- reference date ------------------------------------------------------------------------------


#: A day of the year with no year, as ISO 8601 writes it ("--08-15"): what an undated
#: chronology's entries are read against once one writes "15 août" with no year.
_MONTH_DAY = re.compile(r"^--(\d{2})-(\d{2})$")


def month_day_reference(month: int, day: int) -> str:
    """The reference "--MM-DD": a day of the year with no year."""
    return f"--{month:02d}-{day:02d}"


def parse_month_day_reference(value: str | None) -> tuple[int, int] | None:
    """(month, day) of a reference "--MM-DD"; ``None`` for anything else."""
    m = _MONTH_DAY.match(value or "")
    if not m:
        return None
    month, day = int(m.group(1)), int(m.group(2))
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


@lru_cache(maxsize=1024)
def parse_reference_date(value: str | None) -> _dt.date | None:
    """Parse an ISO date ("2019-01-30", or the start of an ISO timestamp); ``None`` stays None,
    and so does a day of the year with no year ("--08-15", :func:`parse_month_day_reference`).

    Raises :class:`InputError` with one line when the value is not a date.
    """
    if value is None or value == "" or parse_month_day_reference(value) is not None:
        return None
    if not isinstance(value, str):
        raise InputError(f"reference date must be an ISO date string, not {type(value).__name__}")
    m = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        raise InputError(f"reference date {value!r} is not an ISO date (YYYY-MM-DD)")
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise InputError(f"reference date {value!r} is not a valid date: {exc}") from None


def _resolve(
    d: _Date | tuple[str, int], ref: _dt.date | None, month_day: tuple[int, int] | None = None
) -> tuple[str, float | None, float | None, float | None]:
    """(unit, value, low, high) of a parsed date against the reference date; ``month_day``, a
    day of the year with no year, places a day of the month alone when there is no date."""
    if not isinstance(d, _Date):
        unit, off = d
        if unit == "month-name-last":
            if ref is None:
                return "date:md", None, off * 100 + 1, off * 100 + 31
            y = ref.year if off < ref.month else ref.year - 1
            return _span(_dt.date(y, off, 1), _month_end(y, off))
        if ref is None:
            return f"date:rel:{unit}", float(off), float(off), float(off)
        if unit == "day":
            day = ref + _dt.timedelta(days=off)
            return _span(day, day)
        if unit == "week":
            monday = ref - _dt.timedelta(days=ref.weekday()) + _dt.timedelta(weeks=off)
            return _span(monday, monday + _dt.timedelta(days=6))
        if unit == "month":
            y, m = _add_months(ref, off)
            return _span(_dt.date(y, m, 1), _month_end(y, m))
        y = ref.year + off
        return _span(_dt.date(y, 1, 1), _dt.date(y, 12, 31))
    if d.year is not None:
        if d.year_end is not None:
            return _span(_dt.date(d.year, 1, 1), _dt.date(d.year_end, 12, 31))
        if d.month is None:
            return _span(_dt.date(d.year, 1, 1), _dt.date(d.year, 12, 31))
        if d.day is None:
            return _span(_dt.date(d.year, d.month, 1), _month_end(d.year, d.month))
        try:
            day = _dt.date(d.year, d.month, d.day)
            if d.day_end is not None:
                return _span(day, _dt.date(d.year, d.month, d.day_end))
        except ValueError:
            return (
                "date:md",
                float(d.month * 100 + d.day),
                d.month * 100 + d.day,
                (d.month * 100 + d.day),
            )
        return _span(day, day)
    if d.month is not None:
        if ref is not None:
            best: tuple[int, _dt.date, _dt.date] | None = None
            for y in (ref.year - 1, ref.year, ref.year + 1):
                try:
                    first = _dt.date(y, d.month, d.day or 1)
                    last = first if d.day else _month_end(y, d.month)
                    if d.day and d.day_end:
                        last = _dt.date(y, d.month, d.day_end)
                except ValueError:
                    continue
                if (d.direction == 1 and last < ref) or (d.direction == 2 and first <= ref):
                    continue  # said of the future: not a month already over
                mid = first + (last - first) / 2
                dist = abs((mid - ref).days)
                if best is None or dist < best[0]:
                    best = (dist, first, last)
            if best is not None:
                return _span(best[1], best[2])
        if d.day is not None and d.day_end is not None:
            return "date:md", None, float(d.month * 100 + d.day), float(d.month * 100 + d.day_end)
        if d.day is not None:
            code = d.month * 100 + d.day
            return "date:md", float(code), float(code), float(code)
        return "date:md", None, float(d.month * 100 + 1), float(d.month * 100 + 31)
    if d.weekday is None and d.day is not None:
        # a day of the month alone ("Le 11,"): in the month of the date it is read against, or
        # the month before or after, whichever is nearest
        if ref is None and month_day is not None:
            # no year known: the nearest such day to that day of a leap year, as month and day
            placed = _day_alone_near(_dt.date(2000, *month_day), d.day)
            md = float(placed.month * 100 + placed.day)
            return "date:md", md, md, md
        if ref is None:
            return "date:md", None, None, None
        nearest = _day_alone_near(ref, d.day)
        return _span(nearest, nearest)
    if d.weekday is not None:
        if ref is not None and d.day is not None:
            near = _weekday_and_day_near(ref, d.weekday, d.day)
            if near is not None:
                return _span(near, near)
        if ref is not None:
            back = (ref.weekday() - d.weekday) % 7
            ahead = (d.weekday - ref.weekday()) % 7
            shift = {-1: -(back or 7), 0: -back, 1: ahead, 2: ahead or 7}[d.direction]
            day = ref + _dt.timedelta(days=shift)
            return _span(day, day)
        return "date:wd", float(d.weekday), float(d.weekday), float(d.weekday)
    return "date:md", None, None, None


def _day_alone_near(ref: _dt.date, day: int) -> _dt.date:
    """The date nearest ``ref`` that is ``day`` of its month: in ``ref``'s month or the month
    before or after; the later of two as near (a chronology goes forward: "Le 27," after "Le 13
    mars," is 27 March)."""
    days = [
        _dt.date(y, m, day)
        for y, m in (_add_months(ref, k) for k in (-1, 0, 1))
        if day <= _month_end(y, m).day
    ]
    return min(days, key=lambda x: (abs(x - ref), x < ref))


def _weekday_and_day_near(ref: _dt.date, weekday: int, day: int) -> _dt.date | None:
    """The date nearest the article's date that falls on that weekday and day of the month
    ("mardi 24" in an article of 26 March 2020: Tuesday 24 March), within two months."""
    best: _dt.date | None = None
    for shift in (-2, -1, 0, 1):
        y, m = _add_months(ref, shift)
        try:
            date = _dt.date(y, m, day)
        except ValueError:
            continue
        if date.weekday() == weekday and (best is None or abs(date - ref) < abs(best - ref)):
            best = date
    return best


def _add_months(ref: _dt.date, months: int) -> tuple[int, int]:
    """The (year, month) ``months`` after the month of ``ref`` (before it when negative)."""
    total = ref.year * 12 + ref.month - 1 + months
    return total // 12, total % 12 + 1


def _month_end(y: int, m: int) -> _dt.date:
    if m == 12:
        return _dt.date(y, 12, 31)
    return _dt.date(y, m + 1, 1) - _dt.timedelta(days=1)


def _span(first: _dt.date, last: _dt.date) -> tuple[str, float | None, float | None, float | None]:
    lo, hi = first.toordinal(), last.toordinal()
    return "date", float(lo) if lo == hi else (lo + hi) / 2, float(lo), float(hi)
