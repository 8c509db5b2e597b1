"""Contract tests every connector and every ranker must pass, built-in or plugin."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from conftest import sample
from whoknows.demo import SampleSource
from whoknows.errors import InputError
from whoknows.ingest import Connector, IngestContext, connectors
from whoknows.rank import PersonScore, Query, Ranker, rankers
from whoknows.records import ItemRecord, PersonRecord


@pytest.mark.parametrize("name", sorted(connectors()))
def test_connector_contract(name: str, sample_org: list[SampleSource], tmp_path: Path) -> None:
    cls = connectors()[name]
    connector = cls()
    assert isinstance(connector, Connector)
    assert cls.name == name and cls.source and cls.description
    assert inspect.isgeneratorfunction(cls.parse), "parse must stream records"
    records = list(connector.parse(sample(sample_org, name).path, IngestContext()))
    assert records
    for record in records:
        if isinstance(record, ItemRecord):
            assert record.source == cls.source and record.native_id and record.text.strip()
            assert all(c.person.source == cls.source for c in record.contributions)
        else:
            assert isinstance(record, PersonRecord) and record.ref.source == cls.source
    again = [
        getattr(r, "native_id", None)
        for r in connector.parse(sample(sample_org, name).path, IngestContext())
    ]
    assert again == [getattr(r, "native_id", None) for r in records], "ids must be stable"
    with pytest.raises(InputError):
        list(connector.parse(tmp_path / "missing-input", IngestContext()))


@pytest.mark.parametrize("name", sorted(rankers()))
def test_ranker_contract(name: str, demo) -> None:
    ranker = rankers()[name](demo.settings)
    assert isinstance(ranker, Ranker)
    evidence = demo.evidence()
    conn = demo.store().conn
    bots = {r[0] for r in conn.execute("SELECT id FROM persons WHERE is_bot = 1")}
    result = ranker.rank(Query("kubernetes deployment rollback", k=5), evidence)
    assert 0 < len(result) <= 5
    assert all(isinstance(p, PersonScore) for p in result)
    assert [p.score for p in result] == sorted((p.score for p in result), reverse=True)
    everyone = ranker.rank(Query("kubernetes deployment rollback", k=0), evidence)
    assert len(everyone) >= len(result) and not bots & {p.person_id for p in everyone}
    for person in result:
        assert person.votes
        for vote in person.votes:
            assert conn.execute(
                "SELECT 1 FROM contributions WHERE item_id = ? AND person_id = ?",
                (vote.item_id, person.person_id),
            ).fetchone()
        contributions = [v.contribution for v in person.votes]
        assert contributions == sorted(contributions, reverse=True)
    cutoff = 1.77e9  # 2026-02-02
    recent = ranker.rank(Query("kubernetes deployment rollback", since=cutoff, k=0), evidence)
    for person in recent:
        for vote in person.votes:
            assert evidence.timestamp(vote.item_id) >= cutoff
    ines = result[0].person_id
    conn.execute("UPDATE persons SET opt_out_inference = 1 WHERE id = ?", (ines,))
    demo._evidence = None
    assert ines not in {p.person_id for p in ranker.rank(Query("kubernetes", k=0), demo.evidence())}
