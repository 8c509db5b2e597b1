"""Ingest throughput of the local engine and the spark engine on se-cardano.

    PYTHONPATH=src .venv/bin/python benchmarks/spark_ingest.py [--master local[2]]
        [--copies N ...] [--learn] [--out benchmarks/results/spark_ingest.json]

The bench's Stack Exchange dump (``--copies N``: N copies of it, every id shifted, so N times
the items, people and threads; several N: one measurement each) is ingested into a fresh
workspace by each engine with the shipped settings but no training (``--learn`` adds it: the
driver fits the learned ranker whatever the engine, at the same cost). Measured per engine:
the whole ingest, each stage (a stage lasts from the end of the one before: parsing and
writing the store, Spark's start included; the lexical index; the evidence columns, graph and
embedding table; the embeddings; learning), items/s and the driver process's CPU; apart, the
start and stop of a bare Spark context. The two workspaces are then compared: store row
counts and index files, byte for byte.

Needs pyspark (``pip install 'whoknows[spark]'``) and Java 17.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import resource
import sqlite3
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from whoknows.services import open_services
from whoknows.settings import load_settings

ROOT = next(
    (p / "shared" / "bench" for p in Path(__file__).resolve().parents if (p / "shared").is_dir()),
    Path("shared") / "bench",
)
RESULTS = Path(__file__).resolve().parent / "results" / "spark_ingest.json"
IDS = {"Id", "ParentId", "AcceptedAnswerId", "OwnerUserId", "LastEditorUserId", "PostId"}
IDS |= {"UserId"}
INDEXES = ("index/lexical", "index/dense", "index/columns", "index/graph")


class StageClock:
    """A progress sink that times the stages of an ingest, which run one after the other: a
    stage lasts from the end of the one before it (or from :meth:`start`) to its own end (so
    the first one, parsing and writing the store, includes starting Spark)."""

    def __init__(self) -> None:
        self.last, self.last_cpu = time.perf_counter(), cpu_seconds()
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}  # of this process (the driver), not the executors'

    def start(self) -> None:
        self.last, self.last_cpu = time.perf_counter(), cpu_seconds()

    def update(self, stage: str, done: int, total: int | None = None) -> None:
        return None

    def finish(self, stage: str) -> None:
        now, cpu = time.perf_counter(), cpu_seconds()
        self.seconds[stage] = round(now - self.last, 2)
        self.cpu[stage] = round(cpu - self.last_cpu, 2)
        self.last, self.last_cpu = now, cpu


def copies(corpus: Path, target: Path, count: int) -> Path:
    """``count`` copies of a dump in one, every id (but the Community user's, -1) shifted."""
    target.mkdir(parents=True)
    for source in sorted(corpus.glob("*.xml")):
        events = ET.iterparse(source, events=("start", "end"))
        _, root = next(events)
        rows = [dict(e.attrib) for event, e in events if event == "end" and e.tag == "row"]
        lines = ["<?xml version='1.0' encoding='utf-8'?>", f"<{root.tag}>"]
        for copy in range(count):
            shift = copy * 10_000_000
            for row in rows:
                pairs = (f"{k}={quoteattr(_shifted(k, v, shift))}" for k, v in row.items())
                lines.append("  <row " + " ".join(pairs) + " />")
        lines.append(f"</{root.tag}>")
        (target / source.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def _shifted(key: str, value: str, shift: int) -> str:
    return str(int(value) + shift) if key in IDS and value.isdigit() else value


def cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def spark_start(master: str) -> float:
    """Seconds to start a Spark context, run a trivial job on every core and stop it."""
    from whoknows.pipeline.spark.session import Cluster

    began = time.perf_counter()
    cluster = Cluster(load_settings(environ={}), master)
    try:
        sc = cluster.context()
        sc.parallelize(range(8), sc.defaultParallelism).map(lambda x: x).collect()
    finally:
        cluster.stop()
    return round(time.perf_counter() - began, 2)


def ingest(folder: Path, corpus: Path, engine: str, master: str, learn: bool) -> dict[str, Any]:
    clock = StageClock()
    services = open_services(load_settings(environ={}, workspace=folder, learn=learn), clock)
    cpu, began = cpu_seconds(), time.perf_counter()
    clock.start()
    report = services.ingest.ingest(
        "stackexchange", corpus, engine=engine, master=master if engine == "spark" else None
    )
    seconds = time.perf_counter() - began
    services.close()
    return {
        "items": report.items_added,
        "seconds": round(seconds, 2),
        "items_per_second": round(report.items_added / seconds, 1),
        "stages": clock.seconds,
        "driver_cpu_seconds": round(cpu_seconds() - cpu, 2),
        "driver_cpu_by_stage": clock.cpu,
    }


def row_counts(folder: Path) -> dict[str, int]:
    conn = sqlite3.connect(folder / "whoknows.sqlite3")
    tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    conn.close()
    return counts


def same_indexes(a: Path, b: Path) -> bool:
    for index in INDEXES:
        names = sorted(p.name for p in (a / index).iterdir())
        _, different, missing = filecmp.cmpfiles(a / index, b / index, names, shallow=False)
        if different or missing:
            return False
    return True


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="folder of the benches")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument(
        "--copies", type=int, nargs="+", default=[1], help="copies of the dump to ingest"
    )
    parser.add_argument("--learn", action="store_true", help="fit the learned ranker too")
    parser.add_argument("--out", type=Path, default=RESULTS)
    return parser.parse_args()


def measure(corpus: Path, base: Path, count: int, master: str, learn: bool) -> dict[str, Any]:
    """Both engines on ``count`` copies of the dump; the two workspaces compared."""
    source = corpus if count == 1 else copies(corpus, base / "dump", count)
    runs = {}
    for engine in ("local", "spark"):
        print(f"x{count} {engine}: ...", file=sys.stderr, flush=True)
        runs[engine] = ingest(base / engine, source, engine, master, learn)
    counts = {engine: row_counts(base / engine) for engine in runs}
    return {
        "corpus": f"se-cardano x{count}",
        "runs": runs,
        "same_row_counts": counts["local"] == counts["spark"],
        "same_index_files": same_indexes(base / "local", base / "spark"),
    }


def main() -> int:
    args = arguments()
    corpus = args.root / "se-cardano" / "corpus"
    if not corpus.is_dir():
        print(f"skipped: no bench at {corpus}", file=sys.stderr)
        return 0
    results: dict[str, Any] = {
        "machine": platform.platform(),
        "cores": os.cpu_count(),
        "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "settings": {"dense": True, "learn": args.learn, "master": args.master},
        "spark_start_seconds": spark_start(args.master),
        "sizes": [],
    }
    for count in args.copies:
        with tempfile.TemporaryDirectory() as scratch:
            found = measure(corpus, Path(scratch), count, args.master, args.learn)
            results["sizes"].append(found)
    results["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(json.dumps(results, indent=1))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
