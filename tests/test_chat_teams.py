"""The Teams bot: Bot Framework tokens verified (signature, expiry, audience, issuer,
serviceUrl, endorsements), the mention stripped, the reply a valid Activity with a card."""

from __future__ import annotations

import json
import time

import pytest

from chat_fixtures import APP_ID, KID, PUBLIC, QUESTION, SERVICE_URL, new_key, open_chat
from whoknows.chat import notify, teams
from whoknows.chat.answer import ChatAnswer
from whoknows.errors import UsageError


@pytest.fixture
def chat(demo_workspace, tmp_path):
    opened = open_chat(demo_workspace, tmp_path)
    yield opened
    opened.services.close()


def test_a_verified_message_gets_the_people_in_an_adaptive_card(chat) -> None:
    response = chat.teams(QUESTION)
    assert response.status_code == 200
    reply = response.json()
    assert reply["type"] == "message" and reply["replyToId"] == "1485983408511"
    assert reply["from"]["id"] == "28:" + APP_ID and reply["recipient"]["id"] == "29:1asker"
    assert reply["conversation"]["id"] == "19:platform@thread.skype"
    assert reply["textFormat"] == "markdown"
    [attachment] = reply["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    people = [block for block in card["body"] if block["type"] == "Container"]
    expected = chat.services.search.ask(QUESTION, k=10)
    assert len(people) == len(expected)
    for person, block in zip(expected, people, strict=True):
        link = block["items"][0]["text"]
        assert link == f"[{person.name}]({PUBLIC}/people/{person.person_id})"
    assert f"who knows “{QUESTION}”" in reply["text"].lower()


@pytest.mark.parametrize(
    ("case", "claims"),
    [
        ("expired", {"exp": int(time.time()) - 3600, "nbf": int(time.time()) - 7200}),
        ("wrong audience", {"aud": "someone-elses-bot"}),
        ("wrong issuer", {"iss": "https://sts.windows.net/evil/"}),
        ("other serviceUrl", {"serviceUrl": "https://evil.example/"}),
        ("no expiry", {"exp": None}),
    ],
)
def test_tokens_with_wrong_claims_are_refused(chat, case: str, claims: dict) -> None:
    response = chat.teams(QUESTION, token=chat.token(**claims))
    assert response.status_code == 401, case


def test_tokens_not_signed_by_a_key_of_the_set_are_refused(chat) -> None:
    assert chat.teams(QUESTION, token=chat.token(key=new_key())).status_code == 401
    assert chat.teams(QUESTION, token=chat.token(kid="unknown-key")).status_code == 401
    forged = chat.token().rsplit(".", 1)[0] + ".c2lnbmF0dXJl"
    assert chat.teams(QUESTION, token=forged).status_code == 401
    assert chat.teams(QUESTION, token="not-a-jwt").status_code == 401


def test_requests_without_a_token_are_refused(chat) -> None:
    assert chat.teams(QUESTION, token=None).status_code == 401
    basic = chat.client.post(
        "/integrations/teams/messages",
        content=b"{}",
        headers={"Authorization": "Basic dXNlcjpwYXNz"},
    )
    assert basic.status_code == 401


def test_hs256_tokens_are_refused(chat) -> None:
    """The algorithm comes from the verifier, never from the token."""
    import jwt

    token = jwt.encode(
        {"iss": teams.ISSUER, "aud": APP_ID, "exp": int(time.time()) + 60},
        "a shared secret that is long enough for HS256",
        algorithm="HS256",
        headers={"kid": KID},
    )
    assert chat.teams(QUESTION, token=token).status_code == 401


def test_a_channel_the_key_does_not_endorse_is_refused(chat) -> None:
    assert chat.teams(QUESTION, channelId="webchat").status_code == 401


def test_without_app_id_or_key_set_everything_is_refused(demo_workspace, tmp_path) -> None:
    opened = open_chat(demo_workspace, tmp_path, teams_app_id="")
    assert opened.teams(QUESTION).status_code == 401
    opened.services.close()
    missing = open_chat(demo_workspace, tmp_path / "b", teams_jwks_file=str(tmp_path / "none"))
    response = missing.teams(QUESTION)
    assert response.status_code == 401 and "key set" in response.json()["detail"]
    missing.services.close()


def test_malformed_activities_get_400(chat) -> None:
    def post(body: bytes) -> int:
        headers = {"Authorization": f"Bearer {chat.token()}"}
        return chat.client.post(
            "/integrations/teams/messages", content=body, headers=headers
        ).status_code

    assert post(b"{not json") == 400
    assert post(b"[1, 2]") == 400
    assert post(json.dumps({"type": "message", "text": "kafka"}).encode()) == 400  # no serviceUrl
    no_from = {"type": "message", "serviceUrl": SERVICE_URL, "text": "x", "channelId": "msteams"}
    assert post(json.dumps(no_from).encode()) == 400


def test_other_activity_types_are_acknowledged(chat) -> None:
    response = chat.teams("", type="conversationUpdate")
    assert response.status_code == 200 and response.content == b""


def test_mentions_and_markup_are_stripped() -> None:
    text = "<at>whoknows</at>&nbsp;kafka <b>consumer</b> lag"
    assert teams.strip_mentions(text) == "kafka consumer lag"
    with pytest.raises(UsageError):
        teams.parse(b"x" * (teams.MAX_BODY + 1))


def test_aggregate_only_card_names_no_one(demo_workspace, tmp_path) -> None:
    opened = open_chat(demo_workspace, tmp_path, min_group_size=3)
    opened.services.privacy.set_aggregate_only(True)
    reply = opened.teams(QUESTION).json()
    text = json.dumps(reply, ensure_ascii=False)
    assert "/people/" not in text and "**Data**: 3" in text
    for person in opened.services.search.ask(QUESTION, k=10):
        assert person.name not in text
    opened.services.close()


def test_opted_out_people_are_absent(chat) -> None:
    top = chat.services.search.ask(QUESTION, k=1)[0]
    chat.services.privacy.opt_out(str(top.person_id), inference=True, visibility=False)
    assert top.name not in json.dumps(chat.teams(QUESTION).json(), ensure_ascii=False)


def test_help_is_text_without_a_card() -> None:
    activity = teams.parse(
        json.dumps(
            {
                "type": "message",
                "serviceUrl": SERVICE_URL,
                "from": {"id": "a"},
                "recipient": {"id": "b"},
                "conversation": {"id": "c"},
            }
        ).encode()
    )
    reply = teams.reply(activity, ChatAnswer("", notice="help text"))
    assert reply["text"] == "help text" and "attachments" not in reply


def test_expect_replies_puts_the_reply_in_the_response(chat) -> None:
    reply = chat.teams(QUESTION, deliveryMode="expectReplies").json()
    [activity] = reply["activities"]
    assert activity["type"] == "message" and activity["attachments"]


def test_replies_go_through_the_bot_connector_when_a_password_is_set(
    demo_workspace, tmp_path, monkeypatch
) -> None:
    """The network call itself is replaced: this checks what would be sent, and where."""
    calls: list[tuple[str, dict, dict | None, bool]] = []

    def fake_post(url: str, payload: dict, headers: dict | None = None, form: bool = False):
        calls.append((url, payload, headers, form))
        return {"access_token": "tok", "expires_in": 3600} if form else {"id": "a:1"}

    monkeypatch.setattr(notify, "post_json", fake_post)
    opened = open_chat(demo_workspace, tmp_path, teams_app_password="pw")
    assert opened.teams(QUESTION).status_code == 200
    (token_url, token_form, _, is_form), (url, payload, headers, _) = calls
    assert token_url == notify.TEAMS_TOKEN and is_form
    assert token_form["client_id"] == APP_ID and token_form["scope"] == notify.TEAMS_SCOPE
    assert url == (
        "https://smba.trafficmanager.net/emea/v3/conversations/"
        "19%3Aplatform%40thread.skype/activities/1485983408511"
    )
    assert headers == {"Authorization": "Bearer tok"} and payload["replyToId"] == "1485983408511"
    opened.services.close()


def test_an_activity_delivered_twice_is_answered_once(chat) -> None:
    first = chat.teams(QUESTION, id="1700000000001")
    again = chat.teams(QUESTION, id="1700000000001")
    other = chat.teams(QUESTION, id="1700000000002")
    assert first.status_code == other.status_code == 200
    assert again.status_code == 401 and "already received" in again.json()["detail"]
