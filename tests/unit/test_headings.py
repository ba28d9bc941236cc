"""A timeline's date headings: each entry states its heading's date (claimcheck.core.extract.facts
and the pipeline's prepare step), so entries of different days are compared as such."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimcheck.core.compare.differences import compare_cluster
from claimcheck.core.extract.facts import date_headings
from claimcheck.core.pipeline import prepare
from claimcheck.core.segment.claims import extract_claims
from claimcheck.core.types import Source

TIMELINE = """Coronavirus: key dates

30 January

The WHO declares a global health emergency.

11 March

The WHO declares the outbreak a pandemic. It was the first such declaration since 2009.
"""

ARTICLE = """30 January 2020

The WHO declared a global health emergency on Thursday, its director said.

Officials in Geneva said the decision followed talks with China.
"""


def _prepared(text: str, language: str = "en", date: str = "2020-04-01"):  # type: ignore[no-untyped-def]
    source = Source("t", "t.txt", "T", language, date, text)
    sentences, claims = extract_claims(source)
    return sentences, claims, prepare([source], [sentences], claims)


def _dates(facts) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.text for f in facts.figures if f.kind == "date"]


def test_each_entry_of_a_timeline_states_its_headings_date() -> None:
    sentences, claims, prepared = _prepared(TIMELINE)
    by_text = {c.text: f for c, f in zip(claims, prepared.facts, strict=True)}
    emergency = by_text["The WHO declares a global health emergency."]
    assert _dates(emergency) == ["30 January"]
    assert [(f.start, f.end) for f in emergency.figures] == [(-1, -1)]  # not in the claim's text
    assert _dates(by_text["The WHO declares the outbreak a pandemic."]) == ["11 March"]
    # a year of its own is no day: the entry still states its heading's day
    assert _dates(by_text["It was the first such declaration since 2009."]) == ["11 March", "2009"]
    assert len(date_headings(sentences)) == 3


def test_a_dateline_above_an_ordinary_article_heads_nothing() -> None:
    sentences, _, prepared = _prepared(ARTICLE)
    assert date_headings(sentences) == {}
    assert [_dates(f) for f in prepared.facts] == [["Thursday"], []]


def test_entries_under_different_headings_differ_on_their_date() -> None:
    _, claims, prepared = _prepared(TIMELINE)
    _, claims_fr, prepared_fr = _prepared(
        TIMELINE.replace("30 January", "31 January"), language="en", date="2020-04-02"
    )
    k = [c.text for c in claims].index("The WHO declares a global health emergency.")
    first, other = claims[k], replace(claims_fr[k], id="u#1", source="u")
    figures = {first.id: prepared.facts[k].figures, other.id: prepared_fr.facts[k].figures}
    rows = compare_cluster([first, other], {"t": "2020-04-01", "u": "2020-04-02"}, figures)
    dates = [d for d in rows if d.kind == "date"]
    assert [(d.status, dict(d.values)) for d in dates] == [
        ("differs", {"t": "30 January", "u": "31 January"})
    ]


def test_a_date_opening_each_entry_heads_it_as_a_date_line_would() -> None:
    # "- Jan. 30, 2020: …", "30 janvier : …", "10:30 – …": the date is a heading of its own, so
    # the entry is compared as the same entry under a date line is (the date embedded with the
    # entry made it less alike to that one)
    bullets = "Key dates\n\n- Jan. 30, 2020: The WHO declares a global health emergency.\n"
    bullets += "- March 11, 2020: The WHO declares the outbreak a pandemic.\n"
    _, claims, prepared = _prepared(bullets)
    by_text = {c.text: f for c, f in zip(claims, prepared.facts, strict=True)}
    assert _dates(by_text["The WHO declares a global health emergency."]) == ["Jan. 30, 2020"]
    assert _dates(by_text["The WHO declares the outbreak a pandemic."]) == ["March 11, 2020"]
    french = "Dates clés\n\n30 janvier : L'OMS déclare une urgence.\n"
    french += "11 mars : L'OMS parle de pandémie.\n"
    _, claims, _ = _prepared(french, "fr")
    assert [c.text for c in claims][-2:] == [
        "L'OMS déclare une urgence.",
        "L'OMS parle de pandémie.",
    ]


def test_a_time_with_its_zone_or_an_unspaced_dash_heads_its_entry() -> None:
    # live timelines give the hour with its zone, the local hour in brackets, or a dash set
    # against the time: the whole of it is the heading, and the entry is the claim
    from claimcheck.core.segment.claims import split_sentences

    for line, entry in (
        (
            "Monday April 15, 5.50pm BST (6.50pm local time) – Reports of smoke emerge.",
            "Reports of smoke emerge.",
        ),
        ("8.50pm– An official warns the roof may fall.", "An official warns the roof may fall."),
    ):
        assert [line[a:b] for a, b in split_sentences(line, "en")][-1] == entry
    line = "18h20 – Une première alerte est donnée, heure locale."
    assert [line[a:b] for a, b in split_sentences(line, "fr")][-1] == (
        "Une première alerte est donnée, heure locale."
    )


def test_a_number_before_a_dash_or_a_label_before_a_colon_is_no_date_heading() -> None:
    from claimcheck.core.segment.claims import split_sentences

    for line in (
        "12 - 3 was the final score.",
        "Note: the talks failed.",
        "In 2016 - a year - it fell.",
        "Local time– the show that never ends.",
    ):
        assert [line[a:b] for a, b in split_sentences(line, "en")] == [line]


YEARS = """Syria: three years of war

