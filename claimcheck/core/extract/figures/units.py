"""Units of measure and durations after a number."""

from __future__ import annotations

from claimcheck.core.extract.figures.lexicon import (
    _AND_A_HALF,
    _DURATIONS,
    _GLUED_ONLY_DURATIONS,
    _UNIT_MAX_TOKENS,
    _UNITS,
    FigureWords,
)
from claimcheck.core.extract.figures.tokens import _Tok

# --- units after a number ------------------------------------------------------------------------


def _unit_at(toks: tuple[_Tok, ...], j: int) -> tuple[tuple[str, float] | None, int]:
    n = len(toks)
    if j >= n:
        return None, j
    # build candidates from up to three tokens: words, "/", "²"
    for size in range(_UNIT_MAX_TOKENS, 0, -1):
        if j + size > n:
            continue
        parts = []
        ok = True
        for k in range(j, j + size):
            tk = toks[k]
            if tk.kind == "num":
                if k > j and tk.text in ("2", "3") and tk.glued:
                    parts.append(tk.text)
                    continue
                ok = False
                break
            if tk.kind == "sym" and tk.text not in "/°²³-":
                ok = False
                break
            parts.append(tk.low if tk.kind == "word" else tk.text)
        if not ok:
            continue
        key = _unit_key(parts)
        hit = _UNITS.get(key)
        if hit is not None:
            return hit, j + size
    return None, j


def _unit_key(parts: list[str]) -> str:
    out = ""
    for p in parts:
        if p in ("/", "²", "³", "2", "3", "-") or out.endswith(("/", "°")) or p == "":
            out += "" if p == "-" and out.endswith("°") else p if p != "-" else " "
        else:
            out += (" " if out else "") + p
    return out.replace("°c", "°c").strip()


def _duration_at(toks: tuple[_Tok, ...], j: int, vocab: FigureWords) -> tuple[float, int] | None:
    """A duration unit at ``toks[j]`` with an optional "and a half"/"et demi": (seconds, end)."""
    n = len(toks)
    if j >= n or toks[j].kind != "word":
        return None
    w = toks[j].low
    if w not in _DURATIONS:
        return None
    if (
        w in _GLUED_ONLY_DURATIONS
        and not toks[j].glued
        and not (w == "h" and vocab.rule("hour_letter_spaced"))
    ):
        return None  # "5 s", "5 h" are no durations unless glued ("5s"), or "5 h" in French
    if w in vocab.words("not_durations"):
        return None  # "an" is an article in English, a year in French
    secs = _DURATIONS[w]
    end = j + 1
    # "an hour and a half", "une heure et demie", "un an et demi"
    for phrase in _AND_A_HALF:
        if all(end + a < n and toks[end + a].low == w for a, w in enumerate(phrase)):
            return secs * 1.5, end + len(phrase)
    return secs, end
