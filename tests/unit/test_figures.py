"""Figures in English and French: what is extracted, how it is normalised, how two compare."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.core import lang
from claimcheck.core.errors import InputError
from claimcheck.core.extract.figures import (
    compare_figures,
    extract_figures,
    figure_affinity,
    figure_granularity,
    parse_reference_date,
)
from claimcheck.core.types import Figure


def one(text: str, lang: str, ref: str | None = None) -> Figure:
    figs = extract_figures(text, lang, ref)
    assert len(figs) == 1, figs
    return figs[0]


def day(iso: str) -> float:
    return float(dt.date.fromisoformat(iso).toordinal())


# --- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("1,200 people were evacuated.", "en", 1200),
        ("1 200 personnes ont été évacuées.", "fr", 1200),
        ("1\u00a0200 personnes ont été évacuées.", "fr", 1200),
        ("1\u202f200 personnes ont été évacuées.", "fr", 1200),
        ("1.200 personnes ont été évacuées.", "fr", 1200),
        ("Some 12.5 tonnes were seized.", "en", 12500),
        ("Il a reçu 2,5 millions de voix.", "fr", 2.5e6),
        ("Twenty-one miners were rescued.", "en", 21),
        ("Vingt et un mineurs ont été secourus.", "fr", 21),
        ("Quatre-vingts maisons ont brûlé.", "fr", 80),
        ("Quatre-vingt-dix-sept maisons ont brûlé.", "fr", 97),
        ("Soixante et onze maisons ont brûlé.", "fr", 71),
        ("Two hundred and five houses burned.", "en", 205),
        ("Fifteen soldiers were killed.", "en", 15),
        ("Quinze soldats ont été tués.", "fr", 15),
    ],
)
def test_numbers_in_both_conventions(text: str, lang: str, value: float) -> None:
    assert one(text, lang).value == pytest.approx(value)


def test_a_single_separator_before_three_digits_follows_the_language() -> None:
    assert one("It rose by 1.200 points.", "en").value == pytest.approx(1.2)
    assert one("Il a gagné 1,200 points.", "fr").value == pytest.approx(1.2)
    assert one("It rose by 1,200 points.", "en").value == pytest.approx(1200)


@given(st.integers(min_value=1000, max_value=99_999_999))
def test_grouped_digits_read_back(n: int) -> None:
    en = f"The agency counted {n:,} cases."
    fr = "L'agence a compté " + f"{n:,}".replace(",", "\u202f") + " cas."
    assert one(en, "en").value == n
    assert one(fr, "fr").value == n
    assert compare_figures(one(en, "en"), one(fr, "fr")) == "agree"


def test_counted_nouns_become_shared_concepts() -> None:
    assert one("The attack left 12 dead.", "en").unit == "dead"
    assert one("L'attaque a fait 15 morts.", "fr").unit == "dead"
    assert one("Twelve people were killed.", "en").unit == "dead"
    assert one("Quinze soldats russes ont été tués.", "fr").unit == "dead"
    assert one("The army deployed 300 soldiers.", "en").unit == "soldier"
    assert one("L'armée a déployé 300 soldats.", "fr").unit == "soldier"
    assert one("More than 300 people were hurt.", "en").unit == "injured"
    assert one("Le séisme a fait 300 blessés.", "fr").unit == "injured"
    assert one("Israel carried out hundreds of air strikes.", "en").unit == "strike"
    assert one("Israël a mené des centaines de raids aériens.", "fr").unit == "strike"
    assert one("Some 1,000 flights were cancelled.", "en").unit == "~flight"


@pytest.mark.parametrize(
    ("text", "lang", "low", "high"),
    [
        ("Hundreds of people fled.", "en", 100, 999),
        ("Des centaines de personnes ont fui.", "fr", 100, 999),
        ("Dozens were arrested.", "en", 20, 99),
        ("Des dizaines de manifestants ont été arrêtés.", "fr", 20, 99),
        ("Thousands marched.", "en", 1000, 9999),
        ("Des milliers de personnes ont défilé.", "fr", 1000, 9999),
        ("Hundreds of thousands fled.", "en", 100_000, 999_999),
        ("Des centaines de milliers de personnes ont fui.", "fr", 100_000, 999_999),
        ("Tens of thousands rallied.", "en", 10_000, 99_990),
        ("Des dizaines de milliers de personnes ont manifesté.", "fr", 10_000, 99_990),
    ],
)
def test_magnitudes_are_vague_ranges(text: str, lang: str, low: float, high: float) -> None:
    f = one(text, lang)
    assert f.value is None and f.approximate
    assert f.low == pytest.approx(low) and f.high == pytest.approx(high, rel=0.01)


def test_qualifiers_set_bounds() -> None:
    over = one("Over 400 rescue workers crossed.", "en")
    assert (over.value, over.low, over.high, over.approximate) == (400, 400, None, True)
    plus = one("Plus de 400 secouristes sont passés.", "fr")
    assert (plus.low, plus.high) == (400, None)
    assert compare_figures(over, plus) == "agree"
    under = one("Fewer than 50 people came.", "en")
    assert (under.low, under.high) == (None, 50)
    about = one("About five people were hurt.", "en")
    assert about.approximate and about.low < 5 < about.high
    assert compare_figures(about, one("Environ cinq personnes ont été blessées.", "fr")) == "agree"
    nearly = one("Près de 80 % des électeurs ont voté.", "fr")
    assert nearly.kind == "percent" and nearly.high == 80 and nearly.low < 80


def test_aine_words_are_approximate_counts() -> None:
    f = one("Une quarantaine de migrants étaient à bord.", "fr")
    assert f.value == 40 and f.approximate
    assert compare_figures(f, one("About 40 migrants were on board.", "en")) == "agree"
    assert compare_figures(f, one("Sixty migrants were on board.", "en")) == "differs"


@pytest.mark.parametrize(
    ("a", "la", "b", "lb", "status"),
    [
        # one outlet rounds the other's figure to the digits it writes: compatible
        ("51,89 % des électeurs ont voté pour.", "fr", "51.9% voted in favour.", "en", "refines"),
        ("52 per cent voted to leave.", "en", "51.9% voted to leave.", "en", "refines"),
        ("17 million people voted.", "en", "17,4 millions de personnes ont voté.", "fr", "refines"),
        ("The fund got $2.5 billion.", "en", "The fund got $2.46 billion.", "en", "refines"),
        # rounding would give another figure
        ("The fund got $2.5 billion.", "en", "The fund got $2.56 billion.", "en", "differs"),
        ("51,8 % des électeurs ont voté pour.", "fr", "51.9% voted in favour.", "en", "differs"),
        # both written to the unit: two counts
        ("1,500 people fled.", "en", "1,540 people fled.", "en", "differs"),
        # one significant digit is too coarse to stand for the other
        ("Gas averaged $3.", "en", "Gas averaged $2.60.", "en", "differs"),
        ("Le taux est de 3 %.", "fr", "The rate is 2.6%.", "en", "differs"),
    ],
)
def test_a_figure_rounded_to_the_digits_it_writes_is_compatible(
    a: str, la: str, b: str, lb: str, status: str
) -> None:
    assert compare_figures(one(a, la), one(b, lb)) == status
    assert compare_figures(one(b, lb), one(a, la)) == status


@pytest.mark.parametrize(
    ("text", "lang", "units"),
    [
        ("The death toll rises to 18.", "en", ["dead"]),
        ("Death toll in Colorado floods rises to four", "en", ["dead"]),
        ("The death toll rose to 18, and 30 were injured.", "en", ["dead", "injured"]),
        ("Le bilan est passé à 18.", "fr", ["dead"]),
        # the noun after the count says what it counts
        ("Le bilan fait état de 18 blessés.", "fr", ["injured"]),
        ("Le bilan est de 3 morts et 18 blessés.", "fr", ["dead", "injured"]),
    ],
)
def test_a_count_after_a_death_toll_counts_the_dead(text: str, lang: str, units: list[str]) -> None:
    assert [f.unit for f in extract_figures(text, lang)] == units


@pytest.mark.parametrize(
    ("text", "lang", "unit"),
    [
        ("Police arrested 12 Monday night.", "en", None),
        ("Gunmen killed 12 Monday in the north.", "en", "dead"),
        ("Ils étaient 300 samedi devant la mairie.", "fr", None),
        ("He scored 30 points Sunday.", "en", "~point"),
    ],
)
def test_a_day_after_a_count_is_not_what_it_counts(text: str, lang: str, unit: str | None) -> None:
    assert extract_figures(text, lang)[0].unit == unit


def _ids(text: str, language: str) -> list[tuple[str, str | None, float | None]]:
    return [(f.text, f.unit, f.value) for f in extract_figures(text, language)]


def test_not_counts() -> None:
    # ids name one thing: read as figures that only line up with the same label
    assert _ids("Russia supplied the S-300 system and F-16 jets.", "en") == [
        ("S-300", "#s", 300.0),
        ("F-16", "#f", 16.0),
    ]
    assert extract_figures("Louis XIV built Versailles.", "fr") == []
    assert extract_figures("Call 01 23 45 67 89 now.", "en") == []
    assert _ids("UN Security Council Resolution 2254 was adopted.", "en") == [
        ("Resolution 2254", "#", 2254.0)
    ]
    assert extract_figures("It was the 1st time; c'est la 2e fois.", "en") == []
    assert _ids("Flight MH17 and COVID-19.", "en") == [
        ("MH17", "#mh", 17.0),
        ("COVID-19", "#covid", 19.0),
    ]
    assert extract_figures("One soldier was hurt.", "en") == []
    assert extract_figures("Un soldat a été blessé.", "fr") == []


def test_empty_and_plain_text() -> None:
    assert extract_figures("", "en") == []
    assert extract_figures("The talks were useful.", "en") == []


# --- percentages, quantities, money, durations -------------------------------------------------


def test_percentages() -> None:
    a = one("Unemployment fell to 12.5 percent.", "en")
    b = one("Le chômage est tombé à 12,5 %.", "fr")
    c = one("Le chômage est tombé à 12,5 pour cent.", "fr")
    assert a.kind == b.kind == c.kind == "percent"
    assert compare_figures(a, b) == compare_figures(b, c) == "agree"
    assert one("It rose by 2 percentage points.", "en").unit == "pp"


def test_a_conversion_in_parentheses_is_one_quantity() -> None:
    f = one("They must stay 60 kilometers (37 miles) from the border.", "en")
    assert f.kind == "quantity" and f.unit == "km" and f.value == 60
    assert f.text == "60 kilometers (37 miles)"
    miles = one("They must stay 37 miles from the border.", "en")
    assert miles.value == pytest.approx(59.55, rel=0.01)
    assert compare_figures(f, miles) == "agree"
    assert compare_figures(one("It is 60 km away.", "en"), one("It is 62 km away.", "en")) == (
        "differs"
    )


def test_ranges_and_units() -> None:
    rng = one("They stay five to 20 kilometers from the border.", "en")
    assert (rng.low, rng.high, rng.value, rng.unit) == (5, 20, 12.5, "km")
    fr = one("Ils restent entre 5 et 20 km de la frontière.", "fr")
    assert (fr.low, fr.high) == (5, 20)
    assert compare_figures(rng, fr) == "agree"
    assert compare_figures(one("It is 60 km away.", "en"), rng) == "differs"
    assert compare_figures(one("It is 10 km away.", "en"), rng) == "refines"
    assert one("Winds reached 150 km/h.", "en").unit == "km/h"
    assert one("Le feu a brûlé 5 000 hectares.", "fr").unit == "km2"
    assert one("The tanker held 2 million barrels.", "en").unit == "l"


def test_money() -> None:
    usd = one("The government gave $5 million.", "en")
    assert (usd.kind, usd.unit, usd.value) == ("money", "usd", 5e6)
    assert compare_figures(usd, one("Le gouvernement a donné 5 millions de dollars.", "fr")) == (
        "agree"
    )
    eur = one("The EU pledged €3bn.", "en")
    assert (eur.unit, eur.value) == ("eur", 3e9)
    assert compare_figures(eur, one("L'UE a promis 3 milliards d'euros.", "fr")) == "agree"
    assert compare_figures(eur, one("L'UE a promis 4 milliards d'euros.", "fr")) == "differs"
    assert one("Tickets cost £20.", "en").unit == "gbp"
    assert one("Le budget est de 1 500 € par mois.", "fr").unit == "eur/month"
    assert compare_figures(usd, one("Le gouvernement a donné 5 millions d'euros.", "fr")) == (
        "differs"
    )


def test_durations() -> None:
    a = one("The meeting lasted an hour and a half.", "en")
    b = one("La réunion a duré une heure et demie.", "fr")
    assert a.kind == b.kind == "duration" and a.value == b.value == 5400
    assert (
        compare_figures(
            one("He spent two years in jail.", "en"), one("Il a passé 24 mois en prison.", "fr")
        )
        == "agree"
    )
    assert (
        compare_figures(
            one("He spent two years in jail.", "en"), one("Il a passé trois ans en prison.", "fr")
        )
        == "differs"
    )
    # An age is an age, not a duration: it compares with "65 ans" and "aged 65" (issue 12).
    age = one("The 65-year-old man was arrested.", "en")
    assert (age.kind, age.unit, age.value) == ("quantity", "age", 65)


# --- dates ----------------------------------------------------------------------------------------


def test_full_dates_in_both_languages() -> None:
    a = one("It happened on May 9, 2018.", "en")
    b = one("C'est arrivé le 9 mai 2018.", "fr")
    assert a.kind == b.kind == "date"
    assert a.low == a.high == day("2018-05-09")
    assert compare_figures(a, b) == "agree"
    assert one("Le 1er janvier 2020, tout a changé.", "fr").low == day("2020-01-01")
    assert one("On 12 December 2019 they voted.", "en").low == day("2019-12-12")


def test_years_and_since() -> None:
    a = one("La Russie a commencé à déployer ses forces en Syrie en 2015.", "fr")
    b = one("Russia has been involved in the war in Syria since 2015.", "en")
    assert compare_figures(a, b) == "agree"
    assert (a.low, a.high) == (day("2015-01-01"), day("2015-12-31"))
    assert compare_figures(a, one("Elle a commencé en 2016.", "fr")) == "differs"
    assert compare_figures(a, one("It began on May 9, 2015.", "en")) == "refines"


def test_a_bare_year_range_number_counting_something_is_a_count() -> None:
    assert one("Some 1500 soldiers were deployed.", "en").kind == "figure"
    assert one("It cost $2015.", "en").kind == "money"


def test_month_day_without_year_and_month_alone() -> None:
    jan17 = one("On January 17, officials held talks.", "en")
    janvier = one("Un accord a été conclu en janvier.", "fr")
    assert jan17.unit == janvier.unit == "date:md"
    assert compare_figures(jan17, janvier) == "refines"
    assert compare_figures(jan17, one("Le 17 février, ils se sont vus.", "fr")) == "differs"
    assert compare_figures(jan17, one("Le 17 janvier, ils se sont vus.", "fr")) == "agree"
    assert figure_granularity(jan17) == "day" and figure_granularity(janvier) == "month"


def test_weekdays_resolve_to_the_most_recent_on_or_before_the_reference() -> None:
    # 2019-01-30 is a Wednesday
    tue = one("Talks were held on Tuesday.", "en", "2019-01-30")
    mardi = one("Les pourparlers ont eu lieu mardi.", "fr", "2019-01-30")
    assert tue.low == mardi.low == day("2019-01-29")
    assert one("Il est arrivé mercredi.", "fr", "2019-01-30").low == day("2019-01-30")
    unresolved = one("Talks were held on Tuesday.", "en")
    assert unresolved.unit == "date:wd" and unresolved.value == 1
    assert compare_figures(unresolved, one("Le vote a eu lieu mardi.", "fr")) == "agree"
    assert compare_figures(unresolved, one("Le vote a eu lieu jeudi.", "fr")) == "differs"
    assert compare_figures(tue, one("Ils se sont vus le 29 janvier.", "fr", "2019-01-30")) == (
        "agree"
    )


def test_a_date_after_an_intention_or_a_delay_is_after_the_reference() -> None:
    # an article of 11 April 2019: the deadline agreed that day is the coming 31 October
    ahead, behind = day("2019-10-31"), day("2018-10-31")
    for text, language in (
        ("EU leaders agree to delay Brexit until October 31.", "en"),
        ("Johnson vowed to leave on October 31.", "en"),
        ("The vote was postponed until October 31.", "en"),
        ("Les Vingt-Sept acceptent de reporter le Brexit au 31 octobre.", "fr"),
        ("Le vote est reporté au 31 octobre.", "fr"),
    ):
        assert one(text, language, "2019-04-11").low == ahead, text
    # what happened on a date stays in the past, delay or not
    for text, language in (
        ("Brexit was delayed on October 31.", "en"),
        ("Le vote a été reporté le 31 octobre.", "fr"),
    ):
        assert one(text, language, "2019-04-11").low == behind, text


def test_a_weekday_in_the_future_tense_or_after_next_is_after_the_reference() -> None:
    # 2019-01-30 is a Wednesday: the coming Thursday is the 31st, the last one the 24th
    thursday, last = day("2019-01-31"), day("2019-01-24")
    ahead = [
        ("They will meet Putin in Moscow on Thursday.", "en"),
        ("The vote is scheduled for Thursday.", "en"),
        ("The vote is set for Thursday.", "en"),
        ("Ils se réuniront jeudi.", "fr"),
        ("La réunion aura lieu jeudi.", "fr"),
        ("Le texte doit être voté jeudi.", "fr"),
    ]
    for text, language in ahead:
        assert one(text, language, "2019-01-30").low == thursday, text
    # "next" and "prochain" are in the figure and skip the article's own day
    nxt = one("They meet next Wednesday.", "en", "2019-01-30")
    assert (nxt.text, nxt.low) == ("next Wednesday", day("2019-02-06"))
    prochain = one("Ils se verront jeudi prochain.", "fr", "2019-01-30")
    assert (prochain.text, prochain.low) == ("jeudi prochain", thursday)
    # the past stays the past; "last" and "dernier" skip the article's own day too
    for text, language in (
        ("They met on Thursday.", "en"),
        ("Ils se sont réunis jeudi dernier.", "fr"),
        ("They will discuss the strike, which began on Thursday.", "en"),
        ("Le front a cédé jeudi.", "fr"),
        ("The record set on Thursday stands.", "en"),
    ):
        assert one(text, language, "2019-01-30").low == last, text
    assert one("They met last Wednesday.", "en", "2019-01-30").low == day("2019-01-23")
    # two outlets a week apart on one meeting: announced, then reported
    before = one("Ministers will vote on Thursday.", "en", "2019-01-29")
    after = one("Les ministres ont voté jeudi.", "fr", "2019-02-01")
    assert before.low == after.low == thursday


def test_a_month_in_the_future_tense_or_after_next_is_not_one_already_over() -> None:
    # written on 2019-01-30: the nearest November is the last one, unless the clause says will
    assert one("They voted in November.", "en", "2019-01-30").low == day("2018-11-01")
    assert one("Elections will be held in November.", "en", "2019-01-30").low == day("2019-11-01")
    assert one("Ils voteront le 12 décembre.", "fr", "2019-01-30").low == day("2019-12-12")
    assert one("They will vote in January.", "en", "2019-01-30").low == day("2019-01-01")
    nxt = one("They meet next January.", "en", "2019-01-30")
    assert (nxt.text, nxt.low) == ("next January", day("2020-01-01"))
    day19 = one("They meet again next February 19.", "en", "2019-01-30")
    assert (day19.text, day19.low) == ("next February 19", day("2019-02-19"))
    prochain = one("Le vote aura lieu en mars prochain.", "fr", "2019-01-30")
    assert (prochain.text, prochain.low) == ("mars prochain", day("2019-03-01"))
    assert one("They met last March.", "en", "2019-01-30").low == day("2018-03-01")


def test_relative_dates() -> None:
    last = one("Prices rose last month.", "en", "2019-01-10")
    assert (last.low, last.high) == (day("2018-12-01"), day("2018-12-31"))
    assert (
        compare_figures(last, one("Les prix ont augmenté le mois dernier.", "fr", "2019-01-10"))
        == "agree"
    )
    a = one("Prices rose last month.", "en")
    b = one("Les prix ont augmenté le mois dernier.", "fr")
    assert a.unit == b.unit == "date:rel:month"
    assert compare_figures(a, b) == "agree"
    assert compare_figures(a, one("Les prix ont augmenté la semaine dernière.", "fr")) == "differs"
    assert one("Il est parti hier.", "fr", "2019-01-10").low == day("2019-01-09")
    nov = one("The deal was signed last November.", "en", "2018-06-17")
    assert nov.low == day("2017-11-01")


def test_french_days_named_from_the_article_date() -> None:
    # "aujourd'hui" is three tokens (aujourd, the apostrophe, hui), with either apostrophe
    for text, offset in (
        ("Il est arrivé aujourd'hui.", 0),
        ("Il est arrivé aujourd’hui.", 0),
        ("Il est arrivé avant-hier.", -2),
        ("Il est arrivé avant hier.", -2),
        ("Il arrivera après-demain.", 2),
    ):
        assert one(text, "fr", "2019-01-10").low == day("2019-01-10") + offset, text
    today = one("He arrived today.", "en", "2019-01-10")
    assert compare_figures(today, one("Il est arrivé aujourd'hui.", "fr", "2019-01-10")) == "agree"


def test_may_is_a_month_only_in_context() -> None:
    assert one("The clash on May 10 was brief.", "en").unit == "date:md"
    assert extract_figures("Theresa May met Angela Merkel.", "en") == []
    assert extract_figures("Prices may rise.", "en") == []


def test_decades_day_ranges_and_times() -> None:
    a = one("The region was devastated in the 1990s.", "en")
    b = one("La région a été dévastée dans les années 1990.", "fr")
    assert compare_figures(a, b) == "agree" and a.high == day("1999-12-31")
    # two digits, in both languages: a decade, not 80 seconds nor a day of the month
    for text, language in (
        ("It has been going on since the 80s.", "en"),
        ("It has been going on since the '80s.", "en"),
        ("It was made in the early 80's.", "en"),
        ("Cela dure depuis les années 80.", "fr"),
    ):
        eighties = one(text, language)
        assert (eighties.low, eighties.high) == (day("1980-01-01"), day("1989-12-31")), text
    assert one("Jazz rose in the 20s.", "en").low == day("1920-01-01")
    assert one("Dans les années 20, le jazz.", "fr").low == day("1920-01-01")
    # the second of two decades, as English writes it ("the 1930s and 1940s")
    for text in ("Dans les années 30 et 40, il a été élu.", "dans les années 1930 et 1940"):
        first, second = extract_figures(text, "fr")
        assert (first.low, second.high) == (day("1930-01-01"), day("1949-12-31")), text
    assert one("It was made in the 1960's.", "en").high == day("1969-12-31")
    assert one("They are in their 80s.", "en").kind != "date"  # an age, not a decade
    r = one("Xi will visit France from May 5 to 7, 2024.", "en")
    assert (r.low, r.high) == (day("2024-05-05"), day("2024-05-07"))
    assert (
        compare_figures(
            one("Pope Francis will visit on September 22 and 23.", "en"),
            one("Le pape viendra les 22 et 23 septembre.", "fr"),
        )
        == "agree"
    )
    am = one("It exploded at 10:30 a.m.", "en")
    h = one("Elle a explosé à 10h30.", "fr")
    assert am.unit == h.unit == "time" and am.value == h.value == 630
    assert (
        one("The session resumed at 3 p.m.", "en").value
        == one("La séance a repris à 15 heures.", "fr").value
    )
    assert one("Je serai là jusqu'à quatre heures.", "fr").unit == "time"


def test_reference_date_errors() -> None:
    with pytest.raises(InputError):
        extract_figures("On Tuesday.", "en", "30/01/2019")
    with pytest.raises(InputError):
        extract_figures("On Tuesday.", "en", "2019-02-30")
    assert parse_reference_date("2019-01-30T10:00:00Z") == dt.date(2019, 1, 30)
    assert parse_reference_date(None) is None


# --- comparison ----------------------------------------------------------------------------------


def test_compare_numbers() -> None:
    hundreds = one("Hundreds of people fled.", "en")
    assert compare_figures(hundreds, one("Des centaines de personnes ont fui.", "fr")) == "agree"
    assert compare_figures(hundreds, one("Some 300 people fled.", "en")) == "refines"
    assert compare_figures(hundreds, one("1,500 people fled.", "en")) == "differs"
    assert compare_figures(one("12 dead", "en"), one("15 morts", "fr")) == "differs"
    assert compare_figures(one("over 400 people", "en"), one("450 people", "en")) == "refines"
    assert compare_figures(one("over 400 people", "en"), one("more than 500 people", "en")) == (
        "differs"
    )
    assert compare_figures(one("about 400 people", "en"), one("420 people", "en")) == "refines"
    # different kinds never agree
    assert compare_figures(one("12 people", "en"), one("12 %", "fr")) == "differs"


def test_affinity_pairs_like_with_like() -> None:
    dead = one("The attack left 12 dead.", "en")
    morts = one("L'attaque a fait 15 morts.", "fr")
    soldiers = one("The army sent 15 soldiers.", "en")
    aff = figure_affinity(dead, morts)
    assert aff is not None and aff[1]
    weak = figure_affinity(dead, soldiers)  # dead vs soldiers: only if nothing else is left
    assert weak is not None and not weak[1]
    strikes = one("Israel carried out 15 air strikes.", "en")
    assert figure_affinity(strikes, soldiers) is None
    year = one("It began in 2015.", "en")
    tuesday = one("It ended on Tuesday.", "en", "2019-01-30")
    assert figure_affinity(year, tuesday) is None  # a day and an unrelated year
    pct = one("It rose 5 %.", "fr")
    assert figure_affinity(pct, dead) is None


# --- language data -------------------------------------------------------------------------------


def test_every_language_has_the_same_figure_tables_and_rules() -> None:
    """``lang/<code>/figures.toml``: the same keys in every section (the top level is checked for
    every table in test_lang.py), so a reader given one language's data never misses a rule."""
    sections = {code: lang.table(code, "figures") for code in lang.LANGUAGES}
    first = sections[lang.LANGUAGES[0]]
    # sections keyed by what they name (a rule, a unit, a concept), not by words of the language
    for name in ("reading", "qualifiers", "units", "durations", "currencies", "counted"):
        for code, tables in sections.items():
            assert set(tables[name]) == set(first[name]), f"lang/{code}/figures.toml [{name}]"


