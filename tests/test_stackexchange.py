from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import CARDANO_DATA, make_service, sample, store_dump
from whoknows.demo import SampleSource
from whoknows.errors import InputError
from whoknows.ingest import IngestContext
from whoknows.ingest.stackexchange import StackExchangeConnector, parse_tags
from whoknows.records import ItemRecord, PersonRecord


def test_parse_tags_handles_both_dump_styles() -> None:
    assert parse_tags("<plutus><smart-contracts>") == ["plutus", "smart-contracts"]
    assert parse_tags("|plutus|smart-contracts|") == ["plutus", "smart-contracts"]
    assert parse_tags(None) == []


def test_sample_dump_yields_questions_answers_comments(sample_org: list[SampleSource]) -> None:
    records = list(
        StackExchangeConnector().parse(sample(sample_org, "stackexchange").path, IngestContext())
    )
    items = [r for r in records if isinstance(r, ItemRecord)]
    kinds = {kind: sum(1 for i in items if i.kind == kind) for kind in ("question", "answer")}
    assert kinds["question"] == 34
    assert kinds["answer"] >= 40
    assert any(i.kind == "comment" for i in items)
    accepted = [i for i in items if i.signals.get("accepted") == 1.0]
    assert accepted and all(
        c.role == "accepted-answerer" for i in accepted for c in i.contributions[:1]
    )
    answer = next(i for i in items if i.kind == "answer")
    assert answer.context and answer.parent_id and answer.thread_id == answer.parent_id
    people = [r for r in records if isinstance(r, PersonRecord)]
    derek = next(p for p in people if p.names == ["Derek Hollis"])
    assert "machine learning" in (derek.about or "").lower()
    assert all("reputation" in p.recognition for p in people)
    community = next(p for p in people if p.ref.native_id == "-1")
    assert community.ref.is_bot


def test_ingest_reports_and_links(service, sample_org: list[SampleSource]) -> None:
    report = service.ingest.ingest(
        "stackexchange",
        sample(sample_org, "stackexchange").path,
        options={"base_url": "https://ask.corvid.example"},
    )
    assert report.items_added > 80
    assert report.people_added == 23  # 22 staff and the Community bot
    url = (
        service.workspace.store()
        .conn.execute("SELECT url FROM items WHERE kind = 'question' LIMIT 1")
        .fetchone()[0]
    )
    assert url.startswith("https://ask.corvid.example/q/")


def _broken_copy(source: Path, target: Path, cut: int) -> Path:
    shutil.copytree(source, target)
    posts = target / "Posts.xml"
    data = posts.read_bytes()
    posts.write_bytes(data[:cut])
    return target


def test_truncated_posts_is_one_line_error_and_store_untouched(
    service, sample_org: list[SampleSource], tmp_path: Path
) -> None:
    service.ingest.ingest("people", sample(sample_org, "people").path)
    before = store_dump(service)
    size = (sample(sample_org, "stackexchange").path / "Posts.xml").stat().st_size
    broken = _broken_copy(sample(sample_org, "stackexchange").path, tmp_path / "dump", size // 2)
    with pytest.raises(InputError) as raised:
        service.ingest.ingest("stackexchange", broken)
    message = raised.value.one_line()
    assert re.search(r"Posts\.xml:\d+:\d+: malformed XML", message) and "\n" not in message
    assert store_dump(service) == before


def test_skip_errors_keeps_what_was_read(service, sample_org: list[SampleSource], tmp_path: Path):
    size = (sample(sample_org, "stackexchange").path / "Posts.xml").stat().st_size
    broken = _broken_copy(sample(sample_org, "stackexchange").path, tmp_path / "dump", size // 2)
    report = service.ingest.ingest("stackexchange", broken, skip_errors=True)
    assert report.items_added > 10
    assert report.problems and "Posts.xml" in report.problems[0]


def test_folder_without_posts_is_rejected(service, tmp_path: Path) -> None:
    (tmp_path / "notadump").mkdir()
    with pytest.raises(InputError, match=r"Posts\.xml, Users\.xml missing"):
        service.ingest.ingest("stackexchange", tmp_path / "notadump")


@pytest.mark.full
@pytest.mark.skipif(not CARDANO_DATA.exists(), reason="../shared data not present")
def test_real_cardano_dump(tmp_path) -> None:
    service = make_service(tmp_path / "ws", dense=False, learn=False)
    report = service.ingest.ingest("stackexchange", CARDANO_DATA)
    conn = service.workspace.store().conn
    assert report.items_added > 3000
    assert conn.execute("SELECT COUNT(*) FROM profile_texts").fetchone()[0] > 100
    assert (
        conn.execute("SELECT COUNT(*) FROM recognition WHERE name = 'reputation'").fetchone()[0]
        > 3000
    )
