"""Tombstones: what erasure leaves so that later ingests never bring the person back.

A tombstone row is a keyed hash (BLAKE2b, with a random per-workspace salt) of one alias key
of an erased person (kind, source, normalised key) or of one term that mentions them (see
:mod:`whoknows.privacy.masking`); never the plain value. The ingest writer loads them
(:meth:`Tombstones.load`) and drops every person record and contribution whose identity has a
buried alias key, and masks the buried mentions in every item it writes.

The salt lives in the store (``meta``), next to the hashes: a copy of the database keeps its
erasures working. It stops precomputed tables, not someone holding the file who guesses a
name and hashes it; the threat it addresses is keeping plain names.
"""

from __future__ import annotations

import html
import re
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from whoknows.identity.keys import ANY_SOURCE, CALLED, LABEL, Identity, alias_keys
from whoknows.identity.likely_same import login_keys
from whoknows.identity.names import first_and_initial, name_key, normalize_email, normalize_handle
from whoknows.privacy.masking import MentionMatcher
from whoknows.privacy.mentions import MentionTerms, digest, opaque_id
from whoknows.text import (
    REPLY_PREFIX,
    fold_accents,
    strip_marks,
    thread_subject,
    without_format_characters,
)

SALT_KEY = "tombstone_salt"
ALIAS = "alias"
THREAD = "thread"  # a thread an erased person began: its replies carry its title
TITLE = "title"  # its subject: a reply that names no thread quotes it ("Re: ...")
ITEM = "item"  # what they alone wrote: a later export may credit it to no one ("ghost")
SUBJECT_WORDS = 4  # a title or subject of fewer words is anyone's ("Re: question")


def salt_of(conn: sqlite3.Connection, create: bool = False) -> bytes | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (SALT_KEY,)).fetchone()
    if row is not None:
        return bytes.fromhex(row[0])
    if not create:
        return None
    salt = secrets.token_bytes(32)
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (SALT_KEY, salt.hex()))
    return salt


def identity_keys(identity: Identity) -> list[tuple[str, str, str]]:
    """The (kind, source, key) an erased person can be recognised by in ``identity``: every
    alias key, initials included ("I. Moreau": for erasure, blocking a namesake is the better
    failure), and the variants exports write: a name with a suffix ("Inès Moreau (Finance)"),
    a handle or id written alone, an email at another address."""
    keys = []
    for kind, source, value, key in alias_keys(identity):
        if kind == "initials" and not _initials_form(value):
            continue  # ("Pradeep Raman" is not "Priya Raman", erased; "P. Raman" may be)
        keys.append((kind, source, key))
        if not value.isascii() and (legacy := _legacy_key(kind, value)) not in (None, key):
            keys.append((kind, source, legacy))  # a tombstone made before transliteration
        if kind == "handle":  # a handle the directory declared holds for every source
            keys.append((kind, ANY_SOURCE, key))
    for name in identity.names:  # "Inès Moreau (she/her)", "Inès Moreau Finance"
        keys += [("name", ANY_SOURCE, key) for key in _name_variants(name)]
        if (initials := _monsieur_initials(name)) is not None:
            keys.append(("initials", ANY_SOURCE, initials))
        if (initials := _surname_first(name)) is not None:
            keys.append(("initials", ANY_SOURCE, initials))
    # an author known only as "imoreau" (a name or a raw id of one token) may be the handle
    # an erased person had in another source
    for value in [*identity.names, identity.native_id or ""]:
        if (bare := _bare_handle(value)) is not None:
            keys.append(("handle", ANY_SOURCE, bare))
    for email in identity.emails:  # "imoreau+x@gmail.com": her handle at another address
        local = email.strip().partition("@")[0].partition("+")[0]
        if len(local) >= 4 and (bare := _bare_handle(local)) is not None:
            keys.append(("handle", ANY_SOURCE, bare))
    keys += [("name", ANY_SOURCE, key) for key in _initialled_names(identity)]
    # (a login with a team's affix, "lfontaine-acme": a privacy officer's came back so)
    keys += [("handle", ANY_SOURCE, key) for h in identity.handles for key in login_keys(h)]
    return keys


