"""A :class:`Result` as a JSON document (the format README documents): pure functions, no I/O."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from claimcheck.core.models import ClusterReview, Result

#: Bumped when a field changes meaning or disappears; new fields do not bump it.
SCHEMA_VERSION = 1


def to_dict(result: Result, reviews: Mapping[str, ClusterReview] | None = None) -> dict[str, Any]:
    """The report as plain JSON-ready data, in a fixed key order."""
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
        }
        for s in result.sources
    ]
    clusters = []
    for cluster in result.clusters:
        entry: dict[str, Any] = {
            "id": cluster.id,
            "sources": list(cluster.sources),
            "languages": list(cluster.languages),
            "claims": [
                {
                    "id": c.id,
                    "source": c.source,
                    "text": c.text,
                    "language": c.language,
                    "role": c.role,
                    "position": c.position,
                    "repeats": c.repeats,
                }
                for c in cluster.claims
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

    return {
        "schema_version": SCHEMA_VERSION,
        "sources": sources,
        "stories": [list(ids) for ids in result.stories] or [[s.id for s in result.sources]],
        "clusters": clusters,
        "same_dispatch": [
            {"sources": [a, b], "coverage": round(coverage, 3)}
            for a, b, coverage in dispatch_pairs(result)
        ],
        "settings": {"model": result.settings.model, "threshold": result.settings.threshold},
        "warnings": list(result.warnings),
    }


#: C1 controls (8-bit CSI and friends) and the JavaScript line separators, which ensure_ascii=False
#: would leave raw: escaped so the file is inert in a terminal and safe to embed anywhere.
_RAW = re.compile("[\u0080-\u009f\u2028\u2029]")


def render_json(result: Result, reviews: Mapping[str, ClusterReview] | None = None) -> str:
    """The report as JSON text: UTF-8, two-space indent, one trailing newline."""
    text = json.dumps(to_dict(result, reviews), ensure_ascii=False, indent=2)
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
