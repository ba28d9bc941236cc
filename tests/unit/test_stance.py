"""Attribution (who a claim is credited to) and polarity (negation, denial, hedging)."""

from __future__ import annotations

import pytest

from claimcheck.core.extract.stance import (
    attribution,
    attribution_span,
    compare_attributions,
    polarity,
)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Lavrov met Netanyahu on Monday, the premier's office said.", "en", "premier's office"),
        (
            "The meeting dealt with Iran, a statement from Netanyahu's office read.",
            "en",
            "Netanyahu's office",
        ),
        (
            "According to the ministry of defense, the meeting lasted an hour.",
            "en",
            "ministry of defense",
        ),
        ("Netanyahu said the link was important.", "en", "Netanyahu"),
        (
            "Prime Minister Benjamin Netanyahu told the Knesset that there was no room for Iran.",
            "en",
            "Prime Minister Benjamin Netanyahu",
        ),
        ("The talks were useful, his office said.", "en", "his office"),
        ("Israel has consistently declared that it will not permit Iran there.", "en", "Israel"),
        (
            '"Nous avons discuté de la Syrie", a déclaré le ministère israélien des Affaires '
            "étrangères, ajoutant que la réunion était utile.",
            "fr",
            "ministère israélien des Affaires étrangères",
        ),
        (
            "Selon le ministère de la Défense, la réunion a duré une heure.",
            "fr",
            "ministère de la Défense",
        ),
        ("D'après l'armée, trois soldats ont été blessés.", "fr", "armée"),
        ("Le Kremlin a déclaré que les deux dirigeants avaient discuté.", "fr", "Kremlin"),
        ("La réunion a été utile, a indiqué son bureau.", "fr", "son bureau"),
        ("La réunion a été utile, a-t-il déclaré.", "fr", "il"),
        ("La réunion a été utile, estime le ministère.", "fr", "ministère"),
        # the present, as timelines and chronologies write throughout
        ("L'OMS affirme que les enquêtes ont échoué.", "fr", "OMS"),
        ("Boris Johnson annonce avoir été testé positif.", "fr", "Boris Johnson"),
        ("Les enquêteurs affirment que le feu était criminel.", "fr", "enquêteurs"),
        ("Le président affirme : « Nous sommes en guerre ».", "fr", "président"),
        # a weak verb followed by a clause without "that": reported speech all the same
        (
            "Russian President Vladimir Putin announces he is launching a military operation.",
            "en",
            "Russian President Vladimir Putin",
        ),
        ("The army admitted it had struck the hospital.", "en", "army"),
        # an apposition between the speaker and the verb; what follows the verb is what was said
        ("Sarrazin, a member of the SPD since 1973, said he would appeal.", "en", "Sarrazin"),
        ("Sarrazin, membre du SPD depuis 1973, a annoncé qu'il ferait appel.", "fr", "Sarrazin"),
        ("The minister, speaking in Paris, said the law would pass.", "en", "minister"),
        ("Le ministre, joint par téléphone, a affirmé avoir été menacé.", "fr", "ministre"),
        ("It was found on Dec. 19, though investigators said it was older.", "en", "investigators"),
        (
            "Il est parti mais les enquêteurs ont affirmé que le feu était criminel.",
            "fr",
            "enquêteurs",
        ),
        (
            "WASHINGTON -- US President Donald Trump said Tuesday he believes Kim.",
            "en",
            "US President Donald Trump",
        ),
        # when the verb was said, between the verb and the end or the speaker
        ("Kubica will be a reserve driver, the team announced on Wednesday.", "en", "team"),
        ("The plant will close in May, the company announced Tuesday.", "en", "company"),
        ("L'usine fermera en mai, a annoncé mardi l'entreprise.", "fr", "entreprise"),
        ("« Nous partirons », a déclaré lundi soir le ministre.", "fr", "ministre"),
        # a title with its period, an adverb before the speaker, an adverb after it
        ("Ce n'est pas vrai, a déclaré M. Trump.", "fr", "M. Trump"),
        ("« Gros problème », a répondu brusquement Gantz.", "fr", "Gantz"),
        ("« Nous partirons », a déclaré Clément Beaune.", "fr", "Clément Beaune"),
        ("D'après le JDD toutefois, un report des élections serait à l'étude.", "fr", "JDD"),
        # between the speaker and the verb: an adverb, when, an acronym in brackets
        ("But as the editor just revealed, the cover will not run.", "en", "editor"),
        ("The mayor also said the bridge would reopen.", "en", "mayor"),
        ("The union on Wednesday declared that the strike was over.", "en", "union"),
        ("Officials last week said the plant would close.", "en", "Officials"),
        (
            "The National Farmers Union (NFU) on Monday said prices had fallen.",
            "en",
            "National Farmers Union",
        ),
        ("Le ministre a aussi déclaré que les négociations continueraient.", "fr", "ministre"),
        ("Le syndicat a déjà annoncé qu'il ferait grève.", "fr", "syndicat"),
    ],
)
def test_attribution_in_both_languages(text: str, lang: str, expected: str) -> None:
    assert attribution(text, lang) == expected
    span = attribution_span(text, lang)
    assert span is not None and text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia has been involved in the war in Syria since 2015.", "en"),
        ("Russia announced new security measures to protect its military.", "en"),
        ("Russia announced its withdrawal from the treaty.", "en"),
        ("Russia announced on Tuesday new security measures.", "en"),
        ("La Russie a annoncé mardi de nouvelles mesures.", "fr"),
        # a relative pronoun is nobody a reader can check
        ("Elle a salué l'ambassadrice, qui a déclaré que c'était regrettable.", "fr"),
        # a conjunction alone, a long clause after one, a date before an apposition: no one
        ("Elle ne se présentera pas, mais a ajouté qu'elle resterait présidente.", "fr"),
        ("They pursued the car but then called off the chase after officers said so.", "en"),
        (
            "In his message posted on Facebook today, January 1, 2020, Pastor Ayo, explained it.",
            "en",
        ),
        ("La Russie a annoncé de nouvelles mesures de sécurité.", "fr"),
        ("Israël a rejeté les accusations selon lesquelles il aurait mené la frappe.", "fr"),
        # a verb in the present with a plain object, a participle without its auxiliary, "comme"
        ("Emmanuel Macron annonce un confinement de la population.", "fr"),
        ("Exxon Mobil déclare un dividende pour le trimestre.", "fr"),
        ("L'état d'urgence déclaré par le gouvernement a été prolongé.", "fr"),
        ("Comme le dit le site, il encourage les habitants à rester chez eux.", "fr"),
        ("Cela nous rappelle à tous de conduire prudemment.", "fr"),
        # the last words of a name the acronym stands for are no speaker
        ("The charity Action on Smoking and Health (ASH) says that the ban will help.", "en"),
        ("", "en"),
    ],
)
def test_no_attribution(text: str, lang: str) -> None:
    assert attribution(text, lang) is None


