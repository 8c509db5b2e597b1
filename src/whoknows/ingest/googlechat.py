"""Google Chat from a Google Takeout export.

Reads ``Google Chat/Groups/<Space or DM id>/messages.json`` (``{"messages": [...]}``) with the
space's ``group_info.json`` (its name and members) and ``Google Chat/Users/*/user_info.json``.
Messages of a space thread by ``topic_id``: the topic's first message starts the thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, ClassVar

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._chat import chat_role, contribution_weight, headline, load_json
from whoknows.ingest._dates import month_number
from whoknows.ingest._self_answers import SelfAnswers
from whoknows.ingest.base import ConnectorOption, IngestContext
from whoknows.records import Contribution, ItemRecord, PersonRecord, PersonRef, Record
from whoknows.text import normalize_space
from whoknows.vocab import ContributionRole

SOURCE = "googlechat"
_TIME = (
    r"(?P<hour>\d{1,2})[:h](?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<half>[ap]\.?m\.?)?"
    r"\s*(?:utc|gmt)?\s*(?:(?P<sign>[+-])(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)?$"
)
# "Tuesday, March 5, 2024 at 10:01:02 AM UTC" (a narrow no-break space before AM in recent
# exports), "Tuesday, March 5, 2024 at 17:13:43 UTC", with or without the weekday; and the
# exporting account's language, day first: "lundi 8 septembre 2025 à 08:00:00 UTC",
# "Dienstag, 5. März 2024 um 10:01:02 UTC", "martes, 5 de marzo de 2024, 10:01:02 UTC", or
# year first
_DATES = (
    re.compile(
        r"^(?:\w+,\s*)?(?P<month>[a-z]+)\s+(?P<day>\d{1,2}),\s*(?P<year>\d{4})\s*(?:at\s+)?"
        + _TIME,
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:[^\W\d_]+\.?,?\s+)?(?P<day>\d{1,2})(?:er|\.|º)?\s+(?:de\s+)?"
        r"(?P<month>[^\W\d_]+\.?)\s+(?:de\s+)?(?P<year>\d{4}),?\s*"
        r"(?:(?:à|a|at|um|om|alle|às|kl\.|klo|o)\s+)?" + _TIME,
        re.IGNORECASE,
    ),
    re.compile(  # year first: "2024. március 6., szerda 15:02:10 UTC"
        r"^(?P<year>\d{4})\.?\s+(?P<month>[^\W\d_]+\.?)\s+(?P<day>\d{1,2})\.?,?\s*"
        r"(?:[^\W\d_]+,?\s+)?" + _TIME,
        re.IGNORECASE,
    ),
)
Json = dict[str, Any]


def parse_takeout_date(value: object) -> datetime | None:
    """A Takeout date string as an aware UTC datetime; None when its format is not known."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.replace("\u202f", " ").replace("\u00a0", " ").split())
    match = next((found for pattern in _DATES if (found := pattern.match(text))), None)
    month = month_number(match.group("month")) if match else None
    if match is None or month is None:
        return None
    hour = int(match.group("hour"))
    half = (match.group("half") or "").lower().replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            return None  # ("13:01:02 PM")
        hour = hour % 12 + (12 if half == "pm" else 0)
    offset = timedelta(hours=int(match.group("oh") or 0), minutes=int(match.group("om") or 0))
    if match.group("sign") == "-":
        offset = -offset
    try:
        when = datetime(
            int(match.group("year")),
            month,
            int(match.group("day")),
            hour,
            int(match.group("minute")),
            int(match.group("second") or 0),
            tzinfo=timezone(offset),
        )
    except ValueError:
        return None
    return when.astimezone(UTC)


def _unread_date(written: object, file: Path, position: Position, context: IngestContext) -> None:
    context.problem(
        file,
        position,
        N_("date %(value)s is not in a form Google Chat exports write"),
        N_("write it as 'Tuesday, March 5, 2024 at 10:01:02 AM UTC'"),
        value=repr(str(written)),
    )


def _is_bot(user: object) -> bool:
    """A Takeout user whose ``user_type`` is not Human ("Bot", "BOT"): apps, which have no email."""
    return isinstance(user, dict) and str(user.get("user_type") or "Human").lower() != "human"


def _ref(user: object) -> PersonRef | None:
    if not isinstance(user, dict) or not user.get("email"):
        return None
    email = str(user["email"])
    name = user.get("name") or None
    return PersonRef(
        SOURCE, email.lower(), name=name, email=email, is_bot=_is_bot(user), account=True
    )


def _person(user: object) -> PersonRecord | None:
    ref = _ref(user)
    if ref is None or ref.is_bot:
        return None
    return PersonRecord(ref=ref, names=[ref.name] if ref.name else [], emails=[str(ref.email)])


def _mentioned(message: Json, author: str) -> list[PersonRef]:
    refs: dict[str, PersonRef] = {}
    for annotation in message.get("annotations") or []:
        mention = (annotation or {}).get("user_mention_metadata") or {}
        ref = _ref(mention.get("user"))
        if ref and not ref.is_bot and ref.native_id != author:
            refs.setdefault(str(ref.native_id), ref)
    return list(refs.values())


