"""Property tests (hypothesis, bounded so the suite stays fast): claim splitting loses and
duplicates nothing, numbers read the same in English and French, and any text gives a report
of the same structure and a JSON report that round-trips."""

from __future__ import annotations

import itertools
import json
import os
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimcheck.core.extract.figures import extract_figures
from claimcheck.core.segment.claims import _TRIM, extract_claims
from claimcheck.core.types import (
    KEPT_ROLES,
    Claim,
    Cluster,
    ClusterReview,
    Difference,
    Result,
    Settings,
    Source,
)
from claimcheck.report.jsonout import render_json
from claimcheck.report.markdown import render_markdown

from .helpers import RAW_CONTROL, markdown_problems, skeleton

#: 150 examples each keeps the suite fast; set CLAIMCHECK_HYPOTHESIS_EXAMPLES for a deeper run.
FAST = settings(
    max_examples=int(os.environ.get("CLAIMCHECK_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)

# ---------------------------------------------------------------------------------------------
# Claim splitting

_PIECES = [
    "The", "minister", "said", "Mr.", "Dr.", "M.", "Mme", "J.-C.", "U.S.", "etc.", "No.", "p.",
    "Jan.", "janv.", "1,200", "12.5", "3.", "A.", "Le", "gouvernement", "a", "dit", "Il",
    "supporting", "affirmant", "including", "and", "but", "et", "mais", "tandis", "while",
    "«", "»", "“", "”", '"', "'", "(", ")", "[", "]", "—", "-", "…", ".", "!", "?", ",", ";",
    ":", "...", "?!", "»,", ".»", '."', "#", "##", ">", "*", "•", "- ", "# ", "> ", "http://x.y/z",
    "\u200b", "\ufeff", "\u00a0", "\u202f", "\t", "Share", "Lire aussi", "© 2024", "Photo:",
    "REUTERS/Amir Cohen", "Putin", "Netanyahu", "Syria", "lundi", "Monday", "killed", "tués",
]  # fmt: skip
_SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", "", "\u00a0", " \n "]

_token_text = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SEPARATORS)), max_size=80
).map(lambda pairs: "".join(piece + sep for piece, sep in pairs))
article_text = st.one_of(
    _token_text,
    st.text(max_size=400),
    st.text(alphabet=st.sampled_from(list("aA1 .,;:!?\n«»\"'-()M")), max_size=300),
)


def _core(gap: str) -> str:
    """``gap`` without spacing (whitespace and the zero-width characters trimming removes)."""
    return "".join(ch for ch in gap if not ch.isspace() and ch not in _TRIM)


_MARKERS = {"", ">", "*", "•", "·", "▪", "►", "◦", "‣", "-"} | {"#" * k for k in range(1, 7)}


