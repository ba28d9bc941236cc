"""The extractor: the stretches of a claim worth reading, and the figure at each token."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from claimcheck.core.errors import InputError
from claimcheck.core.extract.figures.calendar import (
    _resolve,
    parse_month_day_reference,
    parse_reference_date,
)
from claimcheck.core.extract.figures.dates import (
    _approximate_year,
    _Date,
    _decade_of_life_at,
    _leaning,
    _month_at,
    _parse_date,
    _weekday_at,
)
from claimcheck.core.extract.figures.factors import factor
from claimcheck.core.extract.figures.lexicon import (
    _ANCHOR_WORDS,
    _BETWEEN_AND,
    _BETWEEN_WORDS,
    _BOTH,
    _CONCEPT_WORDS,
    _CURRENCY_NAME_PREFIXES,
    _CURRENCY_SYMBOLS,
    _DATE_ARTICLES,
    _DURATIONS,
    _ID_WORDS,
    _MONTH_OF,
    _NUMBER_ADJ,
    _ORDINAL_SUFFIX,
    _PERCENT_WORDS,
    _QUALIFIER_FIRST,
    _ROUND_BY,
    _ROUND_NUMBERS,
    _START_WORDS,
    _UNITS,
    FigureWords,
    figure_words,
)
from claimcheck.core.extract.figures.measure import _Reading, bounded, measured, read_number
from claimcheck.core.extract.figures.qualifiers import _qualifier_at
from claimcheck.core.extract.figures.times import _parse_time
from claimcheck.core.extract.figures.tokens import (
    _is_sentence_initial,
    _phone_end,
    _skip_glued,
    _Tok,
    _tokenize,
    _year_num,
)
from claimcheck.core.extract.names import fold_text, is_headline
from claimcheck.core.types import Figure

_UNIT_WORDS = frozenset(alias.split()[0] for alias in _UNITS)

# --- the extractor -------------------------------------------------------------------------------


def extract_figures(text: str, language: str, reference_date: str | None = None) -> list[Figure]:
    """Counts, dates, quantities, money, percentages and durations in ``text``, in order.

    ``language`` is an ISO 639-1 code ("en", "fr"; anything else is read as English);
    ``reference_date`` (ISO, usually the article's date) resolves "on Tuesday", "mardi", "last
    month" and dates without a year; a day of the year with no year ("--08-15", what an undated
    chronology's entries are read against) places only a day of the month alone ("Le 16,").
    Raises :class:`InputError` for a malformed reference date.
    """
    if not isinstance(text, str):
        raise InputError(f"figures: expected text, got {type(text).__name__}")
    ref = parse_reference_date(reference_date)
    month_day = parse_month_day_reference(reference_date)
    return list(_extract(text, figure_words(language), ref, month_day))


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
def _extract(
    text: str,
    vocab: FigureWords,
    ref: _dt.date | None,
    month_day: tuple[int, int] | None = None,
) -> tuple[Figure, ...]:
    if not text:
        return ()
    out: list[Figure] = []
    # only the stretches around numbers, dates and number words are read token by token
    for lo, hi in _windows(text):
        toks = _tokenize(text, lo, hi)
        at = _At(text, toks, vocab, ref, month_day)
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
            fig, end = _figure_at(at, i)
            if fig is not None:
                out.append(fig)
            i = max(end, i + 1)
    return tuple(out)


class _At(NamedTuple):
    """What every recogniser reads: the claim, its tokens, the language and the article's date."""

    text: str
    toks: tuple[_Tok, ...]
    vocab: FigureWords
    ref: _dt.date | None
    month_day: tuple[int, int] | None = None
    """A day of the year with no year, when there is no date to read against."""

    def figure(
        self,
        a: int,
        b: int,
        kind: str,
        value: float | None,
        low: float | None,
        high: float | None,
        unit: str | None,
        approx: bool,
    ) -> Figure:
        """The figure written by ``toks[a:b]``."""
        start, end = self.toks[a].start, self.toks[b - 1].end
        return Figure(kind, self.text[start:end], start, end, value, low, high, unit, approx)


# A recogniser looks at ``toks[i]``: None when it has nothing to say, else (figure or None, index
# to go on from); a None figure means "no figure here, skip to that index".
_Recogniser = Callable[[_At, int], "tuple[Figure | None, int] | None"]


def _noun_after_digits(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """A number word right after digits is the counted thing, not a second number: "16 cents"
    is sixteen cents, not sixteen and a hundred."""
    toks = at.toks
    t = toks[i]
    words = at.vocab.numbers.keys() | at.vocab.scales.keys()
    if t.kind == "word" and i > 0 and toks[i - 1].kind == "num" and t.low in words:
        return None, i + 1
    return None


def _id_figure(at: _At, label_at: int, i: int, label: str) -> tuple[Figure | None, int]:
    """A number that names one thing rather than counting ("Boeing 737", "MH17", "#3", "No. 5"):
    a figure whose unit is ``#`` and the word it belongs to, so only the same label lines up and
    any other number differs."""
    end = _skip_glued(at.toks, i)
    digits = at.toks[i].text
    if not digits.isdigit() or len(digits) > 6:
        return None, end
    value = float(int(digits))
    return at.figure(label_at, end, "figure", value, value, value, "#" + label, False), end


def _both(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """ "the two leaders", "les deux parties": "both", a reference to whom the story named, not
    a count to check."""
    toks = at.toks
    if i == 0 or (toks[i - 1].low, toks[i].low) not in _BOTH:
        return None
    if i + 1 < len(toks) and toks[i + 1].low in _NUMBER_ADJ:
        return None  # "les deux premiers matchs": the first two, a count
    r = read_number(toks, i, at.vocab)
    if r is None or r.end != i + 1:
        return None  # "the two million refugees", "les deux cents soldats"
    r = measured(toks, r, at.vocab)
    if r.kind != "figure":
        return None  # "the two-day visit", a duration; "les deux tiers"
    return None, i + 1


def _not_a_count(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """Ids and codes: "S-300", "F-16", "MH17", "#3", "No. 5"; phone numbers are skipped."""
    toks = at.toks
    t = toks[i]
    if t.kind != "num":
        return None
    if i > 0 and t.glued and toks[i - 1].kind == "word":
        return _id_figure(at, i - 1, i, toks[i - 1].low)
    if (
        i > 1
        and t.glued
        and toks[i - 1].text in "-‐"
        and toks[i - 1].glued
        and toks[i - 2].kind == "word"
    ):
        return _id_figure(at, i - 2, i, toks[i - 2].low)
    if t.start > 0 and at.text[t.start - 1] == "[" and at.text[t.end : t.end + 1] == "]":
        return None, i + 1  # a footnote mark: "adults[1]"
    if i > 0 and (toks[i - 1].text in "#+" or toks[i - 1].low in _ID_WORDS):
        return _id_figure(at, i - 1, i, "")  # "#3", "No. 5", "numéro 5": a number, any label
    phone_end = _phone_end(toks, i)
    return None if phone_end is None else (None, phone_end)


def _around_the_clock(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """ "24 heures sur 24", "7j/7", "24h/24", "24/7": always, no figure (a translation writes
    "around the clock" or "every day" with none)."""
    toks, n = at.toks, len(at.toks)
    t = toks[i]
    if t.text not in _ROUND_NUMBERS or (i > 0 and toks[i - 1].low in _DATE_ARTICLES):
        return None
    j = i + 1
    unit = j < n and toks[j].kind == "word" and toks[j].low not in _ROUND_BY
    if unit:
        j += 1  # "heures", "h", "jours", "j"
    if j + 1 >= n or not (toks[j].low in _ROUND_BY or (toks[j].text == "/" and toks[j].glued)):
        return None
    pair = (t.text, toks[j + 1].text)
    if not (unit and pair[0] == pair[1]) and pair not in (("24", "7"), ("24", "24")):
        return None  # "7/7" alone is a day ("the 7/7 attacks"), "24/7" always
    if j + 2 < n and toks[j + 2].text == "/" and toks[j + 2].glued:
        return None  # "24/7/2020": a date
    return None, j + 2


def _small_int(tok: _Tok) -> int | None:
    return (
        int(tok.text) if tok.kind == "num" and tok.text.isdigit() and len(tok.text) <= 3 else None
    )


def _score(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """A score or a result, two small numbers joined by a dash or a spaced colon: "won 3-1",
    "6 -- 4", "8 : 4". A range goes up and counts something ("5-10 people", "10 - 15 years"), a
    time is glued ("6:45"): a spaced separator with no word after the second number, or a glued
    dash that does not go up and has no counted word after it, is a score. Its unit is
    ``#score`` and it differs from any other score."""
    toks, n = at.toks, len(at.toks)
    first = _small_int(toks[i])
    if first is None or i + 2 >= n or (i > 0 and toks[i - 1].text in _CURRENCY_SYMBOLS):
        return None
    j = i + 1
    spaced = not toks[j].glued
    if toks[j].text == ":":
        if not spaced:
            return None
        j += 1
    else:
        k = j
        while k < n and k - j < 2 and toks[k].kind == "sym" and toks[k].text in "-‐–—":
            k += 1
        if k == j:
            return None
        j = k
    second = _small_int(toks[j]) if j < n else None
    if second is None or (j + 1 < n and toks[j + 1].glued and toks[j + 1].kind != "sym"):
        return None
    nxt = toks[j + 1] if j + 1 < n else None
    if nxt is not None and nxt.kind == "word" and _counted_word(nxt.low):
        return None
    if not spaced and first < second and not _in_list_of_pairs(toks, i, j):
        return None
    value = float(first * 1000 + second)
    return at.figure(i, j + 1, "figure", value, value, value, "#score", False), j + 1


def _in_list_of_pairs(toks: tuple[_Tok, ...], i: int, j: int) -> bool:
    """Whether the pair ``toks[i..j]`` sits in a list of pairs ("6-4, 1-6, 7-6"): a set lost
    goes up and is still a score."""
    n = len(toks)

    def pair_at(k: int) -> bool:
        return (
            k >= 0
            and k + 2 < n
            and _small_int(toks[k]) is not None
            and toks[k + 1].text in "-‐–—:"
            and _small_int(toks[k + 2]) is not None
        )

    after = j + 2 < n and toks[j + 1].text == "," and pair_at(j + 2)
    before = i >= 4 and toks[i - 1].text == "," and pair_at(i - 4)
    return after or before


def _counted_word(word: str) -> bool:
    """Whether a number before ``word`` measures or counts it ("3-1 percent", "5-3 days")."""
    return (
        word in _CONCEPT_WORDS
        or word in _DURATIONS
        or word in _UNIT_WORDS
        or any(p[0] == word for p in _PERCENT_WORDS)
    )


def _ordinal(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """ "1st", "2e": an ordinal; "1er janvier", "17th January", "the 17th of January" are
    dates."""
    toks, n = at.toks, len(at.toks)
    nxt = toks[i + 1] if i + 1 < n else None
    if not (
        toks[i].kind == "num"
        and nxt is not None
        and nxt.glued
        and nxt.kind == "word"
        and nxt.low in _ORDINAL_SUFFIX
    ):
        return None
    month = i + 3 if i + 3 < n and toks[i + 2].low in _MONTH_OF else i + 2
    if month < n and _month_at(toks, month, at.vocab) is not None:
        return None  # a day of the month, read as a date
    return None, i + 2


def _times_word(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """ "twice", "thrice": a number of times, as French "deux fois" is."""
    times = at.vocab.rule("times_words") or {}
    if at.toks[i].low not in times:
        return None
    v = float(times[at.toks[i].low])
    concept = _CONCEPT_WORDS.get("times")
    return at.figure(i, i + 1, "figure", v, v, v, concept, False), i + 1


def _ordinal_in_words(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """ "the twenty-first century", "le trente-deuxième épisode", "le vingt et unième siècle":
    number words joined to an ordinal are an ordinal, no count of twenty or thirty."""
    toks, n, vocab = at.toks, len(at.toks), at.vocab
    if toks[i].low not in vocab.numbers:
        return None
    joiner = vocab.rule("number_joiner")
    endings = tuple(vocab.words("ordinal_endings"))

    def ordinal(word: str) -> bool:
        return word in vocab.words("ordinal_words") or bool(endings and word.endswith(endings))

    if joiner and i + 2 < n and toks[i + 1].low == joiner and ordinal(toks[i + 2].low):
        return None, i + 3  # "vingt et unième", spelt without hyphens
    k = i + 1
    while k + 1 < n and toks[k].text in "-‐" and toks[k].glued:
        word = toks[k + 1].low
        if ordinal(word):
            return None, k + 2
        if word not in vocab.numbers and word != joiner:
            break
        k += 2
    return None


def _number_word_in_name(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """ "the Four Rivers Council", "Network Ten", "the Big Four": a number word capitalised
    inside a sentence is part of a name, no count (a headline in title case capitalises every
    word, so there it still counts)."""
    t = at.toks[i]
    if t.kind != "word" or t.low not in at.vocab.numbers or not t.text[:1].isupper():
        return None
    if t.text.isupper() or _is_sentence_initial(at.toks, i) or is_headline(at.text):
        return None
    return None, i + 1


def _name_number(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """A number after a capitalised word in mid-sentence: "Resolution 2254", "Boeing 737"."""
    toks = at.toks
    if toks[i].kind != "num" or i == 0:
        return None
    prev = toks[i - 1]
    if (
        prev.kind == "word"
        and prev.text[:1].isupper()
        and not prev.glued
        and not _is_sentence_initial(toks, i - 1)
        and _month_at(toks, i - 1, at.vocab) is None
        and _weekday_at(toks, i - 1, at.vocab) is None
        and prev.low not in _QUALIFIER_FIRST
        and prev.low not in _CURRENCY_NAME_PREFIXES
        and prev.low not in at.vocab.words("age_before")  # a headline's "Dies Aged 116"
    ):
        if _year_num(toks[i]) is not None or (
            i + 1 < len(toks) and _month_at(toks, i + 1, at.vocab) is not None
        ):
            return None  # "NBA Draft 1970", "Oran 25 August": a year, a day of a month
        return _id_figure(at, i - 1, i, prev.low)
    return None


def _time_figure(
    at: _At, i: int, tm: tuple[int, int] | None, approx: bool = False
) -> tuple[Figure | None, int] | None:
    if tm is None:
        return None
    minutes, end = tm
    m = float(minutes)
    return at.figure(i, end, "date", m, m, m, "time", approx), end


def _time_until(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """ "jusqu'à quatre heures" is a time, not an upper bound."""
    toks = at.toks
    until = tuple(at.vocab.rule("until_time"))
    k = i + len(until)
    if until and k < len(toks) and tuple(t.low for t in toks[i:k]) == until:
        return _time_figure(at, k, _parse_time(toks, k, at.vocab))
    return None


def _age_in_words(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """ "a man in his thirties", "in her late sixties": an age from 30 to 39 (French says "un
    homme d'une trentaine d'années", read with the other ages)."""
    toks = at.toks
    decades = at.vocab.rule("decade_words") or {}
    if toks[i].low not in decades:
        return None
    if not _decade_of_life_at(toks, i):
        return None
    v = float(decades[toks[i].low])
    return at.figure(i, i + 1, "quantity", v + 4.5, v, v + 9, "age", False), i + 1


def _between(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """ "between 6:45 and 7:40", "entre le 14 et le 24 septembre", "between 2005 and 2009": the
    word opens two clock times, a range of days or of years, read from the first number on, not
    a range of numbers."""
    toks, n = at.toks, len(at.toks)
    if toks[i].low not in _BETWEEN_WORDS:
        return None
    k = i + 2 if i + 2 < n and toks[i + 1].low in _DATE_ARTICLES else i + 1
    if k >= n or toks[k].kind != "num":
        return None
    if _parse_time(toks, k, at.vocab) is not None:
        return None, k
    date = _parse_date(toks, k, at.vocab)
    parsed = date[0] if date is not None else None
    if isinstance(parsed, _Date) and (parsed.day_end is not None or parsed.year_end is not None):
        return None, k
    return None


def _clock_time(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """ "3 p.m.", "15h30", "three o'clock"; "at about 10:15", "vers environ 4 heures du matin"
    (an approximate time, not a count of about 10)."""
    t = at.toks[i]
    if t.kind == "num" or t.low in at.vocab.numbers:
        return _time_figure(at, i, _parse_time(at.toks, i, at.vocab))
    q = _qualifier_at(at.toks, i)
    if q is not None and q[0] == "about" and q[1] < len(at.toks):
        return _time_figure(at, i, _parse_time(at.toks, q[1], at.vocab), approx=True)
    return None


def _date(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """Dates, weekdays, relative dates, years and decades; a year made approximate by its
    qualifier ("circa 1748", "in about 1748")."""
    year = _year_after_qualifier(at, i)
    date = _parse_date(at.toks, i if year is None else year, at.vocab)
    if date is None:
        return None
    parsed, end = date
    if isinstance(parsed, _Date):
        parsed = _leaning(parsed, at.toks, i, at.vocab)
    unit, value, low, high = _resolve(parsed, at.ref, at.month_day)
    approx = year is not None or (isinstance(parsed, _Date) and parsed.year_end is not None)
    alone = (
        isinstance(parsed, _Date)
        and parsed.day is not None
        and parsed.month is None
        and parsed.weekday is None
    )
    first = i - 1 if alone else i  # "Le 11", its article included
    return at.figure(first, end, "date", value, low, high, unit, approx), end


def _year_after_qualifier(at: _At, i: int) -> int | None:
    """Where the year is that a qualifier at ``toks[i]`` makes approximate ("circa 1748", "in
    about 1748"), if it is one."""
    q = _qualifier_at(at.toks, i)
    if q is None or q[1] >= len(at.toks) or not _approximate_year(at.toks, q[1]):
        return None
    return q[1]


def _number(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """Counts, money, percentages, durations and quantities, with their qualifiers."""
    r = read_number(at.toks, i, at.vocab)
    if r is None:
        return None, i + 1
    r = _shared_percent(at, measured(at.toks, r, at.vocab))
    if r.kind is None:
        return None, i + 1
    after = r.after
    n = len(at.toks)
    if (
        after + 1 < n
        and at.toks[after].text == "("
        and r.kind in ("quantity", "money", "duration", "percent")
    ):
        close = _closing_conversion(at.text, at.toks, after + 1, at.vocab, r.kind)
        if close is not None:
            after = close  # a conversion in parentheses belongs to this figure
    low, high, approx = bounded(r)
    return at.figure(r.start, after, r.kind, r.value, low, high, r.unit, approx), after


def _shared_percent(at: _At, r: _Reading) -> _Reading:
    """ "des taux de 1,1 et 1,2 %", "rose 3 and 4 percent": a bare number joined by "and" to a
    percentage is one too."""
    toks, j = at.toks, r.after
    if r.kind != "figure" or r.unit is not None or r.cls is not None or j + 1 >= len(toks):
        return r
    if toks[j].low not in _BETWEEN_AND or toks[j + 1].kind != "num":
        return r
    nxt = read_number(toks, j + 1, at.vocab)
    second = measured(toks, nxt, at.vocab) if nxt is not None else None
    if second is None or second.kind != "percent":
        return r
    return r._replace(kind="percent", unit=second.unit)


# first match wins; the last one always answers
RECOGNISERS: tuple[_Recogniser, ...] = (
    _noun_after_digits,
    _both,
    _not_a_count,
    _around_the_clock,
    _ordinal,
    _ordinal_in_words,
    _number_word_in_name,
    factor,
    _times_word,
    _score,
    _name_number,
    _time_until,
    _age_in_words,
    _between,
    _clock_time,
    _date,
    _number,
)


def _figure_at(at: _At, i: int) -> tuple[Figure | None, int]:
    """The figure starting at ``toks[i]``, if any, and the index to go on from."""
    for recognise in RECOGNISERS:
        hit = recognise(at, i)
        if hit is not None:
            return hit
    return None, i + 1


def _closing_conversion(
    text: str, toks: tuple[_Tok, ...], j: int, vocab: FigureWords, kind: str
) -> int | None:
    """End index past ")" when ``toks[j:]`` is a conversion of the same kind of figure."""
    n = len(toks)
    k = j
    limit = min(n, j + 8)
    while k < limit and toks[k].text != ")":
        k += 1
    if k >= limit:
        return None
    inner = _extract(text[toks[j].start : toks[k - 1].end], vocab, None) if k > j else ()
    if len(inner) == 1 and inner[0].kind == kind:
        return k + 1
    return None
