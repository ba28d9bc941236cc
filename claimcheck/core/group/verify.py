"""Deciding whether two claims of different outlets state the same fact; no clustering here.

The sentence encoder tells a claim's counterpart from unrelated sentences well, but among
sentences with the same actors and topic (another meeting, another statement by the same people)
its cosine is close to chance. So a pair proposed by the embedding is verified on evidence the
cosine does not weigh:

- **content words aligned one to one** across the pair (each word embedded on its own with the
  same multilingual encoder, so "réunion" meets "meeting"), weighted by how rare each word is among
  all the claims given (every story of the run: a small story alone is too few claims to tell a
  common word from a rare one): words nearly every claim uses ("Syria", "Israel") say little, the
  action and its object say much;
- the **sentence context** of a clause cut from a longer sentence;
- **margin**: how far the pair's similarity stands above each claim's usual similarity to the
  other claims (the margin scoring of bitext mining), and whether each is the other's best match
  in its outlet;
- **names** shared or found on one side only, and **figures** (counts, amounts, dates resolved
  against each article's date) that agree or conflict.

Beside the confidence, the evidence notes what sets a pair apart whatever the confidence: dates
that differ as written, and a contact of another kind (a phone call against a meeting,
:func:`contacts_apart`).

A logistic model turns these into a confidence that the two claims state the same fact. Its
weights are fitted on real articles labelled claim by claim
(``python benchmarks/eval_agreement.py --fit``) and kept in ``data/verifier.json``; the fitting
and what it scored are in models.md.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from claimcheck.core.extract.facts import LEAD_DATE_START
from claimcheck.core.types import ClaimFacts, Evidence, Figure

#: Two words whose vectors are at least this similar may be aligned.
WORD_FLOOR = 0.5

#: A story needs this many claims before a pair's similarity relative to the story (the centred
#: cosine, the margin over each claim's usual similarity) is evidence: centred on two or three
#: claims, every pair looks opposite. Below it those features are unknown and weigh nothing.
RELATIVE_MIN_CLAIMS = 10
#: Each outlet needs this many claims in the story before "each is the other's best match in its
#: outlet" is evidence: against an outlet that makes one claim, every claim's best match is it.
MUTUAL_MIN_CLAIMS = 3

#: The order of the verifier's features (the weights file names them, and must match).
FEATURES: tuple[str, ...] = (
    "cosine",
    "raw_cosine",
    "context",
    "margin",
    "mutual",
    "align",
    "align_min",
    "names_shared",
    "names_apart",
    "figures_agree",
    "figures_conflict",
)

#: Features whose values run lower across languages than within one (a translation is less alike
#: than a paraphrase to the encoder): for a cross-language pair they are mapped onto the
#: same-language scale first, ``x * a + b``, with (a, b) fitted on English/French parallel data.
CROSS_LANGUAGE_FEATURES: tuple[str, ...] = ("raw_cosine", "context", "align", "align_min")


def word_weights(facts: Sequence[ClaimFacts]) -> dict[str, float]:
    """Inverse document frequency of every content word over the claims given: ``log((n + 1) /
    (df + 0.5))``, so a word in every claim weighs little and a word in one claim weighs most."""
    df: dict[str, int] = {}
    for f in facts:
        for word in f.words:
            df[word] = df.get(word, 0) + 1
    n = len(facts)
    return {word: math.log((n + 1) / (count + 0.5)) for word, count in df.items()}


@dataclass(frozen=True)
class Alignment:
    """Content words aligned one to one across two claims."""

    pairs: tuple[tuple[str, str, float], ...]
    """(word of the first claim, word of the second, similarity), most similar first."""
    precision: float
    """Weighted share of the first claim's words that found a partner (times its similarity)."""
    recall: float
    """The same for the second claim's words."""

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def align_words(
    a: Sequence[str],
    b: Sequence[str],
    va: np.ndarray,
    vb: np.ndarray,
    weight: Mapping[str, float],
    floor: float = WORD_FLOOR,
) -> Alignment:
    """Greedy one-to-one alignment of words ``a`` (vectors ``va``) with ``b`` (``vb``): the most
    similar free pair first, down to ``floor``. Identical words always pair (similarity 1)."""
    if not len(a) or not len(b):
        return Alignment((), 0.0, 0.0)
    sims = np.asarray(va @ vb.T, dtype=np.float32)
    for i, word in enumerate(a):
        for j, other in enumerate(b):
            if word == other:
                sims[i, j] = 1.0
    # ties within float noise go in word order, whatever the machine's arithmetic
    order = np.argsort(-np.round(sims, 4), axis=None, kind="stable")
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[str, str, float]] = []
    got_a = got_b = 0.0
    for flat in order.tolist():
        i, j = divmod(flat, len(b))
        s = float(sims[i, j])
        if s < floor:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((a[i], b[j], s))
        got_a += weight.get(a[i], 1.0) * s
        got_b += weight.get(b[j], 1.0) * s
        if len(used_a) == len(a) or len(used_b) == len(b):
            break
    total_a = sum(weight.get(w, 1.0) for w in a)
    total_b = sum(weight.get(w, 1.0) for w in b)
    return Alignment(
        tuple(pairs), got_a / total_a if total_a else 0.0, got_b / total_b if total_b else 0.0
    )


