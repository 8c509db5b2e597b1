"""A document under another organisation's copyright notice is that organisation's writing: a
plant's buyer was listed first for the press's hydraulics because she saved the press maker's
operating manual ("(c) Presstec GmbH, Esslingen. All rights reserved."), and a hospital's IT
director among the first three on seven PACS questions for the vendor's guide she pasted into
the wiki. The team's own manuals carry a notice too, and stay their writers'."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest

from office_fixtures import write_paragraphs
from test_cli import run
from whoknows.ingest._copyright import domain_words, foreign_holder, notice_holders


@pytest.mark.parametrize(
    ("text", "holders"),
    [
        ("Hydraulics.\n(c) Presstec GmbH, Esslingen. All rights reserved.", ["Presstec GmbH"]),
        ("© 2023 Medisys Imaging Ltd. All rights reserved.", ["Medisys Imaging Ltd"]),
        ("Copyright © 2019-2024 BNP Paribas", ["BNP Paribas"]),
        (
            "Copyright 2024 Centre hospitalier de Valdaure. Tous droits réservés.",
            ["Centre hospitalier de Valdaure"],
        ),
        ("Page 3 / 12 – © Medisys Imaging 2023", ["Medisys Imaging"]),
        # a list's third point, prose about copyright, a year alone: no notice
        ("(a) Stop the pump.\n(b) Bleed the line.\n(c) Install the new seal on the piston.", []),
        ("We keep the copyright notice of the vendor in our pages.", []),
        ("© 2024", []),
    ],
)
def test_a_notice_names_its_holder(text: str, holders: list[str]) -> None:
    assert notice_holders(text) == holders


def test_a_holder_is_foreign_when_neither_the_organisation_nor_the_writer() -> None:
    plant = domain_words("meyer-colmar.fr") | domain_words("meyer-gruppe.de")
    assert plant == {"meyer", "colmar", "meyercolmar", "meyergruppe"}  # ("gruppe": any group)
    assert domain_words("mail.nhs.co.uk") == {"nhs"}
    assert foreign_holder(["Presstec GmbH"], plant, frozenset())
    assert not foreign_holder(["Meyer Industrie France SAS"], plant, frozenset())
    # the vendor's own engineer wrote it: his
    assert not foreign_holder(["Presstec GmbH"], plant, domain_words("presstec.de"))
    # one name written apart, the other together
    assert not foreign_holder(["BNP Paribas"], domain_words("bnpparibas.com"), frozenset())
    # an organisation whose domain is a common word ("company.example") is known by it
    assert domain_words("company.example") == {"company"}
    assert domain_words("meyer-gruppe.de") == {"meyer", "meyergruppe"}
    # an organisation known by no mail domain: every document stays its writers'
    assert not foreign_holder(["Presstec GmbH"], frozenset(), frozenset())


def _mail(box: mailbox.mbox, sender: str, subject: str, body: str, day: int) -> None:
    message = EmailMessage()
    message["From"], message["To"] = sender, "maintenance@meyer-colmar.fr"
    message["Subject"], message["Date"] = subject, f"Mon, {day:02d} Jun 2025 09:00:00 +0200"
    message["Message-ID"] = f"<{day}.{abs(hash(subject))}@meyer-colmar.fr>"
    message.set_content(body)
    box.add(message)


def test_a_vendors_manual_is_not_its_savers_own_manual_stays(tmp_path: Path) -> None:
    box = mailbox.mbox(str(tmp_path / "plant.mbox"))
    people = [
        ("Julien Roche <julien.roche@meyer-colmar.fr>", "Press P400 pressure drop"),
        ("Isabelle Girard <isabelle.girard@meyer-colmar.fr>", "Filter kit order"),
        ("Sophie Laurent <sophie.laurent@meyer-colmar.fr>", "Robot R2 mastering"),
        ("Markus Hoffmann <markus.hoffmann@presstec.de>", "P400 service visit"),
    ]
    bodies = [
        "The accumulator nitrogen precharge was at 60 bar; I refilled it to 90 bar cold.",
        "I ordered two filter kits for the compressor from our supplier, delivery in 3 weeks.",
        "Quick mastering of R2 done after the collision, TCP checked at 0.3 mm.",
        "Our technician comes on Tuesday for the annual inspection of the P400.",
    ]
    for day, ((sender, subject), body) in enumerate(zip(people, bodies, strict=True), start=2):
        _mail(box, sender, subject, body, day)
    box.flush()
    share = tmp_path / "share"
    share.mkdir()
    manual = [
        "Hydraulic slide drift: the main cylinder piston seal leaks internally when the slide "
        "drifts down more than 2 mm per minute under load; replace the piston seal set.",
        "(c) Presstec GmbH, Esslingen. All rights reserved.",
    ]
    write_paragraphs(share / "P400 operating manual.docx", manual, "Isabelle Girard")
    own = [
        "Robot welding cell: after a collision the robot needs quick mastering, then a TCP "
        "check with the calibration spike; tolerance 0.5 mm.",
        "© 2025 Meyer Industrie France. Diffusion interne.",
    ]
    write_paragraphs(share / "R2 procedure.docx", own, "Sophie Laurent")
    workspace = tmp_path / "ws"
    # the documents first: the organisation is known only once the mail is read
    assert run("ingest", "docs", str(share), workspace=workspace)[0] == 0
    _, out, _ = run("ask", "slide drift piston seal", workspace=workspace)
    assert "Isabelle Girard" in out, out
    assert run("ingest", "mbox", str(tmp_path / "plant.mbox"), workspace=workspace)[0] == 0
    _, out, _ = run("ask", "slide drift piston seal", workspace=workspace)
    assert "Isabelle Girard" not in out, out
    _, out, _ = run("ask", "robot quick mastering TCP calibration", workspace=workspace)
    assert out.startswith(" 1. Sophie Laurent"), out
    assert "R2 procedure" in out, out


@pytest.mark.parametrize(
    ("domain", "notice", "foreign"),
    [
        ("loreal.com", "© 2024 L'Oréal. Tous droits réservés.", False),
        ("socgen.com", "© 2023 Société Générale – usage interne", False),
        ("ibm.com", "© Copyright International Business Machines Corporation 2023.", False),
        ("aphp.fr", "© 2024 Assistance Publique – Hôpitaux de Paris. Tous droits réservés.", False),
        ("laposte.fr", "© La Poste – Colissimo 2025.", False),
        ("acme.com", "© Microsoft Corporation. All rights reserved.", True),
        ("acme.com", "© 2024 Atlassian", True),
    ],
)
def test_an_organisations_own_notice_by_its_name_its_initials_or_its_syllables(
    domain: str, notice: str, foreign: bool
) -> None:
    """A reviewer's organisations whose notices were read as another's."""
    assert foreign_holder(notice_holders(notice), domain_words(domain), frozenset()) is foreign


@pytest.mark.parametrize(
    ("domain", "notice"),
    [
        ("thalesgroup.com", "© Thales 2023 – All rights reserved"),
        ("hpe.com", "© Copyright 2023 Hewlett Packard Enterprise Development LP"),
        ("edf.fr", "© 2023 Électricité de France"),
        ("mayoclinic.org", "© Mayo Foundation for Medical Education and Research"),
    ],
)
def test_an_organisations_own_notice_by_its_first_word_or_initials(
    domain: str, notice: str
) -> None:
    """A second reviewer's organisations."""
    assert not foreign_holder(notice_holders(notice), domain_words(domain), frozenset())


