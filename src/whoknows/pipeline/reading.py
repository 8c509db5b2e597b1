"""What the indexes need from the store, read with SQL: the only place that does."""

from __future__ import annotations

import hashlib
import json
import math
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator

import numpy as np

from whoknows.index.columns import ContributionArrays, ItemArrays, SignalArrays
from whoknows.index.lexical import IndexedDocument
from whoknows.ingest._refutations import (
    FAILED_VALUE,
    REFUTATION_METAS,
    REFUTED_SIGNAL,
    failed_uids,
    refuted_uids,
)
from whoknows.pipeline.reports import CreditedSentences
from whoknows.privacy import MentionMatcher
from whoknows.rank.history import Thread, Writing
from whoknows.rank.roles import SHOWN_REPLY_WORDS
from whoknows.store import persons
from whoknows.store.items import item_ids, metas_signalled
from whoknows.vocab import ContributionRole

MIN_QUERY_WORDS = 5  # a pseudo-query says at least this much
UNDATED = -1e300  # what SQL gives for an item without a date (NaN cannot cross the driver)


def digest(content_hash: str) -> int:
    """An item's content hash as a 64-bit number (its first 16 hex digits)."""
    return int(content_hash[:16], 16)


def item_digests(
    conn: sqlite3.Connection, credited: CreditedSentences
) -> tuple[np.ndarray, np.ndarray]:
    """Every item's id (ascending) and content digest, without reading any text (an item
    that credits others: the people's names too, see :class:`CreditedSentences`)."""
    rows = _tuples(conn, "SELECT id, content_hash FROM items ORDER BY id").fetchall()
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    digests = np.fromiter(
        (credited.digest(row[0], digest(row[1])) for row in rows), dtype=np.uint64, count=len(rows)
    )
    return ids, digests


_DOCUMENT = (
    "SELECT id, title, text, context, tags, IFNULL(CAST(strftime('%s', date) AS REAL), ?),"
    " content_hash, source FROM items"
)
# what a chat message's title begins with: where it was said ("#data: …", Google Chat's
# "Data team: …"), not what about: every message of #data matched "data", "data quality"
# listed the whole channel
_PLACE_IN_TITLE = {"slack": re.compile(r"^#[^\s:]+: "), "googlechat": re.compile(r"^[^:]+: ")}
ID_BATCH = 900  # ids per "IN (...)" query (SQLite allows 999 parameters by default)


def documents(
    conn: sqlite3.Connection,
    hidden: MentionMatcher,
    credited: CreditedSentences,
    ids: np.ndarray | None = None,
) -> Iterator[IndexedDocument]:
    """The indexed text (title, text, context, tags), date and content digest of every item,
    or of the items ``ids`` (ascending), by id; mentions of people who opted out masked, the
    sentences that credit someone else left out (:mod:`whoknows.pipeline.reports`)."""
    if ids is None:
        rows: Iterable[sqlite3.Row] = conn.execute(f"{_DOCUMENT} ORDER BY id", (UNDATED,))
    else:
        rows = _rows_of(conn, ids.tolist())
    for row in rows:
        tags = " ".join(json.loads(row[4])) if row[4] else ""
        subject, own = credited.indexed(row[0], _subject(row[7], row[1]), row[2])
        text = " ".join(filter(None, [subject, own, row[3], tags]))
        shown = hidden.mask(text) or ""
        when = math.nan if row[5] == UNDATED else row[5]
        yield IndexedDocument(row[0], shown, when, credited.digest(row[0], digest(row[6])))


def _subject(source: str, title: str | None) -> str | None:
    """A title as indexed: a chat message's without the place it was said in."""
    place = _PLACE_IN_TITLE.get(source)
    return place.sub("", title, count=1) if place is not None and title else title


def _rows_of(conn: sqlite3.Connection, ids: list[int]) -> Iterator[sqlite3.Row]:
    for start in range(0, len(ids), ID_BATCH):
        batch = ids[start : start + ID_BATCH]
        marks = ",".join("?" * len(batch))
        yield from conn.execute(f"{_DOCUMENT} WHERE id IN ({marks}) ORDER BY id", (UNDATED, *batch))


