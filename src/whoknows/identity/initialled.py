"""A person named by a first name and an initial whose personal address spells one directory
entry's full name, joined to that entry once an ingest is written (in either order).

"Laure F. <laure.fontaine.lyon@free.fr>", the validation engineer writing from home, was a
person of her own beside the directory's Laure Fontaine, third for her own subject, and
nothing suggested the pair (a fresh evaluator's). Her name alone is anyone's Laure F. (with a
directory, a forum's "Claire F." is not joined by it: :func:`.namesakes.join_short_names`);
her address alone may be a namesake's; both together say her full name, as "Laure Fontaine
<laure.fontaine.lyon@free.fr>" would, whom the namesakes' rule joins. Only an address at a
mail service (an address at an organisation is someone's there), the first name the entry's
and the initial its last name's, exactly one entry spelt; never a bot, nor out of an opt-out
(into one: it stays hidden with them), nor a person split by hand, nor what ``same_one``
forbids.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from whoknows.identity.admin import merge_people, same_one, split_people
from whoknows.identity.forge_logins import has_directory, opted_out
from whoknows.identity.likely_same import login_keys, spellings
from whoknows.identity.names import first_and_initial, organisation_of
from whoknows.identity.reasons import SAME_LOGIN
from whoknows.text import fold_accents, name_words


def join_initialled_addresses(conn: sqlite3.Connection, now: str) -> int:
    """Merge each person the module describes into their entry; how many were merged."""
    if not has_directory(conn):
        return 0
    called: dict[int, tuple[str, str]] = {}
    for person, shown in conn.execute(
        "SELECT p.id, p.display_name FROM persons p WHERE p.is_bot = 0 AND NOT EXISTS"
        " (SELECT 1 FROM aliases d INDEXED BY aliases_person WHERE d.person_id = p.id"
        " AND d.kind = 'source_id' AND d.source = 'directory')"
    ):
        if (found := first_and_initial(str(shown or ""))) is not None:
            called[int(person)] = found
    if not called:
        return 0
    addresses: dict[int, list[str]] = defaultdict(list)
    for person, key in conn.execute(
        "SELECT person_id, key FROM aliases INDEXED BY aliases_person WHERE person_id IN"
        " (SELECT value FROM json_each(?)) AND kind = 'email'",
        (json.dumps(sorted(called)),),
    ):
        addresses[int(person)].append(str(key))
    entries, names = spellings(conn), _entry_names(conn)
    hidden, merged = opted_out(conn), 0
    for person, (first, initial) in sorted(called.items()):
        held = addresses.get(person, [])
        if not held or any(organisation_of(address) is not None for address in held):
            continue  # (no address, or one at an organisation: someone's there)
        spelt = set().union(
            *(entries.get(key, set()) for a in held for key in login_keys(a.split("@")[0]))
        )
        if len(spelt) != 1:
            continue
        (entry,) = spelt
        words = names.get(entry, [])
        if len(words) < 2 or words[0] != first or not words[-1].startswith(initial):
            continue
        if person in hidden or split_people(conn, [entry, person]):
            continue  # (into an opt-out, the address stays hidden with its person: never out)
        words_of = set(name_words(" ".join(words)))
        if entry not in hidden and not same_one(conn, entry, person, words_of, set()):
            continue
        login = held[0].split("@")[0]
        merge_people(
            conn,
            entry,
            person,
            now,
            SAME_LOGIN % {"login": repr(login), "name": repr(" ".join(words))},
        )
        merged += 1
    return merged


def _entry_names(conn: sqlite3.Connection) -> dict[int, list[str]]:
    """Each directory entry's name, folded, in lower case, word by word."""
    return {
        int(person): fold_accents(str(name)).lower().split()
        for person, name in conn.execute(
            "SELECT p.id, p.display_name FROM persons p WHERE EXISTS (SELECT 1 FROM aliases a"
            " WHERE a.person_id = p.id AND a.kind = 'source_id' AND a.source = 'directory')"
        )
    }


__all__ = ["join_initialled_addresses"]
