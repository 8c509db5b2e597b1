from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from connector_checks import (
    FIXTURES,
    assert_ingest_twice_adds_nothing,
    assert_rejected_store_unchanged,
    light_service,
    people_with_email,
    sources_of,
    write_mbox,
)
from whoknows.errors import InputError
from whoknows.ingest import IngestContext
from whoknows.ingest.teams import TeamsConnector
from whoknows.records import ItemRecord, PersonRecord
from whoknows.vocab import ContributionRole

TEAMS = FIXTURES / "teams"
CHANNEL = "19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2"


def parse(path: Path, context: IngestContext | None = None) -> list[ItemRecord]:
    records = TeamsConnector().parse(path, context or IngestContext())
    return [r for r in records if isinstance(r, ItemRecord)]


def by_id(items: list[ItemRecord]) -> dict[str, ItemRecord]:
    return {i.native_id: i for i in items}


def test_messages_roles_mentions_and_reactions() -> None:
    items = by_id(parse(TEAMS))
    question = items[f"{CHANNEL}:1709632862395"]
    assert question.title == "Kafka consumer lag after upgrade"
    assert "growing after the 2.8 upgrade & restarts don't help" in question.text
    assert "@Łukasz, is it the <max.poll.records> setting?" in question.text
    roles = [(c.person.name, c.role) for c in question.contributions]
    assert roles == [
        ("Inès Moreau", ContributionRole.ASKER),  # a thread that starts with a question asks
        ("Łukasz Nowak", ContributionRole.MENTIONED),
    ]
    assert question.url and question.url.startswith("https://teams.microsoft.com/l/message/")
    answer = items[f"{CHANNEL}:1709632990000"]
    assert answer.contributions[0].role == ContributionRole.REPLIER
    assert answer.contributions[0].weight == 1.0
    assert answer.signals["reactions"] == 3.0
    chat = next(i for i in items.values() if i.native_id.endswith("@unq.gbl.spaces:1709800000000"))
    assert chat.contributions[0].person.name == "Tomás Ferreira"
    assert chat.url is None


def test_replies_thread_under_their_parent_even_when_read_first() -> None:
    items = by_id(parse(TEAMS))
    parent = f"{CHANNEL}:1709632862395"
    replies = [i for i in items.values() if i.parent_id == parent]
    assert len(replies) == 2
    assert all(r.thread_id == parent for r in replies)
    assert all(r.title == "Re: Kafka consumer lag after upgrade" for r in replies)
    assert all((r.context or "").startswith("Consumer lag on tracking-events") for r in replies)
    expanded = [i for i in items.values() if i.parent_id == f"{CHANNEL}:1709540000000"]
    assert len(expanded) == 2, "$expand=replies threads under the message that holds them"


def test_thanks_kept_with_low_weight() -> None:
    context = IngestContext()
    items = by_id(parse(TEAMS, context))
    thanks = items[f"{CHANNEL}:1709633100000"]
    assert thanks.text == "Thanks Łukasz! 🙏"
    assert thanks.contributions[0].weight < 0.5
    assert context.notes["teams: thanks or +1 reply, kept with a low weight"] == 2


def test_system_events_deleted_bots_and_attachments_are_skipped() -> None:
    context = IngestContext()
    items = parse(TEAMS, context)
    assert len(items) == 8
    assert context.skipped == {
        "teams: system event (members added, call, rename and the like)": 2,
        "teams: deleted message": 1,
        "teams: bot or app message": 1,
        "teams: message without text (attachments or cards only)": 1,
    }
    assert not any("Build #412" in i.text for i in items)


def test_members_give_emails() -> None:
    records = list(TeamsConnector().parse(TEAMS, IngestContext()))
    people = {r.ref.name: r for r in records if isinstance(r, PersonRecord)}
    assert people["Łukasz Nowak"].emails == ["lukasz.nowak@corvid.example"]
    assert people["Inès Moreau"].ref.native_id == "8ea0e38b-efb3-4757-924a-5f94061cf8c2"


