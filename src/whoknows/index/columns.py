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

FORMAT = "whoknows-columns/3"  # 3: each item's text digest
NO_ROW = -1
ARRAYS = (
    "item_ids",
    "item_times",
    "item_roots",
    "item_parents",
    "item_sources",
    "item_starts",
    "item_words",
    "item_texts",
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
    text_digest: int = 0  # the item's text (case and spacing aside): copies share it


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


@dataclass(frozen=True)
class ItemArrays:
    ids: np.ndarray  # ascending
    times: np.ndarray  # epoch seconds, NaN when undated
    root_ids: np.ndarray  # the id of the item that began a reply's thread, NO_ROW otherwise
    words: np.ndarray
    parent_ids: np.ndarray  # the id of the item replied to or commented on, NO_ROW otherwise
    sources: np.ndarray  # index into ``source_names``
    source_names: list[str]  # sorted
    starts: np.ndarray  # bool: has a thread of its own and replies to nothing
    texts: np.ndarray  # int64 digest of each item's text (0: none): copies share it


@dataclass(frozen=True)
class ContributionArrays:
    item_ids: np.ndarray
    people: np.ndarray
    codes: np.ndarray  # index into ``roles``
    weights: np.ndarray
    roles: list[str]  # the vocabulary's roles first, in their declared order


@dataclass(frozen=True)
class SignalArrays:
    item_ids: np.ndarray
    codes: np.ndarray  # index into ``names``
    values: np.ndarray
    names: list[str]  # sorted


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
        """From rows (tests, small workspaces); :meth:`from_arrays` does the work."""
        item_list = list(items)
        roles = [str(role) for role in ContributionRole]
        code_of = {role: code for code, role in enumerate(roles)}
        contribution_list = list(contributions)
        for c in contribution_list:
            code_of.setdefault(c.role, len(code_of))
        signal_list = list(signals)
        names = sorted({s.name for s in signal_list})
        sources = sorted({i.source for i in item_list})
        return cls.from_arrays(
            ItemArrays(
                np.asarray([i.item_id for i in item_list], dtype=np.int64),
                np.asarray([i.timestamp for i in item_list], dtype=np.float64),
                _ids([i.thread_root for i in item_list]),
                np.asarray([i.words for i in item_list], dtype=np.int64),
                _ids([i.parent for i in item_list]),
                np.asarray([sources.index(i.source) for i in item_list], dtype=np.int32),
                sources,
                np.asarray([i.starts_thread for i in item_list], dtype=bool),
                np.asarray([i.text_digest for i in item_list], dtype=np.int64),
            ),
            ContributionArrays(
                np.asarray([c.item_id for c in contribution_list], dtype=np.int64),
                np.asarray([c.person_id for c in contribution_list], dtype=np.int64),
                np.asarray([code_of[c.role] for c in contribution_list], dtype=np.int16),
                np.asarray([c.weight for c in contribution_list], dtype=np.float64),
                list(code_of),
            ),
            SignalArrays(
                np.asarray([s.item_id for s in signal_list], dtype=np.int64),
                np.asarray([names.index(s.name) for s in signal_list], dtype=np.int64),
                np.asarray([s.value for s in signal_list], dtype=np.float64),
                names,
            ),
            excluded,
            generation,
        )

    @classmethod
    def from_arrays(
        cls,
        items: ItemArrays,
        contributions: ContributionArrays,
        signals: SignalArrays,
        excluded: Iterable[int],
        generation: int,
    ) -> EvidenceColumns:
        """The columns of items (ids ascending), their contributions (in stored order) and
        signals (the last value of a name wins), each given as arrays."""
        ids = np.asarray(items.ids, dtype=np.int64)
        arrays = {
            "item_ids": ids,
            "item_times": np.asarray(items.times, dtype=np.float64),
            "item_roots": _rows_of(ids, np.asarray(items.root_ids, dtype=np.int64)),
            "item_parents": _rows_of(ids, np.asarray(items.parent_ids, dtype=np.int64)),
            "item_sources": np.asarray(items.sources, dtype=np.int32),
            "item_starts": np.asarray(items.starts, dtype=bool),
            "item_words": np.asarray(items.words, dtype=np.int64),
            "item_texts": np.asarray(items.texts, dtype=np.int64),
            "excluded": np.unique(np.fromiter(excluded, dtype=np.int64)),
        }
        arrays.update(_contribution_arrays(contributions, ids))
        arrays["signal_values"] = _signal_matrix(signals, ids)
        meta: dict[str, object] = {
            "format": FORMAT,
            "generation": generation,
            "items": int(ids.size),
            "contributions": int(arrays["contribution_people"].shape[0]),
            "roles": list(contributions.roles),
            "signals": list(signals.names),
            "sources": list(items.source_names),
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


def _ids(values: list[int | None]) -> np.ndarray:
    return np.asarray([NO_ROW if v is None else v for v in values], dtype=np.int64)


def _rows_of(ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The row of each wanted item id among ``ids`` (ascending), NO_ROW when absent."""
    if not ids.size:
        return np.full(wanted.shape, NO_ROW, dtype=np.int64)
    at = np.minimum(np.searchsorted(ids, wanted), ids.size - 1)
    return np.where((wanted != NO_ROW) & (ids[at] == wanted), at, NO_ROW).astype(np.int64)


def _contribution_arrays(found: ContributionArrays, ids: np.ndarray) -> dict[str, np.ndarray]:
    """Contributions grouped by item row (a stable sort: the given order within an item);
    those of items not indexed dropped."""
    rows = _rows_of(ids, np.asarray(found.item_ids, dtype=np.int64))
    indexed = rows != NO_ROW
    rows = rows[indexed]
    order = np.argsort(rows, kind="stable")
    counts = np.bincount(rows, minlength=ids.size) if rows.size else np.zeros(ids.size, np.int64)
    offsets = np.zeros(ids.size + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return {
        "contribution_offsets": offsets,
        "contribution_people": np.asarray(found.people, dtype=np.int64)[indexed][order],
        "contribution_roles": np.asarray(found.codes, dtype=np.int16)[indexed][order],
        "contribution_weights": np.asarray(found.weights, dtype=np.float64)[indexed][order],
    }


def _signal_matrix(found: SignalArrays, ids: np.ndarray) -> np.ndarray:
    """Items x signal names, NaN where an item has no such signal (the last value wins)."""
    values = np.full((ids.size, len(found.names)), math.nan, dtype=np.float64)
    rows = _rows_of(ids, np.asarray(found.item_ids, dtype=np.int64))
    indexed = rows != NO_ROW
    values[rows[indexed], np.asarray(found.codes)[indexed]] = np.asarray(found.values)[indexed]
    return values
