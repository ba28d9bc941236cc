"""Names of people, places and organisations in English and French claims, with keys that survive
translation and transliteration ("Sergueï Verchinine" = "Sergey Vershinin", "Moscou" = "Moscow").

No model: capitalised sequences with name particles (de, el-, al-, ben, bin, van, von...), a small
exonym table of frequent countries, cities, leaders, organisations and demonyms, and a
transliteration-aware key (accents folded, ou->u, ch/sh/tch merged, y->i, doubled letters merged,
Arabic article and French final -e of Russian names dropped).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from rapidfuzz import fuzz

from claimcheck.core import lang
from claimcheck.core.text import dateline_end
from claimcheck.core.text.fold import fold as _fold
from claimcheck.core.text.fold import fold_same_length as fold_text
from claimcheck.core.types import Name

__all__ = [
    "DEMONYM_KEYS",
    "NAME_WORDS_EN",
    "extract_capitalised_names",
    "extract_names",
    "fold_text",
    "is_known",
    "name_key",
    "related_entities",
    "same_entity",
    "translated_name_words",
]


def _words(text: str) -> list[str]:
    """The words of a whitespace-separated list written as one string."""
    return text.split()


# --- tables --------------------------------------------------------------------------------------


def _fold_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(_fold(w) for w in words)


def _vocabulary(key: str) -> frozenset[str]:
    """The words of ``key`` in every language's ``names.toml``: a claim in one language quotes
    names, titles and demonyms written in the other, so all are read at once."""
    return frozenset[str]().union(*(lang.words(code, "names", key) for code in lang.LANGUAGES))


_SHARED = lang.shared_table("names")
#: key, then the names in each language of lang.LANGUAGES, then the demonym in each (masculine
#: singular; the other forms are made by the language's rules) or forms separated by "|".
_COUNTRIES: tuple[tuple[str, str, str, str, str], ...] = tuple(
    tuple(row) for row in _SHARED["exonyms"]["countries"]
)
#: key, kind, English variants, French variants, related key (a capital's country...).
_ENTITIES: tuple[tuple[str, str, str, str, str], ...] = tuple(
    tuple(row) for row in _SHARED["exonyms"]["entities"]
)

# Words that are capitalised at the start of a sentence (or in both languages' titles) but are
# not names; a sequence is cut at them.
_STOP = _fold_set(_vocabulary("stop"))
# Titles and government words: cut off the front (or end) of a name sequence, and give the
# following name the kind ``person``.
_TITLES = _fold_set(_vocabulary("titles"))
_PERSON_TITLES = _fold_set(_vocabulary("person_titles"))
# Lowercase particles that may sit inside a name ("Charles de Gaulle", "Osama bin Laden").
_PARTICLES = frozenset(_words(_SHARED["particles"]))
# Arabic articles glued with a hyphen ("al-Assad", "el-Sisi").
_ARTICLES = _words(_SHARED["arabic_articles"])
_ARTICLE_PREFIX = re.compile(rf"^(?:{'|'.join(_ARTICLES)})[-‐]", re.IGNORECASE)

_ORG_WORDS = _fold_set(_vocabulary("org_words"))
# Armed forces words that end an armed group's name after a word of its own ("Free Syrian
# Army", "Kosovo Liberation Army"); after a demonym alone they stay a title ("Syrian Army").
_FORCE_WORDS = _fold_set(_vocabulary("force_words"))
_PLACE_WORDS = _fold_set(_vocabulary("place_words"))
# Adjectives that are capitalised in English but name no entity on their own.
_NOT_NAMES = _fold_set(_vocabulary("not_names"))
#: Month names (folded): in ``not_names``, yet a surname after a first name ("Theresa May",
#: "Brian May") when no day or year follows.
_MONTH_NAMES = frozenset(_fold(m) for m in lang.merged_table("dates", "months"))
_NUMBER_NEXT = re.compile(r"[\s,]*\d")


# --- transliteration key -------------------------------------------------------------------------

_DROP_TOKENS = frozenset(_words(_SHARED["key_drop"]))
_PHONETIC: tuple[tuple[str, str], ...] = tuple((a, b) for a, b in _SHARED["phonetic"])
_KEY_SPELLINGS: dict[str, str] = dict(_SHARED["key_spellings"])
_FINAL_E_ENDINGS = tuple(_words(_SHARED["final_e_endings"]))
_KEY_ELISIONS = re.compile(
    r"\b(?:"
    + "|".join(w for c in lang.LANGUAGES for w in _words(lang.text(c, "names", "key_elisions")))
    + r")['’]"
)
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=8192)
def _translit_token(token: str) -> str:
    out = token
    for old, new in _PHONETIC:
        if old in out:
            out = out.replace(old, new)
    out = _DOUBLE.sub(r"\1", out)
    # French spellings add an -e to Russian and Arabic names (Poutine, Verchinine, Salmane).
    if len(out) > 4 and out.endswith(_FINAL_E_ENDINGS):
        out = out[:-1]
    return out


_KEY_SPLIT = re.compile(r"[^a-z]+")


def _key_tokens(text: str) -> tuple[str, ...]:
    folded = _fold(text)
    folded = re.sub(r"['’]s\b", "", folded)
    folded = _KEY_ELISIONS.sub("", folded)
    raw = [t for t in _KEY_SPLIT.split(folded) if t]
    tokens = []
    for t in raw:
        if len(t) == 1:
            continue  # initials: "George W. Bush" is "George Bush"
        if t in _DROP_TOKENS:
            continue
        t = _KEY_SPELLINGS.get(t, t)
        t = _FIRST_NAMES.get(t, t)
        tokens.append(_translit_token(t))
    return tuple(tokens)


# French forms of first names that English writes differently (popes, royals, historical
# figures are named with them): both map to the English form.
_FIRST_NAMES: dict[str, str] = dict(_SHARED["first_names"])
# Words that names translate word for word, French -> English ("nord" -> "north").
_NAME_WORDS: dict[str, str] = dict(_SHARED["name_words"])
#: The English words of that table ("north", "great", "lake").
NAME_WORDS_EN: frozenset[str] = frozenset(_NAME_WORDS.values())


@lru_cache(maxsize=8192)
def translated_name_words(text: str) -> frozenset[str]:
    """The words of a name, folded, without particles, with the words that names translate word
    for word in English ("Amérique du Nord" -> {"amerique", "north"}): two names in different
    languages sharing one may be one name translated."""
    words = (w for w in re.split(r"[^a-z]+", _fold(text).lower()) if len(w) > 1)
    return frozenset(_NAME_WORDS.get(w, w) for w in words if w not in _PARTICLES)


# --- table index ---------------------------------------------------------------------------------


def _demonym_rules(language: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    rules = lang.table(language, "names").get("demonym_forms", [])
    return tuple((str(r["ending"]), tuple(str(a) for a in r["add"])) for r in rules)


def _demonym_forms(spec: str, language: str) -> list[str]:
    """Every form of a demonym of ``language`` from its masculine singular, by the language's
    rules (``demonym_forms`` in names.toml: the first rule whose ending the word has adds each of
    its endings). Variants separated by "|" are each inflected, or taken as the complete list of
    forms in a language whose ``demonym_variants_inflected`` is false. An empty spec: none."""
    variants = [v for v in spec.split("|") if v]
    if len(variants) > 1 and not lang.flag(language, "names", "demonym_variants_inflected", True):
        return variants
    out: list[str] = []
    for d in variants:
        adds = next((add for end, add in _demonym_rules(language) if d.endswith(end)), ("",))
        out.extend(d + a for a in adds)
    return out


_INDEX: dict[tuple[str, ...], tuple[str, str]] = {}
"""Key tokens of a table variant -> (canonical key, kind)."""
_WRITTEN: set[str] = set()
"""Every table variant and demonym form, folded: a name written as the table writes it."""
_ACRONYMS: dict[str, tuple[str, str]] = {}
"""Acronyms as written -> (canonical key, kind)."""
_RELATED: dict[str, str] = {}
_PHRASES: list[str] = []
"""Table variants written with spaces, hyphens or lowercase words, matched on the raw text."""
_DEMONYMS: dict[str, dict[str, str]] = {code: {} for code in lang.LANGUAGES}
"""Per language: demonym form (accents kept; lowercase ones also capitalised) -> country key."""


def _canonical(name: str) -> str:
    return " ".join(_key_tokens(name))


def _register(variant: str, key: str, kind: str, phrase: bool = True) -> None:
    compact = variant.replace(".", "")
    if compact.isupper() and len(compact) <= 5:
        # acronyms match only as written ("WHO", not "Who"; "US", not "us")
        _ACRONYMS.setdefault(variant, (key, kind))
        _ACRONYMS.setdefault(compact, (key, kind))
        return
    tokens = _key_tokens(variant)
    if tokens:
        _INDEX.setdefault(tokens, (key, kind))
        _WRITTEN.add(_fold(variant))
    if phrase and (" " in variant.strip() or "-" in variant):
        _PHRASES.append(variant)


def _build_tables() -> None:
    count = len(lang.LANGUAGES)
    for key, *columns in _COUNTRIES:
        ckey = _canonical(key)
        for v in "|".join(columns[:count]).split("|"):
            _register(v, ckey, "place")
        for code, spec in zip(lang.LANGUAGES, columns[count:], strict=True):
            capitalise = lang.flag(code, "names", "names_in_lowercase", False)
            for d in _demonym_forms(spec, code):
                _DEMONYMS[code][d] = ckey
                if capitalise:  # "les Russes": a lowercase demonym used as a noun
                    _DEMONYMS[code][d[:1].upper() + d[1:]] = ckey
                _register(d, ckey, "place", phrase=False)
    for key, kind, en, fr, related in _ENTITIES:
        ckey = _canonical(key)
        for v in (en + "|" + fr).split("|"):
            _register(v, ckey, kind)
        if related:
            _RELATED[ckey] = _canonical(related)


_build_tables()
_FOLDED_DEMONYMS = frozenset(_fold(d) for table in _DEMONYMS.values() for d in table)
#: country key for every demonym form, English and French (used by the figure extractor to skip
#: adjectives between a number and the noun it counts).
DEMONYM_KEYS: dict[str, str] = {
    _fold(k): v for code in lang.LANGUAGES for k, v in _DEMONYMS[code].items()
}
#: demonyms of the languages that write them in lowercase ("les forces russes")
_LOWER_DEMONYMS: dict[str, str] = {
    k: v
    for code in lang.LANGUAGES
    if lang.flag(code, "names", "names_in_lowercase", False)
    for k, v in _DEMONYMS[code].items()
}


def _phrase_index() -> dict[str, re.Pattern[str]]:
    """First word (folded) of each multi-word table name -> a pattern matching those names."""
    by_first: dict[str, list[str]] = {}
    for p in set(_PHRASES):
        first = _fold(re.split(r"[\s-]+", p)[0])
        by_first.setdefault(first, []).append(p)
    return {
        first: re.compile(
            "(?:"
            + "|".join(
                re.escape(p).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")
                for p in sorted(group, key=len, reverse=True)
            )
            + r")(?![\w-])",
            re.IGNORECASE,
        )
        for first, group in by_first.items()
    }


#: one-word table names written in lowercase ("les talibans", "les houthistes"): where a language
#: writes such names in lowercase, read as names like its lowercase demonyms
_LOWER_ENTITIES: dict[str, tuple[str, str]] = {
    v: _INDEX[_key_tokens(v)]
    for _key, _kind, en, fr, _related in _ENTITIES
    for v in (en + "|" + fr).split("|")
    if v[:1].islower() and not re.search(r"[\s-]", v) and _key_tokens(v) in _INDEX
}

_PHRASE_FIRST = _phrase_index()
# lowercase words worth a closer look: lowercase demonyms and names, the first words of lowercase
# phrases
_LOWER_KEYS = frozenset(
    {*_LOWER_DEMONYMS}
    | {*_LOWER_ENTITIES}
    | {p.split(" ", 1)[0].lower() for p in _PHRASES if " " in p and p[:1].islower()}
    | {_fold(p.split(" ", 1)[0]) for p in _PHRASES if " " in p and p[:1].islower()}
    # hyphened ones are one word to the lowercase reader ("d'outre-Manche")
    | {p for p in _PHRASES if " " not in p and "-" in p and p[:1].islower()}
)


# --- public helpers ------------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def _lookup(text: str) -> tuple[str, str, tuple[str, ...]]:
    """(key, kind from the table or "", key tokens) for a name as written."""
    hit = _ACRONYMS.get(text.strip())
    if hit:
        return hit[0], hit[1], tuple(hit[0].split())
    tokens = _key_tokens(text)
    hit = _INDEX.get(tokens)
    if hit:
        return hit[0], hit[1], tuple(hit[0].split())
    return " ".join(tokens), "", tokens


def name_key(text: str) -> str:
    """Language-neutral key of a name: two spellings or translations of one entity share it.

    Table entries map to one canonical key ("Moscou" and "Moscow" -> "moscov", "Poutine" and
    "Putin" -> "vladimir putin"); other names get a transliteration key ("Sergueï Verchinine" and
    "Sergey Vershinin" -> "sergei vershinin"). A surname alone keeps its own key: use
    :func:`same_entity` to match it with a full name.
    """
    return _lookup(text)[0]


def same_entity(a: str, b: str) -> bool:
    """True when two mentions name the same entity.

    Matches spelling and transliteration variants, a surname alone against the full name
    ("Assad" / "Bashar al-Assad"), a name with or without a middle initial ("George Bush" /
    "George W. Bush"); different people with a shared first name or surname plus different
    first names stay apart ("George Bush" / "Jeb Bush").
    """
    return _same_keys(_lookup(a)[2], _lookup(b)[2]) or _acronym_of(a, b) or _acronym_of(b, a)


_ACRONYM = re.compile(r"(?:[A-ZÀ-Þ]\.?){2,8}")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@lru_cache(maxsize=16384)
def _acronym_of(short: str, long_: str) -> bool:
    """Whether ``short`` is written in capitals from the initials of the words of ``long_``
    that are no function words: "WH" / "White House", "UN" / "United Nations", "ONU" /
    "Organisation des Nations unies", "OTAN" / "Organisation du traité de l'Atlantique nord";
    words joined by a hyphen count as one or as two ("PSG" / "Paris Saint-Germain")."""
    if not _ACRONYM.fullmatch(short) or " " not in long_.strip():
        return False
    letters = _fold(short.replace(".", "")).lower()
    for text in (long_, long_.replace("-", " ").replace("‐", " ")):
        words = [_KEY_ELISIONS.sub("", _fold(w)) for w in _NAME_WORD.findall(text)]
        content = [w for w in words if w and w.lower() not in _EVERY_FUNCTION_WORD]
        if len(content) >= 2 and "".join(w[0] for w in content).lower() == letters:
            return True
    return False


@lru_cache(maxsize=16384)
def _same_keys(ta: tuple[str, ...], tb: tuple[str, ...]) -> bool:
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) < len(long_) and long_[-len(short) :] == short:
        return True  # surname (with particles) alone
    if len(short) == len(long_):
        # one spelling variant per token (Lieberman / Liberman)
        return all(_close(x, y) for x, y in zip(short, long_, strict=True))
    if len(short) == 1:
        return _close(short[0], long_[-1])
    return False


def _close(x: str, y: str) -> bool:
    if x == y:
        return True
    if x[:1] != y[:1] or min(len(x), len(y)) < 5:
        return False
    return fuzz.ratio(x, y) >= 87


def is_person_title(word: str) -> bool:
    """Whether a word is a person's title ("President", "Mrs", "ministre"), in any language."""
    return _fold(word.strip(".")) in _PERSON_TITLES


