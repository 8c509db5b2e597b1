"""The embedded store: one SQLite database inside the workspace folder."""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from whoknows.errors import WorkspaceError
from whoknows.i18n import N_
from whoknows.store.schema import EVIDENCE, MigrationSet
from whoknows.text import fold_accents

DATABASE_NAME = "whoknows.sqlite3"
BUSY_TIMEOUT_S = 30.0  # how long a writer waits for another process's write to finish
# the write-ahead log is cut back to this after a checkpoint (an ingest of a million items
# writes a log of hundreds of megabytes in one transaction: it would stay that large)
WAL_KEPT_BYTES = 32 * 1024 * 1024


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def names_order(first: str, second: str) -> int:
    """People's names in alphabetical order, accents and case aside ("Élodie" before "Tom"; as
    `sorted` on :func:`fold_accents` of the lower-cased names, then as written)."""
    a, b = fold_accents(first.casefold()), fold_accents(second.casefold())
    return (a > b) - (a < b) or (first > second) - (first < second)


class _Handle:
    """One thread's connection; dropped (and closed) with the thread's locals."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn


class Store:
    """Owns the database connections and their concurrency policy.

    - Every thread reads through its own connection (:attr:`conn`, opened on first use). WAL
      lets those readers run while a writer writes, in this process and in others.
    - Writes happen in :meth:`transaction`: a process-wide writer lock (one writing thread at a
      time here) and ``BEGIN IMMEDIATE`` (one writing process at a time: SQLite's own lock,
      waited for up to the busy timeout). A failure or a kill inside it leaves the database as
      it was.
    - :meth:`snapshot` gives a thread one consistent view across several reads (index builds).
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
                N_("no whoknows workspace here"),
                N_("ingest something first (`whoknows ingest ...`) or run `whoknows demo`"),
                where=str(workspace),
            )
        self._local = threading.local()
        self._handles: weakref.WeakSet[_Handle] = weakref.WeakSet()
        self._handles_lock = threading.Lock()
        self._writer = threading.RLock()
        self._closed = False
        try:
            workspace.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WorkspaceError(
                N_("cannot open the workspace (%(error)s)"),
                N_("check that the folder can be written"),
                where=str(workspace),
                error=error,
            ) from error
        conn = self.conn
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            self._migrate()
        except sqlite3.DatabaseError as error:
            self.close()
            raise self._not_a_database(error) from error

    # -- connections -----------------------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        """The calling thread's connection (autocommit: each read sees the latest commit)."""
        handle: _Handle | None = getattr(self._local, "handle", None)
        if handle is None:
            handle = _Handle(self._connect())
            self._local.handle = handle
            with self._handles_lock:
                self._handles.add(handle)
        return handle.conn

    def _connect(self) -> sqlite3.Connection:
        if self._closed:
            raise WorkspaceError(
                N_("the workspace is closed"),
                N_("open it again (restart the command)"),
                where=str(self.workspace),
            )
        try:
            conn = sqlite3.connect(
                self.path,
                isolation_level=None,
                timeout=BUSY_TIMEOUT_S,
                check_same_thread=False,  # only so that close() may close it from any thread
            )
        except (OSError, sqlite3.Error) as error:
            raise WorkspaceError(
                N_("cannot open the workspace (%(error)s)"),
                N_("check that the folder can be written"),
                where=str(self.workspace),
                error=error,
            ) from error
        conn.row_factory = sqlite3.Row
        conn.create_collation("NAMES", names_order)
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(f"PRAGMA journal_size_limit={WAL_KEPT_BYTES}")
        except sqlite3.DatabaseError as error:
            conn.close()
            raise self._not_a_database(error) from error
        return conn

    def _not_a_database(self, error: sqlite3.DatabaseError) -> WorkspaceError:
        return WorkspaceError(
            N_("not a whoknows database (%(error)s)"),
            N_("point --workspace to a whoknows workspace folder"),
            where=str(self.path),
            error=error,
        )

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations(name TEXT PRIMARY KEY, applied_at TEXT)"
        )
        done = {row[0] for row in self.conn.execute("SELECT name FROM migrations")}
        for name, sql in (step for group in self.migrations for step in group.steps):
            if name in done:
                continue
            with self.transaction() as conn:
                if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                    continue  # another process applied it while we waited
                if callable(sql):
                    sql(conn)
                else:
                    for statement in sql.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                conn.execute(
                    "INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, utc_now())
                )

    # -- transactions ----------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write: the writer lock here, ``BEGIN IMMEDIATE`` across processes."""
        with self._writer:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            with _committed(conn):
                yield conn

    @contextmanager
    def write_if_free(self) -> Iterator[sqlite3.Connection | None]:
        """:meth:`transaction` if no other writer holds the store now, else None at once: for
        a write that may wait for a later chance (a session's last-request time), made where
        waiting would hold up the readers queued behind it."""
        if not self._writer.acquire(blocking=False):
            yield None
            return
        try:
            conn = self.conn
            conn.execute("PRAGMA busy_timeout = 0")
            try:
                conn.execute("BEGIN IMMEDIATE")
                began = True
            except sqlite3.OperationalError:  # another process writes (or a transaction is open)
                began = False
            finally:
                conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            if not began:
                yield None
                return
            with _committed(conn):
                yield conn
        finally:
            self._writer.release()

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Several reads that see one state of the database (a WAL read transaction);
        writers go on meanwhile. Nothing may be written inside it."""
        conn = self.conn
        conn.execute("BEGIN DEFERRED")
        try:
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # start the read now
            yield conn
        finally:
            conn.execute("ROLLBACK")

    # -- meta ------------------------------------------------------------------------------
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
        """Close every thread's connection (the store cannot be used afterwards)."""
        self._closed = True
        with self._handles_lock:
            handles = list(self._handles)
        for handle in handles:
            handle.conn.close()
        self._local = threading.local()


@contextmanager
def _committed(conn: sqlite3.Connection) -> Iterator[None]:
    """The open transaction committed at the end of the block, rolled back if it raises."""
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
