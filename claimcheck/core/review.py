"""A reviewer's work on a comparison, kept in a sidecar file beside the corpus: reviewed marks,
notes, corrections of the clustering, and the reader's names for outlets. No UI here.

Marks and corrections never refer to cluster ids (they change with every re-clustering); they name
claims by a key made of the source id and a hash of the claim's text, which survives restarts and
new thresholds. A mark is anchored on one claim and attaches to whichever cluster holds that claim
now; a correction moves one claim into the cluster of another claim, or out on its own; a
decision confirms or rejects a suggested pair of claims (the clusters are verified again with it).
An outlet name follows its source id: it replaces the outlet the article's metadata gave.

A mark none of whose claims is in the input any more (an article removed or edited, its claims
split differently) is orphaned: it stays in the file, and :func:`orphaned_marks` lists it, with the
start of its claim's text, for the report and the interface to show.

The sidecar is JSON::

    {"format": "claimcheck-review", "version": 1,
     "marks": [{"anchor": "<key>", "members": ["<key>", ...], "reviewed": true, "note": "...",
                "text": "first words"}],
     "corrections": [{"claim": "<key>", "into": "<key>" or null, "text": "first words"}],
     "decisions": [{"pair": ["<key>", "<key>"], "status": "confirmed", "text": "..."}],
     "outlets": [{"source": "<source id>", "name": "..."}]}
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from claimcheck.core.errors import InputError
from claimcheck.core.fileio import write_atomic
from claimcheck.core.types import Claim, Cluster, ClusterReview, Result, Source
from claimcheck.core.untrusted import neutralise, read_regular, sanitise_data

SIDECAR_NAME = ".claimcheck-review.json"
#: A sidecar bigger than this is refused: 16 MB is some 50,000 notes.
MAX_SIDECAR_BYTES = 16 << 20
#: How long a save waits for another session's save to finish.
LOCK_SECONDS = 5.0
FORMAT = "claimcheck-review"
VERSION = 1
#: An outlet name longer than this is cut: it is a label in tables, not a text.
MAX_OUTLET_NAME = 120


@dataclass(frozen=True)
class Mark:
    """A reviewed mark and/or note on the cluster that holds ``anchor``."""

    anchor: str
    """Key of the claim the mark follows (see :func:`claim_key`)."""
    members: tuple[str, ...] = ()
    """Keys of the cluster's members when the mark was made; used if the anchor disappears."""
    reviewed: bool = False
    note: str = ""
    text: str = ""
    """The start of the anchor claim's text, so the mark can be named when its claims are gone."""


@dataclass(frozen=True)
class Correction:
    """Move claim ``claim`` into the cluster holding ``into``, or out on its own if ``None``."""

    claim: str
    into: str | None
    text: str = ""
    """The start of the claim's text, so a person reading the file knows which claim it is."""


@dataclass(frozen=True)
class Decision:
    """The reader's verdict on a suggested pair: the two claims state the same fact or not."""

    pair: tuple[str, str]
    """Keys of the two claims (see :func:`claim_key`)."""
    confirmed: bool
    text: str = ""
    """The start of both claims' text, for a person reading the file."""


@dataclass(frozen=True)
class OutletName:
    """The reader's name for the outlet of source ``source`` (a source id)."""

    source: str
    name: str


@dataclass(frozen=True)
class Review:
    """Everything a reviewer recorded; immutable, each change returns a new one."""

    marks: tuple[Mark, ...] = ()
    corrections: tuple[Correction, ...] = ()
    decisions: tuple[Decision, ...] = ()
    outlets: tuple[OutletName, ...] = ()

    @property
    def empty(self) -> bool:
        """True when there is nothing to save."""
        return not (self.marks or self.corrections or self.decisions or self.outlets)


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
        text = item.get("text", "")
        if not (isinstance(anchor, str) and isinstance(reviewed, bool) and isinstance(note, str)):
            raise ValueError("a mark has a field of the wrong type")
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise ValueError("a mark's members are not a list of claim keys")
        text = " ".join(text.split()) if isinstance(text, str) else ""
        marks.append(Mark(anchor, tuple(members), reviewed, note, text))
    corrections = []
    for item in data.get("corrections", []):
        claim, into, text = item["claim"], item.get("into"), item.get("text", "")
        if not isinstance(claim, str) or not (into is None or isinstance(into, str)):
            raise ValueError("a correction has a field of the wrong type")
        corrections.append(Correction(claim, into, text if isinstance(text, str) else ""))
    decisions = []
    for item in data.get("decisions", []):
        pair, status, text = item["pair"], item.get("status"), item.get("text", "")
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(k, str) for k in pair)
        ):
            raise ValueError("a decision's pair is not two claim keys")
        if status not in ("confirmed", "rejected"):
            raise ValueError("a decision's status is neither confirmed nor rejected")
        text = text if isinstance(text, str) else ""
        decisions.append(Decision((pair[0], pair[1]), status == "confirmed", text))
    outlets: dict[str, OutletName] = {}
    for item in data.get("outlets", []):
        source, name = item["source"], item["name"]
        if not (isinstance(source, str) and isinstance(name, str)):
            raise ValueError("an outlet name has a field of the wrong type")
        name = _clean_name(name)
        if name:
            outlets.pop(source, None)  # one name per source: the last one given
            outlets[source] = OutletName(source, name)
    return Review(tuple(marks), tuple(corrections), tuple(decisions), tuple(outlets.values()))


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, target)
    return target