Published 23 September 2014

-- 2011 --

- March 15: First protests in Daraa.

- July 30: Army deserters create the Free Syrian Army.

-- 2012 --

- July 20: Rebels launch an assault on Aleppo. On July 28 the army strikes back.
"""

ACROSS = """Le coronavirus en dates

31 décembre 2019 : la Chine signale des cas de pneumonie à Wuhan.

9 janvier : l'OMS annonce un nouveau coronavirus.
"""


def _days(facts) -> list[str]:  # type: ignore[no-untyped-def]
    import datetime

    return [
        datetime.date.fromordinal(int(f.low)).isoformat()
        for f in facts.figures
        if f.kind == "date" and f.unit == "date" and f.low is not None
    ]


def test_a_timelines_entries_are_read_in_the_year_it_gives() -> None:
    # "July 30" under "-- 2011 --" is 30 July 2011, not the 30 July nearest the day the
    # timeline was published (2014), and a date the entry writes is read the same way
    _, claims, prepared = _prepared(YEARS, date="2014-09-23")
    by_text = {c.text: _days(f) for c, f in zip(claims, prepared.facts, strict=True)}
    assert by_text["First protests in Daraa."] == ["2011-03-15"]
    assert by_text["Army deserters create the Free Syrian Army."] == ["2011-07-30"]
    assert by_text["Rebels launch an assault on Aleppo."] == ["2012-07-20"]
    assert by_text["On July 28 the army strikes back."] == ["2012-07-28"]


def test_a_timeline_without_a_year_runs_on_from_its_last_date() -> None:
    # "9 janvier" after "31 décembre 2019" is in 2020, whenever the timeline was published
    _, claims, prepared = _prepared(ACROSS, language="fr", date="2021-06-01")
    days = [_days(f) for f in prepared.facts]
    assert days == [["2019-12-31"], ["2020-01-09"]]
    assert [c.text for c in claims][-1] == "l'OMS annonce un nouveau coronavirus."


CHRONICLE = """Le coronavirus, étape par étape

Le 31 décembre 2019, la Chine signale des cas de pneumonie à Wuhan.

Le 9 janvier, l'OMS annonce un nouveau coronavirus.

Le 11, premier mort en Chine.

Le 23, Wuhan est placée en quarantaine.
"""


def test_a_chronology_written_as_prose_runs_on_from_the_date_each_sentence_opens_with() -> None:
    # no date lines, but most sentences open with a date: "Le 11," after "Le 9 janvier," is
    # 11 January 2020, whenever the chronology was published
    _, _, prepared = _prepared(CHRONICLE, language="fr", date="2021-06-01")
    assert [_days(f) for f in prepared.facts][-4:] == [
        ["2019-12-31"],
        ["2020-01-09"],
        ["2020-01-11"],
        ["2020-01-23"],
    ]


MONTH_ONLY = """Publié en mai 2022

