"""Read-only mappings over the evidence arrays: what used to be dictionaries of the whole
history, built at start, now computed per key when asked (a person's dates, an item's
contributions or signals). Iterating one still visits everything: code that needs every entry
reads the arrays instead."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

V = TypeVar("V")


@dataclass(frozen=True)
class ItemContribution:
    person_id: int
    role: str
    weight: float


class PersonArrays(Mapping[int, np.ndarray]):
    """Person id -> their slice of ``flat`` (people sorted, CSR offsets); people without
    entries are absent."""

    def __init__(self, people: np.ndarray, offsets: np.ndarray, flat: np.ndarray) -> None:
        self.people = people
        self.offsets = offsets
        self.flat = flat  # every person's values end to end
        self._spans: dict[object, tuple[int, int]] = {}  # of the people looked up so far

    def span(self, person: object) -> tuple[int, int]:
        """Where the person's entries are in :attr:`flat` (an empty span when they have
        none); found by binary search once per person, then remembered."""
        found = self._spans.get(person)
        if found is None:
            found = (0, 0)
            if isinstance(person, int | np.integer) and self.people.size:
                at = int(np.searchsorted(self.people, person))
                if at < self.people.size and self.people[at] == person:
                    found = (int(self.offsets[at]), int(self.offsets[at + 1]))
            self._spans[person] = found
        return found

    def __getitem__(self, person: int) -> np.ndarray:
        start, end = self.span(person)
        if start == end:
            raise KeyError(person)
        return self.flat[start:end]

    def __contains__(self, person: object) -> bool:
        start, end = self.span(person)
        return start != end

    def __iter__(self) -> Iterator[int]:
        return iter(self.people.tolist())

    def __len__(self) -> int:
        return int(self.people.size)

    def counts(self) -> np.ndarray:
        """Entries per person, aligned with :attr:`people`."""
        return np.diff(np.asarray(self.offsets))


class RowMapping(Mapping[int, V]):
    """Item id -> ``value(row)`` for the rows where ``present`` holds (ids sorted by row)."""

    def __init__(
        self, item_ids: np.ndarray, present: np.ndarray, value: Callable[[int], V]
    ) -> None:
        self.item_ids = item_ids
        self.present = present
        self.value = value

    def _row(self, item_id: object) -> int:
        if not isinstance(item_id, int | np.integer) or not self.item_ids.size:
            return -1
        row = int(np.searchsorted(self.item_ids, item_id))
        found = row < self.item_ids.size and self.item_ids[row] == item_id
        return row if found and self.present[row] else -1

    def __getitem__(self, item_id: int) -> V:
        row = self._row(item_id)
        if row < 0:
            raise KeyError(item_id)
        return self.value(row)

    def __contains__(self, item_id: object) -> bool:
        return self._row(item_id) >= 0

    def __iter__(self) -> Iterator[int]:
        return iter(np.asarray(self.item_ids)[np.asarray(self.present)].tolist())

    def __len__(self) -> int:
        return int(np.count_nonzero(self.present))


def expand(offsets: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The CSR entries of ``rows`` end to end: (entry indexes, position of their row)."""
    starts, ends = offsets[rows], offsets[rows + 1]
    counts = ends - starts
    total = int(counts.sum())
    position = np.repeat(np.arange(rows.size), counts)
    first = np.cumsum(counts) - counts
    return np.repeat(starts, counts) + np.arange(total) - first[position], position
