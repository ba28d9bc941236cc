"""Changes by a factor: "doubled", "three times higher", "threefold", "multiplié par trois",
"divisé par deux", "cut in half". Each is a figure of kind ``factor`` whose value is the factor
(below one for a fall), compared only with another factor: "doubled" agrees with "a doublé" and
"deux fois plus", and differs from "tripled". The words are language data (``factor_*`` in
``lang/<code>/figures.toml``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimcheck.core.extract.figures.lexicon import (
    _CONCEPT_WORDS,
    _NOT_NOUNS,
    _PLURAL_ENDINGS,
    _START_WORDS,
)
from claimcheck.core.extract.figures.numbers import _parse_core

if TYPE_CHECKING:
    from claimcheck.core.extract.figures.lexicon import FigureWords
    from claimcheck.core.extract.figures.recognise import _At
    from claimcheck.core.extract.figures.tokens import _Tok
    from claimcheck.core.types import Figure


def factor(at: _At, i: int) -> tuple[Figure | None, int] | None:
    """The factor starting at ``toks[i]`` (or, for "in half", ending there)."""
    for read in (_one_word, _fold, _by, _times, _half):
        hit = read(at.toks, i, at.vocab)
        if hit is not None:
            start, end, value = hit
            return at.figure(start, end, "factor", value, value, value, None, False), end
    return None


def _one_word(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> tuple[int, int, float] | None:
    """ "doubled", "halved", "a triplé": the word as written, accents kept. Not "doubled as
    coach", nor a passive with someone as its agent ("doublé par Nozomu Sasaki": dubbed)."""
    value = (vocab.rule("factor_words") or {}).get(toks[i].text.lower())
    if value is None:
        return None
    after = toks[i + 1 : i + 5]
    if after and after[0].low in vocab.words("factor_not_before"):
        return None
    for k, t in enumerate(after[:-1]):
        if t.low in vocab.words("factor_by") and after[k + 1].text[:1].isupper():
            return None
    return i, i + 1, float(value)


def _fold(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> tuple[int, int, float] | None:
    """ "threefold", "3-fold"."""
    suffix = vocab.rule("factor_suffix")
    if not suffix:
        return None
    t = toks[i]
    if t.kind == "word" and t.low.endswith(suffix) and t.low[: -len(suffix)] in vocab.numbers:
        return i, i + 1, float(vocab.numbers[t.low[: -len(suffix)]])
    if (
        t.kind == "num"
        and i + 2 < len(toks)
        and toks[i + 1].text in "-‐"
        and toks[i + 1].glued
        and toks[i + 2].glued
        and toks[i + 2].low == suffix
    ):
        number = _parse_core(toks, i, vocab, False)
        if number is not None and number.value and number.end == i + 1:
            return i, i + 3, float(number.value)
    return None


def _by(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> tuple[int, int, float] | None:
    """ "multiplied by three", "divisées par deux"."""
    sign = (vocab.rule("factor_verbs") or {}).get(toks[i].low)
    if sign is None or i + 2 >= len(toks) or toks[i + 1].low not in vocab.words("factor_by"):
        return None
    number = _parse_core(toks, i + 2, vocab, False)
    if number is None or not number.value or number.shape != "exact" or number.article:
        return None
    nxt = toks[number.end] if number.end < len(toks) else None
    if nxt is not None and nxt.kind == "word" and _counted(nxt.low):
        return None  # "divided by 42 clubs": what divides it, not a factor
    return i, number.end, float(number.value) if sign > 0 else 1.0 / float(number.value)


def _times(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> tuple[int, int, float] | None:
    """ "three times higher", "twice as many", "deux fois plus", "trois fois moins"."""
    twice = vocab.rule("times_words") or {}
    if toks[i].low in twice:
        value, j = float(twice[toks[i].low]), i + 1
    else:
        number = _parse_core(toks, i, vocab, False)
        if number is None or not number.value or number.shape != "exact" or number.article:
            return None
        j = number.end
        if j >= len(toks) or toks[j].low not in vocab.words("factor_times"):
            return None
        value, j = float(number.value), j + 1
    for rule, factor_value in (("factor_more", value), ("factor_less", 1.0 / value)):
        for phrase in vocab.rule(rule):
            words = phrase.split()
            if [t.low for t in toks[j : j + len(words)]] == words:
                return i, j + len(words), factor_value
    return None


def _half(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> tuple[int, int, float] | None:
    """ "cut in half", "réduit de moitié": read at the last word, the figure starts before it."""
    for phrase in vocab.rule("factor_half") or ():
        words = phrase.split()
        start = i - len(words) + 1
        if start >= 0 and [t.low for t in toks[start : i + 1]] == words:
            if i + 1 < len(toks) and toks[i + 1].low in _START_WORDS:
                return None  # "in half an hour": a duration
            return start, i + 1, 0.5
    return None


def _counted(word: str) -> bool:
    """Whether a word after a number looks like what it counts: a known counted noun, or a plural
    ("clubs"; "divisées par deux aient" goes on with a verb)."""
    if word in _CONCEPT_WORDS:
        return True
    return len(word) > 3 and word[-1] in _PLURAL_ENDINGS and word not in _NOT_NOUNS