def content_hashes(
    conn: sqlite3.Connection, hidden: MentionMatcher, credited: CreditedSentences
) -> dict[int, str]:
    """Each item's content hash; an item that mentions someone who opted out gets a
    different one, so its vector is computed again from the masked text. Texts are read only
    when someone opted out (they are most of the store)."""
    people = f":people-{credited.people_digest:016x}"  # (what credits others is not embedded)
    if not hidden:
        rows = _tuples(conn, "SELECT id, content_hash FROM items").fetchall()
        return {
            i: digest_text + people if i in credited.marked else digest_text
            for i, digest_text in rows
        }
    found: dict[int, str] = {}
    for item_id, digest_text, title, context, text in conn.execute(
        "SELECT id, content_hash, title, context, text FROM items"
    ):
        plain = " ".join(filter(None, [title, context, text]))
        found[item_id] = digest_text + ":masked" if hidden.spans(plain) else digest_text
        found[item_id] += people if item_id in credited.marked else ""
    return found


def texts(
    conn: sqlite3.Connection,
    item_ids: list[int],
    hidden: MentionMatcher,
    credited: CreditedSentences,
) -> list[str]:
    """The embedded text (title, context, text) of each item, in the order given, masked,
    without the sentences that credit someone else."""
    marks = ",".join("?" * len(item_ids))
    rows = {}
    for item_id, title, context, text in conn.execute(
        f"SELECT id, title, context, text FROM items WHERE id IN ({marks})", item_ids
    ):
        shown_title, own = credited.indexed(item_id, title, text)
        rows[item_id] = " ".join(filter(None, [shown_title, context, own]))
    return [hidden.mask(rows[i]) or "" for i in item_ids]


_ITEMS = (
    "SELECT i.id, IFNULL(CAST(strftime('%s', i.date) AS REAL), ?),"
    " LENGTH(i.text) - LENGTH(REPLACE(i.text, ' ', '')) + 1, IFNULL(r.root, -1),"
    " IFNULL(p.id, -1), i.source, i.parent_uid IS NULL AND i.thread_uid IS NOT NULL,"
    " whoknows_text_digest(i.text)"
    " FROM items i LEFT JOIN (SELECT thread_uid, MAX(id) AS root FROM items"
    "  WHERE parent_uid IS NULL AND thread_uid IS NOT NULL GROUP BY thread_uid) r"
    " ON i.parent_uid IS NOT NULL AND r.thread_uid = i.thread_uid AND r.root != i.id"
    " LEFT JOIN items p ON p.uid = i.parent_uid"
    " ORDER BY i.id"
)


COPIED_WORDS = 5  # a text this long or longer is a copy when it comes again ("+1" is not)


def text_digest(text: str | None) -> int:
    """A text's digest, case and spacing aside: the same answer pasted into a forum, a chat
    and a mail is one piece of evidence (``rank.votes`` counts it once). 0 (no digest) for a
    text of fewer than :data:`COPIED_WORDS` words: a paper with no abstract, a "thanks"."""
    words = (text or "").lower().split()
    if len(words) < COPIED_WORDS:
        return 0
    flat = " ".join(words).encode("utf-8", "surrogatepass")
    found = int.from_bytes(hashlib.blake2b(flat, digest_size=8).digest(), "little", signed=True)
    return found or 1


def item_arrays(conn: sqlite3.Connection, credited: CreditedSentences) -> ItemArrays:
    """Per item, by id: date (epoch seconds; dates are stored as UTC ISO text), the item
    that began its thread (a reply's), its word count (of its writers' own words: the
    sentences that credit someone else left out), the item it replies to, its source,
    whether it starts a thread and its text's digest."""
    sources = [s for (s,) in conn.execute("SELECT DISTINCT source FROM items ORDER BY source")]
    code, parameters = _codes("i.source", sources)
    sql = _ITEMS.replace("i.source,", f"{code},")
    conn.create_function("whoknows_text_digest", 1, text_digest, deterministic=True)
    kind = [("id", "<i8"), ("time", "<f8"), ("words", "<i8"), ("root", "<i8"), ("parent", "<i8")]
    kind += [("source", "<i4"), ("starts", "?"), ("text", "<i8")]
    rows = np.fromiter(_tuples(conn, sql, (UNDATED, *parameters)), dtype=kind)
    _own_words(conn, credited, rows["id"], rows["words"])
    times = np.where(rows["time"] == UNDATED, np.nan, rows["time"])
    return ItemArrays(
        rows["id"],
        times,
        rows["root"],
        rows["words"],
        rows["parent"],
        rows["source"],
        sources,
        rows["starts"],
        rows["text"],
    )


