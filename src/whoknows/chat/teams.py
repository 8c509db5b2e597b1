"""Microsoft Teams through the Bot Framework: token verification, the incoming Activity and the
reply Activity with an Adaptive Card.

Verification follows the Bot Connector authentication rules: the ``Authorization: Bearer``
JWT is signed (RS256) by a key of the Bot Framework's OpenID metadata, its issuer is
``https://api.botframework.com``, its audience is the bot's app id, it has not expired (five
minutes of clock skew allowed), its ``serviceUrl`` claim equals the activity's, and where the
signing key lists endorsements, the activity's channel is among them. The keys come from a
JWKS file (``teams_jwks_file``), because whoknows downloads nothing: docs/chat.md says how an
operator refreshes it.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt

from whoknows.chat.answer import ChatAnswer, head_count, language
from whoknows.chat.slack import NAMES_HIDDEN, NOBODY, RANKED
from whoknows.errors import UsageError, VerificationError
from whoknows.i18n import N_

ISSUER = "https://api.botframework.com"
OPENID_METADATA = "https://login.botframework.com/v1/.well-known/openidconfiguration"
LEEWAY = 5 * 60  # seconds of clock skew
MAX_BODY = 256 * 1024
CARD = "application/vnd.microsoft.card.adaptive"
MENTION = re.compile(r"<at\b[^>]*>.*?</at>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Activity:
    """The parts of an incoming Bot Framework Activity whoknows reads."""

    type: str
    id: str | None
    text: str  # without the bot's <at> mention
    service_url: str
    channel_id: str
    sender: dict[str, Any]  # "from"
    recipient: dict[str, Any]
    conversation: dict[str, Any]
    delivery_mode: str = "normal"  # "expectReplies": the replies go in the HTTP response
    locale: str = ""  # the sender's language ("fr-FR"), when Teams says it


@dataclass(frozen=True)
class Token:
    """A verified Bot Framework token: its claims and the key that signed it."""

    claims: dict[str, Any]
    key: dict[str, Any]


def parse(body: bytes) -> Activity:
    """The Activity in a JSON body; UsageError when it is not one."""
    if len(body) > MAX_BODY:
        raise UsageError(N_("the Teams request body is too large"), N_("send at most 256 KiB"))
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise UsageError(
            N_("the Teams request body is not JSON"), N_("send a Bot Framework Activity")
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise UsageError(
            N_("the Teams request is not an Activity"), N_("send a Bot Framework Activity")
        )
    service_url = data.get("serviceUrl")
    if not isinstance(service_url, str) or not service_url:
        raise UsageError(N_("the Activity has no serviceUrl"), N_("send a Bot Framework Activity"))
    parts = {key: data.get(key) for key in ("from", "recipient", "conversation")}
    if data["type"] == "message" and not all(isinstance(v, dict) for v in parts.values()):
        raise UsageError(
            N_("the message Activity lacks from, recipient or conversation"),
            N_("send a Bot Framework Activity"),
        )
    text = data.get("text")
    return Activity(
        type=data["type"],
        id=data.get("id") if isinstance(data.get("id"), str) else None,
        text=strip_mentions(text if isinstance(text, str) else ""),
        service_url=service_url,
        channel_id=str(data.get("channelId", "")),
        sender=_mapping(parts["from"]),
        recipient=_mapping(parts["recipient"]),
        conversation=_mapping(parts["conversation"]),
        delivery_mode=str(data.get("deliveryMode") or "normal"),
        locale=data["locale"] if isinstance(data.get("locale"), str) else "",
    )


def _mapping(value: object) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def strip_mentions(text: str) -> str:
    """The message without ``<at>…</at>`` mentions and other markup, entities decoded."""
    return " ".join(html.unescape(TAG.sub(" ", MENTION.sub(" ", text))).split())


# -- verification ------------------------------------------------------------------------------
def load_keys(path: str) -> dict[str, dict[str, Any]]:
    """The JWKS file's keys by ``kid``; VerificationError when the file cannot serve."""
    if not path:
        raise VerificationError(
            N_("Teams requests are refused: no key set is configured"),
            N_("set WHOKNOWS_TEAMS_JWKS_FILE (see docs/chat.md)"),
        )
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise VerificationError(
            N_("cannot read the Bot Framework key set (%(error)s)"),
            N_("refresh the key set file as docs/chat.md says"),
            where=path,
            error=error,
        ) from None
    keys = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(keys, list):
        raise VerificationError(
            N_("not a JSON Web Key Set (no 'keys' list)"),
            N_("refresh the key set file as docs/chat.md says"),
            where=path,
        )
    return {str(k["kid"]): k for k in keys if isinstance(k, dict) and "kid" in k}


def _token(authorization: str | None) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise VerificationError(
            N_("the request carries no Bot Framework token"),
            N_("send an Authorization: Bearer header"),
        )
    return token.strip()