def _initialled_names(identity: Identity) -> list[str]:
    """The full names a "First L." name and an address spelling them say ("Laure F."
    <laurefontaine69@gmail.com>: Laure Fontaine, erased, is refused as her full name is;
    ``identity.initialled`` joins such a person to her entry, an attacker's came back so)."""
    keys = []
    for name in identity.names:
        if (found := first_and_initial(name)) is None:
            continue
        first, initial = found
        for email in identity.emails:
            local = fold_accents(email.partition("@")[0]).lower()
            parts = [part for part in re.split(r"[^a-z]+", local) if part]
            rest = (
                parts[1:]
                if parts[:1] == [first]
                else (
                    [parts[0][len(first) :], *parts[1:]]
                    if parts and parts[0].startswith(first)
                    else []
                )
            )
            if rest and rest[0].startswith(initial) and (key := name_key(f"{first} {rest[0]}")):
                keys.append(key)
    return keys


def _initials_form(name: str) -> bool:
    """Whether ``name`` gives its first name as an initial ("P. Raman", "Raman, P.", "PR
    Raman"): it may be anyone of that initial and surname."""
    tokens = fold_accents(name).replace(".", " ").replace(",", " ").split()
    return len(tokens) < 2 or any(len(token) <= 2 and token.isupper() for token in tokens)


def _surname_first(name: str) -> str | None:
    """The initials key of a name written surname first, initials after, as PubMed and
    Vancouver write it ("Raman P", "Raman PK": Priya Raman, erased, "p raman")."""
    tokens = fold_accents(name).replace(".", " ").replace(",", " ").split()
    if len(tokens) != 2 or not (tokens[1].isupper() and len(tokens[1]) <= 3):
        return None
    surname = tokens[0].lower()
    return f"{tokens[1][0].lower()} {surname}" if len(surname) >= 2 and surname.isalpha() else None


def _monsieur_initials(name: str) -> str | None:
    """The initials key of a name the identity rules read with a French title: "M. Weber"
    is Monsieur Weber to them, and may be Max Weber, erased ("m weber")."""
    tokens = fold_accents(name).lower().replace(".", " ").replace(",", " ").split()
    if len(tokens) != 2 or "m" not in tokens:  # ("Weber, M.", "Weber M" too)
        return None
    surname = tokens[1] if tokens[0] == "m" else tokens[0]
    return f"m {surname}" if len(surname) >= 2 and surname.isalpha() else None


_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]|\s[-|–—/]\s.*$")


def _name_variants(name: str) -> set[str]:
    """Name keys of ``name`` without its asides ("(Finance)", " - Sales") and of each two
    neighbouring words of a longer name."""
    found = set()
    if (key := name_key(_ASIDE.sub(" ", name))) is not None:
        found.add(key)
    tokens = [t for t in re.split(r"[\s\-]+", _ASIDE.sub(" ", name)) if t]  # "Moreau-Dupont"
    for first, second in pairwise(tokens):
        if (key := name_key(f"{first} {second}")) is not None:
            found.add(key)
    return found


def handles_of(names: Iterable[str], emails: Iterable[str]) -> set[str]:
    """The handles an erased person may appear as where only a handle is written: their name
    joined ("ines.moreau", "inesmoreau", "moreau_ines"), their emails' local parts."""
    found = set()
    for name in names:
        tokens = [t for t in _ASIDE.sub(" ", fold_accents(name).lower()).split() if t]
        if len(tokens) == 2 and min(len(t) for t in tokens) >= 2:
            for first, last in (tokens, tokens[::-1]):
                found |= {joint.join((first, last)) for joint in ("", ".", "_", "-")}
                found.add(first[:1] + last)  # ("lfontaine", as a login spells her name)
    for email in emails:
        local = email.strip().partition("@")[0].partition("+")[0].lower()
        if len(local) >= 4:
            found.add(local)
    return {bare for value in found if (bare := _bare_handle(value)) is not None}


