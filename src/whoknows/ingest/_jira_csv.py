"""Jira's CSV export ("Export > CSV (all fields)") read into :class:`JiraIssue` values.

Quirks of the format: a field with several values repeats its column ("Component/s",
"Component/s", "Labels", "Comment", ...); Cloud exports add "Reporter Id"-style columns with
account ids next to display names; a "Comment" cell is "DATE;AUTHOR;BODY" where AUTHOR is an
account id (Cloud) or a user name (Server) and BODY is wiki markup; dates use the instance's
format, "12/Mar/24 10:15 AM" by default, with month names in the exporting user's language
("12/mars/24 10:15", see ``_dates``), in the exporting user's time zone without an offset
(the ``timezone`` option names it). The export has no history, so no resolver is known, and no
comment ids: a comment's id is derived from what both formats give (``comment_id``).

Re-saved by a spreadsheet, the file may have ';' or tabs between fields; a row with more or
fewer fields than the header (a file cut off mid-row) is reported, never stored (``_csv``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from whoknows.bots import looks_like_bot
from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._csv import ROW_HINT, csv_records
from whoknows.ingest._dates import no_such_day, parse_localized
from whoknows.ingest._jira_model import (
    AUTOMATION_ACCOUNTS,
    DATE_FORMAT,
    SOURCE,
    TIMEZONE,
    JiraComment,
    JiraIssue,
    comment_id,
    rich_text,
)
from whoknows.ingest.base import IngestContext
from whoknows.records import PersonRef
from whoknows.text import fold_accents

_NOT_JIRA = N_(
    "not a Jira CSV export (no Summary and Issue key columns, or Résumé and Clé de ticket, split"
    " by ',', ';' or tab)"
)
_NOT_A_LOGIN = re.compile(r"[\s@]")  # (a display name, an address)
_DATE_FORMATS = ("%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y %H:%M", "%Y-%m-%d %H:%M")


class _Row:
    def __init__(self, columns: dict[str, list[int]], cells: list[str]) -> None:
        self.columns = columns
        self.cells = cells

    def all(self, name: str) -> list[str]:
        values = (self.cells[i].strip() for i in self.columns.get(name, []) if i < len(self.cells))
        return [value for value in values if value]

    def cell(self, index: int) -> str:
        return self.cells[index].strip() if index < len(self.cells) else ""

    def one(self, name: str) -> str:
        values = self.all(name)
        return values[0] if values else ""


def read_csv(path: Path, context: IngestContext) -> Iterator[JiraIssue]:
    zone = _zone(path, context)
    if zone is None:
        return
    records = csv_records(path, context, _is_header, _NOT_JIRA)
    header = next(records, None)
    if header is None:
        return
    columns: dict[str, list[int]] = defaultdict(list)
    for index, name in enumerate(header[1]):
        columns[_column(name)].append(index)
    rows = [(line, _Row(columns, cells)) for line, cells in records if any(map(str.strip, cells))]
    names = _account_names(row for _, row in rows)
    for line, row in rows:
        issue = _Record(path, line, zone, context, names).issue(row)
        if issue is not None:
            yield issue


def _account_names(rows: Iterable[_Row]) -> dict[str, str]:
    """Each account id's display name wherever the export gives both: every column with an
    "Id" twin, cell by cell (a Cloud export names reporters, assignees, creators and each
    watcher beside their ids; a comment gives the id alone): a colleague who first appears as
    a comment's author is named, and meets her directory entry (an evaluator's manager was
    three people, her first row a comment's)."""
    found: dict[str, str] = {}
    for row in rows:  # (an export is at most a thousand issues: read whole)
        for column, indexes in row.columns.items():
            twins = row.columns.get(f"{column} Id", [])
            for name_at, account_at in zip(indexes, twins, strict=False):
                name, account = row.cell(name_at), row.cell(account_at)
                if name and account and name != account:
                    found.setdefault(account, name)
    return found


# the columns as Jira names them in an export made by a user of its French interface ("Résumé",
# "Clé de ticket", "Rapporteur", "Commentaire"; "demande" in older versions, "ticket" since),
# by their lower-case, unaccented names
_FRENCH_COLUMNS = {
    "resume": "Summary",
    "cle": "Issue key",
    "cle de ticket": "Issue key",
    "cle du ticket": "Issue key",
    "cle de la demande": "Issue key",
    "cle de demande": "Issue key",
    "id de ticket": "Issue id",
    "id du ticket": "Issue id",
    "id de la demande": "Issue id",
    "id de demande": "Issue id",
    "type de ticket": "Issue Type",
    "type de demande": "Issue Type",
    "etat": "Status",
    "statut": "Status",
    "priorite": "Priority",
    "resolution": "Resolution",
    "responsable": "Assignee",
    "rapporteur": "Reporter",
    "createur": "Creator",
    "id du responsable": "Assignee Id",
    "id de responsable": "Assignee Id",
    "id du rapporteur": "Reporter Id",
    "id de rapporteur": "Reporter Id",
    "id du createur": "Creator Id",
    "id de createur": "Creator Id",
    "creation": "Created",
    "cree": "Created",
    "creee": "Created",
    "mise a jour": "Updated",
    "mis a jour": "Updated",
    "resolue": "Resolved",
    "resolu": "Resolved",
    "date de resolution": "Resolved",
    "etiquettes": "Labels",
    "composants": "Component/s",
    "composant/s": "Component/s",
    "composant(s)": "Component/s",
    "commentaire": "Comment",
    "commentaires": "Comment",
}


