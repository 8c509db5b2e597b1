"""How the serving side holds up on a workspace already built: cold and warm queries, insights,
memory, disk.

    PYTHONPATH=src .venv/bin/python benchmarks/serve_scale.py --workspace WS [--queries 100]
        [--topic plutus --topic wallet] [--out FILE.json]

Measures, on WS as it is (nothing is rebuilt; run `whoknows reindex` first if it is stale):

- cold `whoknows ask` as fresh processes (wall and CPU seconds, peak RSS of each), with
  compiled modules written and read as an installed package's are;
- warm "who knows X" in this process, opened as a web worker opens it (serving mode: indexes
  warmed when opened): ``--queries`` thread titles of the workspace, after one warm-up query
  (p50 / p95 wall milliseconds, mean CPU milliseconds, peak and current RSS);
- `hidden`, `topic` (each ``--topic``), `gaps` and `network`, each as a fresh process;
- the size of the store and of each index folder.

The machine may be shared: each figure comes with the load average at the time and the CPU
seconds the process itself used, which other jobs do not inflate. ``benchmarks/scale.py`` can
call :func:`measure` on the workspaces it builds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

COLD_QUERIES = ("plutus smart contract validator", "stake pool rewards", "wallet transaction fee")


@dataclass
class Run:
    """One fresh process: what it took."""

    command: str
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    load: float  # one-minute load average when it ended
    ok: bool


@dataclass
class Warm:
    queries: int
    p50_ms: float
    p95_ms: float
    cpu_mean_ms: float
    open_s: float  # opening the workspace's indexes and warming them, as a web worker does
    first_query_ms: float
    peak_rss_mb: float
    rss_mb: float
    anonymous_mb: float  # of rss_mb: the process's own memory
    mapped_files_mb: float  # of rss_mb: index pages, shared with other processes
    load: float


@dataclass
class Report:
    workspace: str
    items: int
    cold_ask: list[Run] = field(default_factory=list)
    warm: Warm | None = None
    insights: list[Run] = field(default_factory=list)
    disk_mb: dict[str, float] = field(default_factory=dict)
    load_before: list[float] = field(default_factory=list)


def load() -> float:
    return round(os.getloadavg()[0], 2)


def fresh(workspace: Path, *args: str) -> Run:
    """``whoknows ARGS`` as a fresh process on ``workspace``, timed (wall, CPU, peak RSS)."""
    command = [sys.executable, "-m", "whoknows.cli", "--quiet", "--workspace", str(workspace)]
    # compiled modules are kept, as an installed package's are (a shell may say otherwise)
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    child = subprocess.Popen(
        [*command, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    assert child.stderr is not None
    child.stderr.close()
    return Run(
        " ".join(args),
        round(wall, 3),
        round(usage.ru_utime + usage.ru_stime, 3),
        round(usage.ru_maxrss / 1024, 1),
        load(),
        os.waitstatus_to_exitcode(status) == 0,
    )


def current_rss_mb(kind: str = "VmRSS") -> float:
    """This process's resident memory now (``RssAnon``: its own; ``RssFile``: pages of mapped
    files, the indexes', shared with every process that maps them)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(kind + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def titles(workspace: Path, count: int) -> list[str]:
    """``count`` titles of thread starters, drawn with a fixed seed (the warm queries)."""
    import sqlite3

    conn = sqlite3.connect(f"file:{workspace / 'whoknows.sqlite3'}?mode=ro", uri=True)
    top = conn.execute("SELECT MAX(id) FROM items").fetchone()[0] or 0
    rng, found = random.Random(14), []
    while len(found) < count and top:
        row = conn.execute(
            "SELECT title FROM items WHERE id >= ? AND title IS NOT NULL LIMIT 1",
            (rng.randint(1, top),),
        ).fetchone()
        if row:
            found.append(str(row[0]))
    conn.close()
    return found


def warm(workspace: Path, count: int) -> Warm:
    from whoknows.services import open_services
    from whoknows.settings import load_settings

    services = open_services(load_settings(environ=dict(os.environ), workspace=workspace))
    services.workspace.serve()  # as the web app's workers: the indexes warmed when opened
    texts = titles(workspace, count + 1)
    started = time.perf_counter()
    services.workspace.evidence()
    opened = time.perf_counter() - started
    started = time.perf_counter()
    services.search.rank(texts[0], k=10)
    first = (time.perf_counter() - started) * 1000
    walls, cpus = [], []
    for text in texts[1:]:
        wall, cpu = time.perf_counter(), time.process_time()
        services.search.rank(text, k=10)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    walls.sort()
    rss = current_rss_mb(), current_rss_mb("RssAnon"), current_rss_mb("RssFile")
    services.close()
    return Warm(
        len(walls),
        round(statistics.median(walls), 1),
        round(walls[min(len(walls) - 1, round(0.95 * (len(walls) - 1)))], 1),
        round(statistics.fmean(cpus), 1),
        round(opened, 3),
        round(first, 1),
        round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        *rss,
        load(),
    )


def disk(workspace: Path) -> dict[str, float]:
    def size(path: Path) -> float:
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        return round(sum(p.stat().st_size for p in files) / 1e6, 1)

    found = {"store": size(workspace / "whoknows.sqlite3")}
    index = workspace / "index"
    if index.is_dir():
        found.update({f"index/{p.name}": size(p) for p in sorted(index.iterdir()) if p.is_dir()})
    found["total"] = size(workspace)
    return found


def measure(workspace: Path, queries: int = 100, topics: tuple[str, ...] = ("plutus",)) -> Report:
    """Every figure of the module docstring, on ``workspace`` (indexes already built)."""
    import sqlite3

    conn = sqlite3.connect(f"file:{workspace / 'whoknows.sqlite3'}?mode=ro", uri=True)
    items = int(conn.execute("SELECT COUNT(*) FROM items").fetchone()[0])
    conn.close()
    report = Report(str(workspace), items, load_before=[round(x, 2) for x in os.getloadavg()])
    # fresh processes first: a child's peak RSS counts what it inherits at the fork
    for warm_up in (("ask", "warm up"), ("hidden", "warm up")):  # untimed: they compile the
        fresh(workspace, *warm_up)  # modules (as an install does) and fill the page cache
    report.cold_ask = [fresh(workspace, "ask", text) for text in COLD_QUERIES]
    for topic in topics:
        report.insights.append(fresh(workspace, "hidden", topic))
        report.insights.append(fresh(workspace, "topic", topic))
    report.insights.append(fresh(workspace, "gaps"))
    report.insights.append(fresh(workspace, "network"))
    report.warm = warm(workspace, queries)
    report.disk_mb = disk(workspace)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workspace", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--topic", action="append", dest="topics")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    topics = tuple(args.topics or ["plutus"])
    report = measure(args.workspace, args.queries, topics)
    text = json.dumps(asdict(report), indent=1)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
