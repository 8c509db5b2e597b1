"""Outlook .pst archives through libpff-python (``pypff``): every message of every folder."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._outlook_model import PST_HINT, Conversations, OutlookMessage, outlook_items
from whoknows.ingest.base import IngestContext
from whoknows.records import ItemRecord

# MAPI property tags read from the record sets when the transport headers are missing
_SENDER_NAME, _SENDER_SMTP, _SENDER_EMAIL = 0x0C1A, 0x5D01, 0x0C1F
_MESSAGE_CLASS, _MESSAGE_ID, _IN_REPLY_TO, _REFERENCES = 0x001A, 0x1035, 0x1042, 0x1039
_DISPLAY_NAME, _EMAIL, _SMTP, _RECIPIENT_TYPE = 0x3001, 0x3003, 0x39FE, 0x0C15


def read_pst(
    path: Path, conversations: Conversations, context: IngestContext
) -> Iterator[ItemRecord]:
    """Items of every mail message in the archive, folder by folder."""
    try:
        import pypff
    except ImportError:
        context.problem(
            path, None, N_("cannot read .pst archives here (libpff-python missing)"), PST_HINT
        )
        return
    archive = pypff.file()
    try:
        archive.open(str(path))
    except OSError as error:
        context.problem(
            path,
            Position.byte(0),
            N_("not a readable .pst archive (%(error)s)"),
            PST_HINT,
            error=_reason(error),
        )
        return
    try:
        yield from _folder(archive.get_root_folder(), path, "", conversations, context)
    finally:
        archive.close()


def _reason(error: OSError) -> str:
    """The telling part of a libpff message ("...: unable to open file. ...: invalid file
    signature. ...")."""
    parts = [part.split(": ", 1)[-1].strip(" .") for part in str(error).split(". ")]
    return (parts[1] if len(parts) > 1 else parts[0]) or "unreadable"


def _folder(
    folder: Any, path: Path, where: str, conversations: Conversations, context: IngestContext
) -> Iterator[ItemRecord]:
    name = f"{where}/{folder.name or ''}".rstrip("/") if where or folder.name else ""
    for index in range(folder.number_of_sub_messages):
        position = Position.named(f"folder {name or '/'}, message {index + 1}")
        try:
            message = folder.get_sub_message(index)
            read = _message(message)
        except OSError as error:
            context.problem(
                path, position, N_("unreadable message (%(error)s)"), PST_HINT, error=_reason(error)
            )
            continue
        fallback = "pst:" + hashlib.sha1(f"{path.name}:{message.identifier}".encode()).hexdigest()
        yield from outlook_items(read, fallback, (path, position), conversations, context)
    for index in range(folder.number_of_sub_folders):
        yield from _folder(folder.get_sub_folder(index), path, name, conversations, context)


def _entries(record_set: Any) -> dict[int, Any]:
    """The record entries of one record set by MAPI property id."""
    found: dict[int, Any] = {}
    for entry in record_set.entries:
        found.setdefault(int(entry.entry_type), entry)
    return found


def _string(entries: dict[int, Any], tag: int) -> str | None:
    entry = entries.get(tag)
    if entry is None:
        return None
    try:
        value = entry.get_data_as_string()
    except OSError:
        return None
    return str(value) if value else None


def _recipients(message: Any) -> list[tuple[str, str]]:
    recipients = message.recipients
    if recipients is None:
        return []
    pairs = []
    for record_set in recipients.record_sets:
        entries = _entries(record_set)
        kind = entries.get(_RECIPIENT_TYPE)
        if kind is not None and int(kind.get_data_as_integer()) not in (1, 2):
            continue  # Bcc
        address = _string(entries, _SMTP) or _string(entries, _EMAIL) or ""
        if "@" in address:
            pairs.append((_string(entries, _DISPLAY_NAME) or "", address))
    return pairs


def _text(value: object) -> str | None:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace") or None
    return value if isinstance(value, str) and value else None


def _message(message: Any) -> OutlookMessage:
    entries = _entries(message.get_record_set(0)) if message.number_of_record_sets else {}
    address = _string(entries, _SENDER_SMTP) or _string(entries, _SENDER_EMAIL) or ""
    submitted = message.client_submit_time or message.delivery_time
    if isinstance(submitted, datetime) and submitted.tzinfo is None:
        submitted = submitted.replace(tzinfo=UTC)
    return OutlookMessage(
        message_class=_string(entries, _MESSAGE_CLASS) or "IPM.Note",
        sender=(message.sender_name or "", address if "@" in address else ""),
        recipients=_recipients(message),
        subject=message.subject or "",
        date=submitted if isinstance(submitted, datetime) else None,
        headers=_text(message.transport_headers),
        message_id=_string(entries, _MESSAGE_ID),
        in_reply_to=_string(entries, _IN_REPLY_TO),
        references=_string(entries, _REFERENCES),
        conversation_index=message.conversation_index or None,
        body=_text(message.plain_text_body),
        html=_text(message.html_body),
        attachments=int(message.number_of_attachments or 0),
    )
