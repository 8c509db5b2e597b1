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

    def _position(self, person: object) -> int:
        if not isinstance(person, int | np.integer) or not self.people.size:
            return -1
        at = int(np.searchsorted(self.people, person))
        return at if at < self.people.size and self.people[at] == person else -1

    def __getitem__(self, person: int) -> np.ndarray:
        at = self._position(person)
        if at < 0:
            raise KeyError(person)
        return np.asarray(self.flat[self.offsets[at] : self.offsets[at + 1]])

    def span(self, person: int) -> tuple[int, int]:
        """Where the person's entries are in :attr:`flat` (an empty span when they have none)."""
        at = self._position(person)
        return (int(self.offsets[at]), int(self.offsets[at + 1])) if at >= 0 else (0, 0)

    def __contains__(self, person: object) -> bool:
        return self._position(person) >= 0

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
