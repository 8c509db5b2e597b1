"""Question routing: only people who consented, never opted-out people or those who left, at
most `routing_per_week` each in any 7 days, every routed question logged and queued."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from chat_fixtures import PUBLIC, QUESTION, open_chat
from whoknows.chat.notify import SlackNotifier, TeamsNotifier, notifier_for
from whoknows.cli.main import cli
from whoknows.errors import UsageError
from whoknows.routing import OutboxRow
from whoknows.services.routing import OutboxNotifier, RoutingService
from whoknows.vocab import Consent

NOW = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def chat(demo_workspace, tmp_path):
    opened = open_chat(demo_workspace, tmp_path, routing_per_week=2)
    yield opened
    opened.services.close()


def service(chat) -> RoutingService:
    opened = chat.services
    return RoutingService(opened.workspace, opened.people, opened.search)


def ranked(chat, n: int) -> list[int]:
    return [a.person_id for a in chat.services.search.ask(QUESTION, k=n)]


def test_only_people_who_consented_are_routed_to(chat) -> None:
    routing = service(chat)
    first, second, third = ranked(chat, 3)
    routing.set_consent(str(second), Consent.YES)
    routing.set_consent(str(third), Consent.NO)
    result = routing.route(QUESTION, "slack", "U0ASKER", now=NOW)
    assert [m.person_id for m in result.routed] == [second]
    [message] = result.routed
    assert message.status == "queued" and message.channel == "slack"
    assert QUESTION in message.text and message.link == f"{PUBLIC}/?q=kafka%20consumer%20lag"
    assert message.link in message.text and f"{PUBLIC}/privacy" in message.text
    assert routing.consent(first) == Consent.PENDING and routing.consent(third) == Consent.NO


def test_opted_out_people_are_never_routed_to_even_with_consent(chat) -> None:
    routing = service(chat)
    top = ranked(chat, 1)[0]
    routing.set_consent(str(top), Consent.YES)
    chat.services.privacy.opt_out(str(top), inference=False, visibility=True)
    assert routing.route(QUESTION, "slack", now=NOW).routed == []


def test_people_who_left_are_not_routed_to(chat) -> None:
    routing = service(chat)
    karin = chat.services.people.resolve("Karin Holm")
    routing.set_consent(str(karin), Consent.YES)
    before = routing.route("kafka broker disk alert", "slack", now=NOW, limit=20)
    assert karin in [m.person_id for m in before.routed]  # her end date is 2025-06-30
    after = routing.route("kafka broker disk alert", "slack", now=datetime(2025, 7, 1, tzinfo=UTC))
    assert karin not in [m.person_id for m in after.routed]


def test_weekly_cap_and_log(chat) -> None:
    routing = service(chat)
    top = ranked(chat, 1)[0]
    routing.set_consent(str(top), Consent.YES)
    for day in range(2):
        result = routing.route(QUESTION, "teams", "aad-asker", now=NOW + timedelta(days=day))
        assert [m.person_id for m in result.routed] == [top]
    capped = routing.route(QUESTION, "teams", now=NOW + timedelta(days=6, hours=23))
    assert capped.routed == [] and capped.over_cap == 1
    again = routing.route(QUESTION, "teams", now=NOW + timedelta(days=7, minutes=1))
    assert [m.person_id for m in again.routed] == [top]  # the first one left the window
    log = routing.outbox()
    assert len(log) == 3 and {row.person_id for row in log} == {top}
    assert [row.at for row in log] == ["2024-06-10T09:01:00", "2024-06-04T09:00:00", NOW_TEXT]
    assert log[-1].asker == "aad-asker" and log[-1].question == QUESTION
    assert {row.status for row in log} == {"queued"}


NOW_TEXT = "2024-06-03T09:00:00"


def test_the_asker_is_not_routed_their_own_question(chat) -> None:
    routing = service(chat)
    top = ranked(chat, 1)[0]
    routing.set_consent(str(top), Consent.YES)
    conn = chat.services.workspace.store().conn
    native = conn.execute(
        "SELECT value FROM aliases WHERE person_id = ? AND kind = 'source_id' AND source = 'slack'",
        (top,),
    ).fetchone()
    if native is None:
        pytest.skip("the top person has no Slack id in the demo")
    assert routing.route(QUESTION, "slack", native[0], now=NOW).routed == []


class Recorder:
    name = "recorder"

    def __init__(self) -> None:
        self.sent: list[OutboxRow] = []

    def deliver(self, message: OutboxRow) -> bool:
        self.sent.append(message)
        return True


class Broken:
    name = "broken"

    def deliver(self, message: OutboxRow) -> bool:
        raise OSError("connection refused")


def test_delivery_marks_the_outbox(chat) -> None:
    routing = service(chat)
    first, second = ranked(chat, 2)
    for person in (first, second):
        routing.set_consent(str(person), Consent.YES)
    routing.route(QUESTION, "slack", now=NOW)
    assert routing.deliver(OutboxNotifier()) == 0
    assert len(routing.outbox("queued")) == 2
    [one, _] = routing.outbox("queued")
    assert routing.deliver(Broken(), [one.id]) == 0
    assert [row.error for row in routing.outbox("failed")] == ["broken: connection refused"]
    recorder = Recorder()
    assert routing.deliver(recorder) == 1 and len(recorder.sent) == 1
    assert routing.outbox("queued") == [] and len(routing.outbox("delivered")) == 1


def test_route_through_slack_tells_a_count_never_names(chat) -> None:
    routing = service(chat)
    top = ranked(chat, 1)[0]
    routing.set_consent(str(top), Consent.YES)
    reply = chat.slack("route " + QUESTION).json()
    assert reply["response_type"] == "ephemeral"
    assert "sent to 1 person" in reply["text"]
    name = chat.services.people.show(top).display_name
    assert name not in reply["text"]
    [row] = routing.outbox()
    assert row.person_id == top and row.channel == "slack" and row.asker == "U0ASKER"


def test_route_through_teams(chat) -> None:
    routing = service(chat)
    routing.set_consent(str(ranked(chat, 1)[0]), Consent.YES)
    reply = chat.teams("route: " + QUESTION).json()
    assert "sent to 1 person" in reply["text"] and "attachments" not in reply
    assert routing.outbox()[0].channel == "teams"


def test_notifier_setting(chat) -> None:
    settings = chat.services.settings
    assert isinstance(notifier_for(settings), OutboxNotifier)
    with pytest.raises(UsageError, match="bot token"):
        notifier_for(type(settings)(**{**settings.__dict__, "routing_notifier": "slack"}))
    slack = type(settings)(
        **{**settings.__dict__, "routing_notifier": "slack", "slack_bot_token": "xoxb-1"}
    )
    assert isinstance(notifier_for(slack), SlackNotifier)
    teams = type(settings)(
        **{**settings.__dict__, "routing_notifier": "teams", "teams_app_password": "pw"}
    )
    assert isinstance(notifier_for(teams, "https://smba.example/"), TeamsNotifier)


def test_cli_consent_and_outbox(chat) -> None:
    workspace = str(chat.services.settings.workspace)
    top = ranked(chat, 1)[0]
    runner = CliRunner()
    result = runner.invoke(
        cli, ["--workspace", workspace, "people", "route", str(top), "--consent", "yes"]
    )
    assert result.exit_code == 0, result.output
    assert service(chat).consent(top) == Consent.YES
    service(chat).route(QUESTION, "slack", now=NOW)
    listed = runner.invoke(cli, ["--workspace", workspace, "chat", "outbox", "--status", "queued"])
    assert listed.exit_code == 0 and QUESTION in listed.output and "queued" in listed.output
    refused = runner.invoke(
        cli, ["--workspace", workspace, "people", "route", str(top), "--consent", "maybe"]
    )
    assert refused.exit_code != 0


def test_teams_delivery_opens_a_conversation_then_posts(chat, monkeypatch) -> None:
    """The network call itself is replaced: this checks what would be sent, and where."""
    from whoknows.chat import notify
    from whoknows.ingest import connectors

    calls: list[tuple[str, dict]] = []

    def fake_post(url: str, payload: dict, headers: dict | None = None, form: bool = False):
        calls.append((url, payload))
        return {"access_token": "tok", "expires_in": 3600} if form else {"id": "a:conv"}

    monkeypatch.setattr(notify, "post_json", fake_post)
    routing = service(chat)
    top = ranked(chat, 1)[0]
    routing.set_consent(str(top), Consent.YES)
    conn = chat.services.workspace.store().conn  # the demo's Teams export gives the Teams id
    [teams_id] = conn.execute(
        "SELECT value FROM aliases WHERE person_id = ? AND kind = 'source_id' AND source = ?",
        (top, connectors()["teams"].source),
    ).fetchone()
    [message] = routing.route(QUESTION, "teams", now=NOW).routed
    assert message.address == teams_id
    assert routing.deliver(notify.TeamsNotifier("app", "pw", "https://smba.example/")) == 1
    assert calls[1] == (
        "https://smba.example/v3/conversations",
        {"bot": {"id": "app"}, "members": [{"id": teams_id}], "isGroup": False},
    )
    assert calls[2][0] == "https://smba.example/v3/conversations/a%3Aconv/activities"
    assert calls[2][1]["text"] == message.text
    assert routing.outbox()[0].status == "delivered"


def test_slack_delivery_posts_a_direct_message(chat, monkeypatch) -> None:
    from whoknows.chat import notify

    calls: list[tuple[str, dict, dict | None]] = []

    def fake_post(url: str, payload: dict, headers: dict | None = None, form: bool = False):
        calls.append((url, payload, headers))
        return {"ok": True}

    monkeypatch.setattr(notify, "post_json", fake_post)
    routing = service(chat)
    top = ranked(chat, 1)[0]
    routing.set_consent(str(top), Consent.YES)
    [message] = routing.route(QUESTION, "slack", now=NOW).routed
    assert message.address == "U004CORV"  # Aiko Tanaka's Slack id in the demo
    assert routing.deliver(notify.SlackNotifier("xoxb-test")) == 1
    [(url, payload, headers)] = calls
    assert url == notify.SLACK_POST and payload["channel"] == "U004CORV"
    assert headers == {"Authorization": "Bearer xoxb-test"}


def test_erasure_removes_consent_and_routed_questions(chat) -> None:
    routing = service(chat)
    top = ranked(chat, 1)[0]
    routing.set_consent(str(top), Consent.YES)
    routing.route(QUESTION, "slack", now=NOW)
    chat.services.privacy.erase(str(top))
    conn = chat.services.workspace.store().conn
    for table in ("routing_consent", "routing_log", "routing_outbox"):
        assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table


def test_erasure_masks_the_person_in_questions_routed_to_others(chat) -> None:
    routing = service(chat)
    first, second = ranked(chat, 2)
    routing.set_consent(str(second), Consent.YES)
    name = chat.services.people.show(first).display_name
    question = f"{QUESTION} like {name} fixed last year"
    routing.route(question, "slack", now=NOW)
    chat.services.privacy.erase(str(first))
    [row] = routing.outbox()
    assert name not in row.question and name not in row.text
    assert row.person_id == second


def test_erasure_removes_the_questions_the_person_asked(chat) -> None:
    """A privacy attacker: an erased person's question routed to colleagues stayed queued,
    word for word, only its asker masked."""
    routing = service(chat)
    first, second = ranked(chat, 2)
    routing.set_consent(str(first), Consent.YES)
    routing.set_consent(str(second), Consent.YES)
    omar = chat.services.people.resolve("Omar Haddad")
    routing.route(f"{QUESTION} in the zibbledorf batch", "slack", asker="U013CORV", now=NOW)
    routing.route(QUESTION, "slack", asker="U002CORV", now=NOW)
    asked = len(routing.outbox())
    assert asked >= 2 and any("zibbledorf" in row.question for row in routing.outbox())
    chat.services.privacy.erase(str(omar))
    kept = routing.outbox()
    assert kept and all("zibbledorf" not in row.question for row in kept)
    assert {row.asker for row in kept} == {"U002CORV"}
    conn = chat.services.workspace.store().conn
    assert not conn.execute("SELECT 1 FROM routing_log WHERE question LIKE '%zibble%'").fetchone()


def test_interested_learners_are_never_routed_to(chat) -> None:
    """Someone whose only matching items are questions of their own asked; they do not know."""
    routing = service(chat)
    answers = chat.services.search.ask(QUESTION, k=50)
    learners = [a.person_id for a in answers if a.learner]
    assert learners, "the demo has people who only asked about kafka"
    for person_id in learners:
        routing.set_consent(str(person_id), Consent.YES)
    assert routing.route(QUESTION, "slack", now=NOW).routed == []
