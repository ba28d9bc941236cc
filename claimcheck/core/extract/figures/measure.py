"""A number read with what is around it: the qualifier and currency before it, a range after it,
what it measures (money, percent, duration, quantity or a count) and the bounds its qualifier
gives. Each step is small; "what it measures" is an ordered table, first match wins."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from claimcheck.core import lang
from claimcheck.core.extract.figures.dates import _decade_of_life_at, _parse_date
from claimcheck.core.extract.figures.lexicon import (
    _AGE_JOINERS,
    _AGE_OLD,
    _ALL_MULTIPLIERS,
    _BETWEEN_AND,
    _BETWEEN_WORDS,
    _CONCEPT_WORDS,
    _CURRENCY_SYMBOLS,
    _DOLLAR_COUNTRY,
    _DURATION_NAMES,
    _NUMBER_ADJ,
    _OF_WORDS,
    _PEOPLE_CONCEPTS,
    _PLURAL_ENDINGS,
    _POUND_WORDS,
    _SKIP_ADJ,
    FigureWords,
)
from claimcheck.core.extract.figures.money import _currency_at, _money_after, _percent_after
from claimcheck.core.extract.figures.nouns import _concept_after, _context_concept
from claimcheck.core.extract.figures.numbers import _last_mult, _Num, _parse_core, _range_after
from claimcheck.core.extract.figures.qualifiers import _qualifier_at
from claimcheck.core.extract.figures.tokens import _is_sentence_initial, _Tok
from claimcheck.core.extract.figures.units import _duration_at, _unit_at


class _Reading(NamedTuple):
    """A number being read at ``toks[start:]``; ``kind`` None means "not a figure after all"."""

    start: int
    cls: str | None  # qualifier class: lower, upper, about, near
    currency: str | None
    core: _Num
    value: float | None
    low: float | None
    high: float | None
    shape: str
    end: int  # index after the number (and its range)
    kind: str | None = "figure"
    unit: str | None = None
    after: int = 0  # index after the whole figure


def read_number(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> _Reading | None:
    """The number at ``toks[i]`` with its qualifier, "between" and currency in front, and a
    range after it."""
    n = len(toks)
    cls = None
    j = i
    q = _qualifier_at(toks, i)
    if q is not None:
        cls, j = q
    between = (
        j + 1 < n
        and toks[j].low in _BETWEEN_WORDS
        and (
            toks[j + 1].kind == "num"
            or toks[j + 1].text in _CURRENCY_SYMBOLS
            or toks[j + 1].low in vocab.numbers  # "between thirty and fifty"
        )
    )
    if between:
        j += 1
    currency, k = _currency_at(toks, j)
    if currency is not None and not (k < n and toks[k].kind in ("num", "word")):
        currency = None
    if currency is not None and toks[j].kind == "word" and toks[j].low not in _DOLLAR_COUNTRY:
        currency = None  # currency words come after the number ("US$" comes before)
    if currency is None:
        k = j
    if k >= n:
        return None
    core = _parse_core(toks, k, vocab, currency is not None)
    if core is None:
        return None
    r = _Reading(i, cls, currency, core, core.value, core.low, core.high, core.shape, core.end)
    return _with_range(toks, r, vocab, between)


def _with_range(toks: tuple[_Tok, ...], r: _Reading, vocab: FigureWords, between: bool) -> _Reading:
    """Ranges: "5 to 20", "5-20", "cinq à vingt", "between 5 and 10", "two or three"."""
    core = r.core
    rng = _range_after(toks, r.end, vocab, between, r.currency is not None)
    if rng is None or core.value is None or rng[0].value is None:
        return r
    second, end = rng
    lo_v, hi_v = core.value, second.value
    assert hi_v is not None
    if second.mult and not core.mult:
        factor = _last_mult(toks, rng)
        if factor > 1 and lo_v < hi_v / factor:
            lo_v *= factor  # "5 to 10 million"
    if lo_v < hi_v:
        return r._replace(low=lo_v, high=hi_v, value=(lo_v + hi_v) / 2, shape="range", end=end)
    return r._replace(end=end)


# --- what is measured: each returns the reading with kind, unit and after set, or None -----------

_Measure = Callable[[tuple[_Tok, ...], _Reading, FigureWords], "_Reading | None"]


def _money(toks: tuple[_Tok, ...], r: _Reading, vocab: FigureWords) -> _Reading | None:
    cur2, after_cur = _money_after(toks, r.end, r.core.mult or r.currency is not None)
    if r.currency is not None:
        currency, after = r.currency, r.end
    elif cur2 is not None:
        currency, after = cur2, after_cur
    else:
        return None
    if r.core.article and not r.core.mult:
        return r._replace(kind=None)
    rate = _money_rate(toks, after, vocab)
    if rate is not None:
        return r._replace(kind="money", unit=f"{currency}/{rate[0]}", after=rate[1])
    return r._replace(kind="money", unit=currency, after=after)


def _money_rate(toks: tuple[_Tok, ...], j: int, vocab: FigureWords) -> tuple[str, int] | None:
    """The period an amount is per ("an hour", "a year", "per day", "de l'heure", "par mois"):
    (period name, index after it)."""
    words = vocab.words("money_rate_words")
    k = j
    while k < len(toks) and k - j < 2 and toks[k].low in words:
        k += 1
    if k == j or k >= len(toks):
        return None
    dur = _duration_at(toks, k, vocab)
    name = _DURATION_NAMES.get(toks[k].low)
    if dur is None or name is None or dur[0] < 3600:
        return None  # not "$5 a second"
    end = dur[1]
    if end < len(toks) and toks[end].low in vocab.words("money_rate_not_before"):
        return None  # "a year ago": when, not per what
    if any(_parse_date(toks, p, vocab) is not None for p in range(j, k + 1)):
        return None  # "l'an dernier"
    return name, end


def _percent(toks: tuple[_Tok, ...], r: _Reading, vocab: FigureWords) -> _Reading | None:
    pct, after_pct = _percent_after(toks, r.end)
    if pct is None:
        return None
    return r._replace(kind="percent", unit=pct, after=after_pct)


def _person_noun(word: str) -> bool:
    """Whether ``word`` (or its plural) is a counted noun of people ("homme", "women")."""
    forms = (word, *(word + e for e in _PLURAL_ENDINGS))
    return any(_CONCEPT_WORDS.get(f) in _PEOPLE_CONCEPTS for f in forms)


def _age(toks: tuple[_Tok, ...], r: _Reading, vocab: FigureWords) -> _Reading | None:
    """An age, whichever way it is written: "aged 33", "âgé de 33 ans", "33 years old",
    "33-year-old", "Bucklew, 33, was...", "Bucklew, 44 ans,", "died at 85", "meurt à 111 ans",
    "il a 85 ans", "un garçon de 14 ans".
    Read as a quantity in years, so "33" and "44 ans" compare."""
    approximate = _approximate_age(toks, r, vocab)
    if approximate is not None:
        return approximate
    value = r.value
    if value is None or r.shape != "exact" or r.currency is not None or not 0 < value < 130:
        return None
    if r.core.article and r.end < len(toks) and toks[r.end].low in vocab.approximate_numbers:
        return None  # "âgée d'une vingtaine d'années": the article is no age of one
    n, start, end = len(toks), r.start, r.end
    life = _decade_of_life(toks, r)
    if life is not None:
        return life
    j = end + 1 if end < n and toks[end].text in "-‐" and toks[end].glued else end
    years = j < n and toks[j].low in vocab.words("age_years")
    after = j + 1 if years else end
    old = years and after + 1 < n and toks[after].text in "-‐" and toks[after + 1].low in _AGE_OLD
    if years and after < n and toks[after].low in vocab.words("age_old"):
        after, old = after + 1, True
    elif old:
        after += 2
    if not (
        old
        or _age_said_before(toks, start, after, years, vocab)
        or _age_by_position(toks, start, after, years, vocab)
    ):
        return None
    return r._replace(kind="quantity", unit="age", after=after)


#: Words that may stand between a verb of dying and "at" before an age ("died of the disease
#: at 33", "meurt du virus à 33 ans").
_DEATH_TO_AGE = 4


def _died_before(toks: tuple[_Tok, ...], at: int, vocab: FigureWords) -> bool:
    """Whether a verb of dying comes shortly before ``toks[at]`` ("at", "à") in its clause."""
    for k in range(at - 1, max(-1, at - 2 - _DEATH_TO_AGE), -1):
        if toks[k].kind != "word":
            return False  # a number or punctuation between: another clause or another figure
        if toks[k].low in vocab.words("age_death"):
            return True
    return False


def _age_said_before(
    toks: tuple[_Tok, ...], start: int, after: int, years: bool, vocab: FigureWords
) -> bool:
    """Whether the words before the number at ``toks[start]`` make it an age: "aged 33", "âgé de
    33 ans", "l'homme de 56 ans", "died at 85", "il a 85 ans", "when he was ten"."""
    n = len(toks)
    before = [t.low for t in toks[max(0, start - 3) : start]]
    if not before:
        return False
    last, second = before[-1], (before[-2] if len(before) >= 2 else "")
    if last in vocab.words("age_before"):
        return True
    if last in _AGE_JOINERS and (
        second in vocab.words("age_before") or (years and _person_noun(second))
    ):
        return True  # "âgé de 33 ans", "l'homme de 56 ans": a person of so many years
    if (
        last in vocab.words("age_at")
        and _died_before(toks, start - 1, vocab)
        and (years or _unit_at(toks, after)[0] is None)  # "hit at 85 km/h" is a speed
    ):
        return True
    if (
        years  # "il a 85 ans"; not "il y a 85 ans" (ago), "réduite à 5 ans" (accented) nor
        # "il a 21 ans de carrière" (years of something)
        and toks[start - 1].text.casefold() in vocab.words("age_have")
        and second not in vocab.words("age_have_not_after")
        and not (after < n and (toks[after].low in _AGE_JOINERS or toks[after].low.endswith("'")))
    ):
        return True
    return (
        # "when he was ten", "when Kangxi was sixteen,": a person's age then
        not years
        and start >= 3
        and last in vocab.words("age_be")
        and any(t.low in vocab.words("age_when") for t in toks[max(0, start - 7) : start - 1])
        and (after >= n or toks[after].text in ",.;)" or toks[after].low in _BETWEEN_AND)
    )


