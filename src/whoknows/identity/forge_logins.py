"""A forge login that spells one person's name, joined to that person once an ingest is written
(in a workspace without a directory).

A forge's issues and pull requests name their people by login alone ("cfournier", "lhoffmann",
"anaruiz"): no name, no address but the forge's private one. A community with no directory had
each of its maintainers twice, the login beside the name the list and the commits give (a fresh
evaluator's: 21 of 27 people split, an answer's top three showing one person twice on 30 of 32
questions). The resolver joins a login to a colleague by its address
(``identity.admin.join_logins``: a directory's people); here, a forge login with no name of its
own joins the one person whose name it spells, as the resolver spells an address's login: an
initial and the last name ("cfournier"), the two names written apart ("ana.ruiz") or together
in their order ("anaruiz"), or the first name and the last name's initial set apart
("camille-f"), a team's suffix aside ("tnguyen-dev", "kobrien-gis"); a last name whole before an
initial ("cfournier" before "camille-f"). Never a word read as a name cut anywhere ("julien" is
no Julie N., "martine" no E. Martin, "johnson" no John Son: an attacker's and a reviewer's; so
"chloeb-docs" and "fournierc" stay apart), never when two people's names fit it, nor into
someone with an account of that forge already, nor what ``same_one`` forbids, nor into or out of
an opt-out, nor a login split off by hand. A stranger may pick a login that spells a member's name,
as a display name: with no directory, a community's accounts are whatever their holders call
themselves, and a wrong join is undone by `people split` (an attacker's).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict

from whoknows.identity.admin import merge_people, same_one, split_people
from whoknows.identity.keys import ANY_SOURCE
from whoknows.identity.names import name_key
from whoknows.identity.reasons import SAME_FORGE_LOGIN
from whoknows.text import fold_accents

FORGES = ("github", "gitlab")
# a team's or a role's suffix after the name ("tnguyen-dev", "kobrien-gis", "opetit_cnrs")
_SUFFIX = re.compile(r"^([a-z][a-z.]+?)(?:[-_][a-z]+|\d+)$")
# the shortest first and last names of two written together, in that order ("anaruiz";
# "danielle" is no Daniel Le, "johnson" no John Son, "leeroy" no Roy Lee: an attacker's and a
# reviewer's)
_FIRST_TOGETHER = 3
_LAST_TOGETHER = 4


def join_forge_logins(conn: sqlite3.Connection, now: str) -> int:
    """Merge each forge login that spells one person's name into them (see the module); how
    many were merged."""
    if has_directory(conn):  # (there, a login joins by its address: ``admin.join_logins``)
        return 0
    marks = ", ".join("?" * len(FORGES))
    logins = conn.execute(
        "SELECT DISTINCT a.person_id, a.source, a.key FROM aliases a JOIN persons p"
        f" ON p.id = a.person_id WHERE a.kind = 'handle' AND a.source IN ({marks})"
        " AND p.is_bot = 0 AND NOT EXISTS (SELECT 1 FROM aliases n INDEXED BY aliases_person"
        " WHERE n.person_id = a.person_id AND n.kind = 'name')",
        FORGES,
    ).fetchall()
    if not logins:
        return 0
    spelled = {person: _spellings(str(login)) for person, _, login in logins}
    wanted = {key for keys in spelled.values() for key in keys}
    bearers: dict[str, set[int]] = defaultdict(set)
    names: dict[int, set[str]] = defaultdict(set)
    for spelt in sorted(wanted):  # (by the alias index: never every name of the workspace)
        for person, value in _bearers(conn, spelt):
            bearers[spelt].add(person)
            names[person].update(re.findall(r"[^\W\d_]+", fold_accents(value.lower())))
    accounts = _forge_accounts(conn, sorted(names))
    split = split_people(conn, sorted(set(spelled) | set(names)))
    merged, gone, hidden = 0, set[int](), opted_out(conn)
    bots = {int(p) for (p,) in conn.execute("SELECT id FROM persons WHERE is_bot = 1")}
    # (a login that spells a last name whole goes first: "cfournier" is Camille Fournier's
    # account before "camille-f" is, whichever was read first)
    weak = {
        person
        for person, keys in spelled.items()
        if all(key.startswith("short:") for key in keys if bearers.get(key, set()) - {person})
    }
    for person, source, login in sorted(logins, key=lambda row: (row[0] in weak, row[0])):
        found = set().union(*(bearers.get(key, set()) for key in spelled[person])) - {person}
        if len(found) != 1 or person in gone or person in split:
            continue
        (keep,) = found
        if source in accounts.get(keep, set()) or {keep} & (split | gone | bots):
            continue  # (their own account of that forge: the login is someone else's)
        if hidden & {keep, person} or not same_one(conn, keep, person, names[keep], {login}):
            continue  # (never into nor out of an opt-out: a stranger's posts would vanish)
        (shown,) = conn.execute("SELECT display_name FROM persons WHERE id = ?", (keep,)).fetchone()
        merge_people(
            conn, keep, person, now, SAME_FORGE_LOGIN % {"login": repr(login), "name": repr(shown)}
        )
        gone.add(person)
        accounts.setdefault(keep, set()).add(str(source))  # (a second login is another's)
        merged += 1
    return merged


def has_directory(conn: sqlite3.Connection) -> bool:
    """Whether a directory was ingested (its people are the organisation's: who else is, is
    not told by a name's spelling)."""
    found = conn.execute(
        "SELECT 1 FROM aliases WHERE kind = 'source_id' AND source = 'directory' LIMIT 1"
    ).fetchone()
    return found is not None


def opted_out(conn: sqlite3.Connection) -> set[int]:
    """The people who opted out of inference or visibility."""
    return {
        int(person)
        for (person,) in conn.execute(
            "SELECT id FROM persons WHERE opt_out_inference = 1 OR opt_out_visibility = 1"
        )
    }


def _spellings(login: str) -> set[str]:
    """The alias keys a login spells: an initial and the last name ("initials:c fournier" of
    "cfournier"), the two names written apart ("name:ana ruiz" of "ana.ruiz", "ana_ruiz",
    "ana-ruiz") or together in their order, the first of three letters or more and the last of
    four ("together:ana ruiz" of "anaruiz"), or the first name and the initial set apart
    ("short:chloe b" of "chloe-b")."""
    bare = login.lower().lstrip("@")
    forms = {bare}
    if (trimmed := _SUFFIX.match(bare)) is not None:
        forms.add(trimmed[1])
    keys: set[str] = set()
    for form in forms:
        words = [word for word in re.split(r"[._-]", form) if word]
        if len(words) == 2 and all(len(word) > 1 for word in words):
            keys.add(f"name:{name_key(' '.join(words))}")
        elif len(words) == 2 and len(words[0]) >= 3 and words[0].isalpha() and words[1].isalpha():
            keys.add(f"short:{words[0]} {words[1]}")  # ("camille-f": the initial set apart)
        elif form.isalpha() and len(form) >= 4:
            keys.add(f"initials:{form[:1]} {form[1:]}")  # (never "fournierc": "martine" is
            # no E. Martin, "roberts" no S. Robert, a reviewer's)
            cuts = range(_FIRST_TOGETHER, len(form) - _LAST_TOGETHER + 1)
            keys.update(f"together:{form[:cut]} {form[cut:]}" for cut in cuts)
    return keys


def _bearers(conn: sqlite3.Connection, spelt: str) -> list[tuple[int, str]]:
    """(person, one of their names) for each person whose name a spelling of
    :func:`_spellings` fits: a "short" one by the first name and the last name's initial, read
    from the initials' index (first initial, last name) and checked against the names."""
    kind, _, key = spelt.partition(":")
    if kind == "together":  # (the names in the login's order: "leeroy" is no Roy Lee)
        first, _, last = key.partition(" ")
        return [
            (person, value)
            for person, value in _bearers(conn, f"name:{name_key(key)}")
            if (said := fold_accents(value).lower().split())[:1] == [first] and said[-1] == last
        ]
    if kind != "short":
        return [
            (int(person), str(value))
            for person, value in conn.execute(
                "SELECT person_id, value FROM aliases WHERE kind = ? AND source = ?"
                " AND key IN (?, ?)",
                (kind, ANY_SOURCE, key, _elided(key)),
            )
        ]
    first, _, initial = key.partition(" ")
    found: list[tuple[int, str]] = []
    for person, value in conn.execute(
        "SELECT i.person_id, n.value FROM aliases i JOIN aliases n INDEXED BY aliases_person"
        " ON n.person_id = i.person_id AND n.kind = 'name' WHERE i.kind = 'initials'"
        " AND i.source = ? AND i.key >= ? AND i.key < ?",
        (ANY_SOURCE, f"{first[:1]} {initial}", f"{first[:1]} {initial}\uffff"),
    ):
        said = fold_accents(str(value)).lower().split()
        if len(said) >= 2 and said[0] == first and said[-1].startswith(initial):
            found.append((int(person), str(value)))
    return found


def _elided(key: str) -> str:
    """An initials key with the last name's elision a login drops ("k obrien" as
    "k o'brien", "d arcy" as "d'arcy"), else the key."""
    initial, _, last = key.partition(" ")
    return f"{initial} {last[:1]}'{last[1:]}" if last[:1] in ("o", "d", "l") else key


def _forge_accounts(conn: sqlite3.Connection, people: list[int]) -> dict[int, set[str]]:
    """The forges each of ``people`` has an account in (a handle of that source)."""
    held: dict[int, set[str]] = defaultdict(set)
    marks = ", ".join("?" * len(FORGES))
    for person, source in conn.execute(
        "SELECT person_id, source FROM aliases WHERE kind = 'handle' AND source IN"
        f" ({marks}) AND person_id IN (SELECT value FROM json_each(?))",
        (*FORGES, json.dumps(people)),
    ):
        held[int(person)].add(str(source))
    return held


__all__ = ["join_forge_logins"]
