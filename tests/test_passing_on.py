"""Real experts' messages a reviewer wrote to trip the rules that pass work on (templates,
notices, releases, translations, copies, digests, imports, tickets): each stays its writer's,
beside the case each rule was made for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whoknows.ingest import IngestContext
from whoknows.ingest._digests import digest
from whoknows.ingest._forge import Thread, commands_a_bot, thread_roles
from whoknows.ingest._templates import skeleton
from whoknows.ingest._threads import message_role, tells_own_fix
from whoknows.ingest.git import _weight
from whoknows.ingest.jira import JiraConnector
from whoknows.records import ItemRecord, PersonRef


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # a vendor engineer's own fix, his company's notice in the signature
        (
            "Bonjour,\nVous trouverez ci-dessous la procédure de correction : arrêter le service "
            "VSS, réenregistrer le SQL writer avec vssadmin, puis relancer la sauvegarde Veeam.\n"
            "Cordialement,\nMarc\n© 2024 Medisys France SAS. Tous droits réservés.",
            "replier",
        ),
        # a bilingual answer, labelled by its writer
        (
            "In English: the partner rotated their SFTP host key, update known_hosts.\nEn français "
            ": le partenaire a changé sa clé d'hôte SFTP, mettez à jour known_hosts.",
            "replier",
        ),
        # a closing note that tells what fixed it
        (
            "Your request has been closed after the SMTP relay limit was raised to 500 messages "
            "per minute on relay-02.",
            "replier",
        ),
        # release notes that say what they set
        (
            "v3.2.0 is out: max.poll.records=200, cooperative-sticky assignor, lag alert at 10k",
            "replier",
        ),
        ("La 3.2 est en prod : pool pgbouncer à 200, statement_timeout à 30 s.", "replier"),
        # what the rules were made for, in other words
        ("Nous avons bien reçu votre demande, elle est transmise au niveau 2.", "referrer"),
        ("Hi all, v2.4.0 is out 🎉 invoice rounding, SAML fix, webhook retries.", "referrer"),
    ],
)
def test_an_experts_own_words_beside_a_notice_stay_theirs(text: str, role: str) -> None:
    assert message_role(text, is_reply=True) == role


@pytest.mark.parametrize(
    ("subject", "evidence"),
    [
        ("Import des fichiers depuis le SFTP partenaire : reprise sur erreur", True),
        ("Initial importer for EDI 850 purchase orders", True),
        ("Translation: add German strings for the checkout", True),
        ("Import initial des scripts depuis le partage \\\\srv-fic01\\scripts$", False),
        ("Imported files from the old repo", False),
    ],
)
def test_a_feature_that_imports_is_no_import_of_files(subject: str, evidence: bool) -> None:
    files = ["edi/import.py", "edi/850.py", "tests/test_850.py"]
    assert (_weight(False, subject, files, 120, IngestContext()) > 0) is evidence


def test_a_digest_of_the_writers_own_work_is_theirs() -> None:
    own = (
        "PgBouncer : j'ai passé default_pool_size de 20 à 50. PACS : migration lancée. MFA : "
        "déploiement le 15 avril. Phishing : campagne en mai."
    )
    assert not digest("Point hebdo infra", own)
    reported = "PACS: migration started. MFA: rollout on 15 April. Phishing: campaign in May. "
    assert digest("Weekly update", reported + "Backups: FRA raised to 300 GB.")


def test_a_frequent_answer_is_no_template() -> None:
    answer = (
        "This is the OpenSSL 3 change in Node 17+: set NODE_OPTIONS=--openssl-legacy-provider or "
        "upgrade the signing library to 4.x."
    )
    assert skeleton(answer, "Webhook signature fails on Node 18") is None
    preview = "Preview deployment for **Add retries** is ready: https://pr-1.preview.x.dev"
    assert skeleton(preview, "Add retries") == "preview deployment for is ready"


def test_a_colleague_named_like_a_bot_is_no_bot() -> None:
    assert not commands_a_bot("@abbott raise max_connections to 200")
    assert not commands_a_bot("@talbot pin cryptography below 39")
    assert commands_a_bot("@renovate-bot retry") and commands_a_bot("@github-actions[bot] rerun")


def test_an_openers_plan_said_to_follow_a_suggestion_is_not_theirs() -> None:
    said = (
        "Thanks Kim! So here is what we will do, as you suggested: batches of 500 and "
        "max.poll.records=200."
    )
    assert not tells_own_fix(said)


def test_a_hotfix_release_whose_body_tells_the_fix_is_its_authors() -> None:
    erin = PersonRef("github", "5", handle="erin")
    body = (
        "Fixes #12, #13 and #14: the proration credited the whole month.\nNow the credit covers "
        "the remaining days only.\nAdds a test for mid-cycle upgrades."
    )
    hotfix = Thread("o/r#220", "pull-request", "Release v2.4.1", body, None, None, erin, done=True)
    assert [str(c.role) for c in thread_roles(hotfix)] == ["author"]
    notes = "## What's Changed\n" + "\n".join(
        f"* change {n} by @x in https://github.com/o/r/pull/{n}" for n in (1, 2, 3)
    )
    release = Thread(
        "o/r#221", "pull-request", "chore(main): release 2.5.0", notes, None, None, erin
    )
    assert [str(c.role) for c in thread_roles(release)] == ["referrer"]


def _ticket(tmp_path: Path, fields: dict[str, object], history: list[object]) -> ItemRecord:
    issue = {"id": "300", "key": "BIL-300", "changelog": {"histories": history}, "fields": fields}
    (tmp_path / "page.json").write_text(json.dumps({"issues": [issue]}), encoding="utf-8")
    records = JiraConnector().parse(tmp_path / "page.json", IngestContext())
    return next(r for r in records if isinstance(r, ItemRecord) and r.kind == "issue")


def _people(item: ItemRecord) -> set[tuple[str | None, str]]:
    return {(c.person.name, str(c.role)) for c in item.contributions}


def test_an_assignee_who_thanked_the_reporter_for_logs_keeps_the_fix(tmp_path: Path) -> None:
    raj = {"accountId": "r1", "displayName": "Raj Patel"}
    sam = {"accountId": "s1", "displayName": "Sam Rivera"}
    logs = (
        "Here are the consumer logs: the rebalance starts every 5 minutes, right after each "
        "billing batch, and the lag grows by 40k messages each time."
    )
    fields = {
        "summary": "Kafka billing consumer lag after every batch",
        "reporter": raj,
        "assignee": sam,
        "resolution": {"name": "Done"},
        "created": "2025-02-01T08:00:00.000+0100",
        "comment": {
            "comments": [
                {"id": "1", "author": raj, "body": logs, "created": "2025-02-01T09:00:00.000+0100"},
                {
                    "id": "2",
                    "author": sam,
                    "body": "Thanks Raj, the logs were exactly what I needed!",
                    "created": "2025-02-01T10:00:00.000+0100",
                },
            ]
        },
    }
    resolved = [
        {
            "author": sam,
            "created": "2025-02-02T10:00:00.000+0100",
            "items": [{"field": "resolution", "toString": "Done"}],
        }
    ]
    assert ("Sam Rivera", "resolver") in _people(_ticket(tmp_path, fields, resolved))


def test_a_reporter_who_verified_and_closed_still_asked(tmp_path: Path) -> None:
    qa = {"accountId": "q1", "displayName": "Quinn Adams"}
    dev = {"accountId": "d1", "displayName": "Dana Kowalski"}
    fields = {
        "summary": "Invoice PDF shows squares for Japanese names",
        "reporter": qa,
        "assignee": dev,
        "resolution": {"name": "Done"},
        "created": "2025-02-01T08:00:00.000+0100",
    }
    closed = [
        {
            "author": qa,
            "created": "2025-02-03T10:00:00.000+0100",
            "items": [{"field": "resolution", "toString": "Done"}],
        }
    ]
    assert ("Quinn Adams", "asker") in _people(_ticket(tmp_path, fields, closed))


@pytest.mark.parametrize(
    ("text", "copied"),
    [
        (
            "Auszug aus der Betriebsanleitung P400, Kapitel 7 Hydraulik / Extract from operating "
            "manual P400, chapter 7 Hydraulics: Die Vorfüllventile sind nach jedem Tausch zu "
            "prüfen.",
            True,
        ),
        (
            "Please find the extract from the Presstec service manual, chapter 7.4, copied below: "
            '"The proportional valve shall be calibrated after each replacement."',
            True,
        ),
        ("An extract from my notes: set the ramp time P7.12 to 2 s after a valve change.", False),
    ],
)
def test_an_extract_of_a_manual_said_so_passes_on(text: str, copied: bool) -> None:
    """A fresh evaluator's plant: an engineer who pasted a press maker's manual in English and
    German ranked second for its hydraulics; "je te colle ici l'extrait du manuel" was read."""
    assert (message_role(text, is_reply=True) == "referrer") is copied


def test_an_operating_manual_is_no_publishers_by_its_title_alone() -> None:
    """A team's own manual for the machine it built carries its company's notice as a maker's
    does: the title and the notice alone do not tell them apart, so neither is passed on."""
    from whoknows.ingest._genres import published_elsewhere

    own = "Set the relief valve to 32 bar.\n(c) 2024 Acme Automation GmbH. All rights reserved."
    assert not published_elsewhere("Test bench TB-7 – Operating manual", own)


@pytest.mark.parametrize(
    ("text", "is_reply", "role"),
    [
        ("Outlook crashes when I open a shared calendar.", False, "asker"),
        ("FortiClient reste bloqué à 98 % quand je me connecte au VPN.", False, "asker"),
        (
            "It fails when I use the default 300 s timeout; at 600 s it goes through.",
            False,
            "sender",
        ),
        ("L'import échoue si j'oublie l'option --encoding=latin1.", False, "sender"),
        (
            "Auszug aus der Betriebsanleitung P400, Kapitel 7 Hydraulik: Die Vorfüllventile sind "
            "nach jedem Tausch zu prüfen.",
            True,
            "referrer",
        ),
        (
            "Extract from the operating manual, chapter 7: the ramp is 1 s. Here is what I changed "
            "on our press: I set the ramp time P7.12 to 2 s.",
            True,
            "replier",
        ),
        (
            "Excerpt of the install guide says 8443, but the proxy needs 9443: set "
            "server.port=9443.",
            True,
            "replier",
        ),
        (
            "Is there an extract of the service manual that covers the knocking? Our press knocks.",
            False,
            "asker",
        ),
        (
            "The build step extracts from the documentation folder every code sample.",
            True,
            "replier",
        ),
    ],
)
def test_reports_workarounds_and_extracts_read_as_meant(
    text: str, is_reply: bool, role: str
) -> None:
    """A second reviewer's cases: a problem in one's own situation ("when I …") asks, a
    workaround told beside it does not; an extract of a manual passes on only when the writer
    does not go on to correct it or act on it, and never in a question."""
    assert message_role(text, is_reply=is_reply) == role


def test_digests_forms_and_ones_own_plan() -> None:
    reported = (
        "PACS: migration started on a new cluster. MFA: rollout on 15 April, i.e. next month. "
        "Phishing: campaign in May. Backups: FRA at 300 GB."
    )
    assert digest("Weekly update", reported)
    request = "Thanks for the report! Please attach the output of `flux check` and your version."
    assert skeleton(request, "Flux fails") is not None
    stale = "This issue has been marked as stale because it has not had recent activity."
    assert skeleton(stale, "Flux fails") is not None
    said = "Thanks, lowered autovacuum_vacuum_scale_factor to 0.05 as recommended by the vendor."
    assert not tells_own_fix(said)


@pytest.mark.parametrize(
    ("text", "is_reply", "role"),
    [
        (
            "Excerpt from the Kafka documentation: Increasing the partition count is possible; "
            "however, keys will map to different partitions afterwards.",
            True,
            "referrer",
        ),
        (
            "Extract from our onboarding guide: run make bootstrap, then set "
            "KAFKA_BROKERS=localhost:9092 in .env.",
            True,
            "replier",
        ),
        (
            "Hi all, extract from the operating manual P400, chapter 7: the prefill valves shall "
            "be checked after each replacement.",
            True,
            "referrer",
        ),
        ("The VPN drops when I connect from home, works fine in the office.", False, "asker"),
        (
            "FYI the VPN drops when I connect over IPv6; disabling IPv6 on the adapter fixes it.",
            False,
            "sender",
        ),
    ],
)
def test_a_third_reviewers_cases_read_as_meant(text: str, is_reply: bool, role: str) -> None:
    """The manual's own "however" is no correction of it; the writer's own guide is no copy; a
    greeting may open an extract; "works fine in the office" is part of the failure; "fixes it"
    tells the workaround."""
    assert message_role(text, is_reply=is_reply) == role


def test_a_canned_answer_ending_with_a_request_is_its_writers() -> None:
    answer = (
        "This is fixed in v2.2.0: the controller retries the apply; upgrade with `flux install`."
        " If it still happens please attach the output of `flux check`."
    )
    assert skeleton(answer, "Flux fails") is None
    assert not digest(
        "Point hebdo",
        "PgBouncer : j'ai passé le pool de 20 à 50. PACS : lancé. MFA : avril. Phishing : mai.",
    )
    weekly = "PACS: started. MFA: April. Phishing: we need volunteers for May. Backups: 300 GB."
    assert digest("Weekly IT update - week 11", weekly)


def test_a_guides_section_pasted_in_a_mail_and_a_weekly_status_pass_on() -> None:
    """A last evaluator's colleague pasted a FortiClient guide's section into a mail ("voici la
    section du guide FortiClient qui en parle :") and ranked first for DTLS; a manager's
    "Weekly IT status" listing who does what made him second for Patroni."""
    pasted = (
        "Bonjour Patrick,\nvoici la section du guide FortiClient qui en parle :\n\n---- "
        "FortiClient 7.2 Administration Guide ----\nDTLS support. When DTLS is enabled, "
        "FortiClient uses UDP and falls back to TLS.\n---- end ----"
    )
    assert message_role(pasted, is_reply=True) == "referrer"
    assert message_role("Voici la section de notre guide : activez DTLS.", True) == "replier"
    from whoknows.ingest._reports import credited_sentences

    status = "- Patroni: upgrade to 3.2 and replication lag alerting, Tomasz\n- Set it to 3.2."
    assert [names for _, names in credited_sentences(status)] == [("Tomasz",), ()]