def _age_by_position(
    toks: tuple[_Tok, ...], start: int, after: int, years: bool, vocab: FigureWords
) -> bool:
    """Whether where the number at ``toks[start]`` stands makes it an age: set off after a name
    or a person ("Bucklew, 33,", "la victime, 84 ans,"), in brackets after a full name
    ("Richard McNally (31) was annoyed"), or opening a sentence ("À seize ans, il ...")."""
    n = len(toks)
    closes = after >= n or toks[after].text in ",.;)"
    if (
        start >= 2
        and toks[start - 1].text == ","
        and toks[start - 2].kind == "word"
        and (toks[start - 2].text[:1].isupper() or _person_noun(toks[start - 2].low))
        and closes
    ):
        return True
    if (
        start >= 3
        and toks[start].text.isdigit()
        and toks[start - 1].text == "("
        and after < n
        and toks[after].text == ")"
        and all(t.kind == "word" and t.text[:1].isupper() for t in toks[start - 3 : start - 1])
    ):
        return True
    return (
        years
        and start >= 1
        and toks[start - 1].low in vocab.words("age_at")
        and _is_sentence_initial(toks, start - 1)
        and after < n
        and toks[after].text == ","
    )


def _approximate_age(toks: tuple[_Tok, ...], r: _Reading, vocab: FigureWords) -> _Reading | None:
    """ "un homme d'une trentaine d'années": a person of about so many years, an age (not a
    duration of 22 to 39 years)."""
    n, start, end = len(toks), r.start, r.end
    if r.shape != "about" or r.value is None or r.currency is not None:
        return None
    j = end + 1 if end + 1 < n and toks[end].low in _OF_WORDS else end
    if not (j < n and toks[j].low in vocab.words("age_years")):
        return None
    k = start - 1
    if k >= 0 and toks[k].low in vocab.words("articles"):
        k -= 1  # "d'une trentaine"
    if not (k >= 1 and toks[k].low in _AGE_JOINERS):
        return None
    if not (_person_noun(toks[k - 1].low) or toks[k - 1].low in vocab.words("age_before")):
        return None  # "un homme d'une trentaine d'années", "âgée d'une vingtaine d'années"
    return r._replace(kind="quantity", unit="age", after=j + 1)