def test_every_unit_and_duration_has_its_factor() -> None:
    shared = lang.shared_table("figures")
    for code in lang.LANGUAGES:
        assert set(lang.table(code, "figures")["units"]) <= set(shared["units"]), code
        assert set(lang.table(code, "figures")["durations"]) <= set(shared["durations"]), code


def test_a_language_without_data_is_read_as_english() -> None:
    text = "1,200 people were evacuated on May 5."
    assert extract_figures(text, "de") == extract_figures(text, "en")


def test_the_figure_readers_never_name_a_language() -> None:
    """Language is data: no module of the figures package tests which language it reads."""
    package = resources.files("claimcheck.core.extract.figures")
    for module in package.iterdir():
        if module.name.endswith(".py"):
            source = module.read_text(encoding="utf-8")
            assert "french" not in source and '== "fr"' not in source, module.name


@pytest.mark.parametrize(
    ("text", "language", "years"),
    [
        ("Sgt. Ernest Bucklew, 33, was coming home.", "en", 33),
        ("Le sergent Ernest Bucklew, 44 ans, rentrait chez lui.", "fr", 44),
        ("Malcolm Glazer dies at 85", "en", 85),
        ("Malcolm Glazer meurt à 111 ans", "fr", 111),
        ("He was aged 40 when he left.", "en", 40),
        ("Elle est âgée de 33 ans.", "fr", 33),
        ("a 65-year-old man", "en", 65),
        ("Decter a 85 ans.", "fr", 85),
        ("Il avait 30 ans quand il est mort.", "fr", 30),
        ("Un garçon de 14 ans a été arrêté.", "fr", 14),
        ("Une adolescente de 15 ans a été blessée.", "fr", 15),
        ("Le docteur Li Wenliang meurt du virus à 33 ans.", "fr", 33),
        ("He died of the disease at 33.", "en", 33),
    ],
)
def test_ages_are_read_as_ages_in_both_languages(text: str, language: str, years: int) -> None:
    age = one(text, language)
    assert (age.kind, age.unit, age.value) == ("quantity", "age", years)


