"""Generic documents, one JSON object a line: {"id", "text", "authors", ...}."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._authors import author_ref
from whoknows.ingest._json import loads as json_loads
from whoknows.ingest.base import ConnectorOption, IngestContext
from whoknows.limits import is_text
from whoknows.records import Contribution, ItemRecord, Record
from whoknows.text import html_to_text, looks_like_html, parse_date, written_as_iso_day
from whoknows.vocab import ContributionRole

SOURCE = "jsonl"
# an item of this kind is its authors' question: asking is not knowing (a "question" item
# ranked its asker first, above the writer of the answer)
QUESTION = "question"
# letters and symbols that draw nothing
_LOOKS_BLANK = frozenset("\u2800\u3164\u115f\u1160\uffa0\U0001d159")


class JsonlConnector:
    """JSON lines: `{"id", "title", "text", "authors": [..], "date", "url", "kind"}` a line; id,
    authors (a list of names, or one name) and a title or a text (strings) required; the
    authors of an item of kind "question" asked it (interest, not expertise)"""

    name: ClassVar[str] = "jsonl"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_(
        'JSON lines: {"id", "title", "text", "authors": [..], "date", "url", "kind"}'
        " (a title or a text, or both)"
    )
    options: ClassVar[tuple[ConnectorOption, ...]] = ()

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        for file in files:
            yield from self._file(file, context)

    def _file(self, path: Path, context: IngestContext) -> Iterator[Record]:
        try:
            handle = path.open("rb")
        except OSError as error:
            context.problem(
                path, None, N_("cannot read the file (%(error)s)"), error=error.strerror
            )
            return
        with handle:
            for number, raw in enumerate(handle, 1):
                if not raw.strip():
                    continue
                position = Position.at(number)
                try:
                    data = json_loads(raw.decode("utf-8").rstrip("\r\n"))
                except UnicodeDecodeError as error:
                    context.problem(
                        path, Position.at(number, error.start + 1), N_("not UTF-8 text")
                    )
                    continue
                except json.JSONDecodeError as error:
                    where = Position.at(number, error.colno)
                    context.problem(path, where, N_("invalid JSON (%(error)s)"), error=error.msg)
                    continue
                item = self._item(data, path, position, context)
                if item is not None:
                    yield item

    def _item(
        self, data: object, path: Path, position: Position, context: IngestContext
    ) -> ItemRecord | None:
        if not isinstance(data, dict):
            context.problem(path, position, N_("each line must be a JSON object"))
            return None
        for key in ("title", "text"):
            if data.get(key) is not None and not isinstance(data[key], str):
                context.problem(path, position, N_('"%(name)s" must be a string'), name=key)
                return None
        missing = [key for key in ("id", "authors") if data.get(key) in (None, "", [])]
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
        authors = data["authors"]
        if isinstance(authors, str):
            authors = [authors]
        if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
            context.problem(path, position, N_('"authors" must be a list of strings'))
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
        refs = [ref for ref in (author_ref(SOURCE, a) for a in authors) if ref is not None]
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
            contributions=[Contribution(ref, _role(kind)) for ref in refs],
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