def is_known(text: str) -> bool:
    """True when the name is in the exonym table (a country, demonym, city, leader or
    organisation whose spellings in both languages are known)."""
    return bool(_lookup(text)[1])


def related_entities(a_key: str, b_key: str) -> bool:
    """True when two different keys are closely related (a capital and its country, the Kremlin
    and Russia), so naming one instead of the other is metonymy, not a different entity."""
    if a_key == b_key:
        return True
    return _RELATED.get(a_key) == b_key or _RELATED.get(b_key) == a_key


# --- extraction ----------------------------------------------------------------------------------

_UPPER = re.compile(r"^[A-ZÀ-ÖØ-Þ]")
_EVERY_FUNCTION_WORD = lang.every_function_word()


def _is_cap(word: str) -> bool:
    if word[:1].isupper():
        return True
    if (len(word) > 3 and word[2] in "-‐") or (len(word) > 4 and word[3] in "-‐"):
        return bool(_ARTICLE_PREFIX.match(word) and _UPPER.match(_ARTICLE_PREFIX.sub("", word)))
    return False


_POSSESSIVES = tuple(sorted(_vocabulary("possessive_endings"), key=len, reverse=True))


def _strip_possessive(word: str) -> str:
    """``word`` without a possessive ending ("Putin's")."""
    for ending in _POSSESSIVES:
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