def same_measure(a: Figure, b: Figure) -> bool:
    """Two figures of one kind that measure the same thing (counts of the same counted noun when
    both name one), so their values can be compared."""
    if a.kind != b.kind:
        return False
    if a.kind == "date" and (_unresolved(a) or _unresolved(b)):
        # "today" in an article of unknown date may be any day: it says nothing against "April
        # 23", nor against "yesterday" or "today" in another article of unknown date (written a
        # day apart, "today" and "yesterday" are one day; "today" and "today" are two)
        return False
    if a.kind == "figure" and a.unit and b.unit:
        return a.unit == b.unit
    return True


def _unresolved(f: Figure) -> bool:
    """A relative date ("today", "yesterday") that no article date resolved to a day."""
    from claimcheck.core.extract.figures import figure_granularity

    return f.kind == "date" and figure_granularity(f) == "relative"


def _shown(f: Figure, other: Figure) -> str:
    """A date as written, with what it was read as when the two dates differ only by being read
    against different articles' dates ("Thursday (2019-01-24)" / "jeudi (2019-01-31)")."""
    from claimcheck.core.extract.figures import dates_differ_as_written

    if f.unit != "date" or other.unit != "date" or f.low is None or f.high is None:
        return f.text  # not both read as days of the calendar
    if dates_differ_as_written(f, other):
        return f.text
    first = datetime.date.fromordinal(int(f.low))
    last = datetime.date.fromordinal(int(f.high))
    if first == last:
        read = first.isoformat()
    elif (first.year, first.month) == (last.year, last.month):
        read = first.strftime("%Y-%m")
    elif first.year == last.year:
        read = str(first.year)
    else:
        return f.text
    return f"{f.text} ({read})"


def _apart_dates(a: Sequence[Figure], b: Sequence[Figure]) -> list[tuple[Figure, Figure]]:
    """(date of ``a``, date of ``b`` it differs from as written) for the dates of ``a`` that fit
    no date of ``b``."""
    from claimcheck.core.extract.figures import (
        compare_figures,
        dates_differ_as_written,
        figure_granularity,
    )

    def fits(f: Figure, g: Figure) -> bool:
        clock = (figure_granularity(f) == "time") != (figure_granularity(g) == "time")
        return not clock and (compare_figures(f, g) in ("agree", "refines") or _next_day(f, g))

    out = []
    others = [g for g in b if g.kind == "date"]
    for f in a:
        differs = [g for g in others if dates_differ_as_written(f, g)]
        if differs and not any(fits(f, g) for g in others):
            out.append((f, differs[0]))
    return out


