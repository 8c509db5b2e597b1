"""A project's mailing list as its archive keeps it (Mailman's pipermail: masked senders,
monthly ``.txt`` and ``.txt.gz`` files, digests) and the traces a release leaves (a release
manager's announcements and release notes, a community manager's meeting notes): a fresh
evaluator's open-source community had its archive refused whole, its digest sender listed as
a person, a newcomer's question sent as a digest reply read as an answer, and the release
manager in the top three for 18 of 20 questions."""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

import pytest

from whoknows.ingest import IngestContext
from whoknows.ingest._genres import OVERVIEW_WEIGHT
from whoknows.ingest.git import GitConnector
from whoknows.ingest.mail import MboxConnector
from whoknows.records import ItemRecord
from whoknows.vocab import ContributionRole as Role

ARCHIVE = """\
From ingrid.haugen at fastmail.no  Mon Mar  4 10:00:00 2024
From: ingrid.haugen at fastmail.no (Ingrid Haugen)
Date: Mon, 04 Mar 2024 10:00:00 +0000
Subject: [tessera-dev] Raft pre-vote
Message-ID: <1@fastmail.no>

Pre-vote stops a partitioned node from bumping the term: enable raft.prevote and raise
election.timeout.ms to 1500 with jitter, the leader stops flapping after the partition heals.

From tessera-dev-request at lists.tessera.org  Tue Mar  5 06:00:00 2024
From: tessera-dev-request at lists.tessera.org
Date: Tue, 05 Mar 2024 06:00:00 +0000
Subject: tessera-dev Digest, Vol 4, Issue 4
Message-ID: <2@lists.tessera.org>

Today's Topics:
   1. Raft pre-vote (Ingrid Haugen)
Pre-vote stops a partitioned node from bumping the term: enable raft.prevote and raise
election.timeout.ms to 1500 with jitter, the leader stops flapping after the partition heals.

From jonas.becker at posteo.de  Wed Mar  6 09:00:00 2024
From: jonas.becker at posteo.de (Jonas Becker)
Date: Wed, 06 Mar 2024 09:00:00 +0000
Subject: Re: tessera-dev Digest, Vol 4, Issue 4
In-Reply-To: <2@lists.tessera.org>
Message-ID: <3@posteo.de>

Hi, newbie here. I ran helm upgrade on the operator chart and the CRD stayed at v1beta1, the
pods now crash with an unknown field error in the scheduler logs after the upgrade to 2.3.
What am I doing wrong, and should the chart not upgrade the CRD itself?

From daniel.okafor at tessera.org  Thu Mar  7 12:00:00 2024
From: daniel.okafor at tessera.org (Daniel Okafor)
Date: Thu, 07 Mar 2024 12:00:00 +0000
Subject: [ANNOUNCE] Tessera 2.4 released
Message-ID: <4@tessera.org>

Tessera 2.4 is out: Raft pre-vote against leader flapping, CRD conversion webhooks in the
helm chart, DST-safe cron schedules, idempotency keys for job submission. Thanks to all.

From omar.haddad at proton.me  Fri Mar  8 12:00:00 2024
From: omar.haddad at proton.me (Omar Haddad)
Date: Fri, 08 Mar 2024 12:00:00 +0000
Subject: Fwd: schema migrations
Message-ID: <5@proton.me>

Worth keeping.

---------- Forwarded message ---------
From: Priya Raman <priya.raman at gmail.com>
Date: Thu, 7 Mar 2024 at 18:00
Subject: schema migrations

Run the schema migration with lock_timeout at 2s and retry in a loop, the schedulers hold
row locks on jobs and an ALTER TABLE waiting behind them blocks every new lease behind it.
"""


def _items(path: Path, context: IngestContext | None = None) -> dict[str, ItemRecord]:
    records = MboxConnector().parse(path, context or IngestContext())
    return {r.native_id: r for r in records if isinstance(r, ItemRecord)}


def _writers(item: ItemRecord) -> list[tuple[str | None, str | None, Role]]:
    return [(c.person.name, c.person.email, c.role) for c in item.contributions]


