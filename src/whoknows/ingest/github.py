"""GitHub issues, pull requests, reviews and comments as the REST API returns them.

Input: a folder per repository, each file what ``gh api --paginate`` writes for one endpoint
(pages concatenated as ``[...][...]``); a ``NAME-*.json`` series of numbered pages or a ``NAME/``
folder of files works the same:

    issues.json           repos/O/R/issues?state=all        (pull requests too: "pull_request" key)
    pulls.json            repos/O/R/pulls?state=all         (optional: adds merged_at, branches)
    comments.json         repos/O/R/issues/comments         (conversation of issues and PRs)
    review-comments.json  repos/O/R/pulls/comments          (comments on diff lines)
    reviews/N.json        repos/O/R/pulls/N/reviews         (one file per pull request)

Only ``issues.json`` (or ``pulls.json``) is required. A review names its pull request by its
``pull_request_url`` or ``html_url``, else by the N of the ``reviews/N.json`` it is in (a folder
is one repository); a review still PENDING (never submitted) counts for nothing. Bots
(``user.type == "Bot"``, logins ending "[bot]", known service accounts) are left out and
counted, their threads' comments by people kept; so are a command to a bot ("@dependabot
rebase") and a comment its writer said the same on five threads or more (``_templates``). See
``_forge`` for roles.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import ClassVar

from whoknows.bots import bot_login
from whoknows.errors import Position
from whoknows.i18n import N_, Term
from whoknows.ingest._forge import (
    Thread,
    commands_a_bot,
    comment_item,
    markdown_text,
    private_address,
    same_person,
    subject_labels,
    thread_item,
    unique,
)
from whoknows.ingest._json import JsonObject, entry_date, files, iter_entries, text_of
from whoknows.ingest._markup import safe_url
from whoknows.ingest._templates import TEMPLATE_SKIP, TEMPLATE_THREADS, Templates
from whoknows.ingest._threads import reply_interest
from whoknows.ingest.base import ConnectorOption, IngestContext
from whoknows.records import ItemRecord, PersonRef, Record
from whoknows.text import parse_date
from whoknows.vocab import ContributionRole

SOURCE = "github"
_NUMBER_URL = re.compile(r"/repos/([^/]+/[^/]+)/(?:issues|pulls)/(\d+)")
_HTML_URL = re.compile(r"^https?://[^/]+/([^/]+/[^/]+)/(?:issues|pull)/(\d+)")


GHOST = "ghost"  # GitHub's stand-in for every deleted account: nobody's evidence


def user_ref(user: object) -> PersonRef | None:
    if not isinstance(user, dict) or not (user.get("login") or user.get("id")):
        return None
    login = text_of(user.get("login")) or None
    if login == GHOST:
        return None
    user_id = text_of(user.get("id")) or None
    return PersonRef(
        SOURCE,
        user_id or login,
        name=user.get("name") or None,
        email=user.get("email") or private_address(SOURCE, user_id, login),
        handle=login,
        is_bot=bot_login(login, user.get("type")),
        account=True,
    )


def thread_key(entry: JsonObject) -> tuple[str, str] | None:
    """(owner/repo, number) of an issue, pull request or of what a comment belongs to."""
    for key in ("issue_url", "pull_request_url", "url"):
        match = _NUMBER_URL.search(text_of(entry.get(key)))
        if match:
            return match.group(1), match.group(2)
    match = _HTML_URL.match(text_of(entry.get("html_url")))
    return (match.group(1), match.group(2)) if match else None


_Entry = tuple[JsonObject, tuple[str, str] | None, str, Path]  # entry, thread, kind, file
PENDING = "PENDING"  # a review its author has not submitted: nobody else has seen it
COMMENTED = "COMMENTED"  # a review that neither approves nor requests changes
SILENT = "SILENT"  # a commenting review with no words of its own
# what a comment is, in the reasons it is left out for
_KINDS = {
    "comment": Term(N_("comment")),
    "review-comment": Term(N_("review-comment")),
    "review": Term(N_("review")),
}


def _user_shaped(entry: JsonObject, dump: Path, where: Position, context: IngestContext) -> bool:
    """Whether the entry's ``user`` is an object or null, as the API writes it (reported
    otherwise: a login alone had been read as no one)."""
    if isinstance(entry.get("user"), dict | None):
        return True
    context.problem(dump, where, N_("user must be an object with a login, as the API gives"))
    return False


def review_dumps(
    folder: Path, context: IngestContext
) -> Iterator[tuple[JsonObject, str | None, Path]]:
    """Each review with the number of the pull request its file is named after
    (``reviews/N.json``), None for other files (``reviews.json``, pages ``reviews-N.json``),
    and that file."""
    for dump in files(folder, "reviews"):
        named = dump.parent == folder / "reviews" and dump.stem.isdigit()
        for review in iter_entries(dump, context):
            yield review, dump.stem if named else None, dump


class _Reviews:
    """Review states per pull request number (a folder is one repository), read before the
    pull requests they qualify. Reviews by bots and unsubmitted ones are left out here and
    counted once, with the reviews' items."""

    def __init__(self) -> None:
        self.states: dict[str, dict[str, list[PersonRef]]] = defaultdict(lambda: defaultdict(list))

    def add(self, review: JsonObject, number: str | None) -> None:
        key, user = thread_key(review), user_ref(review.get("user"))
        number = key[1] if key else number
        state = text_of(review.get("state")).upper()
        if number is None or user is None or user.is_bot or state == PENDING:
            return
        said = markdown_text(review.get("body"))
        interest = reply_interest(said) if said else None
        if state == COMMENTED and interest is not None:
            return  # (its words only ask or thank: "Why a Lua script and not INCR?" reviews none)
        if state == COMMENTED and not said:  # (its words are its line comments, if any)
            self.states[number][SILENT].append(user)
            return
        self.states[number][state].append(user)
        if said and interest is None:  # (a review's words: the approval's reason)
            self.states[number]["SAID"].append(user)

    def commented_lines(self, key: tuple[str, str] | None, user: PersonRef | None) -> None:
        """A line comment of ``user``'s: their wordless review of its pull request comments
        (a review with no words and no line comment is no one's evidence: two maintainers
        were third and fourth on vector tiles for silent reviews of other changes)."""
        states = self.states.get(key[1]) if key else None
        if states is None or user is None:
            return
        silent = states.get(SILENT, [])
        if any(same_person(user, person) for person in silent):
            states[COMMENTED].append(user)