def test_an_age_and_a_duration_or_a_count_are_not_confused() -> None:
    # a verb of dying a few words back makes "at 85" an age, not "at 85 km/h"
    assert one("The man who died was hit at 85 km/h.", "en").unit == "km/h"
    assert one("The war lasted 14 years.", "en").kind == "duration"
    assert one("pendant 3 ans", "fr").kind == "duration"
    assert one("In Paris, 300 people marched.", "en").unit == "people"
    a, b = one("Hume Cronyn, 91, died.", "en"), one("Hume Cronyn, 121 ans, est mort.", "fr")
    assert compare_figures(a, b) == "differs"


@pytest.mark.parametrize("day", ["38", "32"])
def test_an_impossible_date_is_a_date_that_differs_from_a_real_one(day: str) -> None:
    real = one("She was born on 13 June 1990.", "en")
    impossible = one(f"Elle est née le {day} juin 1990.", "fr")
    assert impossible.kind == "date"
    assert compare_figures(real, impossible) == "differs"


def test_ids_and_scores_differ_only_from_the_same_label() -> None:
    boeing, other = one("The Boeing 737 crashed.", "en"), one("The Boeing 747 crashed.", "en")
    assert compare_figures(boeing, other) == "differs"
    assert figure_affinity(boeing, one("The Airbus 737 crashed.", "en")) is None
    assert compare_figures(boeing, one("Le Boeing 737 s'est écrasé.", "fr")) == "agree"
    assert compare_figures(one("Leeds won 3-1.", "en"), one("Leeds won 3-2.", "en")) == "differs"
    assert one("Leeds won 3-1 at home.", "en").unit == "#score"
    assert one("Il a battu Nadal 6 : 4.", "fr").unit == "#score"
    # ranges go up and count something; times are glued
    assert one("Between 5-10 people were hurt.", "en").unit != "#score"
    assert one("It lasted 10 - 15 years.", "en").unit != "#score"
    assert one("It starts at 6:45 pm.", "en").unit == "time"
    # a lost set in a list of sets is still a score
    assert [f.unit for f in extract_figures("She won 6-4, 1-6, 7-6.", "en")] == ["#score"] * 3


def test_years_before_1800_where_a_year_is_expected() -> None:
    assert one("It was granted in 1544 to John.", "en").kind == "date"
    assert one("Il a été accordé en 1544 à John.", "fr").kind == "date"
    assert [f.kind for f in extract_figures("James Huntly (1553 - 1641), a Jesuit.", "en")] == [
        "date",
        "date",
    ]
    assert one("He was consecrated on 16 May 1485.", "en").kind == "date"
    assert one("1500 soldiers were sent.", "en").kind == "figure"
    # a year one side reads as a bare number still lines up with the other side's year
    assert (
        compare_figures(one("It opened in 1790.", "en"), one("Ouverte en 2327.", "fr")) == "differs"
    )


def test_ages_said_with_a_person_or_of() -> None:
    assert one("L'homme de 56 ans a été arrêté.", "fr").unit == "age"
    assert one("She moved to Stockholm at the age of 19.", "en").unit == "age"
    assert one("Un contrat de 10 ans.", "fr").kind == "duration"


def test_french_avoir_and_years_is_an_age_but_not_ago_nor_years_of_something() -> None:
    assert compare_figures(one("Decter is 85 years old.", "en"), one("Decter a 85 ans.", "fr")) == (
        "agree"
    )
    assert one("Il y a 85 ans, la guerre commençait.", "fr").kind == "duration"  # ago
    assert one("Sa peine a été réduite à 5 ans.", "fr").kind == "duration"  # à, not a
    assert one("Il a 21 ans de carrière.", "fr").kind == "duration"
    assert one("L'entreprise a 85 ans d'existence.", "fr").kind == "duration"


