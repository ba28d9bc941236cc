"""Who a claim is credited to (attribution) and how firmly it is stated (negation, denial,
hedging), in English and French, with plain regular expressions.

Attribution finds "X said", "said X", "X told", "according to X", "a statement from X read",
"X a déclaré", "a indiqué X", "selon X", "d'après X"; the speaker phrase is compared across
languages through the names in it and a small table of source nouns (office/bureau/services,
ministry/ministère, army/armée, statement/communiqué...).

Polarity cues: negation ("not", "never", "no", "failed to", "ne ... pas", "ne ... jamais",
"aucun", "personne ne"),
denial ("denied", "rejected claims", "a démenti", "a nié") and hedging ("reportedly",
"allegedly", "may", "could", "selon des informations", "présumé", the French conditional of
reported information "aurait été", "seraient morts").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from claimcheck.core import lang
from claimcheck.core.extract.names import (
    extract_capitalised_names,
    extract_names,
    is_known,
    related_entities,
    same_entity,
)
from claimcheck.core.text import dateline_end
from claimcheck.core.text.fold import fold_same_length

__all__ = [
    "Attribution",
    "attribution",
    "attribution_span",
    "compare_attributions",
    "polarity",
]


def _words(text: str) -> list[str]:
    """The words of a whitespace-separated list written as one string."""
    return text.split()


# --- attribution ---------------------------------------------------------------------------------

_NP = r"((?:[\w'’.-]+)(?:\s+[\w'’.-]+){0,8})"
_SUBJECT_WORD = re.compile(r"^[\w'’.-]+$")


#: The most words an apposition between the subject and its speech verb may have ("Sarrazin, a
#: member of the SPD since 1973, said").
APPOSITION_WORDS = 10


def _before_when(folded: str, end: int) -> tuple[int, int]:
    """Where the subject of the speech verb at ``end`` ends, past the words that say when and an
    acronym in brackets between them (a time word alone before the verb stays: "Monday said");
    and how many letters that acronym has (0 without one)."""
    window = max(0, end - 80)
    match = _BEFORE_VERB.search(folded, window, end)
    if match is None or match.start() == match.end() or match.start() <= window:
        return end, 0
    return match.start(), len(_LETTERS.findall(match.group(1) or ""))


def _subject_before(text: str, end: int) -> tuple[int, int] | None:
    """Offsets of the up to eight plain words right before ``end`` (the speech verb), or before
    an apposition between commas there ("Sarrazin, membre du SPD depuis 1973, a annoncé")."""
    k = end
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if k > 0 and text[k - 1] == ",":
        opening = text.rfind(",", 0, k - 1)
        inside = text[opening + 1 : k - 1]
        if opening <= 0 or not inside.strip() or len(inside.split()) > APPOSITION_WORDS:
            return None
        if any(c in inside for c in '.;:!?"“”«»()'):
            return None
        k = opening
    stop = k
    words = 0
    while k > 0 and words < 8:
        j = k
        while j > 0 and not text[j - 1].isspace():
            j -= 1
        if not _SUBJECT_WORD.match(text[j:k]):
            break
        words += 1
        start = j
        k = j
        while k > 0 and text[k - 1].isspace():
            k -= 1
    if words == 0:
        return None
    return start, stop


_DATA = "stance"


def _every(key: str) -> list[str]:
    """The words of ``key`` in every language's ``stance.toml``, in the files' order: a speaker
    phrase is read with every language's lists, whatever the claim's language."""
    return [w for code in lang.LANGUAGES for w in lang.text(code, _DATA, key).split()]


def _bounded(word: str) -> str:
    """``word`` as a whole word of a regex (an elided "qu'" ends at its apostrophe)."""
    return rf"\b{word}\b" if word[-1:].isalnum() else rf"\b{word}"


_CLAUSE_OPENERS = "|".join(_every("clause_openers"))
_REPORTED_INFINITIVES = "|".join(_every("reported_infinitives"))
# What follows a weak verb that credits a claim: a clause (with "that", or, in English, a subject
# pronoun: "announces he is launching"), a quote, the end of the sentence, or (in French) an
# infinitive of reported speech ("annonce avoir été testé positif").
_CLAUSE_SUBJECTS = "|".join(_every("clause_subjects"))
#: A word that says when, between a speech verb and the end of the sentence or its speaker ("the
#: company announced on Tuesday.", "a annoncé mardi l'entreprise"), folded.
_TIME = (
    "(?:(?:" + "|".join(re.escape(w) for w in _every("time_determiners")) + r")\s+)?"
    "(?:" + "|".join(re.escape(w) for w in _every("time_words")) + ")"
)
_TIME_LEAD = re.compile(rf"(?:(?:{_TIME})\s+)+")
#: What may stand between a subject and its speech verb and is no part of the speaker: an
#: acronym in brackets, then when ("The Peoples Democratic Party (PDP) on Wednesday declared").
_BEFORE_VERB = re.compile(rf"(?:\s(\([A-Za-z0-9&.-]{{2,12}}\)))?(?:\s+(?:{_TIME}))*\s*$")
_ADVERB_LEAD = re.compile(
    "(?:" + "|".join(rf"[a-z]+{re.escape(e)}" for e in _every("adverb_endings")) + r")\s+"
)
_AFTER_WEAK_VERB = re.compile(
    rf"(?:{_CLAUSE_OPENERS}|[,:;\"“”«»'’.!?]|$"
    + rf"|(?:(?:{_TIME})\s+){{0,3}}(?:{_TIME})\s*(?:[,:;.!?]|$)"
    + (rf"|(?:{_REPORTED_INFINITIVES})\b" if _REPORTED_INFINITIVES else "")
    + (rf"|(?:{_CLAUSE_SUBJECTS})\b" if _CLAUSE_SUBJECTS else "")
    + ")"
)
_LEAD = re.compile(
    rf"^(?:{'|'.join(_every('lead_articles'))})\s+|^(?:{'|'.join(_every('lead_elisions'))})",
    re.IGNORECASE,
)
_SUBJECT_CUT = re.compile(
    r".*(?:[,;:\"“”«»()]|"
    + "|".join(_bounded(w) for w in (*_every("clause_openers"), *_every("subject_conjunctions")))
    + r")\s*",
    re.IGNORECASE,
)
_SUBORDINATE_CUT = re.compile(
    r".*(?:" + "|".join(_bounded(w) for w in _every("subordinators")) + r")(?:\s+|$)",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[^\W\d_]")
#: The most words of a speaker after a conjunction that opens a clause of its own ("though
#: investigators said"; not "but then called off the chase after officers said").
SUBORDINATE_SUBJECT_WORDS = 4
# Words before a subject that are not the speaker ("Monday the ministry said"); case counts.
_SUBJECT_OPENER = re.compile(
    r"^(?:"
    + "|".join(
        [f"[A-Za-z]+{e}" for e in _every("subject_opener_endings")] + _every("subject_openers")
    )
    + r")\s+"
)
_PRONOUNS = frozenset(_every("pronouns"))
_NOT_SPEAKERS = frozenset(_every("not_speakers"))
_STOPS_ALLOWED_FIRST = frozenset(_every("stops_allowed_first"))
_SPEAKER_JOINERS = frozenset(_every("speaker_joiners"))
_LEAD_WORDS = frozenset(w.lower() for w in _every("lead_articles"))
_PRIME_MINISTER = tuple(
    p for code in lang.LANGUAGES for p in lang.texts(code, _DATA, "prime_minister_phrases")
)
# Elided articles glued to a word ("l'armée"), in every language.
_ELIDED = re.compile(
    "|".join(e for code in lang.LANGUAGES if (e := lang.text(code, _DATA, "elided_article")))
)

_CONCEPTS: dict[str, str] = {
    word: concept
    for code in lang.LANGUAGES
    for concept, words in lang.table(code, _DATA).get("concepts", {}).items()
    for word in words.split()
}
# Negations glued to a verb ("didn't"): a polarity cue even when no cue word is found.
_CONTRACTED_NEGATIONS = tuple(
    sorted(w for code in lang.LANGUAGES for w in lang.words(code, _DATA, "contracted_negations"))
)
_VEHICLES = frozenset(("statement",))
_VAGUE = frozenset(("official", "source", "media"))


_CUE_WORD = re.compile(r"[a-z']+")
#: The first patterns of every language name the source explicitly ("according to", "selon"): the
#: search stops when they find one.
_EXPLICIT = 2


class _Pattern(NamedTuple):
    regex: re.Pattern[str]
    not_leads: frozenset[str]
    subject: bool
    """A subject-before-verb form: the speaker is read backwards from the verb in group 1."""
    not_written_endings: tuple[str, ...]
    """Endings the verb may not have as written (accents kept): French "déclaré" without its
    auxiliary is a participle ("l'état d'urgence déclaré"), "déclare" a verb."""
    weak: bool
    """Every verb of this form is weak: it credits a claim only before a clause, a quote, an
    infinitive of speech or the end of the sentence."""


class _Vocabulary(NamedTuple):
    """One language's attribution and polarity data (``lang/<code>/stance.toml``)."""

    cues: frozenset[str]
    patterns: tuple[_Pattern, ...]
    weak_verbs: frozenset[str]
    speaker_stops: frozenset[str]
    elided_article: re.Pattern[str] | None
    polarity_words: frozenset[str]
    negation: re.Pattern[str]
    negative_meaning: re.Pattern[str] | None
    negation_exclude: re.Pattern[str] | None
    denial: re.Pattern[str]
    hedge: re.Pattern[str]
    capitalised_not_hedges: frozenset[str]
    conditional: re.Pattern[str] | None
    conditional_blockers: re.Pattern[str] | None
    not_hedges: frozenset[str]
    participle_endings: tuple[str, ...]


