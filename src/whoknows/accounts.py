"""User accounts and roles of the web app; passwords hashed with Argon2id."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from whoknows.errors import NotFoundError, UsageError
from whoknows.store.schema import MigrationSet
from whoknows.vocab import UserRole

ROLES = tuple(role.value for role in UserRole)
MIN_PASSWORD = 8
_HASHER = PasswordHasher()

ACCOUNTS = MigrationSet(
    "accounts",
    (
        (
            "0003_web",
            """
        CREATE TABLE IF NOT EXISTS users(
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'consultant', 'viewer', 'self')),
            person_id INTEGER REFERENCES persons(id) ON DELETE SET NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS audit_log(
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user_id INTEGER,
            username TEXT,
            action TEXT NOT NULL,
            person_id INTEGER,
            detail TEXT
        );
        """,
        ),
    ),
)


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: UserRole
    person_id: int | None

    def can(self, *roles: str) -> bool:
        return self.role in roles


def _user(row: tuple[int, str, str, int | None] | sqlite3.Row) -> User:
    return User(int(row[0]), str(row[1]), UserRole(row[2]), row[3])


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsageError(
            f"the password is shorter than {MIN_PASSWORD} characters", "choose a longer one"
        )
    return _HASHER.hash(password)


def create_user(
    conn: sqlite3.Connection,
    username: str,
    password: str,
    role: str,
    person_id: int | None,
    now: str,
) -> User:
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r}", f"choose one of: {', '.join(ROLES)}")
    if role == "self" and person_id is None:
        raise UsageError("a 'self' account needs --person", "link it to the person it belongs to")
    if not username.strip():
        raise UsageError("the username is empty")
    if conn.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
        raise UsageError(f"user {username!r} exists already", "choose another username")
    cursor = conn.execute(
        "INSERT INTO users(username, password_hash, role, person_id, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (username, hash_password(password), role, person_id, now),
    )
    assert cursor.lastrowid is not None
    return User(cursor.lastrowid, username, UserRole(role), person_id)


def authenticate(conn: sqlite3.Connection, username: str, password: str) -> User | None:
    row = conn.execute(
        "SELECT id, username, role, person_id, password_hash FROM users"
        " WHERE username = ? AND disabled = 0",
        (username,),
    ).fetchone()
    if row is None:
        _HASHER.hash(password)  # spend the same time whether the user exists or not
        return None
    try:
        _HASHER.verify(row[4], password)
    except (VerificationError, InvalidHashError):
        return None
    if _HASHER.check_needs_rehash(row[4]):
        conn.execute(
            "UPDATE users SET password_hash = ? WHERE id = ?", (_HASHER.hash(password), row[0])
        )
    return _user(row)


def get_user(conn: sqlite3.Connection, user_id: int) -> User | None:
    row = conn.execute(
        "SELECT id, username, role, person_id FROM users WHERE id = ? AND disabled = 0",
        (user_id,),
    ).fetchone()
    return _user(row) if row else None


def list_users(conn: sqlite3.Connection) -> list[User]:
    return [
        _user(row)
        for row in conn.execute(
            "SELECT id, username, role, person_id FROM users WHERE disabled = 0 ORDER BY username"
        )
    ]


def require_user(conn: sqlite3.Connection, username: str) -> User:
    row = conn.execute(
        "SELECT id, username, role, person_id FROM users WHERE username = ?", (username,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no user {username!r}", "see `whoknows users list`")
    return _user(row)
