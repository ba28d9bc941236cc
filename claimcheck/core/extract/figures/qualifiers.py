"""Qualifiers before a number: "about", "more than", "près de"."""

from __future__ import annotations

from claimcheck.core.extract.figures.lexicon import (
    _QUALIFIER_BY_FIRST,
    _QUALIFIER_FIRST,
)
from claimcheck.core.extract.figures.tokens import _Tok

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


def _qualifier_start(toks: tuple[_Tok, ...], i: int) -> int | None:
    """Where the qualifier that ends right before ``toks[i]`` starts ("about", "at least")."""
    for back in (1, 2, 3, 4):
        k = i - back
        if k < 0:
            break
        q = _qualifier_at(toks, k)
        if q is not None and q[1] == i:
            return k
    return None


def _qualifier_before(toks: tuple[_Tok, ...], i: int) -> str | None:
    """The class of the qualifier right before ``toks[i]``, if any."""
    k = _qualifier_start(toks, i)
    q = _qualifier_at(toks, k) if k is not None else None
    return q[0] if q is not None else None