class GithubConnector:
    """GitHub: a repository's `gh api --paginate` dumps: `issues.json`, `pulls.json`,
    `comments.json`, `review-comments.json`, `reviews/N.json`: openers ask, authors fix,
    approving reviewers review; bots skipped (people's comments on a bot's pull request kept),
    as are commands to bots and a comment said the same on five threads or more (a template)"""

    name: ClassVar[str] = "github"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_(
        "GitHub REST API dumps of a repository: issues, pulls, comments, reviews (.json)"
    )
    options: ClassVar[tuple[ConnectorOption, ...]] = ()

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        if not path.is_dir():
            context.problem(path, None, N_("not a folder"), N_("give the folder of `gh api` dumps"))
            return
        if not files(path, "issues") and not files(path, "pulls"):
            context.problem(
                path,
                None,
                N_("not a GitHub dump: no issues.json or pulls.json"),
                N_("save `gh api --paginate 'repos/O/R/issues?state=all' > issues.json` there"),
            )
            return
        reviews = _Reviews()
        for review, number, _ in review_dumps(path, context):
            reviews.add(review, number)
        for entry, key, _, _ in self._entries(path, "review-comments", "", context.quiet()):
            reviews.commented_lines(key, user_ref(entry.get("user")))
        threads: dict[tuple[str, str], Thread] = {}
        for dump in files(path, "pulls"):
            for entry in iter_entries(dump, context):
                yield from self._thread(entry, reviews, threads, dump, context)
        for dump in files(path, "issues"):
            for entry in iter_entries(dump, context):
                yield from self._thread(entry, reviews, threads, dump, context)
        yield from self._comments(path, threads, context)

    def _thread(
        self,
        entry: JsonObject,
        reviews: _Reviews,
        threads: dict[tuple[str, str], Thread],
        dump: Path,
        context: IngestContext,
    ) -> Iterator[ItemRecord]:
        key = thread_key(entry)
        if key is None or not entry.get("number"):
            where = Position.keyed("id", entry.get("id"))
            context.problem(dump, where, N_("no number or html_url"))
            return
        if key in threads:  # a pull request listed again in issues.json
            return
        where = Position.keyed("id", entry.get("id"))
        if not _user_shaped(entry, dump, where, context):  # (a login alone was stored openerless)
            return
        date = entry_date(entry, "created_at", dump, where, context)
        opener = user_ref(entry.get("user"))
        is_pull = "pull_request" in entry or "merged_at" in entry or "head" in entry
        thread = _pull(entry, opener, reviews) if is_pull else _issue(entry, opener)
        thread.native_id, thread.date = f"{key[0]}#{key[1]}", date
        thread.by_bot = opener is not None and opener.is_bot
        threads[key] = thread
        if thread.by_bot:  # (the people's comments in it are still theirs)
            context.skip(N_("github: issue or pull request opened by a bot"))
            return
        yield thread_item(SOURCE, thread)

    def _comments(
        self, folder: Path, threads: dict[tuple[str, str], Thread], context: IngestContext
    ) -> Iterator[ItemRecord]:
        templates = self._templates(folder, threads, context)
        entries: list[Iterator[_Entry]] = [
            self._entries(folder, "comments", "comment", context),
            self._entries(folder, "review-comments", "review-comment", context),
            self._reviews(folder, {key[1]: key for key in threads}, context),
        ]
        for entry, key, kind, dump in chain.from_iterable(entries):
            item = self._comment(entry, key, kind, threads, templates, dump, context)
            if item is not None:
                yield item

    def _templates(
        self, folder: Path, threads: dict[tuple[str, str], Thread], context: IngestContext
    ) -> Templates:
        """The comments read once before they are stored, for the templates among them (their
        problems are reported when they are read again)."""
        found, quiet = Templates(), context.quiet()
        for stem in ("comments", "review-comments"):
            for entry, key, _, _ in self._entries(folder, stem, stem, quiet):
                thread = threads.get(key) if key else None
                author = user_ref(entry.get("user"))  # (None for anything but an account)
                if thread is not None and author is not None:
                    text = markdown_text(entry.get("body"))
                    found.add(author.native_id, thread.native_id, thread.title, text)
        return found

    @staticmethod
    def _entries(folder: Path, stem: str, kind: str, context: IngestContext) -> Iterator[_Entry]:
        for dump in files(folder, stem):
            for entry in iter_entries(dump, context):
                yield entry, thread_key(entry), kind, dump

    @staticmethod
    def _reviews(
        folder: Path, by_number: dict[str, tuple[str, str]], context: IngestContext
    ) -> Iterator[_Entry]:
        for review, number, dump in review_dumps(folder, context):
            if text_of(review.get("state")).upper() == PENDING:
                context.skip(N_("github: review not submitted"))
                continue
            yield review, thread_key(review) or by_number.get(number or ""), "review", dump

    def _comment(
        self,
        entry: JsonObject,
        key: tuple[str, str] | None,
        kind: str,
        threads: dict[tuple[str, str], Thread],
        templates: Templates,
        dump: Path,
        context: IngestContext,
    ) -> ItemRecord | None:
        at = Position.keyed("id", entry.get("id"))
        if not _user_shaped(entry, dump, at, context):
            return None
        date_key = "submitted_at" if entry.get("submitted_at") else "created_at"
        date = entry_date(entry, date_key, dump, at, context)
        author = user_ref(entry.get("user"))
        thread = threads.get(key) if key else None
        if thread is not None and author is None and entry.get("id"):
            context.skip(N_("github: %(kind)s by a deleted account"), kind=_KINDS[kind])
            return None
        if thread is None or author is None or not entry.get("id"):
            context.skip(N_("github: %(kind)s on a thread not in the dump"), kind=_KINDS[kind])
            return None
        if author.is_bot:
            context.skip(N_("github: %(kind)s by a bot"), kind=_KINDS[kind])
            return None
        text = markdown_text(entry.get("body"))
        if not text:
            if kind != "review":  # reviews without words count through their state
                context.skip(N_("github: empty %(kind)s"), kind=_KINDS[kind])
            return None
        if commands_a_bot(text):
            context.skip(N_("github: a command to a bot"))
            return None
        if kind != "review" and templates.holds(author.native_id, thread.title, text):
            context.skip(TEMPLATE_SKIP, source="github", threads=TEMPLATE_THREADS)
            return None
        role = None
        state = text_of(entry.get("state")).upper()
        if state in {"APPROVED", "CHANGES_REQUESTED"} and not same_person(author, thread.opener):
            # ("LGTM, ship it" approves: the change request counts the approval; its words,
            # read as every comment is, acknowledge)
            role = ContributionRole.REVIEWER if reply_interest(text) is None else None
        parent = text_of(entry.get("in_reply_to_id"))
        repo = thread.native_id.split("#")[0]
        return comment_item(
            SOURCE,
            f"{repo}/{kind}/{entry['id']}",
            kind,
            thread,
            author,
            text,
            date,
            safe_url(entry.get("html_url")),
            parent_id=f"{repo}/{kind}/{parent}" if parent else None,
            role=role,
        )


