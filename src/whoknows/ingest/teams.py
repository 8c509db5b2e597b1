"""Microsoft Teams channel and chat messages as the Microsoft Graph API returns them.

Reads a ``chatMessage`` JSON file or a folder of them, as dumped from Graph responses: pages
(``{"@odata.context", "value": [...], "@odata.nextLink"}``), plain arrays or single messages,
with channel replies (``/messages/{id}/replies``, or ``$expand=replies``) threaded under their
parent. Member lists (``/teams/{id}/members``) and users (``/users``) in the same folder give
the email addresses that join a Teams account with the same person elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from whoknows.errors import Position
from whoknows.i18n import N_, Term
from whoknows.ingest._chat import (
    chat_role,
    contribution_weight,
    headline,
    json_files,
    load_json,
    safe_url,
)
from whoknows.ingest._self_answers import SelfAnswers
from whoknows.ingest.base import ConnectorOption, IngestContext
from whoknows.records import Contribution, ItemRecord, PersonRecord, PersonRef, Record
from whoknows.text import fold_accents, html_to_text, name_words, normalize_space, parse_date
from whoknows.vocab import ContributionRole

SOURCE = "teams"
_AT_TAG = re.compile(r"<at\b[^>]*>", re.IGNORECASE)
_MEMBER_TYPES = ("conversationmember", "#microsoft.graph.user")
_OTHER_SHAPE = N_("no Teams message nor member in this file, only entries of another shape")
_SHAPES = N_(
    'give Graph chatMessages ("messageType", "from", "body"), or members and users ("userId" or'
    ' "mail")'
)
WHAT = Term(N_("a Microsoft Graph chatMessage dump (JSON) or a folder of them"))

Json = dict[str, Any]


@dataclass
class _Thread:
    """What replies need from their thread's first message."""

    title: str
    text: str


@dataclass
class _State:
    """One run's memory: thread heads, replies waiting for theirs, versions already read."""

    threads: dict[str, _Thread] = field(default_factory=dict)
    waiting: dict[str, list[ItemRecord]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)


