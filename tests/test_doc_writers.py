"""Who wrote a document when its metadata says otherwise: a consultancy's assistant, creator of
the firm's Word template, was the author of fourteen deliverables on nine subjects and among
the first three on 22 of 31 questions; "Microsoft Corporation", the author of a training deck,
was a person listed for Power BI."""

from __future__ import annotations

from pathlib import Path

import pytest

from office_fixtures import write_paragraphs
from test_cli import run
from whoknows.ingest._doc_writers import (
    FileSaves,
    byline_writers,
    template_owners,
)
from whoknows.ingest._office import is_someone, people


@pytest.mark.parametrize(
    ("opening", "writer"),
    [
        ("Note méthodologique interne rédigée par Thomas Vermeulen, manager.", "Thomas Vermeulen"),
        ("Préparé par Thomas Vermeulen\nComité d'audit du 18 mars", "Thomas Vermeulen"),
        ("Guide RGPD pour nos clients\nAuteur : Claire Mertens, juriste", "Claire Mertens"),
        ("Written by Jane van der Berg for the audit team", "Jane van der Berg"),
        ("Opgesteld door Pieter De Smet", "Pieter De Smet"),
        ("Wartungsplan, erstellt von Stefan Weber", "Stefan Weber"),
        # a company, a department, a byline far into the text: none
        ("Ce guide, rédigé par Microsoft, explique les tableaux croisés.", None),
        ("Rédigé par le service RH", None),
        ("x " * 200 + "rédigée par Thomas Vermeulen", None),
        # (a reviewer's: another text's writer, a team, a firm named where a person would be)
        (
            "Reading group notes on Designing Data-Intensive Applications, written by Martin"
            " Kleppmann, chapter 5",
            None,
        ),
        ("This procedure replaces the one written by Paul Martin in 2019", None),
        ("Synthèse du rapport de la Cour des comptes rédigé par Pierre Moscovici", None),
        ("Translated from the original written by Kenji Tanaka", None),
        # a byline wins over a table further down (a reviewer's bibliography)
        (
            "Procédure de sauvegarde\nAuteur : Julie Martin\nRéférences\nAuteur | Titre |"
            " Année\nAlexander Neumann | restic docs | 2023",
            "Julie Martin",
        ),
        ("Guide\nRéférences\nAuteur | Titre | Année\nNeha Narkhede | Kafka | 2017", None),
        # a table of who wrote, checked and approved
        (
            "Cartographie\nRédigé par | Vérifié par | Approuvé par\nThomas Girard | Hélène"
            " Marchand | Richard Hale",
            "Thomas Girard",
        ),
        ("Rédaction : Thomas Girard", "Thomas Girard"),
        (
            "Compte rendu\nPrésident de séance : Marc Fontaine\nSecrétaire de séance : Léa Martin",
            "Léa Martin",
        ),
        ("Prepared by Olivia Bennett, Legal Counsel", "Olivia Bennett"),
        ("Prepared by Project Management Office", None),
        ("Auteur : Service Qualité", None),
        ("Document prepared by Deloitte Advisory", None),
        ("Written by: Jean Dupuis", "Jean Dupuis"),
        # (a fresh evaluator's: "By <name>" on a line of its own; never "By default …")
        ("TLS certificate rotation\nBy Tom Whitaker\nRotate the certificates", "Tom Whitaker"),
        ("By default the cache is off", None),
        # (a second reviewer's: a program's output, a job title, an honorific, a summary's
        # byline)
        ("Flink checkpoint cleanup runbook\nCheckpoint files written by Apache Flink", None),
        ("Offsets written by Kafka Connect", None),
        ("Written by Thomas Vermeulen, Data Engineer", "Thomas Vermeulen"),
        ("Author: Dr. Alice Martin", "Alice Martin"),
        ("Summary of the Q3 incident review, written by Anna Kowalski", "Anna Kowalski"),
        ("Prepared by Alice Martin, Quality Manager", "Alice Martin"),
    ],
)
def test_a_byline_names_the_writer(opening: str, writer: str | None) -> None:
    assert byline_writers(opening)[:1] == ([writer] if writer else [])


