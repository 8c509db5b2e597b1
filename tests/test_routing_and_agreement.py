"""Replies that route, agree, promise or stress a subject show no knowledge of it: a game
studio's and a dairy cooperative's evaluators each found such a reply ranked above the
expert ("Sandrine, tu peux répondre à Thomas ?", "@Priya tu peux aider Antoine ? Elle
connaît Wwise par cœur.", "Same here: the rollback netcode desyncs for us too when …",
"+1 that fixed it for me", "Merci Sandrine. Pour info, … est un enjeu majeur"), and a blank
form, a meeting's agenda and a customer's forwarded request counted as their writers'."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_service
from whoknows.errors import InputError
from whoknows.ingest._genres import plans, template
from whoknows.ingest._threads import message_role
from whoknows.ingest.base import IngestContext
from whoknows.ingest.mail import MaildirConnector
from whoknows.services.results import Answer
from whoknows.vocab import ContributionRole as Role


@pytest.mark.parametrize(
    "text",
    [
        "Sandrine, tu peux répondre à Thomas ? Merci.",
        "Paul, tu peux lui répondre ?",
        "vous pouvez répondre à Thomas ?",
        "tu peux répondre ? Merci.",
        "Sandrine, can you answer Thomas? Thanks.",
        "Can you reply to her?",
        "@Priya tu peux aider Antoine ? Elle connaît Wwise et les soundbanks par cœur.",
        "@Priya can you help Antoine? She knows Wwise inside out.",
        "Over to you @Sandrine, she knows Wwise inside out.",
        # a transit operator's: a pointer, a router's "c'est toi qui", a status line
        "@Nadia peut répondre, elle connaît les validateurs par cœur",
        "tu peux regarder ? c'est toi qui connais le mieux le flux",
        "@Pierre Lefèvre tu peux lui expliquer ?",
        "Tu peux regarder stp ?",
        "Tu peux jeter un œil ?",
        "Weekly status: interlocking SAT progress 80 %, CBTC onboard integration 60 %. Next"
        " steering committee on Friday.",
        "Sandrine, tu peux lui répondre ? C'est notre spécialiste Wwise.",
        "Sandrine, tu peux voir avec lui ?",
        # a hand-over and a promise to pass the outcome on (the studio's second evaluator run)
        "@Camille Roy can you explain the process to Sarah? I'll tell the vendor once it's done.",
        "@Camille tu peux expliquer la procédure à Sarah ? Je préviens le fournisseur ensuite.",
        "Camille, can you walk Sarah through the release checklist? I'll let the customer know.",
        "Sandrine saura mieux répondre que moi.",
        "Je transmets à l'équipe qualité.",
        # coordination beside a subject said to matter
        "Escalating to P1. Thanks all, this is a key priority for the customer.",
        "Rappel : formation HACCP jeudi 9 h en salle de réunion. La sécurité des aliments et la"
        " traçabilité sont l'affaire de tous. Merci de confirmer votre présence.",
    ],
)
def test_asking_a_colleague_to_answer_refers(text: str) -> None:
    assert message_role(text, is_reply=True) == Role.REFERRER


@pytest.mark.parametrize(
    "text",
    [
        "Tu peux redémarrer le service ?",  # (what to try, said to the asker)
        "@Priya tu peux aider Antoine ? Elle connaît Wwise : il faut régénérer les SoundBanks.",
        "Restart the pod with a larger heap. I'll tell the vendor once it's done.",
        "@Camille can you look at it? I'll tell the vendor the API key expired last night.",
    ],
)
def test_a_hand_over_that_tells_what_to_do_still_replies(text: str) -> None:
    assert message_role(text, is_reply=True) == Role.REPLIER


@pytest.mark.parametrize(
    "text",
    [
        "Same here: the rollback netcode desyncs for us too when the ping goes above 100 ms.",
        "Same here, the Perforce sync from home was slow for me too.",
        "On le voit aussi en AQ, je crée un ticket.",
        "+1 that fixed it for me",
        "Merci Sandrine. Pour info, je rappelle que la maîtrise de la pasteurisation est un"
        " enjeu majeur pour la coopérative.",
        "Thanks Sandrine. Pasteurisation control is a key priority for the cooperative.",
        "On regarde.",
        "On va regarder.",
        "On regarde ça demain.",
        "Même constat chez nous depuis la mise à jour.",
        "We'll look into it.",
        "pareil chez nous, la 2011 avait une bande en gouttière le mois dernier",
        "+1, merci Camille, c'est beaucoup plus clair pour la preuve B.",
    ],
)
def test_agreeing_promising_or_stressing_a_subject_acknowledges(text: str) -> None:
    assert message_role(text, is_reply=True) == Role.ACKNOWLEDGER


@pytest.mark.parametrize(
    "text",
    [
        # a reviewer's: procedures told with "on", a dictated answer, a diagnosis after a
        # hand-over, a fact added "aussi", a fact beside a subject said to matter
        "On vérifie le pH à J+1 avec le pH-mètre étalonné, il doit être sous 4,6.",
        "On ouvre un ticket chez OVH avec le numéro de contrat, ils répondent sous 4 h.",
        "On va voir avec le labo, mais normalement la recherche de Listeria prend 48 h.",
        "Tu peux lui répondre que la limite Listeria est de 100 ufc/g à la DLC.",
        "Can you reply to her that the retention is 13 months in eu-west-3, encrypted with KMS.",
        "Marc, tu peux traiter ? Il gère mal les accents : le parseur lit le fichier en latin-1.",
        "Paul, can you take this? He wrote the exporter in a hurry and it drops rows when the CSV"
        " has a BOM.",
        "Nous avons aussi une limite critique à 72 °C pendant 15 s pour la pasteurisation.",
        "Je le vois aussi dans les relevés, la chambre froide 2 remonte à 8 °C au dégivrage.",
        "Pour info, la limite est 100 ufc/g et la chaîne du froid reste un enjeu majeur.",
        "The migration is at 80 % progress: the last step is to switch the DNS, run dig to check.",
        # a second reviewer's: a fix told with when, a status that diagnoses, a hand-over with
        # the answer after it, a pointer with the writer's figure
        "Pareil chez nous, le mois dernier il a fallu remplacer le rouleau de tête, il était"
        " ovalisé.",
        "Status: mitigated, the disk on db-3 was full of WAL files from the stale replication"
        " slot; dropped the slot.",
        "Paul, tu peux lui expliquer ? Le disjoncteur Q3 doit être ouvert avant la porte, sinon"
        " le verrouillage reste actif.",
        "@Nadia can answer, the validator keeps the last 500 taps offline.",
        "Same here: the cache is rebuilt for us too when the manifest changes, set cache.key to"
        " the lockfile hash.",
        "+1, the overlay network needs a smaller MTU when you run VXLAN",
        "La pasteurisation est un enjeu majeur car la vanne de détournement doit basculer sous"
        " 72 °C.",
        "Je regarde ça, le GLN est faux dans la table.",
    ],
)
def test_what_says_how_it_works_beside_them_still_replies(text: str) -> None:
    assert message_role(text, is_reply=True) == Role.REPLIER


def test_an_agenda_coordinates_and_a_request_asks() -> None:
    agenda = (
        "Réunion équipe HACCP jeudi 14 h, salle du conseil. Ordre du jour : Listeria,"
        " traçabilité, NEP. Merci d'être présents."
    )
    assert message_role(agenda, is_reply=False) == Role.REFERRER
    told = "Ordre du jour : la NEP doit passer à 1,5 % de soude à 80 °C."
    assert message_role(told, is_reply=False) == Role.SENDER
    request = (
        "Madame, Monsieur, merci de réaliser un exercice de traçabilité sur un lot de tomme"
        " (rappel produit) et de nous transmettre les résultats sous 10 jours."
    )
    assert message_role(request, is_reply=False) == Role.ASKER
    announced = (
        "The new retention policy: logs are kept 13 months in eu-west-3, encrypted with KMS."
        " Please send me any questions."
    )
    assert message_role(announced, is_reply=False) == Role.SENDER
    reminder = (
        "Bonjour à tous, je vous rappelle la formation HACCP obligatoire le 12 mars de 9 h à 12 h"
        " en salle de réunion. La sécurité des aliments et la traçabilité sont l'affaire de tous."
    )
    assert message_role(reminder, is_reply=False) == Role.REFERRER
    told = "Reminder: the session token is only valid for one hour, refresh it with /token."
    assert message_role(told, is_reply=False) == Role.SENDER


FORM = (
    "Étape : ____________\nDanger : ____________\nCCP : oui / non    PRPo : oui / non\n"
    "Limite critique : ____________\nValidé par : ____________"
)


def test_a_blank_form_is_a_template() -> None:
    assert template("Fiche HACCP", FORM)
    english = "Step: ____\nHazard: ____\nCCP: yes / no\nCritical limit: ____\nApproved by: ____"
    assert template("HACCP form template - to be completed", english)
    plan = (
        "CCP1 pasteurisation : limite critique 72 °C pendant 15 s.\n"
        "Surveillance : thermographe en continu.\nValidé par : ____________"
    )
    assert not template("Plan HACCP", plan)  # (one field left to sign is no form)
    # (a reviewer's: a title that only begins so, a draft, a table of contents, minutes)
    assert not template("Page template inheritance in Django", "Django pages inherit blocks.")
    assert not template("Plan HACCP v3 - à compléter", "CCP1 pasteurisation à 72 °C, 15 s.")
    contents = "\n".join(f"{n}. Partie {n} ........ {n + 1}" for n in range(1, 6))
    assert not template("Procédure NEP", contents + "\nLa NEP se fait à 80 °C.")
    minutes = (
        "Listeria : prélèvements renforcés.\nNEP : soude à 1,5 %.\nDécision : audit en mai.\n"
        "Prochaine réunion : ............\nValidé par : ............\nDiffusion : ........."
    )
    assert not template("Compte rendu réunion qualité", minutes)
    hardening = "PermitRootLogin : yes / no → no\nPasswordAuthentication : yes / no → no\n" * 2
    assert not template("Durcissement SSH", hardening)


def _mail(
    folder: Path,
    number: int,
    sender: str,
    body: str,
    reply_to: int | None,
    subject: str = "CCP pasteurisation",
    root: int = 1,
) -> None:
    (folder / "cur").mkdir(parents=True, exist_ok=True)
    (folder / "new").mkdir(exist_ok=True)
    thread = f"In-Reply-To: <m{reply_to}@x>\nReferences: <m{root}@x>\n" if reply_to else ""
    (folder / "cur" / f"17700000{number:02d}.M{number}.h:2,S").write_text(
        f"From: {sender} <{sender.split()[0].lower()}@coop.example>\nTo: qualite@coop.example\n"
        f"Subject: {'Re: ' if reply_to else ''}{subject}\n"
        f"Date: {3 + number} Feb 2026 10:00:00 +0100\nMessage-ID: <m{number}@x>\n{thread}"
        f"Content-Type: text/plain; charset=utf-8\n\n{body}\n",
        encoding="utf-8",
    )


def _thread(
    tmp_path: Path, mails: list[tuple[str, str]], question: str, person: str
) -> tuple[list[str], dict[str, int]]:
    """A mail thread of ``mails`` (sender, body; each replying to the one before), ingested:
    the people ``ask`` lists for ``question``, and the roles of ``person`` (a first name)."""
    folder = tmp_path / "maildir"
    for number, (sender, body) in enumerate(mails, start=1):
        _mail(folder, number, sender, body, number - 1 or None)
    service = make_service(tmp_path / "workspace")
    try:
        service.ingest.ingest("maildir", folder)
        names = [result.name for result in service.search.ask(question, k=5)]
        people = service.people.list_people(limit=10)
        found = next(p for p in people if p.display_name.startswith(person))
        roles = service.people.show(found.id).roles
    finally:
        service.close()
    return names, roles


def test_the_colleague_asked_to_answer_ranks_and_the_router_does_not(tmp_path: Path) -> None:
    mails = [
        ("Thomas Giraud", "Quelle est la limite critique au CCP pasteurisation ?"),
        ("Julien Roux", "Sandrine, tu peux répondre à Thomas ? Merci."),
        (
            "Sandrine Lefort",
            "Thomas, le CCP1 est la pasteurisation : limite critique 72 °C pendant 15 secondes,"
            " surveillance en continu par le thermographe.",
        ),
    ]
    names, roles = _thread(tmp_path, mails, "pasteurisation", "Julien")
    assert names[0] == "Sandrine Lefort" and "Julien Roux" not in names
    assert roles == {"referrer": 1}


def test_a_maildir_message_cut_inside_its_headers_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "maildir"
    _mail(folder, 1, "Thomas Giraud", "Quelle est la limite critique ?", None)
    _mail(folder, 2, "Sandrine Lefort", "72 °C pendant 15 secondes.", 1)
    cut = folder / "cur" / "1770000002.M2.h:2,S"
    cut.write_bytes(cut.read_bytes()[:60])
    with pytest.raises(InputError, match=r"M2\.h:2,S: the file ends inside this message"):
        list(MaildirConnector().parse(folder, IngestContext()))
    context = IngestContext(skip_errors=True)
    assert len(list(MaildirConnector().parse(folder, context))) == 1
    assert len(context.problems) == 1


def test_announcements_are_no_demand_for_gaps(tmp_path: Path) -> None:
    """A cooperative's `gaps` said "traçabilité: 3 threads unanswered, 0 active internal
    holders": the three threads were a manager's agendas and reminders, which ask nothing."""
    folder = tmp_path / "maildir"
    agendas = [
        "Réunion qualité jeudi 14 h. Ordre du jour : traçabilité, rappel produit, étiquetage.",
        "Point qualité lundi 9 h. Ordre du jour : traçabilité, audit IFS, étiquetage.",
        "Comité qualité mardi 10 h. Ordre du jour : traçabilité, rappel produit, audit IFS.",
    ]
    for number, text in enumerate(agendas, start=1):
        _mail(folder, number, "Julien Roux", text, None, f"Rappel traçabilité lots {number}")
    service = make_service(tmp_path / "workspace")
    try:
        service.ingest.ingest("maildir", folder)
        gaps = {gap.topic for gap in service.insights.gaps()}
        for number, text in enumerate(
            [
                "Comment fait-on la traçabilité d'un lot ?",
                "La traçabilité amont d'un lot, on la trouve où ?",
                "Qui gère la traçabilité des lots de tomme ?",
            ],
            start=9,
        ):
            subject = f"Question traçabilité lots {number}"
            _mail(folder, number, "Thomas Giraud", text, None, subject)
        service.ingest.ingest("maildir", folder)
        asked = {gap.topic for gap in service.insights.gaps()}
    finally:
        service.close()
    assert "traçabilité lots" not in gaps and "traçabilité lots" in asked


