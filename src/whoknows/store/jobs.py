"""Background jobs: a queue in the store that any worker process may claim from.

A job is claimed with one atomic ``UPDATE ... WHERE state = 'queued'`` inside a write
transaction, so however many processes poll the table, each job runs exactly once.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from enum import StrEnum

from whoknows.store.schema import MigrationSet

JOBS = MigrationSet(
    "jobs",
    (
        (
            "0101_jobs",
            """
            CREATE TABLE jobs(
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,
                params TEXT NOT NULL,          -- JSON: ids only, never a person's name
                state TEXT NOT NULL,           -- queued, running, done, failed
                user_id INTEGER,               -- who asked for it
                username TEXT,
                created_at TEXT NOT NULL,
                started_at TEXT,
                finished_at TEXT,
                worker TEXT,                   -- host:pid of the process that ran it
                result TEXT,
                error TEXT
            );
            CREATE INDEX jobs_state ON jobs(state, id)
            """,
        ),
    ),
)


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    params: dict[str, int | str | None]
    state: JobState
    user_id: int | None
    username: str | None
    created_at: str
    started_at: str | None
    finished_at: str | None
    worker: str | None
    result: str | None
    error: str | None

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)


_COLUMNS = (
    "id, kind, params, state, user_id, username, created_at, started_at, finished_at,"
    " worker, result, error"
)


def _job(row: sqlite3.Row | tuple[object, ...]) -> Job:
    values = list(row)
    values[2] = json.loads(str(values[2]))
    values[3] = JobState(str(values[3]))
    return Job(*values)


def submit(
    conn: sqlite3.Connection,
    kind: str,
    params: dict[str, int | str | None],
    user_id: int | None,
    username: str | None,
    now: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO jobs(kind, params, state, user_id, username, created_at)"
        " VALUES (?, ?, 'queued', ?, ?, ?)",
        (kind, json.dumps(params, sort_keys=True), user_id, username, now),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def claim(conn: sqlite3.Connection, worker: str, now: str) -> Job | None:
    """The oldest queued job, now running on ``worker``; None when the queue is empty.
    Call inside a write transaction: the UPDATE is what makes the claim exclusive."""
    row = conn.execute(
        "UPDATE jobs SET state = 'running', started_at = ?, worker = ?"
        " WHERE id = (SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1)"
        f" AND state = 'queued' RETURNING {_COLUMNS}",
        (now, worker),
    ).fetchone()
    return _job(row) if row else None


def finish(
    conn: sqlite3.Connection, job_id: int, now: str, result: str | None, error: str | None
) -> None:
    state = JobState.FAILED if error is not None else JobState.DONE
    conn.execute(
        "UPDATE jobs SET state = ?, finished_at = ?, result = ?, error = ? WHERE id = ?",
        (state.value, now, result, error, job_id),
    )


def get(conn: sqlite3.Connection, job_id: int) -> Job | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
    return _job(row) if row else None


def recent(conn: sqlite3.Connection, limit: int = 100) -> list[Job]:
    return [
        _job(row)
        for row in conn.execute(f"SELECT {_COLUMNS} FROM jobs ORDER BY id DESC LIMIT ?", (limit,))
    ]


def running_on(conn: sqlite3.Connection, host: str) -> list[Job]:
    """Running jobs claimed by a process of ``host`` (to find those whose process died)."""
    return [
        _job(row)
        for row in conn.execute(
            f"SELECT {_COLUMNS} FROM jobs WHERE state = 'running' AND worker LIKE ?",
            (f"{host}:%",),
        )
    ]


def pending(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM jobs WHERE state = 'queued' LIMIT 1").fetchone() is not None
