"""People the directory does not list whose login spells one directory entry's name: likely the
same person, for whoever runs the workspace to confirm (``whoknows people suggest``), never
merged by themselves.

A water utility's GitHub dumps carried logins only ("mdubois-aqualis", "cosullivan-aq",
"fiona-ryan", "aoifem"): each was a person of its own, seven of them in answers' top threes
beside (or above) the entry they belong to, and nothing said so (a fresh evaluator's). Joining
them by their spelling is what the resolver refuses (a forge's "jsmith" may be any John Smith:
an outsider had joined the sales' John Smith), so they are shown instead: a login, a handle, an
address's first part of a person named by one word (a full name of their own is someone else:
"Julie Dupont <jdupont@…>" is no Jean Dupont), with an affix dropped ("-aqualis", "-aq",
"-cork"), that spells exactly one entry's first and last names, an initial and the last name,
or the first name and the last name's initial; an entry who opted out counts among those it
may spell, never is suggested. A short form of a first name is suggested likewise
(:mod:`.nicknames`: "Nico Lambert" may be Nicolas Lambert).
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from whoknows.identity.nicknames import nicknamed
from whoknows.text import fold_accents

SHORTEST_SPELLING = 4  # letters a spelling holds at least ("aoifem"; "amk" may be anyone's)
_PARTS = re.compile(r"[._\-\s+]+")
_LETTERS = re.compile(r"[^a-z]")


@dataclass(frozen=True)
class LikelySame:
    """A person the directory does not list, and the one entry their login spells."""

    person_id: int
    name: str
    items: int
    entry_id: int
    entry_name: str
    spelt: str  # (the login, handle or address's first part that spells the entry's name)


def likely_same(conn: sqlite3.Connection, of_entry: int | None = None) -> list[LikelySame]:
    """Every person the module describes, with the entry their login spells, fewest-known
    last (most items first); ``of_entry``: only those likely that entry, even one who opted
    out (whoever erases or opts them out is told what else may be theirs)."""
    entries = spellings(conn)
    if not entries:
        return []  # (no directory: nothing to suggest, and no person read at each ingest)
    listed = {
        person
        for (person,) in conn.execute(
            "SELECT person_id FROM aliases WHERE kind = 'source_id' AND source = 'directory'"
        )
    }
    private = {  # (spelt for ambiguity's sake, never named: "jsmith" is no Jane Smith's
        # because John Smith opted out, an attacker's)
        person
        for (person,) in conn.execute(
            "SELECT id FROM persons WHERE opt_out_inference = 1 OR opt_out_visibility = 1"
        )
    } - {of_entry}
    found: list[LikelySame] = []
    for person, name, items in conn.execute(  # (each ingest asks: only one-word names read)
        "SELECT p.id, p.display_name, (SELECT COUNT(*) FROM contributions c"
        " WHERE c.person_id = p.id) FROM persons p WHERE p.is_bot = 0"
        " AND p.opt_out_inference = 0 AND p.opt_out_visibility = 0"
        " AND instr(trim(p.display_name), ' ') = 0"
    ):
        if person in listed or not items or len(str(name).split()) > 1:
            continue  # (a full name of its own is another's: "Julie Dupont <jdupont@…>")
        for said in _logins(conn, person, str(name)):
            matches = set().union(*(entries.get(key, set()) for key in login_keys(said)))
            if len(matches) == 1 and not matches & private:
                (entry,) = matches
                (entry_name,) = conn.execute(
                    "SELECT display_name FROM persons WHERE id = ?", (entry,)
                ).fetchone()
                found.append(LikelySame(person, str(name), int(items), entry, entry_name, said))
                break
    for person, entry in nicknamed(conn):  # ("Nico Lambert", Nicolas Lambert)
        if entry in private or person in private or person in {same.person_id for same in found}:
            continue
        row = conn.execute(
            "SELECT p.display_name, e.display_name, (SELECT COUNT(*) FROM contributions c"
            " WHERE c.person_id = p.id) FROM persons p, persons e WHERE p.id = ? AND e.id = ?",
            (person, entry),
        ).fetchone()
        if row is not None and row[2]:
            found.append(LikelySame(person, row[0], int(row[2]), entry, row[1], row[0]))
    if of_entry is not None:
        found = [same for same in found if same.entry_id == of_entry]
    return sorted(found, key=lambda same: (-same.items, same.name.lower()))


def hide_with_opted_out(conn: sqlite3.Connection) -> int:
    """Give each person the module describes whose login spells one entry that opted out
    that entry's opt-out: never merged, never shown either ("josephkamau-acme", a commit's
    login, had been listed first for an opted-out man's subject, a privacy officer's); how
    many were hidden."""
    entries = spellings(conn)
    private = {
        int(person): (int(inference or 0), int(visibility or 0))
        for person, inference, visibility in conn.execute(
            "SELECT id, opt_out_inference, opt_out_visibility FROM persons"
            " WHERE opt_out_inference = 1 OR opt_out_visibility = 1"
        )
    }
    if not entries or not private:
        return 0
    hidden = 0
    for person, name in conn.execute(
        "SELECT p.id, p.display_name FROM persons p WHERE p.is_bot = 0"
        " AND p.opt_out_inference = 0 AND p.opt_out_visibility = 0"
        " AND instr(trim(p.display_name), ' ') = 0 AND NOT EXISTS (SELECT 1 FROM aliases a"
        " INDEXED BY aliases_person WHERE a.person_id = p.id AND a.kind = 'source_id'"
        " AND a.source = 'directory')"
    ).fetchall():
        for said in _logins(conn, int(person), str(name)):
            matches = set().union(*(entries.get(key, set()) for key in login_keys(said)))
            if len(matches) == 1 and (entry := next(iter(matches))) in private:
                conn.execute(
                    "UPDATE persons SET opt_out_inference = ?, opt_out_visibility = ? WHERE id = ?",
                    (*private[entry], person),
                )
                hidden += 1
                break
    return hidden


def spellings(conn: sqlite3.Connection) -> dict[str, set[int]]:
    """Each way a login spells a directory entry's name, and the entries it spells."""
    spellings: dict[str, set[int]] = defaultdict(set)
    for person, name in conn.execute(
        "SELECT p.id, p.display_name FROM persons p WHERE p.is_bot = 0 AND EXISTS (SELECT 1"
        " FROM aliases a WHERE a.person_id = p.id AND a.kind = 'source_id'"
        " AND a.source = 'directory')"
    ):
        words = [_LETTERS.sub("", word) for word in fold_accents(str(name)).lower().split()]
        words = [word for word in words if word]
        if len(words) < 2:
            continue
        first, last = words[0], "".join(words[1:])
        for spelling in (first + last, last + first, first[:1] + last, last + first[:1]):
            spellings[spelling].add(int(person))
        if len(first) >= 3:
            spellings[first + last[:1]].add(int(person))
    return spellings


def _logins(conn: sqlite3.Connection, person: int, name: str) -> list[str]:
    """What a person named by one word is known by that may be a login: that word, handles
    and addresses' first parts."""
    said = [name]
    for kind, value in conn.execute(
        "SELECT kind, value FROM aliases WHERE person_id = ? AND kind IN ('handle', 'email')",
        (person,),
    ):
        said.append(str(value).split("@")[0] if kind == "email" else str(value))
    return list(dict.fromkeys(value.strip().lower() for value in said if value.strip()))


def login_keys(login: str) -> set[str]:
    """A login's letters, whole and with its first or last part dropped (an affix:
    "mdubois-aqualis", "seanwalsh-cork")."""
    parts = [_LETTERS.sub("", part) for part in _PARTS.split(fold_accents(login).lower())]
    parts = [part for part in parts if part]
    keys = {"".join(parts)}
    if len(parts) >= 2:
        keys |= {"".join(parts[:-1]), "".join(parts[1:])}
    return {key for key in keys if len(key) >= SHORTEST_SPELLING}


__all__ = ["LikelySame", "hide_with_opted_out", "likely_same", "login_keys", "spellings"]
