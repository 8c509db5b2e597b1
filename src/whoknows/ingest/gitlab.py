"""GitLab issues, merge requests, approvals and notes as the REST API (v4) returns them.

Input: a folder per project, each file what ``glab api --paginate`` (or a loop over ``?page=``)
writes for one endpoint; a ``NAME-*.json`` series of pages or a ``NAME/`` folder works the same:

    issues.json           projects/:id/issues?scope=all
    merge_requests.json   projects/:id/merge_requests?scope=all&state=all
    approvals/IID.json    projects/:id/merge_requests/:iid/approvals   (one object per MR)
    notes/...json         projects/:id/issues/:iid/notes, .../merge_requests/:iid/notes, or the
                          /discussions endpoints (threads: the first note is the root)

Only ``issues.json`` or ``merge_requests.json`` is required. System notes (``"system": true``:
label changes, "mentioned in", "approved this merge request") are events, not anyone's words,
and are left out and counted, as are bots (``"bot": true``, ``project_N_bot`` token users,
service accounts). See ``_forge`` for roles.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from whoknows.bots import bot_login, looks_like_bot
from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._forge import (
    Thread,
    commands_a_bot,
    comment_item,
    markdown_text,
    private_address,
    subject_labels,
    thread_item,
    unique,
)
from whoknows.ingest._json import JsonObject, entry_date, files, iter_entries, text_of
from whoknows.ingest._markup import safe_url
from whoknows.ingest._templates import TEMPLATE_SKIP, TEMPLATE_THREADS, Templates
from whoknows.ingest.base import ConnectorOption, IngestContext
from whoknows.records import ItemRecord, PersonRef, Record
from whoknows.text import parse_date

SOURCE = "gitlab"
_PROJECT_URL = re.compile(r"^https?://[^/]+/(.+?)/-/(?:issues|merge_requests)/\d+")


def user_ref(user: object) -> PersonRef | None:
    if not isinstance(user, dict) or not (user.get("id") or user.get("username")):
        return None
    login = text_of(user.get("username")) or None
    name = text_of(user.get("name")) or None
    user_id = text_of(user.get("id")) or None
    return PersonRef(
        SOURCE,
        user_id or login,
        name=name,
        email=text_of(user.get("email") or user.get("public_email"))
        or private_address(SOURCE, user_id, login),
        handle=login,
        is_bot=bool(user.get("bot")) or bot_login(login) or looks_like_bot(name),
        account=True,
    )


def project_of(entry: JsonObject) -> str:
    """The project's full path ("group/sub/project"), else "project-ID"."""
    references = entry.get("references")
    if isinstance(references, dict) and references.get("full"):
        return re.split(r"[#!]", text_of(references["full"]))[0]
    match = _PROJECT_URL.match(text_of(entry.get("web_url")))
    return match.group(1) if match else f"project-{text_of(entry.get('project_id'))}"


_REQUIRED = ("author", "title", "created_at")


def _lacks_fields(
    entry: JsonObject, kind: str, dump: Path, position: Position, context: IngestContext
) -> bool:
    """Whether an issue or merge request lacks what every dump of GitLab's API writes (it was
    stored silently, credited to no one or, read again, to the author stored before); said."""
    missing = [key for key in _REQUIRED if not entry.get(key)]
    if missing:
        context.problem(
            dump,
            position,
            N_("a %(kind)s without %(fields)s"),
            N_("dump the project again with GitLab's API"),
            kind=kind,
            fields=", ".join(missing),
        )
    return bool(missing)


