"""SQL about people: the one visibility rule, directory entries, flags, aliases, activity.

``visible_persons`` (a view, migration 0005) is the rule every surface uses: bots and anyone
who opted out of inference or visibility are never shown or ranked.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

from whoknows.errors import NotFoundError
from whoknows.i18n import N_

VISIBLE = "visible_persons"


def left_on(end_date: str | None, today: date | None = None) -> str | None:
    """The directory's end date when it is ``today`` (UTC) or before: the person has left; a
    date to come (a planned departure) is not a departure yet."""
    day = (today or datetime.now(UTC).date()).isoformat()
    return end_date if end_date and end_date[:10] <= day else None


@dataclass(frozen=True)
class DirectoryEntry:
    person_id: int
    name: str
    title: str | None
    department: str | None
    location: str | None
    manager: str | None
    is_bot: bool
    end_date: str | None


@dataclass(frozen=True)
class PrivacyFlags:
    opt_out_inference: bool
    opt_out_visibility: bool

    @property
    def hidden(self) -> bool:
        return self.opt_out_inference or self.opt_out_visibility


def directory_entry(conn: sqlite3.Connection, person_id: int) -> DirectoryEntry:
    entry = directory_entries(conn, [person_id]).get(person_id)
    if entry is None:
        raise NotFoundError(
            N_("no person with id %(id)s"), N_("see `whoknows people list`"), id=person_id
        )
    return entry


def directory_entries(conn: sqlite3.Connection, person_ids: list[int]) -> dict[int, DirectoryEntry]:
    """The directory entries of the people that exist among ``person_ids``, by id."""
    found: dict[int, DirectoryEntry] = {}
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start : start + 500]
        for row in conn.execute(
            "SELECT id, display_name, title, department, location, manager, is_bot, end_date"
            f" FROM persons WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            found[row[0]] = DirectoryEntry(
                row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7]
            )
    return found


_LAST_PERSON = "last_person_id"


def new_person_id(conn: sqlite3.Connection) -> int:
    """An id no person ever had: a merged-away or erased person's id, reused, had given a new
    person their merge history and splits (an attacker's consultant showed a byline's merge
    into another). Kept in ``meta``, read once from the merges when missing."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (_LAST_PERSON,)).fetchone()
    last = int(row[0]) if row is not None else 0
    if row is None:
        (found,) = conn.execute(
            "SELECT MAX(n) FROM (SELECT MAX(kept_person) AS n FROM merges"
            " UNION ALL SELECT MAX(merged_person) FROM merges)"
        ).fetchone()
        last = int(found or 0)
    (top,) = conn.execute("SELECT COALESCE(MAX(id), 0) FROM persons").fetchone()
    person_id = max(last, int(top)) + 1
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (_LAST_PERSON, str(person_id)),
    )
    return person_id


def visible_ids(conn: sqlite3.Connection) -> set[int]:
    return {row[0] for row in conn.execute(f"SELECT id FROM {VISIBLE}")}


def visible_names(conn: sqlite3.Connection) -> list[str]:
    """The names the directory shows (never an opted-out person's or a bot's)."""
    return [row[0] for row in conn.execute(f"SELECT display_name FROM {VISIBLE}")]


def excluded_ids(conn: sqlite3.Connection) -> set[int]:
    """Bots and opted-out people: absent from every ranking and insight."""
    return {
        row[0]
        for row in conn.execute(
            f"SELECT id FROM persons WHERE id NOT IN (SELECT id FROM {VISIBLE})"
        )
    }


def no_person(person_id: int) -> NotFoundError:
    """The error for an id nobody has; also what a hidden person's id answers to those who may
    not see them (the two must read alike: the difference would tell who opted out)."""
    return NotFoundError(
        N_("no person with id %(id)s"), N_("see `whoknows people list`"), id=person_id
    )


def flags(conn: sqlite3.Connection, person_id: int) -> PrivacyFlags:
    row = conn.execute(
        "SELECT opt_out_inference, opt_out_visibility FROM persons WHERE id = ?", (person_id,)
    ).fetchone()
    if row is None:
        raise no_person(person_id)
    return PrivacyFlags(bool(row[0]), bool(row[1]))


def set_flags(conn: sqlite3.Connection, person_id: int, wanted: PrivacyFlags) -> None:
    conn.execute(
        "UPDATE persons SET opt_out_inference = ?, opt_out_visibility = ? WHERE id = ?",
        (int(wanted.opt_out_inference), int(wanted.opt_out_visibility), person_id),
    )


