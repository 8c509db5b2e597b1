"""Chat integrations: the Slack slash command and the Microsoft Teams bot.

These routes are server to server: no session cookie, no CSRF token; every request is
authenticated by its Slack signature or Bot Framework token instead, and answers 401 when
that fails, 400 when the body is not a slash command or an Activity, never 5xx. Chat users act
with the web role ``chat_role``: the permission table and aggregate-only mode apply to them as
to that role on the web, and the people come from the same search the web page uses. Answers
are in the language of a Teams activity's ``locale`` (else the workspace's ``lang`` setting);
a Slack slash command carries no locale, so its answers follow the ``lang`` setting. Refusals
of the request itself (401/400) are JSON for the platform, in English.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.background import BackgroundTask

from whoknows.accounts import User
from whoknows.chat import answer as chat
from whoknows.chat import slack, teams
from whoknows.chat.deferred import within
from whoknows.chat.notify import notifier_for, post_late_answer, send_teams_reply
from whoknows.errors import UsageError, VerificationError, WhoknowsError
from whoknows.i18n import N_, Translator, translator
from whoknows.settings import Settings
from whoknows.vocab import UserRole
from whoknows.web import pages
from whoknows.web.permissions import Permission, aggregates_only, allowed

router = APIRouter(prefix="/integrations", include_in_schema=False)
SLACK_BUDGET = 2.5  # seconds before Slack's three-second deadline: acknowledge instead
SLACK_SEEN_S = 2 * slack.MAX_AGE  # a timestamp is accepted five minutes either side of now
TEAMS_SEEN_S = 24 * 3600.0  # the Bot Connector retries a delivery within minutes
log = logging.getLogger("whoknows.chat")


def _refused(error: WhoknowsError, status: int) -> JSONResponse:
    return JSONResponse({"detail": error.one_line()}, status_code=status)


def chat_user(settings: Settings) -> User:
    """The user chat requests act as: no account, the role of the ``chat_role`` setting."""
    try:
        role = UserRole(settings.chat_role)
    except ValueError:
        raise UsageError(
            N_("chat_role %(value)s is not a role"),
            N_("set WHOKNOWS_CHAT_ROLE to one of %(roles)s"),
            value=repr(settings.chat_role),
            roles=", ".join(UserRole),
        ) from None
    return User(id=0, username="chat", role=role, person_id=None)


def _answer(
    request: Request,
    asked: chat.ChatRequest,
    t: Translator,
    channel: str,
    asker: str,
    service_url: str = "",
) -> chat.ChatAnswer:
    """The answer to a verified chat request, in the language of ``t``; a notice, never an
    exception."""
    try:
        opened = pages.services(request)
        user = chat_user(opened.settings)
        if not allowed(user, Permission.SEARCH):
            refused = t.gettext("The chat role (%(role)s) cannot search.")
            return chat.notice(asked.question, refused % {"role": user.role}, t)
        if asked.verb == chat.Verb.HELP:
            return chat.notice(asked.question, t.gettext(chat.HELP), t)
        if asked.verb == chat.Verb.ROUTE:
            routing = opened.routing
            result = routing.route(asked.question, channel, asker)
            notifier = notifier_for(opened.settings, service_url)
            routing.deliver(notifier, [message.id for message in result.routed])
            return chat.routed(result, t)
        aggregate = aggregates_only(user, opened)
        return chat.answer(opened, asked.question, aggregate, t)
    except WhoknowsError as error:
        said = t.gettext("whoknows cannot answer: %(error)s") % {"error": error.one_line(t)}
        return chat.notice(asked.question, said, t)
    except Exception:
        log.exception("chat answer failed")
        failed = t.gettext("whoknows could not answer; the error is logged.")
        return chat.notice(asked.question, failed, t)


async def _first_sight(request: Request, key: str, window_s: float) -> None:
    """Refuses a request already received: a replayed signed Slack request, or a Teams
    activity delivered twice, would otherwise answer or route the same question again."""
    routing = pages.services(request).routing
    if not await pages.blocking(request, routing.first_sight, key, window_s):
        raise VerificationError(
            N_("this request was already received (replay)"), N_("send each request once")
        )


@router.post("/slack/commands")
async def slack_command(request: Request) -> Response:
    """The `/whoknows` slash command."""
    body = await request.body()
    settings = pages.services(request).settings
    try:
        slack.verify(settings.slack_signing_secret, request.headers, body)
        await _first_sight(request, "slack:" + request.headers["x-slack-signature"], SLACK_SEEN_S)
    except VerificationError as error:
        return _refused(error, 401)
    try:
        command = slack.parse(body)
    except UsageError as error:
        return _refused(error, 400)
    if command.ssl_check:
        return Response(status_code=200)
    asked = chat.parse(command.text)
    t = translator(settings.lang)  # a slash command carries no locale: the workspace's

    def late(result: chat.ChatAnswer) -> None:
        if command.response_url:
            post_late_answer(command.response_url, slack.blocks(result))

    work = pages.blocking(request, _answer, request, asked, t, "slack", command.user_id)
    result = await within(SLACK_BUDGET, work, late)
    if result is None:
        text = t.gettext("Looking for who knows “%(question)s”; the answer follows here.")
        return JSONResponse(
            {"response_type": "ephemeral", "text": text % {"question": asked.question}}
        )
    return JSONResponse(slack.blocks(result))


@router.post("/teams/messages")
async def teams_message(request: Request) -> Response:
    """Bot Framework activities from Microsoft Teams."""
    body = await request.body()
    settings = pages.services(request).settings
    authorization = request.headers.get("authorization")
    try:
        token = teams.verify_token(authorization, settings.teams_app_id, settings.teams_jwks_file)
    except VerificationError as error:
        return _refused(error, 401)
    try:
        activity = teams.parse(body)
    except UsageError as error:
        return _refused(error, 400)
    try:
        teams.check_activity(token, activity)
    except VerificationError as error:
        return _refused(error, 401)
    if activity.type != "message":
        return Response(status_code=200)
    if activity.id:
        conversation = str(activity.conversation.get("id") or "")
        try:
            await _first_sight(request, f"teams:{conversation}:{activity.id}", TEAMS_SEEN_S)
        except VerificationError as error:
            return _refused(error, 401)
    asked = chat.parse(activity.text)
    sender = str(activity.sender.get("aadObjectId") or activity.sender.get("id") or "")
    t = translator(activity.locale or settings.lang)  # the sender's Teams language
    result = await pages.blocking(
        request, _answer, request, asked, t, "teams", sender, activity.service_url
    )
    reply: dict[str, Any] = teams.reply(activity, result)
    if activity.delivery_mode == "expectReplies":
        return JSONResponse({"activities": [reply]})
    # Teams reads the reply from the Bot Connector; the body shows it too (tests, emulators)
    return JSONResponse(reply, background=BackgroundTask(send_teams_reply, settings, reply))
