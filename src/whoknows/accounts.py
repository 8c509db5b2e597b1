"""User accounts and roles of the web app; passwords hashed with Argon2id. Accounts can be
disabled (kept, cannot log in), deleted, and have their password reset; each of these ends
the account's sessions (``whoknows.sessions``)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from whoknows.errors import NotFoundError, UsageError
from whoknows.i18n import N_
from whoknows.limits import MAX_PASSWORD, MAX_USERNAME, MIN_PASSWORD, check_text, is_text
from whoknows.sessions import SESSIONS_STEP, revoke_user
from whoknows.store.schema import MigrationSet
from whoknows.vocab import UserRole

ROLES = tuple(role.value for role in UserRole)
_HASHER = PasswordHasher()
_COLUMNS = "u.id, u.username, u.role, u.person_id, COALESCE(p.display_name, u.username)"
_FROM = "FROM users u LEFT JOIN persons p ON p.id = u.person_id"

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
        SESSIONS_STEP,
    ),
)


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: UserRole
    person_id: int | None
    display_name: str = ""  # the linked person's name, else the username; never an email

    def can(self, *roles: str) -> bool:
        return self.role in roles

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username


@dataclass(frozen=True)
class Account:
    """An account as the admin page lists it."""

    user: User
    disabled: bool
    created_at: str


def _user(row: tuple[int, str, str, int | None, str] | sqlite3.Row) -> User:
    return User(int(row[0]), str(row[1]), UserRole(row[2]), row[3], str(row[4]))


# ASCII letters, digits and a few signs only: "ａｄｍｉｎ", "admın" or "admin" with a
# zero-width space would each pass for the account "admin" (a comment's author is shown by
# account name)
_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+\-]*")


def check_username(username: str) -> str:
    checked = check_text(username, "username", MAX_USERNAME)
    if not _USERNAME.fullmatch(checked):
        raise UsageError(
            N_("the username %(username)s holds other characters than a-z, 0-9 and . _ @ + -"),
            N_(
                "choose one of those characters only (look-alike letters could pass for another"
                " account)"
            ),
            username=repr(checked[:40]),
        )
    return checked


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsageError(
            N_("the password is shorter than %(count)s characters"),
            N_("choose a longer one"),
            count=MIN_PASSWORD,
        )
    if len(password) > MAX_PASSWORD or not is_text(password):
        raise UsageError(
            N_("the password is longer than %(count)s characters or holds control characters"),
            N_("choose another one"),
            count=MAX_PASSWORD,
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
        raise UsageError(
            N_("unknown role %(role)s"),
            N_("choose one of: %(roles)s"),
            role=repr(role),
            roles=", ".join(ROLES),
        )
    if role == "self" and person_id is None:
        raise UsageError(
            N_("a 'self' account needs --person"), N_("link it to the person it belongs to")
        )
    username = check_username(username)
    # "U1" beside "u1" would let one account pass for another: names differ beyond case
    taken = conn.execute(
        "SELECT username FROM users WHERE lower(username) = lower(?)", (username,)
    ).fetchone()
    if taken:
        raise UsageError(
            N_("user %(username)s exists already"),
            N_("choose another username"),
            username=repr(taken[0]),
        )
    cursor = conn.execute(
        "INSERT INTO users(username, password_hash, role, person_id, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (username, hash_password(password), role, person_id, now),
    )
    assert cursor.lastrowid is not None
    user = get_user(conn, cursor.lastrowid)
    assert user is not None
    return user


def authenticate(conn: sqlite3.Connection, username: str, password: str) -> User | None:
    if len(password) > MAX_PASSWORD or len(username) > MAX_USERNAME:
        return None
    row = conn.execute(
        f"SELECT {_COLUMNS}, u.password_hash {_FROM} WHERE u.username = ? AND u.disabled = 0",
        (username,),
    ).fetchone()
    if row is None:
        _HASHER.hash(password)  # spend the same time whether the user exists or not
        return None
    try:
        _HASHER.verify(row[5], password)
    except (VerificationError, InvalidHashError):
        return None
    if _HASHER.check_needs_rehash(row[5]):
        conn.execute(
            "UPDATE users SET password_hash = ? WHERE id = ?", (_HASHER.hash(password), row[0])
        )
    return _user(row)


def get_user(conn: sqlite3.Connection, user_id: int) -> User | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} {_FROM} WHERE u.id = ? AND u.disabled = 0", (user_id,)
    ).fetchone()
    return _user(row) if row else None


def list_users(conn: sqlite3.Connection) -> list[User]:
    """Accounts that may log in."""
    return [a.user for a in list_accounts(conn) if not a.disabled]


def list_accounts(conn: sqlite3.Connection) -> list[Account]:
    """Every account, disabled ones too."""
    return [
        Account(_user(row), bool(row[5]), str(row[6]))
        for row in conn.execute(
            f"SELECT {_COLUMNS}, u.disabled, u.created_at {_FROM} ORDER BY u.username"
        )
    ]


def require_user(conn: sqlite3.Connection, username: str) -> User:
    row = conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE u.username = ?", (username,)).fetchone()
    if row is None:
        raise NotFoundError(
            N_("no user %(username)s"), N_("see `whoknows users list`"), username=repr(username)
        )
    return _user(row)


def set_disabled(conn: sqlite3.Connection, username: str, disabled: bool) -> User:
    user = require_user(conn, username)
    conn.execute("UPDATE users SET disabled = ? WHERE id = ?", (int(disabled), user.id))
    if disabled:
        revoke_user(conn, user.id)
    return user


def delete_user(conn: sqlite3.Connection, username: str) -> User:
    user = require_user(conn, username)
    revoke_user(conn, user.id)
    conn.execute("DELETE FROM users WHERE id = ?", (user.id,))
    return user


def set_password(conn: sqlite3.Connection, username: str, password: str) -> User:
    """A new password; every session of the account ends."""
    user = require_user(conn, username)
    conn.execute(
        "UPDATE users SET password_hash = ? WHERE id = ?", (hash_password(password), user.id)
    )
    revoke_user(conn, user.id)
    return user
