"""Ingesting the same export twice leaves every table as it was (the shared datasets)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SHARED, table_counts
from whoknows.ingest import IngestContext
from whoknows.ingest.jsonl import JsonlConnector
from whoknows.services import Services, open_services
from whoknows.settings import load_settings

# beside the checkout (../shared), or beside the folder of worktrees
SHARED_DIR = next(
    (p / "shared" for p in Path(__file__).resolve().parents if (p / "shared" / "bench").is_dir()),
    SHARED,
)
DATASETS = [
    pytest.param("stackexchange", "bench/se-cardano/corpus", id="se-cardano"),
    pytest.param("stackexchange", "bench/se-ai/corpus", id="se-ai"),
    pytest.param(
        "stackexchange", "data/stackexchange-cardano", id="cardano-dump", marks=pytest.mark.slow
    ),
    pytest.param(
        "jsonl", "bench/acl-authors/corpus.jsonl", id="acl-authors", marks=pytest.mark.slow
    ),
]


def quick_service(workspace: Path) -> Services:
    return open_services(
        load_settings(environ={}, workspace=workspace, dense=False, learn=False, progress=False)
    )


@pytest.mark.full
@pytest.mark.parametrize(("connector", "relative"), DATASETS)
def test_second_ingest_changes_no_table(connector: str, relative: str, tmp_path: Path) -> None:
    path = SHARED_DIR / relative
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared datasets are absent)")
    service = quick_service(tmp_path / "ws")
    try:
        first = service.ingest.ingest(connector, path, skip_errors=True)
        assert first.items_added > 0 and not first.problems
        counts = table_counts(service)
        again = service.ingest.ingest(connector, path, skip_errors=True)
        after = table_counts(service)
    finally:
        service.close()
    assert (again.items_added, again.people_added, again.aliases_added, again.merges) == (0,) * 4
    assert again.changed_rows == 0
    assert after.pop("ingests") == counts.pop("ingests") + 1  # the log of runs, by design
    assert after == counts


def test_a_name_only_reference_finds_the_same_person_again(tmp_path: Path) -> None:
    """A post by a deleted account ("user2878", no OwnerUserId) made a new person each time."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "Users.xml").write_text(
        '<users><row Id="1" DisplayName="Ann Lee" Reputation="5" /></users>', encoding="utf-8"
    )
    (folder / "Posts.xml").write_text(
        "<posts>"
        '<row Id="1" PostTypeId="1" CreationDate="2021-04-27T15:06:44" Title="kafka lag"'
        ' Body="why?" OwnerDisplayName="user2878" Tags="&lt;kafka&gt;" />'
        '<row Id="2" PostTypeId="2" ParentId="1" CreationDate="2021-04-28T15:06:44"'
        ' Body="because" OwnerDisplayName="Bob Stone" />'
        '<row Id="3" PostTypeId="2" ParentId="1" CreationDate="2021-04-28T15:06:44"'
        ' Body="indeed" OwnerDisplayName="Bob Stone" />'
        "</posts>",
        encoding="utf-8",
    )
    service = quick_service(tmp_path / "ws")
    try:
        assert service.ingest.ingest("stackexchange", folder).people_added == 3
        counts = table_counts(service)
        report = service.ingest.ingest("stackexchange", folder)
        assert report.people_added == 0 and report.changed_rows == 0
        after = table_counts(service)
    finally:
        service.close()
    after.pop("ingests"), counts.pop("ingests")
    assert after == counts


def test_jsonl_accepts_a_title_without_text(tmp_path: Path) -> None:
    path = tmp_path / "papers.jsonl"
    rows = [
        {"id": "p1", "title": "Neural parsing", "text": "", "authors": ["Ann Lee"]},
        {"id": "p2", "title": "Tagging", "authors": ["Ann Lee"]},
        {"id": "p3", "text": "body only", "authors": ["Ann Lee"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    items = list(JsonlConnector().parse(path, IngestContext()))
    assert [(i.title, i.text) for i in items] == [
        ("Neural parsing", ""),
        ("Tagging", ""),
        (None, "body only"),
    ]
    path.write_text(json.dumps({"id": "p4", "title": " ", "authors": ["A B"]}), encoding="utf-8")
    context = IngestContext(skip_errors=True)
    assert list(JsonlConnector().parse(path, context)) == []
    assert "title/text" in context.problems[0].reason