def test_edited_message_keeps_the_latest_version(tmp_path: Path) -> None:
    folder = tmp_path / "dump"
    shutil.copytree(TEAMS, folder)
    page = json.loads((folder / "platform-messages-1.json").read_text(encoding="utf-8"))
    edited = next(m for m in page["value"] if m["id"] == "1709719200000")
    older = dict(edited, lastModifiedDateTime="2024-03-06T10:00:00Z")
    older["body"] = {"contentType": "text", "content": "Rollback: helm rollback (draft)"}
    newer = dict(edited, lastModifiedDateTime="2024-03-07T09:00:00Z")
    newer["body"] = {"contentType": "text", "content": "Rollback: helm rollback, then check"}
    (folder / "zz-older.json").write_text(json.dumps([older]), encoding="utf-8")
    (folder / "zzz-newer.json").write_text(json.dumps({"value": [newer]}), encoding="utf-8")
    context = IngestContext()
    versions = [i for i in parse(folder, context) if i.native_id.endswith(":1709719200000")]
    assert [v.text.split(":")[0] for v in versions] == [
        "Rollback procedure for tracking-api",
        "Rollback",
    ]
    assert versions[-1].text == "Rollback: helm rollback, then check"
    assert context.skipped["teams: the same message read twice (older or equal version)"] == 1


def test_ingest_twice_changes_no_row(tmp_path: Path) -> None:
    service = light_service(tmp_path / "ws")
    assert_ingest_twice_adds_nothing(service, "teams", TEAMS)
    service.close()


def test_truncated_file_is_one_line_error_and_store_unchanged(tmp_path: Path) -> None:
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("teams", TEAMS)
    folder = tmp_path / "more"
    shutil.copytree(TEAMS, folder)
    shutil.copy(FIXTURES / "broken" / "teams-truncated.json", folder / "zz-page.json")
    error = assert_rejected_store_unchanged(
        service, "teams", folder, r"zz-page\.json:\d+:\d+: truncated JSON"
    )
    assert "truncated JSON" in str(error)
    service.close()


def test_skip_errors_reads_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "dump"
    shutil.copytree(TEAMS, folder)
    (folder / "odd.json").write_text('{"@odata.context": "x", "items": 3}', encoding="utf-8")
    with pytest.raises(InputError, match=r"odd\.json:1: not a Graph response"):
        parse(folder)
    context = IngestContext(skip_errors=True)
    assert len(parse(folder, context)) == 8
    assert len(context.problems) == 1


def test_same_email_in_teams_and_mail_is_one_person(tmp_path: Path) -> None:
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("teams", TEAMS)
    mbox = tmp_path / "inbox.mbox"
    mbox.write_text(
        "From ines@x Tue Mar  5 10:00:00 2024\n"
        "From: =?utf-8?q?In=C3=A8s_Moreau?= <Ines.Moreau@corvid.example>\n"
        "To: Tomás Ferreira <tomas.ferreira@corvid.example>\n"
        "Subject: consumer lag\nMessage-ID: <lag-1@corvid.example>\n"
        "Date: Tue, 5 Mar 2024 10:00:00 +0000\n\n"
        "Raising max.poll.interval.ms fixed the lag.\n",
        encoding="utf-8",
    )
    service.ingest.ingest("mbox", mbox)
    people = people_with_email(service, "ines.moreau@corvid.example")
    assert len(people) == 1
    assert sources_of(service, people.pop()) == {"teams", "mail"}
    service.close()


def test_an_opener_who_tells_the_fix_answers_in_teams(tmp_path: Path) -> None:
    """A thread's opener who comes back with the fix answered it, in every chat source."""
    from whoknows.ingest.teams import TeamsConnector

    def message(number: int, text: str, parent: int | None = None) -> dict[str, object]:
        found: dict[str, object] = {
            "id": str(number),
            "messageType": "message",
            "createdDateTime": f"2024-03-05T10:0{number}:00Z",
            "from": {"user": {"id": "u1", "displayName": "Hugo Berg"}},
            "body": {"contentType": "text", "content": text},
            "channelIdentity": {"teamId": "t1", "channelId": "c1"},
        }
        return found | ({"replyToId": str(parent)} if parent else {})

    thread = message(1, "Why is the airflow scheduler stuck?") | {
        "replies": [
            message(2, "Restarted it, still failing.", 1),
            message(3, "Fixed: the DAG parsing timeout was too low; raised it, runs start.", 1),
        ]
    }
    path = tmp_path / "teams.json"
    path.write_text(json.dumps({"value": [thread]}), encoding="utf-8")
    items = [r for r in TeamsConnector().parse(path, IngestContext()) if isinstance(r, ItemRecord)]
    assert [i.contributions[0].role for i in items] == ["asker", "replier", "answerer"]


