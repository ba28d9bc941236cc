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
from functools import lru_cache
from typing import NamedTuple

from claimcheck.core.extract.names import (
    extract_names,
    is_known,
    related_entities,
    same_entity,
)
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

_EN_VERBS = (
    r"said|says|say|told|tells|added|adds|stated|announced|announces|reported|wrote|"
    r"writes|tweeted|explained|noted|warned|claimed|confirmed|confirms|insisted|argued|"
    r"declared|revealed|posted|replied|responded|acknowledged|admitted|denied|denies|stressed|"
    r"emphasised|emphasized|indicated|asserted|alleged|maintained"
)
# Verbs that also take a plain object ("Russia announced new measures"): they credit a claim only
# when a clause, a quote or the end of the sentence follows.
_EN_WEAK = frozenset(
    _words(
        """announced announces reported revealed confirmed confirms claimed declared acknowledged
    admitted denied denies alleged posted indicated"""
    )
)
_FR_WEAK = frozenset(
    _words(
        """annonce confirme rapporte dementi nie reconnu admis signale releve observe deplore
    denonce revele"""
    )
)
_FR_PARTICIPLES = (
    r"declare|dit|affirme|indique|annonce|precise|explique|souligne|ajoute|assure|estime|"
    r"confirme|ecrit|tweete|rapporte|dementi|nie|reconnu|admis|insiste|martele|averti|"
    r"prevenu|fait\s+savoir|confie|raconte|repondu|signale|releve|declare|note|rappele|"
    r"rappelle|observe|deplore|denonce|revele|assure"
)
_FR_PRESENT = (
    r"declare|dit|affirme|indique|annonce|precise|explique|souligne|ajoute|assure|estime|"
    r"confirme|ecrit|rapporte|dement|nie|reconnait|insiste|martele|avertit|previent|confie|"
    r"raconte|repond|signale|releve|note|rappelle|observe|deplore|denonce|revele|lit-on"
)
_NP = r"((?:[\w'’.-]+)(?:\s+[\w'’.-]+){0,8})"

_PATTERNS_EN = (
    re.compile(r"\baccording to\s+" + _NP, re.IGNORECASE),
    re.compile(r"\b(?:a|the|in a)\s+statement\s+(?:from|by|issued by)\s+" + _NP, re.IGNORECASE),
    re.compile(r"\b(?:relayed|released|issued|reported|quoted|cited)\s+by\s+" + _NP, re.IGNORECASE),
    # inverted, after a quote or comma: '..., said the ministry.'
    re.compile(r"(?:[,\"”’']\s*|^)(?:" + _EN_VERBS + r")\s+" + _NP, re.IGNORECASE),
    # subject before the verb: 'Netanyahu said', 'his office said' (the subject is read
    # backwards from the verb, see _subject_before)
    re.compile(r"(?<!\S)(?:(?:has|had|have)\s+)?(?:\w+ly\s+)?(" + _EN_VERBS + r")\b"),
)
_PATTERNS_FR = (
    re.compile(r"\b(?:selon|d'apres|de source)\s+(?!lesquel|laquelle|lequel)" + _NP),
    re.compile(r"\b(?:dans\s+)?un\s+communique\s+(?:de|du|des)\s+" + _NP),
    # inverted: ', a déclaré le ministère', '" ont indiqué des responsables'
    re.compile(
        r"(?:[,\"”»']\s*|^)(?:a|ont|avait|avaient)\s+(?:" + _FR_PARTICIPLES + r")e?s?\s+" + _NP
    ),
    re.compile(r"(?:[,\"”»']\s*)(?:" + _FR_PRESENT + r")(?:nt)?\s+" + _NP),
    re.compile(r"(?:a|ont|avait|avaient)-t-(il|elle|ils|elles)\s+(?:" + _FR_PARTICIPLES + r")"),
    re.compile(r"\b(?:" + _FR_PRESENT + r")(?:nt)?(?:-t)?-(il|elle|ils|elles)\b"),
    # subject before the verb: 'Le Kremlin a déclaré', 'Netanyahou a dit'
    re.compile(r"(?<!\S)(?:a|ont|avait|avaient)\s+(?:\w+ment\s+)?(" + _FR_PARTICIPLES + r")e?s?\b"),
)
_SUBJECT_WORD = re.compile(r"^[\w'’.-]+$")