Le 24 février, la Russie envahit l'Ukraine.

Le 26, l'armée russe reçoit l'ordre d'élargir son offensive.

Le 2 mars, des troupes russes parviennent à Kharkiv.

Le 8, le président américain décrète un embargo sur le pétrole russe.
"""


def test_a_chronology_that_gives_only_its_month_of_publication_reads_its_days_in_that_year() -> (
    None
):
    # "Publié en mai 2022" is no date of the article, but the days its entries write without a
    # year are those nearest to it, and "Le 8," after "Le 2 mars," is 8 March 2022
    source = Source("t", "t.txt", "T", "fr", None, MONTH_ONLY)
    sentences, claims = extract_claims(source)
    prepared = prepare([source], [sentences], claims)
    assert [_days(f) for f in prepared.facts][-4:] == [
        ["2022-02-24"],
        ["2022-02-26"],
        ["2022-03-02"],
        ["2022-03-08"],
    ]


def _facts_of(text: str, language: str) -> dict:  # type: ignore[type-arg]
    """The facts of each claim of an undated article, by the claim's first six characters."""
    source = Source("t", "t.txt", "T", language, None, text)
    sentences, claims = extract_claims(source)
    prepared = prepare([source], [sentences], claims)
    return {c.text[:6]: f for c, f in zip(claims, prepared.facts, strict=True)}


LOOK_BACK = (
    "10-27 mars 2019\n\n"
    "Le 10, un avion de la compagnie s'écrase peu après son décollage. En octobre 2018 déjà,"
    " un appareil du même modèle s'était abîmé en mer.\n\n"
    "Le 11, la compagnie immobilise sa flotte.\n\n"
    "Le 13, les autorités immobilisent à leur tour les appareils.\n\n"
    "Le 27, le constructeur présente une version modifiée du logiciel.\n"
)


def test_a_day_alone_is_read_against_the_last_day_not_a_month_looked_back_to() -> None:
    # "En octobre 2018 déjà," looks back from an entry of March: the next "Le 11," is 11 March
    # 2019, not 11 October 2018; "Le 27," after "Le 13," goes forward to 27 March, not back to
    # 27 February (both 14 days away)
    days = {k: _days(f) for k, f in _facts_of(LOOK_BACK, "fr").items()}
    assert days["Le 10,"] == ["2019-03-10"]
    assert days["Le 11,"] == ["2019-03-11"]
    assert days["Le 13,"] == ["2019-03-13"]
    assert days["Le 27,"] == ["2019-03-27"]


UNDATED = """Principaux événements depuis l'entrée des talibans dans Kaboul.

Le 15 août, les talibans entrent dans Kaboul sans rencontrer de résistance.

Le président, qui a fui à l'étranger, admet que les talibans ont gagné.

Une foule se précipite à l'aéroport dans l'espoir de quitter le pays.

L'évacuation des diplomates commence dans la soirée.

Le 16, le président américain défend le retrait de ses troupes.

Le 17, Moscou juge que les talibans envoient des signaux positifs.
"""


def test_an_undated_chronology_places_its_days_alone_by_the_day_it_writes_without_a_year() -> None:
    # no article date and no year: "Le 16," after "Le 15 août," is 16 August all the same (as
    # "16 août" without a year is), and one day alone makes a chronology of prose that opens
    # few sentences with a date
    from claimcheck.core.group.verify import same_written_day

    facts = _facts_of(UNDATED, "fr")
    day = [f for f in facts["Le 16,"].figures if f.kind == "date"]
    assert [(f.text, f.unit, f.value) for f in day] == [("Le 16", "date:md", 816.0)]
    assert [f.value for f in facts["Le 17,"].figures if f.kind == "date"] == [817.0]
    english = _facts_of("On August 16, Biden defended the withdrawal.\n", "en")["On Aug"]
    assert same_written_day(facts["Le 16,"].figures, english.figures)
    assert not same_written_day(facts["Le 17,"].figures, english.figures)