@dataclass
class _Space:
    folder: Path
    name: str
    heads: dict[str, str] = field(default_factory=dict)  # topic -> the first message's id
    texts: dict[str, str] = field(default_factory=dict)  # first message id -> its text


class GoogleChatConnector:
    """Google Chat: Google Takeout `Google Chat/Groups/*/messages.json` and `group_info.json`:
    spaces and DMs, topics as threads, mentions, reactions; deleted and bot messages excluded"""

    name: ClassVar[str] = "googlechat"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_("a Google Takeout export of Google Chat (spaces and DMs)")
    options: ClassVar[tuple[ConnectorOption, ...]] = ()

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        if not path.is_dir():
            context.problem(
                path, None, N_("not a folder"), N_("give the Takeout folder with Google Chat/")
            )
            return
        files = sorted(path.rglob("messages.json"))
        if not files:
            context.problem(
                path,
                None,
                N_("not a Google Chat export: no Groups/*/messages.json under this folder"),
            )
            return
        seen: set[str] = set()
        for info in sorted(path.rglob("user_info.json")):
            data = load_json(info, context)
            users = [data.get("user")] if isinstance(data, dict) else []
            yield from self._people(users, seen)
        for file in files:
            space = self._space(file.parent, context, seen)
            yield from space[1]
            yield from self._messages(file, space[0], context)

    @staticmethod
    def _people(users: list[object], seen: set[str]) -> Iterator[PersonRecord]:
        for user in users:
            record = _person(user)
            if record is not None and str(record.ref.native_id) not in seen:
                seen.add(str(record.ref.native_id))
                yield record

    def _space(
        self, folder: Path, context: IngestContext, seen: set[str]
    ) -> tuple[_Space, list[PersonRecord]]:
        info_file = folder / "group_info.json"
        info = load_json(info_file, context) if info_file.is_file() else None
        info = info if isinstance(info, dict) else {}
        members = info.get("members")
        members = members if isinstance(members, list) else []
        name = str(info.get("name") or "") or (
            "direct message" if folder.name.startswith("DM ") else folder.name
        )
        return _Space(folder, name), list(self._people(members, seen))

    def _messages(self, file: Path, space: _Space, context: IngestContext) -> Iterator[ItemRecord]:
        data = load_json(file, context)
        if data is None:
            return
        messages = data.get("messages") if isinstance(data, dict) else None
        if not isinstance(messages, list):
            where = Position.json("$.messages")
            context.problem(file, where, N_('not a Google Chat messages file: no "messages" list'))
            return
        answers = SelfAnswers()
        for number, message in enumerate(messages, 1):
            item = self._message(message, file, Position.entry(number), space, context)
            if item is not None:
                yield from answers.items(item)

    def _message(
        self, message: object, file: Path, position: Position, space: _Space, context: IngestContext
    ) -> ItemRecord | None:
        if not isinstance(message, dict) or not message.get("message_id"):
            context.problem(file, position, N_("message without a message_id"))
            return None
        native_id = str(message["message_id"])
        topic = str(message.get("topic_id") or native_id)
        head = space.heads.setdefault(topic, native_id)
        if message.get("message_state") == "DELETED" or message.get("deleted_date"):
            context.skip(N_("googlechat: deleted message"))
            return None
        if _is_bot(message.get("creator")):  # before the email: a bot creator has none
            context.skip(N_("googlechat: bot message"))
            return None
        author = _ref(message.get("creator"))
        if author is None:
            context.skip(N_("googlechat: message without a creator"))
            return None
        text = normalize_space(str(message.get("text") or ""))
        if not text:
            context.skip(N_("googlechat: message without text (attachments only)"))
            return None
        written = message.get("created_date")
        date = parse_takeout_date(written)
        if date is None and written not in (None, ""):
            _unread_date(written, file, position, context)
            return None
        if message.get("updated_date"):
            context.note(N_("googlechat: edited message, its latest version kept"))
        is_reply = head != native_id
        if not is_reply:
            space.texts[native_id] = text[:300]
        role = chat_role(text, is_reply)
        weight = contribution_weight(text, context, SOURCE, is_reply)
        contributions = [Contribution(author, role, weight)]
        contributions += [
            Contribution(ref, ContributionRole.MENTIONED)
            for ref in _mentioned(message, str(author.native_id))
        ]
        root_text = space.texts.get(head)
        reactions = sum(
            len(r.get("reactor_emails") or [])
            for r in message.get("reactions") or []
            if isinstance(r, dict)
        )
        return ItemRecord(
            source=SOURCE,
            native_id=native_id,
            kind="message",
            title=f"{space.name}: {headline(root_text or text)}",
            text=text,
            date=date,
            thread_id=head,
            parent_id=head if is_reply else None,
            context=root_text if is_reply else None,
            contributions=contributions,
            signals={"reactions": float(reactions)},
        )
