"""The word tables figures are read with."""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """The words of a whitespace-separated list written as one string."""
    return text.split()


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


_ID_WORDS = frozenset(
    _words(
        """no n° number numero num resolution resolutions article articles route flight vol page
    pages chapter chapitre section paragraph paragraphe room salle gate porte line ligne
    level niveau code"""
    )
)
_ORDINAL_SUFFIX = frozenset(("st", "nd", "rd", "th", "er", "e", "eme", "re", "ere", "d"))
