"""The evidence schema as small named migrations, applied in order and recorded in a table.

Each feature keeps its own tables in its own named :class:`MigrationSet` next to the code that
reads and writes them (accounts, comments, engagements); the workspace hands every set to the
:class:`~whoknows.store.db.Store`, which applies the steps it has not applied yet.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

# a step is SQL, or a function of the connection for data that SQL cannot recompute
Step = str | Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class MigrationSet:
    """One feature's tables: (step name, step) pairs; step names are unique in a workspace."""

    feature: str
    steps: tuple[tuple[str, Step], ...]


_EVIDENCE_STEPS: list[tuple[str, Step]] = [
    (
        "0001_core",
        """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE persons(
            id INTEGER PRIMARY KEY,
            display_name TEXT NOT NULL,
            title TEXT, department TEXT, manager TEXT, location TEXT,
            is_internal INTEGER, start_date TEXT, end_date TEXT,
            is_bot INTEGER NOT NULL DEFAULT 0,
            opt_out_inference INTEGER NOT NULL DEFAULT 0,
            opt_out_visibility INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE TABLE aliases(
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES persons(id),
            kind TEXT NOT NULL,      -- source_id, email, handle, name, initials
            source TEXT NOT NULL,    -- the source, or '*' where the alias holds everywhere
            value TEXT NOT NULL,     -- as seen
            key TEXT NOT NULL,       -- normalised, what matching uses
            created_at TEXT NOT NULL,
            UNIQUE(kind, source, key, person_id)
        );
        CREATE INDEX aliases_person ON aliases(person_id);
        CREATE INDEX aliases_lookup ON aliases(kind, source, key);
        CREATE TABLE ingests(
            id INTEGER PRIMARY KEY,
            connector TEXT NOT NULL, path TEXT NOT NULL,
            started_at TEXT NOT NULL, finished_at TEXT,
            items_added INTEGER, items_updated INTEGER, people_added INTEGER,
            aliases_added INTEGER, merges INTEGER, report TEXT
        );
        CREATE TABLE items(
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,     -- source:native id
            source TEXT NOT NULL, native_id TEXT NOT NULL, kind TEXT NOT NULL,
            title TEXT, text TEXT NOT NULL, context TEXT, url TEXT, date TEXT,
            thread_uid TEXT, parent_uid TEXT, tags TEXT, meta TEXT,
            content_hash TEXT NOT NULL,
            ingest_id INTEGER REFERENCES ingests(id)
        );
        CREATE INDEX items_thread ON items(thread_uid);
        CREATE INDEX items_parent ON items(parent_uid);
        CREATE INDEX items_date ON items(date);
        CREATE TABLE contributions(
            item_id INTEGER NOT NULL REFERENCES items(id),
            person_id INTEGER NOT NULL REFERENCES persons(id),
            alias_id INTEGER REFERENCES aliases(id),
            role TEXT NOT NULL,
            weight REAL NOT NULL DEFAULT 1.0,
            PRIMARY KEY(item_id, person_id, role)
        );
        CREATE INDEX contributions_person ON contributions(person_id);
        CREATE INDEX contributions_alias ON contributions(alias_id);
        CREATE TABLE signals(
            item_id INTEGER NOT NULL REFERENCES items(id),
            name TEXT NOT NULL, value REAL NOT NULL,
            PRIMARY KEY(item_id, name)
        );
        CREATE TABLE claims(
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES persons(id),
            skill TEXT NOT NULL, source TEXT NOT NULL, created_at TEXT NOT NULL,
            UNIQUE(person_id, skill, source)
        );
        CREATE TABLE profile_texts(
            person_id INTEGER NOT NULL REFERENCES persons(id),
            source TEXT NOT NULL, text TEXT NOT NULL,
            PRIMARY KEY(person_id, source)
        );
        CREATE TABLE recognition(
            person_id INTEGER NOT NULL REFERENCES persons(id),
            source TEXT NOT NULL, name TEXT NOT NULL, value REAL NOT NULL,
            PRIMARY KEY(person_id, source, name)
        );
        CREATE TABLE merges(
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            action TEXT NOT NULL,          -- auto, merge, split
            kept_person INTEGER, merged_person INTEGER, alias_id INTEGER,
            reason TEXT, actor TEXT
        );
        """,
    ),
    (
        "0002_confirmations",
        """
        CREATE TABLE confirmations(
            person_id INTEGER NOT NULL REFERENCES persons(id),
            skill TEXT NOT NULL,
            confirmed_by INTEGER REFERENCES persons(id),  -- NULL: the person themself
            at TEXT NOT NULL,
            UNIQUE(person_id, skill, confirmed_by)
        );
        CREATE TABLE hidden_topics(
            person_id INTEGER NOT NULL REFERENCES persons(id),
            topic TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY(person_id, topic)
        );
        """,
    ),
    (
        "0005_visible_persons",
        """
        CREATE VIEW IF NOT EXISTS visible_persons AS
            SELECT * FROM persons
            WHERE is_bot = 0 AND opt_out_inference = 0 AND opt_out_visibility = 0
        """,
    ),
    (
        "0005_tombstones",
        """
        CREATE TABLE tombstones(
            kind TEXT NOT NULL,        -- alias, or the kind of a mention term
            digest TEXT NOT NULL,      -- keyed hash: never the plain value
            created_at TEXT NOT NULL,
            PRIMARY KEY(kind, digest)
        );
        """,
    ),
]
_EVIDENCE_STEPS.append(("0007_item_updated", "ALTER TABLE items ADD COLUMN updated TEXT"))