def test_a_list_digest_and_its_request_address_are_no_one() -> None:
    from whoknows.bots import looks_like_bot
    from whoknows.ingest._mailtext import DIGEST

    assert DIGEST.search("Digest billettique, Vol 3, Numéro 7")
    assert DIGEST.search("billettique Digest, Vol 3, Issue 7")
    assert looks_like_bot("Liste billettique", "billettique-request@lists.example")
    assert not looks_like_bot("Marc Request", "marc.request@example.fr")
    assert not looks_like_bot("Paul", "feature-request@example.fr")
    assert not looks_like_bot("Claire Martin", "product-owner@example.fr")
    assert not looks_like_bot("Anne Lefèvre", "anne.lefevre+list-bounces@example.fr")


def test_the_asker_naming_the_cause_an_answer_gave_acknowledges(tmp_path: Path) -> None:
    """A transit operator's apprentice, "C'était le capteur." after Pierre's answer that named
    the sensor, ranked first for "pantographe" above Pierre."""
    mails = [
        ("Lucas Bernard", "Le pantographe de la rame 2021 ne monte plus."),
        (
            "Pierre Lefevre",
            "Vérifie la pression d'air du pantographe, puis l'électrovanne EV-PAN, puis le"
            " capteur de position : s'il est mort, le pantographe reste en bas.",
        ),
        ("Lucas Bernard", "C'était le capteur."),
    ]
    names, roles = _thread(tmp_path, mails, "pantographe", "Lucas")
    assert "answerer" not in roles and roles.get("acknowledger") == 1
    assert names[0] == "Pierre Lefevre"
    # the outcome in a few words, then a thanks (a hospital's asker second for the Aisys leak
    # test on "C'était le joint du canister. Test de fuite à 90 mL/min. Merci!!")
    mails[2] = ("Lucas Bernard", "C'était le capteur. Le pantographe monte en 4 s. Merci!!")
    names, roles = _thread(tmp_path / "outcome", mails, "pantographe", "Lucas")
    assert "answerer" not in roles and roles.get("acknowledger") == 1


