"""The extractor: the stretches of a claim worth reading, and the figure at each token."""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

from claimcheck.core.errors import InputError
from claimcheck.core.extract.figures.calendar import _resolve, parse_reference_date
from claimcheck.core.extract.figures.dates import _Date, _month_at, _parse_date, _weekday_at
from claimcheck.core.extract.figures.lexicon import (
    _CURRENCY_SYMBOLS,
    _CURRENCY_WORDS,
    _DURATIONS,
    _EN_MAGNITUDE,
    _EN_MONTHS,
    _EN_SCALES,
    _EN_UNITS,
    _EN_WEEKDAYS,
    _FR_AINE,
    _FR_MAGNITUDE,
    _FR_MONTHS,
    _FR_SCALES,
    _FR_UNITS,
    _FR_WEEKDAYS,
    _ID_WORDS,
    _ORDINAL_SUFFIX,
    _POUND_WORDS,
    _QUALIFIER_FIRST,
)
from claimcheck.core.extract.figures.money import _currency_at, _money_after, _percent_after
from claimcheck.core.extract.figures.nouns import _concept_after, _context_concept
from claimcheck.core.extract.figures.numbers import _last_mult, _parse_core, _range_after
from claimcheck.core.extract.figures.qualifiers import _qualifier_at
from claimcheck.core.extract.figures.times import _parse_time
from claimcheck.core.extract.figures.tokens import (
    _is_sentence_initial,
    _phone_like,
    _skip_glued,
    _Tok,
    _tokenize,
)
from claimcheck.core.extract.figures.units import _duration_at, _unit_at
from claimcheck.core.extract.names import fold_text
from claimcheck.core.types import Figure

# --- the extractor -------------------------------------------------------------------------------


def extract_figures(text: str, language: str, reference_date: str | None = None) -> list[Figure]:
    """Counts, dates, quantities, money, percentages and durations in ``text``, in order.

    ``language`` is an ISO 639-1 code ("en", "fr"; anything else is read as English);
    ``reference_date`` (ISO, usually the article's date) resolves "on Tuesday", "mardi", "last
    month" and dates without a year. Raises :class:`InputError` for a malformed reference date.
    """
    if not isinstance(text, str):
        raise InputError(f"figures: expected text, got {type(text).__name__}")
    ref = parse_reference_date(reference_date)
    return list(_extract(text, (language or "")[:2].lower() == "fr", ref))


_CUE_WORDS = sorted(
    {
        *_EN_UNITS,
        *_FR_UNITS,
        *_EN_SCALES,
        *_FR_SCALES,
        *_EN_MAGNITUDE,
        *_FR_MAGNITUDE,
        *_FR_AINE,
        *_FR_MONTHS,
        *_FR_WEEKDAYS,
        "dozen",
        "douzaine",
        "a",
        "an",
        "hier",
        "dernier",
        "derniere",
        "prochain",
        "prochaine",
        "yesterday",
        "today",
        "tomorrow",
        "last",
        "next",
        "this",
        "cette",
        "ce",
        "several",
        "few",
        "plusieurs",
        "quelques",
        "tens",
        "aujourd",
        "demain",
        *_EN_WEEKDAYS,
    },
    key=len,
    reverse=True,
)
# words a figure can start with (all others are skipped without a closer look)
_START_WORDS = frozenset(
    {
        *_CUE_WORDS,
        *_EN_MONTHS,
        *_EN_WEEKDAYS,
        *_FR_MONTHS,
        *_FR_WEEKDAYS,
        *_QUALIFIER_FIRST,
        *_CURRENCY_WORDS,
        "between",
        "entre",
        "from",
        "de",
        "du",
        "us",
        "u",
        "des",
        "les",
        "le",
        "la",
        "l'",
        "cette",
        "ce",
        "cet",
        "past",
        "aujourd'",
        "one",
        "une",
        "un",
        "a",
        "an",
        "dozen",
        "douzaine",
    }
)