class GitlabConnector:
    """GitLab: a project's API v4 dumps: `issues.json`, `merge_requests.json`,
    `approvals/IID.json`, `notes/` or `discussions/`; system notes, bots, commands to bots and
    a note said the same on five threads or more (a template) skipped"""

    name: ClassVar[str] = "gitlab"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_(
        "GitLab REST API dumps of a project: issues, merge requests, approvals, notes (.json)"
    )
    options: ClassVar[tuple[ConnectorOption, ...]] = ()

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        if not path.is_dir():
            context.problem(
                path, None, N_("not a folder"), N_("give the folder of GitLab API dumps")
            )
            return
        if not files(path, "issues") and not files(path, "merge_requests"):
            context.problem(
                path,
                None,
                N_("not a GitLab dump: no issues.json or merge_requests.json"),
                N_("save `glab api --paginate 'projects/ID/issues?scope=all' > issues.json` there"),
            )
            return
        approvals: dict[tuple[str, str], list[PersonRef]] = defaultdict(list)
        for dump in files(path, "approvals"):
            for entry in iter_entries(dump, context):
                key = (text_of(entry.get("project_id")), text_of(entry.get("iid")))
                for approval in entry.get("approved_by") or []:
                    person = user_ref(approval.get("user") if isinstance(approval, dict) else None)
                    if person is not None and person.is_bot:
                        context.skip(N_("gitlab: approval by a bot"))
                    elif person is not None:
                        approvals[key].append(person)
        threads: dict[tuple[str, str], Thread] = {}
        for stem, kind in (("merge_requests", "merge-request"), ("issues", "issue")):
            for dump in files(path, stem):
                for entry in iter_entries(dump, context):
                    thread = self._thread(entry, kind, approvals, threads, dump, context)
                    if thread is not None:
                        yield thread_item(SOURCE, thread)
        templates = _templates(path, threads, context)
        for dump in files(path, "notes") + files(path, "discussions"):
            for entry in iter_entries(dump, context):
                yield from self._discussion(entry, threads, templates, dump, context)

    def _thread(
        self,
        entry: JsonObject,
        kind: str,
        approvals: dict[tuple[str, str], list[PersonRef]],
        threads: dict[tuple[str, str], Thread],
        dump: Path,
        context: IngestContext,
    ) -> Thread | None:
        iid, global_id = text_of(entry.get("iid")), text_of(entry.get("id"))
        if not iid:
            context.problem(
                dump, Position.keyed("id", global_id), N_("a %(kind)s without iid"), kind=kind
            )
            return None
        if _lacks_fields(entry, kind, dump, Position.keyed("id", global_id), context):
            return None
        noteable = "Issue" if kind == "issue" else "MergeRequest"
        opener = user_ref(entry.get("author"))
        project, state = project_of(entry), text_of(entry.get("state"))
        labels = [text_of(label) for label in entry.get("labels") or []]
        thread = Thread(
            native_id=f"{project}{'#' if kind == 'issue' else '!'}{iid}",
            kind=kind,
            title=text_of(entry.get("title")),
            body=markdown_text(entry.get("description")),
            url=safe_url(entry.get("web_url")),
            date=entry_date(entry, "created_at", dump, Position.keyed("id", global_id), context),
            updated=parse_date(text_of(entry.get("updated_at"))),
            opener=opener,
            labels=subject_labels([label for label in labels if label]),
            state=state,
            assignees=unique([r for a in entry.get("assignees") or [] if (r := user_ref(a))]),
            signals={"comments": float(entry.get("user_notes_count") or 0)},
            meta={"upvotes": entry.get("upvotes", 0)},
        )
        if kind == "issue":
            thread.done = state == "closed"
            thread.closer = user_ref(entry.get("closed_by"))
        else:
            thread.done = state == "merged"
            thread.closed_unmerged = state == "closed"
            thread.closer = user_ref(entry.get("merge_user") or entry.get("merged_by"))
            key = (text_of(entry.get("project_id")), iid)
            thread.approvers = unique(approvals.get(key, []))
            thread.signals["merged"] = 1.0 if thread.done else 0.0
            thread.signals["approvals"] = float(len(thread.approvers))
        threads[(noteable, global_id)] = threads[(noteable, "iid" + iid)] = thread
        if opener is not None and opener.is_bot:  # (the people's notes in it are theirs)
            thread.by_bot = True
            context.skip(
                N_("gitlab: issue opened by a bot")
                if kind == "issue"
                else N_("gitlab: merge-request opened by a bot")
            )
            return None
        return thread

    def _discussion(
        self,
        entry: JsonObject,
        threads: dict[tuple[str, str], Thread],
        templates: Templates,
        dump: Path,
        context: IngestContext,
    ) -> Iterator[ItemRecord]:
        notes = entry.get("notes") if isinstance(entry.get("notes"), list) else [entry]
        root: str | None = None
        for note in notes or []:
            if not isinstance(note, dict):
                continue
            item = self._note(note, root, threads, templates, dump, context)
            if item is not None:
                yield item
                root = root or item.native_id

    def _note(
        self,
        note: JsonObject,
        root: str | None,
        threads: dict[tuple[str, str], Thread],
        templates: Templates,
        dump: Path,
        context: IngestContext,
    ) -> ItemRecord | None:
        where = Position.keyed("id", note.get("id"))
        if not isinstance(note.get("author"), dict | None) or not isinstance(
            note.get("body"), str | None
        ):
            context.problem(dump, where, N_("a note's author must be an object and its body text"))
            return None
        if note.get("system"):
            context.skip(N_("gitlab: system note (an event, not someone's words)"))
            return None
        thread = _thread_of(note, threads)
        author = user_ref(note.get("author"))
        if thread is None or author is None or not note.get("id"):
            context.skip(N_("gitlab: note on a thread not in the dump"))
            return None
        if author.is_bot:
            context.skip(N_("gitlab: note by a bot"))
            return None
        text = markdown_text(note.get("body"))
        if not text:
            context.skip(N_("gitlab: empty note"))
            return None
        if commands_a_bot(text):
            context.skip(N_("gitlab: a command to a bot"))
            return None
        if templates.holds(author.native_id, thread.title, text):
            context.skip(TEMPLATE_SKIP, source="gitlab", threads=TEMPLATE_THREADS)
            return None
        project = thread.native_id.rsplit("#" if thread.kind == "issue" else "!", 1)[0]
        return comment_item(
            SOURCE,
            f"{project}/note/{note['id']}",
            "diff-note" if note.get("type") == "DiffNote" else "note",
            thread,
            author,
            text,
            entry_date(note, "created_at", dump, where, context),
            f"{thread.url}#note_{note['id']}" if thread.url else None,
            parent_id=root,
        )


def _thread_of(note: JsonObject, threads: dict[tuple[str, str], Thread]) -> Thread | None:
    """The issue or merge request a note belongs to, by its id or its iid."""
    noteable = text_of(note.get("noteable_type"))
    for key in (
        (noteable, text_of(note.get("noteable_id"))),
        (noteable, "iid" + text_of(note.get("noteable_iid"))),
    ):
        if key in threads:
            return threads[key]
    return None


def _templates(
    path: Path, threads: dict[tuple[str, str], Thread], context: IngestContext
) -> Templates:
    """The notes read once before they are stored, for the templates among them (their
    problems are reported when they are read again)."""
    found, quiet = Templates(), context.quiet()
    for dump in files(path, "notes") + files(path, "discussions"):
        for entry in iter_entries(dump, quiet):
            notes = entry.get("notes") if isinstance(entry.get("notes"), list) else [entry]
            for note in notes or []:
                thread = _thread_of(note, threads) if isinstance(note, dict) else None
                author = user_ref(note.get("author")) if thread is not None else None
                if thread is not None and author is not None and not note.get("system"):
                    text = markdown_text(note.get("body"))
                    found.add(author.native_id, thread.native_id, thread.title, text)
    return found
