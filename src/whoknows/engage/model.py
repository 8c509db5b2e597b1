"""Engagements in the store: topics, the people on each side, stakeholders, coaching plans."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from whoknows.errors import NotFoundError, UsageError

STANCES = ("sponsor", "neutral", "opposed", "unknown")


@dataclass
class Engagement:
    id: int
    name: str
    client: str | None
    goal: str | None
    start_date: str
    end_date: str | None
    topics: list[str] = field(default_factory=list)
    consultants: list[int] = field(default_factory=list)
    inside: dict[int, str] = field(default_factory=dict)  # person -> consent

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def create(
    conn: sqlite3.Connection,
    name: str,
    client: str | None,
    goal: str | None,
    start: str,
    end: str | None,
    topics: list[str],
    consultants: list[int],
    now: str,
) -> int:
    if not name.strip():
        raise UsageError("the engagement needs a name")
    if conn.execute("SELECT 1 FROM engagements WHERE name = ?", (name,)).fetchone():
        raise UsageError(f"engagement {name!r} exists already", "choose another name")
    if not topics:
        raise UsageError("an engagement needs at least one --topic")
    cursor = conn.execute(
        "INSERT INTO engagements(name, client, goal, start_date, end_date, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (name, client, goal, start, end, now),
    )
    engagement_id = cursor.lastrowid
    assert engagement_id is not None
    for topic in topics:
        conn.execute(
            "INSERT OR IGNORE INTO engagement_topics VALUES (?, ?)",
            (engagement_id, topic.strip().lower()),
        )
    for person_id in consultants:
        conn.execute(
            "INSERT OR REPLACE INTO engagement_people(engagement_id, person_id, role,"
            " consent) VALUES (?, ?, 'consultant', 'yes')",
            (engagement_id, person_id),
        )
    return engagement_id


def load(conn: sqlite3.Connection, reference: str) -> Engagement:
    row = conn.execute(
        "SELECT id, name, client, goal, start_date, end_date FROM engagements"
        " WHERE name = ? OR CAST(id AS TEXT) = ?",
        (reference, reference),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no engagement {reference!r}", "see `whoknows engagement list`")
    engagement = Engagement(*row)
    engagement.topics = [
        r[0]
        for r in conn.execute(
            "SELECT topic FROM engagement_topics WHERE engagement_id = ? ORDER BY topic",
            (engagement.id,),
        )
    ]
    for person_id, role, consent in conn.execute(
        "SELECT person_id, role, consent FROM engagement_people WHERE engagement_id = ?",
        (engagement.id,),
    ):
        if role == "consultant":
            engagement.consultants.append(person_id)
        else:
            engagement.inside[person_id] = consent
    return engagement


def list_all(conn: sqlite3.Connection) -> list[dict[str, object]]:
    return [
        dict(row)
        for row in conn.execute(
            "SELECT id, name, client, start_date, end_date FROM engagements ORDER BY start_date, id"
        )
    ]


def set_consent(conn: sqlite3.Connection, engagement_id: int, person_id: int, consent: str) -> None:
    if consent not in {"yes", "no", "pending"}:
        raise UsageError(f"consent is yes, no or pending, not {consent!r}")
    conn.execute(
        "INSERT INTO engagement_people(engagement_id, person_id, role, consent)"
        " VALUES (?, ?, 'inside', ?) ON CONFLICT(engagement_id, person_id)"
        " DO UPDATE SET consent = excluded.consent",
        (engagement_id, person_id, consent),
    )


def set_stakeholder(
    conn: sqlite3.Connection,
    engagement_id: int,
    person_id: int,
    stance: str | None,
    influence: int | None,
    notes: str | None,
) -> None:
    if stance is not None and stance not in STANCES:
        raise UsageError(f"stance is one of {', '.join(STANCES)}, not {stance!r}")
    if influence is not None and not 1 <= influence <= 5:
        raise UsageError("influence goes from 1 (little) to 5 (decisive)")
    conn.execute(
        "INSERT INTO stakeholders(engagement_id, person_id, stance, influence, notes)"
        " VALUES (?, ?, COALESCE(?, 'unknown'), ?, ?) ON CONFLICT(engagement_id, person_id)"
        " DO UPDATE SET stance = COALESCE(?, stance), influence = COALESCE(?, influence),"
        " notes = COALESCE(?, notes)",
        (engagement_id, person_id, stance, influence, notes, stance, influence, notes),
    )
