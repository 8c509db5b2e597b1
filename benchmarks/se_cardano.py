"""Benchmark on ../shared/bench/se-cardano: ingest, per-query latency, and quality.

    .venv/bin/python benchmarks/se_cardano.py [--ranker vote ...] [--out FILE.json]

Ingests corpus/ into a fresh workspace, answers all 164 queries with every ranker named,
scores them with the bench's qrels next to the reference runs, and reports ingest throughput
and warm query latency (p50/p95 over all queries, after one warm-up pass).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from whoknows.eval import evaluate_run
from whoknows.eval.inputs import read_queries
from whoknows.services import open_services
from whoknows.settings import load_settings

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "se-cardano"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bench", type=Path, default=BENCH)
    parser.add_argument("--ranker", action="append", dest="rankers")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not (args.bench / "corpus").is_dir():
        print(f"skipped: {args.bench} not found", file=sys.stderr)
        return 0
    rankers = args.rankers or ["lexical", "dense", "hybrid", "hybrid-prior", "learned"]
    queries = read_queries(args.bench / "queries.tsv")
    ids = [query_id for query_id, _ in queries]
    results: dict[str, object] = {"machine": platform.platform(), "queries": len(queries)}
    with tempfile.TemporaryDirectory() as folder:
        service = open_services(load_settings(environ={}, workspace=Path(folder)))
        started = time.perf_counter()
        report = service.ingest.ingest("stackexchange", args.bench / "corpus")
        ingest_seconds = time.perf_counter() - started
        results["ingest"] = {
            "items": report.items_added,
            "people": report.people_added,
            "store_seconds": round(report.seconds, 3),
            "store_items_per_second": round(report.items_per_second, 1),
            "seconds_with_indexes_and_training": round(ingest_seconds, 3),
        }
        table = []
        for reference in sorted((args.bench / "reference-runs").glob("*.run")):
            table.append(evaluate_run(args.bench / "qrels.txt", reference, ids))
        for ranker in rankers:
            for text in (text for _, text in queries):  # warm-up: load indexes and models
                service.search.rank(text, k=100, ranker=ranker)
                break
            latencies = []
            for _, text in queries:
                began = time.perf_counter()
                service.search.rank(text, k=100, ranker=ranker)
                latencies.append((time.perf_counter() - began) * 1000)
            run = Path(folder) / f"{ranker}.run"
            service.search.ask_batch(queries, run, k=100, label_by="stackexchange", ranker=ranker)
            table.append(evaluate_run(args.bench / "qrels.txt", run, ids, name=ranker))
            results[f"latency_ms_{ranker}"] = {
                "p50": round(statistics.median(latencies), 2),
                "p95": round(percentile(latencies, 0.95), 2),
                "max": round(max(latencies), 2),
            }
        service.close()
    results["quality"] = {r.name: {m: round(v, 4) for m, v in r.means.items()} for r in table}
    results["intervals_95"] = {
        r.name: {m: [round(lo, 3), round(hi, 3)] for m, (lo, hi) in r.intervals.items()}
        for r in table
    }
    measures = list(table[0].means)
    print(f"{'run':<16}" + "".join(f"{m:>10}" for m in measures))
    for r in table:
        print(f"{r.name:<16}" + "".join(f"{r.means[m]:>10.3f}" for m in measures))
    print(
        json.dumps(
            {k: v for k, v in results.items() if k not in {"quality", "intervals_95"}}, indent=1
        )
    )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
