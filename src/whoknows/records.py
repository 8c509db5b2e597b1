"""Records that connectors yield and the store consumes: the contract of the ingest stage.

Connectors only parse; they describe what they saw with these plain dataclasses and never touch
the store. Identity resolution turns each :class:`PersonRef` into a person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    about: str | None = None  # free-text self description (a claim source)
    recognition: dict[str, float] = field(default_factory=dict)
    # the organization's directory: its fields replace what other sources said, and its
    # handles match in every source
    authoritative: bool = False
    # the directory has an end-date column: an empty one says the person has not left (a
    # rehire clears the date an earlier export gave)
    states_end_date: bool = False


Record = ItemRecord | PersonRecord
