"""Language identification of articles and single sentences (py3langid, bundled model)."""

from __future__ import annotations

import pytest

from claimcheck.core.text.language import (
    UNDETERMINED,
    detect_language,
    detect_sentence_language,
    language_warning,
    normalise_language_code,
)

EN = (
    "The government announced on Tuesday that the border crossing would remain closed until "
    "further notice, after two days of clashes between police and protesters in the capital."
)
FR = (
    "Le gouvernement a annoncé mardi que le poste-frontière resterait fermé jusqu'à nouvel "
    "ordre, après deux jours d'affrontements entre la police et des manifestants dans la capitale."
)
DE = (
    "Die Regierung teilte am Dienstag mit, dass der Grenzübergang bis auf Weiteres geschlossen "
    "bleibe, nachdem es zwei Tage lang Zusammenstöße zwischen Polizei und Demonstranten gab."
)


@pytest.mark.parametrize(("text", "code"), [(EN, "en"), (FR, "fr"), (DE, "de")])
def test_detects_article_language_confidently(text: str, code: str) -> None:
    found, confidence = detect_language(text)
    assert found == code
    assert confidence > 0.9


@pytest.mark.parametrize("text", ["", "OK", "12 345 678", "—  …  !!", "Netanyahu"])
def test_too_little_text_falls_back_to_default(text: str) -> None:
    assert detect_language(text)[0] == UNDETERMINED
    assert detect_language(text, default="fr")[0] == "fr"


def test_long_text_is_judged_quickly_on_a_sample() -> None:
    code, _ = detect_language(FR * 2000)  # ~400 KB
    assert code == "fr"


def test_french_quote_in_english_article_is_recognised() -> None:
    quote = "« Nous ne céderons jamais devant les menaces de nos voisins », a déclaré le ministre."
    assert detect_sentence_language(quote, "en") == "fr"


def test_english_sentence_in_french_article_is_recognised() -> None:
    sentence = "We will never give in to the threats made by our neighbours, the minister said."
    assert detect_sentence_language(sentence, "fr") == "en"


@pytest.mark.parametrize(
    "sentence",
    [
        "Non merci.",  # too short to overrule the article
        "Netanyahu met Putin and Lavrov in Moscow on Monday.",  # names only, no doubt allowed
        "Hezbollah, Hamas and the IRGC were named.",
        "Benjamin Netanyahu and Vladimir Putin spoke by phone for an hour on Friday.",
    ],
)
def test_short_or_name_heavy_sentences_keep_article_language(sentence: str) -> None:
    assert detect_sentence_language(sentence, "en") == "en"


def test_sentence_in_article_language_keeps_it() -> None:
    assert detect_sentence_language(FR, "fr") == "fr"
    assert detect_sentence_language(EN, "en") == "en"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("en", "en"),
        ("EN-us", "en"),
        ("fr_FR", "fr"),
        ("French", "fr"),
        ("français", "fr"),
        ('"de"', "de"),
        ("eng", "en"),
        ("", None),
        ("klingon", None),
        ("12", None),
    ],
)
def test_front_matter_language_values(value: str, code: str | None) -> None:
    assert normalise_language_code(value) == code


def test_warning_for_languages_other_than_english_and_french() -> None:
    assert language_warning("en") is None
    assert language_warning("fr", "a.txt") is None
    assert (
        language_warning("de", "a.txt")
        == "a.txt: language 'de' is not English or French; matching quality may be lower"
    )
    assert language_warning("de") == (
        "language 'de' is not English or French; matching quality may be lower"
    )
    unknown = language_warning(UNDETERMINED, "a.txt")
    assert unknown is not None and unknown.startswith("a.txt: ")
