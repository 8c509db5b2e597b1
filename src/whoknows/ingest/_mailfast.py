"""The common message read without the standard email parser, which costs about 7 ms a
message (its header registry re-parses every header): a single-part plain-text message with
ASCII headers, no encoded words, no quoted or commented addresses, UTF-8 or ASCII text, and
no transfer encoding or quoted-printable. Anything else returns None and goes through the
standard parser.

What it gives is what the standard parser (``email.policy.default``) gives for such a message:
header values unfolded the way the policy unfolds them (line breaks removed, the first line's
leading blanks stripped), and the body decoded the way ``get_content`` decodes it (the
charset, errors replaced), except 8-bit text that declares no charset but ASCII
(:func:`undeclared_text`, read so by both). ``tests/test_mail.py`` compares both readings on
every sample.
"""

from __future__ import annotations

import quopri
import re

_HEADER_NAME = re.compile(r"[\041-\071\073-\176]+")
_CHARSETS = {"utf-8", "utf8", "us-ascii", "ascii"}
_ENCODINGS = {"", "7bit", "8bit", "quoted-printable"}
_ADDRESS_HEADERS = ("from", "to", "cc")
_UNSAFE_IN_ADDRESSES = re.compile(r'["()\\;:\[\]]')


_ADDRESS = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+"
_ADDRESS_PART = re.compile(rf"\s*(?:([A-Za-z0-9'_. -]*?)\s*<({_ADDRESS})>|({_ADDRESS}))\s*")


# a list archive's masked address ("ingrid.haugen at fastmail.no (Ingrid Haugen)": Mailman's
# pipermail writes every sender so, and every "From:" quoted in a forward)
_MASKED = re.compile(
    r"(?<![\w.%+-])([A-Za-z0-9._%+-]+) at ([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
    r"(?![\w@.-])"
)


def unmasked(value: str) -> str:
    """An address header with its masked addresses written back ("x at y.org": "x@y.org");
    a value with an "@" is left as it is."""
    return value if "@" in value else _MASKED.sub(r"\1@\2", value)


def simple_addresses(value: str) -> list[tuple[str, str]] | None:
    """(name, address) pairs of a list of plain addresses ("Ann Lee <ann@x.org>, b@y.org"),
    as ``email.utils.getaddresses`` gives them (a test compares both on random lists), or
    None when any part is not that simple (the standard parser reads it then)."""
    found = []
    for part in value.split(","):
        match = _ADDRESS_PART.fullmatch(part)
        if match is None:
            return None
        name, inner, bare = match.groups()
        found.append((" ".join(name.split()) if inner else "", inner or bare))
    return found


class SimpleHeaders:
    """Header values by lower-cased name, in order (``get`` and ``get_all`` as a message's)."""

    def __init__(self, values: dict[str, list[str]]) -> None:
        self.values = values

    def get(self, name: str, default: str | None = None) -> str | None:
        found = self.values.get(name.lower())
        return found[0] if found else default

    def get_all(self, name: str) -> list[str] | None:
        return self.values.get(name.lower())

    def keys(self) -> list[str]:
        return list(self.values)


def _headers(block: str) -> dict[str, list[str]] | None:
    values: dict[str, list[str]] = {}
    name: str | None = None
    for line in block.split("\n"):
        if line[:1] in (" ", "\t"):
            if name is None:
                return None
            values[name][-1] += line
            continue
        head, colon, value = line.partition(":")
        if not colon or not _HEADER_NAME.fullmatch(head):
            return None
        name = head.lower()
        values.setdefault(name, []).append(value.lstrip(" \t"))
    return values


def _charset(content_type: str | None) -> str | None:
    """The charset of a plain-text Content-Type (ASCII when absent), None for anything else."""
    if content_type is None:
        return "ascii"
    kind, *params = content_type.split(";")
    if kind.strip().lower() != "text/plain":
        return None
    charset = "ascii"
    for param in params:
        key, equals, value = param.partition("=")
        if not equals:
            return None
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return charset if charset in _CHARSETS else None


_ASCII = {"us-ascii", "ascii"}


def undeclared_text(data: bytes) -> str:
    """Text whose charset is not declared, or declared ASCII, though it holds 8-bit bytes
    (scripts, old mailers, some exports): UTF-8, and each run of bytes that is not UTF-8 read
    as Windows-1252, a superset of Latin-1 (the standard parser replaces every such byte:
    "Zo�� Lef��vre", "s��curit��", so no accented word could be found, nor an erased person's
    name masked; a gateway's Windows-1252 disclaimer after a UTF-8 answer is read so too)."""
    text = data.decode("utf-8", errors="surrogateescape")
    return _ESCAPED.sub(_windows_1252, text)


_ESCAPED = re.compile("[\udc80-\udcff]+")


def _windows_1252(found: re.Match[str]) -> str:
    raw = bytes(ord(character) - 0xDC00 for character in found.group())
    return raw.decode("cp1252", errors="replace")


def readable_headers(raw: bytes) -> bytes:
    """A message whose headers hold 8-bit bytes that are not UTF-8 (a client that wrote the
    subject in Windows-1252 without encoded words) with those headers as UTF-8, which the
    standard parser reads (it replaced each such byte: "R�plication arr�t�e"); any other as
    it is."""
    end = raw.find(b"\n\n")
    head = raw if end < 0 else raw[:end]
    if head.isascii():
        return raw
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return undeclared_text(head).encode("utf-8") + (b"" if end < 0 else raw[end:])
    return raw


def declared_text(data: bytes, charset: str | None) -> str | None:
    """``data`` decoded as :func:`undeclared_text` when ``charset`` (the declared one, None if
    none) says nothing beyond ASCII and the bytes are 8-bit; None otherwise."""
    if (charset is None or charset.lower() in _ASCII) and not data.isascii():
        return undeclared_text(data)
    return None


def simple_message(raw: bytes) -> tuple[SimpleHeaders, str] | None:
    """(headers, body text) of a simple message, or None when the standard parser must read it."""
    end = raw.find(b"\n\n")
    if end <= 0 or b"\r" in raw:
        return None
    try:
        block = raw[:end].decode("ascii")
    except UnicodeDecodeError:
        return None
    if "=?" in block:
        return None
    values = _headers(block)
    if values is None or "from" not in values:
        return None
    if any(len(values.get(key, ())) > 1 for key in ("content-type", "content-transfer-encoding")):
        return None
    headers = SimpleHeaders(values)
    charset = _charset(headers.get("content-type"))
    encoding = (headers.get("content-transfer-encoding") or "").strip().lower()
    if charset is None or encoding not in _ENCODINGS:
        return None
    for key in _ADDRESS_HEADERS:
        if any(_UNSAFE_IN_ADDRESSES.search(value) for value in values.get(key, ())):
            return None
    body = raw[end + 2 :]
    if encoding == "quoted-printable":
        body = quopri.decodestring(body)
    text = declared_text(body, charset)
    return headers, body.decode(charset, errors="replace") if text is None else text
