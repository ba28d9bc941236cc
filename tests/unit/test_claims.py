"""Sentences, site chrome and repeats: English and French texts written for these tests, plus
structural checks over the bundled corpus (no corpus sentence is named in any rule)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.core.read.ingest import load_sources
from claimcheck.core.segment.claims import (
    BOILERPLATE_RULES,
    boilerplate_reason,
    extract_claims,
    segment,
    split_sentences,
)
from claimcheck.core.text import comparison_key
from claimcheck.core.types import KEPT_ROLES, Source

CORPUS = Path(__file__).resolve().parent.parent.parent / "corpus"


def sentences(text: str, language: str = "en") -> list[str]:
    spans = split_sentences(text, language)
    for start, end in spans:
        assert text[start:end] == text[start:end].strip()
    return [text[a:b] for a, b in spans]


def make_source(
    text: str, language: str = "en", sid: str = "s", title: str | None = None
) -> Source:
    return Source(
        id=sid, path=f"{sid}.txt", outlet="Test", language=language, date=None, text=text,
        title=title,
    )  # fmt: skip


# ============================================================================================
# Sentence splitting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Dr. Jones at 3 p.m. Monday. They talked.",
            ["Mr. Smith met Dr. Jones at 3 p.m. Monday.", "They talked."],
        ),
        (
            "U.S. officials met in the U.S. Capitol. Nobody spoke. In the U.S. The day ended.",
            [
                "U.S. officials met in the U.S. Capitol.",
                "Nobody spoke.",
                "In the U.S.",
                "The day ended.",
            ],
        ),
        (
            "J. R. R. Tolkien wrote it. George W. Bush read it.",
            ["J. R. R. Tolkien wrote it.", "George W. Bush read it."],
        ),
        (
            "Inflation hit 12.5 percent on Jan. 17 this year. Prices fell.",
            ["Inflation hit 12.5 percent on Jan. 17 this year.", "Prices fell."],
        ),
        (
            "The ranking puts it at No. 5 for now. He said no. The vote failed.",
            ["The ranking puts it at No. 5 for now.", "He said no.", "The vote failed."],
        ),
        (
            "They sold apples, pears, etc. The rest was given away.",
            ["They sold apples, pears, etc.", "The rest was given away."],
        ),
        (
            '"Stop!" she shouted. "We will return." He left.',
            ['"Stop!" she shouted.', '"We will return."', "He left."],
        ),
        (
            "“It is over,” he said. “We lost.” Then he went home.",
            ["“It is over,” he said.", "“We lost.”", "Then he went home."],
        ),
        (
            "He hesitated... Then he left. Really?! Yes… and no.",
            ["He hesitated...", "Then he left.", "Really?!", "Yes… and no."],
        ),
    ],
)
def test_english_segmentation(text: str, expected: list[str]) -> None:
    assert sentences(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "M. Dupont a rencontré Mme Durand le 17 janv. 2019 à Lyon. Ils ont parlé.",
            ["M. Dupont a rencontré Mme Durand le 17 janv. 2019 à Lyon.", "Ils ont parlé."],
        ),
        (
            "La ville fut fondée en 52 av. J.-C. La Gaule était alors romaine.",
            ["La ville fut fondée en 52 av. J.-C.", "La Gaule était alors romaine."],
        ),
        (
            "On utilise p. ex. des drones. Cela coûte cher.",
            ["On utilise p. ex. des drones.", "Cela coûte cher."],
        ),
        (
            "L'inflation atteint 12,5 % en mars. Les prix baissent.",
            ["L'inflation atteint 12,5 % en mars.", "Les prix baissent."],
        ),
        (
            "« Non. » a-t-il dit. « Jamais ! » Il est parti.",
            ["« Non. » a-t-il dit.", "« Jamais ! »", "Il est parti."],
        ),
        (
            "Il a dit : « Nous ne céderons pas. » Le ministre est parti.",
            ["Il a dit : « Nous ne céderons pas. »", "Le ministre est parti."],
        ),
        (
            "Il hésite... puis renonce. Vraiment ? Oui, vraiment !",
            ["Il hésite... puis renonce.", "Vraiment ?", "Oui, vraiment !"],
        ),
    ],
)
def test_french_segmentation(text: str, expected: list[str]) -> None:
    assert sentences(text, "fr") == expected


def test_a_headline_glued_to_its_lead_is_cut_at_the_dateline() -> None:
    # scraped pages often run the headline into the lead: the dateline says where the lead starts
    assert sentences(
        "Turkey May Not Send Forces if Conflict Eases ISTANBUL - Turkey may wait."
    ) == [
        "Turkey May Not Send Forces if Conflict Eases",
        "ISTANBUL - Turkey may wait.",
    ]
    assert sentences(
        "Golden Globes will serve a vegan meal LOS ANGELES (AP) — The Globes will."
    ) == [
        "Golden Globes will serve a vegan meal",
        "LOS ANGELES (AP) — The Globes will.",
    ]
    assert sentences(
        "La compagnie va supprimer des emplois LUTON (dpa-AFX) - La compagnie aérienne a dit.",
        "fr",
    ) == ["La compagnie va supprimer des emplois", "LUTON (dpa-AFX) - La compagnie aérienne a dit."]
    # capitals inside a sentence are no dateline: after an article, or too few words before
    for text in (
        "It was opened by the director of the BBC - TV Gerald Beadle.",
        "Il a été choisi au 77e tour de la NBA - Draft de 1967.",
        "The Lure of B.A.S.S. – Local Students Fish.",
        "Will people use it? SAN FRANCISCO — Forty million Californians will.",
    ):
        assert len(sentences(text)) == (2 if "?" in text else 1), text
    assert sentences("Will people use it? SAN FRANCISCO — Forty million will.")[1].startswith("SAN")


def test_a_headline_run_into_its_lead_without_a_dateline_is_cut() -> None:
    # a capitalised word that opens sentences, followed by a word in lower case
    assert sentences(
        "Son of TV writer dies in skiing accident The son of the writer died in Utah."
    ) == ["Son of TV writer dies in skiing accident", "The son of the writer died in Utah."]
    assert sentences(
        "Des familles évacuées après un incendie rue des Rameurs Un incendie a été maîtrisé.",
        "fr",
    ) == ["Des familles évacuées après un incendie rue des Rameurs", "Un incendie a été maîtrisé."]
    assert sentences(
        "Vienne rejette le plan allemand de taxe sur les transactions L'annonce a surpris.", "fr"
    ) == ["Vienne rejette le plan allemand de taxe sur les transactions", "L'annonce a surpris."]
    # in title case the capitalised run goes on to the last opener
    assert sentences(
        "Police Succeeded in Averting Attacks But Motivation Still on Rise The year was calm."
    ) == ["Police Succeeded in Averting Attacks But Motivation Still on Rise", "The year was calm."]
    # a headline repeated at the start of its lead: the repeat is a sentence of its own
    assert sentences(
        "Rovers welcome trio ahead of the new season Rovers welcome trio ahead of the new "
        "season The trio joined on Monday."
    ) == [
        "Rovers welcome trio ahead of the new season",
        "Rovers welcome trio ahead of the new season",
        "The trio joined on Monday.",
    ]
    assert sentences(
        "Two hurt as sled hits a tree Two hurt as sled hits a tree in Vermont on Sunday."
    ) == ["Two hurt as sled hits a tree", "Two hurt as sled hits a tree in Vermont on Sunday."]
    # capitals inside a sentence open no lead: a title, a name, after a colon or a preposition,
    # a capital before another capital, or too few words before
    for text in (
        "The senator asked the president to read The Wall Street Journal every day.",
        "Russian Foreign Minister Sergei Lavrov met the prime minister in Jerusalem on Monday.",
        "How to watch the parade: The floats leave at eight in the morning.",
        "Critics of the plan spoke in The hall of the old town council.",
        "The film Before Sunrise was shot in Vienna in a few weeks.",
        "Fans watch The Bachelor on Monday nights with friends.",
        "Storm hits A town was flooded.",
        "In a letter titled Why We're Not Running the Cover, the editor explained her choice.",
        "Richmond councillor Chak Au and Bill McNulty attended the vigil on Sunday.",
        "The food we eat, the way we grow the food we eat, and how we waste it all matter.",
    ):
        assert sentences(text) == [text], text
    # only an article's first line holds its headline
    text = "The minister spoke at length.\nHe said the talks went on The talks ended late."
    assert len(sentences(text)) == 2


def test_a_headline_cut_from_its_lead_is_the_headline() -> None:
    got = roles(
        make_source(
            "Son of TV writer dies in skiing accident The son of the writer died in Utah on "
            "Sunday. He was 21 and a keen skier. His family thanked the rescuers."
        )
    )
    assert got[0][:2] == ("Son of TV writer dies in skiing accident", "headline")
    assert [role for _, role, _ in got[1:]] == ["body", "body", "body"]
    got = roles(
        make_source(
            "Rovers welcome trio ahead of the new season Rovers welcome trio ahead of the new "
            "season The trio joined on Monday after a trial. They signed for two years."
        )
    )
    assert [role for _, role, _ in got] == ["headline", "duplicate", "body", "body"]


def test_an_advertisement_slot_inside_a_line_is_no_part_of_a_claim() -> None:
    # a flattened page keeps the word of its advertisement slots between sentences
    got = roles(
        make_source(
            "The mayor did not speak about housing. Advertisement Do you think he should "
            "have? The council meets again in May Advertisement The vote is set for June."
        )
    )
    assert [(text, reason) for text, role, reason in got if role == "boilerplate"] == [
        ("Advertisement", "advertisement"),
        ("Advertisement", "advertisement"),
    ]
    assert "The vote is set for June." in [text for text, _, _ in got]
    assert sentences("Le maire a parlé. Publicité Le conseil a voté la réforme.", "fr") == [
        "Le maire a parlé.",
        "Publicité",
        "Le conseil a voté la réforme.",
    ]
    # the word in a name, after an article, or before a capital that opens no sentence stays
    for text in (
        "The Advertisement Standards Authority ruled against the firm on Monday.",
        "The ruling by the Advertisement Standards agency was clear.",
        "They paid for an advertisement in the local paper.",
    ):
        assert sentences(text) == [text], text


def test_a_headline_that_opens_with_a_currency_is_a_headline() -> None:
    got = roles(make_source("$3 gas is becoming a distant memory\nFor many drivers, it is gone."))
    assert got[0][1] == "headline"


def test_line_breaks_end_sentences_and_spans_are_exact() -> None:
    text = (
        "  A headline without a stop\n\n\u00a0First paragraph here.  Second one.\n"
        "- A bullet line.\n"
    )
    spans = split_sentences(text, "en")
    assert [text[a:b] for a, b in spans] == [
        "A headline without a stop",
        "First paragraph here.",
        "Second one.",
        "A bullet line.",
    ]


def test_segmentation_is_fast() -> None:
    text = (
        "Mr. Smith said the U.S. plan costs 12.5 billion dollars. « Non », a-t-il dit. " * 50 + "\n"
    ) * 200
    start = time.perf_counter()
    spans = split_sentences(text, "en")
    assert time.perf_counter() - start < 2.0
    assert len(spans) == 20_000


# ============================================================================================
# Boilerplate rules: chrome in both languages, and real claims that look a little like it

CHROME: list[tuple[str, str]] = [
    ("punctuation", "* * *"),
    ("punctuation", "— … —"),
    ("debris", "Ãƒ Â"),
    ("debris", "Ìý"),
    ("markup", '<div class="promo"><a href="/x">x</a></div>'),
    ("markup", "var tracking = window.dataLayer || [];"),
    ("url", "https://www.example.org/world/2019/01/30/story-123.html"),
    ("url", "Article source: http://example.com/news/123"),
    ("url", "Lien : https://exemple.fr/article"),
    ("copyright", "© 2020 The Morning Post. All rights reserved."),
    ("copyright", "Tous droits réservés."),
    ("copyright", "© Reuters"),
    ("credit", "Credit: John Doe/Reuters"),
    ("credit", "Photo : AFP"),
    ("credit", "Crédit photo : Marie Dupont"),
    ("credit", "Illustration by Jane Smith"),
    ("credit", "JOHN DOE/AFP via Getty Images"),
    ("publication_stamp", "Published on Tue, 05 Mar 2019 14:02:11 +0000."),
    ("publication_stamp", "Updated 3 hours ago"),
    ("publication_stamp", "Posted by Jane Doe at 10:32 AM"),
    ("publication_stamp", "Publié le 5 mars 2019 à 14h02"),
    ("publication_stamp", "Mis à jour le 6 mars 2019 à 08h30"),
    ("bare_date", "Tuesday, March 5, 2019"),
    ("bare_date", "mardi 5 mars 2019"),
    ("bare_date", "05/03/2019 14:02"),
    ("bare_date", "Il y a 2 heures"),
    ("reading_time", "4 min read"),
    ("reading_time", "Lecture : 3 min"),
    ("reading_time", "Temps de lecture : 6 minutes"),
    ("byline", "By Jane Doe and John Roe, Staff Writers"),
    ("byline", "Par Marie Dupont avec AFP"),
    ("byline", "Reporting by Jane Doe; Editing by John Roe"),
    ("byline", "V.Lh."),  # a signature of initials closing the article
    ("byline", "With files from CTV News Vancouver's Spencer Harwood"),
    ("credit", "Contributing: The Associated Press"),
    ("read_more", "Read or Share this story: -gambling-study-group-assembles/4962603002"),
    ("read_more", "Lire l'article complet"),
    ("form_message", "Are you sure you want to log out?"),
    ("form_message", "Veuillez vous connecter !"),
    ("form_message", "Veuillez vérifier les champs obligatoires marqués en rouge."),
    ("form_message", "Vous n'avez pas encore accès aux archives ?"),
    ("source_note", "View source version on businesswire.com: https://www.businesswire.com/x/"),
    ("source_note", "Voir la version source sur accesswire.com : /"),
    ("byline", "J.-P. M."),
    ("byline", "About the author"),
    ("source_note", "This article was originally published on The Conversation."),
    ("source_note", "Cet article a été initialement publié sur notre site partenaire."),
    ("comments", "No comments:"),
    ("comments", "Post a Comment"),
    ("comments", "Leave a comment"),
    ("comments", "Commentaires"),
    ("comments", "12 commentaires"),
    ("comments", "Be the first to comment"),
    ("read_more", "Read more"),
    ("read_more", "Read more: Floods hit the north"),
    ("read_more", "Lire aussi : Les inondations frappent le nord"),
    ("read_more", "À lire aussi"),
    ("read_more", "Click here"),
    ("read_more", "Cliquez ici pour en savoir plus"),
    ("list_heading", "Timeline: Unrest in Syria"),
    ("section_heading", "- Début du retrait des troupes -"),
    ("section_heading", "- 'The Taliban have won' -"),
    ("section_heading", "Avancée des talibans -"),
    ("account_title", "How the Notre Dame Cathedral fire unfolded"),
    ("account_title", "Why the talks failed"),
    ("account_title", "What we know about the attack in Nice"),
    ("account_title", "Ce que l'on sait de l'incendie de Notre-Dame"),
    ("account_title", "Comment les talibans ont repris le pouvoir"),
    ("list_heading", "Civil war timeline"),
    ("list_heading", "Key events in the war in Ukraine: From invasion to counteroffensive"),
    ("list_heading", "Syrie : les dates-clés du conflit"),
    ("list_heading", "Du début de la guerre aux frappes américaines, les dates clés"),
    ("list_heading", "Here is a look at how it all began:"),
    ("list_heading", "Some key events so far:"),
    ("list_heading", "Quelques événements clés du conflit jusqu'à présent :"),
    ("list_heading", "Here are the key moments."),
    (
        "list_heading",
        "Following is a timeline of key events since the first cases of the disease were "
        "reported in the port city in early March.",
    ),
    (
        "list_heading",
        "Here are key points of the agency's timeline covering the first six months of the "
        "drought in the south of the country.",
    ),
    (
        "list_heading",
        "De la première manifestation en mars aux élections anticipées de l'automne, voici les "
        "principales étapes de la crise politique.",
    ),
    (
        "list_heading",
        "Voici les principales décisions prises par le conseil municipal depuis le début des "
        "inondations dans la vallée.",
    ),
    ("list_heading", "Retour sur les événements des trois premiers mois de la grève des dockers."),
    (
        "list_heading",
        "De la découverte du gisement aux premiers forages de 2021, retour sur dix ans de "
        "bataille judiciaire.",
    ),
    ("share", "Share"),
    ("share", "Share this article on Facebook"),
    ("share", "Partager sur Twitter"),
    ("share", "Facebook Twitter LinkedIn WhatsApp Email"),
    ("share", "Copier le lien"),
    ("social_follow", "Follow us on Instagram"),
    ("social_follow", "Suivez-nous sur Facebook"),
    ("social_follow", "Follow USA TODAY reporter Nathan Bomey on Twitter @NathanBomey"),
    ("social_follow", "Visit the Daily Courier's homepage for more stories."),
    ("social_follow", "Go to the Herald website for more coverage of the floods."),
    ("social_follow", "Rendez-vous sur la page d'accueil du Courrier pour plus d'articles."),
    ("navigation", "Breadcrumb"),
    ("navigation", "Menu"),
    ("navigation", "Home > World > Europe"),
    ("navigation", "Accueil › Monde › Europe"),
    ("navigation", "Skip to main content"),
    ("navigation", "Aller au contenu principal"),
    ("navigation", "Exit mobile version"),
    ("navigation", "Privacy Policy | Terms of Use | Contact Us"),
    ("site_logo", "Site icon The Morning Post"),
    ("site_logo", "Logo Le Quotidien"),
    ("advertisement", "Advertisement"),
    ("advertisement", "Publicité"),
    ("advertisement", "Story continues below advertisement"),
    ("tags", "Tags: floods, weather, Europe"),
    ("tags", "Mots-clés : inondations, météo"),
    ("tags", "#floods #Europe @weather"),
    ("embed", "pic.twitter.com/a1b2c3"),
    ("embed", "— Jane Doe (@janedoe) March 5, 2019"),
    ("embed", "View this post on Instagram"),
    ("embed", "Photo 3 of 12"),
    ("cookie_notice", "We use cookies to improve your experience on our site."),
    ("cookie_notice", "Ce site utilise des cookies pour mesurer l'audience."),
    ("newsletter", "Sign up for our morning briefing"),
    ("newsletter", "Get the best stories delivered to your inbox every morning."),
    ("newsletter", "Inscrivez-vous à notre newsletter"),
    ("newsletter", "Thank you for signing up."),
    ("newsletter", "The email address you entered is already registered."),
    ("newsletter", "Don't miss a story: turn on breaking news alerts."),
    ("newsletter", "Ne manquez aucune information en activant les notifications."),
    ("newsletter", "N'oubliez pas de recevoir nos alertes."),
    ("contact", "Contact the reporter at jane.doe@example-news.com or 555-0100."),
    ("contact", "Pour le contacter par mail : redaction@exemple.fr"),
    ("subscription", "Subscribe now for unlimited access"),
    ("subscription", "Cet article est réservé aux abonnés."),
    ("subscription", "Déjà abonné ? Connectez-vous"),
    ("reader_appeal", "Support independent journalism: donate today"),
    ("reader_appeal", "Soutenez notre rédaction, faites un don."),
    ("reader_appeal", "Vous nous lisez chaque jour, aidez-nous."),
    ("reader_appeal", "Download our app"),
    ("form_message", "Please try again later."),
    ("form_message", "Something went wrong."),
    ("form_message", "Oops, an error occurred"),
    ("form_message", "Thank you,"),
    ("form_message", "Close"),
    ("form_message", "Fermer"),
    ("form_message", "Veuillez réessayer plus tard."),
    ("form_message", "Une erreur s'est produite."),
    ("too_short", "Yes"),
    ("too_short", "Non."),
    ("too_short", "Breaking News"),
    ("too_short", "The president."),
    ("too_short", "Le président."),
]

#: Rules that need the article around a sentence; tested through segment() below.
CONTEXT_RULES = {"photo_caption", "related_link"}


@pytest.mark.parametrize(("rule", "text"), CHROME)
def test_chrome_is_recognised(rule: str, text: str) -> None:
    assert boilerplate_reason(text, "en") == rule
    assert boilerplate_reason(text, "fr") == rule  # both vocabularies always apply


def test_every_rule_is_exercised() -> None:
    assert {rule for rule, _ in CHROME} | CONTEXT_RULES == set(BOILERPLATE_RULES)


# Long chrome goes through the fast path for long sentences; each must still be caught.
LONG_CHROME: list[tuple[str, str]] = [
    (
        "newsletter",
        "Get our free daily newsletter with the top stories, analysis and exclusive interviews "
        "from our reporters around the world delivered straight to your inbox every morning.",
    ),
    (
        "subscription",
        "To continue reading this article and enjoy unlimited access to all our journalism, "
        "become a subscriber today from just one euro for the first three months of your plan.",
    ),
    (
        "reader_appeal",
        "If you value independent local reporting like this, please consider making a donation "
        "so that we can keep our newsroom open.",
    ),
    (
        "cookie_notice",
        "We and our partners use cookies and similar technologies to personalise content and "
        "ads, to provide social media features and to analyse our traffic on this website.",
    ),
    (
        "copyright",
        "Copyright 2021 The Morning Post and its licensors; this material may not be published, "
        "broadcast, rewritten or redistributed in any form without permission.",
    ),
    (
        "url",
        "https://www.example.org/world/europe/2021/03/04/very-long-story-slug-that-goes-on-and-on"
        "-with-many-words-in-it-for-search-engines-and-more-words-still-here.html",
    ),
]


@pytest.mark.parametrize(("rule", "text"), LONG_CHROME)
def test_long_chrome_is_recognised(rule: str, text: str) -> None:
    assert len(text.split()) > 16 or rule == "url"
    assert boilerplate_reason(text, "en") == rule


MUST_KEEP = [
    "Visitors to the website for more than an hour were logged out on Monday.",
    "Visit the museum to see the new exhibition, the mayor told reporters.",
    "Fifteen soldiers died.",
    "He resigned.",
    "Putin agreed.",
    "Hezbollah denies.",
    "Israël dément.",
    "Il a démissionné.",
    "The newspaper's subscription revenue rose 10% last year.",
    "Subscribers to the service will pay more from January.",
    'Users who clicked a link reading "Click here" were infected, researchers said.',
    "Published in 2019, the report found that 40% of the soldiers had been wounded.",
    "January 30, 2019 was the coldest day on record in the region.",
    "By Tuesday, the army had withdrawn from the town.",
    "Par ailleurs, le ministre a annoncé une hausse des impôts.",
    "Credit card fraud rose 12% last year, the bank said.",
    "Photos of the attack circulated widely on social media.",
    "Facebook shares fell 5% on Tuesday.",
    '"Thank you," the president told the crowd.',
    "Something went wrong with the rocket's engine, officials said.",
    '"Subscribe to our channel," the group urged its followers.',
    "Home to two million people, the city is densely populated.",
    "Related developments were reported on Monday.",
    "Share prices in Tel Aviv fell sharply after the strike.",
    "Menu prices have risen by 20 percent since January.",
    "The comments were widely criticised in Moscow.",
    "Les commentaires du ministre ont été vivement critiqués.",
    "We will not allow Iran to entrench itself in Syria, Netanyahu said.",
    "« Nous ne céderons pas », a déclaré le ministre.",
    "« Vous nous trahissez », ont scandé les manifestants.",
    "Updated figures show that 400 people were evacuated.",
    "Mis à jour mardi, le bilan fait état de 15 morts.",
    "Sources said the talks would resume on Monday.",
    "Source: the meeting lasted two hours, officials said.",
    "With 15 dead, it is the deadliest attack since 2015.",
    "Avec 15 morts, c'est l'attaque la plus meurtrière depuis 2015.",
    "From Moscow, the minister flew to Tehran.",
    "Il y a trois ans, la Russie est intervenue en Syrie.",
    "Mr. Lavrov said the talks were useful.",
    "Watch officials said the border would stay closed.",
    "The ministry's website was hacked on June 17.",
    "Russia announced new security measures to protect its military in Syria.",
    "Netflix subscription prices rise again",
    "Newsletter company Substack raised 65 million dollars.",
    "Facebook uses cookies to track users across the web.",
    "Les abonnés du réseau devront payer plus cher dès janvier.",
    "Police issued a flood alert on Tuesday after the river rose two metres.",
    "Les autorités ont lancé une alerte à la pollution mardi.",
    "The company said in an email that it would appeal the ruling.",
    '"Never forget what happened here," the mayor told the crowd.',
    "Ne pouvant pas voter, les résidents ont manifesté devant la mairie.",
    "Miss Universe was crowned in Bangkok on Sunday.",
    "The timeline for the talks slipped again.",
    "Brexit timeline slips again",
    "The minister listed three measures:",
    "Here is what we know about the attack",
    "Voici les principales mesures du gouvernement : baisse de la TVA, gel des loyers.",
    "The president, looking back at his term, said he had no regrets.",
    "Retour au calme à Kharkiv après une nuit de bombardements.",
    "The main events of the festival were cancelled after the storm, organisers said.",
    "Voilà pourquoi les principales étapes du plan ont été reportées, selon le ministre.",
    "Le calendrier des négociations a de nouveau glissé.",
    "J.K. Rowling wrote a new book.",
    "Le P.S. a gagné.",
    "Follow the money on Wall Street, investors said.",
    "Contributing factors included the weather, the report said.",
    "With files from the archive, historians rebuilt the timeline.",
    "Are you sure you want to leave the EU? the campaign asked voters.",
    "Veuillez noter que les champs de maïs ont brûlé, a dit le maire.",
    "The minister will view the original version of the treaty on Monday.",
    "Prices rose 5% - the most since 2008 - in March",
    "- The army retook the town on Monday, the ministry said -",
    "How the virus reached the city is still unclear.",
    "How many spectators were arrested?",
    "How this hatred came to be: the attacks snowballed over the years",
    "Comment le feu a pris reste inconnu, selon les enquêteurs.",
]


@pytest.mark.parametrize("text", MUST_KEEP)
def test_real_claims_are_kept(text: str) -> None:
    assert boilerplate_reason(text, "en") is None


# ============================================================================================
# Roles in an article

EN_ARTICLE = (
    "Home > World > Europe\n"
    "Storm closes harbour bridge for three weeks\n"
    "Engineers found cracks in two piers after the storm, the council said.\n"
    "4 min read\n"
    "The harbour bridge was closed to all traffic on Wednesday after engineers found cracks in "
    "two of its piers. About 40,000 vehicles cross it every day.\n"
    "The council said repairs would cost 2.5 million euros. Mr. Brown, the chief engineer, said "
    "work would start on Monday.\n"
    "Repairs are expected to take three weeks.\n"
    "Fifteen boats were damaged.\n"
    "Read more: Storm season starts early\n"
    "The council said repairs would cost 2.5 million euros.\n"
    "THE COUNCIL SAID REPAIRS WOULD COST “2.5 MILLION EUROS”\n"
    "The council said repairs would cost 2.6 million euros.\n"
    "Sign up for our morning briefing\n"
)


def roles(source: Source) -> list[tuple[str, str, str | None]]:
    return [(s.text, s.role, s.reason) for s in segment(source)]


def test_english_article_roles() -> None:
    got = roles(make_source(EN_ARTICLE))
    assert got[0] == ("Home > World > Europe", "boilerplate", "navigation")
    assert got[1] == ("Storm closes harbour bridge for three weeks", "headline", None)
    assert got[2][1] == "standfirst"
    assert got[3] == ("4 min read", "boilerplate", "reading_time")
    body = [text for text, role, _ in got if role == "body"]
    assert body == [
        "The harbour bridge was closed to all traffic on Wednesday after engineers found cracks "
        "in two of its piers.",
        "About 40,000 vehicles cross it every day.",
        "The council said repairs would cost 2.5 million euros.",
        "Mr. Brown, the chief engineer, said work would start on Monday.",
        "Repairs are expected to take three weeks.",
        "Fifteen boats were damaged.",
        "The council said repairs would cost 2.6 million euros.",  # a different figure is kept
    ]
    reasons = {text: reason for text, role, reason in got if role != "body"}
    assert reasons["Read more: Storm season starts early"] == "read_more"
    assert reasons["Sign up for our morning briefing"] == "newsletter"


def test_repeats_collapse_with_counts() -> None:
    sents, claims = extract_claims(make_source(EN_ARTICLE))
    original = next(
        s for s in sents if s.text == "The council said repairs would cost 2.5 million euros."
    )
    copies = [s for s in sents if s.role == "duplicate"]
    assert len(copies) == 2  # exact copy, and the same sentence shouted with other quotes
    assert all(s.reason == f"repeats sentence {original.index}" for s in copies)
    claim = next(c for c in claims if c.sentence == original.index)
    assert claim.repeats == 3
    assert all(c.repeats == 1 for c in claims if c is not claim)


def test_near_identical_copy_is_a_duplicate_but_a_changed_figure_or_negation_is_not() -> None:
    text = (
        "The minister said the talks in Geneva had been constructive and would resume soon.\n"
        "The minister said the talks in Geneva had been constructive and would resume son.\n"
        "The army said 15 soldiers were killed in the attack on the northern checkpoint.\n"
        "The army said 16 soldiers were killed in the attack on the northern checkpoint.\n"
        "The government said it would sign the agreement with its neighbours this week.\n"
        "The government said it would not sign the agreement with its neighbours this week.\n"
    )
    got = roles(make_source(text))
    assert [r for _, r, _ in got] == ["body", "duplicate", "body", "body", "body", "body"]
    assert got[1][2] == "repeats sentence 0"


def test_french_article_roles() -> None:
    text = (
        "Accueil › Monde › Europe\n"
        "Le pont du port fermé pour trois semaines\n"
        "Des fissures ont été découvertes sur deux piles après la tempête.\n"
        "Lecture : 3 min\n"
        "Le pont du port a été fermé mercredi, a indiqué la mairie. Environ 40 000 véhicules "
        "l'empruntent chaque jour.\n"
        "M. Martin, l'ingénieur en chef, estime le coût des travaux à 2,5 millions d'euros.\n"
        "Lire aussi : La saison des tempêtes commence tôt\n"
        "Le pont du port a été fermé mercredi, a indiqué la mairie.\n"
        "Publié le 4 mars 2021 à 10h\n"
        "Commentaires\n"
        "Vous nous aimez, soutenez-nous.\n"
    )
    source = make_source(text, "fr")
    got = roles(source)
    assert [r for _, r, _ in got] == [
        "boilerplate", "headline", "standfirst", "boilerplate", "body", "body", "body",
        "boilerplate", "duplicate", "boilerplate", "boilerplate", "boilerplate",
    ]  # fmt: skip
    assert [reason for _, _, reason in got if reason] == [
        "navigation", "reading_time", "read_more", "repeats sentence 4", "publication_stamp",
        "comments", "reader_appeal",
    ]  # fmt: skip


def test_repeated_title_caption_and_credit() -> None:
    text = (
        "Site icon The Morning Post\n\n"
        "Leaders agree to boost border coordination\n\n"
        "The two leaders at a ceremony in the capital, on May 9. Credit: Jane Doe/Pool.\n\n"
        "Leaders agree to boost border coordination\n\n"
        "The two leaders agreed by phone to step up coordination, the presidency said.\n"
        "They also discussed trade.\n"
    )
    got = roles(make_source(text))
    assert got[0][1:] == ("boilerplate", "site_logo")
    assert got[1][1] == "headline"
    assert got[2][1:] == ("boilerplate", "photo_caption")
    assert got[3][1:] == ("boilerplate", "credit")
    assert got[4][1:] == ("duplicate", "repeats sentence 1")
    assert got[5][1] == "standfirst"
    assert got[6][1] == "body"


def test_front_matter_title_repeated_in_body_is_a_duplicate() -> None:
    text = (
        "Leaders agree to boost border coordination\n"
        "The two leaders agreed by phone to step up coordination, the presidency said.\n"
        "Leaders agree to boost border coordination.\n"
    )
    got = roles(make_source(text, title="Leaders agree to boost border coordination"))
    assert [r for _, r, _ in got] == ["headline", "standfirst", "duplicate"]


def test_headline_of_another_article_inside_body_is_dropped() -> None:
    text = (
        "The two leaders agreed by phone to step up coordination, the presidency said.\n"
        "Why the Border Talks Matter More Than Ever | Analysis\n"
        "The Long Road To A Border Agreement Between Old Rivals\n"
        "The agreement covers the northern border, officials said.\n"
        "what happens next remains unclear\n"
    )
    got = roles(make_source(text))
    assert [r for _, r, _ in got] == ["body", "boilerplate", "boilerplate", "body", "body"]
    assert got[1][2] == got[2][2] == "related_link"


def test_multi_sentence_chrome_line_is_dropped_whole() -> None:
    got = roles(make_source("Body sentence about the storm here.\nOops. Something went wrong.\n"))
    assert [r for _, r, _ in got] == ["body", "boilerplate", "boilerplate"]


def test_line_rules_never_take_a_real_sentence_with_them() -> None:
    text = (
        "The storm hit the coast on Monday, officials said.\n"
        "Photo: AFP. The minister arrived in the port city on Tuesday to inspect the damage.\n"
        "Prices rose 5% in May. Source: Eurostat.\n"
        "Already a subscriber? Log in\n"
    )
    got = roles(make_source(text))
    assert [(r, why) for _, r, why in got] == [
        ("body", None),
        ("boilerplate", "credit"),
        ("body", None),
        ("body", None),
        ("boilerplate", "credit"),
        ("boilerplate", "subscription"),
        ("boilerplate", "too_short"),
    ]


def test_article_without_headline_starts_with_body() -> None:
    text = "The storm hit the coast on Monday.\nIt caused damage, officials said.\n"
    assert [r for _, r, _ in roles(make_source(text))] == ["body", "body"]


def test_sentences_index_source_text_exactly() -> None:
    source = make_source(EN_ARTICLE + "\n  \u00a0Trailing  spaces here.  \n")
    sents = segment(source)
    assert [s.index for s in sents] == list(range(len(sents)))
    for s in sents:
        assert source.text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.source == "s"


def test_claim_ids_positions_and_language() -> None:
    text = (
        "The minister spoke to reporters in Paris on Tuesday about the border crisis.\n"
        "« Nous ne céderons jamais devant les menaces de nos voisins », a déclaré le ministre.\n"
        "Share\n"
        "The talks will resume next week.\n"
    )
    sents, claims = extract_claims(make_source(text, sid="wire"))
    assert [c.id for c in claims] == ["wire#0", "wire#1", "wire#2"]
    assert [c.position for c in claims] == [0, 1, 2]
    assert [c.sentence for c in claims] == [0, 1, 3]
    assert [c.language for c in claims] == ["en", "fr", "en"]
    for claim in claims:
        assert sents[claim.sentence].text == claim.text
        assert sents[claim.sentence].role == claim.role
    assert sents[2].language == "en"  # dropped sentences keep the article language


def test_empty_and_chrome_only_articles_give_no_claims() -> None:
    assert extract_claims(make_source("")) == ((), ())
    sents, claims = extract_claims(make_source("Menu\nShare\n2 min read\n"))
    assert len(sents) == 3 and claims == ()


def test_extract_claims_is_fast() -> None:
    paragraph = (
        "The council said on Monday that repairs to the harbour bridge would cost {n} million "
        "euros. « Les travaux dureront {n} semaines », a déclaré M. Martin. Mr. Brown said the "
        "U.S. firm had won the contract on Jan. {n}. Share\n"
    )
    sources = [
        make_source("".join(paragraph.format(n=i * 10 + k) for k in range(10)), sid=f"a{i}")
        for i in range(300)
    ]
    start = time.perf_counter()
    total = sum(len(extract_claims(s)[1]) for s in sources)
    elapsed = time.perf_counter() - start
    assert total == 300 * 30
    assert elapsed < 15, f"{elapsed:.1f}s for 300 articles"


# ============================================================================================
# The bundled corpus: structural facts only

MIN_CLAIM_CHARS = 12


@pytest.fixture(scope="module")
def corpus() -> list[tuple[Source, tuple, tuple]]:
    sources = load_sources([str(CORPUS)])
    return [(s, *extract_claims(s)) for s in sources]


def test_corpus_loads_with_front_matter(corpus: list) -> None:
    files = sorted(CORPUS.glob("*.txt"))
    assert [s.id for s, _, _ in corpus] == [f.stem for f in files]
    for source, _, _ in corpus:
        assert source.language == source.id.rsplit("-", 1)[1]  # files are named NNN-<lang>
        assert source.outlet and not source.outlet.startswith("Source ")
        assert not source.text.startswith("---")
        assert source.original_name and source.original_name.endswith(".txt")
        assert source.warnings == ()


def test_corpus_claims_are_sound(corpus: list) -> None:
    for source, sents, claims in corpus:
        assert len(claims) >= 5, source.id
        assert len(sents) == len({s.index for s in sents})
        keys = [comparison_key(c.text) for c in claims]
        assert len(keys) == len(set(keys)), f"{source.id} keeps a repeated claim"
        for claim in claims:
            assert len(claim.text) >= MIN_CLAIM_CHARS, claim
            assert len(claim.text.split()) >= 3, claim
            assert "http" not in claim.text and "www." not in claim.text
            assert claim.role in KEPT_ROLES
            assert claim.language == source.language  # no false per-sentence overrides here
        for sent in sents:
            if sent.role == "boilerplate":
                assert sent.reason in BOILERPLATE_RULES
            elif sent.role == "duplicate":
                match = re.fullmatch(r"repeats sentence (\d+)", sent.reason or "")
                assert match, sent
                original = sents[int(match.group(1))]
                assert original.index < sent.index and original.role in KEPT_ROLES
            else:
                assert sent.reason is None


def test_corpus_drops_chrome_and_repeats(corpus: list) -> None:
    dropped = [s for _, sents, _ in corpus for s in sents if s.role not in KEPT_ROLES]
    kinds = {s.role for s in dropped}
    assert kinds == {"boilerplate", "duplicate"}
    # Every line of the corpus that is a single word or a bare link is dropped.
    for _, sents, _ in corpus:
        for s in sents:
            if len(s.text.split()) == 1 or s.text.lower().startswith(("http", "www.")):
                assert s.role == "boilerplate", s


# ============================================================================================
# Properties on arbitrary text

_ALPHABET = st.sampled_from(
    [*"abcXYZ éÀ 12.,;:!?…\"'“”«»()-—\n\t\u00a0#>*", "Mr.", "U.S.", "M. ", "etc. ", "« "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_spans_are_ordered_trimmed_and_within_lines(text: str) -> None:
    spans = split_sentences(text, "fr")
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and "\n" not in piece
        previous_end = end
    sents, claims = extract_claims(make_source(text))
    assert [(s.start, s.end) for s in sents] == spans
    assert all(c.text == sents[c.sentence].text for c in claims)


# --- clause splitting: a participle clause or a second independent clause is its own claim ---


def _claim_texts(text: str, language: str) -> list[str]:
    from claimcheck.core.types import Source

    source = Source("t", "t.txt", "T", language, None, text)
    return [c.text for c in extract_claims(source)[1]]


@pytest.mark.parametrize(
    ("text", "language", "parts"),
    [
        (
            "The company has operated in Kenya since 2009, building roads and bridges across "
            "the western provinces.",
            "en",
            2,
        ),
        (
            "Le gouvernement a relevé le salaire minimum de 3 %, affirmant que la mesure "
            "soutiendrait la consommation des ménages.",
            "fr",
            2,
        ),
        (
            "The river burst its banks on Sunday night; hundreds of homes in the lower town "
            "were flooded before dawn.",
            "en",
            2,
        ),
        (
            "La grève a paralysé trois lignes de métro, et les bus ont circulé avec de très "
            "fortes perturbations.",
            "fr",
            2,
        ),
        # Not clauses: a preposition in -ing, a short aside, a list, quoted speech.
        ("Prices rose sharply in March, according to the national statistics office.", "en", 1),
        ("The mayor resigned, citing health, after ten years in office at city hall.", "en", 1),
        ("Talks involved France, Germany, Italy, and the Netherlands on Monday.", "en", 1),
        (
            '"We will keep the plant open, supporting every worker who stays with us," '
            "the owner said.",
            "en",
            1,
        ),
        ("Le ministre est arrivé à Lyon, pendant la nuit, pour rencontrer les élus.", "fr", 1),
    ],
)
def test_clauses_become_claims_of_their_own(text: str, language: str, parts: int) -> None:
    claims = _claim_texts(text, language)
    assert len(claims) == parts, claims
    # Nothing is lost or duplicated: the parts are consecutive pieces of the sentence, and only
    # the separator between them (a comma or semicolon and spaces) is left out.
    position = 0
    for part in claims:
        found = text.find(part, position)
        assert found >= 0 and not text[position:found].strip(" ,;"), (part, text)
        position = found + len(part)
    assert position == len(text)


@pytest.mark.parametrize(
    ("text", "embedded"),
    [
        ("WASHINGTON (Reuters) - The U.S. Senate voted to approve the bill.", "The U.S. Senate"),
        ("PARIS (AFP) – La France a annoncé mardi de nouvelles mesures.", "La France a annoncé"),
        ("GENEVA - The WHO said on Monday the outbreak was a pandemic.", "The WHO said"),
        ("BERLIN – L’expulsion de Sarrazin du SPD confirmée", "L’expulsion de Sarrazin"),
        ("SAN FRANCISCO — Shares of the company fell sharply.", "Shares of the company"),
        ("LOS ANGELES (KABC) -- Thousands of people flocked downtown.", "Thousands of people"),
        ("(Israel Hayom via JNS) Russia's president agreed to talks.", "Russia's president"),
        ("(Reuters) - The Senate voted on Tuesday.", "The Senate voted"),
        ("PARIS, April 16 — Notre-Dame went up in flames yesterday.", "Notre-Dame went up"),
        ("WASHINGTON, Jan. 5, 2020 (Reuters) - The Senate voted.", "The Senate voted"),
        ("PARIS, 16 avril (AFP) - La cathédrale a brûlé lundi soir.", "La cathédrale a brûlé"),
        ("(left to right) the ministers met in Paris.", None),  # a caption's aside
        # not a dateline: no dash, a name in lower case, too little left
        ("NATO said on Monday it would send troops.", None),
        ("Paris - the capital - was quiet on Monday.", None),
        ("PARIS - Quiet night.", None),
    ],
)
def test_a_dateline_opening_a_lead_is_left_out_of_what_is_embedded(
    text: str, embedded: str | None
) -> None:
    from claimcheck.core.text import without_dateline

    got = without_dateline(text)
    assert got.startswith(embedded) if embedded else got == text


def test_only_an_articles_lead_is_embedded_without_its_dateline() -> None:
    from claimcheck.core.pipeline import prepare

    text = (
        "Senate passes the bill\n\n"
        "WASHINGTON (Reuters) - The U.S. Senate voted on Tuesday to approve the bill.\n\n"
        "Officials said the measure would take effect in May.\n\n"
        "MIAMI - Party officials said the vote was close."
    )
    source = Source("t", "t.txt", "T", "en", None, text)
    sentences, claims = extract_claims(source)
    prepared = prepare([source], [sentences], claims)
    embedded = dict(zip([c.text for c in claims], prepared.texts, strict=True))
    lead = "WASHINGTON (Reuters) - The U.S. Senate voted on Tuesday to approve the bill."
    assert embedded[lead] == "The U.S. Senate voted on Tuesday to approve the bill."
    # later in the body such a line is what the article wrote, not its dateline
    later = "MIAMI - Party officials said the vote was close."
    assert embedded[later] == later


@pytest.mark.parametrize(
    ("text", "language", "dates"),
    [
        ("PARIS, April 16 — Notre-Dame went up in flames on Monday.", "en", ["Monday"]),
        ("WASHINGTON, Jan. 5, 2020 (Reuters) - The Senate voted on Tuesday.", "en", ["Tuesday"]),
        ("PARIS, 16 avril (AFP) - La cathédrale a brûlé le 15 avril.", "fr", ["15 avril"]),
        # a day the sentence states stays, at its start or anywhere
        ("On April 16, the cathedral reopened.", "en", ["April 16"]),
    ],
)
def test_the_day_of_a_dateline_is_not_a_day_the_claim_states(
    text: str, language: str, dates: list[str]
) -> None:
    # "PARIS, April 16 —" says when the report was filed; read as the claim's day it set the
    # claim apart from every other outlet's account of the event the day before
    from claimcheck.core.extract.facts import extract_facts

    got = [f.text for f in extract_facts(text, language).figures if f.kind == "date"]
    assert got == dates