def _optional(pattern: str) -> re.Pattern[str] | None:
    return re.compile(pattern) if pattern else None


@lru_cache(maxsize=8)
def _vocabulary(language: str) -> _Vocabulary:
    """The stance data of ``language``; a language without any is read with the default's."""
    code = language if language in lang.LANGUAGES else lang.DEFAULT_LANGUAGE

    def alternation(key: str) -> str:
        return "".join(lang.text(code, "stance", key).split())

    slots = {
        "{verbs}": alternation("speech_verbs"),
        "{participles}": alternation("speech_participles"),
        "{adverbs}": alternation("verb_adverbs"),
        "{np}": _NP,
    }

    def pattern(template: str) -> re.Pattern[str]:
        for slot, value in slots.items():
            template = template.replace(slot, value)
        return re.compile(template)

    return _Vocabulary(
        cues=lang.words(code, "stance", "cue_words"),
        patterns=tuple(
            _Pattern(
                pattern(p["regex"]),
                frozenset(p.get("not_leads", "").split()),
                bool(p.get("subject", False)),
                tuple(p.get("not_written_endings", "").split()),
                bool(p.get("weak", False)),
            )
            for p in lang.table(code, "stance")["attribution"]
        ),
        weak_verbs=lang.words(code, "stance", "weak_verbs"),
        speaker_stops=lang.words(code, "stance", "speaker_stops"),
        elided_article=_optional(lang.text(code, "stance", "elided_article")),
        polarity_words=lang.words(code, "stance", "polarity_words"),
        negation=re.compile(lang.text(code, "stance", "negation")),
        negative_meaning=_optional(lang.text(code, "stance", "negative_meaning")),
        negation_exclude=_optional(lang.text(code, "stance", "negation_exclude")),
        denial=re.compile(lang.text(code, "stance", "denial")),
        hedge=re.compile(lang.text(code, "stance", "hedge")),
        capitalised_not_hedges=lang.words(code, "stance", "capitalised_not_hedges"),
        conditional=_optional(lang.text(code, "stance", "conditional")),
        conditional_blockers=_optional(lang.text(code, "stance", "conditional_blockers")),
        not_hedges=lang.words(code, "stance", "not_hedges"),
        participle_endings=tuple(lang.text(code, "stance", "participle_endings").split()),
    )