def test_an_askers_own_fix_beside_a_rejected_suggestion_answers(tmp_path: Path) -> None:
    """ "It was not the proxy, it was the intermediate certificate …" rejects the suggestion
    and names the writer's own fix (a reviewer: read as repeating it, nobody listed)."""
    mails = [
        ("Marc Petit", "TLS handshake fails from the app servers since Monday."),
        ("Sara Lind", "Check the outbound proxy, it may intercept TLS."),
        (
            "Marc Petit",
            "It was not the proxy, it was the intermediate certificate missing from the chain on"
            " the F5 load balancer. Thanks anyway.",
        ),
    ]
    _, roles = _thread(tmp_path, mails, "certificate", "Marc")
    assert roles.get("answerer") == 1


@pytest.mark.parametrize(
    ("text", "is_reply", "role"),
    [
        # a regional hospital's evaluator: each had put its writer among the experts
        (
            "@Léa Martin tu peux regarder ? c'est elle qui gère les retours transporteurs et"
            " les RMA fabricants",
            True,
            Role.REFERRER,
        ),
        ("Il faut redémarrer le serveur Mirth ?", True, Role.ASKER),
        ("On doit redémarrer le serveur Mirth?", True, Role.ASKER),
        ("Should we restart the Mirth server?", True, Role.ASKER),
        ("Tu as essayé de redémarrer le serveur Mirth ?", True, Role.REPLIER),  # (a suggestion)
        # an NGO's project lead, third for M-Pesa bulk payments on his thanks and question
        (
            "Merci Esther ! Question : pour le round 2, on peut ajouter 300 ménages sans refaire"
            " tout l'enregistrement ?",
            True,
            Role.ASKER,
        ),
        ("Merci. Pour Kakuma, peut-on passer le seuil à 300 ?", True, Role.ASKER),
        # a pharma site director's, second for cleaning validation on it
        (
            "Bien noté. Laure, peux-tu formaliser ça dans une procédure ? On en parle à la"
            " revue qualité.",
            True,
            Role.REFERRER,
        ),
        ("Thanks. Laure, can you write this up for the SOP?", True, Role.REFERRER),
        ("Bien noté, merci.", True, Role.ACKNOWLEDGER),
        ("Noté, la limite est 72 h, au-delà il faut renettoyer.", True, Role.REPLIER),
        ("On peut ajouter 300 ménages, il suffit de relancer la synchro.", True, Role.REPLIER),
        ("Same here, le frigo du labo a bipé aussi. merci", True, Role.ACKNOWLEDGER),
        ("Ça arrive aussi en pneumo. Qui peut regarder ?", True, Role.ASKER),
        ("Same in cardiology. Can someone look?", True, Role.ASKER),
        (
            "Point PACS mardi 10h. Ordre du jour : routage des examens, volumétrie, contrat."
            " Merci de confirmer votre présence.",
            False,
            Role.REFERRER,
        ),
        (
            "VPN down since 9am for the Lyon site, the tunnel to the datacenter keeps dropping"
            " every few minutes and users cannot reach the ERP.",
            False,
            Role.ASKER,
        ),
    ],
)
def test_asking_echoing_and_organising_in_a_hospital(text: str, is_reply: bool, role: str) -> None:
    assert message_role(text, is_reply=is_reply, first=Role.POSTER) == role


