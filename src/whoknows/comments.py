"""Comments on portfolios and engagements: limited safe HTML, emails never shown."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from html import unescape

import nh3

from whoknows.errors import NotFoundError, UsageError
from whoknows.i18n import N_
from whoknows.limits import MAX_COMMENT, MAX_NAME, check_text
from whoknows.privacy.tombstones import Tombstones
from whoknows.store.schema import MigrationSet
from whoknows.text import safe_url

ALLOWED_TAGS = {
    "a",
    "abbr",
    "acronym",
    "b",
    "blockquote",
    "cite",
    "code",
    "del",
    "em",
    "i",
    "q",
    "strike",
    "strong",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "acronym": {"title"},
    "blockquote": {"cite"},
    "del": {"datetime"},
    "q": {"cite"},
}
TARGETS = ("person", "engagement")
COMMENTS = MigrationSet(
    "comments",
    (
        (
            "0003_web_comments",
            """
        CREATE TABLE IF NOT EXISTS comments(
            id INTEGER PRIMARY KEY,
            target_type TEXT NOT NULL,     -- person, engagement
            target_id INTEGER NOT NULL,
            author_name TEXT NOT NULL,
            author_email TEXT NOT NULL,    -- never shown to anyone
            author_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            body_html TEXT NOT NULL,       -- sanitised when stored
            status TEXT NOT NULL DEFAULT 'visible' CHECK (status IN ('visible', 'hidden')),
            created_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS comments_target ON comments(target_type, target_id);
        """,
        ),
        (
            # an id is never given again once its comment is deleted (an erasure deletes the
            # person's comments): an old link or audit entry must not point to another one
            "0012_comment_ids_never_reused",
            """
        CREATE TABLE comments_next(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            target_type TEXT NOT NULL,
            target_id INTEGER NOT NULL,
            author_name TEXT NOT NULL,
            author_email TEXT NOT NULL,
            author_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            body_html TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'visible' CHECK (status IN ('visible', 'hidden')),
            created_at TEXT NOT NULL
        );
        INSERT INTO comments_next SELECT id, target_type, target_id, author_name,
            author_email, author_user_id, body_html, status, created_at FROM comments;
        DROP TABLE comments;
        ALTER TABLE comments_next RENAME TO comments;
        CREATE INDEX comments_target ON comments(target_type, target_id);
        """,
        ),
    ),
)
MAX_LENGTH = MAX_COMMENT
URL_ATTRIBUTES = frozenset({"href", "cite"})


@dataclass(frozen=True)
class Comment:
    id: int
    target_type: str
    target_id: int
    author: str  # the commenting account's display name; never an email address
    html: str  # sanitised when stored
    status: str
    created_at: str


def _url_filter(tag: str, attribute: str, value: str) -> str | None:
    """URLs (``href``, ``cite``) pass the same allow-list as every URL the app renders:
    absolute http, https or mailto only (no ``javascript:``, ``data:`` or ``//host``)."""
    return safe_url(value) if attribute in URL_ATTRIBUTES else value


def sanitize(html: str) -> str:
    """Keep only the allowed tags and attributes; links get rel="nofollow noopener"."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        link_rel="nofollow noopener",
        url_schemes={"http", "https", "mailto"},
        strip_comments=True,
        attribute_filter=_url_filter,
    )


def add_comment(
    conn: sqlite3.Connection,
    target_type: str,
    target_id: int,
    author: str,
    text: str,
    user_id: int | None,
    now: str,
) -> Comment:
    """Store a comment by ``author`` (the account's display name). The email column of older
    comments is kept for erasure; new comments store none."""
    if target_type not in TARGETS:
        raise UsageError(
            N_("comments go on %(targets)s, not %(target)s"),
            N_("comment on one of these"),
            targets=", ".join(TARGETS),
            target=repr(target_type),
        )
    name = check_text(author, "author name", MAX_NAME)
    body = sanitize(check_text(text, "comment", MAX_LENGTH))
    stones = Tombstones.load(conn)  # (an erased person named in a new comment is masked too)
    if stones is not None:
        body = stones.mask(body) or ""
    # an entity ("&#x202e;") must not bring what the text itself may not hold
    check_text(unescape(body), "comment", len(body))
    cursor = conn.execute(
        "INSERT INTO comments(target_type, target_id, author_name, author_email,"
        " author_user_id, body_html, created_at) VALUES (?, ?, ?, '', ?, ?, ?)",
        (target_type, target_id, name, user_id, body, now),
    )
    assert cursor.lastrowid is not None
    return Comment(cursor.lastrowid, target_type, target_id, name, body, "visible", now)


def list_comments(
    conn: sqlite3.Connection, target_type: str, target_id: int, include_hidden: bool = False
) -> list[Comment]:
    sql = (
        "SELECT id, target_type, target_id, author_name, body_html, status, created_at"
        " FROM comments WHERE target_type = ? AND target_id = ?"
    )
    if not include_hidden:
        sql += " AND status = 'visible'"
    return [Comment(*row) for row in conn.execute(sql + " ORDER BY id", (target_type, target_id))]


def moderate(conn: sqlite3.Connection, comment_id: int, status: str) -> None:
    if status not in {"visible", "hidden"}:
        raise UsageError(
            N_("unknown status %(status)s"), N_("use visible or hidden"), status=repr(status)
        )
    if (
        conn.execute("UPDATE comments SET status = ? WHERE id = ?", (status, comment_id)).rowcount
        == 0
    ):
        raise NotFoundError(N_("no comment %(id)s"), id=comment_id)