def _discourse_openers(conn: sqlite3.Connection) -> None:
    """A Discourse topic's first post is stored under its topic's id, as every source names a
    thread by its opener (an erasure of the opener finds its thread by it): rename the first
    posts stored under their post ids (no parent, no copied context), and their replies'
    parents."""
    rows = conn.execute(
        "SELECT id, uid, thread_uid FROM items WHERE source = 'discourse'"
        " AND parent_uid IS NULL AND context IS NULL AND thread_uid IS NOT NULL"
        " AND uid != thread_uid AND thread_uid NOT IN (SELECT uid FROM items)"
    ).fetchall()
    renamed: set[str] = set()
    for item_id, uid, thread_uid in rows:
        if thread_uid in renamed:
            continue
        renamed.add(thread_uid)
        conn.execute("UPDATE items SET uid = ? WHERE id = ?", (thread_uid, item_id))
        conn.execute("UPDATE items SET parent_uid = ? WHERE parent_uid = ?", (thread_uid, uid))


_EVIDENCE_STEPS.append(("0008_discourse_openers", _discourse_openers))
# a review of a GitHub pull request that only comments makes its writer a reviewer, not a
# commenter (who counts among the writers of the change, so an erasure of its author left it):
# the vote stays (0.6 x the reviewer's 0.5 = the commenter's 0.3; the connector's
# COMMENTED_WEIGHT)
_EVIDENCE_STEPS.append(
    (
        "0009_commenting_reviews",
        """
        UPDATE OR IGNORE contributions SET role = 'reviewer', weight = weight * 0.6
        WHERE role = 'commenter'
          AND item_id IN (SELECT id FROM items WHERE source = 'github' AND kind = 'pull-request');
        DELETE FROM contributions WHERE role = 'commenter'
          AND item_id IN (SELECT id FROM items WHERE source = 'github' AND kind = 'pull-request')
        """,
    )
)


def _discourse_urls(conn: sqlite3.Connection) -> None:
    """A Discourse post's link without its topic's slug (``/t/<slug>/<id>/<n>``: the title's
    words, which stayed on the replies of a topic whose erased opener took its title)."""
    from whoknows.store.hashing import stored_content_hash

    slugged = re.compile(r"/t/[^/]+/(\d+)/(\d+)$")
    rows = conn.execute(
        "SELECT * FROM items WHERE source = 'discourse' AND url LIKE '%/t/%/%/%'"
    ).fetchall()
    for row in rows:
        url = slugged.sub(r"/t/\1/\2", row["url"])
        if url != row["url"]:
            values = {**dict(row), "url": url}
            conn.execute(
                "UPDATE items SET url = ?, content_hash = ? WHERE id = ?",
                (url, stored_content_hash(values), row["id"]),
            )


_EVIDENCE_STEPS.append(("0010_discourse_urls", _discourse_urls))


EVIDENCE = MigrationSet("evidence", tuple(_EVIDENCE_STEPS))