def test_a_page_titled_as_an_agenda_plans() -> None:
    assert plans("Comité PACS : ordre du jour") and plans("Weekly sync agenda")
    assert plans("Comité PACS : ordre du jour du 20 janvier")
    assert not plans("Routage PACS : règles par modalité")


@pytest.mark.parametrize(
    ("text", "is_reply", "role"),
    [
        # a reviewer's answers that the hospital's rules had read as interest
        ("Il faut vider la file HL7 puis relancer le canal, non ?", True, Role.REPLIER),
        (
            "Il faut relancer le canal depuis la console Mirth (clic droit > Deploy), tu veux que"
            " je te montre ?",
            True,
            Role.REPLIER,
        ),
        (
            "I need to bump max_connections to 500 and restart postgres, correct?",
            True,
            Role.REPLIER,
        ),
        (
            "Same in pneumology: the biomed VLAN DHCP lease is too short, we raised it to 8 hours.",
            True,
            Role.REPLIER,
        ),
        (
            "Ça arrive aussi en pneumo, le bail DHCP est trop court, on l'a passé à 8h.",
            True,
            Role.REPLIER,
        ),
        ("Agreed, the sssd cache has to be cleared too.", True, Role.REPLIER),
        ("Je confirme, le cache DICOM doit être purgé aussi.", True, Role.REPLIER),
        (
            "Sync runs every night at 2:00, the new AD groups show up in the PACS the next"
            " morning.",
            True,
            Role.REPLIER,
        ),
        (
            "Badge readers in block B failed this morning: the controller lost its NTP sync and"
            " rejected all badges. Resynced it to ntp.chu.local and they work again.",
            False,
            Role.POSTER,
        ),
        (
            "@Léa can you take this? She knows the RMA portal rejects serial numbers with dashes"
            " in them",
            True,
            Role.REPLIER,
        ),
        ("@Hugo handles LDAP. Clear the cache.", True, Role.REPLIER),
        (
            "Point PACS mardi 10h en salle 2. Merci de confirmer votre présence.",
            False,
            Role.REFERRER,
        ),
    ],
)
def test_answers_that_look_like_asking_echoing_or_organising(
    text: str, is_reply: bool, role: str
) -> None:
    assert message_role(text, is_reply=is_reply, first=Role.POSTER) == role