def _lost_text(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Non-space text that no sentence covers, other than what splitting may drop: a list or
    heading marker before a line's first sentence, the comma or semicolon a clause is cut at,
    and the colon or spaced dash after a date that heads a timeline entry ("Jan. 30: The …"),
    with the entry's own marker ("2024 — # The …": the entry starts as a line does)."""
    problems = []
    offset = 0
    for line in text.split("\n"):
        line_end = offset + len(line)
        pieces = [(a, b) for a, b in spans if offset <= a < line_end or offset < b <= line_end]
        if any(a < offset or b > line_end for a, b in pieces):
            problems.append(f"a sentence crosses a line break: {pieces}")
        if not pieces:
            if _core(line):
                problems.append(f"line lost: {line!r}")
        else:
            if _core(text[offset : pieces[0][0]]) not in _MARKERS:
                problems.append(
                    f"lost before a line's first sentence: {text[offset : pieces[0][0]]!r}"
                )
            for (_, end), (start, _) in itertools.pairwise(pieces):
                gap = _core(text[end:start])
                # after a date that heads an entry, the entry starts as a line does: its
                # marker goes too ("2024 — # The …")
                dated = gap[:1] in (":", "–", "—", "-") and gap[1:] in _MARKERS
                if gap not in ("", ",", ";") and not dated:
                    problems.append(f"lost between sentences: {text[end:start]!r}")
            if _core(text[pieces[-1][1] : line_end]):
                problems.append(
                    f"lost after a line's last sentence: {text[pieces[-1][1] : line_end]!r}"
                )
        offset = line_end + 1
    return problems


@FAST
@given(text=article_text, language=st.sampled_from(["en", "fr"]))
@example(
    text="- First point.\n# Heading here\n> Quote, supporting this long clause here.\n",
    language="en",
)
@example(
    text="Le ministre a dit, affirmant que la loi passerait ; les élus ont voté contre hier.",
    language="fr",
)
@example(text="Jan. : The ", language="en")
@example(text="© 2024 — # The ", language="en")
def test_every_character_is_in_exactly_one_sentence(text: str, language: str) -> None:
    """Sentences (kept and dropped) cover the text: no span overlaps another, and what no span
    covers is only spacing, a list or heading marker at a line start, or the comma or
    semicolon where a clause was cut."""
    source = Source("s", "s.txt", "Outlet", language, None, text)
    sentences, claims = extract_claims(source)
    spans = [(s.start, s.end) for s in sentences]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        # Spacing that trimming does not know (an em space alone) is dropped as punctuation.
        assert sentence.text.strip() or sentence.role not in KEPT_ROLES, sentence
    assert spans == sorted(spans)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start, "two sentences share characters"
    assert _lost_text(text, spans) == []
    kept = [s for s in sentences if s.role in KEPT_ROLES]
    assert [c.text for c in claims] == [s.text for s in kept]
    assert [c.id for c in claims] == [f"s#{k}" for k in range(len(claims))]
    assert all(s.reason for s in sentences if s.role not in KEPT_ROLES)


# ---------------------------------------------------------------------------------------------
# Figures: the English and the French way of writing a number read the same


def _values(text: str, language: str) -> list[float | None]:
    return [f.value for f in extract_figures(text, language)]


@FAST
@given(
    n=st.integers(min_value=2, max_value=999_999_999),
    sep=st.sampled_from([" ", "\u00a0", "\u202f", "\u2009"]),
)
@example(n=1950, sep=" ")
@example(n=1_000_000, sep="\u202f")
def test_grouped_digits_read_the_same_in_english_and_french(n: int, sep: str) -> None:
    en = f"Police said {n:,} soldiers were deployed."
    fr = f"La police a dit que {n:,} soldats ont été déployés.".replace(",", sep)
    assert _values(en, "en") == [float(n)]
    assert _values(fr, "fr") == [float(n)]
    if n < 100_000_000:  # nine plain digits or more are read as an identifier, by design
        plain_en = _values(f"Police said {n} soldiers were deployed.", "en")
        plain_fr = _values(f"La police a dit que {n} soldats ont été déployés.", "fr")
        assert plain_en == plain_fr == [float(n)]


@FAST
@given(n=st.integers(min_value=1000, max_value=999_999))
def test_the_one_ambiguous_separator_follows_the_language(n: int) -> None:
    # "1,200" is 1200 in English; the French write it "1.200" (or "1 200").
    en = _values(f"Police said {n:,} soldiers were deployed.", "en")
    fr = _values(f"La police a dit que {n:,} soldats ont été déployés.".replace(",", "."), "fr")
    assert en == fr == [float(n)]


@FAST
@given(
    whole=st.integers(min_value=0, max_value=9_999_999),
    cents=st.integers(min_value=1, max_value=99),
)
def test_decimals_read_the_same_in_english_and_french(whole: int, cents: int) -> None:
    en = f"Prices rose by {whole:,}.{cents:02d} percent."
    grouped = f"{whole:,}".replace(",", "\u202f")
    fr = f"Les prix ont augmenté de {grouped},{cents:02d} %."
    expected = float(f"{whole}.{cents:02d}")
    assert _values(en, "en") == [expected]
    assert _values(fr, "fr") == [expected]


_EN_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_FR_UNITS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
]
_FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def en_words(n: int) -> str:
    """``n`` (0 <= n < 10**6) in English words, British style ("three hundred and two")."""

    def below_100(k: int) -> str:
        if k < 20:
            return _EN_UNITS[k]
        tens, unit = divmod(k, 10)
        return _EN_TENS[tens] + (f"-{_EN_UNITS[unit]}" if unit else "")

    def below_1000(k: int) -> str:
        hundreds, rest = divmod(k, 100)
        if not hundreds:
            return below_100(rest)
        head = f"{_EN_UNITS[hundreds]} hundred"
        return head + (f" and {below_100(rest)}" if rest else "")

    thousands, rest = divmod(n, 1000)
    if not thousands:
        return below_1000(rest)
    head = f"{below_1000(thousands)} thousand"
    if not rest:
        return head
    return f"{head} and {below_100(rest)}" if rest < 100 else f"{head} {below_1000(rest)}"


def fr_words(n: int) -> str:
    """``n`` (0 <= n < 10**6) in French words, traditional spelling (1990 hyphens not used)."""

    def below_100(k: int, final: bool) -> str:
        if k < 20:
            return _FR_UNITS[k]
        tens, unit = divmod(k, 10)
        if tens in _FR_TENS:
            if unit == 0:
                return _FR_TENS[tens]
            return f"{_FR_TENS[tens]} et un" if unit == 1 else f"{_FR_TENS[tens]}-{_FR_UNITS[unit]}"
        if tens == 7:
            return "soixante et onze" if k == 71 else f"soixante-{_FR_UNITS[k - 60]}"
        if tens == 8:
            if unit == 0:
                return "quatre-vingts" if final else "quatre-vingt"
            return f"quatre-vingt-{_FR_UNITS[unit]}"
        return f"quatre-vingt-{_FR_UNITS[k - 80]}"

    def below_1000(k: int, final: bool) -> str:
        hundreds, rest = divmod(k, 100)
        if not hundreds:
            return below_100(rest, final)
        head = "cent" if hundreds == 1 else f"{_FR_UNITS[hundreds]} cent"
        if not rest:
            return head + ("s" if hundreds > 1 and final else "")
        return f"{head} {below_100(rest, final)}"

    thousands, rest = divmod(n, 1000)
    if not thousands:
        return below_1000(rest, True)
    head = "mille" if thousands == 1 else f"{below_1000(thousands, False)} mille"
    return f"{head} {below_1000(rest, True)}" if rest else head


