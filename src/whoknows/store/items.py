"""Items as a whole: what deleting one takes with it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

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


def metas_signalled(conn: sqlite3.Connection, *names: str) -> list[dict[str, object]]:
    """The meta of every item bearing one of these signals (a reply that refutes or confirms
    others: :mod:`whoknows.ingest._refutations`)."""
    return [meta for _, meta in _signalled(conn, names)]


def _signalled(
    conn: sqlite3.Connection, names: Sequence[str]
) -> list[tuple[int, dict[str, object]]]:
    marks = ", ".join("?" * len(names))
    rows = conn.execute(
        "SELECT DISTINCT i.id, i.meta FROM signals s JOIN items i ON i.id = s.item_id"
        f" WHERE s.name IN ({marks}) AND i.meta IS NOT NULL",
        list(names),
    )
    found = [(int(item_id), json.loads(meta)) for item_id, meta in rows]
    return [(item_id, meta) for item_id, meta in found if isinstance(meta, dict)]


def item_uids(conn: sqlite3.Connection, ids: Sequence[int]) -> set[str]:
    """The uids of these stored items."""
    found: set[str] = set()
    for start in range(0, len(ids), BATCH):
        batch = list(ids[start : start + BATCH])
        marks = ",".join("?" * len(batch))
        found.update(
            str(row[0])
            for row in conn.execute(f"SELECT uid FROM items WHERE id IN ({marks})", batch)
        )
    return found


def forget_uids(conn: sqlite3.Connection, uids: set[str], *keys: str) -> None:
    """Take these uids out of the meta lists ``keys`` of the items signalled by those keys
    (an erased reply's uid left in the reply that refuted it: no trace of it stays)."""
    if not uids:
        return
    for item_id, value in _signalled(conn, keys):
        kept = {
            key: [uid for uid in listed if uid not in uids]
            if key in keys and isinstance(listed, list)
            else listed
            for key, listed in value.items()
        }
        if kept != value:
            conn.execute(
                "UPDATE items SET meta = ? WHERE id = ?",
                (json.dumps(kept, ensure_ascii=False), item_id),
            )


def item_ids(conn: sqlite3.Connection, uids: Iterable[str]) -> list[int]:
    """The stored ids of the items of these uids (those not stored passed over)."""
    wanted = list(uids)
    found: list[int] = []
    for start in range(0, len(wanted), BATCH):
        batch = wanted[start : start + BATCH]
        marks = ",".join("?" * len(batch))
        found += [
            row[0] for row in conn.execute(f"SELECT id FROM items WHERE uid IN ({marks})", batch)
        ]
    return sorted(found)


# how many links of a chain of replies naming their parent as their thread are followed
THREAD_LINKS = 32


def join_split_threads(conn: sqlite3.Connection) -> None:
    """Items whose thread is named after an item that belongs to another thread join that
    thread: a mail whose References hold only its parent (some clients write no more) named
    its thread after the parent, so the thread starter's follow-up was read as a new thread
    and counted as knowledge. Parents may arrive in a later ingest; each ingest joins what it
    can."""
    for _ in range(THREAD_LINKS):
        changed = conn.execute(
            "UPDATE items SET thread_uid = (SELECT p.thread_uid FROM items p"
            " WHERE p.uid = items.thread_uid)"
            " WHERE thread_uid IN (SELECT uid FROM items WHERE thread_uid IS NOT NULL"
            "  AND thread_uid != uid AND parent_uid IS NOT NULL)"
            " AND thread_uid != uid"
        ).rowcount
        if not changed:
            return
