from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from connector_checks import (
    FIXTURES,
    assert_ingest_twice_adds_nothing,
    assert_rejected_store_unchanged,
    light_service,
    people_with_email,
    sources_of,
)
from outlook_fixtures import RECEIVED_BODY, RECEIVED_HEADERS
from whoknows.errors import InputError
from whoknows.ingest import IngestContext
from whoknows.ingest.outlook import OutlookConnector
from whoknows.records import ItemRecord
from whoknows.vocab import ContributionRole

OUTLOOK = FIXTURES / "outlook"


def parse(path: Path, context: IngestContext | None = None) -> list[ItemRecord]:
    return [
        r
        for r in OutlookConnector().parse(path, context or IngestContext())
        if isinstance(r, ItemRecord)
    ]


def people(item: ItemRecord) -> list[tuple[str | None, str]]:
    return [(c.person.email, c.role) for c in item.contributions]


def test_msg_roles_recipients_and_text() -> None:
    items = {i.native_id: i for i in parse(OUTLOOK)}
    first = items["<kafka-lag-1@corvid.example>"]
    assert first.source == "mail"
    assert people(first) == [
        ("ines.moreau@corvid.example", ContributionRole.ASKER),  # a question asks
        ("lukasz.nowak@corvid.example", ContributionRole.RECIPIENT),
        ("tomas.ferreira@corvid.example", ContributionRole.RECIPIENT),
    ]
    assert first.contributions[0].person.name == "Inès Moreau"
    assert first.text.endswith("Is it max.poll.records?"), "the signature is stripped"
    reply = items["<kafka-lag-2@corvid.example>"]
    assert reply.parent_id == reply.thread_id == "<kafka-lag-1@corvid.example>"
    assert people(reply) == [
        ("lukasz.nowak@corvid.example", ContributionRole.REPLIER),
        ("ines.moreau@corvid.example", ContributionRole.RECIPIENT),
        ("tomas.ferreira@corvid.example", ContributionRole.RECIPIENT),
    ], "Exchange (X500) senders resolve to SMTP; Bcc is left out"
    assert reply.text.startswith("It's the rebalance storm") and "&amp;" not in reply.text
    assert "Since the 2.8 upgrade" not in reply.text, "the quoted original is cut"
    assert reply.context == "Kafka consumer lag after the 2.8 upgrade"


def test_conversation_index_threads_a_message_without_headers() -> None:
    followup = next(i for i in parse(OUTLOOK) if i.native_id.startswith("sha1:"))
    assert followup.parent_id == "<kafka-lag-2@corvid.example>"
    assert followup.thread_id == "<kafka-lag-1@corvid.example>"
    assert followup.contributions[0].role == ContributionRole.REPLIER


def test_meetings_skipped_attachments_counted_robots_flagged() -> None:
    context = IngestContext()
    items = parse(OUTLOOK, context)
    assert len(items) == 4
    assert context.skipped == {
        "outlook: not an email (calendar, contact, receipt or report)": 1,
        "mail: attachment (not read)": 1,
    }
    jira = next(i for i in items if (i.title or "").startswith("[JIRA]"))
    assert jira.contributions[0].person.is_bot


def test_same_message_in_mbox_and_msg_is_one_item(tmp_path: Path) -> None:
    service = light_service(tmp_path / "ws")
    mbox = tmp_path / "inbox.mbox"
    mbox.write_bytes(
        b"From ines.moreau@corvid.example Tue Mar  5 10:01:02 2024\n"
        + RECEIVED_HEADERS.encode("ascii")
        + b"\n"
        + RECEIVED_BODY.replace("\r\n", "\n").encode("utf-8")
    )
    assert service.ingest.ingest("mbox", mbox).items_added == 1
    report = service.ingest.ingest("outlook", OUTLOOK)
    assert (report.items_added, report.items_updated, report.items_unchanged) == (3, 0, 1)
    service.close()


def test_ingest_twice_changes_no_row(tmp_path: Path) -> None:
    service = light_service(tmp_path / "ws")
    assert_ingest_twice_adds_nothing(service, "outlook", OUTLOOK)
    service.close()


def test_truncated_msg_rejected_store_unchanged(tmp_path: Path) -> None:
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("outlook", OUTLOOK)
    folder = tmp_path / "mail"
    shutil.copytree(OUTLOOK, folder)
    shutil.copy(FIXTURES / "broken" / "outlook-truncated.msg", folder / "06-cut.msg")
    assert_rejected_store_unchanged(
        service, "outlook", folder, r"06-cut\.msg:byte 2000: truncated or damaged Outlook .msg"
    )
    context = IngestContext(skip_errors=True)
    assert len(parse(folder, context)) == 4 and len(context.problems) == 1
    service.close()