def _reason(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _decode(raw: bytes) -> dict[str, object]:
    """The sidecar's data, every string made inert, checked by :func:`_parse` (raises on any
    problem)."""
    data = sanitise_data(json.loads(raw.decode("utf-8")))
    _parse(data)
    return data


def load_review(path: str | Path, warn: Callable[[str], None] | None = None) -> Review:
    """The review stored at ``path``; an empty one if there is none.

    Only a regular file of at most :data:`MAX_SIDECAR_BYTES` is read (a FIFO or a link to a
    device is refused at once, with :class:`InputError`, and never overwritten later). Every
    string in it is made inert (terminal escapes, bidi overrides) as article text is. A file that
    cannot be read as a review is moved aside (renamed ``*.corrupt-<time>``, never deleted),
    ``warn`` gets one line saying so, and an empty review is returned.
    """
    target = Path(path)
    try:
        raw = read_regular(target, MAX_SIDECAR_BYTES)
    except FileNotFoundError:
        return Review()
    except OSError as exc:
        raise InputError(
            f"cannot read review file {target}: {exc.strerror or exc}; "
            "it will be left as it is and nothing will be saved over it"
        ) from None
    try:
        return _parse(_decode(raw))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        # RecursionError: json gives up on deeply nested input the hard way.
        reason = _reason(exc)
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
        "marks": [_dump_mark(m) for m in review.marks],
        "corrections": [
            {"claim": c.claim, "into": c.into, "text": c.text} for c in review.corrections
        ],
    }
    if review.decisions:
        data["decisions"] = [
            {
                "pair": list(d.pair),
                "status": "confirmed" if d.confirmed else "rejected",
                "text": d.text,
            }
            for d in review.decisions
        ]
    if review.outlets:
        data["outlets"] = [{"source": o.source, "name": o.name} for o in review.outlets]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _dump_mark(mark: Mark) -> dict[str, object]:
    data: dict[str, object] = {
        "anchor": mark.anchor,
        "members": list(mark.members),
        "reviewed": mark.reviewed,
        "note": mark.note,
    }
    if mark.text:  # marks saved before the text was kept have none
        data["text"] = mark.text
    return data


@dataclass(frozen=True)
class Saved:
    """What :func:`save_review` wrote: the review now on disk, and what the user should read."""

    review: Review
    """The merged review (this session's changes and any other session's since ``base``)."""
    notices: tuple[str, ...] = ()
    """One line each: conflicts with another session, a damaged file moved aside."""


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[None]:
    """Hold ``.<sidecar>.lock`` beside ``target`` while reading, merging and writing.

    Another claimcheck session saving the same sidecar waits; a folder where no lock file can be
    made (read-only) goes on without one, and the write then reports the problem.
    """
    lock = target.with_name(target.name + ".lock")
    flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(lock, flags, 0o666)
    except OSError:
        yield
        return
    try:
        deadline = time.monotonic() + LOCK_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise InputError(
                        f"review file {target} is being saved by another claimcheck; try again"
                    ) from None
                time.sleep(0.02)
            except OSError:
                break  # a file system without locks
        yield
    finally:
        os.close(fd)


# Fields that identify an entry of a sidecar list: a mark follows its anchor claim, a decision its
# pair of claims, an outlet name its source. Entries of other lists (corrections, anything later)
# are identified by their whole content: two equal corrections are the same one.
_IDENTITY_FIELDS = ("anchor", "pair", "source")


