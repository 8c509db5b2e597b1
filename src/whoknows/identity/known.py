"""What each of some people is known by, beyond their names: read by the joins made once an
ingest is written (:mod:`.namesakes`, :mod:`.called_names`)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict

from whoknows.identity.names import organisation_name, organisation_of

_NAME = re.compile(r"[^\W\d_]+(?:[ '’.-]+[^\W\d_]+)+")  # (a byline's id: "Maya Lindgren")


def known_by(
    conn: sqlite3.Connection, people: list[int]
) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """What each of ``people`` is known by beyond names: "address" (any), "work" (an address
    at an organisation), "handle", "directory"; and the names of the organisations of their
    work addresses (without endings: :func:`organisation_name`)."""
    known: dict[int, set[str]] = defaultdict(set)
    firms: dict[int, set[str]] = defaultdict(set)
    for person, kind, key in conn.execute(
        "SELECT person_id, kind, key FROM aliases WHERE person_id IN"
        " (SELECT value FROM json_each(?)) AND (kind IN ('email', 'handle')"
        " OR (kind = 'source_id' AND source = 'directory'))",
        (json.dumps(people),),
    ):
        if kind == "email":
            known[person].add("address")
            if (organisation := organisation_of(key)) is not None:
                known[person].add("work")
                firms[person].add(organisation_name(organisation))
        else:
            known[person].add("handle" if kind == "handle" else "directory")
    return known, firms


def sources_of(
    conn: sqlite3.Connection, people: list[int]
) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """The sources each person has an id in, and those of them where the id is an account's
    (neither an address nor a name: a Slack "U04A13", a paper set's author id, not git's
    addresses nor a byline's name). A namesake with an account of a source the other has an id
    in is another of its people, as the resolver holds (a paper's author "Léa Fontaine" beside
    the colleague a postmortem names so)."""
    held: dict[int, set[str]] = defaultdict(set)
    accounts: dict[int, set[str]] = defaultdict(set)
    for person, source, key in conn.execute(
        "SELECT person_id, source, key FROM aliases WHERE person_id IN"
        " (SELECT value FROM json_each(?)) AND kind = 'source_id' AND source != 'directory'",
        (json.dumps(people),),
    ):
        held[person].add(source)
        if "@" not in key and not _NAME.fullmatch(key):
            accounts[person].add(source)
    return held, accounts


def two_accounts(
    sources: tuple[dict[int, set[str]], dict[int, set[str]]], first: int, second: int
) -> bool:
    held, accounts = sources
    return bool(
        accounts.get(first, set()) & held.get(second, set())
        or accounts.get(second, set()) & held.get(first, set())
    )


__all__ = ["known_by", "sources_of", "two_accounts"]
