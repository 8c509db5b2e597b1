"""How ingest, index size and query latency grow with the number of items.

    .venv/bin/python benchmarks/scale.py [--sizes 10000 100000] [--out FILE.json]

Synthetic JSON-lines documents (vocabulary drawn from a Zipf law, 2,000 authors) are ingested
into a fresh workspace per size; then 100 random 3-word queries are timed warm.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from whoknows.services import open_services
from whoknows.settings import load_settings


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def write_corpus(path: Path, size: int, rng: random.Random) -> list[str]:
    vocabulary = [f"term{i}" for i in range(50_000)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    with path.open("w", encoding="utf-8") as handle:
        for i in range(size):
            words = rng.choices(vocabulary, weights, k=rng.randint(20, 120))
            handle.write(
                json.dumps(
                    {
                        "id": f"d{i}",
                        "title": " ".join(words[:6]),
                        "text": " ".join(words),
                        "authors": [f"Author {rng.randrange(2000)} Synthetic"],
                        "date": f"{rng.randint(2018, 2026)}-0{rng.randint(1, 9)}-15",
                    }
                )
                + "\n"
            )
    return vocabulary[:2000]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rng = random.Random(1)
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            corpus = Path(folder) / "corpus.jsonl"
            common = write_corpus(corpus, size, rng)
            service = open_services(load_settings(environ={}, workspace=Path(folder) / "ws"))
            began = time.perf_counter()
            report = service.ingest.ingest("jsonl", corpus)
            ingest_seconds = time.perf_counter() - began
            began = time.perf_counter()
            service.ingest.reindex()
            index_seconds = time.perf_counter() - began
            service.search.rank("term1 term2", k=10)  # warm
            latencies = []
            for _ in range(100):
                query = " ".join(rng.sample(common, 3))
                began = time.perf_counter()
                service.search.rank(query, k=10)
                latencies.append((time.perf_counter() - began) * 1000)
            workspace = Path(folder) / "ws"
            row = {
                "items": size,
                "ingest_seconds_with_index": round(ingest_seconds, 2),
                "items_per_second": round(report.items_added / ingest_seconds),
                "reindex_seconds": round(index_seconds, 2),
                "database_mb": round((workspace / "whoknows.sqlite3").stat().st_size / 1e6, 1),
                "index_mb": round(folder_size(workspace / "index") / 1e6, 1),
                "query_p50_ms": round(statistics.median(latencies), 2),
                "query_p95_ms": round(sorted(latencies)[94], 2),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
            service.close()
        rows.append(row)
        print(json.dumps(row))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