def test_a_byline_names_every_writer_it_lists() -> None:
    assert byline_writers("Authors: Alice Martin, Bob Durand") == ["Alice Martin", "Bob Durand"]
    # a job title is no writer ("Legal Counsel" had become a person, second for M&A)
    assert byline_writers("Prepared by Olivia Bennett, Legal Counsel") == ["Olivia Bennett"]
    # two fresh evaluators' "Senior Systems Programmer" and "Senior Associate" had been people,
    # listed second above the documents' writers
    for title in ("Senior Systems Programmer", "Senior Associate", "Technical Artist"):
        assert byline_writers(f"Author: Tom Fischer, {title}. April 2025.\n") == ["Tom Fischer"]
    # a name whose last word is a trade's is a name (a reviewer's)
    assert byline_writers("Author: Paul Nurse\n") == ["Paul Nurse"]
    # a field before a trade is a job, not a name (a reviewer's "Data Engineer")
    for title in ("Data Engineer", "Security Analyst", "Product Manager", "QA Tester"):
        assert byline_writers(f"Author: {title}\n") == [], title
    assert byline_writers("Authors: Jon Tester, Alice Martin\n") == ["Jon Tester", "Alice Martin"]
    assert byline_writers("Prepared by Alice Martin and Bob Durand\n") == [
        "Alice Martin",
        "Bob Durand",
    ]


def test_a_template_owner_is_a_creator_others_saved_last() -> None:
    assistant = [FileSaves(("Nathalie Dupuis",), (editor,)) for editor in "ABCDEF"]
    assert template_owners(assistant) == {"nathalie dupuis"}
    # a lead writer whose procedures four site approvers save last (the reviewers')
    approved = [FileSaves(("Claire Fontaine",), (approver,)) for approver in "MJOKMJOK"]
    assert template_owners(approved) == frozenset()
    # one writer whose reports one partner proofreads (saves last): the writer's
    proofread = [FileSaves(("Hugo Dubois",), ("Anne Janssens",)) for _ in range(8)]
    assert template_owners(proofread) == frozenset()
    # a creator who saved most of her files herself
    own = [FileSaves(("Lea Roy",), ("Lea Roy",))] * 6 + assistant[:3]
    assert template_owners(own) == frozenset()


@pytest.mark.parametrize(
    ("name", "someone"),
    [
        ("Microsoft Corporation", False),
        ("Presstec GmbH", False),
        ("La Poste SA", False),
        ("Acme Inc.", False),
        ("Thomas Vermeulen", True),
        ("Nguyen Sa", True),
        ("Jean Co", True),
        ("SAP SE", False),
        ("Nokia Oyj", False),
        ("Maersk A/S", False),
        ("Baker McKenzie LLP", False),
        # (a computer's owner as its maker or Windows set it up: an attacker's)
        ("HP Authorized Customer", False),
        ("Valued Customer", False),
        ("Propriétaire", False),
        ("Utilisateur", False),
        ("Administrateur", False),
    ],
)
def test_a_company_is_no_author(name: str, someone: bool) -> None:
    assert is_someone(name) is someone


def test_a_company_split_at_its_comma_is_no_author() -> None:
    assert people("Banco Santander, S.A.") == [] and people("Acme, Inc.") == []
    assert people("Alice Martin, Bob Durand") == ["Alice Martin", "Bob Durand"]


def test_the_writer_not_the_templates_owner_is_found(tmp_path: Path) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    subjects = {
        "Sophie Lambert": "TVA intracommunautaire : autoliquidation et numéro de TVA du client.",
        "Julien Moreau": "Eurocode 2 : enrobage des armatures et classe d'exposition XC4.",
        "Elise Janssens": "Familles Revit : paramètres partagés pour le métré des voiles.",
        "Nicolas Petit": "Power BI : mesures DAX de cumul annuel avec DATESYTD.",
        "Camille Roux": "Paie : précompte professionnel et cotisations ONSS du trimestre.",
    }
    for writer, text in subjects.items():
        write_paragraphs(drive / f"{writer}.docx", [text], "Nathalie Dupuis", writer)
    note = [
        "Note méthodologique interne rédigée par Thomas Vermeulen.",
        "IFRS 16 : le droit d'utilisation et la dette locative au taux marginal d'emprunt.",
    ]  # (the partner who proofread it saved it last)
    write_paragraphs(drive / "Note IFRS 16.docx", note, "Nathalie Dupuis", "Anne Janssens")
    deck = ["Power BI Dashboard in a Day: DAX measures, relationships and row-level security."]
    write_paragraphs(drive / "Dashboard in a Day.docx", deck, "Microsoft Corporation")
    workspace = tmp_path / "ws"
    assert run("ingest", "docs", str(drive), workspace=workspace)[0] == 0
    _, out, _ = run("ask", "IFRS 16 droit d'utilisation", workspace=workspace)
    assert out.startswith(" 1. Thomas Vermeulen"), out
    assert "Nathalie" not in out and "Anne Janssens" not in out.split("\n 2.")[0], out
    _, out, _ = run("ask", "TVA autoliquidation", workspace=workspace)
    assert out.startswith(" 1. Sophie Lambert") and "Nathalie" not in out, out
    _, out, _ = run("people", "list", workspace=workspace)
    assert "Microsoft" not in out and "Nathalie Dupuis" not in out, out


