"""Manual overrides of identity resolution: merge two people, split an alias off a person."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from whoknows.bots import group_mailbox
from whoknows.errors import NotFoundError, UsageError
from whoknows.i18n import N_
from whoknows.identity.addresses import mask_email
from whoknows.identity.names import LOGIN_SOURCES, organisation_of
from whoknows.identity.reasons import (
    LISTED_BY_DIRECTORY,
    MERGED_BY_HAND,
    SAME_MAILBOX,
    SAME_TOOL_LOGIN,
    SPLIT_BY_HAND,
)
from whoknows.store.persons import new_person_id
from whoknows.text import fold_accents, name_words

# tables whose rows belong to a person and move with a merge (duplicates are dropped)
_OWNED = (
    "contributions",
    "claims",
    "profile_texts",
    "recognition",
    "confirmations",
    "hidden_topics",
    "engagement_people",
    "stakeholders",
    "coaching_plans",
)
_FILLABLE = ("title", "department", "manager", "location", "is_internal", "start_date", "end_date")


@dataclass
class MergeResult:
    kept: int
    merged: int
    aliases_moved: int
    contributions_moved: int


def _person(conn: sqlite3.Connection, person_id: int) -> sqlite3.Row:
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM persons WHERE id = ?", (person_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(
            N_("no person with id %(id)s"), N_("see `whoknows people list`"), id=person_id
        )
    return row


def merge_people(
    conn: sqlite3.Connection, keep: int, merge: int, now: str, reason: str | None = None
) -> MergeResult:
    """Move everything of ``merge`` to ``keep`` and log it: by hand, or for ``reason`` (the
    identity rules')."""
    if keep == merge:
        raise UsageError(
            N_("cannot merge person %(id)s with itself"), N_("give two different ids"), id=keep
        )
    kept, merged = _person(conn, keep), _person(conn, merge)
    moved_contributions = 0
    for table in _OWNED:
        cursor = conn.execute(
            f"UPDATE OR IGNORE {table} SET person_id = ? WHERE person_id = ?", (keep, merge)
        )
        if table == "contributions":
            moved_contributions = cursor.rowcount
        conn.execute(f"DELETE FROM {table} WHERE person_id = ?", (merge,))
    # what the merged person confirmed of others' skills is the kept person's word; of the
    # kept person's own, no peer's (a fresh evaluator's merge failed on the foreign key)
    conn.execute(
        "UPDATE OR IGNORE confirmations SET confirmed_by = ? WHERE confirmed_by = ?", (keep, merge)
    )
    conn.execute(
        "DELETE FROM confirmations WHERE confirmed_by = ? OR confirmed_by = person_id", (merge,)
    )
    aliases = conn.execute(
        "UPDATE OR IGNORE aliases SET person_id = ? WHERE person_id = ?", (keep, merge)
    ).rowcount
    conn.execute("DELETE FROM aliases WHERE person_id = ?", (merge,))
    for column in _FILLABLE:
        if kept[column] is None and merged[column] is not None:
            conn.execute(f"UPDATE persons SET {column} = ? WHERE id = ?", (merged[column], keep))
    conn.execute(
        "UPDATE persons SET opt_out_inference = MAX(opt_out_inference, ?),"
        " opt_out_visibility = MAX(opt_out_visibility, ?) WHERE id = ?",
        (merged["opt_out_inference"], merged["opt_out_visibility"], keep),
    )
    conn.execute("DELETE FROM persons WHERE id = ?", (merge,))
    names = {"merged": merged["display_name"], "kept": kept["display_name"]}
    conn.execute(
        "INSERT INTO merges(at, action, kept_person, merged_person, reason, actor)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            now,
            "auto" if reason else "merge",
            keep,
            merge,
            reason or MERGED_BY_HAND % names,
            "resolver" if reason else "user",
        ),
    )
    return MergeResult(keep, merge, aliases, moved_contributions)


def merge_listed_addresses(
    conn: sqlite3.Connection,
    keep: int,
    addresses: list[str],
    names: list[str],
    now: str,
    handles: Sequence[tuple[str, str]] = (),
) -> list[int]:
    """Merge into ``keep`` the other people who hold one of the addresses (alias keys) or
    handles (source, key; "*" for every source) its directory entry lists, under a name of
    the entry's (``names``) or known only by that handle: the directory says they are one
    person's (a telecom's directory, ingested after the git history, had left "Priya R
    <priya.r@…>" a second Priya; a bilingual company's, after Jira, left its comment authors
    "mfaure" and 23 more apart from their people). Never a person another directory entry
    names, one whose name is not the entry's ("NOC Team" at a shared address, a colleague's
    address typed by mistake) unless they hold two of the entry's keys (a second account,
    "Admin OC", whose address and handle the entry both lists), one split from ``keep`` by
    hand, nor anyone who opted out into someone who did not (into an opted-out entry, a merge
    hides more). Returns those merged."""
    owners = _holders(conn, keep, addresses, handles)
    if not owners:
        return []
    split = {
        person
        for row in conn.execute(
            "SELECT kept_person, merged_person FROM merges WHERE action = 'split'"
            " AND ? IN (kept_person, merged_person)",
            (keep,),
        )
        for person in row
    }
    words = {word for name in names for word in name_words(name)} | _hyphen_initials(names)
    keys = {key for _, key in handles}
    merged = [
        p
        for p, held in owners.items()
        if p not in split and same_one(conn, keep, p, words, keys, held >= 2)
    ]
    for person in merged:
        merge_people(conn, keep, person, now, LISTED_BY_DIRECTORY)
    return merged


