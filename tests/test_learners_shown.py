"""A learner is shown for what they asked of the question, once: an aerospace firm's junior
engineer, whose only question was about NASTRAN fatigue ("J'ai un problème avec les cartes
FATIGUE"), was listed as interested in "problème de connexion au VPN", his question shown
twice (his mail and its copy quoted in his manager's forward; a fresh evaluator's)."""

from __future__ import annotations

from pathlib import Path

from connector_checks import light_service, write_mbox
from whoknows.services import Services

KEVIN = "Kevin Lambert <kevin.lambert@aero.example>"
QUESTION = (
    "Bonjour à tous, Quelqu'un sait comment lancer une analyse de fatigue avec NASTRAN SOL 112 ?"
    " J'ai un problème avec les cartes FATIGUE et FTGPARM, le calcul s'arrête sans message"
    " clair. Merci d'avance, Kevin"
)
FORWARD = (
    "Claire, tu peux regarder ?\n\n-----Message d'origine-----\nDe : Lambert, Kevin\n"
    "Envoyé : lundi 6 octobre 2025 09:00\nÀ : Bureau d'études\n"
    f"Objet : Analyse fatigue NASTRAN SOL 112\n\n{QUESTION}\n"
)
MAILS = [
    (KEVIN, "Analyse fatigue NASTRAN SOL 112", QUESTION, "06 Oct 2025 09:00"),
    (
        "Sophie Bernard <sophie.bernard@aero.example>",
        "TR: Analyse fatigue NASTRAN SOL 112",
        FORWARD,
        "06 Oct 2025 10:00",
    ),
    (
        "Luc Moreau <luc.moreau@aero.example>",
        "VPN FortiClient",
        "Le certificat du VPN FortiClient a expiré : supprimez le profil VPN et réimportez"
        " vpn-2026.conf, puis reconnectez-vous.",
        "09 Mar 2026 09:00",
    ),
    (
        "Marc Girard <marc.girard@aero.example>",
        "VPN",
        "Luc, j'ai encore un problème de connexion au VPN ce matin, tu peux regarder ?",
        "09 Mar 2026 08:00",
    ),
]


def _service(tmp_path: Path) -> Services:
    mails = [
        (sender, subject, body, f"Mon, {when}:00 +0100") for sender, subject, body, when in MAILS
    ]
    service = light_service(tmp_path / "ws")
    service.ingest.ingest("mbox", write_mbox(tmp_path / "be.mbox", mails, to="tous@aero.example"))
    return service


def test_a_learner_who_asked_of_something_else_is_not_listed(tmp_path: Path) -> None:
    service = _service(tmp_path)
    answers = service.search.ask("problème de connexion au VPN", k=0)
    learners = [a.name for a in answers if a.learner]
    assert "Marc Girard" in learners and "Kevin Lambert" not in learners, learners
    assert answers[0].name == "Luc Moreau"
    service.close()


def test_a_question_and_its_quoted_copy_are_shown_once(tmp_path: Path) -> None:
    service = _service(tmp_path)
    answers = service.search.ask("analyse de fatigue NASTRAN SOL 112", k=0)
    kevin = next(a for a in answers if a.name == "Kevin Lambert")
    shown = [(e.title, e.snippet) for e in kevin.evidence]
    assert kevin.learner and len(shown) == len(set(shown)) == 1, shown
    service.close()