def _next_day(f: Figure, g: Figure) -> bool:
    """Two days one apart ("23 June 2016" / "24 juin 2016", "Jan. 11" / "Jan. 12"): in
    timelines nearly always one event that outlets date a day apart (a time zone, the day it
    was announced or took effect, one outlet's error), not two events. Shown as a difference;
    not a reason on its own to keep the pair apart."""
    from claimcheck.core.extract.figures import month_and_day

    if f.kind != "date" or g.kind != "date":
        return False
    if f.unit == g.unit == "date" and f.low is not None and g.low is not None:
        return f.low == f.high and g.low == g.high and abs(f.low - g.low) == 1
    a, b = month_and_day(f), month_and_day(g)
    return a is not None and b is not None and a[0] == b[0] and abs(a[1] - b[1]) == 1


def _lead_dates(figures: Sequence[Figure]) -> list[Figure]:
    """The dates that say when the claim happened: its timeline heading's, or one opening the
    claim ("On 31 December 2019, China reported…", "Le 8 janvier, l'OMS indique…"). Other dates
    in a claim are often background ("an epidemic that appeared in December")."""
    return [f for f in figures if f.kind == "date" and f.start <= LEAD_DATE_START]


def figure_evidence(
    a: Sequence[Figure], b: Sequence[Figure]
) -> tuple[list[str], list[str], list[str]]:
    """(agreeing, conflicting, different dates) figures of two claims, as "x = y" / "x ≠ y"
    texts. A figure conflicts when the other claim states a figure of the same measure and none
    agrees with it. The third list holds dates that differ as written (two weekday names,
    months, days or years; not only by being read against different articles' dates) when each
    claim has such a date that fits none of the other's and no figure of the pair lines up and
    agrees: two claims set on different days ("on Monday" / "on Thursday") report different
    events far more often than one event misdated (models.md), so they are not joined without
    the reader."""
    from claimcheck.core.extract.figures import (
        compare_figures,
        figure_affinity,
    )

    agree: list[str] = []
    conflict: list[str] = []
    lined_up = False  # an agreement between figures that can be one measure
    for f in a:
        same = [g for g in b if same_measure(f, g)]
        if not same:
            continue
        verdicts = [(compare_figures(f, g), g) for g in same]
        fitting = [g for v, g in verdicts if v in ("agree", "refines")]
        # "Thursday" against "last month" fits, but says nothing: an agreement is between
        # figures that can be one measure
        measured = [g for g in fitting if figure_affinity(f, g) is not None]
        lined_up = lined_up or bool(measured)
        if measured:
            agree.append(f"{f.text} = {measured[0].text}")
        elif not fitting:
            conflict.append(f"{_shown(f, same[0])} ≠ {_shown(same[0], f)}")
    # The date rule: each claim has a date that differs as written from one of the other's and
    # fits none of them (a clock time fits no day; "last month" may hold any); checked both ways
    # round, so a claim that also mentions another event's day ("Friday's call follows the visit
    # last month") is not set apart. An agreement between figures that can be one measure (not
    # "3 pm" and "Monday") keeps the pair together.
    lead_a, lead_b = _lead_dates(a), _lead_dates(b)
    leads = _apart_dates(lead_a, lead_b) if lead_a and lead_b else []
    if leads and _apart_dates(lead_b, lead_a):
        return agree, conflict, [f"{f.text} ≠ {g.text}" for f, g in leads]
    if lined_up:
        return agree, conflict, []
    ab = _apart_dates(a, b)
    if not ab or not _apart_dates(b, a):
        return agree, conflict, []
    return agree, conflict, [f"{f.text} ≠ {g.text}" for f, g in ab]


@cache
def _contact_words() -> tuple[frozenset[str], frozenset[str]]:
    """(from afar, in person): the contact words of every language, as a claim in one language
    quotes the other and a pair may be in two."""
    from claimcheck.core.lang import LANGUAGES, words

    remote = frozenset().union(*(words(c, "events", "remote_contact") for c in LANGUAGES))
    in_person = frozenset().union(*(words(c, "events", "in_person_contact") for c in LANGUAGES))
    return remote, in_person


