from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from conftest import sample
from whoknows.demo import SampleSource
from whoknows.errors import InputError
from whoknows.ingest import IngestContext
from whoknows.ingest.slack import SlackConnector, render_text
from whoknows.records import ItemRecord, PersonRecord


def test_render_text_mentions_links_channels() -> None:
    text, mentioned = render_text(
        "<@U01> see <https://wiki.example/k8s|the runbook> in <#C01|platform> &amp; <!here>",
        {"U01": "Inès Moreau"},
    )
    assert text == "@Inès Moreau see the runbook in #platform & @here"
    assert mentioned == ["U01"]


def test_zip_export_messages_threads_bots(sample_org: list[SampleSource]) -> None:
    context = IngestContext()
    records = list(SlackConnector().parse(sample(sample_org, "slack").path, context))
    items = [r for r in records if isinstance(r, ItemRecord)]
    people = [r for r in records if isinstance(r, PersonRecord)]
    assert any(p.ref.is_bot for p in people)
    assert not any("Deployed tracking-api" in i.text for i in items)
    assert context.skipped["slack: bot message"] == 6
    assert context.skipped["slack: join, leave, topic and other system messages"] == 1
    replies = [i for i in items if i.parent_id]
    assert replies and all(r.contributions[0].role == "replier" for r in replies)
    assert all(r.context for r in replies), "a reply is indexed with its thread's question"
    assert any(c.role == "mentioned" for i in items for c in i.contributions)
    assert any(i.signals["reactions"] > 0 for i in items)


def test_folder_export_equals_zip(sample_org: list[SampleSource], tmp_path: Path) -> None:
    with zipfile.ZipFile(sample(sample_org, "slack").path) as archive:
        archive.extractall(tmp_path / "export")
    from_zip = list(SlackConnector().parse(sample(sample_org, "slack").path, IngestContext()))
    from_folder = list(SlackConnector().parse(tmp_path / "export", IngestContext()))
    assert [getattr(r, "native_id", None) for r in from_zip] == [
        getattr(r, "native_id", None) for r in from_folder
    ]


def test_invalid_day_file_names_file_and_position(
    sample_org: list[SampleSource], tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    with zipfile.ZipFile(sample(sample_org, "slack").path) as archive:
        archive.extractall(folder)
    day = sorted((folder / "platform").glob("*.json"))[0]
    day.write_text('[{"type": "message", "ts": ', encoding="utf-8")
    with pytest.raises(InputError, match=rf"{day.name}:1:\d+: invalid JSON"):
        list(SlackConnector().parse(folder, IngestContext()))


def test_not_a_slack_export(tmp_path: Path) -> None:
    (tmp_path / "users.json").write_text(json.dumps([]), encoding="utf-8")
    with pytest.raises(InputError, match="not a Slack export"):
        list(SlackConnector().parse(tmp_path, IngestContext()))
    bad_zip = tmp_path / "export.zip"
    bad_zip.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(InputError, match="not a zip file"):
        list(SlackConnector().parse(bad_zip, IngestContext()))
