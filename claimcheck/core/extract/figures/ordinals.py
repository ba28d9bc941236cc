"""Which one of a series a claim speaks of: an ordinal before its noun ("the seventh episode",
"the third round of talks", "le second tour", "la 3e journée").

Two claims that give one noun two ordinals speak of two things, as "Episode 7" and "Episode 8"
do: the verifier does not join them by itself (:func:`claimcheck.core.group.verify.ids_apart`).
They are read apart from the claim's figures: an ordinal counts nothing, so it is no figure to
line up or to show as a difference, and a rank ("the second largest city") is left out, since
outlets may rank one thing differently. The words are the claim's language's
(``lang/<code>/events.toml``): "premier" is an ordinal in French and a head of government in
English.
"""

from __future__ import annotations

from functools import cache

from claimcheck.core import lang
from claimcheck.core.extract.figures.lexicon import _ORDINAL_SUFFIX, figure_words
from claimcheck.core.extract.figures.tokens import _Tok, _tokenize
from claimcheck.core.text.fold import fold_same_length as fold_text
from claimcheck.core.types import Figure

_HYPHENS = "-‐"
#: Words inside a compound ordinal ("vingt et unième").
_JOINERS = frozenset({"et", "and"})


class _Words:
    """One language's ordinal vocabulary, folded as tokens are (lowercase, no accents)."""

    def __init__(self, code: str) -> None:
        data = lang.table(code, "events")
        self.ordinals = {fold_text(k): int(v) for k, v in dict(data.get("ordinals", {})).items()}
        self.skip = {fold_text(w) for w in lang.words(code, "events", "ordinal_skip")}
        self.ranks = {fold_text(w) for w in lang.words(code, "events", "ordinal_ranks")}
        self.not_in_compounds = {
            fold_text(w) for w in lang.words(code, "events", "ordinal_not_in_compounds")
        }
        self.titles = {
            tuple(fold_text(p).split()) for p in lang.texts(code, "events", "ordinal_titles")
        }
        vocab = figure_words(code)
        self.numbers = {fold_text(k): v for k, v in vocab.numbers.items()}
        self.not_nouns = (
            {fold_text(w) for w in lang.function_words(code)}
            | set(self.numbers)
            | {fold_text(w) for w in vocab.months}
            | {fold_text(w) for w in vocab.weekdays}
            | set(self.ordinals)
        )


@cache
def _words(language: str) -> _Words:
    code = (language or "")[:2].lower()
    return _Words(code if code in lang.LANGUAGES else lang.LANGUAGES[0])


def ordinal_ids(text: str, language: str) -> tuple[Figure, ...]:
    """The ordinals of ``text`` that say which one of a series it speaks of, each as an id
    figure: ``unit`` ``#`` and the noun (folded), ``value`` the ordinal, ``text`` from the
    ordinal to the noun ("eighth and final episode")."""
    words = _words(language)
    toks = _tokenize(text)
    out: list[Figure] = []
    for i in range(len(toks)):
        found = _ordinal_at(toks, i, words)
        if found is None:
            continue
        value, first = found
        j = i + 1
        if j < len(toks) and toks[j].glued and toks[j].low in _ORDINAL_SUFFIX:
            j += 1  # "7th", "3e": the ending is part of the ordinal
        if j < len(toks) and toks[j].glued and toks[j].text in _HYPHENS:
            continue  # "second-largest", "first-ever": a compound adjective, a rank
        while j < len(toks) and toks[j].kind == "word" and toks[j].low in words.skip:
            j += 1
        if j >= len(toks) or toks[j].kind != "word":
            continue
        noun = toks[j].low
        if noun in words.not_nouns or noun in words.ranks or len(noun) < 2:
            continue
        if (toks[i].low, noun) in words.titles:
            continue
        start, end = toks[first].start, toks[j].end
        v = float(value)
        out.append(Figure("figure", text[start:end], start, end, v, v, v, "#" + noun))
    return tuple(out)


def _ordinal_at(toks: tuple[_Tok, ...], i: int, words: _Words) -> tuple[int, int] | None:
    """The ordinal written at ``toks[i]`` (a word, or digits with an ordinal ending) and the
    index of its first token: a compound starts with its number words ("twenty-first", "vingt
    et unième", "trente-deuxième"). ``None`` if there is none."""
    tok = toks[i]
    if tok.kind == "num":
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is None or not nxt.glued or nxt.kind != "word" or nxt.low not in _ORDINAL_SUFFIX:
            return None
        if not tok.text.isdigit() or len(tok.text) > 4:
            return None
        if tok.glued and i > 0 and toks[i - 1].kind == "word":
            return None  # glued to a word: part of an id, not an ordinal
        return int(tok.text), i
    if tok.kind != "word" or tok.low not in words.ordinals:
        return None
    # "twenty-first", "trente-deuxième", "vingt et unième", "quatre-vingt-dixième": the number
    # words before it, over hyphens, or spaced when they are tens ("twenty first")
    parts: list[int] = []
    first = j = i
    while j > 0:
        p = j - 1
        hyphened = toks[p].text in _HYPHENS and toks[p].glued and toks[j].glued
        if hyphened:
            p -= 1
        if p < 0 or toks[p].kind != "word":
            break
        word = toks[p].low
        if word in words.numbers and (hyphened or _tens(words.numbers[word])):
            parts.insert(0, words.numbers[word])
            first = j = p
        elif word in _JOINERS and parts == [] and p > 0:
            j = p  # "vingt et unième": a number word must come before it
        else:
            break
    if parts and tok.low in words.not_in_compounds:
        return None  # "a thirty-second clip": a duration
    value = 0
    for n in (*parts, words.ordinals[tok.low]):
        value = value * n if 0 < value < n else value + n  # "quatre-vingt": 4 x 20
    return value, first


def _tens(n: int) -> bool:
    return n >= 20 and n % 10 == 0
