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
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest.base import IngestContext

DELIMITERS = (",", ";", "\t")
# the reasons of a record whose number of fields is not the header's, their first words alike
# for every such row (skips are counted by them)
CUT_OFF = N_("row cut off or misquoted: %(fields)s fields where the header has %(width)s")
STRAY_DELIMITER = N_("row with a stray delimiter: %(fields)s fields where the header has %(width)s")
ROW_HINT = N_("fix the file (export it again) or rerun with --skip-errors to skip this row")
# a cell with a lone double quote: a CSV writer quotes a cell that holds one and doubles it, so
# a lone one is a row misquoted by hand or cut by a broken export ('z2,Broken "quote,x@y')
LONE_QUOTE = N_("column %(number)s (%(column)s) holds a lone double quote: %(value)s")
LONE_QUOTE_HINT = N_("remove the stray quote (no name or id holds one) or export the file again")
WINDOWS_1252 = N_("%(file)s read as Windows-1252 (not UTF-8), as a French or German Excel saves it")
_UNDEFINED_1252 = frozenset(b"\x81\x8d\x8f\x90\x9d\x00")
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH = re.compile(rb"[\x80-\xff]")
# words as a spreadsheet's fields hold them, and what a Western text writes beside its letters
# ("d’équipe", "100 €", "N°", "m²", "2½", "„Straße“", "« Café »")
_TOKENS = re.compile(r"[^\s;,\t|]+")
_WESTERN_MARKS = frozenset("’‘“”„«»–—…•€°·×÷²³¹½¼¾µ£¥¢©®™§¶\xa0¿¡ªº")
_LETTER = re.compile(r"[^\W\d_]")


def encoding_of(path: Path) -> str:
    """``utf-16`` for a file that opens with UTF-16's byte order mark (Excel's "Unicode Text");
    ``utf-8-sig`` for a UTF-8 file, or one that is neither (its reading reports where it stops
    being UTF-8); ``cp1252`` for a file that is Windows-1252 text: it does not decode as
    UTF-8, most of its bytes beyond ASCII are no UTF-8 sequences (a UTF-8 file with one stray
    byte is UTF-8, refused where the byte is), it holds no byte Windows-1252 leaves undefined,
    and it reads as Western European words (a Russian, Polish or Greek Excel's file reads as
    other letters and symbols inside words)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return "utf-8-sig"  # (reported where the file is read)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # (Excel's "Unicode Text", tab-separated, opens with its mark)
    try:
        raw.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    if raw.startswith(codecs.BOM_UTF8) or not _UNDEFINED_1252.isdisjoint(raw):
        return "utf-8-sig"
    in_sequences = sum(len(found) for found in _UTF8_SEQUENCE.findall(raw))
    if 2 * in_sequences >= len(_HIGH.findall(raw)) or not _western(raw.decode("cp1252")):
        return "utf-8-sig"
    return "cp1252"


def _western(text: str) -> bool:
    """Whether the words that hold characters beyond ASCII read as French, German, Spanish...
    words do: a few accented letters among plain ones, and no other symbol than a Western
    text's marks beside a letter ("£ukasz", "Gro§" and "Èâàí" are other code pages)."""
    words = [w for w in _TOKENS.findall(text) if not w.isascii()]
    odd = 0
    for word in words:
        letters = _LETTER.findall(word)
        foreign = sum(not c.isascii() for c in letters)
        symbol = any(not c.isascii() and not c.isalpha() and c not in _WESTERN_MARKS for c in word)
        inner = any(
            c in "£§¯¹³ª¿"
            and 0 < at < len(word) - 1
            and word[at - 1].isalpha()
            and word[at + 1].isalpha()
            for at, c in enumerate(word)
        ) or (word[:1] in "£§¯" and word[1:2].isalpha())
        # (Mac Roman read as this: "IngŽnieure", "JŸrgen", "ƒlodie")
        capital = "ƒ" in word or any(
            not c.isascii() and c.isupper() and word[at - 1].islower() and word[at + 1].islower()
            for at, c in enumerate(word[1:-1], 1)
        )
        if symbol or inner or capital or (len(letters) > 3 and 2 * foreign > len(letters)):
            odd += 1
    return 5 * odd <= len(words)


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
        context.note(WINDOWS_1252, file=path.name)
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


def misquoted(
    path: Path,
    record: tuple[int, list[str], list[str]],
    columns: Iterable[int],
    context: IngestContext,
) -> bool:
    """Whether one of COLUMNS (indexes) of a record (its line, the header's cells and its own)
    holds an odd number of double quotes ('Broken "quote'), reported at its line; a name with
    an apostrophe (O'Brien) or a quoted comma ("Martin, Marie") holds none."""
    line, header, cells = record
    odd = next((i for i in sorted(columns) if i < len(cells) and cells[i].count('"') % 2), None)
    if odd is None:
        return False
    column, value = repr(header[odd]), repr(cells[odd])
    where = Position.at(line)
    context.problem(
        path, where, LONE_QUOTE, LONE_QUOTE_HINT, number=odd + 1, column=column, value=value
    )
    return True


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []
