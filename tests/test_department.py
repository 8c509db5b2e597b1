"""A French département's IT department, as a fresh evaluator built it (HR directory,
Outlook-style mail, a French Jira CSV, Teams, office documents): the roles its messages were
misread in."""

from __future__ import annotations

import pytest

from whoknows.ingest._mailtext import automatic_reply
from whoknows.ingest._reports import credited_sentences
from whoknows.ingest._threads import message_role
from whoknows.vocab import ContributionRole

SIGNED = (
    "Stéphane, l'audit demande un verrouillage automatique des sessions après 10 minutes."
    " Possible par GPO ?\n\nNicolas PERRIN\nResponsable de la sécurité des systèmes"
    " d'information (RSSI)\nDirection – Direction du numérique\nDépartement du Val-de-Lys\n"
    "Tél. : 02 37 64 75 31"
)


def test_a_question_before_an_outlook_signature_asks() -> None:
    """Outlook signs without "-- ": the name, a title of nine words, the service, the phone
    after the question had made the RSSI's request a statement (second for GPO)."""
    assert message_role(SIGNED, is_reply=False) == ContributionRole.ASKER
    answered = SIGNED.replace(" Possible par GPO ?", " J'ai créé la GPO liée à l'OU Agents.")
    assert message_role(answered, is_reply=False) != ContributionRole.ASKER


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Effectivement 280 ms, merci !", ContributionRole.ACKNOWLEDGER),
        ("je regarde aussi de mon côté", ContributionRole.ACKNOWLEDGER),
        ("Use pg_repack instead.", ContributionRole.ANSWERER),  # (a terse answer still)
        ("Oui, mets work_mem à 64MB, merci", ContributionRole.REPLIER),
    ],
)
def test_a_confirmation_or_a_promise_to_look_is_no_answer(
    text: str, role: ContributionRole
) -> None:
    assert message_role(text, is_reply=True) == role


def test_an_outlook_absence_notice_without_its_header_is_automatic() -> None:
    body = "Je suis en congés. Pour la messagerie Exchange Online, contactez Nadia BENALI."
    assert automatic_reply("Absence du bureau : RE: Migration Exchange Online", body)
    # (a person's subject: a hand-over before leaving is read by its body)
    handover = "Pendant mon absence, le vacuum tourne à 2h : relancez-le avec vacuumdb --all."
    assert not automatic_reply("Absence du bureau : passation PostgreSQL", handover)


@pytest.mark.parametrize(
    ("line", "named"),
    [
        (
            "Active Directory : Stéphane applique la nouvelle politique de mots de passe.",
            "Stéphane",
        ),
        ("Point 1 – Portail Lizmap : Bernard publie les cartes du PLUi.", "Bernard"),
        ("Martine assure les deux sessions de formation QGIS.", "Martine"),
    ],
)
def test_minutes_that_say_what_someone_does_now_credit_them(line: str, named: str) -> None:
    """A service head was first for "who handles user accounts in Active Directory?" on one
    line of his minutes."""
    ((_, names),) = credited_sentences(line)
    assert named in names