def sources(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT DISTINCT source FROM items ORDER BY source")]


def departments(conn: sqlite3.Connection) -> list[str]:
    return list(department_sizes(conn))


def department_sizes(conn: sqlite3.Connection) -> dict[str, int]:
    """Each department of the visible people, with how many they are, by name."""
    return {
        row[0]: row[1]
        for row in conn.execute(
            f"SELECT department, COUNT(*) FROM {VISIBLE} WHERE department IS NOT NULL"
            " GROUP BY department ORDER BY department"
        )
    }


def native_labels(conn: sqlite3.Connection, source: str) -> dict[int, str]:
    """Person id -> their first native id in ``source``."""
    labels: dict[int, str] = {}
    for person_id, value in conn.execute(
        "SELECT person_id, value FROM aliases WHERE kind = 'source_id' AND source = ? ORDER BY id",
        (source,),
    ):
        labels.setdefault(person_id, value)
    return labels


def native_sources(conn: sqlite3.Connection) -> list[str]:
    """Sources of evidence items whose people have native ids (a directory yields no items)."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT a.source FROM aliases a WHERE a.kind = 'source_id'"
            " AND EXISTS (SELECT 1 FROM items i WHERE i.source = a.source)"
        )
    ]


def people_with_key(conn: sqlite3.Connection, kind: str, key: str) -> list[int]:
    return sorted(
        {
            row[0]
            for row in conn.execute(
                "SELECT person_id FROM aliases WHERE kind = ? AND key = ?", (kind, key)
            )
        }
    )


def people_named(conn: sqlite3.Connection, name: str) -> list[int]:
    """The people shown under ``name`` exactly (ASCII case aside): a name that gives no
    name key ("Noah A. Smith", "Madonna", "张伟") still names the person listed so."""
    rows = conn.execute(
        "SELECT id FROM persons WHERE display_name = ? COLLATE NOCASE ORDER BY id", (name,)
    )
    return [int(row[0]) for row in rows]


def listed_as(conn: sqlite3.Connection, person_id: int, name: str) -> bool:
    """Whether the person is listed under ``name``, case aside in every alphabet ("émile
    zola" is Émile Zola, not Emile Zola)."""
    row = conn.execute("SELECT display_name FROM persons WHERE id = ?", (person_id,)).fetchone()
    return row is not None and str(row[0]).casefold() == name.strip().casefold()


def person_with_native_id(conn: sqlite3.Connection, source: str, native: str) -> int | None:
    """Who holds ``native`` in ``source``: their id there, else their handle there
    ("slack:imoreau", as `people show` lists it)."""
    row = conn.execute(
        "SELECT person_id FROM aliases WHERE kind = 'source_id' AND source = ? AND value = ?"
        " UNION ALL SELECT person_id FROM aliases WHERE kind = 'handle' AND source = ?"
        " AND value IN (?, ?) COLLATE NOCASE LIMIT 1",
        (source, native, source, native, f"{source}:{native}"),
    ).fetchone()
    return int(row[0]) if row else None


def people_with_email(conn: sqlite3.Connection, email: str) -> list[int]:
    rows = conn.execute(
        "SELECT DISTINCT person_id FROM aliases WHERE kind = 'email' AND value = ?",
        (email.strip().lower(),),
    )
    return sorted(int(row[0]) for row in rows)


def exists(conn: sqlite3.Connection, person_id: int) -> bool:
    return conn.execute("SELECT 1 FROM persons WHERE id = ?", (person_id,)).fetchone() is not None


def monthly_activity(conn: sqlite3.Connection, person_id: int) -> list[tuple[str, int]]:
    """Evidence items per month, oldest first."""
    months: Counter[str] = Counter()
    for (dated,) in conn.execute(
        "SELECT i.date FROM contributions c JOIN items i ON i.id = c.item_id"
        " WHERE c.person_id = ? AND i.date IS NOT NULL",
        (person_id,),
    ):
        months[dated[:7]] += 1
    return sorted(months.items())


@dataclass(frozen=True)
class PersonSummary:
    id: int
    display_name: str
    title: str | None
    department: str | None
    is_bot: bool
    aliases: int
    items: int


@dataclass(frozen=True)
class AliasView:
    id: int
    kind: str
    source: str
    value: str


@dataclass(frozen=True)
class MergeEntry:
    at: str
    action: str
    reason: str | None


@dataclass(frozen=True)
class PersonDetail:
    """Everything the store holds about one person (for them, admins and the CLI)."""

    id: int
    display_name: str
    title: str | None
    department: str | None
    location: str | None
    manager: str | None
    is_internal: bool | None
    start_date: str | None
    end_date: str | None
    is_bot: bool
    opt_out_inference: bool
    opt_out_visibility: bool
    aliases: list[AliasView]
    roles: dict[str, int]
    claims: list[str]
    merges: list[MergeEntry]


def list_people(conn: sqlite3.Connection, search: str | None, limit: int) -> list[PersonSummary]:
    """People who did not opt out of visibility, alphabetically (never ranked by volume)."""
    sql = (
        "SELECT p.id, p.display_name, p.title, p.department, p.is_bot,"
        " (SELECT COUNT(*) FROM aliases a WHERE a.person_id = p.id AND a.kind != 'initials'),"
        " (SELECT COUNT(DISTINCT item_id) FROM contributions c WHERE c.person_id = p.id)"
        " FROM persons p WHERE p.opt_out_visibility = 0"
    )
    args: list[object] = []
    if search:
        sql += " AND p.display_name LIKE ?"
        args.append(f"%{search}%")
    sql += " ORDER BY p.display_name COLLATE NAMES, p.id LIMIT ?"
    args.append(limit)
    return [
        PersonSummary(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6])
        for r in conn.execute(sql, args)
    ]


def person_detail(conn: sqlite3.Connection, person_id: int) -> PersonDetail:
    row = conn.execute("SELECT * FROM persons WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        raise NotFoundError(
            N_("no person with id %(id)s"), N_("see `whoknows people list`"), id=person_id
        )
    aliases = [
        AliasView(a[0], a[1], a[2], a[3])
        for a in conn.execute(
            "SELECT id, kind, source, value FROM aliases WHERE person_id = ?"
            " AND kind != 'initials' ORDER BY id",
            (person_id,),
        )
    ]
    roles = dict(
        conn.execute(
            "SELECT role, COUNT(*) FROM contributions WHERE person_id = ?"
            " GROUP BY role ORDER BY role",
            (person_id,),
        ).fetchall()
    )
    claims = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT skill FROM claims WHERE person_id = ? ORDER BY skill", (person_id,)
        )
    ]
    merges = [
        MergeEntry(r[0], r[1], r[2])
        for r in conn.execute(
            "SELECT at, action, reason FROM merges WHERE kept_person = ? OR merged_person = ?"
            " ORDER BY id",
            (person_id, person_id),
        )
    ]
    internal = None if row["is_internal"] is None else bool(row["is_internal"])
    return PersonDetail(
        row["id"],
        row["display_name"],
        row["title"],
        row["department"],
        row["location"],
        _manager_named(conn, row["manager"]),
        internal,
        row["start_date"],
        row["end_date"],
        bool(row["is_bot"]),
        bool(row["opt_out_inference"]),
        bool(row["opt_out_visibility"]),
        aliases,
        roles,
        claims,
        merges,
    )