def extract_names(text: str, language: str) -> list[Name]:
    """People, places and organisations named in ``text``, in order of appearance.

    Titles ("Prime Minister", "ministre") and demonyms are cut off a name; demonyms ("Russian",
    "russes") are returned as mentions of their country (kind ``place``). In text written in
    title case or capitals (headlines), only names from the table are returned. The place and
    agency of a dateline the text opens with ("PARIS (AFP) – …") say where the report was filed,
    not what it states: they are no names of the text.
    """
    code = (language or "")[:2].lower()
    skip = dateline_end(text)
    names = _extract_names(text, lang.flag(code, "names", "names_in_lowercase", True))
    return [n for n in names if n.start >= skip]


def extract_capitalised_names(text: str) -> list[Name]:
    """The names :func:`extract_names` finds in ``text`` from its capitalised words alone, as
    for a language that writes every name with a capital: no lowercase demonyms ("russes")."""
    return list(_extract_names(text, False))


def _initial_either_case(words: Iterable[str]) -> str:
    """``words`` as regex alternatives whose first letter may be a capital ("al" -> "[Aa]l");
    two-letter words that share their first letter make one pair of classes ("[Aa][lt]")."""
    pairs: dict[str, str] = {}
    longer: list[str] = []
    for w in words:
        if len(w) == 2:
            pairs[w[0]] = pairs.get(w[0], "") + w[1]
        else:
            longer.append(w)
    return "|".join(
        [f"[{a.upper()}{a}][{rest}]" for a, rest in pairs.items()]
        + [f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in longer]
    )


