"""Numbers in digits and in words, magnitudes ("hundreds") and ranges ("5 to 20")."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from claimcheck.core.extract.figures.lexicon import (
    _ANY_FACTOR,
    _BETWEEN_AND,
    _CONCEPT_WORDS,
    _CURRENCY_SYMBOLS,
    _DOZEN_NOUNS,
    _MAGNITUDE_SCALES,
    _OF_WORDS,
    _RANGE_WORDS,
    _SEVERAL_SCALES,
    _SEVERAL_WORDS,
    _TENS_WORDS,
    FigureWords,
)
from claimcheck.core.extract.figures.money import _currency_at
from claimcheck.core.extract.figures.tokens import _SPACES, _Tok, _year_num
from claimcheck.core.extract.figures.units import _unit_at

# --- numbers -------------------------------------------------------------------------------------


def _parse_digits(text: str, vocab: FigureWords) -> float:
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
    if (
        len(tail) == 3
        and head
        and head != "0"
        and len(head) <= 3
        and sep == vocab.rule("thousands_separator")
    ):
        return float(head + tail)  # "1,200" in English, "1.200" in French
    return float(head + "." + tail)


class _Num(NamedTuple):
    value: float | None
    low: float | None
    high: float | None
    shape: str  # exact, about, magnitude
    end: int  # index of the first token after the number
    article: bool  # "a"/"an"/"un"/"une"/"one" standing for 1
    mult: bool  # carries a multiplier word (million, bn...)


def _words_value(words: list[str], vocab: FigureWords) -> float:
    units, scales = vocab.numbers, vocab.scales
    pairs = vocab.rule("number_pairs")
    total = 0.0
    cur = 0.0
    prev = ""
    for w in words:
        if w in units:
            pair = pairs.get(f"{prev} {w}")
            if pair is not None:
                cur += pair - units[prev]  # "quatre-vingt" is 80, not 4 + 20
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


def _parse_core(
    toks: tuple[_Tok, ...], i: int, vocab: FigureWords, money_hint: bool
) -> _Num | None:
    """A number at ``toks[i]``: digits (with a multiplier), number words or a magnitude word.

    ``money_hint`` says a currency came before, so "5m" and "3b" are millions and billions."""
    t = toks[i]
    if t.kind == "num":
        return _digits_at(toks, i, vocab, money_hint)
    if t.kind != "word":
        return None
    for applies, read in _WORD_READERS:
        if applies(toks, i, vocab):
            return read(toks, i, vocab, money_hint)
    return None


def _digits_at(toks: tuple[_Tok, ...], i: int, vocab: FigureWords, money_hint: bool) -> _Num | None:
    """Digits with a multiplier after them: "5 million", "3bn", "2,5 milliards", "$5m"."""
    n = len(toks)
    try:
        value = _parse_digits(toks[i].text, vocab)
    except ValueError:
        return None
    j = i + 1
    mult = False
    if j < n and toks[j].kind == "word":
        factor = _multiplier_at(toks, j, vocab, money_hint)
        if factor is not None:
            value *= factor
            j += 1
            mult = True
    return _Num(value, value, value, "exact", j, False, mult)


def _multiplier_at(
    toks: tuple[_Tok, ...], j: int, vocab: FigureWords, money_hint: bool
) -> float | None:
    n = len(toks)
    factor = vocab.multipliers.get(toks[j].low)
    if (
        factor is None
        and toks[j].text in ("m", "M")
        and (
            money_hint
            or (j + 1 < n and _currency_at(toks, j + 1)[0])
            or (
                toks[j].glued
                and j + 1 < n
                and (toks[j + 1].low in _CONCEPT_WORDS or _unit_at(toks, j + 1)[0] is not None)
            )  # "12M acres": millions of a unit, not 12 metres
        )
    ):
        factor = 1e6
    if factor is None and toks[j].text in ("b", "B") and money_hint and toks[j].glued:
        factor = 1e9
    return factor


def _mags(vocab: FigureWords) -> Mapping[str, tuple[float, float]]:
    return vocab.magnitudes


def _is_magnitude_article(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> bool:
    return (
        toks[i].low in vocab.words("magnitude_articles")
        and i + 1 < len(toks)
        and toks[i + 1].low in _mags(vocab)
    )


def _magnitude_after_article(
    toks: tuple[_Tok, ...], i: int, vocab: FigureWords, money_hint: bool
) -> _Num | None:
    """ "des centaines (de milliers)": the magnitude after the article, nothing else."""
    inner = _parse_core(toks, i + 1, vocab, money_hint)
    return inner if inner is None or inner.shape == "magnitude" else None


def _is_tens_of(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> bool:
    return (
        toks[i].low in _TENS_WORDS
        and i + 2 < len(toks)
        and toks[i + 1].low in _OF_WORDS
        and _MAGNITUDE_SCALES.get(toks[i + 2].low, 0.0) in (1e3, 1e6)
    )


def _tens_of(toks: tuple[_Tok, ...], i: int, vocab: FigureWords, money_hint: bool) -> _Num | None:
    """ "tens of thousands", "des dizaines de millions"."""
    base = _MAGNITUDE_SCALES[toks[i + 2].low]
    return _Num(None, 10 * base, 99.99 * base, "magnitude", i + 3, False, True)


def _is_magnitude(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> bool:
    # not before a number: "Messi scores 4" is the verb
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return toks[i].low in _mags(vocab) and not (nxt is not None and nxt.kind == "num")


def _magnitude(toks: tuple[_Tok, ...], i: int, vocab: FigureWords, money_hint: bool) -> _Num | None:
    """ "hundreds", "hundreds of thousands", "centaines de milliers"."""
    n = len(toks)
    low, high = _mags(vocab)[toks[i].low]
    j = i + 1
    if j + 1 < n and toks[j].low in _OF_WORDS and toks[j + 1].low in _MAGNITUDE_SCALES:
        scale = _MAGNITUDE_SCALES[toks[j + 1].low]
        return _Num(None, low * scale, high * scale + scale - 1, "magnitude", j + 2, False, True)
    return _Num(None, low, high, "magnitude", j, False, low >= 1e6)


def _is_several(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> bool:
    return toks[i].low in _SEVERAL_WORDS and i + 1 < len(toks)


def _several(toks: tuple[_Tok, ...], i: int, vocab: FigureWords, money_hint: bool) -> _Num | None:
    """ "several hundred", "quelques milliers", "a few million"."""
    hit = _SEVERAL_SCALES.get(toks[i + 1].low)
    if hit is None:
        return None
    low, high = hit
    return _Num(None, low, high, "magnitude", i + 2, False, low >= 1e6)


def _is_aine(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> bool:
    return toks[i].low in vocab.approximate_numbers


def _aine(toks: tuple[_Tok, ...], i: int, vocab: FigureWords, money_hint: bool) -> _Num | None:
    """ "une vingtaine de", "une centaine de": about that many."""
    if i + 1 < len(toks) and toks[i + 1].low in vocab.words("approximate_of"):
        v = vocab.approximate_numbers[toks[i].low]
        return _Num(float(v), v * 0.75, v * 1.3, "about", i + 1, False, False)
    return None


def _is_dozen(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> bool:
    return toks[i].low in vocab.words("dozen")


def _dozen(toks: tuple[_Tok, ...], i: int, vocab: FigureWords, money_hint: bool) -> _Num | None:
    return _Num(12.0, 10.0, 15.0, "about", i + 1, False, False)


def _is_article(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> bool:
    return toks[i].low in vocab.words("articles")


def _is_number_word(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> bool:
    w = toks[i].low
    return w in vocab.numbers or w in vocab.scales


def _number_words(
    toks: tuple[_Tok, ...], i: int, vocab: FigureWords, money_hint: bool
) -> _Num | None:
    return _parse_words(toks, i, vocab)


def _article(toks: tuple[_Tok, ...], i: int, vocab: FigureWords, money_hint: bool) -> _Num | None:
    """ "a", "an", "one", "un", "une": 1 only before a scale or "dozen" ("a million", "one
    hundred and one", "a dozen"); alone they are read as 1 with ``article`` set."""
    n = len(toks)
    w = toks[i].low
    if i + 1 < n and toks[i + 1].kind == "word":
        nxt = toks[i + 1].low
        scales, mults = vocab.scales, vocab.multipliers
        if (
            w in vocab.words("counting_article")
            and nxt in scales
            and i + 2 < n
            and toks[i + 2].kind == "word"
        ):
            # "one hundred and one", "one hundred thousand": number words that go on are
            # read whole, not as "one hundred" then more.
            more = toks[i + 2].low
            if more in vocab.numbers or more in scales or more == vocab.rule("number_joiner"):
                return _parse_words(toks, i, vocab)
        if (nxt in scales and scales[nxt] >= 100) or (nxt in mults and mults[nxt] >= 1e6):
            return _scale_after_article(toks, i, vocab, money_hint, scales.get(nxt) or mults[nxt])
        if nxt in _DOZEN_NOUNS:
            return _parse_core(toks, i + 1, vocab, money_hint)
        if f"{w} {nxt}" in vocab.rule("article_phrases_not_numbers"):
            return None
    return _Num(1.0, 1.0, 1.0, "exact", i + 1, True, False)


def _scale_after_article(
    toks: tuple[_Tok, ...], i: int, vocab: FigureWords, money_hint: bool, value: float
) -> _Num:
    """ "a million", "a hundred twenty": the scale and the smaller number words after it."""
    k = i + 2
    sub = _parse_core(toks, k, vocab, money_hint) if k < len(toks) else None
    if (
        sub is not None
        and sub.shape == "exact"
        and sub.value is not None
        and sub.value < value
        and toks[k].kind == "word"
    ):
        total = value + sub.value
        return _Num(total, total, total, "exact", sub.end, False, True)
    return _Num(value, value, value, "exact", i + 2, False, True)


# readers of a number that starts with a word, in order; the first that applies reads it
_WORD_READERS: tuple[
    tuple[
        Callable[[tuple[_Tok, ...], int, FigureWords], bool],
        Callable[[tuple[_Tok, ...], int, FigureWords, bool], _Num | None],
    ],
    ...,
] = (
    (_is_magnitude_article, _magnitude_after_article),
    (_is_tens_of, _tens_of),
    (_is_magnitude, _magnitude),
    (_is_several, _several),
    (_is_aine, _aine),
    (_is_dozen, _dozen),
    (_is_article, _article),
    (_is_number_word, _number_words),
)


def _parse_words(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> _Num | None:
    """A number written in words from ``toks[i]`` ("three hundred and forty-two", "cent un",
    "quatre-vingt-dix-sept mille"), with a multiplier after it ("two million")."""
    n = len(toks)
    units, scales, mults = vocab.numbers, vocab.scales, vocab.multipliers
    joiner = vocab.rule("number_joiner")
    follows, precedes = vocab.words("joiner_follows"), vocab.words("joiner_precedes")
    words: list[str] = []
    j = i
    last = i
    after_et = after_hyphen = False
    while j < n:
        tj = toks[j]
        if tj.kind == "word" and (tj.low in units or tj.low in scales):
            if (
                tj.low in vocab.words("article_after_number")
                and words
                and not after_et
                and not after_hyphen
                and words[-1] not in vocab.words("article_kept_after")
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
            and tj.low == joiner
            and (not follows or (words and words[-1] in follows))
            and j + 1 < n
            and toks[j + 1].low in (precedes or units)
        ):
            # "three hundred and two", "vingt et un"
            j += 1
            after_et = True
            continue
        break
    if not words:
        return None
    if (
        len(words) == 1
        and words[0] in vocab.words("not_alone")
        and not (last + 1 < n and toks[last + 1].kind == "word")
    ):
        return None
    value = _words_value(words, vocab)
    end = last + 1
    mult = False
    if (
        end < n
        and toks[end].kind == "word"
        and toks[end].low in mults
        and mults[toks[end].low] >= 1e6
        and words[-1] not in vocab.words("multiplied_scales")
    ):
        value *= mults[toks[end].low]
        end += 1
        mult = True
    elif end < n and toks[end].low.removesuffix("s") in _DOZEN_NOUNS:
        value *= 12  # "two dozen", "deux douzaines"
        end += 1
    mult = mult or any(scales.get(w, 0) >= 1e6 for w in words)
    return _Num(value, value, value, "exact", end, False, mult)


def _last_mult(toks: tuple[_Tok, ...], rng: tuple[_Num, int]) -> float:
    end = rng[1]
    k = end - 1
    if k >= 0 and toks[k].kind == "word":
        w = toks[k].low
        return _ANY_FACTOR.get(w, 1.0)
    return 1.0


def _range_after(
    toks: tuple[_Tok, ...], j: int, vocab: FigureWords, between: bool, money: bool
) -> tuple[_Num, int] | None:
    n = len(toks)
    if j >= n:
        return None
    t = toks[j]
    connector = False
    if (
        (t.kind == "sym" and t.text in "-‐–—")
        or (
            t.kind == "word"
            and (t.low in _RANGE_WORDS or t.low in vocab.words("range_words_local"))
        )
        or (between and t.low in _BETWEEN_AND)
    ):
        connector = True
    if not connector:
        return None
    k = j + 1
    if k < n and toks[k].text in _CURRENCY_SYMBOLS:
        k += 1
    if k >= n:
        return None
    second = _parse_core(toks, k, vocab, money)
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