def _decade_of_life(toks: tuple[_Tok, ...], r: _Reading) -> _Reading | None:
    """ "in their 80s", "in his late 60s", "in her 20's": an age from 80 to 89 (not 80 seconds,
    not the 1960s)."""
    value, n, start, end = r.value, len(toks), r.start, r.end
    text = toks[start].text
    if value is None or len(text) != 2 or not text.isdigit() or int(text) % 10 or r.cls:
        return None
    s = end + 1 if end + 1 < n and toks[end].low == "'" and toks[end].glued else end
    if not (s < n and toks[s].low == "s" and toks[s].glued):
        return None
    if not _decade_of_life_at(toks, start):
        return None
    return r._replace(
        kind="quantity",
        unit="age",
        low=value,
        high=value + 9,
        value=value + 4.5,
        shape="range",
        after=s + 1,
    )


def _duration_unit(
    toks: tuple[_Tok, ...], r: _Reading, vocab: FigureWords
) -> tuple[float, int] | None:
    """The duration unit after the number: "3 days", "dozens of years", "65-year-old"."""
    n, end = len(toks), r.end
    if r.core.article and _article_is_no_duration(toks, r, vocab):
        return None
    dur = _duration_at(toks, end, vocab)
    if dur is None and end + 1 < n and (toks[end].low in _NUMBER_ADJ or toks[end].low in _SKIP_ADJ):
        dur = _duration_at(toks, end + 1, vocab)  # "les quatre derniers mois", "three more years"
    if dur is None and end < n and toks[end].low in _OF_WORDS and r.shape in ("magnitude", "about"):
        dur = _duration_at(toks, end + 1, vocab)
    if dur is None and end + 1 < n and toks[end].text in "-‐" and toks[end].glued:
        dur = _duration_at(toks, end + 1, vocab)  # "65-year-old", "10-day"
    return dur


