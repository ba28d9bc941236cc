"""A small hand-made EN/FR result with deterministic vectors, shared by interface and unit tests."""

from __future__ import annotations

import hashlib
import math
import unicodedata

import numpy as np

from claimcheck.core.pipeline import prepare
from claimcheck.core.types import (
    Claim,
    Cluster,
    Difference,
    Result,
    Sentence,
    Settings,
    Source,
)

#: Text an article could carry that must be shown literally: Rich/Textual markup and escapes.
HOSTILE = "Officials said [bold]nothing[/bold] [@click=app.quit]here[/] \x1b]52;c;SGk=\x07 ok\r."

# (source, text, role, intended cluster) per sentence, in article order; cluster None = dropped.
ARTICLES: dict[str, list[tuple[str, str, str | None]]] = {
    "lemonde": [
        ("Une crue a fait 12 morts à Valence mardi.", "headline", "flood"),
        ("Le ministre Pedro Sánchez a promis une aide d'urgence.", "body", "aid"),
        ("Abonnez-vous à notre lettre d'information.", "boilerplate", None),
        ("Les écoles resteront fermées jusqu'à vendredi.", "body", "schools"),
    ],
    "bbc": [
        ("Floods killed 15 people in Valencia on Tuesday.", "headline", "flood"),
        ("Prime Minister Pedro Sanchez promised emergency aid to the region.", "body", "aid"),
        ("Subscribe to our newsletter for more.", "boilerplate", None),
        (HOSTILE, "body", "hostile"),
    ],
    "reuters": [
        ("Floods killed 12 people in Valencia on Tuesday, officials said.", "headline", "flood"),
        ("Prime Minister Pedro Sanchez pledged emergency aid to the region.", "body", "aid"),
        ("Rail services between Valencia and Madrid were suspended.", "body", "rail"),
    ],
}
SOURCES = (
    Source("lemonde", "lemonde.txt", "Le Monde", "fr", "2024-10-29", "", title="Crue à Valence"),
    Source("bbc", "bbc.txt", "BBC News", "en", "2024-10-29", ""),
    Source("reuters", "reuters.txt", "Reuters", "en", "2024-10-30", ""),
)
CLUSTER_ORDER = ("flood", "aid", "schools", "hostile", "rail")
#: French words and the English words the sample's word vectors treat as the same.
WORD_SYNONYMS = {
    "crue": "floods",
    "morts": "killed",
    "valence": "valencia",
    "mardi": "tuesday",
    "ministre": "minister",
    "sanchez": "sanchez",
    "promis": "promised",
    "aide": "aid",
    "urgence": "emergency",
}


def _vector(topic: str, text: str) -> np.ndarray:
    """Claims of one topic share a base direction; each adds a little deterministic noise."""
    base = np.random.default_rng(int(hashlib.sha256(topic.encode()).hexdigest()[:8], 16))
    noise = np.random.default_rng(int(hashlib.sha256(text.encode()).hexdigest()[:8], 16))
    vec = base.normal(size=32) + 0.45 * noise.normal(size=32)
    return (vec / np.linalg.norm(vec)).astype(np.float32)


def _word_vector(word: str) -> np.ndarray:
    """A deterministic unit vector per word; a French word and its English synonym share one."""
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)
    )
    key = WORD_SYNONYMS.get(folded, folded)
    rng = np.random.default_rng(int(hashlib.sha256(key.encode()).hexdigest()[:8], 16))
    vec = rng.normal(size=32)
    return (vec / np.linalg.norm(vec)).astype(np.float32)


def build_result(threshold: float = 0.55) -> Result:
    """The small corpus above as a Result, clustered by hand with the differences a compare
    stage would report, with the facts and word vectors re-clustering reads."""
    sentences = []
    claims: list[Claim] = []
    topic_of: dict[str, str] = {}
    for source in SOURCES:
        offset = 0
        sents = []
        position = 0
        for index, (text, role, topic) in enumerate(ARTICLES[source.id]):
            reason = "site chrome: newsletter" if topic is None else None
            sents.append(
                Sentence(
                    source.id,
                    index,
                    text,
                    offset,
                    offset + len(text),
                    source.language,
                    role,
                    reason,
                )  # type: ignore[arg-type]
            )
            offset += len(text) + 1
            if topic is not None:
                claim = Claim(
                    f"{source.id}#{position}",
                    source.id,
                    position,
                    index,
                    text,
                    source.language,
                    role,
                )  # type: ignore[arg-type]
                claims.append(claim)
                topic_of[claim.id] = topic
                position += 1
        sentences.append(tuple(sents))
    diffs = {
        "flood": (
            Difference(
                "figure",
                "differs",
                (("lemonde", "12 morts"), ("bbc", "15 people"), ("reuters", "12 people")),
                "12 vs 15",
            ),
            Difference("attribution", "differs", (("reuters", "officials said"),), ""),
            Difference(
                "name",
                "agree",
                (("lemonde", "Valence"), ("bbc", "Valencia"), ("reuters", "Valencia")),
            ),
        ),
        "aid": (
            Difference(
                "name",
                "agree",
                (
                    ("lemonde", "Pedro Sánchez"),
                    ("bbc", "Pedro Sanchez"),
                    ("reuters", "Pedro Sanchez"),
                ),
            ),
        ),
    }
    clusters = []
    for k, topic in enumerate(CLUSTER_ORDER, start=1):
        members = tuple(c for c in claims if topic_of[c.id] == topic)
        clusters.append(Cluster(f"c{k}", members, diffs.get(topic, ())))
    vectors = np.stack([_vector(topic_of[c.id], c.text) for c in claims])
    prepared = prepare(SOURCES, sentences, claims)
    words = [_word_vector(w) for w in prepared.vocabulary]
    return Result(
        sources=SOURCES,
        sentences=tuple(sentences),
        claims=tuple(claims),
        clusters=tuple(clusters),
        settings=Settings("fake", threshold),
        vectors=vectors,
        facts=prepared.facts,
        vocabulary=prepared.vocabulary,
        word_vectors=np.stack(words) if words else np.zeros((0, 32), dtype=np.float32),
    )


def verified_result() -> Result:
    """The sample verified just above its sixth most likely pair (Reuters' aid claim against
    BBC's), at a threshold high enough that Le Monde's aid claim, which both match, does not
    vouch for it either (each match must reach ``(1 + threshold) / 2``): the aid cluster keeps
    Reuters' claim as related, not confirmed. The threshold is read from the scores so the
    sample does not hang on the verifier's weights."""
    from claimcheck.core.pipeline import recluster

    scores = recluster(build_result(), 0.5).pair_scores
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    (a, b), weak = ranked[5]
    legs = [
        min(scores.get((x, y), scores.get((y, x), 0.0)) for x, y in ((a, c), (b, c)))
        for c in {claim for pair in scores for claim in pair} - {a, b}
    ]
    # above the pair, and above 2 * m - 1 for the weaker match m of every claim both match
    threshold = math.floor(max(weak, 2 * max(legs) - 1) * 100 + 1) / 100
    assert threshold < 1, "the sample's scores are too close to part"
    return recluster(build_result(), threshold)
