"""A French département's IT department, as a fresh evaluator built it (HR directory,
Outlook-style mail, a French Jira CSV, Teams, office documents): the roles its messages were
misread in."""

from __future__ import annotations

import pytest

from whoknows.ingest._mailtext import automatic_reply, strip_quotes_and_signature
from whoknows.ingest._reports import credited_sentences
from whoknows.ingest._threads import message_role
from whoknows.records import Contribution, ItemRecord, PersonRef
from whoknows.vocab import ContributionRole

SIGNED = (
    "Stéphane, l'audit demande un verrouillage automatique des sessions après 10 minutes."
    " Possible par GPO ?\n\nNicolas PERRIN\nResponsable de la sécurité des systèmes"
    " d'information (RSSI)\nDirection – Direction du numérique\nDépartement du Val-de-Lys\n"
    "Tél. : 02 37 64 75 31"
)


def test_a_question_before_an_outlook_signature_asks() -> None:
    """Outlook signs without "-- ": the name, a title of nine words, the service, the phone
    after the question had made the RSSI's request a statement (second for GPO). Shown
    "PERRIN Nicolas", he signs "Nicolas PERRIN"; the mail's text ends at its question."""
    said = strip_quotes_and_signature(SIGNED, "PERRIN Nicolas")
    assert said == SIGNED.split("\n\n")[0]
    assert message_role(said, is_reply=False) == ContributionRole.ASKER
    answered = said.replace(" Possible par GPO ?", " J'ai créé la GPO liée à l'OU Agents.")
    assert message_role(answered, is_reply=False) != ContributionRole.ASKER


def test_a_thanks_for_the_help_closes_a_mail() -> None:
    """ "Merci pour ton aide,\nPaul" and "Thanks for your help," close as "Cordialement," does;
    "Merci de vérifier les droits avant lundi." is the mail's request, kept."""
    body = "Bonjour,\n\nLe script de purge tourne à 2h.\n\nMerci pour ton aide,\nPaul"
    assert (
        strip_quotes_and_signature(body, "Paul Martin")
        == "Bonjour,\n\nLe script de purge tourne à 2h."
    )
    body = "Hi,\n\nThe purge runs at 2am.\n\nThanks for your help,\nPaul Martin\nSysadmin"
    assert strip_quotes_and_signature(body, "Paul Martin") == "Hi,\n\nThe purge runs at 2am."
    body = "Bonjour,\n\nLa purge tourne à 2h.\n\nMerci de vérifier les droits avant lundi."
    assert strip_quotes_and_signature(body, "Paul Martin") == body


def test_a_signature_with_a_credential_and_a_company_s_legal_form_is_cut() -> None:
    """An MRO shop's engineer, shown "Chen, Michael", signs "Michael Chen, P.Eng." above his
    company "Aéro Technique Laurentides inc.": the line's full stop had kept the signature,
    and his question read as a statement of floor-beam corrosion."""
    body = (
        "Sophie, are we seeing more floor beam corrosion on the Q400s than before? I need it"
        " for the reliability review.\n\nMichael Chen, P.Eng.\nTechnical Services Engineer\n"
        "Aéro Technique Laurentides inc.\n9800, boul. Ryan, Dorval (Québec)  H9P 1A2\n"
        "T. 514 555-0100"
    )
    said = strip_quotes_and_signature(body, "Chen, Michael")
    assert said == body.split("\n\n")[0]
    assert message_role(said, is_reply=False) == ContributionRole.ASKER


def test_a_list_of_names_is_no_signature() -> None:
    """A sender shown "Nicolas Perrin" never signs a list's "PERRIN Nicolas" (a reviewer's:
    the référents by application were cut)."""
    body = (
        "Bonjour,\n\nRéférents par application :\n\nPERRIN Nicolas\nGLPI et sécurité\n"
        "DUPONT Marie\nPostgreSQL et PostGIS"
    )
    assert strip_quotes_and_signature(body, "Nicolas Perrin") == body