@pytest.mark.parametrize(
    "title",
    [
        "Outlook – agenda partagé : comment le synchroniser sur le mobile",
        "Sync agenda with Google Calendar (how-to)",
        "Meeting agenda template in Confluence: how to use it",
    ],
)
def test_a_how_to_about_an_agenda_plans_nothing(title: str) -> None:
    assert not plans(title)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # a retailer's evaluator: the Tax Manager who only asks was listed for OSS on his
        # reminder, the Head of Technology second for Kubernetes on his plan
        (
            "Reminder: VAT and OSS deadlines are coming, please send me anything tax related.",
            Role.ASKER,
        ),
        ("Merci de m'envoyer vos factures de frais avant vendredi.", Role.ASKER),
        (
            "We will review our infrastructure and Kubernetes roadmap next quarter. Thoughts"
            " welcome.",
            Role.ADVISER,
        ),
        ("On va revoir notre stratégie de sauvegarde au prochain trimestre.", Role.ADVISER),
        # a reviewer's rewordings
        (
            "Next quarter we're going to take a fresh look at our Kubernetes platform strategy"
            " - stay tuned!",
            Role.ADVISER,
        ),
        ("Petit rappel : envoyez-moi vos notes de frais avant vendredi.", Role.ASKER),
        (
            "Nous allons repenser le plan de reprise d'activité au prochain trimestre, vos idées"
            " sont les bienvenues.",
            Role.ADVISER,
        ),
        ("L'an prochain on remettra à plat toute l'observabilité…", Role.ADVISER),
        # one's own look, later (a studio's new hire second for Perforce on it)
        ("Je vais regarder BuildGraph la semaine prochaine.", Role.ADVISER),
        ("I'll look into the Horde agents next week.", Role.ADVISER),
        ("I'll look into it tomorrow: the typemap needs +l on uasset.", Role.SENDER),
        ("Next sprint we will revisit the retry policy: set max.poll.records to 200.", Role.SENDER),
        (
            "We are going to rethink the DNS setup because ndots 5 doubles every lookup.",
            Role.SENDER,
        ),
        # what tells something beside the request or the plan stays its writer's
        (
            "To renew the certificate run certbot renew --cert-name api; please send me the"
            " output if it fails.",
            Role.SENDER,
        ),
        ("The VAT rate for books is 5.5%, please send me the invoices.", Role.SENDER),
        (
            "The new retention policy: logs are kept 13 months in eu-west-3, encrypted with KMS."
            " Please send me any questions.",
            Role.SENDER,
        ),
        ("We will review the ingress config and raise proxy_read_timeout to 120s.", Role.SENDER),
        # a reviewer's: a report of one's own work before the request, a promise of one's own
        (
            "I rotated the Vault root token this morning, please send me any app that stopped"
            " authenticating.",
            Role.SENDER,
        ),
        ("I'll work on the Terraform module for the new VPC next week.", Role.SENDER),
        ("I will investigate the DNS latency in CoreDNS.", Role.SENDER),
    ],
)
def test_a_request_for_documents_asks_and_a_plan_to_review_advises(text: str, role: str) -> None:
    assert message_role(text, is_reply=False) == role


def test_a_plan_then_a_date_to_talk_again_advises() -> None:
    plan = "L'an prochain on remettra à plat toute l'observabilité, on en reparle en janvier."
    assert message_role(plan, is_reply=False) == Role.ADVISER


# a question on radio links, and a vendor's firmware advice (a water utility's evaluator's)
_FIRMWARE_ADVICE = [
    ("Yannick Thiry", "La RTU de Malonne perd la liaison radio toutes les nuits, une idée ?"),
    ("Dirk Janssens", "Please upgrade the RTU firmware to 4.2.1, it has radio link fixes."),
]


def _refuted_texts(tmp_path: Path) -> list[str]:
    """The texts of the items the stored replies refute (as the index build derives them)."""
    from whoknows.ingest._refutations import CONFIRMS_META, REFUTES_META, refuted_uids
    from whoknows.store.items import item_ids, metas_signalled

    service = make_service(tmp_path / "workspace")
    try:
        conn = service.workspace.store().conn
        ids = item_ids(conn, refuted_uids(metas_signalled(conn, REFUTES_META, CONFIRMS_META)))
        marks = ",".join("?" * len(ids))
        rows = conn.execute(f"SELECT text FROM items WHERE id IN ({marks})", ids).fetchall()
    finally:
        service.close()
    return [str(row[0]) for row in rows]


def test_a_suggestion_refuted_later_in_its_thread_says_less(tmp_path: Path) -> None:
    """A water utility's vendor advised a firmware upgrade; the colleague who fixed the radio
    link answered that the firmware changed nothing. The vendor had come third for the radio
    links (a fresh evaluator's): his refuted suggestion now weighs as a down-voted one."""
    mails = [
        ("Yannick Thiry", "La RTU de Malonne perd la liaison radio toutes les nuits, une idée ?"),
        (
            "Dirk Janssens",
            "Hello, please upgrade the RTU firmware to 4.2.1, it contains radio fixes for the"
            " Satel modem link.",
        ),
        (
            "Julien Peeters",
            "Le firmware 4.2.1 ne change rien au problème de liaison radio : c'était le"
            " connecteur N oxydé et l'alignement de l'antenne Yagi vers le relais.",
        ),
    ]
    names, _ = _thread(tmp_path, mails, "RTU firmware 4.2.1 radio link", "Dirk")
    assert names[0] == "Julien Peeters", names
    refuted = _refuted_texts(tmp_path)
    assert [text[:27] for text in refuted] == ["Hello, please upgrade the R"], refuted


