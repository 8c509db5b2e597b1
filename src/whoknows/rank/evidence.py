"""What rankers and insights read: the indexes, and who contributed to each item, as arrays.

Opened from the index files (memory-mapped, read no SQL): the evidence columns, and the tables
derived from them at index time (:mod:`whoknows.rank.tables`). Opening costs milliseconds
whatever the history; the per-item and per-person mappings insights read (``contributions``,
``signals``, ``item_words``, ``expert_times``...) compute each entry when asked.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Protocol

import numpy as np

from whoknows.errors import IndexStateError
from whoknows.i18n import N_
from whoknows.index.analysis import tokenize, without_courtesies
from whoknows.index.bridge import Bridge, UnheldWords, bridges, unheld_words
from whoknows.index.columns import NO_ROW, EvidenceColumns
from whoknows.index.dense import DenseIndex
from whoknows.index.embedders import Embedder, word_bridge
from whoknows.index.graph import ParticipationGraph
from whoknows.index.lexical import LexicalIndex
from whoknows.index.specificity import written_in
from whoknows.rank import holding
from whoknows.rank.quality import item_quality
from whoknows.rank.roles import Role
from whoknows.rank.tables import EvidenceTables
from whoknows.rank.views import ItemContribution, PersonArrays, RowMapping

QUERY_VECTORS_KEPT = 256


class Model(Protocol):
    """A learned combiner of feature rows (see :mod:`whoknows.rank.learned`)."""

    meta: dict[str, object]

    @property
    def usable(self) -> bool: ...

    def predict(self, features: np.ndarray) -> np.ndarray: ...


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
        tables: EvidenceTables | None = None,
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
        self.generation = columns.generation
        source = columns["excluded"] if excluded is None else list(excluded)
        self.excluded_people: set[int] = {int(p) for p in source}
        if graph is None or graph.generation != columns.generation:
            graph = ParticipationGraph.build(columns)
        self.graph = graph.without(self.excluded_people)
        self.item_ids: np.ndarray = lexical.item_ids
        self.times: np.ndarray = np.asarray(lexical.timestamps, dtype=np.float64)
        latest = float(np.fmax.reduce(self.times)) if self.times.size else math.nan
        # the latest date (0 when none), never after today (an item dated next year: a typo)
        self.now = min(latest, time.time()) if latest == latest else 0.0
        if tables is None or not self._fits(tables, columns):
            tables = EvidenceTables.build(columns, self.excluded_people, qualities=False)
        self._read(tables)
        self._query_vectors: dict[str, np.ndarray] = {}
        self._bridges: dict[tuple[str, frozenset[int] | None], list[Bridge]] = {}
        self._role_tables: dict[frozenset[str], np.ndarray] = {}

    def role_codes(self, roles: Iterable[str]) -> np.ndarray:
        """The codes of ``roles`` in this base's role table (kept: votes ask every query)."""
        wanted = frozenset(roles)
        found = self._role_codes.get(wanted)
        if found is None:
            found = np.asarray([c for c, r in enumerate(self.roles) if r in wanted], np.int16)
            self._role_codes[wanted] = found
        return found

    def in_roles(self, codes: np.ndarray, roles: Iterable[str]) -> np.ndarray:
        """Which of ``codes`` are codes of ``roles`` (``np.isin`` by a table of the codes)."""
        wanted = frozenset(roles)
        table = self._role_tables.get(wanted)
        if table is None:
            table = np.zeros(len(self.roles) + 1, dtype=bool)
            table[self.role_codes(wanted)] = True
            self._role_tables[wanted] = table
        return np.asarray(table[codes])

    def _fits(self, tables: EvidenceTables, columns: EvidenceColumns) -> bool:
        """Whether ``tables`` were derived from ``columns`` without the people excluded now."""
        same = tables.generation == columns.generation
        return same and tables.excluded == frozenset(self.excluded_people)

    def _read(self, tables: EvidenceTables) -> None:
        """The contribution, activity and thread arrays (see :mod:`whoknows.rank.tables`)."""
        self.people: np.ndarray = tables["people"]
        self.rows: np.ndarray = tables["rows"]
        self.weights: np.ndarray = tables["weights"]
        self.codes: np.ndarray = tables["codes"]
        self.offsets: np.ndarray = tables["offsets"]
        self.expert: np.ndarray = tables["expert"]
        self.starter_answered: np.ndarray = tables["starter_answered"]

        def per_person(kind: str, values: str) -> PersonArrays:
            return PersonArrays(tables[f"{kind}_people"], tables[f"{kind}_offsets"], tables[values])

        self.expert_times = per_person("expert", "expert_times")
        self.expert_rows = per_person("expert", "expert_rows")  # aligned with expert_times
        self.any_times = per_person("any", "any_times")
        self.accepted_times = per_person("accepted", "accepted_times")
        self.all_expert_times: np.ndarray = tables["all_expert_times"]
        self.answer_contributions: np.ndarray = tables["answer_contributions"]
        self.answer_offsets: np.ndarray = tables["answer_offsets"]
        self.person_contributions = PersonArrays(
            tables["person_ids"], tables["person_offsets"], tables["person_contributions"]
        )
        self._qualities: np.ndarray = tables["qualities"]
        if np.isnan(self._qualities[:1]).any():  # computed row by row on use
            self._qualities = np.array(self._qualities)

    # -- reading, by row -------------------------------------------------------------------
    def row(self, item_id: int) -> int:
        """The index row of an item, or -1 when it is not indexed."""
        row = int(np.searchsorted(self.item_ids, item_id))
        return row if row < self.item_ids.size and self.item_ids[row] == item_id else NO_ROW

    def source(self, item_id: int) -> str | None:
        """The source an item came from, or None when it is not indexed."""
        row = self.row(item_id)
        if row == NO_ROW:
            return None
        return self._columns.sources[int(self._columns["item_sources"][row])]

    def parents(self) -> np.ndarray:
        """Per item row: the row of the item it replies to or comments on (-1: none)."""
        return np.asarray(self._columns["item_parents"])

    def thread_roots(self) -> np.ndarray:
        """Per item row: the row of the item that began its thread (-1: none)."""
        return np.asarray(self._columns["item_roots"])

    def starts_thread(self) -> np.ndarray:
        """Per item row: whether the item has a thread of its own and replies to nothing."""
        return np.asarray(self._columns["item_starts"])

    def timestamp(self, item_id: int) -> float:
        row = self.row(item_id)
        return float(self.times[row]) if row != NO_ROW else math.nan

    def at(self, row: int) -> tuple[list[int], list[str], list[float]]:
        """(people, roles, weights) of one item's contributions, in stored order."""
        start, end = int(self.offsets[row]), int(self.offsets[row + 1])
        roles = self.roles
        return (
            self.people[start:end].tolist(),
            [roles[c] for c in self.codes[start:end].tolist()],
            self.weights[start:end].tolist(),
        )

    def answers_at(self, row: int) -> tuple[list[int], list[str], list[float], list[float]]:
        """(people, roles, weights, dates) of the expert replies in the thread ``row`` began."""
        found = self.answer_contributions[self.answer_offsets[row] : self.answer_offsets[row + 1]]
        roles = self.roles
        return (
            self.people[found].tolist(),
            [roles[c] for c in self.codes[found].tolist()],
            self.weights[found].tolist(),
            self.times[self.rows[found]].tolist(),
        )

    def signal(self, row: int, name: str) -> float | None:
        if name not in self.signal_names:
            return None
        value = float(self._columns["signal_values"][row, self.signal_names.index(name)])
        return None if math.isnan(value) else value

    def words(self, row: int) -> int:
        return int(self._columns["item_words"][row])

    def words_of(self, rows: np.ndarray) -> np.ndarray:
        return np.asarray(self._columns["item_words"][rows])

    def text_of(self, item_id: int) -> int:
        """An item's text digest (0: none, or not indexed)."""
        row = self.row(item_id)
        return int(self._columns["item_texts"][row]) if row != NO_ROW else 0

    def texts_of(self, rows: np.ndarray) -> np.ndarray:
        """Each row's text digest: copies of one text share it (``index.columns``)."""
        return np.asarray(self._columns["item_texts"][rows])

    def quality(self, row: int) -> float:
        """:func:`whoknows.rank.quality.item_quality` of one item, cached."""
        return float(self.qualities(np.asarray([row]))[0])

    def qualities(self, rows: np.ndarray) -> np.ndarray:
        """:meth:`quality` of each row, computed once per row and kept."""
        known = self._qualities
        found = known[rows]
        for index in np.flatnonzero(np.isnan(found)).tolist():
            row = int(rows[index])
            found[index] = known[row] = item_quality(self.signals_at(row), self.words(row))
        return np.asarray(found)

    def signals_at(self, row: int) -> dict[str, float]:
        values = self._columns["signal_values"][row].tolist()
        return {n: v for n, v in zip(self.signal_names, values, strict=True) if v == v}

    def embed_query(self, text: str) -> np.ndarray | None:
        """The query's vector, its courtesies aside ("merci d'avance" is no meaning of it); the
        latest few are kept (a search page and its API call, a report asking each topic twice
        embed once)."""
        if self.dense is None or self.embedder is None:
            return None
        found = self._query_vectors.get(text)
        if found is None:
            meant = without_courtesies(text).strip() or text
            found = np.asarray(self.embedder.embed([meant])[0])
            if len(self._query_vectors) >= QUERY_VECTORS_KEPT:
                self._query_vectors.clear()
            self._query_vectors[text] = found
        return found

    def bridges(self, text: str, visible: frozenset[int] | None = None) -> list[Bridge]:
        """The query's words that no item holds, bridged to the organisation's word they are
        written short for, or in another language (``index.bridge``; translations with the
        static embedder only), a word only when an item of someone who may be shown holds it:
        of ``visible`` (an opt-out made since this base was opened counts), else of the people
        this base does not exclude."""
        # (a word only hidden people hold is unknown here: were it known, whether a query is
        # bridged would tell that someone hidden wrote it)
        key = (text, visible)
        found = self._bridges.get(key)
        if found is None:
            found = bridges(
                text,
                functools.partial(self._held_by, visible),
                functools.partial(self._holding, visible),
                self.lexical.vocabulary,
                functools.partial(word_bridge, self.embedder if self.dense is not None else None),
                functools.partial(self.held_together, visible=visible),
                lambda: self.written_in,  # (read only for a question to translate)
            )
            if len(self._bridges) >= QUERY_VECTORS_KEPT:
                self._bridges.clear()
            self._bridges[key] = found
        return found

    @cached_property
    def written_in(self) -> str | None:
        """The language the items are mostly written in ("en", "fr"; None: neither's words):
        a question's word of that language is never translated (an English word nobody wrote
        over English writing is a name, a typo or a subject nobody wrote about)."""
        counts = np.diff(self.lexical.weights.indptr)
        return written_in(self.lexical.vocabulary, counts)

    def unheld_words(
        self,
        text: str,
        visible: frozenset[int] | None = None,
        bridged: frozenset[str] = frozenset(),
    ) -> UnheldWords:
        """The query's words, as written, that no item of someone who may be shown holds (of
        ``visible``, else not excluded by this base) and none of whose terms was ``bridged``: a
        word only a hidden person wrote is one no item holds."""
        held = functools.partial(self._held_by, visible)
        return unheld_words(text, lambda stem: stem in bridged or held(stem), bridged)

    def unheld_terms(self, text: str, visible: frozenset[int] | None = None) -> frozenset[str]:
        """The query's index terms that no item of someone who may be shown holds (of
        ``visible``, else not excluded by this base): the indexes are asked as if no item held
        them, so a word only a hidden person wrote moves no visible score."""
        vocabulary = self.lexical.vocabulary
        return frozenset(
            term
            for term in set(tokenize(text))
            if term in vocabulary and not self._held_by(visible, term)
        )

    def _held_by(self, visible: frozenset[int] | None, stem: str) -> bool:
        """Whether an item of someone who may be shown holds the stem: a bridge never names a
        word only a hidden person wrote."""
        return bool(self.holding_items(stem, visible, most=1))

    def _holding(self, visible: frozenset[int] | None, stem: str) -> int:
        return len(self.holding_items(stem, visible, most=len(self.item_ids)))

    def holding_items(
        self, stem: str, visible: frozenset[int] | None = None, most: int = 5
    ) -> list[int]:
        """Up to ``most`` items holding the stem that someone who may be shown (of
        ``visible``, else not excluded by this base) wrote or may be listed for
        (:func:`whoknows.rank.holding.holding_items`)."""
        return holding.holding_items(self, stem, visible, most)

    def held_together(self, stems: Iterable[str], visible: frozenset[int] | None = None) -> int:
        """How many such items hold every one of ``stems`` (:mod:`whoknows.rank.holding`)."""
        return holding.held_together(self, stems, visible)

    def searched(self, text: str) -> str:
        """``text`` with its bridged words added: what the indexes are asked."""
        found = self.bridges(text)
        return " ".join([text, *(bridge.to for bridge in found)]) if found else text

    # -- mappings by item and by person (each entry computed when asked) --------------------
    def _item_contributions(self, row: int) -> list[ItemContribution]:
        people, roles, weights = self.at(row)
        return [ItemContribution(*c) for c in zip(people, roles, weights, strict=True)]

    @cached_property
    def contributions(self) -> Mapping[int, list[ItemContribution]]:
        """Item id -> its contributions (people not excluded)."""
        present = np.diff(self.offsets) > 0
        return RowMapping(self.item_ids, present, self._item_contributions)

    def person_items(self, person_id: int) -> list[tuple[int, ItemContribution]]:
        """Every (item, contribution) of one person, in item order."""
        found = self.person_contributions.get(person_id)
        if found is None:
            return []
        ids = self.item_ids[self.rows[found]].tolist()
        roles = self.roles
        codes, weights = self.codes[found].tolist(), self.weights[found].tolist()
        return [
            (item, ItemContribution(person_id, roles[code], weight))
            for item, code, weight in zip(ids, codes, weights, strict=True)
        ]

    @cached_property
    def signals(self) -> Mapping[int, dict[str, float]]:
        """Item id -> its signals (items without signals are absent)."""
        values = self._columns["signal_values"]
        present = ~np.isnan(values).all(axis=1) if values.shape[1] else np.zeros(len(values), bool)
        return RowMapping(self.item_ids, present, self.signals_at)

    @cached_property
    def item_words(self) -> Mapping[int, int]:
        return RowMapping(self.item_ids, np.ones(self.item_ids.size, bool), self.words)

    @cached_property
    def item_timestamps(self) -> Mapping[int, float]:
        return RowMapping(self.item_ids, np.ones(self.item_ids.size, bool), self._time)

    def _time(self, row: int) -> float:
        return float(self.times[row])

    @cached_property
    def thread_answers(self) -> Mapping[int, list[tuple[ItemContribution, float]]]:
        """Thread starter id -> (expert contribution, date) of the people who replied."""
        return RowMapping(self.item_ids, np.diff(self.answer_offsets) > 0, self._answers)

    def _answers(self, row: int) -> list[tuple[ItemContribution, float]]:
        people, roles, weights, dates = self.answers_at(row)
        return [
            (ItemContribution(p, r, w), d)
            for p, r, w, d in zip(people, roles, weights, dates, strict=True)
        ]
