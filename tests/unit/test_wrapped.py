"""Plain text wrapped at a fixed width: its sentences are read whole."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from claimcheck.core.read.ingest import load_sources
from claimcheck.core.read.wrapped import unwrap
from claimcheck.core.segment.claims import extract_claims

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

WRAPPED = """Lieberman meets Shoigu in Moscow

The Israeli defence minister met his Russian counterpart in Moscow on
Tuesday, the ministry said, and the two discussed the situation in Syria
and the de-confliction mechanism set up between their armies in 2015.

The meeting lasted over an hour and a half. Both sides described it as
frank and said they would meet again before the end of the year.
"""


def test_a_sentence_cut_by_the_width_of_the_lines_is_joined_again() -> None:
    out = unwrap(WRAPPED)
    paragraphs = [p for p in out.split("\n") if p.strip()]
    assert paragraphs == [
        "Lieberman meets Shoigu in Moscow",
        "The Israeli defence minister met his Russian counterpart in Moscow on Tuesday, the "
        "ministry said, and the two discussed the situation in Syria and the de-confliction "
        "mechanism set up between their armies in 2015.",
        "The meeting lasted over an hour and a half. Both sides described it as frank and said "
        "they would meet again before the end of the year.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a paragraph on each line, however short its lines
        "Fire starts in the roof.\nThe spire collapses.\nMacron arrives at the scene.\n"
        "Firefighters save the towers.\nThe fire is declared under control.\n",
        # a timeline: headings and short entries, no sentence cut
        "6.20pm\n\nA fire alarm sounds during mass.\n\n7.10pm\n\nSmoke is visible from afar\n\n"
        "7.50pm\n\nThe spire collapses\n\n8.05pm\n\nMacron tweets\n",
        # a list: its items are never joined, whatever their length
        "Key dates\n- 15 April: fire\n- 16 April: pledges\n- 17 April: the law\n"
        "- 2024: reopening\n- 2025: the spire\n",
    ],
)
def test_text_that_is_not_wrapped_is_left_as_it_is(text: str) -> None:
    assert unwrap(text) == text


def test_list_items_and_ends_of_sentences_in_wrapped_text_keep_their_line() -> None:
    text = (
        "The agency listed what had gone wrong in the months before the crash and\n"
        "what the manufacturer had told pilots about the new software system:\n"
        "- the sensor fed the system with a single angle of attack reading that\n"
        "  could be wrong\n"
        "- pilots had not been told the system existed before the first accident\n"
        "and the training they received did not cover how to switch it off.\n"
    )
    lines = unwrap(text).split("\n")
    assert lines[0].startswith("The agency listed") and lines[0].endswith("software system:")
    assert lines[1].startswith("- the sensor") and lines[1].endswith("could be wrong")
    assert lines[2].startswith("- pilots had not been told")


@pytest.mark.parametrize("width", [60, 72])
def test_the_corpus_wrapped_at_a_width_gives_the_claims_it_gives_unwrapped(
    tmp_path: Path, width: int
) -> None:
    # real articles: wrapped as an e-mail client would (paragraphs apart by a blank line),
    # they are read into the same claims as the articles given a paragraph per line
    for path in sorted(CORPUS.glob("*.txt")):
        head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
        paragraphs = [p for p in body.split("\n") if p.strip()]
        (tmp_path / "flat").mkdir(exist_ok=True)
        (tmp_path / "wrapped").mkdir(exist_ok=True)
        flat = tmp_path / "flat" / path.name
        flat.write_text(head + "\n---\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        wrapped = tmp_path / "wrapped" / path.name
        wrapped.write_text(
            head + "\n---\n" + "\n\n".join(textwrap.fill(p, width) for p in paragraphs) + "\n",
            encoding="utf-8",
        )
        (a,) = load_sources([str(flat)])
        (b,) = load_sources([str(wrapped)])
        assert [c.text for c in extract_claims(b)[1]] == [c.text for c in extract_claims(a)[1]]
