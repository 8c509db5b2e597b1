"""Generic documents, one JSON object a line: {"id", "text", "authors", ...}."""

from __future__ import annotations

import gzip
import itertools
import json
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._json import entries_of
from whoknows.ingest._json import loads as json_loads
from whoknows.ingest._papers import authors_of, paper_fields
from whoknows.ingest.base import ConnectorOption, IngestContext
from whoknows.limits import is_text
from whoknows.records import Contribution, ItemRecord, Record
from whoknows.text import html_to_text, looks_like_html, parse_date, written_as_iso_day
from whoknows.vocab import ContributionRole

SOURCE = "jsonl"
# an item of this kind is its authors' question: asking is not knowing (a "question" item
# ranked its asker first, above the writer of the answer)
QUESTION = "question"
_NAMES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")  # what a folder's files are read
_GZIP = b"\x1f\x8b"
_PAGE_KEYS = ("results", "data", "items", "works", "papers")  # (OpenAlex, Semantic Scholar)
_AUTHORS_SHAPE = N_('"authors" must be a list of names, or of objects with a "name" (and an "id")')
# letters and symbols that draw nothing
_LOOKS_BLANK = frozenset("\u2800\u3164\u115f\u1160\uffa0\U0001d159")


class JsonlConnector:
    """JSON lines: `{"id", "title", "text", "authors": [..], "date", "url", "kind"}` a line; id,
    authors (a list of names, or one name) and a title or a text (strings) required; the
    authors of an item of kind "question" asked it (interest, not expertise). Paper sets are
    read as their sources write them: OpenAlex works (`authorships`, `abstract_inverted_index`),
    Semantic Scholar (`paperId`, `authors[].authorId`), AMiner's DBLP citation network
    (`indexed_abstract`, an array an object a line), arXiv's metadata snapshot
    (`authors_parsed`, TeX accents), Crossref (`author[].family`, JATS, `date-parts`), ids in
    `authors` with `author_names` beside them; an author given with an id is that id's person
    (two namesakes stay two); a year alone is its first of January; a saved API page
    (`results`, `data`, `message.items`), a pretty-printed array and gzip files are read too
    (a folder: its `.jsonl`, `.ndjson` and their `.gz`)"""

    name: ClassVar[str] = "jsonl"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_(
        'JSON lines: {"id", "title", "text", "authors": [..], "date", "url", "kind"}'
        " (a title or a text, or both), or paper metadata as OpenAlex, Semantic Scholar, AMiner,"
        " arXiv or Crossref write it (.gz too)"
    )
    options: ClassVar[tuple[ConnectorOption, ...]] = ()

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        files = (
            sorted(f for f in path.iterdir() if f.name.endswith(_NAMES))
            if path.is_dir()
            else [path]
        )
        for file in files:
            yield from self._file(file, context)

    def _file(self, path: Path, context: IngestContext) -> Iterator[Record]:
        try:
            with path.open("rb") as probe:
                packed = probe.read(2) == _GZIP
            with gzip.open(path, "rb") if packed else path.open("rb") as handle:
                for position, data in _objects(path, handle, context):
                    item = self._item(data, path, position, context)
                    if item is not None:
                        yield item
        except (OSError, EOFError, zlib.error) as error:
            reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
            context.problem(path, None, N_("cannot read the file (%(error)s)"), error=reason)

    def _item(
        self, data: object, path: Path, position: Position, context: IngestContext
    ) -> ItemRecord | None:
        if not isinstance(data, dict):
            context.problem(path, position, N_("each line must be a JSON object"))
            return None
        data = paper_fields(data)
        for key in ("title", "text"):
            if data.get(key) is not None and not isinstance(data[key], str):
                context.problem(path, position, N_('"%(name)s" must be a string'), name=key)
                return None
        authors = authors_of(SOURCE, data)
        missing = ["id"] if data.get("id") in (None, "") else []
        if authors is not None and not authors:
            missing.append("authors")
        if _blank(data.get("title")) and _blank(data.get("text")):
            missing.append("title/text")  # (either; keys, in every language)
        if missing:
            context.problem(
                path, position, N_("missing required field(s): %(names)s"), names=", ".join(missing)
            )
            return None
        identifier = data["id"]
        if isinstance(identifier, bool) or not isinstance(identifier, str | int):
            context.problem(path, position, N_('"id" must be a string or a whole number'))
            return None
        if isinstance(identifier, str) and (not identifier.strip() or not is_text(identifier)):
            context.problem(
                path, position, N_('"id" is blank or holds characters that are not text')
            )
            return None
        if authors is None:
            context.problem(path, position, _AUTHORS_SHAPE)
            return None
        date = parse_date(str(data["date"])) if data.get("date") else None
        if data.get("date") and date is None:
            message = (
                N_("date %(value)s is not a day of the calendar")
                if written_as_iso_day(str(data["date"]))
                else N_("date %(value)s is not ISO 8601")
            )
            context.problem(path, position, message, value=repr(data["date"]))
            return None
        text = "" if _blank(data.get("text")) else str(data["text"])
        if looks_like_html(text):
            text = html_to_text(text)
        kind = str(data.get("kind") or "document")
        return ItemRecord(
            source=SOURCE,
            native_id=str(data["id"]),
            kind=kind,
            title=None if _blank(data.get("title")) else str(data["title"]).strip(),
            text=text,
            date=date,
            url=str(data["url"]) if data.get("url") else None,
            tags=[str(t) for t in data.get("tags", []) if t]
            if isinstance(data.get("tags"), list)
            else [],
            contributions=[Contribution(ref, _role(kind)) for ref in authors],
        )