class Attribution(NamedTuple):
    """A speaker phrase: where it is in the claim, the text as written and its normal form."""

    start: int
    end: int
    text: str
    normal: str


def _after_when_and_how(text: str, folded: str, start: int, end: int) -> int:
    """Where the speaker starts after an inverted speech verb, past the words that say when and
    how ("a annoncé mardi l'entreprise", "a répondu brusquement Gantz"; not "a dit Clément")."""
    while True:
        when = _TIME_LEAD.match(folded, start, end)
        if when is not None:
            start = when.end()
            continue
        how = _ADVERB_LEAD.match(folded, start, end)
        if how is not None and text[start].islower():
            start = how.end()
            continue
        return start


#: A title or an initial written with its period ("M.", "Dr.", "J.").
_INITIAL = re.compile(r"[A-Z][a-z]{0,2}\.")


def _clean_np(raw: str, vocabulary: _Vocabulary) -> str:
    words = raw.split()
    stop = vocabulary.speaker_stops
    elided = vocabulary.elided_article
    out: list[str] = []
    for w in words:
        fw = fold_same_length(w).strip('.,;:"“”«»()')
        bare = elided.sub("", fw) if elided else fw
        if out and (fw in stop or bare in stop):
            joined = fold_same_length(out[-1]).lower() in _SPEAKER_JOINERS
            if not (joined and fw in _STOPS_ALLOWED_FIRST):
                break  # "the ministry of the interior" goes on past its article
        if not out and fw in stop and fw not in _STOPS_ALLOWED_FIRST:
            break
        out.append(w)
        if _INITIAL.fullmatch(w):
            continue  # "M. Trump", "Dr. Lollo": a title or an initial, not the end
        if re.search(r"[.,;:!?\"“”«»()]$", w):
            break
    text = " ".join(out).strip(" .,;:!?\"“”«»()'’")
    return text


