"""A reviewer's work on a comparison, kept in a sidecar file beside the corpus: reviewed marks,
notes, and corrections of the clustering. No UI here.

Marks and corrections never refer to cluster ids (they change with every re-clustering); they name
claims by a key made of the source id and a hash of the claim's text, which survives restarts and
new thresholds. A mark is anchored on one claim and attaches to whichever cluster holds that claim
now; a correction moves one claim into the cluster of another claim, or out on its own.

The sidecar is JSON::

    {"format": "claimcheck-review", "version": 1,
     "marks": [{"anchor": "<key>", "members": ["<key>", ...], "reviewed": true, "note": "..."}],
     "corrections": [{"claim": "<key>", "into": "<key>" or null, "text": "first words"}]}
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import InputError
from .fileio import write_atomic
from .models import Claim, Cluster, ClusterReview, Result

SIDECAR_NAME = ".claimcheck-review.json"
FORMAT = "claimcheck-review"
VERSION = 1


@dataclass(frozen=True)
class Mark:
    """A reviewed mark and/or note on the cluster that holds ``anchor``."""

    anchor: str
    """Key of the claim the mark follows (see :func:`claim_key`)."""
    members: tuple[str, ...] = ()
    """Keys of the cluster's members when the mark was made; used if the anchor disappears."""
    reviewed: bool = False
    note: str = ""


@dataclass(frozen=True)
class Correction:
    """Move claim ``claim`` into the cluster holding ``into``, or out on its own if ``None``."""

    claim: str
    into: str | None
    text: str = ""
    """The start of the claim's text, so a person reading the file knows which claim it is."""


@dataclass(frozen=True)
class Review:
    """Everything a reviewer recorded; immutable, each change returns a new one."""

    marks: tuple[Mark, ...] = ()
    corrections: tuple[Correction, ...] = ()

    @property
    def empty(self) -> bool:
        """True when there is nothing to save."""
        return not self.marks and not self.corrections


def claim_key(claim: Claim) -> str:
    """A key for ``claim`` that survives restarts: its source id and a hash of its text."""
    text = " ".join(claim.text.split())
    return f"{claim.source}:{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}"


def sidecar_path(inputs: Sequence[str]) -> Path:
    """Where the review of a corpus lives: in the folder given, else beside the first file.

    With only URLs, it goes in the current folder.
    """
    for item in inputs:
        if "://" in item:
            continue
        path = Path(item)
        folder = path if path.is_dir() else path.parent
        return folder / SIDECAR_NAME
    return Path(SIDECAR_NAME)


# --- the sidecar file ----------------------------------------------------------------------------


def _parse(data: object) -> Review:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a claimcheck review file")
    if data.get("version") != VERSION:
        raise ValueError(f"unknown version {data.get('version')!r}")
    marks = []
    for item in data.get("marks", []):
        anchor, members = item["anchor"], item.get("members", [])
        reviewed, note = item.get("reviewed", False), item.get("note", "")
        if not (isinstance(anchor, str) and isinstance(reviewed, bool) and isinstance(note, str)):
            raise ValueError("a mark has a field of the wrong type")
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise ValueError("a mark's members are not a list of claim keys")
        marks.append(Mark(anchor, tuple(members), reviewed, note))
    corrections = []
    for item in data.get("corrections", []):
        claim, into, text = item["claim"], item.get("into"), item.get("text", "")
        if not isinstance(claim, str) or not (into is None or isinstance(into, str)):
            raise ValueError("a correction has a field of the wrong type")
        corrections.append(Correction(claim, into, text if isinstance(text, str) else ""))
    return Review(tuple(marks), tuple(corrections))


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, target)
    return target


