"""A page that copies a colleague's earlier page is theirs, not its poster's: a cheat sheet
whose steps are a runbook's, word for word, put its poster beside the runbook's writer for
the runbook's subject (a fresh evaluator's "restore postgres to a point in time"). The poster
passed the runbook on, as one who shares a link does.

Pages are compared by their sentences (:func:`~whoknows.ingest._boilerplate.sentence_keys`:
by their words, case, accents, dates and numbers aside) in the order they were first written
(a page's ``created`` date: a page expanded after it was copied is still the original; a page
whose source says no such date, a file dated by its file system, is left out). A page is a
copy when at least :data:`COPIED_SENTENCES` of its sentences, and all but :data:`OWN_SHARE`
of them, were written earlier by other writers than its own (one writer's several pages
together: an expert who repeats herself is still the one copied). A page that takes steps
from another and adds its own is its writers' own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from whoknows.ingest._boilerplate import Key, sentence_keys
from whoknows.records import ItemRecord, PersonRef
from whoknows.text import login_spellings
from whoknows.vocab import ContributionRole

SENTENCE_WORDS = 4  # (a shorter sentence, "Contrôler :", "Rollback", is any page's)
COPIED_SENTENCES = 3
OWN_SHARE = 0.2  # (of a page's sentences: its own beyond this, it is a new version)
_NEVER = datetime.min.replace(tzinfo=UTC)


def _writers(record: ItemRecord) -> frozenset[str]:
    """Every name, address, address's name and id its writers go by, and the logins their
    names spell: "alice.nguyen@acme.example" and "Alice Nguyen" are one writer."""
    return frozenset(
        name
        for c in record.contributions
        if c.role == ContributionRole.AUTHOR
        for name in _names(c.person)
    )


def _names(person: PersonRef) -> set[str]:
    found = {v.casefold() for v in (person.native_id, person.name, person.email) if v}
    if person.email:
        found.add(person.email.split("@")[0].casefold())
    return found | set(login_spellings(person.name))


def copied_from(records: Sequence[ItemRecord]) -> dict[int, int]:
    """Each page (its position in ``records``) that copies earlier pages of other writers,
    and the page of theirs it holds most of."""
    dated = [i for i, record in enumerate(records) if record.created is not None]
    order = sorted(dated, key=lambda i: (records[i].created or _NEVER, i))
    writers = [_writers(record) for record in records]
    first: dict[Key, int] = {}
    found: dict[int, int] = {}
    for at in order:
        keys = sentence_keys(records[at].text, SENTENCE_WORDS)
        if writers[at]:
            held = [
                first[key]
                for key in keys
                if key in first and writers[first[key]] and not writers[at] & writers[first[key]]
            ]
            by_writers = Counter(writers[origin] for origin in held)
            for group, count in by_writers.most_common(1):
                if count >= max(COPIED_SENTENCES, (1 - OWN_SHARE) * len(keys)):
                    pages = Counter(origin for origin in held if writers[origin] == group)
                    found[at] = pages.most_common(1)[0][0]
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
