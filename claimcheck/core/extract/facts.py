"""One claim's facts, extracted once: figures, names and content words
(:class:`~claimcheck.core.types.ClaimFacts`), which matching, comparison and reports read."""

from __future__ import annotations

import re
import unicodedata

from claimcheck.core.lang import every_function_word, function_words
from claimcheck.core.types import ClaimFacts

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
