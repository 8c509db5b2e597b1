"""A person known by a full name that one person goes by, by their own profile or the
directory ("Joe Kamau": Joseph Kamau's Slack display name "Joe", a directory's "Preferred
name"), joined to that person once an ingest is written, in either order of the sources.

An NGO's driver and its water engineer were "Joe Kamau" and "Sam Mutua" on the forum and in
their documents' bylines, two people each (a fresh evaluator's). The name a person goes by is
no name of theirs for the resolver: stored as one (the first version), it let the directory's
own "Sam Mutua", a finance officer, join the engineer's Slack account when Slack was read
first, and a mail's "Joe Kamau" join the driver though the directory lists a consultant of
that very name (an attacker's). So it is an alias of its own kind (``called``), and only a
person known by less joins through it: no directory entry, no address at an organisation,
when exactly one person goes by the name and no directory entry bears it; into an opt-out
too (the fragment stays hidden with its person), never out of one, nor a person split by
hand, nor two accounts of one source, nor what ``same_one`` forbids.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from whoknows.identity.admin import merge_people, same_one, split_people
from whoknows.identity.forge_logins import opted_out
from whoknows.identity.keys import CALLED
from whoknows.identity.known import known_by, sources_of
from whoknows.identity.reasons import CALLED_NAME
from whoknows.text import name_words


def join_called_names(conn: sqlite3.Connection, now: str) -> int:
    """Merge each person the module describes into the one who goes by their name; how many
    were merged."""
    goers: dict[str, set[int]] = defaultdict(set)
    shown: dict[str, str] = {}
    for person, value, key in conn.execute(
        "SELECT a.person_id, a.value, a.key FROM aliases a JOIN persons p ON p.id = a.person_id"
        " WHERE a.kind = ? AND a.source = '*' AND p.is_bot = 0",
        (CALLED,),
    ):
        goers[str(key)].add(int(person))
        shown[str(key)] = str(value)
    if not goers:
        return 0
    bearers: dict[str, set[int]] = defaultdict(set)
    for person, key in conn.execute(
        "SELECT a.person_id, a.key FROM aliases a JOIN persons p ON p.id = a.person_id"
        " WHERE a.kind = 'name' AND a.source = '*' AND a.key IN (SELECT value FROM json_each(?))"
        " AND p.is_bot = 0",
        (json.dumps(sorted(goers)),),
    ):
        bearers[str(key)].add(int(person))
    involved = sorted({p for people in (*goers.values(), *bearers.values()) for p in people})
    (known, _), (_, accounts) = known_by(conn, involved), sources_of(conn, involved)
    listed = {person for person, held in known.items() if "directory" in held}
    placed = {person for person, held in known.items() if "work" in held}
    hidden, gone, merged = opted_out(conn), set[int](), 0
    for key, people in sorted(goers.items()):
        named = bearers.get(key, set()) - people
        if len(people) != 1 or not named or named & listed:
            continue  # (two go by it, or an entry bears it: someone else's name)
        (keep,) = people
        for other in sorted(named - placed - hidden - gone):
            if accounts.get(keep, set()) & accounts.get(other, set()):
                continue  # (two accounts of one source are two people)
            if split_people(conn, [keep, other]):
                continue
            if keep not in hidden and not same_one(conn, keep, other, set(name_words(key)), set()):
                continue
            merge_people(conn, keep, other, now, CALLED_NAME % {"name": repr(shown[key])})
            gone.add(other)
            merged += 1
    return merged


__all__ = ["join_called_names"]