def _common(entry: JsonObject, opener: PersonRef | None, kind: str) -> Thread:
    labels = [text_of(label.get("name")) for label in entry.get("labels") or []]
    reactions = entry.get("reactions")
    signals = {"comments": float(entry.get("comments") or 0)}
    if isinstance(reactions, dict):
        signals["reactions"] = float(reactions.get("total_count") or 0)
    return Thread(
        native_id="",
        kind=kind,
        title=text_of(entry.get("title")),
        body=markdown_text(entry.get("body")),
        url=safe_url(entry.get("html_url")),
        date=parse_date(text_of(entry.get("created_at"))),
        updated=parse_date(text_of(entry.get("updated_at"))),
        opener=opener,
        labels=subject_labels([label for label in labels if label]),
        state=text_of(entry.get("state")),
        assignees=unique([r for a in entry.get("assignees") or [] if (r := user_ref(a))]),
        signals=signals,
        meta={"association": text_of(entry.get("author_association"))},
    )


def _issue(entry: JsonObject, opener: PersonRef | None) -> Thread:
    thread = _common(entry, opener, "issue")
    thread.done = thread.state == "closed" and entry.get("state_reason") != "not_planned"
    thread.closer = user_ref(entry.get("closed_by"))
    return thread


def _pull(entry: JsonObject, opener: PersonRef | None, reviews: _Reviews) -> Thread:
    thread = _common(entry, opener, "pull-request")
    marker = entry.get("pull_request")
    merged_at = entry.get("merged_at") or (
        marker.get("merged_at") if isinstance(marker, dict) else None
    )
    thread.done = bool(merged_at)
    thread.closed_unmerged = thread.state == "closed" and not merged_at
    thread.closer = user_ref(entry.get("merged_by"))
    states = reviews.states.get((thread_key(entry) or ("", ""))[1], {})
    thread.approvers = unique(states.get("APPROVED", []))
    said = states.get("SAID", [])
    thread.approvers_who_said = [
        p for p in thread.approvers if any(same_person(p, s) for s in said)
    ]
    thread.change_requesters = unique(states.get("CHANGES_REQUESTED", []))
    thread.review_commenters = unique(states.get("COMMENTED", []))
    thread.signals["merged"] = 1.0 if merged_at else 0.0
    thread.signals["approvals"] = float(len(thread.approvers))
    return thread
