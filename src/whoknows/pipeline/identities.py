"""Who a record names: the identities the writer resolves, from a contributor's reference or
a directory profile."""

from __future__ import annotations

from collections.abc import Iterator

from whoknows.identity import Identity
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
