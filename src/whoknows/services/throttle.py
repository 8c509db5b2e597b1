"""Login throttling: too many failed logins on one username, or from one client address,
within a window lock that key for a while; a locked key is refused before any password is
checked (HTTP 429 with Retry-After on the web), the right password included.

The counts live in the workspace database, so every worker process of `whoknows serve
--workers N` sees the same failures (an attacker gains nothing from being spread over
processes) and a restart forgets nothing. Keys are stored hashed (no username or address in
clear), and failures older than the window are deleted as new ones come in.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass

from whoknows.settings import Settings
from whoknows.store import Store
from whoknows.store.hashing import throttle_digest
from whoknows.store.schema import MigrationSet

THROTTLE = MigrationSet(
    "throttle",
    (
        (
            "0201_login_throttle",
            """
            CREATE TABLE login_failures(key TEXT NOT NULL, at REAL NOT NULL);
            CREATE INDEX login_failures_key ON login_failures(key, at);
            CREATE TABLE login_locks(key TEXT PRIMARY KEY, locked_until REAL NOT NULL)
            """,
        ),
    ),
)


@dataclass(frozen=True)
class Limit:
    failures: int  # this many failures within window_s...
    window_s: float
    lockout_s: float  # ...lock the key this long after the last one


def _hashed(key: str) -> str:
    return throttle_digest(key)


class LoginThrottle:
    def __init__(
        self,
        store: Callable[[], Store],
        per_account: Limit,
        per_address: Limit,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.limits = {"user": per_account, "addr": per_address}
        self.clock = clock

    @classmethod
    def from_settings(cls, settings: Settings, store: Callable[[], Store]) -> LoginThrottle:
        window, lockout = settings.login_window_minutes * 60, settings.login_lockout_minutes * 60
        return cls(
            store,
            Limit(settings.login_failures_per_account, window, lockout),
            Limit(settings.login_failures_per_address, window, lockout),
        )

    @staticmethod
    def keys(username: str, address: str | None) -> list[str]:
        keys = ["user:" + username.strip().casefold()]
        return [*keys, "addr:" + address] if address else keys

    def retry_after(self, keys: list[str]) -> int:
        """Seconds before these keys may try again (0: now)."""
        hashed = [_hashed(key) for key in keys]
        row = (
            self.store()
            .conn.execute(
                "SELECT MAX(locked_until) FROM login_locks"
                f" WHERE key IN ({', '.join('?' * len(hashed))})",
                hashed,
            )
            .fetchone()
        )
        until = row[0] if row and row[0] is not None else 0.0
        return max(0, math.ceil(until - self.clock()))

    def failed(self, keys: list[str]) -> None:
        now = self.clock()
        with self.store().transaction() as conn:
            for key in keys:
                self._count(conn, key, now)

    def _count(self, conn: sqlite3.Connection, key: str, now: float) -> None:
        limit = self.limits[key.split(":", 1)[0]]
        hashed = _hashed(key)
        conn.execute("DELETE FROM login_failures WHERE at < ?", (now - limit.window_s,))
        conn.execute("INSERT INTO login_failures(key, at) VALUES (?, ?)", (hashed, now))
        (count,) = conn.execute(
            "SELECT COUNT(*) FROM login_failures WHERE key = ? AND at >= ?",
            (hashed, now - limit.window_s),
        ).fetchone()
        if count >= limit.failures:
            conn.execute(
                "INSERT INTO login_locks(key, locked_until) VALUES (?, ?) ON CONFLICT(key)"
                " DO UPDATE SET locked_until = MAX(locked_until, excluded.locked_until)",
                (hashed, now + limit.lockout_s),
            )

    def succeeded(self, username: str) -> None:
        """A successful login clears its username's failures (never its address's)."""
        hashed = _hashed(self.keys(username, None)[0])
        seen = "SELECT 1 FROM login_failures WHERE key = ? LIMIT 1"
        if self.store().conn.execute(seen, (hashed,)).fetchone() is None:
            return  # the usual case: no write for a clean login
        with self.store().transaction() as conn:
            conn.execute("DELETE FROM login_failures WHERE key = ?", (hashed,))
            conn.execute("DELETE FROM login_locks WHERE key = ?", (hashed,))