def contact_kind(facts: ClaimFacts) -> tuple[str, str] | None:
    """("remote" or "in person", the word that says it) when the claim reports one kind of
    contact only."""
    remote, in_person = _contact_words()
    far = next((w for w in facts.words if w in remote), None)
    near = next((w for w in facts.words if w in in_person), None)
    if far is not None and near is None:
        return "remote", far
    if near is not None and far is None:
        return "in person", near
    return None


def contacts_apart(a: ClaimFacts, b: ClaimFacts) -> tuple[str, ...]:
    """The words of two claims that report contacts of different kinds, one from afar and one in
    person ("during a phone call" / "the meeting", "au téléphone" / "a rencontré"), or nothing.
    Two such claims report two contacts: the tool does not join them by itself (lang
    ``events.toml``)."""
    return kinds_apart(contact_kind(a), contact_kind(b))


def kinds_apart(ka: tuple[str, str] | None, kb: tuple[str, str] | None) -> tuple[str, ...]:
    """:func:`contacts_apart` from each claim's :func:`contact_kind`, read once per claim."""
    if ka is None or kb is None or ka[0] == kb[0]:
        return ()
    return ka[1], kb[1]


def _id_label(f: Figure) -> str | None:
    """The word a number names a thing with ("Episode" of "Episode 7", "mh" of "MH17", "article"
    of "Article 50"), folded; ``None`` for a figure that is no id, and for a score ("6-4"),
    which another claim may give at another moment of one match."""
    from claimcheck.core.extract.figures import is_label

    if f.unit is None or not is_label(f) or f.unit == "#score":
        return None
    if len(f.unit) > 1:
        return f.unit[1:]
    word = f.text.split()[0] if len(f.text.split()) > 1 else ""  # "No. 5", "Article 50"
    return word.lower().rstrip(".") or None


def ids_apart(a: Sequence[Figure], b: Sequence[Figure]) -> tuple[str, ...]:
    """The ids two claims give with one label and no number in common ("Episode 7 ≠ Episode 8",
    "MH17 ≠ MH370", "G7 ≠ G20", "Article 50 ≠ article 49", and from their
    :attr:`~claimcheck.core.types.ClaimFacts.ordinals`, "seventh episode ≠ eighth episode",
    "premier tour ≠ second tour"), or nothing. A number that names a
    thing is not a measure that outlets round or update: two claims that give one label two
    numbers speak of two things, so the tool does not join them by itself (a claim that gives
    both, "the G7 and the G20", sets nothing apart)."""
    ids_a: dict[str, list[Figure]] = {}
    for f in a:
        label = _id_label(f)
        if label is not None:
            ids_a.setdefault(label, []).append(f)
    if not ids_a:
        return ()
    ids_b: dict[str, list[Figure]] = {}
    for g in b:
        label = _id_label(g)
        if label in ids_a:
            ids_b.setdefault(label, []).append(g)
    out = []
    for label, gs in ids_b.items():
        fs = ids_a[label]
        if not {f.value for f in fs} & {g.value for g in gs}:
            out.append(f"{fs[0].text} ≠ {gs[0].text}")
    return tuple(out)


def name_evidence(a: ClaimFacts, b: ClaimFacts) -> tuple[list[str], list[str]]:
    """(shared, one-sided) names of two claims, by language-neutral key."""
    from claimcheck.core.extract.names import related_entities

    keys_a = {n.key: n.text for n in a.names}
    keys_b = {n.key: n.text for n in b.names}
    shared = []
    apart = []
    for key, text in keys_a.items():
        if key in keys_b or any(related_entities(key, k) for k in keys_b):
            shared.append(text)
        else:
            apart.append(text)
    for key, text in keys_b.items():
        if not (key in keys_a or any(related_entities(key, k) for k in keys_a)):
            apart.append(text)
    return shared, apart


