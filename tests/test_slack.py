from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from conftest import sample
from whoknows.demo import SampleSource
from whoknows.errors import InputError
from whoknows.ingest import IngestContext
from whoknows.ingest.slack import SlackConnector, render_text
from whoknows.records import ItemRecord, PersonRecord


def test_render_text_mentions_links_channels() -> None:
    text, mentioned = render_text(
        "<@U01> see <https://wiki.example/k8s|the runbook> in <#C01|platform> &amp; <!here>",
        {"U01": "Inès Moreau"},
    )
    assert text == "@Inès Moreau see the runbook in #platform & @here"
    assert mentioned == ["U01"]


def test_zip_export_messages_threads_bots(sample_org: list[SampleSource]) -> None:
    context = IngestContext()
    records = list(SlackConnector().parse(sample(sample_org, "slack").path, context))
    items = [r for r in records if isinstance(r, ItemRecord)]
    people = [r for r in records if isinstance(r, PersonRecord)]
    assert any(p.ref.is_bot for p in people)
    assert not any("Deployed tracking-api" in i.text for i in items)
    assert context.skipped["slack: bot message"] == 6
    assert context.skipped["slack: join, leave, topic and other system messages"] == 1
    replies = [i for i in items if i.parent_id]
    assert replies and all(r.contributions[0].role == "replier" for r in replies)
    assert all(r.context for r in replies), "a reply is indexed with its thread's question"
    assert any(c.role == "mentioned" for i in items for c in i.contributions)
    assert any(i.signals["reactions"] > 0 for i in items)


def test_folder_export_equals_zip(sample_org: list[SampleSource], tmp_path: Path) -> None:
    with zipfile.ZipFile(sample(sample_org, "slack").path) as archive:
        archive.extractall(tmp_path / "export")
    from_zip = list(SlackConnector().parse(sample(sample_org, "slack").path, IngestContext()))
    from_folder = list(SlackConnector().parse(tmp_path / "export", IngestContext()))
    assert [getattr(r, "native_id", None) for r in from_zip] == [
        getattr(r, "native_id", None) for r in from_folder
    ]


