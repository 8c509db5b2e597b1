"""Engagements in the store: topics, the people on each side, stakeholders, coaching plans."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from whoknows.errors import NotFoundError, UsageError
from whoknows.i18n import N_
from whoknows.store.claims import SHOWN_TITLE
from whoknows.store.schema import MigrationSet
from whoknows.vocab import Consent, EngagementRole

STANCES = ("sponsor", "neutral", "opposed", "unknown")
ENGAGEMENTS = MigrationSet(
    "engagements",
    (
        (
            "0004_engagements",
            """
        CREATE TABLE engagements(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            client TEXT,
            goal TEXT,
            start_date TEXT NOT NULL,
            end_date TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE engagement_topics(
            engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
            topic TEXT NOT NULL,
            PRIMARY KEY(engagement_id, topic)
        );
        CREATE TABLE engagement_people(
            engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('consultant', 'inside')),
            consent TEXT NOT NULL DEFAULT 'pending' CHECK (consent IN ('pending', 'yes', 'no')),
            PRIMARY KEY(engagement_id, person_id)
        );
        CREATE TABLE stakeholders(
            engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
            stance TEXT NOT NULL DEFAULT 'unknown'
                CHECK (stance IN ('sponsor', 'neutral', 'opposed', 'unknown')),
            influence INTEGER CHECK (influence BETWEEN 1 AND 5),
            notes TEXT,
            PRIMARY KEY(engagement_id, person_id)
        );
        CREATE TABLE coaching_plans(
            id INTEGER PRIMARY KEY,
            engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            UNIQUE(engagement_id, person_id)
        );
        CREATE TABLE milestones(
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES coaching_plans(id) ON DELETE CASCADE,
            skill TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('items', 'accepted', 'strength')),
            target REAL NOT NULL,
            due_date TEXT NOT NULL,
            description TEXT NOT NULL
        );
        """,
        ),
        (
            "0005_milestones_on_the_calendar",
            """
        ALTER TABLE milestones ADD COLUMN made_at TEXT;
        CREATE TABLE roadmap_milestones(
            id INTEGER PRIMARY KEY,
            engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
            topic TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('items', 'accepted', 'strength')),
            target REAL NOT NULL,
            made_at TEXT NOT NULL,
            due_date TEXT NOT NULL,
            review_date TEXT NOT NULL
        );
        """,
        ),
        (
            # the topic as the consultant wrote it ("IAM", "iOS"): the topic is kept lower-case
            # as the key that matching reads
            "0013_engagement_topics_as_written",
            "ALTER TABLE engagement_topics ADD COLUMN written TEXT",
        ),
    ),
)


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
        raise UsageError(N_("the engagement needs a name"), N_("give it a name"))
    if conn.execute("SELECT 1 FROM engagements WHERE name = ?", (name,)).fetchone():
        raise UsageError(
            N_("engagement %(name)s exists already"), N_("choose another name"), name=repr(name)
        )
    if not topics:
        raise UsageError(
            N_("an engagement needs at least one --topic"), N_("name its topics with --topic")
        )
    cursor = conn.execute(
        "INSERT INTO engagements(name, client, goal, start_date, end_date, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (name, client, goal, start, end, now),
    )
    engagement_id = cursor.lastrowid
    assert engagement_id is not None
    for topic in topics:
        conn.execute(
            "INSERT OR IGNORE INTO engagement_topics(engagement_id, topic, written)"
            " VALUES (?, ?, ?)",
            (engagement_id, topic.strip().lower(), topic.strip()),
        )
    for person_id in consultants:
        conn.execute(
            "INSERT OR REPLACE INTO engagement_people(engagement_id, person_id, role,"
            " consent) VALUES (?, ?, ?, ?)",
            (engagement_id, person_id, EngagementRole.CONSULTANT, Consent.YES),
        )
    return engagement_id


def load(conn: sqlite3.Connection, reference: str) -> Engagement:
    row = conn.execute(
        "SELECT id, name, client, goal, start_date, end_date FROM engagements"
        " WHERE name = ? OR CAST(id AS TEXT) = ?",
        (reference, reference),
    ).fetchone()
    if row is None:
        raise NotFoundError(
            N_("no engagement %(reference)s"),
            N_("see `whoknows engagement list`"),
            reference=repr(reference),
        )
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
        if role == EngagementRole.CONSULTANT:
            engagement.consultants.append(person_id)
        else:
            engagement.inside[person_id] = consent
    return engagement


def set_consent(conn: sqlite3.Connection, engagement_id: int, person_id: int, consent: str) -> None:
    if consent not in set(Consent):
        raise UsageError(
            N_("consent is yes, no or pending, not %(value)s"),
            N_("give one of these"),
            value=repr(consent),
        )
    conn.execute(
        "INSERT INTO engagement_people(engagement_id, person_id, role, consent)"
        " VALUES (?, ?, ?, ?) ON CONFLICT(engagement_id, person_id)"
        " DO UPDATE SET consent = excluded.consent",
        (engagement_id, person_id, EngagementRole.INSIDE, consent),
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
        raise UsageError(
            N_("stance is one of %(stances)s, not %(value)s"),
            N_("give one of these"),
            stances=", ".join(STANCES),
            value=repr(stance),
        )
    if influence is not None and not 1 <= influence <= 5:
        raise UsageError(
            N_("influence goes from 1 (little) to 5 (decisive)"),
            N_("give a whole number from 1 to 5"),
        )
    conn.execute(
        "INSERT INTO stakeholders(engagement_id, person_id, stance, influence, notes)"
        " VALUES (?, ?, COALESCE(?, 'unknown'), ?, ?) ON CONFLICT(engagement_id, person_id)"
        " DO UPDATE SET stance = COALESCE(?, stance), influence = COALESCE(?, influence),"
        " notes = COALESCE(?, notes)",
        (engagement_id, person_id, stance, influence, notes, stance, influence, notes),
    )


@dataclass(frozen=True)
class EngagementSummary:
    id: int
    name: str
    client: str | None
    start_date: str
    end_date: str | None


@dataclass(frozen=True)
class StakeholderRecord:
    person_id: int
    stance: str
    influence: int | None
    notes: str | None


@dataclass(frozen=True)
class MilestoneRecord:
    id: int
    skill: str
    kind: str
    target: float
    made: str
    due_date: str
    description: str


@dataclass(frozen=True)
class RoadmapRecord:
    id: int
    person_id: int
    topic: str
    kind: str
    target: float
    made: str
    due_date: str
    review_date: str


def summaries(conn: sqlite3.Connection) -> list[EngagementSummary]:
    return [
        EngagementSummary(*row)
        for row in conn.execute(
            "SELECT id, name, client, start_date, end_date FROM engagements ORDER BY start_date, id"
        )
    ]


def stakeholders(conn: sqlite3.Connection, engagement_id: int) -> dict[int, StakeholderRecord]:
    return {
        row[0]: StakeholderRecord(*row)
        for row in conn.execute(
            "SELECT person_id, stance, influence, notes FROM stakeholders WHERE engagement_id = ?",
            (engagement_id,),
        )
    }


def ensure_plan(conn: sqlite3.Connection, engagement_id: int, person_id: int, created: str) -> int:
    """The coaching plan of a person in an engagement, created on first use (an earlier
    ``created`` moves the plan's date back)."""
    conn.execute(
        "INSERT INTO coaching_plans(engagement_id, person_id, created_at) VALUES (?, ?, ?)"
        " ON CONFLICT(engagement_id, person_id)"
        " DO UPDATE SET created_at = MIN(created_at, excluded.created_at)",
        (engagement_id, person_id, created),
    )
    row = conn.execute(
        "SELECT id FROM coaching_plans WHERE engagement_id = ? AND person_id = ?",
        (engagement_id, person_id),
    ).fetchone()
    return int(row[0])


def replace_milestones(
    conn: sqlite3.Connection,
    plan_id: int,
    skill: str,
    steps: Sequence[tuple[str, float, str, str, str]],
) -> None:
    """The skill's milestones become ``steps``: (kind, target, made, due, description)."""
    conn.execute("DELETE FROM milestones WHERE plan_id = ? AND skill = ?", (plan_id, skill))
    for kind, target, made, due, description in steps:
        conn.execute(
            "INSERT INTO milestones(plan_id, skill, kind, target, made_at, due_date, description)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (plan_id, skill, kind, target, made, due, description),
        )


def plans(conn: sqlite3.Connection, engagement_id: int) -> list[tuple[int, int, str]]:
    """(plan id, person id, created) of every coaching plan, oldest first."""
    return [
        (row[0], row[1], row[2])
        for row in conn.execute(
            "SELECT id, person_id, created_at FROM coaching_plans WHERE engagement_id = ?"
            " ORDER BY id",
            (engagement_id,),
        )
    ]


def milestones(conn: sqlite3.Connection, plan_id: int) -> list[MilestoneRecord]:
    """A plan's milestones; those stored before milestones had a date count from the plan's."""
    return [
        MilestoneRecord(*row)
        for row in conn.execute(
            "SELECT m.id, m.skill, m.kind, m.target, COALESCE(m.made_at, p.created_at),"
            " m.due_date, m.description FROM milestones m"
            " JOIN coaching_plans p ON p.id = m.plan_id"
            " WHERE m.plan_id = ? ORDER BY m.skill, m.due_date",
            (plan_id,),
        )
    ]


def roadmap(conn: sqlite3.Connection, engagement_id: int) -> list[RoadmapRecord]:
    return [
        RoadmapRecord(*row)
        for row in conn.execute(
            "SELECT id, person_id, topic, kind, target, made_at, due_date, review_date"
            " FROM roadmap_milestones WHERE engagement_id = ? ORDER BY due_date, topic, id",
            (engagement_id,),
        )
    ]


def replace_roadmap(
    conn: sqlite3.Connection, engagement_id: int, rows: list[RoadmapRecord]
) -> None:
    """The engagement's roadmap becomes ``rows`` (their ids are ignored)."""
    conn.execute("DELETE FROM roadmap_milestones WHERE engagement_id = ?", (engagement_id,))
    for row in rows:
        conn.execute(
            "INSERT INTO roadmap_milestones(engagement_id, person_id, topic, kind, target,"
            " made_at, due_date, review_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                engagement_id,
                row.person_id,
                row.topic,
                row.kind,
                row.target,
                row.made,
                row.due_date,
                row.review_date,
            ),
        )


def item_links(
    conn: sqlite3.Connection, item_ids: list[int]
) -> list[tuple[str | None, str | None, str]]:
    """(title, url, kind) of each item that still exists, in order."""
    links = []
    for item_id in item_ids:
        row = conn.execute(
            f"SELECT {SHOWN_TITLE}, url, kind FROM items WHERE id = ?", (item_id,)
        ).fetchone()
        if row:
            links.append((row[0], row[1], row[2]))
    return links
