"""Kill -9 at random moments of an ingest and of a reindex; after each kill the store passes
`PRAGMA integrity_check`, questions still answer, and finishing the work ends with the same
row counts as work that was never interrupted.

    .venv/bin/python benchmarks/kill_test.py --kills 50 --out benchmarks/results/kill_test.json

The corpus is generated here (JSON lines, long enough to be killed mid-way); embeddings and
training are off so that each run takes seconds (they are written the same atomic way).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ENV = {
    **os.environ,
    "WHOKNOWS_DENSE": "false",
    "WHOKNOWS_LEARN": "false",
    "WHOKNOWS_PROGRESS": "false",
}
TOPICS = ("kubernetes rollout", "kafka consumer lag", "postgres backup", "vault secrets", "edi")


@dataclass
class KillReport:
    stage: str
    kills: int = 0
    killed_mid_way: int = 0
    integrity_ok: int = 0
    answered: int = 0
    same_counts_after_rerun: int = 0
    moments: list[float] = field(default_factory=list)


def write_corpus(path: Path, items: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for n in range(items):
            topic = rng.choice(TOPICS)
            out.write(
                json.dumps(
                    {
                        "id": f"note-{n}",
                        "title": f"Note {n} on {topic}",
                        "text": f"How we handle {topic}: step {n}, "
                        + " ".join(
                            rng.choice(("cluster", "lag", "restore", "token", "carrier"))
                            for _ in range(30)
                        ),
                        "authors": [f"Person {rng.randrange(200)}"],
                        "date": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
                    }
                )
                + "\n"
            )


def whoknows(workspace: Path, *args: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "whoknows.cli", "--quiet", "--workspace", str(workspace)]
    return subprocess.Popen(
        [*command, *args], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def run(workspace: Path, *args: str) -> float:
    started = time.monotonic()
    code = whoknows(workspace, *args).wait()
    if code != 0:
        raise SystemExit(f"whoknows {' '.join(args)} failed with {code}")
    return time.monotonic() - started


def counts(workspace: Path) -> dict[str, int]:
    with sqlite3.connect(workspace / "whoknows.sqlite3") as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    found.pop("ingests", None)  # the log of runs: one row per run, killed or not
    return found


def integrity(workspace: Path) -> bool:
    with sqlite3.connect(workspace / "whoknows.sqlite3") as conn:
        return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")


def answers(workspace: Path) -> bool:
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "whoknows.cli",
            "--quiet",
            "--workspace",
            str(workspace),
            "ask",
            "kafka consumer lag",
            "--json",
        ],
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    return process.returncode == 0 and json.loads(process.stdout)["query"] == "kafka consumer lag"


def kill_at(workspace: Path, moment: float, *args: str) -> bool:
    """Start ``args``, kill -9 it after ``moment`` seconds; True if it was still running."""
    process = whoknows(workspace, *args)
    time.sleep(moment)
    running = process.poll() is None
    if running:
        process.send_signal(signal.SIGKILL)
    process.wait()
    return running


def trial(
    report: KillReport,
    workspace: Path,
    moment: float,
    args: tuple[str, ...],
    rerun: tuple[str, ...],
    expected: dict[str, int],
) -> None:
    report.kills += 1
    report.moments.append(round(moment, 3))
    report.killed_mid_way += kill_at(workspace, moment, *args)
    report.integrity_ok += integrity(workspace)
    report.answered += answers(workspace)
    run(workspace, *rerun)
    report.same_counts_after_rerun += counts(workspace) == expected


def main(kills: int, items: int, seed: int) -> list[KillReport]:
    """The ingest killed is an incremental one (a larger export into a workspace that holds
    the first half), so questions have something to answer after each kill."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        first, full = root / "first.jsonl", root / "full.jsonl"
        write_corpus(first, items // 2)
        write_corpus(full, items)
        base = root / "base"
        run(base, "ingest", "jsonl", str(first))
        clean = root / "clean"
        shutil.copytree(base, clean)
        ingest_seconds = run(clean, "ingest", "jsonl", str(full))
        expected = counts(clean)
        reindex_seconds = run(clean, "reindex")
        reports = [KillReport("ingest"), KillReport("reindex")]
        ingest = ("ingest", "jsonl", str(full))
        for number in range(kills):
            workspace = root / f"ingest-{number}"
            shutil.copytree(base, workspace)
            moment = rng.uniform(0.2, ingest_seconds)
            trial(reports[0], workspace, moment, ingest, ingest, expected)
            shutil.rmtree(workspace)
        for _ in range(kills):
            moment = rng.uniform(0.2, reindex_seconds)
            trial(reports[1], clean, moment, ("reindex",), ("reindex",), expected)
        return reports


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50, help="kills per stage")
    parser.add_argument("--items", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path)
    options = parser.parse_args()
    found = main(options.kills, options.items, options.seed)
    for report in found:
        print(
            f"{report.stage}: {report.kills} kills ({report.killed_mid_way} mid-way),"
            f" integrity ok {report.integrity_ok}, answered {report.answered},"
            f" same counts after rerun {report.same_counts_after_rerun}"
        )
    if options.out:
        options.out.write_text(json.dumps([asdict(r) for r in found], indent=2) + "\n")
    sys.exit(
        0
        if all(r.integrity_ok == r.answered == r.same_counts_after_rerun == r.kills for r in found)
        else 1
    )
