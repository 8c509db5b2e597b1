"""Which writers report others' work rather than their own (:mod:`whoknows.ingest._reports`):
the messages marked at ingest are read again at index time against the workspace's people as
they are now, so that a status mail stored before its team's first mail is read like one
stored after it. Their writers' contributions are read as pointers (``referrer``)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from whoknows.index.analysis import STOPWORDS
from whoknows.ingest._reports import (
    MASKED,
    REPORT_SIGNAL,
    candidate_keys,
    name_keys,
    named_in_sentences,
    reports_others,
)
from whoknows.vocab import ContributionRole

# the writers' roles that would otherwise vote for what the message names
REPORTING_ROLES = (
    ContributionRole.SENDER,
    ContributionRole.POSTER,
    ContributionRole.REPLIER,
    ContributionRole.AUTHOR,
    ContributionRole.ANSWERER,
    ContributionRole.COMMENTER,
)


def people_keys(conn: sqlite3.Connection) -> dict[str, set[int]]:
    """Each name key (a whole name folded, its first and last words, a handle) -> the people
    it names."""
    found: dict[str, set[int]] = defaultdict(set)
    rows = conn.execute(
        "SELECT id, display_name FROM persons WHERE is_bot = 0"
        " UNION ALL SELECT a.person_id, a.value FROM aliases a JOIN persons p"
        " ON p.id = a.person_id WHERE p.is_bot = 0 AND a.kind IN ('name', 'handle')"
    )
    for person_id, name in rows:
        for key in name_keys(str(name or "")) - STOPWORDS:
            found[key].add(int(person_id))
    return found


def reporting_writers(conn: sqlite3.Connection) -> set[tuple[int, int]]:
    """(item, person) of each writer whose message reports what others do."""
    marked = conn.execute(
        "SELECT i.id, i.text FROM items i JOIN signals s ON s.item_id = i.id AND s.name = ?"
        " WHERE i.parent_uid IS NULL",
        (REPORT_SIGNAL,),
    ).fetchall()
    if not marked:
        return set()
    keys = people_keys(conn)
    roles = tuple(str(role) for role in REPORTING_ROLES)
    marks = ", ".join("?" * len(roles))
    found: set[tuple[int, int]] = set()
    for item_id, text in marked:
        writers = {
            int(person)
            for (person,) in conn.execute(
                f"SELECT person_id FROM contributions WHERE item_id = ? AND role IN ({marks})",
                (item_id, *roles),
            )
        }
        if not writers:
            continue

        def names_other(name: str, writers: set[int] = writers) -> str | None:
            if name in MASKED:
                return name
            return next((k for k in candidate_keys(name) if keys.get(k, set()) - writers), None)

        if reports_others(named_in_sentences(str(text or "")), names_other):
            found.update((item_id, person) for person in writers)
    return found
