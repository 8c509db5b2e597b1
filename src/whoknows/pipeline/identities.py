"""Who a record names: the identities the writer resolves, from a contributor's reference or
a directory profile."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from whoknows.identity import Identity, IdentityResolver, Resolution, identity_keys
from whoknows.identity.addresses import addresses_in
from whoknows.identity.admin import merge_listed_addresses, merge_people, same_one, split_people
from whoknows.identity.keys import ANY_SOURCE
from whoknows.identity.reasons import ACCOUNT_ADDRESS
from whoknows.records import PersonRecord, PersonRef, Record
from whoknows.text import name_words


def identity_of(ref: PersonRef) -> Identity:
    return Identity(
        source=ref.source,
        native_id=ref.native_id,
        names=[ref.name] if ref.name else [],
        emails=[ref.email] if ref.email else [],
        handles=[ref.handle] if ref.handle else [],
        is_bot=ref.is_bot,
        account=ref.account,
        # ('"t.f@corvid.example" <tf@other.example>': the address its name gives, erased or not)
        linked_emails=[*ref.linked_emails, *addresses_in(ref.name or "")],
    )


def profile_identity(record: PersonRecord) -> Identity:
    """Who a profile says its person is: its reference with every name, address and handle."""
    ref = record.ref
    return Identity(
        source=ref.source,
        native_id=ref.native_id,
        names=_unique([ref.name, *record.names]),
        called=_unique(list(record.called)),
        emails=_unique([ref.email, *record.emails]),
        handles=_unique([ref.handle, *record.handles]),
        is_bot=ref.is_bot,
        account=ref.account or record.authoritative,
        directory=record.authoritative,
        linked_emails=[*ref.linked_emails, *(a for n in record.names for a in addresses_in(n))],
    )


def identities(record: Record) -> Iterator[Identity]:
    """The identities the writer resolves for ``record`` (a profile's, or each contributor's)."""
    if isinstance(record, PersonRecord):
        yield profile_identity(record)
    else:
        for contribution in record.contributions:
            yield identity_of(contribution.person)


def _account_only(conn: sqlite3.Connection, person_id: int, source: str) -> bool:
    """Whether ``person_id`` is known by nothing but names and ``source``'s own ids."""
    other = conn.execute(
        "SELECT 1 FROM aliases INDEXED BY aliases_person WHERE person_id = ? AND (kind = 'email'"
        " OR (kind NOT IN ('name', 'initials') AND source NOT IN (?, ?))) LIMIT 1",
        (person_id, source, ANY_SOURCE),
    ).fetchone()
    return other is None


def _unique(values: list[str | None]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return seen


def _sourced(handle: str) -> tuple[str, str, str]:
    """A directory's handle as (source, ":", key): "slack:mfaure" is Slack's, "mfaure" every
    source's (as the resolver keys them)."""
    return handle.rpartition(":")


def join_listed(
    conn: sqlite3.Connection,
    resolver: IdentityResolver,
    resolved: dict[PersonRef, tuple[int, int | None]],
    person_id: int,
    identity: Identity,
    now: str,
) -> None:
    """A directory entry's addresses are one person's: the people who held them before it
    are merged into ``person_id``, and the resolver and the ``resolved`` references follow."""
    keys = identity_keys(identity)
    handles = [(source or ANY_SOURCE, bare) for source, _, bare in map(_sourced, keys.handles)]
    merged = set(
        merge_listed_addresses(
            conn, person_id, list(keys.emails), list(identity.names), now, handles
        )
    )
    if merged:
        _followed(resolver, resolved, merged, person_id)


def _followed(
    resolver: IdentityResolver,
    resolved: dict[PersonRef, tuple[int, int | None]],
    merged: set[int],
    keep: int,
) -> None:
    """After ``merged`` were merged into ``keep``: the resolver reads the store again and the
    ``resolved`` references that named them name ``keep``."""
    resolver.reload()
    resolver.merges += len(merged)
    for ref, (person, alias) in list(resolved.items()):
        if person in merged:
            resolved[ref] = (keep, alias)


def joined_profile(
    conn: sqlite3.Connection,
    resolver: IdentityResolver,
    resolved: dict[PersonRef, tuple[int, int | None]],
    resolution: Resolution,
    authoritative: bool,
    identity: Identity,
) -> int:
    """The person a profile resolved to is, once the people its addresses name are joined: a
    directory entry's (:func:`join_listed`: whoever held them before it), or an account's own
    that gives its address (:func:`join_account_address`)."""
    person_id, now = resolution.person_id, resolver.now
    if authoritative:  # (its addresses are one person's, whoever held them before it)
        join_listed(conn, resolver, resolved, person_id, identity, now)
    elif identity.account and identity.emails and not resolution.created:
        return join_account_address(conn, resolver, resolved, person_id, identity, now)
    return person_id


def join_account_address(
    conn: sqlite3.Connection,
    resolver: IdentityResolver,
    resolved: dict[PersonRef, tuple[int, int | None]],
    person_id: int,
    identity: Identity,
    now: str,
) -> int:
    """The person an account's profile is: the one person who holds the address the account's
    own profile gives (a Teams member list's ``email``), when the account's messages were read
    before the list and made a person of it (the address, held already, could not become the
    account's alias: a département's network engineer was four people, his namesake's account,
    listed before any message of his, joined). Not out of an opt-out, nor from a directory
    entry of its own, a split made by hand, or a name that is not the holder's; and only an
    account that is nothing more: one joined by name to a person known by an address is that
    person, whom another's address cannot move (an attacker's namesakes at two firms)."""
    keys = identity_keys(identity)
    holders = {
        int(holder)
        for (holder,) in conn.execute(
            "SELECT DISTINCT person_id FROM aliases WHERE kind = 'email' AND source = ?"
            " AND key IN (SELECT value FROM json_each(?)) AND person_id != ?",
            (ANY_SOURCE, json.dumps(list(keys.emails)), person_id),
        )
    }
    if len(holders) != 1 or not _account_only(conn, person_id, identity.source):
        return person_id
    (holder,) = holders
    if split_people(conn, [holder, person_id]):
        return person_id
    words = {
        word
        for (name,) in conn.execute(
            "SELECT value FROM aliases WHERE person_id = ? AND kind = 'name'", (holder,)
        )
        for word in name_words(str(name))
    }
    if not same_one(conn, holder, person_id, words, set()):
        return person_id
    merge_people(conn, holder, person_id, now, ACCOUNT_ADDRESS % {"source": identity.source})
    _followed(resolver, resolved, {person_id}, holder)
    return holder
