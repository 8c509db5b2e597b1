"""A mailbox named after one of the directory's departments is a team's: an aerospace firm's
"Bureau d'études <bureau-etudes@…>" and "Service Qualité <qualite@…>" were people, listed in
thirteen of thirty answers (a fresh evaluator's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from connector_checks import light_service, write_mbox
from whoknows.identity.team_mailboxes import team_key

DIRECTORY = (
    "nom,prénom,email,intitulé de poste,service\n"
    "Lefèvre,Pierre,pierre.lefevre@aero.example,Ingénieur calcul structure,Bureau d'études\n"
    "Dubois,Claire,claire.dubois@aero.example,Chargée de qualité fournisseurs,Qualité\n"
    "Etudes,Bureau,bureau.etudes@aero.example,Dessinateur,Bureau d'études\n"
)
MAILS = [
    (
        "Bureau d'études <bureau-etudes@aero.example>",
        "Planning revues de conception",
        "Les revues de conception des stratifiés composites auront lieu le 12 mars, salle B.",
    ),
    (
        "Service Qualité <qualite@aero.example>",
        "Rappel : procédure NC et dérogations",
        "Toute non-conformité doit être saisie dans QUAL avant la demande de dérogation.",
    ),
    (
        "Pierre Lefèvre <pierre.lefevre@aero.example>",
        "Drapage panneau d'accès",
        "Le drapage des stratifiés du panneau d'accès est justifié par le critère de Tsai-Wu,"
        " chute de plis de 1 pour 20 et marge de 0,12 sur la matrice ABD.",
    ),
    (
        "Bureau Etudes <bureau.etudes@aero.example>",
        "Plans de la ferrure",
        "Les plans de la ferrure de longeron sont à jour dans CATIA, révision C.",
    ),
    # a rota's mailbox, named after no department (a hospital's on-call: a fresh evaluator's)
    (
        "Astreinte Biomédicale <biomed-astreinte@aero.example>",
        "Alarme pompe",
        "Pompe du bloc 3 : alarme d'occlusion acquittée, le stratifié n'est pas en cause.",
    ),
    # a role's mailbox under a name that says the role (a studio's payroll notices)
    (
        "RH Aero <rh@aero.example>",
        "Bulletins de paie",
        "Vos bulletins de paie de mars sont disponibles, le stratifié n'y est pour rien.",
    ),
    # a list named as a team ("Équipe Montréal <mtl@…>", a studio's)
    ("Équipe Toulouse <tls@aero.example>", "Planning", "Le planning des essais est en ligne."),
    # a department's word beside the organisation's name (a water utility's lab reports)
    (
        "Qualité Aero <qual@aero.example>",
        "Rapport d'essai",
        "Veuillez trouver ci-joint le rapport d'essai des stratifiés (accréditation ISO 17025).",
    ),
    # a family name that is the firm's, its address spelling it: a person
    (
        "Claire Aero <claire.aero@aero.example>",
        "Essais",
        "Les essais de traction des stratifiés sont planifiés, éprouvettes en salle B.",
    ),
    # a freelancer at a role's address, under his name, stays a person (an attacker's)
    (
        "Jean Dupont <contact@dupont-conseil.example>",
        "Drapage",
        "Pour les rivets de la ferrure, vérifiez le couple de serrage avant la peinture.",
    ),
]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Bureau d'études", "bureau etudes"),
        ("bureau-etudes", "bureau etudes"),
        ("Service Qualité", "qualite"),
        ("Équipe Achats", "achats"),
        ("Pierre Lefèvre", "pierre lefevre"),
    ],
)
def test_a_departments_name_is_read_as_its_mailbox_writes_it(text: str, key: str) -> None:
    assert team_key(text) == key


@pytest.mark.parametrize("directory_first", [True, False])
def test_a_mailbox_named_after_a_department_is_never_listed(
    tmp_path: Path, directory_first: bool
) -> None:
    directory = tmp_path / "annuaire.csv"
    directory.write_text(DIRECTORY, encoding="utf-8")
    mails = [
        (*mail, f"Mon, {day:02d} Mar 2025 09:00:00 +0100") for day, mail in enumerate(MAILS, 1)
    ]
    path = write_mbox(tmp_path / "be.mbox", mails, to="tous@aero.example")
    service = light_service(tmp_path / "ws")
    steps = [("people", directory), ("mbox", path)]
    for connector, source in steps if directory_first else reversed(steps):
        service.ingest.ingest(connector, source)
    shown = {p.display_name for p in service.people.list_people() if not p.is_bot}
    assert "Bureau d'études" not in shown and "Service Qualité" not in shown, shown
    assert "Astreinte Biomédicale" not in shown and "Jean Dupont" in shown, shown
    assert "RH Aero" not in shown and "Équipe Toulouse" not in shown, shown
    assert "Qualité Aero" not in shown and "Claire Aero" in shown, shown
    # (a colleague the directory lists, though named like the department, stays)
    assert {"Pierre Lefèvre", "Bureau Etudes"} <= shown, shown
    listed = [a.name for a in service.search.ask("drapage des stratifiés composites", k=0)]
    assert "Bureau d'études" not in listed and listed[0] == "Pierre Lefèvre", listed
    service.close()


def test_a_person_named_like_a_team_of_the_directory_stays(tmp_path: Path) -> None:
    """A reviewer's: an outsider "Lorraine <lorraine@…>" was marked a team's mailbox for a
    department named "Pôle Lorraine"; a department named with a team's word is matched whole."""
    directory = tmp_path / "annuaire.csv"
    directory.write_text(
        "nom,prénom,email,service\nMartin,Claire,claire.martin@region.example,Pôle Lorraine\n",
        encoding="utf-8",
    )
    audit = "Le rapport d'audit des marchés publics est prêt pour relecture."
    senders = [
        "Lorraine <lorraine@conseil-ext.example>",
        "Pôle Lorraine <pole-lorraine@region.example>",
    ]
    mails = [
        (sender, "Audit", audit, f"Mon, 0{day} Mar 2025 09:00:00 +0100")
        for day, sender in enumerate(senders, 1)
    ]
    path = write_mbox(tmp_path / "mail.mbox", mails, to="claire.martin@region.example")
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    service.ingest.ingest("mbox", path)
    bots = {p.display_name: p.is_bot for p in service.people.list_people()}
    assert bots["Lorraine"] is False and bots["Pôle Lorraine"] is True, bots
    service.close()


def test_a_colleague_a_later_directory_lists_is_a_person_again(tmp_path: Path) -> None:
    """A reviewer's: a colleague named like a department, whose mail came before the
    directory's version that lists her, stayed a team's mailbox."""
    directory = tmp_path / "annuaire.csv"
    first, *rest = DIRECTORY.splitlines(keepends=True)
    directory.write_text(first + "".join(line for line in rest if "Etudes" not in line), "utf-8")
    path = write_mbox(tmp_path / "be.mbox", [MAILS[3]])
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("people", directory)
    service.ingest.ingest("mbox", path)
    bots = {p.display_name: p.is_bot for p in service.people.list_people()}
    assert bots["Bureau Etudes"] is True, bots  # (unknown to the directory: a team's, it seems)
    directory.write_text(DIRECTORY, encoding="utf-8")
    service.ingest.ingest("people", directory)
    bots = {p.display_name: p.is_bot for p in service.people.list_people()}
    assert bots["Bureau Etudes"] is False, bots
    assert [a.name for a in service.search.ask("plans de la ferrure CATIA")] == ["Bureau Etudes"]
    service.close()
