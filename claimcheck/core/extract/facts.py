"""One claim's facts, extracted once: figures, names and content words
(:class:`~claimcheck.core.types.ClaimFacts`), which matching, comparison and reports read."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from claimcheck.core.lang import every_function_word, function_words
from claimcheck.core.types import KEPT_ROLES, ClaimFacts, Sentence

_WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")


def fold_word(word: str) -> str:
    """A word reduced for counting and matching: NFC, case folded, curly apostrophes plain."""
    return unicodedata.normalize("NFC", word).casefold().replace("’", "'")


def content_words(text: str, language: str) -> tuple[str, ...]:
    """The distinct content words of ``text`` in order: letters only, folded, no function words
    of the claim's language (nor of English or French, which news in either language quotes)."""
    stop = function_words(language) | every_function_word()
    out: dict[str, None] = {}
    for match in _WORD.finditer(text):
        word = fold_word(match.group())
        # "l'armée" -> "armée": the elided article is a function word glued on.
        word = word.split("'")[-1]
        if len(word) < 2 or word in stop:
            continue
        out.setdefault(word, None)
    return tuple(out)


def extract_facts(text: str, language: str, reference_date: str | None = None) -> ClaimFacts:
    """The facts of one claim that matching and comparison read: figures, names, content words."""
    from claimcheck.core.extract.figures import extract_figures
    from claimcheck.core.extract.names import extract_names

    return ClaimFacts(
        figures=tuple(extract_figures(text, language, reference_date)),
        names=tuple(extract_names(text, language)),
        words=content_words(text, language),
    )


#: The segmenter's reason for a line that is only a date or a time ("30 January", "10:32").
DATE_LINE = "bare_date"


def date_headings(sentences: Sequence[Sentence]) -> dict[int, Sentence]:
    """Sentence index -> the date line it sits under, in an article laid out as a timeline or a
    live blog: two or more lines that are only a date or a time, each followed by kept
    sentences ("30 January" / "The WHO declares a global health emergency."). A lone date line
    (a dateline above an ordinary article) heads nothing."""
    out: dict[int, Sentence] = {}
    heading: Sentence | None = None
    headed: set[int] = set()
    for sentence in sentences:
        if sentence.reason == DATE_LINE:
            heading = sentence
        elif heading is not None and sentence.role in KEPT_ROLES:
            headed.add(heading.index)
            out[sentence.index] = heading
    return out if len(headed) >= 2 else {}


def with_heading(
    facts: ClaimFacts, heading: str, language: str, reference: str | None
) -> ClaimFacts:
    """``facts`` with the dates of the heading it sits under, when the claim gives no day of its
    own: a timeline's entry states its heading's date. Such a figure's ``start`` and ``end`` are
    -1: it is not in the claim's text (its ``text`` is the heading's)."""
    from claimcheck.core.extract.figures import extract_figures, figure_granularity

    if any(f.kind == "date" and figure_granularity(f) in ("day", "time") for f in facts.figures):
        return facts
    dates = [
        replace(f, start=-1, end=-1)
        for f in extract_figures(heading, language, reference)
        if f.kind == "date"
    ]
    return replace(facts, figures=(*dates, *facts.figures)) if dates else facts
