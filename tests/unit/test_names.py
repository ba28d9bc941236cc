"""Names in English and French: extraction, language-neutral keys and entity matching."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.core.extract.names import (
    extract_names,
    fold_text,
    is_known,
    name_key,
    related_entities,
    same_entity,
)


def texts(text: str, lang: str) -> list[tuple[str, str]]:
    return [(n.text, n.kind) for n in extract_names(text, lang)]


def test_a_dateline_names_where_the_report_was_filed_not_what_it_states() -> None:
    assert texts("ISTANBUL - Turkey may hold off, the vice president said.", "en") == [
        ("Turkey", "place")
    ]
    assert texts("PARIS (AFP) – La France a annoncé lundi de nouvelles mesures.", "fr") == [
        ("France", "place")
    ]
    # a place the sentence opens with is kept when no dateline follows
    assert ("Paris", "place") in texts("Paris - the capital - was quiet on Monday.", "en")


def test_titles_and_demonyms_are_cut_off_people() -> None:
    got = texts(
        "Russian Foreign Minister Sergei Lavrov met Israeli Prime Minister Benjamin Netanyahu "
        "in Jerusalem on Monday.",
        "en",
    )
    assert got == [
        ("Russian", "place"),
        ("Sergei Lavrov", "person"),
        ("Israeli", "place"),
        ("Benjamin Netanyahu", "person"),
        ("Jerusalem", "place"),
    ]


def test_french_names_with_lowercase_titles_and_demonyms() -> None:
    got = texts(
        "Le vice-ministre russe des Affaires étrangères Sergueï Verchinine et le conseiller "
        "israélien Meir Ben-Shabbat participaient à la réunion.",
        "fr",
    )
    assert got == [
        ("russe", "place"),
        ("Sergueï Verchinine", "person"),
        ("israélien", "place"),
        ("Meir Ben-Shabbat", "person"),
    ]


def test_particles_elision_possessive_and_hyphens() -> None:
    got = texts(
        "Charles de Gaulle and Osama bin Laden; la Syrie de Bachar el-Assad; d'Israël; "
        "Netanyahu's office; a Russia-backed, Moscow-brokered deal.",
        "en",
    )
    names = [t for t, _ in got]
    assert "Charles de Gaulle" in names
    assert "Osama bin Laden" in names
    assert "Syrie" in names and "Bachar el-Assad" in names  # "de" does not glue a place to a name
    assert "Israël" in names
    assert "Netanyahu" in names
    assert "Russia" in names and "Moscow" in names
    assert not any("backed" in n or "brokered" in n for n in names)


def test_sentence_initial_common_words_and_numbers_are_not_names() -> None:
    assert texts("Quinze soldats ont été tués.", "fr") == []
    assert texts("Fifteen soldiers and dozens of civilians died.", "en") == []
    assert texts("L'incendie s'est déclaré dans la nuit.", "fr") == []
    assert texts("Following the talks, prices rose.", "en") == []


def test_a_word_mostly_written_in_lowercase_starts_a_sentence_as_a_common_word() -> None:
    # after a date and a dash, after a colon: the start of a sentence
    assert [t for t, _ in texts("March 15, 2011 – Protests erupt in Deraa.", "en")] == ["Deraa"]
    assert texts("Timeline: the long night", "en") == []
    assert texts("Ensuite, le gouvernement a cédé.", "fr") == []
    assert texts("Environ 40 000 personnes ont fui.", "fr") == []
    # a name stays: capitalised more often than not, before a speech verb, or a label
    assert [t for t, _ in texts("Paris a accueilli le sommet.", "fr")] == ["Paris"]
    assert [t for t, _ in texts("Price said the talks would resume.", "en")] == ["Price"]
    assert [t for t, _ in texts("Nice a dit non au projet.", "fr")] == ["Nice"]
    assert [t for t, _ in texts("Nova-1 weighs four tonnes.", "en")] == ["Nova"]
    # inside a sentence the word is read as before
    assert [t for t, _ in texts("They met Green on Monday.", "en")] == ["Green"]


def test_the_lowercase_word_list_is_what_its_script_writes() -> None:
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "make_lowercase_words.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_headlines_keep_only_known_names() -> None:
    got = texts("Netanyahu In Talks With Russian Officials On 'Iran And The Situation'", "en")
    assert got == [("Netanyahu", "person"), ("Russian", "place"), ("Iran", "place")]


@pytest.mark.parametrize(
    ("text", "lang", "names"),
    [
        # a headline's run of capitalised words holds table names among its verbs
        (
            "Putin Meets Netanyahu In Moscow To Discuss Syria",
            "en",
            [("Putin", "person"), ("Netanyahu", "person"), ("Moscow", "place"), ("Syria", "place")],
        ),
        ("RUSSIA INVADES UKRAINE AT DAWN", "en", [("RUSSIA", "place"), ("UKRAINE", "place")]),
        # two words in capitals are a headline too: no cue from case, no unknown names
        ("DEC 31, 2019 ALARM RAISED", "en", []),
        ("JAN 11 FIRST DEATH", "en", []),
        # in capitals, a function word is no acronym
        ("UN HOMME ARRÊTÉ À PARIS APRÈS L'ATTAQUE", "fr", [("PARIS", "place")]),
        ("WHO IS TO BLAME FOR THE FLOODS", "en", []),
    ],
)
def test_headlines_in_title_case_or_capitals_keep_the_table_names_in_them(
    text: str, lang: str, names: list[tuple[str, str]]
) -> None:
    assert texts(text, lang) == names


def test_the_world_wars_are_one_name_in_both_languages() -> None:
    en = texts("It is the biggest assault on a European state since World War Two.", "en")
    fr = texts(
        "C'est le plus grand assaut contre un État européen depuis la Seconde Guerre mondiale.",
        "fr",
    )
    assert ("World War Two", "other") in en and ("Seconde Guerre mondiale", "other") in fr
    assert (
        name_key("World War II")
        == name_key("Second World War")
        == name_key("Seconde Guerre mondiale")
    )
    assert name_key("First World War") == name_key("Première Guerre mondiale")
    assert name_key("First World War") != name_key("Second World War")


def test_table_phrases_in_both_languages() -> None:
    assert name_key("Etats-Unis") == name_key("United States") == name_key("U.S.")
    assert name_key("Maison Blanche") == name_key("White House")
    assert name_key("Moscou") == name_key("Moscow")
    assert name_key("Poutine") == name_key("Vladimir Putin") == name_key("Putin")
    assert name_key("l'Etat hébreu") == name_key("Israel") == name_key("israéliennes")
    got = texts("Le groupe Etat islamique a frappé la bande de Gaza.", "fr")
    assert ("Etat islamique", "organisation") in got and ("bande de Gaza", "place") in got


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sergueï Verchinine", "Sergey Vershinin"),
        ("Sergei Vershinin", "Sergey Vershinin"),
        ("Bachar el-Assad", "Bashar al-Assad"),
        ("Bashar Assad", "Bashar al-Assad"),
        ("Assad", "Bashar al-Assad"),
        ("Nétanyahou", "Netanyahu"),
        ("Netanyahou", "Benjamin Netanyahu"),
        ("Vladimir Poutine", "Putin"),
        ("Sergueï Choïgou", "Sergei Shoigu"),
        ("Volodymyr Zelenskyy", "Zelensky"),
        ("Mohammed ben Salmane", "Mohammed bin Salman"),
        ("Tchaïkovski", "Chaikovsky"),
        ("Gorbatchev", "Gorbachev"),
        ("George W. Bush", "George Bush"),
        ("Meir Ben-Shabbat", "Ben-Shabbat"),
        ("François", "Francis"),
        ("Avigdor Liberman", "Avigdor Lieberman"),
        # an acronym and the words it is made of
        ("WH", "White House"),
        ("U.N.", "United Nations"),
        ("GNA", "Government of National Accord"),
        ("ONU", "Organisation des Nations unies"),
        ("OTAN", "Organisation du traité de l'Atlantique nord"),
        ("PSG", "Paris Saint-Germain"),
    ],
)
def test_same_entity_across_spellings(a: str, b: str) -> None:
    assert same_entity(a, b)
    assert same_entity(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sergei Lavrov", "Sergey Vershinin"),
        ("Benjamin Netanyahu", "Benny Gantz"),
        ("Jeb Bush", "George Bush"),
        ("Hafez al-Assad", "Bashar al-Assad"),
        ("Moscow", "Russia"),
        ("Sergei Lavrov", "Sergei Shoigu"),
        ("Lyon", "Marseille"),
        ("EU", "United Nations"),
        ("UK", "Ukraine"),
        ("NATO", "North America"),
    ],
)
def test_different_entities_stay_apart(a: str, b: str) -> None:
    assert not same_entity(a, b)


def test_related_entities_and_known_names() -> None:
    assert related_entities(name_key("Moscou"), name_key("Russie"))
    assert related_entities(name_key("Washington"), name_key("Etats-Unis"))
    assert not related_entities(name_key("Jerusalem"), name_key("Tel Aviv"))
    assert is_known("Genève") and is_known("Hezbollah") and not is_known("Quneitraville")


def test_kinds_from_context() -> None:
    assert ("Quneitraville", "place") in texts("Fighting raged in Quneitraville.", "en")
    assert ("Acme Corporation", "organisation") in texts("Acme Corporation said so.", "en")
    assert ("Jan Kowalski", "person") in texts("The report by Jan Kowalski was late.", "en")


def test_fold_text_keeps_offsets() -> None:
    s = "Sergueï Verchinine a dit: « Nétanyahou ’ok’ »"
    folded = fold_text(s)
    assert len(folded) == len(s)
    assert folded.startswith("serguei verchinine")
    assert "'" in folded


def test_offsets_point_at_the_name() -> None:
    text = "Hier, le président Emmanuel Macron a reçu Olaf Scholz à Paris."
    for n in extract_names(text, "fr"):
        assert text[n.start : n.end] == n.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an armed group's name ends on its forces word after a word of its own: an
        # organisation, not a person cut before a title ("Kosovo Liberation" was a person)
        ("The Kosovo Liberation Army fought on.", [("Kosovo Liberation Army", "organisation")]),
        ("The Red Army entered Berlin.", [("Red Army", "organisation"), ("Berlin", "place")]),
        # after a demonym alone it is a title, and the country is named
        ("Syrian Army forces entered Homs.", [("Syrian", "place"), ("Homs", "place")]),
        ("The Russian Navy lost a ship.", [("Russian", "place")]),
        # a title before a person stays cut
        ("US Army Secretary Mark Esper said.", [("US", "place"), ("Mark Esper", "person")]),
    ],
)
def test_an_armed_groups_name_is_an_organisation(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert texts(text, "en") == expected


def test_a_known_armed_group_is_one_name_in_both_languages() -> None:
    en = extract_names("Army deserters create the Free Syrian Army (FSA).", "en")
    fr = extract_names("L'Armée syrienne libre (ASL) est composée de déserteurs.", "fr")
    assert {(n.key, n.kind) for n in en} == {(n.key, n.kind) for n in fr}
    assert {n.kind for n in en} == {"organisation"}


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        # a person's title before a name that only sounds like a place the table knows
        # (Cameron / Cameroon share a transliteration key): a person
        ("Prime Minister Cameron resigned on Friday.", "en", "person"),
        ("Le Premier ministre Cameron démissionne.", "fr", "person"),
        # written as the table writes the place, it stays the place
        ("Cameroon won the match.", "en", "place"),
        ("Le ministre du Cameroun a parlé.", "fr", "place"),
    ],
)
def test_a_title_makes_a_name_that_sounds_like_a_place_a_person(
    text: str, lang: str, kind: str
) -> None:
    found = [n for n in extract_names(text, lang) if n.text.startswith("Camero")]
    assert [n.kind for n in found] == [kind]


def test_an_organisation_name_keeps_its_title_words() -> None:
    from claimcheck.core.extract.names import extract_names

    for text, name in (
        ("Gov. Mike DeWine deploys the National Guard to help.", "National Guard"),
        ("The National Health Service said on Monday.", "National Health Service"),
    ):
        found = [(n.text, n.kind) for n in extract_names(text, "en")]
        assert (name, "organisation") in found, found
    # a known place before it is named apart, as French names it ("la Garde nationale de l'Ohio")
    en = extract_names("DeWine deploys Ohio National Guard.", "en")
    fr = extract_names("DeWine déploie la Garde nationale de l'Ohio.", "fr")
    assert {n.key for n in en} == {n.key for n in fr}
    # a ministry stays a title, and a title before a person stays cut
    assert [n.text for n in extract_names("The Israeli Foreign Ministry said.", "en")] == [
        "Israeli"
    ]
    people = extract_names("Prime Minister Benjamin Netanyahu met him.", "en")
    assert [n.text for n in people] == ["Benjamin Netanyahu"]


def test_a_country_and_its_people_have_one_key_in_both_languages() -> None:
    # a sample across continents: the French name, the English one, and their demonyms
    pairs = [
        ("Croatia", "Croatie"),
        ("Chile", "Chili"),
        ("Cambodia", "Cambodge"),
        ("Kuwait", "Koweït"),
        ("Myanmar", "Birmanie"),
        ("New Zealand", "Nouvelle-Zélande"),
        ("Czech Republic", "République tchèque"),
        ("Ivory Coast", "Côte d'Ivoire"),
    ]
    for en, fr in pairs:
        [a] = extract_names(f"The talks were held in {en} on Monday.", "en")
        [b] = extract_names(f"Les pourparlers ont eu lieu en {fr} lundi.", "fr")
        assert a.key == b.key and a.kind == b.kind == "place", (en, fr)
    [irish] = extract_names("The Irish prime minister spoke.", "en")
    [irlandais] = extract_names("Le Premier ministre irlandais a parlé.", "fr")
    assert irish.key == irlandais.key
    # institutions named in both languages
    [ecb] = extract_names("The European Central Bank raised rates.", "en")
    [bce] = extract_names("La Banque centrale européenne a relevé ses taux.", "fr")
    assert ecb.key == bce.key and ecb.kind == "organisation"
    [guard] = extract_names("The National Guard was deployed.", "en")
    [garde] = extract_names("La Garde nationale a été déployée.", "fr")
    assert guard.key == garde.key and garde.text == "Garde nationale"
    # a country's name that is also a first name stays a person's before a surname
    assert [n.kind for n in extract_names("Chad Smith scored twice.", "en")] == ["person"]
    # a row without a demonym adds none: "s'est" is no demonym
    assert extract_names("Il s'est rendu sur place.", "fr") == []


def test_a_dotted_abbreviation_inside_a_name_is_part_of_it() -> None:
    [st] = extract_names("He flew to St. Petersburg on Monday.", "en")
    [saint] = extract_names("Il est arrivé à Saint-Pétersbourg lundi.", "fr")
    assert (st.text, st.kind) == ("St. Petersburg", "place") and st.key == saint.key
    # outside the table too: "St." and "Saint" have one key
    [a] = extract_names("They met in St. Louis.", "en")
    [b] = extract_names("They met in Saint Louis.", "en")
    assert a.text == "St. Louis" and a.key == b.key
    # a dot that ends a sentence stays out of the name that follows
    assert [n.text for n in extract_names("He lives on Main St.", "en")] == ["Main St"]


def _first_key(text: str, language: str) -> str:
    """The language-neutral key of the first name in ``text``."""
    return extract_names(text, language)[0].key


def test_groups_french_writes_in_lowercase_are_names_with_the_english_key() -> None:
    # Le Monde and AFP write "les talibans", "les rebelles houthis": the English claim names the
    # group and the French one must too, or the pair shows a name given by one outlet only
    for en, fr in [
        ("The Taliban took Kabul.", "Les talibans ont pris Kaboul."),
        ("Houthi rebels fired a missile.", "Les rebelles houthis ont tiré un missile."),
        ("The Houthis claimed the attack.", "Les houthistes ont revendiqué l'attaque."),
        ("The Revolutionary Guards fired.", "Les pasdarans ont tiré."),
    ]:
        assert _first_key(en, "en") == _first_key(fr, "fr"), (en, fr)
    # a language that writes its names with capitals reads none in lowercase
    assert extract_names("the talibans said", "en") == []


def test_religious_and_political_adjectives_and_plurals_name_no_entity() -> None:
    # French writes them in lowercase ("des groupes islamistes", "les chiites"), so in English
    # they would be names one side gives alone
    for text in ("Islamist groups clashed.", "Islamists won the vote.", "Sunnis and Shiites met."):
        assert extract_names(text, "en") == [], text


def test_french_names_for_a_neighbour_across_a_border_are_that_country() -> None:
    # "Outre-Manche" is Britain, "outre-Atlantique" the United States, as French papers write
    for fr, en in [
        (
            "Outre-Manche, Boris Johnson a été testé positif.",
            "British Prime Minister Boris Johnson",
        ),
        ("Nos voisins d'outre-Manche ont voté.", "Britain voted."),
        ("Outre-Atlantique, Donald Trump a réagi.", "In the United States, Donald Trump reacted."),
        ("Les constructeurs d'outre-Rhin souffrent.", "German carmakers suffer."),
    ]:
        assert _first_key(fr, "fr") == _first_key(en, "en"), fr


def test_a_month_after_a_first_name_or_a_title_is_a_surname() -> None:
    assert [n.text for n in extract_names("Theresa May succeeds David Cameron.", "en")] == [
        "Theresa May",
        "David Cameron",
    ]
    assert [n.text for n in extract_names("Mrs May survives a confidence vote.", "en")] == ["May"]
    assert [n.text for n in extract_names("Mme May a survécu.", "fr")] == ["May"]
    # still a month: at the start, with a day or a year, after a place
    for text in ("In May 2019 the talks failed.", "On Monday May 6 they met.", "In May, it fell."):
        assert extract_names(text, "en") == [], text
    assert [n.text for n in extract_names("Paris May 5 was sunny.", "en")] == ["Paris"]
    # a headline in title case: the modal after a country
    got = [n.text for n in extract_names("Turkey May Not Send Forces to Libya", "en")]
    assert "May" not in " ".join(got)


def test_french_capitalised_common_words_are_no_names() -> None:
    # a weekday opening a sentence, "États membres", "le Sommet de l'ASEAN": English lists
    # its own ("Monday", "summit"); French had none
    got = extract_names("Lundi, les États membres ont ouvert le Sommet de l'ASEAN.", "fr")
    assert [n.text for n in got] == ["ASEAN"]
    assert [n.text for n in extract_names("Les États-Unis ont voté.", "fr")] == ["États-Unis"]


def test_the_americas_are_not_the_united_states() -> None:
    for en, fr in [
        ("Latin America voted.", "L'Amérique latine a voté."),
        ("South America voted.", "L'Amérique du Sud a voté."),
        ("America voted.", "L'Amérique a voté."),
    ]:
        assert _first_key(en, "en") == _first_key(fr, "fr"), en
    assert _first_key("Latin America voted.", "en") != name_key("America")


def test_us_states_are_places_with_one_key_in_both_languages() -> None:
    for en, fr in [
        ("North Carolina voted.", "La Caroline du Nord a voté."),
        ("Ohio Governor Mike DeWine said so.", "Le gouverneur de l'Ohio l'a dit."),
        ("Pennsylvania counted.", "La Pennsylvanie a compté."),
    ]:
        a, b = extract_names(en, "en")[0], extract_names(fr, "fr")[0]
        assert (a.key, a.kind) == (b.key, b.kind) == (a.key, "place"), en
    # a first name that is also a state stays with its surname
    assert [n.kind for n in extract_names("Virginia Woolf wrote.", "en")] == ["person"]
