"""Clock times: "3 p.m.", "15h30", "vers sept heures et demie"."""

from __future__ import annotations

from claimcheck.core.extract.figures.lexicon import (
    _AFTER_NOON,
    _BEFORE_NOON,
    _HOUR_SUFFIXES,
    FigureWords,
)
from claimcheck.core.extract.figures.tokens import _Tok


def _parse_time(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> tuple[int, int] | None:
    """Clock time at ``toks[i]``: (minutes after midnight, end index)."""
    t = toks[i]
    if t.kind == "word":
        return _time_in_words(toks, i, vocab)
    hh, dot, mm = t.text.partition(".")
    if t.kind == "num" and dot and len(hh) <= 2 and len(mm) == 2 and hh.isdigit() and mm.isdigit():
        # "4.23 a.m.": the hour and minutes with a dot, a time only with its half of the day
        h, m = int(hh), int(mm)
        return _half_of_day(toks, i + 1, h, m) if h <= 12 and m < 60 else None
    if t.kind != "num" or not t.text.isdigit() or len(t.text) > 2:
        return None
    h = int(t.text)
    if h > 24:
        return None
    minutes, j, marked = _minutes_after(toks, i, vocab)
    suffixed = _half_of_day(toks, j, h, minutes)
    if suffixed is not None:
        return suffixed
    if marked and minutes < 60:
        return h * 60 + minutes, j
    return None


def _after_time_preposition(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> bool:
    """ "à", "vers", "dès", "jusqu'à" before an hour: "à quatre heures", "vers 7 heures"."""
    return i > 0 and toks[i - 1].low in vocab.words("hour_prepositions")


def _clock_hour(toks: tuple[_Tok, ...], i: int, j: int, vocab: FigureWords) -> bool:
    """Whether the hour word at ``toks[j]`` after the number at ``toks[i]`` tells a time of day:
    after "à", "vers" ("à quatre heures"), or before "du matin", "du soir" ("il était une heure
    du matin"); "une heure" alone is a duration."""
    if toks[j].low not in vocab.words("hour_words"):
        return False
    return _after_time_preposition(toks, i, vocab) or _half_of_day(toks, j + 1, 1, 0) is not None


def _time_in_words(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> tuple[int, int] | None:
    """ "three o'clock", "à quatre heures", "vers sept heures et demie"."""
    n = len(toks)
    t = toks[i]
    h = vocab.numbers.get(t.low, 99)
    if h > 24 or t.low in vocab.words("not_hours") or i + 1 >= n:
        return None
    j = i + 1
    suffix = vocab.rule("word_hour_suffix")  # "o'clock": its words around the apostrophe
    if suffix and j + 2 < n and toks[j].low == suffix[0] and toks[j + 2].low == suffix[1]:
        return h * 60, j + 3
    if _clock_hour(toks, i, j, vocab):
        for phrase, minutes in vocab.rule("hour_fractions").items():
            words = phrase.split()
            if all(j + 1 + a < n and toks[j + 1 + a].low == w for a, w in enumerate(words)):
                return h * 60 + minutes, j + 1 + len(words)
        return _half_of_day(toks, j + 1, h, 0) or (h * 60, j + 1)
    return None


def _minutes_after(toks: tuple[_Tok, ...], i: int, vocab: FigureWords) -> tuple[int, int, bool]:
    """The minutes after an hour in digits: (minutes, index after them, whether the hour was
    marked as a time by ":", "h" or "heures")."""
    n = len(toks)
    j = i + 1
    if (
        j + 1 < n
        and toks[j].text == ":"
        and toks[j].glued
        and toks[j + 1].kind == "num"
        and len(toks[j + 1].text) == 2
    ):
        minutes = int(toks[j + 1].text)
        j += 2
        if j + 1 < n and toks[j].text == ":" and toks[j].glued and toks[j + 1].kind == "num":
            j += 2  # seconds
        return minutes, j, True
    if j < n and toks[j].low == "h" and (toks[j].glued or vocab.rule("hour_letter_spaced")):
        j += 1
        spaced = vocab.rule("hour_letter_spaced")  # "10 h 15" as "10h15"
        if j < n and toks[j].kind == "num" and len(toks[j].text) == 2 and (toks[j].glued or spaced):
            return int(toks[j].text), j + 1, True
        return 0, j, True
    if j < n and _clock_hour(toks, i, j, vocab):
        j += 1
        if j < n and toks[j].kind == "num" and len(toks[j].text) == 2:
            return int(toks[j].text), j + 1, True
        return 0, j, True
    return 0, j, False


def _half_of_day(toks: tuple[_Tok, ...], j: int, h: int, minutes: int) -> tuple[int, int] | None:
    """ "am", "pm", "a.m.", "p.m.", "o'clock" after an hour: (minutes after midnight, end)."""
    n = len(toks)
    for phrases, afternoon in ((_BEFORE_NOON, False), (_AFTER_NOON, True)):
        for phrase in phrases:
            if all(j + a < n and toks[j + a].low == w for a, w in enumerate(phrase)):
                if afternoon and h < 12:
                    h += 12
                if not afternoon and h == 12:
                    h = 0
                end = j + len(phrase)
                if len(phrase) > 1 and end < n and toks[end].text == "." and toks[end].glued:
                    end += 1  # "a.m." ends with a dot
                return h * 60 + minutes, end
    for first, last in _HOUR_SUFFIXES:
        if j + 2 < n and toks[j].low == first and toks[j + 2].low == last:
            return h * 60 + minutes, j + 3
    return None