def _role(kind: str) -> ContributionRole:
    """An item's authors' part: they asked a question, else they wrote it."""
    asked = kind.strip().lower() == QUESTION
    return ContributionRole.ASKER if asked else ContributionRole.AUTHOR


def _blank(value: object) -> bool:
    """Nothing, or nothing visible: spaces, control and invisible characters (a zero-width
    space, a braille blank or a Hangul filler is no title)."""
    if value is None:
        return True
    return isinstance(value, str) and not any(
        unicodedata.category(c)[0] in "LNPS" and c not in _LOOKS_BLANK for c in value
    )


def _objects(
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
        entries = entries_of(text, path, context, _PAGE_KEYS)
        yield from ((Position.entry(n), entry) for n, entry in enumerate(entries, 1))
        return
    for number, raw in itertools.chain(opening, lines):
        value = _line_value(path, number, raw, context)
        for entry in _paged(value):
            yield Position.at(number), entry


def _paged(value: object) -> list[object]:
    """The papers of an API's page written on one line (``{"results": [...]}``, Crossref's
    ``{"message": {"items": [...]}}``), else the value itself (none for None)."""
    if not isinstance(value, dict) or "id" in value:
        return [] if value is None else [value]
    inner = value.get("message")
    page = inner if isinstance(inner, dict) and isinstance(inner.get("items"), list) else value
    for key in _PAGE_KEYS:
        if isinstance(page.get(key), list):
            return list(page[key])
    return [value]


def _one_document(written: list[bytes]) -> bool:
    """Whether a file's first lines begin one pretty-printed JSON document (``{`` or ``[``
    alone on its line, then not an object a line), not a value a line."""
    if not written or written[0][:1] not in (b"{", b"["):
        return False
    if written[0] == b"{":
        return True
    if written[0] != b"[":
        return written[0].startswith(b"[")  # (a whole array on one line)
    second = written[1].lstrip(b",") if len(written) > 1 else b""
    return not (second.startswith(b"{") and second.rstrip(b",").endswith(b"}"))


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
        context.problem(path, where, N_("invalid JSON (%(error)s)"), error=error.msg)
    return None
