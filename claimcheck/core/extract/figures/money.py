"""Currencies before or after a number, and percentages."""

from __future__ import annotations

from claimcheck.core.extract.figures.lexicon import (
    _CURRENCY_COUNTRY_AFTER,
    _CURRENCY_SYMBOLS,
    _CURRENCY_WORDS,
    _DOLLAR_COUNTRY,
    _MONEY_SCALE_ABBREVIATIONS,
    _OF_WORDS,
    _PERCENT_WORDS,
    _POUND_STERLING,
    _POUND_WORDS,
    _PP_WORDS,
    _US_DOLLAR_WORDS,
)
from claimcheck.core.extract.figures.tokens import _Tok


def _currency_at(toks: tuple[_Tok, ...], j: int) -> tuple[str | None, int]:
    """Currency written at ``toks[j]``: (code, index after it)."""
    n = len(toks)
    if j >= n:
        return None, j
    t = toks[j]
    if t.kind == "sym" and t.text in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[t.text], j + 1
    if t.kind == "word":
        if t.low in _DOLLAR_COUNTRY and j + 1 < n and toks[j + 1].text == "$":
            return "usd", j + 2
        if t.low in _CURRENCY_WORDS:
            code = _CURRENCY_WORDS[t.low]
            k = j + 1
            if k < n and toks[k].low in _CURRENCY_COUNTRY_AFTER:
                k += 1
            return code, k
    return None, j


def _money_after(toks: tuple[_Tok, ...], j: int, has_mult: bool) -> tuple[str | None, int]:
    n = len(toks)
    k = j
    if k < n and toks[k].low in _OF_WORDS and k + 1 < n:
        k += 1
    if k >= n:
        return None, j
    t = toks[k]
    if t.kind == "sym" and t.text in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[t.text], k + 1
    if (
        t.kind == "word"
        and t.text in _MONEY_SCALE_ABBREVIATIONS
        and k + 1 < n
        and toks[k + 1].text in _CURRENCY_SYMBOLS
    ):
        return _CURRENCY_SYMBOLS[toks[k + 1].text], k + 2
    if t.kind == "word":
        if t.low in _DOLLAR_COUNTRY and k + 1 < n and toks[k + 1].low in _US_DOLLAR_WORDS:
            return "usd", k + 2
        code, after = _currency_at(toks, k)
        if code is not None:
            return code, after
        if t.low in _POUND_WORDS and (
            has_mult or (k + 1 < n and toks[k + 1].low in _POUND_STERLING)
        ):
            after = k + 2 if k + 1 < n and toks[k + 1].low in _POUND_STERLING else k + 1
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
