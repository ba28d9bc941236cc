"""Figures in English and French claims: counts, dates, quantities, money, percentages and
durations, normalised so that two outlets' figures can be compared ("1,200" = "1 200",
"60 kilometers" = "37 miles", "hundreds" vs "300", "January 17" vs "janvier").

Decisions worth knowing:

* Digits follow the claim's language for the one ambiguous case, a single separator followed by
  exactly three digits: "1,200" is 1200 in English and 1.2 in French, "1.200" is 1.2 in English
  and 1200 in French. Everything else is read the same way in both ("12,5" and "12.5" are 12.5;
  "1 200" with a space, NBSP or narrow NBSP is 1200).
* Not counts: ordinals ("1st", "2e", "Louis XIV" - Roman numerals are never read), numbers glued
  to letters or a letter and hyphen ("S-300", "F-16", "COVID-19", "MH17"), numbers right after
  a capitalised word in mid-sentence ("Resolution 2254", "Boeing 737"), phone-like digit groups,
  and the words "one"/"un"/"une"/"a" on their own ("one soldier" is not counted; "one million",
  "an hour" and "a dozen" are).
* A bare four-digit number from 1800 to 2100 is a year unless a unit, currency, percent sign,
  qualifier ("some 1500") or a counted noun from the lexicon ("1500 soldiers") says otherwise.
* A conversion in parentheses belongs to the figure before it: "60 kilometers (37 miles)" is one
  quantity.

How the :class:`Figure` fields are used (they must carry everything :func:`compare_figures` needs):

* counts: ``unit`` is the counted thing, a lexicon concept shared by both languages ("dead",
  "soldier", "strike") or ``~stem`` for a noun outside the lexicon; ``None`` when nothing is
  counted.
* quantities: ``unit`` is the canonical unit of the dimension (km, km2, kg, l, km/h, degC, W) and
  values are converted to it; durations are in seconds (``s``); money carries an ISO currency code
  in lowercase; percentages ``percent`` or ``pp`` (percentage points).
* approximations: "about 400" is value 400, low 360, high 440, approximate; "nearly 400" low 340,
  high 400; "over 400" low 400, high ``None``; "under 400" low ``None``, high 400; magnitudes
  ("hundreds") have no value and low..high 100..999; a range ("5 to 20") is not approximate,
  value is the midpoint.
* dates: ``unit`` ``date`` with low/high the proleptic ordinals (``datetime.date.toordinal``) of
  the first and last day covered; when the year is unknown ``date:md`` with low/high coded as
  month*100+day (a month alone is m*100+1..m*100+31); an unresolved weekday ``date:wd`` (value
  0 = Monday); an unresolved relative date ``date:rel:<day|week|month|year>`` (value = offset);
  clock times ``time`` (value = minutes after midnight).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from claimcheck.core.errors import InputError
from claimcheck.core.extract.names import DEMONYM_KEYS, fold_text
from claimcheck.core.types import Figure

__all__ = [
    "compare_figures",
    "extract_figures",
    "figure_affinity",
    "figure_granularity",
    "parse_reference_date",
]


def _words(text: str) -> list[str]:
    """The words of a whitespace-separated list written as one string."""
    return text.split()


# --- tokens --------------------------------------------------------------------------------------

_SPACES = " \u00a0\u202f\u2009"
_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d])(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<sym>[$€£¥%°²³()\-‐–—/:,.;'’+#\"“”«»!?])"
)


class _Tok(NamedTuple):
    kind: str  # num, word, sym
    text: str
    low: str  # folded lowercase (accents removed); apostrophes normalised to '
    start: int
    end: int
    glued: bool  # no space between this token and the previous one


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_ELIDED = frozenset(("d", "l", "qu", "jusqu", "lorsqu", "puisqu", "s", "n", "c"))


@lru_cache(maxsize=1024)
def _tokenize(text: str, lo: int = 0, hi: int | None = None) -> tuple[_Tok, ...]:
    toks: list[_Tok] = []
    prev_end = -2
    folded = fold_text(text)
    for m in _TOKEN.finditer(text, lo, len(text) if hi is None else hi):
        kind = m.lastgroup or "sym"
        t = m.group()
        low = folded[m.start() : m.end()]
        glued = m.start() == prev_end
        if (
            kind == "sym"
            and low == "'"
            and toks
            and toks[-1].kind == "word"
            and toks[-1].low in _ELIDED
            and glued
        ):
            last = toks[-1]
            toks[-1] = _Tok(
                "word", text[last.start : m.end()], last.low + "'", last.start, m.end(), last.glued
            )
            prev_end = m.end()
            continue
        toks.append(_Tok(kind, t, low, m.start(), m.end(), glued))
        prev_end = m.end()
    return tuple(toks)


# --- lexicons ------------------------------------------------------------------------------------

_EN_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_FR_UNITS = {
    "zero": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_FR_SCALES = {
    "cent": 100,
    "cents": 100,
    "mille": 1000,
    "million": 1e6,
    "millions": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    "billion": 1e12,
    "billions": 1e12,
}
# Multipliers after digits ("5 million", "3bn", "2,5 milliards").
_EN_MULT = {
    "thousand": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "trillion": 1e12,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "k": 1e3,
    "tn": 1e12,
}
_FR_MULT = {
    "mille": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    "billion": 1e12,
    "billions": 1e12,
    "md": 1e9,
    "mds": 1e9,
    "mrd": 1e9,
    "mn": 1e6,
    "bn": 1e9,
    "k": 1e3,
}
# Magnitude words: (low, high)
_EN_MAGNITUDE = {
    "dozens": (20, 99),
    "scores": (20, 99),
    "hundreds": (100, 999),
    "thousands": (1000, 9999),
    "millions": (1e6, 9.99e6),
    "billions": (1e9, 9.99e9),
}
_FR_MAGNITUDE = {
    "dizaines": (20, 99),
    "centaines": (100, 999),
    "milliers": (1000, 9999),
    "millions": (1e6, 9.99e6),
    "milliards": (1e9, 9.99e9),
}
_FR_AINE = {
    "dizaine": 10,
    "douzaine": 12,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "soixantaine": 60,
    "centaine": 100,
    "millier": 1000,
}

_QUALIFIERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "lower": (
        ("more", "than"),
        ("over",),
        ("at", "least"),
        ("upwards", "of"),
        ("in", "excess", "of"),
        ("no", "fewer", "than"),
        ("no", "less", "than"),
        ("not", "less", "than"),
        ("above",),
        ("just", "over"),
        ("well", "over"),
        ("a", "minimum", "of"),
        ("plus", "de"),
        ("plus", "d'"),
        ("au", "moins"),
        ("pas", "moins", "de"),
        ("pas", "moins", "d'"),
        ("au", "minimum"),
        ("au", "dela", "de"),
        ("un", "peu", "plus", "de"),
        ("bien", "plus", "de"),
        ("un", "peu", "plus", "d'"),
        ("bien", "plus", "d'"),
    ),
    "upper": (
        ("less", "than"),
        ("fewer", "than"),
        ("under",),
        ("up", "to"),
        ("as", "many", "as"),
        ("as", "much", "as"),
        ("at", "most"),
        ("no", "more", "than"),
        ("a", "maximum", "of"),
        ("just", "under"),
        ("below",),
        ("moins", "de"),
        ("moins", "d'"),
        ("jusqu'", "a"),
        ("au", "plus"),
        ("au", "maximum"),
        ("pas", "plus", "de"),
        ("pas", "plus", "d'"),
        ("un", "peu", "moins", "de"),
        ("un", "peu", "moins", "d'"),
    ),
    "about": (
        ("about",),
        ("around",),
        ("approximately",),
        ("roughly",),
        ("some",),
        ("an", "estimated"),
        ("estimated",),
        ("circa",),
        ("approx",),
        ("environ",),
        ("quelque",),
        ("autour", "de"),
        ("autour", "d'"),
        ("approximativement",),
        ("a", "peu", "pres"),
        ("aux", "alentours", "de"),
        ("aux", "alentours", "d'"),
        ("grosso", "modo"),
        ("en", "viron"),
    ),
    "near": (
        ("nearly",),
        ("almost",),
        ("close", "to"),
        ("pres", "de"),
        ("pres", "d'"),
        ("presque",),
        ("quasiment",),
        ("pratiquement",),
        ("pas", "loin", "de"),
        ("pas", "loin", "d'"),
        ("just", "shy", "of"),
        ("a", "little", "under"),
    ),
}
_QUALIFIER_LIST = sorted(
    ((phrase, cls) for cls, phrases in _QUALIFIERS.items() for phrase in phrases),
    key=lambda pc: -len(pc[0]),
)
_QUALIFIER_FIRST = frozenset(p[0] for p, _ in _QUALIFIER_LIST)
_QUALIFIER_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _cls in _QUALIFIER_LIST:
    _QUALIFIER_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _cls))

# unit alias (folded, tokens joined by space) -> (canonical unit, factor to canonical)
_UNITS: dict[str, tuple[str, float]] = {}


def _add_units(canon: str, factor: float, *aliases: str) -> None:
    for a in aliases:
        _UNITS[a] = (canon, factor)


_add_units(
    "km",
    1.0,
    "km",
    "kms",
    "kilometer",
    "kilometers",
    "kilometre",
    "kilometres",
    "kilometre",
    "kilometres",
)
_add_units("km", 0.001, "m", "meter", "meters", "metre", "metres", "metre", "metres")
_add_units("km", 1e-5, "cm", "centimeter", "centimeters", "centimetre", "centimetres")
_add_units("km", 1e-6, "mm", "millimeter", "millimeters", "millimetre", "millimetres")
_add_units("km", 1.609344, "mile", "miles", "mi", "mille", "milles")
_add_units("km", 1.852, "nautical mile", "nautical miles", "mille nautique", "milles nautiques")
_add_units("km", 0.0003048, "foot", "feet", "ft", "pied", "pieds")
_add_units("km", 0.0009144, "yard", "yards", "yd")
_add_units(
    "km2",
    1.0,
    "km2",
    "km²",
    "square kilometer",
    "square kilometers",
    "square kilometre",
    "square kilometres",
    "kilometre carre",
    "kilometres carres",
    "sq km",
)
_add_units("km2", 2.589988, "square mile", "square miles", "sq mi", "mille carre", "milles carres")
_add_units("km2", 0.01, "hectare", "hectares", "ha")
_add_units("km2", 0.00404686, "acre", "acres")
_add_units(
    "km2",
    1e-6,
    "m2",
    "m²",
    "square meter",
    "square meters",
    "square metre",
    "square metres",
    "metre carre",
    "metres carres",
)
_add_units("kg", 1.0, "kg", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes")
_add_units("kg", 0.001, "g", "gram", "grams", "gramme", "grammes")
_add_units("kg", 1000.0, "t", "tonne", "tonnes", "ton", "tons", "metric tons")
_add_units("kg", 0.45359237, "lb", "lbs", "pound", "pounds")
_add_units("l", 1.0, "l", "liter", "liters", "litre", "litres")
_add_units("l", 0.001, "ml", "milliliter", "milliliters", "millilitre", "millilitres")
_add_units(
    "l",
    1000.0,
    "m3",
    "m³",
    "cubic meter",
    "cubic meters",
    "cubic metre",
    "cubic metres",
    "metre cube",
    "metres cubes",
)
_add_units("l", 158.987, "barrel", "barrels", "baril", "barils", "bbl")
_add_units("l", 3.78541, "gallon", "gallons")
_add_units(
    "km/h",
    1.0,
    "km/h",
    "kmh",
    "kph",
    "kilometers per hour",
    "kilometres per hour",
    "kilometres par heure",
    "kilometres heure",
    "km par heure",
    "kilometres/heure",
)
_add_units("km/h", 1.609344, "mph", "miles per hour", "miles an hour", "miles par heure")
_add_units("km/h", 1.852, "knot", "knots", "noeud", "noeuds")
_add_units("W", 1.0, "w", "watt", "watts")
_add_units("W", 1e3, "kw", "kilowatt", "kilowatts")
_add_units("W", 1e6, "mw", "megawatt", "megawatts")
_add_units("W", 1e9, "gw", "gigawatt", "gigawatts")
_add_units(
    "degC", 1.0, "°c", "degrees celsius", "degres celsius", "degrees", "degres", "°", "celsius"
)
_add_units("degF", 1.0, "°f", "degrees fahrenheit", "degres fahrenheit", "fahrenheit")
_UNIT_MAX_TOKENS = 3

# duration unit -> seconds
_DURATIONS: dict[str, float] = {}
for _names, _secs in (
    (("second", "seconds", "sec", "secs", "seconde", "secondes", "s"), 1.0),
    (("minute", "minutes", "min", "mins"), 60.0),
    (("hour", "hours", "hr", "hrs", "heure", "heures", "h"), 3600.0),
    (("day", "days", "jour", "jours", "journee", "journees"), 86400.0),
    (("week", "weeks", "semaine", "semaines"), 604800.0),
    (("month", "months", "mois"), 2629800.0),
    (("year", "years", "an", "ans", "annee", "annees", "yr", "yrs"), 31557600.0),
    (("decade", "decades", "decennie", "decennies"), 315576000.0),
    (("century", "centuries", "siecle", "siecles"), 3155760000.0),
):
    for _n in _names:
        _DURATIONS[_n] = _secs

_CURRENCY_SYMBOLS = {"$": "usd", "€": "eur", "£": "gbp", "¥": "jpy"}
_CURRENCY_WORDS = {
    "dollar": "usd",
    "dollars": "usd",
    "euro": "eur",
    "euros": "eur",
    "usd": "usd",
    "eur": "eur",
    "gbp": "gbp",
    "sterling": "gbp",
    "yen": "jpy",
    "yuan": "cny",
    "yuans": "cny",
    "renminbi": "cny",
    "rouble": "rub",
    "roubles": "rub",
    "ruble": "rub",
    "rubles": "rub",
    "shekel": "ils",
    "shekels": "ils",
    "sheqel": "ils",
    "sheqels": "ils",
    "chekel": "ils",
    "chekels": "ils",
    "franc": "chf",
    "francs": "chf",
    "rupee": "inr",
    "rupees": "inr",
    "roupie": "inr",
    "roupies": "inr",
    "lira": "try",
    "liras": "try",
    "dinar": "dinar",
    "dinars": "dinar",
    "riyal": "sar",
    "riyals": "sar",
    "rial": "irr",
    "rials": "irr",
    "hryvnia": "uah",
    "hryvnias": "uah",
    "hryvnas": "uah",
}
# "pounds"/"livres" are money only with a multiplier or "sterling" around them.
_POUND_WORDS = frozenset(("pound", "pounds", "livre", "livres"))

_PERCENT_WORDS: tuple[tuple[str, ...], ...] = (
    ("percent",),
    ("per", "cent"),
    ("pour", "cent"),
    ("pourcent",),
    ("pc",),
)
_PP_WORDS: tuple[tuple[str, ...], ...] = (
    ("percentage", "points"),
    ("percentage", "point"),
    ("points", "de", "pourcentage"),
    ("point", "de", "pourcentage"),
)

# counted nouns (folded) -> concept shared by both languages
_CONCEPT_WORDS: dict[str, str] = {}
for _concept, _wordlist in {
    "dead": "dead killed deaths death fatalities lives morts mort tues tue tuee tuees deces",
    "injured": "injured wounded hurt blesses blesse blessees blessee",
    "casualty": "casualties",
    "victim": "victims victime victimes",
    "people": "people persons person individuals personnes individus gens",
    "soldier": "soldiers soldier troops servicemen soldats soldat militaires troupes",
    "man": "men hommes",
    "woman": "women femmes",
    "civilian": "civilians civils",
    "child": "children kids minors enfants mineurs",
    "strike": "strikes airstrikes raids frappes bombardements bombings",
    "attack": "attacks attaques attentats assaults",
    "rocket": "rockets roquettes",
    "missile": "missiles",
    "drone": "drones",
    "shell": "shells obus",
    "refugee": "refugees refugies",
    "displaced": "displaced deplaces",
    "migrant": "migrants",
    "prisoner": "prisoners detainees prisonniers detenus",
    "hostage": "hostages otages",
    "worker": "workers employees travailleurs employes salaries ouvriers",
    "rescuer": "rescuers secouristes sauveteurs",
    "official": "officials responsables officiels",
    "member": "members membres",
    "country": "countries nations pays",
    "vote": "votes voix suffrages",
    "seat": "seats sieges",
    "house": "houses homes maisons logements habitations",
    "building": "buildings batiments immeubles",
    "vehicle": "vehicles cars vehicules voitures",
    "tank": "tanks chars blindes",
    "aircraft": "aircraft planes jets warplanes avions appareils",
    "helicopter": "helicopters helicopteres",
    "ship": "ships vessels boats navires bateaux",
    "case": "cases cas",
    "job": "jobs emplois",
    "province": "provinces",
    "region": "regions",
    "village": "villages",
    "town": "towns cities villes",
    "protester": "protesters demonstrators manifestants",
    "patient": "patients",
    "student": "students etudiants eleves",
    "fighter": "fighters militants combattants jihadists djihadistes jihadistes rebels "
    "rebelles insurgents insurges",
    "police": "policemen policiers gendarmes",
    "doctor": "doctors medecins",
    "journalist": "journalists journalistes",
    "leader": "leaders dirigeants",
    "minister": "ministers ministres",
    "meeting": "meetings reunions",
    "time": "times fois",
    "site": "sites",
    "target": "targets cibles",
    "arrest": "arrests arrestations interpellations",
    "resident": "residents habitants",
    "tonne": "tonnes",
}.items():
    for _w in _wordlist.split():
        _CONCEPT_WORDS[_w] = _concept
_CONCEPT_BIGRAMS = {
    ("air", "strikes"): "strike",
    ("air", "raids"): "strike",
    ("rescue", "workers"): "rescuer",
    ("aid", "workers"): "worker",
    ("police", "officers"): "police",
    ("service", "members"): "soldier",
    ("fighter", "jets"): "aircraft",
    ("military", "personnel"): "soldier",
    ("health", "workers"): "worker",
}
_PEOPLE_CONCEPTS = frozenset(
    (
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
    )
)
_DEATH_WORDS = frozenset(
    _words(
        "killed died dead slain tues tuees tue tuee morts mort morte mortes peri perie peris "
        "peries deces decede decedes decedee decedees killing tuant"
    )
)
_INJURY_WORDS = frozenset(
    _words("injured wounded hurt injuring wounding blesses blessees blesse blessee blessant")
)
# words between a number and the noun it counts that we step over
_SKIP_ADJ = frozenset(
    _words(
        """other more new additional further senior top young armed unarmed foreign local former
    israeli russian syrian iranian american palestinian lebanese autres nouveaux nouvelles
    supplementaires jeunes hauts anciens armes au total total some estimated"""
    )
)
_NOT_NOUNS = frozenset(
    _words(
        """were was are is have has had will would could may might to of in on at for from by and
    or but as than that which who with since after before over under during per a an the
    ont sont a ete etaient avaient sera seront de des du la le les et ou en au aux pour par
    sur dans avec que qui depuis apres avant pendant selon contre"""
    )
)

_EN_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_FR_MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
    "janv": 1,
    "fevr": 2,
    "avr": 4,
    "juil": 7,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_ABBREVIATIONS = frozenset(
    _words("jan feb mar apr jun jul aug sep sept oct nov dec janv fevr avr juil")
)
_EN_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_FR_WEEKDAYS = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}
_DAYPARTS = frozenset(_words("morning afternoon evening night matin soir apres midi soiree nuit"))
_YEAR_PREPS = frozenset(
    _words(
        """in since by until from of before after during early late mid end start throughout
    en depuis des jusqu' avant apres de fin debut mi courant annee year"""
    )
)
_ID_WORDS = frozenset(
    _words(
        """no n° number numero num resolution resolutions article articles route flight vol page
    pages chapter chapitre section paragraph paragraphe room salle gate porte line ligne
    level niveau code"""
    )
)
_ORDINAL_SUFFIX = frozenset(("st", "nd", "rd", "th", "er", "e", "eme", "re", "ere", "d"))

