"""Erasure: remove every trace of a person, leave tombstones so they never come back.

:func:`erase` is the whole operation on a store: in one transaction with ``secure_delete``
on, it deletes the person's own rows and the items only they wrote, buries their alias keys
and mention terms (:mod:`whoknows.privacy.tombstones`), masks their mentions in everyone
else's text, deletes their user accounts and unlinks them from the audit log; then it
deletes the stored reports that mention them, truncates the WAL and vacuums the file so
that no free page keeps them. The caller rebuilds the derived indexes.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from email.utils import parseaddr
from typing import TYPE_CHECKING

from whoknows.identity.admin import _person
from whoknows.identity.likely_same import likely_same
from whoknows.ingest._refutations import REFUTATION_METAS
from whoknows.privacy.audit import audit, forget_in_audit
from whoknows.privacy.masking import MARK, MentionMatcher
from whoknows.privacy.mentions import MentionTerms, id_handles
from whoknows.privacy.stored_reports import delete_stored_reports
from whoknows.privacy.threads import untitle_quoting, untitle_threads, written_alone
from whoknows.privacy.tombstones import (
    SUBJECT_WORDS,
    Tombstones,
    buried_keys,
    bury,
    bury_items,
    bury_subjects,
    bury_threads,
    plain_words,
)
from whoknows.store.hashing import login_key
from whoknows.store.items import delete_items, forget_uids, item_uids
from whoknows.vocab import WRITER_ROLES

if TYPE_CHECKING:
    from whoknows.store import Store

QUOTED_WORDS = SUBJECT_WORDS  # a report quoting an erased item's title of as many goes too
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# (table, key column, text columns) where other people's text may mention the erased person
_TEXTS = (
    ("profile_texts", "rowid", ("text",)),
    ("stakeholders", "rowid", ("notes",)),
    ("comments", "id", ("author_name", "body_html")),
    ("engagements", "id", ("goal", "client")),
    ("milestones", "id", ("description",)),
    ("audit_log", "id", ("username", "detail")),
    ("merges", "id", ("reason",)),
    ("ingests", "id", ("report", "path")),  # (an export kept per person: ".../priya.raman/")
    ("routing_log", "id", ("question", "asker")),  # (the asker: their chat user id)
    ("routing_outbox", "id", ("text", "link")),  # chat routing
    # other people's claims and hidden topics may name them ("helm with Inès Moreau"); two
    # that mask alike become one
    ("claims", "id", ("skill",)),
    ("confirmations", "rowid", ("skill",)),
    ("hidden_topics", "rowid", ("topic",)),
    ("engagement_topics", "rowid", ("topic", "written")),
    ("engagements", "id", ("name",)),
)
# where masking can make two rows alike, the masked one replaces the other (an engagement's
# name alone keeps its row: replacing would delete another engagement)
_MERGE_ALIKE = frozenset({"claims", "confirmations", "hidden_topics", "engagement_topics"})
_OWN_ROWS = (
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
)


@dataclass
class ErasureResult:
    person_id: int
    counts: dict[str, int] = field(default_factory=dict)
    reports_deleted: list[str] = field(default_factory=list)  # regenerate these
    reports_left: list[str] = field(default_factory=list)  # could not be deleted: by hand
    # they name the person but are not what whoknows wrote (changed since): not deleted
    reports_changed: list[str] = field(default_factory=list)
    # (person id, name) of the people left under the same full name, or initial and surname:
    # the same person under another source's id, perhaps, whom only the caller can tell
    namesakes: list[tuple[int, str]] = field(default_factory=list)
    # (person id, name) of the people outside the directory whose login spells the person's
    # entry (``identity.likely_same``): theirs, perhaps, never erased unasked
    likely_theirs: list[tuple[int, str]] = field(default_factory=list)


def erase(
    store: Store, person_id: int, now: str, user: tuple[int | None, str | None]
) -> ErasureResult:
    """Erase a person from ``store`` (see the module); ``user`` is who asks (id, username)."""
    conn = store.conn
    conn.execute("PRAGMA secure_delete = ON")
    try:
        with store.transaction():
            result, terms, quoted = erase_person(conn, person_id, now)
            summary = ", ".join(f"{k} {v}" for k, v in result.counts.items())
            if (
                user[0] is not None
                and not conn.execute("SELECT 1 FROM users WHERE id = ?", (user[0],)).fetchone()
            ):
                user = (None, MARK)  # they erased themself: their account is gone with them
            audit(conn, now, user[0], user[1], "erase", None, f"person {person_id}: {summary}")
            store.bump_generation()
    finally:
        conn.execute("PRAGMA secure_delete = OFF")
    reports = delete_stored_reports(store.workspace, terms, quoted)
    result.reports_deleted, result.reports_left = reports.deleted, reports.left
    result.reports_changed = reports.changed
    result.counts["reports"] = len(result.reports_deleted)
    compact(conn)
    return result


def erase_person(
    conn: sqlite3.Connection, person_id: int, now: str
) -> tuple[ErasureResult, MentionTerms, list[str]]:
    """Everything :func:`erase` does inside the transaction (the caller owns it); with the
    mention terms, the titles of the items that went with the person (a stored report that
    quotes one goes too)."""
    person = _person(conn, person_id)
    terms = mention_terms(conn, person_id, person["display_name"])
    keys = buried_keys(
        [
            (row[0], row[1], row[2])
            for row in conn.execute(
                "SELECT kind, source, key FROM aliases WHERE person_id = ?", (person_id,)
            )
        ],
        terms,
    )
    namesakes = _namesakes(conn, person_id)
    likely = [(same.person_id, same.name) for same in likely_same(conn, person_id)]
    result = ErasureResult(
        person_id, namesakes=namesakes, likely_theirs=[o for o in likely if o not in namesakes]
    )
    result.counts["tombstones"] = bury(conn, now, keys, terms)
    user_ids = [
        row[0] for row in conn.execute("SELECT id FROM users WHERE person_id = ?", (person_id,))
    ]
    sole_items = _sole_items(conn, person_id)
    written = written_alone(conn, sole_items)
    quoted = _titles(conn, sole_items)
    gone = item_uids(conn, sole_items)  # (named in the replies that refuted or confirmed them)
    result.counts.update(_delete_own(conn, person_id, user_ids, terms, sole_items))
    forget_uids(conn, gone, *REFUTATION_METAS)
    forget_in_audit(conn, person_id, user_ids, MARK)
    result.counts["users"] = _delete_users(conn, user_ids)
    conn.execute("DELETE FROM persons WHERE id = ?", (person_id,))
    result.counts["tombstones"] += bury_subjects(conn, now, written.subjects)
    tombstones = Tombstones.load(conn)
    assert tombstones is not None
    result.counts["texts masked"] = mask_stored_texts(conn, tombstones.mentions)
    begun = _masked(tombstones, written.begun)
    theirs = _masked(tombstones, written.theirs)
    result.counts["tombstones"] += bury_threads(conn, now, [*begun, *theirs])
    result.counts["tombstones"] += bury_items(conn, now, _masked(tombstones, written.uids))
    result.counts["thread titles"] = untitle_threads(conn, begun)
    result.counts["thread titles"] += untitle_quoting(conn, tombstones)
    return result, terms, quoted


def _namesakes(conn: sqlite3.Connection, person_id: int) -> list[tuple[int, str]]:
    """The other people stored under the person's full name or initial and surname, who may
    be shown (the result of a self-service erasure is its user's to read: a hidden namesake
    is never named to them)."""
    rows = conn.execute(
        "SELECT DISTINCT p.id, p.display_name FROM aliases mine JOIN aliases other"
        " ON other.key = mine.key AND (other.kind = mine.kind OR (mine.kind = 'called'"
        " AND other.kind = 'name')) JOIN visible_persons p ON p.id = other.person_id"
        " WHERE mine.person_id = ? AND mine.kind IN ('name', 'initials', 'called')"
        " AND other.person_id != mine.person_id ORDER BY p.id",
        (person_id,),
    )
    listed = "SELECT 1 FROM aliases WHERE person_id = ? AND kind = 'source_id' AND source = ?"
    if conn.execute(listed, (person_id, "directory")).fetchone() is None:
        return [(int(row[0]), str(row[1])) for row in rows]
    # (two rows of the directory are two people: Jane Smith is no John Smith to erase, an
    # attacker's)
    return [
        (int(row[0]), str(row[1]))
        for row in rows
        if conn.execute(listed, (row[0], "directory")).fetchone() is None
    ]


def mention_terms(conn: sqlite3.Connection, person_id: int, display: str) -> MentionTerms:
    """The names, handles and emails that mention a person, from all they are known by."""
    names, handles, emails = {display}, set(), set()
    for kind, value in conn.execute(
        "SELECT kind, value FROM aliases WHERE person_id = ? AND kind != 'initials'",
        (person_id,),
    ):
        emails.update(_EMAIL.findall(value))
        if kind in {"name", "label"}:
            names.add(value)
        elif kind == "handle":
            handles.add(value.rpartition(":")[2])
        elif kind == "source_id" and "<" in value:
            names.add(parseaddr(value)[0])
        elif kind == "source_id":
            handles |= id_handles(value)  # a chat user id, as in "<@U001CORV>"
    for (username,) in conn.execute("SELECT username FROM users WHERE person_id = ?", (person_id,)):
        handles.add(username)
    handles.update(e.split("@")[0] for e in emails if len(e.split("@")[0]) >= 4)
    return MentionTerms(
        frozenset(n for n in names if n.strip()), frozenset(handles), frozenset(emails)
    )


def _sole_items(conn: sqlite3.Connection, person_id: int) -> list[int]:
    """The items they wrote that no one else wrote: a mail they sent to colleagues, a page
    others only edited, a pull request others reviewed are theirs, and go."""
    writers = ",".join(f"'{role.value}'" for role in WRITER_ROLES)
    return [
        row[0]
        for row in conn.execute(
            "SELECT item_id FROM contributions GROUP BY item_id"
            f" HAVING SUM(person_id = ?) > 0 AND (SUM(person_id != ?) = 0"
            f" OR (SUM(person_id = ? AND role IN ({writers})) > 0"
            f" AND SUM(person_id != ? AND role IN ({writers})) = 0))",
            (person_id, person_id, person_id, person_id),
        )
    ]


def _titles(conn: sqlite3.Connection, items: list[int]) -> list[str]:
    """The titles of ``items`` of at least :data:`QUOTED_WORDS` words (fewer are anyone's)."""
    found: list[str] = []
    for start in range(0, len(items), 500):
        batch = items[start : start + 500]
        marks = ",".join("?" * len(batch))
        for (title,) in conn.execute(f"SELECT title FROM items WHERE id IN ({marks})", batch):
            if title and len(plain_words(title).split()) >= QUOTED_WORDS:
                found.append(plain_words(title))
    return sorted(set(found))


def _delete_own(
    conn: sqlite3.Connection,
    person_id: int,
    user_ids: list[int],
    terms: MentionTerms,
    sole_items: list[int],
) -> dict[str, int]:
    counts: dict[str, int] = {}
    emails = sorted(e.lower() for e in terms.emails)
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
    for table in _OWN_ROWS:
        counts[table] = conn.execute(
            f"DELETE FROM {table} WHERE person_id = ?", (person_id,)
        ).rowcount
    conn.execute("DELETE FROM confirmations WHERE confirmed_by = ?", (person_id,))
    counts["routed questions asked"] = _delete_asked(conn, person_id, terms)
    counts["items"] = delete_items(conn, sole_items)
    conn.execute(
        "DELETE FROM merges WHERE kept_person = ? OR merged_person = ?", (person_id, person_id)
    )
    return counts


def _delete_asked(conn: sqlite3.Connection, person_id: int, terms: MentionTerms) -> int:
    """Delete the questions they asked in chat and had routed to others (their words, the
    chat id they asked from), with what waits to be delivered."""
    ids = {
        value.rpartition(":")[2].casefold()
        for (value,) in conn.execute(
            "SELECT value FROM aliases WHERE person_id = ? AND kind IN ('source_id', 'handle')",
            (person_id,),
        )
    } | {handle.casefold() for handle in terms.handles}
    asked = [
        log_id
        for log_id, asker in conn.execute("SELECT id, asker FROM routing_log WHERE asker != ''")
        if asker.casefold() in ids
    ]
    for log_id in asked:
        conn.execute("DELETE FROM routing_outbox WHERE log_id = ?", (log_id,))
        conn.execute("DELETE FROM routing_log WHERE id = ?", (log_id,))
    return len(asked)


def _delete_users(conn: sqlite3.Connection, user_ids: list[int]) -> int:
    for user_id in user_ids:
        conn.execute(
            "UPDATE comments SET author_user_id = NULL WHERE author_user_id = ?", (user_id,)
        )
        # the jobs they asked for (their own erasure among them) keep no account name
        conn.execute(
            "UPDATE jobs SET user_id = NULL, username = ? WHERE user_id = ?", (MARK, user_id)
        )
        username = conn.execute("SELECT username FROM users WHERE id = ?", (user_id,)).fetchone()
        if username is not None:  # (the throttle's tables: every workspace has them)
            for table in ("login_failures", "login_locks"):
                conn.execute(f"DELETE FROM {table} WHERE key = ?", (login_key(username[0]),))
        conn.execute("DELETE FROM users WHERE id = ?", (user_id,))
    return len(user_ids)


def mask_stored_texts(conn: sqlite3.Connection, matcher: MentionMatcher) -> int:
    """Mask buried mentions in every stored text; return how many rows changed."""
    from whoknows.store.hashing import stored_content_hash

    changed = 0
    for row in conn.execute("SELECT * FROM items").fetchall():
        values = {c: matcher.mask(row[c]) for c in ("title", "text", "context", "meta")}
        values["url"] = matcher.url(row["url"])
        values["native_id"] = matcher.mask_id(row["native_id"])  # (as the next ingest will)
        for column in ("uid", "thread_uid", "parent_uid"):
            values[column] = masked_uid(matcher, row[column])
        tags = json.loads(row["tags"]) if row["tags"] else []
        kept = matcher.tags(tags)
        if kept != tags:
            values["tags"] = json.dumps(kept, ensure_ascii=False) if kept else None
        else:
            values["tags"] = row["tags"]
        if any(values[c] != row[c] for c in values):
            updated = {**dict(row), **values}
            sets = ", ".join(f"{c} = ?" for c in values)
            conn.execute(
                f"UPDATE items SET {sets}, content_hash = ? WHERE id = ?",
                (*values.values(), stored_content_hash(updated), row["id"]),
            )
            changed += 1
    for table, key, columns in _TEXTS:
        for row in conn.execute(f"SELECT {key}, {', '.join(columns)} FROM {table}").fetchall():
            masked = [matcher.mask(row[c]) for c in columns]
            if masked != [row[c] for c in columns]:
                sets = ", ".join(f"{c} = ?" for c in columns)
                conflict = "OR REPLACE" if table in _MERGE_ALIKE else "OR IGNORE"
                conn.execute(
                    f"UPDATE {conflict} {table} SET {sets} WHERE {key} = ?", (*masked, row[0])
                )
                changed += 1
    return changed


def _masked(tombstones: Tombstones, uids: list[str]) -> list[str]:
    """``uids`` as the ingest writer stores them once the person's mentions are buried."""
    return [uid for raw in uids if (uid := masked_uid(tombstones.mentions, raw)) is not None]


def masked_uid(matcher: MentionMatcher, uid: str | None) -> str | None:
    """An item's or thread's uid (``source:native id``) as the ingest writer stores it once
    the buried mentions are masked in its native id."""
    source, _, rest = (uid or "").partition(":")
    return f"{source}:{matcher.mask_id(rest)}" if rest else uid


def compact(conn: sqlite3.Connection) -> None:
    """Leave no erased byte in the WAL or in free pages: checkpoint, vacuum, checkpoint."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
