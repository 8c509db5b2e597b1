"""What one record says about who a person is (an :class:`Identity`), and the normalised keys
and aliases the resolver compares and stores, computed from it alone (so anywhere: the spark
engine computes them next to the parsing, on the cluster)."""

from __future__ import annotations

from dataclasses import dataclass, field

from whoknows.identity.names import (
    forge_login,
    initials_key,
    name_key,
    normalize_email,
    normalize_handle,
)
from whoknows.text import fold_accents

ANY_SOURCE = "*"
LABEL = "label"  # a source-scoped display name, for references that have nothing else
DIRECTORY = "directory"  # the source of the people directory's ids
CALLED = "called"  # an alias kind: a name the person goes by (``PersonRecord.called``)


@dataclass
class Identity:
    """Everything one record says about who a person is."""

    source: str
    native_id: str | None = None
    names: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    handles: list[str] = field(default_factory=list)
    is_bot: bool = False
    account: bool = False  # one native id is one person: names never join two such ids
    directory: bool = False  # a directory entry: its handles hold for every source
    # addresses that join no one but name the person for erasure: a mail's Reply-To, an
    # address written as the display name ('"t.f@corvid.example" <tf@other.example>')
    linked_emails: list[str] = field(default_factory=list)
    called: list[str] = field(default_factory=list)  # (``PersonRecord.called``)


Signature = tuple[object, ...]


@dataclass(frozen=True)
class IdentityKeys:
    """The normalised keys resolving an identity compares, computed from it alone (so
    anywhere: the spark engine computes them next to the parsing, on the cluster)."""

    emails: tuple[str, ...]  # the normalised addresses, in order, unusable ones left out
    handles: tuple[str, ...]  # the normalised handles, likewise
    names: tuple[tuple[str, str | None, str | None], ...]  # (name, name_key, initials_key)
    label: str | None
    aliases: tuple[tuple[str, str, str, str], ...]  # alias_keys(identity)


def identity_keys(identity: Identity) -> IdentityKeys:
    return IdentityKeys(
        emails=tuple(k for e in identity.emails if (k := normalize_email(e))),
        handles=tuple(k for h in identity.handles if (k := normalize_handle(h))),
        names=tuple((n, name_key(n), initials_key(n)) for n in identity.names),
        label=label_key(identity),
        aliases=tuple(alias_keys(identity)),
    )


def signature(identity: Identity) -> Signature:
    """What :func:`identity_keys` reads of an identity: equal signatures, equal keys."""
    return (
        identity.source,
        identity.native_id,
        tuple(identity.names),
        tuple(identity.called),
        tuple(identity.emails),
        tuple(identity.handles),
        identity.directory,
    )


def alias_keys(identity: Identity) -> list[tuple[str, str, str, str]]:
    """(kind, source, value as seen, key) of every alias an identity brings, strongest first.

    An identity without id, email or handle also gets a source-scoped ``label`` alias from
    its display name, so that the next ingest finds the same person again.
    """
    wanted: list[tuple[str, str, str, str]] = []
    if identity.native_id is not None:
        wanted.append(("source_id", identity.source, identity.native_id, identity.native_id))
    for email in identity.emails:
        if key := normalize_email(email):
            wanted.append(("email", ANY_SOURCE, email, key))
        if forge := forge_login(email):  # (the account's login on its forge: rule 3 finds it)
            wanted.append(("handle", forge[0], forge[1], forge[1]))
    handle_source = ANY_SOURCE if identity.directory else identity.source
    for handle in identity.handles:
        if key := normalize_handle(handle):
            source, _, bare = key.rpartition(":") if identity.directory else ("", "", key)
            wanted.append(("handle", source or handle_source, handle, bare or key))
    for name in identity.names:
        if key := name_key(name):
            wanted.append(("name", ANY_SOURCE, name, key))
        if key := initials_key(name):
            wanted.append(("initials", ANY_SOURCE, name, key))
    for name in identity.called:
        if key := name_key(name):
            wanted.append((CALLED, ANY_SOURCE, name, key))
    label = label_key(identity)
    if label is not None:
        value = next((n for n in identity.names if n.strip()), label)
        wanted.append((LABEL, identity.source, value, label))
    return wanted


def label_key(identity: Identity) -> str | None:
    """The folded display name of an identity without id, email or handle; else None."""
    if identity.native_id is not None:
        return None
    if any(normalize_email(e) for e in identity.emails):
        return None
    if any(normalize_handle(h) for h in identity.handles):
        return None
    names = [" ".join(fold_accents(n).lower().split()) for n in identity.names]
    return next((n for n in names if n), "")