_DIMENSION_OF = {
    "km": "length",
    "km2": "area",
    "kg": "mass",
    "l": "volume",
    "km/h": "speed",
    "W": "power",
    "degC": "temperature",
    "degF": "temperature",
}


# --- reference date ------------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def parse_reference_date(value: str | None) -> _dt.date | None:
    """Parse an ISO date ("2019-01-30", or the start of an ISO timestamp); ``None`` stays None.

    Raises :class:`InputError` with one line when the value is not a date.
    """
    if value is None or value == "":
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


# --- numbers -------------------------------------------------------------------------------------


def _parse_digits(text: str, french: bool) -> float:
    s = "".join(ch for ch in text if ch not in _SPACES)
    if any(ch in text for ch in _SPACES):
        return float(s.replace(",", "."))
    commas, dots = s.count(","), s.count(".")
    if commas and dots:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        thou = "." if dec == "," else ","
        return float(s.replace(thou, "").replace(dec, "."))
    sep = "," if commas else "." if dots else ""
    if not sep:
        return float(s)
    if s.count(sep) > 1:
        return float(s.replace(sep, ""))
    head, tail = s.split(sep)
    if len(tail) == 3 and head and head != "0" and len(head) <= 3:
        thousands = (sep == ",") != french
        if thousands:
            return float(head + tail)
    return float(head + "." + tail)