def test_same_email_in_outlook_and_teams_is_one_person(tmp_path: Path) -> None:
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("outlook", OUTLOOK)
    service.ingest.ingest("teams", FIXTURES / "teams")
    found = people_with_email(service, "tomas.ferreira@corvid.example")
    assert len(found) == 1
    assert sources_of(service, found.pop()) == {"mail", "teams"}
    service.close()


def test_damaged_pst_is_one_line_error_with_the_readpst_hint(tmp_path: Path) -> None:
    pytest.importorskip("pypff")
    archive = tmp_path / "archive.pst"
    archive.write_bytes(b"!BDN" + b"\0" * 1020)
    with pytest.raises(InputError, match=r"archive\.pst:byte 0: not a readable \.pst.*readpst"):
        parse(archive)


# A stand-in for libpff-python's objects: no PST writer exists to build a real fixture, so
# the walk over folders, record sets and transport headers is checked against pypff's API.
@dataclass
class Entry:
    entry_type: int
    value: object

    def get_data_as_string(self) -> str:
        return str(self.value)

    def get_data_as_integer(self) -> int:
        return int(str(self.value))


@dataclass
class Message:
    subject: str
    sender_name: str
    entries: list[Entry]
    recipients_sets: list[list[Entry]] = field(default_factory=list)
    transport_headers: str | None = None
    plain_text_body: bytes | None = None
    html_body: bytes | None = None
    client_submit_time: datetime | None = None
    delivery_time: datetime | None = None
    conversation_index: bytes | None = None
    number_of_attachments: int = 0
    identifier: int = 1
    number_of_record_sets: int = 1

    def get_record_set(self, index: int) -> SimpleNamespace:
        return SimpleNamespace(entries=self.entries)

    @property
    def recipients(self) -> SimpleNamespace:
        return SimpleNamespace(
            record_sets=[SimpleNamespace(entries=e) for e in self.recipients_sets]
        )


@dataclass
class Folder:
    name: str | None
    messages: list[Message] = field(default_factory=list)
    folders: list[Folder] = field(default_factory=list)

    @property
    def number_of_sub_messages(self) -> int:
        return len(self.messages)

    @property
    def number_of_sub_folders(self) -> int:
        return len(self.folders)

    def get_sub_message(self, index: int) -> Message:
        return self.messages[index]

    def get_sub_folder(self, index: int) -> Folder:
        return self.folders[index]


def test_pst_walk_with_libpff_objects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    received = Message(
        "Kafka consumer lag after the 2.8 upgrade",
        "Inès Moreau",
        [Entry(0x001A, "IPM.Note")],
        transport_headers=RECEIVED_HEADERS,
        plain_text_body=RECEIVED_BODY.encode("utf-8"),
    )
    sent = Message(
        "RE: Kafka consumer lag after the 2.8 upgrade",
        "Łukasz Nowak",
        [
            Entry(0x001A, "IPM.Note"),
            Entry(0x5D01, "lukasz.nowak@corvid.example"),
            Entry(0x1035, "<kafka-lag-2@corvid.example>"),
            Entry(0x1042, "<kafka-lag-1@corvid.example>"),
        ],
        recipients_sets=[
            [Entry(0x3001, "Inès Moreau"), Entry(0x39FE, "ines.moreau@corvid.example")],
            [Entry(0x3001, "Audit"), Entry(0x39FE, "audit@corvid.example"), Entry(0x0C15, 3)],
        ],
        html_body=b"<p>Raise max.poll.interval.ms &amp; use cooperative-sticky.</p>",
        client_submit_time=datetime(2024, 3, 5, 10, 7, 45),
        identifier=2,
    )
    meeting = Message("Post-mortem", "Inès Moreau", [Entry(0x001A, "IPM.Schedule.Meeting.Request")])
    root = Folder(
        None, folders=[Folder("Inbox", [received, meeting]), Folder("Sent Items", [sent])]
    )
    archive = SimpleNamespace(
        open=lambda path: None, get_root_folder=lambda: root, close=lambda: None
    )
    monkeypatch.setitem(sys.modules, "pypff", SimpleNamespace(file=lambda: archive))
    path = tmp_path / "archive.pst"
    path.write_bytes(b"!BDN")
    context = IngestContext()
    items = {i.native_id: i for i in parse(path, context)}
    assert set(items) == {"<kafka-lag-1@corvid.example>", "<kafka-lag-2@corvid.example>"}
    reply = items["<kafka-lag-2@corvid.example>"]
    assert reply.text == "Raise max.poll.interval.ms & use cooperative-sticky."
    assert people(reply) == [  # (five words that tell what to do: an answer)
        ("lukasz.nowak@corvid.example", ContributionRole.ANSWERER),
        ("ines.moreau@corvid.example", ContributionRole.RECIPIENT),
    ]
    assert reply.date is not None and reply.date.tzinfo is not None
    assert context.skipped["outlook: not an email (calendar, contact, receipt or report)"] == 1