_ELISIONS = [w for code in lang.LANGUAGES for w in _words(lang.text(code, "names", "elisions"))]
_CONTRACTIONS = "|".join(
    w for code in lang.LANGUAGES for w in _words(lang.text(code, "names", "contractions"))
)
_CAP_WORD = (
    r"(?:(?:[A-Z]\.){2,}"
    r"|[A-Z]\.(?=\s+[A-Z])"
    rf"|(?:{'|'.join(_words(_SHARED['name_abbreviations']))})\.(?=\s+[A-Z])"
    rf"|(?:{_initial_either_case(_ARTICLES)})[-‐][A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[-‐][^\W\d_]+)*"
    r"(?:['’]s\b)?"
    rf"|[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’](?!(?:{_CONTRACTIONS})\b)[^\W\d_]+)?(?:[-‐][^\W\d_]+)*"
    r"(?:['’]s\b)?)"
)
# Particles written apart (not an elided "d'", glued to the name) may join two capitalised words.
_CAP_SEQ = re.compile(
    r"(?<![\w-])"
    + _CAP_WORD
    + r"(?:[ \u00a0](?:(?:"
    + "|".join(p for p in _words(_SHARED["particles"]) if p[-1:].isalpha())
    + r")[ \u00a0])?"
    + _CAP_WORD
    + r")*"
)
_SEQ_WORD = re.compile(_CAP_WORD + r"|[^\W\d_]+")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-zà-öø-ÿœ][^\W\d_]*(?:[-‐][^\W\d_]+)*")
# An elided word opening a capitalised run ("L'Iran"), and one right before a name ("près d'Alep").
_ELISION_PREFIX = re.compile(
    r"(?:["
    + "".join(e.upper() for e in _ELISIONS if len(e) == 1)
    + "]|"
    + "|".join(e.capitalize() for e in _ELISIONS if len(e) > 1)
    + r")['’](?=\w)"
)
_INITIAL_BEFORE = frozenset('.!?\n:;"“”«»—–([')
_ELIDED_BEFORE = re.compile(
    r"(?:\b(?:["
    + "".join(e + e.upper() for e in _ELISIONS if len(e) == 1)
    + "]|"
    + "|".join(f"[{e[0].upper()}{e[0]}]{e[1:]}" for e in _ELISIONS if len(e) > 1)
    + r"))['’]$"
)
# Function words capitalised inside a text: two of them mark a headline in title case.
_CAP_FUNCTION = re.compile(
    r"(?<=\s)(?:"
    + "|".join(
        sorted(re.escape(w[:1].upper() + w[1:]) for w in _vocabulary("headline_function_words"))
    )
    + r")\b"
)


