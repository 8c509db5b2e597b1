"""A person known by a short form of a first name ("Nico Lambert": a forum's profile, commits
from a personal address, a byline), joined to the one directory entry whose first name it
begins and whose last name it bears ("Nicolas Lambert"), once an ingest is written.

A studio's gameplay programmer was two people: the short form, first for his own subject with
no title, and his entry, second; `under-recognised` listed the short form as a hidden expert
of his own work. Joined only with a directory, the short form three letters or more, when
exactly one person, listed or not, bears the last name and a first name the short form begins
(a "Chris Martin" beside Christine and Christophe Martin joins neither); never a person with an
address at an organisation or an entry of their own (an outside consultant writes from his
firm), nor one split by hand, nor into or out of an opt-out.

A short form is one of the usual clippings of English and French first names
(:data:`CLIPPINGS`: "Nico", "Max", "Seb", "Steph", "Fred", "Chris"…), two letters fewer than
the first name at least, and what the first name adds is no ending that makes a name of
another ("Nico" and "Nicole", "Chris" and "Christine"). A first name that begins another is no
clipping of it: "Jean" and "Jeanne", "Paul" and "Pauline", "Marc" and "Marcel", "Emma" and
"Emmanuel", "Léo" and "Léonie", "Luc" and "Lucille" are two people's (two attackers' in turn:
"Jean Martin <jean.martin@gmail.com>" had joined the accountant Jeanne Martin and put her
first for his backups; a letters' rule alone still joined Emma to Emmanuel). The price: a
clipping not listed ("Gigi", "Titou") joins no one.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict

from whoknows.identity.admin import merge_people, same_one, split_people
from whoknows.identity.forge_logins import has_directory
from whoknows.identity.names import organisation_of
from whoknows.identity.reasons import SAME_NICKNAME
from whoknows.text import fold_accents

SHORTEST_NICKNAME = 3  # letters of a short form ("Max", "Nico"; "Al" may be anyone's)
CLIPPED_LETTERS = 2  # letters a clipping drops at least ("Vince|nt", "Nico|las", "Max|ime")
# the usual clippings of English and French first names, folded (a language's, as a stopword
# list is: no organisation's); each joins the first names it begins
CLIPPINGS = frozenset(
    """alex andy aure aurel bart bea ben benji bert cath caro ced chris christ clem dan dave
    deb dom domi doug ed fab flo fran fred gab greg gui jeff jerem jess jon kate ken ludo
    manu mat math matt max mel mike nat nath nico nick pat phil rob ron sam seb stan steph
    syl tim tom val vic vince vero will xav""".split()
)
# what turns a first name into another ("Jean|ne", "Jean|nette", "Paul|ine", "Simon|e",
# "Daniel|le", "Henri|ette", "Christian|e"), never a clipping's rest
_DERIVED = re.compile(r"[lnt]?(?:e|te|ette|ine|elle|ienne|iane|a|ia|ina)")


def join_nicknames(conn: sqlite3.Connection, now: str) -> int:
    """Merge each short form into its one entry, as the module says; how many were merged."""
    if not has_directory(conn):
        return 0
    names: dict[int, set[tuple[str, str]]] = defaultdict(set)
    written: dict[tuple[int, str, str], str] = {}
    for person, value in conn.execute(
        "SELECT a.person_id, a.value FROM aliases a JOIN persons p ON p.id = a.person_id"
        " WHERE a.kind = 'name' AND p.is_bot = 0"
    ):
        said = fold_accents(str(value)).lower().split()
        if len(said) == 2 and all(word.isalpha() for word in said):
            names[int(person)].add((said[0], said[1]))
            written[(int(person), said[0], said[1])] = str(value)
    listed, placed = _listed_and_placed(conn)
    by_last: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for person, forms in names.items():
        for first, last in forms:
            by_last[last].add((person, first))
    merged = 0
    for person, forms in sorted(names.items()):
        if person in listed or person in placed:
            continue
        for short, last in sorted(forms):
            if len(short) < SHORTEST_NICKNAME:
                continue
            bearers = {
                other
                for other, first in by_last[last]
                if other != person and first != short and first.startswith(short)
            }
            if len(bearers) != 1 or not bearers <= listed:
                continue
            (keep,) = bearers
            if not any(clips(short, first) for other, first in by_last[last] if other == keep):
                continue
            if split_people(conn, [keep, person]):
                continue
            if not same_one(conn, keep, person, {short, last}, set()):
                continue
            merge_people(
                conn,
                keep,
                person,
                now,
                SAME_NICKNAME % {"name": repr(written[(person, short, last)])},
            )
            merged += 1
            break
    return merged


def clips(short: str, first: str) -> bool:
    """Whether ``short`` (folded, lower case) is a clipping of the first name ``first``, as the
    module says."""
    rest = first[len(short) :]
    return (
        short in CLIPPINGS
        and first.startswith(short)
        and len(rest) >= CLIPPED_LETTERS
        and _DERIVED.fullmatch(rest) is None
    )


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


__all__ = ["clips", "join_nicknames"]