def join_logins(conn: sqlite3.Connection, now: str) -> int:
    """Merge each person known by a login alone of a tool the organisation runs (a Jira Data
    Center comment's "zoe.lefevre") into the one colleague whose work address begins with it
    ("zoe.lefevre@…"), or who bears it with an address in the other tool (Confluence's
    "jmartin" beside Jira's: one user directory), once an ingest is written (so in either
    order): a directory entry, not external, no role's mailbox; never while a second person
    makes it ambiguous, into or out of what ``same_one`` forbids, nor a login split by hand."""
    marks = ", ".join("?" * len(LOGIN_SOURCES))
    handles = "SELECT DISTINCT person_id, key FROM aliases a WHERE kind = 'handle' AND source IN"
    handles += f" ({marks})"
    addressed = (
        "EXISTS (SELECT 1 FROM aliases e INDEXED BY aliases_person"
        " WHERE e.person_id = a.person_id AND e.kind = 'email')"
    )
    logins = conn.execute(f"{handles} AND NOT {addressed}", sorted(LOGIN_SOURCES)).fetchall()
    if not logins:
        return 0
    mailboxes: dict[str, set[int]] = {}
    roles: set[int] = set()  # (at a role's mailbox: "support@")
    for holder, key in conn.execute("SELECT person_id, key FROM aliases WHERE kind = 'email'"):
        if organisation_of(key) is not None:
            mailboxes.setdefault(key.split("@", 1)[0], set()).add(holder)
        if group_mailbox(key):
            roles.add(holder)
    tools: dict[str, set[int]] = {}
    for holder, key in conn.execute(f"{handles} AND {addressed}", sorted(LOGIN_SOURCES)):
        tools.setdefault(key, set()).add(holder)
    colleagues = _listed_internal(conn) - roles
    merged = 0
    for person, login in logins:
        holders = (mailboxes.get(login, set()) | tools.get(login, set())) - {person}
        if len(holders) != 1 or split_off(conn, person):
            continue
        (keep,) = holders
        if keep not in colleagues or not same_one(conn, keep, person, set(), {login}):
            continue
        why = SAME_TOOL_LOGIN if keep in tools.get(login, ()) else SAME_MAILBOX
        merge_people(conn, keep, person, now, why % {"login": repr(login)})
        merged += 1
    return merged


def _listed_internal(conn: sqlite3.Connection) -> set[int]:
    """The directory's people not marked external."""
    return {
        person
        for (person,) in conn.execute(
            "SELECT a.person_id FROM aliases a JOIN persons p ON p.id = a.person_id"
            " WHERE a.kind = 'source_id' AND a.source = 'directory'"
            " AND (p.is_internal IS NULL OR p.is_internal != 0)"
        )
    }


def split_off(conn: sqlite3.Connection, person: int) -> bool:
    """Whether one of the person's aliases was split off by hand (ids of people change with
    merges; an alias's does not)."""
    return person in split_people(conn, [person])


def split_people(conn: sqlite3.Connection, people: Sequence[int]) -> set[int]:
    """Those of ``people`` one of whose aliases was split off by hand (the splits are few: read
    first, then their aliases' people)."""
    return {
        person
        for (person,) in conn.execute(
            "SELECT DISTINCT a.person_id FROM aliases a WHERE a.id IN"
            " (SELECT alias_id FROM merges WHERE action = 'split' AND alias_id IS NOT NULL)"
            " AND a.person_id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(people)),),
        )
    }


def _holders(
    conn: sqlite3.Connection, keep: int, addresses: list[str], handles: Sequence[tuple[str, str]]
) -> dict[int, int]:
    """The people other than ``keep`` who hold one of ``addresses`` or ``handles``, and how
    many of them each holds."""
    found: Counter[int] = Counter()
    if addresses:
        marks = ", ".join("?" * len(addresses))
        found.update(
            person
            for person, _ in conn.execute(
                f"SELECT DISTINCT person_id, key FROM aliases WHERE kind = 'email'"
                f" AND key IN ({marks})",
                addresses,
            )
        )
    for source, key in handles:
        found.update(
            {
                person
                for (person,) in conn.execute(
                    "SELECT person_id FROM aliases WHERE kind = 'handle' AND key = ?"
                    " AND (? = '*' OR source IN (?, '*'))",
                    (key, source, source),
                )
            }
        )
    found.pop(keep, None)
    return dict(sorted(found.items()))


