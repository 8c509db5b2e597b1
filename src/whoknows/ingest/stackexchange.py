"""Stack Exchange data dumps: a site folder of Posts, Users, Comments, Votes, Badges, Tags .xml."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._threads import asks, reply_interest
from whoknows.ingest._xml import count_rows, iter_rows, part_rows
from whoknows.ingest.base import BASE_URL, ConnectorOption, IngestContext, Part
from whoknows.records import Contribution, ItemRecord, PersonRecord, PersonRef, Record
from whoknows.text import html_to_text, parse_date
from whoknows.vocab import ContributionRole

SOURCE = "stackexchange"
_TAGS = re.compile(r"<([^<>]+)>|\|([^|]+)")
_VOTE_SIGNALS = {"1": "accepted_votes", "2": "upvotes", "3": "downvotes", "5": "favorites"}
_BADGE_CLASSES = {"1": "gold_badges", "2": "silver_badges", "3": "bronze_badges"}
USERS, POSTS, COMMENTS = "users", "posts", "comments"
SECTIONS = {USERS: "Users.xml", POSTS: "Posts.xml", COMMENTS: "Comments.xml"}  # in parse order
WHOLE = {section: Part(section) for section in SECTIONS}
MIN_PART_ROWS = 1000  # a part reads the rows before it again: not worth it for fewer
END = 2**62  # a part that starts after every row


def parse_tags(raw: str | None) -> list[str]:
    if not raw:
        return []
    return [a or b for a, b in _TAGS.findall(raw) if (a or b)]


@dataclass
class _Post:
    id: str
    row: dict[str, str]
    date: datetime
    body: str
    signals: dict[str, float]


def _answer_role(body: str, is_accepted: bool) -> ContributionRole:
    """An accepted answer answers; another that is nothing but a short question asks, and a
    "+1, same here" acknowledges (the rules of every other source, :mod:`._threads`)."""
    if is_accepted:
        return ContributionRole.ACCEPTED_ANSWERER
    return reply_interest(body) or ContributionRole.ANSWERER


def _comment_role(text: str) -> ContributionRole:
    """A comment that is nothing but a short question asks ("Which node version?"); any
    other comments."""
    return ContributionRole.ASKER if asks(text, is_reply=True) else ContributionRole.COMMENTER


class StackExchangeConnector:
    """Stack Exchange dump: Posts, Users, Comments, Votes, Badges .xml: questions, answers
    (accepted, score), comments; AboutMe as a claim source; reputation and badges as
    recognition"""

    name: ClassVar[str] = "stackexchange"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_(
        "Stack Exchange site dump folder (Posts, Users, Comments, Votes, Badges .xml)"
    )
    options: ClassVar[tuple[ConnectorOption, ...]] = (BASE_URL,)

    def __init__(self, base_url: str | None = None) -> None:
        self.base_url = base_url

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        folder = self._check_folder(path, context)
        if folder is None:
            return
        base_url = self._base_url(folder, context)
        yield from self._users(folder, base_url, context, WHOLE[USERS])
        votes = self._votes(folder, context)
        threads: dict[str, tuple[str, str, list[str]]] = {}
        yield from self._posts(folder, votes, threads, base_url, context, WHOLE[POSTS])
        yield from self._comments(folder, threads, base_url, context, WHOLE[COMMENTS])

    def parts(self, path: Path, context: IngestContext, wanted: int) -> list[Part]:
        """Users, posts and comments, each cut into ranges of rows of about the same size."""
        folder = self._check_folder(path, context)
        if folder is None:
            return []
        rows = {
            section: count_rows(folder / name)
            for section, name in SECTIONS.items()
            if (folder / name).is_file()
        }
        size = max(MIN_PART_ROWS, -(-sum(rows.values()) // max(wanted, 1)))
        found = []
        for section, count in rows.items():
            pieces = max(1, -(-count // size))
            step = -(-count // pieces)
            found += [
                Part(section, i * step, (i + 1) * step if i < pieces - 1 else None)
                for i in range(pieces)
            ]
        return found

    def parse_part(self, path: Path, part: Part, context: IngestContext) -> Iterator[Record]:
        """One range of users, posts or comments; a part reads the rows before its range
        again for what they tell the rows in it (the questions an answer belongs to), and
        only the first part of a section reports the problems of the files it reads whole."""
        base_url = self._base_url(path, context)
        if part.section == USERS:
            yield from self._users(path, base_url, context, part)
        elif part.section == POSTS:
            votes = self._votes(path, context if part.start == 0 else IngestContext(True))
            yield from self._posts(path, votes, {}, base_url, context, part)
        else:
            threads: dict[str, tuple[str, str, list[str]]] = {}
            quiet = IngestContext(True)
            for _ in self._posts(path, {}, threads, base_url, quiet, Part(POSTS, start=END)):
                pass  # no record: every post is before the range; the threads fill
            yield from self._comments(path, threads, base_url, context, part)

    def _base_url(self, folder: Path, context: IngestContext) -> str:
        return (context.base_url or self.base_url or _guess_base_url(folder)).rstrip("/")

    def _check_folder(self, path: Path, context: IngestContext) -> Path | None:
        if not path.is_dir():
            context.problem(
                path,
                None,
                N_("not a folder"),
                N_("a Stack Exchange dump is a folder of .xml files"),
            )
            return None
        missing = [name for name in ("Posts.xml", "Users.xml") if not (path / name).is_file()]
        if missing:
            context.problem(
                path,
                None,
                N_("not a Stack Exchange dump: %(names)s missing"),
                N_("point to the folder that holds Posts.xml and Users.xml (unpack the .7z first)"),
                names=", ".join(missing),
            )
            return None
        return path

    def _badges(self, folder: Path, context: IngestContext) -> dict[str, Counter[str]]:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        path = folder / "Badges.xml"
        if path.is_file():
            for row in iter_rows(path, context):
                user = row.get("UserId")
                if user:
                    counts[user][_BADGE_CLASSES.get(row.get("Class", ""), "badges")] += 1
                    if row.get("TagBased") == "True":
                        counts[user]["tag_badges"] += 1
        return counts

    def _users(
        self, folder: Path, base_url: str, context: IngestContext, part: Part
    ) -> Iterator[Record]:
        badges = self._badges(folder, context if part.start == 0 else IngestContext(True))
        path = folder / "Users.xml"
        for index, row in part_rows(path, context, part):
            if not part.holds(index):
                continue
            user_id = row.get("Id")
            if not user_id:
                where = Position.entry(index + 1)
                context.problem(path, where, N_("a user row has no Id attribute"))
                continue
            name = row.get("DisplayName")
            recognition: dict[str, float] = {}
            if row.get("Reputation", "").lstrip("-").isdigit():
                recognition["reputation"] = float(row["Reputation"])
            for key, value in badges.get(user_id, {}).items():
                recognition[key] = float(value)
            about = html_to_text(row["AboutMe"]) if row.get("AboutMe") else None
            yield PersonRecord(
                ref=PersonRef(SOURCE, user_id, name=name, is_bot=user_id == "-1", account=True),
                names=[name] if name else [],
                location=row.get("Location"),
                about=about,
                recognition=recognition,
            )

    def _votes(self, folder: Path, context: IngestContext) -> dict[str, Counter[str]]:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        path = folder / "Votes.xml"
        if path.is_file():
            for row in iter_rows(path, context):
                signal = _VOTE_SIGNALS.get(row.get("VoteTypeId", ""))
                if signal and row.get("PostId"):
                    counts[row["PostId"]][signal] += 1
        return counts

    def _posts(
        self,
        folder: Path,
        votes: dict[str, Counter[str]],
        threads: dict[str, tuple[str, str, list[str]]],
        base_url: str,
        context: IngestContext,
        part: Part,
    ) -> Iterator[Record]:
        """The part's posts; the rows before it only fill ``threads`` (and what is accepted),
        their problems and skips going to another part."""
        path = folder / "Posts.xml"
        accepted: dict[str, str] = {}
        elsewhere = IngestContext(True)
        for index, row in part_rows(path, context, part):
            mine = part.holds(index)
            here = context if mine else elsewhere
            post_id, post_type = row.get("Id"), row.get("PostTypeId")
            if not post_id or post_type not in {"1", "2"}:
                here.skip(N_("stackexchange: wiki, excerpt or other non-Q&A post"))
                continue
            date = parse_date(row.get("CreationDate"))
            if date is None:
                where = Position.keyed("Id", post_id)
                here.problem(path, where, N_("CreationDate missing or not a date"))
                continue
            if post_type == "1":
                if row.get("AcceptedAnswerId"):
                    accepted[post_id] = row["AcceptedAnswerId"]
                threads[post_id] = (post_id, row.get("Title", ""), parse_tags(row.get("Tags")))
                if mine:
                    yield self._question(self._post(row, post_id, date, votes), base_url)
                continue
            parent = row.get("ParentId", "")
            if parent not in threads:
                here.skip(N_("stackexchange: answer whose question is not in the dump"))
                continue
            threads[post_id] = threads[parent]
            if mine:
                post = self._post(row, post_id, date, votes)
                is_accepted = accepted.get(parent) == post_id
                yield self._answer(post, threads[parent], is_accepted, base_url)

    @staticmethod
    def _post(
        row: dict[str, str], post_id: str, date: datetime, votes: dict[str, Counter[str]]
    ) -> _Post:
        signals = {"score": _number(row.get("Score"))}
        signals.update({k: float(v) for k, v in votes.get(post_id, {}).items()})
        return _Post(post_id, row, date, html_to_text(row.get("Body", "")), signals)

    def _question(self, post: _Post, base_url: str) -> ItemRecord:
        row, owner = post.row, self._owner(post.row)
        title = row.get("Title", "")
        tags = parse_tags(row.get("Tags"))
        post.signals["answers"] = _number(row.get("AnswerCount"))
        asked = [Contribution(owner, ContributionRole.ASKER)] if owner else []
        return ItemRecord(
            source=SOURCE,
            native_id=post.id,
            kind="question",
            title=title,
            text=post.body,
            date=post.date,
            url=f"{base_url}/q/{post.id}" if base_url else None,
            thread_id=post.id,
            tags=tags,
            contributions=asked + self._editor(row, owner),
            signals=post.signals,
        )

    def _answer(
        self,
        post: _Post,
        thread: tuple[str, str, list[str]],
        is_accepted: bool,
        base_url: str,
    ) -> ItemRecord:
        row, owner = post.row, self._owner(post.row)
        parent = row.get("ParentId", "")
        post.signals["accepted"] = 1.0 if is_accepted else 0.0
        answered = [Contribution(owner, _answer_role(post.body, is_accepted))] if owner else []
        return ItemRecord(
            source=SOURCE,
            native_id=post.id,
            kind="answer",
            title=thread[1],
            text=post.body,
            date=post.date,
            url=f"{base_url}/a/{post.id}" if base_url else None,
            thread_id=parent,
            parent_id=parent,
            context=" ".join([thread[1], *thread[2]]),
            tags=thread[2],
            contributions=answered + self._editor(row, owner),
            signals=post.signals,
        )

    def _comments(
        self,
        folder: Path,
        threads: dict[str, tuple[str, str, list[str]]],
        base_url: str,
        context: IngestContext,
        part: Part,
    ) -> Iterator[Record]:
        path = folder / "Comments.xml"
        if not path.is_file():
            return
        for index, row in part_rows(path, context, part):
            if not part.holds(index):
                continue
            comment_id, post_id = row.get("Id"), row.get("PostId", "")
            thread = threads.get(post_id)
            if not comment_id or thread is None:
                context.skip(N_("stackexchange: comment on a post that is not in the dump"))
                continue
            owner = self._owner(row, id_key="UserId", name_key="UserDisplayName")
            text = html_to_text(row.get("Text", ""))
            yield ItemRecord(
                source=SOURCE,
                native_id=f"c{comment_id}",
                kind="comment",
                title=thread[1],
                text=text,
                date=parse_date(row.get("CreationDate")),
                url=f"{base_url}/posts/comments/{comment_id}" if base_url else None,
                thread_id=thread[0],
                parent_id=post_id,
                context=" ".join([thread[1], *thread[2]]),
                tags=thread[2],
                contributions=[Contribution(owner, _comment_role(text))] if owner else [],
                signals={"score": _number(row.get("Score"))},
            )

    @staticmethod
    def _owner(
        row: dict[str, str], id_key: str = "OwnerUserId", name_key: str = "OwnerDisplayName"
    ) -> PersonRef | None:
        user_id, name = row.get(id_key), row.get(name_key)
        if user_id:
            return PersonRef(SOURCE, user_id, is_bot=user_id == "-1", account=True)
        if name:
            return PersonRef(SOURCE, None, name=name)
        return None

    @staticmethod
    def _editor(row: dict[str, str], owner: PersonRef | None) -> list[Contribution]:
        editor = row.get("LastEditorUserId")
        if not editor or (owner is not None and owner.native_id == editor) or editor == "-1":
            return []
        return [Contribution(PersonRef(SOURCE, editor, account=True), ContributionRole.EDITOR)]


def _number(raw: str | None) -> float:
    try:
        return float(raw) if raw else 0.0
    except ValueError:
        return 0.0


def _guess_base_url(folder: Path) -> str:
    name = folder.resolve().name.lower()
    if name.endswith((".stackexchange.com", "stackoverflow.com", ".com")):
        return f"https://{name}"
    return ""
