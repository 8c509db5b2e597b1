"""mbox files as they come: one file, a folder of them, and a list archive's monthly files
(Mailman's pipermail: "2024-March.txt", "2024-April.txt.gz"), split into raw messages."""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest.base import IngestContext

_MBOX_FROM_LINE = re.compile(rb"^From \S+")
# a whole "From " line holds no control character nor byte no text has ("From jdoe@x.org Mon
# Mar  4 10:00:00 2024", "From a@x 2024-01-01T10:00:00Z"); a damaged one lost its message
# ("From b@x Mon Jan  1 00:0\x00\xff junk")
_WHOLE_FROM_LINE = re.compile(rb"^From [^\x00-\x08\x0b-\x1f\x7f\xfe\xff]*$")
# a "From " line that names a sender first, whole or not ("From b@x Mon Jan  1 00:0…"); a body
# line an mboxo writer left unescaped names none ("From the logs we see …")
_SENDER_FIRST = re.compile(rb"^From (?:\S+@\S+|\S+ at \S+|-|MAILER-DAEMON)(?:\s|$)")
# the file's last line, with no end, where a "From " line begins after a blank line: a file
# cut inside it ("From hugo.l", "Fro"); a message's text ends with its line's end
_CUT_FROM_LINE = re.compile(rb"^(?:F|Fr|Fro|From|From \S*|From \S+ at ?)$")  # (not "From the team")
# a "From " line's date as mbox writers write it ("Mon Mar  4 10:00:00 2024"): a message begins
# there even where a writer left no blank line before it (its body's "From the logs" has none)
_ENVELOPE_DATE = re.compile(
    rb"\s(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    rb" [ \d]\d \d\d:\d\d:\d\d \d{4}\s*$"
)
# a sender that is no address before a date begins one too after a blank line ("From nobody
# Mon Mar  3 10:00:00 2025", with a zone or without seconds too: two messages had been read as
# one); not git format-patch's fixed date ("From 3f2a… Mon Sep 17 00:00:00 2001") but in a
# file of patches, which opens with it: a patch pasted into a mail unescaped stays its text
_TOKEN_DATED = re.compile(
    rb"^From \S+\s(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|"
    rb"Dec) [ \d]\d \d\d:\d\d(?::\d\d)?(?: [+-]\d{4}| [A-Z]{3,4})? \d{4}\s*$"
)
_PATCH_DATE = re.compile(rb"^From \S+ Mon Sep 17 00:00:00 2001\s*$")
NOT_AN_MBOX = N_("not an mbox file (it must start with a 'From ' line)")
NOT_AN_MBOX_HINT = N_(
    "export the mailbox as mbox, or use the maildir connector for a maildir folder"
)
DAMAGED = N_("a damaged 'From ' line: the message it begins cannot be read")
DAMAGED_HINT = N_("export or copy the mailbox again; --skip-errors skips that message")
_ESCAPED_FROM = re.compile(rb"^>(>*From )")
_ARCHIVE_SUFFIXES = (".txt", ".txt.gz", ".mbox.gz")  # (read when they open as an mbox)


def mbox_files(folder: Path, context: IngestContext) -> list[Path]:
    """A folder's mbox files: ``.mbox`` or no suffix, and a list archive's ``.txt``,
    ``.txt.gz`` and ``.mbox.gz`` files that open with an mbox's "From " line (a README.txt
    beside them is skipped and counted, and so is a ``.gz`` beside the file it compresses:
    a list archive's folder holds both)."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".gz" and _opens_as_mbox(path.with_suffix("")):
            context.skip(N_("mbox: compressed copy of the file beside it"))
        elif path.suffix in {".mbox", ""}:
            found.append(path)
        elif path.name.endswith(_ARCHIVE_SUFFIXES):
            if _opens_as_mbox(path):
                found.append(path)
            else:
                context.skip(N_("mbox: %(suffix)s file that is no mbox"), suffix=path.suffix)
    return found


CUT_SHORT = N_("the file ends inside this message: it was cut short")
CUT_SHORT_HINT = N_("export or copy the mailbox again; --skip-errors keeps the messages before it")
MAILDIR_CUT_HINT = N_("copy the message from the mail server again, or rerun with --skip-errors")


class _CutTolerantGzip(io.RawIOBase):
    """A gzip file's bytes as far as they decompress: a download cut short gives the messages
    before the cut (``cut`` says so at the end), where ``gzip`` raised and kept none."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("rb")
        self._inflate = zlib.decompressobj(zlib.MAX_WBITS | 16)
        self._pending = b""
        self.cut = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = self._inflate.unused_data or self._file.read(1 << 16)
            if not chunk:
                self.cut = not self._inflate.eof
                return 0
            if self._inflate.eof:  # (a gzip of several members, one after the other)
                self._inflate = zlib.decompressobj(zlib.MAX_WBITS | 16)
            self._pending = self._inflate.decompress(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size], self._pending = self._pending[:size], self._pending[size:]
        return size

    def close(self) -> None:
        self._file.close()
        super().close()


def _open(path: Path) -> BinaryIO:
    if path.suffix != ".gz":
        return path.open("rb")
    return cast(BinaryIO, io.BufferedReader(_CutTolerantGzip(path)))


def _was_cut(handle: BinaryIO) -> bool:
    raw = getattr(handle, "raw", None)
    return isinstance(raw, _CutTolerantGzip) and raw.cut


