"""What rankers and insights read about contributions and people, derived from the evidence
columns once, at index time, and memory-mapped by every process that opens the workspace.

From the columns (every contribution, in item order) and the people excluded when the index
was built (bots, opt-outs):

- the contributions of people not excluded, grouped by item row (CSR ``offsets``), a thread
  starter's replies and comments recoded as asks, each flagged ``expert`` when it shows the
  person's own work, and (``starter_answered``) when someone else first answered the thread
  it started;
- per person (sorted ids + offsets, like CSR): the dates and rows of their expert
  contributions, the dates of all and of accepted ones, and every contribution's index;
- per thread starter row: the expert contributions of its replies (``answer_*``);
- per item row: its quality (:func:`whoknows.rank.quality.item_quality`).

Opening them costs a few milliseconds whatever the history; a process only reads the pages of
the people and items its queries touch. When the people excluded now differ from those of the
index (a consent changed since), :class:`~whoknows.rank.evidence.EvidenceBase` derives them again
in memory.
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
from whoknows.index.columns import NO_ROW, EvidenceColumns
from whoknows.rank.quality import item_quality
from whoknows.rank.roles import EXPERT_ROLES, SHOWN_REPLY_WORDS, STARTERS, Role

FORMAT = "whoknows-evidence-tables/2"
EXPERT_WEIGHT = 0.5  # a contribution this weighty or more counts among a person's own work
_PAIR = np.int64(1) << np.int64(32)  # (row, person) -> one int64 key
ARRAYS = (
    "people",
    "rows",
    "weights",
    "codes",
    "offsets",
    "expert",
    "starter_answered",
    "expert_people",
    "expert_offsets",
    "expert_times",
    "expert_rows",
    "any_people",
    "any_offsets",
    "any_times",
    "accepted_people",
    "accepted_offsets",
    "accepted_times",
    "all_expert_times",
    "answer_contributions",
    "answer_offsets",
    "person_ids",
    "person_offsets",
    "person_contributions",
    "qualities",
)


def csr(groups: np.ndarray, size: int) -> np.ndarray:
    """Offsets of ``size`` groups from the (sorted) group of each entry."""
    offsets = np.zeros(size + 1, dtype=np.int64)
    if groups.size:
        np.cumsum(np.bincount(groups, minlength=size), out=offsets[1:])
    return offsets


def by_person(people: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct people, offsets) of entries already ordered by person."""
    if people.size == 0:
        return np.empty(0, dtype=np.int64), np.zeros(1, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, people[1:] != people[:-1]])
    return people[starts].astype(np.int64), np.r_[starts, people.size].astype(np.int64)


def role_codes(roles: tuple[str, ...], wanted: Iterable[str]) -> np.ndarray:
    chosen = frozenset(wanted)
    return np.asarray([code for code, role in enumerate(roles) if role in chosen], np.int16)


@dataclass
class EvidenceTables:
    """The arrays (see :data:`ARRAYS`) and their meta (format, generation, excluded)."""

    arrays: dict[str, np.ndarray]
    meta: dict[str, object]

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name]

    @property
    def generation(self) -> int:
        return int(str(self.meta.get("generation", -1)))

    @property
    def excluded(self) -> frozenset[int]:
        raw = self.meta.get("excluded", [])
        return frozenset(int(p) for p in raw) if isinstance(raw, list) else frozenset()

    @classmethod
    def build(
        cls, columns: EvidenceColumns, excluded: Iterable[int], qualities: bool = True
    ) -> EvidenceTables:
        """The tables of ``columns`` without the ``excluded`` people; item qualities computed
        now (at index time) or left NaN, to be computed row by row on use."""
        left_out = sorted({int(p) for p in excluded})
        roles = tuple(columns.roles)
        arrays = _contributions(columns, np.asarray(left_out, dtype=np.int64), roles)
        times = np.asarray(columns["item_times"], dtype=np.float64)
        arrays.update(_activity(arrays, times, roles))
        arrays.update(_threads(arrays, np.asarray(columns["item_roots"]), len(columns)))
        roots = np.asarray(columns["item_roots"])
        arrays["starter_answered"] = _starter_answered(arrays, times, roles, roots)
        order = np.argsort(arrays["people"], kind="stable")
        arrays["person_ids"], arrays["person_offsets"] = by_person(arrays["people"][order])
        arrays["person_contributions"] = order.astype(np.int64)
        arrays["qualities"] = _qualities(columns) if qualities else np.full(len(columns), np.nan)
        meta: dict[str, object] = {
            "format": FORMAT,
            "generation": columns.generation,
            "excluded": left_out,
            "contributions": int(arrays["people"].size),
        }
        return cls(arrays, meta)

    def save(self, folder: Path) -> None:
        save_arrays(folder, self.arrays, ARRAYS, self.meta)

    @classmethod
    def load(cls, folder: Path) -> EvidenceTables:
        try:
            arrays, meta = load_arrays(folder, ARRAYS, FORMAT, mmap="r")
        except (OSError, ValueError, KeyError) as error:
            raise IndexStateError(
                N_("the evidence tables are missing or damaged"),
                N_("run `whoknows reindex`"),
                where=str(folder),
            ) from error
        return cls(arrays, meta)