def _article_is_no_duration(toks: tuple[_Tok, ...], r: _Reading, vocab: FigureWords) -> bool:
    """Whether "a year", "a second" after an article is no duration: a rate ("twice a week",
    "$2,903 a month", "1,000 concerts a year"; French says "par an") or an ordinal ("a second
    one") or part of a name ("for a New Year's reception": a lower-case article before a
    capitalised word)."""
    if r.end < len(toks) and toks[r.end].low in vocab.words("article_not_durations"):
        return True
    if r.end < len(toks) and toks[r.start].text.islower() and toks[r.end].text[:1].isupper():
        return True
    k = r.start - 1
    if k >= 0 and toks[k].low in vocab.words("rate_before"):
        return True
    return _after_figure(toks, r)


def _after_figure(toks: tuple[_Tok, ...], r: _Reading) -> bool:
    """Whether the article of "a year", "a gallon" comes right after a figure, making a rate of
    it: "$2,903 a month", "$610.6 million a year", "1,000 concerts a year", "$2.60 a gallon"."""
    k = r.start - 1
    if k >= 1 and toks[k].low in _ALL_MULTIPLIERS and toks[k - 1].kind == "num":
        return True  # "$610.6 million a year"
    if k >= 0 and toks[k].kind == "num":
        return True
    # "1,000 concerts a year", not "in 2019 for a year"
    return k >= 1 and toks[k - 1].kind == "num" and toks[k].low not in lang.every_function_word()