def _opens_as_mbox(path: Path) -> bool:
    try:
        with _open(path) as handle:
            return _MBOX_FROM_LINE.match(handle.readline()) is not None
    except (OSError, EOFError, zlib.error):
        return False


def iter_mbox(path: Path, context: IngestContext) -> Iterator[tuple[bytes, Position]]:
    """Split an mbox file (gzipped or not) into raw messages (mboxo/mboxrd), streaming, with
    line positions."""
    try:
        handle = _open(path)
        with handle:
            yield from _messages(path, handle, context)
    except OSError as error:  # (gzip.BadGzipFile is one)
        reason = error.strerror or str(error)
        context.problem(path, None, N_("cannot read the file (%(error)s)"), error=reason)
    except (EOFError, zlib.error) as error:
        context.problem(path, None, N_("cannot read the file (%(error)s)"), error=str(error))


def _messages(
    path: Path, handle: BinaryIO, context: IngestContext
) -> Iterator[tuple[bytes, Position]]:
    first, at = handle.readline().removeprefix(b"\xef\xbb\xbf"), 1  # (a byte-order mark,
    while first and not first.strip():  # blank lines before the first message)
        first, at = handle.readline(), at + 1
    if not _MBOX_FROM_LINE.match(first):
        context.problem(path, Position.at(at), NOT_AN_MBOX, NOT_AN_MBOX_HINT)
        return
    patches = _PATCH_DATE.match(first) is not None  # (git format-patch --stdout's series)
    current: list[bytes] = []
    start_line, line_number, previous_blank, last = at, at, True, first
    damaged = False  # (the current message's "From " line is: it cannot be read)
    blank_before_last = False
    try:
        for line in handle:
            line_number += 1
            whole = _WHOLE_FROM_LINE.match(line.rstrip(b"\r\n")) is not None  # (CRLF files)
            dated = whole and _ENVELOPE_DATE.search(line) is not None  # (no blank line before)
            # (or a "From " line after a blank one holding NUL bytes, or after them, as a
            # compaction cut short leaves it: "From \x00\x00…", "\x00\x00From nadia@x …"; a
            # pasted page break or a terminal's colours, "From \x0cpage 2", is the text's)
            nul = line.lstrip(b"\x00")
            broken = previous_blank and b"\x00" in line and nul.startswith(b"From ")
            dated_sender = _TOKEN_DATED.match(line) and (patches or not _PATCH_DATE.match(line))
            sender = _SENDER_FIRST.match(line) or (previous_blank and dated_sender)
            if broken or (sender and (previous_blank or dated or (damaged and whole))):
                if damaged:
                    context.problem(path, Position.at(start_line), DAMAGED, DAMAGED_HINT)
                else:
                    yield b"".join(current), Position.at(start_line)
                current, start_line, damaged = [], line_number, not whole
            else:
                current.append(_ESCAPED_FROM.sub(rb"\1", line))
            blank_before_last = previous_blank
            previous_blank, last = line.strip() == b"", line
    except (EOFError, zlib.error):  # (a .gz download cut short: the messages before it stand)
        context.problem(path, Position.at(start_line), CUT_SHORT, CUT_SHORT_HINT)
        return
    if current and blank_before_last and not last.endswith(b"\n") and _CUT_FROM_LINE.match(last):
        # the file ends inside the next message's "From " line ("From hugo.l"): a line of the
        # message before had been added to its text
        if damaged:
            context.problem(path, Position.at(start_line), DAMAGED, DAMAGED_HINT)
        elif not cut_short(b"".join(current[:-1]), ends_a_line=True):
            yield b"".join(current[:-1]), Position.at(start_line)
        context.problem(path, Position.at(line_number), CUT_SHORT, CUT_SHORT_HINT)
        return
    if _was_cut(handle):
        context.problem(path, Position.at(start_line), CUT_SHORT, CUT_SHORT_HINT)
    elif damaged and current:
        context.problem(path, Position.at(start_line), DAMAGED, DAMAGED_HINT)
    elif damaged or cut_short(b"".join(current), ends_a_line=last.endswith(b"\n")):
        context.problem(path, Position.at(start_line), CUT_SHORT, CUT_SHORT_HINT)
    elif current:
        yield b"".join(current), Position.at(start_line)


_BOUNDARY = re.compile(  # (quoted, a boundary may hold spaces: RFC 2046's "simple boundary")
    rb'^Content-Type:[^\n]*(?:\n[ \t][^\n]*)*?boundary=(?:"([^"]+)"|([^";\s]+))', re.I | re.M
)


def cut_short(message: bytes, ends_a_line: bool) -> bool:
    """Whether a file's last message was cut when the file was: nothing after its "From "
    line, or the file ending inside a line of its headers or of a multipart body without its
    closing boundary, or on a part's opening boundary with nothing after it (a body cut inside
    its text cannot be told from a short one, and a mail client that leaves out the closing
    boundary writes the file's last line whole, after a part's text: an NGO's maildir message
    cut after a boundary had been stored, exit 0, a fresh evaluator's)."""
    if not message.strip():
        return True
    head, blank, body = message.replace(b"\r\n", b"\n").partition(b"\n\n")
    if not blank:
        return not ends_a_line
    declared = _BOUNDARY.search(head + b"\n")
    if declared is None:
        return False
    boundary: bytes = declared.group(1) or declared.group(2)
    if ends_a_line:  # (whole lines: cut only where a part begins and nothing follows)
        return body.rstrip().rpartition(b"\n")[2].rstrip() == b"--" + boundary
    return b"--" + boundary + b"--" not in body