@pytest.mark.parametrize(
    "reply",
    [
        # the suggestion thanked, or said to have worked, is no refuted one
        "Thanks Dirk, the firmware 4.2.1 fixed the radio link, the modem holds all night now.",
        # what did not help was not what the suggestion brought (the question's own words)
        "La liaison radio ne change rien à l'alarme, j'ai regardé le connecteur N de l'antenne.",
        # a colleague's bare word, no cause said instead (an attacker's way to sink an answer)
        "The firmware 4.2.1 didn't help at all, forget it.",
    ],
)
def test_a_suggestion_thanked_or_not_named_is_not_refuted(tmp_path: Path, reply: str) -> None:
    mails = [
        *_FIRMWARE_ADVICE,
        ("Julien Peeters", reply),
    ]
    _thread(tmp_path, mails, "firmware", "Dirk")
    assert _refuted_texts(tmp_path) == []


def test_the_askers_own_word_that_a_suggestion_failed_refutes_it(tmp_path: Path) -> None:
    mails = [
        *_FIRMWARE_ADVICE,
        ("Yannick Thiry", "J'ai passé le firmware en 4.2.1, sans succès, la liaison tombe encore."),
    ]
    _thread(tmp_path, mails, "firmware", "Dirk")
    assert len(_refuted_texts(tmp_path)) == 1


_INVENTORY = "Inventaire : les RTU de Namur tournent en firmware 3.9, la mise à jour attendra."


def _answers_over_threads(
    tmp_path: Path, threads: list[list[tuple[str, str]]], note: str, question: str, k: int
) -> list[Answer]:
    """The answer to ``question`` over mail ``threads`` (each a list of sender and body, each
    replying to the one before) and a colleague's unrelated ``note`` (Sophie Lambert's)."""
    folder = tmp_path / "maildir"
    for at, mails in enumerate(threads):
        root = 10 * at + 1
        for number, (sender, body) in enumerate(mails, start=root):
            reply_to = number - 1 if number > root else None
            _mail(
                folder, number, sender, body, reply_to, subject=f"Liaison radio RTU {at}", root=root
            )
    _mail(folder, 9, "Sophie Lambert", note, None, subject="Inventaire télégestion")
    service = make_service(tmp_path / "workspace")
    try:
        service.ingest.ingest("maildir", folder)
        return service.search.ask(question, k=k)
    finally:
        service.close()


def test_a_person_whose_every_matching_item_was_refuted_comes_after_the_rest(
    tmp_path: Path,
) -> None:
    """An NGO's intern and a pump vendor, whose only evidence on a subject was refuted in its
    thread, were each second where few others held any (a fresh evaluator's): listed after
    everyone whose evidence stands, the refuted mark beside their items."""
    mails = [
        *_FIRMWARE_ADVICE,
        ("Yannick Thiry", "J'ai passé le firmware en 4.2.1, sans succès, la liaison tombe encore."),
    ]
    results = _answers_over_threads(
        tmp_path, [mails], _INVENTORY, "RTU firmware upgrade radio link", k=5
    )
    names = [result.name for result in results]
    assert names.index("Sophie Lambert") < names.index("Dirk Janssens"), names
    dirk = results[names.index("Dirk Janssens")]
    assert all(evidence.refuted for evidence in dirk.evidence), dirk.evidence
    scores = [result.score for result in results]
    assert scores == sorted(scores, reverse=True), scores


def test_a_rivals_counter_claim_lowers_an_answer_and_never_sinks_it_below_all(
    tmp_path: Path,
) -> None:
    """A vendor's "the N connector has nothing to do with it, it was the firmware" refutes the
    expert's answer (a colleague who says the cause), which weighs less; the expert is not sent
    below a bystander for it, as when the opener says it failed (an attacker's)."""
    mails = [
        ("Yannick Thiry", "La RTU de Malonne perd la liaison radio toutes les nuits, une idée ?"),
        (
            "Julien Peeters",
            "C'est le connecteur N de l'antenne Yagi : il s'oxyde avec l'humidité, remplace-le"
            " et mets de la graisse diélectrique.",
        ),
        (
            "Dirk Janssens",
            "Le connecteur N de l'antenne n'y est pour rien, c'était le firmware de la RTU :"
            " passez en 4.2.1.",
        ),
    ]
    note = "Inventaire : l'antenne Yagi de Malonne est sur le mât nord."
    question = "antenne Yagi connecteur N humidité"
    names = [r.name for r in _answers_over_threads(tmp_path, [mails], note, question, k=5)]
    assert len(_refuted_texts(tmp_path)) == 1
    assert names.index("Julien Peeters") < names.index("Sophie Lambert"), names


