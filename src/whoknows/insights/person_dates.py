"""Per-person sums and date bounds of a topic's votes, as loops over them would make them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np

from whoknows.rank.tables import by_person
from whoknows.rank.votes import Groups


class PersonDates(Mapping[int, float]):
    """Person -> the earliest (or latest) date of their evidence on a topic, when asked."""

    def __init__(self, people: np.ndarray, dates: np.ndarray) -> None:
        self._people, self._dates = people, dates

    def __getitem__(self, person: int) -> float:
        at = int(np.searchsorted(self._people, person))
        if at >= self._people.size or self._people[at] != person:
            raise KeyError(person)
        return float(self._dates[at])

    def __iter__(self) -> Iterator[int]:
        return iter(self._people.tolist())

    def __len__(self) -> int:
        return int(self._people.size)


def ordered_sums(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each key's sum of its values, added in order, keys in order of first appearance (the
    sums a loop adding them one by one into a dict makes)."""
    if not keys.size:
        return np.empty(0, dtype=np.int64), np.empty(0)
    groups = Groups(keys)
    return groups.keys, groups.totals(values)


def person_bounds(people: np.ndarray, when: np.ndarray) -> tuple[PersonDates, PersonDates]:
    """Per person, the earliest and the latest of their dates."""
    order = np.lexsort((when, people))
    distinct, offsets = by_person(people[order])
    ordered = when[order]
    return PersonDates(distinct, ordered[offsets[:-1]]), PersonDates(
        distinct, ordered[offsets[1:] - 1]
    )