def entries_of(data: object) -> list[Any] | None:
    """The entries of a Graph page, a plain array or a single object; None if neither."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        value = data.get("value")
        if isinstance(value, list):
            return value
        if "id" in data:
            return [data]
    return None


def _sender(message: Json) -> Json | None:
    source = message.get("from")
    user = source.get("user") if isinstance(source, dict) else None
    return user if isinstance(user, dict) and user.get("id") else None


def _misshapen(message: Json) -> bool:
    """A message whose sender or body is not an object, or whose date is no ISO date (an
    evaluator's "from": "Marcus Bell" was counted as an app's message)."""
    objects = all(isinstance(message.get(key), dict | None) for key in ("from", "body"))
    created = message.get("createdDateTime")
    return not objects or (created not in (None, "") and parse_date(str(created)) is None)


def _person(user: Json) -> PersonRef:
    name = user.get("displayName") or None
    return PersonRef(SOURCE, str(user["id"]), name=name, account=True)


def _text(message: Json) -> str:
    body = message.get("body") or {}
    content = str(body.get("content") or "")
    if str(body.get("contentType", "text")).lower() == "html":
        return html_to_text(_AT_TAG.sub(lambda m: m.group(0) + "@", content))
    return normalize_space(content)


def _mentioned(message: Json, sender_id: str) -> list[PersonRef]:
    refs: dict[str, PersonRef] = {}
    for mention in message.get("mentions") or []:
        target = (mention or {}).get("mentioned") or {}
        user = target.get("user")
        if isinstance(user, dict) and user.get("id") and user["id"] != sender_id:
            refs.setdefault(str(user["id"]), _person(user))
    return list(refs.values())


def _member(entry: Json) -> PersonRecord | None:
    """A conversationMember (``userId``, ``email``) or a directory user (``mail``, else its
    ``userPrincipalName``, the sign-in address that a ``mail`` left empty is mostly equal to).
    An address whose login holds no word of the account's name is its owner's (a monitoring
    account, "Supervision Réseau", listed with its engineer's address had taken his place, or
    made him a bot, as the lists were read before or after the messages: an attacker's): it
    names the account for erasure, and joins no one."""
    user_id = entry.get("userId") or entry.get("id")
    if not user_id:
        return None
    name = entry.get("displayName") or None
    email = entry.get("email") or entry.get("mail") or None
    principal = str(entry.get("userPrincipalName") or "")
    email = email or (principal if "@" in principal else None)
    linked: tuple[str, ...] = ()
    if email and name and not _names_its_holder(str(name), str(email)):
        email, linked = None, (str(email),)
    return PersonRecord(
        ref=PersonRef(
            SOURCE, str(user_id), name=name, email=email, account=True, linked_emails=linked
        ),
        names=[name] if name else [],
        emails=[email] if email else [],
        title=entry.get("jobTitle") or None,
        department=entry.get("department") or None,
        location=entry.get("officeLocation") or None,
    )


def _names_its_holder(name: str, email: str) -> bool:
    """Whether an address's login holds a word of three letters or more of a (Latin-lettered)
    name ("Nadia B." and nadia.benali@, "J. Smith" and jsmith@; "Supervision IT" holds no word
    of brigitte.martin@: a second attacker's); a name in another script is not told apart."""
    words = [word for word in name_words(name) if len(word) >= 3 and not word.isdigit()]
    login = fold_accents(email.partition("@")[0].lower())
    return not words or any(word in login for word in words)


def _member_of(entry: Json) -> PersonRecord | None:
    """The member or user an entry without a ``messageType`` is, or None."""
    kind = str(entry.get("@odata.type", "")).lower()
    user = "userId" in entry or "mail" in entry or "userPrincipalName" in entry  # (/users: untyped)
    group = kind.endswith("group") or "groupTypes" in entry or "mailEnabled" in entry
    return _member(entry) if kind.endswith(_MEMBER_TYPES) or (user and not group) else None


def _unreadable(entry: object) -> bool:
    """Whether an entry is an object that is neither a message nor a member (one that is no
    object is reported as such where it is)."""
    return isinstance(entry, dict) and "messageType" not in entry and _member_of(entry) is None


class TeamsConnector:
    """Microsoft Teams: Microsoft Graph `chatMessage` JSON (pages `{"value": [...]}`, arrays,
    `/replies`): channel threads and chats, mentions, reactions; member lists
    (`/teams/{id}/members`, `/users`) give emails; system events, deleted, bot/app and
    attachment-only messages excluded; edits keep the latest version; a file holding neither
    a message nor a member refused"""

    name: ClassVar[str] = "teams"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_("Microsoft Teams messages as Graph API JSON, a file or folder")
    options: ClassVar[tuple[ConnectorOption, ...]] = ()

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        answers = SelfAnswers()  # (a thread's first message comes before its replies: _place)
        for record in self._records(path, context):
            if isinstance(record, ItemRecord):
                yield from answers.items(record)
            else:
                yield record

    def _records(self, path: Path, context: IngestContext) -> Iterator[Record]:
        state = _State()
        for file in json_files(path, context, WHAT):
            data = load_json(file, context)
            if data is None:
                continue
            entries = entries_of(data)
            if entries is None:
                context.problem(
                    file,
                    Position.json("$"),
                    N_('not a Graph response: expected {"value": [...]} or a list'),
                )
                continue
            if entries and all(map(_unreadable, entries)):  # (valid JSON of another shape)
                context.problem(file, Position.entry(1), _OTHER_SHAPE, _SHAPES)  # (not "$")
                continue
            for number, entry in enumerate(entries, 1):
                yield from self._entry(entry, file, Position.entry(number), state, context)
        for replies in state.waiting.values():  # replies whose first message is not in the dump
            yield from replies

    def _entry(
        self, entry: object, file: Path, position: Position, state: _State, context: IngestContext
    ) -> Iterator[Record]:
        if not isinstance(entry, dict):
            context.problem(file, position, N_("expected a JSON object"))
            return
        if "messageType" not in entry:
            member = _member_of(entry)
            if member is None:
                context.skip(N_("teams: entry that is neither a message nor a member"))
            else:
                yield member
            return
        item = self._message(entry, file, position, state, context)
        if item is not None:
            yield from self._place(item, state)
        for number, reply in enumerate(entry.get("replies") or [], 1):
            yield from self._entry(reply, file, position.then(f"reply {number}"), state, context)

    @staticmethod
    def _place(item: ItemRecord, state: _State) -> Iterator[ItemRecord]:
        """Yield ``item`` once its thread's first message is known; a head releases its replies."""
        thread = item.thread_id or item.native_id
        if item.parent_id is None:
            state.threads[thread] = _Thread(item.title or "", item.text[:300])
            yield item
            yield from (_in_thread(r, state.threads[thread]) for r in state.waiting.pop(thread, []))
        elif thread in state.threads:
            yield _in_thread(item, state.threads[thread])
        else:
            state.waiting.setdefault(thread, []).append(item)

    def _message(
        self, message: Json, file: Path, position: Position, state: _State, context: IngestContext
    ) -> ItemRecord | None:
        message_id = message.get("id")
        if not message_id:
            context.problem(file, position, N_("message without an id"))
            return None
        if message.get("messageType") != "message":
            context.skip(N_("teams: system event (members added, call, rename and the like)"))
            return None
        if message.get("deletedDateTime"):
            context.skip(N_("teams: deleted message"))
            return None
        if _misshapen(message):
            context.problem(
                file,
                position,
                N_("a message's from and body must be objects and its dates ISO dates"),
                N_("give the messages as Microsoft Graph returns them"),
            )
            return None
        sender = _sender(message)
        if sender is None:
            context.skip(
                N_("teams: bot or app message") if message.get("from") else N_("teams: no sender")
            )
            return None
        text = _text(message)
        if not text:
            context.skip(N_("teams: message without text (attachments or cards only)"))
            return None
        container = _container(message)
        native_id = f"{container}:{message_id}" if container else str(message_id)
        modified = str(message.get("lastModifiedDateTime") or message.get("createdDateTime") or "")
        if native_id in state.versions and state.versions[native_id] >= modified:
            context.skip(N_("teams: the same message read twice (older or equal version)"))
            return None
        state.versions[native_id] = modified
        if message.get("lastEditedDateTime"):
            context.note(N_("teams: edited message, its latest version kept"))
        parent = message.get("replyToId")
        parent_id = f"{container}:{parent}" if parent and container else parent or None
        return self._item(message, native_id, parent_id, sender, text, context)

    @staticmethod
    def _item(
        message: Json,
        native_id: str,
        parent_id: str | None,
        sender: Json,
        text: str,
        context: IngestContext,
    ) -> ItemRecord:
        role = chat_role(text, bool(parent_id))
        weight = contribution_weight(text, context, SOURCE, bool(parent_id))
        contributions = [Contribution(_person(sender), role, weight)]
        contributions += [
            Contribution(ref, ContributionRole.MENTIONED)
            for ref in _mentioned(message, str(sender["id"]))
        ]
        reactions = [r for r in message.get("reactions") or [] if isinstance(r, dict)]
        subject = normalize_space(str(message.get("subject") or "")) or None
        return ItemRecord(
            source=SOURCE,
            native_id=native_id,
            kind="message",
            title=subject or headline(text),
            text=text,
            date=parse_date(message.get("createdDateTime")),
            updated=parse_date(
                message.get("lastModifiedDateTime") or message.get("createdDateTime")
            ),
            url=safe_url(message.get("webUrl")),
            thread_id=parent_id or native_id,
            parent_id=parent_id,
            contributions=contributions,
            signals={"reactions": float(len(reactions))},
        )


def _container(message: Json) -> str:
    channel = message.get("channelIdentity") or {}
    return str(channel.get("channelId") or message.get("chatId") or "")


def _in_thread(reply: ItemRecord, thread: _Thread) -> ItemRecord:
    reply.title = f"Re: {thread.title}" if thread.title else reply.title
    reply.context = thread.text
    return reply
