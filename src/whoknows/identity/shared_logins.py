"""A login that spells one directory entry's name and that another of the organisation's
sources already gives that entry, joined to the entry once an ingest is written (in either
order of the sources).

An NGO's documents carried their author property as Windows writes it, the login alone
("flemaire"); the same login was the GitLab account the entry's commits came from, joined to
him by his name. Spelling an entry's name alone is no proof (a forge's "jsmith" may be any John
Smith: :mod:`.likely_same` only suggests it), and a login held in one tool alone is no proof
either (another tool's "admin"); both together are: the login spells exactly that entry's
name, and exactly that entry holds it in another source (a fresh evaluator's: the
information-systems lead was two people, the login second to him for his own subject).
The login must be one the organisation issues, read where its own tools write it
(:data:`ISSUED`: a document's author property, a commit's name, its chat's and trackers'
accounts): on a public forge or forum anyone may register "flemaire" (a GitHub account of
that login is any F. Lemaire's, and stays a suggestion). Only with a directory, for a person
known by one word (a name of their own is someone else's:
"Julie Dupont <jdupont@…>"), never a bot, nor out of an opt-out (into one, so that the
login stays hidden with its person: an opted-out lead's documents had listed his login first
for his subject, an attacker's), nor a login split off by hand, nor what ``same_one``
forbids.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from whoknows.identity.admin import merge_people, same_one, split_people
from whoknows.identity.forge_logins import has_directory, opted_out
from whoknows.identity.likely_same import login_keys, spellings
from whoknows.identity.reasons import SHARED_LOGIN

# the sources whose logins the organisation issues (not GitHub, Discourse, Stack Exchange or
# a paper set, where anyone picks one); the login's holder may be a forge's account of theirs,
# never an open forum's or a paper set's, whose names join by name alone
ISSUED = ("docs", "git", "slack", "teams", "googlechat", "jira", "confluence")
OPEN_SOURCES = frozenset({"discourse", "stackexchange", "jsonl"})
BATCH = 500  # (logins asked at once: SQLite's bound parameters)


def join_shared_logins(conn: sqlite3.Connection, now: str) -> int:
    """Merge each person the module describes into their entry; how many were merged."""
    if not has_directory(conn):
        return 0
    holders = _holders(conn, _logins(conn))
    if not holders:
        return 0
    entries = spellings(conn)
    involved = sorted({p for (person, _), found in holders.items() for p in (person, *found)})
    split, hidden, gone, merged = split_people(conn, involved), opted_out(conn), set[int](), 0
    for (person, login), found in sorted(holders.items()):
        spelt = set().union(*(entries.get(key, set()) for key in login_keys(login)))
        if len(found) != 1 or spelt != set(found) or person in gone:
            continue  # (two holders, or a login that spells no one's name or another's)
        ((entry, source),) = found.items()
        if {entry, person} & split or person in hidden:
            continue  # (into an opt-out, the login stays hidden with its person: never out)
        if entry not in hidden and not same_one(conn, entry, person, set(), {login}):
            continue
        merge_people(
            conn, entry, person, now, SHARED_LOGIN % {"login": repr(login), "source": source}
        )
        gone.add(person)
        merged += 1
    return merged


def _logins(conn: sqlite3.Connection) -> dict[str, list[tuple[int, str]]]:
    """Each login read where the organisation issues it, of a person the directory does not
    list who is known by one word: (the person, the source) by login."""
    logins: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for person, login, source in conn.execute(
        "SELECT o.person_id, o.key, o.source FROM aliases o JOIN persons p ON p.id = o.person_id"
        f" WHERE o.kind = 'handle' AND o.source IN ({', '.join('?' * len(ISSUED))})"
        " AND p.is_bot = 0 AND instr(trim(p.display_name), ' ') = 0"
        " AND NOT EXISTS (SELECT 1 FROM aliases d INDEXED BY aliases_person"
        " WHERE d.person_id = o.person_id AND d.kind = 'source_id' AND d.source = 'directory')",
        ISSUED,
    ):
        logins[str(login)].append((int(person), str(source)))
    return logins


def _holders(
    conn: sqlite3.Connection, logins: dict[str, list[tuple[int, str]]]
) -> dict[tuple[int, str], dict[int, str]]:
    """For each (person, login) of ``logins``, the directory entries another source gives that
    login, with that source (the handles read by source and key: the index's order, where a
    join on the key alone read every handle for each login)."""
    if not logins:
        return {}
    sources = [
        str(source)
        for (source,) in conn.execute("SELECT DISTINCT source FROM aliases WHERE kind = 'handle'")
        if source not in OPEN_SOURCES
    ]
    found: dict[tuple[int, str], dict[int, str]] = defaultdict(dict)
    keys = sorted(logins)
    for start in range(0, len(keys), BATCH):
        batch = keys[start : start + BATCH]
        for entry, login, source in conn.execute(
            "SELECT e.person_id, e.key, e.source FROM aliases e WHERE e.kind = 'handle'"
            f" AND e.source IN ({', '.join('?' * len(sources))})"
            f" AND e.key IN ({', '.join('?' * len(batch))}) AND EXISTS (SELECT 1 FROM aliases d"
            " INDEXED BY aliases_person WHERE d.person_id = e.person_id"
            " AND d.kind = 'source_id' AND d.source = 'directory')",
            [*sources, *batch],
        ):
            for person, own in logins[str(login)]:
                if int(entry) != person and str(source) != own:
                    found[(person, str(login))][int(entry)] = str(source)
    return found


__all__ = ["join_shared_logins"]