def test_a_files_byline_counts_towards_its_creators_template() -> None:
    """A fresh evaluator's assistant created six files that five colleagues saved last, three
    of them with a byline: counted without those three, she kept the other three."""
    from whoknows.ingest._doc_writers import without_template_owners
    from whoknows.records import Contribution, ItemRecord, PersonRef
    from whoknows.vocab import ContributionRole

    savers = ["Anna", "Chloe", "Marc", "Priya", "Lucas", "Anna"]
    saves = [
        FileSaves(("Nadia Haddad",), (saver,), bylined=n % 2 == 0) for n, saver in enumerate(savers)
    ]
    assert template_owners(saves) == {"nadia haddad"}

    def record(n: int) -> ItemRecord:
        people = [("Nadia Haddad", ContributionRole.AUTHOR), (savers[n], ContributionRole.EDITOR)]
        contributions = [
            Contribution(PersonRef("docs", who, name=who), role) for who, role in people
        ]
        return ItemRecord("docs", f"f{n}", "document", "text", contributions=contributions)

    kept = without_template_owners([record(n) for n in range(6)], list(saves))
    authors = [
        [c.person.name for c in r.contributions if c.role is ContributionRole.AUTHOR] for r in kept
    ]
    assert authors[1] == ["Chloe"] and authors[0] == ["Nadia Haddad"]  # (a byline's file: as read)
    # the owner's own file, saved last by her, stays hers
    own = FileSaves(("Nadia Haddad",), ())  # (Office names no other last saver)
    kept = without_template_owners([record(n) for n in range(6)] + [record(1)], [*saves, own])
    assert [c.person.name for c in kept[-1].contributions if c.role is ContributionRole.AUTHOR] == [
        "Nadia Haddad"
    ]


@pytest.mark.parametrize(
    ("text", "savers", "signed"),
    [
        # a legal department's notes, made from the office manager's template, signed by the
        # colleague who saved them last (she was first for patents on them)
        (
            "Brevets\nDépôt à l'INPI.\nJulien Roche, juriste",
            ["Isabelle Fabre", "Julien Roche"],
            "Julien Roche",
        ),
        (
            "Bail\nRenouvellement.\nA. Mercier",
            ["Isabelle Fabre", "Antoine Mercier"],
            "Antoine Mercier",
        ),
        # a name no saver bears, a heading, a date after a name: nobody
        (
            "CSE\nConsultation.\nClaire Dubois, juriste senior",
            ["Isabelle Fabre", "Hélène Marchand"],
            None,
        ),
        ("Runbook\nRestart the connector.\nNext Steps", ["Isabelle Fabre", "Julien Roche"], None),
        ("Note\nbla.\nJulien Roche, 2025", ["Julien Roche"], None),
    ],
)
def test_a_note_signed_by_its_saver_is_theirs(
    text: str, savers: list[str], signed: str | None
) -> None:
    from whoknows.ingest._doc_writers import signer

    assert signer(text, savers) == signed


