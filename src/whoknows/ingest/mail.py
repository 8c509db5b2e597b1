"""Email: mbox files and maildir folders, read with the standard library's email parser."""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import ClassVar

from whoknows.bots import group_mailbox, relayed_person
from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._addressees import as_mentions
from whoknows.ingest._digests import lists_subjects
from whoknows.ingest._events import announces_event
from whoknows.ingest._forwards import forwarded_items
from whoknows.ingest._genres import OVERVIEW_WEIGHT, frames_others
from whoknows.ingest._governance import casts_a_vote, only_procedure, reports_a_result
from whoknows.ingest._mailfast import declared_text, readable_headers, simple_message
from whoknows.ingest._mailheaders import Headers, addresses, checked_headers, list_addresses
from whoknows.ingest._mailtext import (
    ANNOUNCES,
    DIGEST,
    FORWARD_SUBJECT,
    marked_automatic,
    program_written,
    strip_quotes_and_signature,
)
from whoknows.ingest._mbox import CUT_SHORT, MAILDIR_CUT_HINT, cut_short, iter_mbox, mbox_files
from whoknows.ingest._requests import offers_fix
from whoknows.ingest._self_answers import SelfAnswers
from whoknows.ingest._short_replies import SUBSTANTIVE_WORDS
from whoknows.ingest._threads import message_role, refers
from whoknows.ingest.base import ConnectorOption, IngestContext
from whoknows.records import Contribution, ItemRecord, PersonRef, Record
from whoknows.text import html_to_text, thread_subject
from whoknows.vocab import ContributionRole

SOURCE = "mail"
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")


def _message_ids(header: str | None) -> list[str]:
    return _MESSAGE_ID.findall(header or "")


@dataclass
class MailFields:
    """What a mail item is built from, whatever holds the message (mbox, maildir, .msg)."""

    sender: tuple[str, str]  # name, address
    reply_to: tuple[str, ...] = ()  # the sender's too, for erasure only (it joins no one)
    recipients: list[tuple[str, str]] = field(default_factory=list)  # To and Cc
    subject: str = ""
    date: datetime | None = None
    body: str = ""  # the whole text, quotes and signature included
    message_id: str | None = None
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    auto: bool = False  # Auto-Submitted: a robot wrote it
    auto_reply: bool = False  # Auto-Submitted: auto-replied, X-Autoreply (out of office)
    thread_id: str | None = None  # a thread known otherwise (Outlook's conversation index)
    parent_id: str | None = None
    is_reply: bool = False
    quoted: str = ""  # an HTML body's whole text, what it quotes or forwards included


def header_fields(
    message: Headers, path: Path, position: Position | None, context: IngestContext
) -> MailFields | None:
    """Sender, recipients, subject, date and thread headers; None (reported) without a From."""
    sender = addresses(message, "From", context, path, position)
    if not sender:
        context.problem(path, position, N_("message without a From header"))
        return None
    own_ids = _message_ids(_text(message.get("Message-ID")))
    references = _message_ids(_text(message.get("References")))
    parents = _message_ids(_text(message.get("In-Reply-To"))) or references[-1:]
    listed = list_addresses(message)  # (the list a message went through is no one)
    recipients = [
        pair
        for header in ("To", "Cc")
        for pair in addresses(message, header, context, path, position)
        if pair[1].lower() not in listed
    ]
    written = message.get("Date")
    date = _date(written)
    if written and date is None:
        context.problem(
            path,
            position,
            N_("date %(value)s is not a mail date"),
            N_("write the Date header as mail programs do: 'Tue, 3 Mar 2026 10:00:00 +0100'"),
            value=repr(str(written)),
        )
        return None
    return MailFields(
        sender=sender[0],
        reply_to=tuple(a for _, a in addresses(message, "Reply-To", context, path, position)),
        recipients=recipients,
        subject=str(message.get("Subject", "") or ""),
        date=date,
        message_id=own_ids[0] if own_ids else None,
        in_reply_to=parents[0] if parents else None,
        references=references,
        auto=str(message.get("Auto-Submitted", "no")).lower() not in {"no", ""}
        or _bulk_from_a_role(message, sender[0][1]),
        auto_reply=marked_automatic(message.get),
    )


