"""Which items hold a word for the people who may be shown: what the word bridge, the notice of
words no evidence mentions and the translations read (a word only a hidden person wrote is a
word no item holds)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

import numpy as np

from whoknows.index.lexical import LexicalIndex
from whoknows.rank.views import expand
from whoknows.vocab import PRESENCE_ROLES


class EvidenceBase(Protocol):
    """What is read of :class:`whoknows.rank.evidence.EvidenceBase`."""

    lexical: LexicalIndex
    excluded_people: set[int]
    item_ids: np.ndarray
    offsets: np.ndarray
    people: np.ndarray
    codes: np.ndarray

    def at(self, row: int) -> tuple[list[int], list[str], list[float]]: ...

    def in_roles(self, codes: np.ndarray, roles: Iterable[str]) -> np.ndarray: ...


FIRST_ROWS_READ = 32  # a word's items read one by one for a shown contributor, then at once


def holding_items(
    evidence: EvidenceBase, stem: str, visible: frozenset[int] | None = None, most: int = 5
) -> list[int]:
    """Up to ``most`` items holding the stem that someone who may be shown (of ``visible``,
    else not excluded by ``evidence``) wrote or may be listed for: being sent, assigned or
    mentioned an item, or editing it, does not make its words known."""
    column = evidence.lexical.vocabulary.get(stem)
    if column is None:
        return []
    postings = evidence.lexical.weights
    rows = postings.indices[postings.indptr[column] : postings.indptr[column + 1]]
    excluded = evidence.excluded_people

    def shown(person: int) -> bool:
        return person in visible if visible is not None else person not in excluded

    found: list[int] = []
    for row in rows[:FIRST_ROWS_READ].tolist():
        people, roles, _ = evidence.at(row)
        pairs = zip(people, roles, strict=True)
        if any(shown(p) and r not in PRESENCE_ROLES for p, r in pairs):
            found.append(int(evidence.item_ids[row]))
            if len(found) >= most:
                return found
    rest = rows[FIRST_ROWS_READ:].astype(np.int64)
    if rest.size:  # (a word of many items, the first by hidden people: read at once)
        shown_rows = _shown_rows(evidence, rest, visible)[: most - len(found)]
        found.extend(evidence.item_ids[shown_rows].tolist())
    return found


def held_together(
    evidence: EvidenceBase, stems: Iterable[str], visible: frozenset[int] | None = None
) -> int:
    """How many items that someone who may be shown (as :func:`holding_items`) wrote hold every
    one of ``stems``: whether a translation's words are a phrase the organisation writes."""
    postings, rows = evidence.lexical.weights, None
    for stem in stems:
        column = evidence.lexical.vocabulary.get(stem)
        if column is None:
            return 0
        found = postings.indices[postings.indptr[column] : postings.indptr[column + 1]]
        rows = found if rows is None else np.intersect1d(rows, found, assume_unique=True)
    return 0 if rows is None else int(_shown_rows(evidence, rows.astype(np.int64), visible).size)


def held_apart(evidence: EvidenceBase, each: Sequence[np.ndarray]) -> np.ndarray:
    """The rows of the rarest word (``each``: every word's items, sorted) written by someone
    not excluded whose items, taken together, hold every word: a topic of two words that no one
    item says whole ("5G RAN", where the RAN engineer's messages say "5G" or "O-RAN"). The
    commoner word's items are not counted: a reviewer's database administrator, five pages of
    Postgres migrations and one line on a SAP driver, had held "SAP migration" by them."""
    excluded = np.fromiter(evidence.excluded_people, dtype=np.int64)
    holders = None
    for rows in each:
        contributions, _ = expand(evidence.offsets, rows)
        written = ~evidence.in_roles(evidence.codes[contributions], PRESENCE_ROLES)
        people = np.setdiff1d(evidence.people[contributions[written]], excluded)
        holders = people if holders is None else np.intersect1d(holders, people)
    if holders is None or not holders.size:
        return np.zeros(0, dtype=np.int64)
    rows = np.asarray(min(each, key=len), dtype=np.int64)
    contributions, owner = expand(evidence.offsets, rows)
    kept = np.isin(evidence.people[contributions], holders)
    kept &= ~evidence.in_roles(evidence.codes[contributions], PRESENCE_ROLES)
    found: np.ndarray = rows[np.unique(owner[kept])]
    return found


def _shown_rows(
    evidence: EvidenceBase, rows: np.ndarray, visible: frozenset[int] | None
) -> np.ndarray:
    """Those of ``rows`` (sorted) that someone who may be shown wrote or may be listed for."""
    contributions, owner = expand(evidence.offsets, rows)
    people = evidence.people[contributions]
    if visible is not None:
        known = np.fromiter(visible, dtype=np.int64, count=len(visible))
        seen = np.isin(people, known)
    else:
        excluded = evidence.excluded_people
        seen = ~np.isin(people, np.fromiter(excluded, dtype=np.int64, count=len(excluded)))
    seen &= ~evidence.in_roles(evidence.codes[contributions], PRESENCE_ROLES)
    kept: np.ndarray = rows[np.unique(owner[seen])]
    return kept


__all__ = ["FIRST_ROWS_READ", "held_apart", "held_together", "holding_items"]