@pytest.mark.parametrize(
    "answer",
    [
        "Bonjour Marc,\n\nAugmenter le timeout tunnel\ntimeout tunnel 1h dans la section backend"
        " websocket\nDoc : https://docs.haproxy.org/2.8/configuration.html",
        "Hi Tom,\n\nRestart the gateway first\nssh admin@10.20.30.40\nthen run puppet agent --test",
        "Hi Marc,\n\nEnable the compactor retention\nretention_enabled true under compactor, and"
        " delete_request_store s3\nSee https://grafana.com/docs/loki/latest/operations/",
    ],
)
def test_an_answer_s_last_lines_are_no_signature(answer: str) -> None:
    """An attacker's and a reviewer's answers whose last paragraph opens with a few words and
    ends with a link or an address had been cut as a signature (read as comments)."""
    assert message_role(answer, is_reply=True) == ContributionRole.REPLIER


_ACK, _REP = ContributionRole.ACKNOWLEDGER, ContributionRole.REPLIER


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("je regarde aussi de mon côté", ContributionRole.ACKNOWLEDGER),
        ("Je jette aussi un œil de mon côté sur PaperCut.", ContributionRole.ACKNOWLEDGER),
        ("Je regarde également les licences Oracle de mon côté.", ContributionRole.ACKNOWLEDGER),
        ("Je check aussi de mon côté demain matin pour Zscaler.", ContributionRole.ACKNOWLEDGER),
        ("Je regarde aussi : ajoute le certificat au bundle.", ContributionRole.REPLIER),
        ("On vérifie le pH à J+1.", ContributionRole.REPLIER),  # (a procedure)
        ("je regarde si d'autres communes sont concernées", ContributionRole.ACKNOWLEDGER),
        ("Use pg_repack instead.", ContributionRole.ANSWERER),  # (a terse answer still)
        ("Oui, mets work_mem à 64MB, merci", ContributionRole.REPLIER),
        # (an attacker's: later, or to tell back, each had made its writer first)
        ("Je regarde ça cet après-midi sur la console Veeam et je te dis.", _ACK),
        ("Je vérifie de mon côté la règle Fortigate et je te redis.", _ACK),
        ("Je check ça demain matin pour les imprimantes Canon.", _ACK),
        ("Je teste ça ce soir sur la préprod et je vous dis si le correctif tient.", _ACK),
        ("Je regarde ça demain, mais c'est sûrement le certificat du proxy qui a expiré.", _REP),
        ("Je vérifie la règle : il manque le port 443 vers le SaaS de paie, je l'ajoute.", _REP),
        # (a "me too" that asks, and wants to know the fix)
        (
            "Ran into this too. Did anyone figure out the Airflow scheduler heartbeat timeout?"
            " DAG parsing takes forever for us as well, I'm curious what the fix is.",
            ContributionRole.ASKER,
        ),
        ("Ran into this too. Raising dagbag_import_timeout to 120 fixed it for us.", _REP),
        ("I'm curious what the fix is: restart the scheduler, then raise the timeout.", _REP),
        # (a Québec lab's: pointers, a request for a person, praise)
        (
            "Bonjour Thomas, Je pense que c'est Kevin qui connaît le mieux la configuration de"
            " la grappe, c'est lui qui a écrit les scripts de soumission. Kevin, tu peux"
            " regarder ?",
            ContributionRole.REFERRER,
        ),
        ("Je crois que Chloé a fait un groupe de lecture là-dessus.", ContributionRole.REFERRER),
        ("Je pense que Hugo a fait une erreur : la colonne 3 est décalée, corrige-la.", _REP),
        (
            "Est-ce qu'on a une personne ressource pour le gabarit ? Ça revient souvent dans les"
            " comités de suivi.",
            ContributionRole.ASKER,
        ),
        ("Très intéressant Julie, on devrait en faire une formation pour tout le labo.", _ACK),
        ("Very interesting, the drift comes from the IMU clock: resync it with chronyd.", _REP),
        # (an attacker's pointers, each had put its writer first)
        ("Martine, elle a monté le FTP URSSAF l'an dernier", ContributionRole.REFERRER),
        (
            "Olivier saura, il a refait tout le plan de VLAN des imprimantes en janvier",
            ContributionRole.REFERRER,
        ),
        (
            "Martine Rousseau is your person for Kofax capture, she built the whole scanning chain",
            ContributionRole.REFERRER,
        ),
        ("Postfix, il a planté cette nuit : la file était pleine, je l'ai vidée.", _REP),
        (
            "C'est Inès qui s'en occupe, elle a refait toute la matrice des habilitations Sage X3"
            " en février",
            ContributionRole.REFERRER,
        ),
        ("Claire, she fixed it by setting max.poll.interval.ms to 600000", _REP),
        # (an MRO shop's director, second for landing gear on a rule)
        (
            "Thanks Michael. This must not happen again on ATA 32. Please keep the customer"
            " informed.",
            ContributionRole.ADVISER,
        ),
        ("Il faut absolument respecter la procédure. Aucune exception.", ContributionRole.ADVISER),
        ("This must not happen again: torque the B-nut to 270 in-lb and safety-wire it.", _REP),
        # (a third attacker's: "me too"s with no fix, advice to ask, praise opening an answer)
        ("Same here, no workaround yet.", _ACK),
        ("Moi aussi, pas de contournement pour l'instant.", _ACK),
        ("Same problem. Restarting the service does not make the job pass again.", _ACK),
        ("Ran into this too. Restarting SQLWriter makes the job pass again.", _REP),
        ("No workaround needed: set max.poll.records to 200 and it holds.", _REP),
        ("You should ask Priya, she set up the backup.", ContributionRole.REFERRER),
        ("You should raise the timeout to 30 s and ask Priya if it grows.", _REP),
        ("Je pense que Marc a la réponse.", ContributionRole.REFERRER),
        ("Very interesting Julie, SNMP v1 is off by default since firmware 2.04.", _REP),
        ("I think Chrome did an update that broke the extension.", _REP),
    ],
)
def test_a_confirmation_or_a_promise_to_look_is_no_answer(
    text: str, role: ContributionRole
) -> None:
    assert message_role(text, is_reply=True) == role


