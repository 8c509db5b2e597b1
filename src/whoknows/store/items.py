"""Items as a whole: what deleting one takes with it."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

BATCH = 500


def write_signals(
    conn: sqlite3.Connection, item_id: int, signals: dict[str, float], *derived: str
) -> None:
    """Store an item's signals; a ``derived`` one it no longer has is removed."""
    for name in derived:
        if name not in signals:
            conn.execute("DELETE FROM signals WHERE item_id = ? AND name = ?", (item_id, name))
    for name, value in signals.items():
        conn.execute(
            "INSERT INTO signals(item_id, name, value) VALUES (?, ?, ?)"
            " ON CONFLICT(item_id, name) DO UPDATE SET value = excluded.value"
            " WHERE value != excluded.value",
            (item_id, name, float(value)),
        )


def delete_items(conn: sqlite3.Connection, item_ids: Sequence[int]) -> int:
    """Delete these items with their signals and contributions; return how many there were."""
    deleted = 0
    for start in range(0, len(item_ids), BATCH):
        batch = list(item_ids[start : start + BATCH])
        marks = ",".join("?" * len(batch))
        conn.execute(f"DELETE FROM signals WHERE item_id IN ({marks})", batch)
        conn.execute(f"DELETE FROM contributions WHERE item_id IN ({marks})", batch)
        deleted += conn.execute(f"DELETE FROM items WHERE id IN ({marks})", batch).rowcount
    return deleted