def _bare_handle(value: str) -> str | None:
    """A display name of one token that may be a handle seen elsewhere (no spaces; an
    invisible character inside is no space: "Luka\u200bSchmidt" is "lukaschmidt")."""
    token = without_format_characters(value).strip()
    if not token or any(c.isspace() for c in token) or "@" in token.lstrip("@"):
        return None
    return normalize_handle(token)


def buried_keys(
    rows: Iterable[tuple[str, str, str]], terms: MentionTerms | None = None
) -> list[tuple[str, str, str]]:
    """The alias keys (kind, source, key) an erased person is buried by: each of theirs, and
    each handle for every source too, so that a later export naming them only by that handle
    (a JSON-lines author "imoreau") is recognised; with their mention ``terms``, also the
    handles their name and emails make (:func:`handles_of`)."""
    keys = list(rows)
    if terms is not None:
        keys += [("handle", ANY_SOURCE, h) for h in handles_of(terms.names, terms.emails)]
        # every name they were known by ("Nessie K", from a "Name <email>" id) as a name key
        keys += [("name", ANY_SOURCE, k) for n in terms.names if (k := name_key(n)) is not None]
    keys += [("handle", ANY_SOURCE, key) for kind, _, key in keys if kind == "handle"]
    # (a name they went by, "Joe Kamau": a later byline of it is theirs)
    keys += [("name", ANY_SOURCE, key) for kind, _, key in keys if kind == CALLED]
    keys += [  # a chat user id written as an author elsewhere ("U001CORV")
        ("handle", ANY_SOURCE, bare)
        for kind, _, key in keys
        if kind == "source_id" and opaque_id(key) and (bare := normalize_handle(key))
    ]
    return keys


def _legacy_key(kind: str, value: str) -> str | None:
    if kind == "name":
        return name_key(value, fold=strip_marks)
    if kind == LABEL:
        return " ".join(strip_marks(value).lower().split())
    return None


def alias_digest(salt: bytes, kind: str, source: str, key: str) -> str:
    return digest(salt, ALIAS, f"{kind}\x1f{source}\x1f{key}")


def bury(
    conn: sqlite3.Connection,
    now: str,
    keys: Iterable[tuple[str, str, str]],
    terms: MentionTerms,
) -> int:
    """Write the tombstones of one erased person; return how many rows are new."""
    salt = salt_of(conn, create=True)
    assert salt is not None
    rows = {(ALIAS, alias_digest(salt, *key)) for key in keys}
    rows |= terms.hashed(salt)
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO tombstones(kind, digest, created_at) VALUES (?, ?, ?)",
        [(kind, value, now) for kind, value in sorted(rows)],
    )
    return conn.total_changes - before


_LAST: tuple[tuple[object, ...], Tombstones | None] | None = None  # the last read, by version


