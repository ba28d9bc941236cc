"""The words figures are read with, from ``lang/<code>/figures.toml`` and
``lang/shared/figures.toml``.

Two kinds of table:

* a language's own words (number words, months, weekdays, relative dates) and its rules of
  writing (which separator groups thousands, whether months are capitalised...), in a
  :class:`FigureWords` record the readers take as an argument;
* words read whatever the claim's language (qualifiers, units, durations, currencies, counted
  nouns and the word lists under ``[words]``), merged over every language into the module
  constants below, so a unit or a currency quoted in the other language is still read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from claimcheck.core import lang
from claimcheck.core.text.fold import fold_same_length as fold_text

_FILE = "figures"


def _own(code: str, section: str) -> Mapping[str, Any]:
    value = lang.table(code, _FILE).get(section, {})
    if not isinstance(value, Mapping):
        raise TypeError(f"lang/{code}/{_FILE}.toml: [{section}] is not a table")
    return value


def _split(value: str) -> frozenset[str]:
    return frozenset(value.split())


@dataclass(frozen=True, eq=False)
class FigureWords:
    """One language's figure vocabulary and rules of writing (``lang/<code>/figures.toml``).

    Compared and hashed by identity: there is one record per language (:func:`figure_words`).
    """

    code: str
    numbers: Mapping[str, int]
    scales: Mapping[str, float]
    multipliers: Mapping[str, float]
    magnitudes: Mapping[str, tuple[float, float]]
    approximate_numbers: Mapping[str, int]
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    relative_days: Mapping[tuple[str, ...], int]
    relative_before: Mapping[str, int]
    relative_after: Mapping[str, int]
    relative_units: Mapping[str, str]
    reading: Mapping[str, Any]

    def words(self, rule: str) -> frozenset[str]:
        """The words of a ``[reading]`` rule written as one string."""
        return _reading_words(self, rule)

    def rule(self, name: str) -> Any:
        """A ``[reading]`` rule as written (a flag, a string or a list)."""
        return self.reading[name]


@cache
def _reading_words(words: FigureWords, rule: str) -> frozenset[str]:
    value = words.reading[rule]
    if not isinstance(value, str):
        raise TypeError(f"lang/{words.code}/{_FILE}.toml: reading.{rule} is not a string")
    return _split(value)


@cache
def _load(code: str) -> FigureWords:
    return FigureWords(
        code=code,
        numbers=dict(_own(code, "numbers")),
        scales=dict(_own(code, "scales")),
        multipliers=dict(_own(code, "multipliers")),
        magnitudes={w: (lo, hi) for w, (lo, hi) in _own(code, "magnitudes").items()},
        approximate_numbers=dict(_own(code, "approximate_numbers")),
        months=dict(_own(code, "months")),
        weekdays=dict(_own(code, "weekdays")),
        relative_days={tuple(p.split()): v for p, v in _own(code, "relative_days").items()},
        relative_before=dict(_own(code, "relative_before")),
        relative_after=dict(_own(code, "relative_after")),
        relative_units=dict(_own(code, "relative_units")),
        reading=dict(_own(code, "reading")),
    )


def figure_words(language: str) -> FigureWords:
    """The figure vocabulary of ``language`` (an ISO 639-1 code); a language without data is read
    with the first language's (English)."""
    code = (language or "")[:2].lower()
    return _load(code if code in lang.LANGUAGES else lang.LANGUAGES[0])


ALL = tuple(_load(code) for code in lang.LANGUAGES)


# --- read in every language ----------------------------------------------------------------------


def _every(section: str) -> Iterable[tuple[str, Any]]:
    """The entries of ``[section]`` of every language, in language order."""
    for code in lang.LANGUAGES:
        yield from _own(code, section).items()


def _shared_words() -> Mapping[str, Any]:
    value = lang.shared_table(_FILE).get("words", {})
    if not isinstance(value, Mapping):
        raise TypeError(f"lang/shared/{_FILE}.toml: [words] is not a table")
    return value


def _every_words(key: str) -> frozenset[str]:
    """The words of ``[words]`` ``key`` of every language and of ``lang/shared``."""
    found = frozenset(w for k, v in _every("words") if k == key for w in v.split())
    return found | frozenset(_shared_words().get(key, "").split())


def _every_phrases(key: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for k, v in _every("words") if k == key for p in v)


def _every_reading_words(rule: str) -> frozenset[str]:
    """The words of ``[reading]`` ``rule`` in every language, for readers that ask it whatever
    the claim's language."""
    return frozenset().union(*(words.words(rule) for words in ALL))


def _first_wins(tables: Iterable[Mapping[str, float]]) -> dict[str, float]:
    merged: dict[str, float] = {}
    for table in tables:
        for k, v in table.items():
            merged.setdefault(k, v)
    return merged