def _candidates(text: str, language: str) -> Iterator[tuple[int, Attribution]]:
    """Every speaker phrase the attribution patterns find in ``text``, with the index of the
    pattern that found it, pattern by pattern."""
    vocabulary = _vocabulary(language)
    folded = fold_same_length(text)
    words = _CUE_WORD.findall(folded)
    if vocabulary.cues.isdisjoint(words):
        return
    patterns = vocabulary.patterns
    dateline = dateline_end(text)
    for k, pat in enumerate(patterns):
        subject_form = pat.subject
        for m in pat.regex.finditer(folded):
            if pat.not_written_endings and text[m.start(1) : m.end(1)].endswith(
                pat.not_written_endings
            ):
                continue
            if subject_form:
                end, acronym = _before_when(folded, m.start())
                span = _subject_before(folded, end)
                if span is None:
                    continue
                s, e = span
            else:
                s, e = m.start(1), m.end(1)
                s = _after_when_and_how(text, folded, s, e)
            raw = text[s:e]
            if subject_form:
                verb = m.group(1).replace(" ", "")
                if pat.weak or verb in vocabulary.weak_verbs:
                    rest = folded[m.end() :].lstrip()
                    if rest and not _AFTER_WEAK_VERB.match(rest):
                        continue
                s = max(s, dateline)  # "WASHINGTON -- US President Trump said"
                raw = text[s:e]
                cut = _SUBJECT_CUT.match(raw)
                if cut:
                    s += cut.end()
                    raw = text[s:e]
                cut = _SUBORDINATE_CUT.match(raw)
                if cut:
                    if len(raw[cut.end() :].split()) > SUBORDINATE_SUBJECT_WORDS:
                        continue
                    s += cut.end()
                    raw = text[s:e]
                raw = _SUBJECT_OPENER.sub("", raw)
                s = e - len(raw)
                clean = raw.strip(" .,;:!?\"“”«»()'’")
            else:
                clean = _clean_np(raw, vocabulary)
            if not clean:
                continue
            s = text.find(clean, s)
            if s < 0:
                continue
            e = s + len(clean)
            lead = clean.split()[0].lower() if clean.split() else ""
            if subject_form and (lead in _NOT_SPEAKERS or len(clean.split()) > 7):
                continue
            if subject_form and len(clean.split()) < min(acronym, 3):
                continue  # "Action on Smoking and Health (ASH) says": not "Health"
            if not _LETTERS.search(clean):
                continue  # "today, January 1, 2020, Apostle …, explained": a date is no one
            if lead in pat.not_leads:
                continue
            normal = _LEAD.sub("", clean)
            normal = re.sub(r"\s+", " ", normal).strip()
            if not normal or normal.lower() in _LEAD_WORDS:
                continue  # "according to a statement from ...": the article alone is no one
            yield k, Attribution(s, e, clean, normal)