@dataclass(frozen=True)
class PairContext:
    """What scoring a pair reads beyond the two claims' facts (computed once per story)."""

    cosine: float
    raw_cosine: float
    context: float
    margin: float
    mutual: float
    relative_known: bool = True
    """Whether the story has enough claims for ``cosine`` (centred on the story) and ``margin``
    (over each claim's usual similarity) to say anything; see :data:`RELATIVE_MIN_CLAIMS`."""
    mutual_known: bool = True
    """Whether both outlets have enough claims in the story for "best match" to be a choice;
    see :data:`MUTUAL_MIN_CLAIMS`."""


def pair_features(
    fa: ClaimFacts,
    fb: ClaimFacts,
    wa: np.ndarray,
    wb: np.ndarray,
    weight: Mapping[str, float],
    ctx: PairContext,
) -> tuple[np.ndarray, Evidence]:
    """The verifier's feature vector for one pair (order of :data:`FEATURES`) and the evidence
    a reader is shown for it."""
    alignment = align_words(fa.words, fb.words, wa, wb, weight)
    agree, conflict, dates = figure_evidence(fa.figures, fb.figures)
    shared, apart = name_evidence(fa, fb)
    n_names = len(shared) + len(apart)
    x = np.array(
        [
            ctx.cosine if ctx.relative_known else math.nan,
            ctx.raw_cosine,
            ctx.context,
            ctx.margin if ctx.relative_known else math.nan,
            ctx.mutual if ctx.mutual_known else math.nan,
            alignment.f1,
            min(alignment.precision, alignment.recall),
            min(len(shared), 3) / 3,
            len(apart) / n_names if n_names else 0.0,
            1.0 if agree else 0.0,
            1.0 if conflict and not agree else 0.0,
        ],
        dtype=np.float64,
    )
    evidence = Evidence(
        cosine=round(ctx.cosine, 3),
        words=tuple((p, q) for p, q, s in alignment.pairs if p != q or s >= WORD_FLOOR),
        shared_names=tuple(shared),
        other_names=tuple(apart),
        agreeing_figures=tuple(agree),
        conflicting_figures=tuple(conflict),
        different_dates=tuple(dates),
        different_ids=ids_apart((*fa.figures, *fa.ordinals), (*fb.figures, *fb.ordinals)),
        same_day=same_written_day(fa.figures, fb.figures),
    )
    return x, evidence


def _written_day(f: Figure) -> bool:
    """A day written with its number ("30 January", "Jan. 30, 2020", "le 30 janvier")."""
    from claimcheck.core.extract.figures import figure_granularity

    return f.kind == "date" and figure_granularity(f) == "day" and any(c.isdigit() for c in f.text)


def writes_a_day(figures: Sequence[Figure]) -> bool:
    """Whether a claim writes a day with its number, or a few days ("2-3 avril", "April
    10-11", "du 2 au 5 mars"): a timeline's entry for an event over two days."""
    from claimcheck.core.extract.figures import writes_day_numbers

    return any(_written_day(f) or writes_day_numbers(f) for f in figures)


def written_days(figures: Sequence[Figure]) -> set[tuple[int, int]]:
    """(month, day) of each day a claim writes with its number, whatever its year."""
    from claimcheck.core.extract.figures import month_and_day

    return {md for f in figures if _written_day(f) and (md := month_and_day(f)) is not None}


def same_written_day(a: Sequence[Figure], b: Sequence[Figure]) -> bool:
    """Whether two claims write the same day with its number ("30 January", "Jan. 30, 2020",
    "le 30 janvier", "30/01/2020"): not a weekday or "yesterday", which are days only as read
    against each article's date, and in prose often the day of one event that many claims
    report. A day written without its year in an undated article ("Feb 24") is the same
    written day as "February 24, 2022"."""
    from claimcheck.core.extract.figures import compare_figures, month_and_day

    def one_day(f: Figure, g: Figure) -> bool:
        verdict = compare_figures(f, g)
        # "refines": one of them has no year; the same month and day are still one written day
        return verdict == "agree" or (
            verdict == "refines"
            and month_and_day(f) is not None
            and month_and_day(f) == month_and_day(g)
        )

    days = [g for g in b if _written_day(g)]
    return bool(days) and any(one_day(f, g) for f in a if _written_day(f) for g in days)


