"""The Outlook fixtures: .msg files built with tests/msgwriter.py. Run this file to rewrite
tests/fixtures/outlook/ and tests/fixtures/broken/outlook-truncated.msg."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from msgwriter import Value, build_msg

HERE = Path(__file__).parent / "fixtures"
CONVERSATION = bytes.fromhex("01da6ee1f2a3") + bytes.fromhex("9c4e2b7d11aa44d0b3e5c6a7f8091a2b")
X500 = "/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=LNOWAK"

RECEIVED_HEADERS = """Received: from mail.corvid.example (10.0.0.5) by EX01.corvid.example
 with Microsoft SMTP Server id 15.2.1118.26; Tue, 5 Mar 2024 10:01:03 +0000
From: =?utf-8?q?In=C3=A8s_Moreau?= <ines.moreau@corvid.example>
To: =?utf-8?q?=C5=81ukasz_Nowak?= <lukasz.nowak@corvid.example>
Cc: =?utf-8?q?Tom=C3=A1s_Ferreira?= <tomas.ferreira@corvid.example>
Subject: Kafka consumer lag after the 2.8 upgrade
Date: Tue, 5 Mar 2024 11:01:02 +0100
Message-ID: <kafka-lag-1@corvid.example>
Thread-Topic: Kafka consumer lag after the 2.8 upgrade
Thread-Index: AdpunvKjnE4rfRGqRNCz5canp4CRoiss
Content-Type: text/plain; charset="utf-8"
MIME-Version: 1.0
"""
RECEIVED_BODY = (
    "Since the 2.8 upgrade the lag on tracking-events keeps growing.\r\n"
    "Restarts don't help. Is it max.poll.records?\r\n\r\n--\r\nInès Moreau\r\nSRE, Corvid\r\n"
)
REPLY_HTML = (
    "<html><head><meta charset='utf-8'></head><body><div>"
    "<p>It&#39;s the rebalance storm: raise max.poll.interval.ms above the slowest batch "
    "&amp; switch to the cooperative-sticky assignor.</p>"
    "<p>Łukasz</p><hr>"
    "<p><b>From:</b> Inès Moreau<br><b>Sent:</b> Tuesday, March 5, 2024 11:01<br>"
    "<b>To:</b> Łukasz Nowak<br><b>Subject:</b> Kafka consumer lag after the 2.8 upgrade</p>"
    "<p>Since the 2.8 upgrade the lag on tracking-events keeps growing.</p>"
    "</div></body></html>"
)


def _recipient(name: str, address: str, kind: int, exchange: bool = False) -> dict[int, Value]:
    return {
        0x3001: name,
        0x3002: "EX" if exchange else "SMTP",
        0x3003: X500 if exchange else address,
        0x39FE: address,
        0x0C15: kind,
    }


def _received() -> bytes:
    return build_msg(
        {
            0x001A: "IPM.Note",
            0x0037: "Kafka consumer lag after the 2.8 upgrade",
            0x0070: "Kafka consumer lag after the 2.8 upgrade",
            0x0071: CONVERSATION,
            0x0C1A: "Inès Moreau",
            0x0C1E: "SMTP",
            0x0C1F: "ines.moreau@corvid.example",
            0x007D: RECEIVED_HEADERS,
            0x1000: RECEIVED_BODY,
            0x1035: "<kafka-lag-1@corvid.example>",
            0x0039: datetime(2024, 3, 5, 10, 1, 2, tzinfo=UTC),
            0x0E06: datetime(2024, 3, 5, 10, 1, 3, tzinfo=UTC),
        },
        [
            _recipient("Łukasz Nowak", "lukasz.nowak@corvid.example", 1),
            _recipient("Tomás Ferreira", "tomas.ferreira@corvid.example", 2),
        ],
        [{0x3707: "lag-graph.png", 0x3704: "lag-gr~1.png", 0x3701: b"\x89PNG\r\n", 0x3705: 1}],
    )


def _reply() -> bytes:
    return build_msg(
        {
            0x001A: "IPM.Note",
            0x0037: "RE: Kafka consumer lag after the 2.8 upgrade",
            0x0071: CONVERSATION + bytes.fromhex("0000a1b2c3"),
            0x0C1A: "Łukasz Nowak",
            0x0C1E: "EX",
            0x0C1F: X500,
            0x5D01: "lukasz.nowak@corvid.example",
            0x1013: REPLY_HTML.encode("utf-8"),
            0x1035: "<kafka-lag-2@corvid.example>",
            0x1042: "<kafka-lag-1@corvid.example>",
            0x1039: "<kafka-lag-1@corvid.example>",
            0x0039: datetime(2024, 3, 5, 10, 7, 45, tzinfo=UTC),
        },
        [
            _recipient("Inès Moreau", "ines.moreau@corvid.example", 1, exchange=True),
            _recipient("Tomás Ferreira", "tomas.ferreira@corvid.example", 2),
            _recipient("Audit Archive", "audit@corvid.example", 3),
        ],
    )


def _followup() -> bytes:
    return build_msg(  # a draft-like follow-up: no Message-ID, threads by its index
        {
            0x001A: "IPM.Note",
            0x0037: "RE: Kafka consumer lag after the 2.8 upgrade",
            0x0071: CONVERSATION + bytes.fromhex("0000a1b2c3") + bytes.fromhex("0001f0e0d0"),
            0x0C1A: "Tomás Ferreira",
            0x0C1E: "SMTP",
            0x0C1F: "tomas.ferreira@corvid.example",
            0x1000: "Same fix worked on the billing consumers, lag back to zero.\r\n",
            0x0039: datetime(2024, 3, 5, 12, 0, 0, tzinfo=UTC),
        },
        [_recipient("Łukasz Nowak", "lukasz.nowak@corvid.example", 1)],
    )


def _meeting() -> bytes:
    return build_msg(
        {
            0x001A: "IPM.Schedule.Meeting.Request",
            0x0037: "Kafka post-mortem",
            0x0C1A: "Inès Moreau",
            0x0C1E: "SMTP",
            0x0C1F: "ines.moreau@corvid.example",
            0x1000: "Let's review the lag incident.",
        },
        [_recipient("Łukasz Nowak", "lukasz.nowak@corvid.example", 1)],
    )


def _jira() -> bytes:
    return build_msg(
        {
            0x001A: "IPM.Note",
            0x0037: "[JIRA] (PLAT-412) Kafka lag alert",
            0x0C1A: "Jira",
            0x0C1E: "SMTP",
            0x0C1F: "jira@corvid.atlassian.net",
            0x007D: "From: Jira <jira@corvid.atlassian.net>\r\nTo: ines.moreau@corvid.example\r\n"
            "Subject: [JIRA] (PLAT-412) Kafka lag alert\r\nAuto-Submitted: auto-generated\r\n"
            "Message-ID: <JIRA.412.1709632862@corvid.atlassian.net>\r\n"
            "Date: Tue, 5 Mar 2024 10:30:00 +0000\r\n",
            0x1000: "Łukasz Nowak changed the status to Done.",
            0x1035: "<JIRA.412.1709632862@corvid.atlassian.net>",
        },
        [_recipient("Inès Moreau", "ines.moreau@corvid.example", 1)],
    )


def messages() -> dict[str, bytes]:
    return {
        "01-received.msg": _received(),
        "02-reply.msg": _reply(),
        "03-followup.msg": _followup(),
        "04-meeting.msg": _meeting(),
        "05-jira.msg": _jira(),
    }


def write(folder: Path = HERE / "outlook") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    built = messages()
    for name, data in built.items():
        (folder / name).write_bytes(data)
    (HERE / "broken").mkdir(exist_ok=True)
    (HERE / "broken" / "outlook-truncated.msg").write_bytes(built["01-received.msg"][:2000])


if __name__ == "__main__":
    write()
