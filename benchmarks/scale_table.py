"""The scale benchmark's results (benchmarks/results/scale.json) as the Markdown table of
docs/benchmarks.md, with the Spark engine's throughput (benchmarks/results/spark_ingest.json):

    .venv/bin/python benchmarks/scale_table.py [--results FILE] [--spark FILE]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
INSIGHTS = ("hidden", "topic", "gaps", "network")


def _power(items: int) -> str:
    exponent = len(str(items)) - 1
    return f"10^{exponent}" if items == 10**exponent else f"{items:,}"


def scale_rows(results: dict[str, object]) -> list[str]:
    lines = [
        "| items | full pipeline | store / lexical / columns / dense / training | items/s"
        " | 1% new items | cold `ask` | warm p50 / p95 | hidden / topic / gaps / network"
        " | peak RSS (ingest / 1% / warm) | disk |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in results["runs"]:  # type: ignore[attr-defined]
        stages = run["stages_seconds"]
        store = sum(v for k, v in stages.items() if k.startswith("store_"))
        parts = [store] + [stages[k] for k in ("lexical", "columns", "dense", "learn")]
        insights = " / ".join(f"{run['insight_seconds'][k]:.1f}" for k in INSIGHTS)
        new = run["new_1pct"]
        disk = run["disk_after_new"]["workspace_mb"]
        lines.append(
            f"| {_power(run['items'])} | {run['full_pipeline_seconds']:.0f} s"
            f" | {' / '.join(f'{p:.0f}' for p in parts)} s | {run['items_per_second']:,}"
            f" | {new['seconds']:.0f} s | {run['cold_ask_median_seconds']:.2f} s"
            f" | {run['warm_p50_ms']:.0f} / {run['warm_p95_ms']:.0f} ms"
            f" | {insights} s"
            f" | {run['full_pipeline_peak_rss_mb']:,} / {new['peak_rss_mb']:,}"
            f" / {run['warm_process_rss_mb']:,} MB | {disk:,.0f} MB |"
        )
    return lines


def spark_rows(spark: dict[str, object]) -> list[str]:
    """Rows in the same columns for the local and spark engines on replicated se-cardano
    (store, lexical index and embeddings, no training): throughput and equivalence."""
    lines = []
    for size in spark.get("sizes", []):  # type: ignore[attr-defined]
        same = "same files" if size.get("same_index_files") else "FILES DIFFER"
        for engine, run in size["runs"].items():
            stages = run["stages"]
            dense = stages.get("embeddings", 0.0) + stages.get("embedding table", 0.0)
            spark_time = stages.get("spark: starting", 0.0) + stages.get("spark: parsing", 0.0)
            store = stages.get("ingest stackexchange", 0.0) + spark_time
            lines.append(
                f"| {run['items']:,} ({size['corpus']}), {engine}"
                f"{' local[2]' if engine == 'spark' else ''} | {run['seconds']:.0f} s"
                f" | {store:.0f} / {stages.get('lexical index', 0.0):.0f} / - / {dense:.0f} / -"
                f" s | {run['items_per_second']:,.0f} | {same} | | | | | |"
            )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--results", type=Path, default=HERE / "results" / "scale.json")
    parser.add_argument("--spark", type=Path, default=HERE / "results" / "spark_ingest.json")
    args = parser.parse_args()
    print("\n".join(scale_rows(json.loads(args.results.read_text(encoding="utf-8")))))
    if args.spark.exists():
        print("\n".join(spark_rows(json.loads(args.spark.read_text(encoding="utf-8")))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
