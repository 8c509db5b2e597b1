"""A mailbox named after a department of the directory is a team's, not a person's.

An aerospace firm's design office and quality department wrote from `bureau-etudes@…` ("Bureau
d'études") and `qualite@…` ("Service Qualité"): no directory entry, and no word of the role
mailboxes' list (:func:`whoknows.bots.group_mailbox`) names them, so each was a person, listed
in thirteen of thirty answers (a fresh evaluator's). The directory names its departments:
once an ingest is written (:func:`mark_team_mailboxes`, so in either order of ingest), a
person the directory does not list, whose address before the "@" or whose name is one of its
departments' names ("Service", "Pôle", "Équipe", "Team" before it, "de", "d'", "the" inside
it aside), is a service account, never listed. A colleague named like a department is no
such person: the directory lists them.
"""

from __future__ import annotations

import re
import sqlite3

from whoknows.text import fold_accents

# words that say a team without being its name ("Service Qualité", "Équipe Achats")
_TEAM_WORDS = frozenset(
    {"service", "pole", "equipe", "team", "dept", "departement", "department", "group", "groupe"}
)
_LINKS = frozenset({"d", "de", "du", "des", "l", "la", "le", "les", "et", "the", "of", "and"})
_LETTERS = re.compile(r"[^\W\d_]+")


def team_key(text: str) -> str:
    """A department's name as a key: "Bureau d'études" and "bureau-etudes" are both
    "bureau etudes"; "Service Qualité" and "qualite" are "qualite"."""
    words = _LETTERS.findall(fold_accents(text).lower())
    kept = [word for word in words if word not in _LINKS]
    while kept and kept[0] in _TEAM_WORDS:
        kept = kept[1:]
    return " ".join(kept)


def mark_team_mailboxes(conn: sqlite3.Connection) -> int:
    """Mark as service accounts the people the module describes; how many were marked."""
    departments = {
        key
        for (name,) in conn.execute(
            "SELECT DISTINCT department FROM persons WHERE department IS NOT NULL"
        )
        if (key := team_key(name))
    }
    if not departments:
        return 0
    unlisted = conn.execute(
        "SELECT p.id, p.display_name, group_concat(a.key, ' ') FROM persons p"
        " LEFT JOIN aliases a ON a.person_id = p.id AND a.kind = 'email'"
        " WHERE p.is_bot = 0 AND NOT EXISTS (SELECT 1 FROM aliases d WHERE d.person_id = p.id"
        " AND d.kind = 'source_id' AND d.source = 'directory') GROUP BY p.id"
    ).fetchall()
    teams = [
        person
        for person, name, addresses in unlisted
        if team_key(name) in departments
        or any(
            team_key(address.split("@")[0]) in departments for address in (addresses or "").split()
        )
    ]
    conn.executemany("UPDATE persons SET is_bot = 1 WHERE id = ?", [(p,) for p in teams])
    return len(teams)


__all__ = ["mark_team_mailboxes", "team_key"]
