"""Load benchmark: the web app under concurrent users, a password guesser and a reindex.

    PYTHONPATH=src .venv/bin/python benchmarks/load.py [--workers 2] [--clients 16]
        [--seconds 60] [--workspace DIR] [--out benchmarks/results/load.json]

Builds (or reuses) a workspace from ../shared/bench/se-cardano/corpus (skipped when absent),
starts `whoknows serve` on 127.0.0.1 in a subprocess, then runs ``--clients`` logged-in users
for ``--seconds`` mixing the search page, portfolios and the JSON API, while ``--guessers``
clients post wrong passwords and an admin starts reindex jobs one after another. Reports
requests/s, p50/p95/p99 latency and errors per kind, the load average around the run and
the seconds a fixed Python loop took before it (the machine's speed, which drifts).
Traffic goes only to 127.0.0.1 and stops after ``--seconds`` or ``--max-requests``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from lean_http import ClientError, LeanClient

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the repository (a worktree sits one folder deeper)
BENCH = next(
    (
        folder / "shared" / "bench" / "se-cardano"
        for folder in (ROOT.parent, ROOT.parent.parent)
        if (folder / "shared" / "bench" / "se-cardano").is_dir()
    ),
    ROOT.parent / "shared" / "bench" / "se-cardano",
)
PASSWORD = "load-bench-password"
TARGET_P95_SEARCH_MS = 300.0
MIX = (("search", 0.5), ("portfolio", 0.25), ("api", 0.25))


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    requests: int = 0

    def add(self, kind: str, seconds: float, error: str | None = None) -> None:
        self.requests += 1
        self.latencies.setdefault(kind, []).append(seconds * 1000)
        if error:
            self.errors.setdefault(kind, []).append(error)


def machine_speed() -> float:
    """Seconds for a fixed pure-Python loop (best of three), taken before the run: the same
    code's latencies scale with it, so runs on different machines (or on one machine whose
    speed drifts) can be compared."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for step in range(3_000_000):
            total += step
        best = min(best, time.perf_counter() - started)
    return round(best, 3)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if values else 0.0


def whoknows(workspace: Path, env: dict[str, str], *args: str) -> None:
    command = [sys.executable, "-m", "whoknows.cli", "--workspace", str(workspace), *args]
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)


def prepare(workspace: Path, corpus: Path, env: dict[str, str]) -> None:
    """Ingest the corpus (once) and make the bench accounts."""
    if not (workspace / "whoknows.sqlite3").exists():
        whoknows(workspace, env, "ingest", "stackexchange", str(corpus))
    conn = sqlite3.connect(workspace / "whoknows.sqlite3")
    users = {row[0] for row in conn.execute("SELECT username FROM users")}
    # lockouts persist in the workspace: a previous run's guessers locked this address
    for table in ("login_failures", "login_locks"):
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone():
            conn.execute(f"DELETE FROM {table}")
    conn.commit()
    conn.close()
    for name, role in (("bench-admin", "admin"), ("bench-user", "consultant")):
        if name not in users:
            whoknows(
                workspace,
                {**env, "WHOKNOWS_PASSWORD": PASSWORD},
                "users",
                "add",
                name,
                "--role",
                role,
            )


def sample(workspace: Path, queries: Path) -> tuple[list[str], list[int]]:
    texts = [
        " ".join(line.split("\t", 1)[1].split()[:10])
        for line in queries.read_text(encoding="utf-8").splitlines()
        if "\t" in line
    ]
    conn = sqlite3.connect(f"file:{workspace / 'whoknows.sqlite3'}?mode=ro", uri=True)
    # every question title of the corpus too: searches rarely repeat, so caches do not flatter
    texts += [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT title FROM items WHERE title IS NOT NULL AND title != ''"
        )
    ]
    people = [
        row[0]
        for row in conn.execute(
            "SELECT p.id FROM visible_persons p JOIN contributions c ON c.person_id = p.id"
            " GROUP BY p.id ORDER BY COUNT(*) DESC LIMIT 300"
        )
    ]
    conn.close()
    return texts, people


