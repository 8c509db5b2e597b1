"""A bilingual hospital network's evaluator (clinical engineering, pharmacy and lab IT): the
roles its messages were misread in."""

from __future__ import annotations

import pytest

from whoknows.ingest._reports import credited_sentences
from whoknows.ingest._threads import message_role
from whoknows.vocab import ContributionRole


@pytest.mark.parametrize(
    "report",
    [
        # (a head nurse second for the glucose meters the lab analyst fixed, on this mail)
        "Bonjour, Les glucomètres Accu-Chek du 4e Nord ne transmettent plus les résultats au"
        " dossier depuis vendredi. Les infirmières doivent tout retranscrire.",
        "Le « tap-and-go » avec le badge ne fonctionne plus sur les postes partagés du 3e."
        " C'est urgent.",
        "The barcode scanners on 3 West no longer upload. Nurses have to scan twice.",
        # (what it costs in the failure's sentence is no instruction: the head nurse was listed)
        "Le « tap-and-go » avec le badge ne fonctionne plus sur 3 postes partagés du 4e Nord,"
        " il faut taper le mot de passe.",
        # (failures said so are no fix, a second attacker's)
        "Le VPN est tombé, les flux ne repartent pas après redémarrage du concentrateur.",
        "The historian tags never started flowing again after the patch.",
        # (a screen that shows a failure's message: a head nurse third for the telemetry)
        "Bonjour Nathalie, La télémétrie perd le signal au 4e Nord, surtout chambres 410 à 414."
        " La centrale affiche « Pas de signal » plusieurs fois par nuit.",
        # (when the writer does something, the failure's circumstance; a message not
        # recognised: an attacker's nurses' reports)
        "La centrale affiche « Pas de signal » quand je passe au 4e avec le patient.",
        "The central station shows 'No signal' whenever we take the patient to radiology.",
        "Le lecteur affiche « Carte non reconnue » depuis ce matin.",
        # (a relapse is no fix: it worked a while only, an attacker's)
        "Le VPN est tombé hier. Les tags repartent puis ça replante au bout de dix minutes.",
        "The scanner no longer uploads: it was flowing again for an hour, then stopped.",
        "Le scanner ne marche plus, il faut tout recopier à la main.",
        "Le lecteur ne fonctionne plus sur les postes du 3e, il faut entrer le mot de passe à"
        " chaque connexion.",
        "Le scanner ne marche plus, il faut faire les saisies à la main.",
    ],
)
def test_a_first_mail_that_reports_what_no_longer_works_asks(report: str) -> None:
    assert message_role(report, is_reply=False) == ContributionRole.ASKER


@pytest.mark.parametrize(
    "told",
    [
        "Le batch ne tourne plus depuis lundi. J'ai vidé le répertoire tmp et relancé, il repasse.",
        "Les étiquettes ne sortent plus. Il faut changer le ruban : Zebra > Settings > Media,"
        " puis calibrer.",
        "Nous ne faisons plus de sauvegarde sur bande depuis 2024 ; tout part sur le dépôt Veeam"
        " immuable.",
        # (a terse fix note: "again" is no failure there, an attacker's)
        "Rotated the OPC UA certificate on the SCADA historian collector, tags flowing again.",
        "Le VPN est tombé, les flux repartent après redémarrage du concentrateur.",
        "Kafka consumer lag alert firing again, bumped max.poll.records to 50 and it cleared.",
        "Le badge ne fonctionne plus sur les postes partagés, il faut redémarrer le serveur.",
        "La télémétrie perd le signal la nuit : le profil WMTS affiche « Pas de signal » quand"
        " l'antenne du couloir est débranchée, rebranchez-la.",
        # (a relapse feared is no relapse; "il faut faire / copier …" tells the fix: an
        # attacker's of the last stop's rules)
        "Fixed the cron on db-backup-01 (wrong PGPASSFILE path): nightly pg_dump running again,"
        " but it will fail again if someone changes the .pgpass permissions.",
        "Renouvelé le certificat OPC UA expiré sur le serveur Kepware, les tags remontent à"
        " nouveau mais pensez à ne pas arrêter le service Kepware.",
        "Pour info : le service Jenkins ne démarre plus après la mise à jour, il faut faire un"
        " systemctl reset-failed jenkins.",
        "L'agent Horde ne se connecte plus au serveur, il faut copier le nouveau certificat dans"
        " C:\\Horde\\certs.",
    ],
)
def test_a_report_that_tells_the_fix_or_a_practice_is_its_writers(told: str) -> None:
    assert message_role(told, is_reply=False) == ContributionRole.SENDER


@pytest.mark.parametrize(
    ("reply", "role"),
    [
        # (a service desk agent second for the badge login she passed on)
        ("Patrick, tu peux regarder ? Je ne sais pas comment ça marche.", "referrer"),
        ("Je ne sais pas comment ça marche.", "asker"),
        # (a colleague second for the Vocera badges on this pointer)
        ("FYI Tyler is the Vocera guy, even biomed asks him", "referrer"),
        ("I don't know why, but setting ndots to 1 fixed it", "replier"),
        ("I don't know how it works but restarting the service fixed it.", "replier"),
    ],
)
def test_not_knowing_and_pointing_are_no_answers(reply: str, role: str) -> None:
    assert message_role(reply, is_reply=True) == ContributionRole(role)


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("- Respirateurs C6 : Luc planifie les mises à jour.", ("Luc",)),
        ("- Bibliothèque de médicaments : Chantal publiera la version 2026-04.", ("Chantal",)),
    ],
)
def test_a_monthly_summary_s_line_credits_who_does_it(line: str, named: tuple[str]) -> None:
    """A director's monthly summary made him second for the ventilators' flow sensor: its
    lines say what a colleague does now or will do, and are theirs."""
    assert credited_sentences(line) == [(line, named)]