def test_dates_with_a_comma_a_late_year_or_after_a_name() -> None:
    assert one("It was broadcast on 1 February, 2013.", "en").text == "1 February, 2013"
    assert one("Elle est arrivée le 2 novembre 2120.", "fr").text == "2 novembre 2120"
    assert one("He was picked in the NBA Draft 1970.", "en").kind == "date"
    assert one("She returned to Oran 25 August.", "en").kind == "date"
    a, b = one("He ruled from 2001 to 2005.", "en"), one("He ruled from 2004 to 2005.", "en")
    assert compare_figures(a, b) == "differs"


def test_a_decade_of_life_is_an_age_range_not_seconds_nor_a_decade() -> None:
    for text in ("The victims were in their 80s.", "A man in his late 80's died."):
        age = one(text, "en")
        assert (age.kind, age.unit, age.low, age.high) == ("quantity", "age", 80, 89), text
    assert compare_figures(one("She is in her 80s.", "en"), one("Elle a 84 ans.", "fr")) in (
        "agree",
        "refines",
    )
    assert compare_figures(one("She is in her 80s.", "en"), one("Elle a 74 ans.", "fr")) == (
        "differs"
    )
    # the decade of the calendar stays one
    assert one("It has been going on since the late 80s.", "en").kind == "date"


def test_an_age_after_a_person_noun_and_a_comma() -> None:
    age = one("La victime, 84 ans, est morte.", "fr")
    assert (age.kind, age.unit, age.value) == ("quantity", "age", 84)


def test_a_year_made_approximate_is_still_a_year() -> None:
    for text in ("It was built circa 1748.", "It was built in about 1748.", "since around 1990"):
        year = one(text, "en")
        assert (year.kind, year.approximate) == ("date", True), text
    assert compare_figures(
        one("It was built circa 1748.", "en"), one("Construite vers 1748.", "fr")
    ) == ("agree")
    # a qualifier alone before four digits may count something
    assert one("The church was built about 1748.", "en").kind == "figure"
    assert one("In about 1500 villages, it rained.", "en").kind == "figure"


def test_a_definite_two_is_both_not_a_count() -> None:
    for text, language in (
        ("The two leaders discussed Syria.", "en"),
        ("Les deux parties ont évoqué la coordination.", "fr"),
    ):
        assert extract_figures(text, language) == [], text
    # a count, a larger number or a measure after the same words stays
    assert one("Two soldiers were killed.", "en").value == 2
    assert one("The two million refugees returned.", "en").value == 2_000_000
    assert one("Les deux cents soldats sont partis.", "fr").value == 200
    assert one("The two-day visit ended.", "en").kind == "duration"


def test_a_range_of_days_after_between_is_a_date() -> None:
    en = one("They left between 14 and 24 September 2001.", "en")
    fr = one("Ils sont partis entre le 14 et le 24 septembre 2001.", "fr")
    assert (en.kind, fr.kind) == ("date", "date")
    assert compare_figures(en, fr) == "agree"
    assert one("the 14th and the 24th of September", "en").kind == "date"
    # a range of numbers that counts something stays a count
    assert one("between 14 and 24 people", "en").unit == "people"