def _is_initial(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in " \u00a0\t":
        k -= 1
    return k < 0 or text[k] in _INITIAL_BEFORE


def _prev_word(text: str, start: int) -> str | None:
    k = start
    if k > 0 and text[k - 1] in "'’":
        j = k - 1
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        if 0 < k - 1 - j <= 7 and _ELIDED_BEFORE.search(text[j:k]):
            k = j  # "près d'Alep": the word before the elided article
    while k > 0 and text[k - 1] in " \u00a0\t":
        k -= 1
    end = k
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    return text[k:end] if k < end else None


@lru_cache(maxsize=4096)
def is_headline(text: str) -> bool:
    """Title case ("Talks With Russian Officials On Syria") or capitals, two words or more ("JAN
    11 FIRST DEATH"): no cue from case."""
    alpha = [w for w in text.split() if w[:1].isalpha()]
    if len(alpha) >= 2 and all(w.isupper() for w in alpha):
        return True  # "DEC 31, 2019 ALARM RAISED", "WHO DECLARES PANDEMIC"
    if len(alpha) < 4:
        return False
    if sum(1 for w in alpha if w.isupper()) >= 0.8 * len(alpha):
        return True
    if sum(1 for w in alpha if w[:1].islower()) * 3 > len(alpha):
        return False  # a sentence: "New Jersey" twice makes no title case
    count = 0
    for m in _CAP_FUNCTION.finditer(text):
        if not _is_initial(text, m.start()):
            count += 1
            if count >= 2:
                return True
    return False


@lru_cache(maxsize=16384)
def _extract_names(text: str, lowercase: bool) -> tuple[Name, ...]:
    if not text:
        return ()
    names: list[Name] = []
    taken: list[tuple[int, int]] = []
    # some languages write demonyms and place names in lowercase ("les forces russes")
    lower_hits = lowercase and not (_LOWER_KEYS.isdisjoint(_LOWER_WORD.findall(text)))
    for m in _LOWER_WORD.finditer(text) if lower_hits else ():
        w = m.group()
        key = _LOWER_DEMONYMS.get(w)
        if key is not None:
            names.append(Name(w, key, "place", m.start(), m.end()))
            continue
        if w in _LOWER_ENTITIES:
            key, kind = _LOWER_ENTITIES[w]
            names.append(Name(w, key, kind, m.start(), m.end()))
            continue
        pattern = _PHRASE_FIRST.get(_fold(w.split("-", 1)[0]))
        if pattern is not None:
            pm = pattern.match(text, m.start())
            if pm and re.search(r"[\s-]", pm.group()) and any(c.isupper() for c in pm.group()):
                pkey, kind, _ = _lookup(pm.group())
                if kind:
                    names.append(Name(pm.group(), pkey, kind, pm.start(), pm.end()))
                    taken.append((pm.start(), pm.end()))
    headline = _Headline(text)
    taken_until = -1
    for seq_m in _CAP_SEQ.finditer(text):
        if seq_m.end() <= taken_until:
            continue
        words: list[tuple[str, int, int, bool, str | None]] = []
        prev = _prev_word(text, seq_m.start())
        for wm in _SEQ_WORD.finditer(text, seq_m.start(), seq_m.end()):
            if wm.start() < taken_until or any(a <= wm.start() < b for a, b in taken):
                continue
            w = wm.group()
            elided = _ELISION_PREFIX.match(w)
            if elided:
                # "L'Iran" is "Iran"; "L'incendie" starts a sentence with a common noun
                rest = w[elided.end() :]
                if not rest[:1].isupper():
                    names.extend(_sequences(text, words, headline))
                    words, prev = [], rest
                    continue
                w = rest
                wm_start = wm.start() + elided.end()
            else:
                wm_start = wm.start()
            pattern = _PHRASE_FIRST.get(_fold(w.split("-", 1)[0])) if _is_cap(w) else None
            if pattern is not None:
                pm = pattern.match(text, wm_start)
                if pm:
                    pkey, kind, _ = _lookup(pm.group())
                    if kind:
                        names.extend(_sequences(text, words, headline))
                        words = []
                        names.append(Name(pm.group(), pkey, kind, pm.start(), pm.end()))
                        taken_until = pm.end()
                        prev = None
                        continue
            initial = not words and _is_initial(text, wm.start())
            words.append((w, wm_start, wm.end(), initial, prev))
            prev = w
        names.extend(_sequences(text, words, headline))
    names.sort(key=lambda nm: (nm.start, -nm.end))
    # a demonym inside a longer name ("Union européenne") is not a mention of its own
    kept: list[Name] = []
    for nm in names:
        if kept and nm.end <= kept[-1].end:
            continue
        kept.append(nm)
    return tuple(kept)


class _Headline:
    """Whether the text is a headline, worked out only when an unknown name needs it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.value: bool | None = None

    def __bool__(self) -> bool:
        if self.value is None:
            self.value = is_headline(self.text)
        return self.value


def _sequences(
    text: str, words: list[tuple[str, int, int, bool, str | None]], headline: _Headline
) -> list[Name]:
    """Cut the words of one capitalised run at possessives and at particles that do not join
    two parts of one name, then read each piece."""
    out: list[Name] = []
    n = len(words)
    i = 0
    while i < n:
        if not _is_cap(words[i][0]):
            i += 1
            continue
        seq = [i]
        j = i + 1
        while j < n:
            wj = words[j][0]
            if words[seq[-1]][0].endswith(_POSSESSIVES):
                break
            if _is_cap(wj):
                seq.append(j)
                j += 1
                continue
            if wj in _PARTICLES and j + 1 < n and _is_cap(words[j + 1][0]):
                head = _strip_possessive(words[seq[-1]][0])
                fh = _fold(head)
                if fh in _STOP or fh in _TITLES or _lookup(head)[1]:
                    break
                seq.extend((j, j + 1))
                j += 2
                continue
            break
        out.extend(_split_sequence(text, words, seq, headline))
        i = j
    return out


def _split_sequence(
    text: str,
    words: list[tuple[str, int, int, bool, str | None]],
    seq: list[int],
    headline: _Headline,
) -> list[Name]:
    """Cut one capitalised sequence into demonyms, titles and names."""
    out: list[Name] = []
    parts: list[list[int]] = [[]]
    hints: list[bool] = [False]
    title_before = False
    # "National Health Service", "Ohio National Guard": an organisation's name ends on an
    # organisation word after a name word; its title words are part of it
    folded = [_fold(_strip_possessive(words[k][0])) for k in seq]
    while folded and folded[0] in _STOP:
        folded.pop(0)  # "The National Health Service"
    whole_org = (
        len(folded) >= 2
        and (
            (
                folded[-1] in _ORG_WORDS
                and folded[-1] not in _TITLES  # "Defence Ministry", "Foreign Office" stay titles
                and not any(f in _PERSON_TITLES or f in _STOP for f in folded)
            )
            or (
                folded[-1] in _FORCE_WORDS
                and any(_own_word(w) for w in folded[:-1])
                and not any(f in _PERSON_TITLES or f in _STOP for f in folded[:-1])
            )
        )
    )
    for idx in seq:
        w = words[idx][0]
        if w in _PARTICLES and parts[-1]:
            parts[-1].append(idx)  # "Charles de Gaulle": kept inside, trimmed at the edges
            continue
        base = _strip_possessive(w)
        fw = _fold(base)
        known = _lookup(base)[1] if fw in _STOP or fw in _TITLES else ""
        if whole_org and fw in _TITLES and not known:
            parts[-1].append(idx)
            continue
        surname = (
            fw in _MONTH_NAMES
            and (
                title_before
                or (
                    bool(parts[-1])
                    and _lookup(words[parts[-1][-1]][0])[1] not in ("place", "organisation")
                )
            )
            and not _NUMBER_NEXT.match(text, words[idx][2])
        )  # "Theresa May", "Mrs May"; not "Paris May 5", nor "Turkey May Not Send Forces"
        if not known and not surname and (fw in _STOP or fw in _TITLES or fw in _NOT_NAMES):
            title_before = title_before or fw in _PERSON_TITLES
            parts.append([])
            hints.append(title_before)
            continue
        demonym = next((d[base] for d in _DEMONYMS.values() if base in d), None)
        if demonym and not parts[-1]:
            out.append(Name(base, demonym, "place", words[idx][1], words[idx][1] + len(base)))
            continue
        parts[-1].append(idx)
        hints[-1] = hints[-1] or title_before
        if base != w:  # a possessive closes the name: "the Kremlin's Syria envoy"
            parts.append([])
            hints.append(False)
            title_before = False
    for part, hint in zip(parts, hints, strict=True):
        while part and words[part[-1]][0] in _PARTICLES:
            part.pop()
        while part and words[part[0]][0] in _PARTICLES:
            part.pop(0)
        if part:
            out.extend(_make_names(text, words, part, hint, headline))
    return out


def _table_names_in(
    text: str,
    words: list[tuple[str, int, int, bool, str | None]],
    part: list[int],
    headline: bool,
) -> list[Name]:
    """The table names a capitalised run is made of, longest first from each word. Outside a
    headline every word must belong to one ("Moscow Vladimir Putin" is split; "Hafez al-Assad",
    with a word the table does not know, gives nothing: it is one unknown name). In a headline
    (title case or capitals, where the case says nothing of what is a name) the other words are
    left out ("Putin Meets Netanyahu" -> Putin, Netanyahu; "RUSSIA INVADES UKRAINE" -> Russia,
    Ukraine), and a word in capitals that is also a function word ("WHO", "US", "UN" in "UN
    HOMME ARRÊTÉ") is no acronym."""
    out: list[Name] = []
    p = 0
    while p < len(part):
        for q in range(len(part) - 1, p - 1, -1):
            raw, start, end = _span(text, words, part[p], part[q])
            if headline and p == q and raw.isupper() and _fold(raw) in _EVERY_FUNCTION_WORD:
                continue
            key, kind, _ = _lookup(raw)
            if kind:
                out.append(Name(raw, key, kind, start, end))
                p = q + 1
                break
        else:
            if not headline:
                return []
            p += 1
    return out


def _own_word(folded: str) -> bool:
    """A word of a name of its own: no title, no adjective that names nothing, no demonym and
    no known place ("Free", "Liberation"; not "Syrian", "Israel", "Air")."""
    if folded in _TITLES or folded in _NOT_NAMES or folded in _STOP:
        return False
    return folded not in _FOLDED_DEMONYMS and _lookup(folded)[1] != "place"


def _span(
    text: str, words: list[tuple[str, int, int, bool, str | None]], a: int, b: int
) -> tuple[str, int, int]:
    start, end = words[a][1], words[b][2]
    raw = text[start:end]
    possessive = next((e for e in _POSSESSIVES if raw.endswith(e)), "")
    if possessive:
        raw, end = raw[: -len(possessive)], end - len(possessive)
    return raw, start, end


def _make_names(
    text: str,
    words: list[tuple[str, int, int, bool, str | None]],
    part: list[int],
    person_hint: bool,
    headline: _Headline,
) -> list[Name]:
    raw, start, end = _span(text, words, part[0], part[-1])
    key, kind, tokens = _lookup(raw)
    titled = person_hint or _fold(words[part[0]][4] or "") in _PERSON_TITLES
    if kind == "place" and titled and _fold(raw) not in _WRITTEN:
        # "Prime Minister Cameron": a person whose name only sounds like a place the table
        # knows (Cameroon), not the place
        return [Name(raw, key, "person", start, end)]
    if kind:
        return [Name(raw, key, kind, start, end)]
    if len(part) > 1:
        pieces = _table_names_in(text, words, part, headline=False)
        if pieces:
            return pieces
    if len(part) == 1 and "-" in raw and not _ARTICLE_PREFIX.match(raw):
        # "Israel-Syria", "Russia-backed", "Moscow-brokered", "Israeli-Palestinian"
        found: list[Name] = []
        at = start
        pieces_raw = raw.split("-")
        for piece in pieces_raw:
            pk, pkind, _ = _lookup(piece)
            if pkind:
                found.append(Name(piece, pk, pkind, at, at + len(piece)))
            at += len(piece) + 1
        if found or any(p[:1].islower() for p in pieces_raw):
            return found
    if headline:
        return _table_names_in(text, words, part, headline=True)
    if not tokens:
        return []
    first = words[part[0]]
    if len(part) == 1:
        fw = _fold(raw)
        month_surname = person_hint and fw in _MONTH_NAMES  # "Mrs May"
        if (
            fw in _STOP
            or (fw in _NOT_NAMES and not month_surname)
            or len(fw) < 2
            or (len(fw) <= 2 and not raw.isupper())
        ):
            return []
        if (
            first[3]
            and not person_hint
            and raw[1:].islower()
            and (
                fw.endswith(_COMMON_WORD_ENDINGS)
                or (
                    fw in _lowercase_words()
                    and text[end : end + 1] not in "-‐"
                    and not _speaks_next(text, end)
                )
            )
        ):
            return []  # a sentence-initial common word ("Following", "Protests", "Timeline")
    kind = _guess_kind(words, part, raw, person_hint)
    return [Name(raw, key, kind, start, end)]


def _guess_kind(
    words: list[tuple[str, int, int, bool, str | None]],
    part: list[int],
    raw: str,
    person_hint: bool,
) -> str:
    if person_hint:
        return "person"
    folded_parts = [_fold(words[k][0]) for k in part]
    if any(p in _ORG_WORDS or p in _FORCE_WORDS for p in folded_parts) or (
        raw.isupper() and len(raw) >= 2
    ):
        return "organisation"
    if any(p in _PLACE_WORDS for p in folded_parts):
        return "place"
    prev = _fold(words[part[0]][4] or "")
    if prev in _PLACE_PREPS:
        return "place"
    if prev in _ORG_NOUNS:
        return "organisation"
    if len(part) >= 2:
        return "person"
    return "other"


_PLACE_PREPS = _fold_set(_vocabulary("place_prepositions"))
_COMMON_WORD_ENDINGS = tuple(sorted(_vocabulary("common_word_endings")))
_ORG_NOUNS = _fold_set(_vocabulary("org_nouns"))


@cache
def _lowercase_words() -> frozenset[str]:
    """Words written more often in lowercase than capitalised (lang/shared/lowercase_words.txt),
    read on first use: 33,000 words, not worth reading for texts without a sentence-initial
    unknown name."""
    return _fold_set(lang.shared_word_list("lowercase_words"))


# Speech verbs and participles of every language: "Price said" starts with a person.
_SPEECH = _fold_set(
    word
    for code in lang.LANGUAGES
    for key in ("speech_verbs", "speech_participles")
    for word in re.split(r"[|\s]+", lang.text(code, "stance", key))
    if word.isalpha()
)
_NEXT_WORDS = re.compile(r"\W*(\w+)(?:\W+(\w+))?")


def _speaks_next(text: str, end: int) -> bool:
    """Whether a speech verb is one of the two words after ``end`` ("Price said", "Nice a dit")."""
    m = _NEXT_WORDS.match(text, end)
    return m is not None and any(w and _fold(w) in _SPEECH for w in m.groups())
