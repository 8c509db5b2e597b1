"""Slack workspace exports (zip or unpacked folder): users.json, channels.json, per-day JSON."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar

from whoknows.errors import Position
from whoknows.first_names import called_by
from whoknows.i18n import N_
from whoknows.ingest._chat import chat_role, contribution_weight
from whoknows.ingest._json import json_problem
from whoknows.ingest._json import loads as json_loads
from whoknows.ingest._self_answers import SelfAnswers
from whoknows.ingest.base import BASE_URL, ConnectorOption, IngestContext
from whoknows.records import Contribution, ItemRecord, PersonRecord, PersonRef, Record
from whoknows.vocab import ContributionRole

SOURCE = "slack"
_DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_LINK = re.compile(r"<((?:https?|mailto):[^>|]+)(?:\|([^>]+))?>")
_CHANNEL = re.compile(r"<#[CG][A-Z0-9]+\|([^>]+)>")
_SPECIAL = re.compile(r"<!(here|channel|everyone)[^>]*>")
# message subtypes that are not someone's words
_NOISE_SUBTYPES = {
    "channel_join",
    "channel_leave",
    "channel_topic",
    "channel_purpose",
    "channel_name",
    "channel_archive",
    "channel_unarchive",
    "group_join",
    "group_leave",
    "pinned_item",
    "unpinned_item",
    "bot_add",
    "bot_remove",
    "tombstone",
    "reminder_add",
}


class _Export:
    """Uniform read access to a zip or a folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip = zipfile.ZipFile(path) if path.is_file() else None
        names = (
            self.zip.namelist()
            if self.zip
            else [p.relative_to(path).as_posix() for p in path.rglob("*.json")]
        )
        prefix = ""
        if "users.json" not in names:  # zips made from a folder nest everything one level down
            nested = [n for n in names if n.endswith("/users.json") and n.count("/") == 1]
            prefix = nested[0].rsplit("/", 1)[0] + "/" if nested else ""
        self.prefix = prefix
        self.names = [n[len(prefix) :] for n in names if n.startswith(prefix)]
        self.days: dict[str, list[str]] = {}  # a channel's day files, sorted (read once)
        for name in sorted(self.names):
            file = PurePosixPath(name)
            if _DAY_FILE.match(file.name):
                self.days.setdefault(file.parent.as_posix(), []).append(name)

    def read(self, name: str) -> bytes:
        if self.zip:
            return self.zip.read(self.prefix + name)
        return (self.path / self.prefix / name).read_bytes()

    def where(self, name: str) -> str:
        return f"{self.path}!{self.prefix}{name}" if self.zip else str(self.path / name)