def test_a_pipermail_archive_masked_senders_digests_and_announcements(tmp_path: Path) -> None:
    archive = tmp_path / "tessera-dev.mbox"
    archive.write_text(ARCHIVE, encoding="utf-8")
    context = IngestContext()
    items = _items(archive, context)
    assert _writers(items["<1@fastmail.no>"]) == [
        ("Ingrid Haugen", "ingrid.haugen@fastmail.no", Role.SENDER)
    ]
    assert "<2@lists.tessera.org>" not in items, "a digest is others' messages"
    assert context.skipped["mail: a list's digest (others' messages, each in the archive)"] == 1
    question = items["<3@posteo.de>"]
    assert question.parent_id is None and question.thread_id == "<3@posteo.de>"
    assert _writers(question)[0][2] == Role.ASKER, "a digest reply opens its own thread"
    announced = items["<4@tessera.org>"].contributions[0]
    assert (announced.role, announced.weight) == (Role.SENDER, OVERVIEW_WEIGHT)
    forwarded = [i for i in items.values() if i.title == "schema migrations"]
    assert [w[:2] for w in _writers(forwarded[0])] == [("Priya Raman", "priya.raman@gmail.com")]


def test_a_list_archives_monthly_files(tmp_path: Path) -> None:
    folder = tmp_path / "pipermail"
    folder.mkdir()
    march, april = ARCHIVE.split("From tessera-dev-request")[0], ARCHIVE
    (folder / "2024-March.txt").write_text(march, encoding="utf-8")
    (folder / "2024-April.txt.gz").write_bytes(gzip.compress(april.encode("utf-8")))
    (folder / "2024-March.txt.gz").write_bytes(gzip.compress(march.encode("utf-8")))
    (folder / "README.txt").write_text("Archives of tessera-dev.\n", encoding="utf-8")
    context = IngestContext()
    items = _items(folder, context)
    assert {"<1@fastmail.no>", "<3@posteo.de>", "<4@tessera.org>"} <= set(items)
    assert context.skipped["mbox: .txt file that is no mbox"] == 1
    assert context.skipped["mbox: compressed copy of the file beside it"] == 1


