"""Time from starting the interface to the first claims shown and to the first clusters shown.

The interface shows the articles' claims (each alone, "not yet compared") as soon as they are
read and split, and replaces them with the clusters when the model and the verifier are done.
This measures both moments, cold and warm, on ``corpus/`` and on ``--articles`` generated
articles (made as ``bench_e2e.py`` makes them), in the same run:

- ``cold``: a fresh process and an empty embedding cache: torch and the model are loaded and
  every text is encoded.
- ``warm``: a fresh process on the cache the cold run filled: no text reaches the encoder.

Each run is a fresh Python process that starts the clock, imports the interface and runs it in a
headless Textual pilot (120x40) with the default model and threshold; it polls the screen every
5 ms and notes when (a) the list first shows claims and (b) it first shows clusters. The model
folder is built once beforehand in a temporary ``$CLAIMCHECK_CACHE_DIR`` (not timed). It prints
seconds for (a) and (b) and the ratio (a)/(b); the reference for (b) is the cold run of the same
corpus.

Run: ``python benchmarks/bench_first_paint.py [--articles 50] [--repeats 1] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_e2e import make_corpus

ROOT = Path(__file__).resolve().parents[1]

# Runs in the child process: the clock starts before the interface is imported.
_CHILD = """
import time
start = time.perf_counter()
import asyncio, json, sys
sys.path.insert(0, {root!r})
from claimcheck.core.defaults import DEFAULT_MODEL, DEFAULT_THRESHOLD
from claimcheck.core.types import Settings
from claimcheck.tui.app import make_app
from claimcheck.tui.widgets.cluster_list import ClusterList

async def main():
    app = make_app(
        {paths!r},
        Settings(DEFAULT_MODEL, DEFAULT_THRESHOLD),
        cache_dir={cache!r},
        keymap_path={keymap!r},
        sidecar={sidecar!r},
        config_path={config!r},
    )
    claims = clusters = None
    async with app.run_test(size=(120, 40), headless=True) as pilot:
        while clusters is None and time.perf_counter() - start < 600:
            screen = app.screen_stack[0]
            rows = screen.query_one(ClusterList).rows
            if rows and claims is None:
                claims = time.perf_counter() - start
            if rows and not screen.pending and not screen.busy:
                clusters = time.perf_counter() - start
                shown = len(rows)
            await pilot.pause(0.005)
        code = app.return_code
    from claimcheck.core.embed import encoder as embed
    encoders = list(embed._ENCODERS.values())
    print(json.dumps({{
        "claims": claims,
        "clusters": clusters,
        "rows": shown if clusters is not None else 0,
        "exit": code,
        "encoder_calls": sum(e.calls for e in encoders),
        "weights_loaded": any(e.loaded for e in encoders),
    }}), file=sys.stderr)

asyncio.run(main())
"""


def one_run(paths: Sequence[Path], home: Path, cache: Path, work: Path) -> dict[str, Any]:
    """One interface process; the times it noted from inside."""
    code = _CHILD.format(
        root=str(ROOT),
        paths=[str(p) for p in paths],
        cache=str(cache),
        keymap=str(work / "no-keymap.toml"),
        sidecar=str(work / "review.json"),
        config=str(work / "config.toml"),
    )
    env = dict(os.environ, CLAIMCHECK_CACHE_DIR=str(home), HF_HUB_OFFLINE="1")
    env["TRANSFORMERS_OFFLINE"] = "1"
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    lines = [line for line in done.stderr.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"the interface failed:\n{done.stderr.strip()[-2000:]}")
    info: dict[str, Any] = json.loads(lines[-1])
    if info["clusters"] is None or info["claims"] is None:
        raise SystemExit(f"the interface never showed clusters: {info}")
    return info


def measure(name: str, paths: Sequence[Path], home: Path, work: Path, repeats: int) -> dict:
    """Cold then warm runs of one corpus (``repeats`` each, best counts)."""
    cold: list[dict[str, Any]] = []
    warm: list[dict[str, Any]] = []
    for r in range(repeats):
        cache = work / f"{name}-cache-{r}"
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(one_run(paths, home, cache, work))
        warm.append(one_run(paths, home, cache, work))
    for each in warm:
        if each["encoder_calls"] or each["weights_loaded"]:
            raise SystemExit(f"{name}: the warm run did encoder work: {each}")
    best_cold = min(cold, key=lambda r: r["clusters"])
    best_warm = min(warm, key=lambda r: r["clusters"])
    return {"corpus": name, "cold": best_cold, "warm": best_warm}


def run(articles: int, repeats: int) -> dict[str, Any]:
    """All the measurements, in a temporary folder that is removed afterwards."""
    results: dict[str, Any] = {
        "cores": len(os.sched_getaffinity(0)),
        "load_average_before": os.getloadavg(),
        "articles": articles,
    }
    with tempfile.TemporaryDirectory(prefix="claimcheck-paint-") as tmp:
        work = Path(tmp)
        home = work / "home"
        corpus = work / "corpus"
        shutil.copytree(ROOT / "corpus", corpus)
        generated = work / "generated"
        make_corpus(generated, articles)
        start = time.perf_counter()
        one_run([corpus], home, work / "first-cache", work)  # builds the model folder
        results["model_folder_seconds"] = time.perf_counter() - start
        results["corpora"] = [
            measure("corpus", [corpus], home, work, repeats),
            measure(f"generated-{articles}", [generated], home, work, repeats),
        ]
    results["load_average_after"] = os.getloadavg()
    return results


def report(results: dict[str, Any]) -> str:
    """A small table: (a) first claims, (b) first clusters, (a)/(b), and warm (b) / cold (b)."""
    lines = [
        f"cores {results['cores']}, load average before "
        + " ".join(f"{x:.2f}" for x in results["load_average_before"]),
        "",
        "| corpus | run | (a) first claims, s | (b) first clusters, s | (a)/(b) | (b) / cold (b) "
        "| rows |",
        "|---|---|---|---|---|---|---|",
    ]
    for corpus in results["corpora"]:
        reference = corpus["cold"]["clusters"]
        for kind in ("cold", "warm"):
            r = corpus[kind]
            lines.append(
                f"| {corpus['corpus']} | {kind} | {r['claims']:.2f} | {r['clusters']:.2f} "
                f"| {r['claims'] / r['clusters']:.2f} | {r['clusters'] / reference:.2f} "
                f"| {r['rows']} |"
            )
    lines += [
        "",
        "load average after " + " ".join(f"{x:.2f}" for x in results["load_average_after"]),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print every figure as JSON")
    args = parser.parse_args(argv)
    results = run(args.articles, args.repeats)
    print(json.dumps(results, indent=2) if args.json else report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
