"""What rankers read: indexes, who contributed to each item, and each person's activity."""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from whoknows.index.lexical import LexicalIndex

if TYPE_CHECKING:
    from whoknows.index.dense import DenseIndex
    from whoknows.index.embedders import Embedder
    from whoknows.rank.training import LearnedModel

# roles whose items show a person's own knowledge (answering, writing, fixing)
EXPERT_ROLES = frozenset(
    {"accepted-answerer", "answerer", "author", "replier", "committer", "reviewer"}
)


# roles of the person who starts a thread: their later replies in it are follow-ups, not answers
STARTERS = frozenset({"asker", "sender", "poster"})


@dataclass(frozen=True)
class ItemContribution:
    person_id: int
    role: str
    weight: float


class EvidenceBase:
    """Indexes plus contribution tables, loaded once per workspace generation."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        lexical: LexicalIndex,
        dense: DenseIndex | None = None,
        embedder: Embedder | None = None,
        model: LearnedModel | None = None,
    ) -> None:
        self.lexical = lexical
        self.dense = dense if dense is not None and embedder is not None else None
        self.embedder = embedder
        self.model = model
        if self.dense is not None and not np.array_equal(self.dense.item_ids, lexical.item_ids):
            self.dense = None  # built from another generation: lexical alone until reindex
        self.excluded_people = {
            row[0]
            for row in conn.execute(
                "SELECT id FROM persons"
                " WHERE is_bot = 1 OR opt_out_inference = 1 OR opt_out_visibility = 1"
            )
        }
        self.item_timestamps = dict(
            zip(lexical.item_ids.tolist(), lexical.timestamps.tolist(), strict=True)
        )
        contributions: dict[int, list[ItemContribution]] = defaultdict(list)
        for item_id, person_id, role, weight in conn.execute(
            "SELECT item_id, person_id, role, weight FROM contributions"
        ):
            if person_id not in self.excluded_people:
                contributions[item_id].append(ItemContribution(person_id, role, weight))
        root_of = self._thread_roots(conn)
        for item_id, root in root_of.items():
            starters = {c.person_id for c in contributions.get(root, ()) if c.role in STARTERS}
            if starters and item_id in contributions:
                contributions[item_id] = [
                    ItemContribution(c.person_id, "asker", c.weight)
                    if c.role == "replier" and c.person_id in starters
                    else c
                    for c in contributions[item_id]
                ]
        expert_times: dict[int, list[tuple[float, int]]] = defaultdict(list)
        row_of = {item: row for row, item in enumerate(lexical.item_ids.tolist())}
        accepted_times: dict[int, list[float]] = defaultdict(list)
        any_times: dict[int, list[float]] = defaultdict(list)
        for item_id, item_contributions in contributions.items():
            when = self.item_timestamps.get(item_id, math.nan)
            if math.isnan(when):
                continue
            for c in item_contributions:
                any_times[c.person_id].append(when)
                if c.role in EXPERT_ROLES and c.weight >= 0.5:
                    expert_times[c.person_id].append((when, row_of[item_id]))
                if c.role == "accepted-answerer":
                    accepted_times[c.person_id].append(when)
        self.contributions = dict(contributions)
        self._by_person: dict[int, list[tuple[int, ItemContribution]]] | None = None
        # thread starters -> who answered or replied in the thread (a similar question then
        # votes for the people who answered it)
        self.thread_answers: dict[int, list[tuple[ItemContribution, float]]] = defaultdict(list)
        for item_id, root in root_of.items():
            when = self.item_timestamps.get(item_id, math.nan)
            for c in self.contributions.get(item_id, ()):
                if c.role in EXPERT_ROLES and c.weight >= 0.5:
                    self.thread_answers[root].append((c, when))
        self.all_expert_times = np.sort(
            np.asarray([when for pairs in expert_times.values() for when, _ in pairs])
        )
        self.expert_times: dict[int, np.ndarray] = {}
        self.expert_rows: dict[int, np.ndarray] = {}  # aligned with expert_times
        for person, pairs in expert_times.items():
            pairs.sort()
            self.expert_times[person] = np.asarray([when for when, _ in pairs])
            self.expert_rows[person] = np.asarray([row for _, row in pairs], dtype=np.int64)
        self.accepted_times = {p: np.sort(np.asarray(t)) for p, t in accepted_times.items()}
        self.any_times = {p: np.sort(np.asarray(t)) for p, t in any_times.items()}
        signals: dict[int, dict[str, float]] = defaultdict(dict)
        for item_id, name, value in conn.execute("SELECT item_id, name, value FROM signals"):
            signals[item_id][name] = value
        self.signals = dict(signals)
        self.item_words: dict[int, int] = dict(
            conn.execute(
                "SELECT id, LENGTH(text) - LENGTH(REPLACE(text, ' ', '')) + 1 FROM items"
            ).fetchall()
        )
        known = lexical.timestamps[~np.isnan(lexical.timestamps)]
        self.now = float(known.max()) if known.size else 0.0

    @staticmethod
    def _thread_roots(conn: sqlite3.Connection) -> dict[int, int]:
        """Every reply's thread starter: item id -> the id of the item that began its thread."""
        roots = dict(
            conn.execute(
                "SELECT thread_uid, id FROM items"
                " WHERE parent_uid IS NULL AND thread_uid IS NOT NULL"
            ).fetchall()
        )
        return {
            item_id: roots[thread]
            for item_id, thread in conn.execute(
                "SELECT id, thread_uid FROM items"
                " WHERE parent_uid IS NOT NULL AND thread_uid IS NOT NULL"
            )
            if thread in roots and roots[thread] != item_id
        }

    def person_items(self, person_id: int) -> list[tuple[int, ItemContribution]]:
        """Every (item, contribution) of one person, from a reverse index built on first use."""
        if self._by_person is None:
            by_person: dict[int, list[tuple[int, ItemContribution]]] = defaultdict(list)
            for item_id, item_contributions in self.contributions.items():
                for c in item_contributions:
                    by_person[c.person_id].append((item_id, c))
            self._by_person = dict(by_person)
        return self._by_person.get(person_id, [])

    def timestamp(self, item_id: int) -> float:
        return self.item_timestamps.get(item_id, math.nan)

    def embed_query(self, text: str) -> np.ndarray | None:
        if self.dense is None or self.embedder is None:
            return None
        return self.embedder.embed([text])[0]
