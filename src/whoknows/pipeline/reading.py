"""What the indexes need from the store, read with SQL: the only place that does."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator

from whoknows.index.columns import ContributionRow, ItemRow, SignalRow
from whoknows.index.lexical import IndexedDocument
from whoknows.privacy import MentionMatcher
from whoknows.rank.learned import Thread, Writing
from whoknows.store import persons
from whoknows.text import parse_date

MIN_QUERY_WORDS = 5  # a pseudo-query says at least this much


def _timestamp(date: str | None) -> float:
    parsed = parse_date(date)
    return parsed.timestamp() if parsed else float("nan")


def documents(conn: sqlite3.Connection, hidden: MentionMatcher) -> Iterator[IndexedDocument]:
    """Every item's indexed text (title, text, context, tags) and date, by id; mentions of
    people who opted out are masked."""
    for row in conn.execute("SELECT id, title, text, context, tags, date FROM items ORDER BY id"):
        tags = " ".join(json.loads(row[4])) if row[4] else ""
        text = " ".join(filter(None, [row[1], row[2], row[3], tags]))
        yield IndexedDocument(row[0], hidden.mask(text) or "", _timestamp(row[5]))


def texts(conn: sqlite3.Connection, item_ids: list[int], hidden: MentionMatcher) -> list[str]:
    """The embedded text (title, context, text) of each item, in the order given, masked."""
    marks = ",".join("?" * len(item_ids))
    rows = {
        row[0]: " ".join(filter(None, [row[1], row[2], row[3]]))
        for row in conn.execute(
            f"SELECT id, title, context, text FROM items WHERE id IN ({marks})", item_ids
        )
    }
    return [hidden.mask(rows[i]) or "" for i in item_ids]


def content_hashes(conn: sqlite3.Connection, hidden: MentionMatcher) -> dict[int, str]:
    """Each item's content hash; an item that mentions someone who opted out gets a
    different one, so its vector is computed again from the masked text."""
    found: dict[int, str] = {}
    for item_id, digest, title, context, text in conn.execute(
        "SELECT id, content_hash, title, context, text FROM items"
    ):
        plain = " ".join(filter(None, [title, context, text]))
        found[item_id] = digest + ":masked" if hidden and hidden.spans(plain) else digest
    return found


def thread_roots(conn: sqlite3.Connection) -> dict[int, int]:
    """Every reply's thread starter: item id -> the id of the item that began its thread."""
    roots = dict(
        conn.execute(
            "SELECT thread_uid, id FROM items WHERE parent_uid IS NULL AND thread_uid IS NOT NULL"
        ).fetchall()
    )
    return {
        item_id: roots[thread]
        for item_id, thread in conn.execute(
            "SELECT id, thread_uid FROM items"
            " WHERE parent_uid IS NOT NULL AND thread_uid IS NOT NULL"
        )
        if thread in roots and roots[thread] != item_id
    }


def item_rows(conn: sqlite3.Connection) -> list[ItemRow]:
    """Per item, by id: date, thread starter, word count, parent, source, whether it starts
    a thread."""
    root_of = thread_roots(conn)
    return [
        ItemRow(item_id, _timestamp(date), root_of.get(item_id), words, parent, source, starts)
        for item_id, date, words, parent, source, starts in conn.execute(
            "SELECT i.id, i.date, LENGTH(i.text) - LENGTH(REPLACE(i.text, ' ', '')) + 1, p.id,"
            " i.source, i.parent_uid IS NULL AND i.thread_uid IS NOT NULL"
            " FROM items i LEFT JOIN items p ON p.uid = i.parent_uid ORDER BY i.id"
        )
    ]


def contribution_rows(conn: sqlite3.Connection) -> Iterator[ContributionRow]:
    """Every contribution, in stored order."""
    for item_id, person_id, role, weight in conn.execute(
        "SELECT item_id, person_id, role, weight FROM contributions"
    ):
        yield ContributionRow(item_id, person_id, role, weight)


def signal_rows(conn: sqlite3.Connection) -> Iterator[SignalRow]:
    for item_id, name, value in conn.execute("SELECT item_id, name, value FROM signals"):
        yield SignalRow(item_id, name, value)


def excluded_people(conn: sqlite3.Connection) -> list[int]:
    """Bots and people who opted out of inference or visibility: never ranked."""
    return sorted(persons.excluded_ids(conn))


def threads(conn: sqlite3.Connection) -> list[Thread]:
    """Dated thread starters with at least one other item in their thread, latest first."""
    members: dict[str, list[int]] = defaultdict(list)
    for thread_uid, item_id in conn.execute(
        "SELECT thread_uid, id FROM items WHERE thread_uid IS NOT NULL ORDER BY id"
    ):
        members[thread_uid].append(item_id)
    found = []
    for item_id, thread_uid, title, text, tags in conn.execute(
        "SELECT i.id, i.thread_uid, i.title, i.text, i.tags FROM items i"
        " WHERE i.parent_uid IS NULL AND i.thread_uid IS NOT NULL AND i.date IS NOT NULL"
        " ORDER BY i.date DESC, i.id DESC"
    ):
        replies = tuple(i for i in members[thread_uid] if i != item_id)
        if not replies:
            continue
        tag_text = " ".join(json.loads(tags)) if tags else ""
        found.append(Thread(item_id, " ".join(filter(None, [title, text, tag_text])), replies))
    return found


def writings(conn: sqlite3.Connection) -> list[Writing]:
    """Dated items that start no answered thread and have a title or text, latest first:
    the learned ranker's pseudo-queries when the workspace has too few answered questions."""
    found = []
    for item_id, title, text in conn.execute(
        "SELECT i.id, i.title, i.text FROM items i"
        " WHERE i.parent_uid IS NULL AND i.date IS NOT NULL AND (i.thread_uid IS NULL"
        "  OR NOT EXISTS (SELECT 1 FROM items r WHERE r.thread_uid = i.thread_uid"
        "   AND r.id != i.id))"
        " ORDER BY i.date DESC, i.id DESC"
    ):
        body = " ".join(filter(None, [title, text]))
        if len(body.split()) >= MIN_QUERY_WORDS:
            found.append(Writing(item_id, body))
    return found
