"""Erasure and the audit log (DESIGN.md section 6)."""

from __future__ import annotations

import sqlite3

from whoknows.identity.admin import _person


def audit(
    conn: sqlite3.Connection,
    now: str,
    user_id: int | None,
    username: str | None,
    action: str,
    person_id: int | None = None,
    detail: str | None = None,
) -> None:
    conn.execute(
        "INSERT INTO audit_log(at, user_id, username, action, person_id, detail)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (now, user_id, username, action, person_id, detail),
    )


def erase_person(conn: sqlite3.Connection, person_id: int) -> dict[str, int]:
    """Remove every trace of a person: contributions, the items only they wrote, aliases,
    claims, confirmations, profile texts, recognition, comments by and about them, merge log
    entries and the person; the caller reindexes so index entries go too."""
    _person(conn, person_id)
    counts: dict[str, int] = {}
    emails = [
        row[0]
        for row in conn.execute(
            "SELECT key FROM aliases WHERE person_id = ? AND kind = 'email'", (person_id,)
        )
    ]
    user_ids = [
        row[0] for row in conn.execute("SELECT id FROM users WHERE person_id = ?", (person_id,))
    ]
    sole_items = [
        row[0]
        for row in conn.execute(
            "SELECT item_id FROM contributions GROUP BY item_id"
            " HAVING SUM(person_id != ?) = 0 AND SUM(person_id = ?) > 0",
            (person_id, person_id),
        )
    ]
    counts["comments"] = conn.execute(
        "DELETE FROM comments WHERE (target_type = 'person' AND target_id = ?)"
        f" OR author_user_id IN ({','.join('?' * len(user_ids)) or 'NULL'})"
        f" OR LOWER(author_email) IN ({','.join('?' * len(emails)) or 'NULL'})",
        (person_id, *user_ids, *emails),
    ).rowcount
    conn.execute(
        "DELETE FROM milestones WHERE plan_id IN"
        " (SELECT id FROM coaching_plans WHERE person_id = ?)",
        (person_id,),
    )
    for table in (
        "contributions",
        "claims",
        "confirmations",
        "hidden_topics",
        "profile_texts",
        "recognition",
        "aliases",
        "engagement_people",
        "stakeholders",
        "coaching_plans",
    ):
        counts[table] = conn.execute(
            f"DELETE FROM {table} WHERE person_id = ?", (person_id,)
        ).rowcount
    conn.execute("DELETE FROM confirmations WHERE confirmed_by = ?", (person_id,))
    for start in range(0, len(sole_items), 500):
        batch = sole_items[start : start + 500]
        marks = ",".join("?" * len(batch))
        conn.execute(f"DELETE FROM signals WHERE item_id IN ({marks})", batch)
        conn.execute(f"DELETE FROM contributions WHERE item_id IN ({marks})", batch)
        conn.execute(f"DELETE FROM items WHERE id IN ({marks})", batch)
    counts["items"] = len(sole_items)
    conn.execute(
        "DELETE FROM merges WHERE kept_person = ? OR merged_person = ?", (person_id, person_id)
    )
    conn.execute(
        "UPDATE users SET person_id = NULL, disabled = 1 WHERE person_id = ?", (person_id,)
    )
    conn.execute("UPDATE audit_log SET person_id = NULL WHERE person_id = ?", (person_id,))
    conn.execute("DELETE FROM persons WHERE id = ?", (person_id,))
    return counts
