"""A :class:`Result` as a JSON document (the format README documents): pure functions, no I/O."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from claimcheck.core.browse import written_before
from claimcheck.core.types import ClusterReview, Result

if TYPE_CHECKING:
    from claimcheck.core.review import Mark

#: Bumped when a field changes meaning or disappears; new fields do not bump it. Version 2:
#: ``clusters[].claims`` are the verified members only, and ``settings.threshold`` is the
#: verifier's confidence, no longer a cosine.
SCHEMA_VERSION = 2


def to_dict(
    result: Result,
    reviews: Mapping[str, ClusterReview] | None = None,
    orphans: Sequence[Mark] = (),
) -> dict[str, Any]:
    """The report as plain JSON-ready data, in a fixed key order. ``orphans``: the review's marks
    whose claims are no longer in the input (``orphaned_notes``, always present, maybe empty)."""
    reviews = reviews or {}
    sources = [
        {
            "id": s.id,
            "path": s.path,
            "outlet": s.outlet,
            "language": s.language,
            "date": s.date,
            "title": s.title,
            "original_name": s.original_name,
            "text_sha256": hashlib.sha256(s.text.encode("utf-8")).hexdigest(),
        }
        for s in result.sources
    ]
    spans = _claim_spans(result)
    clusters = []
    for cluster in result.clusters:
        entry: dict[str, Any] = {
            "id": cluster.id,
            "sources": list(cluster.sources),
            "languages": list(cluster.languages),
            "origins": cluster.independent,
            "written_before": [s.id for s in written_before(result, cluster)],
            "claims": [
                {
                    "id": c.id,
                    "source": c.source,
                    "text": c.text,
                    "language": c.language,
                    "role": c.role,
                    "position": c.position,
                    "repeats": c.repeats,
                    "start": spans.get(c.id, (None, None))[0],
                    "end": spans.get(c.id, (None, None))[1],
                    "confidence": cluster.confidence[k] if cluster.confidence else None,
                    "confirmed_by": cluster.confirmed_by[k] if cluster.confirmed_by else None,
                }
                for k, c in enumerate(cluster.claims)
            ],
            "related": [
                {
                    "id": r.claim.id,
                    "source": r.claim.source,
                    "text": r.claim.text,
                    "confidence": r.confidence,
                    "related_to": r.anchor,
                }
                for r in cluster.related
            ],
            "differences": [
                {"kind": d.kind, "status": d.status, "values": dict(d.values), "note": d.note}
                for d in cluster.differences
            ],
        }
        review = reviews.get(cluster.id)
        if review is not None and (review.reviewed or review.note):
            entry["review"] = {"reviewed": review.reviewed, "note": review.note}
        clusters.append(entry)
    from .markdown import dispatch_pairs

    suggestions = [
        {
            "claims": list(s.claims),
            "confidence": s.confidence,
            "evidence": {
                "cosine": s.evidence.cosine,
                "aligned_words": [list(p) for p in s.evidence.words],
                "shared_names": list(s.evidence.shared_names),
                "other_names": list(s.evidence.other_names),
                "agreeing_figures": list(s.evidence.agreeing_figures),
                "conflicting_figures": list(s.evidence.conflicting_figures),
                "different_dates": list(s.evidence.different_dates),
                "different_contacts": list(s.evidence.different_contacts),
                "different_ids": list(s.evidence.different_ids),
                "same_day": s.evidence.same_day,
            },
            "status": s.status,
        }
        for s in result.suggestions
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "sources": sources,
        "stories": [list(ids) for ids in result.stories] or [[s.id for s in result.sources]],
        "clusters": clusters,
        "same_dispatch": [
            {"sources": [a, b], "coverage": round(coverage, 3)}
            for a, b, coverage in dispatch_pairs(result)
        ],
        "suggestions": suggestions,
        "settings": {
            "model": result.settings.model,
            "threshold": result.settings.threshold,
            "verifier": result.settings.verifier,
            **_evidence_settings(result),
        },
        "warnings": list(result.warnings),
        "orphaned_notes": [
            {
                "note": m.note,
                "reviewed": m.reviewed,
                "claim_text": m.text or None,
                "claim_key": m.anchor,
            }
            for m in orphans
        ],
    }


def _claim_spans(result: Result) -> dict[str, tuple[int, int]]:
    """Each claim's character offsets in its source's text (``Source.text``, as read)."""
    by_source = {s.id: sents for s, sents in zip(result.sources, result.sentences, strict=False)}
    out = {}
    for claim in result.claims:
        sentences = by_source.get(claim.source, ())
        if 0 <= claim.sentence < len(sentences):
            sentence = sentences[claim.sentence]
            out[claim.id] = (sentence.start, sentence.end)
    return out


def _evidence_settings(result: Result) -> dict[str, Any]:
    """What a rerun needs to be compared with this one: the model's fingerprint, the verifier's
    weights' fingerprint and the fixed values of matching."""
    from importlib import resources

    from claimcheck.core.group import agreement, stories

    weights = resources.files("claimcheck.core").joinpath("data", "verifier.json").read_bytes()
    return {
        "model_identity": result.model_identity or None,
        "verifier_weights_sha256": hashlib.sha256(weights).hexdigest()
        if result.settings.verifier in ("", "built-in")
        else None,
        "story_threshold": stories.STORY_THRESHOLD,
        "candidates_per_claim": agreement.NEIGHBOURS,
        "suggestions_per_claim": agreement.SUGGESTIONS_PER_CLAIM,
        "suggestion_floor": agreement.SUGGESTION_FLOOR,
        # kept for readers of schema 2: the same written day no longer lowers the threshold
        "same_day_margin": 0.0,
        "same_day_logit": agreement.SAME_DAY_LOGIT,
        "days_apart_logit": agreement.DAYS_APART_LOGIT,
    }


#: C1 controls (8-bit CSI and friends) and the JavaScript line separators, which ensure_ascii=False
#: would leave raw: escaped so the file is inert in a terminal and safe to embed anywhere.
_RAW = re.compile("[\u0080-\u009f\u2028\u2029]")


def render_json(
    result: Result,
    reviews: Mapping[str, ClusterReview] | None = None,
    orphans: Sequence[Mark] = (),
) -> str:
    """The report as JSON text: UTF-8, two-space indent, one trailing newline."""
    text = json.dumps(to_dict(result, reviews, orphans), ensure_ascii=False, indent=2)
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