@lru_cache(maxsize=16384)
def _find_attribution(text: str, language: str) -> Attribution | None:
    best: Attribution | None = None
    found_by = -1
    for k, cand in _candidates(text, language):
        if best is not None and k != found_by and found_by < _EXPLICIT:
            break  # "according to", "a statement from" name the source explicitly
        if best is None or cand.start < best.start:
            best, found_by = cand, k
    return best


@lru_cache(maxsize=16384)
def speaker_spans(text: str, language: str) -> tuple[tuple[int, int], ...]:
    """Where ``text`` names who says something, every such phrase ("Just over half of voters
    said yes, The Gazette 6 reported": "voters" and "The Gazette 6"), as (start, end)."""
    return tuple((c.start, c.end) for _, c in _candidates(text, (language or "")[:2].lower()))


def names_nobody(attribution_text: str) -> bool:
    """Whether an attribution is only a pronoun ("it", "he", "elle"): it credits no one a reader
    could check."""
    words = _words(attribution_text.lower())
    return bool(words) and all(w in _PRONOUNS for w in words)


def attribution_span(text: str, language: str) -> Attribution | None:
    """The speaker phrase of ``text`` with its offsets, or ``None`` when nobody is credited."""
    return _find_attribution(text, (language or "")[:2].lower())


def attribution(text: str, language: str) -> str | None:
    """Who the claim is credited to, as short normalised text ("his office", "Kremlin",
    "ministère israélien des Affaires étrangères"), or ``None``."""
    found = attribution_span(text, language)
    return found.normal if found else None


class _Key(NamedTuple):
    entities: tuple[str, ...]  # person and organisation names (as written)
    places: tuple[str, ...]  # country/place keys
    heads: frozenset[str]  # concrete source nouns
    vague: bool
    pronoun: bool


def _person(name: str, phrase: str) -> bool:
    """Whether ``phrase`` names ``name`` as a person, read from its capitalised words."""
    return any(n.text == name and n.kind == "person" for n in extract_capitalised_names(phrase))


