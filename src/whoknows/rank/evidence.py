"""What rankers read: the lexical index plus who contributed to each item, held in memory."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from whoknows.index.lexical import LexicalIndex


@dataclass(frozen=True)
class ItemContribution:
    person_id: int
    role: str
    weight: float


class EvidenceBase:
    """Index and contribution tables, loaded once per workspace generation."""

    def __init__(self, conn: sqlite3.Connection, lexical: LexicalIndex) -> None:
        self.lexical = lexical
        excluded = {
            row[0]
            for row in conn.execute(
                "SELECT id FROM persons WHERE is_bot = 1 OR opt_out_inference = 1"
            )
        }
        self.excluded_people = excluded
        contributions: dict[int, list[ItemContribution]] = defaultdict(list)
        for item_id, person_id, role, weight in conn.execute(
            "SELECT item_id, person_id, role, weight FROM contributions"
        ):
            if person_id not in excluded:
                contributions[item_id].append(ItemContribution(person_id, role, weight))
        self.contributions = dict(contributions)
        signals: dict[int, dict[str, float]] = defaultdict(dict)
        for item_id, name, value in conn.execute("SELECT item_id, name, value FROM signals"):
            signals[item_id][name] = value
        self.signals = dict(signals)
        self.item_words: dict[int, int] = dict(
            conn.execute(
                "SELECT id, LENGTH(text) - LENGTH(REPLACE(text, ' ', '')) + 1 FROM items"
            ).fetchall()
        )
        self.item_timestamps = dict(
            zip(lexical.item_ids.tolist(), lexical.timestamps.tolist(), strict=True)
        )

    def candidates(self) -> set[int]:
        people: set[int] = set()
        for contributions in self.contributions.values():
            people.update(c.person_id for c in contributions)
        return people

    def timestamp(self, item_id: int) -> float:
        value = self.item_timestamps.get(item_id, float("nan"))
        return value if not np.isnan(value) else float("nan")
