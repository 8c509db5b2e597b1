"""Who wrote a document when its metadata says otherwise.

Office copies a template's ``creator`` into every file made from it: a consultancy's assistant,
who made the firm's template, was the "author" of fourteen deliverables on nine subjects (IFRS
16, VAT, payroll, BIM…) and among the first three on 18 of 31 questions, while the writers
were only their last editors, or the partner who proofread them. Two things tell the writer
apart:

- **a byline** where the document opens ("Note méthodologique rédigée par Thomas Vermeulen",
  "Préparé par …", "Auteur : …", "Written by …", "Opgesteld door …", "Erstellt von …"): the
  person it names wrote it, whoever the metadata says;
- **a template's owner**: a creator whose files were last saved, all but a fifth of them, by
  others, three people or more (the writers, each saving their own): the creator is the
  template's, no writer of any, and who saved each file last wrote it (as when the creator is
  a placeholder, "Microsoft Office User"). One writer whose reports one or two reviewers save
  last is no such owner.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from whoknows.ingest._office import Document
from whoknows.records import Contribution, ItemRecord
from whoknows.vocab import ContributionRole

BYLINE_CHARACTERS = 300  # where a document opens
TEMPLATE_FILES = 5
TEMPLATE_SHARE = 0.8  # of the creator's files last saved by someone else
TEMPLATE_EDITORS = 3  # distinct people who saved them last

_CAPITAL = r"[A-ZÀ-ÖØ-Þ][\w'’-]+"
_PARTICLE = r"(?:(?:de|van|von|le|la|du|der|den|ter|ten)[ \t]+){0,2}"
_NAME = rf"(?-i:{_CAPITAL}(?:[ \t]+{_PARTICLE}{_CAPITAL}){{1,2}})"
_BYLINE = re.compile(
    r"\b(?:r[ée]dig[ée]e?s?|pr[ée]par[ée]e?s?|[ée]tabli[es]{0,2}|[ée]crit[es]{0,2}|written|"
    r"prepared|authored|compiled|opgesteld|geschreven|verfasst|erstellt)[ \t]+(?:par|by|door|von)"
    rf"[ \t]+(?P<by>{_NAME})"
    r"|\b(?:auteur(?:e|s|\(s\))?|authors?|author\(s\)|autor(?:in)?)[ \t]*:[ \t]*"
    rf"(?P<named>{_NAME})",
    re.IGNORECASE,
)


def byline_writer(text: str) -> str | None:
    """The writer a document's opening names ("… rédigée par Thomas Vermeulen"), or None."""
    found = _BYLINE.search(text[:BYLINE_CHARACTERS])
    if found is None:
        return None
    return " ".join((found["by"] or found["named"]).split())


@dataclass(frozen=True)
class FileSaves:
    """Who a file's metadata names: its creators and who saved it last."""

    creators: tuple[str, ...]
    last_saved_by: tuple[str, ...]


def template_owners(files: Iterable[FileSaves]) -> frozenset[str]:
    """The creators whose files others saved last (see the module), folded to lower case."""
    made: dict[str, int] = defaultdict(int)
    by_others: dict[str, int] = defaultdict(int)
    savers: dict[str, set[str]] = defaultdict(set)
    for file in files:
        last = {name.casefold() for name in file.last_saved_by}
        for creator in {name.casefold() for name in file.creators}:
            made[creator] += 1
            others = last - {creator}
            if others:
                by_others[creator] += 1
                savers[creator] |= others
    return frozenset(
        creator
        for creator, count in made.items()
        if by_others[creator] >= TEMPLATE_FILES
        and by_others[creator] >= TEMPLATE_SHARE * count
        and len(savers[creator]) >= TEMPLATE_EDITORS
    )


def by_byline(
    document: Document, named: list[str], authors: list[str]
) -> tuple[list[str], list[str], FileSaves | None]:
    """(authors, editors) of a document, the byline's writer its only author when its text
    has one, and what its metadata says of it for :func:`template_owners` (None when a
    byline or an authors map, not its metadata, named its writers): ``named`` are the
    metadata's authors, ``authors`` those it is credited to so far."""
    writer = byline_writer(document.text)
    if writer is None:
        saves = FileSaves(tuple(named), tuple(document.editors)) if named else None
        return authors, document.editors, saves if authors == named else None
    editors = [e for e in document.editors if e.casefold() != writer.casefold()]
    return [writer], editors, None


def without_template_owners(
    records: list[ItemRecord], saves: list[FileSaves | None]
) -> list[ItemRecord]:
    """The records without their template owners' authorship (``saves``: each record's
    metadata, None where a byline or a map named its writers): who saved such a file last
    wrote it, as when its creator is a placeholder ("Microsoft Office User")."""
    owners = template_owners(save for save in saves if save is not None)
    if not owners:
        return records
    return [
        record if save is None else _without(record, owners)
        for record, save in zip(records, saves, strict=True)
    ]


def _without(record: ItemRecord, owners: frozenset[str]) -> ItemRecord:
    def owned(c: Contribution) -> bool:
        return c.role is ContributionRole.AUTHOR and (c.person.name or "").casefold() in owners

    if not any(owned(c) for c in record.contributions):
        return record
    kept = [c for c in record.contributions if not owned(c)]
    if not any(c.role is ContributionRole.AUTHOR for c in kept):
        kept = [
            replace(c, role=ContributionRole.AUTHOR) if c.role is ContributionRole.EDITOR else c
            for c in kept
        ]
    return replace(record, contributions=kept)


__all__ = [
    "FileSaves",
    "by_byline",
    "byline_writer",
    "template_owners",
    "without_template_owners",
]