def _commit(repo: Path, who: str, message: str, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    email = f"{who.split()[0].lower()}@tessera.org"
    env = {"GIT_AUTHOR_NAME": who, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": who}
    env |= {"GIT_COMMITTER_EMAIL": email, "PATH": "/usr/bin:/bin", "HOME": str(repo)}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True, env=env)


def test_release_notes_folders_and_meeting_notes_are_no_evidence(tmp_path: Path) -> None:
    repo = tmp_path / "tessera"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _commit(repo, "Ingrid Haugen", "raft: pre-vote before elections", {"raft/vote.go": "pv\n"})
    _commit(
        repo,
        "Daniel Okafor",
        "Update release notes draft: raft pre-vote, windows service memory limits",
        {"docs/releases/next.md": "- raft pre-vote\n", "changelog.d/41.fix.md": "pre-vote\n"},
    )
    _commit(
        repo,
        "Rachel Stein",
        "community: add notes of the March call\n\nTopics discussed: raft pre-vote, DST cron.",
        {"community/meetings/2024-03-12.md": "raft pre-vote, DST cron\n"},
    )
    _commit(repo, "Rachel Stein", "Add meeting notes", {"NOTES.md": "raft\n"})
    context = IngestContext()
    roles = {
        i.contributions[0].person.name: i.contributions[0].role
        for i in GitConnector().parse(repo, context)
        if i.contributions
    }
    assert roles == {
        "Ingrid Haugen": Role.AUTHOR,
        "Daniel Okafor": Role.EDITOR,
        "Rachel Stein": Role.EDITOR,
    }
    assert context.notes["git: changelog or release notes only, no evidence"] == 1
    assert context.notes["git: meeting notes, no evidence"] == 2


def test_a_plus_one_that_schedules_and_a_wish_for_docs_know_nothing() -> None:
    from whoknows.ingest._threads import message_role

    assert message_role("+1. Targeting 2.4 then, I'll add it to the release plan.", True) in {
        Role.REFERRER,
        Role.ACKNOWLEDGER,
    }
    assert message_role("This should go into the docs!", True) == Role.ADVISER
    assert message_role("Il faudrait mettre ça dans la doc.", True) == Role.ADVISER
    explained = "This should go into the docs: set raft.prevote and election.timeout.ms to 1500."
    assert message_role(explained, True) == Role.REPLIER


def test_a_reminder_or_a_framing_mail_advises_and_a_reminder_that_teaches_stays() -> None:
    """A fresh evaluator's plant director was in the top three for eight questions through her
    "Relance : …" and "Note de cadrage – …" mails, each naming a subject and no step."""
    from whoknows.ingest._genres import reminds

    director = (
        "Bonjour, Rappel sécurité : la consignation est obligatoire avant toute intervention,"
        " aucune exception ne sera tolérée. Merci de faire le nécessaire."
    )
    assert reminds("Relance : consignation LOTO", director)
    assert reminds("Note de cadrage – consignation LOTO", director)
    assert reminds("RE: Friendly reminder: timesheets", "Please fill them in by Friday.")
    assert reminds("Heads-up: kafka consumer rebalancing", "Rebalancing is on the agenda again.")
    expert = (
        "Rappel : procédure de consignation. 1. Couper le sectionneur Q1. 2. Poser le cadenas"
        " personnel. 3. Vérifier l'absence de tension au VAT."
    )
    assert not reminds("Rappel : consignation de la presse 4", expert)
    assert not reminds("Consignation LOTO", director), "a subject that reminds of nothing"


def test_a_release_pull_request_weighs_little_and_a_fix_fully() -> None:
    """The evaluator's release manager, under his GitHub login, was fourth for cycle detection
    through "Release 2.3.1", a pull request whose body lists the release's fixes; an attacker's
    "Release 2.4.1" explained a hotfix, so such a change weighs little rather than nothing."""
    from whoknows.ingest._forge import RELEASE_WEIGHT, Thread, thread_roles
    from whoknows.records import PersonRef

    daniel, ingrid = PersonRef("github", "dokafor"), PersonRef("github", "ihaugen")
    for title, weight in [
        ("Release 2.3.1", RELEASE_WEIGHT),
        ("chore(release): 2.4.0", RELEASE_WEIGHT),
        ("Prepare the next release", RELEASE_WEIGHT),
        ("Release lease when a worker dies", 1.0),
    ]:
        body = "- Fix: workflow DAGs: cycle detection"
        thread = Thread("1", "pull-request", title, body, None, None, daniel)
        thread.approvers_who_said = [ingrid]
        parts = {(c.role, c.weight) for c in thread_roles(thread) if c.person == daniel}
        assert parts == {(Role.AUTHOR, weight)}, title


def test_a_chat_post_that_frames_or_reminds_weighs_little_and_one_listing_subjects_advises() -> (
    None
):
    from whoknows.ingest._chat import chat_role, contribution_weight
    from whoknows.ingest._threads import message_role

    context = IngestContext()
    framing = (
        "Note de cadrage : la traçabilité des lots est une priorité de l'année, un exercice de"
        " rappel sera organisé."
    )
    assert chat_role(framing, False) == Role.POSTER
    assert contribution_weight(framing, context, "teams", False) == OVERVIEW_WEIGHT
    reminder = (
        "Rappel : toutes les interventions doivent être saisies dans la GMAO, c'est indispensable."
    )
    assert contribution_weight(reminder, context, "teams", True) == OVERVIEW_WEIGHT
    listing = "Rappel : les sauvegardes, les jetons, les certificats TLS, les files RabbitMQ."
    assert chat_role(listing, True) == Role.ADVISER
    teaching = "Rappel : pour la presse 4, régler pression_max=180 bar dans la recette."
    assert chat_role(teaching, False) == Role.POSTER
    assert contribution_weight(teaching, context, "teams", False) == 1.0
    asked = "Kafka : le lag du consumer billing remonte, quelqu'un a une idée ?"
    assert chat_role(asked, False) != Role.ADVISER
    assert message_role("Toute panne doit m'être remontée immédiatement.", True) == Role.ADVISER
    assert message_role("Any outage must be reported to me right away.", True) == Role.ADVISER
    fix = "Any outage must be reported to me: run pagerctl escalate --sev1 first."
    assert message_role(fix, True) == Role.REPLIER


def test_minutes_mailed_and_a_directive_to_everyone_advise() -> None:
    from whoknows.ingest._genres import frames_others, reminds
    from whoknows.ingest._minutes import records_others
    from whoknows.ingest._threads import message_role

    notes = (
        "Compte rendu de la réunion hebdo maintenance du 26/02/2024. Prochaine réunion dans"
        " 15 jours."
    )
    assert reminds("Compte rendu réunion 26/02", notes)
    assert reminds("Compte rendu - Comité des pompes intelligentes, 12 mars", notes)
    # a longer record that says what others do frames it too (an aircraft shop's assistant was
    # in three top threes on her production minutes)
    production = (
        "Voici le compte rendu de la réunion de production du 15 septembre.\n"
        "1. Étalonnage des clés dynamométriques : Luc à compléter le registre. Daniel en appui.\n"
        "2. Tablettes du hangar (Intune) : Patrick déploie la nouvelle configuration lundi.\n"
        "3. Rapports de danger SGS : Amélie présentera les statistiques.\n\nAnnie"
    )
    subject = "Compte rendu – réunion de production du 15 septembre"
    assert frames_others(subject, production, "Annie Poirier")
    items_only = production.split("\n", 1)[1]  # (no line that says it is a meeting's record)
    assert not frames_others("Étalonnage des clés", items_only, "Annie Poirier")
    # nor a record that says what its writer did, or names her at work among the others (an
    # attacker's architect, cut to an overview's part on her own design review and mail)
    told = production.replace("Annie", "J'ai passé le délai d'acquittement à 30 s.\n\nAnnie")
    assert records_others(subject, production, ("Annie Poirier",))
    assert not records_others(subject, told, ("Annie Poirier",))
    among = production.replace("Patrick déploie", "Annie déploie")
    assert not records_others(subject, among, ("Annie Poirier",))
    to_all = "Pour l'audit IATF, merci à chacun de mettre à jour ses documents d'automatisme."
    assert message_role(to_all, True) == Role.ADVISER
    setting = "Everyone must set max.poll.records to 200 in the consumer config."
    assert message_role(setting, True) == Role.REPLIER


def test_a_session_to_attend_coordinates() -> None:
    from whoknows.ingest._threads import message_role

    session = (
        "La session de recyclage habilitation électrique BR/B2V est fixée au 14 mai, merci de"
        " confirmer votre présence."
    )
    assert message_role(session, True) == Role.REFERRER
    taught = (
        "Le recyclage BR se fait tous les 3 ans : la session est prévue le 14 mai, avec l'essai"
        " de consignation sur le TGBT."
    )
    assert message_role(taught, True) == Role.REPLIER


def test_a_meeting_set_up_coordinates() -> None:
    """A bank's assistant proposed a weekly follow-up named after the migration: she was
    second for "migration Snowflake" at 1.47."""
    from whoknows.ingest._threads import message_role

    invite = (
        "Bonjour à tous,\nJe vous propose un point de suivi « Migration Snowflake lot 3 –"
        " Snowpipe, dbt et parallel run » tous les mardis à 9h30 sur Teams jusqu'à la bascule."
        "\nBien cordialement,"
    )
    assert message_role(invite, True) != Role.REPLIER
    assert message_role("Let's set up a call with the DBA team tomorrow.", True) != Role.REPLIER
    advice = "Je vous propose une solution : passer le warehouse WH_RISK_S en taille XS la nuit."
    assert message_role(advice, True) == Role.REPLIER
    # (a service desk's and an incident manager's books: a telecom's were first for a cause)
    for books in (
        "I'll raise an INC for tracking",
        "Raised INC-40577 for the customer calls, 40 so far",
        "Resolved at 14:52. PIR to follow. Problem record PRB-118.",
    ):
        assert message_role(books, True) != Role.REPLIER, books
    cause = "Resolved at 14:52: the MTU on ae12 was set back to 9192 on lds-cr2."
    assert message_role(cause, True) == Role.REPLIER
    for answer in (  # (a reviewer's answers that name a case, a window or a rollback plan)
        "Open a case with Cisco TAC, they have an SMU for the BGP memory leak.",
        "Log a ticket with Azure support: the quota is per region, they can raise it to 200.",
        "Don't do it in the change window: the BFD timers must be 300ms on both ends first.",
        "Roll it back via CHG-2280; the rollback plan attached reverts the route-map.",
    ):
        assert message_role(answer, True) == Role.REPLIER, answer


def test_a_newsletter_passes_on_and_an_opener_asking_about_its_failure_asks(
    tmp_path: Path,
) -> None:
    from whoknows.ingest._threads import message_role

    archive = tmp_path / "list.mbox"
    archive.write_text(
        "From rachel at tessera.org  Mon Mar 11 10:00:00 2024\n"
        "From: rachel.stein at tessera.org (Rachel Stein)\n"
        "Date: Mon, 11 Mar 2024 10:00:00 +0000\n"
        "Subject: [tessera-dev] This week in Tessera #74\n"
        "Message-ID: <74@tessera.org>\n\n"
        "* Lively discussion on Prometheus metrics cardinality from job_id labels, queue wait\n"
        "alerting, Grafana dashboards; worth a read if you run Tessera in production.\n",
        encoding="utf-8",
    )
    (item,) = _items(archive).values()
    assert (item.contributions[0].role, item.contributions[0].weight) == (
        Role.SENDER,
        OVERVIEW_WEIGHT,
    )
    asked = (
        "Hey folks, Can the Kubernetes operator run with namespace-scoped RBAC only? Our"
        " cluster admins do not allow ClusterRoles. helm install fails with 'cannot list"
        " resource leases in API group coordination.k8s.io at the cluster scope'."
    )
    assert message_role(asked, False) == Role.ASKER
    told = (
        "Why does the lease expire? We fixed it by setting lease.timeout.ms to 30000 on the"
        " scheduler, the flapping stopped after the restart and the error is gone."
    )
    assert message_role(told, False) == Role.SENDER


def test_a_reminder_listing_subjects_advises_and_one_teaching_in_prose_weighs_little(
    tmp_path: Path,
) -> None:
    """A CTO's "Rappel : les bons réflexes" listed six subjects and was third for each; an
    attacker's safety expert taught a lock-out in prose under "Rappel :" and had vanished."""
    archive = tmp_path / "usine.mbox"
    archive.write_text(
        "From cto at x.fr  Mon Jan 12 10:00:00 2026\n"
        "From: Claire Dubois <claire@x.fr>\n"
        "Date: Mon, 12 Jan 2026 10:00:00 +0000\n"
        "Subject: =?utf-8?q?Rappel_:_les_bons_r=C3=A9flexes?=\n"
        "Message-ID: <1@x.fr>\n\n"
        "Quelques rappels importants : les sauvegardes, la rotation des cles, les jetons, les"
        " verrous de base, les certificats TLS. Tout cela doit etre suivi de pres.\n\n"
        "From sophie at x.fr  Tue Jan 13 10:00:00 2026\n"
        "From: Sophie Garnier <sophie@x.fr>\n"
        "Date: Tue, 13 Jan 2026 10:00:00 +0000\n"
        "Subject: Rappel : consignation presse 3\n"
        "Message-ID: <2@x.fr>\n\n"
        "Chacun pose son propre cadenas sur le sectionneur et verifie l'absence de tension"
        " au VAT avant d'ouvrir le carter ; seul celui qui a pose le cadenas le retire.\n",
        encoding="utf-8",
    )
    items = _items(archive)
    listed, taught = items["<1@x.fr>"].contributions[0], items["<2@x.fr>"].contributions[0]
    assert listed.role == Role.ADVISER
    assert (taught.role, taught.weight) == (Role.SENDER, OVERVIEW_WEIGHT)


def test_what_reads_as_a_digest_a_meeting_notes_commit_or_a_reminder_and_what_does_not() -> None:
    """A reviewer's cases: ordinary subjects that the first versions of these rules read as
    digests (a mail skipped, its reply orphaned), meeting notes (a commit worth nothing) or
    reminders."""
    from whoknows.ingest._genres import reminds
    from whoknows.ingest._mailtext import ANNOUNCES, DIGEST
    from whoknows.ingest.git import _NOTED

    for subject in ("SHA-256 digest mismatch on image pull, issue 1234", "Digest auth broken #45"):
        assert not DIGEST.search(subject)
    assert DIGEST.search("Digest for tessera@googlegroups.com - 3 updates in 2 topics")
    for subject in ("Add meeting room booking API", "Update retry minutes"):
        assert not _NOTED.search(subject)
    assert _NOTED.search("community: add meeting notes for 2024-03-12")
    for subject in ("Newsletter service bounces with SMTP 550", "PostgreSQL 16.2 is out, upgrade?"):
        assert not ANNOUNCES.search(subject)
    for subject in ("Reminder emails not sent since the upgrade", "Rappel automatique en panne"):
        assert not reminds(subject, "The job stopped after the upgrade.")


def test_a_malformed_encoded_name_is_no_crash(tmp_path: Path) -> None:
    archive = tmp_path / "list.mbox"
    archive.write_text(
        "From ingrid at fastmail.no  Mon Mar  4 10:00:00 2024\n"
        "From: ingrid at fastmail.no (=?utf-8?b?S?=)\n"
        "Date: Mon, 04 Mar 2024 10:00:00 +0000\n"
        "Subject: Raft pre-vote\n"
        "Message-ID: <9@fastmail.no>\n\n"
        "Enable raft.prevote and raise election.timeout.ms to 1500 with jitter.\n",
        encoding="utf-8",
    )
    (item,) = _items(archive, IngestContext(skip_errors=True)).values()
    assert item.contributions[0].person.email == "ingrid@fastmail.no"


@pytest.mark.parametrize(
    ("subject", "text", "framed"),
    [
        (
            "Point hebdo DSI - semaine 11",
            "Bonjour à tous, les faits marquants de la semaine : Wi-Fi du bloc : nouvelle borne en "
            "salle 5. PACS : migration de l'archive lancée par lots de 500 études. Sauvegarde du "
            "DPI : la FRA a été portée à 300 Go après l'échec RMAN. MFA : déploiement le 15 "
            "avril. Phishing : campagne de sensibilisation prévue en mai.",
            True,
        ),
        ("Point hebdo DSI", "Rien de neuf cette semaine : bon week-end à tous.", False),
        # a law firm's documentalist, first for "baux commerciaux" on her headlines
        (
            "Veille juridique hebdomadaire – semaine 9",
            "Au sommaire de la veille de cette semaine :\n- RGPD : la CNIL sanctionne un"
            " sous-traitant.\n- Droit social : rupture conventionnelle et forfait social.\n- Baux"
            " commerciaux : indemnité d'éviction.\n- Procédure civile : délai d'appel et"
            " caducité.\nLes articles complets sont sur l'intranet.",
            True,
        ),
        # a pharma company's quality communicator, her issues' entries under bullets (she held
        # 58% of SDTM on them)
        (
            "[QA Hebdo] n°39 - HPLC, stabilité, CAPA, LIMS",
            "QA Hebdo n°39 - semaine du 27/03/2026\n\nAu sommaire cette semaine :\n\n"
            "• Essai de stérilité : nouvel isolateur qualifié.\n• Nitrosamines : évaluation"
            " du risque terminée pour 3 produits.\n• LIMS LabWare : montée de version 8.\n"
            "• Validation de méthode HPLC (ICH Q2) : la revalidation avance.\n• Chaîne du"
            " froid : qualification de la route Lyon - Boston.\n\nBonne semaine !",
            True,
        ),
        # a site director's weekly point, one bullet naming four subjects (third on three)
        (
            "Point hebdo site - semaine 41",
            "Bonjour,\n\n- Audit ANSM : déviations, CAPA et monitoring environnemental seront"
            " regardés en priorité.\n- Validation HPLC, stabilité, LIMS, sérialisation : pas"
            " de point bloquant.\n- Chaîne du froid vers Boston : Thomas et Maria.\n- eCTD :"
            " Lukas prend la suite d'Anna.\n\nMerci à tous,\nPhilippe",
            True,
        ),
        # an NGO's hub head's sitrep and director's quarterly synthesis (third and second for
        # the fleet, donor reporting and a pumping test they named)
        (
            "Nairobi hub weekly sitrep - week 32",
            "Dear all,\n\nHealth: the Fridge-tag low alarm at Lokichoggio was handled by Fatuma."
            " Cash: planning of the October M-Pesa round. Fleet: 2 Land Cruisers serviced. Hand"
            " pumps: 2 India Mark II repaired by Samuel.\n\nBest regards,\nPeter Otieno",
            True,
        ),
        (
            "Synthèse trimestrielle – T3 2025",
            "Faits marquants\nEau : chloration conforme (CRL 0,5 mg/l).\nForage : BH-3 testé.\n"
            "Cash : 1 184 ménages payés par M-Pesa.\nSanté : chaîne du froid opérationnelle.",
            True,
        ),
        # a pharmaceutical VP's quarterly deck, by its file's name (second on 9 subjects)
        (
            "Revue_qualite_T2_2026",
            "Quality review Q2 2026\nJennifer Walsh\n\nQuality review - Change control\nOwner:"
            " Stéphanie Bouchard\nChange control: KPIs on track\nNext: present at the deviation"
            " board\n\nQuality review - Cleaning validation\nOwner: Laure Fontaine\nCleaning"
            " validation: KPIs on track\nNext: present at the deviation board",
            True,
        ),
        # one subject's steps or incident under a periodic word (an attacker's)
        (
            "Bilan annuel – procédure de clôture dans Sage 100",
            "Provisions : passer les écritures de provisions dans le journal OD.\nStocks : lancer"
            " l'inventaire permanent.\nAmortissements : exécuter le calcul des dotations.\nTVA :"
            " contrôler la déclaration CA3.\nClôture : lancer la clôture dans Sage 100.",
            False,
        ),
        (
            "Point de situation – panne réseau bâtiment B",
            "Cause : une optique SFP défectueuse provoquait des pertes CRC.\nCorrectif :"
            " remplacement de l'optique.\nImpact : coupure de 9h10 à 10h25.\nSuivi : surveiller"
            " les compteurs CRC.",
            False,
        ),
        # one subject's yearly review, in labelled parts, is its writer's
        (
            "Annual review of the HPLC assay method",
            "Column: C18, 150 mm. Mobile phase: 0.1% TFA in acetonitrile. System suitability:"
            " tailing under 1.5. Change: flow from 1.0 to 0.8 ml/min after the pressure alarms.",
            False,
        ),
        (
            "Kafka weekly sync",
            "Lag : 40k on orders. Rebalance : every 5 min. Fix : raise max.poll.interval.ms."
            " Owner : Aiko.",
            False,
        ),
        # a lawyer's own review and an officer's advisory, each in labelled parts (a reviewer's)
        (
            "Legal review - Contoso SaaS agreement",
            "Limitation of liability: capped at 12 months of fees. Indemnity: one-sided, ask for"
            " mutual. Governing law: New York. Data protection: the DPA lacks SCCs.",
            False,
        ),
        (
            "Veille sécurité : OpenSSL 3.0.7",
            "Faille : CVE-2022-3602. Impact : débordement. Correctif : passer en 3.0.7."
            " Contournement : désactiver le client TLS.",
            False,
        ),
        (
            "RMAN : échec de la sauvegarde du DPI",
            "Cause : FRA pleine. Correctif : FRA portée à 300 Go. Contrôle : RMAN validé. "
            "Suivi : alerte Centreon à 80 %.",
            False,
        ),
    ],
)
def test_a_periodic_digest_of_subjects_frames_each(subject: str, text: str, framed: bool) -> None:
    """A fresh evaluator's IT director came first on every subject her weekly mail reported,
    each entry a label and a line ("la FRA a été portée à 300 Go" held a figure)."""
    from whoknows.ingest._digests import lists_subjects
    from whoknows.ingest._genres import reminds

    assert reminds(subject, text) is framed
    assert not framed or lists_subjects(text)


def test_a_gzipped_archive_cut_short_keeps_the_messages_before_the_cut(tmp_path: Path) -> None:
    """A fresh evaluator's list archive, downloaded cut at two thirds: "cannot read the file
    (Compressed file ended …)", with no position, and --skip-errors kept none of it."""
    import os

    messages = "".join(
        f"From dev{n} at tessera.org  Mon Mar {n + 1:02d} 10:00:00 2024\n"
        f"From: dev{n} at tessera.org (Dev {n})\nDate: Mon, {n + 1:02d} Mar 2024 10:00:00 +0000\n"
        f"Subject: [tessera-dev] Scheduler question {n}\nMessage-ID: <{n}@tessera.org>\n\n"
        + "".join(f"{os.urandom(24).hex()} line {k} of message {n}\n" for k in range(40))
        + "\n"
        for n in range(6)
    )
    whole = gzip.compress(messages.encode())
    archive = tmp_path / "2024-March.txt.gz"
    archive.write_bytes(whole[: len(whole) * 2 // 3])
    from whoknows.errors import InputError

    with pytest.raises(InputError, match="cut short") as refused:
        list(MboxConnector().parse(archive, IngestContext()))
    assert ":1:" not in str(refused.value)  # (at the message the cut falls in)
    lenient = IngestContext(skip_errors=True)
    kept = [r for r in MboxConnector().parse(archive, lenient) if isinstance(r, ItemRecord)]
    assert 2 <= len(kept) < 6
    assert [p.kind() for p in lenient.problems] == ["the file ends inside this message"]
