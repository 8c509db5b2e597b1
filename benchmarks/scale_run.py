"""The measured steps of the scale benchmark: each a fresh ``whoknows`` process (wall time,
peak RSS from ``wait4``, the load average before and after)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
WARM_QUERIES = 100
_WARM = """
import json, sys, time
from pathlib import Path
from whoknows.services import open_services
from whoknows.settings import load_settings
services = open_services(load_settings(workspace=Path(sys.argv[1])))
queries = json.loads(sys.argv[2])
services.search.ask(queries[0], k=10)
times = []
for text in queries[1:]:
    began = time.perf_counter()
    services.search.ask(text, k=10)
    times.append((time.perf_counter() - began) * 1000)
print(json.dumps(times))
"""


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(child) for child in task.read_text().split()]
            except OSError:
                continue
    return found


def _pss(pid: int) -> int:
    """Proportional set size (bytes): shared pages split among the processes sharing them."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


class TreeMemory:
    """Samples the memory of a process and its children (forked workers) twice a second."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stopped.wait(0.5):
            total = sum(_pss(pid) for pid in _descendants(self.pid))
            self.peak = max(self.peak, total)

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()


class Step:
    """Runs commands on one workspace and keeps what each cost."""

    def __init__(self, workspace: Path, log: Callable[[str], None]) -> None:
        self.workspace = workspace
        self.log = log
        self.records: list[dict[str, object]] = []

    def run(self, name: str, command: list[str]) -> tuple[str, dict[str, object]]:
        """Run ``command`` (a Python module and its arguments); its stdout and its costs."""
        environment = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "WHOKNOWS_LANG": "en"}
        load = _load()
        self.log(f"  {name} ...")
        began = time.perf_counter()
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            process = subprocess.Popen([PYTHON, *command], stdout=out, stderr=err, env=environment)
            sampler = TreeMemory(process.pid)
            _, status, usage = os.wait4(process.pid, 0)
            sampler.stop()
            process.returncode = code = os.waitstatus_to_exitcode(status)
            wall = time.perf_counter() - began
            out.seek(0)
            err.seek(0)
            output, errors = out.read().decode(), err.read().decode()
        if code:
            raise SystemExit(f"{name} failed ({code}): {errors[-2000:]}")
        record: dict[str, object] = {
            "step": name,
            "seconds": round(wall, 2),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024),
            "peak_tree_pss_mb": round(sampler.peak / 1e6),
            "load_before": load,
            "load_after": _load(),
        }
        self.records.append(record)
        self.log(f"  {name}: {record}")
        return output, record

    def whoknows(self, name: str, *args: str) -> tuple[str, dict[str, object]]:
        return self.run(
            name, ["-m", "whoknows.cli", "--quiet", "--workspace", str(self.workspace), *args]
        )


def _disk(workspace: Path) -> dict[str, float]:
    parts = {"workspace_mb": folder_size(workspace) / 1e6}
    for path in sorted(workspace.glob("whoknows.sqlite3*")):
        parts[path.name.replace("whoknows.sqlite3", "database") + "_mb"] = path.stat().st_size / 1e6
    index = workspace / "index"
    if index.is_dir():
        for folder in sorted(p for p in index.iterdir() if p.is_dir()):
            parts[f"index_{folder.name}_mb"] = folder_size(folder) / 1e6
    return {key: round(value, 1) for key, value in parts.items()}


def _meta(workspace: Path, index: str) -> dict[str, object]:
    path = workspace / "index" / index / "meta.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def ingest_flow(step: Step, data: Path, manifest: dict[str, object]) -> dict[str, object]:
    """Every source stored, one reindex (the full pipeline), then 1% new items."""
    stages: dict[str, float] = {}
    records = []
    for source in manifest["sources"]:  # type: ignore[attr-defined]
        connector, path = source["connector"], data / source["path"]
        out, record = step.whoknows(
            f"ingest {connector}", "ingest", connector, str(path), "--no-index", "--json"
        )
        report = json.loads(out)
        stages[f"store_{connector}"] = round(report["seconds"], 1)
        record["items"] = report["items_added"]
        records.append(record)
    out, record = step.whoknows("reindex", "reindex", "--json")
    records.append(record)
    stats = json.loads(out)
    for key in ("lexical_seconds", "columns_seconds", "dense_seconds", "learn_seconds"):
        stages[key.replace("_seconds", "")] = stats.get(key)
    total = sum(float(str(r["seconds"])) for r in records)
    return {
        "full_pipeline_seconds": round(total, 1),
        "full_pipeline_cpu_seconds": round(sum(float(str(r["cpu_seconds"])) for r in records)),
        "items_per_second": round(int(str(manifest["items"])) / total),
        "stages_seconds": stages,
        "full_pipeline_peak_rss_mb": max(int(str(r["peak_rss_mb"])) for r in records),
        "full_pipeline_peak_tree_pss_mb": max(int(str(r["peak_tree_pss_mb"])) for r in records),
        "model": {k: stats.get("model", {}).get(k) for k in ("use_model", "usable_queries")},
        "disk": _disk(step.workspace),
        "load_during_full": [r["load_before"] for r in records],
    }


def new_items_flow(step: Step, data: Path, manifest: dict[str, object]) -> dict[str, object]:
    """An ingest of 1% new items into the built workspace (indexes updated, not rebuilt)."""
    later: dict[str, str] = manifest["later"]  # type: ignore[assignment]
    out, record = step.whoknows(
        "ingest 1% new", "ingest", later["connector"], str(data / later["path"]), "--json"
    )
    model = _meta(step.workspace, "model")
    return {
        "new_1pct": {
            "items": json.loads(out)["items_added"],
            "seconds": record["seconds"],
            "cpu_seconds": record["cpu_seconds"],
            "peak_rss_mb": record["peak_rss_mb"],
            "peak_tree_pss_mb": record["peak_tree_pss_mb"],
            "retrained": "kept_from_generation" not in model,
            "embedded": _meta(step.workspace, "dense").get("embedded_now"),
            "tokenized": _meta(step.workspace, "lexical").get("tokenized_now"),
            "load": record["load_before"],
        },
        "disk_after_new": _disk(step.workspace),
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


def query_flow(step: Step, manifest: dict[str, object]) -> dict[str, object]:
    """Cold ``ask`` (fresh processes), warm latency (one process), the insight commands."""
    queries: list[str] = manifest["queries"]  # type: ignore[assignment]
    cold = [
        float(str(step.whoknows("cold ask", "ask", text, "--k", "10")[1]["seconds"]))
        for text in queries[:3]
    ]
    out, record = step.run(
        "warm queries", ["-c", _WARM, str(step.workspace), json.dumps(queries[: WARM_QUERIES + 1])]
    )
    warm = json.loads(out)
    topic = manifest["topics_asked"][0]  # type: ignore[index]
    insights = {}
    for name, args in (("hidden", [topic]), ("topic", [topic]), ("gaps", []), ("network", [])):
        insights[name] = step.whoknows(name, name, *args)[1]["seconds"]
    return {
        "cold_ask_seconds": cold,
        "cold_ask_median_seconds": statistics.median(cold),
        "warm_p50_ms": _percentile(warm, 0.5),
        "warm_p95_ms": _percentile(warm, 0.95),
        "warm_process_rss_mb": record["peak_rss_mb"],
        "insight_seconds": insights,
    }
