"""The columnar evidence base equals its definition over the store, on the public benchmark.

The reference below rebuilds, with plain SQL and Python objects, what rankers read (the way the
evidence base was built before it had columns); the evidence opened from the index files must
hold exactly the same. Skipped without ../shared.
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from conftest import CARDANO_BENCH, make_service
from whoknows.pipeline.reports import CreditedSentences
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.roles import SHOWN_REPLY_WORDS
from whoknows.vocab import EXPERT_ROLES, STARTER_ROLES

pytestmark = pytest.mark.skipif(not CARDANO_BENCH.exists(), reason="../shared bench not present")

Contribution = tuple[int, str, float]


def reference_contributions(conn: sqlite3.Connection) -> dict[int, list[Contribution]]:
    excluded = {
        row[0]
        for row in conn.execute(
            "SELECT id FROM persons"
            " WHERE is_bot = 1 OR opt_out_inference = 1 OR opt_out_visibility = 1"
        )
    }
    found: dict[int, list[Contribution]] = defaultdict(list)
    for item_id, person_id, role, weight in conn.execute(
        "SELECT item_id, person_id, role, weight FROM contributions"
    ):
        if person_id not in excluded:
            found[item_id].append((person_id, role, weight))
    # (words as the columns count them: spaces and one)
    words = dict(
        conn.execute("SELECT id, LENGTH(text) - LENGTH(REPLACE(text, ' ', '')) + 1 FROM items")
    )
    for item_id, root in reference_roots(conn).items():
        starters = {p for p, role, _ in found.get(root, ()) if role in STARTER_ROLES}
        # a starter's follow-up asks, or only acknowledges when shorter than 12 words
        follow_up = "acknowledger" if words[item_id] < 12 else "asker"
        if starters and item_id in found:
            found[item_id] = [
                (p, follow_up, w)
                if role in ("replier", "commenter") and p in starters
                else (p, role, w)
                for p, role, w in found[item_id]
            ]
    return dict(found)


def reference_roots(conn: sqlite3.Connection) -> dict[int, int]:
    roots = dict(
        conn.execute(
            "SELECT thread_uid, id FROM items WHERE parent_uid IS NULL AND thread_uid IS NOT NULL"
        ).fetchall()
    )
    return {
        item_id: roots[thread]
        for item_id, thread in conn.execute(
            "SELECT id, thread_uid FROM items WHERE parent_uid IS NOT NULL"
            " AND thread_uid IS NOT NULL"
        )
        if thread in roots and roots[thread] != item_id
    }


def expert(role: str, weight: float) -> bool:
    return role in EXPERT_ROLES and weight >= 0.5


def check_activity(evidence: EvidenceBase, found: dict[int, list[Contribution]]) -> None:
    expert_pairs: dict[int, list[tuple[float, int]]] = defaultdict(list)
    any_times: dict[int, list[float]] = defaultdict(list)
    for item_id, contributions in found.items():
        when, row = evidence.timestamp(item_id), evidence.row(item_id)
        for person, role, weight in contributions:
            if not math.isnan(when):
                any_times[person].append(when)
                if expert(role, weight):
                    expert_pairs[person].append((when, row))
    assert set(evidence.expert_times) == set(expert_pairs)
    for person, pairs in expert_pairs.items():
        pairs.sort()
        assert evidence.expert_times[person].tolist() == [when for when, _ in pairs]
        assert evidence.expert_rows[person].tolist() == [row for _, row in pairs]
    assert {p: t.tolist() for p, t in evidence.any_times.items()} == {
        p: sorted(t) for p, t in any_times.items()
    }


@pytest.mark.full  # real data: the second layer
def test_columns_hold_what_the_store_says(tmp_path: Path) -> None:
    service = make_service(tmp_path / "ws", dense=False, learn=False, progress=False)
    service.ingest.ingest("stackexchange", CARDANO_BENCH / "corpus")
    evidence = service.workspace.evidence()
    conn = service.workspace.store().conn
    found = reference_contributions(conn)
    assert {
        item: [(c.person_id, c.role, c.weight) for c in contributions]
        for item, contributions in evidence.contributions.items()
    } == found
    answers: dict[int, list[tuple[int, str, float, float]]] = defaultdict(list)
    for item_id, root in reference_roots(conn).items():
        for person, role, weight in found.get(item_id, ()):
            if expert(role, weight):
                answers[root].append((person, role, weight, evidence.timestamp(item_id)))
    assert {
        root: [(c.person_id, c.role, c.weight, when) for c, when in pairs]
        for root, pairs in evidence.thread_answers.items()
    } == dict(answers)
    check_activity(evidence, found)
    signals: dict[int, dict[str, float]] = defaultdict(dict)
    for item_id, name, value in conn.execute("SELECT item_id, name, value FROM signals"):
        signals[item_id][name] = value
    assert evidence.signals == dict(signals)
    words = dict(
        conn.execute("SELECT id, LENGTH(text) - LENGTH(REPLACE(text, ' ', '')) + 1 FROM items")
    )
    # (an item that credits others counts its writers' own words, a dozen at least or none)
    credited = CreditedSentences(conn)
    for item_id, text in conn.execute("SELECT id, text FROM items"):
        own = credited.text(item_id, text)
        if own != text:
            said = len(own.split())
            words[item_id] = said if said >= SHOWN_REPLY_WORDS else 0
    assert evidence.item_words == words
    np.testing.assert_array_equal(evidence.item_ids, sorted(words))
    service.close()