def test_a_rate_or_an_ordinal_after_an_article_is_no_duration() -> None:
    for text in (
        "The Zenith hosts 1000 concerts a year.",
        "They make $2903 a month.",
        "twice a week",
    ):
        assert [f.kind for f in extract_figures(text, "en")].count("duration") == 0, text
    assert extract_figures("A second one just hit the tower.", "en") == []
    assert extract_figures("Il est venu une seconde fois.", "fr") == []
    # a duration written with an article stays one
    assert one("It lasted a week.", "en").kind == "duration"
    jailed = extract_figures("In 2019 he was jailed for a year.", "en")
    assert [(f.kind, f.value) for f in jailed][1] == ("duration", 31557600)


def test_a_unit_after_an_article_right_after_a_figure_is_a_rate_not_one_unit() -> None:
    for text in (
        "Americans will pay an average of $2.60 a gallon in 2020.",
        "Brent rose to 65 dollars a barrel.",
        "Steel costs $600 a ton.",
    ):
        kinds = [f.kind for f in extract_figures(text, "en")]
        assert kinds.count("quantity") == 0 and "money" in kinds, text
    # a measure with a number stays one
    assert one("The lorry carried 2 tons.", "en").kind == "quantity"


def test_a_duration_with_an_adjective_before_its_unit_in_french() -> None:
    fr = one("au cours des quatre derniers mois", "fr")
    assert fr.kind == "duration"
    assert compare_figures(fr, one("in the past four months", "en")) == "agree"


def test_two_clock_times_after_between() -> None:
    for text, language in (
        ("Between 6:45 and 7:40, they boarded.", "en"),
        ("Entre 6h45 et 7h40, ils sont montés.", "fr"),
    ):
        assert [(f.unit, f.value) for f in extract_figures(text, language)] == [
            ("time", 405),
            ("time", 460),
        ], text


def test_the_first_two_is_a_count_and_both_in_more_french_forms() -> None:
    assert one("les deux premiers matchs", "fr").value == 2
    for text in ("Elles regardent toutes deux le ciel.", "des responsables des deux pays"):
        assert extract_figures(text, "fr") == [], text


def test_a_month_of_a_year_and_a_day_of_a_month() -> None:
    en = one("It was performed in July of 2003.", "en")
    assert compare_figures(en, one("Il a été joué en juillet 2003.", "fr")) == "agree"
    assert one("They met on the 17th of January.", "en").value == one("le 17 janvier", "fr").value
    # an ordinal of anything else stays no figure
    assert extract_figures("She came 3rd of the group.", "en") == []


def test_decades_written_in_words() -> None:
    seventies = one("It was popular in the seventies.", "en")
    assert seventies.kind == "date"
    for fr in ("dans les années soixante-dix", "dans les années 70"):
        assert compare_figures(seventies, one(fr, "fr")) == "agree", fr
    assert compare_figures(seventies, one("the 1980s", "en")) == "differs"
    # an age in words is no decade of the calendar
    assert one("a man in his late sixties", "en").unit == "age"


def test_an_amount_per_period_is_a_rate() -> None:
    hourly = one("The minimum wage rises to 11.52 euros an hour.", "en")
    assert (hourly.unit, hourly.value) == ("eur/hour", 11.52)
    assert compare_figures(hourly, one("Le smic passe à 11,52 euros de l'heure.", "fr")) == "agree"
    assert compare_figures(hourly, one("Le smic passe à 11,52 euros par jour.", "fr")) == "differs"
    # the same amount with no period is the same figure, less precise
    assert compare_figures(
        one("It costs $26,500 a year.", "en"), one("It costs $26,500.", "en")
    ) == ("refines")
    assert one("Shares rose to $5 a share.", "en").unit == "usd"


def test_approximate_ages_in_words_in_both_languages() -> None:
    thirties = one("A man in his thirties was arrested.", "en")
    assert (thirties.unit, thirties.low, thirties.high) == ("age", 30, 39)
    about = one("Un homme d'une trentaine d'années a été arrêté.", "fr")
    assert about.unit == "age"
    assert compare_figures(thirties, about) == "refines"
    assert compare_figures(thirties, one("Un homme de 34 ans a été arrêté.", "fr")) == "refines"
    assert compare_figures(thirties, one("Un homme de 54 ans a été arrêté.", "fr")) == "differs"
    # about thirty years that are no one's age stay a duration
    assert one("Il y a une trentaine d'années, la ville était petite.", "fr").kind == "duration"


def test_french_hours_of_the_day_and_durations_with_an_adjective() -> None:
    assert (
        one("Il était une heure du matin.", "fr").unit,
        one("Il était une heure du matin.", "fr").value,
    ) == ("time", 60)
    pm = one("à trois heures de l'après-midi", "fr")
    assert compare_figures(pm, one("at 3 pm", "en")) == "agree"
    assert one("La réunion a duré une heure.", "fr").kind == "duration"
    assert (
        compare_figures(
            one("He stays for three more years.", "en"),
            one("Il reste pendant trois ans de plus.", "fr"),
        )
        == "agree"
    )
    assert extract_figures("Il a été élu pour un second mandat.", "fr") == []


def test_ordinals_in_words_are_no_counts_and_year_olds_are_ages() -> None:
    for text, language in (
        ("It was the twenty-first century.", "en"),
        ("C'est le trente-deuxième épisode.", "fr"),
        ("le vingt-et-unième siècle", "fr"),
        ("le vingt et unième siècle", "fr"),
    ):
        assert extract_figures(text, language) == [], text
    assert one("Trente-deux soldats sont morts.", "fr").value == 32
    assert one("Vingt et un soldats sont morts.", "fr").value == 21
    olds = one("Five year olds are poor conversationalists.", "en")
    assert compare_figures(
        olds, one("Les enfants de cinq ans sont de mièvres causeurs.", "fr")
    ) == ("agree")


def test_a_headline_age_a_verb_that_is_a_magnitude_and_dozens_in_french() -> None:
    aged = one("World's Oldest Man Ever Dies Aged 116", "en")
    assert (aged.unit, aged.value) == ("age", 116)
    assert [f.value for f in extract_figures("Messi scores 4 goals.", "en")] == [4]
    assert (
        compare_figures(
            one("Several dozen British nationals left.", "en"),
            one("Plusieurs douzaines de ressortissants britanniques sont partis.", "fr"),
        )
        == "agree"
    )


def test_twice_is_two_times_and_yens_are_money() -> None:
    assert compare_figures(
        one("He played twice for the Navy.", "en"), one("Il joua deux fois.", "fr")
    ) == ("agree")
    assert one("Le dollar était à 116,92 yens.", "fr").unit == "jpy"


def test_dates_written_in_digits_in_each_language_order() -> None:
    # "11/09/2001" is the day first in French, the month first in English; 13 settles it
    assert one("Le 11/09/2001, des avions.", "fr").low == day("2001-09-11")
    assert one("On 9/11/2001, planes hit.", "en").low == day("2001-09-11")
    assert one("On 13/11/2015, gunmen attacked.", "en").low == day("2015-11-13")
    assert one("Protests began 2011-03-15 in Deraa.", "en").low == day("2011-03-15")
    # the day a language names in digits alone, and French "le 11-Septembre"
    for text, language in (
        ("After 9/11 the effort grew.", "en"),
        ("Après le 11/9, l'effort a crû.", "fr"),
        ("Après le 11-Septembre, l'effort a crû.", "fr"),
        ("Il est arrivé le 11/9.", "fr"),
    ):
        date = one(text, language)
        assert (date.kind, date.unit, date.low) == ("date", "date:md", 911), text
    # a fraction or a list of numbers is no date
    assert all(f.kind != "date" for f in extract_figures("a 2/3 majority", "en"))