@pytest.mark.parametrize(
    ("opening", "original"),
    [
        # a legal department's evaluator: the translator was first for export control, above
        # the guide's writer; her words are in the translation too (beside its translator)
        (
            "Guide\nTraduction française du guide rédigé en anglais par Priya Nair (Legal UK)."
            " Traduit par Pierre Lefèvre.",
            ["Priya Nair"],
        ),
        ("Translated from the original written by Kenji Tanaka", ["Kenji Tanaka"]),
        # a water utility's (a fresh evaluator's): the original named by its writer's name
        (
            "*English translation of Sandrine Fabre's runbook \"Diagnostic des timeouts "
            'Modbus". Translated by Laura Fontaine; questions go to Sandrine.*',
            ["Sandrine Fabre"],
        ),
        ("Traduction de la procédure d'Hélène Marchand, relue par l'équipe.", ["Hélène Marchand"]),
        ("Translation of the API docs into French", []),
        # a reviewer's: a layer of software, no translation
        ("The translation layer was written by Priya Nair in 2019; this runbook explains", []),
    ],
)
def test_a_translation_names_its_originals_writer(opening: str, original: list[str]) -> None:
    from whoknows.ingest._doc_writers import translated_from

    assert translated_from(opening) == original


def test_the_evidence_says_how_a_documents_writer_was_known(tmp_path: Path) -> None:
    """An attacker's one guide, credited to a friend by its author property, a byline or a
    last-line signature, ranked the same each way and its evidence said only "wrote": the
    reader could not weigh a byline against a file property they can set themselves."""
    import json

    drive = tmp_path / "drive"
    drive.mkdir()
    guides = {
        "property.docx": (["Kafka : rééquilibrage des partitions du consommateur."], "Paul Martin"),
        "byline.docx": (
            ["Rédigé par Marc Petit", "Kafka : décalage des groupes de consommateurs."],
            "Paul Martin",
        ),
        "signed.docx": (
            ["Kafka : rétention des topics compactés.", "Hugo Bernard"],
            "Paul Martin",
            "Hugo Bernard",
        ),
    }
    guides["saved.docx"] = (["Kafka : quotas de production par client."], "", "Nora Saver")
    guides["traduction.docx"] = (
        ["Traduction française du guide rédigé en anglais par Priya Nair", "Kafka : ACL."],
        "Marc Dubois",
    )
    for name, (paragraphs, *metadata) in guides.items():
        write_paragraphs(drive / name, paragraphs, *metadata)
    (drive / "mapped.txt").write_text("Kafka: MirrorMaker 2 replicates topics between sites.")
    authors = tmp_path / "authors.csv"
    authors.write_text("mapped.txt,Mona Map\n")
    workspace = tmp_path / "ws"
    ingested = run("ingest", "docs", str(drive), "--authors", str(authors), workspace=workspace)
    assert ingested[0] == 0, ingested
    _, out, _ = run("ask", "kafka", "--json", "--k", "10", workspace=workspace)
    credited = {
        (person["name"], evidence["title"]): evidence["credited"]
        for person in json.loads(out)["people"]
        for evidence in person["evidence"]
    }
    assert credited == {
        ("Paul Martin", "property"): "metadata",
        ("Marc Petit", "byline"): "byline",
        ("Hugo Bernard", "signed"): "signature",
        ("Nora Saver", "saved"): "saved-by",
        ("Priya Nair", "traduction"): "translation",
        ("Marc Dubois", "traduction"): "translation",
        ("Mona Map", "Kafka: MirrorMaker 2 replicates topics between sites."): "authors-map",
    }, credited
    _, out, _ = run("ask", "kafka", workspace=workspace)
    assert "[document, wrote (its text names its writer)] byline" in out, out
    assert "[document, wrote (the file's author property)] property" in out, out
    _, out, _ = run("--lang", "fr", "ask", "kafka", workspace=workspace)
    assert "[document, a écrit (signé à la fin par qui l'a enregistré en dernier)]" in out, out


def test_erasing_a_translations_original_writer_keeps_the_translators_words(
    tmp_path: Path,
) -> None:
    """A reviewer erased the guide's original writer: the translator's document went from
    every answer, its byline and its text read as one sentence crediting an erased person."""
    drive = tmp_path / "drive"
    drive.mkdir()
    text = [
        "Traduction française du guide rédigé en anglais par Priya Nair",
        "Contrôle des exportations : classification ECCN 5A002 pour les produits de chiffrement.",
    ]
    write_paragraphs(drive / "traduction.docx", text, "Marc Dubois")
    workspace = tmp_path / "ws"
    assert run("ingest", "docs", str(drive), workspace=workspace)[0] == 0
    assert run("people", "erase", "Priya Nair", "--yes", workspace=workspace)[0] == 0
    _, out, _ = run("ask", "ECCN chiffrement", workspace=workspace)
    assert out.startswith(" 1. Marc Dubois"), out
    assert "Priya" not in out, out
