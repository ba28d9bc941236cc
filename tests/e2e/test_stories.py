"""Several stories in one input, with the real default model: claimcheck keeps each story's
claims to themselves, and adding an unrelated story changes nothing in the bundled one."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.core.types import Result
from tests.e2e.conftest import agreed_or_suggested

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]

# An unrelated story, written for this test: a water main break, one report in French and one
# in English, which share three facts.
LYON_FR = """\
---
outlet: Le Quotidien du Rhône
language: fr
---
Une canalisation d'eau potable a cédé mardi matin sous le cours Gambetta, à Lyon.
Environ 12 000 foyers du 7e arrondissement ont été privés d'eau pendant près de six heures.
La métropole a distribué des bouteilles d'eau dans trois gymnases du quartier.
Les pompiers ont évacué un immeuble dont la cave avait été inondée.
Selon la régie des eaux, la conduite datait de 1936 et devait être remplacée l'an prochain.
"""
LYON_EN = """\
---
outlet: Rhone Valley Post
language: en
---
A drinking water main burst on Tuesday morning under Cours Gambetta in Lyon.
Around 12,000 households in the 7th district were left without water for almost six hours.
Firefighters evacuated a building whose basement had flooded.
The city's mayor promised an audit of the network before the end of the year.
"""


@pytest.fixture(scope="module")
def two_stories(e2e_cache_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Result:
    """corpus/ and the Lyon story in one run."""
    from claimcheck.core.defaults import DEFAULT_MODEL, DEFAULT_THRESHOLD
    from claimcheck.core.embed.cache import EmbeddingCache
    from claimcheck.core.pipeline import run
    from claimcheck.core.types import Settings

    extra = tmp_path_factory.mktemp("lyon")
    (extra / "lyon-fr.txt").write_text(LYON_FR, encoding="utf-8")
    (extra / "lyon-en.txt").write_text(LYON_EN, encoding="utf-8")
    settings = Settings(DEFAULT_MODEL, DEFAULT_THRESHOLD)
    return run([str(ROOT / "corpus"), str(extra)], settings, cache=EmbeddingCache(e2e_cache_dir))


def _partition(result: Result, sources: set[str]) -> list[list[str]]:
    return sorted(
        sorted(c.id for c in cluster.claims if c.source in sources)
        for cluster in result.clusters
        if any(c.source in sources for c in cluster.claims)
    )


def test_an_unrelated_story_leaves_the_bundled_story_as_it_was(
    corpus_result: Result, two_stories: Result
) -> None:
    corpus_sources = {s.id for s in corpus_result.sources}
    assert len(two_stories.sources) == len(corpus_sources) + 2
    assert _partition(two_stories, corpus_sources) == _partition(corpus_result, corpus_sources)


def test_no_cluster_mixes_the_two_stories(corpus_result: Result, two_stories: Result) -> None:
    corpus_sources = {s.id for s in corpus_result.sources}
    for cluster in two_stories.clusters:
        inside = {c.source in corpus_sources for c in cluster.claims}
        assert len(inside) == 1, [c.text for c in cluster.claims]


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("Une canalisation d'eau potable a cédé", "A drinking water main burst"),
        ("Environ 12 000 foyers", "Around 12,000 households"),
        ("Les pompiers ont évacué un immeuble", "Firefighters evacuated a building"),
    ],
)
def test_the_new_story_is_matched_across_languages(
    two_stories: Result, french: str, english: str
) -> None:
    # A translation is verified as the same claim, or is the reader's top suggestion for it.
    assert agreed_or_suggested(two_stories, french, english, top=1) is not None


def test_most_of_the_new_storys_translations_are_verified(two_stories: Result) -> None:
    pairs = [
        ("Une canalisation d'eau potable a cédé", "A drinking water main burst"),
        ("Environ 12 000 foyers", "Around 12,000 households"),
        ("Les pompiers ont évacué un immeuble", "Firefighters evacuated a building"),
    ]
    verdicts = [agreed_or_suggested(two_stories, fr, en) for fr, en in pairs]
    assert verdicts.count("agreed") >= 2, verdicts


def test_outlets_of_another_story_are_not_called_silent(
    corpus_result: Result, two_stories: Result
) -> None:
    from claimcheck.core.browse import cluster_detail, make_rows
    from claimcheck.report.jsonout import to_dict
    from claimcheck.report.markdown import render_markdown

    corpus_ids = tuple(s.id for s in corpus_result.sources)
    lyon_ids = tuple(s.id for s in two_stories.sources if s.id not in corpus_ids)
    assert two_stories.stories == (corpus_ids, lyon_ids)
    assert corpus_result.stories == ()
    assert to_dict(two_stories)["stories"] == [list(corpus_ids), list(lyon_ids)]
    assert to_dict(corpus_result)["stories"] == [list(corpus_ids)]
    rows = {row.cluster_id: row for row in make_rows(two_stories)}
    for cluster in two_stories.clusters:
        own = lyon_ids if cluster.claims[0].source in lyon_ids else corpus_ids
        detail = cluster_detail(two_stories, cluster)
        silent = {s.id for s in detail.silent}
        related = {r.claim.source for r in cluster.related}
        early = {s.id for s in detail.before}
        # An outlet with a related (unconfirmed) statement is not called silent either, nor one
        # written before what the claim reports; neither is ever of another story.
        assert silent == set(own) - set(cluster.sources) - related - early
        assert early <= set(own)
        assert rows[cluster.id].possible == len(own)
    report = render_markdown(two_stories)
    assert "The articles form 2 stories" in report
    silent_lines = [line for line in report.splitlines() if line.startswith("Not stated by")]
    assert silent_lines  # the bundled story has outlets silent on shared claims
    for line in silent_lines:
        assert "Rhône" not in line and "Rhone" not in line, line
