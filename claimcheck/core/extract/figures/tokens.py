"""Tokens of a stretch of text, and the shapes of single tokens (days, years, ordinals, ids)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from claimcheck.core.extract.figures.lexicon import (
    _ELIDED,
    _ORDINAL_SUFFIX,
)
from claimcheck.core.extract.names import fold_text

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


#: Day numbers read next to a month name: up to 39, so that an impossible date ("le 38 juillet",
#: "32 August") is read as a date that differs from a real one instead of vanishing.
_LAST_DAY_READ = 39


def _day_num(tok: _Tok) -> int | None:
    """A day of the month as written next to a month name, possible or not."""
    if tok.kind != "num" or not tok.text.isdigit() or len(tok.text) > 2:
        return None
    d = int(tok.text)
    return d if 1 <= d <= _LAST_DAY_READ else None


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


def _skip_glued(toks: tuple[_Tok, ...], i: int) -> int:
    j = i + 1
    while j < len(toks) and toks[j].glued and toks[j].kind in ("num", "word"):
        j += 1
    return j


def _joined_groups(toks: tuple[_Tok, ...], i: int, separators: str) -> list[str]:
    """The digit groups joined by one of ``separators``, glued, from ``toks[i]`` on
    ("334-240-0185", "11/09/2001")."""
    groups = [toks[i].text]
    j = i
    while (
        j + 2 < len(toks)
        and toks[j + 1].text in separators
        and toks[j + 1].glued
        and toks[j + 2].glued
        and toks[j + 2].kind == "num"
        and toks[j + 2].text.isdigit()
    ):
        groups.append(toks[j + 2].text)
        j += 2
    return groups


def _phone_end(toks: tuple[_Tok, ...], i: int) -> int | None:
    """Where the phone number at ``toks[i]`` ends, if it is one: digit groups joined by dashes
    ("334-240-0185"; "555-0199": a range never ends on a leading zero), or any of
    :func:`_phone_like`."""
    dashed = _joined_groups(toks, i, "-.") if toks[i].text.isdigit() else []
    groups = len(dashed) + _groups_before(toks, i)
    if (groups >= 3 and all(len(g) <= 4 for g in dashed) and len(dashed[-1]) >= 3) or (
        len(dashed) == 2 and len(dashed[1]) == 4 and dashed[1].startswith("0")
    ):
        return i + 2 * len(dashed) - 1
    return _skip_glued(toks, i) if _phone_like(toks, i) else None


def _groups_before(toks: tuple[_Tok, ...], i: int) -> int:
    """How many digit groups a glued dash joins to ``toks[i]`` from before it: "+1 339-368",
    "(339)-368" (an area code in brackets counts as one)."""
    back, k = 0, i
    while k >= 2 and toks[k - 1].text == "-" and toks[k - 1].glued and toks[k].glued:
        if toks[k - 2].text == ")":
            return back + 1
        if toks[k - 2].kind != "num":
            break
        back, k = back + 1, k - 2
    return back


def _phone_like(toks: tuple[_Tok, ...], i: int) -> bool:
    """Three or more short digit groups in a row ("01 23 45 67 89", "01.23.45.67.89"), or one
    long run of digits."""
    n = len(toks)
    dotted = toks[i].text.split(".")
    if len(dotted) >= 4 and all(len(g) == 2 and g.isdigit() for g in dotted):
        return True  # "01.23.45.67.89"
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
