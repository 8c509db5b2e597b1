"""Idempotent, incremental and atomic ingest, a kill included."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from conftest import sample, store_dump, table_counts
from whoknows.demo import SampleSource
from whoknows.errors import InputError, WorkspaceError
from whoknows.store import Store


def test_same_input_twice_adds_nothing(service, sample_org: list[SampleSource]) -> None:
    for connector in ("people", "stackexchange", "slack", "git"):
        service.ingest.ingest(connector, sample(sample_org, connector).path)
    counts = table_counts(service)
    generation = service.workspace.store().generation()
    for connector in ("people", "stackexchange", "slack", "git"):
        report = service.ingest.ingest(connector, sample(sample_org, connector).path)
        assert report.items_added == report.people_added == report.aliases_added == 0
        assert report.changed_rows == 0
    after = table_counts(service)
    assert after.pop("ingests") == counts.pop("ingests") + 4
    assert after == counts
    assert service.workspace.store().generation() == generation


def test_newer_export_adds_only_what_is_new(service, tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    rows = [
        {"id": f"n{i}", "text": f"note {i} about kafka", "authors": ["Ann Lee"]} for i in range(5)
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows[:3]), encoding="utf-8")
    assert service.ingest.ingest("jsonl", path).items_added == 3
    rows[0]["text"] = "note 0 about kafka, corrected"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    report = service.ingest.ingest("jsonl", path)
    assert (report.items_added, report.items_updated, report.items_unchanged) == (2, 1, 2)
    text = (
        service.workspace.store()
        .conn.execute("SELECT text FROM items WHERE native_id = 'n0'")
        .fetchone()[0]
    )
    assert text.endswith("corrected")


def test_error_mid_ingest_leaves_store_exactly_as_before(service, tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(
        json.dumps({"id": "a", "text": "kafka", "authors": ["Ann Lee"]}) + "\n", encoding="utf-8"
    )
    service.ingest.ingest("jsonl", good)
    before = store_dump(service)
    index_meta = (service.settings.workspace / "index/lexical/meta.json").read_text()
    bad = tmp_path / "bad.jsonl"
    lines = [json.dumps({"id": f"b{i}", "text": "x", "authors": ["Bo Chen"]}) for i in range(50)]
    bad.write_text("\n".join([*lines, "{broken"]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:51:2: invalid JSON"):
        service.ingest.ingest("jsonl", bad)
    assert store_dump(service) == before
    assert (service.settings.workspace / "index/lexical/meta.json").read_text() == index_meta


@pytest.mark.full
def test_kill_mid_ingest_leaves_store_as_before(service, tmp_path: Path) -> None:
    seed = tmp_path / "seed.jsonl"
    seed.write_text(
        json.dumps({"id": "s", "text": "seed", "authors": ["Ann Lee"]}) + "\n", encoding="utf-8"
    )
    service.ingest.ingest("jsonl", seed)
    before = store_dump(service)
    service.close()
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as handle:
        for i in range(300_000):
            handle.write(
                json.dumps(
                    {
                        "id": f"k{i}",
                        "text": f"message {i} on topic {i % 97}",
                        "authors": [f"Person {i % 500} Example"],
                    }
                )
                + "\n"
            )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "whoknows.cli",
            "--workspace",
            str(service.settings.workspace),
            "ingest",
            "jsonl",
            str(big),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    time.sleep(3.0)
    assert process.poll() is None, "the ingest finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert store_dump(service) == before


def test_interrupt_rolls_back(service, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        "\n".join(
            json.dumps({"id": f"i{i}", "text": "t", "authors": ["Ann Lee"]}) for i in range(20)
        ),
        encoding="utf-8",
    )
    service.workspace.store(create=True)
    before = store_dump(service)
    from whoknows.pipeline import writer

    calls = {"n": 0}
    original = writer.IngestWriter.write

    def interrupted(self, record):  # a Ctrl-C after ten records
        calls["n"] += 1
        if calls["n"] == 10:
            raise KeyboardInterrupt
        return original(self, record)

    monkeypatch.setattr(writer.IngestWriter, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        service.ingest.ingest("jsonl", path)
    assert store_dump(service) == before


def test_not_a_workspace(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "whoknows.sqlite3").write_text("not sqlite", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="not a whoknows database"):
        Store(tmp_path / "ws")
    with pytest.raises(WorkspaceError, match="no whoknows workspace here"):
        Store(tmp_path / "empty", create=False)


def test_reindex_rebuilds_a_deleted_index(demo) -> None:
    expected = [p.person_id for p in demo.search.rank("postgresql backup restore", k=5)]
    shutil.rmtree(demo.settings.workspace / "index")
    demo.workspace.invalidate()
    assert [p.person_id for p in demo.search.rank("postgresql backup restore", k=5)] == expected
    stats = demo.ingest.reindex()
    assert stats.items > 200


def test_reindex_builds_the_lexical_index_again_where_an_ingest_updates_it(demo) -> None:
    """``whoknows reindex`` says it rebuilds every derived index: it reused a current lexical
    index (an ingest updates it, reading only new and changed items)."""
    weights = demo.settings.workspace / "index" / "lexical" / "weights_tf.npy"  # (term counts)
    built = np.load(weights)
    np.save(weights, built * 2)  # (what the index held would be carried by an update)
    demo.workspace.reindex(retrain=False)
    assert np.array_equal(np.load(weights), built * 2)
    demo.ingest.reindex()
    assert np.array_equal(np.load(weights), built)
