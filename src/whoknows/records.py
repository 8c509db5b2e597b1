"""Records that connectors yield and the store consumes: the contract of the ingest stage.

Connectors only parse; they describe what they saw with these plain dataclasses and never touch
the store. Identity resolution turns each :class:`PersonRef` into a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from whoknows.vocab import ContributionRole


@dataclass(frozen=True)
class PersonRef:
    """How one source names a person: any of its native id, display name, email or handle."""

    source: str
    native_id: str | None = None
    name: str | None = None
    email: str | None = None
    handle: str | None = None
    is_bot: bool = False
    account: bool = False  # native ids are accounts: one id, one person (forums, chat)
    # addresses the source ties to this person without saying they are theirs (a mail's
    # Reply-To): they join no one, but an erased person's holds the record back as theirs
    linked_emails: tuple[str, ...] = ()


@dataclass
class Contribution:
    """A person's part in an item."""

    person: PersonRef
    role: ContributionRole
    weight: float = 1.0


@dataclass
class ItemRecord:
    """One unit of evidence (question, answer, comment, email, message, document, commit)."""

    source: str
    native_id: str
    kind: str
    text: str
    title: str | None = None
    date: datetime | None = None
    url: str | None = None
    thread_id: str | None = None
    parent_id: str | None = None
    context: str | None = None  # indexed with the item but not shown (e.g. the question title)
    tags: list[str] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    signals: dict[str, float] = field(default_factory=dict)
    meta: dict[str, object] = field(default_factory=dict)
    # when the source last changed it: an older version never replaces a newer one
    updated: datetime | None = None
    # when it was first written, where its source knows (a wiki page's first version; not
    # stored): a page expanded after a colleague copied it is still the original
    created: datetime | None = None


@dataclass
class PersonRecord:
    """What a source says about a person: profile, directory entry, recognition."""

    ref: PersonRef
    names: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    handles: list[str] = field(default_factory=list)
    title: str | None = None
    department: str | None = None
    manager: str | None = None
    location: str | None = None
    is_internal: bool | None = None
    start_date: str | None = None
    end_date: str | None = None
    skills: list[str] = field(default_factory=list)
    # names the person goes by by their own profile or the directory ("Joe Kamau" of Joseph
    # Kamau's "Joe"): a name a fragment may bear, never one an entry is joined by
    # (``identity.called_names``)
    called: list[str] = field(default_factory=list)
    about: str | None = None  # free-text self description (a claim source)
    recognition: dict[str, float] = field(default_factory=dict)
    # the organization's directory: its fields replace what other sources said, and its
    # handles match in every source
    authoritative: bool = False
    # the directory has an end-date column: an empty one says the person has not left (a
    # rehire clears the date an earlier export gave)
    states_end_date: bool = False


Record = ItemRecord | PersonRecord


# the bidirectional embeddings, overrides and isolates: shown as written they reorder what
# follows them ("Payroll export \u202eslx.exe" reads "Payroll export exe.xls", "Mal
# \u202eyrotS" reads "Mal Story"); a source's text is stored without them
_REORDERING = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _plain(text: str | None) -> str | None:
    return _REORDERING.sub("", text) if text and not text.isascii() else text


def _plain_ref(ref: PersonRef) -> PersonRef:
    if all(value is None or value.isascii() for value in (ref.name, ref.handle, ref.native_id)):
        return ref
    return replace(ref, name=_plain(ref.name), handle=_plain(ref.handle))


def without_reordering(record: Record) -> Record:
    """``record`` with no character that reorders how its text is shown, in its title, text,
    context, tags and people's names."""
    if isinstance(record, ItemRecord):
        names = (c.person.name or "" for c in record.contributions)
        written = "".join([record.title or "", record.text, record.context or "", *names])
        written += "".join(record.tags)
        if written.isascii() or not _REORDERING.search(written):
            return record
        return replace(
            record,
            title=_plain(record.title),
            text=_plain(record.text) or "",
            context=_plain(record.context),
            tags=[_plain(tag) or "" for tag in record.tags],
            contributions=[replace(c, person=_plain_ref(c.person)) for c in record.contributions],
        )
    return replace(
        record,
        ref=_plain_ref(record.ref),
        names=[_plain(name) or "" for name in record.names],
        title=_plain(record.title),
        department=_plain(record.department),
        about=_plain(record.about),
    )