def test_clock_times_approximate_or_with_spaced_minutes() -> None:
    for text, language in (
        ("At about 10:15, the chief confirmed it.", "en"),
        ("Vers 10 h 15, le chef l'a confirmé.", "fr"),
    ):
        time = one(text, language)
        assert (time.kind, time.unit, time.value) == ("date", "time", 615), text
    early = one("Il était environ 4 heures du matin.", "fr")
    assert (early.unit, early.value, early.approximate) == ("time", 240, True)
    # still a duration when no hour of the day is said
    assert one("Il a roulé environ 4 heures.", "fr").kind == "duration"


def test_dozens_multiplied_ranges_in_words_and_years_between() -> None:
    dozen = one("More than two dozen people were involved.", "en")
    assert (dozen.low, dozen.high) == (24, None)
    assert one("près de deux douzaines de militants", "fr").high == 24
    men = one("between thirty and fifty adult men", "en")
    assert (men.low, men.high) == (30, 50)
    years = one("entre 2005 et 2009, il a joué", "fr")
    assert (years.kind, years.low, years.high) == ("date", day("2005-01-01"), day("2009-12-31"))
    # a count that ends the range keeps it a count
    assert one("between 2005 and 2009 people", "en").kind == "figure"


def test_ages_said_with_when_and_in_more_french_forms() -> None:
    for text, language in (
        ("He migrated with his family when he was ten.", "en"),
        ("When Kangxi (Oboi) was sixteen, he eliminated the traitor.", "en"),
        ("Lorsqu'il a eu seize ans, il élimina le traître.", "fr"),
        ("À seize ans, Kangxi supprima le traître.", "fr"),
    ):
        age = one(text, language)
        assert (age.kind, age.unit) == ("quantity", "age"), text
    assert one("when there were 10 soldiers", "en").unit != "age"
    assert one("Il a été condamné à 5 ans, a-t-il dit.", "fr").kind == "duration"


def test_a_number_word_capitalised_inside_a_sentence_is_part_of_a_name() -> None:
    for text in (
        "It merged with the Four Rivers Council.",
        "In 2014, Network Ten announced a new presenter.",
        "Les Vingt-Sept n'ont pas réussi à s'entendre.",
    ):
        language = "fr" if "Les" in text else "en"
        assert all(f.kind != "figure" for f in extract_figures(text, language)), text
    # a headline in title case still counts, and so does a sentence's first word
    assert one("Four Killed In Blast As Protests Spread", "en").value == 4
    assert one("Four people were killed.", "en").value == 4


def test_phone_numbers_with_dashes_or_dots_are_no_figures() -> None:
    for text, language in (
        ("Reach the reporter at 334-240-0185 or by mail.", "en"),
        ("Call 555-0199 now.", "en"),
        ("Appelez le 01.23.45.67.89 pour en savoir plus.", "fr"),
    ):
        assert extract_figures(text, language) == [], text
    # a range and a score stay figures
    assert one("between 5-10 people", "en").high == 10
    assert one("Ils ont gagné 3-1.", "fr").unit == "#score"
    assert one("Le 11.09.2001, des avions.", "fr").low == day("2001-09-11")


def test_a_weekday_with_a_day_and_no_month_is_one_date() -> None:
    text = "L'incident s'est déroulé dans la nuit du mardi 24 au mercredi 25 mars."
    first, second = extract_figures(text, "fr", "2020-03-26")
    assert (first.text, first.low) == ("mardi 24", day("2020-03-24"))
    assert second.low == day("2020-03-25")
    # without the article's date the weekday stays, and the day is no count
    assert [f.kind for f in extract_figures(text, "fr")] == ["date", "date"]
    # a count after a weekday stays a count
    assert [f.kind for f in extract_figures("Mardi 24 personnes sont mortes.", "fr")] == [
        "date",
        "figure",
    ]


def test_an_age_in_brackets_a_footnote_mark_and_an_article_before_a_letter() -> None:
    age = one("Richard McNally (31) was annoyed about a bike.", "en")
    assert (age.kind, age.unit, age.value) == ("quantity", "age", 31)
    # one capitalised word before the brackets may be a team's count
    assert one("with only Chelsea (9) within touching distance", "en").unit != "age"
    assert extract_figures("legal for adults[1] in several states", "en") == []
    # "A&M" is no metre
    assert all(f.kind != "quantity" for f in extract_figures("at Texas A&M University", "en"))
    assert one("an acre of land", "en").kind == "quantity"


def test_an_approximate_age_after_aged_in_french() -> None:
    age = one("Camilla, alors âgée d'une vingtaine d'années, l'aurait approché.", "fr")
    assert (age.kind, age.unit, age.low, age.high) == ("quantity", "age", 15, 26)
    assert one("un garçon âgé d'un an", "fr").unit == "age"


def test_a_time_with_a_dot_and_a_year_after_about_that_ends_the_phrase() -> None:
    time = one("A call for fire was received at 4.23 a.m. at the station.", "en")
    assert (time.kind, time.unit, time.value) == ("date", "time", 263)
    assert one("Prices rose 4.23 percent.", "en").kind == "percent"
    year = one("People are quite optimistic about 2020 and the fact that growth returns.", "en")
    assert (year.kind, year.approximate) == ("date", True)
    assert one("About 1900 people came.", "en").kind == "figure"


def test_a_number_joined_to_a_percentage_is_one_too() -> None:
    rates = extract_figures(
        "Les ménages ont emprunté à des taux de 1,1 et 1,2% l'an dernier.", "fr"
    )
    assert [(f.kind, f.value) for f in rates[:2]] == [("percent", 1.1), ("percent", 1.2)]
    assert [f.kind for f in extract_figures("3 and 4 people came", "en")] == ["figure", "figure"]


def test_millions_glued_before_a_unit_and_a_phone_number_after_an_area_code() -> None:
    fire = one("Bushfires have scorched 12M acres.", "en")
    assert (fire.kind, fire.unit, round(fire.value)) == ("quantity", "km2", 48562)
    assert one("a 12m wall", "en").unit == "km"  # metres, with no unit after
    assert extract_figures("Intl: +1 339-368-6001 for more.", "en") == []
    assert [f.text for f in extract_figures("US: (339)-368-6001", "en")] == ["339"]


def test_an_article_before_a_capitalised_word_is_no_duration() -> None:
    text = "The royal joined her husband for a New Year's diplomatic reception."
    assert [f.kind for f in extract_figures(text, "en")] == []
    assert one("He was jailed for a year.", "en").kind == "duration"


def test_always_written_with_numbers_is_no_figure() -> None:
    for text, language in (
        ("Le magasin est ouvert 24 heures sur 24 et 7 jours sur 7.", "fr"),
        ("Le magasin est ouvert 24h/24 et 7j/7.", "fr"),
        ("The store is open 24/7.", "en"),
    ):
        assert extract_figures(text, language) == [], text
    # a score, a day and a date stay what they were
    assert [f.text for f in extract_figures("Il a obtenu 7 sur 7.", "fr")] == ["7", "7"]
    assert one("Le 24/7 à Paris.", "fr").kind == "date"
    assert one("It was 24/7/2020.", "en").kind == "date"