@lru_cache(maxsize=4096)
def _attribution_key(phrase: str, language: str) -> _Key:
    names = extract_names(phrase, language)
    entities = tuple(n.text for n in names if n.kind != "place")
    places = tuple(n.key for n in names if n.kind == "place")
    words = re.findall(r"[\w'-]+", fold_same_length(phrase))
    concepts = set()
    pronoun = False
    for w in words:
        w2 = _ELIDED.sub("", w)
        if w2 in _PRONOUNS:
            pronoun = True
        c = _CONCEPTS.get(w2)
        if c:
            concepts.add(c)
    if any(p in " ".join(words) for p in _PRIME_MINISTER):
        concepts.discard("minister")
        concepts.add("prime minister")
    heads = frozenset(
        c
        for c in concepts
        if c not in _VEHICLES and c not in _VAGUE and c not in ("foreign", "defense", "interior")
    )
    vague = any(c in _VAGUE for c in concepts)
    return _Key(entities, places, heads, vague, pronoun)


def compare_attributions(a: str, a_language: str, b: str, b_language: str) -> str:
    """Compare two speaker phrases: ``agree`` (same source), ``refines`` (compatible, one more
    specific: "he" / "Lavrov", "officials" / "the foreign ministry") or ``differs`` (different
    people, or different kinds of institution)."""
    ka = _attribution_key(a, a_language)
    kb = _attribution_key(b, b_language)
    if (a_language or "")[:2].lower() != (b_language or "")[:2].lower():
        # a body the table does not know may just be translated ("US Geological Survey" /
        # "Institut américain de géophysique"): only people and known bodies can conflict
        ka = ka._replace(entities=tuple(e for e in ka.entities if is_known(e) or _person(e, a)))
        kb = kb._replace(entities=tuple(e for e in kb.entities if is_known(e) or _person(e, b)))
    if ka.entities and kb.entities:
        if any(same_entity(x, y) for x in ka.entities for y in kb.entities):
            return "agree"
        from claimcheck.core.extract.names import name_key

        if any(
            related_entities(name_key(x), name_key(y)) for x in ka.entities for y in kb.entities
        ):
            return "refines"
        return "differs"
    if ka.heads and kb.heads:
        if ka.heads & kb.heads:
            if ka.places and kb.places and not set(ka.places) & set(kb.places):
                return "differs"  # the Israeli army / the Syrian army
            return "agree" if not (ka.entities or kb.entities) else "refines"
        titles = {"minister", "prime minister", "president", "spokesperson"}
        both = ka.heads | kb.heads
        if (ka.heads <= titles or kb.heads <= titles) and "minister" in both and "ministry" in both:
            return "refines"  # a person's title against an institution: the minister / ministry
        return "differs"
    if ka.entities or kb.entities:
        return "refines"
    if (
        set(ka.places) == set(kb.places)
        and ka.heads == kb.heads
        and ka.vague == kb.vague
        and (ka.places or ka.heads or ka.vague)
    ):
        return "agree"
    if ka.places and kb.places and not set(ka.places) & set(kb.places) and (ka.vague and kb.vague):
        return "differs"  # Israeli officials / Russian officials
    if fold_same_length(a) == fold_same_length(b):
        return "agree"
    return "refines" if (ka.pronoun or kb.pronoun or ka.vague or kb.vague) else "agree"


# --- polarity ------------------------------------------------------------------------------------

# Word beginnings that may carry a cue (denial, hedge...), in every language.
_POLARITY_PREFIXES = tuple(dict.fromkeys(_every("polarity_prefixes")))


