"""Ingest bookkeeping: one row per ingest run with its report."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from whoknows.errors import InputError
from whoknows.i18n import Message
from whoknows.store.db import utc_now


@dataclass
class IngestReport:
    connector: str
    path: str
    items_added: int = 0
    items_updated: int = 0
    items_unchanged: int = 0
    people_added: int = 0
    aliases_added: int = 0
    merges: int = 0
    profiles: int = 0
    changed_rows: int = 0
    seconds: float = 0.0
    options: dict[str, str] = field(default_factory=dict)  # the connector's, as given
    skipped: dict[str, int] = field(default_factory=dict)  # by reason, in English
    notes: dict[str, int] = field(default_factory=dict)  # by remark, in English
    problems: list[str] = field(default_factory=list)  # in English, as stored
    # the same problems, for a reader in another language (not stored)
    errors: list[InputError] = field(default_factory=list, repr=False, compare=False)
    # the message of each English reason and remark, to say it in another language (not stored)
    reasons: dict[str, Message] = field(default_factory=dict, repr=False, compare=False)

    def as_dict(self) -> dict[str, object]:
        hidden = {"errors", "reasons"}
        data = {key: value for key, value in self.__dict__.items() if key not in hidden}
        data["items_per_second"] = self.items_per_second
        return data

    @property
    def items_per_second(self) -> float:
        seen = self.items_added + self.items_updated + self.items_unchanged
        return seen / self.seconds if self.seconds > 0 else 0.0


def start(conn: sqlite3.Connection, connector: str, path: str, now: str) -> int:
    cursor = conn.execute(
        "INSERT INTO ingests(connector, path, started_at) VALUES (?, ?, ?)",
        (connector, path, now),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def last_options(
    conn: sqlite3.Connection, connector: str, paths: list[str]
) -> dict[str, str] | None:
    """The options of the last finished ingest of ``connector`` from one of ``paths`` (the
    same source, written as given or resolved); None when there was none, or it kept none
    (an ingest of an earlier version)."""
    marks = ",".join("?" * len(paths))
    row = conn.execute(
        f"SELECT report FROM ingests WHERE connector = ? AND path IN ({marks})"
        " AND finished_at IS NOT NULL AND report IS NOT NULL ORDER BY id DESC LIMIT 1",
        (connector, *paths),
    ).fetchone()
    options = json.loads(row[0]).get("options") if row is not None else None
    return {str(k): str(v) for k, v in options.items()} if isinstance(options, dict) else None


def finish(conn: sqlite3.Connection, ingest_id: int, report: IngestReport) -> None:
    conn.execute(
        "UPDATE ingests SET finished_at=?, items_added=?, items_updated=?,"
        " people_added=?, aliases_added=?, merges=?, report=? WHERE id=?",
        (
            utc_now(),
            report.items_added,
            report.items_updated,
            report.people_added,
            report.aliases_added,
            report.merges,
            json.dumps(report.as_dict()),
            ingest_id,
        ),
    )
