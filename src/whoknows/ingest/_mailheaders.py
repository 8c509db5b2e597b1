"""A mail's address headers as written: senders and recipients, list archives' masked
addresses, and the list a message went through."""

from __future__ import annotations

import email
import re
from email.header import decode_header, make_header
from email.utils import getaddresses
from pathlib import Path
from typing import Any, Protocol

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._mailfast import simple_addresses, unmasked
from whoknows.ingest.base import IngestContext


class Headers(Protocol):
    """What the header reading needs of a message (a parsed one, or the fast path's)."""

    def get(self, name: str, default: Any = None) -> Any: ...

    def get_all(self, name: str) -> Any: ...


# a list's own address, as its server writes it on each message: "List-Post:
# <mailto:dev@tidewater.apache.org>", "List-Id: Developers <dev.tidewater.apache.org>"
_LIST_POST = re.compile(r"<mailto:([^>?\s]+@[^>?\s]+)", re.IGNORECASE)
_LIST_ID = re.compile(r"<([^<>@\s.]+)\.([^<>@\s]+\.[^<>@\s]+)>")


def list_addresses(message: Headers) -> frozenset[str]:
    """The addresses of the mailing list the message went through (lower case): a list's
    address in To or Cc is no one person (a lab's list had become a "broker" of its network)."""
    found: set[str] = set()
    for value in message.get_all("List-Post") or []:
        found.update(address.lower() for address in _LIST_POST.findall(str(value)))
    for value in message.get_all("List-Id") or []:
        found.update(f"{name}@{domain}".lower() for name, domain in _LIST_ID.findall(str(value)))
    return frozenset(found)


def _has_comment(message: Headers, header: str) -> bool:
    """Whether a header as written holds a comment, "(…)" (which the parser drops)."""
    if not isinstance(message, email.message.Message):
        return any("(" in str(value) for value in message.get_all(header) or [])
    return any(
        name.lower() == header.lower() and "(" in str(value) for name, value in message.raw_items()
    )


def _raw_values(message: Headers, header: str) -> list[str]:
    """A header's values as written, encoded words decoded: the standard parser renders
    "x at y.org (Name)" as '"x at y.org"', its name lost."""
    if not isinstance(message, email.message.Message):  # (SimpleHeaders: as written)
        return [str(value) for value in message.get_all(header) or []]
    found = []
    for name, value in message.raw_items():
        if name.lower() == header.lower():
            written = str(value).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            try:
                found.append(str(make_header(decode_header(written))))
            except (ValueError, LookupError, email.errors.MessageError):
                found.append(written)
    return found


def addresses(
    message: Headers,
    header: str,
    context: IngestContext,
    path: Path,
    position: Position | None,
) -> list[tuple[str, str]]:
    values = [str(value) for value in message.get_all(header) or []]
    # (a list archive's "x at y.org (Name)"; a relay's sender "Katrin Vogel (Jira) <jira@…>",
    # whose comment the parser drops: read as written, decoded only then)
    if any("@" not in value for value in values) or (
        header == "From" and _has_comment(message, header)
    ):
        values = [unmasked(value) for value in _raw_values(message, header)]
    simple = [simple_addresses(value) for value in values]
    if all(found is not None for found in simple):  # (getaddresses is slow: 0.5 ms a list)
        return [pair for found in simple for pair in found or () if "@" in pair[1]]
    try:
        pairs = getaddresses(values)
    except Exception:
        context.problem(path, position, N_("unreadable %(header)s header"), header=header)
        return []
    return [(name, address) for name, address in pairs if "@" in address]


_HEADERS_END = re.compile(rb"\r?\n[ \t]*\r?\n")  # (a line of blanks ends them too)
_COLONLESS = re.compile(rb"^[^ \t:\r\n][^:\n]*$", re.MULTILINE)  # (a line that is no field)
# a header a message's headers hold (not "Duree: 12 min", a script's report's body line)
_FIELD = re.compile(
    rb"(?i:from|to|cc|bcc|subject|date|message-id|in-reply-to|references|reply-to|sender|"
    rb"return-path|received|mime-version|content-[\w-]+|x-[\w-]+|list-[\w-]+|thread-[\w-]+|"
    rb"importance|priority|auto-submitted|delivered-to|dkim-signature|arc-[\w-]+|"
    rb"authentication-results|precedence|user-agent|organi[sz]ation|keywords|comments)[ \t]*:"
)
BROKEN_HEADER = N_(
    "a header line without a colon, %(line)s: the headers after it would be read as text"
)
BROKEN_HEADER_HINT = N_("fix or remove that line, or rerun with --skip-errors")


# the line Outlook writes above a message's headers when it saves them ("Microsoft Mail
# Internet Headers Version 2.0"): no header, refused as one before (an attacker's)
_BANNER = re.compile(rb"\A\s*Microsoft Mail Internet Headers Version [\d.]+[ \t]*\r?\n")


def checked_headers(
    raw: bytes, path: Path, position: Position | None, context: IngestContext
) -> bytes | None:
    """A message without the line Outlook writes above its headers (:data:`_BANNER`), or
    None when its headers are broken (:func:`broken_header`, reported)."""
    unbannered = _BANNER.sub(b"", raw, count=1)
    return None if broken_header(unbannered, path, position, context) else unbannered


def broken_header(
    raw: bytes, path: Path, position: Position | None, context: IngestContext
) -> bool:
    """Whether a message's headers hold a line that is neither a field ("Name: value") nor its
    folded continuation (reported): the standard parser reads it and every header after it as
    the text (a water utility's evaluator's "Subject \\x00\\x00 …" line had hidden the
    Message-ID, and the message was stored again as new). ``position``: the message's "From "
    line in an mbox, None for a file of its own."""
    end = _HEADERS_END.search(raw)
    head = raw[: end.start() if end else len(raw)]
    if _COLONLESS.search(head) is None:
        return False  # (every message but a broken one: one pass, no line read in Python)
    lines = [line.rstrip(b"\r") for line in head.split(b"\n")]
    for number, line in enumerate(lines):
        if number == 0 and line.startswith(b"From "):
            continue  # (an envelope's line atop a maildir file)
        if line and line[:1] not in b" \t" and b":" not in line:
            if not any(_FIELD.match(after) for after in lines[number + 1 :]):
                return False  # (a body after no blank line: a script's report; no header lost)
            if position is None or position.line is None:
                where = position or Position.at(number + 1)
            else:
                where = Position.at(position.line + 1 + number)
            said = repr(line.decode("utf-8", "replace")[:60])
            context.problem(path, where, BROKEN_HEADER, BROKEN_HEADER_HINT, line=said)
            return True
    return False
