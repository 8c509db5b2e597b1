"""Who a record names: the identities the writer resolves, from a contributor's reference or
a directory profile."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from whoknows.identity import Identity, IdentityResolver, identity_keys
from whoknows.identity.addresses import addresses_in
from whoknows.identity.admin import merge_listed_addresses
from whoknows.identity.keys import ANY_SOURCE
from whoknows.records import PersonRecord, PersonRef, Record


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
        resolver.reload()
        resolver.merges += len(merged)
        for ref, (person, alias) in list(resolved.items()):
            if person in merged:
                resolved[ref] = (person_id, alias)
