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
from whoknows.i18n import N_
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
                N_("routing_notifier is slack but no bot token is set"),
                N_("set WHOKNOWS_SLACK_BOT_TOKEN, or use routing_notifier = outbox"),
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


class BotConnector:
    """The Bot Connector REST API as this bot: a client-credentials token, then activities."""

    def __init__(self, app_id: str, password: str) -> None:
        if not (app_id and password):
            raise UsageError(
                N_("sending through Teams needs the bot's app id and password"),
                N_("set WHOKNOWS_TEAMS_APP_ID and WHOKNOWS_TEAMS_APP_PASSWORD"),
            )
        self.app_id, self.password = app_id, password
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

    def post(self, service_url: str, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        auth = {"Authorization": f"Bearer {self.token()}"}
        return post_json(f"{service_url.rstrip('/')}/v3/{path}", payload, auth)

    def reply(self, activity: dict[str, Any]) -> None:
        """Post a reply activity to its conversation (in reply to ``replyToId``)."""
        conversation = quote(str(activity["conversation"]["id"]), safe="")
        target = f"conversations/{conversation}/activities"
        if activity.get("replyToId"):
            target += "/" + quote(str(activity["replyToId"]), safe="")
        self.post(str(activity["serviceUrl"]), target, activity)


class TeamsNotifier:
    """Sends a routed question as a proactive one-to-one message through the Bot Connector:
    a new conversation with the person (their Teams id from their alias), then the message."""

    name = "teams"

    def __init__(self, app_id: str, password: str, service_url: str) -> None:
        self.connector = BotConnector(app_id, password)
        self.service_url = service_url

    def deliver(self, message: OutboxRow) -> bool:
        if not message.address or message.channel != "teams" or not self.service_url:
            return False
        created = self.connector.post(
            self.service_url,
            "conversations",
            {
                "bot": {"id": self.connector.app_id},
                "members": [{"id": message.address}],
                "isGroup": False,
            },
        )
        conversation = created.get("id")
        if not conversation:
            raise OSError("the Bot Connector created no conversation")
        self.connector.post(
            self.service_url,
            f"conversations/{quote(str(conversation), safe='')}/activities",
            {"type": "message", "textFormat": "markdown", "text": message.text},
        )
        return True


def send_teams_reply(settings: Settings, activity: dict[str, Any]) -> None:
    """Post a reply through the Bot Connector when the bot's password is set (Teams reads
    replies there, not from the HTTP response); failures are logged."""
    if not settings.teams_app_password:
        return
    try:
        BotConnector(settings.teams_app_id, settings.teams_app_password).reply(activity)
    except (OSError, UsageError) as error:
        log.warning("could not send the Teams reply: %s", error)


def notifier_for(settings: Settings, service_url: str = "") -> Notifier:
    """The notifier the ``routing_notifier`` setting names."""
    if settings.routing_notifier == "outbox":
        return OutboxNotifier()
    if settings.routing_notifier == "slack":
        return SlackNotifier(settings.slack_bot_token)
    if settings.routing_notifier == "teams":
        return TeamsNotifier(settings.teams_app_id, settings.teams_app_password, service_url)
    raise UsageError(
        N_("routing_notifier %(value)s is not a notifier"),
        N_("use outbox, slack or teams"),
        value=repr(settings.routing_notifier),
    )


def post_late_answer(response_url: str, message: dict[str, Any]) -> None:
    """Post an answer that took longer than Slack's three seconds to its response URL."""
    try:
        post_json(response_url, {**message, "replace_original": False})
    except OSError as error:
        log.warning("could not post the late Slack answer: %s", error)
