"""Cold and warm end-to-end time of ``claimcheck report``, on corpus/ and on a larger generated one.

Every run is a fresh ``claimcheck report`` process (interpreter start, imports, reading,
splitting, embedding, clustering, comparing, writing the Markdown report), timed from outside:

- ``first``: an empty cache folder (``$CLAIMCHECK_CACHE_DIR``): the model folder is built, the
  model loaded, every claim encoded. It happens once per machine.
- ``cold``: the model folder exists but the embedding cache (``--cache-dir``) is empty: the model
  is loaded and every claim encoded, as on a new set of articles.
- ``warm``: the same command again: every vector comes from the cache, so the run must send no
  text to the encoder and never load the weights; the script checks this (encoder calls, whether
  the weights were loaded, whether torch was even imported) and fails loudly if not.

The reference for each figure is the cold run of the same corpus in the same invocation
(warm / cold). The larger corpus is ``--articles`` articles (default 200), about two thirds
English and one third French, made by recombining the labelled sentences of
``benchmarks/data/claims_en_fr.jsonl``: each article takes 6 to 12 sentences of one story in its
language and signs them with its own outlet ("..., the Gazette 17 reported."), so the texts
differ between articles as real wording does and the cache cannot share them.

Run: ``python benchmarks/bench_e2e.py [--articles 200] [--repeats 2] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "claims_en_fr.jsonl"
# The child process runs this, so what it reports comes from inside the claimcheck process.
_CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
start = time.perf_counter()
from claimcheck import cli
code = cli.main({argv!r})
seconds = time.perf_counter() - start
from claimcheck.core.embed import encoder as embed
encoders = list(embed._ENCODERS.values())
print(json.dumps({{
    "exit": code,
    "seconds_inside": seconds,
    "encoder_calls": sum(e.calls for e in encoders),
    "weights_loaded": any(e.loaded for e in encoders),
    "torch_imported": "torch" in sys.modules,
}}), file=sys.stderr)
"""


def make_corpus(folder: Path, articles: int, seed: int = 0) -> int:
    """Write ``articles`` article files with front matter into ``folder``; returns sentences."""
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    pools: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        pools.setdefault((row["story"], row["lang"]), []).append(row["text"])
    keys = sorted(k for k, v in pools.items() if len(v) >= 6)
    rng = random.Random(seed)
    written = 0
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(articles):
        lang = "fr" if k % 3 == 2 else "en"
        story = rng.choice([s for s, lg in keys if lg == lang])
        outlet = f"{'La Gazette' if lang == 'fr' else 'The Gazette'} {k}"
        sentences = rng.sample(
            pools[(story, lang)], min(len(pools[(story, lang)]), rng.randint(6, 12))
        )
        signed = []
        for sentence in sentences:
            body = sentence.rstrip(".")
            tail = f", a rapporté {outlet}." if lang == "fr" else f", {outlet} reported."
            signed.append(body + tail)
        paragraphs = ["\n".join(signed[i : i + 3]) for i in range(0, len(signed), 3)]
        front = f"---\noutlet: {outlet}\nlanguage: {lang}\ndate: 2024-05-{1 + k % 28:02d}\n---\n"
        (folder / f"{k:03d}-{lang}.txt").write_text(front + "\n\n".join(paragraphs) + "\n", "utf-8")
        written += len(signed)
    return written


def one_run(paths: Sequence[Path], home: Path, cache: Path, out: Path) -> dict[str, Any]:
    """One ``claimcheck report`` process; wall time and what the process reports about itself."""
    argv = ["report", *map(str, paths), "--cache-dir", str(cache), "-o", str(out), "--force", "-q"]
    env = dict(os.environ, CLAIMCHECK_CACHE_DIR=str(home), HF_HUB_OFFLINE="1")
    env["TRANSFORMERS_OFFLINE"] = "1"
    code = _CHILD.format(root=str(ROOT), argv=argv)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    lines = [line for line in done.stderr.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"claimcheck report failed:\n{done.stderr.strip()[-2000:]}")
    info: dict[str, Any] = json.loads(lines[-1])
    if info["exit"] != 0:
        raise SystemExit(f"claimcheck report exited with {info['exit']}:\n{done.stderr[-2000:]}")
    info["seconds"] = wall
    return info


