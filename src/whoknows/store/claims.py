"""SQL of declared skills, confirmations, topics a person hides, and item links."""

from __future__ import annotations

import sqlite3

from whoknows.store.db import utc_now


def add_claim(conn: sqlite3.Connection, person_id: int, skill: str, source: str) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO claims(person_id, skill, source, created_at) VALUES (?, ?, ?, ?)",
        (person_id, skill, source, utc_now()),
    )


def confirm(conn: sqlite3.Connection, person_id: int, skill: str, by: int | None) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO confirmations(person_id, skill, confirmed_by, at)"
        " VALUES (?, ?, ?, ?)",
        (person_id, skill, by, utc_now()),
    )


def hide_topic(conn: sqlite3.Connection, person_id: int, topic: str) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO hidden_topics(person_id, topic, at) VALUES (?, ?, ?)",
        (person_id, topic, utc_now()),
    )


def unhide_topic(conn: sqlite3.Connection, person_id: int, topic: str) -> None:
    conn.execute("DELETE FROM hidden_topics WHERE person_id = ? AND topic = ?", (person_id, topic))


def hidden_topics(conn: sqlite3.Connection, person_id: int) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT topic FROM hidden_topics WHERE person_id = ? ORDER BY topic", (person_id,)
        )
    ]


# an item's title as shown: its first words where it has none (a reply whose thread an erased
# person began keeps no title; a chat message never had one)
SHOWN_TITLE = "COALESCE(title, substr(text, 1, 80))"


def item_rows(
    conn: sqlite3.Connection, item_ids: list[int]
) -> dict[int, tuple[str | None, str | None, str | None, str, str]]:
    """Item id -> (title as shown, url, date, source, kind)."""
    found: dict[int, tuple[str | None, str | None, str | None, str, str]] = {}
    for start in range(0, len(item_ids), 500):
        batch = item_ids[start : start + 500]
        marks = ",".join("?" * len(batch))
        for row in conn.execute(
            f"SELECT id, {SHOWN_TITLE}, url, date, source, kind FROM items WHERE id IN ({marks})",
            batch,
        ):
            found[row[0]] = (row[1], row[2], row[3], row[4], row[5])
    return found
