"""Evidence columns: built at index time, saved, memory-mapped back; opening reads no SQL scan."""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
import pytest

from whoknows.errors import IndexStateError
from whoknows.index.columns import (
    NO_ROW,
    ContributionRow,
    EvidenceColumns,
    ItemRow,
    SignalRow,
)
from whoknows.index.lexical import IndexedDocument, LexicalIndex
from whoknows.pipeline import open_evidence
from whoknows.rank.evidence import EvidenceBase
from whoknows.settings import load_settings
from whoknows.vocab import ContributionRole as Role


def small_columns() -> EvidenceColumns:
    items = [
        ItemRow(10, 1000.0, None, 12),  # a question
        ItemRow(11, 2000.0, 10, 40),  # its answer
        ItemRow(12, math.nan, 10, 3),  # the asker's undated follow-up
        ItemRow(13, 3000.0, None, 20),
    ]
    contributions = [
        ContributionRow(11, 2, Role.ACCEPTED_ANSWERER, 1.0),
        ContributionRow(10, 1, Role.ASKER, 1.0),
        ContributionRow(12, 1, Role.REPLIER, 1.0),
        ContributionRow(13, 3, "drummer", 0.5),  # outside the vocabulary: kept under its own code
        ContributionRow(13, 2, Role.AUTHOR, 1.0),
        ContributionRow(99, 2, Role.AUTHOR, 1.0),  # an item not indexed: dropped
    ]
    signals = [SignalRow(11, "score", 3.0), SignalRow(11, "accepted", 1.0)]
    return EvidenceColumns.build(items, contributions, signals, excluded=[3], generation=4)


def test_columns_round_trip(tmp_path: Path) -> None:
    columns = small_columns()
    columns.save(tmp_path / "columns")
    loaded = EvidenceColumns.load(tmp_path / "columns")
    assert loaded.generation == 4 and loaded.roles == columns.roles
    assert loaded.roles[-1] == "drummer" and loaded.signal_names == ("accepted", "score")
    for name, array in columns.arrays.items():
        np.testing.assert_array_equal(loaded[name], array)
        assert isinstance(loaded[name].base, np.memmap) or loaded[name].size == 0, name
    assert loaded["contribution_offsets"].tolist() == [0, 1, 2, 3, 5]
    assert loaded["contribution_people"].tolist() == [1, 2, 1, 3, 2]  # store order per item
    assert loaded["item_roots"].tolist() == [NO_ROW, 0, 0, NO_ROW]
    assert loaded["excluded"].tolist() == [3]


def test_damaged_columns_are_an_index_state_error(tmp_path: Path) -> None:
    small_columns().save(tmp_path / "columns")
    (tmp_path / "columns" / "contribution_people.npy").unlink()
    with pytest.raises(IndexStateError):
        EvidenceColumns.load(tmp_path / "columns")


def test_evidence_from_columns() -> None:
    lexical = LexicalIndex.build(
        [
            IndexedDocument(i, "word", t)
            for i, t in [(10, 1e3), (11, 2e3), (12, math.nan), (13, 3e3)]
        ],
        generation=4,
    )
    evidence = EvidenceBase(small_columns(), lexical)
    assert evidence.excluded_people == {3}
    # the asker's reply in their own thread is a follow-up, not an answer; of three words it
    # is a thanks, never shown as what they asked (a longer one asks)
    assert [(c.person_id, c.role) for c in evidence.contributions[12]] == [(1, Role.ACKNOWLEDGER)]
    assert [(c.person_id, c.role) for c in evidence.contributions[13]] == [(2, Role.AUTHOR)]
    assert evidence.expert_times[2].tolist() == [2000.0, 3000.0]
    assert evidence.expert_rows[2].tolist() == [1, 3]
    assert evidence.accepted_times[2].tolist() == [2000.0]
    assert evidence.any_times[1].tolist() == [1000.0]
    assert [(c.person_id, when) for c, when in evidence.thread_answers[10]] == [(2, 2000.0)]
    assert evidence.signals == {11: {"accepted": 1.0, "score": 3.0}}
    assert evidence.item_words[12] == 3 and evidence.now == 3000.0
    assert [item for item, _ in evidence.person_items(2)] == [11, 13]
    assert math.isnan(evidence.timestamp(12)) and math.isnan(evidence.timestamp(99))
    opted_in = EvidenceBase(small_columns(), lexical, excluded=[])
    assert {c.person_id for c in opted_in.contributions[13]} == {2, 3}


def test_opening_the_demo_evidence_scans_no_table(demo_workspace: Path) -> None:
    from whoknows.services import open_services

    settings = load_settings(environ={}, workspace=demo_workspace, dense=False, learn=False)
    service = open_services(settings)
    conn = service.workspace.store().conn
    generation = service.workspace.store().generation()
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    started = time.perf_counter()
    evidence = open_evidence(conn, demo_workspace, generation, settings)
    seconds = time.perf_counter() - started
    conn.set_trace_callback(None)
    service.close()
    assert evidence is not None and evidence.contributions
    assert statements and all("FROM persons" in s for s in statements), statements
    assert seconds < 2.0  # milliseconds in practice; generous for a loaded test machine