def _subject_before(text: str, end: int) -> tuple[int, int] | None:
    """Offsets of the up to eight plain words right before ``end`` (the speech verb)."""
    k = end
    while k > 0 and text[k - 1].isspace():
        k -= 1
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


# where a speaker phrase stops
_EN_STOP = frozenset(
    _words(
        """on in at during earlier later after before when while that to as with from for about
    and but yesterday today monday tuesday wednesday thursday friday saturday sunday last this
    who which where it's in the statement read said says stated added told reported announced
    wrote tweeted confirmed revealed claimed"""
    )
)
_FR_STOP = frozenset(
    _words(
        """dans lors a au aux en que qu' qui lundi mardi mercredi jeudi vendredi samedi dimanche
    hier ce cette sur apres avant pendant devant ajoutant precisant soulignant et mais
    jeudi dont ou car"""
    )
)
_LEAD = re.compile(r"^(?:the|a|an|le|la|les|l'|un|une|des|du|de|d')\s+|^(?:l'|d')", re.IGNORECASE)
_SUBJECT_CUT = re.compile(
    r".*(?:[,;:\"“”«»()]|\bthat\b|\bque\b|\bqu'|\band\b|\bet\b)\s*", re.IGNORECASE
)
_PRONOUNS = frozenset(
    _words(
        "he she they it we i il elle ils elles on nous je his her their its son sa ses leur leurs"
    )
)
_EN_NOT_SPEAKERS = frozenset(
    _words(
        """this that which what who there it's meeting talks report statement agreement decision
    move plan law bill study survey poll data figures"""
    )
)

_CONCEPTS: dict[str, str] = {}
for _concept, _wordlist in {
    "office": "office bureau cabinet services premier's",
    "ministry": "ministry ministere department departement",
    "foreign": "foreign etrangeres diplomatie diplomacy",
    "defense": "defense defence armees",
    "interior": "interior interieur",
    "statement": "statement communique declaration release",
    "spokesperson": "spokesman spokeswoman spokesperson porte-parole",
    "official": "official officials responsable responsables officiel officiels",
    "source": "source sources",
    "army": "army military armee militaire militaires idf tsahal forces",
    "police": "police policiers",
    "government": "government gouvernement executive executif",
    "president": "president presidency presidence",
    "prime minister": "premier pm",
    "minister": "minister ministre",
    "media": "media medias press presse reports report informations newspaper journal "
    "agency agence television",
    "witness": "witness witnesses temoin temoins",
    "group": "group groupe observatory observatoire ngo ong",
    "prosecutor": "prosecutor prosecutors procureur procureurs parquet",
    "court": "court tribunal cour judge juge",
    "hospital": "hospital hopital hospital doctors medecins",
    "rescue": "firefighters pompiers rescuers secouristes secours",
    "mayor": "mayor maire town hall mairie",
    "company": "company entreprise firm societe",
    "union": "union syndicat unions syndicats",
}.items():
    for _w in _wordlist.split():
        _CONCEPTS[_w] = _concept
_VEHICLES = frozenset(("statement",))
_VAGUE = frozenset(("official", "source", "media"))


_CUE_WORD = re.compile(r"[a-z']+")
_EN_CUES = frozenset(_EN_VERBS.split("|")) | {"according", "statement", "by"}
_FR_CUES = (
    frozenset(re.sub(r"\\s\+\w+", "", _FR_PARTICIPLES).split("|"))
    | frozenset(_FR_PRESENT.split("|"))
    | {"selon", "d'apres", "apres", "source", "communique", "dit", "fait", "lit"}
    | {v + "e" for v in _FR_PARTICIPLES.split("|")}
    | {v + "s" for v in _FR_PARTICIPLES.split("|")}
    | {v + "es" for v in _FR_PARTICIPLES.split("|")}
    | {v + "nt" for v in _FR_PRESENT.split("|")}
)


class Attribution(NamedTuple):
    """A speaker phrase: where it is in the claim, the text as written and its normal form."""

    start: int
    end: int
    text: str
    normal: str