def _contributions(
    columns: EvidenceColumns, excluded: np.ndarray, roles: tuple[str, ...]
) -> dict[str, np.ndarray]:
    """Contributions of people not excluded; a starter's replies and comments in a thread
    become asks, or acknowledgements when shorter than a question shown to a learner ("Thanks,
    that fixed it." is no question, and a learner is never shown with a thanks)."""
    offsets = columns["contribution_offsets"]
    all_rows = np.repeat(np.arange(len(columns), dtype=np.int64), np.diff(offsets))
    all_people = np.asarray(columns["contribution_people"])
    keep = ~np.isin(all_people, excluded)
    people, rows = all_people[keep], all_rows[keep]
    weights = np.asarray(columns["contribution_weights"])[keep]
    codes = np.asarray(columns["contribution_roles"])[keep].copy()
    roots = np.asarray(columns["item_roots"])[rows]
    starters = np.isin(codes, role_codes(roles, STARTERS))
    started = rows[starters] * _PAIR + people[starters]
    follow_ups = role_codes(roles, (Role.REPLIER, Role.COMMENTER))
    replies = np.flatnonzero(np.isin(codes, follow_ups) & (roots != NO_ROW))
    if replies.size and started.size:
        asks = replies[np.isin(roots[replies] * _PAIR + people[replies], started)]
        short = np.asarray(columns["item_words"])[rows[asks]] < SHOWN_REPLY_WORDS
        codes[asks] = np.where(short, roles.index(Role.ACKNOWLEDGER), roles.index(Role.ASKER))
    expert = np.isin(codes, role_codes(roles, EXPERT_ROLES)) & (weights >= EXPERT_WEIGHT)
    return {
        "people": people,
        "rows": rows,
        "weights": weights,
        "codes": codes,
        "offsets": csr(rows, len(columns)),
        "expert": expert,
    }


def _activity(
    arrays: dict[str, np.ndarray], times: np.ndarray, roles: tuple[str, ...]
) -> dict[str, np.ndarray]:
    """Per person, sorted: dates (and rows) of expert contributions, dates of all and of
    accepted ones; and everyone's expert dates, sorted."""
    people, rows, codes = arrays["people"], arrays["rows"], arrays["codes"]
    when = times[rows]
    dated = ~np.isnan(when)
    found: dict[str, np.ndarray] = {}
    expert = np.flatnonzero(arrays["expert"] & dated)
    order = expert[np.lexsort((rows[expert], when[expert], people[expert]))]
    found["expert_people"], found["expert_offsets"] = by_person(people[order])
    found["expert_times"], found["expert_rows"] = when[order], rows[order]
    found["all_expert_times"] = np.sort(when[expert])
    every = np.flatnonzero(dated)
    order = every[np.lexsort((when[every], people[every]))]
    found["any_people"], found["any_offsets"] = by_person(people[order])
    found["any_times"] = when[order]
    accepted = np.flatnonzero(dated & (codes == roles.index(Role.ACCEPTED_ANSWERER)))
    order = accepted[np.lexsort((when[accepted], people[accepted]))]
    found["accepted_people"], found["accepted_offsets"] = by_person(people[order])
    found["accepted_times"] = when[order]
    return found


def _threads(
    arrays: dict[str, np.ndarray], item_roots: np.ndarray, items: int
) -> dict[str, np.ndarray]:
    """Thread starter row -> the expert contributions of its replies (CSR, by reply row)."""
    rows = arrays["rows"]
    roots = item_roots[rows]
    answers = np.flatnonzero(arrays["expert"] & (roots != NO_ROW))
    order = np.argsort(roots[answers], kind="stable")
    return {"answer_contributions": answers[order], "answer_offsets": csr(roots[answers], items)}


def _starter_answered(
    arrays: dict[str, np.ndarray], times: np.ndarray, roles: tuple[str, ...], roots: np.ndarray
) -> np.ndarray:
    """Per contribution: when someone else first answered the thread it started, or pointed
    its starter to someone who knows (a request, then, not knowledge); inf when nobody did,
    or when the contribution starts no thread."""
    people, rows = arrays["people"], arrays["rows"]
    found = np.full(people.size, math.inf)
    answers, offsets = arrays["answer_contributions"], arrays["answer_offsets"]
    pointers = np.flatnonzero(
        np.isin(arrays["codes"], role_codes(roles, {Role.REFERRER})) & (roots[rows] != NO_ROW)
    )
    pointers = pointers[np.argsort(roots[rows[pointers]], kind="stable")]
    pointer_offsets = csr(roots[rows[pointers]], roots.size)
    starters = np.flatnonzero(np.isin(arrays["codes"], role_codes(roles, STARTERS)))
    for index, row, person in zip(
        starters.tolist(), rows[starters].tolist(), people[starters].tolist(), strict=True
    ):
        entries = answers[offsets[row] : offsets[row + 1]]
        pointed = pointers[pointer_offsets[row] : pointer_offsets[row + 1]]
        entries = np.concatenate([entries, pointed]) if pointed.size else entries
        if not entries.size:
            continue
        dates = times[rows[entries]]
        others = dates[(people[entries] != person) & ~np.isnan(dates)]
        found[index] = float(others.min()) if others.size else math.inf
    return found


def _qualities(columns: EvidenceColumns) -> np.ndarray:
    """Each item row's quality, with the very function (and float operations) rankers use."""
    names = columns.signal_names
    values = np.asarray(columns["signal_values"]).tolist()
    words = np.asarray(columns["item_words"]).tolist()
    return np.asarray(
        [
            item_quality({n: v for n, v in zip(names, row, strict=True) if v == v}, count)
            for row, count in zip(values, words, strict=True)
        ],
        dtype=np.float64,
    )