def test_refuted_in_one_thread_by_the_opener_and_in_another_by_a_colleague_comes_last(
    tmp_path: Path,
) -> None:
    """An NGO's intern withdrew his advice in one thread and the health officer gainsaid it in
    another: every item refuted, one by who tried it, he comes after the rest."""
    first = [
        *_FIRMWARE_ADVICE,
        ("Yannick Thiry", "J'ai passé le firmware en 4.2.1, sans succès, la liaison tombe encore."),
    ]
    second = [
        ("Marc Lenoir", "La RTU de Profondeville perd aussi la liaison radio la nuit, une idée ?"),
        ("Dirk Janssens", "Upgrade the RTU firmware to 4.2.1, it has radio link fixes."),
        (
            "Julien Peeters",
            "Le firmware n'y est pour rien : c'était le connecteur N oxydé de l'antenne Yagi.",
        ),
    ]
    question = "RTU firmware upgrade radio link"
    answers = _answers_over_threads(tmp_path, [first, second], _INVENTORY, question, k=8)
    names = [r.name for r in answers]
    assert len(_refuted_texts(tmp_path)) == 2
    assert names.index("Sophie Lambert") < names.index("Dirk Janssens"), names


def test_a_writers_own_retraction_refutes_their_suggestion(tmp_path: Path) -> None:
    """An NGO's intern suggested freezing the vaccines, then wrote "Désolé, je ne savais pas."
    after the health officer's answer: he was second for the cold chain (a fresh evaluator's)."""
    mails = [
        ("Agnes Chebet", "Le frigo solaire du dispensaire a une alarme Fridge-tag, que faire ?"),
        ("Lucas Favre", "Peut-être mettre les vaccins au congélateur en attendant ? Bien froids."),
        (
            "Fatuma Hassan",
            "Non, surtout pas : la plupart des vaccins craignent le gel. Lisez l'alarme du"
            " Fridge-tag, faites le test d'agitation si c'est une alarme basse, mettez en"
            " quarantaine.",
        ),
        # (the opener's thanks confirms the answer it echoes, not the guess before it)
        ("Agnes Chebet", "Merci, c'est une alarme basse, je fais le test d'agitation."),
        ("Lucas Favre", "Désolé, je ne savais pas."),
    ]
    _thread(tmp_path, mails, "vaccins", "Lucas")
    refuted = _refuted_texts(tmp_path)
    assert [text[:20] for text in refuted] == ["Peut-être mettre les"], refuted


@pytest.mark.parametrize(
    ("last", "refuted"),
    [
        # "X didn't help, but Y did": X's writer, not Eve, who said one of X's words ("600s")
        ("Raising socketTimeout to 600s didn't help, but the pooler timeout did.", {"Victor"}),
        # the opener's confirmation, after a colleague's refutation, keeps the fix whole
        ("Thanks Eve, the statement_timeout at 600s fixed it after all.", set()),
        # a condition, a question, another time: nothing asserted
        ("If socketTimeout doesn't help I'll look at the driver.", set()),
        ("Le socketTimeout à 600s ne change rien pour les requêtes courtes ?", set()),
        ("socketTimeout didn't help me last year, because I edited the wrong host.", set()),
        # a thanks that says nothing worked confirms nothing (an attacker's)
        ("Thanks Eve, I will try the statement_timeout tomorrow morning.", set()),
        # a thanks for trying beside a failure refutes still
        ("Thanks Victor, but setting socketTimeout to 600s didn't help.", {"Victor"}),
    ],
)
def test_what_a_reply_refutes_is_what_it_asserts_of_one_reply(
    tmp_path: Path, last: str, refuted: set[str]
) -> None:
    """An attacker's: a shared word, a confirmation, a condition had sunk the right answer.
    Bob, who says the cause, refutes Eve's reply unless the opener confirms it."""
    mails = [
        ("Alice Martin", "Our nightly ETL job keeps failing with timeouts, any idea?"),
        ("Victor Vendor", "Raise socketTimeout to 600s in the JDBC URL of the ETL job."),
        ("Eve Durand", "Raise statement_timeout in the pgbouncer config to 600s for the ETL."),
        ("Bob Lee", "statement_timeout in pgbouncer did not help, the cause was the disk."),
        ("Alice Martin", last),
    ]
    _thread(tmp_path, mails, "timeout", "Alice")
    texts = _refuted_texts(tmp_path)
    writers = {"Victor" if "socketTimeout" in text else "Eve" for text in texts}
    confirmed = "fixed it" in last
    assert writers == refuted | (set() if confirmed else {"Eve"}), texts


def test_a_refutation_goes_with_the_erased_reply_that_said_it(tmp_path: Path) -> None:
    """An attacker's: erasing the refuter left the judgement their words made; erasing the
    refuted leaves no uid of theirs in the refuter's reply."""
    mails = [
        *_FIRMWARE_ADVICE,
        ("Julien Peeters", "Le firmware 4.2.1 ne change rien, c'était le connecteur N oxydé."),
    ]
    _thread(tmp_path, mails, "firmware", "Dirk")
    assert len(_refuted_texts(tmp_path)) == 1
    service = make_service(tmp_path / "workspace")
    try:
        service.privacy.erase("Dirk Janssens")  # (the refuted: his uid leaves the refuter's meta)
        metas = service.workspace.store().conn.execute("SELECT meta FROM items").fetchall()
        assert not any("refutes" in str(meta[0]) and "mail:" in str(meta[0]) for meta in metas)
    finally:
        service.close()
    assert _refuted_texts(tmp_path) == []


def test_erasing_the_refuter_takes_the_refutation(tmp_path: Path) -> None:
    mails = [
        *_FIRMWARE_ADVICE,
        ("Julien Peeters", "Le firmware 4.2.1 ne change rien, c'était le connecteur N oxydé."),
    ]
    _thread(tmp_path, mails, "firmware", "Dirk")
    service = make_service(tmp_path / "workspace")
    try:
        service.privacy.erase("Julien Peeters")
    finally:
        service.close()
    assert _refuted_texts(tmp_path) == []