@pytest.mark.parametrize(
    "change",
    [{"from": "Marcus Bell"}, {"body": ["text"]}, {"createdDateTime": "yesterday"}],
)
def test_a_misshapen_message_is_refused_where_it_is(
    tmp_path: Path, change: dict[str, object]
) -> None:
    """An evaluator's message "from": "Marcus Bell" was counted as an app's message, exit 0."""
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("teams", TEAMS)
    folder = tmp_path / "more"
    shutil.copytree(TEAMS, folder)
    page = json.loads((folder / "platform-messages-1.json").read_text(encoding="utf-8"))
    page["value"][0].update(change)
    (folder / "platform-messages-1.json").write_text(json.dumps(page), encoding="utf-8")
    assert_rejected_store_unchanged(
        service,
        "teams",
        folder,
        r"platform-messages-1\.json:",
        "a message's from and body must be objects and its dates ISO dates",
    )
    service.close()


def test_a_file_of_another_shape_is_refused_and_one_odd_entry_is_a_skip(tmp_path: Path) -> None:
    """An attacker's valid JSON of the wrong shape ({"value": [{"id", "from": "raj", "body":
    5}]}) was "skipped 1 entry that is neither a message nor a member", exit 0."""
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("teams", TEAMS)
    folder = tmp_path / "more"
    shutil.copytree(TEAMS, folder)
    odd = {"id": "1", "from": "raj", "body": 5}
    (folder / "x.json").write_text(json.dumps({"value": [odd]}), encoding="utf-8")
    error = assert_rejected_store_unchanged(
        service, "teams", folder, r"x\.json:entry 1: no Teams message nor member in this file"
    )
    assert '"messageType"' in error.one_line() and '"userId"' in error.one_line()
    # a page of messages with an odd entry among them: the messages are read, the entry skipped
    page = json.loads((folder / "platform-messages-1.json").read_text(encoding="utf-8"))
    page["value"].append(odd)
    (folder / "x.json").write_text(json.dumps(page), encoding="utf-8")
    context = IngestContext()
    assert len(parse(folder, context)) == 8
    assert context.skipped["teams: entry that is neither a message nor a member"] == 1
    service.close()


def test_a_users_page_without_types_gives_emails(tmp_path: Path) -> None:
    """/users answers its users without "@odata.type": read as members are."""
    path = tmp_path / "users.json"
    user = {"id": "u-1", "displayName": "Mei Tanaka", "mail": "mei.tanaka@corvid.example"}
    path.write_text(json.dumps({"value": [user]}), encoding="utf-8")
    (person,) = TeamsConnector().parse(path, IngestContext())
    assert isinstance(person, PersonRecord) and person.emails == ["mei.tanaka@corvid.example"]


def test_a_group_in_a_users_page_is_no_member() -> None:
    """A reviewer's: a Graph group object with a mail ("Platform Team") was read as a person."""
    from whoknows.ingest.teams import _member_of

    group = {
        "@odata.type": "#microsoft.graph.group",
        "id": "g1",
        "displayName": "Platform Team",
        "mail": "platform@corp.example",
        "groupTypes": ["Unified"],
    }
    assert _member_of(group) is None
    user = {"id": "u1", "displayName": "Ana Lys", "mail": "ana@corp.example"}
    assert _member_of(user) is not None


def test_a_member_list_read_after_its_messages_joins_the_account_to_its_address(
    tmp_path: Path,
) -> None:
    """A département's network engineer was four people: his Teams messages, read before the
    member list, made a person of his account, and the list's address, held by his directory
    entry already, could not be the account's. His namesake's account, listed before any
    message of his, was joined. Both are now, each to the right entry."""
    (tmp_path / "people.csv").write_text(
        "id,name,email,title\n"
        "D0111,Julien MOREAU,julien.moreau@valdelys.fr,Ingénieur réseaux\n"
        "D0224,Julien MOREAU,julien.moreau2@valdelys.fr,Agent d'exploitation routière\n",
        encoding="utf-8",
    )
    teams = tmp_path / "teams"
    teams.mkdir()
    _page(teams / "a-messages.json", [_message("u-net", "MOREAU Julien", "Le VPN passe en SSL.")])
    members = [
        _member(user, "MOREAU Julien", email)
        for user, email in (
            ("u-net", "julien.moreau@valdelys.fr"),
            ("u-road", "julien.moreau2@valdelys.fr"),
        )
    ]
    _page(teams / "members.json", members)
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("people", tmp_path / "people.csv")
    service.ingest.ingest("teams", teams)
    listed = service.people.list_people(limit=20)
    assert sorted(p.display_name for p in listed) == ["Julien MOREAU"] * 2, listed
    engineer = next(p for p in listed if p.title == "Ingénieur réseaux")
    shown = service.people.show(engineer.id)
    assert ("source_id", "u-net") in {(a.kind, a.value) for a in shown.aliases}
    service.close()