def _duration(toks: tuple[_Tok, ...], r: _Reading, vocab: FigureWords) -> _Reading | None:
    dur = _duration_unit(toks, r, vocab)
    if dur is None:
        return None
    secs, after = dur
    if r.cls == "lower" and toks[r.start].low in vocab.words("duration_span_qualifiers"):
        r = r._replace(cls=None)  # "over 14 months" is how long, not "more than 14 months"
    value, low, high, shape = r.value, r.low, r.high, r.shape
    loose = vocab.rule("loose_day_counts")
    if secs == 86400 and value in loose and shape == "exact" and not r.cls:
        # "huit jours", "quinze jours": French for a week, a fortnight
        assert value is not None
        low, high, value, shape = value - 1, value, value - 0.5, "about"
    n = len(toks)
    if (
        after + 1 < n
        and toks[after].text in "-‐"
        and toks[after + 1].low in _AGE_OLD
        and toks[after].glued
    ):
        after += 2
    return r._replace(
        kind="duration",
        unit="s",
        value=_scaled(value, secs),
        low=_scaled(low, secs),
        high=_scaled(high, secs),
        shape=shape,
        after=after,
    )


def _scaled(v: float | None, factor: float) -> float | None:
    return v * factor if v is not None else None


def _fahrenheit(v: float | None) -> float | None:
    return (v - 32) / 1.8 if v is not None else None


def _quantity(toks: tuple[_Tok, ...], r: _Reading, vocab: FigureWords) -> _Reading | None:
    n, end = len(toks), r.end
    u, after_u = _unit_at(
        toks, end + (1 if end < n and toks[end].text in "-‐" and toks[end].glued else 0)
    )
    if u is None and end < n and toks[end].low in _OF_WORDS:
        u, after_u = _unit_at(toks, end + 1)
    if u is None or (toks[after_u - 1].low in _POUND_WORDS and r.core.mult):
        return None
    unit_word = toks[after_u - 1].text
    if r.core.article and (len(unit_word) < 3 or not unit_word.islower()):
        return None  # "a kilometre" is one, "Texas A&M" no metre
    if r.core.article and _after_figure(toks, r):
        return None  # "$2.60 a gallon": per gallon, not one gallon
    canon, factor = u
    if canon == "degF":
        return r._replace(
            kind="quantity",
            unit="degC",
            value=_fahrenheit(r.value),
            low=_fahrenheit(r.low),
            high=_fahrenheit(r.high),
            after=after_u,
        )
    return r._replace(
        kind="quantity",
        unit=canon,
        value=_scaled(r.value, factor),
        low=_scaled(r.low, factor),
        high=_scaled(r.high, factor),
        after=after_u,
    )


def _count(toks: tuple[_Tok, ...], r: _Reading, vocab: FigureWords) -> _Reading:
    if r.core.article:
        return r._replace(kind=None)  # "a", "one", "un" alone are not counts
    concept, noun_at = _concept_after(toks, r.end, vocab)
    unit = _context_concept(toks, r.start, max(r.end, noun_at + 1), concept)
    return r._replace(kind="figure", unit=unit, after=r.end)


# first match wins; a count is what is left
MEASURES: tuple[_Measure, ...] = (_money, _percent, _age, _duration, _quantity, _count)


def measured(toks: tuple[_Tok, ...], r: _Reading, vocab: FigureWords) -> _Reading:
    """The reading with what it measures (``kind`` None when it is no figure at all)."""
    for measure in MEASURES:
        hit = measure(toks, r, vocab)
        if hit is not None:
            return hit
    raise AssertionError("the last measure always answers")  # pragma: no cover


def bounded(r: _Reading) -> tuple[float | None, float | None, bool]:
    """(low, high, approximate) once the qualifier is applied: "about 400" is 360..440,
    "nearly 400" 340..400, "over 400" 400.., "under 400" ..400."""
    value, low, high, shape, cls = r.value, r.low, r.high, r.shape, r.cls
    approx = shape == "magnitude" or (shape == "about" and value is not None)
    if cls is not None and value is not None and shape in ("exact", "about"):
        return (*_QUALIFIED[cls](value), True)
    if cls is not None and shape == "magnitude" and low is not None:
        if cls == "lower":
            high = None
        elif cls == "upper":
            low = None
    elif shape == "exact" and value is not None:
        low = high = value
    return low, high, approx


_QUALIFIED: dict[str, Callable[[float], tuple[float | None, float | None]]] = {
    "lower": lambda v: (v, None),
    "upper": lambda v: (None, v),
    "about": lambda v: (v * 0.9, v * 1.1),
    "near": lambda v: (v * 0.85, v),
}
