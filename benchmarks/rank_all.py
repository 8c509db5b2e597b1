"""One configuration, three benchmarks: se-cardano, se-ai and acl-authors, with 95% intervals.

    .venv/bin/python benchmarks/rank_all.py [--fast] [--bench NAME ...] [--ranker NAME ...]
        [--workspace DIR [--reuse]] [--out benchmarks/results/rank_all.json]

Each bench of ``../shared/bench`` is ingested into its own workspace (a temporary one, or
``DIR/<bench>`` with ``--workspace``; ``--reuse`` keeps an already ingested one), every ranker
answers all its queries with ``ask_batch`` (people labelled by their native ids: Stack Exchange
user ids, Anthology person ids), and ``whoknows.eval`` scores the runs (AP, RR, P@1, nDCG@10,
R@10, bootstrap 95% intervals) next to the bench's reference runs.

``--fast`` (``--mode fast``) skips embeddings and training (``dense=False, learn=False``): for
quick iterations on lexical features only; ``learned`` then falls back to ``hybrid-prior``.
``--mode no-dense`` trains without embeddings; ``--mode no-learn`` embeds without training (for
the ``dense`` ranker); ``full`` (the default) is the shipped configuration. ``--embedder NAME``
picks the dense embedder (the ``embedder`` setting; default: the shipped one). Every ranker
runs with the same settings on every bench: no per-bench tuning.

Writes the JSON (``--out``) and a markdown table next to it (same name, ``.md``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoknows.eval import evaluate_run
from whoknows.eval.inputs import read_queries
from whoknows.eval.measures import EvalResult
from whoknows.rank.learned import INTERNAL_META
from whoknows.services import Services, open_services
from whoknows.settings import load_settings

# ../shared/bench next to the checkout (a worktree sits one level deeper)
ROOT = next(
    (p / "shared" / "bench" for p in Path(__file__).resolve().parents if (p / "shared").is_dir()),
    Path("shared") / "bench",
)
RESULTS = Path(__file__).resolve().parent / "results" / "rank_all.json"
RANKERS = ("lexical", "hybrid-prior", "learned")
FAST_RANKERS = ("lexical", "hybrid-prior")


@dataclass(frozen=True)
class Bench:
    name: str
    connector: str
    corpus: str  # path inside the bench folder


BENCHES = (
    Bench("se-cardano", "stackexchange", "corpus"),
    Bench("se-ai", "stackexchange", "corpus"),
    Bench("acl-authors", "jsonl", "corpus.jsonl"),
)


MODES = {  # --mode: settings of every bench's workspace
    "fast": {"dense": False, "learn": False},
    "no-dense": {"dense": False, "learn": True},
    "no-learn": {"dense": True, "learn": False},
    "full": {},
}


def open_workspace(folder: Path, mode: str, embedder: str | None = None) -> Services:
    settings = load_settings(environ={}, workspace=folder, embedder=embedder, **MODES[mode])
    return open_services(settings)


def ingest(service: Services, bench: Bench, path: Path, reuse: bool) -> dict[str, Any]:
    """Ingest the bench's corpus; with ``reuse``, a workspace that has items already is
    reindexed instead (indexes and training under this run's settings)."""
    conn = service.workspace.store(create=True).conn
    items = conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    if reuse and items:
        stats = service.workspace.reindex()
        return {"items": items, "reused": True, "reindex_seconds": stats.seconds}
    started = time.perf_counter()
    report = service.ingest.ingest(bench.connector, path / bench.corpus)
    return {
        "items": report.items_added,
        "people": report.people_added,
        "seconds_with_indexes_and_training": round(time.perf_counter() - started, 2),
    }


def model_info(service: Services) -> dict[str, Any]:
    model = service.workspace.evidence().model
    if model is None:
        return {"model": None}
    return {"model": {k: v for k, v in model.meta.items() if k not in INTERNAL_META}}


def run_bench(
    bench: Bench,
    root: Path,
    folder: Path,
    rankers: list[str],
    mode: str,
    reuse: bool,
    embedder: str | None = None,
) -> dict[str, Any]:
    path = root / bench.name
    queries = read_queries(path / "queries.tsv")
    ids = [query_id for query_id, _ in queries]
    qrels = path / "qrels.txt"
    service = open_workspace(folder, mode, embedder)
    info: dict[str, Any] = {"queries": len(queries), "ingest": ingest(service, bench, path, reuse)}
    info.update(model_info(service))
    table: list[EvalResult] = [
        evaluate_run(qrels, reference, ids)
        for reference in sorted((path / "reference-runs").glob("*.run"))
    ]
    seconds: dict[str, float] = {}
    for ranker in rankers:
        run = folder / f"{ranker}.run"
        stats = service.search.ask_batch(
            queries, run, k=100, label_by=bench.connector, ranker=ranker
        )
        seconds[ranker] = stats.ms_per_query
        table.append(evaluate_run(qrels, run, ids, name=ranker))
    service.close()
    info["ms_per_query"] = seconds
    info["runs"] = {
        r.name: {
            m: {"mean": round(v, 4), "ci95": [round(x, 4) for x in r.intervals.get(m, (v, v))]}
            for m, v in r.means.items()
        }
        for r in table
    }
    return info


def markdown(results: dict[str, Any]) -> str:
    lines = [
        f"Settings: {results['mode']} ({MODES[results['mode']] or 'defaults'}), embedder"
        f" {results.get('embedder')}; "
        f"load average before: {results['load']}",
        "",
    ]
    for bench, info in results["benches"].items():
        runs = info["runs"]
        measures = list(next(iter(runs.values())))
        lines += [
            f"### {bench} ({info['queries']} queries)",
            "",
            "| run | " + " | ".join(measures) + " |",
            "|---|" + "---|" * len(measures),
        ]
        for name, row in runs.items():
            cells = [
                f"{row[m]['mean']:.3f} [{row[m]['ci95'][0]:.3f}, {row[m]['ci95'][1]:.3f}]"
                for m in measures
            ]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def run_header(mode: str, embedder: str | None) -> dict[str, Any]:
    """What every results file says of the run: the machine, its load, the settings."""
    return {
        "machine": platform.platform(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "mode": mode,
        "embedder": embedder or load_settings(environ={}).embedder,
        "benches": {},
    }


def write_results(results: dict[str, Any], out: Path) -> None:
    """Print the markdown table; write the JSON to ``out`` and the table next to it."""
    table = markdown(results)
    print(table)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(table + "\n", encoding="utf-8")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="folder of the benches")
    parser.add_argument("--bench", action="append", dest="benches", help="one bench by name")
    parser.add_argument("--ranker", action="append", dest="rankers")
    parser.add_argument("--fast", action="store_true", help="no embeddings, no training")
    parser.add_argument(
        "--mode", choices=sorted(MODES), help="fast, no-dense (training, no embeddings) or full"
    )
    parser.add_argument("--embedder", help="the dense embedder (default: the shipped one)")
    parser.add_argument("--workspace", type=Path, help="keep workspaces under this folder")
    parser.add_argument("--reuse", action="store_true", help="reindex already ingested workspaces")
    parser.add_argument("--out", type=Path, default=RESULTS)
    return parser.parse_args()


def main() -> int:
    args = arguments()
    wanted = args.benches or [b.name for b in BENCHES]
    benches = [b for b in BENCHES if b.name in wanted and (args.root / b.name).is_dir()]
    if not benches:
        print(f"skipped: no bench of {wanted} under {args.root}", file=sys.stderr)
        return 0
    mode = args.mode or ("fast" if args.fast else "full")
    rankers = args.rankers or list(FAST_RANKERS if mode == "fast" else RANKERS)
    results = run_header(mode, args.embedder)
    with tempfile.TemporaryDirectory() as scratch:
        base = args.workspace or Path(scratch)
        for bench in benches:
            suffix = f"-{args.embedder}" if args.embedder else ""
            folder = base / f"{bench.name}-{mode}{suffix}"
            folder.mkdir(parents=True, exist_ok=True)
            print(f"{bench.name}: ...", file=sys.stderr, flush=True)
            results["benches"][bench.name] = run_bench(
                bench, args.root, folder, rankers, mode, args.reuse, args.embedder
            )
    write_results(results, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
