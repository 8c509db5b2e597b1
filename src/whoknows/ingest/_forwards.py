"""What a forwarded mail carries: the original message, its writer's words. A manager who
forwards a colleague's explanation ("FYI, see Léa's mail below") passes it on; the words below
the forward's header are Léa's, and were lost with the quoted text they are cut as. Each
forwarded original becomes an item of its own, written by the "From:" of its header (Gmail's
"---------- Forwarded message ---------", Apple Mail's "Begin forwarded message:", Outlook's
"-----Original Message-----" in a mail whose subject says it is a forward, and their French).
The same original forwarded twice is one item."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from whoknows.bots import group_mailbox, looks_like_bot
from whoknows.ingest._dates import month_number
from whoknows.ingest._genres import OVERVIEW_WEIGHT, reminds
from whoknows.ingest._mailfast import unmasked
from whoknows.ingest._mailtext import (
    FORWARD_SUBJECT,
    FORWARDED,
    ORIGINAL,
    OUTLOOK_HEADER,
    OUTLOOK_NEXT,
    automated_notice,
    strip_quotes_and_signature,
)
from whoknows.ingest._threads import message_role
from whoknows.records import Contribution, ItemRecord, PersonRef
from whoknows.text import first_last, thread_subject

_HEADER = re.compile(
    r"^\s*\**(From|De|Date|Sent|Envoyé|Subject|Objet|Sujet|To|À|A|Pour|Cc|Copie à|Reply-To|"
    r"Répondre à)\**\s*:\s*(.*?)\s*$",
    re.I,
)  # (Thunderbird's French: "Sujet :", "De :", "Pour :", "Copie à :")
_FIELDS = {"de": "from", "envoyé": "date", "sent": "date", "objet": "subject", "sujet": "subject"}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:er)? ([^\W\d_]+)\.? (\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([^\W\d_]+)\.? (\d{1,2}),? (\d{4})\b")
_ADDRESS = re.compile(r"[<‹\[]\s*(?:mailto:)?([^\s<>‹›\[\]]+@[^\s<>‹›\[\]]+)\s*[>›\]]")
_QUOTE = re.compile(r"^\s*> ?")
_COMMENTED = re.compile(r"([^\s@()]+@[^\s@()]+)\s*\(([^()]*)\)")
MIN_WORDS = 5  # (a forwarded original of fewer words carries nothing: "See below.")


def forwarded_items(
    body: str, subject: str | None, forwarded_by: str, when: datetime | None, source: str
) -> Iterator[ItemRecord]:
    """The originals ``body`` forwards (``subject``: the forwarding mail's, ``forwarded_by``:
    its id, ``when``: its date, the originals' when their header gives none)."""
    lines = body.replace("\r\n", "\n").split("\n")
    forward = FORWARD_SUBJECT.match(subject or "") is not None
    starts = [
        (at, 1 if FORWARDED.match(line) or ORIGINAL.match(line) else 0)
        for at, line in enumerate(lines)
        if FORWARDED.match(line)
        or (forward and (ORIGINAL.match(line) or _outlook_header(lines, at)))
    ]
    for number, (start, marker) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        item = _original(lines[start + marker : end], forwarded_by, when, source)
        if item is not None:
            yield item


def _outlook_header(lines: list[str], at: int) -> bool:
    """Whether an Outlook forward's header begins at ``at``, with no dashed line above it (its
    HTML draws a rule): "From: …" then "Sent: …" ("De : …", "Envoyé : …")."""
    if at + 1 >= len(lines) or not OUTLOOK_HEADER.match(lines[at]):
        return False
    above = next((line for line in reversed(lines[:at]) if line.strip()), "")
    marked = ORIGINAL.match(above) or FORWARDED.match(above)
    return OUTLOOK_NEXT.match(lines[at + 1]) is not None and not marked


def _original(
    lines: list[str], forwarded_by: str, when: datetime | None, source: str
) -> ItemRecord | None:
    """The original message of a forward's block: its header's fields, then its text."""
    fields: dict[str, str] = {}
    at = 0
    while at < len(lines) and not lines[at].strip():
        at += 1
    if at < len(lines) and lines[at].lstrip().startswith(">"):  # (Apple Mail quotes it)
        lines = [_QUOTE.sub("", line, count=1) for line in lines]
    while at < len(lines) and (found := _HEADER.match(lines[at])):
        name = found.group(1).lower()
        fields.setdefault(_FIELDS.get(name, name), found.group(2))
        at += 1
    text = strip_quotes_and_signature("\n".join(lines[at:]))
    writer = _writer(fields.get("from", ""), source)
    if writer is None or len(text.split()) < MIN_WORDS or automated_notice(text):
        return None
    if writer.email and group_mailbox(writer.email):  # (a newsletter's, a press office's)
        return None
    subject = fields.get("subject") or None
    is_reply = thread_subject(subject) != subject if subject else False
    who = writer.email or writer.name or ""
    key = "\n".join((who.lower(), subject or "", " ".join(text.lower().split())))
    native_id = "forwarded:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:24]
    return ItemRecord(
        source=source,
        native_id=native_id,
        kind="email",
        title=subject,
        text=text,
        date=_date(fields.get("date", "")) or when,
        thread_id=native_id,
        contributions=[Contribution(writer, message_role(text, is_reply), _weight(subject, text))],
        meta={"forwarded_in": forwarded_by},
    )


def _writer(value: str, source: str) -> PersonRef | None:
    """The person of a forward's "From:" ("Léa Rousseau <lea@acme.example>", Outlook's
    "Rousseau, Léa <lea@…>" and "Benali, Karim [mailto:karim@…]", a bare address or name)."""
    value = unmasked(value.strip())
    found = _ADDRESS.search(value)
    commented = _COMMENTED.fullmatch(value)
    if found:
        address = found.group(1)
        name = (value[: found.start()] + value[found.end() :]).strip().strip("\"'")
    elif commented:  # (a list archive's "x@y.org (Name)")
        address, name = commented.group(1), commented.group(2).strip()
    elif "@" in value and " " not in value:
        name, address = "", value
    else:
        name, address = value.strip("\"'"), ""
    name = first_last(name)  # (Outlook's "Last, First")
    if not (name or address):
        return None
    return PersonRef(
        source,
        address.lower() or None,
        name=name or None,
        email=address or None,
        is_bot=looks_like_bot(name or None, address or None),
    )


def _weight(subject: str | None, text: str) -> float:
    """A forwarded original that reminds or frames ("Note de cadrage : …") weighs as one."""
    return OVERVIEW_WEIGHT if reminds(subject or "", text) else 1.0


def _date(value: str) -> datetime | None:
    """A forward header's date: RFC 5322, or a day, a month and a year in English or French
    ("Mon, Mar 2, 2026 at 10:00 AM", "lundi 2 mars 2026 10:00"), at noon UTC."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (TypeError, ValueError, IndexError):
        pass
    lowered = value.lower()
    for pattern, order in ((_DAY_MONTH_YEAR, (0, 1)), (_MONTH_DAY_YEAR, (1, 0))):
        for found in pattern.finditer(lowered):
            day, month = found.group(1 + order[0]), found.group(1 + order[1])
            number = month_number(month)
            if number and day.isdigit():
                try:
                    return datetime(int(found.group(3)), number, int(day), 12, tzinfo=UTC)
                except ValueError:
                    continue
    return None