def test_a_piece_of_a_word_names_no_organisation_nor_writer() -> None:
    """A second reviewer's: "Ron" was a name of "Samsung Electronics" (elect-ron-ics), "ford"
    of "Oxford Instruments", "box" of "Dropbox": a vendor's manual stayed its saver's."""
    samsung = notice_holders("© 2023 Samsung Electronics Co., Ltd. All rights reserved.")
    assert foreign_holder(samsung, domain_words("meyer.com"), frozenset(), frozenset({"ron"}))
    for domain, holder in [("ford.com", "Oxford Instruments"), ("box.com", "Dropbox")]:
        assert foreign_holder([holder], domain_words(domain), frozenset())


def test_a_quoted_header_a_department_or_a_notice_inside_a_text_is_no_notice() -> None:
    """A runbook that quoted a manifest's "# Copyright 2018 The Kubernetes Authors." lost every
    word of its writer's; so did an IT department's own guide."""
    runbook = "\n".join(
        ["Upgrade of kube-apiserver", "1. Drain the node.", "# Copyright 2018 The Kubernetes"]
        + [f"step {n}" for n in range(10)]
    )
    assert notice_holders(runbook) == []
    assert notice_holders("Guide VPN\n© 2023 DSI – Direction des Systèmes d'Information") == []
    assert notice_holders("Runbook\nCopyright 2024 Platform Engineering Team") == []
    lines = [f"line {n}" for n in range(12)]
    middle = ["Title", *lines, "© 2023 Medisys Imaging Ltd.", *lines]
    assert notice_holders("\n".join(middle)) == []