# qualifier phrases (folded words), longest first: (phrase, class)
_QUALIFIER_LIST = sorted(
    ((tuple(p.split()), cls) for cls, phrases in _every("qualifiers") for p in phrases),
    key=lambda pc: -len(pc[0]),
)
_QUALIFIER_FIRST = frozenset(p[0] for p, _ in _QUALIFIER_LIST)
_QUALIFIER_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _cls in _QUALIFIER_LIST:
    _QUALIFIER_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _cls))

# unit alias (folded, tokens joined by space) -> (canonical unit, factor to canonical)
_UNIT_SPECS: Mapping[str, Mapping[str, Any]] = lang.shared_table(_FILE)["units"]
_UNITS: dict[str, tuple[str, float]] = {
    alias: (_UNIT_SPECS[name]["unit"], _UNIT_SPECS[name]["factor"])
    for name, aliases in _every("units")
    for alias in aliases
}
_UNIT_MAX_TOKENS = 3

# duration word -> seconds
_SECONDS: Mapping[str, float] = lang.shared_table(_FILE)["durations"]
_DURATIONS: dict[str, float] = {
    w: _SECONDS[name] for name, words in _every("durations") for w in words
}
#: duration word -> the period it names ("heure" -> "hour"), for rates ("$15 an hour")
_DURATION_NAMES: dict[str, str] = {w: name for name, words in _every("durations") for w in words}

_CURRENCY_SYMBOLS = {"$": "usd", "€": "eur", "£": "gbp", "¥": "jpy"}
_CURRENCY_WORDS: dict[str, str] = {w: code for code, words in _every("currencies") for w in words}
# "pounds"/"livres" are money only with a multiplier or "sterling" around them.
_POUND_WORDS = _every_words("pound")

_PERCENT_WORDS = _every_phrases("percent")
_PP_WORDS = _every_phrases("percentage_points")
_BOTH: frozenset[tuple[str, ...]] = frozenset(_every_phrases("both"))

# counted nouns (folded) -> concept shared by both languages
_CONCEPT_WORDS: dict[str, str] = {w: c for c, words in _every("counted") for w in words.split()}
_CONCEPT_BIGRAMS: dict[tuple[str, str], str] = {
    (p.split()[0], p.split()[1]): c for c, pairs in _every("counted_pairs") for p in pairs
}
# concepts that count people (the names of concepts, not words)
_PEOPLE_CONCEPTS = frozenset(
    [
        "people",
        "soldier",
        "man",
        "woman",
        "civilian",
        "child",
        "boy",
        "girl",
        "teenager",
        "baby",
        "fighter",
        "police",
        "worker",
        "rescuer",
        "protester",
        "migrant",
        "refugee",
        "resident",
        "journalist",
        "doctor",
        "student",
        "patient",
        "official",
        "member",
        "victim",
    ]
)
_DEATH_WORDS = _every_words("death")
_INJURY_WORDS = _every_words("injury")
# a count with no noun after one of these in its clause is of the dead ("the death toll rose to 18")
_TOLL_WORDS = _every_words("death_toll")
# words between a number and the noun it counts that we step over
_SKIP_ADJ = _every_words("skip_adjectives")
# "les quatre derniers mois", "les deux premiers matchs": first, last, next after the number
_NUMBER_ADJ = _every_words("number_adjectives")
_NOT_NOUNS = _every_words("not_nouns")
_MONTH_ABBREVIATIONS = _every_words("month_abbreviations")
_DAYPARTS = _every_words("dayparts")
_ID_WORDS = _every_words("id_words")
_ORDINAL_SUFFIX = _every_words("ordinal_suffixes")
_RANGE_WORDS = _every_words("range")  # "5 to 20", "5 ou 6"
_OF_WORDS = _every_words("of")  # "hundreds of", "centaines de"
_BETWEEN_WORDS = _every_words("between")
_SEVERAL_WORDS = _every_words("several")  # "several hundred", "quelques milliers"
# "hundreds of thousands", "tens of millions": the scale after a magnitude word and "of"
_MAGNITUDE_SCALES: dict[str, float] = _first_wins(
    _own(c, "magnitude_scales") for c in lang.LANGUAGES
)
# "several hundred": the scale after "several" -> (low, high)
_SEVERAL_SCALES: dict[str, tuple[float, float]] = {
    w: (lo, hi) for w, (lo, hi) in _every("several_scales")
}
_TENS_WORDS = _every_words("tens")  # "tens of thousands", "dizaines de milliers"
_DOZEN_NOUNS = _every_words("dozen_nouns")  # "a dozen", "une douzaine"
_BETWEEN_AND = _every_words("between_and")  # "between 5 and 7"

