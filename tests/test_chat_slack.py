"""The Slack slash command: signed requests answered, unsigned, forged and replayed ones refused;
the answer is the web search's, honours opt-outs and aggregate-only mode, and fits Block Kit."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from chat_fixtures import PUBLIC, QUESTION, SECRET, open_chat, section_texts
from whoknows.chat import slack
from whoknows.chat.deferred import within
from whoknows.errors import UsageError, VerificationError
from whoknows.vocab import Consent


@pytest.fixture
def chat(demo_workspace, tmp_path):
    opened = open_chat(demo_workspace, tmp_path)
    yield opened
    opened.services.close()


def test_signature_matches_slacks_documented_example() -> None:
    """The example of Slack's "Verifying requests from Slack" page."""
    body = (
        b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&"
        b"channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&"
        b"command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands"
        b"%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        b"&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    )
    expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    assert slack.signature(SECRET, "1531420618", body) == expected
    headers = {"x-slack-request-timestamp": "1531420618", "x-slack-signature": expected}
    slack.verify(SECRET, headers, body, now=1531420618 + 60)
    with pytest.raises(VerificationError, match="five minutes"):
        slack.verify(SECRET, headers, body, now=1531420618 + 301)


def test_answer_names_the_people_the_web_search_ranks(chat) -> None:
    response = chat.slack(QUESTION)
    assert response.status_code == 200
    reply = response.json()
    assert reply["response_type"] == "in_channel"
    expected = chat.services.search.ask(QUESTION, k=10)
    sections = section_texts(reply)
    assert len(sections) == len(expected) > 2
    for person, text in zip(expected, sections, strict=True):
        assert f"<{PUBLIC}/people/{person.person_id}|{person.name}>" in text
        assert person.department in text
    assert "Kafka consumer lag" in sections[0]  # the why line: their best evidence


def test_requests_not_signed_with_the_secret_are_refused(chat) -> None:
    assert chat.slack(QUESTION, secret="not-the-secret").status_code == 401
    unsigned = chat.client.post("/integrations/slack/commands", content=b"command=%2Fwhoknows")
    assert unsigned.status_code == 401
    stamp = str(int(time.time()))
    body = b"command=%2Fwhoknows&text=kafka&user_id=U1&team_id=T1&channel_id=C1"
    tampered = chat.client.post(
        "/integrations/slack/commands",
        content=body + b"x",
        headers={
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": slack.signature(SECRET, stamp, body),
        },
    )
    assert tampered.status_code == 401
    not_a_number = chat.client.post(
        "/integrations/slack/commands",
        content=body,
        headers={"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=00"},
    )
    assert not_a_number.status_code == 401


def test_replayed_requests_are_refused(chat) -> None:
    assert chat.slack(QUESTION, at=time.time() - 330).status_code == 401
    assert chat.slack(QUESTION, at=time.time() + 330).status_code == 401  # whole seconds
    assert chat.slack(QUESTION, at=time.time() - 200).status_code == 200


def test_an_exact_replay_within_five_minutes_is_refused(chat) -> None:
    """The same signed request sent twice within the window is handled once: a replayed
    `route` would otherwise queue the question again for the same people."""
    [top] = [a.person_id for a in chat.services.search.ask(QUESTION, k=1)]
    chat.services.routing.set_consent(str(top), Consent.YES)
    sent = time.time()
    for text in (QUESTION, f"route {QUESTION}"):
        first, replay = (chat.slack(text, at=sent) for _ in range(2))  # the same bytes twice
        assert first.status_code == 200
        assert replay.status_code == 401 and "already received" in replay.json()["detail"]
    assert [row.person_id for row in chat.services.routing.outbox()] == [top]
    stored = [
        row[0]
        for row in chat.services.workspace.store().conn.execute("SELECT key FROM chat_requests")
    ]
    assert stored and not any(key.startswith("v0=") for key in stored), "hashes only"


def test_without_a_signing_secret_everything_is_refused(demo_workspace, tmp_path) -> None:
    opened = open_chat(demo_workspace, tmp_path, slack_signing_secret="")
    response = opened.slack(QUESTION, secret="")
    assert response.status_code == 401
    assert "WHOKNOWS_SLACK_SIGNING_SECRET" in response.json()["detail"]
    opened.services.close()


def test_malformed_but_signed_bodies_get_400(chat) -> None:
    assert chat.slack("", body=b"text=kafka&user_id=U1").status_code == 400  # no command
    assert chat.slack("", body=b"\xff\xfe\x00garbage").status_code == 400
    assert chat.slack("", body=b"a=1&&&b").status_code == 400
    assert chat.slack("", body=b"ssl_check=1&token=x").status_code == 200


def test_no_session_cookie_and_no_csrf_needed(chat) -> None:
    response = chat.slack(QUESTION)
    assert response.status_code == 200 and "set-cookie" not in response.headers