def _bulk_from_a_role(message: Headers, address: str) -> bool:
    """Whether a mail is a newsletter: sent in bulk ("Precedence: bulk", a List-Unsubscribe
    link) from a role's or a publication's address ("newsletter@lemagit.fr"), whose sender is
    no one who knows (a fresh evaluator's trade newsletter was second for Terraform); a list's
    discussion, sent by its members, stays theirs."""
    bulk = str(message.get("Precedence", "")).strip().lower() in {"bulk", "junk"}
    return (bulk or message.get("List-Unsubscribe") is not None) and group_mailbox(address)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


# where mail programs put the original a reply quotes in HTML (Gmail, Apple Mail,
# Thunderbird); a plain <blockquote> is Gmail's and Thunderbird's indentation, the author's
# own text; Outlook's "From: ... Sent: ..." header and plain-text quotes are cut later, by
# strip_quotes_and_signature
QUOTED_HTML = 'blockquote[type="cite"], .gmail_quote, .moz-cite-prefix'


# what a reply that names a recipient may have been read as, before the name is read as theirs
_ANSWERING = frozenset(
    {ContributionRole.REPLIER, ContributionRole.COMMENTER, ContributionRole.ANSWERER}
)


def thread_of(fields: MailFields, native_id: str) -> str:
    """The thread a message belongs to: its first reference, its parent, or itself."""
    if fields.references:
        return fields.references[0]
    return fields.in_reply_to or fields.thread_id or native_id


def mail_item(
    fields: MailFields, fallback_id: str, meta: dict[str, object], context: IngestContext
) -> ItemRecord | None:
    """The item of one message: the same Message-ID gives the same item from any container."""
    native_id = fields.message_id or fallback_id
    parent = fields.in_reply_to or fields.parent_id
    thread_root = thread_of(fields, native_id)
    subject = fields.subject
    if DIGEST.search(subject or ""):
        if not (parent or fields.is_reply):
            context.skip(N_("mail: a list's digest (others' messages, each in the archive)"))
            return None
        parent, thread_root, fields.is_reply = None, native_id, False  # (it opens its own)
    text = strip_quotes_and_signature(fields.body, fields.sender[0] or fields.sender[1])
    if not text:
        context.skip(N_("mail: message with no text of its own"))
        return None
    if (written_by_a_program := program_written(fields.auto_reply, subject, text)) is not None:
        context.skip(written_by_a_program)
        return None
    is_reply = bool(parent) or fields.is_reply
    name, address = fields.sender
    role = message_role(text, is_reply)
    if is_reply and (casts_a_vote(text, subject) or only_procedure(text)):
        role = ContributionRole.ACKNOWLEDGER  # (a vote's checklist, a proposal's process)
    elif reports_a_result(subject or ""):
        role = ContributionRole.REFERRER  # (the voters' reasons, retold)
    forward = FORWARD_SUBJECT.match(subject or "") and len(text.split()) < SUBSTANTIVE_WORDS
    if forward and not offers_fix(text):  # (a note that says what to do is its writer's)
        role = ContributionRole.REFERRER  # ("Fwd: RMAN backups" / "FYI": another's writing)
    said = "" if is_reply else subject or ""  # (an announcement or a reminder may name others')
    overview = frames_others(said, text, name) or bool(said and ANNOUNCES.search(said))
    if (overview and lists_subjects(text)) or announces_event(said, text):
        role = ContributionRole.ADVISER  # (an event announced: its programme is its trainer's)
    weight = OVERVIEW_WEIGHT if overview else 1.0
    recipients, seen = [], {address.lower()}
    for r_name, r_address in fields.recipients:
        if group_mailbox(r_address):
            continue  # (a list or a role: no one person received it)
        if r_address.lower() not in seen:
            seen.add(r_address.lower())
            recipients.append(_ref(r_name, r_address))
    if is_reply and role in _ANSWERING and refers(as_mentions(text, recipients)):
        role = ContributionRole.REFERRER  # ("François gère le DNS.", François in copy)
    sender = replace(_ref(name, address, is_bot=fields.auto), linked_emails=fields.reply_to)
    contributions = [Contribution(sender, role, weight)]
    contributions += [Contribution(ref, ContributionRole.RECIPIENT) for ref in recipients]
    return ItemRecord(
        source=SOURCE,
        native_id=native_id,
        kind="email",
        title=subject or None,
        text=text,
        date=fields.date,
        thread_id=thread_root,
        parent_id=parent,
        context=thread_subject(subject) if is_reply else None,
        contributions=contributions,
        meta=meta,
    )