@lru_cache(maxsize=16384)
def _polarity(
    text: str, language: str
) -> tuple[bool, bool, bool, tuple[tuple[int, int], ...], tuple[str, ...], tuple[str, ...]]:
    vocabulary = _vocabulary(language)
    folded = fold_same_length(text)
    cues: list[tuple[int, int, str]] = []
    negated = denial = hedged = False
    words = set(_CUE_WORD.findall(folded))
    if (
        vocabulary.polarity_words.isdisjoint(words)
        and not any(w.startswith(_POLARITY_PREFIXES) for w in words)
        and not any(c in folded for c in _CONTRACTED_NEGATIONS)
    ):
        return False, False, False, (), (), ()
    exclude = vocabulary.negation_exclude
    excluded = [(m.start(), m.end()) for m in exclude.finditer(folded)] if exclude else []
    titled = _title_case(text)
    for m in vocabulary.negation.finditer(folded):
        if any(s <= m.start() < e for s, e in excluded):
            continue
        if not titled and _inside_a_name(text, m.start()):
            continue  # "Mount Impossible", "extended to No ." (the number sign)
        negated = True
        cues.append((m.start(), m.end(), "negation"))
    for m in vocabulary.denial.finditer(folded):
        denial = True
        cues.append((m.start(), m.end(), "denial"))
    for m in vocabulary.hedge.finditer(folded):
        if (
            m.group() in vocabulary.capitalised_not_hedges
            and text[m.start()] == m.group()[:1].upper()
        ):
            continue  # "May", the month
        hedged = True
        cues.append((m.start(), m.end(), "hedge"))
    for start, end in _conditional_hedges(folded, vocabulary):
        hedged = True
        cues.append((start, end, "hedge"))
    cues.sort()
    spans = tuple((s, e) for s, e, _ in cues)
    texts = tuple(text[s:e] for s, e, _ in cues)
    return negated, denial, hedged, spans, texts, tuple(kind for _, _, kind in cues)


def _title_case(text: str) -> bool:
    """Whether most words of ``text`` are capitalised (a headline), so capitals say nothing."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return bool(words) and sum(1 for w in words if w[:1].isupper()) * 2 > len(words)


def _inside_a_name(text: str, start: int) -> bool:
    """Whether the cue at ``start`` is written like a word of a name: capitalised, not all
    capitals, and not where a sentence starts."""
    word = text[start : start + 2]
    if not (word[:1].isupper() and word[1:2].islower()):
        return False
    head = text[:start].rstrip()
    return bool(head) and head[-1] not in ".!?:;\"'“«(—–-"


def _conditional_hedges(folded: str, vocabulary: _Vocabulary) -> list[tuple[int, int]]:
    """Spans of the conditional of reported information ("aurait été tué", "seraient morts"),
    not after a blocker (reported speech, a hypothesis) nor with a verb that makes it something
    else ("aurait dû", should have)."""
    conditional, blockers = vocabulary.conditional, vocabulary.conditional_blockers
    out: list[tuple[int, int]] = []
    for m in conditional.finditer(folded) if conditional else ():
        if blockers and blockers.search(folded[: m.start()]):
            continue  # reported speech or a hypothesis, not reported information
        verb = m.group(1)
        if verb.endswith(vocabulary.participle_endings) and verb not in vocabulary.not_hedges:
            out.append((m.start(), m.end()))
    return out


def polarity(text: str, language: str) -> dict[str, object]:
    """Negation, denial and hedging cues of ``text``.

    Returns ``{"negated": bool, "denial": bool, "hedged": bool, "cues": [text as written...],
    "spans": [(start, end)...], "negations": [(start, end)...], "negative_meaning": bool}``;
    ``negations`` are the spans of the negation and denial cues (not hedging);
    ``negative_meaning`` says the text is negative by its words alone ("prevent", "refuse",
    "sans"), which agrees with a negation.
    """
    negated, denial, hedged, spans, texts, kinds = _polarity(text, (language or "")[:2].lower())
    code = (language or "")[:2].lower()
    return {
        "negated": negated,
        "denial": denial,
        "hedged": hedged,
        "cues": list(texts),
        "spans": list(spans),
        "negations": [span for span, kind in zip(spans, kinds, strict=True) if kind != "hedge"],
        "negative_meaning": _negative_meaning(text, code),
    }


@lru_cache(maxsize=16384)
def _negative_meaning(text: str, language: str) -> bool:
    """Whether ``text`` says something negative without a negation ("prevent", "refuse",
    "without", "empêcher"...)."""
    found = _vocabulary(language).negative_meaning
    return bool(found and found.search(fold_same_length(text)))