class _Num(NamedTuple):
    value: float | None
    low: float | None
    high: float | None
    shape: str  # exact, about, magnitude
    end: int  # index of the first token after the number
    article: bool  # "a"/"an"/"un"/"une"/"one" standing for 1
    mult: bool  # carries a multiplier word (million, bn...)


def _words_value(words: list[str], french: bool) -> float:
    units = _FR_UNITS if french else _EN_UNITS
    scales = _FR_SCALES if french else _EN_SCALES
    total = 0.0
    cur = 0.0
    prev = ""
    for w in words:
        if w in units:
            if w in ("vingt", "vingts") and prev == "quatre":
                cur += 80 - 4
            else:
                cur += units[w]
        elif w in scales:
            scale = scales[w]
            if scale == 100:
                cur = max(cur, 1) * 100
            else:
                total += max(cur, 1) * scale
                cur = 0
        prev = w
    return total + cur


def _parse_core(toks: tuple[_Tok, ...], i: int, french: bool, money_hint: bool) -> _Num | None:
    """A number at ``toks[i]``: digits (with a multiplier), number words or a magnitude word."""
    n = len(toks)
    t = toks[i]
    units = _FR_UNITS if french else _EN_UNITS
    scales = _FR_SCALES if french else _EN_SCALES
    mults = _FR_MULT if french else _EN_MULT
    if t.kind == "num":
        try:
            value = _parse_digits(t.text, french)
        except ValueError:
            return None
        j = i + 1
        mult = False
        if j < n and toks[j].kind == "word":
            w = toks[j].low
            factor = mults.get(w)
            if (
                factor is None
                and toks[j].text in ("m", "M")
                and (
                    money_hint
                    or (j + 1 < n and _currency_at(toks, j + 1)[0])
                    or (toks[j].glued and j + 1 < n and toks[j + 1].low in _CONCEPT_WORDS)
                )
            ):
                factor = 1e6
            if factor is None and toks[j].text in ("b", "B") and money_hint and toks[j].glued:
                factor = 1e9
            if factor is None and w == "mille" and french:
                factor = 1e3
            if factor is not None:
                value *= factor
                j += 1
                mult = True
        return _Num(value, value, value, "exact", j, False, mult)
    if t.kind != "word":
        return None
    w = t.low
    # magnitudes: "hundreds (of thousands)", "des centaines (de milliers)", "several hundred"
    mags = _FR_MAGNITUDE if french else _EN_MAGNITUDE
    if french and w in ("des", "les") and i + 1 < n and toks[i + 1].low in mags:
        inner = _parse_core(toks, i + 1, french, money_hint)
        return inner if inner is None or inner.shape == "magnitude" else None
    if w in ("tens", "dizaines") and i + 2 < n and toks[i + 1].low in ("of", "de", "d'"):
        nxt = toks[i + 2].low
        if nxt in ("thousands", "milliers", "millions"):
            base = 1e3 if nxt in ("thousands", "milliers") else 1e6
            return _Num(None, 10 * base, 99.99 * base, "magnitude", i + 3, False, True)
    if w in mags:
        low, high = mags[w]
        j = i + 1
        if (
            j + 1 < n
            and toks[j].low in ("of", "de", "d'")
            and toks[j + 1].low in ("thousands", "milliers", "millions", "billions", "milliards")
        ):
            scale = {
                "thousands": 1e3,
                "milliers": 1e3,
                "millions": 1e6,
                "billions": 1e9,
                "milliards": 1e9,
            }[toks[j + 1].low]
            return _Num(
                None, low * scale, high * scale + scale - 1, "magnitude", j + 2, False, True
            )
        return _Num(None, low, high, "magnitude", j, False, low >= 1e6)
    if w in ("several", "few", "plusieurs", "quelques") and i + 1 < n:
        nxt = toks[i + 1].low
        if nxt in ("hundred", "centaines"):
            return _Num(None, 100, 999, "magnitude", i + 2, False, False)
        if nxt in ("thousand", "milliers"):
            return _Num(None, 1000, 9999, "magnitude", i + 2, False, False)
        if nxt in ("million", "millions"):
            return _Num(None, 1e6, 9.99e6, "magnitude", i + 2, False, True)
        if nxt == "dozen":
            return _Num(None, 24, 99, "magnitude", i + 2, False, False)
        return None
    if french and w in _FR_AINE:
        if i + 1 < n and toks[i + 1].low in ("de", "d'"):
            v = _FR_AINE[w]
            return _Num(float(v), v * 0.75, v * 1.3, "about", i + 1, False, False)
        return None
    if w == "dozen" and not french:
        return _Num(12.0, 10.0, 15.0, "about", i + 1, False, False)
    if w == "douzaine" and french and i + 1 < n and toks[i + 1].low in ("de", "d'"):
        return _Num(12.0, 10.0, 15.0, "about", i + 1, False, False)
    # articles and "one": 1 only before a scale or "dozen"
    article_words = ("un", "une") if french else ("a", "an", "one")
    if w in article_words:
        if i + 1 < n and toks[i + 1].kind == "word":
            nxt = toks[i + 1].low
            if w == "one" and nxt in scales and i + 2 < n and toks[i + 2].kind == "word":
                # "one hundred and one", "one hundred thousand": number words that go on are
                # read whole by the loop below, not as "one hundred" then more.
                more = toks[i + 2].low
                if more in units or more in scales or more == "and":
                    return _parse_words(toks, i, french)
            if (nxt in scales and scales[nxt] >= 100) or (nxt in mults and mults[nxt] >= 1e6):
                value = scales.get(nxt) or mults[nxt]
                k = i + 2
                sub = _parse_core(toks, k, french, money_hint) if k < n else None
                if (
                    sub is not None
                    and sub.shape == "exact"
                    and sub.value is not None
                    and sub.value < value
                    and toks[k].kind == "word"
                ):
                    return _Num(
                        value + sub.value,
                        value + sub.value,
                        value + sub.value,
                        "exact",
                        sub.end,
                        False,
                        True,
                    )
                return _Num(value, value, value, "exact", i + 2, False, True)
            if nxt in ("dozen", "douzaine"):
                return _parse_core(toks, i + 1, french, money_hint)
            if not french and w == "a" and nxt in ("few", "couple"):
                return None
        return _Num(1.0, 1.0, 1.0, "exact", i + 1, True, False)
    if w not in units and w not in scales:
        return None
    return _parse_words(toks, i, french)


