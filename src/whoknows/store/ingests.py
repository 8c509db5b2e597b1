"""Ingest bookkeeping: one row per ingest run with its report."""

from __future__ import annotations

import json
import sqlite3

from whoknows.store.db import utc_now
from whoknows.store.writer import IngestReport


def start(conn: sqlite3.Connection, connector: str, path: str, now: str) -> int:
    cursor = conn.execute(
        "INSERT INTO ingests(connector, path, started_at) VALUES (?, ?, ?)",
        (connector, path, now),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


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