def _column(name: str) -> str:
    """The column's English name (as Jira names it in English), whatever the export's language."""
    name = name.strip()
    return _FRENCH_COLUMNS.get(fold_accents(name).casefold(), name)


def _is_header(cells: list[str]) -> bool:
    names = {_column(cell) for cell in cells}
    return "Summary" in names and "Issue key" in names


def _zone(path: Path, context: IngestContext) -> tzinfo | None:
    """The zone the export's dates are in (UTC unless the option names one); None (reported)
    when the option names no known zone."""
    name = context.option(TIMEZONE.key)
    if not name or name.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        context.problem(
            path,
            None,
            N_("unknown time zone %(value)s"),
            N_("pass --timezone an IANA zone name such as Europe/Paris (or UTC)"),
            value=repr(name),
        )
        return None


class _Record:
    """One record (row) of the export, starting at ``line``, read into an issue."""

    def __init__(
        self, path: Path, line: int, zone: tzinfo, context: IngestContext, names: dict[str, str]
    ) -> None:
        self.path, self.line, self.zone, self.context = path, line, zone, context
        self.names = names  # (account id: display name, from the whole export)
        self.misdated = False  # (a date of the row is no date: reported)

    def issue(self, row: _Row) -> JiraIssue | None:
        key, issue_id = row.one("Issue key"), row.one("Issue id")
        if not key and not issue_id:
            self.problem(N_("row without Issue key or Issue id"))
            return None
        if not row.one("Summary"):  # (Jira requires one: an edited or broken file)
            self.problem(N_("row without a Summary (Jira requires one)"), ROW_HINT)
            return None
        native = issue_id or key
        seen: Counter[str] = Counter()
        comments = [self.comment(cell, native, seen) for cell in row.all("Comment")]
        created, updated = self.date(row.one("Created")), self.date(row.one("Updated"))
        resolved = self.date(row.one("Resolved"))
        if self.misdated:  # (--skip-errors: the row is skipped, never stored without its date)
            return None
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
            created=created,
            updated=updated,
            resolved=resolved,
            comments=[comment for comment in comments if comment is not None],
            has_history=False,
        )

    def comment(self, cell: str, issue_id: str, seen: Counter[str]) -> JiraComment | None:
        parts = cell.split(";", 2)
        if len(parts) < 3:
            self.problem(N_("a Comment cell is not 'date;author;body'"))
            return None
        raw_date, author, body = (part.strip() for part in parts)
        date = self.date(raw_date)
        is_bot = author in AUTOMATION_ACCOUNTS or looks_like_bot(author)
        ref = None
        if author and author not in self.names and " " in author:
            # (a display name where an id stands: read as the Reporter column's names are)
            ref = PersonRef(SOURCE, author, name=author, is_bot=is_bot)
        elif author:
            name = self.names.get(author)
            ref = PersonRef(SOURCE, author, name=name, handle=author, is_bot=is_bot, account=True)
        native_id = comment_id(issue_id, ref, date, raw_date, seen)
        return JiraComment(native_id=native_id, author=ref, text=rich_text(body), date=date)

    def date(self, raw: str) -> datetime | None:
        if not raw:
            return None
        local = self._read(raw)
        if local is not None:
            return local.replace(tzinfo=self.zone).astimezone(UTC)
        try:
            parsed = datetime.fromisoformat(raw)
        except ValueError:
            self.misdated = True
            if no_such_day(raw, self._read):  # ("31/Feb/26")
                self.problem(
                    N_("date %(value)s is not a day of the calendar"),
                    N_("check its day and month"),
                    value=repr(raw),
                )
                return None
            if not any(character.isdigit() for character in raw):  # ("hier": no format reads it)
                self.problem(
                    N_("date %(value)s holds no date"),
                    N_("write the cell's date as the export's other dates are written"),
                    value=repr(raw),
                )
                return None
            self.problem(
                N_("date %(value)s is not in a known format"),
                N_("pass --date-format with the instance's format (e.g. '%%d/%%m/%%Y %%H:%%M')"),
                value=repr(raw),
            )
            return None
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=self.zone)).astimezone(UTC)

    def _read(self, raw: str) -> datetime | None:
        custom = self.context.option(DATE_FORMAT.key)
        return parse_localized(raw, (custom, *_DATE_FORMATS) if custom else _DATE_FORMATS)

    def problem(self, reason: str, hint: str = "", **values: object) -> None:
        self.context.problem(self.path, Position.at(self.line), reason, hint, **values)


def _person(row: _Row, column: str) -> PersonRef | None:
    name, account = row.one(column), row.one(f"{column} Id")
    if not name and not account:
        return None
    # (a username where the name stands, "julie.moreau": its comments' authors are written so)
    login = name if not account and name and not _NOT_A_LOGIN.search(name) else None
    return PersonRef(
        SOURCE,
        account or name,  # without an Id column the name stands as the id (stable re-ingest)
        name=name or None,
        handle=login,
        is_bot=account in AUTOMATION_ACCOUNTS or looks_like_bot(name),
        account=bool(account),
    )