@pytest.mark.parametrize(
    ("a", "la", "b", "lb", "status"),
    [
        ("the premier's office", "en", "le bureau du Premier ministre", "fr", "agree"),
        ("Netanyahu's office", "en", "le bureau de Netanyahou", "fr", "agree"),
        ("the Kremlin", "en", "le Kremlin", "fr", "agree"),
        ("the ministry of defense", "en", "le ministère de la Défense", "fr", "agree"),
        ("Israeli officials", "en", "des responsables israéliens", "fr", "agree"),
        ("his office", "en", "Netanyahu's office", "en", "refines"),
        ("he", "en", "Lavrov", "en", "refines"),
        ("Lavrov", "en", "Choïgou", "fr", "differs"),
        ("the army", "en", "la police", "fr", "differs"),
        ("Israeli officials", "en", "des responsables russes", "fr", "differs"),
        ("the Kremlin", "en", "la Maison Blanche", "fr", "differs"),
        # an unknown body may just be translated: not a conflict across languages
        ("the US Geological Survey", "en", "l'Institut américain de géophysique", "fr", "agree"),
    ],
)
def test_compare_attributions(a: str, la: str, b: str, lb: str, status: str) -> None:
    assert compare_attributions(a, la, b, lb) == status


def flags(text: str, lang: str) -> tuple[bool, bool, bool]:
    p = polarity(text, lang)
    return bool(p["negated"]), bool(p["denial"]), bool(p["hedged"])


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("There are no Iranian soldiers in Syria.", "en", (True, False, False)),
        ("Il n'y a pas de soldats iraniens en Syrie.", "fr", (True, False, False)),
        ("He never visited the site.", "en", (True, False, False)),
        ("Il ne s'est jamais rendu sur place.", "fr", (True, False, False)),
        ("Aucun Iranien n'a été blessé.", "fr", (True, False, False)),
        ("Personne n'a été blessé.", "fr", (True, False, False)),
        ("Russia denied the reports.", "en", (False, True, False)),
        ("La Russie a démenti ces informations.", "fr", (False, True, False)),
        ("Il a nié toute implication.", "fr", (False, True, False)),
        ("Israel rejected claims that it struck the convoy.", "en", (False, True, False)),
        ("The strike reportedly killed 12 people.", "en", (False, False, True)),
        ("La frappe aurait tué 12 personnes.", "fr", (False, False, True)),
        ("Le suspect se serait enfui.", "fr", (False, False, True)),
        ("Taxes may rise.", "en", (False, False, True)),
        ("Les impôts pourraient augmenter.", "fr", (False, False, True)),
        ("Le présumé tireur a été arrêté.", "fr", (False, False, True)),
        ("Selon des informations de presse, il a fui.", "fr", (False, False, True)),
        ("The talks were useful.", "en", (False, False, False)),
        ("Les discussions ont été utiles.", "fr", (False, False, False)),
        # failing to do something negates it; a failure alone says something negative
        ("The bloc failed to agree on a price cap.", "en", (True, False, False)),
        ("Les Vingt-Sept ont échoué à s'entendre.", "fr", (True, False, False)),
        ("The talks failed.", "en", (False, False, False)),
        ("Les négociations ont échoué.", "fr", (False, False, False)),
        # "than ever", "hardly", "not limited to" are no negations in either language
        ("Il était plus ému qu'il ne l'avait jamais été.", "fr", (False, False, False)),
        ("Il ne l'avait jamais été.", "fr", (True, False, False)),
        ("Je n'ai guère de preuves.", "fr", (False, False, False)),
        ("Les frappes ne se limitent pas à la Syrie.", "fr", (False, False, False)),
        ("The strikes are not limited to Syria.", "en", (False, False, False)),
    ],
)
def test_polarity_cues(text: str, lang: str, expected: tuple[bool, bool, bool]) -> None:
    assert flags(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Not only Russia but also Iran backs Assad.", "en"),
        ("Non seulement la Russie mais aussi l'Iran soutiennent Assad.", "fr"),
        ("L'espagnol n'est pas seulement parlé en Espagne.", "fr"),
        ("De crainte que cela n'expose Israël aux menaces de l'Iran.", "fr"),  # expletive ne
        ("Il n'y a que deux solutions.", "fr"),  # ne ... que: only
        ("Plus de 400 secouristes sont passés.", "fr"),
        ("The clash on May 10 was brief.", "en"),
        ("Il a dit qu'il serait présent.", "fr"),  # conditional in reported speech
        ("Il aurait dû partir.", "fr"),  # should have
    ],
)
def test_not_polarity_cues(text: str, lang: str) -> None:
    assert flags(text, lang) == (False, False, False)


def test_cues_are_reported_as_written() -> None:
    p = polarity("Il n'a jamais démenti.", "fr")
    assert p["negated"] and p["denial"]
    text = "Il n'a jamais démenti."
    for (s, e), cue in zip(p["spans"], p["cues"], strict=True):  # type: ignore[call-overload]
        assert text[s:e] == cue


def test_elliptic_and_named_negations() -> None:
    assert flags("Il grandit, mais pas aussi vite.", "fr")[0]
    assert flags("Pensez aux raisins et rien d'autre.", "fr")[0]
    # a capitalised cue inside a name is no negation; a headline keeps its capitals
    assert not flags("A review of Climbing Mount Impossible by Dawkins.", "en")[0]
    assert not flags("The provinces were extended to No .", "en")[0]
    assert flags("Iran Will Not Sign The Deal", "en")[0]


def test_a_speaker_goes_on_past_of_the_and_an_article_alone_is_no_speaker() -> None:
    from claimcheck.core.extract.stance import attribution

    assert attribution("According to the ministry of the interior, 40 died.", "en") == (
        "ministry of the interior"
    )
    text = "According to a statement from the office of the president, he left."
    assert attribution(text, "en") == "office of the president"
