"""The outlook connector's records and roles, shared by its format readers."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest.base import IngestContext
from whoknows.ingest.mail import MailFields, header_fields, mail_items, thread_of
from whoknows.records import ItemRecord
from whoknows.text import html_to_text

_INDEX_HEADER = 22  # bytes of a conversation index that name the conversation
_INDEX_CHILD = 5  # bytes each reply adds
_MAIL_CLASSES = ("ipm.note",)
_NOT_MAIL = ("ipm.note.rules", "ipm.note.receipt", "report.")
PST_HINT = N_("convert it to mbox with readpst (pst-utils) and use the mbox connector")


@dataclass
class OutlookMessage:
    """What a .msg or .pst reader hands over: MAPI properties and the transport headers."""

    message_class: str
    sender: tuple[str, str]  # name, SMTP address
    recipients: list[tuple[str, str]] = field(default_factory=list)
    subject: str = ""
    date: datetime | None = None
    headers: str | None = None  # PR_TRANSPORT_MESSAGE_HEADERS, kept for received mail
    message_id: str | None = None
    in_reply_to: str | None = None
    references: str | None = None
    conversation_index: bytes | None = None
    body: str | None = None
    html: str | None = None
    attachments: int = 0


@dataclass
class Conversations:
    """Conversation indexes seen in one run: a reply without In-Reply-To finds its parent
    (the index five bytes shorter) and joins that parent's thread."""

    seen: dict[bytes, tuple[str, str]] = field(default_factory=dict)  # index -> id, thread

    def place(self, fields: MailFields, index: bytes | None, native_id: str) -> None:
        if not index or len(index) < _INDEX_HEADER:
            return
        if len(index) >= _INDEX_HEADER + _INDEX_CHILD and not fields.in_reply_to:
            fields.is_reply = True
            parent = self.seen.get(index[:-_INDEX_CHILD])
            if parent is not None:
                fields.parent_id, fields.thread_id = parent
            else:
                fields.thread_id = "conversation:" + index[:_INDEX_HEADER].hex()
        self.seen[index] = (native_id, thread_of(fields, native_id))


def outlook_items(
    message: OutlookMessage,
    fallback_id: str,
    where: tuple[Path, Position | None],
    conversations: Conversations,
    context: IngestContext,
) -> list[ItemRecord]:
    """The mail items of one Outlook message (itself and what it forwards); none (skipped or
    reported) when unusable."""
    path, position = where
    kind = message.message_class.lower()
    if not kind.startswith(_MAIL_CLASSES) or kind.startswith(_NOT_MAIL):
        context.skip(N_("outlook: not an email (calendar, contact, receipt or report)"))
        return []
    fields = _fields(message, path, position, context)
    if fields is None:
        return []
    if message.attachments:
        context.skip(N_("mail: attachment (not read)"), message.attachments)
    conversations.place(fields, message.conversation_index, fields.message_id or fallback_id)
    label = str(position) if position else "message"  # a .msg file is one message
    return mail_items(fields, fallback_id, {"file": str(path), "position": label}, context)


def _fields(
    message: OutlookMessage, path: Path, position: Position | None, context: IngestContext
) -> MailFields | None:
    parsed = _parse_headers(message.headers) if message.headers else None
    if parsed is not None and parsed.get("From"):
        fields = header_fields(parsed, path, position, context)
    else:
        fields = _mapi_fields(message, path, position, context)
    if fields is None:
        return None
    fields.body = message.body or (html_to_text(message.html) if message.html else "")
    return fields


def _parse_headers(text: str) -> EmailMessage | None:
    parsed = email.message_from_string(text.strip() + "\n\n", policy=email.policy.default)
    return parsed if isinstance(parsed, EmailMessage) and parsed.keys() else None


def _mapi_fields(
    message: OutlookMessage, path: Path, position: Position | None, context: IngestContext
) -> MailFields | None:
    name, address = message.sender
    if "@" not in address:
        context.problem(path, position, N_("message without a sender address"))
        return None
    ids = [part for part in (message.message_id or "").split() if part]
    references = (message.references or "").split()
    parent = (message.in_reply_to or "").split()[:1] or references[-1:]
    return MailFields(
        sender=(name, address),
        recipients=message.recipients,
        subject=message.subject,
        date=message.date,
        message_id=ids[0] if ids else None,
        in_reply_to=parent[0] if parent else None,
        references=references,
    )


def recipients_from(text: str | None) -> list[tuple[str, str]]:
    """Address pairs of a "Name <a@b>; Other <c@d>" display string."""
    if not text:
        return []
    return [(n, a) for n, a in getaddresses([text.replace(";", ",")]) if "@" in a]


def read_msg(path: Path) -> OutlookMessage:
    """The properties of one .msg file; extract-msg's errors propagate to the caller."""
    import extract_msg

    with extract_msg.openMsg(str(path), strict=False) as opened:
        msg: Any = opened  # a Message for mail; other classes for calendar items and the like

        def text(tag: str) -> str | None:
            value = msg.getStringStream(f"__substg1.0_{tag}")
            return value if isinstance(value, str) and value else None

        address = text("5D01") or text("0C1F") or text("0065") or ""
        recipients = [
            (str(r.name or ""), str(r.email or ""))
            for r in msg.recipients
            if "@" in str(r.email or "") and int(getattr(r.type, "value", r.type) or 1) in (1, 2)
        ]
        html = msg.getStream("__substg1.0_10130102")
        return OutlookMessage(
            message_class=str(msg.classType or "IPM.Note"),
            sender=(text("0C1A") or text("0042") or "", address if "@" in address else ""),
            recipients=recipients,
            subject=text("0037") or "",
            date=_time(msg, "00390040") or _time(msg, "0E060040"),
            headers=text("007D"),
            message_id=text("1035"),
            in_reply_to=text("1042"),
            references=text("1039"),
            conversation_index=msg.getStream("__substg1.0_00710102") or None,
            body=text("1000"),
            html=html.decode("utf-8", "replace") if isinstance(html, bytes) else None,
            attachments=len(msg.attachments),
        )


def _time(msg: Any, tag: str) -> datetime | None:
    prop = msg.props.get(tag)
    value = getattr(prop, "value", None)
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value