# dates: "Monday the 5th", "5th of May", "les annees 80", "from 2014 to 2016", "22 au 25 mai"
_DATE_ARTICLES = _every_words("date_articles")
_MONTH_OF = _every_words("month_of")
_DECADE_BEFORE = _every_words("decade_before")
_DECADE_SHORT_BEFORE = _every_words("decade_short_before")
_AGE_DECADE_BEFORE = _every_words("age_decade_before")
_YEAR_RANGE_TO = _every_words("year_range_to")
_YEAR_RANGE_FROM = _every_words("year_range_from")
_DAY_RANGE_TO = _every_words("day_range_to")
# the word between the two numbers of "24 heures sur 24" (always: no figure)
_ROUND_BY = _every_words("round_by")
_ROUND_NUMBERS = _every_words("round_numbers")  # the hours of a day, the days of a week, a year
# after a four-digit number, words that make it a count, not a year ("2000 percent")
_YEAR_NOT_BEFORE = _every_words("year_not_before")
# words before a year, which make a four-digit number before 1800 a year ("in 1544")
_YEAR_BEFORE = _every_words("year_before")
_YEAR_QUALIFIERS = _every_words("year_qualifiers")
_YEAR_NOT_DURATIONS = _every_words("year_not_durations")
# "5 s", "5 h": durations written as a symbol, read only glued to their number ("5s")
_GLUED_ONLY_DURATIONS = _every_words("glued_only_durations")
# "an hour and a half", "un an et demi"
_AND_A_HALF = _every_phrases("and_a_half")

# ages: the word between an age word and the age ("age de 33 ans"); "65-year-old"
_AGE_JOINERS = _every_words("age_joiner")
_AGE_OLD = _every_reading_words("age_old")

# money: "US$", "U.S. dollars", "dollars americains", "pounds sterling", "5 Md€"
_DOLLAR_COUNTRY = _every_words("dollar_country")
_CURRENCY_COUNTRY_AFTER = _every_words("currency_country_after")
_US_DOLLAR_WORDS = _every_words("us_dollar_words")
_POUND_STERLING = _every_words("pound_sterling")
_MONEY_SCALE_ABBREVIATIONS = _every_words("money_scale_abbreviations")  # as written, not folded
# a capitalised word before a number that is a currency, not a name ("EUR 5", "US 5")
_CURRENCY_NAME_PREFIXES = _every_words("currency_name_prefixes")

# clock times: "3 am", "3 p.m.", "three o'clock" (the words around the apostrophe)
_BEFORE_NOON = _every_phrases("before_noon")
_AFTER_NOON = _every_phrases("after_noon")
_HOUR_SUFFIXES = tuple(
    tuple(words.rule("word_hour_suffix")) for words in ALL if words.rule("word_hour_suffix")
)

# counted nouns: the plural endings taken off an unknown noun; French elided articles
_PLURAL_ENDINGS = _every_words("plural_endings")
_ELIDED = _every_words("elided")

# number words of every language
_ALL_MONTHS = frozenset(m for w in ALL for m in w.months)
_ALL_WEEKDAYS = frozenset(d for w in ALL for d in w.weekdays)
_ALL_MULTIPLIERS = frozenset(m for w in ALL for m in w.multipliers)
# a multiplier or scale word's factor, the first language's reading first ("billion" is 1e9)
_ANY_FACTOR = _first_wins([*(w.multipliers for w in ALL), *(w.scales for w in ALL)])

_NUMBER_WORDS = frozenset(
    x
    for w in ALL
    for x in (
        *w.numbers,
        *w.scales,
        *w.magnitudes,
        *w.approximate_numbers,
        *w.months,
        *w.weekdays,
        *(w.rule("decade_words") or {}),
        *(w.rule("times_words") or {}),
    )
)
#: words that say a change by a factor, folded: "doubled", "doublé", "multiplied", "threefold",
#: and the last word of "in half", "de moitié" (read back from there)
_FACTOR_WORDS = frozenset(
    x
    for w in ALL
    for x in (
        *(fold_text(k).lower() for k in w.rule("factor_words")),
        *w.rule("factor_verbs"),
        *(n + w.rule("factor_suffix") for n in w.numbers if w.rule("factor_suffix")),
        *(p.split()[-1] for p in w.rule("factor_half")),
    )
)
# words a figure can start with (all others are skipped without a closer look)
_START_WORDS = frozenset(
    {*_NUMBER_WORDS, *_QUALIFIER_FIRST, *_CURRENCY_WORDS, *_FACTOR_WORDS, *_every_words("start")}
)
# words without which a claim has no figure (articles and qualifiers only matter next to them)
_ANCHOR_WORDS = frozenset(
    {*_NUMBER_WORDS, *_DURATIONS, *_FACTOR_WORDS, *_every_words("anchor")}
    - _every_words("not_anchor")
)