@pytest.mark.parametrize(
    ("text", "lang", "written", "value"),
    [
        ("Cases doubled in a week.", "en", "doubled", 2),
        ("Spending was halved.", "en", "halved", 0.5),
        ("Prices are three times higher.", "en", "three times higher", 3),
        ("Twice as many people voted.", "en", "Twice as many", 2),
        ("Three times fewer people came.", "en", "Three times fewer", 1 / 3),
        ("Output rose threefold.", "en", "threefold", 3),
        ("A 3-fold rise.", "en", "3-fold", 3),
        ("Deaths were multiplied by three.", "en", "multiplied by three", 3),
        ("The budget was cut in half.", "en", "in half", 0.5),
        ("Les cas ont doublé en une semaine.", "fr", "doublé", 2),
        ("Le nombre de cas devrait tripler.", "fr", "tripler", 3),
        ("Il y a deux fois plus de morts.", "fr", "deux fois plus", 2),
        ("Trois fois moins de touristes.", "fr", "Trois fois moins", 1 / 3),
        ("Les dépenses ont été divisées par deux.", "fr", "divisées par deux", 0.5),
        ("Les prix ont été multipliés par trois.", "fr", "multipliés par trois", 3),
        ("Le budget a été réduit de moitié.", "fr", "de moitié", 0.5),
        (
            "afin que les classes divisées par deux aient assez d'espace",
            "fr",
            "divisées par deux",
            0.5,
        ),
    ],
)
def test_a_change_by_a_factor_is_a_factor(text: str, lang: str, written: str, value: float) -> None:
    factors = [f for f in extract_figures(text, lang) if f.kind == "factor"]
    assert [f.text for f in factors] == [written]
    assert factors[0].value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("He was arrested twice.", "en"),  # a number of times
        ("He served twice as a minister.", "en"),
        ("A double murder.", "en"),
        ("Results come in half an hour.", "en"),  # a duration
        ("Un double attentat.", "fr"),  # an adjective: "doublé" is the verb
        ("Il a été arrêté deux fois.", "fr"),
        ("The tournament was divided by 42 clubs.", "en"),  # what divides it
        ("He doubled as coach.", "en"),
        ("Mackie est doublé en japonais par Nozomu Sasaki.", "fr"),  # dubbed
    ],
)
def test_words_near_a_factor_that_are_none(text: str, lang: str) -> None:
    assert [f for f in extract_figures(text, lang) if f.kind == "factor"] == []


def test_factors_compare_across_languages_and_only_with_factors() -> None:
    from claimcheck.core.compare.differences import compare_cluster
    from claimcheck.core.types import Claim

    def rows(a: str, b: str) -> list[tuple[str, dict[str, str]]]:
        claims = [
            Claim("a#0", "a", 0, 0, a, "en", "body"),
            Claim("b#0", "b", 0, 0, b, "fr", "body"),
        ]
        return [(d.status, dict(d.values)) for d in compare_cluster(claims) if d.kind == "figure"]

    assert rows("Spending was halved.", "Les dépenses ont été divisées par deux.") == [
        ("agree", {"a": "halved", "b": "divisées par deux"})
    ]
    assert rows("Cases doubled.", "Les cas ont triplé.") == [
        ("differs", {"a": "doubled", "b": "triplé"})
    ]
    # a factor is no count: "twice as many" does not meet "deux fois" (twice, a number of times)
    assert [s for s, _ in rows("Twice as many people voted.", "Il a voté deux fois.")] != ["agree"]


def test_a_day_of_the_month_alone_opening_a_sentence_is_a_date() -> None:
    # French chronologies write the days after the first of a month alone: "Le 11," is a day,
    # not a count of 11 (which read "11 dead" from "Le 11, premier mort")
    (day,) = extract_figures("Le 11, premier mort en Chine.", "fr", "2020-01-09")
    assert (day.kind, day.text, day.unit) == ("date", "Le 11", "date")
    assert dt.date.fromordinal(int(day.low)) == dt.date(2020, 1, 11)
    # read against the nearest month: on 9 January, "Le 30" is 30 December
    (late,) = extract_figures("Le 30, l'OMS déclare l'urgence.", "fr", "2020-01-09")
    assert dt.date.fromordinal(int(late.low)) == dt.date(2019, 12, 30)
    # not without the comma, nor inside a sentence
    assert [f.kind for f in extract_figures("Le 11 a gagné le match.", "fr")] == ["figure"]
    assert all(f.kind != "date" for f in extract_figures("Il y a eu le 11, puis le 12.", "fr"))


def test_a_day_alone_read_against_a_day_of_the_year_with_no_year_is_a_month_and_day() -> None:
    # an undated chronology that wrote "Le 15 août," reads its next "Le 16," against "--08-15"
    (day,) = extract_figures("Le 16, Biden défend le retrait.", "fr", "--08-15")
    assert (day.unit, day.value, day.low, day.high) == ("date:md", 816.0, 816.0, 816.0)
    # the nearest such day, into the next month (and the next year) when nearer
    (after,) = extract_figures("Le 2, Moscou réagit.", "fr", "--08-31")
    assert after.value == 902.0
    (new_year,) = extract_figures("Le 3, Moscou réagit.", "fr", "--12-28")
    assert new_year.value == 103.0
    # nothing else is read against it: a weekday or "hier" stay as with no date at all
    for text in ("Mardi, Biden défend le retrait.", "Hier, Biden a défendu le retrait."):
        assert extract_figures(text, "fr", "--08-15") == extract_figures(text, "fr")
    with pytest.raises(InputError):
        extract_figures("Le 16, Biden défend le retrait.", "fr", "--13-45")


_ORDINAL_TEXT = st.lists(
    st.sampled_from(
        [
            "the",
            "seventh",
            "second",
            "twenty",
            "-",
            "first",
            "7th",
            "3e",
            "et",
            "unième",
            "vingt",
            "and",
            "final",
            "episode",
            "tour",
            "largest",
            "Premier",
            "ministre",
            "of",
            "March",
            ",",
            ".",
            "x",
            "é",
            "1er",
            "2",
            "‐",
            " ",
        ]
    ),
    max_size=12,
).map(" ".join)


@given(_ORDINAL_TEXT, st.sampled_from(["en", "fr", "de", ""]))
def test_ordinals_are_spans_of_the_text_with_a_noun(text: str, language: str) -> None:
    from claimcheck.core.extract.figures.ordinals import ordinal_ids
    from claimcheck.core.text.fold import fold_same_length

    for f in ordinal_ids(text, language):
        assert text[f.start : f.end] == f.text
        assert f.value is not None and f.value >= 1
        assert f.unit is not None and f.unit.startswith("#") and len(f.unit) > 2
        # the last word is the noun, and no ordinal itself ("seventh seventh")
        noun = f.unit[1:]
        assert fold_same_length(f.text).endswith(noun), f
        own = {"fr": {"second", "unieme", "vingt"}}.get(language, {"seventh", "second", "twenty"})
        assert noun not in own, f
