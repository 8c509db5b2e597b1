"""JSON values from the files a paper set or an export comes in: JSON lines, an array written
an object a line (AMiner's dumps: "[" and "]" alone, a comma leading each line), one
pretty-printed document (an API's saved page: ``{"results": [...]}``, ``{"data": [...]}``,
Crossref's ``{"message": {"items": [...]}}``), any of them compressed with gzip; and the files
of a folder that are such (OpenAlex's snapshot: ``updated_date=…/part_000.gz``)."""

from __future__ import annotations

import gzip
import itertools
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._json import api_error, entries_of, json_problem
from whoknows.ingest._json import loads as json_loads
from whoknows.ingest.base import IngestContext

_GZIP = b"\x1f\x8b"
_READ = (".jsonl", ".ndjson", ".json")  # what a folder's files are read (and their .gz)
PAGE_KEYS = ("results", "data", "items", "works", "papers")  # (OpenAlex, Semantic Scholar)
_API_ERROR = N_("an API error response, not data: %(said)s")
_API_HINT = N_("fetch it again once the API answers with data, or remove this file")
_NOT_READ = N_("files in the folder that are not JSON (.jsonl, .ndjson, .json or .gz)")


def json_files(path: Path, context: IngestContext) -> list[Path]:
    """``path`` itself, or the JSON files under the folder ``path`` (subfolders too, hidden
    ones not), in order of their paths; the others are counted as skipped."""
    if not path.is_dir():
        return [path]
    found, other = [], 0
    for file in sorted(path.rglob("*")):
        if not file.is_file() or any(part.startswith(".") for part in file.relative_to(path).parts):
            continue
        name = file.name.lower().removesuffix(".gz")
        if name.endswith(_READ) or file.name.lower().endswith(".gz"):
            found.append(file)
        else:
            other += 1
    if other:
        context.skip(_NOT_READ, other)
    if not found:
        context.problem(path, None, N_("no .jsonl, .ndjson or .json file in this folder"))
    return found


def json_values(path: Path, context: IngestContext) -> Iterator[tuple[Position, object]]:
    """Each JSON value of the file and where it is (see the module); a file that cannot be
    read (a truncated gzip) is one problem, after the values read before the break."""
    try:
        with path.open("rb") as probe:
            packed = probe.read(2) == _GZIP
        with gzip.open(path, "rb") if packed else path.open("rb") as handle:
            yield from _values(path, handle, context)
    except (OSError, EOFError, zlib.error) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        context.problem(path, None, N_("cannot read the file (%(error)s)"), error=reason)


def _values(
    path: Path, handle: Iterable[bytes], context: IngestContext
) -> Iterator[tuple[Position, object]]:
    """Each JSON value of a file and where it is: a value a line (JSON lines; also an array
    written an object a line, "[" and "]" on their own lines, as AMiner's dumps are), or the
    objects of one JSON document (an array, or an API's page of ``results`` or ``data``)."""
    lines = enumerate(handle, 1)
    opening = [(n, raw) for n, raw in itertools.islice(lines, 64)]
    written = [raw.strip().lstrip(b"\xef\xbb\xbf") for _, raw in opening if raw.strip()]
    if _one_document(written):
        raw_text = b"".join(raw for _, raw in opening) + b"".join(raw for _, raw in lines)
        try:
            text = raw_text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            context.problem(path, Position.decoding(error), N_("not UTF-8 text"))
            return
        yield from _document(text, path, context)
        return
    for number, raw in itertools.chain(opening, lines):
        value = _line_value(path, number, raw, context)
        for entry in _paged(value, path, Position.at(number), context):
            yield Position.at(number), entry


def _document(text: str, path: Path, context: IngestContext) -> Iterator[tuple[Position, object]]:
    """The values of one JSON document: read whole, its page's papers; when it does not
    parse whole (pages written one after the other, a file cut short), element by element."""
    entries: Iterable[object]
    try:
        value = json_loads(text)
        entries = (
            value if isinstance(value, list) else _paged(value, path, Position.json("$"), context)
        )
    except json.JSONDecodeError:
        entries = entries_of(text, path, context, PAGE_KEYS)
    found = enumerate(entries, 1)  # (null: a batch's answer for an unknown id)
    yield from ((Position.entry(n), entry) for n, entry in found if entry is not None)


def _paged(value: object, path: Path, where: Position, context: IngestContext) -> list[object]:
    """The papers of an API's page (``{"results": [...]}``, Crossref's ``{"message":
    {"items": [...]}}``), or the value itself; none for None or for an API's error answer
    (reported)."""
    if value is None:
        return []
    if not isinstance(value, dict) or "id" in value:
        return [value]
    inner = value.get("message")
    page = inner if isinstance(inner, dict) and isinstance(inner.get("items"), list) else value
    for key in PAGE_KEYS:
        if isinstance(page.get(key), list):
            return list(page[key])
    said = api_error(value)
    if said is not None:
        context.problem(path, where, _API_ERROR, _API_HINT, said=said)
        return []
    return [value]


def _one_document(written: list[bytes]) -> bool:
    """Whether a file's first lines begin one pretty-printed JSON document (``{`` or ``[``
    alone on its line, then not an object a line), not a value a line."""
    if not written or written[0][:1] not in (b"{", b"["):
        return False
    if written[0] == b"[":  # (an object a line after it is AMiner's array: read as lines)
        second = written[1].lstrip(b",") if len(written) > 1 else b""
        return not (second.startswith(b"{") and second.rstrip(b",").endswith(b"}"))
    # (pretty-printed, a page's objects a line after '{"data": [', or a whole array on a line)
    return written[0].endswith((b"[", b"{")) or written[0].startswith(b"[")


def _line_value(path: Path, number: int, raw: bytes, context: IngestContext) -> object:
    """The JSON value of one line (None: a blank line, an array's bracket, or a problem
    reported); a comma before or after it, as in an array written an object a line, is not
    part of it."""
    line = raw.rstrip(b"\r\n")
    if number == 1:
        line = line.removeprefix(b"\xef\xbb\xbf")
    stripped = line.strip()
    if stripped in (b"", b"[", b"]", b"],"):
        return None
    offset = len(line) - len(line.lstrip())
    body = line[offset:]
    if body.startswith(b","):
        body, offset = body[1:], offset + 1
    if stripped.endswith(b"},"):
        body = body.rstrip()[:-1]
    try:
        return json_loads(body.decode("utf-8"))
    except UnicodeDecodeError as error:
        where = Position.at(number, offset + error.start + 1)
        context.problem(path, where, N_("not UTF-8 text"))
    except json.JSONDecodeError as error:
        where = Position.at(number, offset + error.colno)
        context.problem(path, where, N_("invalid JSON (%(error)s)"), error=json_problem(error))
    return None