def _identity(item: object) -> str:
    if isinstance(item, dict):
        for name in _IDENTITY_FIELDS:
            if name in item:
                value = item[name]
                if name == "pair" and isinstance(value, list):
                    value = sorted(value, key=str)
                return f"{name}={json.dumps(value, sort_keys=True, ensure_ascii=False)}"
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _keyed(items: object) -> dict[str, object]:
    """List entries by identity; repeats of one identity get ``#2``, ``#3``... (kept in order)."""
    out: dict[str, object] = {}
    for item in items if isinstance(items, list) else []:
        key = _identity(item)
        n = 1
        while (key if n == 1 else f"{key}#{n}") in out:
            n += 1
        out[key if n == 1 else f"{key}#{n}"] = item
    return out


def _label(name: str, item: object) -> str:
    """A short one-line name of a sidecar entry for a message: its note or text if it has one."""
    kind = name[:-1] if name.endswith("s") else name
    if isinstance(item, dict):
        for field in ("text", "note", "name"):
            value = item.get(field)
            if isinstance(value, str) and value.strip():
                return f'{kind} "{" ".join(value.split())[:40]}"'
    return f"{kind} {_identity(item)[:60]}"


def _combine(mine: dict[str, object], theirs: dict[str, object]) -> dict[str, object]:
    """Both sessions changed one entry: keep both notes, reviewed if either says so, and this
    session's value for anything else."""
    out = dict(theirs)
    out.update(mine)
    for field, value in mine.items():
        other = theirs.get(field)
        if isinstance(value, bool) and isinstance(other, bool):
            out[field] = value or other
        elif field == "note" and isinstance(value, str) and isinstance(other, str):
            out[field] = _join_notes([*value.split("\n"), *other.split("\n")])
        elif isinstance(value, list) and isinstance(other, list):
            out[field] = value + [x for x in other if x not in value]
    return out


def _merge_list(
    name: str, base: object, mine: object, theirs: object, notices: list[str]
) -> list[object]:
    """Three-way merge of one sidecar list: what this session changed since ``base``, applied
    to what is on disk now (``theirs``), by entry identity. A conflict keeps both sides where
    they combine (notes, reviewed marks) and is named in ``notices`` either way."""
    b, m, t = _keyed(base), _keyed(mine), _keyed(theirs)
    merged: dict[str, object] = {}
    for key in [*t, *(k for k in m if k not in t)]:
        old, me, them = b.get(key), m.get(key), t.get(key)
        if me == them:
            value = me
        elif me == old:
            value = them
        elif them == old:
            value = me
        elif me is None:
            value = them
            notices.append(
                f"another session changed the {_label(name, them)} you removed; it is kept"
            )
        elif them is None:
            value = me
            notices.append(f"another session removed the {_label(name, me)}; your change is kept")
        elif isinstance(me, dict) and isinstance(them, dict):
            value = _combine(me, them)
            lost = {f: v for f, v in them.items() if value.get(f) != v and f != "note"}
            extra = (
                f"; yours kept for {', '.join(lost)}, theirs was "
                f"{json.dumps(lost, ensure_ascii=False)[:120]}"
                if lost
                else ""
            )
            # Marks say what combined; other entries (an outlet's name) only what was kept.
            kept = "both notes and marks kept" if "note" in me or "reviewed" in me else ""
            said = f"{kept}{extra}".removeprefix("; ") or "both kept"
            notices.append(f"another session also changed the {_label(name, me)}; {said}")
        else:
            value = me
            notices.append(
                f"another session also changed the {_label(name, me)}; yours is kept, theirs was "
                f"{json.dumps(them, ensure_ascii=False)[:120]}"
            )
        if value is not None:
            merged[key] = value
    return list(merged.values())


def merge_data(
    base: Mapping[str, object] | None,
    mine: Mapping[str, object],
    theirs: Mapping[str, object],
) -> tuple[dict[str, object], list[str]]:
    """The sidecar data to write when this session turned ``base`` into ``mine`` while the file
    on disk became ``theirs``; and one line per conflict.

    Every list in the data (marks, corrections, and any list a later version adds) is merged
    entry by entry; other fields are this session's. Without a ``base`` the disk is taken as the
    base: this session's review replaces it, as a plain save would.
    """
    base = theirs if base is None else base
    notices: list[str] = []
    out: dict[str, object] = dict(theirs)
    out.update(mine)
    for name in [*mine, *(k for k in theirs if k not in mine)]:
        if isinstance(mine.get(name, []), list) and isinstance(theirs.get(name, []), list):
            out[name] = _merge_list(
                name, base.get(name, []), mine.get(name, []), theirs.get(name, []), notices
            )
    return out, notices


def save_review(path: str | Path, review: Review, base: Review | None = None) -> Saved:
    """Save ``review`` to ``path``, merged with what another session saved there since ``base``.

    ``base`` is the review as this session last loaded or saved it: the changes from ``base`` to
    ``review`` are applied to the file as it is now, under a lock file, and the result is written
    atomically (the old file or the new one, never a torn one). Conflicts are kept where they
    combine and always named in :attr:`Saved.notices`. A sidecar that cannot be read (not a
    regular file, too big, permission) is never replaced: :class:`InputError`. One that reads but
    is damaged is moved aside first, as :func:`load_review` does.
    """
    target = Path(path)
    with _locked(target):
        try:
            raw: bytes | None = read_regular(target, MAX_SIDECAR_BYTES)
        except FileNotFoundError:
            raw = None
        except OSError as exc:
            raise InputError(
                f"review file {target} cannot be read ({exc.strerror or exc}); "
                "not saved, and the file is left as it is"
            ) from None
        notices: list[str] = []
        theirs: dict[str, object] | None = None
        if raw is not None:
            try:
                theirs = _decode(raw)
            except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
                try:
                    moved = _move_aside(target)
                except OSError as move_error:
                    raise InputError(
                        f"review file {target} is unreadable ({_reason(exc)}) and cannot be "
                        f"moved aside: {move_error.strerror or move_error}; not saved"
                    ) from None
                notices.append(
                    f"review file {target} was unreadable ({_reason(exc)}); moved to {moved.name}"
                )
        mine = json.loads(dumps_review(review))
        if theirs is None:
            data = mine
        else:
            old = json.loads(dumps_review(base)) if base is not None else None
            data, conflicts = merge_data(old, mine, theirs)
            notices += conflicts
        merged = _parse(data)
        if merged.empty and raw is None:
            return Saved(merged, tuple(notices))
        if theirs is not None and data == theirs:
            return Saved(merged, tuple(notices))
        write_atomic(target, json.dumps(data, ensure_ascii=False, indent=1) + "\n", overwrite=True)
    return Saved(merged, tuple(notices))


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


#: How much of a claim's text a mark keeps, to name the claim once it is gone.
MARK_TEXT = 60


def _start(text: str) -> str:
    """The start of a claim's text as a mark keeps it: inert, on one line."""
    return " ".join(neutralise(text).split())[:MARK_TEXT]


def orphaned_marks(result: Result, review: Review) -> tuple[Mark, ...]:
    """The marks (notes, reviewed marks) none of whose claims is in ``result`` any more: they
    are kept in the sidecar and shown apart, never dropped. In the order they were made."""
    index = _key_index(result)
    return tuple(m for m in review.marks if (m.reviewed or m.note) and _home(m, index) is None)


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
    by_key = {claim_key(c): c for c in cluster.claims}
    anchor_claim = by_key.get(anchor)
    merged = Mark(
        anchor=anchor,
        members=tuple(by_key),
        reviewed=any(m.reviewed for m in here) if reviewed is None else reviewed,
        note=_join_notes([m.note for m in here]) if note is None else neutralise(note.strip()),
        text=_start(anchor_claim.text) if anchor_claim else (here[0].text if here else ""),
    )
    if not merged.reviewed and not merged.note:
        return replace(review, marks=others)
    return replace(review, marks=(*others, merged))


# --- outlet names --------------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    """An outlet name as it is kept: inert (no terminal escapes, no bidi overrides), on one line,
    at most :data:`MAX_OUTLET_NAME` characters."""
    return " ".join(neutralise(name).split())[:MAX_OUTLET_NAME].strip()


def rename_outlet(result: Result, review: Review, source_id: str, name: str) -> Review:
    """``review`` with the reader's name ``name`` for the outlet of source ``source_id`` (made
    inert, one line); an empty name drops the reader's name, so the article's own outlet shows
    again."""
    if not any(s.id == source_id for s in result.sources):
        raise InputError(f"no source {source_id}")
    kept = tuple(o for o in review.outlets if o.source != source_id)
    clean = _clean_name(name)
    if not clean:
        return replace(review, outlets=kept)
    return replace(review, outlets=(*kept, OutletName(source_id, clean)))


def outlet_names(review: Review) -> dict[str, str]:
    """Source id -> the reader's name for its outlet."""
    return {o.source: o.name for o in review.outlets}


def renamed_sources(sources: Sequence[Source], review: Review) -> tuple[Source, ...]:
    """``sources`` with the reader's outlet names in place of the articles' own."""
    names = outlet_names(review)
    return tuple(
        replace(s, outlet=names[s.id]) if s.id in names and names[s.id] != s.outlet else s
        for s in sources
    )


def apply_outlets(result: Result, review: Review) -> Result:
    """``result`` whose sources carry the reader's outlet names (names of sources no longer in
    the corpus are ignored)."""
    sources = renamed_sources(result.sources, review)
    if all(a is b for a, b in zip(sources, result.sources, strict=True)):
        return result
    return replace(result, sources=sources)


# --- decisions on suggestions -------------------------------------------------------------------


def decide(result: Result, review: Review, pair: Sequence[str], confirmed: bool) -> Review:
    """``review`` with the reader's verdict on the suggested pair of claim ids ``pair`` (a new
    verdict on the same pair replaces the old one)."""
    by_id = {c.id: c for c in result.claims}
    try:
        a, b = (by_id[pair[0]], by_id[pair[1]])
    except (KeyError, IndexError):
        raise InputError(f"no such pair of claims: {list(pair)}") from None
    if a.source == b.source:
        raise InputError("both claims come from one outlet: a cluster holds one claim per outlet")
    keys = (claim_key(a), claim_key(b))
    kept = tuple(d for d in review.decisions if set(d.pair) != set(keys))
    text = f"{' '.join(a.text.split())[:40]} | {' '.join(b.text.split())[:40]}"
    return replace(review, decisions=(*kept, Decision(keys, confirmed, text)))


def decisions_for(result: Result, review: Review) -> tuple[tuple[str, str, bool], ...]:
    """The reader's verdicts as (claim id, claim id, confirmed?) for the claims of ``result``;
    verdicts on claims no longer in the corpus are left out."""
    by_key = {claim_key(c): c.id for c in result.claims}
    out = []
    for d in review.decisions:
        a, b = by_key.get(d.pair[0]), by_key.get(d.pair[1])
        if a is not None and b is not None:
            out.append((a, b, d.confirmed))
    return tuple(out)


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
    from claimcheck.core.compare.assemble import build_clusters, with_origins, word_similarity

    position = result.claim_index
    by_key = {claim_key(c): c for c in result.claims}
    groups, skipped, changed = _regroup(result, review, by_key)
    if not changed:
        return replace(result, warnings=result.warnings + tuple(skipped)) if skipped else result
    index_groups = [[position[m] for m in members] for members in groups.values() if members]
    reader = {
        c.id
        for cluster in result.clusters
        for c, by in zip(cluster.claims, cluster.confirmed_by, strict=False)
        if by == "reader"
    }
    reader.update(by_key[corr.claim].id for corr in review.corrections if corr.claim in by_key)
    # A cluster no correction touched keeps its members' confidences as verified (one accepted
    # through a third member is not its bare pair score); a changed one is read from its pairs.
    before = {frozenset(c.id for c in cluster.claims): cluster for cluster in result.clusters}
    known = {
        claim.id: sure
        for members in groups.values()
        if (cluster := before.get(frozenset(members))) is not None
        for claim, sure in zip(cluster.claims, cluster.confidence, strict=False)
    }
    clusters = build_clusters(
        result.claims,
        index_groups,
        result.sources,
        scores=result.pair_scores,
        reader=frozenset(reader),
        confidence=known,
        suggestions=result.suggestions,
        facts=result.facts,
        word_similarity=word_similarity(result.vocabulary, result.word_vectors),
    )
    clusters, dispatch = with_origins(clusters, result.sources)
    return replace(
        result,
        clusters=clusters,
        same_dispatch=tuple(dispatch),
        warnings=result.warnings + tuple(skipped),
    )


def _regroup(
    result: Result, review: Review, by_key: dict[str, Claim]
) -> tuple[dict[int, list[str]], list[str], bool]:
    """The clusters of ``result`` as groups of claim ids with the corrections applied in order,
    the warnings for those skipped, and whether any group changed."""
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
    return groups, skipped, changed
