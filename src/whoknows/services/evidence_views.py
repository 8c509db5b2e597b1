"""How a matching item is shown as a person's evidence: its title, a snippet, its link, the
person's part in it, and how a document's writer was known."""

from __future__ import annotations

import sqlite3

from whoknows.identity.admin import mask_addresses
from whoknows.privacy import MentionMatcher
from whoknows.services.results import EvidenceView
from whoknows.store.claims import SHOWN_TITLE
from whoknows.text import safe_url
from whoknows.vocab import CREDIT_KEY, ContributionRole

# the item columns :func:`evidence_view` reads
SHOWN_COLUMNS = (
    f"id, {SHOWN_TITLE} AS shown_title, title IS NULL AS untitled, text, date, url,"
    f" source, kind, json_extract(meta, '$.{CREDIT_KEY}') AS credited"
)


def evidence_view(item: sqlite3.Row, role: str, found: str, hidden: MentionMatcher) -> EvidenceView:
    """One shown item: its title, the snippet ``found`` in its text, masked for ``hidden``,
    with no address shown whole ("z•••@alize-mutuelle.fr": a colleague's mail that gave
    another's address showed it in every answer)."""
    return EvidenceView(
        item_id=item["id"],
        title=mask_addresses(hidden.mask(item["shown_title"]) or ""),
        snippet=mask_addresses(hidden.mask(_after_title(item, found)) or ""),
        date=item["date"],
        url=hidden.url(safe_url(item["url"])),
        role=role,
        source=item["source"],
        kind=item["kind"],
        credited=item["credited"] if role == ContributionRole.AUTHOR else None,
    )


def _after_title(item: sqlite3.Row, shown: str) -> str:
    """A snippet without the words of an untitled item's title, which are its text's first:
    such an item showed its text twice, as title and as snippet."""
    title = item["shown_title"] or ""
    if item["untitled"] and title and shown.startswith(title):
        return shown[len(title) :].strip()
    return shown