ENTRIES = (
    "L'offensive des talibans depuis mai\n\n"
    "Le 19 juin, le président désigne de nouveaux ministres de l'Intérieur et de la Défense.\n\n"
    "Le 22, les talibans s'emparent d'un poste-frontière. Plusieurs centaines de soldats fuient"
    " vers le territoire voisin. En 2001 déjà, la ville avait été prise.\n"
    "Les insurgés maîtrisent les autres voies de passage vers le nord.\n\n"
    "Le 2 juillet, les troupes étrangères restituent la base aérienne. Le 4, les talibans"
    " s'emparent d'un district.\n"
)


def test_the_later_sentences_of_a_chronology_entry_state_the_day_it_opens_with() -> None:
    # "Plusieurs centaines de soldats fuient" is said of the 22nd, as a sentence under a date
    # line is said of its date; a sentence that looks back to a year of its own takes none, nor
    # does the next paragraph, which opens no entry; nor does the look-back move what the
    # next days are read against ("Le 2 juillet," stays a day of no year)
    facts = _facts_of(ENTRIES, "fr")
    inherited = [f for f in facts["Plusie"].figures if f.kind == "date"]
    assert [(f.text, f.start, f.end, f.value) for f in inherited] == [("Le 22", -1, -1, 622.0)]
    assert [f.text for f in facts["En 200"].figures if f.kind == "date"] == ["2001"]
    assert [f for f in facts["Les in"].figures if f.kind == "date"] == []
    # a sentence that opens with its own day keeps its own
    assert [f.text for f in facts["Le 4, "].figures if f.kind == "date"] == ["Le 4"]
    assert [f.value for f in facts["Le 4, "].figures if f.kind == "date"] == [704.0]
    assert [f.value for f in facts["Le 2 j"].figures if f.kind == "date"] == [702.0]


@pytest.mark.parametrize(
    ("text", "language", "embedded"),
    [
        (
            "Le 24 février, le président Vladimir Poutine annonce une opération militaire.",
            "fr",
            "Le président Vladimir Poutine annonce une opération militaire.",
        ),
        (
            "23rd January 2013 - David Cameron promises an in/out referendum.",
            "en",
            "David Cameron promises an in/out referendum.",
        ),
        ("On Jan 13, the virus spreads beyond China.", "en", "The virus spreads beyond China."),
        # no comma, colon or dash after the date: it may be what the sentence is about
        ("In 2015 Russia sent its air force to Syria.", "en", None),
        ("Le 11, premier mort.", "fr", None),  # too little left
        ("The WHO met on 30 January to decide.", "en", None),  # no opening date
    ],
)
def test_a_timeline_entry_is_embedded_without_the_date_it_opens_with(
    text: str, language: str, embedded: str | None
) -> None:
    from claimcheck.core.extract.facts import without_opening_date

    assert without_opening_date(text, language, "2022-05-15") == (embedded or text)


def test_only_a_timelines_entries_lose_their_opening_date_in_the_encoder() -> None:
    # the chronology's entries are embedded without "Le 9 janvier,"; an ordinary article's
    # sentence keeps "On Monday," (in prose the day is part of what the sentence says)
    _, claims, prepared = _prepared(CHRONICLE, language="fr", date="2021-06-01")
    embedded = dict(zip([c.text for c in claims], prepared.texts, strict=True))
    assert embedded["Le 9 janvier, l'OMS annonce un nouveau coronavirus."] == (
        "L'OMS annonce un nouveau coronavirus."
    )
    text = "On Monday, the minister said the operation was over.\n\nOfficials agreed on it."
    _, claims, prepared = _prepared(text, date="2020-04-01")
    assert list(prepared.texts) == [c.text for c in claims]


def test_an_ordinary_article_keeps_its_own_date_for_every_sentence() -> None:
    text = (
        "In 2015, Russia sent its air force to Syria.\n\n"
        "On Monday, the minister said the operation was over.\n\n"
        "Officials in Moscow said the troops would come home."
    )
    _, _, prepared = _prepared(text, date="2020-04-01")
    assert _days(prepared.facts[1]) == ["2020-03-30"]  # Monday before 1 April 2020
