"""The audit log: who did what to whom (DESIGN.md section 6)."""

from __future__ import annotations

import sqlite3


def audit(
    conn: sqlite3.Connection,
    now: str,
    user_id: int | None,
    username: str | None,
    action: str,
    person_id: int | None = None,
    detail: str | None = None,
) -> None:
    """Write an entry; an erased person's name or handle typed later (a login attempt with
    their old username) is masked as everywhere else."""
    from whoknows.privacy.tombstones import Tombstones

    stones = Tombstones.load(conn)
    if stones is not None:
        username, detail = stones.mask(username), stones.mask(detail)
    conn.execute(
        "INSERT INTO audit_log(at, user_id, username, action, person_id, detail)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (now, user_id, username, action, person_id, detail),
    )


def forget_in_audit(
    conn: sqlite3.Connection, person_id: int, user_ids: list[int], mark: str
) -> int:
    """Unlink an erased person and their accounts from the audit log; return rows changed.

    Entries stay (that something happened is the point of an audit log) but name nobody:
    their person id and user id are cleared and their username becomes ``mark``.
    """
    changed = conn.execute(
        "UPDATE audit_log SET person_id = NULL WHERE person_id = ?", (person_id,)
    ).rowcount
    for user_id in user_ids:
        changed += conn.execute(
            "UPDATE audit_log SET user_id = NULL, username = ? WHERE user_id = ?",
            (mark, user_id),
        ).rowcount
    return changed
