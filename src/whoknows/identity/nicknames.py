"""A person known by a short form of a first name ("Nico Lambert": a forum's profile, commits
from a personal address, a byline) and the one directory entry whose first name it begins and
whose last name it bears ("Nicolas Lambert"), or whose first name it is a known pet form of
("Joe Kamau", Joseph Kamau: the ``nicknames`` package's curated English list, 2026-12-07, an
NGO's forum profile and bylines of its driver): likely the same person, suggested by
``whoknows people suggest`` (:mod:`.likely_same`), never merged by itself.

A studio's gameplay programmer was two people: the short form, first for his own subject with
no title, and his entry, second. Joining them by themselves (the first version) merged people
who were not one: "Jean Martin <jean.martin@gmail.com>", a former contractor, joined the
accountant Jeanne Martin and put her first for his backups; with a rule of letters, Emma still
joined Emmanuel; with a list of clippings, "Fred" joined Frédérique (three attackers in turn).
So the pair is shown, to be confirmed. Only with a directory; the short form one of the usual
clippings of English and French first names (:mod:`whoknows.first_names`), two letters fewer
than the first name at least, its rest no ending that makes a name of another ("Nico" and
"Nicole");
when exactly one person, listed or not, bears the last name and a first name the short form
begins ("Chris Martin" beside Christine and Christophe Martin is suggested for neither); never
a person with an address at an organisation or an entry of their own, nor one split by hand.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from whoknows.first_names import clips, hypocorisms
from whoknows.identity.admin import split_people
from whoknows.identity.forge_logins import has_directory
from whoknows.identity.names import organisation_of
from whoknows.text import fold_accents


def nicknamed(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    """Each short form and its one entry, as the module says: (the person, the entry)."""
    if not has_directory(conn):
        return []
    names: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for person, value in conn.execute(
        "SELECT a.person_id, a.value FROM aliases a JOIN persons p ON p.id = a.person_id"
        " WHERE a.kind = 'name' AND p.is_bot = 0"
    ):
        said = fold_accents(str(value)).lower().split()
        if len(said) == 2 and all(word.isalpha() for word in said):
            names[int(person)].add((said[0], said[1]))
    listed, placed = _listed_and_placed(conn)
    by_last: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for person, forms in names.items():
        for first, last in forms:
            by_last[last].add((person, first))
    found = []
    for person, forms in sorted(names.items()):
        if person in listed or person in placed:
            continue
        for short, last in sorted(forms):
            known = hypocorisms(short)
            bearers = {
                other
                for other, first in by_last[last]
                if other != person
                and first != short
                and (first.startswith(short) or first in known)
            }
            if len(bearers) != 1 or not bearers <= listed:
                continue
            (keep,) = bearers
            forms_of = (first for other, first in by_last[last] if other == keep)
            if not any(clips(short, first) or first in known for first in forms_of):
                continue
            if not split_people(conn, [keep, person]):
                found.append((person, keep))
                break
    return found


def _listed_and_placed(conn: sqlite3.Connection) -> tuple[set[int], set[int]]:
    """The people with a directory entry, and those with an address at an organisation."""
    listed, placed = set(), set()
    for person, kind, source, key in conn.execute(
        "SELECT person_id, kind, source, key FROM aliases"
        " WHERE kind = 'email' OR (kind = 'source_id' AND source = 'directory')"
    ):
        if kind == "source_id" and source == "directory":
            listed.add(int(person))
        elif organisation_of(str(key)) is not None:
            placed.add(int(person))
    return listed, placed


__all__ = ["nicknamed"]
