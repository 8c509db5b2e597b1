"""Slack: request verification with the signing secret, the slash command's form fields, and
the answer as Block Kit JSON.

Verification follows Slack's "Verifying requests from Slack": the base string
``v0:{X-Slack-Request-Timestamp}:{raw body}`` is signed with HMAC-SHA256 under the app's
signing secret, ``v0=`` + the hex digest must equal ``X-Slack-Signature`` (compared in
constant time), and a timestamp more than five minutes from now is refused (replay).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from whoknows.chat.answer import ChatAnswer, head_count, language
from whoknows.errors import UsageError, VerificationError
from whoknows.i18n import N_

VERSION = "v0"
MAX_AGE = 5 * 60  # seconds
MAX_BODY = 64 * 1024
MAX_TEXT = 3000  # characters in one section's text
MAX_BLOCKS = 50
MAX_HEADER = 150
RESPONSE_HOSTS = ("hooks.slack.com",)
# what every answer may say (Teams says the same)
NOBODY = N_("Nobody's work matches this question yet.")
NAMES_HIDDEN = N_("Names are not shown here (aggregate-only mode).")
RANKED = N_("Ranked by whoknows from traces of work; people who opted out are never shown.")


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``v0=`` + hex HMAC-SHA256 of ``v0:{timestamp}:{body}`` under ``secret``."""
    base = f"{VERSION}:{timestamp}:".encode() + body
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return f"{VERSION}={digest}"


def verify(secret: str, headers: Mapping[str, str], body: bytes, now: float | None = None) -> None:
    """Raise VerificationError unless the request carries a fresh, valid Slack signature."""
    if not secret:
        raise VerificationError(
            N_("Slack requests are refused: no signing secret is set"),
            N_("set WHOKNOWS_SLACK_SIGNING_SECRET to the app's signing secret"),
        )
    timestamp = headers.get("x-slack-request-timestamp", "")
    sent = headers.get("x-slack-signature", "")
    if not timestamp or not sent:
        raise VerificationError(
            N_("the request carries no Slack signature"),
            N_("send the X-Slack-Signature and X-Slack-Request-Timestamp headers"),
        )
    try:
        age = abs((time.time() if now is None else now) - int(timestamp))
    except (ValueError, OverflowError):
        raise VerificationError(
            N_("the Slack request timestamp is not a number"), N_("send Slack's own timestamp")
        ) from None
    if age > MAX_AGE:
        raise VerificationError(
            N_("the Slack request is more than five minutes old (replay)"),
            N_("check the server's clock; Slack sends fresh requests"),
        )
    if not hmac.compare_digest(signature(secret, timestamp, body).encode(), sent.encode()):
        raise VerificationError(
            N_("the Slack signature does not match the request"),
            N_("check WHOKNOWS_SLACK_SIGNING_SECRET against the app's signing secret"),
        )


@dataclass(frozen=True)
class SlashCommand:
    """The form fields of a slash command (https://api.slack.com/interactivity/slash-commands)."""

    command: str
    text: str
    user_id: str
    team_id: str
    channel_id: str
    response_url: str | None = None
    user_name: str | None = None
    channel_name: str | None = None
    ssl_check: bool = False


def parse(body: bytes) -> SlashCommand:
    """The slash command in a form-encoded body; UsageError when it is not one."""
    if len(body) > MAX_BODY:
        raise UsageError(N_("the Slack request body is too large"), N_("send at most 64 KiB"))
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body))
    except (UnicodeDecodeError, ValueError):
        raise UsageError(
            N_("the Slack request body is not a form"), N_("send the slash command")
        ) from None
    values = {key: value[0] for key, value in fields.items()}
    if values.get("ssl_check") == "1":
        return SlashCommand("", "", "", "", "", ssl_check=True)
    missing = [k for k in ("command", "user_id", "team_id", "channel_id") if not values.get(k)]
    if missing:
        raise UsageError(
            N_("the Slack request lacks %(fields)s"),
            N_("send a slash command's fields"),
            fields=", ".join(missing),
        )
    return SlashCommand(
        command=values["command"],
        text=values.get("text", ""),
        user_id=values["user_id"],
        team_id=values["team_id"],
        channel_id=values["channel_id"],
        response_url=_response_url(values.get("response_url")),
        user_name=values.get("user_name"),
        channel_name=values.get("channel_name"),
    )


def _response_url(value: str | None) -> str | None:
    """Slack's response URL, kept only when it is an https URL of Slack's own."""
    if not value:
        return None
    parts = urlsplit(value)
    return value if parts.scheme == "https" and parts.hostname in RESPONSE_HOSTS else None


# -- Block Kit ---------------------------------------------------------------------------------
def escape(text: str) -> str:
    """Slack mrkdwn control characters (&, <, >) as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _clip(text, MAX_TEXT)}}


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _clip(text, MAX_TEXT)}]}


def _person_blocks(answer: ChatAnswer) -> list[dict[str, Any]]:
    blocks = []
    for person in answer.people:
        name = escape(person.name).replace("|", "¦")
        role = ", ".join(escape(part) for part in (person.title, person.department) if part)
        lines = [f"*<{person.link}|{name}>*" + (f" — {role}" if role else ""), escape(person.why)]
        blocks.append(_section("\n".join(lines)))
    return blocks


def _aggregate_blocks(answer: ChatAnswer) -> list[dict[str, Any]]:
    t = language(answer)
    parts = [
        f"*{escape(d.department)}*: {head_count(answer, d.people)}" for d in answer.departments
    ]
    if answer.elsewhere:
        count = head_count(answer, answer.elsewhere)
        parts.append(t.gettext("smaller teams together: %(count)s") % {"count": count})
    text = (
        t.gettext("People whose work matches, by department: %(parts)s")
        % {"parts": "; ".join(parts)}
        if parts
        else t.gettext(NOBODY)
    )
    return [_section(text), _context(t.gettext(NAMES_HIDDEN))]


def blocks(answer: ChatAnswer) -> dict[str, Any]:
    """The message for ``answer``, in its language: in the channel for an answer, only to the
    asker for help, refusals and routing notices."""
    if answer.notice is not None:
        return {
            "response_type": "ephemeral",
            "text": answer.notice,
            "blocks": [_section(escape(answer.notice))],
        }
    t = language(answer)
    title = _clip(t.gettext("Who knows: %(question)s") % {"question": answer.question}, MAX_HEADER)
    body = _aggregate_blocks(answer) if answer.aggregate else _person_blocks(answer)
    if not body:
        body = [_section(t.gettext(NOBODY))]
    footer = _context(t.gettext(RANKED))
    header = {"type": "header", "text": {"type": "plain_text", "text": title}}
    if answer.caveat:
        body = [_context(escape(answer.caveat)), *body]
    return {
        "response_type": "in_channel",
        "text": escape(title),  # mrkdwn: the asker's "<!channel>" must not notify anyone
        "blocks": [header, *body[: MAX_BLOCKS - 2], footer],
    }