@dataclass(frozen=True)
class Verifier:
    """A logistic model over :data:`FEATURES`: ``p = 1 / (1 + exp(-(w . (x - mean) / scale +
    b)))``. ``accept`` is the confidence at which the fitting data gave precision 0.9."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    accept: float
    name: str = "claimcheck-verifier"
    info: Mapping[str, Any] | None = None
    cross_language: Mapping[str, tuple[float, float]] | None = None
    """Feature -> (a, b): a cross-language pair's value is read as ``value * a + b``."""

    def same_language_scale(self, x: np.ndarray, cross: np.ndarray | None) -> np.ndarray:
        """``x`` with the rows of cross-language pairs (``cross``) mapped onto the
        same-language scale (:data:`CROSS_LANGUAGE_FEATURES`)."""
        x = np.array(np.atleast_2d(np.asarray(x, dtype=np.float64)))
        if cross is None or not self.cross_language:
            return x
        rows = np.flatnonzero(np.asarray(cross, dtype=bool))
        if len(rows):
            for name, (a, b) in self.cross_language.items():
                col = FEATURES.index(name)
                x[rows, col] = x[rows, col] * a + b
        return x

    def probability(self, x: np.ndarray, cross: np.ndarray | None = None) -> np.ndarray:
        """Confidence that each row of ``x`` (features) is a same-fact pair; ``cross`` marks
        the rows of pairs whose claims are in different languages."""
        x = self.same_language_scale(x, cross)
        # An unknown feature (NaN: see PairContext) sits at the mean of the fitting data, so it
        # neither raises nor lowers the confidence.
        standard = np.nan_to_num((x - np.asarray(self.mean)) / np.asarray(self.scale), nan=0.0)
        z = standard @ np.asarray(self.weights)
        return 1.0 / (1.0 + np.exp(-(z + self.bias)))

    def to_json(self) -> str:
        return (
            json.dumps(
                {
                    "name": self.name,
                    "features": list(FEATURES),
                    "weights": [round(w, 6) for w in self.weights],
                    "bias": round(self.bias, 6),
                    "mean": [round(m, 6) for m in self.mean],
                    "scale": [round(s, 6) for s in self.scale],
                    "accept": round(self.accept, 4),
                    "cross_language": {
                        k: [round(a, 4), round(b, 4)]
                        for k, (a, b) in (self.cross_language or {}).items()
                    },
                    "info": dict(self.info or {}),
                },
                indent=1,
                ensure_ascii=False,
            )
            + "\n"
        )


def verifier_from_dict(data: Mapping[str, Any]) -> Verifier:
    """A :class:`Verifier` from its JSON form; its features must be :data:`FEATURES`."""
    if tuple(data.get("features", ())) != FEATURES:
        raise ValueError("the verifier's weights are for other features")
    n = len(FEATURES)
    weights = tuple(float(w) for w in data["weights"])
    mean = tuple(float(m) for m in data["mean"])
    scale = tuple(float(s) or 1.0 for s in data["scale"])
    if not (len(weights) == len(mean) == len(scale) == n):
        raise ValueError("the verifier's weights have the wrong length")
    cross: dict[str, tuple[float, float]] = {}
    for key, pair in dict(data.get("cross_language") or {}).items():
        if key not in CROSS_LANGUAGE_FEATURES or len(pair) != 2:
            raise ValueError(f"the verifier's cross-language map names an unknown feature {key!r}")
        cross[key] = (float(pair[0]), float(pair[1]))
    return Verifier(
        weights=weights,
        bias=float(data["bias"]),
        mean=mean,
        scale=scale,
        accept=float(data["accept"]),
        name=str(data.get("name", "claimcheck-verifier")),
        info=data.get("info") or {},
        cross_language=cross,
    )


@cache
def default_verifier() -> Verifier:
    """The built-in verifier, fitted on labelled real articles (``data/verifier.json``)."""
    text = resources.files("claimcheck.core").joinpath("data", "verifier.json").read_text("utf-8")
    return verifier_from_dict(json.loads(text))
