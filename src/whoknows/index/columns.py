"""Evidence in columns: who contributed what to which item, as compact arrays built at index time.

Rankers and insights read contributions, roles, weights, signals, timestamps and thread
structure from here instead of rebuilding Python objects from SQL at every start. On disk, one
folder of ``.npy`` files (opened with ``mmap_mode="r"``: opening costs milliseconds) and a
``meta.json`` naming the format, the store generation, the role table and the signal names.

Per item: date, thread starter row, parent row (the item it replies to or comments on), source
(a code into the meta's ``sources``), whether it starts a thread, and its word count. Rows are
aligned with the lexical index (items by id). Contributions are grouped by item row
(CSR: ``contribution_offsets[row]:contribution_offsets[row + 1]``), in the order the store
gave them within an item. The index does not read SQL: the pipeline passes rows in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from whoknows.errors import IndexStateError
from whoknows.i18n import N_
from whoknows.index._files import load_arrays, save_arrays
from whoknows.vocab import ContributionRole

FORMAT = "whoknows-columns/2"
NO_ROW = -1
ARRAYS = (
    "item_ids",
    "item_times",
    "item_roots",
    "item_parents",
    "item_sources",
    "item_starts",
    "item_words",
    "contribution_offsets",
    "contribution_people",
    "contribution_roles",
    "contribution_weights",
    "signal_values",
    "excluded",
)


@dataclass(frozen=True)
class ItemRow:
    item_id: int
    timestamp: float  # epoch seconds, NaN when undated
    thread_root: int | None  # id of the item that began this reply's thread, None otherwise
    words: int
    parent: int | None = None  # id of the item this one replies to or comments on
    source: str = ""
    starts_thread: bool = False  # has a thread of its own and replies to nothing


@dataclass(frozen=True)
class ContributionRow:
    item_id: int
    person_id: int
    role: str
    weight: float


@dataclass(frozen=True)
class SignalRow:
    item_id: int
    name: str
    value: float


@dataclass
class EvidenceColumns:
    """The arrays (see :data:`ARRAYS`) and their meta (format, generation, roles, signals)."""

    arrays: dict[str, np.ndarray]
    meta: dict[str, object]

    @property
    def generation(self) -> int:
        return int(str(self.meta.get("generation", -1)))

    @property
    def roles(self) -> tuple[str, ...]:
        """Role code -> role text (the vocabulary's roles first, in their declared order)."""
        raw = self.meta.get("roles", [])
        return tuple(str(r) for r in raw) if isinstance(raw, list) else ()

    @property
    def sources(self) -> tuple[str, ...]:
        """Source code -> source name (sorted)."""
        raw = self.meta.get("sources", [])
        return tuple(str(s) for s in raw) if isinstance(raw, list) else ()

    @property
    def signal_names(self) -> tuple[str, ...]:
        raw = self.meta.get("signals", [])
        return tuple(str(s) for s in raw) if isinstance(raw, list) else ()

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name]

    def __len__(self) -> int:
        return int(self.arrays["item_ids"].shape[0])

    @classmethod
    def build(
        cls,
        items: Iterable[ItemRow],
        contributions: Iterable[ContributionRow],
        signals: Iterable[SignalRow],
        excluded: Iterable[int],
        generation: int,
    ) -> EvidenceColumns:
        item_list = list(items)
        ids = np.asarray([i.item_id for i in item_list], dtype=np.int64)
        row_of = {item.item_id: row for row, item in enumerate(item_list)}
        sources = sorted({i.source for i in item_list})
        source_code = {source: code for code, source in enumerate(sources)}
        arrays = {
            "item_ids": ids,
            "item_times": np.asarray([i.timestamp for i in item_list], dtype=np.float64),
            "item_roots": _rows([i.thread_root for i in item_list], row_of),
            "item_parents": _rows([i.parent for i in item_list], row_of),
            "item_sources": np.asarray([source_code[i.source] for i in item_list], np.int32),
            "item_starts": np.asarray([i.starts_thread for i in item_list], dtype=bool),
            "item_words": np.asarray([i.words for i in item_list], dtype=np.int64),
            "excluded": np.unique(np.asarray(list(excluded), dtype=np.int64)),
        }
        roles = [str(role) for role in ContributionRole]
        arrays.update(_contribution_arrays(contributions, row_of, len(item_list), roles))
        names, values = _signal_matrix(signals, row_of, len(item_list))
        arrays["signal_values"] = values
        meta: dict[str, object] = {
            "format": FORMAT,
            "generation": generation,
            "items": len(item_list),
            "contributions": int(arrays["contribution_people"].shape[0]),
            "roles": roles,
            "signals": names,
            "sources": sources,
        }
        return cls(arrays, meta)

    def save(self, folder: Path) -> None:
        save_arrays(folder, self.arrays, ARRAYS, self.meta)

    @classmethod
    def load(cls, folder: Path) -> EvidenceColumns:
        try:
            arrays, meta = load_arrays(folder, ARRAYS, FORMAT, mmap="r")
        except (OSError, ValueError, KeyError) as error:
            raise IndexStateError(
                N_("the evidence columns are missing or damaged"),
                N_("run `whoknows reindex`"),
                where=str(folder),
            ) from error
        return cls(arrays, meta)


def _rows(item_ids: list[int | None], row_of: dict[int, int]) -> np.ndarray:
    """The row of each item id (NO_ROW for None or an item not indexed)."""
    return np.asarray(
        [row_of.get(i, NO_ROW) if i is not None else NO_ROW for i in item_ids], dtype=np.int64
    )


def _contribution_arrays(
    contributions: Iterable[ContributionRow], row_of: dict[int, int], items: int, roles: list[str]
) -> dict[str, np.ndarray]:
    """Contributions grouped by item row (a stable sort: the given order within an item)."""
    code_of = {role: code for code, role in enumerate(roles)}
    rows, people, codes, weights = [], [], [], []
    for c in contributions:
        row = row_of.get(c.item_id)
        if row is None:
            continue
        code = code_of.get(c.role)
        if code is None:  # a role outside the vocabulary: kept, under a code of its own
            code = code_of[c.role] = len(roles)
            roles.append(c.role)
        rows.append(row)
        people.append(c.person_id)
        codes.append(code)
        weights.append(c.weight)
    row_array = np.asarray(rows, dtype=np.int64)
    order = np.argsort(row_array, kind="stable")
    counts = np.bincount(row_array, minlength=items) if rows else np.zeros(items, np.int64)
    offsets = np.zeros(items + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return {
        "contribution_offsets": offsets,
        "contribution_people": np.asarray(people, dtype=np.int64)[order],
        "contribution_roles": np.asarray(codes, dtype=np.int16)[order],
        "contribution_weights": np.asarray(weights, dtype=np.float64)[order],
    }


def _signal_matrix(
    signals: Iterable[SignalRow], row_of: dict[int, int], items: int
) -> tuple[list[str], np.ndarray]:
    """Items x signal names, NaN where an item has no such signal (the last value wins)."""
    found: dict[str, dict[int, float]] = {}
    for s in signals:
        row = row_of.get(s.item_id)
        if row is not None:
            found.setdefault(s.name, {})[row] = s.value
    names = sorted(found)
    values = np.full((items, len(names)), math.nan, dtype=np.float64)
    for column, name in enumerate(names):
        for row, value in found[name].items():
            values[row, column] = value
    return names, values