@dataclass
class Tombstones:
    """The tombstones of a workspace, loaded once per ingest or erasure."""

    salt: bytes
    aliases: frozenset[str]
    mentions: MentionMatcher
    threads: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    items: frozenset[str] = frozenset()

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> Tombstones | None:
        """The workspace's tombstones, or None when nobody was ever erased. Read again only
        when rows were added (they are never removed): every audit entry and comment asks."""
        global _LAST
        salt = salt_of(conn)
        if salt is None:
            return None
        where = conn.execute("PRAGMA database_list").fetchone()[2]  # (the database's file)
        counted = conn.execute("SELECT COUNT(*), MAX(rowid) FROM tombstones").fetchone()
        version = (where, salt, *counted)
        last = _LAST
        if last is not None and last[0] == version:
            return last[1]
        aliases: set[str] = set()
        threads: set[str] = set()
        titles: set[str] = set()
        items: set[str] = set()
        mentions: set[tuple[str, str]] = set()
        for kind, value in conn.execute("SELECT kind, digest FROM tombstones"):
            if kind == ALIAS:
                aliases.add(value)
            elif kind == THREAD:
                threads.add(value)
            elif kind == TITLE:
                titles.add(value)
            elif kind == ITEM:
                items.add(value)
            else:
                mentions.add((kind, value))
        matcher = MentionMatcher(salt, mentions)
        loaded = cls(salt, frozenset(aliases), matcher, *map(frozenset, (threads, titles, items)))
        found = loaded if aliases or mentions or threads or titles or items else None
        _LAST = (version, found)
        return found

    def erased(self, identity: Identity, by_name: bool = True) -> bool:
        """Whether any alias key of ``identity`` belongs to an erased person (without
        ``by_name``, its ids, emails and handles only), or any address linked to it."""
        if by_name:
            keys = identity_keys(identity)
        else:
            held = ("source_id", "email", "handle")
            keys = [(k, source, key) for k, source, _, key in alias_keys(identity) if k in held]
        # an erased address the record ties to the person without saying it is theirs (a
        # mail's Reply-To, an address as its display name) is theirs for erasure too
        keys += [
            ("email", ANY_SOURCE, k) for e in identity.linked_emails if (k := normalize_email(e))
        ]
        return any(alias_digest(self.salt, *key) in self.aliases for key in keys)

    def mask(self, text: str | None) -> str | None:
        return self.mentions.mask(text)

    def began_thread(self, thread_uid: str | None) -> bool:
        """Whether an erased person began the thread (``source:thread id``, mentions masked):
        its replies keep no title or context, which are the erased opener's words."""
        return thread_uid is not None and thread_digest(self.salt, thread_uid) in self.threads

    def wrote(self, uid: str) -> bool:
        """Whether an erased person alone wrote the item (``source:id``, mentions masked),
        whoever a later export credits it to (a deleted account, an anonymised one)."""
        return digest(self.salt, ITEM, uid) in self.items

    def quotes_subject(self, title: str | None, context: str | None) -> bool:
        """Whether an item quotes the subject of a thread an erased person began, as a reply
        that names no thread does: its title with a reply mark ("Re: ..."), or the subject
        copied into its context."""
        if not self.titles:
            return False
        quoted = [context.partition("\n")[0]] if context else []
        if title and REPLY_PREFIX.match(title):
            quoted.append(title)
        return any(
            (words := subject_words(text)) is not None
            and digest(self.salt, TITLE, words) in self.titles
            for text in quoted
        )


def plain_words(text: str) -> str:
    """``text`` as its words in lower case, one space apart (HTML entities read)."""
    return " ".join(re.findall(r"\w+", html.unescape(text).casefold()))


def subject_words(subject: str) -> str | None:
    """A subject's words without reply marks (:func:`plain_words`); None under
    :data:`SUBJECT_WORDS` words."""
    words = plain_words(thread_subject(subject))
    return words if len(words.split()) >= SUBJECT_WORDS else None


def bury_terms(conn: sqlite3.Connection, now: str, kind: str, terms: Iterable[str]) -> int:
    """Write the tombstones of ``terms`` of ``kind`` (keyed hashes); return how many are new."""
    salt = salt_of(conn, create=True)
    assert salt is not None
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO tombstones(kind, digest, created_at) VALUES (?, ?, ?)",
        [(kind, digest(salt, kind, term), now) for term in sorted(set(terms))],
    )
    return conn.total_changes - before


def bury_items(conn: sqlite3.Connection, now: str, uids: Iterable[str]) -> int:
    """Write the tombstones of the items an erased person alone wrote."""
    return bury_terms(conn, now, ITEM, uids)


def bury_subjects(conn: sqlite3.Connection, now: str, subjects: Iterable[str]) -> int:
    """Write the tombstones of the subjects of threads an erased person began."""
    words = (found for subject in subjects if (found := subject_words(subject)) is not None)
    return bury_terms(conn, now, TITLE, words)


def thread_digest(salt: bytes, thread_uid: str) -> str:
    return digest(salt, THREAD, thread_uid)


def bury_threads(conn: sqlite3.Connection, now: str, thread_uids: Iterable[str]) -> int:
    """Write the tombstones of threads an erased person began; return how many are new."""
    return bury_terms(conn, now, THREAD, thread_uids)
