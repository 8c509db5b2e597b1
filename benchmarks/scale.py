"""How ingest, disk, memory and query latency grow with the number of items (issue #14).

    .venv/bin/python benchmarks/scale.py [--sizes 10000 100000 1000000] [--out FILE.json]
        [--plot docs/scale.png] [--data DIR] [--work DIR]

Per size: generated company traces (``scale_data``: distributions fitted on a real dump,
written in the Slack, mbox, Stack Exchange, Markdown and JSON-lines formats the connectors
read) go into a fresh workspace with the full default pipeline (store, lexical index, dense
static embeddings, learned ranker): every source stored (``whoknows ingest --no-index``),
then one ``whoknows reindex``. Then: an ingest of 1% new items (the next two weeks of chat),
cold ``whoknows ask``, warm query latency, and the ``hidden``/``topic``/``gaps``/``network``
commands. Every step is a fresh ``whoknows`` process whose wall time and peak RSS (ru_maxrss
from ``wait4``) are recorded with the load average (2 shared cores: timings drift ~1.5x).

Results are merged by size into the JSON file (so the 10^6 run can be added later) and drawn.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale_plot import plot  # noqa: E402
from scale_run import Step, folder_size, ingest_flow, new_items_flow, query_flow  # noqa: E402

GENERATOR_VERSION = 2
SEED = 14


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def generate(folder: Path, size: int) -> dict[str, object]:
    """The corpus of ``size`` items in ``folder`` (kept: made again only when missing)."""
    stamp = folder / "manifest.json"
    if stamp.exists():
        manifest: dict[str, object] = json.loads(stamp.read_text(encoding="utf-8"))
        if manifest.get("version") == GENERATOR_VERSION:
            return manifest
    from scale_data import ASSUMED, make_world, query_texts
    from scale_formats import (
        write_commits,
        write_docs,
        write_mbox,
        write_slack,
        write_slack_later,
        write_stackexchange,
    )

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.monotonic()
    world = make_world(size, SEED)
    mix: dict[str, float] = ASSUMED["mix"]  # type: ignore[assignment]
    counts = {kind: round(size * share) for kind, share in mix.items()}
    counts["chat"] += size - sum(counts.values())
    later: dict[str, object] = {}
    commits = folder / "commits.jsonl"
    sources = [
        ("slack", "slack", write_slack(world, folder / "slack", counts["chat"], later)),
        ("mbox", "mail", write_mbox(world, folder / "mail", counts["mail"])),
        ("jsonl", "commits.jsonl", write_commits(world, commits, counts["commits"])),
        ("stackexchange", "qa", write_stackexchange(world, folder / "qa", counts["qa"])),
        ("docs", "docs", write_docs(world, folder / "docs", counts["docs"])),
    ]
    new = max(1, size // 100)
    write_slack_later(world, folder / "later", new, later)
    manifest = {
        "version": GENERATOR_VERSION,
        "items": size,
        "people": len(world.people),
        "topics": world.topics,
        "sources": [{"connector": c, "path": p, "items": n} for c, p, n in sources],
        "later": {"connector": "slack", "path": "later", "items": new},
        "queries": query_texts(world, 120),
        "topics_asked": query_texts(world, 3),
        "bytes": folder_size(folder),
        "seconds": round(time.monotonic() - started, 1),
    }
    stamp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def generated(folder: Path, size: int) -> dict[str, object]:
    """:func:`generate` run in a child process: a child's peak RSS (``ru_maxrss``) starts
    from its parent's peak at ``exec``, so the generator's gigabytes must never be this
    process's own, or every step below would report them."""
    command = [sys.executable, __file__, "--generate-only", str(size), "--data", str(folder)]
    subprocess.run(command, check=True)
    manifest: dict[str, object] = json.loads((folder / "manifest.json").read_text("utf-8"))
    return manifest


def measure(size: int, data: Path, work: Path) -> dict[str, object]:
    log(f"{size:,} items: generating (or reusing) {data}")
    manifest = generated(data, size)
    log(f"corpus ready: {manifest['bytes']:,} bytes, {manifest['people']} people")
    workspace = work / f"ws-{size}"
    shutil.rmtree(workspace, ignore_errors=True)
    row: dict[str, object] = {"items": size, "people": manifest["people"]}
    row["corpus_mb"] = round(int(str(manifest["bytes"])) / 1e6, 1)
    step = Step(workspace, log)
    row.update(ingest_flow(step, data, manifest))
    row.update(new_items_flow(step, data, manifest))
    row.update(query_flow(step, manifest))
    row["steps"] = step.records
    row["measured_at"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    return row


def merge(path: Path, rows: list[dict[str, object]]) -> dict[str, object]:
    found: dict[str, object] = {}
    if path.exists():
        found = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(found.get("runs"), list):
            found = {}
    runs = {int(r["items"]): r for r in found.get("runs", []) if isinstance(r, dict)}
    runs.update({int(str(r["items"])): r for r in rows})
    return {
        "machine": f"{os.cpu_count()} cores (shared); load average recorded with each step",
        "runs": [runs[k] for k in sorted(runs)],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--out", type=Path, default=HERE / "results" / "scale.json")
    parser.add_argument("--plot", type=Path, default=HERE.parent / "docs" / "scale.png")
    parser.add_argument("--data", type=Path, default=Path("/tmp/whoknows-scale/data"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/whoknows-scale"))
    parser.add_argument("--keep", action="store_true", help="keep the workspaces")
    parser.add_argument("--generate-only", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate_only:
        generate(args.data, args.generate_only)
        return 0
    for size in args.sizes:
        row = measure(size, args.data / str(size), args.work)
        results = merge(args.out, [row])
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        log(f"{size:,} items done: {json.dumps({k: v for k, v in row.items() if k != 'steps'})}")
        if not args.keep:
            shutil.rmtree(args.work / f"ws-{size}", ignore_errors=True)
        plot(results, args.plot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