# words without which a claim has no figure (articles and qualifiers only matter next to them)
_ANCHOR_WORDS = frozenset(
    {
        *_EN_UNITS,
        *_FR_UNITS,
        *_EN_SCALES,
        *_FR_SCALES,
        *_EN_MAGNITUDE,
        *_FR_MAGNITUDE,
        *_FR_AINE,
        *_EN_MONTHS,
        *_FR_MONTHS,
        *_EN_WEEKDAYS,
        *_FR_WEEKDAYS,
        *_DURATIONS,
        "dozen",
        "douzaine",
        "yesterday",
        "today",
        "tomorrow",
        "hier",
        "demain",
        "aujourd",
        "hui",
        "week",
        "month",
        "year",
        "semaine",
        "mois",
        "an",
        "annee",
        "tens",
        "dizaines",
        "centaines",
        "milliers",
        "half",
        "demi",
        "demie",
        "s",
        "midnight",
        "minuit",
        "noon",
        "midi",
    }
    - {"un", "une", "a", "s"}
)


_ANCHOR_SYMBOLS = re.compile(r"\d+|[$€£¥%]")
_ALPHA_WORD = re.compile(r"[a-z]+")
_WINDOW_BEFORE = 60
_WINDOW_AFTER = 100


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` around the words and digits a figure needs, whole words only."""
    folded = fold_text(text)
    size = len(text)
    anchors = [m.start() for m in _ANCHOR_SYMBOLS.finditer(text)]
    for w in _ANCHOR_WORDS.intersection(_ALPHA_WORD.findall(folded)):
        at = folded.find(w)
        while at >= 0:
            end = at + len(w)
            if (at == 0 or not folded[at - 1].isalpha()) and (
                end == size or not folded[end].isalpha()
            ):
                anchors.append(at)
            at = folded.find(w, end)
    anchors.sort()
    spans: list[tuple[int, int]] = []
    for a in anchors:
        lo = max(0, a - _WINDOW_BEFORE)
        hi = min(size, a + _WINDOW_AFTER)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
        else:
            spans.append((lo, hi))
    out: list[tuple[int, int]] = []
    for lo, hi in spans:
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < size and not text[hi].isspace():
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


@lru_cache(maxsize=16384)
def _extract(text: str, french: bool, ref: _dt.date | None) -> tuple[Figure, ...]:
    if not text:
        return ()
    out: list[Figure] = []
    # only the stretches around numbers, dates and number words are read token by token
    for lo, hi in _windows(text):
        toks = _tokenize(text, lo, hi)
        n = len(toks)
        i = 0
        while i < n:
            t = toks[i]
            if t.kind == "sym" and t.text not in _CURRENCY_SYMBOLS:
                i += 1
                continue
            if t.kind == "word" and t.low not in _START_WORDS:
                i += 1
                continue
            fig, end = _figure_at(text, toks, i, french, ref)
            if fig is not None:
                out.append(fig)
                i = end
                continue
            i += 1
    return tuple(out)


def _make(
    text: str,
    toks: tuple[_Tok, ...],
    a: int,
    b: int,
    kind: str,
    value: float | None,
    low: float | None,
    high: float | None,
    unit: str | None,
    approx: bool,
) -> Figure:
    start, end = toks[a].start, toks[b - 1].end
    return Figure(kind, text[start:end], start, end, value, low, high, unit, approx)


def _figure_at(
    text: str,
    toks: tuple[_Tok, ...],
    i: int,
    french: bool,
    ref: _dt.date | None,
) -> tuple[Figure | None, int]:
    n = len(toks)
    t = toks[i]
    # ids and ordinals: "S-300", "F-16", "MH17", "1st", "2e"
    if t.kind == "num":
        if i > 0 and t.glued and toks[i - 1].kind == "word":
            return None, _skip_glued(toks, i)
        if (
            i > 1
            and t.glued
            and toks[i - 1].text in "-‐"
            and toks[i - 1].glued
            and toks[i - 2].kind == "word"
        ):
            return None, _skip_glued(toks, i)
        if i > 0 and (toks[i - 1].text in "#+" or toks[i - 1].low in _ID_WORDS):
            return None, _skip_glued(toks, i)
        if _phone_like(toks, i):
            return None, _skip_glued(toks, i)
        nxt = toks[i + 1] if i + 1 < n else None
        if (
            nxt is not None
            and nxt.glued
            and nxt.kind == "word"
            and nxt.low in _ORDINAL_SUFFIX
            and not (i + 2 < n and _month_at(toks, i + 2, french) is not None)
        ):
            return None, i + 2  # an ordinal; "1er janvier", "17th January" are dates
        if (
            i > 0
            and toks[i - 1].kind == "word"
            and toks[i - 1].text[:1].isupper()
            and not toks[i - 1].glued
            and not _is_sentence_initial(toks, i - 1)
            and _month_at(toks, i - 1, french) is None
            and _weekday_at(toks, i - 1, french) is None
            and toks[i - 1].low not in _QUALIFIER_FIRST
            and toks[i - 1].low not in ("us", "eur", "usd", "gbp")
        ):
            return None, _skip_glued(toks, i)  # "Resolution 2254", "Boeing 737"
    # clock times ("jusqu'à quatre heures" is a time, not an upper bound)
    if french and t.low == "jusqu'" and i + 2 < n and toks[i + 1].low == "a":
        tm = _parse_time(toks, i + 2, french)
        if tm is not None:
            minutes, end = tm
            return _make(
                text,
                toks,
                i + 2,
                end,
                "date",
                float(minutes),
                float(minutes),
                float(minutes),
                "time",
                False,
            ), end
    if t.kind == "num" or t.low in _EN_UNITS or t.low in _FR_UNITS:
        tm = _parse_time(toks, i, french)
        if tm is not None:
            minutes, end = tm
            return _make(
                text,
                toks,
                i,
                end,
                "date",
                float(minutes),
                float(minutes),
                float(minutes),
                "time",
                False,
            ), end
    # dates
    date = _parse_date(toks, i, french, text)
    if date is not None:
        parsed, end = date
        date_unit, dvalue, dlow, dhigh = _resolve(parsed, ref)
        approx = isinstance(parsed, _Date) and parsed.year_end is not None
        return _make(text, toks, i, end, "date", dvalue, dlow, dhigh, date_unit, approx), end
    # numbers with an optional qualifier and currency in front
    start = i
    cls = None
    q = _qualifier_at(toks, i)
    j = i
    if q is not None:
        cls, j = q
    between = False
    if (
        j + 1 < n
        and toks[j].low in ("between", "entre")
        and (toks[j + 1].kind == "num" or toks[j + 1].text in _CURRENCY_SYMBOLS)
    ):
        between = True
        j += 1
    currency, k = _currency_at(toks, j)
    if currency is not None and not (k < n and toks[k].kind in ("num", "word")):
        currency = None
    if currency is not None and toks[j].kind == "word" and toks[j].low not in ("us", "u"):
        currency = None  # currency words come after the number ("US$" comes before)
        k = j
    if currency is None:
        k = j
    if k >= n:
        return None, i + 1
    core = _parse_core(toks, k, french, currency is not None)
    if core is None:
        return None, i + 1
    if k != i and not (cls or currency or between or toks[i].low in ("between", "entre")):
        return None, i + 1
    end = core.end
    low, high, value = core.low, core.high, core.value
    shape = core.shape
    # ranges: "5 to 20", "5-20", "cinq à vingt", "between 5 and 10", "two or three"
    rng = _range_after(toks, end, french, between, currency is not None)
    if rng is not None and core.value is not None and rng[0].value is not None:
        second, end = rng
        lo_v, hi_v = core.value, second.value
        assert hi_v is not None
        if second.mult and not core.mult:
            factor = _last_mult(toks, rng)
            if factor > 1 and lo_v < hi_v / factor:
                lo_v *= factor  # "5 to 10 million"
        if lo_v < hi_v:
            low, high, value, shape = lo_v, hi_v, (lo_v + hi_v) / 2, "range"
    # what is measured
    kind = "figure"
    unit: str | None = None
    after = end
    cur2, after_cur = _money_after(toks, end, core.mult or currency is not None)
    if currency is None and cur2 is not None:
        currency, after = cur2, after_cur
    if currency is not None:
        kind, unit = "money", currency
        if core.article and not core.mult:
            return None, i + 1
    else:
        pct, after_pct = _percent_after(toks, end)
        if pct is not None:
            kind, unit, after = "percent", pct, after_pct
        else:
            dur = _duration_at(toks, end, french)
            if (
                dur is None
                and end < n
                and toks[end].low in ("of", "de", "d'")
                and shape in ("magnitude", "about")
            ):
                dur = _duration_at(toks, end + 1, french)
                if dur is not None:
                    end += 1
            if dur is None and end + 1 < n and toks[end].text in "-‐" and toks[end].glued:
                dur = _duration_at(toks, end + 1, french)  # "65-year-old", "10-day"
                if dur is not None:
                    end += 1
            if dur is not None:
                secs, after = dur
                kind, unit = "duration", "s"
                if french and secs == 86400 and value in (8, 15) and shape == "exact" and not cls:
                    # "huit jours", "quinze jours": French for a week, a fortnight
                    low, high, value, shape = value - 1, value, value - 0.5, "about"
                value = value * secs if value is not None else None
                low = low * secs if low is not None else None
                high = high * secs if high is not None else None
                if (
                    after + 1 < n
                    and toks[after].text in "-‐"
                    and toks[after + 1].low == "old"
                    and toks[after].glued
                ):
                    after += 2
            else:
                u, after_u = _unit_at(
                    toks, end + (1 if end < n and toks[end].text in "-‐" and toks[end].glued else 0)
                )
                if u is None and end < n and toks[end].low in ("of", "de", "d'"):
                    u, after_u = _unit_at(toks, end + 1)
                if u is not None and not (toks[after_u - 1].low in _POUND_WORDS and core.mult):
                    canon, factor = u
                    kind, unit, after = "quantity", canon, after_u
                    if canon == "degF":
                        unit = "degC"
                        value = (value - 32) / 1.8 if value is not None else None
                        low = (low - 32) / 1.8 if low is not None else None
                        high = (high - 32) / 1.8 if high is not None else None
                    else:
                        value = value * factor if value is not None else None
                        low = low * factor if low is not None else None
                        high = high * factor if high is not None else None
                elif core.article:
                    return None, i + 1  # "a", "one", "un" alone are not counts
                else:
                    concept, noun_at = _concept_after(toks, end, french)
                    unit = _context_concept(toks, start, max(end, noun_at + 1), concept)
                    after = end
    # a conversion in parentheses belongs to this figure
    if (
        after + 1 < n
        and toks[after].text == "("
        and kind in ("quantity", "money", "duration", "percent")
    ):
        close = _closing_conversion(text, toks, after + 1, french, kind)
        if close is not None:
            after = close
    # qualifiers
    approx = False
    if shape == "magnitude" or (shape == "about" and value is not None):
        approx = True
    if cls is not None and value is not None and shape in ("exact", "about"):
        approx = True
        if cls == "lower":
            low, high = value, None
        elif cls == "upper":
            low, high = None, value
        elif cls == "about":
            low, high = value * 0.9, value * 1.1
        elif cls == "near":
            low, high = value * 0.85, value
    elif cls is not None and shape == "magnitude" and low is not None:
        if cls == "lower":
            high = None
        elif cls == "upper":
            low = None
    elif shape == "exact" and value is not None:
        low = high = value
    return _make(text, toks, start, after, kind, value, low, high, unit, approx), after


def _closing_conversion(
    text: str, toks: tuple[_Tok, ...], j: int, french: bool, kind: str
) -> int | None:
    """End index past ")" when ``toks[j:]`` is a conversion of the same kind of figure."""
    n = len(toks)
    k = j
    limit = min(n, j + 8)
    while k < limit and toks[k].text != ")":
        k += 1
    if k >= limit:
        return None
    inner = _extract(text[toks[j].start : toks[k - 1].end], french, None) if k > j else ()
    if len(inner) == 1 and inner[0].kind == kind:
        return k + 1
    return None
