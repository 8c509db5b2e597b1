"""Jira's CSV export ("Export > CSV (all fields)") read into :class:`JiraIssue` values.

Quirks of the format: a field with several values repeats its column ("Component/s",
"Component/s", "Labels", "Comment", ...); Cloud exports add "Reporter Id"-style columns with
account ids next to display names; a "Comment" cell is "DATE;AUTHOR;BODY" where AUTHOR is an
account id (Cloud) or a user name (Server) and BODY is wiki markup; dates use the instance's
format, "12/Mar/24 10:15 AM" by default. The export has no history, so no resolver is known.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from whoknows.bots import looks_like_bot
from whoknows.i18n import N_
from whoknows.ingest._jira_model import (
    AUTOMATION_ACCOUNTS,
    SOURCE,
    JiraComment,
    JiraIssue,
    rich_text,
)
from whoknows.ingest.base import IngestContext
from whoknows.records import PersonRef
from whoknows.text import parse_date

_DATE_FORMATS = ("%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y %H:%M", "%Y-%m-%d %H:%M")


class _Row:
    def __init__(self, columns: dict[str, list[int]], cells: list[str]) -> None:
        self.columns = columns
        self.cells = cells

    def all(self, name: str) -> list[str]:
        values = (self.cells[i].strip() for i in self.columns.get(name, []) if i < len(self.cells))
        return [value for value in values if value]

    def one(self, name: str) -> str:
        values = self.all(name)
        return values[0] if values else ""


def read_csv(path: Path, context: IngestContext) -> Iterator[JiraIssue]:
    csv.field_size_limit(min(sys.maxsize, 1 << 30))
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        context.problem(path, "", N_("cannot read the file (%(error)s)"), error=error.strerror)
        return
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
            if header is None or "Summary" not in header or "Issue key" not in header:
                context.problem(path, "line 1", N_("not a Jira CSV export (no Summary, Issue key)"))
                return
            columns: dict[str, list[int]] = defaultdict(list)
            for index, name in enumerate(header):
                columns[name.strip()].append(index)
            start = 2  # where the next record begins (a record spans lines when a cell does)
            for cells in reader:
                if any(cell.strip() for cell in cells):
                    issue = _issue(_Row(columns, cells), path, start, context)
                    if issue is not None:
                        yield issue
                start = reader.line_num + 1
        except csv.Error as error:
            context.problem(
                path,
                f"line {reader.line_num}",
                N_("malformed CSV (%(error)s); the rest is unread"),
                error=error,
            )
        except UnicodeDecodeError as error:
            context.problem(path, f"byte {error.start}", N_("not UTF-8 text"))


def _issue(row: _Row, path: Path, line: int, context: IngestContext) -> JiraIssue | None:
    key, issue_id = row.one("Issue key"), row.one("Issue id")
    if not key and not issue_id:
        context.problem(path, f"line {line}", N_("row without Issue key or Issue id"))
        return None
    native = issue_id or key
    comments = []
    seen: dict[str, int] = defaultdict(int)
    for cell in row.all("Comment"):
        comment = _comment(cell, native, seen, path, line, context)
        if comment is not None:
            comments.append(comment)
    return JiraIssue(
        native_id=native,
        key=key,
        summary=row.one("Summary"),
        description=rich_text(row.one("Description")),
        reporter=_person(row, "Reporter") or _person(row, "Creator"),
        assignee=_person(row, "Assignee"),
        resolution=row.one("Resolution"),
        status=row.one("Status"),
        issuetype=row.one("Issue Type"),
        priority=row.one("Priority"),
        components=row.all("Component/s"),
        labels=row.all("Labels"),
        created=_date(row.one("Created"), path, line, context),
        updated=_date(row.one("Updated"), path, line, context),
        resolved=_date(row.one("Resolved"), path, line, context),
        comments=comments,
        has_history=False,
    )


def _person(row: _Row, column: str) -> PersonRef | None:
    name, account = row.one(column), row.one(f"{column} Id")
    if not name and not account:
        return None
    return PersonRef(
        SOURCE,
        account or name,  # without an Id column the name stands as the id (stable re-ingest)
        name=name or None,
        is_bot=account in AUTOMATION_ACCOUNTS or looks_like_bot(name),
        account=bool(account),
    )


def _comment(
    cell: str,
    issue_id: str,
    seen: dict[str, int],
    path: Path,
    line: int,
    context: IngestContext,
) -> JiraComment | None:
    parts = cell.split(";", 2)
    if len(parts) < 3:
        context.problem(path, f"line {line}", N_("a Comment cell is not 'date;author;body'"))
        return None
    raw_date, author, body = (part.strip() for part in parts)
    date = _date(raw_date, path, line, context)
    stamp = date.strftime("%Y%m%dT%H%M") if date else raw_date
    seen[f"{stamp}/{author}"] += 1  # two comments by one person in one minute stay two
    ordinal = seen[f"{stamp}/{author}"]
    is_bot = author in AUTOMATION_ACCOUNTS or looks_like_bot(author)
    ref = PersonRef(SOURCE, author, handle=author, is_bot=is_bot, account=True)
    return JiraComment(
        native_id=f"{issue_id}/comment/{stamp}/{author}/{ordinal}",
        author=ref if author else None,
        text=rich_text(body),
        date=date,
    )


def _date(raw: str, path: Path, line: int, context: IngestContext) -> datetime | None:
    if not raw:
        return None
    custom = context.option("date_format")
    for pattern in (custom, *_DATE_FORMATS) if custom else _DATE_FORMATS:
        try:
            return datetime.strptime(raw, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    parsed = parse_date(raw)
    if parsed is None:
        context.problem(
            path,
            f"line {line}",
            N_("date %(value)s is not in a known format"),
            N_("pass --date-format with the instance's format (e.g. '%%d/%%m/%%Y %%H:%%M')"),
            value=repr(raw),
        )
    return parsed