def test_an_outlook_absence_notice_without_its_header_is_automatic() -> None:
    """Outlook's notice with no Auto-Submitted header: its sender was first for "congés
    messagerie Exchange Online" (the body alone, naming where to write, reads as his)."""
    body = (
        "Je suis en congés jusqu'au 19 août. Pour la messagerie Exchange Online et Microsoft"
        " 365, contactez assistance.numerique@valdelys.fr.\nAntoine GIRARD"
    )
    assert not automatic_reply("RE: Quota des boîtes aux lettres", body)  # (the body alone)
    for subject in ("Absence du bureau : RE: Quota des boîtes aux lettres", "[Absence] RE: x"):
        assert automatic_reply(subject, body)
    assert automatic_reply("Automatische Antwort: AW: Postfachgröße", body)
    # (a person's subject: a hand-over before leaving, or a reply saying one will be away, is
    # read by its body)
    handover = "Pendant mon absence, le vacuum tourne à 2h : relancez-le avec vacuumdb --all."
    assert not automatic_reply("Absence du bureau : passation PostgreSQL", handover)
    assert not automatic_reply("Absent : RE: Réunion COPIL", "Maintenue jeudi 10h, salle 204.")
    assert not automatic_reply("Absence : TR: Congés de Marie", "Marie remplace Paul lundi.")


@pytest.mark.parametrize(
    ("line", "named"),
    [
        (
            "Active Directory : Stéphane applique la nouvelle politique de mots de passe.",
            "Stéphane",
        ),
        ("Point 1 – Portail Lizmap : Bernard rédige la procédure de publication.", "Bernard"),
        ("Formation QGIS : Martine assure les deux sessions.", "Martine"),
        ("- Karim migre les boîtes de ressources.", "Karim"),
        ("Point 4 ; Open data : Sarah publie le jeu de données des collèges.", "Sarah"),
        ("Messagerie : Antoine migre les boîtes de ressources.", "Antoine"),
    ],
)
def test_minutes_that_say_what_someone_does_now_credit_them(line: str, named: str) -> None:
    """A service head was first for "who handles user accounts in Active Directory?" on one
    line of his minutes."""
    ((_, names),) = credited_sentences(line)
    assert named in names