def mail_items(
    fields: MailFields, fallback_id: str, meta: dict[str, object], context: IngestContext
) -> list[ItemRecord]:
    """The item of one message (:func:`mail_item`), then the originals it forwards, each its
    writer's (:mod:`whoknows.ingest._forwards`)."""
    item = mail_item(fields, fallback_id, meta, context)
    native_id = item.native_id if item is not None else fields.message_id or fallback_id
    whole = fields.quoted or fields.body
    originals = forwarded_items(whole, fields.subject, native_id, fields.date, SOURCE)
    return ([item] if item is not None else []) + list(originals)


def message_items(
    raw: bytes, path: Path, position: Position | None, context: IngestContext, fast: bool = True
) -> list[ItemRecord]:
    """Parse one RFC 5322 message into its items (itself and what it forwards); none (with a
    reason recorded) when unusable (``fast=False``: always with the standard parser)."""
    if (checked := checked_headers(raw, path, position, context)) is None:
        return []
    raw = checked
    simple = simple_message(raw) if fast else None
    if simple is not None:  # the common case, read without the (slow) standard parser
        headers, body = simple
        fields = header_fields(headers, path, position, context)
        return _with_body(fields, body, raw, path, position, context)
    try:
        message = email.message_from_bytes(readable_headers(raw), policy=email.policy.default)
    except Exception as error:  # the parser is lenient; anything raised here is a broken message
        context.problem(path, position, N_("unparsable message (%(error)s)"), error=error)
        return []
    if not isinstance(message, EmailMessage) or not message.keys():
        context.problem(path, position, N_("not an email message (no headers)"))
        return []
    fields = header_fields(message, path, position, context)
    if fields is None:
        return []
    text, attachments, fields.quoted = _body(message, path, position, context)
    if text is None:
        return []
    if attachments:
        context.skip(N_("mail: attachment (not read)"), attachments)
    return _with_body(fields, text, raw, path, position, context)


def _with_body(
    fields: MailFields | None,
    body: str,
    raw: bytes,
    path: Path,
    position: Position | None,
    context: IngestContext,
) -> list[ItemRecord]:
    if fields is None:
        return []
    fields.body = body
    fallback = "sha1:" + hashlib.sha1(raw).hexdigest()
    label = f"message at line {position.line}" if position and position.line else "message"
    return mail_items(fields, fallback, {"file": str(path), "position": label}, context)


def _ref(name: str, address: str, is_bot: bool = False) -> PersonRef:
    if actor := relayed_person(name, address):  # (its name only: the address is a relay's)
        return PersonRef(SOURCE, "relayed:" + actor.casefold(), name=actor, is_bot=is_bot)
    return PersonRef(SOURCE, address.lower(), name=name or None, email=address, is_bot=is_bot)


# a four-figure year before mail existed ("Tue, 04 Mar 0000"): the parser reads 0000 as 2000
_NO_YEAR = re.compile(r"\b[A-Za-z]{3}\s+(?:0\d{3}|1[0-8]\d\d)\b")


def _date(value: object) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    if _NO_YEAR.search(str(value)):  # ("04 Mar 0000" was read as 2000)
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


