"""A page that copies a colleague's earlier page is theirs, not its poster's: a cheat sheet
whose steps are a runbook's, word for word, put its poster beside the runbook's writer for
the runbook's subject (a fresh evaluator's "restore postgres to a point in time"). The poster
passed the runbook on, as one who shares a link does.

Pages are compared by their sentences (:func:`~whoknows.ingest._boilerplate.sentence_keys`: by
their words, case, accents, dates and numbers aside) in the order they were written: a page
is a copy when most of its sentences, and at least :data:`COPIED_SENTENCES`, are held by one
earlier page that none of its writers wrote. A page that takes a few steps from another and
adds its own (a new version that says more) is its writers' own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from whoknows.ingest._boilerplate import Key, sentence_keys
from whoknows.records import ItemRecord, PersonRef
from whoknows.vocab import ContributionRole

SENTENCE_WORDS = 4  # (a shorter sentence, "Contrôler :", "Rollback", is any page's)
COPIED_SENTENCES = 3
COPIED_SHARE = 0.6  # of a page's sentences
_NEVER = datetime.min.replace(tzinfo=UTC)


def _writers(record: ItemRecord) -> frozenset[tuple[str, str]]:
    """Every name, address and id its writers go by (one shared is one writer)."""
    return frozenset(
        (field, value.casefold())
        for c in record.contributions
        if c.role == ContributionRole.AUTHOR
        for field, value in _names(c.person)
    )


def _names(person: PersonRef) -> list[tuple[str, str]]:
    named = [("id", person.native_id), ("name", person.name), ("email", person.email)]
    return [(field, value) for field, value in named if value]


def copied_from(records: Sequence[ItemRecord]) -> dict[int, int]:
    """Each page (its position in ``records``) that copies an earlier page of other writers,
    and that page's position."""
    order = sorted(range(len(records)), key=lambda i: (records[i].date or _NEVER, i))
    writers = [_writers(record) for record in records]
    first: dict[Key, int] = {}
    found: dict[int, int] = {}
    for at in order:
        keys = sentence_keys(records[at].text, SENTENCE_WORDS)
        held = Counter(
            first[key]
            for key in keys
            if key in first and writers[at] and writers[first[key]]
            if not writers[at] & writers[first[key]]
        )
        for origin, count in held.most_common(1):
            if count >= max(COPIED_SENTENCES, COPIED_SHARE * len(keys)):
                found[at] = origin
        for key in keys:
            first.setdefault(key, at)
    return found


def passed_on_copy(record: ItemRecord) -> ItemRecord:
    """A copied page: its writers pass it on (``referrer``)."""
    contributions = [
        replace(c, role=ContributionRole.REFERRER) if c.role == ContributionRole.AUTHOR else c
        for c in record.contributions
    ]
    return replace(record, contributions=contributions)
