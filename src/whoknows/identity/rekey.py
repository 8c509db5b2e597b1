"""Alias keys recomputed when the way names are folded changes.

Names with letters that Unicode does not decompose (ø, æ, ł, ð, ß) used to lose those letters
in their keys ("Søren" -> "s ren"); they are transliterated now ("soren"), so the keys stored
before are recomputed from the alias as seen, once, when a workspace is opened.
"""

from __future__ import annotations

import sqlite3

from whoknows.identity.names import initials_key, name_key
from whoknows.store.schema import MigrationSet
from whoknows.text import fold_accents


def rekey_transliterated_names(conn: sqlite3.Connection) -> None:
    rows = conn.execute(
        "SELECT id, kind, value, key FROM aliases WHERE kind IN ('name', 'initials', 'label')"
    ).fetchall()
    for alias_id, kind, value, key in rows:
        if value.isascii():
            continue
        if kind == "name":
            new = name_key(value)
        elif kind == "initials":
            new = initials_key(value)
        else:
            new = " ".join(fold_accents(value).lower().split())
        if new and new != key:
            conn.execute("UPDATE OR IGNORE aliases SET key = ? WHERE id = ?", (new, alias_id))


def rekey_qualified_names(conn: sqlite3.Connection) -> None:
    """Names with an account's qualifier ("Patrick O'Brien (admin)") keyed without it."""
    rows = conn.execute(
        "SELECT id, kind, value, key FROM aliases WHERE kind IN ('name', 'initials')"
        " AND (value LIKE '%(%' OR value LIKE '%[%')"
    ).fetchall()
    for alias_id, kind, value, key in rows:
        new = name_key(value) if kind == "name" else initials_key(value)
        if new and new != key:
            conn.execute("UPDATE OR IGNORE aliases SET key = ? WHERE id = ?", (new, alias_id))


IDENTITY = MigrationSet(
    "identity",
    (
        ("0011_transliterated_name_keys", rekey_transliterated_names),
        ("0012_qualified_name_keys", rekey_qualified_names),
    ),
)