def test_invalid_day_file_names_file_and_position(
    sample_org: list[SampleSource], tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    with zipfile.ZipFile(sample(sample_org, "slack").path) as archive:
        archive.extractall(folder)
    day = sorted((folder / "platform").glob("*.json"))[0]
    day.write_text('[{"type": "message", "ts": ', encoding="utf-8")
    with pytest.raises(InputError, match=rf"{day.name}:1:\d+: invalid JSON"):
        list(SlackConnector().parse(folder, IngestContext()))


def test_a_message_without_ts_is_refused(sample_org: list[SampleSource], tmp_path: Path) -> None:
    """A fifth evaluator's "ts": null was dropped silently."""
    folder = tmp_path / "export"
    with zipfile.ZipFile(sample(sample_org, "slack").path) as archive:
        archive.extractall(folder)
    day = sorted((folder / "platform").glob("*.json"))[0]
    messages = json.loads(day.read_text(encoding="utf-8"))
    messages[0]["ts"] = None
    day.write_text(json.dumps(messages), encoding="utf-8")
    with pytest.raises(InputError, match=rf"{day.name}: a message without ts"):
        list(SlackConnector().parse(folder, IngestContext()))


@pytest.mark.parametrize("key", ["ts", "thread_ts"])
def test_a_timestamp_that_is_no_timestamp_is_refused_where_it_is(
    sample_org: list[SampleSource], tmp_path: Path, key: str
) -> None:
    """An evaluator's "ts": "yesterday at 10:14" ended in a 40-line traceback."""
    folder = tmp_path / "export"
    with zipfile.ZipFile(sample(sample_org, "slack").path) as archive:
        archive.extractall(folder)
    day = sorted((folder / "platform").glob("*.json"))[0]
    messages = json.loads(day.read_text(encoding="utf-8"))
    messages[0][key] = "yesterday at 10:14"
    day.write_text(json.dumps(messages), encoding="utf-8")
    with pytest.raises(
        InputError,
        match=rf"{day.name}:entry {key}=yesterday at 10:14: {key} 'yesterday at 10:14' is not a",
    ):
        list(SlackConnector().parse(folder, IngestContext()))


def test_not_a_slack_export(tmp_path: Path) -> None:
    (tmp_path / "users.json").write_text(json.dumps([]), encoding="utf-8")
    with pytest.raises(InputError, match="not a Slack export"):
        list(SlackConnector().parse(tmp_path, IngestContext()))
    bad_zip = tmp_path / "export.zip"
    bad_zip.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(InputError, match="not a zip file"):
        list(SlackConnector().parse(bad_zip, IngestContext()))


def test_a_thanks_reply_weighs_as_little_as_in_teams(tmp_path: Path) -> None:
    """A French team's "Top, merci !" under an answer acknowledges, and weighs as little as the
    same reply in Teams (Slack kept it at full weight)."""
    users = [
        {"id": f"U{n}", "name": f"user{n}", "real_name": name}
        for n, name in enumerate(["Julien Roux", "Camille Rousseau"], 1)
    ]
    (tmp_path / "users.json").write_text(json.dumps(users), encoding="utf-8")
    channels = [{"id": "C1", "name": "infra"}]
    (tmp_path / "channels.json").write_text(json.dumps(channels), encoding="utf-8")
    (tmp_path / "infra").mkdir()
    thread = "1709632862.000100"
    messages = [
        {
            "type": "message",
            "user": "U1",
            "ts": thread,
            "thread_ts": thread,
            "text": "La readiness probe du portail échoue depuis le déploiement, une idée ?",
        },
        {
            "type": "message",
            "user": "U2",
            "ts": "1709632900.000200",
            "thread_ts": thread,
            "text": "Passe initialDelaySeconds à 30 : le portail met 25 s à démarrer.",
        },
        {
            "type": "message",
            "user": "U1",
            "ts": "1709633000.000300",
            "thread_ts": thread,
            "text": "Top, merci !",
        },
    ]
    (tmp_path / "infra" / "2024-03-05.json").write_text(json.dumps(messages), encoding="utf-8")
    context = IngestContext()
    items = {
        i.text: i for i in SlackConnector().parse(tmp_path, context) if isinstance(i, ItemRecord)
    }
    thanks = items["Top, merci !"].contributions[0]
    assert thanks.role == "acknowledger" and thanks.weight < 0.5
    answer = items["Passe initialDelaySeconds à 30 : le portail met 25 s à démarrer."]
    assert answer.contributions[0].role == "replier" and answer.contributions[0].weight == 1.0
    assert context.notes["slack: thanks or +1 reply, kept with a low weight"] == 1


def test_an_opener_who_tells_the_fix_answers_their_own_thread(tmp_path: Path) -> None:
    """A ninth evaluator's engineer asked why the Airflow scheduler was stuck, then posted the
    fix in the thread; he was listed as an interested learner, his fix as "asked". A reply of
    the opener that tells the fix is a self-answer; one that follows up stays a follow-up."""
    users = [{"id": "U1", "name": "hugo", "real_name": "Hugo Berg"}]
    (tmp_path / "users.json").write_text(json.dumps(users), encoding="utf-8")
    (tmp_path / "channels.json").write_text(json.dumps([{"id": "C1", "name": "data"}]))
    (tmp_path / "data").mkdir()
    thread = "1709632862.000100"
    texts = [
        "The airflow scheduler is stuck, DAG runs queued forever",
        "I tried restarting the scheduler, it still fails",
        "Fixed: the airflow DAG parsing timeout was too low; raised dagbag_import_timeout and "
        "the scheduler picks the DAG runs up.",
    ]
    messages = [
        {"type": "message", "user": "U1", "ts": f"17096329{n}0.000100", "thread_ts": thread}
        | {"text": text}
        for n, text in enumerate(texts, 0)
    ]
    messages[0]["ts"] = thread
    (tmp_path / "data" / "2024-03-05.json").write_text(json.dumps(messages), encoding="utf-8")
    roles = [
        i.contributions[0].role
        for i in SlackConnector().parse(tmp_path, IngestContext())
        if isinstance(i, ItemRecord)
    ]
    assert roles == ["asker", "replier", "answerer"]


def _thread_export(
    folder: Path, threads: list[list[tuple[str, str]]], names: dict[str, str] | None = None
) -> Path:
    """A Slack export of one channel, each thread a list of (user id, text); users U1 to U4
    named ``names`` (else "Person 1" to "Person 4")."""
    folder.mkdir()
    names = names or {f"U{n}": f"Person {n}" for n in range(1, 5)}
    users = [{"id": k, "name": k.lower(), "real_name": v} for k, v in names.items()]
    (folder / "users.json").write_text(json.dumps(users), encoding="utf-8")
    (folder / "channels.json").write_text(json.dumps([{"id": "C1", "name": "ops"}]))
    (folder / "ops").mkdir()
    messages = []
    for number, thread in enumerate(threads):
        root = f"17096{number}0000.000100"
        for at, (user, text) in enumerate(thread):
            ts = root if at == 0 else f"17096{number}0{at}00.000100"
            messages.append({"type": "message", "user": user, "ts": ts, "thread_ts": root})
            messages[-1]["text"] = text
    (folder / "ops" / "2024-03-05.json").write_text(json.dumps(messages), encoding="utf-8")
    return folder


def test_long_thanks_rank_nobody_and_an_opener_s_own_fix_answers(tmp_path: Path) -> None:
    """A ninth evaluator's channel: a colleague's long thanks ("Thanks Sue, very useful
    kubernetes DNS debugging guide, bookmarking it for later") ranked him first for
    "kubernetes DNS"; an engineer's own fix of his HPA question made him a learner."""
    from conftest import make_service

    names = {"U1": "Sue Grant", "U2": "Raj Patel", "U3": "Victor Hugo", "U4": "Tim Young"}
    threads = [
        [
            ("U1", "PSA: how to debug kubernetes DNS. Run a dnsutils pod, nslookup the service "
             "FQDN, check CoreDNS logs and the ndots setting in resolv.conf; most of our DNS "
             "timeouts came from ndots:5 on external names."),
            ("U4", "thanks Sue"),
            ("U2", "Thanks Sue, very useful kubernetes DNS debugging guide, bookmarking it for "
             "later"),
        ],
        [
            ("U3", "Kubernetes HPA does not scale the workers"),
            ("U3", "Found it myself: the HPA had no metrics because metrics-server was missing "
             "the --kubelet-insecure-tls flag; with it the HPA scales the workers on CPU."),
        ],
    ]  # fmt: skip
    export = _thread_export(tmp_path / "export", threads, names)
    service = make_service(tmp_path / "ws")
    service.ingest.ingest("slack", export)
    dns = service.search.ask("kubernetes DNS", k=5)
    assert dns and all(a.name != "Raj Patel" or a.learner for a in dns)
    hpa = service.search.ask("kubernetes HPA", k=5)
    assert hpa[0].name == "Victor Hugo" and not hpa[0].learner
    service.close()


def test_one_answer_pasted_under_two_questions_is_one_thread_vote(tmp_path: Path) -> None:
    """A ninth evaluator's engineer pasted one answer under two questions: the questions'
    votes for her answerers counted it twice, and she ranked above the colleague whose two
    answers differ."""
    from conftest import make_service
    from whoknows.rank.rankers import feature_builder

    answer = "Rotate the Vault secret with vault kv put and restart the consumers afterwards."
    found = {}
    for name, second in (("pasted", answer), ("written", answer.replace("restart", "reload"))):
        threads = [
            [
                ("U3", "How do we rotate the Vault secret for the payments service?"),
                ("U1", answer),
                ("U2", "The ops/vault-rotate.sh script rotates the secret and reloads payments."),
            ],
            [
                ("U4", "Vault secret rotation for the billing service, how?"),
                ("U1", second),
                ("U2", "Run ops/vault-rotate.sh billing: the secret rotates, billing reloads."),
            ],
        ]
        service = make_service(tmp_path / name)
        service.ingest.ingest("slack", _thread_export(tmp_path / f"{name}-export", threads))
        evidence = service.workspace.evidence()
        candidates = feature_builder(evidence, 500).build("vault secret rotation")
        person = service.people.list_people("Person 1")[0].id
        found[name] = candidates.column("lex_thread_vote")[candidates.people.index(person)]
        service.close()
    assert 0 < found["pasted"] < found["written"]


def test_another_kind_of_file_is_no_slack_export(tmp_path: Path) -> None:
    """A mailbox given to the Slack reader was "not a zip file (or a damaged one); unzip it
    and retry" (a second evaluator): it is no export at all."""
    mailbox = tmp_path / "team.mbox"
    mailbox.write_text("From a@b.c Mon Jan  1 00:00:00 2024\nSubject: hi\n\nhello\n", "utf-8")
    with pytest.raises(InputError, match=r"team\.mbox: not a Slack export; give the export's"):
        list(SlackConnector().parse(mailbox, IngestContext()))
