"""What a count counts: the noun after it, or a verb of dying or injuring around it."""

from __future__ import annotations

from claimcheck.core.extract.figures.lexicon import (
    _ALL_MONTHS,
    _ALL_WEEKDAYS,
    _CONCEPT_BIGRAMS,
    _CONCEPT_WORDS,
    _DEATH_WORDS,
    _DURATIONS,
    _INJURY_WORDS,
    _NOT_NOUNS,
    _NUMBER_ADJ,
    _OF_WORDS,
    _PEOPLE_CONCEPTS,
    _PLURAL_ENDINGS,
    _SKIP_ADJ,
    _TOLL_WORDS,
    FigureWords,
)
from claimcheck.core.extract.figures.tokens import _Tok
from claimcheck.core.extract.names import DEMONYM_KEYS

# --- counted nouns -------------------------------------------------------------------------------


def _concept_after(toks: tuple[_Tok, ...], j: int, vocab: FigureWords) -> tuple[str | None, int]:
    """The noun a count counts: (concept, index of the noun or j when none)."""
    n = len(toks)
    k = j
    if k < n and toks[k].low in _OF_WORDS:
        k += 1
    for step in range(3):
        if k + step >= n:
            break
        tk = toks[k + step]
        if tk.kind != "word":
            break
        w = tk.low
        if step + 1 < 3 and k + step + 1 < n:
            big = _CONCEPT_BIGRAMS.get((w, toks[k + step + 1].low))
            if big:
                return big, k + step + 1
        if w in _CONCEPT_WORDS:
            return _CONCEPT_WORDS[w], k + step
        if w in _SKIP_ADJ or w in _NUMBER_ADJ or w in DEMONYM_KEYS:
            continue
        if w in _NOT_NOUNS or w in _DURATIONS or len(w) < 3:
            break
        if w in _ALL_WEEKDAYS or w in _ALL_MONTHS:
            break  # "killed 12 Tuesday", "18 mardi soir": the day, not what is counted
        if step == 0:
            stem = w[:-1] if len(w) > 4 and w[-1] in _PLURAL_ENDINGS else w
            return "~" + stem, k
        break
    return None, j


def _context_concept(
    toks: tuple[_Tok, ...], start: int, end: int, concept: str | None
) -> str | None:
    """Deaths and injuries named by a verb around the count ("12 were killed", "a tué 12"), or
    a death toll before it ("the death toll rose to 18")."""
    if concept is not None and concept not in _PEOPLE_CONCEPTS and not concept.startswith("~"):
        return concept
    if concept is None and _after_toll(toks, start):
        return "dead"
    window = [t.low for t in toks[end : end + 4]] + [t.low for t in toks[max(0, start - 2) : start]]
    if any(w in _DEATH_WORDS for w in window):
        return "dead"
    if any(w in _INJURY_WORDS for w in window):
        return "injured"
    return concept


#: How far back in its clause a count is read as the figure of a death toll.
_TOLL_REACH = 6


def _after_toll(toks: tuple[_Tok, ...], start: int) -> bool:
    """Whether a count with no noun of its own gives a death toll named earlier in its clause
    ("the death toll rises to 18", "le bilan est passé à 18")."""
    for k in range(start - 1, max(-1, start - 1 - _TOLL_REACH), -1):
        t = toks[k]
        if t.kind == "sym" and t.text not in "'’-":
            return False
        if t.low in _TOLL_WORDS:
            return True
    return False
