"""Apply connector records to the store inside the ingest transaction."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from whoknows.i18n import N_
from whoknows.identity import (
    Identity,
    IdentityKeys,
    IdentityResolver,
    Resolution,
    Signature,
    signature,
)
from whoknows.identity.admin import join_logins
from whoknows.identity.namesakes import join_namesakes
from whoknows.identity.team_mailboxes import mark_team_mailboxes
from whoknows.ingest._copyright import NOTICE_SIGNAL, notice_signal
from whoknows.ingest._refutations import REFUTATION_METAS
from whoknows.ingest._reports import REPORT_SIGNAL, report_signal
from whoknows.pipeline.identities import identity_of, joined_profile, profile_identity
from whoknows.privacy.threads import ThreadGuard
from whoknows.privacy.tombstones import Tombstones
from whoknows.records import (
    Contribution,
    ItemRecord,
    PersonRecord,
    PersonRef,
    Record,
    without_reordering,
)
from whoknows.store.hashing import content_hash
from whoknows.store.ingests import IngestReport
from whoknows.store.items import delete_items, join_split_threads, write_signals
from whoknows.text import iso, parse_date, safe_url
from whoknows.vocab import WRITER_ROLES

# why the writer leaves a record out (counted with the connector's skips)
ERASED = N_("erased person")
UNSAFE_URL = N_("unsafe url")
NO_AUTHOR = N_("item naming no author or contributor: its text kept, credited to no one")
FUTURE_DATED = N_("item dated after today: kept, its recency counted from today")
_A_DAY = 86400.0  # (time zones aside: an item of tomorrow's date written tonight is none)

_DIRECTORY_FIELDS = tuple(
    "title department manager location is_internal start_date end_date".split()
)


class IngestWriter:
    """Writes records; the caller owns the transaction around it."""

    def __init__(self, conn: sqlite3.Connection, report: IngestReport, ingest_id: int, now: str):
        self.conn = conn
        self.report = report
        self.ingest_id = ingest_id
        self.now = now
        self.resolver = IdentityResolver(conn, now, ingest_id)
        self.tombstones = Tombstones.load(conn)
        self.threads = (
            ThreadGuard(conn, self.tombstones, now) if self.tombstones is not None else None
        )
        self.skipped: Counter[str] = Counter()  # the caller adds these to the report
        self.notes: Counter[str] = Counter()  # likewise
        self._resolved: dict[PersonRef, tuple[int, int | None]] = {}
        self._erased: dict[PersonRef, bool] = {}
        self._erased_accounts: set[tuple[str, str]] = set()  # (source, id) of erased profiles
        self._keys: dict[Signature, IdentityKeys] = {}
        self._now = parse_date(now)

    def know(self, keys: Iterable[tuple[Signature, IdentityKeys]]) -> None:
        """Identity keys computed elsewhere (by the engine that parsed the records), by
        signature: the records to come resolve with them instead of computing them."""
        self._keys.update(keys)

    def write(self, record: Record) -> None:
        record = without_reordering(record)
        if isinstance(record, ItemRecord):
            if not record.contributions:
                self.notes[NO_AUTHOR] += 1
            item = self._guarded(record)
            if item is not None:
                self._write_item(item)
        elif self._is_erased(record.ref, profile_identity(record)):
            self.skipped[ERASED] += 1
            if record.ref.native_id is not None:  # (its account's messages are theirs too)
                self._erased_accounts.add((record.ref.source, record.ref.native_id))
        else:
            if self.tombstones is not None and record.about:
                record = replace(record, about=self.tombstones.mask(record.about))
            self._write_person(record)

    def _is_erased(self, ref: PersonRef, identity: Identity | None = None) -> bool:
        if self.tombstones is None or (ref.source, ref.native_id) in self._erased_accounts:
            return self.tombstones is not None  # (a new chat account an erased profile gave)
        erased = self._erased.get(ref)
        if erased is None or identity is not None:
            identity = identity or identity_of(ref)
            # (an account already stored is its own person: a namesake's tombstone is not theirs)
            known = identity.account and self.resolver.stored(identity) is not None
            erased = self.tombstones.erased(identity, by_name=not known)
            self._erased[ref] = erased
        return erased

    def _guarded(self, item: ItemRecord) -> ItemRecord | None:
        """The item as it may be stored: no erased contributor, mentions of erased people
        masked, an unsafe URL dropped; None when only erased people wrote it."""
        url = safe_url(item.url)
        if item.url and url is None:
            self.skipped[UNSAFE_URL] += 1
        if self.tombstones is None or self.threads is None:
            return item if url == item.url else replace(item, url=url)
        mask, mentions = self.tombstones.mask, self.tombstones.mentions
        thread_id, parent_id = mentions.mask_id(item.thread_id), mentions.mask_id(item.parent_id)
        native_id = mentions.mask_id(item.native_id) or item.native_id
        thread = f"{item.source}:{thread_id}" if thread_id else None
        parent = f"{item.source}:{parent_id}" if parent_id else None
        uid = f"{item.source}:{native_id}"
        kept: list[Contribution] = []
        erased_wrote = by_keys = False
        for contribution in item.contributions:
            ref = contribution.person
            erased = self._is_erased(ref)
            keyed = erased and self.tombstones.erased(identity_of(ref), by_name=False)
            if erased and (keyed or not self._namesake_stored(ref, uid)):
                self.skipped[ERASED] += 1
                erased_wrote |= contribution.role in WRITER_ROLES
                by_keys |= keyed
            else:
                kept.append(contribution)
        if (
            (item.contributions and not kept)
            or (erased_wrote and not any(c.role in WRITER_ROLES for c in kept))
            or self.tombstones.wrote(uid)
        ):  # (their writing, sent to or reviewed by others, or credited to no one, goes)
            self.threads.dropped(uid, thread, parent)
            if by_keys or self.tombstones.wrote(uid):
                self._forget_stored(uid)  # (a copy crediting a name alone may be a namesake's)
            return None
        # (a reply in a thread an erased person began carries their words: they go with them)
        untitled = self.threads.erased(thread, parent) or self.tombstones.quotes_subject(
            item.title, item.context
        )
        return replace(
            item,
            native_id=native_id,
            thread_id=thread_id,
            parent_id=parent_id,
            url=mentions.url(url),
            tags=[] if untitled else mentions.tags(item.tags),
            title=None if untitled else mask(item.title),
            text=mask(item.text) or "",
            context=None if untitled else mask(item.context),
            meta=json.loads(mask(json.dumps(item.meta, ensure_ascii=False, default=str)) or "{}"),
            contributions=kept,
        )

    def _namesake_stored(self, ref: PersonRef, uid: str) -> bool:
        """Whether ``ref``, taken for an erased person by name only, is a living namesake the
        stored copy of item ``uid`` already credits under the same id in its source: a plain
        new ingest keeps what an erasure kept (a namesake's new items stay blocked)."""
        person = self.resolver.stored(identity_of(ref))
        if person is None:
            return False
        row = self.conn.execute(
            "SELECT 1 FROM contributions c JOIN items i ON i.id = c.item_id"
            " WHERE i.uid = ? AND c.person_id = ? LIMIT 1",
            (uid, person),
        ).fetchone()
        return row is not None

    def _forget_stored(self, uid: str) -> None:
        """Delete a stored copy of an item only erased people wrote (one an earlier version
        kept: a pull request a colleague had reviewed with comments only)."""
        row = self.conn.execute("SELECT id FROM items WHERE uid = ?", (uid,)).fetchone()
        if row is not None:
            delete_items(self.conn, [row[0]])

    def finish(self) -> None:
        join_split_threads(self.conn)
        self.resolver.merges += join_logins(self.conn, self.now)
        self.resolver.merges += join_namesakes(self.conn, self.now)
        mark_team_mailboxes(self.conn)
        if self.threads is not None:
            self.threads.finish()
        self.report.people_added = self.resolver.people_added
        self.report.aliases_added = self.resolver.aliases_added
        self.report.merges = self.resolver.merges

    def person_for(self, ref: PersonRef) -> tuple[int, int | None]:
        cached = self._resolved.get(ref)
        if cached is None:
            resolution = self._resolve(identity_of(ref))
            cached = (resolution.person_id, resolution.alias_id)
            self._resolved[ref] = cached
        return cached

    def _note_if_after_today(self, item: ItemRecord) -> None:
        """Counts an item dated after today (a pharma evaluator's CAPA dated 2027)."""
        written = parse_date(iso(item.date))  # (as the store writes it)
        if written and self._now and (written - self._now).total_seconds() > _A_DAY:
            self.notes[FUTURE_DATED] += 1

    def _write_item(self, item: ItemRecord) -> None:
        uid = f"{item.source}:{item.native_id}"
        self._note_if_after_today(item)
        digest = content_hash(item)
        row = self.conn.execute(
            "SELECT id, content_hash, updated FROM items WHERE uid = ?", (uid,)
        ).fetchone()
        if row is not None and _not_newer(item, row["updated"]):
            # its contributors too stay as the newer version said: the same issue from a CSV
            # export after its REST page must not drop the resolver only the REST page knows
            if row["content_hash"] != digest:
                self.skipped[OLDER_VERSION] += 1
            self.report.items_unchanged += 1
            return
        if row is not None and row["content_hash"] != digest and self._cut_copy(row["id"], item):
            self.skipped[CUT_COPY] += 1
            self.report.items_unchanged += 1
            return
        values = (
            item.kind,
            item.title,
            item.text,
            item.context,
            item.url,
            iso(item.date),
            f"{item.source}:{item.thread_id}" if item.thread_id else None,
            f"{item.source}:{item.parent_id}" if item.parent_id else None,
            json.dumps(item.tags, ensure_ascii=False) if item.tags else None,
            json.dumps(item.meta, ensure_ascii=False, default=str) if item.meta else None,
            digest,
            iso(item.updated),
        )
        same = row is not None and row["content_hash"] == digest
        if row is None:
            cursor = self.conn.execute(
                "INSERT INTO items(kind, title, text, context, url, date, thread_uid, parent_uid,"
                " tags, meta, content_hash, updated, uid, source, native_id, ingest_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, uid, item.source, item.native_id, self.ingest_id),
            )
            assert cursor.lastrowid is not None
            item_id = cursor.lastrowid
        else:
            item_id = row["id"]
            if not same:
                self.conn.execute(
                    "UPDATE items SET kind=?, title=?, text=?, context=?, url=?, date=?,"
                    " thread_uid=?, parent_uid=?, tags=?, meta=?, content_hash=?, updated=?"
                    " WHERE id=?",
                    (*values, item_id),
                )
        if self.threads is not None:
            self.threads.written.append(item_id)  # (its thread may be joined to an erased one)
        # (the same text with another author, from an --authors map given this time: updated)
        moved = self._write_contributions(item_id, item.contributions, existed=row is not None)
        self._count(row is not None, same and not moved)
        # (a derived signal that no longer holds after an edit goes: the text is its own now)
        derived = report_signal(item.text, item.contributions) | notice_signal(item.kind, item.text)
        said = (REPORT_SIGNAL, NOTICE_SIGNAL, *REFUTATION_METAS)  # (gone when no more)
        write_signals(self.conn, item_id, item.signals | derived, *said)

    def _cut_copy(self, item_id: int, item: ItemRecord) -> bool:
        """Whether a message's new text is its stored text cut short (a mailbox cut inside a
        body reads as a shorter message: it replaced the whole one, and the words after the
        cut were lost). A mail is never edited, so the whole one stays."""
        if item.kind != "email":
            return False
        (stored,) = self.conn.execute("SELECT text FROM items WHERE id = ?", (item_id,)).fetchone()
        new, old = " ".join(item.text.split()), " ".join(str(stored).split())
        return len(new) < len(old) and old.startswith(new)

    def _count(self, existed: bool, unchanged: bool) -> None:
        if not existed:
            self.report.items_added += 1
        elif unchanged:
            self.report.items_unchanged += 1
        else:
            self.report.items_updated += 1

    def _write_contributions(
        self, item_id: int, contributions: list[Contribution], existed: bool
    ) -> bool:
        """The item's contributors become exactly these: a newer version of an item that
        drops a mention or changes a role leaves nothing of the old one behind (a new item
        has no old contributors to look for); whether any changed."""
        kept: set[tuple[int, str]] = set()
        moved = False
        for contribution in contributions:
            person_id, alias_id = self.person_for(contribution.person)
            kept.add((person_id, str(contribution.role)))
            moved |= (
                self.conn.execute(
                    "INSERT INTO contributions(item_id, person_id, alias_id, role, weight)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT(item_id, person_id, role)"
                    " DO UPDATE SET weight = excluded.weight WHERE weight != excluded.weight",
                    (item_id, person_id, alias_id, contribution.role, contribution.weight),
                ).rowcount
                > 0
            )
        if not existed:
            return moved
        stale = [
            (person_id, role)
            for person_id, role in self.conn.execute(
                "SELECT person_id, role FROM contributions WHERE item_id = ?", (item_id,)
            )
            if (person_id, role) not in kept
        ]
        for person_id, role in stale:
            self.conn.execute(
                "DELETE FROM contributions WHERE item_id = ? AND person_id = ? AND role = ?",
                (item_id, person_id, role),
            )
        return moved or bool(stale)

    def _resolve(self, identity: Identity) -> Resolution:
        return self.resolver.resolve(identity, self._keys.pop(signature(identity), None))

    def _write_person(self, record: PersonRecord) -> None:
        ref = record.ref
        identity = profile_identity(record)
        resolution = self._resolve(identity)
        self._resolved[ref] = (resolution.person_id, resolution.alias_id)
        self.report.profiles += 1
        authoritative = record.authoritative
        person_id = joined_profile(
            self.conn, self.resolver, self._resolved, resolution, authoritative, identity
        )
        for column in _DIRECTORY_FIELDS:
            value = getattr(record, column)
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                value = int(value)
            condition = f"{column} IS NOT ?" if authoritative else f"{column} IS NULL"
            self.conn.execute(
                f"UPDATE persons SET {column} = ? WHERE id = ? AND {condition}",
                (value, person_id, *([value] if authoritative else [])),
            )
        if authoritative and record.states_end_date and not record.end_date:
            self.conn.execute(
                "UPDATE persons SET end_date = NULL WHERE id = ? AND end_date IS NOT NULL",
                (person_id,),
            )
        if authoritative and identity.names:
            self.conn.execute(
                "UPDATE persons SET display_name = ? WHERE id = ? AND display_name IS NOT ?",
                (identity.names[0], person_id, identity.names[0]),
            )
        if ref.is_bot:
            self.conn.execute(
                "UPDATE persons SET is_bot = 1 WHERE id = ? AND is_bot != 1", (person_id,)
            )
        for skill in record.skills:
            self.conn.execute(
                "INSERT OR IGNORE INTO claims(person_id, skill, source, created_at)"
                " VALUES (?, ?, ?, ?)",
                (person_id, skill.strip(), ref.source, self.now),
            )
        if record.about:
            self.conn.execute(
                "INSERT INTO profile_texts(person_id, source, text) VALUES (?, ?, ?)"
                " ON CONFLICT(person_id, source) DO UPDATE SET text = excluded.text"
                " WHERE text != excluded.text",
                (person_id, ref.source, record.about),
            )
        for name, value in record.recognition.items():
            self.conn.execute(
                "INSERT INTO recognition(person_id, source, name, value) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(person_id, source, name) DO UPDATE SET value = excluded.value"
                " WHERE value != excluded.value",
                (person_id, ref.source, name, float(value)),
            )


OLDER_VERSION = N_("a version older than (or as old as) the one stored")
CUT_COPY = N_("mail: a copy cut short of a message stored whole (the whole one kept)")


def _not_newer(item: ItemRecord, stored: str | None) -> bool:
    """True when both versions are dated and the incoming one is not newer: an older export
    read after a newer one (or the same item in two formats) never replaces what is stored."""
    return item.updated is not None and stored is not None and (iso(item.updated) or "") <= stored