def test_a_site_of_the_directory_is_no_undeclared_skill(tmp_path: Path) -> None:
    """An NGO's field base, "Lodwar", the site of three people in the directory, was listed as
    their "evidenced, not declared" skill (a fresh evaluator's). Her profile still shows where
    she works."""
    from whoknows.insights.profile import person_topics

    folder = tmp_path / "maildir"
    (folder / "cur").mkdir(parents=True)
    (folder / "new").mkdir()
    subjects = ["jar test", "chlorine dose", "fuel log", "generator", "borehole", "kiosks"]
    water = [
        ("Halima Abdi", "What alum dose do we need for the river water this week?"),
        (
            "Grace Wanjiru",
            "Jar test at Lodwar: alum at 30 mg/l gives the clearest water, turbidity down to 4"
            " NTU after coagulation, the floc settles in 20 minutes.",
        ),
    ]
    network = [
        ("Kevin Ochieng", "The satellite link keeps dropping in the afternoon, any idea?"),
        ("Halima Abdi", "Obstruction from the tree: I moved the dish to the roof, 0.2% now."),
    ]
    for number in range(24):
        subject = f"Lodwar: {subjects[number % len(subjects)]}, jar test {number}"
        if number >= 12:
            subject = f"Starlink obstruction {number}"
        for part, (sender, said) in enumerate(water if number < 12 else network):
            body = f"{said} (week {number}: {subjects[number % len(subjects)]} {number * 7})"
            key = f"t{number}p{part}"
            replying = f"In-Reply-To: <t{number}p0@x>\nReferences: <t{number}p0@x>\n"
            (folder / "cur" / f"17700{number:03d}{part}.M1.h:2,S").write_text(
                f"From: {sender} <{sender.split()[0].lower()}@coop.example>\n"
                f"To: wash@coop.example\nSubject: {'Re: ' if part else ''}{subject}\n"
                f"Date: {1 + number} Jan 2026 1{part}:00:00 +0100\nMessage-ID: <{key}@x>\n"
                f"{replying if part else ''}Content-Type: text/plain; charset=utf-8\n\n{body}\n",
                encoding="utf-8",
            )
    directory = tmp_path / "people.csv"
    directory.write_text(
        "id,name,emails,location\nA1,Grace Wanjiru,grace@coop.example,Lodwar\n"
        "A2,Halima Abdi,halima@coop.example,Nairobi\nA3,Kevin Ochieng,kevin@coop.example,Lodwar\n",
        encoding="utf-8",
    )
    service = make_service(tmp_path / "workspace")
    try:
        service.ingest.ingest("people", directory)
        service.ingest.ingest("maildir", folder)
        skills = {claim.skill.lower() for claim in service.insights.claims("Grace Wanjiru")}
        grace = service.people.resolve("Grace Wanjiru")
        topics = {topic.label for topic in person_topics(service.workspace.topic_space(), grace)}
    finally:
        service.close()
    assert "lodwar" in topics and "lodwar" not in skills, (topics, skills)


def test_an_answer_shows_a_refuted_suggestion_as_refuted(tmp_path: Path) -> None:
    """The vendor's firmware advice, refuted in its thread, is shown so in his evidence."""
    mails = [
        *_FIRMWARE_ADVICE,
        ("Julien Peeters", "Le firmware 4.2.1 ne change rien, c'était le connecteur N oxydé."),
    ]
    _thread(tmp_path, mails, "firmware", "Dirk")
    service = make_service(tmp_path / "workspace")
    try:
        shown = {
            answer.name: [evidence.refuted for evidence in answer.evidence]
            for answer in service.search.ask("RTU firmware 4.2.1")
        }
    finally:
        service.close()
    assert shown["Dirk Janssens"] == [True] and shown["Julien Peeters"] == [False], shown


@pytest.mark.parametrize(
    "apology",
    [
        "Sorry, I didn't know you were on leave last week.",
        "Désolé, je ne savais pas que tu étais en congé.",
        "My bad, I was wrong to trust that other tip above.",
    ],
)
def test_an_apology_that_takes_nothing_back_refutes_nothing(tmp_path: Path, apology: str) -> None:
    """An attacker's: a polite "Sorry, I didn't know you were on leave" had sunk its writer's
    own right answer."""
    mails = [
        *_FIRMWARE_ADVICE,
        ("Julien Peeters", "Le connecteur N de l'antenne Yagi est oxydé : remplace-le, RSSI -82."),
        ("Julien Peeters", apology),
    ]
    _thread(tmp_path, mails, "antenne", "Julien")
    assert _refuted_texts(tmp_path) == []


def test_a_fix_said_to_work_beside_a_side_remark_refutes_nothing(tmp_path: Path) -> None:
    """An attacker's: "… a réglé l'ETL, et ça ne change rien pour les autres jobs" had
    refuted the very fix it said worked."""
    mails = [
        ("Alice Martin", "Le job ETL nocturne plante en timeout, une idée ?"),
        ("Eve Durand", "Augmente le statement_timeout de pgbouncer à 600s pour l'ETL."),
        (
            "Alice Martin",
            "Le statement_timeout à 600s a réglé l'ETL, et ça ne change rien pour les autres"
            " jobs, aucun effet de bord.",
        ),
    ]
    _thread(tmp_path, mails, "timeout", "Alice")
    assert _refuted_texts(tmp_path) == []