def _manager_named(conn: sqlite3.Connection, manager: str | None) -> str | None:
    """A manager as the directory gave them (its id, "e14"), with the name they are listed
    under when that id is a shown directory person's ("e14 (Omar Haddad)")."""
    if not manager:
        return manager
    row = conn.execute(
        f"SELECT p.display_name FROM aliases a JOIN {VISIBLE} p ON p.id = a.person_id"
        " WHERE a.kind = 'source_id' AND a.source = 'directory' AND a.value = ? LIMIT 2",
        (manager,),
    ).fetchall()
    return f"{manager} ({row[0][0]})" if len(row) == 1 else manager


def hidden_people_aliases(conn: sqlite3.Connection) -> dict[int, list[tuple[str, str]]]:
    """(kind, value) of the names, handles, emails and source ids of everyone who opted out:
    their mentions in other people's items are masked wherever text is shown or indexed."""
    found: dict[int, list[tuple[str, str]]] = {}
    for person_id, kind, value in conn.execute(
        "SELECT a.person_id, a.kind, a.value FROM aliases a JOIN persons p ON p.id = a.person_id"
        " WHERE (p.opt_out_inference = 1 OR p.opt_out_visibility = 1)"
        " AND a.kind IN ('name', 'handle', 'email', 'source_id')"
    ):
        found.setdefault(person_id, []).append((kind, value))
    for person_id, name in conn.execute(
        "SELECT id, display_name FROM persons WHERE opt_out_inference = 1 OR opt_out_visibility = 1"
    ):
        found.setdefault(person_id, []).append(("name", name))
    return found