def _clean_np(raw: str, french: bool) -> str:
    words = raw.split()
    stop = _FR_STOP if french else _EN_STOP
    out: list[str] = []
    for w in words:
        fw = fold_same_length(w).strip('.,;:"“”«»()')
        bare = re.sub(r"^(?:l|d|qu)'", "", fw) if french else fw
        if out and (fw in stop or bare in stop or (french and fw in ("a", "au", "aux"))):
            break
        if not out and fw in stop and fw not in ("the",):
            break
        out.append(w)
        if re.search(r"[.,;:!?\"“”«»()]$", w):
            break
    text = " ".join(out).strip(" .,;:!?\"“”«»()'’")
    return text


@lru_cache(maxsize=16384)
def _find_attribution(text: str, french: bool) -> Attribution | None:
    folded = fold_same_length(text)
    words = _CUE_WORD.findall(folded)
    if (_FR_CUES if french else _EN_CUES).isdisjoint(words):
        return None
    patterns = _PATTERNS_FR if french else _PATTERNS_EN
    best: Attribution | None = None
    for k, pat in enumerate(patterns):
        subject_form = k == len(patterns) - 1
        for m in pat.finditer(folded):
            if subject_form:
                span = _subject_before(folded, m.start())
                if span is None:
                    continue
                s, e = span
            else:
                s, e = m.start(1), m.end(1)
            raw = text[s:e]
            if subject_form:
                verb = m.group(1).replace(" ", "")
                if verb in (_FR_WEAK if french else _EN_WEAK):
                    rest = folded[m.end() :].lstrip()
                    if rest and not re.match(r"(?:that|que|qu'|[,:;\"“”«»'’.!?]|$)", rest):
                        continue
                cut = _SUBJECT_CUT.match(raw)
                if cut:
                    s += cut.end()
                    raw = text[s:e]
                raw = re.sub(
                    r"^(?:[A-Za-z]+ly|Monday|Tuesday|Wednesday|Thursday|Friday|"
                    r"Saturday|Sunday|Meanwhile|However|Earlier|Later|Also)\s+",
                    "",
                    raw,
                )
                s = e - len(raw)
                clean = raw.strip(" .,;:!?\"“”«»()'’")
            else:
                clean = _clean_np(raw, french)
            if not clean:
                continue
            s = text.find(clean, s)
            if s < 0:
                continue
            e = s + len(clean)
            lead = clean.split()[0].lower() if clean.split() else ""
            if subject_form and (lead in _EN_NOT_SPEAKERS or len(clean.split()) > 7):
                continue
            if not french and k == 3 and lead in ("that", "it", "this"):
                continue
            normal = _LEAD.sub("", clean)
            normal = re.sub(r"\s+", " ", normal).strip()
            if not normal:
                continue
            cand = Attribution(s, e, clean, normal)
            if best is None or cand.start < best.start:
                best = cand
        if best is not None and k < 2:
            break  # "according to", "a statement from" name the source explicitly
    return best


def attribution_span(text: str, language: str) -> Attribution | None:
    """The speaker phrase of ``text`` with its offsets, or ``None`` when nobody is credited."""
    return _find_attribution(text, (language or "")[:2].lower() == "fr")


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
    return any(n.text == name and n.kind == "person" for n in extract_names(phrase, "en"))


@lru_cache(maxsize=4096)
def _attribution_key(phrase: str, language: str) -> _Key:
    names = extract_names(phrase, language)
    entities = tuple(n.text for n in names if n.kind != "place")
    places = tuple(n.key for n in names if n.kind == "place")
    words = re.findall(r"[\w'-]+", fold_same_length(phrase))
    concepts = set()
    pronoun = False
    for w in words:
        w2 = re.sub(r"^(?:l|d|qu)'", "", w)
        if w2 in _PRONOUNS:
            pronoun = True
        c = _CONCEPTS.get(w2)
        if c:
            concepts.add(c)
    if "premier ministre" in " ".join(words) or "prime minister" in " ".join(words):
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

