"""Server-side web sessions: the cookie holds a random session id, the store keeps only its
SHA-256 with the user, when it was created and last used and when it expires. Logging out
deletes the row; a password change, a disabled or deleted account deletes all of the user's
rows, so a captured cookie stops working at once."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from datetime import UTC, datetime, timedelta

SESSIONS_STEP = (
    "0004_sessions",
    """
    CREATE TABLE IF NOT EXISTS sessions(
        id_hash TEXT PRIMARY KEY,       -- SHA-256 of the session id the cookie holds
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        expires_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
    """,
)
TOUCH_SECONDS = 60  # last_seen is written at most this often per session
_FORMAT = "%Y-%m-%dT%H:%M:%S"


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8", "replace")).hexdigest()


def _text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(_FORMAT)


def _moment(text: str) -> datetime:
    return datetime.strptime(text, _FORMAT).replace(tzinfo=UTC)


def open_session(conn: sqlite3.Connection, user_id: int, now: datetime, hours: float) -> str:
    """A new session for ``user_id``: the id to put in the cookie (never stored as is)."""
    session_id = secrets.token_urlsafe(32)
    conn.execute("DELETE FROM sessions WHERE expires_at <= ?", (_text(now),))
    conn.execute(
        "INSERT INTO sessions(id_hash, user_id, created_at, last_seen, expires_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (_hash(session_id), user_id, _text(now), _text(now), _text(now + timedelta(hours=hours))),
    )
    return session_id


def session_user(
    conn: sqlite3.Connection, session_id: str, now: datetime, idle_minutes: float
) -> tuple[int, bool] | None:
    """(user id, whether last_seen should be written) of a live session, or None when the
    session is unknown, revoked, expired, idle too long or its account is disabled."""
    row = conn.execute(
        "SELECT s.user_id, s.last_seen, s.expires_at FROM sessions s"
        " JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND u.disabled = 0",
        (_hash(session_id),),
    ).fetchone()
    if row is None:
        return None
    last_seen = _moment(row[1])
    if _moment(row[2]) <= now or now - last_seen > timedelta(minutes=idle_minutes):
        return None
    return int(row[0]), (now - last_seen).total_seconds() >= TOUCH_SECONDS


def touch(conn: sqlite3.Connection, session_id: str, now: datetime) -> None:
    conn.execute(
        "UPDATE sessions SET last_seen = ? WHERE id_hash = ?", (_text(now), _hash(session_id))
    )


def close_session(conn: sqlite3.Connection, session_id: str) -> None:
    conn.execute("DELETE FROM sessions WHERE id_hash = ?", (_hash(session_id),))


def revoke_user(conn: sqlite3.Connection, user_id: int) -> int:
    """End every session of ``user_id``; how many there were."""
    return conn.execute("DELETE FROM sessions WHERE user_id = ?", (user_id,)).rowcount


def live_sessions(conn: sqlite3.Connection, user_id: int, now: datetime) -> int:
    row = conn.execute(
        "SELECT COUNT(*) FROM sessions WHERE user_id = ? AND expires_at > ?",
        (user_id, _text(now)),
    ).fetchone()
    return int(row[0])
