"""Delivering routed questions and late answers over Slack's and the Bot Framework's web APIs.

Every network call goes through :func:`post_json`, the one function that opens a connection;
the tests replace it and never reach the network (this machine cannot). The outbox notifier
(``routing_notifier = outbox``) sends nothing: messages wait in the outbox.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.request
from typing import Any
from urllib.parse import quote, urlencode

from whoknows.errors import UsageError
from whoknows.routing import OutboxRow
from whoknows.services.routing import Notifier, OutboxNotifier
from whoknows.settings import Settings

SLACK_POST = "https://slack.com/api/chat.postMessage"
TEAMS_TOKEN = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"
TEAMS_SCOPE = "https://api.botframework.com/.default"
TIMEOUT = 10.0
log = logging.getLogger("whoknows.chat")


def post_json(
    url: str, payload: dict[str, Any], headers: dict[str, str] | None = None, form: bool = False
) -> dict[str, Any]:
    """POST ``payload`` (JSON, or a form when ``form``) and return the JSON reply; OSError on
    network or HTTP failure. The only function here that touches the network."""
    body = urlencode(payload).encode() if form else json.dumps(payload).encode()
    kind = "application/x-www-form-urlencoded" if form else "application/json; charset=utf-8"
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": kind, **(headers or {})}
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        raw = response.read()
    try:
        reply = json.loads(raw) if raw.strip() else {}
    except ValueError:
        return {}
    return reply if isinstance(reply, dict) else {}


class SlackNotifier:
    """Sends a routed question as a direct message from the app (chat.postMessage to the
    person's Slack user id, taken from their Slack alias)."""

    name = "slack"

    def __init__(self, token: str) -> None:
        if not token:
            raise UsageError(
                "routing_notifier is slack but no bot token is set",
                "set WHOKNOWS_SLACK_BOT_TOKEN, or use routing_notifier = outbox",
            )
        self.token = token

    def deliver(self, message: OutboxRow) -> bool:
        if not message.address or message.channel != "slack":
            return False  # no Slack id for this person: it stays in the outbox
        reply = post_json(
            SLACK_POST,
            {"channel": message.address, "text": message.text, "unfurl_links": False},
            {"Authorization": f"Bearer {self.token}"},
        )
        if not reply.get("ok"):
            raise OSError(f"chat.postMessage: {reply.get('error', 'no reply')}")
        return True


class TeamsNotifier:
    """Sends a routed question as a proactive one-to-one message through the Bot Connector:
    a client-credentials token, a new conversation with the person, then the activity."""

    name = "teams"

    def __init__(self, app_id: str, password: str, service_url: str) -> None:
        if not (app_id and password):
            raise UsageError(
                "routing_notifier is teams but the bot's app id or password is not set",
                "set WHOKNOWS_TEAMS_APP_ID and WHOKNOWS_TEAMS_APP_PASSWORD",
            )
        self.app_id, self.password, self.service_url = app_id, password, service_url
        self._token: tuple[str, float] | None = None

    def token(self) -> str:
        if self._token is None or self._token[1] < time.time() + 60:
            reply = post_json(
                TEAMS_TOKEN,
                {
                    "grant_type": "client_credentials",
                    "client_id": self.app_id,
                    "client_secret": self.password,
                    "scope": TEAMS_SCOPE,
                },
                form=True,
            )
            if "access_token" not in reply:
                raise OSError("the Bot Framework token service gave no token")
            self._token = (str(reply["access_token"]), time.time() + int(reply["expires_in"]))
        return self._token[0]

    def deliver(self, message: OutboxRow) -> bool:
        if not message.address or message.channel != "teams" or not self.service_url:
            return False
        base = self.service_url.rstrip("/")
        auth = {"Authorization": f"Bearer {self.token()}"}
        created = post_json(
            f"{base}/v3/conversations",
            {"bot": {"id": self.app_id}, "members": [{"id": message.address}], "isGroup": False},
            auth,
        )
        conversation = created.get("id")
        if not conversation:
            raise OSError("the Bot Connector created no conversation")
        post_json(
            f"{base}/v3/conversations/{quote(str(conversation), safe='')}/activities",
            {"type": "message", "textFormat": "markdown", "text": message.text},
            auth,
        )
        return True


def notifier_for(settings: Settings, service_url: str = "") -> Notifier:
    """The notifier the ``routing_notifier`` setting names."""
    if settings.routing_notifier == "outbox":
        return OutboxNotifier()
    if settings.routing_notifier == "slack":
        return SlackNotifier(settings.slack_bot_token)
    if settings.routing_notifier == "teams":
        return TeamsNotifier(settings.teams_app_id, settings.teams_app_password, service_url)
    raise UsageError(
        f"routing_notifier {settings.routing_notifier!r} is not a notifier",
        "use outbox, slack or teams",
    )


def post_late_answer(response_url: str, message: dict[str, Any]) -> None:
    """Post an answer that took longer than Slack's three seconds to its response URL."""
    try:
        post_json(response_url, {**message, "replace_original": False})
    except OSError as error:
        log.warning("could not post the late Slack answer: %s", error)