def test_opted_out_people_are_absent(chat) -> None:
    top = chat.services.search.ask(QUESTION, k=1)[0]
    chat.services.privacy.opt_out(str(top.person_id), inference=False, visibility=True)
    text = json.dumps(chat.slack(QUESTION).json())
    assert top.name not in text and f"/people/{top.person_id}|" not in text


def test_aggregate_only_mode_names_departments_never_people(demo_workspace, tmp_path) -> None:
    opened = open_chat(demo_workspace, tmp_path, min_group_size=3)
    opened.services.privacy.set_aggregate_only(True)
    names = [a.name for a in opened.services.search.ask(QUESTION, k=10)]
    text = json.dumps(opened.slack(QUESTION).json(), ensure_ascii=False)
    assert not any(name in text for name in names)
    assert "/people/" not in text
    assert "*Data*: 3" in text and "smaller teams together" in text
    assert "Customer Support" not in text  # (fewer people than min_group_size)
    opened.services.close()


def test_aggregate_only_applies_to_the_viewer_role_only(demo_workspace, tmp_path) -> None:
    opened = open_chat(demo_workspace, tmp_path, chat_role="consultant")
    opened.services.privacy.set_aggregate_only(True)
    top = opened.services.search.ask(QUESTION, k=1)[0]
    assert top.name in json.dumps(opened.slack(QUESTION).json(), ensure_ascii=False)
    opened.services.close()


def test_default_group_size_hides_every_small_department(demo_workspace, tmp_path) -> None:
    opened = open_chat(demo_workspace, tmp_path)
    opened.services.privacy.set_aggregate_only(True)
    reply = opened.slack(QUESTION).json()
    text = section_texts(reply)[0]
    assert "Data" not in text and "smaller teams together: " in text
    opened.services.close()


def test_blocks_stay_within_slacks_limits(chat) -> None:
    long_question = "kafka consumer lag " + "partition rebalance offsets " * 40
    reply = chat.slack(long_question).json()
    assert reply["response_type"] == "in_channel"
    assert len(reply["blocks"]) <= slack.MAX_BLOCKS
    assert len(reply["blocks"][0]["text"]["text"]) <= slack.MAX_HEADER
    for block in reply["blocks"]:
        texts = [block["text"]] if "text" in block else block.get("elements", [])
        assert all(len(t["text"]) <= slack.MAX_TEXT for t in texts)
        assert block["type"] in {"header", "section", "context"}
    assert isinstance(reply["text"], str) and reply["text"]


def test_help_and_empty_text_answer_only_the_asker(chat) -> None:
    for text in ("", "help"):
        reply = chat.slack(text).json()
        assert reply["response_type"] == "ephemeral" and "/whoknows route" in reply["text"]


def test_the_why_line_says_what_the_web_says_beside_the_evidence(chat) -> None:
    """The support agent listed for application secrets on an App Store hotfix: the chat
    answer says her evidence lacks the words, as the page and the CLI do; a document's
    writer is said as known (the runbook's author property)."""
    question = "where do we store application secrets? (secrets, Vault)"
    expected = chat.services.search.ask(question, k=10)
    texts = section_texts(chat.slack(question).json())
    sections = dict(zip((p.name for p in expected), texts, strict=True))
    assert "their evidence lacks: application, secrets, and vault" in sections["Zoë Chen"]
    assert "lacks" not in sections["Léa Fontaine"]
    first = section_texts(chat.slack("debugging CrashLoopBackOff").json())[0]
    assert "Inès Moreau" in first and "Debugging CrashLoopBackOff" in first
    assert "the file's author property" in first, first


def test_markup_in_names_is_escaped() -> None:
    assert slack.escape("<@U1> & <!channel>") == "&lt;@U1&gt; &amp; &lt;!channel&gt;"


def test_parse_keeps_only_slacks_response_urls() -> None:
    body = (
        b"command=%2Fwhoknows&text=x&user_id=U1&team_id=T1&channel_id=C1"
        b"&response_url=https%3A%2F%2Fevil.example%2Fhook"
    )
    assert slack.parse(body).response_url is None
    with pytest.raises(UsageError):
        slack.parse(b"x" * (slack.MAX_BODY + 1))


def test_slow_answers_are_acknowledged_and_posted_later() -> None:
    posted: list[str] = []

    async def slow() -> str:
        await asyncio.sleep(0.2)
        return "answer"

    async def fast() -> str:
        return "answer"

    async def run() -> tuple[str | None, str | None]:
        quick = await within(1.0, fast(), posted.append)
        late = await within(0.01, slow(), posted.append)
        await asyncio.sleep(0.4)
        return quick, late

    assert asyncio.run(run()) == ("answer", None)
    assert posted == ["answer"]
