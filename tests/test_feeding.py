"""Large inputs are read in a child process while the parent writes: the store, the report
and the errors are those of reading in-process."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import whoknows.pipeline.feeding as feeding
from conftest import make_service, sample
from whoknows.demo import SampleSource
from whoknows.errors import InputError

TABLES = {
    "items": "SELECT uid, kind, title, text, context, date, thread_uid, parent_uid, content_hash"
    " FROM items ORDER BY id",
    "contributions": "SELECT item_id, person_id, role, weight FROM contributions"
    " ORDER BY item_id, person_id, role",
    "signals": "SELECT item_id, name, value FROM signals ORDER BY item_id, name",
    "aliases": "SELECT person_id, kind, source, key FROM aliases ORDER BY id",
}


def stored(workspace: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(workspace / "whoknows.sqlite3")
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in TABLES.items()}
    finally:
        conn.close()


def ingest_sources(workspace: Path, sources: list[SampleSource]) -> list[dict[str, object]]:
    service = make_service(workspace)
    try:
        reports = []
        for source in sources:
            report = service.ingest.ingest(source.connector, source.path, options=source.options)
            reports.append({k: v for k, v in report.as_dict().items() if "second" not in k})
        return reports
    finally:
        service.close()


def test_reading_in_a_child_stores_what_reading_here_stores(
    sample_org: list[SampleSource], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = [sample(sample_org, name) for name in ("slack", "mbox", "stackexchange", "docs")]
    here = ingest_sources(tmp_path / "here", sources)
    monkeypatch.setattr(feeding, "MIN_BYTES", 0)
    monkeypatch.setattr(feeding, "BATCH", 3)
    children = []
    reading = feeding._from_child
    monkeypatch.setattr(feeding, "_from_child", lambda *a: children.append(a) or reading(*a))
    child = ingest_sources(tmp_path / "child", sources)
    assert len(children) == len(sources)
    assert here == child
    assert stored(tmp_path / "here") == stored(tmp_path / "child")


@pytest.mark.parametrize("skip_errors", [False, True])
def test_a_broken_line_read_in_a_child_is_reported_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, skip_errors: bool
) -> None:
    """Without --skip-errors the same one-line error and nothing stored; with it, the same
    problems and the good lines stored."""
    good = {"id": "a", "text": "Kafka consumer lag", "authors": ["Ann Lee"]}
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps(good) + "\n{broken\n" + json.dumps({**good, "id": "b"}) + "\n")
    outcomes = []
    for minimum in (1 << 40, 0):
        monkeypatch.setattr(feeding, "MIN_BYTES", minimum)
        service = make_service(tmp_path / f"ws-{minimum}")
        try:
            if skip_errors:
                report = service.ingest.ingest("jsonl", path, skip_errors=True)
                outcomes.append((report.items_added, report.problems, report.skipped))
            else:
                with pytest.raises(InputError) as raised:
                    service.ingest.ingest("jsonl", path)
                count = service.workspace.store().conn.execute("SELECT COUNT(*) FROM items")
                outcomes.append((raised.value.one_line(), count.fetchone()[0]))
        finally:
            service.close()
    assert outcomes[0] == outcomes[1]
    if skip_errors:
        assert outcomes[0][0] == 2 and len(outcomes[0][1]) == 1
    else:
        assert "export.jsonl:2" in str(outcomes[0][0]) and outcomes[0][1] == 0
