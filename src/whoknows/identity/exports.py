"""Directory exports read in turn: a row of a second export, by other ids, under the same name
and address as an earlier export's row is that row's person (an HR export, then the Entra ID
one, had made a water utility's 44 people twice); two rows of one export stay two people
whatever they share (two namesakes given a workshop's one address, an attacker's)."""

from __future__ import annotations

import sqlite3


def earlier_row(conn: sqlite3.Connection, named: set[int], email: str) -> int | None:
    """The first of ``named`` (people an earlier export's row gave the same name, none of this
    export's) who holds ``email``, or holds no address: the row an address was shared with
    holds none, the first one holding it."""
    addresses: dict[int, set[str]] = {person: set() for person in named}
    for person, key in conn.execute(
        f"SELECT person_id, key FROM aliases WHERE kind = 'email' AND person_id IN"
        f" ({','.join('?' * len(named))})",
        sorted(named),
    ):
        addresses[person].add(key)
    return min((p for p, held in addresses.items() if email in held or not held), default=None)


__all__ = ["earlier_row"]