def load_review(path: str | Path, warn: Callable[[str], None] | None = None) -> Review:
    """The review stored at ``path``; an empty one if there is none.

    A file that cannot be read as a review is moved aside (renamed ``*.corrupt-<time>``, never
    deleted), ``warn`` gets one line saying so, and an empty review is returned.
    """
    target = Path(path)
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return Review()
    except OSError as exc:
        raise InputError(f"cannot read review file {target}: {exc.strerror or exc}") from None
    try:
        return _parse(json.loads(raw.decode("utf-8")))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        # RecursionError: json gives up on deeply nested input the hard way.
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        try:
            moved = _move_aside(target)
        except OSError as move_error:
            raise InputError(
                f"review file {target} is unreadable ({reason}) and cannot be moved aside: "
                f"{move_error.strerror or move_error}"
            ) from None
        if warn:
            warn(f"review file {target} was unreadable ({reason}); moved to {moved.name}")
        return Review()


def dumps_review(review: Review) -> str:
    """The sidecar text of ``review``."""
    data = {
        "format": FORMAT,
        "version": VERSION,
        "marks": [
            {"anchor": m.anchor, "members": list(m.members), "reviewed": m.reviewed, "note": m.note}
            for m in review.marks
        ],
        "corrections": [
            {"claim": c.claim, "into": c.into, "text": c.text} for c in review.corrections
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def save_review(path: str | Path, review: Review) -> None:
    """Write ``review`` to ``path`` atomically (the old file or the new one, never a torn one)."""
    if review.empty and not Path(path).exists():
        return
    write_atomic(path, dumps_review(review), overwrite=True)


# --- marks and notes ---------------------------------------------------------------------------


def _key_index(result: Result) -> dict[str, Cluster]:
    return {claim_key(c): cluster for cluster in result.clusters for c in cluster.claims}


def _home(mark: Mark, index: Mapping[str, Cluster]) -> Cluster | None:
    """The cluster a mark attaches to: the anchor's, else the one holding most of its members."""
    if mark.anchor in index:
        return index[mark.anchor]
    votes: dict[str, tuple[int, Cluster]] = {}
    for key in mark.members:
        if key in index:
            cluster = index[key]
            count = votes.get(cluster.id, (0, cluster))[0]
            votes[cluster.id] = (count + 1, cluster)
    if not votes:
        return None
    return max(votes.values(), key=lambda v: v[0])[1]


def _join_notes(notes: Sequence[str]) -> str:
    unique: list[str] = []
    for note in notes:
        if note and note not in unique:
            unique.append(note)
    return "\n".join(unique)


def reviews_for(result: Result, review: Review) -> dict[str, ClusterReview]:
    """Cluster id -> what the reviewer recorded about it, for the clusters that have marks.

    When re-clustering has put two marked claims in one cluster, their marks combine: reviewed if
    either was, and both notes.
    """
    index = _key_index(result)
    grouped: dict[str, list[Mark]] = {}
    for mark in review.marks:
        home = _home(mark, index)
        if home is not None:
            grouped.setdefault(home.id, []).append(mark)
    return {
        cluster_id: ClusterReview(
            reviewed=any(m.reviewed for m in marks), note=_join_notes([m.note for m in marks])
        )
        for cluster_id, marks in grouped.items()
    }


def set_mark(
    result: Result,
    review: Review,
    cluster_id: str,
    *,
    reviewed: bool | None = None,
    note: str | None = None,
) -> Review:
    """``review`` with the mark of ``cluster_id`` changed (``None`` leaves a field as it is).

    The marks that attached to the cluster become one mark, anchored where the first was; a mark
    with nothing left in it is dropped.
    """
    index = _key_index(result)
    cluster = next((c for c in result.clusters if c.id == cluster_id), None)
    if cluster is None:
        raise InputError(f"no cluster {cluster_id}")
    here = [
        m for m in review.marks if (home := _home(m, index)) is not None and home.id == cluster_id
    ]
    others = tuple(m for m in review.marks if m not in here)
    anchor = here[0].anchor if here else claim_key(cluster.claims[0])
    merged = Mark(
        anchor=anchor,
        members=tuple(claim_key(c) for c in cluster.claims),
        reviewed=any(m.reviewed for m in here) if reviewed is None else reviewed,
        note=_join_notes([m.note for m in here]) if note is None else note.strip(),
    )
    if not merged.reviewed and not merged.note:
        return replace(review, marks=others)
    return replace(review, marks=(*others, merged))


# --- corrections ---------------------------------------------------------------------------------


def move_claim(result: Result, review: Review, claim_id: str, into_cluster: str | None) -> Review:
    """``review`` with a correction moving claim ``claim_id`` into cluster ``into_cluster`` (an id
    of ``result``) or, with ``None``, out into a cluster of its own.

    Refused with :class:`InputError` when the target cluster already has a claim from the same
    source (a source never states one claim twice), or when nothing would change.
    """
    claims = {c.id: (c, cluster) for cluster in result.clusters for c in cluster.claims}
    if claim_id not in claims:
        raise InputError(f"no claim {claim_id}")
    claim, current = claims[claim_id]
    text = " ".join(claim.text.split())[:60]
    if into_cluster is None:
        if len(current.claims) == 1:
            raise InputError(f"{claim_id} is already in a cluster of its own")
        return replace(
            review, corrections=(*review.corrections, Correction(claim_key(claim), None, text))
        )
    target = next((c for c in result.clusters if c.id == into_cluster), None)
    if target is None:
        raise InputError(f"no cluster {into_cluster}")
    if target.id == current.id:
        raise InputError(f"{claim_id} is already in {into_cluster}")
    clash = next((c for c in target.claims if c.source == claim.source), None)
    if clash is not None:
        outlet = result.source(claim.source).outlet
        raise InputError(
            f"cannot move into {into_cluster}: it already has a claim from {outlet} "
            f"({clash.id}); a cluster holds one claim per outlet"
        )
    correction = Correction(claim_key(claim), claim_key(target.claims[0]), text)
    return replace(review, corrections=(*review.corrections, correction))


def apply_corrections(result: Result, review: Review) -> Result:
    """``result`` with the reviewer's corrections applied in the order they were made.

    Clusters are rebuilt (renumbered, differences compared again) with at most one claim per
    source. A correction that no longer applies (its claim is gone, or the target cluster now has
    a claim from the same source) is skipped and named in ``Result.warnings``.
    """
    if not review.corrections:
        return result
    from .pipeline import build_clusters

    position = {c.id: k for k, c in enumerate(result.claims)}
    by_key = {claim_key(c): c for c in result.claims}
    group_of: dict[str, int] = {}
    groups: dict[int, list[str]] = {}
    for g, cluster in enumerate(result.clusters):
        groups[g] = [c.id for c in cluster.claims]
        for c in cluster.claims:
            group_of[c.id] = g
    source_of = {c.id: c.source for c in result.claims}
    next_group = len(groups)
    skipped: list[str] = []
    changed = False
    for corr in review.corrections:
        claim = by_key.get(corr.claim)
        what = f'"{corr.text}"' if corr.text else corr.claim
        if claim is None:
            skipped.append(f"correction not applied: claim {what} is no longer in the corpus")
            continue
        old = group_of[claim.id]
        if corr.into is None:
            if len(groups[old]) == 1:
                continue
            new = next_group
            next_group += 1
            groups[new] = []
        else:
            target = by_key.get(corr.into)
            if target is None:
                skipped.append(
                    f"correction not applied: the claim {what} was moved next to is gone"
                )
                continue
            new = group_of[target.id]
            if new == old:
                continue
            if any(source_of[m] == claim.source for m in groups[new]):
                skipped.append(
                    f"correction not applied: {claim.id} {what} would join a cluster that already "
                    f"has a claim from {claim.source}"
                )
                continue
        groups[old].remove(claim.id)
        groups[new].append(claim.id)
        group_of[claim.id] = new
        changed = True
    if not changed:
        return replace(result, warnings=result.warnings + tuple(skipped)) if skipped else result
    index_groups = [[position[m] for m in members] for members in groups.values() if members]
    clusters = build_clusters(result.claims, index_groups, result.sources)
    return replace(result, clusters=clusters, warnings=result.warnings + tuple(skipped))
