"""CSV files as tools export them and spreadsheets re-save them.

A spreadsheet whose locale writes decimals with a comma (French, German Excel...) saves CSV
with ';' between fields, and some tools export tab-separated text: the delimiter is the first
of ',', ';' and tab that splits the first row into what the reader expects.

A tool's export gives every record the header's number of fields. A record with fewer is
almost always the last one of a file cut off during the export or the copy, and reading it
would store its truncated values (an empty description, half an account id) over good ones;
a record with more has a stray delimiter. Both are reported with their line and skipped.

French and German Excel save CSV in Windows-1252, not UTF-8 (a fresh evaluator's directory was
refused at its first "é"): a file that is not UTF-8 but is Windows-1252 text throughout (no
byte that encoding leaves undefined, no NUL) is read as such, and said so.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest.base import IngestContext

DELIMITERS = (",", ";", "\t")
# the reasons of a record whose number of fields is not the header's, their first words alike
# for every such row (skips are counted by them)
CUT_OFF = N_("row cut off or misquoted: %(fields)s fields where the header has %(width)s")
STRAY_DELIMITER = N_("row with a stray delimiter: %(fields)s fields where the header has %(width)s")
ROW_HINT = N_("fix the file (export it again) or rerun with --skip-errors to skip this row")
WINDOWS_1252 = N_(
    "a CSV file read as Windows-1252 (not UTF-8), as a French or German Excel saves it"
)
_UNDEFINED_1252 = frozenset(b"\x81\x8d\x8f\x90\x9d\x00")
_CHUNK = 1 << 20


def encoding_of(path: Path) -> str:
    """``utf-8-sig`` for a UTF-8 file (or one that is neither: its reading reports where),
    ``cp1252`` for a file that is only Windows-1252 text."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    windows = True
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                windows = windows and _UNDEFINED_1252.isdisjoint(chunk)
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    return "cp1252" if windows and _only_1252(handle) else "utf-8-sig"
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252" if windows else "utf-8-sig"
    except OSError:
        pass  # (reported where the file is read)
    return "utf-8-sig"


def _only_1252(handle: BinaryIO) -> bool:
    """Whether the rest of an open file holds no byte Windows-1252 leaves undefined."""
    while chunk := handle.read(_CHUNK):
        if not _UNDEFINED_1252.isdisjoint(chunk):
            return False
    return True


def csv_records(
    path: Path,
    context: IngestContext,
    fits: Callable[[list[str]], bool],
    refusal: str,
    *,
    same_width: bool = True,
) -> Iterator[tuple[int, list[str]]]:
    """(line where it starts, cells) of each record of PATH, the first row included, read with
    the first delimiter with which ``fits(first row)``; REFUSAL is reported (at line 1) when
    none does. With ``same_width``, a record whose number of fields is not the first row's is
    reported and skipped. Blank lines are left out."""
    csv.field_size_limit(min(sys.maxsize, 1 << 30))
    start = 1  # where the next record begins (a record spans lines when a cell does)
    encoding = encoding_of(path)
    if encoding == "cp1252":
        context.note(WINDOWS_1252)
    try:
        with path.open(encoding=encoding, newline="") as handle:
            first = handle.readline()
            delimiter = next((d for d in DELIMITERS if fits(_cells(first, d))), None)
            if delimiter is None:
                context.problem(path, Position.at(1), refusal)
                return
            reader = csv.reader(itertools.chain([first], handle), delimiter=delimiter, strict=True)
            width = 0
            for cells in reader:
                if cells and (width == 0 or not same_width or len(cells) == width):
                    width = width or len(cells)
                    yield start, cells
                elif cells:
                    reason = CUT_OFF if len(cells) < width else STRAY_DELIMITER
                    at = Position.at(start)
                    context.problem(path, at, reason, ROW_HINT, fields=len(cells), width=width)
                start = reader.line_num + 1
    except csv.Error as error:
        # the record that does not parse starts at START
        reason = N_("malformed CSV (%(error)s); the rest is unread")
        context.problem(path, Position.at(start), reason, error=error)
    except UnicodeDecodeError:
        where = Position.undecodable(path, "utf-8-sig")
        context.problem(path, where, N_("not UTF-8 text"), N_("save the file as UTF-8"))
    except OSError as error:
        context.problem(path, None, N_("cannot read the file (%(error)s)"), error=error.strerror)


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []
