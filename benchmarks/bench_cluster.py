"""Time and peak memory of claimcheck's clustering at 10,000 to 100,000 claims, against references.

The claims are synthetic but shaped like real coverage: many stories, each covered by 3 to 8
outlets (about a third of them French); each story has facts, and a fact is stated by one
outlet (a singleton, about 45% of facts) or by 2 to 6 of them, each with its own paraphrase
noise. A claim's 512-dimensional unit vector is a small story component, a larger fact
component, a language component and noise, so the same fact across outlets has a cosine of about
0.25-0.6, another fact of the same story about 0.05 and another story about 0. Texts are built
from English and French templates, and about half of the facts state a figure (a count, a year,
an amount, a percentage) that most outlets repeat, some change and some leave out, so the
figure bonus of ``claimcheck.core.affinity`` is exercised on real figure extraction.

Each size runs in a fresh subprocess, so a size's peak resident memory (``ru_maxrss``) is its
own. What is timed is :func:`claimcheck.core.affinity.group_claims`, exactly as the pipeline
calls it (centring, figure bonus, constrained average linkage; the approximate index above
``EXACT_LIMIT`` claims). References in the same run, on the same data:

- ``exact`` : the same clustering forced onto the exact block scan of every pair
  (``cluster_vectors(..., exact=True)``), which is quadratic in the number of claims;
- ``dense`` : the naive approach, one n x n similarity matrix and the pairs above the floor.

Run: ``python benchmarks/bench_cluster.py [--sizes 10000 30000 100000] [--reference-size 10000]
[--json]``; ``--child N --method M`` is the subprocess entry.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout without installing
    sys.path.insert(0, str(ROOT))

#: The time bound the issue sets: 10x the claims may take at most 12x the time.
TIME_BOUND = 12.0
#: The memory bound the issue sets for 100,000 claims, in MiB.
MEMORY_BOUND_MIB = 2048
DIM = 512
THRESHOLD = 0.175  # claimcheck's default (claimcheck.core.defaults.DEFAULT_THRESHOLD)

_SUBJECTS = {
    "en": [
        "The ministry",
        "Police",
        "Local officials",
        "The regional governor",
        "A government spokesman",
        "Rescue teams",
        "The company",
        "The central bank",
        "Opposition lawmakers",
        "The army",
        "Health authorities",
        "The mayor",
        "Witnesses",
        "The union",
        "Prosecutors",
        "The prime minister's office",
    ],
    "fr": [
        "Le ministère",
        "La police",
        "La préfecture",
        "Le gouverneur de la région",
        "Un porte-parole du gouvernement",
        "Un secouriste",
        "L'entreprise",
        "La banque centrale",
        "Une députée de l'opposition",
        "L'armée",
        "L'agence sanitaire",
        "Le maire",
        "Un témoin",
        "Le syndicat",
        "Le parquet",
        "Matignon",
    ],
}
_VERBS = {
    "en": ["said", "confirmed", "reported", "announced", "warned", "estimated", "stated"],
    "fr": ["a indiqué", "a confirmé", "a rapporté", "a annoncé", "a averti", "a estimé", "a déclaré"],
}
_PLACES = [
    "Valencia",
    "Lyon",
    "Montreal",
    "Gaza",
    "Kyiv",
    "Dakar",
    "Marseille",
    "Toulouse",
    "Bamako",
    "Quebec",
    "Geneva",
    "Brussels",
    "Abidjan",
    "Beirut",
    "Lille",
    "Nantes",
    "Rabat",
    "Tunis",
    "Ottawa",
    "Bordeaux",
]
_TAILS = {
    "en": [
        "according to a statement",
        "in a briefing",
        "late on Monday",
        "after a meeting",
        "without giving details",
        "citing preliminary figures",
        "in an interview",
        "on social media",
        "",
        "",
    ],
    "fr": [
        "selon un communiqué",
        "lors d'un point presse",
        "lundi soir",
        "après une réunion",
        "sans donner de détails",
        "citant des chiffres provisoires",
        "dans un entretien",
        "sur les réseaux sociaux",
        "",
        "",
    ],
}
# (kind, English, French): ``{n}`` is the figure, ``{p}`` a place.
_FACTS = [
    ("count", "{n} people were killed in {p}", "{n} personnes ont été tuées à {p}"),
    ("count", "{n} people were evacuated from {p}", "{n} personnes ont été évacuées de {p}"),
    ("count", "{n} soldiers were deployed near {p}", "{n} soldats ont été déployés près de {p}"),
    ("year", "the bridge in {p} was built in {n}", "le pont de {p} a été construit en {n}"),
    ("year", "the plant in {p} opened in {n}", "l'usine de {p} a ouvert en {n}"),
    ("money", "the contract in {p} was worth {n} million dollars",
     "le contrat à {p} valait {n} millions de dollars"),
    ("percent", "prices in {p} rose by {n} percent", "les prix à {p} ont augmenté de {n} %"),
    ("none", "talks with {p} would resume next week", "les discussions avec {p} reprendront la semaine prochaine"),
    ("none", "the border near {p} stayed closed", "la frontière près de {p} est restée fermée"),
    ("none", "the government in {p} denied the reports", "le gouvernement à {p} a démenti"),
]  # fmt: skip


def _figure(kind: str, rng: np.random.Generator) -> int:
    if kind == "year":
        return int(rng.integers(1950, 2025))
    if kind == "percent":
        return int(rng.integers(2, 40))
    return int(rng.integers(3, 900))


def _text(lang: str, fact: int, place: str, n: int | None, rng: np.random.Generator) -> str:
    kind, en, fr = _FACTS[fact]
    body = en if lang == "en" else fr
    if n is None and kind != "none":
        # The outlet leaves the figure out.
        body = body.replace("{n}", "several" if lang == "en" else "plusieurs")
        body = body.replace("in several", "long ago").replace("en plusieurs", "il y a longtemps")
    subject = _SUBJECTS[lang][int(rng.integers(len(_SUBJECTS[lang])))]
    verb = _VERBS[lang][int(rng.integers(len(_VERBS[lang])))]
    tail = _TAILS[lang][int(rng.integers(len(_TAILS[lang])))]
    joint = " that " if lang == "en" else " que "
    text = f"{subject} {verb}{joint}{body.format(n=n, p=place)}"
    return f"{text}, {tail}." if tail else f"{text}."


def synthetic_claims(
    n: int, seed: int = 0, dim: int = DIM
) -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
    """``n`` synthetic claims: unit vectors (float32), source ids, texts and languages.

    Deterministic for a given ``n`` and ``seed``; a smaller ``n`` is not a prefix of a larger one.
    """
    rng = np.random.default_rng(seed)
    language_axis = rng.standard_normal(dim).astype(np.float32)
    language_axis /= np.linalg.norm(language_axis)
    vectors = np.empty((n, dim), dtype=np.float32)
    groups = np.empty(n, dtype=np.int64)
    texts: list[str] = []
    languages: list[str] = []
    filled = 0
    next_source = 0
    while filled < n:
        outlets = int(rng.integers(3, 9))
        langs = ["fr" if rng.random() < 0.33 else "en" for _ in range(outlets)]
        story = rng.standard_normal(dim).astype(np.float32)
        story /= np.linalg.norm(story)
        rows: list[tuple[int, int, int | None, str, int]] = []  # outlet, fact, figure, place, id
        for fact_id in range(int(rng.integers(20, 60))):
            size = 1 if rng.random() < 0.45 else int(rng.integers(2, min(6, outlets) + 1))
            who = rng.choice(outlets, size=size, replace=False)
            fact = int(rng.integers(len(_FACTS)))
            place = _PLACES[int(rng.integers(len(_PLACES)))]
            value = _figure(_FACTS[fact][0], rng)
            for outlet in who:
                roll = rng.random()
                n_here: int | None = value
                if roll > 0.85:
                    n_here = None
                elif roll > 0.70:
                    n_here = _figure(_FACTS[fact][0], rng)
                rows.append((int(outlet), fact, n_here, place, fact_id))
        # Articles list their claims outlet by outlet, in no particular fact order.
        order = sorted(range(len(rows)), key=lambda r: (rows[r][0], rng.random()))
        rows = [rows[r] for r in order][: n - filled]
        facts = rng.standard_normal((max(r[4] for r in rows) + 1, dim)).astype(np.float32)
        facts /= np.linalg.norm(facts, axis=1, keepdims=True)
        noise = rng.standard_normal((len(rows), dim)).astype(np.float32)
        noise /= np.linalg.norm(noise, axis=1, keepdims=True)
        # Paraphrase noise varies per claim: some outlets word a fact close to the others, some
        # far enough that the pair falls under the threshold.
        spread = rng.uniform(0.55, 1.15, size=(len(rows), 1)).astype(np.float32)
        fact_rows = np.array([r[4] for r in rows])
        lang_sign = np.array([1.0 if langs[r[0]] == "fr" else -1.0 for r in rows], np.float32)
        block = (
            0.25 * story
            + 0.6 * facts[fact_rows]
            + 0.12 * lang_sign[:, None] * language_axis
            + spread * noise
        )
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        vectors[filled : filled + len(rows)] = block
        for outlet, fact, figure, place, _ in rows:
            lang = langs[outlet]
            groups[filled] = next_source + outlet
            texts.append(_text(lang, fact, place, figure, rng))
            languages.append(lang)
            filled += 1
        next_source += outlets
    return vectors, groups, texts, languages


# ---------- what one subprocess measures ----------
def _rss_mib() -> float:
    """Peak resident memory of this process so far, MiB (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mib() -> float:
    with open("/proc/self/statm", encoding="ascii") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def child(n: int, method: str, seed: int) -> dict[str, Any]:
    """Generate ``n`` claims, then time ``method`` on them once; peak RSS included."""
    from claimcheck.core import affinity, cluster

    vectors, groups, texts, languages = synthetic_claims(n, seed)
    # Imports and faiss's first use are not what is measured.
    import faiss  # noqa: F401

    before = _current_rss_mib()
    peak_before = _rss_mib()
    start = time.perf_counter()
    out: dict[str, Any] = {"n": n, "method": method, "sources": int(len(np.unique(groups)))}
    if method == "claimcheck":
        clusters = affinity.group_claims(vectors, list(groups), texts, languages, THRESHOLD)
    elif method == "exact":
        clusters = cluster.cluster_vectors(
            affinity.centre(vectors),
            groups,
            THRESHOLD,
            exact=True,
            bonus=affinity.FigureBonus(texts, languages),
            max_bonus=affinity.FIGURE_BONUS,
        )
    elif method == "dense":
        floor = THRESHOLD - affinity.FIGURE_BONUS
        centred = affinity.centre(vectors)
        sims = centred @ centred.T
        i, j = np.nonzero(np.triu(sims >= floor, 1))
        out["pairs"] = int(len(i))
        clusters = []
    else:
        raise SystemExit(f"unknown method {method!r}")
    out["seconds"] = time.perf_counter() - start
    out["rss_before_mib"] = before
    out["peak_rss_before_mib"] = peak_before
    out["peak_rss_mib"] = _rss_mib()
    if clusters:
        sizes = Counter(min(len(c), 7) for c in clusters)
        out["clusters"] = len(clusters)
        out["sizes"] = {str(k): sizes[k] for k in sorted(sizes)}
    return out


def _spawn(n: int, method: str, seed: int) -> dict[str, Any]:
    env = dict(os.environ)
    # At most two threads of heavy compute (the machine has two cores and is shared).
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(var, "2")
    cmd = [sys.executable, __file__, "--child", str(n), "--method", method, "--seed", str(seed)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{method} at {n} claims failed:\n{done.stderr.strip()[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(sizes: Sequence[int], reference_size: int, seed: int) -> dict[str, Any]:
    """Every size with claimcheck's clustering, then the references at ``reference_size``."""
    results: dict[str, Any] = {
        "cores": len(os.sched_getaffinity(0)),
        "load_average_before": os.getloadavg(),
        "runs": [],
    }
    for n in sizes:
        results["runs"].append(_spawn(n, "claimcheck", seed))
    for method in ("exact", "dense"):
        results["runs"].append(_spawn(reference_size, method, seed))
    results["load_average_after"] = os.getloadavg()
    return results


def report(results: dict[str, Any]) -> str:
    """The measurements as a table, with the ratios the issue asks for."""
    runs = results["runs"]
    lines = [
        f"{results['cores']} cores; load average before "
        + " ".join(f"{x:.2f}" for x in results["load_average_before"])
        + ", after "
        + " ".join(f"{x:.2f}" for x in results["load_average_after"]),
        "",
        f"{'method':<11} {'claims':>7} {'seconds':>8} {'peak RSS MiB':>13} "
        f"{'(before)':>9} {'clusters':>9}  sizes 1,2,..,6,7+",
    ]
    for r in runs:
        sizes = ",".join(str(v) for v in r.get("sizes", {}).values()) or f"{r.get('pairs')} pairs"
        lines.append(
            f"{r['method']:<11} {r['n']:>7} {r['seconds']:>8.2f} {r['peak_rss_mib']:>13.0f} "
            f"{r['rss_before_mib']:>9.0f} {r.get('clusters', ''):>9}  {sizes}"
        )
    own = {r["n"]: r for r in runs if r["method"] == "claimcheck"}
    lines.append("")
    if own:
        small, large = min(own), max(own)
        ratio = own[large]["seconds"] / own[small]["seconds"]
        verdict = "within" if ratio <= TIME_BOUND else "OVER"
        lines.append(
            f"time {large} / {small} claims: {ratio:.2f}x for {large / small:.0f}x the claims "
            f"({verdict} the {TIME_BOUND:.0f}x bound)"
        )
        peak = own[large]["peak_rss_mib"]
        verdict = "within" if peak < MEMORY_BOUND_MIB else "OVER"
        lines.append(
            f"peak RSS at {large} claims: {peak:.0f} MiB ({verdict} the {MEMORY_BOUND_MIB} MiB "
            "bound; includes the input vectors and Python's own footprint)"
        )
    for ref in (r for r in runs if r["method"] != "claimcheck"):
        mine = own.get(ref["n"])
        if mine is None:
            continue
        lines.append(
            f"claimcheck / {ref['method']} at {ref['n']} claims: "
            f"time {mine['seconds'] / ref['seconds']:.2f}x, "
            f"peak RSS {mine['peak_rss_mib'] / ref['peak_rss_mib']:.2f}x"
        )
        if own:
            large = max(own)
            scale = (large / ref["n"]) ** 2
            lines.append(
                f"  {ref['method']} is quadratic: at {large} claims it would take about "
                f"{ref['seconds'] * scale:.0f} s ({scale:.0f}x); claimcheck took "
                f"{own[large]['seconds']:.1f} s"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--reference-size", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--method", default="claimcheck", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.method, args.seed)))
        return 0
    results = run(args.sizes, args.reference_size, args.seed)
    print(json.dumps(results, indent=2) if args.json else report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