_NEG_EN = re.compile(
    r"\b(?:not(?!\s+only\b)(?!\s+least\b)|never|none|nobody|nothing|neither|nor|cannot|"
    r"no\s+one|no\s+longer|no(?![.\s]*\d)|fail(?:s|ed|ing)?|unable\s+to|impossible\s+to|unless|"
    r"refus(?:e|es|ed|ing)\s+to)\b|n't\b"
)
_NEG_EN_EXCLUDE = re.compile(r"\bwhether\s+or\s+not\b|\bif\s+not\b")
_NEG_FR = re.compile(
    r"\bn(?:e\s+|')(?:[\w-]+'?\s*){0,3}?(?:pas(?!\s+seulement\b)(?!\s+uniquement\b)|plus|"
    r"jamais|rien|personne|aucune?|guere|nullement|point|ni)\b|\bechou\w*|\bincapables?\s+de\b|"
    r"\bimpossible\s+de\b|\brefus\w*\s+(?:de|d')|\ba\s+moins\s+(?:de|d'|que|qu')|\b(?:personne|rien|aucune?|jamais)\s+(?:ne\b|n')|\baucune?\b|\bnon\b(?!\s+seulement)(?!-)|\bni\b\s+\w+\s+\bni\b"
)
_DENY_EN = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|refut\w+|rebuff\w*)\b|"
    r"\b(?:reject\w*|dismiss\w*|disput\w*)\s+(?:the\s+|these\s+|those\s+|such\s+|any\s+|all\s+)?"
    r"(?:\w+\s+)?(?:claims?|reports?|allegations?|accusations?|suggestions?|charges?|"
    r"assertions?|rumou?rs?)\b"
)
_DENY_FR = re.compile(
    r"\b(?:dement\w*|ni(?:e|es|ee|ees|ent|er|ait|aient)|refut\w*|recus\w*)\b|"
    r"\b(?:rejet\w*|rejett\w*|contest\w*|balay\w*)\s+(?:les\s+|ces\s+|des\s+|toute?s?\s+)?"
    r"(?:\w+\s+)?(?:accusations?|informations?|allegations?|affirmations?|rumeurs?|"
    r"assertions?)\b"
)
_HEDGE_EN = re.compile(
    r"\b(?:reportedly|allegedly|alleged|purportedly|supposedly|apparently|possibly|perhaps|"
    r"maybe|presumably|probably|likely|unlikely|may|might|could(?!\s+not\b)(?!n't)|rumou?red|"
    r"unconfirmed|suspected)\b|"
    r"\b(?:is|are|was|were)\s+(?:said|believed|thought|understood|reported|alleged|"
    r"suspected)\s+to\b|\b(?:appears?|appeared|seems?|seemed)\s+to\b|"
    r"\baccording\s+to\s+(?:unconfirmed\s+|media\s+|press\s+)?reports\b"
)
_HEDGE_FR = re.compile(
    r"\b(?:presume\w*|suppose\w*|(?<!a\s)(?<!ont\s)(?<!avait\s)pretendu\w*|soupconne\w*|"
    r"apparemment|probablement|"
    r"vraisemblablement|possiblement|peut-etre|eventuellement|pourrai(?:t|ent|s)|"
    r"pourrions|pourriez|semblerai(?:t|ent)|non\s+confirme\w*)\b|"
    r"\bsemblen?t?\s+(?:avoir|etre)\b|"
    r"\bselon\s+(?:des|certaines|plusieurs|de\s+premieres|les\s+premieres)\s+"
    r"(?:informations|sources|rumeurs|medias)\b|\bselon\s+(?:la\s+presse|les\s+medias)\b"
)
_FR_COND = re.compile(
    r"\b(?:aurai(?:t|ent)|serai(?:t|ent))\s+(?:(?:deja|bien|notamment|egalement|"
    r"ete)\s+)?(\w+)"
)
_EN_POLARITY = frozenset(
    _words(
        """not never none nobody nothing neither nor cannot no fail fails failed failing unable
    impossible unless refuse refuses refused refusing
    deny denies denied denying denial reportedly allegedly alleged purportedly supposedly
    apparently possibly perhaps maybe presumably probably likely unlikely may might could
    rumored rumoured unconfirmed suspected said believed thought understood reported appears
    appear appeared seems seem seemed according"""
    )
)
_FR_POLARITY = frozenset(
    _words(
        """ne n' pas plus jamais rien personne aucun aucune guere nullement point ni non
    incapable incapables impossible nie nies niee niees nient nier niait niaient apparemment
    probablement vraisemblablement possiblement peut-etre eventuellement pourrait pourraient
    pourrais pourrions pourriez semblerait sembleraient semble semblent selon aurait auraient
    serait seraient"""
    )
)
_POLARITY_PREFIXES = (
    "refut",
    "rebuff",
    "reject",
    "dismiss",
    "disput",
    "dement",
    "recus",
    "rejet",
    "rejett",
    "contest",
    "balay",
    "echou",
    "presume",
    "suppose",
    "pretendu",
    "soupconne",
    "confirm",
    "refus",
    "moins",
)
# "aurait dû" (should have), "aurait fallu", "aurait voulu", "aurait aimé" are not reported
# information
_NOT_HEDGES = frozenset(("du", "fallu", "voulu", "aime", "souhaite", "prefere"))
_PARTICIPLE_END = (
    "e",
    "es",
    "i",
    "is",
    "ie",
    "ies",
    "u",
    "us",
    "ue",
    "ues",
    "t",
    "ts",
    "te",
    "tes",
)


