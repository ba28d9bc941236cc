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


def _every_words(key: str) -> frozenset[str]:
    return frozenset(w for k, v in _every("words") if k == key for w in v.split())


def _every_phrases(key: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for k, v in _every("words") if k == key for p in v)


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

_CURRENCY_SYMBOLS = {"$": "usd", "€": "eur", "£": "gbp", "¥": "jpy"}
_CURRENCY_WORDS: dict[str, str] = {w: code for code, words in _every("currencies") for w in words}
# "pounds"/"livres" are money only with a multiplier or "sterling" around them.
_POUND_WORDS = _every_words("pound")

_PERCENT_WORDS = _every_phrases("percent")
_PP_WORDS = _every_phrases("percentage_points")

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
# words between a number and the noun it counts that we step over
_SKIP_ADJ = _every_words("skip_adjectives")
_NOT_NOUNS = _every_words("not_nouns")
_MONTH_ABBREVIATIONS = _every_words("month_abbreviations")
_DAYPARTS = _every_words("dayparts")
_ID_WORDS = _every_words("id_words")
_ORDINAL_SUFFIX = _every_words("ordinal_suffixes")
_RANGE_WORDS = _every_words("range")  # "5 to 20", "5 ou 6"
_OF_WORDS = _every_words("of")  # "hundreds of", "centaines de"
_BETWEEN_WORDS = _every_words("between")
_SEVERAL_WORDS = _every_words("several")  # "several hundred", "quelques milliers"

# number words of every language
_ALL_MONTHS = frozenset(m for w in ALL for m in w.months)
_ALL_MULTIPLIERS = frozenset(m for w in ALL for m in w.multipliers)
# a multiplier or scale word's factor, the first language's reading first ("billion" is 1e9)
_ANY_FACTOR = _first_wins([*(w.multipliers for w in ALL), *(w.scales for w in ALL)])

_NUMBER_WORDS = frozenset(
    x
    for w in ALL
    for x in (*w.numbers, *w.scales, *w.magnitudes, *w.approximate_numbers, *w.months, *w.weekdays)
)
# words a figure can start with (all others are skipped without a closer look)
_START_WORDS = frozenset(
    {*_NUMBER_WORDS, *_QUALIFIER_FIRST, *_CURRENCY_WORDS, *_every_words("start")}
)
# words without which a claim has no figure (articles and qualifiers only matter next to them)
_ANCHOR_WORDS = frozenset(
    {*_NUMBER_WORDS, *_DURATIONS, *_every_words("anchor")} - _every_words("not_anchor")
)