def measure(name: str, paths: Sequence[Path], home: Path, work: Path, repeats: int) -> dict:
    """Cold then warm runs of one corpus (``repeats`` each, best counts), with an empty
    embedding cache before every cold run."""
    out = work / f"{name}.md"
    cold: list[dict[str, Any]] = []
    warm: list[dict[str, Any]] = []
    for r in range(repeats):
        cache = work / f"{name}-cache-{r}"
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(one_run(paths, home, cache, out))
        warm.append(one_run(paths, home, cache, out))
    for run in warm:
        if run["encoder_calls"] or run["weights_loaded"]:
            raise SystemExit(f"{name}: the warm run did encoder work: {run}")
    best_cold = min(cold, key=lambda r: r["seconds"])
    best_warm = min(warm, key=lambda r: r["seconds"])
    report = out.read_text(encoding="utf-8")
    return {
        "corpus": name,
        "claims_encoded_cold": best_cold["encoder_calls"],
        "clusters": report.count("\n### "),
        "cold": best_cold,
        "warm": best_warm,
        "cold_all": [r["seconds"] for r in cold],
        "warm_all": [r["seconds"] for r in warm],
        "warm_over_cold": best_warm["seconds"] / best_cold["seconds"],
    }


def run(articles: int, repeats: int) -> dict[str, Any]:
    """All the measurements, in a temporary folder that is removed afterwards."""
    results: dict[str, Any] = {
        "cores": len(os.sched_getaffinity(0)),
        "load_average_before": os.getloadavg(),
    }
    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        work = Path(tmp)
        home = work / "home"
        generated = work / "generated"
        results["generated_sentences"] = make_corpus(generated, articles)
        results["generated_articles"] = articles
        first = one_run([ROOT / "corpus"], home, work / "first-cache", work / "first.md")
        results["first"] = first
        results["corpora"] = [
            measure("corpus", [ROOT / "corpus"], home, work, repeats),
            measure(f"generated-{articles}", [generated], home, work, repeats),
        ]
    results["load_average_after"] = os.getloadavg()
    return results


def report(results: dict[str, Any]) -> str:
    """A plain-text table of :func:`run`'s result."""
    first = results["first"]
    lines = [
        f"{results['cores']} cores; load average before "
        + " ".join(f"{x:.2f}" for x in results["load_average_before"])
        + ", after "
        + " ".join(f"{x:.2f}" for x in results["load_average_after"]),
        f"generated corpus: {results['generated_articles']} articles, "
        f"{results['generated_sentences']} sentences (EN and FR)",
        "",
        f"first run ever (empty cache folder, model folder built): {first['seconds']:.2f} s, "
        f"{first['encoder_calls']} claims encoded",
        "",
        f"{'corpus':<16} {'run':<5} {'seconds':>8} {'encoded':>8} {'weights':>8} {'torch':>6} "
        f"{'listed':>7}",
    ]
    for c in results["corpora"]:
        for kind in ("cold", "warm"):
            r = c[kind]
            lines.append(
                f"{c['corpus']:<16} {kind:<5} {r['seconds']:>8.2f} {r['encoder_calls']:>8} "
                f"{'loaded' if r['weights_loaded'] else 'no':>8} "
                f"{'yes' if r['torch_imported'] else 'no':>6} {c['clusters']:>7}"
            )
    lines.append("")
    for c in results["corpora"]:
        lines.append(
            f"{c['corpus']}: warm / cold = {c['warm_over_cold']:.2f} "
            f"(cold {c['cold']['seconds']:.2f} s, warm {c['warm']['seconds']:.2f} s; "
            f"all cold runs {', '.join(f'{s:.2f}' for s in c['cold_all'])}; "
            f"all warm runs {', '.join(f'{s:.2f}' for s in c['warm_all'])})"
        )
    small, large = results["corpora"]
    cold = large["cold"]["seconds"] / small["cold"]["seconds"]
    warm = large["warm"]["seconds"] / small["warm"]["seconds"]
    claims = large["claims_encoded_cold"] / max(small["claims_encoded_cold"], 1)
    lines.append(
        f"{large['corpus']} / corpus: cold {cold:.2f}x, warm {warm:.2f}x, "
        f"for {claims:.1f}x the claims"
    )
    lines.append("Seconds are wall time of a whole `claimcheck report` process, best of the runs;")
    lines.append("listed: clusters the Markdown report lists.")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="articles in the large corpus")
    parser.add_argument("--repeats", type=int, default=2, help="cold+warm pairs per corpus")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    results = run(args.articles, args.repeats)
    print(json.dumps(results, indent=2) if args.json else report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