def _parse_words(toks: tuple[_Tok, ...], i: int, french: bool) -> _Num | None:
    """A number written in words from ``toks[i]`` ("three hundred and forty-two", "cent un",
    "quatre-vingt-dix-sept mille"), with a multiplier after it ("two million")."""
    n = len(toks)
    units = _FR_UNITS if french else _EN_UNITS
    scales = _FR_SCALES if french else _EN_SCALES
    mults = _FR_MULT if french else _EN_MULT
    words: list[str] = []
    j = i
    last = i
    after_et = after_hyphen = False
    while j < n:
        tj = toks[j]
        if tj.kind == "word" and (tj.low in units or tj.low in scales):
            if (
                tj.low in ("un", "une")
                and words
                and not after_et
                and not after_hyphen
                and words[-1] not in ("cent", "mille")
            ):
                # "un" after a number is an article ("vingt un jour" is not 21) except in
                # "vingt et un", "quatre-vingt-un", "cent un", "mille un".
                break
            words.append(tj.low)
            last = j
            j += 1
            after_et = after_hyphen = False
            continue
        if tj.kind == "sym" and tj.text in "-‐" and tj.glued and j + 1 < n and toks[j + 1].glued:
            j += 1
            after_hyphen = True
            continue
        if (
            tj.kind == "word"
            and tj.low == "et"
            and french
            and j + 1 < n
            and toks[j + 1].low in ("un", "une", "onze")
        ):
            j += 1
            after_et = True
            continue
        if (
            tj.kind == "word"
            and tj.low == "and"
            and words
            and words[-1] in ("hundred", "thousand")
            and j + 1 < n
            and (toks[j + 1].low in units)
        ):
            j += 1
            continue
        break
    if not words:
        return None
    if words == ["cent"] and french and not (last + 1 < n and toks[last + 1].kind == "word"):
        return None
    value = _words_value(words, french)
    end = last + 1
    mult = False
    if (
        end < n
        and toks[end].kind == "word"
        and toks[end].low in mults
        and mults[toks[end].low] >= 1e6
        and words[-1] not in ("million", "millions", "milliard", "milliards", "billion")
    ):
        value *= mults[toks[end].low]
        end += 1
        mult = True
    mult = mult or any(
        w in ("million", "millions", "milliard", "milliards", "billion", "billions", "trillion")
        for w in words
    )
    return _Num(value, value, value, "exact", end, False, mult)