def test_a_how_to_s_steps_are_no_colleague_s_deeds(tmp_path) -> None:
    """A second attacker's site guide in Markdown: "- Hugo publie le site dans public/" and
    "Deploy: Jenkins deploys public/ to www01" are steps of the tools Hugo and Jenkins, where
    colleagues are named Hugo Lambert and Émilie Jenkins (a first version, keeping Markdown's
    bullets and English labels' deeds, had taken them from the guide's writer)."""
    from whoknows.ingest._markdown import read_markdown

    path = tmp_path / "guide.md"
    path.write_text(
        "---\ntitle: Site web\nauthor: Kevin Roy\n---\n"
        "- Hugo publie le site dans public/ à chaque commit.\n"
        "Deploy: Jenkins deploys public/ to www01 with rsync.\n",
        encoding="utf-8",
    )
    text = read_markdown(path).text
    credited = [name for _, names in credited_sentences(text) for name in names]
    assert not {"Hugo", "Jenkins"} & set(credited), (text, credited)


def test_what_a_tool_does_is_no_colleague_s_deed() -> None:
    """A colleague named Mark Jenkins took "Jenkins publishes the container image to Harbor"
    from the how-to's writer, and nobody held Harbor (an attacker's)."""
    for said in (
        "Jenkins publishes the container image to Harbor.",
        "Then Travis deploys it.",
        "FYI: Jenkins publishes the image to Harbor.",
        "- Remarque : Jenkins migre les pipelines de build vers Kubernetes.",
        "- Pour info : Veeam applique la rétention de 30 jours.",
        "Postfix assure le relais des mails.",
    ):
        ((_, names),) = credited_sentences(said)
        assert not {"Jenkins", "Travis", "Postfix", "Veeam"} & set(names), names


def test_a_pointer_with_a_long_reason_for_the_colleague_refers() -> None:
    """ "Demande à @ROUSSEAU Martine, c'est elle qui a monté toute la base PostGIS …" (30
    words): her knowledge, said at length, had made its writer first for PostGIS; the reason
    is not counted as the writer's words, a fix told beside it still is."""
    long_reason = (
        "Demande à @ROUSSEAU Martine, c'est elle qui a monté toute la base PostGIS et qui"
        " connaît les requêtes spatiales par cœur, même si son poste dit assistante"
        " administrative 😉"
    )
    assert message_role(long_reason, is_reply=True) == ContributionRole.REFERRER
    fix = "Demande à @Martine, c'est elle qui a monté la base : mets work_mem à 64MB et relance."
    assert message_role(fix, is_reply=True) != ContributionRole.REFERRER
    for cause in (  # (a reviewer's: a cause told in the reason is the writer's answer)
        "Ask @Sarah, she knows why: the executors were killed because the memory overhead was"
        " too small for the shuffle.",
        "Vois avec @Claire, c'est elle qui a trouvé que le problème venait du pool PgBouncer"
        " en mode session.",
    ):
        assert message_role(cause, is_reply=True) != ContributionRole.REFERRER, cause


def _reply(number: int, writer: str, text: str) -> ItemRecord:
    person = PersonRef("teams", writer, name=writer, account=True)
    first = number == 1
    role = message_role(text, is_reply=not first)
    return ItemRecord(
        "teams", str(number), "message", text, thread_id="1",
        parent_id=None if first else "1", contributions=[Contribution(person, role)],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("writer", "role"),
    [("Leroy", ContributionRole.ACKNOWLEDGER), ("Rousseau", ContributionRole.ANSWERER)],
)
def test_the_opener_who_confirms_and_thanks_acknowledges(
    writer: str, role: ContributionRole
) -> None:
    """ "Effectivement 280 ms, merci !" on one's own PostGIS thread was read as a terse
    answer by its figure (its writer second for PostGIS); a helper's few words with a value
    and a thanks ("Oui, le port 8443, merci", a reviewer's) stay an answer."""
    from whoknows.ingest._self_answers import SelfAnswers

    thread = SelfAnswers()
    thread.read(_reply(1, "Leroy", "Ma requête ST_DWithin sur les parcelles est lente, une idée ?"))
    thread.read(_reply(2, "Rousseau", "Crée un index GiST sur la géométrie, puis ANALYZE."))
    text = "Effectivement 280 ms, merci !" if writer == "Leroy" else "Oui, le port 8443, merci"
    assert message_role(text, is_reply=True) == ContributionRole.ANSWERER  # (a terse answer)
    assert thread.read(_reply(3, writer, text)).contributions[0].role == role