def _own_words(
    conn: sqlite3.Connection, credited: CreditedSentences, ids: np.ndarray, words: np.ndarray
) -> None:
    """Each marked item's word count (``words``, in place) made its writers' own: a reply
    that says who did the work and adds less than :data:`SHOWN_REPLY_WORDS` words of its
    own ("Yes, Claire and Marc found the cause. Should be fine now.", "Good news: the lag is
    fixed. Claire M. tuned the consumers.") is a status, no longer than a "+1" (a status reply
    had ranked its writer first through the question's words it is indexed with)."""
    marked = np.asarray(sorted(credited.marked), dtype=np.int64)
    for start in range(0, marked.size, ID_BATCH):
        batch = marked[start : start + ID_BATCH].tolist()
        marks = ",".join("?" * len(batch))
        for item_id, text in conn.execute(
            f"SELECT id, text FROM items WHERE id IN ({marks})", batch
        ):
            own = credited.text(item_id, text or "")
            if own != text:
                at = int(np.searchsorted(ids, item_id))
                said = len(own.split())
                words[at] = said if said >= SHOWN_REPLY_WORDS else 0


def _tuples(
    conn: sqlite3.Connection, sql: str, parameters: Iterable[object] = ()
) -> sqlite3.Cursor:
    """Rows as plain tuples, whatever the connection's row factory (for ``np.fromiter``)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(sql, tuple(parameters))


def _codes(column: str, values: list[str]) -> tuple[str, list[str]]:
    """A SQL expression giving each value's position in ``values``, and its parameters."""
    if not values:
        return "-1", []
    cases = " ".join("WHEN ? THEN " + str(code) for code in range(len(values)))
    return f"CASE {column} {cases} ELSE -1 END", values


def contribution_arrays(conn: sqlite3.Connection) -> ContributionArrays:
    """Every contribution, in stored order; roles as codes (the vocabulary's first, then any
    other in the order it first occurs)."""
    roles = [str(role) for role in ContributionRole]
    roles += [
        role
        for (role,) in conn.execute(
            "SELECT role FROM contributions GROUP BY role ORDER BY MIN(rowid)"
        )
        if role not in roles
    ]
    code, parameters = _codes("role", roles)
    kind = [("item", "<i8"), ("person", "<i8"), ("code", "<i2"), ("weight", "<f8")]
    sql = f"SELECT item_id, person_id, {code}, weight FROM contributions"
    rows = np.fromiter(_tuples(conn, sql, parameters), dtype=kind)
    return ContributionArrays(rows["item"], rows["person"], rows["code"], rows["weight"], roles)


def signal_arrays(conn: sqlite3.Connection) -> SignalArrays:
    """Every stored signal, and each refuted item's ``refuted`` (derived from the replies that
    refute or confirm it as the store holds them now: an erased or edited reply's go with it)."""
    names = [name for (name,) in conn.execute("SELECT DISTINCT name FROM signals ORDER BY name")]
    refuting = metas_signalled(conn, *REFUTATION_METAS)
    refuted = item_ids(conn, refuted_uids(refuting))
    failed = set(item_ids(conn, failed_uids(refuting)))
    if refuted and REFUTED_SIGNAL not in names:
        names = sorted([*names, REFUTED_SIGNAL])
    code, parameters = _codes("name", names)
    kind = [("item", "<i8"), ("code", "<i8"), ("value", "<f8")]
    sql = f"SELECT item_id, {code}, value FROM signals WHERE name != ?"
    rows = np.fromiter(_tuples(conn, sql, [*parameters, REFUTED_SIGNAL]), dtype=kind)
    if refuted:
        marked = np.zeros(len(refuted), dtype=kind)
        marked["item"], marked["code"] = refuted, names.index(REFUTED_SIGNAL)
        marked["value"] = [FAILED_VALUE if item in failed else 1.0 for item in refuted]
        rows = np.concatenate([rows, marked])
    return SignalArrays(rows["item"], rows["code"], rows["value"], names)


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