def _currency_at(toks: tuple[_Tok, ...], j: int) -> tuple[str | None, int]:
    """Currency written at ``toks[j]``: (code, index after it)."""
    n = len(toks)
    if j >= n:
        return None, j
    t = toks[j]
    if t.kind == "sym" and t.text in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[t.text], j + 1
    if t.kind == "word":
        if t.low in ("us", "u") and j + 1 < n and toks[j + 1].text == "$":
            return "usd", j + 2
        if t.low in _CURRENCY_WORDS:
            code = _CURRENCY_WORDS[t.low]
            k = j + 1
            if k < n and toks[k].low in ("us", "americains", "americain"):
                k += 1
            return code, k
    return None, j


# --- dates ---------------------------------------------------------------------------------------


class _Date(NamedTuple):
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    year_end: int | None = None  # for decades and year ranges
    day_end: int | None = None  # "22 and 23 September", "du 22 au 25 septembre"


def _month_at(toks: tuple[_Tok, ...], i: int, french: bool) -> int | None:
    t = toks[i]
    if t.kind != "word":
        return None
    w = t.low
    if french:
        m = _FR_MONTHS.get(w)
        if m is not None:
            if w == "mars" and t.text[0].isupper() and i > 0 and toks[i - 1].kind == "word":
                return None  # the planet
            if (
                len(w) <= 4
                and w not in ("mai", "juin", "aout", "mars")
                and not (i + 1 < len(toks) and toks[i + 1].text == ".")
            ):
                return None  # abbreviations need their dot
            return m
        return None
    m = _EN_MONTHS.get(w)
    if m is None or not t.text[0].isupper():
        return None
    if len(w) <= 4 and w not in ("may", "june", "july") and w not in ("sept",):
        # "Jan." "Feb" ... only with a day or year next to them
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is None or not (nxt.kind == "num" or nxt.text == "."):
            return None
    if w == "may":
        prev = toks[i - 1].low if i > 0 else ""
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if not (
            (nxt is not None and nxt.kind == "num")
            or (i > 0 and toks[i - 1].kind == "num")
            or prev
            in (
                "in",
                "since",
                "early",
                "late",
                "mid",
                "last",
                "next",
                "of",
                "until",
                "by",
                "from",
                "before",
                "after",
                "this",
                "during",
                "end",
            )
        ):
            return None
    return m


def _weekday_at(toks: tuple[_Tok, ...], i: int, french: bool) -> int | None:
    t = toks[i]
    if t.kind != "word":
        return None
    if french:
        return _FR_WEEKDAYS.get(t.low)
    if t.text[0].isupper():
        return _EN_WEEKDAYS.get(t.low)
    return None


def _day_num(tok: _Tok) -> int | None:
    if tok.kind != "num" or not tok.text.isdigit() or len(tok.text) > 2:
        return None
    d = int(tok.text)
    return d if 1 <= d <= 31 else None


def _year_num(tok: _Tok) -> int | None:
    if tok.kind != "num" or not tok.text.isdigit() or len(tok.text) != 4:
        return None
    y = int(tok.text)
    return y if 1800 <= y <= 2100 else None


def _skip_ordinal(toks: tuple[_Tok, ...], j: int) -> int:
    if (
        j < len(toks)
        and toks[j].glued
        and toks[j].kind == "word"
        and toks[j].low in (_ORDINAL_SUFFIX)
    ):
        return j + 1
    return j