@lru_cache(maxsize=16384)
def _polarity(
    text: str, french: bool
) -> tuple[bool, bool, bool, tuple[tuple[int, int], ...], tuple[str, ...]]:
    folded = fold_same_length(text)
    cues: list[tuple[int, int, str]] = []
    negated = denial = hedged = False
    words = set(_CUE_WORD.findall(folded))
    if (
        (_FR_POLARITY if french else _EN_POLARITY).isdisjoint(words)
        and not any(w.startswith(_POLARITY_PREFIXES) for w in words)
        and "n't" not in folded
    ):
        return False, False, False, (), ()
    if french:
        for m in _NEG_FR.finditer(folded):
            negated = True
            cues.append((m.start(), m.end(), "negation"))
        for m in _DENY_FR.finditer(folded):
            denial = True
            cues.append((m.start(), m.end(), "denial"))
        for m in _HEDGE_FR.finditer(folded):
            hedged = True
            cues.append((m.start(), m.end(), "hedge"))
        for m in _FR_COND.finditer(folded):
            before = folded[: m.start()]
            if re.search(r"\b(?:que|si|lesquel\w*|laquelle|lequel|dont)\b|\b(?:qu|s)'", before):
                continue  # reported speech or a hypothesis, not reported information
            if m.group(1).endswith(_PARTICIPLE_END) and m.group(1) not in _NOT_HEDGES:
                hedged = True
                cues.append((m.start(), m.end(), "hedge"))
    else:
        excluded = [(m.start(), m.end()) for m in _NEG_EN_EXCLUDE.finditer(folded)]
        for m in _NEG_EN.finditer(folded):
            if any(s <= m.start() < e for s, e in excluded):
                continue
            negated = True
            cues.append((m.start(), m.end(), "negation"))
        for m in _DENY_EN.finditer(folded):
            denial = True
            cues.append((m.start(), m.end(), "denial"))
        for m in _HEDGE_EN.finditer(folded):
            if m.group() == "may" and text[m.start()] == "M":
                continue  # the month
            hedged = True
            cues.append((m.start(), m.end(), "hedge"))
    cues.sort()
    spans = tuple((s, e) for s, e, _ in cues)
    texts = tuple(text[s:e] for s, e, _ in cues)
    return negated, denial, hedged, spans, texts


def polarity(text: str, language: str) -> dict[str, object]:
    """Negation, denial and hedging cues of ``text``.

    Returns ``{"negated": bool, "denial": bool, "hedged": bool, "cues": [text as written...],
    "spans": [(start, end)...]}``.
    """
    negated, denial, hedged, spans, texts = _polarity(text, (language or "")[:2].lower() == "fr")
    return {
        "negated": negated,
        "denial": denial,
        "hedged": hedged,
        "cues": list(texts),
        "spans": list(spans),
    }
