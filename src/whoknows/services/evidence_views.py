"""How a matching item is shown as a person's evidence: its title, a snippet, its link, the
person's part in it, and how a document's writer was known."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from whoknows.identity.addresses import mask_addresses
from whoknows.index.analysis import snippet_terms
from whoknows.ingest._refutations import REFUTATION_METAS, refuted_uids
from whoknows.pipeline.reports import CreditedSentences
from whoknows.privacy import MentionMatcher
from whoknows.rank import EvidenceVote
from whoknows.services.results import EvidenceView
from whoknows.services.workspace import Workspace
from whoknows.store.claims import SHOWN_TITLE
from whoknows.store.items import item_ids, metas_signalled
from whoknows.text import safe_url, snippet
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


def evidence_lists(
    workspace: Workspace,
    people_votes: list[list[EvidenceVote]],
    text: str,
    source: str | None = None,
) -> list[list[EvidenceView]]:
    """Each person's distinct matching items, most contributing first, with snippets: their
    first items read in one query (with ``source``, their first items from that source). A
    copy of an item already shown for the person, the same title and snippet, is not shown
    again (a question quoted in a colleague's forward was the asker's evidence twice)."""
    conn = workspace.store().conn
    terms = snippet_terms(text)
    hidden = workspace.hidden_mentions()
    wanted = max(1, workspace.settings.evidence_per_person)
    roles: list[dict[int, str]] = []
    for votes in people_votes:
        first: dict[int, str] = {}
        for vote in votes:
            first.setdefault(vote.item_id, vote.role)
        roles.append(first)
    ordered = [list(first) for first in roles]
    if source is not None:  # each person's items from that source only, read by id alone
        every = sorted({item for first in roles for item in first})
        kept = {row[0] for row in _by_ids(conn, "id", every, " AND source = ?", source)}
        ordered = [[item for item in items if item in kept] for items in ordered]
    found: dict[int, sqlite3.Row] = {}
    start = 0
    lists: list[list[EvidenceView]] = [[] for _ in people_votes]
    credited = workspace.per_generation("credited sentences", CreditedSentences)
    refuted = workspace.per_generation("refuted items", refuted_items)
    while True:  # a page of each person's items per query; a next page only for people
        # whose items were erased since the served index generation was built, or copies
        short = [
            index
            for index, views in enumerate(lists)
            if len(views) < wanted and start < len(ordered[index])
        ]
        page = sorted({item for index in short for item in ordered[index][start : start + wanted]})
        if not page:
            return lists
        found.update((row["id"], row) for row in _by_ids(conn, SHOWN_COLUMNS, page))
        for index in short:
            for item_id in ordered[index][start : start + wanted]:
                item = found.get(item_id)
                if item is None or len(lists[index]) >= wanted:
                    continue
                own = credited.text(item_id, item["text"])  # (as indexed)
                view = evidence_view(item, roles[index][item_id], snippet(own, terms), hidden)
                view.refuted = item_id in refuted
                if not any(
                    (v.title, v.snippet) == (view.title, view.snippet) for v in lists[index]
                ):
                    lists[index].append(view)
        start += wanted


def refuted_items(conn: sqlite3.Connection) -> frozenset[int]:
    """The items a later reply in their thread refuted, as the index build derives them."""
    refuting = metas_signalled(conn, *REFUTATION_METAS)
    return frozenset(item_ids(conn, refuted_uids(refuting)))


def _by_ids(
    conn: sqlite3.Connection, columns: str, ids: list[int], also: str = "", *values: object
) -> Iterator[sqlite3.Row]:
    """``columns`` of the items of ``ids`` that exist (and pass ``also``), 500 ids a query."""
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        yield from conn.execute(
            f"SELECT {columns} FROM items WHERE id IN ({marks}){also}", [*part, *values]
        )