def test_a_member_list_never_moves_a_person_known_by_an_address(tmp_path: Path) -> None:
    """An attacker's namesakes at two firms, no directory: the engineer's Teams account joined
    him by name; a member list then giving that account the other firm's buyer's address had
    merged the two men (the account is the engineer, whom another's address cannot move)."""
    write_mbox(
        tmp_path / "a.mbox",
        [("Julien Moreau <jm@alpha-reseaux.fr>", "SD-WAN", "Le lien SD-WAN bascule sur 4G.")],
    )
    write_mbox(
        tmp_path / "b.mbox",
        [("Julien Moreau <julien.moreau@beta-assurances.fr>", "Facture", "Facture 2025-114.")],
    )
    messages, members = tmp_path / "messages", tmp_path / "members"
    messages.mkdir()
    members.mkdir()
    _page(messages / "a.json", [_message("u1", "Julien Moreau", "Le SD-WAN repasse sur la fibre.")])
    _page(
        members / "members.json",
        [_member("u1", "Julien Moreau", "julien.moreau@beta-assurances.fr")],
    )
    service = light_service(tmp_path / "ws")
    for connector, path in [("mbox", "a.mbox"), ("teams", "messages"), ("mbox", "b.mbox")]:
        service.ingest.ingest(connector, tmp_path / path)
    service.ingest.ingest("teams", members)
    listed = [p for p in service.people.list_people(limit=20) if p.display_name == "Julien Moreau"]
    assert len(listed) == 2, listed
    for person in listed:
        held = {a.value for a in service.people.show(person.id).aliases if a.kind == "email"}
        assert len(held) == 1, held  # (one firm's address each)
    service.close()


@pytest.mark.parametrize("first", ["members", "messages"])
def test_an_account_listed_with_another_s_address_never_becomes_them(
    tmp_path: Path, first: str
) -> None:
    """An attacker's monitoring account, "Supervision Réseau", listed with its engineer's
    address: read before its alerts it took the engineer's place (his evidence its alert),
    read after them it made him a bot. A login that holds no word of the account's name is
    its owner's address; a /users entry without a mail is joined by its sign-in address."""
    (tmp_path / "people.csv").write_text(
        "id,name,email,title\nM1,Marc Lefebvre,marc.lefebvre@alize.fr,Responsable supervision\n"
        "M2,Nadia Benali,nadia.benali@alize.fr,Cheffe de projet\n"
        "M3,Brigitte Martin,brigitte.martin@alize.fr,Ingénieure réseau\n",
        encoding="utf-8",
    )
    messages, members = tmp_path / "messages", tmp_path / "members"
    messages.mkdir()
    members.mkdir()
    alert = "Alerte : interface Gi1/0/24 du switch SW-NANTES-02 down depuis 03:12."
    _page(messages / "a.json", [_message("svc", "Supervision Réseau", alert)])
    listed = [_member("svc", "Supervision Réseau", "marc.lefebvre@alize.fr")]
    listed.append(_member("svc2", "Supervision IT", "brigitte.martin@alize.fr"))  # ("it": no word)
    listed.append({"id": "nb", "displayName": "Nadia B.", "mail": None})
    listed[-1]["userPrincipalName"] = "nadia.benali@alize.fr"
    _page(members / "users.json", listed)
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("people", tmp_path / "people.csv")
    for path in (members, messages) if first == "members" else (messages, members):
        service.ingest.ingest("teams", path)
    people = {p.display_name: p for p in service.people.list_people(limit=20)}
    assert "Nadia B." not in people, people  # (joined by her sign-in address)
    for name, account in (("Marc Lefebvre", "svc"), ("Brigitte Martin", "svc2")):
        shown = service.people.show(people[name].id)
        assert not shown.is_bot and account not in {a.value for a in shown.aliases}, name
    service.close()


def _message(user: str, name: str, text: str) -> dict[str, object]:
    """A channel's first message, as Microsoft Graph gives it."""
    return {
        "id": "1733000000000",
        "replyToId": None,
        "messageType": "message",
        "createdDateTime": "2025-11-20T09:00:00Z",
        "from": {"user": {"id": user, "displayName": name}},
        "body": {"contentType": "text", "content": text},
        "channelIdentity": {"teamId": "t1", "channelId": "19:dn@thread.tacv2"},
    }


def _member(user: str, name: str, email: str) -> dict[str, object]:
    """A team's member with the address its list gives."""
    return {
        "@odata.type": "#microsoft.graph.aadUserConversationMember",
        "userId": user,
        "displayName": name,
        "email": email,
    }


def _page(path: Path, entries: list[dict[str, object]]) -> None:
    path.write_text(json.dumps({"value": entries}), encoding="utf-8")
