"""Threads an erased person began: their replies that stay keep none of the opener's words.

Every connector copies a thread's opener onto its replies: a question's title and tags onto
its answers, a mail's subject ("Re: ...") and a chat message's text onto the replies. When
the opener goes with an erased person, the replies lose their title, context and tags: at the
erasure (:func:`untitle_threads`), and at every later ingest (:class:`ThreadGuard`), whether
the thread was known at the erasure or first arrives afterwards, and whether a reply names
the thread itself or only its parent (a mail whose References hold its parent alone).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from whoknows.privacy.tombstones import Tombstones, bury_threads

BATCH = 500


def untitle_threads(conn: sqlite3.Connection, thread_uids: Iterable[str]) -> int:
    """Take the title, context and tags (the opener's words, which every connector copies onto
    the replies) from the items of these threads; return how many changed."""
    changed = 0
    for uid in sorted(set(thread_uids)):
        for row in conn.execute("SELECT * FROM items WHERE thread_uid = ?", (uid,)).fetchall():
            changed += _untitle(conn, row)
    return changed


def untitle_quoting(conn: sqlite3.Connection, tombstones: Tombstones) -> int:
    """Take the title, context and tags from the items that quote the subject of a thread an
    erased person began without naming the thread (a "Re:" with no threading headers, its
    opener's id unknown to it); return how many changed."""
    if not tombstones.titles:
        return 0
    rows = conn.execute(
        "SELECT id, title, context FROM items WHERE title IS NOT NULL OR context IS NOT NULL"
    ).fetchall()
    quoting = [row[0] for row in rows if tombstones.quotes_subject(row[1], row[2])]
    changed = 0
    for start in range(0, len(quoting), BATCH):
        batch = quoting[start : start + BATCH]
        marks = ",".join("?" * len(batch))
        for row in conn.execute(f"SELECT * FROM items WHERE id IN ({marks})", batch).fetchall():
            changed += _untitle(conn, row)
    return changed


def _untitle(conn: sqlite3.Connection, row: sqlite3.Row) -> int:
    from whoknows.store.hashing import stored_content_hash

    if row["title"] is None and row["context"] is None and row["tags"] is None:
        return 0
    untitled = {**dict(row), "title": None, "context": None, "tags": None}
    conn.execute(
        "UPDATE items SET title = NULL, context = NULL, tags = NULL, content_hash = ? WHERE id = ?",
        (stored_content_hash(untitled), row["id"]),
    )
    return 1


@dataclass
class Written:
    """The uids of what an erased person alone wrote, and of the threads they began."""

    uids: list[str]  # every item (a later export may credit it to no one, or to "ghost")
    begun: list[str]  # the threads they began (a question, a first mail, an issue...)
    theirs: list[str]  # their other items in those threads
    subjects: list[str]  # those threads' subjects


def written_alone(conn: sqlite3.Connection, items: list[int]) -> Written:
    """What ``items`` (an erased person's sole items) are: their uids, the threads they begin
    (a question, a first mail or message, an issue, whose replies carry its title: its id is
    its thread's), their others in those threads (a reply may name one of them alone as its
    parent), and those threads' subjects (a reply may name no thread, and quote its subject)."""
    rows: list[tuple[str, str | None, str | None]] = []
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        marks = ",".join("?" * len(batch))
        rows += conn.execute(
            f"SELECT uid, thread_uid, title FROM items WHERE id IN ({marks})", batch
        )
    begun = {uid for uid, thread, _ in rows if uid == thread}
    theirs = {uid for uid, thread, _ in rows if thread in begun and uid != thread}
    subjects = {title for uid, thread, title in rows if uid == thread and title}
    every = sorted(uid for uid, _, _ in rows)
    return Written(every, sorted(begun), sorted(theirs), sorted(subjects))


class ThreadGuard:
    """What one ingest learns of erased people's threads (``tombstones``: the workspace's)."""

    def __init__(self, conn: sqlite3.Connection, tombstones: Tombstones, now: str) -> None:
        self.conn = conn
        self.tombstones = tombstones
        self.now = now
        self.begun_now: set[str] = set()  # what this ingest buried: openers, their replies
        self.written: list[int] = []  # items written (their thread may be joined to one)
        self._threads: dict[str, str | None] = {}  # an item's uid -> its stored thread

    def dropped(self, uid: str, thread_uid: str | None, parent_uid: str | None) -> None:
        """An erased person's item was dropped: when it began its thread (its id is the
        thread's), or is their reply in a thread they began, bury it: a reply naming it as
        its parent or thread is a reply in that thread."""
        if uid not in self.begun_now and (uid == thread_uid or self.erased(thread_uid, parent_uid)):
            self.begun_now.add(uid)
            bury_threads(self.conn, self.now, [uid])

    def erased(self, thread_uid: str | None, parent_uid: str | None) -> bool:
        """Whether an item of this thread and parent (``source:id``, mentions masked) is a
        reply in a thread an erased person began: its own thread, its parent (the opener or
        their reply, dropped), or the thread its parent is stored in."""
        uids = [uid for uid in (thread_uid, parent_uid) if uid is not None]
        if parent_uid is not None and (stored := self._stored_thread(parent_uid)) is not None:
            uids.append(stored)
        return any(uid in self.begun_now or self.tombstones.began_thread(uid) for uid in uids)

    def _stored_thread(self, uid: str) -> str | None:
        if uid not in self._threads:
            row = self.conn.execute("SELECT thread_uid FROM items WHERE uid = ?", (uid,))
            found = row.fetchone()
            self._threads[uid] = found[0] if found is not None else None
        return self._threads[uid]

    def finish(self) -> int:
        """Untitle what the ingest could not know as it wrote: replies written before their
        erased opener was met, threads joined since, older replies of a thread first met now.
        Return how many items changed."""
        threads = set(self.begun_now)
        for start in range(0, len(self.written), BATCH):
            batch = self.written[start : start + BATCH]
            rows = self.conn.execute(
                "SELECT DISTINCT thread_uid FROM items WHERE thread_uid IS NOT NULL"
                f" AND id IN ({','.join('?' * len(batch))})",
                batch,
            )
            threads.update(uid for (uid,) in rows if self.tombstones.began_thread(uid))
        return untitle_threads(self.conn, threads)


__all__ = ["ThreadGuard", "Written", "untitle_quoting", "untitle_threads", "written_alone"]
