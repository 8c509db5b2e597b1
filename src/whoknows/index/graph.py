"""Who worked with whom: the participation graph (unit x person), built at index time.

A *unit* is a thread (an answer, reply or comment belongs to the unit of the item that began
its thread) or a standalone item (a paper, a document, a commit). Two people who took part in
one unit are collaborators: co-authors of a paper, people who answered in the same thread.

Each (unit, person) pair is kept once, dated by the person's first contribution to the unit,
and the pairs are stored in date order (undated last): a query as of a moment reads a prefix,
so a collaboration that began on or after the moment never counts (nor does the query item
itself, which is dated at the moment). Being addressed, mentioned or an editor does not make
a collaborator, nor does thanking, agreeing ("+1"), pointing to someone else or asking.

People excluded when the index is built (bots, opt-outs: ``columns["excluded"]``) take part in
no pair. On disk, one folder of ``.npy`` files (``unit_rows``, ``pair_people``, ``pair_times``,
and the person and unit numbering of each pair, so that opening it computes nothing) and a
``meta.json`` naming the format, the store generation and the people left out; opened
memory-mapped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from whoknows.errors import IndexStateError
from whoknows.i18n import N_
from whoknows.index._files import load_arrays, save_arrays
from whoknows.index.columns import NO_ROW, EvidenceColumns
from whoknows.vocab import ContributionRole

FORMAT = "whoknows-graph/4"  # 3: thanks and pointers make no collaborator; 4: nor asking
ARRAYS = (
    "unit_rows",
    "pair_people",
    "pair_times",
    "person_ids",
    "pair_person",
    "pair_unit",
    "person_pairs",  # pair indexes by person (CSR with person_offsets), each in pair order
    "person_offsets",
    "unit_pairs",  # pair indexes by unit (CSR with unit_offsets), each in pair order
    "unit_offsets",
)
# from this many pairs, a spread over every pair (a query as of now) is a sparse product
# (the same sums, to rounding); smaller graphs keep the exact pair sums and never load scipy
SPARSE_MIN_PAIRS = 200_000
# roles that make nobody a collaborator: presence, not participation, and a
# thanks, a "+1" or a pointer to someone else (a fresh evaluator's Solutions Engineer, whose
# fourteen "+1"s and thanks joined him to every thread, led the collaborator votes for
# "kubernetes" and came first), and a question (the demo's salesman, coached on Kafka,
# collected his answerers' votes for every Kafka thread he had asked in and came first for
# "kafka consumer lag" once he had answered twice)
NOT_COLLABORATING = frozenset(
    {
        ContributionRole.RECIPIENT,
        ContributionRole.MENTIONED,
        ContributionRole.ENDORSED,
        ContributionRole.EDITOR,
        ContributionRole.ACKNOWLEDGER,
        ContributionRole.ADVISER,
        ContributionRole.REFERRER,
        ContributionRole.ASKER,
    }
)


def _pairs(columns: EvidenceColumns) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(unit row, person, first date) of every participation, in date order (undated last)."""
    offsets = np.asarray(columns["contribution_offsets"])
    rows = np.repeat(np.arange(len(columns), dtype=np.int64), np.diff(offsets))
    people = np.asarray(columns["contribution_people"], dtype=np.int64)
    codes = np.asarray(columns["contribution_roles"])
    presence = [code for code, role in enumerate(columns.roles) if role in NOT_COLLABORATING]
    keep = ~np.isin(codes, np.asarray(presence, dtype=codes.dtype))
    keep &= ~np.isin(people, np.asarray(columns["excluded"], dtype=np.int64))
    rows, people = rows[keep], people[keep]
    roots = np.asarray(columns["item_roots"], dtype=np.int64)[rows]
    units = np.where(roots != NO_ROW, roots, rows)
    times = np.asarray(columns["item_times"], dtype=np.float64)[rows]
    order = np.lexsort((people, units, times))  # by date (NaN last), then unit, person
    units, people, times = units[order], people[order], times[order]
    _, first = np.unique(np.stack([units, people]), axis=1, return_index=True)
    first.sort()  # each pair's earliest participation, still in date order
    return units[first], people[first], times[first]


def _numbered(units: np.ndarray, people: np.ndarray, times: np.ndarray) -> dict[str, np.ndarray]:
    """The pair arrays plus the person ids and each pair's person and unit numbers."""
    person_ids, person = np.unique(people, return_inverse=True)
    unit_ids, unit = np.unique(units, return_inverse=True)
    return {
        "unit_rows": units,
        "pair_people": people,
        "pair_times": times,
        "person_ids": person_ids,
        "pair_person": person.astype(np.int64),
        "pair_unit": unit.astype(np.int64),
        "person_pairs": np.argsort(person, kind="stable").astype(np.int64),
        "person_offsets": _offsets(person, person_ids.size),
        "unit_pairs": np.argsort(unit, kind="stable").astype(np.int64),
        "unit_offsets": _offsets(unit, unit_ids.size),
    }


