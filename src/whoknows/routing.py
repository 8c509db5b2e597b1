"""Question routing: who agreed to receive routed questions, the log of routed questions and
the outbox of messages waiting for delivery (SQL next to its tables)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from whoknows.store.schema import MigrationSet
from whoknows.vocab import Consent

QUEUED = "queued"
DELIVERED = "delivered"
FAILED = "failed"

ROUTING = MigrationSet(
    "routing",
    (
        (
            "0001_routing",
            """
        CREATE TABLE IF NOT EXISTS routing_consent(
            person_id INTEGER PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,
            consent TEXT NOT NULL CHECK (consent IN ('yes', 'no')),
            at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS routing_log(
            id INTEGER PRIMARY KEY,
            question TEXT NOT NULL,
            person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            channel TEXT NOT NULL,          -- slack, teams, cli
            asker TEXT                      -- the asker's id in that channel, if known
        );
        CREATE INDEX IF NOT EXISTS routing_log_person ON routing_log(person_id, at);
        CREATE TABLE IF NOT EXISTS routing_outbox(
            id INTEGER PRIMARY KEY,
            log_id INTEGER NOT NULL UNIQUE REFERENCES routing_log(id) ON DELETE CASCADE,
            address TEXT,                   -- the person's id in the channel, if known
            text TEXT NOT NULL,
            link TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'delivered', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            error TEXT
        );
        CREATE INDEX IF NOT EXISTS routing_outbox_status ON routing_outbox(status);
        """,
        ),
        (
            "0002_chat_requests",
            """
        CREATE TABLE IF NOT EXISTS chat_requests(
            key TEXT PRIMARY KEY,           -- a hash of the request's signature or activity id
            at REAL NOT NULL
        );
        """,
        ),
    ),
)


@dataclass(frozen=True)
class OutboxRow:
    """One routed question: the log entry and its message."""

    id: int
    question: str
    person_id: int
    name: str
    at: str
    channel: str
    asker: str | None
    address: str | None
    text: str
    link: str
    status: str
    attempts: int
    error: str | None


def first_sight(conn: sqlite3.Connection, key: str, now: float, window_s: float) -> bool:
    """True the first time ``key`` comes within ``window_s``: a chat request seen again (a
    replay of a signed Slack request, a Teams activity delivered twice) is not acted on twice."""
    conn.execute("DELETE FROM chat_requests WHERE at < ?", (now - window_s,))
    cursor = conn.execute("INSERT OR IGNORE INTO chat_requests(key, at) VALUES (?, ?)", (key, now))
    return cursor.rowcount == 1


def set_consent(conn: sqlite3.Connection, person_id: int, consent: Consent, now: str) -> None:
    conn.execute(
        "INSERT INTO routing_consent(person_id, consent, at) VALUES (?, ?, ?)"
        " ON CONFLICT(person_id) DO UPDATE SET consent = excluded.consent, at = excluded.at",
        (person_id, consent.value, now),
    )


def consenting(conn: sqlite3.Connection) -> set[int]:
    """People who said yes and are visible (bots and opted-out people never are)."""
    return {
        row[0]
        for row in conn.execute(
            "SELECT c.person_id FROM routing_consent c"
            " JOIN visible_persons v ON v.id = c.person_id WHERE c.consent = 'yes'"
        )
    }


def consent_of(conn: sqlite3.Connection, person_id: int) -> Consent:
    row = conn.execute(
        "SELECT consent FROM routing_consent WHERE person_id = ?", (person_id,)
    ).fetchone()
    return Consent(row[0]) if row else Consent.PENDING


def routed_since(conn: sqlite3.Connection, person_ids: set[int], since: str) -> dict[int, int]:
    """How many questions each person was routed at or after ``since``."""
    if not person_ids:
        return {}
    marks = ",".join("?" * len(person_ids))
    return {
        row[0]: row[1]
        for row in conn.execute(
            "SELECT person_id, COUNT(*) FROM routing_log"
            f" WHERE at >= ? AND person_id IN ({marks}) GROUP BY person_id",
            (since, *sorted(person_ids)),
        )
    }


def add(
    conn: sqlite3.Connection,
    question: str,
    person_id: int,
    now: str,
    channel: str,
    asker: str | None,
    message: tuple[str | None, str, str],
) -> int:
    """Log a routed question and queue its message (address, text, link); the outbox id."""
    log_id = conn.execute(
        "INSERT INTO routing_log(question, person_id, at, channel, asker) VALUES (?, ?, ?, ?, ?)",
        (question, person_id, now, channel, asker),
    ).lastrowid
    address, text, link = message
    cursor = conn.execute(
        "INSERT INTO routing_outbox(log_id, address, text, link, status, updated_at)"
        " VALUES (?, ?, ?, ?, 'queued', ?)",
        (log_id, address, text, link, now),
    )
    return int(cursor.lastrowid or 0)


def mark(
    conn: sqlite3.Connection, outbox_id: int, status: str, now: str, error: str | None = None
) -> None:
    conn.execute(
        "UPDATE routing_outbox SET status = ?, attempts = attempts + 1, updated_at = ?,"
        " error = ? WHERE id = ?",
        (status, now, error, outbox_id),
    )


def rows(
    conn: sqlite3.Connection, status: str | None = None, ids: list[int] | None = None
) -> list[OutboxRow]:
    """Routed questions, newest first, optionally only those with ``status`` or ``ids``."""
    where: list[str] = []
    args: list[object] = []
    if status is not None:
        where.append("o.status = ?")
        args.append(status)
    if ids is not None:
        where.append(f"o.id IN ({','.join('?' * len(ids)) or 'NULL'})")
        args.extend(ids)
    sql = (
        "SELECT o.id, l.question, l.person_id, p.display_name, l.at, l.channel, l.asker,"
        " o.address, o.text, o.link, o.status, o.attempts, o.error"
        " FROM routing_outbox o JOIN routing_log l ON l.id = o.log_id"
        " JOIN persons p ON p.id = l.person_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY o.id DESC"
    )
    return [OutboxRow(*row) for row in conn.execute(sql, args)]
