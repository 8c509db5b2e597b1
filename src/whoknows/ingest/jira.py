"""Jira: REST API search pages (v2 wiki markup or v3 Atlassian Document Format) and CSV exports.

Input: a ``.json`` file or a folder of them, each a page of ``/rest/api/2|3/search`` (``{"issues":
[...], "startAt", "maxResults", "total"}``) fetched with ``expand=changelog`` and the comment
field; or a ``.csv`` file (or a folder of them) of the issue navigator's "Export CSV (all fields)".

Roles: the reporter is the ``asker``; whoever set the resolution (or moved the issue to a done
status) in the changelog is the ``resolver``; the assignee of a resolved issue is the
``assignee``; commenters are ``commenter``, or ``replier`` when substantive (see ``_threads``).
Issues resolved as not fixed (duplicate, won't do, cannot reproduce...) credit no resolver.
Deactivated accounts (``"active": false``) keep their evidence and are noted.

A comment has the same native id in both formats (the CSV has no comment id): its issue, the
minute it was written in UTC, its author's account and its rank among that author's comments
of that minute. CSV dates carry no offset: ``--timezone`` names the exporting user's zone, so
that a REST page and a CSV export of one issue are stored once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from whoknows.errors import Position
from whoknows.i18n import N_, Term
from whoknows.ingest._jira_model import (
    DATE_FORMAT,
    SOURCE,
    TIMEZONE,
    JiraIssue,
    issue_from_json,
    issue_records,
)
from whoknows.ingest._json import JsonObject, iter_entries, text_of
from whoknows.ingest._templates import Templates
from whoknows.ingest.base import BASE_URL, ConnectorOption, IngestContext
from whoknows.records import Record
from whoknows.text import parse_date, written_as_iso_day


class JiraConnector:
    """Jira: REST API search pages (v2 or v3, `expand=changelog`) or the "Export CSV (all fields)"
    file, its columns named in English or, exported from the French interface, in French
    ("Résumé", "Clé de ticket", "Rapporteur", "Responsable", "Commentaire"; "demande" in older
    versions): reporter (asker), resolver from the change history, assignee, comments; components
    and labels as tags (the status and resolution in meta, and a label that repeats the
    project's key, dropped: no subject); a comment gets the same
    id from either format (CSV dates read in `--timezone`); deactivated accounts kept and
    noted; a ticket its reporter is assigned asks nothing; a resolver who only thanked the
    colleague who explained the fix is not credited; a comment said the same on five tickets or
    more (a canned reply) skipped; a date that is no date ("created": "yesterday") refused,
    never stored as none"""

    name: ClassVar[str] = "jira"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_(
        "Jira issues: REST search pages (.json, expand=changelog) or a CSV export, file or folder"
    )
    options: ClassVar[tuple[ConnectorOption, ...]] = (BASE_URL, DATE_FORMAT, TIMEZONE)

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        if path.is_dir():
            inputs = sorted(p for p in path.rglob("*") if p.suffix.lower() in {".json", ".csv"})
        elif path.is_file() and path.suffix.lower() not in {".json", ".csv"}:
            context.problem(
                path,
                None,
                N_("not a Jira export"),
                N_("give its search pages (.json) or its CSV export (.csv), or a folder of them"),
            )
            return
        elif path.is_file():
            inputs = [path]
        else:
            context.problem(path, None, N_("no such file or folder"))
            return
        if not inputs:
            context.problem(path, None, N_("no .json or .csv file in this folder"))
            return
        base = (context.base_url or "").rstrip("/")
        templates, quiet = Templates(), context.quiet()
        for source in inputs:  # (read once for the comments said the same on every ticket)
            for issue in self._issues(source, quiet):
                for comment in issue.comments:
                    writer = comment.author.native_id if comment.author else None
                    templates.add(writer, issue.native_id, issue.summary, comment.text)
        for source in inputs:
            for issue in self._issues(source, context):
                yield from issue_records(issue, base, context, templates)

    def _issues(self, source: Path, context: IngestContext) -> Iterator[JiraIssue]:
        from whoknows.ingest._jira_csv import read_csv

        if source.suffix.lower() == ".csv":
            return read_csv(source, context)
        return self._read_json(source, context)

    def _read_json(self, path: Path, context: IngestContext) -> Iterator[JiraIssue]:
        for number, entry in enumerate(iter_entries(path, context, ("issues",)), 1):
            fields = entry.get("fields")
            if not isinstance(fields, dict) or not (entry.get("id") or entry.get("key")):
                context.problem(
                    path, Position.entry(number), N_("not a Jira issue (no id or fields)")
                )
                continue
            wrong = misshapen_field(fields)
            if wrong is not None:
                context.problem(
                    path,
                    Position.entry(number),
                    N_("field %(field)s is not what Jira writes (%(expected)s)"),
                    N_("export the issues again with Jira's REST API or CSV export"),
                    field=repr(wrong[0]),
                    expected=Term(wrong[1]),
                )
                continue
            misdated = misdated_field(fields)
            if misdated is not None:
                field, value = misdated
                context.problem(
                    path,
                    Position.entry(number),
                    _NO_DAY if written_as_iso_day(value) else _NOT_ISO,
                    N_("correct it (Jira writes 2024-03-12T10:15:00.000+0100) or export again"),
                    key=text_of(entry.get("key") or entry.get("id")),
                    field=field,
                    value=repr(value),
                )
                continue
            yield issue_from_json(entry, fields, context)


# what each field of an issue is in every export of Jira's REST API (None: absent or null)
_SHAPES: tuple[tuple[str, type | tuple[type, ...], str], ...] = (
    ("summary", str, N_("a text")),
    ("created", str, N_("a date written as text")),
    ("reporter", dict, N_("a user object")),
    ("creator", dict, N_("a user object")),
    ("assignee", dict, N_("a user object")),
    ("comment", dict, N_("an object holding the comments")),
    ("description", (str, dict), N_("a text or a document")),
)


_NOT_ISO = N_("issue %(key)s: %(field)s %(value)s is not an ISO 8601 date")
_NO_DAY = N_("issue %(key)s: %(field)s %(value)s is not a day of the calendar")
# the dates of an issue (its comments' too): one that is no date was stored as none
_DATES = ("created", "updated", "resolutiondate")


def misdated_field(fields: JsonObject) -> tuple[str, str] | None:
    """(where, value) of the first date of an issue or of its comments that is no date
    ("created": "yesterday", "2026-02-30T10:00:00.000+0000"), or None: such an issue was
    stored with no date, exit 0."""
    dated: list[tuple[str, object]] = [(name, fields.get(name)) for name in _DATES]
    comments = (fields.get("comment") or {}).get("comments") or []
    for index, comment in enumerate(comments):
        if isinstance(comment, dict):
            dated.append((f"comment.comments[{index}].created", comment.get("created")))
    for where, value in dated:
        if value not in (None, "") and parse_date(text_of(value)) is None:
            return where, text_of(value)
    return None


def misshapen_field(fields: JsonObject) -> tuple[str, str] | None:
    """(name, what it should be) of the first field of an issue that is not what Jira writes
    ("summary": 42, "reporter": "nobody"), or None: such an issue was stored credited to no
    one."""
    for name, shape, expected in _SHAPES:
        value = fields.get(name)
        if value is not None and not isinstance(value, shape):
            return name, expected
    comments = fields.get("comment", {}).get("comments") if fields.get("comment") else None
    if comments is not None and not isinstance(comments, list):
        return "comment.comments", N_("a list of comments")
    return None
