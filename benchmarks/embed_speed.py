"""Speed and quality of the dense embedders, on the benches' own items.

    .venv/bin/python benchmarks/embed_speed.py [--embedder NAME ...] [--bench NAME ...]
        [--no-quality] [--out benchmarks/results/embed_speed.json]

Speed: the items of se-cardano (ingested into a scratch workspace without embeddings, then
read back exactly as the dense index reads them: title, context and text, masked) embedded in
batches of the dense index's size; items/s of a first pass (the static embedder's word cache
empty) and of a second one (cache warm). Loading the model (and, once per machine, distilling
the static table) is timed apart. Quality: the ``dense`` ranker's AP on each bench
(``rank_all.run_bench``, ``--mode no-learn``) with each embedder.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import rank_all

from whoknows.index.dense import BATCH
from whoknows.index.embedders import EMBEDDERS, default_embedder, prepared
from whoknows.pipeline import reading
from whoknows.pipeline.reports import CreditedSentences
from whoknows.privacy.masking import opted_out_matcher
from whoknows.settings import load_settings

RESULTS = Path(__file__).resolve().parent / "results" / "embed_speed.json"


def bench_texts(scratch: Path) -> list[str]:
    bench = rank_all.BENCHES[0]  # se-cardano
    service = rank_all.open_workspace(scratch / "texts", "fast")
    service.ingest.ingest(bench.connector, rank_all.ROOT / bench.name / bench.corpus)
    conn = service.workspace.store().conn
    ids = [row[0] for row in conn.execute("SELECT id FROM items ORDER BY id")]
    texts = reading.texts(conn, ids, opted_out_matcher(conn), CreditedSentences(conn))
    service.close()
    return texts


def speed(name: str, texts: list[str]) -> dict[str, Any]:
    started = time.perf_counter()
    embedder = default_embedder(name, load_settings(environ={}).model_cache)
    prepared(embedder)
    embedder.embed(["warm up"])
    found: dict[str, Any] = {"load_seconds": round(time.perf_counter() - started, 2)}
    for run in ("first_pass", "second_pass"):
        started = time.perf_counter()
        for start in range(0, len(texts), BATCH):
            embedder.embed(texts[start : start + BATCH])
        seconds = time.perf_counter() - started
        found[run] = {"seconds": round(seconds, 2), "items_per_s": round(len(texts) / seconds, 1)}
        print(f"{name} {run}: {len(texts) / seconds:,.0f} items/s", file=sys.stderr, flush=True)
    return found


def quality(name: str, benches: list[str], scratch: Path) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for bench in rank_all.BENCHES:
        if bench.name not in benches:
            continue
        folder = scratch / f"{bench.name}-{name}"
        folder.mkdir(parents=True)
        started = time.perf_counter()
        info = rank_all.run_bench(bench, rank_all.ROOT, folder, ["dense"], "no-learn", False, name)
        found[bench.name] = {
            "dense": info["runs"]["dense"],
            "seconds_with_ingest": round(time.perf_counter() - started, 1),
        }
        ap = info["runs"]["dense"]["AP"]
        print(f"{name} {bench.name}: dense AP {ap['mean']} {ap['ci95']}", file=sys.stderr)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedder", action="append", dest="embedders", choices=EMBEDDERS)
    parser.add_argument("--bench", action="append", dest="benches")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    if not (rank_all.ROOT / "se-cardano").is_dir():
        print(f"skipped: no se-cardano bench under {rank_all.ROOT}", file=sys.stderr)
        return 0
    results: dict[str, Any] = {
        "machine": platform.platform(),
        "cores": os.cpu_count(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "embedders": {},
    }
    with tempfile.TemporaryDirectory() as scratch:
        texts = bench_texts(Path(scratch))
        results["items"] = len(texts)
        results["mean_chars"] = round(sum(map(len, texts)) / len(texts), 1)
        for name in args.embedders or list(EMBEDDERS):
            found = {"speed": speed(name, texts)}
            if not args.no_quality:
                found["quality"] = quality(
                    name, args.benches or ["se-cardano", "se-ai"], Path(scratch)
                )
            results["embedders"][name] = found
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(results["embedders"], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
