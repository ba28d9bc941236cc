"""One claim's facts, extracted once: figures, names and content words
(:class:`~claimcheck.core.types.ClaimFacts`), which matching, comparison and reports read."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace

from claimcheck.core.lang import every_function_word, function_words
from claimcheck.core.types import KEPT_ROLES, ClaimFacts, Figure, Sentence

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
    """The facts of one claim that matching and comparison read: figures, names, content words,
    and the ordinals that say which one of a series it speaks of."""
    from claimcheck.core.extract.figures.ordinals import ordinal_ids
    from claimcheck.core.extract.names import extract_names

    return ClaimFacts(
        figures=claim_figures(text, language, reference_date),
        names=tuple(extract_names(text, language)),
        words=content_words(text, language),
        ordinals=ordinal_ids(text, language),
    )


def claim_figures(
    text: str, language: str, reference_date: str | None = None
) -> tuple[Figure, ...]:
    """The figures a claim states: every figure read in it, less the numbers in the name of who
    says it (:func:`_without_speaker_ids`) and the day of a dateline it opens with ("PARIS,
    April 16 — …": the day the report was filed, not a day the claim states)."""
    from claimcheck.core.extract.figures import extract_figures, is_label
    from claimcheck.core.text import dateline_end

    skip = dateline_end(text)
    figures = [f for f in extract_figures(text, language, reference_date) if f.start >= skip]
    if any(is_label(f) for f in figures):
        figures = _without_speaker_ids(figures, text, language)
    return tuple(figures)


def _without_speaker_ids(figures: Sequence[Figure], text: str, language: str) -> list[Figure]:
    """``figures`` less the ids inside a phrase that names who says something (every one the
    attribution patterns find: "…of voters said yes, The Gazette 6 reported"): "…, France 24
    reported" names a source, not a fact of the claim, and against "…, France 2 reported" it is
    no other thing named (the verifier sets apart two claims that give one label two
    numbers)."""
    from claimcheck.core.extract.figures import is_label
    from claimcheck.core.extract.stance import speaker_spans

    spans = speaker_spans(text, language)
    return [
        f
        for f in figures
        if not (is_label(f) and any(a <= f.start and f.end <= b for a, b in spans))
    ]


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


#: A date that starts this close to a claim's start (after "On", "Le", "In") opens it: it says
#: when the claim happened, where a later date is often background.
LEAD_DATE_START = 4
#: An article whose kept sentences open with a calendar date this often (and at least
#: :data:`CHRONOLOGY_MIN` times) is a chronology written as prose ("Le 8 janvier, l'OMS…
#: Le 11, premier mort en Chine…"), read as a timeline.
CHRONOLOGY_SHARE = 0.25
CHRONOLOGY_MIN = 3
#: How much of a sentence's start is read for the date it opens with.
_OPENING = 40


def _calendar(f: Figure) -> bool:
    """A date of the calendar: a day, a week, a month or a year, not a clock time or a relative
    day (which a timeline's reading does not move)."""
    from claimcheck.core.extract.figures import figure_granularity

    return f.kind == "date" and figure_granularity(f) in ("day", "week", "month", "year")


def _opening_date(sentence: Sentence, reference: str | None) -> Figure | None:
    """The calendar date ``sentence`` opens with, read against ``reference``."""
    from claimcheck.core.extract.figures import extract_figures

    head = sentence.text[:_OPENING]
    if not any(c.isdigit() for c in head):
        return None
    found = extract_figures(head, sentence.language, reference)
    return next((f for f in found if f.start <= LEAD_DATE_START and _calendar(f)), None)


#: What may separate a timeline entry's opening date from what it states.
_AFTER_DATE = ",:;–—-"
#: The fewest words left for an entry to be embedded without its opening date.
_ENTRY_MIN_WORDS = 3


def without_opening_date(
    text: str,
    language: str,
    reference: str | None,
    figures: Sequence[Figure] | None = None,
) -> str:
    """A timeline entry's text without the date it opens with, for the encoder: "Le 24 février,
    le président annonce…" -> "Le président annonce…", "23rd January 2013 - David Cameron's
    speech…" -> "David Cameron's speech…". The date is compared as a figure (same day, days
    apart); in the encoder it weighs on entries that write it against those that sit under a
    date line or write it in another language. Unchanged when no date opens the text before a
    comma, a colon or a dash, or too little is left. ``figures``: the text's, if read already.
    """
    from claimcheck.core.extract.figures import extract_figures

    if figures is None:
        head = text[:_OPENING]
        if not any(c.isdigit() for c in head):
            return text
        figures = extract_figures(head, language, reference)
    opening = next(
        (f for f in figures if f.kind == "date" and 0 <= f.start <= LEAD_DATE_START), None
    )
    if opening is None:
        return text
    rest = text[opening.end :]
    if rest.lstrip(" )")[:1] not in _AFTER_DATE:
        return text
    rest = rest.lstrip(" )" + _AFTER_DATE)
    if len(rest.split()) < _ENTRY_MIN_WORDS:
        return text
    return rest[:1].upper() + rest[1:]


def _day_alone(f: Figure | None) -> bool:
    """Whether ``f``, read against no date, is a day of the month alone ("Le 16,"): a day with
    no month, which nothing places."""
    return f is not None and f.unit == "date:md" and f.low is None and f.text[-1:].isdigit()


def _chronology(sentences: Sequence[Sentence]) -> bool:
    """Whether the kept sentences open with a date often enough, or any opens with a day of the
    month alone ("Le 16, Moscou juge…"), which means something only against a date before it."""
    kept = [s for s in sentences if s.role in KEPT_ROLES]
    openings = [f for s in kept if (f := _opening_date(s, None)) is not None]
    return len(openings) >= max(CHRONOLOGY_MIN, CHRONOLOGY_SHARE * len(kept)) or any(
        _day_alone(f) for f in openings
    )


def _paragraph_starts(sentences: Sequence[Sentence], text: str | None) -> set[int]:
    """Indices of the sentences that open a paragraph of ``text`` (a line break before them);
    every sentence when there is no text to tell."""
    if text is None:
        return {s.index for s in sentences}
    out: set[int] = set()
    last_end = 0
    for sentence in sentences:
        if last_end == 0 or "\n" in text[last_end : sentence.start]:
            out.add(sentence.index)
        last_end = max(last_end, sentence.end)
    return out


def timeline_references(
    sentences: Sequence[Sentence], article_date: str | None, text: str | None = None
) -> dict[int, str]:
    """Sentence index -> the date its dates are read against, in an article laid out as a
    timeline (:func:`date_headings`) or written as a chronology (a quarter of its sentences
    open with a date, or one with a day of the month alone): the last date line, or date
    opening an entry, that gives a day, a month or a year ("2011", "-- 2012 --", "23 June
    2016", "July 30", "Le 8 janvier,"), each read against the one before it, the first against
    the article's date. A timeline spans years while its entries often give only a day and a
    month: "July 30" under "2011" is 30 July 2011, not the 30 July nearest the day the timeline
    was published; "9 janvier" after "31 décembre 2019" is in 2020; "Le 11," after "Le 8
    janvier," is 11 January. A date opens an entry when it opens a paragraph of ``text``, or
    gives a day; a month or a year opening a sentence inside a paragraph looks back and moves
    nothing ("Le 10, un avion s'écrase. En octobre 2018 déjà, … Le 11, …": 11 March, not 11
    October). In an undated article, a day written without a year ("Le 15 août,") is a day of
    the year with no year ("--08-15"), which places only the days alone after it ("Le 16," is
    16 August). Sentences before the first such date, and every sentence of an article that
    is no timeline, keep the article's date (not in the mapping). ``article_date`` may be the
    middle of the month an undated article gives
    (:func:`~claimcheck.core.read.dates.dateline_month`): its first entry is read against it,
    no sentence before."""
    from claimcheck.core.extract.figures import extract_figures, figure_granularity
    from claimcheck.core.extract.figures.calendar import month_day_reference

    if not date_headings(sentences) and not _chronology(sentences):
        return {}
    out: dict[int, str] = {}
    starts = _paragraph_starts(sentences, text)
    reference = article_date
    moved = False

    def move(f: Figure | None) -> None:
        nonlocal reference, moved
        if f is None or f.low is None or f.high is None:
            return
        if f.unit == "date":
            middle = (int(f.low) + int(f.high)) // 2
            reference = datetime.date.fromordinal(middle).isoformat()
            moved = True
        elif f.unit == "date:md" and f.low == f.high and (reference or "--").startswith("--"):
            # a day without its year, and no year known: the day of the year alone
            code = int(f.low)
            reference = month_day_reference(code // 100, code % 100)
            moved = True

    for sentence in sentences:
        if sentence.reason == DATE_LINE:
            found = extract_figures(sentence.text, sentence.language, reference)
            move(next((f for f in found if _calendar(f)), None))
            continue
        if sentence.role in KEPT_ROLES:
            opening = _opening_date(sentence, reference)
            if (moved or opening is not None) and reference is not None:
                out[sentence.index] = reference
            if sentence.index in starts or (opening and figure_granularity(opening) == "day"):
                move(opening)
        elif moved and reference is not None:
            out[sentence.index] = reference
    return out


def with_heading(
    facts: ClaimFacts, heading: str, language: str, reference: str | None
) -> ClaimFacts:
    """``facts`` with the dates of the heading it sits under, when the claim gives no day of its
    own: a timeline's entry states its heading's date. Such a figure's ``start`` and ``end`` are
    -1: it is not in the claim's text (its ``text`` is the heading's)."""
    from claimcheck.core.extract.figures import extract_figures

    return with_entry_dates(
        facts, [f for f in extract_figures(heading, language, reference) if f.kind == "date"]
    )


def with_entry_dates(facts: ClaimFacts, dates: Sequence[Figure]) -> ClaimFacts:
    """``facts`` with ``dates`` (its entry's: a heading's, or the one its entry opens with)
    first, when the claim gives no day or time of its own; their ``start`` and ``end`` become
    -1, as they are not in the claim's text."""
    from claimcheck.core.extract.figures import figure_granularity

    if not dates or any(
        f.kind == "date" and figure_granularity(f) in ("day", "time") for f in facts.figures
    ):
        return facts
    moved = tuple(replace(f, start=-1, end=-1) for f in dates)
    return replace(facts, figures=(*moved, *facts.figures))


def entry_dates(
    sentences: Sequence[Sentence], text: str, references: Mapping[int, str]
) -> dict[int, Figure]:
    """Sentence index -> the day its chronology entry opens with, for the later sentences of
    the entry: in an article read as a chronology (``references``, from
    :func:`timeline_references`), the kept sentences after one that opens with a day, in its
    paragraph of ``text``, that open with no date themselves ("Le 22, les talibans s'emparent
    du poste-frontière. Plusieurs centaines de soldats fuient vers le territoire tadjik.": they
    fled on the 22nd). An entry under a date line takes the line's date instead
    (:func:`date_headings`). A sentence that opens with a month or a year looks back ("En
    octobre 2018 déjà, …"): it and the sentences after it in the paragraph take no day."""
    from claimcheck.core.extract.figures import figure_granularity

    if not references:
        return {}
    out: dict[int, Figure] = {}
    starts = _paragraph_starts(sentences, text)
    day: Figure | None = None
    for sentence in sentences:
        if sentence.index in starts:
            day = None
        if sentence.role not in KEPT_ROLES:
            continue
        opening = _opening_date(sentence, references.get(sentence.index))
        if opening is not None:
            placed = opening.low is not None and figure_granularity(opening) == "day"
            day = opening if placed else None
        elif day is not None:
            out[sentence.index] = day
    return out