def test_the_number_word_writers_are_right() -> None:
    assert en_words(342) == "three hundred and forty-two"
    assert en_words(2005) == "two thousand and five"
    assert fr_words(71) == "soixante et onze" and fr_words(80) == "quatre-vingts"
    assert fr_words(97) == "quatre-vingt-dix-sept" and fr_words(200) == "deux cents"
    assert fr_words(80_000) == "quatre-vingt mille" and fr_words(201_021) == (
        "deux cent un mille vingt et un"
    )


def _number_word_values(n: int) -> tuple[list[float | None], list[float | None]]:
    en = _values(f"Police said {en_words(n)} soldiers were deployed.", "en")
    fr = _values(f"La police a dit que {fr_words(n)} soldats ont été déployés.", "fr")
    return en, fr


@FAST
@given(n=st.integers(min_value=2, max_value=999_999))
@example(n=71)
@example(n=80)
@example(n=91)
@example(n=200_000)
@example(n=999_999)
def test_english_and_french_number_words_agree(n: int) -> None:
    en, fr = _number_word_values(n)
    assert en == [float(n)], en_words(n)
    assert fr == [float(n)], fr_words(n)


@pytest.mark.parametrize("n", [101, 1005, 1101, 100_000, 150_000, 81, 201, 81_004])
def test_number_words_with_a_final_one_read_right(n: int) -> None:
    # "one hundred and one", "one hundred thousand", "cent un", "quatre-vingt-un": forms that
    # were once read as two numbers.
    assert _number_word_values(n) == ([float(n)], [float(n)]), (en_words(n), fr_words(n))


# ---------------------------------------------------------------------------------------------
# Reports: any text, the same structure


def _result(texts: list[str]) -> Result:
    """A fixed-shape comparison whose every free-text field comes from ``texts``."""
    t = iter(texts)
    sources = (
        Source("a-fr", next(t), next(t), "fr", "2024-03-01", "...", original_name=next(t)),
        Source("b-en", next(t), next(t), "en", None, "..."),
        Source("c-en", "c.txt", "C", "en", None, "..."),
    )
    c1 = Claim("a-fr#0", "a-fr", 0, 0, next(t), "fr", "body", repeats=2)
    c2 = Claim("b-en#0", "b-en", 0, 0, next(t), "en", "body")
    c3 = Claim("b-en#1", "b-en", 1, 1, next(t), "en", "headline")
    diffs = (
        Difference("figure", "differs", (("a-fr", next(t)), ("b-en", next(t))), next(t)),
        Difference("wording", "agree", (("a-fr", "x"), ("b-en", "y")), next(t)),
    )
    clusters = (Cluster("c1", (c1, c2), diffs), Cluster("c2", (c3,)))
    warnings = (next(t), next(t))
    return Result(sources, ((), (), ()), (c1, c2, c3), clusters, Settings("fake", 0.5), warnings)


_FIELDS = 14
_PLAIN = [f"plain{k}" for k in range(_FIELDS)]
any_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), max_size=120
) | st.sampled_from(["|", "\n", "# h", "<b>", "`", "[x](javascript:y)", "\x1b[2J", "\x9b1m", ""])


@FAST
@given(texts=st.lists(any_text, min_size=_FIELDS, max_size=_FIELDS), note=any_text)
def test_any_text_gives_a_report_of_the_same_structure(texts: list[str], note: str) -> None:
    # An empty note adds no "Note:" line, as designed; anything else must keep the shape.
    reviews = {"c1": ClusterReview(reviewed=True, note="n" + note)}
    hostile = render_markdown(_result(texts), reviews)
    plain = render_markdown(_result(_PLAIN), {"c1": ClusterReview(reviewed=True, note="n")})
    assert skeleton(hostile) == skeleton(plain)
    assert markdown_problems(hostile, marker="\x00never") == []
    hostile.encode("utf-8")


@FAST
@given(texts=st.lists(any_text, min_size=_FIELDS, max_size=_FIELDS))
def test_any_text_gives_json_that_round_trips(texts: list[str]) -> None:
    result = _result(texts)
    text = render_json(result)
    assert re.search(r"[\x00-\x1f]", text.replace("\n", "")) is None
    data = json.loads(text)
    got = [c["text"] for cluster in data["clusters"] for c in cluster["claims"]]
    assert got == [c.text for cl in result.clusters for c in cl.claims]
    assert data["warnings"] == list(result.warnings)
    assert [s["outlet"] for s in data["sources"]] == [s.outlet for s in result.sources]


def test_json_never_carries_a_raw_c1_control() -> None:
    texts = list(_PLAIN)
    texts[5] = "a\x9b31mb"
    text = render_json(_result(texts))
    assert json.loads(text)["clusters"][0]["claims"][0]["text"] == "a\x9b31mb"
    assert RAW_CONTROL.search(text) is None
