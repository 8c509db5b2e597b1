"""Limits on every text a user can type (web forms, the JSON API, the CLI), and the one check
that applies them: stripped, not empty, not too long, and text (no control characters other
than tabs and newlines, no lone surrogates, which SQLite and UTF-8 cannot store)."""

from __future__ import annotations

import re

from whoknows.errors import UsageError
from whoknows.i18n import N_, Term

MAX_COMMENT = 10_000
MAX_NAME = 200  # a display name, a person reference ("Inès Moreau" or an id)
MAX_EMAIL = 320
MAX_USERNAME = 64
MIN_PASSWORD = 8
MAX_PASSWORD = 1_024  # Argon2 hashes any length: a bound keeps a login cheap to refuse
MAX_TOPIC = 200  # a topic or skill (claims, hidden topics, topic maps)
MAX_QUERY = 500  # a search query
MAX_FILTER = 100  # a source, department or date filter
MAX_NOTICE = 40  # a notice key

# a topic or question of stopwords, numbers or signs alone ("the", "???")
NO_WORDS = N_("%(text)s has no searchable words")
NAME_A_TOPIC = N_('name a topic, e.g. "kafka"')

# the names of the texts that are checked, as error messages say them
FIELDS = (
    N_("username"),
    N_("person"),
    N_("comment"),
    N_("author name"),
    N_("skill"),
    N_("topic"),
    N_("status"),
)
# control characters, lone surrogates, and the bidirectional embeddings, overrides and
# isolates that make text display in another order than it reads ("a\u202eb": spoofing);
# the plain marks (U+200E, U+200F) that mixed-direction text needs stay
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def is_text(value: str) -> bool:
    """False when ``value`` holds control characters (other than tab, CR, LF), lone
    surrogates or bidirectional overrides."""
    return _NOT_TEXT.search(value) is None


def require_text(value: str) -> None:
    """A one-line UsageError when ``value`` (a question, a text to match, of any length)
    holds what is not text: bytes a terminal passed that are not UTF-8 (lone surrogates),
    control characters."""
    if not is_text(value):
        raise UsageError(
            N_(
                "the text holds characters that are not text (control or direction-override"
                " characters, or bytes that are not UTF-8)"
            ),
            N_("type it again as UTF-8 text"),
        )


def check_text(value: str, what: str, limit: int, required: bool = True) -> str:
    """``value`` stripped, or a one-line UsageError saying what is wrong with it."""
    stripped = value.strip()
    name = Term(what)
    if required and not stripped:
        raise UsageError(N_("the %(what)s is empty"), N_("type a %(what)s"), what=name)
    if len(stripped) > limit:
        raise UsageError(
            N_("the %(what)s is longer than %(limit)s characters"),
            N_("shorten it"),
            what=name,
            limit=f"{limit:,}",
        )
    if not is_text(stripped):
        raise UsageError(
            N_("the %(what)s holds characters that are not text"), N_("remove them"), what=name
        )
    return stripped