def _parse_date(
    toks: tuple[_Tok, ...], i: int, french: bool, text: str
) -> tuple[_Date | tuple[str, int], int] | None:
    """A date starting at ``toks[i]``: (date or (relative unit, offset), end index)."""
    n = len(toks)
    t = toks[i]
    wd = _weekday_at(toks, i, french)
    start_i = i
    if wd is not None:
        j = i + 1
        if j < n and toks[j].text == "," and j + 1 < n:
            j += 1
        if j < n and toks[j].low in ("le", "the"):
            j += 1
        inner = (
            _parse_date(toks, j, french, text)
            if j < n and (toks[j].kind == "num" or _month_at(toks, j, french) is not None)
            else None
        )
        if inner is not None and isinstance(inner[0], _Date) and inner[0].day is not None:
            d = inner[0]
            return _Date(d.year, d.month, d.day, wd), inner[1]
        j = i + 1
        if j < n and toks[j].low in _DAYPARTS:
            j += 1
        return _Date(None, None, None, wd), j
    del start_i
    # relative dates
    rel = _parse_relative(toks, i, french)
    if rel is not None:
        return rel
    # day month [year] (both languages), "1er janvier"
    day = _day_num(t)
    if day is not None:
        j = _skip_ordinal(toks, i + 1)
        day_end, j = _day_range_end(toks, j, day)
        if j < n and toks[j].low == "of":
            j += 1
        if j < n:
            m = _month_at(toks, j, french)
            if m is not None:
                k = j + 1
                if k < n and toks[k].text == "." and toks[j].low in _MONTH_ABBREVIATIONS:
                    k += 1
                if k < n and _year_num(toks[k]) is not None:
                    return _Date(_year_num(toks[k]), m, day, None, None, day_end), k + 1
                return _Date(None, m, day, None, None, day_end), k
        return None
    m = _month_at(toks, i, french)
    if m is not None:
        j = i + 1
        if j < n and toks[j].text == "." and toks[j].glued and t.low in _MONTH_ABBREVIATIONS:
            j += 1  # "Jan.", "févr."
        if not french and j < n:
            dd = _day_num(toks[j])
            if dd is not None:
                k = _skip_ordinal(toks, j + 1)
                d_end, k = _day_range_end(toks, k, dd)
                if k < n and toks[k].text == "," and k + 1 < n and _year_num(toks[k + 1]):
                    return _Date(_year_num(toks[k + 1]), m, dd, None, None, d_end), k + 2
                if k < n and _year_num(toks[k]) is not None:
                    return _Date(_year_num(toks[k]), m, dd, None, None, d_end), k + 1
                return _Date(None, m, dd, None, None, d_end), k
        if j < n and toks[j].text == "," and j + 1 < n and _year_num(toks[j + 1]):
            return _Date(_year_num(toks[j + 1]), m, None, None), j + 2
        if j < n and _year_num(toks[j]) is not None:
            return _Date(_year_num(toks[j]), m, None, None), j + 1
        # "novembre dernier", "last November" is handled by _parse_relative
        if french and j < n and toks[j].low in ("dernier", "passe"):
            return ("month-name-last", m), j + 1
        return _Date(None, m, None, None), j
    # decades: "the 1990s", "les années 1990", "années 90"
    y = _year_num(t)
    if (
        t.kind == "num"
        and i + 1 < n
        and toks[i + 1].glued
        and toks[i + 1].low == "s"
        and y is not None
        and y % 10 == 0
    ):
        return _Date(y, None, None, None, y + 9), i + 2
    if i > 0 and toks[i - 1].low in ("annees",) and t.kind == "num" and t.text.isdigit():
        v = int(t.text)
        if len(t.text) == 2 and v % 10 == 0:
            v += 1900 if v >= 20 else 2000
        if 1800 <= v <= 2100 and v % 10 == 0:
            return _Date(v, None, None, None, v + 9), i + 1
    if y is not None and not _is_count_year(toks, i, french):
        # year ranges: 2014-2016, 2014-16, from 2014 to 2016, entre 2014 et 2016
        j = i + 1
        if j + 1 < n and toks[j].text in "-–‐/" and toks[j + 1].kind == "num":
            y2 = _year_num(toks[j + 1])
            if y2 is None and len(toks[j + 1].text) == 2 and toks[j + 1].text.isdigit():
                y2 = (y // 100) * 100 + int(toks[j + 1].text)
            if y2 is not None and y < y2 <= y + 50:
                return _Date(y, None, None, None, y2), j + 2
        if j + 1 < n and toks[j].low in ("to", "a", "and", "et", "until", "through", "au"):
            prev = toks[i - 1].low if i > 0 else ""
            y2 = _year_num(toks[j + 1])
            if y2 is not None and y < y2 and prev in ("from", "de", "between", "entre", "du"):
                return _Date(y, None, None, None, y2), j + 2
        return _Date(y, None, None, None), i + 1
    return None


def _day_range_end(toks: tuple[_Tok, ...], j: int, day: int) -> tuple[int | None, int]:
    """The last day of "22 and 23", "22-23", "22 au 25" after a first day: (day, index)."""
    n = len(toks)
    if j + 1 < n and toks[j].low in ("and", "et", "to", "au", "-", "–", "through", "a"):
        d2 = _day_num(toks[j + 1])
        if d2 is not None and d2 > day:
            return d2, _skip_ordinal(toks, j + 2)
    return None, j


def _is_count_year(toks: tuple[_Tok, ...], i: int, french: bool) -> bool:
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
            if nxt.low in _CURRENCY_WORDS or nxt.low in _EN_MULT or nxt.low in _FR_MULT:
                return True
            if nxt.low in ("percent", "pour", "per") or (
                nxt.low in _DURATIONS and nxt.low not in ("s", "h", "an")
            ):
                return True
    if i > 0:
        prev = toks[i - 1]
        if prev.kind == "sym" and prev.text in _CURRENCY_SYMBOLS:
            return True
        if _qualifier_before(toks, i) is not None:
            return True
    return False


def _parse_relative(
    toks: tuple[_Tok, ...], i: int, french: bool
) -> tuple[tuple[str, int], int] | None:
    n = len(toks)
    w = toks[i].low
    nxt = toks[i + 1].low if i + 1 < n else ""
    nxt2 = toks[i + 2].low if i + 2 < n else ""
    units = {
        "week": "week",
        "month": "month",
        "year": "year",
        "semaine": "week",
        "mois": "month",
        "an": "year",
        "annee": "year",
    }
    if not french:
        if w in ("last", "next", "this", "past") and nxt in ("week", "month", "year"):
            off = {"last": -1, "past": -1, "next": 1, "this": 0}[w]
            return (units[nxt], off), i + 2
        if w == "last" and toks[i + 1 if i + 1 < n else i].kind == "word":
            m = _EN_MONTHS.get(nxt)
            if m is not None and i + 1 < n and toks[i + 1].text[0].isupper():
                return ("month-name-last", m), i + 2
        if w == "yesterday":
            return ("day", -1), i + 1
        if w == "today":
            return ("day", 0), i + 1
        if w == "tomorrow":
            return ("day", 1), i + 1
        return None
    if w in ("le", "la", "l'", "cette", "ce", "cet") and nxt in units:
        unit = units[nxt]
        if w in ("cette", "ce", "cet"):
            return (unit, 0), i + 2
        if nxt2 in ("dernier", "derniere", "passe", "passee"):
            return (unit, -1), i + 3
        if nxt2 in ("prochain", "prochaine"):
            return (unit, 1), i + 3
        return None
    if w == "hier":
        return ("day", -1), i + 1
    if w == "aujourd'" and nxt == "hui":
        return ("day", 0), i + 2
    if w == "demain":
        return ("day", 1), i + 1
    return None


def _resolve(
    d: _Date | tuple[str, int], ref: _dt.date | None
) -> tuple[str, float | None, float | None, float | None]:
    """(unit, value, low, high) of a parsed date against the reference date."""
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
            y, m = ref.year, ref.month + off
            while m < 1:
                y, m = y - 1, m + 12
            while m > 12:
                y, m = y + 1, m - 12
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
    if d.weekday is not None:
        if ref is not None:
            day = ref - _dt.timedelta(days=(ref.weekday() - d.weekday) % 7)
            return _span(day, day)
        return "date:wd", float(d.weekday), float(d.weekday), float(d.weekday)
    return "date:md", None, None, None


def _month_end(y: int, m: int) -> _dt.date:
    if m == 12:
        return _dt.date(y, 12, 31)
    return _dt.date(y, m + 1, 1) - _dt.timedelta(days=1)


def _span(first: _dt.date, last: _dt.date) -> tuple[str, float | None, float | None, float | None]:
    lo, hi = first.toordinal(), last.toordinal()
    return "date", float(lo) if lo == hi else (lo + hi) / 2, float(lo), float(hi)


def _parse_time(toks: tuple[_Tok, ...], i: int, french: bool) -> tuple[int, int] | None:
    """Clock time at ``toks[i]``: (minutes after midnight, end index)."""
    n = len(toks)
    t = toks[i]
    if t.kind == "word":
        # "three o'clock", "à quatre heures", "vers sept heures et demie"
        h = (_FR_UNITS if french else _EN_UNITS).get(t.low, 99)
        if h > 24 or t.low in ("un", "zero") or i + 1 >= n:
            return None
        j = i + 1
        if not french and j + 2 < n and toks[j].low == "o" and toks[j + 2].low == "clock":
            return h * 60, j + 3
        if (
            french
            and toks[j].low in ("heure", "heures")
            and i > 0
            and toks[i - 1].low in ("a", "vers", "des", "jusqu'a")
        ):
            if j + 2 < n and toks[j + 1].low == "et" and toks[j + 2].low in ("demie", "quart"):
                return h * 60 + (30 if toks[j + 2].low == "demie" else 15), j + 3
            return h * 60, j + 1
        return None
    if t.kind != "num" or not t.text.isdigit() or len(t.text) > 2:
        return None
    h = int(t.text)
    if h > 24:
        return None
    j = i + 1
    minutes = 0
    if (
        j + 1 < n
        and toks[j].text == ":"
        and toks[j].glued
        and toks[j + 1].kind == "num"
        and len(toks[j + 1].text) == 2
    ):
        minutes = int(toks[j + 1].text)
        j += 2
        marked = True
        if j + 1 < n and toks[j].text == ":" and toks[j].glued and toks[j + 1].kind == "num":
            j += 2  # seconds
    elif j < n and toks[j].low == "h" and (toks[j].glued or french):
        j += 1
        if j < n and toks[j].kind == "num" and len(toks[j].text) == 2 and toks[j].glued:
            minutes = int(toks[j].text)
            j += 1
        marked = True
    elif (
        french
        and j < n
        and toks[j].low in ("heures", "heure")
        and i > 0
        and toks[i - 1].low in ("a", "vers", "des", "jusqu'a")
    ):
        j += 1
        if j < n and toks[j].kind == "num" and len(toks[j].text) == 2:
            minutes = int(toks[j].text)
            j += 1
        marked = True
    else:
        marked = False
    # a.m. / p.m. / am / pm / o'clock
    if j < n and toks[j].low in ("am", "pm"):
        if toks[j].low == "pm" and h < 12:
            h += 12
        if toks[j].low == "am" and h == 12:
            h = 0
        return h * 60 + minutes, j + 1
    if (
        j + 2 < n
        and toks[j].low in ("a", "p")
        and toks[j + 1].text == "."
        and toks[j + 2].low == ("m")
    ):
        if toks[j].low == "p" and h < 12:
            h += 12
        if toks[j].low == "a" and h == 12:
            h = 0
        end = j + 3
        if end < n and toks[end].text == "." and toks[end].glued:
            end += 1
        return h * 60 + minutes, end
    if j < n and toks[j].low == "o" and j + 2 < n and toks[j + 2].low == "clock":
        return h * 60 + minutes, j + 3
    if marked and minutes < 60:
        return h * 60 + minutes, j
    return None


# --- units after a number ------------------------------------------------------------------------


def _unit_at(toks: tuple[_Tok, ...], j: int) -> tuple[tuple[str, float] | None, int]:
    n = len(toks)
    if j >= n:
        return None, j
    # build candidates from up to three tokens: words, "/", "²"
    for size in range(_UNIT_MAX_TOKENS, 0, -1):
        if j + size > n:
            continue
        parts = []
        ok = True
        for k in range(j, j + size):
            tk = toks[k]
            if tk.kind == "num":
                if k > j and tk.text in ("2", "3") and tk.glued:
                    parts.append(tk.text)
                    continue
                ok = False
                break
            if tk.kind == "sym" and tk.text not in "/°²³-":
                ok = False
                break
            parts.append(tk.low if tk.kind == "word" else tk.text)
        if not ok:
            continue
        key = _unit_key(parts)
        hit = _UNITS.get(key)
        if hit is not None:
            return hit, j + size
    return None, j


def _unit_key(parts: list[str]) -> str:
    out = ""
    for p in parts:
        if p in ("/", "²", "³", "2", "3", "-") or out.endswith(("/", "°")) or p == "":
            out += "" if p == "-" and out.endswith("°") else p if p != "-" else " "
        else:
            out += (" " if out else "") + p
    return out.replace("°c", "°c").strip()


def _duration_at(toks: tuple[_Tok, ...], j: int, french: bool) -> tuple[float, int] | None:
    """A duration unit at ``toks[j]`` with an optional "and a half"/"et demi": (seconds, end)."""
    n = len(toks)
    if j >= n or toks[j].kind != "word":
        return None
    w = toks[j].low
    if w not in _DURATIONS:
        return None
    if w in ("s", "h", "min", "sec") and not toks[j].glued and w != "min":
        if w == "h" and french:
            pass
        else:
            return None
    if w == "an" and not french:
        return None
    secs = _DURATIONS[w]
    end = j + 1
    # "an hour and a half", "une heure et demie", "un an et demi"
    if (
        end + 2 < n
        and toks[end].low == "and"
        and toks[end + 1].low == "a"
        and toks[end + 2].low == "half"
    ):
        return secs * 1.5, end + 3
    if end + 1 < n and toks[end].low == "et" and toks[end + 1].low in ("demi", "demie"):
        return secs * 1.5, end + 2
    return secs, end


# --- qualifiers ----------------------------------------------------------------------------------


def _qualifier_at(toks: tuple[_Tok, ...], i: int) -> tuple[str, int] | None:
    """A qualifier phrase starting at ``toks[i]``: (class, index after it)."""
    if toks[i].kind != "word" or toks[i].low not in _QUALIFIER_FIRST:
        return None
    n = len(toks)
    for phrase, cls in _QUALIFIER_BY_FIRST[toks[i].low]:
        j = i
        ok = True
        for p in phrase:
            while j < n and toks[j].kind == "sym" and toks[j].text in "-‐":
                j += 1
            if j >= n or toks[j].low != p:
                ok = False
                break
            j += 1
        if ok:
            return cls, j
    return None


def _qualifier_before(toks: tuple[_Tok, ...], i: int) -> str | None:
    for back in (1, 2, 3, 4):
        k = i - back
        if k < 0:
            break
        q = _qualifier_at(toks, k)
        if q is not None and q[1] == i:
            return q[0]
    return None


# --- counted nouns -------------------------------------------------------------------------------


def _concept_after(toks: tuple[_Tok, ...], j: int, french: bool) -> tuple[str | None, int]:
    """The noun a count counts: (concept, index of the noun or j when none)."""
    n = len(toks)
    k = j
    if k < n and toks[k].low in ("of", "de", "d'"):
        k += 1
    for step in range(3):
        if k + step >= n:
            break
        tk = toks[k + step]
        if tk.kind != "word":
            break
        w = tk.low
        if step + 1 < 3 and k + step + 1 < n:
            big = _CONCEPT_BIGRAMS.get((w, toks[k + step + 1].low))
            if big:
                return big, k + step + 1
        if w in _CONCEPT_WORDS:
            return _CONCEPT_WORDS[w], k + step
        if w in _SKIP_ADJ or w in DEMONYM_KEYS:
            continue
        if w in _NOT_NOUNS or w in _DURATIONS or len(w) < 3:
            break
        if step == 0:
            stem = w[:-1] if len(w) > 4 and w[-1] in "sx" else w
            return "~" + stem, k
        break
    return None, j


def _context_concept(
    toks: tuple[_Tok, ...], start: int, end: int, concept: str | None
) -> str | None:
    """Deaths and injuries named by a verb around the count ("12 were killed", "a tué 12")."""
    if concept is not None and concept not in _PEOPLE_CONCEPTS and not concept.startswith("~"):
        return concept
    window = [t.low for t in toks[end : end + 4]] + [t.low for t in toks[max(0, start - 2) : start]]
    if any(w in _DEATH_WORDS for w in window):
        return "dead"
    if any(w in _INJURY_WORDS for w in window):
        return "injured"
    return concept


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


def _last_mult(toks: tuple[_Tok, ...], rng: tuple[_Num, int]) -> float:
    end = rng[1]
    k = end - 1
    if k >= 0 and toks[k].kind == "word":
        w = toks[k].low
        return _EN_MULT.get(w) or _FR_MULT.get(w) or _EN_SCALES.get(w) or _FR_SCALES.get(w) or 1.0
    return 1.0


def _range_after(
    toks: tuple[_Tok, ...], j: int, french: bool, between: bool, money: bool
) -> tuple[_Num, int] | None:
    n = len(toks)
    if j >= n:
        return None
    t = toks[j]
    connector = False
    if t.kind == "sym" and t.text in "-‐–—":
        connector = True
    elif t.kind == "word" and t.low in ("to", "a", "or", "ou", "au"):
        connector = t.low != "a" or french
    elif between and t.low in ("and", "et"):
        connector = True
    if not connector:
        return None
    k = j + 1
    if k < n and toks[k].text in _CURRENCY_SYMBOLS:
        k += 1
    if k >= n:
        return None
    second = _parse_core(toks, k, french, money)
    if second is None or second.shape != "exact" or second.article:
        return None
    if (
        toks[k].kind == "num"
        and (_year_num(toks[k]) is not None and not second.mult and not money)
        and not between
    ):
        # "2014-2015" is a year range, handled as a date
        return None
    return second, second.end


def _money_after(toks: tuple[_Tok, ...], j: int, has_mult: bool) -> tuple[str | None, int]:
    n = len(toks)
    k = j
    if k < n and toks[k].low in ("de", "d'", "of") and k + 1 < n:
        k += 1
    if k >= n:
        return None, j
    t = toks[k]
    if t.kind == "sym" and t.text in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[t.text], k + 1
    if (
        t.kind == "word"
        and t.text in ("M", "Md", "Mds", "G")
        and k + 1 < n
        and toks[k + 1].text in _CURRENCY_SYMBOLS
    ):
        return _CURRENCY_SYMBOLS[toks[k + 1].text], k + 2
    if t.kind == "word":
        if t.low in ("us", "u") and k + 1 < n and toks[k + 1].low in ("dollars", "dollar"):
            return "usd", k + 2
        code, after = _currency_at(toks, k)
        if code is not None:
            return code, after
        if t.low in _POUND_WORDS and (has_mult or (k + 1 < n and toks[k + 1].low == "sterling")):
            after = k + 2 if k + 1 < n and toks[k + 1].low == "sterling" else k + 1
            return "gbp", after
    return None, j


def _percent_after(toks: tuple[_Tok, ...], j: int) -> tuple[str | None, int]:
    n = len(toks)
    if j < n and toks[j].text == "%":
        return "percent", j + 1
    for phrase in _PP_WORDS:
        if all(j + a < n and toks[j + a].low == p for a, p in enumerate(phrase)):
            return "pp", j + len(phrase)
    for phrase in _PERCENT_WORDS:
        if all(j + a < n and toks[j + a].low == p for a, p in enumerate(phrase)):
            return "percent", j + len(phrase)
    return None, j


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


def _skip_glued(toks: tuple[_Tok, ...], i: int) -> int:
    j = i + 1
    while j < len(toks) and toks[j].glued and toks[j].kind in ("num", "word"):
        j += 1
    return j


def _phone_like(toks: tuple[_Tok, ...], i: int) -> bool:
    """Three or more short digit groups in a row ("01 23 45 67 89", "555-0199")."""
    n = len(toks)
    groups = 1
    j = i
    while (
        j + 1 < n
        and toks[j + 1].kind == "num"
        and toks[j + 1].start - toks[j].end <= 1
        and len(toks[j + 1].text) <= 4
    ):
        groups += 1
        j += 1
    if groups >= 3:
        return True
    if (
        i > 0
        and toks[i - 1].kind == "num"
        and toks[i].start - toks[i - 1].end <= 1
        and len(toks[i].text) <= 4
    ):
        k = i - 1
        back = 1
        while k > 0 and toks[k - 1].kind == "num" and toks[k].start - toks[k - 1].end <= 1:
            back += 1
            k -= 1
        return back + groups >= 3
    t = toks[i].text
    return len(t) >= 9 and t.isdigit()


def _is_sentence_initial(toks: tuple[_Tok, ...], i: int) -> bool:
    k = i - 1
    while k >= 0 and toks[k].kind == "sym" and toks[k].text in "\"“”«»'’(":
        k -= 1
    return k < 0 or (toks[k].kind == "sym" and toks[k].text in ".!?:;")


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


def _compare_numbers(a: Figure, b: Figure) -> str:
    tol = _tolerance(a, b)
    sa, sb = _shape(a), _shape(b)
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


def compare_figures(a: Figure, b: Figure) -> str:
    """How two figures compare: ``agree`` (same value within tolerance, conversions included),
    ``refines`` (compatible, one more precise: "300" vs "hundreds", "January 17" vs "janvier")
    or ``differs`` (incompatible, or not the same kind of measure at all)."""
    if a.kind != b.kind:
        return "differs"
    if a.kind == "date":
        return _compare_dates(a, b)
    if a.kind in ("quantity", "money", "percent", "duration") and a.unit != b.unit:
        return "differs"
    return _compare_numbers(a, b)


_SCORE = {"agree": 3.0, "refines": 2.0, "differs": 1.0}


_MONTH_WORD = re.compile(
    r"(?i)\b(?:" + "|".join(sorted({*_EN_MONTHS, *_FR_MONTHS}, key=len, reverse=True)) + r")\b"
)
_YEAR_WORD = re.compile(r"\b(?:18|19|20)\d\d\b")


def _states_same_part(a: Figure, b: Figure, level: int) -> bool:
    """Whether both dates write out the part they are compared on (the month for a month, the
    year for a year), so a difference is stated rather than inferred from the article's date."""
    if level == 2:
        return all(_MONTH_WORD.search(fold_text(f.text)) for f in (a, b))
    if level in (3, 4):
        return all(_YEAR_WORD.search(f.text) for f in (a, b))
    return False


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


def figure_affinity(a: Figure, b: Figure) -> tuple[float, bool] | None:
    """How well two figures from different outlets line up as the same measurement.

    Returns ``None`` when they cannot measure the same thing (different kinds, dimensions or
    counted nouns, a date against a clock time), else ``(score, strong)``: the score ranks
    candidate pairs (agreeing pairs first) and ``strong`` is False for pairs that should only be
    made when each side has nothing else left (two unrelated counted nouns, two currencies).
    """
    if a.kind != b.kind:
        return None
    strong = True
    bonus = 0.0
    if a.kind == "date":
        ga, gb = figure_granularity(a), figure_granularity(b)
        if "time" in (ga, gb) and ga != gb:
            return None
        if "relative" in (ga, gb) and ga != gb:
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
    if a.kind == "money" and a.unit != b.unit:
        return 0.5, False
    if a.kind == "figure":
        rel = _concept_relation(a.unit, b.unit)
        if rel == "different":
            return None
        if rel == "weak":
            strong = False
        elif rel in ("same", "similar"):
            bonus += 0.5
    status = compare_figures(a, b)
    return _SCORE[status] + bonus, strong