def render_text(text: str, names: dict[str, str]) -> tuple[str, list[str]]:
    """Slack mrkdwn to plain text; returns the text and the user ids it mentions."""
    mentioned = _MENTION.findall(text)
    text = _MENTION.sub(lambda m: "@" + names.get(m.group(1), m.group(1)), text)
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = _CHANNEL.sub(lambda m: "#" + m.group(1), text)
    text = _SPECIAL.sub(lambda m: "@" + m.group(1), text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return text.strip(), mentioned


def _headline(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: flat.rfind(" ", 0, width)] + " …"


# Slack's timestamps: seconds since 1970 with microseconds ("1726912440.000200")
_TS_HINT = N_("write it as Slack does, seconds since 1970: '1726912440.000200'")
_TIMESTAMP = re.compile(r"^\d{1,11}(?:\.\d{1,9})?$")


def _stamped(message: object, where: str, context: IngestContext) -> bool:
    """Whether a message's ts and thread_ts are Slack timestamps; reported when not (an
    evaluator's "ts": "yesterday at 10:14" ended in a traceback)."""
    if not isinstance(message, dict):
        return True  # (the reader skips what is no message)
    if message.get("type", "message") == "message" and message.get("ts") in (None, ""):
        context.problem(where, None, N_("a message without ts"), _TS_HINT)
        return False  # (a "ts": null was dropped silently)
    for key in ("ts", "thread_ts"):
        value = message.get(key)
        if value is not None and not _TIMESTAMP.match(str(value)):
            context.problem(
                where,
                Position.keyed(key, value),
                N_("%(key)s %(value)s is not a Slack timestamp"),
                _TS_HINT,
                key=key,
                value=repr(value),
            )
            return False
    return True


class SlackConnector:
    """Slack export: users.json (a display name that is a short form of the real first name,
    "Joe" of Joseph, a name of the person's too), channels.json, per-day JSON: messages,
    threads, reactions, mentions; bots and join/leave noise excluded"""

    name: ClassVar[str] = "slack"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_("a Slack workspace export, zip or folder")
    options: ClassVar[tuple[ConnectorOption, ...]] = (BASE_URL,)

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        try:
            export = _Export(path)
        except zipfile.BadZipFile:
            if path.suffix.lower() != ".zip":  # (another file given: a mailbox, a CSV)
                context.problem(
                    path,
                    None,
                    N_("not a Slack export"),
                    N_("give the export's .zip file or the folder it unzips to"),
                )
            else:
                context.problem(
                    path, None, N_("not a zip file (or a damaged one)"), N_("unzip it and retry")
                )
            return
        except OSError as error:
            context.problem(
                path, None, N_("cannot read the export (%(error)s)"), error=error.strerror
            )
            return
        if "users.json" not in export.names or "channels.json" not in export.names:
            context.problem(
                path,
                None,
                N_("not a Slack export: users.json or channels.json missing"),
                N_("give the export's zip or the folder holding users.json and channels.json"),
            )
            return
        users = self._load(export, "users.json", context) or []
        names: dict[str, str] = {}
        bots: set[str] = {"USLACKBOT"}
        for user in users:
            record = self._user(user)
            if record is None:
                continue
            names[user["id"]] = record.names[0] if record.names else user["id"]
            if record.ref.is_bot:
                bots.add(user["id"])
            yield record
        channels = self._load(export, "channels.json", context) or []
        for channel in channels:
            if not isinstance(channel, dict) or "name" not in channel:
                continue
            yield from self._channel(export, channel, names, bots, context)

    def _load(
        self, export: _Export, name: str, context: IngestContext
    ) -> list[dict[str, Any]] | None:
        try:
            data = json_loads(export.read(name).decode("utf-8"))
        except UnicodeDecodeError as error:
            context.problem(export.where(name), Position.decoding(error), N_("not UTF-8 text"))
            return None
        except json.JSONDecodeError as error:
            context.problem(
                export.where(name),
                Position.at(error.lineno, error.colno),
                N_("invalid JSON (%(error)s)"),
                error=json_problem(error),
            )
            return None
        except (OSError, KeyError, zipfile.BadZipFile) as error:
            context.problem(export.where(name), None, N_("cannot read (%(error)s)"), error=error)
            return None
        if not isinstance(data, list):
            context.problem(export.where(name), Position.json("$"), N_("expected a JSON list"))
            return None
        return [entry for entry in data if isinstance(entry, dict)]

    @staticmethod
    def _user(user: dict[str, Any]) -> PersonRecord | None:
        user_id = user.get("id")
        if not user_id:
            return None
        profile = user.get("profile") or {}
        name = profile.get("real_name") or user.get("real_name") or profile.get("display_name")
        handle = user.get("name") or profile.get("display_name")
        is_bot = bool(user.get("is_bot") or user.get("is_app_user") or user_id == "USLACKBOT")
        email = profile.get("email")
        return PersonRecord(
            ref=PersonRef(
                SOURCE, user_id, name=name, email=email, handle=handle, is_bot=is_bot, account=True
            ),
            names=[name] if name else [],
            called=[said] if (said := called_by(profile.get("display_name"), name)) else [],
            emails=[email] if email else [],
            handles=[handle] if handle else [],
            title=profile.get("title") or None,
        )

    def _channel(
        self,
        export: _Export,
        channel: dict[str, Any],
        names: dict[str, str],
        bots: set[str],
        context: IngestContext,
    ) -> Iterator[Record]:
        channel_name = str(channel["name"])
        channel_id = str(channel.get("id") or channel_name)
        days = export.days.get(channel_name, [])
        roots: dict[str, str] = {}
        answers = SelfAnswers()
        for day in days:
            for message in self._load(export, day, context) or []:
                if not _stamped(message, export.where(day), context):
                    continue
                item = self._message(message, channel_name, channel_id, names, bots, roots, context)
                if item is not None:
                    yield from answers.items(item)

    def _message(
        self,
        message: dict[str, Any],
        channel_name: str,
        channel_id: str,
        names: dict[str, str],
        bots: set[str],
        roots: dict[str, str],
        context: IngestContext,
    ) -> ItemRecord | None:
        user = message.get("user")
        if message.get("type", "message") != "message" or not message.get("ts"):
            return None
        reason = _skip_reason(message, user, bots)
        if reason:
            context.skip(reason)
            return None
        ts = str(message["ts"])
        text, mentioned = render_text(str(message.get("text") or ""), names)
        if not text:
            context.skip(N_("slack: message without text (files only)"))
            return None
        thread_ts = message.get("thread_ts") or ts
        is_reply = thread_ts != ts
        if not is_reply:
            roots[ts] = text[:300]
        reactions = sum(
            int(r.get("count", len(r.get("users", []))))
            for r in message.get("reactions", [])
            if isinstance(r, dict)
        )
        weight = contribution_weight(text, context, SOURCE, is_reply)
        contributions = _contributions(str(user), mentioned, bots, is_reply, text, weight)
        when = datetime.fromtimestamp(float(ts), tz=UTC)
        base = (context.base_url or "").rstrip("/")
        return ItemRecord(
            source=SOURCE,
            native_id=f"{channel_id}:{ts}",
            kind="message",
            title=f"#{channel_name}: {_headline(roots.get(thread_ts) or text)}",
            text=text,
            date=when,
            url=f"{base}/archives/{channel_id}/p{ts.replace('.', '')}" if base else None,
            thread_id=f"{channel_id}:{thread_ts}",
            parent_id=f"{channel_id}:{thread_ts}" if is_reply else None,
            context=roots.get(thread_ts) if is_reply else None,
            contributions=contributions,
            signals={
                "reactions": float(reactions),
                "replies": float(message.get("reply_count", 0)),
            },
        )


def _skip_reason(message: dict[str, Any], user: object, bots: set[str]) -> str | None:
    """Why a message is left out (system noise, bots, no author), or None to keep it."""
    subtype = message.get("subtype")
    if subtype in _NOISE_SUBTYPES:
        return N_("slack: join, leave, topic and other system messages")
    if subtype == "bot_message" or message.get("bot_id") or user in bots:
        return N_("slack: bot message")
    if not user:
        return N_("slack: message without a user")
    return None


def _contributions(
    user: str, mentioned: list[str], bots: set[str], is_reply: bool, text: str, weight: float
) -> list[Contribution]:
    role = chat_role(text, is_reply)
    found = [Contribution(PersonRef(SOURCE, user, account=True), role, weight)]
    found += [
        Contribution(PersonRef(SOURCE, m, account=True), ContributionRole.MENTIONED)
        for m in dict.fromkeys(mentioned)
        if m != user and m not in bots
    ]
    return found