def _body(
    message: EmailMessage, path: Path, position: Position | None, context: IngestContext
) -> tuple[str | None, int, str]:
    """The message's text (plain preferred, else HTML), how many attachments it carries and,
    for HTML, its whole text (what it quotes or forwards included: a forward's original)."""
    attachments = sum(1 for _ in message.iter_attachments()) if message.is_multipart() else 0
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return "", attachments, ""
    try:
        content = part.get_content()
    except LookupError:
        charset = part.get_content_charset()
        context.problem(
            path,
            position,
            N_("unknown charset %(charset)s"),
            N_("re-export the mail as UTF-8"),
            charset=repr(charset),
        )
        return None, attachments, ""
    except (UnicodeError, ValueError, AssertionError) as error:
        context.problem(path, position, N_("undecodable body (%(error)s)"), error=error)
        return None, attachments, ""
    if not isinstance(content, str):
        return "", attachments, ""
    if part.get_content_charset() in (None, "us-ascii", "ascii"):  # (8-bit text said ASCII)
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and (text := declared_text(payload, None)):
            content = text
    if part.get_content_subtype() == "html":
        return html_to_text(content, leave_out=QUOTED_HTML), attachments, html_to_text(content)
    return content, attachments, ""


class MboxConnector:
    """mbox: senders, recipients, threads (Message-ID / In-Reply-To / References; a reply whose
    References hold only its parent joins its parent's thread); quotes and signatures stripped;
    automatic replies skipped; a forwarded original its writer's item; charsets decoded
    (8-bit text and headers that declare none read as UTF-8, else Windows-1252); attachments
    skipped and counted; a list archive's masked senders ("x at y.org") read, its digests and
    a .gz beside its file skipped; a file cut short inside a message's "From " line, headers
    or multipart body, and a damaged From line refused (a plain body cut inside its text reads
    as a short one)"""

    name: ClassVar[str] = "mbox"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_(
        "an mbox file, or a folder of .mbox files (a list archive's .txt and .txt.gz too)"
    )
    options: ClassVar[tuple[ConnectorOption, ...]] = ()

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        files = [path] if path.is_file() else mbox_files(path, context)
        if not files:
            reason = N_("no .mbox file in this folder") if path.is_dir() else N_("no such file")
            context.problem(path, None, reason)
            return
        openers = SelfAnswers()
        for file in files:
            for raw, position in iter_mbox(file, context):
                for item in message_items(raw, file, position, context):
                    yield from openers.items(item)


class MaildirConnector:
    """maildir: the same, from `cur/` and `new/` (subfolders included); a message file cut
    short inside its headers or its multipart body refused"""

    name: ClassVar[str] = "maildir"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_("a maildir folder (cur/ and new/), its subfolders included")
    options: ClassVar[tuple[ConnectorOption, ...]] = ()

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        if not path.is_dir():
            context.problem(
                path, None, N_("not a folder"), N_("a maildir is a folder with cur/ and new/")
            )
            return
        boxes = sorted(
            {p.parent.parent for p in path.rglob("*") if p.parent.name in {"cur", "new"}}
        )
        if not boxes:
            context.problem(path, None, N_("not a maildir: no cur/ or new/ folder with messages"))
            return
        openers = SelfAnswers()
        for box in boxes:
            for sub in ("new", "cur"):
                folder = box / sub
                if not folder.is_dir():
                    continue
                for file in sorted(p for p in folder.iterdir() if p.is_file()):
                    try:
                        raw = file.read_bytes()
                    except OSError as error:
                        context.problem(
                            file, None, N_("cannot read the file (%(error)s)"), error=error.strerror
                        )
                        continue
                    if cut_short(raw, ends_a_line=raw.endswith(b"\n")):
                        context.problem(file, None, CUT_SHORT, MAILDIR_CUT_HINT)
                        continue
                    for item in message_items(raw, file, None, context):
                        yield from openers.items(item)
