"""What rankers and insights read: the indexes, and who contributed to each item, from columns.

Built from the evidence columns of the index (memory-mapped arrays) with numpy: opening reads
no SQL. The per-item Python views insights iterate over (``contributions``, ``signals``,
``item_words``, ``thread_answers``) are built from the arrays on first use only.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

import numpy as np

from whoknows.errors import IndexStateError
from whoknows.i18n import N_
from whoknows.index.columns import NO_ROW, EvidenceColumns
from whoknows.index.dense import DenseIndex
from whoknows.index.embedders import Embedder
from whoknows.index.graph import ParticipationGraph
from whoknows.index.lexical import LexicalIndex
from whoknows.rank.quality import item_quality
from whoknows.rank.roles import EXPERT_ROLES, STARTERS, Role

QUERY_VECTORS_KEPT = 256
EXPERT_WEIGHT = 0.5  # a contribution this weighty or more counts among a person's own work
_PAIR = np.int64(1) << np.int64(32)  # (row, person) -> one int64 key


class Model(Protocol):
    """A learned combiner of feature rows (see :mod:`whoknows.rank.learned`)."""

    meta: dict[str, object]

    @property
    def usable(self) -> bool: ...

    def predict(self, features: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class ItemContribution:
    person_id: int
    role: str
    weight: float


def _by_person(people: np.ndarray, *values: np.ndarray) -> list[dict[int, np.ndarray]]:
    """Split value arrays (already ordered by person) into one array per person."""
    if people.size == 0:
        return [{} for _ in values]
    starts = np.flatnonzero(np.r_[True, people[1:] != people[:-1]])
    bounds = np.r_[starts, people.size].tolist()
    keys = people[starts].tolist()
    return [
        {key: array[bounds[i] : bounds[i + 1]] for i, key in enumerate(keys)} for array in values
    ]


def _csr(groups: np.ndarray, size: int) -> np.ndarray:
    offsets = np.zeros(size + 1, dtype=np.int64)
    if groups.size:
        np.cumsum(np.bincount(groups, minlength=size), out=offsets[1:])
    return offsets


class EvidenceBase:
    """Indexes plus contribution columns, opened once per workspace generation."""

    def __init__(
        self,
        columns: EvidenceColumns,
        lexical: LexicalIndex,
        dense: DenseIndex | None = None,
        embedder: Embedder | None = None,
        model: Model | None = None,
        excluded: Iterable[int] | None = None,
        graph: ParticipationGraph | None = None,
    ) -> None:
        if not np.array_equal(columns["item_ids"], lexical.item_ids):
            raise IndexStateError(
                N_("the evidence columns and the lexical index disagree"),
                N_("run `whoknows reindex`"),
            )
        self.lexical = lexical
        self.dense = dense if dense is not None and embedder is not None else None
        self.embedder = embedder
        self.model = model
        if self.dense is not None and not np.array_equal(self.dense.item_ids, lexical.item_ids):
            self.dense = None  # built from another generation: lexical alone until reindex
        known = {str(role) for role in Role}
        self.roles: tuple[str, ...] = tuple(Role(r) if r in known else r for r in columns.roles)
        self._role_codes: dict[frozenset[str], np.ndarray] = {}
        self.signal_names = columns.signal_names
        self._columns = columns
        source = columns["excluded"] if excluded is None else list(excluded)
        self.excluded_people: set[int] = {int(p) for p in source}
        if graph is None or graph.generation != columns.generation:
            graph = ParticipationGraph.build(columns)
        self.graph = graph.without(self.excluded_people)
        self.item_ids: np.ndarray = lexical.item_ids
        self.times: np.ndarray = np.asarray(lexical.timestamps, dtype=np.float64)
        known_times = self.times[~np.isnan(self.times)]
        self.now = float(known_times.max()) if known_times.size else 0.0
        self._load_contributions(columns)
        self._load_activity()
        self._load_threads(columns["item_roots"])
        self._query_vectors: dict[str, np.ndarray] = {}
        self._qualities: np.ndarray | None = None

    # -- building from the columns ---------------------------------------------------------
    def role_codes(self, roles: Iterable[str]) -> np.ndarray:
        """The codes of ``roles`` in this base's role table (kept: votes ask every query)."""
        wanted = frozenset(roles)
        found = self._role_codes.get(wanted)
        if found is None:
            found = np.asarray([c for c, r in enumerate(self.roles) if r in wanted], np.int16)
            self._role_codes[wanted] = found
        return found

    def _load_contributions(self, columns: EvidenceColumns) -> None:
        """Contributions of people not excluded; a starter's replies and comments in a thread
        become asks."""
        offsets = columns["contribution_offsets"]
        rows = np.repeat(np.arange(len(columns), dtype=np.int64), np.diff(offsets))
        people = np.asarray(columns["contribution_people"])
        keep = ~np.isin(people, np.fromiter(self.excluded_people, np.int64))
        self.people: np.ndarray = people[keep]
        self.rows: np.ndarray = rows[keep]
        self.weights: np.ndarray = np.asarray(columns["contribution_weights"])[keep]
        codes = np.asarray(columns["contribution_roles"])[keep].copy()
        roots = np.asarray(columns["item_roots"])[self.rows]
        starters = np.isin(codes, self.role_codes(STARTERS))
        started = self.rows[starters] * _PAIR + self.people[starters]
        follow_ups = self.role_codes((Role.REPLIER, Role.COMMENTER))
        replies = np.flatnonzero(np.isin(codes, follow_ups) & (roots != NO_ROW))
        if replies.size and started.size:
            asks = np.isin(roots[replies] * _PAIR + self.people[replies], started)
            codes[replies[asks]] = self.roles.index(Role.ASKER)
        self.codes: np.ndarray = codes
        self.offsets: np.ndarray = _csr(self.rows, len(columns))
        self.expert: np.ndarray = np.isin(codes, self.role_codes(EXPERT_ROLES)) & (
            self.weights >= EXPERT_WEIGHT
        )

    def _load_activity(self) -> None:
        """Per person, sorted: dates of all, expert and accepted contributions."""
        when = self.times[self.rows]
        dated = ~np.isnan(when)
        expert = np.flatnonzero(self.expert & dated)
        order = expert[np.lexsort((self.rows[expert], when[expert], self.people[expert]))]
        self.expert_times: dict[int, np.ndarray]
        self.expert_rows: dict[int, np.ndarray]  # aligned with expert_times
        self.expert_times, self.expert_rows = _by_person(
            self.people[order], when[order], self.rows[order]
        )
        self.all_expert_times: np.ndarray = np.sort(when[expert])
        every = np.flatnonzero(dated)
        order = every[np.lexsort((when[every], self.people[every]))]
        (self.any_times,) = _by_person(self.people[order], when[order])
        accepted = np.flatnonzero(dated & (self.codes == self.roles.index(Role.ACCEPTED_ANSWERER)))
        order = accepted[np.lexsort((when[accepted], self.people[accepted]))]
        (self.accepted_times,) = _by_person(self.people[order], when[order])

    def _load_threads(self, item_roots: np.ndarray) -> None:
        """Thread starter row -> the expert contributions of its replies (CSR, by reply row)."""
        roots = np.asarray(item_roots)[self.rows]
        answers = np.flatnonzero(self.expert & (roots != NO_ROW))
        order = np.argsort(roots[answers], kind="stable")
        self.answer_contributions: np.ndarray = answers[order]
        self.answer_offsets: np.ndarray = _csr(roots[answers], self.item_ids.size)

    # -- reading, by row -------------------------------------------------------------------
    def row(self, item_id: int) -> int:
        """The index row of an item, or -1 when it is not indexed."""
        row = int(np.searchsorted(self.item_ids, item_id))
        return row if row < self.item_ids.size and self.item_ids[row] == item_id else NO_ROW

    def timestamp(self, item_id: int) -> float:
        row = self.row(item_id)
        return float(self.times[row]) if row != NO_ROW else math.nan

    @cached_property
    def _lists(self) -> tuple[list[int], list[str], list[float], list[int]]:
        """The contribution columns as Python lists, for the per-query loops (first use)."""
        roles = self.roles
        return (
            self.people.tolist(),
            [roles[c] for c in self.codes.tolist()],
            self.weights.tolist(),
            self.offsets.tolist(),
        )

    @cached_property
    def _answer_lists(self) -> tuple[list[int], list[str], list[float], list[float], list[int]]:
        found = self.answer_contributions
        roles = self.roles
        return (
            self.people[found].tolist(),
            [roles[c] for c in self.codes[found].tolist()],
            self.weights[found].tolist(),
            self.times[self.rows[found]].tolist(),
            self.answer_offsets.tolist(),
        )

    def at(self, row: int) -> tuple[list[int], list[str], list[float]]:
        """(people, roles, weights) of one item's contributions, in stored order."""
        people, roles, weights, offsets = self._lists
        start, end = offsets[row], offsets[row + 1]
        return people[start:end], roles[start:end], weights[start:end]

    def answers_at(self, row: int) -> tuple[list[int], list[str], list[float], list[float]]:
        """(people, roles, weights, dates) of the expert replies in the thread ``row`` began."""
        people, roles, weights, dates, offsets = self._answer_lists
        start, end = offsets[row], offsets[row + 1]
        return people[start:end], roles[start:end], weights[start:end], dates[start:end]

    @cached_property
    def starter_answered(self) -> np.ndarray:
        """Per contribution: when someone else first answered the thread it started (inf when
        nobody did, or when the contribution starts no thread)."""
        found = np.full(self.people.size, math.inf)
        for index in np.flatnonzero(np.isin(self.codes, self.role_codes(STARTERS))).tolist():
            people, _, _, dates = self.answers_at(int(self.rows[index]))
            person = int(self.people[index])
            found[index] = min(
                (d for p, d in zip(people, dates, strict=True) if p != person and d == d),
                default=math.inf,
            )
        return found

    def signal(self, row: int, name: str) -> float | None:
        if name not in self.signal_names:
            return None
        value = float(self._columns["signal_values"][row, self.signal_names.index(name)])
        return None if math.isnan(value) else value

    def words(self, row: int) -> int:
        return int(self._columns["item_words"][row])

    def words_of(self, rows: np.ndarray) -> np.ndarray:
        return np.asarray(self._columns["item_words"][rows])

    def quality(self, row: int) -> float:
        """:func:`whoknows.rank.quality.item_quality` of one item, cached."""
        return float(self.qualities(np.asarray([row]))[0])

    def qualities(self, rows: np.ndarray) -> np.ndarray:
        """:meth:`quality` of each row, computed once per row and kept."""
        known = self._qualities
        if known is None:
            known = self._qualities = np.full(self.item_ids.size, np.nan)
        found = known[rows]
        for index in np.flatnonzero(np.isnan(found)).tolist():
            row = int(rows[index])
            found[index] = known[row] = item_quality(self.signals_at(row), self.words(row))
        return np.asarray(found)

    def signals_at(self, row: int) -> dict[str, float]:
        values = self._columns["signal_values"][row].tolist()
        return {n: v for n, v in zip(self.signal_names, values, strict=True) if v == v}

    def embed_query(self, text: str) -> np.ndarray | None:
        """The query's vector; the latest few are kept (a search page and its API call, a
        report asking each topic twice embed once)."""
        if self.dense is None or self.embedder is None:
            return None
        found = self._query_vectors.get(text)
        if found is None:
            found = np.asarray(self.embedder.embed([text])[0])
            if len(self._query_vectors) >= QUERY_VECTORS_KEPT:
                self._query_vectors.clear()
            self._query_vectors[text] = found
        return found

    # -- Python views for insights, built on first use -------------------------------------
    @cached_property
    def contributions(self) -> dict[int, list[ItemContribution]]:
        """Item id -> its contributions (people not excluded)."""
        found: dict[int, list[ItemContribution]] = {}
        ids: list[int] = self.item_ids.tolist()
        roles = self.roles
        people, codes, weights = self.people.tolist(), self.codes.tolist(), self.weights.tolist()
        rows: list[int] = self.rows.tolist()
        for row, person, code, weight in zip(rows, people, codes, weights, strict=True):
            found.setdefault(ids[row], []).append(ItemContribution(person, roles[code], weight))
        return found

    @cached_property
    def _person_index(self) -> dict[int, list[tuple[int, ItemContribution]]]:
        by_person: dict[int, list[tuple[int, ItemContribution]]] = defaultdict(list)
        for item_id, item_contributions in self.contributions.items():
            for c in item_contributions:
                by_person[c.person_id].append((item_id, c))
        return dict(by_person)

    def person_items(self, person_id: int) -> list[tuple[int, ItemContribution]]:
        """Every (item, contribution) of one person."""
        return self._person_index.get(person_id, [])

    @cached_property
    def signals(self) -> dict[int, dict[str, float]]:
        """Item id -> its signals (items without signals are absent)."""
        ids: list[int] = self.item_ids.tolist()
        values = self._columns["signal_values"]
        present: list[int] = np.flatnonzero(~np.isnan(values).all(axis=1)).tolist()
        return {ids[row]: self.signals_at(row) for row in present}

    @cached_property
    def item_words(self) -> dict[int, int]:
        return dict(zip(self.item_ids.tolist(), self._columns["item_words"].tolist(), strict=True))

    @cached_property
    def item_timestamps(self) -> dict[int, float]:
        return dict(zip(self.item_ids.tolist(), self.times.tolist(), strict=True))

    @cached_property
    def thread_answers(self) -> dict[int, list[tuple[ItemContribution, float]]]:
        """Thread starter id -> (expert contribution, date) of the people who replied."""
        found: dict[int, list[tuple[ItemContribution, float]]] = defaultdict(list)
        ids: list[int] = self.item_ids.tolist()
        starts = np.flatnonzero(np.diff(self.answer_offsets)).tolist()
        for row in starts:
            people, roles, weights, dates = self.answers_at(row)
            found[ids[row]] = [
                (ItemContribution(p, r, w), d)
                for p, r, w, d in zip(people, roles, weights, dates, strict=True)
            ]
        return found