def same_one(
    conn: sqlite3.Connection,
    keep: int,
    other: int,
    words: set[str],
    handles: set[str],
    twice: bool = False,
) -> bool:
    """Whether ``other`` may be the directory entry's person: no entry of its own, no opt-out
    on either side, and a name that shares a word with the entry's names, or none but one of
    the entry's ``handles`` ("mfaure", a tracker's comment author), or two of its keys held
    (``twice``)."""
    listed = conn.execute(  # (by the person's rows: the kind's index read every entry)
        "SELECT 1 FROM aliases INDEXED BY aliases_person WHERE person_id = ?"
        " AND kind = 'source_id' AND source = 'directory'",
        (other,),
    ).fetchone()
    hidden = {
        person
        for (person,) in conn.execute(
            "SELECT id FROM persons WHERE id IN (?, ?)"
            " AND (opt_out_inference = 1 OR opt_out_visibility = 1)",
            (keep, other),
        )
    }
    # (into an opted-out entry, the merge hides what was shown under the handle: a reviewer's
    # opted-out engineer stayed listed as "mfaure"; never out of one into a shown person)
    opted = other in hidden and keep not in hidden
    called = [display for (display,) in conn.execute(
        "SELECT display_name FROM persons WHERE id = ? UNION SELECT value FROM aliases"
        " INDEXED BY aliases_person WHERE person_id = ? AND kind = 'name'", (other, other)
    )]  # fmt: skip
    named = [n for n in called if n]
    only_handle = bool(named) and all(n.strip().lstrip("@").lower() in handles for n in named)
    shared = any(group_mailbox(email) for (email,) in conn.execute(
        "SELECT key FROM aliases INDEXED BY aliases_person WHERE person_id = ? AND kind = 'email'",
        (other,),
    ))  # fmt: skip
    formed = any(_a_form_of(n, words) for n in named)
    return listed is None and not opted and (formed or only_handle or (twice and not shared))


def _hyphen_initials(names: list[str]) -> set[str]:
    """The initials of each hyphenated first name ("jf" of Jean-François Pelletier: "JF
    Pelletier" is how Québec writes him; not of "Jean Olivier Martin", two names)."""
    return {
        first[0] + second[0]
        for name in names
        for first, second in re.findall(r"([^\W\d_]+)-([^\W\d_]+)", fold_accents(name.lower()))
    }


def _a_form_of(name: str, words: set[str]) -> bool:
    """Whether ``name`` is a form of the entry's name (its ``words``): each of its words one of
    them, or an initial of one ("Priya R", "priya.r", "P. Ramanathan"), one at least whole;
    not "Priya Shah" for Priya Ramanathan (a colleague's address typed on her row)."""
    own = re.findall(r"[^\W\d_]+", fold_accents(name.lower()))
    whole = [word for word in own if word in words]
    initials = [w for w in own if w not in words and len(w) <= 2]
    return (
        bool(whole)
        and len(whole) + len(initials) == len(own)
        and all(any(word.startswith(initial) for word in words) for initial in initials)
    )


def split_alias(conn: sqlite3.Connection, person_id: int, alias_id: int, now: str) -> int:
    """Move one alias, and the contributions it brought, to a new person; return its id."""
    _person(conn, person_id)
    alias = conn.execute(
        "SELECT * FROM aliases WHERE id = ? AND person_id = ?", (alias_id, person_id)
    ).fetchone()
    if alias is None:
        raise NotFoundError(
            N_("person %(person)s has no alias %(alias)s"),
            N_("see `whoknows people show %(person)s` for its aliases"),
            person=person_id,
            alias=alias_id,
        )
    remaining = conn.execute(
        "SELECT COUNT(*) FROM aliases WHERE person_id = ? AND id != ? AND kind != 'initials'",
        (person_id, alias_id),
    ).fetchone()[0]
    if remaining == 0:
        raise UsageError(
            N_("alias %(alias)s is the only alias of person %(person)s"),
            N_("nothing to split"),
            alias=alias_id,
            person=person_id,
        )
    value = alias["value"]
    display = mask_email(  # a source's id may hold an address: "Chris Lee <clee@b.example>"
        value
        if alias["kind"] in {"name", "handle"}
        else (
            value.split("@")[0] if alias["kind"] == "email" else f"{alias['source']} user {value}"
        )
    )
    new_id = new_person_id(conn)
    conn.execute(  # (a promise kept to the person holds for the part split off)
        "INSERT INTO persons(id, display_name, created_at, opt_out_inference, opt_out_visibility)"
        " SELECT ?, ?, ?, opt_out_inference, opt_out_visibility FROM persons WHERE id = ?",
        (new_id, display, now, person_id),
    )
    conn.execute("UPDATE aliases SET person_id = ? WHERE id = ?", (new_id, alias_id))
    conn.execute(
        "UPDATE contributions SET person_id = ? WHERE alias_id = ? AND person_id = ?",
        (new_id, alias_id, person_id),
    )
    conn.execute(
        "INSERT INTO merges(at, action, kept_person, merged_person, alias_id, reason, actor)"
        " VALUES (?, 'split', ?, ?, ?, ?, 'user')",
        (now, person_id, new_id, alias_id, SPLIT_BY_HAND % {"kind": alias["kind"]}),
    )
    return new_id