def start_server(
    workspace: Path, env: dict[str, str], port: int, workers: int
) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "whoknows.cli",
        "--workspace",
        str(workspace),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--insecure-cookies",
        *(["--workers", str(workers)] if workers > 1 else []),  # older versions: one process
    ]
    return subprocess.Popen(
        command, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def server_cpu_seconds(group: int) -> float:
    """User + system CPU time of every live process in the server's process group."""
    total = 0
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # pgrp
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # the group this script started
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


async def wait_until_up(base: str, server: subprocess.Popen[bytes], limit: float) -> None:
    deadline = time.monotonic() + limit
    async with httpx.AsyncClient(base_url=base) as http:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise SystemExit(f"the server stopped: {server.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                if (await http.get("/login")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.5)
    raise SystemExit("the server did not answer in time")


def csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    return found.group(1) if found else ""


async def login(http: LeanClient, username: str, password: str) -> int:
    page = await http.get("/login")
    response = await http.post(
        "/login",
        {"csrf": csrf(page.text), "username": username, "password": password, "next": "/"},
    )
    return response.status


async def user(
    port: int, texts: list[str], people: list[int], until: float, tally: Tally, cap: int, seed: int
) -> None:
    chooser = random.Random(seed)
    http = LeanClient("127.0.0.1", port)
    assert await login(http, "bench-user", PASSWORD) == 200
    while time.monotonic() < until and tally.requests < cap:
        kind = chooser.choices([k for k, _ in MIX], [w for _, w in MIX])[0]
        if kind == "search":
            request = http.get("/", {"q": chooser.choice(texts)})
        elif kind == "portfolio":
            request = http.get(f"/people/{chooser.choice(people)}")
        else:
            request = http.get("/api/ask", {"q": chooser.choice(texts), "k": 10})
        began = time.monotonic()
        try:
            response = await request
            error = None if response.status == 200 else f"HTTP {response.status}"
        except (ClientError, TimeoutError) as failure:
            error = type(failure).__name__
        tally.add(kind, time.monotonic() - began, error)
    await http.close()


async def guesser(port: int, until: float, tally: Tally, cap: int) -> None:
    http = LeanClient("127.0.0.1", port)
    while time.monotonic() < until and tally.requests < cap:
        began = time.monotonic()
        try:
            status = await login(http, "bench-victim", "wrong-password")
            error = None if status in (401, 429) else f"HTTP {status}"
        except (ClientError, TimeoutError) as failure:
            error = type(failure).__name__
        tally.add("wrong_password", time.monotonic() - began, error)
    await http.close()


async def reindexer(port: int, until: float, delay: float, jobs: list[dict[str, object]]) -> None:
    http = LeanClient("127.0.0.1", port)
    assert await login(http, "bench-admin", PASSWORD) == 200
    await asyncio.sleep(delay)
    while time.monotonic() < until - 1:
        page = await http.get("/jobs")
        started = await http.post("/jobs/reindex", {"csrf": csrf(page.text)})
        job_id = int(started.path.split("?", 1)[0].rstrip("/").rsplit("/", 1)[1])
        began = time.monotonic()
        while True:  # for its duration, past the end of the traffic if need be
            job = (await http.get(f"/api/jobs/{job_id}")).json()
            assert isinstance(job, dict)
            if job["state"] in ("done", "failed") or time.monotonic() > until + 600:
                break
            await asyncio.sleep(0.5)
        jobs.append(
            {
                "state": job["state"],
                "seconds": round(time.monotonic() - began, 2),
                "result": job["result"] or job["error"],
            }
        )
    await http.close()


def summary(tally: Tally, seconds: float) -> dict[str, object]:
    kinds: dict[str, object] = {}
    for kind, values in sorted(tally.latencies.items()):
        kinds[kind] = {
            "requests": len(values),
            "per_second": round(len(values) / seconds, 2),
            "p50_ms": round(percentile(values, 0.5), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
            "p99_ms": round(percentile(values, 0.99), 1),
            "errors": len(tally.errors.get(kind, [])),
            "error_examples": sorted(set(tally.errors.get(kind, [])))[:3],
        }
    return kinds


async def run(args: argparse.Namespace, texts: list[str], people: list[int]) -> dict[str, object]:
    tally = Tally()
    jobs: list[dict[str, object]] = []
    began = time.monotonic()
    until = began + args.seconds
    tasks = [
        user(args.port, texts, people, until, tally, args.max_requests, n)
        for n in range(args.clients)
    ]
    tasks += [guesser(args.port, until, tally, args.max_requests) for _ in range(args.guessers)]
    background = None
    if args.reindex:
        background = asyncio.ensure_future(
            reindexer(args.port, until, min(10.0, args.seconds / 6), jobs)
        )
    await asyncio.gather(*tasks)
    elapsed = time.monotonic() - began  # the traffic's window: rates are over it
    if background is not None:
        await background
    kinds = summary(tally, elapsed)
    search_p95 = percentile(tally.latencies.get("search", []), 0.95) or float("inf")
    errors = sum(len(v) for v in tally.errors.values())
    return {
        "seconds": round(elapsed, 1),
        "requests": tally.requests,
        "kinds": kinds,
        "reindex_jobs": jobs,
        "errors": errors,
        "targets_met": errors == 0 and search_p95 <= TARGET_P95_SEARCH_MS,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--bench", type=Path, default=BENCH)
    parser.add_argument("--workspace", type=Path, default=Path("/tmp/whoknows-load-bench"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--guessers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--fast", action="store_true", help="no embeddings, no learned ranker")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the whoknows to serve")
    parser.add_argument(
        "--no-reindex", dest="reindex", action="store_false", help="no reindex in the background"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "load.json")
    args = parser.parse_args()
    if not (args.bench / "corpus").is_dir():
        print(f"skipped: {args.bench / 'corpus'} not found", file=sys.stderr)
        return 0
    env = {**os.environ, "PYTHONPATH": str(args.src), "WHOKNOWS_PROGRESS": "false"}
    if args.fast:
        env.update(WHOKNOWS_DENSE="false", WHOKNOWS_LEARN="false")
    prepare(args.workspace, args.bench / "corpus", env)
    texts, people = sample(args.workspace, args.bench / "queries.tsv")
    load_before = os.getloadavg()
    loop_seconds = machine_speed()
    server = start_server(args.workspace, env, args.port, args.workers)
    try:
        asyncio.run(wait_until_up(f"http://127.0.0.1:{args.port}", server, 300))
        server_cpu, client_cpu = server_cpu_seconds(server.pid), time.process_time()
        results = asyncio.run(run(args, texts, people))
        server_cpu = server_cpu_seconds(server.pid) - server_cpu
        client_cpu = time.process_time() - client_cpu
    finally:
        stop_server(server)
    requests = int(results["requests"])  # type: ignore[call-overload]
    results.update(
        server_cpu_seconds=round(server_cpu, 1),
        server_cpu_ms_per_request=round(1000 * server_cpu / max(requests, 1), 1),
        client_cpu_seconds=round(client_cpu, 1),
        machine=platform.platform(),
        machine_loop_seconds=loop_seconds,
        cpus=os.cpu_count(),
        workers=args.workers,
        clients=args.clients,
        guessers=args.guessers,
        reindex=args.reindex,
        pipeline="fast" if args.fast else "default",
        load_average_before=[round(x, 2) for x in load_before],
        load_average_after=[round(x, 2) for x in os.getloadavg()],
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