def verify_token(authorization: str | None, app_id: str, jwks_file: str) -> Token:
    """The token's claims and signing key when it is the Bot Framework's, for this bot;
    VerificationError otherwise."""
    if not app_id:
        raise VerificationError(
            N_("Teams requests are refused: no bot app id is set"),
            N_("set WHOKNOWS_TEAMS_APP_ID"),
        )
    token = _token(authorization)
    keys = load_keys(jwks_file)
    try:
        header = jwt.get_unverified_header(token)
        jwk = keys.get(str(header.get("kid")))
        if jwk is None:
            raise VerificationError(
                N_("the token is signed by a key not in the key set"),
                N_("refresh the key set file as docs/chat.md says"),
            )
        claims: dict[str, Any] = jwt.decode(
            token,
            jwt.PyJWK(jwk, algorithm="RS256").key,
            algorithms=["RS256"],
            audience=app_id,
            issuer=ISSUER,
            leeway=LEEWAY,
            options={"require": ["exp", "iss", "aud"]},
        )
    except jwt.PyJWTError as error:
        raise VerificationError(
            N_("the Bot Framework token is not valid (%(error)s)"),
            N_("send a current token issued for this bot"),
            error=error,
        ) from None
    return Token(claims, jwk)


def check_activity(token: Token, activity: Activity) -> None:
    """The token was issued for this activity: same serviceUrl, an endorsed channel."""
    if token.claims.get("serviceUrl") != activity.service_url:
        raise VerificationError(
            N_("the token's serviceUrl is not the activity's"),
            N_("send the activity the token was issued for"),
        )
    endorsements = token.key.get("endorsements")
    if isinstance(endorsements, list) and activity.channel_id not in endorsements:
        raise VerificationError(
            N_("the signing key does not endorse channel %(channel)s"),
            N_("send the activity on a channel the key endorses"),
            channel=repr(activity.channel_id),
        )


def verify(authorization: str | None, activity: Activity, app_id: str, jwks_file: str) -> Token:
    """Both checks at once: the token, then its fit to ``activity``."""
    token = verify_token(authorization, app_id, jwks_file)
    check_activity(token, activity)
    return token


# -- the reply ---------------------------------------------------------------------------------
def _text_block(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def _card_body(answer: ChatAnswer) -> list[dict[str, Any]]:
    t = language(answer)
    if answer.aggregate:
        lines = [f"**{d.department}**: {head_count(answer, d.people)}" for d in answer.departments]
        if answer.elsewhere:
            count = head_count(answer, answer.elsewhere)
            lines.append(t.gettext("Smaller teams together: %(count)s") % {"count": count})
        body = [_text_block("\n\n".join(lines) or t.gettext(NOBODY))]
        return [*body, _text_block(t.gettext(NAMES_HIDDEN), isSubtle=True)]
    body = []
    for person in answer.people:
        role = ", ".join(part for part in (person.title, person.department) if part)
        items = [_text_block(f"[{person.name}]({person.link})", weight="Bolder")]
        if role:
            items.append(_text_block(role, isSubtle=True, spacing="None"))
        items.append(_text_block(person.why, spacing="Small"))
        body.append({"type": "Container", "items": items, "separator": True})
    return body or [_text_block(t.gettext(NOBODY))]


def card(answer: ChatAnswer) -> dict[str, Any]:
    """The Adaptive Card (schema 1.4) of an answer, in its language."""
    t = language(answer)
    asked = t.gettext("Who knows: %(question)s") % {"question": answer.question}
    header = _text_block(asked, size="Medium", weight="Bolder")
    footer = _text_block(t.gettext(RANKED), isSubtle=True, size="Small")
    caveat = [_text_block(answer.caveat, isSubtle=True)] if answer.caveat else []
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.4",
        "body": [header, *caveat, *_card_body(answer), footer],
    }


def markdown(answer: ChatAnswer) -> str:
    """The answer as markdown text (the card's fallback)."""
    if answer.notice is not None:
        return answer.notice
    t = language(answer)
    if answer.aggregate:
        parts = [f"{d.department}: {head_count(answer, d.people)}" for d in answer.departments]
        if answer.elsewhere:
            count = head_count(answer, answer.elsewhere)
            parts.append(t.gettext("smaller teams together: %(count)s") % {"count": count})
        return t.gettext("Who knows “%(question)s”, by department: %(parts)s") % {
            "question": answer.question,
            "parts": "; ".join(parts) or t.gettext("nobody"),
        }
    lines = [t.gettext("Who knows “%(question)s”:") % {"question": answer.question}]
    lines += [answer.caveat] if answer.caveat else []
    lines += [f"- [{p.name}]({p.link}): {p.why}" for p in answer.people]
    return "\n".join(lines) if answer.people else t.gettext(NOBODY)


def reply(activity: Activity, answer: ChatAnswer) -> dict[str, Any]:
    """The reply Activity: markdown text, with an Adaptive Card for an answer."""
    message: dict[str, Any] = {
        "type": "message",
        "from": activity.recipient,
        "recipient": activity.sender,
        "conversation": activity.conversation,
        "serviceUrl": activity.service_url,
        "channelId": activity.channel_id,
        "textFormat": "markdown",
        "text": markdown(answer),
    }
    if activity.id:
        message["replyToId"] = activity.id
    if answer.notice is None:
        message["attachments"] = [{"contentType": CARD, "content": card(answer)}]
    return message
