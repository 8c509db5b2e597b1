"""The embedded store: one SQLite database inside the workspace folder."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from whoknows.errors import WorkspaceError
from whoknows.store.schema import EVIDENCE, MigrationSet

DATABASE_NAME = "whoknows.sqlite3"


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")


class Store:
    """Owns the database connection and its concurrency policy.

    Writes happen in :meth:`transaction` (``BEGIN IMMEDIATE``: one writer at a time, readers
    never blocked thanks to WAL); a failure or a kill inside it leaves the database as it was.
    """

    def __init__(
        self,
        workspace: Path,
        create: bool = True,
        migrations: tuple[MigrationSet, ...] = (EVIDENCE,),
    ) -> None:
        self.workspace = workspace
        self.migrations = migrations
        self.path = workspace / DATABASE_NAME
        if not self.path.exists() and not create:
            raise WorkspaceError(
                f"{workspace}: no whoknows workspace here",
                "ingest something first (`whoknows ingest ...`) or run `whoknows demo`",
            )
        try:
            workspace.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(
                self.path, isolation_level=None, timeout=30.0, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as error:
            raise WorkspaceError(f"{workspace}: cannot open the workspace ({error})") from error
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise WorkspaceError(
                f"{self.path}: not a whoknows database ({error})",
                "point --workspace to a whoknows workspace folder",
            ) from error

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations(name TEXT PRIMARY KEY, applied_at TEXT)"
        )
        done = {row[0] for row in self.conn.execute("SELECT name FROM migrations")}
        for name, sql in (step for group in self.migrations for step in group.steps):
            if name in done:
                continue
            with self.transaction():
                for statement in sql.split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute(
                    "INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, utc_now())
                )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def generation(self) -> int:
        """Bumped by every write that changes evidence; indexes record the one they saw."""
        return int(self.get_meta("generation", "0") or 0)

    def bump_generation(self) -> None:
        self.set_meta("generation", str(self.generation() + 1))

    def close(self) -> None:
        self.conn.close()
