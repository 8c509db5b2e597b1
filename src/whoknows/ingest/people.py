"""A people directory export (CSV or JSON): titles, departments, managers, declared skills."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._csv import csv_records
from whoknows.ingest._json import loads as json_loads
from whoknows.ingest.base import ConnectorOption, IngestContext
from whoknows.records import PersonRecord, PersonRef, Record

SOURCE = "directory"
_LIST_SPLIT = re.compile(r"\s*[;,|]\s*")
_ALIASES = {
    "id": ("id", "employee_id", "person_id", "uid"),
    "name": ("name", "full_name", "display_name"),
    "emails": ("emails", "email", "mail"),
    "handles": ("handles", "handle", "usernames", "username"),
    "title": ("title", "job_title", "position"),
    "department": ("department", "dept", "team"),
    "manager": ("manager", "manager_id"),
    "location": ("location", "office", "site"),
    "internal": ("internal", "is_internal", "employment", "type"),
    "start_date": ("start_date", "start", "hired"),
    "end_date": ("end_date", "end", "left"),
    "skills": ("skills", "declared_skills", "expertise"),
}


def _is_header(cells: list[str]) -> bool:
    return any(cell.strip().lower() in _ALIASES["id"] + _ALIASES["name"] for cell in cells)


def _list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part for part in _LIST_SPLIT.split(str(value).strip()) if part]


def _internal(value: object) -> bool | None:
    if value is None or value == "":
        return None
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "internal", "employee", "staff"}:
        return True
    if text in {"0", "false", "no", "external", "contractor", "consultant", "vendor"}:
        return False
    return None


class PeopleConnector:
    """people directory: id, name, emails, handles, title, department, manager, location,
    internal/external, start and end dates, declared skills"""

    name: ClassVar[str] = "people"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_("a people directory export, CSV or JSON")
    options: ClassVar[tuple[ConnectorOption, ...]] = ()

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        if not path.is_file():
            context.problem(path, None, N_("not a file; give the directory export (.csv or .json)"))
            return
        if path.suffix.lower() == ".json":
            rows = self._json(path, context)
        else:
            rows = self._csv(path, context)
        for position, row in rows:
            record = self._record(row, path, position, context)
            if record is not None:
                yield record

    def _csv(
        self, path: Path, context: IngestContext
    ) -> Iterator[tuple[Position, dict[str, object]]]:
        refusal = N_("no header row with an id or name column")
        records = csv_records(path, context, _is_header, refusal)
        header = next(records, None)
        if header is None:
            return
        names = [name.strip().lower() for name in header[1]]
        for line, cells in records:
            yield Position.at(line), dict(zip(names, cells, strict=True))

    def _json(
        self, path: Path, context: IngestContext
    ) -> Iterator[tuple[Position, dict[str, object]]]:
        try:
            data = json_loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as error:
            context.problem(path, Position.decoding(error), N_("not UTF-8 text"))
            return
        except json.JSONDecodeError as error:
            where = Position.at(error.lineno, error.colno)
            context.problem(path, where, N_("invalid JSON (%(error)s)"), error=error.msg)
            return
        if isinstance(data, dict):
            data = data.get("people", data.get("users"))
        if not isinstance(data, list):
            context.problem(path, None, N_('expected a list of people, or {"people": [...]}'))
            return
        for number, row in enumerate(data, 1):
            if not isinstance(row, dict):
                context.problem(
                    path, Position.entry(number), N_("each person must be a JSON object")
                )
                continue
            yield Position.entry(number), {str(k).lower(): v for k, v in row.items()}

    def _record(
        self, row: dict[str, object], path: Path, position: Position, context: IngestContext
    ) -> PersonRecord | None:
        def get(field: str) -> object:
            for key in _ALIASES[field]:
                if row.get(key) not in (None, ""):
                    return row[key]
            return None

        person_id, name = get("id"), get("name")
        if person_id is None and name is None:
            context.problem(path, position, N_("a person needs an id or a name"))
            return None
        emails = _list(get("emails"))
        native = str(person_id) if person_id is not None else str(name)
        return PersonRecord(
            ref=PersonRef(SOURCE, native, name=str(name) if name else None),
            names=[str(name)] if name else [],
            emails=emails,
            handles=_list(get("handles")),
            title=_str(get("title")),
            department=_str(get("department")),
            manager=_str(get("manager")),
            location=_str(get("location")),
            is_internal=_internal(get("internal")),
            start_date=_str(get("start_date")),
            end_date=_str(get("end_date")),
            skills=_list(get("skills")),
            authoritative=True,
        )


def _str(value: object) -> str | None:
    return str(value).strip() if value not in (None, "") else None
