"""Generic documents, one JSON object a line: {"id", "text", "authors", ...}."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._jsonlines import json_files, json_values
from whoknows.ingest._paper_authors import authors_of, paper_record
from whoknows.ingest._papers import paper_fields
from whoknows.ingest.base import ConnectorOption, IngestContext
from whoknows.limits import is_text
from whoknows.records import Contribution, ItemRecord, PersonRef, Record
from whoknows.text import html_to_text, looks_like_html, parse_date, written_as_iso_day
from whoknows.vocab import ContributionRole

SOURCE = "jsonl"
# an item of this kind is its authors' question: asking is not knowing (a "question" item
# ranked its asker first, above the writer of the answer)
QUESTION = "question"
_NO_AUTHOR = N_(
    "paper records with no author, or no title and no abstract (retracted works, front matter)"
)
_REPEATED = N_("records of an item read already in this ingest (the first is kept)")
# letters and symbols that draw nothing
_LOOKS_BLANK = frozenset("\u2800\u3164\u115f\u1160\uffa0\U0001d159")


class JsonlConnector:
    """JSON lines: `{"id", "title", "text", "authors": [..], "date", "url", "kind"}` a line; id,
    authors (a list of names, or one name) and a title or a text (strings) required; the
    authors of an item of kind "question" asked it (interest, not expertise). Paper sets are
    read as their sources write them: OpenAlex works (`authorships`, `abstract_inverted_index`),
    Semantic Scholar (`paperId`, `authors[].authorId`), AMiner's DBLP citation network
    (`indexed_abstract`, an array an object a line), arXiv's metadata snapshot
    (`authors_parsed` or the names written out, TeX accents), Crossref (`author[].family`,
    JATS, `date-parts`), ids in `authors` with `author_names` beside them. A paper with a DOI
    is that DOI whichever source wrote it (one item for its copies: in one ingest the first
    copy read is kept, the others counted; a later ingest's copy replaces it); an author with
    the source's id is that id's person (two namesakes stay two), and with an ORCID (checked
    by its check digit) also that ORCID's in every source; a paper source's record with no
    author, or no title and no abstract (a retracted work), is skipped and counted; a year
    alone is its first of January. A saved API page (`results`, `data`,
    `message.items`), a pretty-printed array and gzip files are read too; a folder, every
    `.jsonl`, `.ndjson`, `.json` and `.gz` under it (OpenAlex's snapshot), the other files
    counted as skipped"""

    name: ClassVar[str] = "jsonl"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_(
        'JSON lines: {"id", "title", "text", "authors": [..], "date", "url", "kind"}'
        " (a title or a text, or both), or paper metadata as OpenAlex, Semantic Scholar, AMiner,"
        " arXiv or Crossref write it (.gz too)"
    )
    options: ClassVar[tuple[ConnectorOption, ...]] = ()

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        seen: set[str] = set()  # (a paper's copies from several sources: the first is read)
        for file in json_files(path, context):
            for position, data in json_values(file, context):
                item = self._item(data, file, position, context)
                if item is not None and item.native_id in seen:
                    context.skip(_REPEATED)
                elif item is not None:
                    seen.add(item.native_id)
                    yield item

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
        empty = _blank(data.get("title")) and _blank(data.get("text"))
        if (authors == [] or empty) and paper_record(data):
            context.skip(_NO_AUTHOR)  # (a retracted work, a journal's front matter)
            return None
        wrong = _wrong(data, authors)
        if wrong is not None:
            reason, values = wrong
            context.problem(path, position, reason, "", **values)
            return None
        assert not isinstance(authors, str)
        date = parse_date(str(data["date"])) if data.get("date") else None
        text = "" if _blank(data.get("text")) else str(data["text"])
        if looks_like_html(text):
            text = html_to_text(text)
        kind = str(data.get("kind") or "document")
        return ItemRecord(
            source=SOURCE,
            native_id=str(data["id"]),
            kind=kind,
            title=None if _blank(data.get("title")) else _plain(str(data["title"])),
            text=text,
            date=date,
            url=str(data["url"]) if data.get("url") else None,
            tags=[str(t) for t in data.get("tags", []) if t]
            if isinstance(data.get("tags"), list)
            else [],
            contributions=[Contribution(ref, _role(kind)) for ref in authors],
        )


def _wrong(
    data: dict[str, object], authors: list[PersonRef] | str
) -> tuple[str, dict[str, object]] | None:
    """What is wrong with a record, as a message and its values; None when it is an item."""
    missing = ["id"] if data.get("id") in (None, "") else []
    if not authors:
        missing.append("authors")
    if _blank(data.get("title")) and _blank(data.get("text")):
        missing.append("title/text")  # (either; keys, in every language)
    if missing:
        return N_("missing required field(s): %(names)s"), {"names": ", ".join(missing)}
    identifier = data["id"]
    if isinstance(identifier, bool) or not isinstance(identifier, str | int):
        return N_('"id" must be a string or a whole number'), {}
    if isinstance(identifier, str) and (not identifier.strip() or not is_text(identifier)):
        return N_('"id" is blank or holds characters that are not text'), {}
    if isinstance(authors, str):
        return authors, {}
    given = data.get("date")
    if given and parse_date(str(given)) is None:
        if written_as_iso_day(str(given)):
            return N_("date %(value)s is not a day of the calendar"), {"value": repr(given)}
        return N_("date %(value)s is not ISO 8601"), {"value": repr(given)}
    return None


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


def _plain(title: str) -> str:
    """A title as it reads: HTML's markup ("<i>quantum</i>", "&amp;") read."""
    return html_to_text(title) if looks_like_html(title) else title.strip()
