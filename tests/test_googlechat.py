from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from connector_checks import (
    FIXTURES,
    assert_ingest_twice_adds_nothing,
    assert_rejected_store_unchanged,
    light_service,
    people_with_email,
    sources_of,
)
from whoknows.errors import InputError
from whoknows.ingest import IngestContext
from whoknows.ingest.googlechat import GoogleChatConnector, parse_takeout_date
from whoknows.records import ItemRecord, PersonRecord
from whoknows.vocab import ContributionRole

TAKEOUT = FIXTURES / "googlechat"
SPACE = TAKEOUT / "Google Chat" / "Groups" / "Space AAAAqWx1y2Q"
HEAD = "AAAAqWx1y2Q/Xq3bL0aTnZk/Xq3bL0aTnZk"


def parse(path: Path, context: IngestContext | None = None) -> list[ItemRecord]:
    records = GoogleChatConnector().parse(path, context or IngestContext())
    return [r for r in records if isinstance(r, ItemRecord)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuesday, March 5, 2024 at 10:01:02\u202fAM UTC", datetime(2024, 3, 5, 10, 1, 2)),
        ("Tuesday, March 5, 2024 at 12:00:07\u202fAM UTC", datetime(2024, 3, 5, 0, 0, 7)),
        ("Thursday, November 3, 2016 at 11:59:50 PM UTC", datetime(2016, 11, 3, 23, 59, 50)),
        ("Wednesday, March 6, 2024 at 14:20:11 UTC", datetime(2024, 3, 6, 14, 20, 11)),
        ("Wednesday, March 6, 2024 at 14:20:11 GMT+02:00", datetime(2024, 3, 6, 12, 20, 11)),
        # the exporting account's language: an evaluator's French export was stored undated
        ("lundi 8 septembre 2025 à 08:00:00 UTC", datetime(2025, 9, 8, 8, 0, 0)),
        ("1er mars 2024 à 9:05:00 UTC", datetime(2024, 3, 1, 9, 5, 0)),
        ("Dienstag, 5. März 2024 um 10:01:02 UTC", datetime(2024, 3, 5, 10, 1, 2)),
        ("martes, 5 de marzo de 2024, 10:01:02 UTC", datetime(2024, 3, 5, 10, 1, 2)),
        ("2024. március 6., szerda 15:02:10 UTC", datetime(2024, 3, 6, 15, 2, 10)),
    ],
)
def test_takeout_dates(text: str, expected: datetime) -> None:
    assert parse_takeout_date(text) == expected.replace(tzinfo=UTC)


def test_unknown_date_format_is_none() -> None:
    assert parse_takeout_date("yesterday") is None
    assert parse_takeout_date("Tuesday, March 5, 2024 at 13:01:02 PM UTC") is None
    assert parse_takeout_date("mardi 31 février 2024 à 10:00:00 UTC") is None
    assert parse_takeout_date(None) is None


def test_a_date_no_export_writes_is_refused_where_it_is(tmp_path: Path) -> None:
    """An evaluator's "created_date": "yesterday" erased the message's date silently."""
    import shutil

    copy = tmp_path / "takeout"
    shutil.copytree(TAKEOUT, copy)
    messages = next(copy.rglob("messages.json"))
    messages.write_text(
        messages.read_text(encoding="utf-8").replace(
            "2024. március 6., szerda 15:02:10 UTC", "yesterday"
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"messages\.json:.*date 'yesterday' is not in a form"):
        parse(copy)


def test_topics_thread_roles_and_mentions() -> None:
    items = {i.native_id: i for i in parse(TAKEOUT)}
    head = items[HEAD]
    assert head.title == (
        "Platform – on-call: Who knows how to rotate the Vault root token without downtime? …"
    )
    assert [(c.person.email, c.role) for c in head.contributions] == [
        # ("Who knows how to rotate …? @Łukasz Nowak": a question, a mention after it)
        ("ines.moreau@corvid.example", ContributionRole.ASKER),
        ("lukasz.nowak@corvid.example", ContributionRole.MENTIONED),
    ]
    answer = items["AAAAqWx1y2Q/Xq3bL0aTnZk/c9TqW2mYh1E"]
    assert answer.parent_id == answer.thread_id == HEAD
    assert answer.contributions[0].role == ContributionRole.REPLIER
    assert answer.contributions[0].person.name == "Łukasz Nowak"
    assert "vault operator generate-root" in answer.text, "the edited, latest text"
    assert answer.signals["reactions"] == 2.0
    assert (answer.context or "").startswith("Who knows how to rotate")
    thanks = items["AAAAqWx1y2Q/Xq3bL0aTnZk/pL4sN8vB2rQ"]
    assert thanks.contributions[0].weight < 0.5
    dm = [i for i in items.values() if i.native_id.startswith("k6oxHQAAAAE/")]
    assert len(dm) == 2 and all(i.title.startswith("direct message: ") for i in dm)
    assert all(i.parent_id is None for i in dm), "each DM message is its own topic"


def test_deleted_bots_attachments_skipped_and_odd_dates_noted() -> None:
    context = IngestContext()
    items = parse(TAKEOUT, context)
    assert len(items) == 7
    assert context.skipped == {
        "googlechat: deleted message": 1,
        "googlechat: bot message": 2,  # Jira Cloud (with an email) and PagerDuty (BOT, none)
        "googlechat: message without text (attachments only)": 1,
    }
    assert all(item.date is not None for item in items)
    assert context.notes["googlechat: edited message, its latest version kept"] == 1
    assert not any("PLAT-412" in i.text or "#4412" in i.text for i in items)


def test_members_are_people_without_bots() -> None:
    records = list(GoogleChatConnector().parse(TAKEOUT, IngestContext()))
    people = [r for r in records if isinstance(r, PersonRecord)]
    assert sorted(p.names[0] for p in people) == ["Inès Moreau", "Tomás Ferreira", "Łukasz Nowak"]


def test_ingest_twice_changes_no_row(tmp_path: Path) -> None:
    service = light_service(tmp_path / "ws")
    assert_ingest_twice_adds_nothing(service, "googlechat", TAKEOUT)
    service.close()


def test_truncated_messages_file_is_rejected_and_store_unchanged(tmp_path: Path) -> None:
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("googlechat", TAKEOUT)
    copy = tmp_path / "takeout"
    shutil.copytree(TAKEOUT, copy)
    target = copy / "Google Chat" / "Groups" / "DM k6oxHQAAAAE" / "messages.json"
    shutil.copy(FIXTURES / "broken" / "googlechat-messages-truncated.json", target)
    assert_rejected_store_unchanged(
        service, "googlechat", copy, r"DM k6oxHQAAAAE/messages\.json:\d+:\d+: truncated JSON"
    )
    service.close()


def test_not_a_takeout(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a Google Chat export"):
        parse(tmp_path)
    (tmp_path / "messages.json").write_text('{"chats": []}', encoding="utf-8")
    with pytest.raises(InputError, match=r'messages\.json:\$\.messages: .*no "messages" list'):
        parse(tmp_path)


def test_same_email_in_googlechat_and_teams_is_one_person(tmp_path: Path) -> None:
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("googlechat", SPACE)
    service.ingest.ingest("teams", FIXTURES / "teams")
    people = people_with_email(service, "lukasz.nowak@corvid.example")
    assert len(people) == 1
    assert sources_of(service, people.pop()) == {"googlechat", "teams"}
    service.close()
