"""A thread's first message that tells what its writer did is a write-up: its writer's
knowledge. A hospital's security officer's report of the phishing campaign she stopped ("J'ai
bloqué le domaine sur le proxy, purgé les 340 messages …") was read as any first mail and
listed third, below two password-change answers, for "phishing campaign and compromised
passwords" (a fresh evaluator's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from connector_checks import light_service, write_mbox
from whoknows.ingest._chat import chat_role
from whoknows.ingest._threads import message_role
from whoknows.ingest._writeups import writes_up
from whoknows.vocab import ContributionRole as Role

PHISHING = (
    "Bonjour à tous,\n\nUne campagne de phishing cible le CHU depuis ce matin : faux message "
    "'Mise à jour de votre messagerie' avec un lien vers une page imitant notre portail "
    "Office. Ne cliquez pas. J'ai bloqué le domaine sur le proxy et la passerelle de "
    "messagerie, purgé les 340 messages reçus et forcé la réinitialisation des mots de passe "
    "des 6 comptes qui ont saisi leurs identifiants, avec révocation des sessions. Si vous "
    "avez cliqué, appelez le support."
)


@pytest.mark.parametrize(
    ("text", "written_up"),
    [
        (PHISHING, True),
        (
            "A phishing campaign is hitting us since this morning: fake 'mailbox upgrade'"
            " message. Do not click. I blocked the domain on the proxy, purged the 340 messages"
            " and forced a password reset for the 6 accounts that entered credentials.",
            True,
        ),
        # the incident first, then what the writer did about it
        (
            "Postmortem: the backup job failed last night because the disk filled. I cleaned"
            " /var/archive, raised the quota to 2 TB and re-ran the job; it finished at 06:10.",
            True,
        ),
        (
            "Hi all, I rotated the Vault root token this morning and re-issued the AppRole"
            " secret IDs for billing and payroll; the old ones stop at 18:00 today.",
            True,
        ),
        # what went wrong after what was done: a problem reported
        (
            "I upgraded the ingress controller to 1.9 yesterday and since then half of the"
            " requests time out with 504 errors. Logs are attached for whoever can look.",
            False,
        ),
        (
            "J'ai redémarré le serveur d'impression deux fois ce matin mais les étiquettes"
            " sortent toujours décalées sur les imprimantes Zebra du bloc B, merci de regarder.",
            False,
        ),
        # tried, passed on, planned, approved, booked: no work on the subject
        (
            "I tried restarting the VPN concentrator twice this morning and rebooting my"
            " laptop, but I cannot connect from home to the intranet or the PACS viewer.",
            False,
        ),
        (
            "I opened a ticket with the vendor about the PACS routing issue this morning, they"
            " will call back tomorrow with an answer on the DICOM node configuration we need.",
            False,
        ),
        (
            "This week I reviewed the budget, met the vendor and approved the Kafka upgrade"
            " plan for Q3 with the architecture board; minutes will follow by mail to the team.",
            False,
        ),
        (
            "J'ai réservé la salle Pasteur pour la formation DICOM de jeudi à 14h, merci de"
            " confirmer votre présence auprès de Léa avant mercredi midi, le support suivra.",
            False,
        ),
        # work done to a meeting, a calendar, a channel, a folder: coordination
        (
            "I've added the new interns to the #kafka channel and the Confluence space; please"
            " welcome them and point them to the onboarding runbook when they ask about lag.",
            False,
        ),
        (
            "I moved the Kafka retro to Thursday 3pm because half the team is at the"
            " conference on Tuesday, same room, same agenda as planned last week.",
            False,
        ),
        (
            "J'ai mis à jour le planning des astreintes de décembre : Karim couvre le cluster"
            " Kafka la première semaine, Léa les sauvegardes Postgres ensuite.",
            False,
        ),
        (
            "I signed the purchase order for the new Veeam licences and sent it to"
            " procurement, the renewal should be effective before the end of the month.",
            False,
        ),
        # a change that went wrong, said without an error's words
        (
            "I installed the new driver on the Zebra printers this morning. The labels now"
            " print shifted by 3 mm on the left side of every tube in the lab.",
            False,
        ),
        # a reviewer's: one change and its symptom, a certification, people put in copy
        (
            "I upgraded the invoicing service to 4.2 this morning and redeployed the workers on"
            " the cluster, now the invoice PDFs come out empty for every customer.",
            False,
        ),
        (
            "J'ai passé ma certification ITIL la semaine dernière avec le centre de formation de"
            " Marseille, merci à tous pour vos encouragements pendant ces mois.",
            False,
        ),
        (
            "J'ai ajouté Hugo et Karim en copie pour le suivi du dossier de renouvellement du"
            " marché de maintenance des copieurs du siège.",
            False,
        ),
        # the same work in another order ("bloqué" blocks a domain: nothing is stuck)
        (
            "J'ai purgé les 340 messages reçus, bloqué le domaine sur le proxy et forcé la"
            " réinitialisation des mots de passe des 6 comptes concernés ce matin.",
            True,
        ),
        # an attacker's: a change, then its symptom after "Depuis," or "after that"
        (
            "J'ai mis à jour le pilote CUPS de l'imprimante Zebra et réinstallé la file"
            " d'impression sur le serveur d'impression. Depuis, les étiquettes sortent toutes"
            " blanches sur la ligne 3, plus aucune expédition ne part.",
            False,
        ),
        (
            "I upgraded the Postgres cluster to 16 and rebuilt all the indexes on the reporting"
            " replica this morning. The finance dashboards show zero rows for every Postgres"
            " report after that.",
            False,
        ),
        # a team's news told by its manager is not the writer's own work
        (
            "We migrated Kafka to 3.6 this weekend, shipped the new billing service and moved"
            " the data warehouse to BigQuery. Great job everyone, more news at the all-hands.",
            False,
        ),
        # too short to explain, or a question
        ("I restarted the proxy, should be fine now.", False),
        (
            "I blocked the phishing domain on the proxy and purged the messages from every"
            " mailbox this morning, but should we also force a reset of the passwords?",
            False,
        ),
    ],
)
def test_a_first_message_that_tells_its_writers_own_work_is_a_write_up(
    text: str, written_up: bool
) -> None:
    assert writes_up(text) is written_up
    assert (message_role(text, is_reply=False) == Role.AUTHOR) is written_up
    assert (chat_role(text, False) == Role.AUTHOR) is written_up
    assert message_role(text, is_reply=True) != Role.AUTHOR  # (a reply replies)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # a fixer's mails to the vendor, a question after the fix (a regional council's, a
        # fresh evaluator's: both were read as asking, the fixer an "interested learner")
        (
            "Hello, the backup job to the scale-out repository failed twice. The placement"
            " policy was set to data locality, so the extents filled up. I switched it to"
            " performance mode, lowered the retention to 14 restore points and ran a manual"
            " Active Full: the job now completes. Could you confirm this is the recommended"
            " setting for v12.1?",
            Role.AUTHOR,
        ),
        (
            "Hello TAC, our SSL VPN users could not reach the intranet. The VPN users' group was"
            " not set in the policy source, so traffic fell to the implicit deny. I added the"
            " group GG_VPN_Agents to the policy and it works now. Could you confirm whether"
            " split tunnelling should stay disabled?",
            Role.AUTHOR,
        ),
        # what one did, no word that it worked, then a question: asking (a reviewer's)
        (
            "J'ai changé mon mot de passe ce matin sur le portail comme demandé par la DSI. Mon"
            " téléphone ne reçoit plus les mails depuis. Que dois-je faire ?",
            Role.ASKER,
        ),
        # what was tried in vain, or went wrong since, then a question: asking
        (
            "I restarted the Veeam proxy twice and rebooted the repository server but the job"
            " still fails with the same error. Any idea what to check next?",
            Role.ASKER,
        ),
        (
            "I upgraded the cluster to 1.29 yesterday and since then the pods crash every hour"
            " with exit code 137. Has anyone seen this before?",
            Role.ASKER,
        ),
    ],
)
def test_a_write_up_that_ends_with_a_question_is_still_a_write_up(text: str, role: Role) -> None:
    assert message_role(text, is_reply=False) is role


def _day(number: int) -> str:
    return f"Mon, {number + 1:02d} Sep 2024 09:00:00 +0200"


def test_the_write_up_of_a_phishing_campaign_is_its_writers_knowledge(tmp_path: Path) -> None:
    """The evaluator's question, over her report and two answers that change a password: her
    report counts among what she answered and wrote (the learned ranker's expert votes, best
    item and person text had read none of it), and she comes first."""
    helene = ("Hélène Roux <helene.roux@chu.example>", "Campagne de phishing", PHISHING, _day(1))
    answers = [
        (
            "Lucas Fontaine <lucas.fontaine@chu.example>",
            "Compte verrouillé en boucle",
            "C'est presque toujours un ancien mot de passe resté en mémoire : smartphone qui "
            "relève la messagerie, lecteur réseau mappé. Changez le mot de passe partout.",
        ),
        (
            "Aurélie Petit <aurelie.petit@chu.example>",
            "Collecteur mail GLPI en panne",
            "Le collecteur IMAP échoue depuis le changement du mot de passe du compte de "
            "service : mettez à jour le mot de passe dans la configuration du collecteur.",
        ),
    ]
    mails = [helene] + [(*answer, _day(at)) for at, answer in enumerate(answers, 2)]
    path = write_mbox(tmp_path / "dsi.mbox", mails, to="dsi@chu.example")
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("mbox", path)
    question = "campagne de phishing et mots de passe"
    listed = service.search.ask(question)
    assert listed[0].name == "Hélène Roux", listed
    explained = service.search.explain(question, [listed[0].person_id])[listed[0].person_id]
    values = {feature.name: feature.value for feature in explained.features}
    assert values["lex_expert_vote"] > 0 and values["lex_best"] > 0, values
    service.close()


def test_a_write_up_still_links_its_writer_to_the_people_it_was_sent_to(tmp_path: Path) -> None:
    """The network's links from a message to its recipients hold for a write-up too."""
    from whoknows.insights.network import interaction_links

    lucas = "Lucas Fontaine <lucas.fontaine@chu.example>"
    helene = ("Hélène Roux <helene.roux@chu.example>", "Phishing", PHISHING, _day(1))
    backups = (lucas, "Sauvegardes", "Les sauvegardes Veeam passent la nuit. " * 4, _day(2))
    path = write_mbox(tmp_path / "dsi.mbox", [helene, backups], to=lucas)
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("mbox", path)
    roles = {r for (r,) in service.workspace.store().conn.execute("SELECT role FROM contributions")}
    assert "author" in roles, roles
    links = interaction_links(service.workspace.evidence(), service.workspace.directory())
    assert links.weights.size == 1 and links.weights[0] == 0.25, links
    service.close()