def _offsets(groups: np.ndarray, size: int) -> np.ndarray:
    offsets = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(groups, minlength=size), out=offsets[1:])
    return offsets


def _gather(offsets: np.ndarray, values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """The CSR entries of every key, end to end."""
    starts, ends = offsets[keys], offsets[keys + 1]
    sizes = ends - starts
    at = np.repeat(starts - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
    return np.asarray(values[at])


class _SparseSpread:
    """A spread over every pair from one person x person matrix ``M = A^T D A``, with ``A``
    the unit x person incidence and ``D`` each unit's ``1 / other participants`` in a walk
    (1 without): the spread of values ``v`` (divided by each person's units in a walk) is
    ``M v - v * diag(M)``, and only the voters' columns of ``M`` are read (5,000 people at
    10^6 items: 0.2 ms a spread instead of 8, after 0.2 s to make ``M``)."""

    def __init__(
        self, unit: np.ndarray, person: np.ndarray, shape: tuple[int, int], walk: bool
    ) -> None:
        from scipy import sparse

        units, people = shape
        ones = np.ones(unit.size, dtype=np.float64)
        incidence = sparse.csr_matrix((ones, (unit, person)), shape=(units, people))
        others = np.bincount(unit, minlength=units) - 1 if walk else np.ones(units)
        weights = sparse.diags(1.0 / np.maximum(others, 1))
        self.matrix = sparse.csc_matrix(incidence.T @ weights @ incidence)
        self.own = self.matrix.diagonal()
        self.degree = np.bincount(person, minlength=people) if walk else None

    def spread(self, values: dict[int, float], person_ids: np.ndarray) -> dict[int, float]:
        if not values:
            return {}
        keys = np.fromiter(values.keys(), dtype=np.int64, count=len(values))
        given = np.fromiter(values.values(), dtype=np.float64, count=len(values))
        at = np.minimum(np.searchsorted(person_ids, keys), person_ids.size - 1)
        known = person_ids[at] == keys
        voters, given = at[known], given[known]
        if self.degree is not None:
            given = given / np.maximum(self.degree[voters], 1)
        spread = np.asarray(self.matrix[:, voters] @ given, dtype=np.float64).ravel()
        spread[voters] -= given * self.own[voters]
        found = np.flatnonzero(spread > 1e-12)
        return dict(zip(person_ids[found].tolist(), spread[found].tolist(), strict=True))


class ParticipationGraph:
    """The (unit, person) pairs, dated; :meth:`spread` passes values to collaborators."""

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict[str, object]) -> None:
        self.arrays = arrays
        self.meta = meta
        self.unit_rows = arrays["unit_rows"]
        self.pair_people = arrays["pair_people"]
        self.pair_times = arrays["pair_times"]
        self.person_ids = arrays["person_ids"]
        self._person = arrays["pair_person"]
        self._unit = arrays["pair_unit"]
        counted = meta.get("counted")  # (units, dated pairs): read, not recomputed, when opened
        if isinstance(counted, list) and len(counted) == 2:
            self._units, self._dated = int(counted[0]), int(counted[1])
        else:
            self._units = int(self._unit.max()) + 1 if self._unit.size else 0
            self._dated = int(np.count_nonzero(~np.isnan(self.pair_times)))
            self.meta = {**meta, "counted": [self._units, self._dated]}
        self._sparse: dict[bool, _SparseSpread] = {}

    @property
    def generation(self) -> int:
        return int(str(self.meta.get("generation", -1)))

    def __len__(self) -> int:
        return int(self.pair_people.shape[0])

    @property
    def left_out(self) -> frozenset[int]:
        """The people excluded when the graph was built (they take part in no pair)."""
        raw = self.meta.get("without", [])
        return frozenset(int(p) for p in raw) if isinstance(raw, list) else frozenset()

    @classmethod
    def build(cls, columns: EvidenceColumns) -> ParticipationGraph:
        units, people, times = _pairs(columns)
        meta: dict[str, object] = {
            "format": FORMAT,
            "generation": columns.generation,
            "pairs": int(units.size),
            "units": int(np.unique(units).size),
            "without": sorted(int(p) for p in np.asarray(columns["excluded"]).tolist()),
        }
        return cls(_numbered(units, people, times), meta)

    def without(self, people: Iterable[int]) -> ParticipationGraph:
        """The graph with these people (opted out, bots) removed."""
        excluded = np.fromiter(set(people) - self.left_out, dtype=np.int64)
        if not excluded.size:
            return self
        keep = ~np.isin(self.pair_people, excluded)
        arrays = _numbered(self.unit_rows[keep], self.pair_people[keep], self.pair_times[keep])
        meta = {**self.meta, "without": sorted(self.left_out | set(excluded.tolist()))}
        meta.pop("counted", None)
        return ParticipationGraph(arrays, meta)

    def collaborators(self, person: int, until: float | None = None) -> dict[int, int]:
        """Who shared units with ``person`` before ``until``, and how many units."""
        return {p: int(n) for p, n in self.spread({person: 1.0}, until).items()}

    def spread(
        self, values: dict[int, float], until: float | None = None, walk: bool = False
    ) -> dict[int, float]:
        """Each person's sum of their collaborators' ``values``, a collaborator counted once per
        shared unit (``A^T A v`` minus the person's own value), from the participations dated
        before ``until`` (every one, undated included, when ``until`` is None).

        With ``walk``, one step of a random walk instead: each person's value goes out evenly
        over their units, and each unit's share evenly to its other participants (a person
        with many units, or a unit with many participants, passes less to each)."""
        return self.spread_each([values], until, walk)[0]

    def spread_each(
        self, each: Sequence[dict[int, float]], until: float | None = None, walk: bool = False
    ) -> list[dict[int, float]]:
        """:meth:`spread` of each of ``each``, the participations they touch gathered once."""
        if not any(each) or not self.person_ids.size:
            return [{} for _ in each]
        if until is None and len(self) >= SPARSE_MIN_PAIRS:
            return [self._whole(walk).spread(values, self.person_ids) for values in each]
        if until is None:
            end = len(self)
        else:
            end = int(np.searchsorted(self.pair_times[: self._dated], until, side="left"))
        keys = np.fromiter({p for values in each for p in values}, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.person_ids, keys), self.person_ids.size - 1)
        voters = at[self.person_ids[at] == keys]
        mine = _gather(self.arrays["person_offsets"], self.arrays["person_pairs"], voters)
        mine = mine[mine < end]
        pairs = self._touched(mine, end)
        person, unit = self._person[pairs], self._unit[pairs]
        degree = np.bincount(self._person[mine], minlength=self.person_ids.size) if walk else None
        others = np.bincount(unit, minlength=self._units)[unit] - 1 if walk else None
        return [self._spread_one(values, person, unit, degree, others) for values in each]

    def _whole(self, walk: bool) -> _SparseSpread:
        found = self._sparse.get(walk)
        if found is None:
            shape = (self._units, self.person_ids.size)
            found = self._sparse[walk] = _SparseSpread(self._unit, self._person, shape, walk)
        return found

    def _spread_one(
        self,
        values: dict[int, float],
        person: np.ndarray,
        unit: np.ndarray,
        degree: np.ndarray | None,
        others: np.ndarray | None,
    ) -> dict[int, float]:
        if not values:
            return {}
        keys = np.fromiter(values.keys(), dtype=np.int64, count=len(values))
        given = np.fromiter(values.values(), dtype=np.float64, count=len(values))
        at = np.minimum(np.searchsorted(self.person_ids, keys), self.person_ids.size - 1)
        known = self.person_ids[at] == keys
        voters, given = at[known], given[known]
        vector = np.zeros(self.person_ids.size, dtype=np.float64)
        vector[voters] = given
        if degree is not None:
            vector[voters] = given / np.maximum(degree[voters], 1)
        own = vector[person]
        total = np.bincount(unit, weights=own, minlength=self._units)
        passed = total[unit] - own
        if others is not None:
            passed = passed / np.maximum(others, 1)
        spread = np.bincount(person, weights=passed, minlength=self.person_ids.size)
        found = np.flatnonzero(spread > 1e-12)
        return dict(zip(self.person_ids[found].tolist(), spread[found].tolist(), strict=True))

    def _touched(self, own: np.ndarray, end: int) -> np.ndarray:
        """Every participation before ``end`` (a pair index) in the units of ``own`` (pair
        indexes), in pair order: the only ones a spread from their people changes. Sums
        over them, in that order, equal sums over every participation (the others add 0)."""
        # marks instead of unique/sort: a query's voters touch most units of a large graph
        units = np.zeros(self._units, dtype=bool)
        units[self._unit[own]] = True
        chosen = np.flatnonzero(units)
        pairs = _gather(self.arrays["unit_offsets"], self.arrays["unit_pairs"], chosen)
        marked = np.zeros(end, dtype=bool)
        marked[pairs[pairs < end]] = True
        return np.flatnonzero(marked)

    def save(self, folder: Path) -> None:
        save_arrays(folder, self.arrays, ARRAYS, self.meta)

    @classmethod
    def load(cls, folder: Path) -> ParticipationGraph:
        try:
            arrays, meta = load_arrays(folder, ARRAYS, FORMAT, mmap="r")
        except (OSError, ValueError, KeyError) as error:
            raise IndexStateError(
                N_("the collaboration graph is missing or damaged"),
                N_("run `whoknows reindex`"),
                where=str(folder),
            ) from error
        return cls(arrays, meta)


__all__ = ["FORMAT", "NOT_COLLABORATING", "ParticipationGraph"]
