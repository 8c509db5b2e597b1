"""What kind of page a document or a wiki page is, where its kind says its writers did not
write what they know (``ingest._genres``, ``ingest._copies``): a fresh evaluator's docs-only
organisation listed a colleague who pasted Kubernetes' and Kafka's pages, a hiring plan's
writer, a glossary's and a meeting's scribe among the first three for eight of fifteen
questions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from whoknows.ingest import IngestContext
from whoknows.ingest._genres import OVERVIEW_WEIGHT, frames_others
from whoknows.ingest.confluence import ConfluenceConnector
from whoknows.ingest.docs import DocsConnector
from whoknows.records import ItemRecord
from whoknows.vocab import ContributionRole as Role

CONFLUENCE_API = Path(__file__).parent / "fixtures" / "confluence" / "api"
RUNBOOK = """Procédure testée le 28 février 2024 sur pg-restore-test.

1. Arrêter l'instance cible : systemctl stop postgresql@16-main.
2. Restaurer avec la cible de temps, en UTC, avec pgbackrest et l'option target-action.
3. Démarrer PostgreSQL ; il rejoue les WAL jusqu'à la cible puis se promeut.
4. Contrôler la dernière transaction rejouée et compter les lignes de la table touchée.

Erreur fréquente : donner l'heure locale au lieu de l'UTC, on restaure une heure trop tôt.
"""
STEPS = RUNBOOK.split("\n\n")[1]


def _write(folder: Path, name: str, title: str, author: str, body: str, date: str = "") -> None:
    folder.mkdir(exist_ok=True)
    dated = f"date: {date}\n" if date else ""
    (folder / name).write_text(
        f'---\ntitle: "{title}"\nauthor: {author}\n{dated}---\n{body}\n', encoding="utf-8"
    )


def _roles(folder: Path) -> tuple[dict[str, set[Role]], IngestContext]:
    context = IngestContext()
    items = list(DocsConnector().parse(folder, context))
    return {i.native_id: {c.role for c in i.contributions} for i in items}, context


OVERVIEW = (Role.AUTHOR, OVERVIEW_WEIGHT)  # (a page that may tell or only name)


@pytest.mark.parametrize(
    ("title", "body", "part"),
    [
        ("Hiring plan 2024", "Two SREs, one with Kubernetes and one with databases.", Role.ADVISER),
        ("Plan de recrutement 2025", "Un administrateur PostgreSQL confirmé.", Role.ADVISER),
        ("Budget 2025", "Licences Grafana Cloud et support PostgreSQL.", Role.ADVISER),
        ("Ordre du jour du CODIR", "Sauvegardes, certificats, astreinte.", Role.ADVISER),
        ("Note de cadrage – four à induction", "Toute panne doit m'être remontée.", Role.ADVISER),
        ("Revue de direction 2025", "Zéro non-conformité majeure à l'audit.", Role.ADVISER),
        ("Point projet automatismes", "Sauvegarde des projets S7 : Romain.", Role.ADVISER),
        ("Journal de décision – DPI", "Lenteur du DPI : Oracle, décision du 12/03.", Role.ADVISER),
        ("Météo des projets DSI – 01/2023", "FHIR : vert. HL7 : orange.", Role.ADVISER),
        ("Training plan for the fraud model", "Three epochs on the 2024 labels.", Role.AUTHOR),
        ("Sprint planning 42", "Payments, search and the Kafka consumers.", Role.ADVISER),
        ("Objectifs 2025 équipe maintenance", "Consignation, GMAO, préventif.", Role.ADVISER),
        # a fresh evaluator's consultancy: the director's deck listing every expertise, an
        # intern's report of what they learnt
        ("Plan stratégique 2026", "Nos expertises : béton armé, Eurocode 8, RE2020.", Role.ADVISER),
        ("Rapport de stage – Inès Haddad", "J'ai participé aux études G2.", OVERVIEW),
        # a fresh evaluator's e-commerce company: a CTO's weekly, a product manager's specs
        ("Weekly tech update - week 41", "Colissimo labels, 3DS, synonyms: on track.", OVERVIEW),
        ("PRD Checkout et Recherche 2025", "Le checkout gère 3DS et les synonymes.", Role.ADVISER),
        ("Spec – retours et remboursements", "Les retours sont gratuits.", Role.ADVISER),
        (
            "Weekly tech update – week 41",
            "3-D Secure fixed by Camille. Webhook endpoint migrated to the new Stripe API"
            " version (Thibault). A/B tests: two running.",
            OVERVIEW,
        ),
        (
            "Eurocode 2 – extrait §8.4 Ancrage des armatures",
            "Les barres doivent être ancrées.\n\nNF EN 1992-1-1 – reproduit à des fins de"
            " formation.",
            Role.REFERRER,
        ),
        (
            "Schöck Isokorb® – documentation technique",
            "Le rupteur transmet les moments négatifs.\n\n© Schöck Bauteile GmbH – tous droits "
            "réservés",
            Role.REFERRER,
        ),
        (
            "Kafka consumer migration - project charter",
            "Move to the cooperative-sticky assignor and set max.poll.interval.ms=600000.",
            Role.AUTHOR,
        ),
        ("Offsite backups of the Kafka cluster", "Mirror to the DR site nightly.", Role.AUTHOR),
        ("Kafka migration plan for 2025", "Move consumers to cooperative sticky.", OVERVIEW),
        ("Q3 status report", "Consumers, backups and certificates: on track.", OVERVIEW),
        ("Q3 status report: the consumer", "Lag fixed: max.poll.records is 200.", Role.AUTHOR),
        (
            "2025-03-10 Meeting notes: consumer design review",
            "Attendees: Alice, Sam.\n\nDecided: cooperative-sticky, max.poll.interval.ms 600000.",
            Role.AUTHOR,
        ),
        (
            "Compte-rendu du comité des risques du 12 mars 2025",
            "Présents : Philippe, Sophie, Julien. Secrétariat : Paul Girard.\n"
            "COREP/FINREP T4 : remis dans les délais.\nIFRS 9 : ECL en hausse de 4,2 M€.",
            OVERVIEW,
        ),
        (
            "2025-03-10 Meeting notes: consumer design review",
            "Attendees: Alice, Sam. Scribe: Paul.\n\nDecided: max.poll.interval.ms 600000.",
            OVERVIEW,
        ),
        (  # (present and taking the notes of her own design: hers)
            "2025-03-10 Meeting notes: consumer design review",
            "Attendees: Paul Girard, Sam. Scribe: Paul Girard.\n\nDecided: max.poll.records 200.",
            Role.AUTHOR,
        ),
        (  # (another one kept the record)
            "2025-03-10 Meeting notes: ledger design review",
            "Attendees: Sam, Lea. Scribe: Nora Smith.\n\nDecided: ledger.flush.ms 500.",
            Role.AUTHOR,
        ),
        (  # (a department, and a sentence: no scribe)
            "Compte rendu de réunion d'architecture",
            "Participants : Marc, Sam. Secrétariat général : Paul Girard.\n\n"
            "Décidé : shared_buffers = 8GB sur CORE_BANKING.",
            Role.AUTHOR,
        ),
        (
            "Compte rendu du COPIL GMAO",
            "Présents : Paul Girard, Lucie.\n\nRédigé par Paul en janvier, le cahier des charges"
            " fixe le job ZPM_SYNC en mode delta (P_DELTA = X).",
            Role.AUTHOR,
        ),
        (
            "CR réunion FINREP",
            "Présents : Isabelle, Marc. CR rédigé par Paul Girard.\n\nFINREP_F19_MAP corrigé.",
            OVERVIEW,
        ),
        (
            "Minutes of the operational risk committee",
            "Attendees: David, Priya. Minute taker: Paul Girard.\n\nFINREP F18: v4567_m fixed.",
            OVERVIEW,
        ),
        (
            "Compte-rendu du comité des risques",
            "Présents : Philippe, Sophie. Rédactrice : Paul Girard.\n\nCOREP/FINREP T4 : remis.",
            OVERVIEW,
        ),
        (  # (a committee's deck, its agenda on top and its preparer below: a hospital's)
            "Comite_pompes_2026-04",
            "Comité des pompes intelligentes - 9 avril 2026\nPaul Girard\n\nComité des pompes\n"
            "Ordre du jour : bibliothèque de médicaments, rappel BD.\n\nComité des pompes\n"
            "Bibliothèque : version 2026-04 présentée par Chantal LeBlanc.\n\nComité des pompes"
            "\nConformité Guardrails : 93 %.\n\nComité des pompes\nPréparé par Paul Girard",
            OVERVIEW,
        ),
        (  # (a record that says what others do: an aircraft shop's assistant was third for the
            # torque wrenches her quality meeting's record named)
            "Réunion qualité – 2025-10-06 – compte rendu",
            "Audit TCCA : outillage étalonné (clés dynamométriques, manomètres) ; Luc et Daniel"
            " confirment.\nCN CF-2025-18 : Geneviève a fait l'analyse d'applicabilité.",
            OVERVIEW,
        ),
        (  # (a schedule whose owner column names others: a studio's assistant was second for
            # three of its subjects)
            "Planning de production 2026",
            "Jalon | Date | Sujet | Responsable | État\n"
            "Alpha | 30/01/2026 | Perf Lumen/Nanite PS5 | Thomas Girard | Fait\n"
            "Beta | 15/10/2026 | Ferme de build Horde / Perforce | Hugo Blanc | En cours",
            OVERVIEW,
        ),
        (  # (the writer's own runbook, a step's owner column naming her)
            "Failover runbook",
            "Step | Command | Who\n1 | pg_basebackup -D /data | Paul Girard\n"
            "2 | pg_ctl promote | Paul Girard",
            Role.AUTHOR,
        ),
        (  # (a proposal written for a committee, "Préparé par" its writer: an attacker's
            # architect had an overview's part of her own)
            "proposition-kubernetes",
            "Comité d'architecture – 12 mars 2025\n\nProposition : migrer le matchmaking vers"
            " Kubernetes\n\nLes serveurs tournent sur 14 VM figées. Un cluster k3s de 6 nœuds,"
            " Agones pour les serveurs dédiés.\nCoût estimé : 40 % de moins ; rollback par DNS."
            "\n\nPréparé par : Paul Girard",
            Role.AUTHOR,
        ),
        (  # (the same, in the first person plural, beside a colleague's full name)
            "proposition-kubernetes",
            "Comité d'architecture – 12 mars 2025\n\nNous proposons un cluster k3s de 6 nœuds,"
            " testé avec Marc Petit, et Agones pour les serveurs dédiés.\n\n"
            "Préparé par : Paul Girard",
            Role.AUTHOR,
        ),
        (  # (the writer's runbook ending with who does which step, her among them: an
            # attacker's DBA had an overview's share of her own pgBackRest runbook)
            "Restauration PostgreSQL avec pgBackRest",
            "1. Arrêter PostgreSQL.\n2. Restaurer : pgbackrest --stanza=prod restore.\n"
            "Étape | Responsable | Délai\nRestauration | Paul Girard | 1 h\n"
            "Vérification | Marc Petit | 15 min\nRedémarrage | Julie Roux | 15 min",
            Role.AUTHOR,
        ),
        (  # (steps told beside a table of others' steps: a procedure's)
            "Bascule Patroni",
            "Lancer patronictl switchover, puis vérifier le lag avec pg_stat_replication.\n"
            "Étape | Responsable\nRéplication | Marc Petit\nPgBouncer | Julie Roux",
            Role.AUTHOR,
        ),
        (  # (a report "prepared by" its writer, no meeting's: hers)
            "Dialysis water treatment monitoring",
            "Chlorine checks before each shift.\nConductivity alarm at 10 µS/cm.\n"
            "Endotoxin sampling monthly.\nReverse osmosis membranes yearly.\n"
            "Carbon tanks in series.\nLog sheet in the unit.\nPrepared by Paul Girard",
            Role.AUTHOR,
        ),
        ("Glossaire", "SLO : objectif de niveau de service. PITR : restauration.", OVERVIEW),
        (  # (a year's review deck, its lines subjects done: a water utility's director)
            "Bilan technique 2025",
            "SCADA\nAlarmes Ignition refaites\nHistorian migré\nLaboratoire\nAccréditation ISO"
            " 17025 maintenue\nLoRaWAN : 3 passerelles\nEPANET calibré",
            OVERVIEW,
        ),
        (  # (a review that tells what to do is its writer's)
            "Bilan technique 2025",
            "Historian : lancer la purge mensuelle avec partition_purge.py avant le 5.",
            Role.AUTHOR,
        ),
        ("Weekly infra sync 2024-03-11", "Keep the current priorities on backups.", OVERVIEW),
        ("Compte rendu de réunion qualité", "Audit IATF : trois écarts mineurs.", OVERVIEW),
        ("Kafka design review", "Attendees: Paul, Claire, Marta.\n\nLag stays high.", OVERVIEW),
        ("Compte rendu d'intervention four 2", "Inducteur remplacé, isolement 2 MΩ.", Role.AUTHOR),
        ("Procès-verbal de réception ACS880", "Défaut 2310 : rampe trop courte.", Role.AUTHOR),
        ("Restore in 5 minutes", "Participants in a restore drill need the runbook.", Role.AUTHOR),
        ("Fixing our Helm chart template", "Quote the values: helm lint catches it.", Role.AUTHOR),
        ("Trame Modbus : diagnostic CRC", "Un CRC faux vient d'un débit mal réglé.", Role.AUTHOR),
        ("Trame de compte rendu", "Date. Présents. Décisions. Actions.", Role.EDITOR),
        (
            "Codes défaut variateur ACS880 (documentation ABB)",
            "Fault 2310 Overcurrent: check motor load and acceleration times.",
            Role.REFERRER,
        ),
        ("Diagnostic S7-1500", "Extrait du manuel système SIMATIC S7-1500.", Role.REFERRER),
        (  # (an MRO shop's IT, first for AMOS on the vendor's notes pasted in)
            "AMOS 24.6 – Notes de version (Swiss-AS)",
            "Copie des notes de version du fournisseur pour information.\nAMOS 24.6 Release"
            " Notes. New: Work Package planning board improvements.",
            Role.REFERRER,
        ),
        ("Copie de sauvegarde du NAS", "Le job tourne à 2h avec restic.", Role.AUTHOR),
        (  # (the writer's own findings after the copy: theirs, a third attacker's)
            "Release notes 2.1",
            "Copy of the vendor's release notes.\nNew: faster sync.\nOur fleet findings: I"
            " tested 2.1 on 6 aircraft and rolled back to 2.0.",
            Role.AUTHOR,
        ),
        (  # (a vendor's own guide carries its footer too: no publisher's by it alone)
            "Guide d'administration Medisys PACS",
            "4 Antivirus and EDR exclusions\nExclude D:\\PACS\\cache from real-time scanning.\n"
            "© 2023 Medisys Imaging Ltd. All rights reserved. This document is provided to licensed"
            " customers only and may not be reproduced without permission.",
            Role.AUTHOR,
        ),
        ("Procédure (documentation interne)", "Consigner puis vérifier l'absence.", Role.AUTHOR),
        (
            "Kafka consumer runbook",
            "Rebalances come from max.poll.interval.ms (see the Kafka documentation).\n\n"
            "Licensed under the Apache License 2.0 like the rest of our tooling.",
            Role.AUTHOR,
        ),
        (
            "Mes questions en suspens",
            "Comment récupérer les données en OPC UA ?\nLe certificat est refusé ?\n"
            "Quelle fréquence d'abonnement ?",
            Role.ASKER,
        ),
        (
            "Lag triage checklist",
            "Is lag growing on every partition?\nIs max.poll.interval.ms exceeded?\nDid a"
            " rebalance start?",
            Role.AUTHOR,
        ),
        (
            "FAQ PostgreSQL",
            "Comment restaurer ?\nAvec pgbackrest restore.\nCombien de temps ?\nDeux heures.\n"
            "Qui valide ?\nLe DBA d'astreinte.",
            Role.AUTHOR,
        ),
    ],
)
def test_a_pages_kind_gives_its_writers_their_part(
    tmp_path: Path, title: str, body: str, part: Role | tuple[Role, float]
) -> None:
    role, weight = part if isinstance(part, tuple) else (part, 1.0)
    _write(tmp_path / "wiki", "page.md", title, "Paul Girard", body)
    (item,) = DocsConnector().parse(tmp_path / "wiki", IngestContext())
    assert [(c.role, c.weight) for c in item.contributions] == [(role, weight)]


@pytest.mark.parametrize(
    ("subject", "text", "framed"),
    [
        (  # (a reply that opens on a meeting and tells the procedure: its writer's, an
            # attacker's DBA had an overview's part of her Patroni answer)
            "",
            "Suite à la réunion du 4 mars, voici la procédure de bascule :\n"
            "1. patronictl switchover --candidate pg-02 : Patroni promeut le réplica.\n"
            "2. Vérifier le lag avec patronictl list avant.\n"
            "3. Marc vérifie la réplication de pg-01.\n4. Julie s'occupe des pools PgBouncer.",
            False,
        ),
        (  # (a meeting's record mailed, what others do: an overview)
            "Réunion qualité – 2025-10-06 – compte rendu",
            "Audit TCCA : Luc et Daniel confirment l'étalonnage.\n"
            "CN CF-2025-18 : Geneviève a fait l'analyse d'applicabilité.\n"
            "Patrick déploie la nouvelle configuration lundi.",
            True,
        ),
        (  # (a committee's minutes mailed by its scribe, telling nothing to act on: a water
            # utility's assistant second for confined spaces)
            "PV CPPT",
            "PV du CPPT : espaces confinés (détecteurs de gaz, trépieds) - action Denis ; primes"
            " de nuit et astreinte - info RH ; E. coli - rappel procédure par le labo. Sarah",
            True,
        ),
        (  # (a meeting's mail that tells what to do is its writer's)
            "Réunion hebdo",
            "Pour la bascule, lancer patronictl switchover puis vérifier le lag.",
            False,
        ),
    ],
)
def test_a_mail_frames_others_work_only_as_a_record(subject: str, text: str, framed: bool) -> None:
    assert frames_others(subject, text, "Sophie Leroy") is framed


def test_a_publishers_page_pasted_in_is_passed_on_and_a_house_footer_is_not(
    tmp_path: Path,
) -> None:
    wiki = tmp_path / "wiki"
    _write(
        wiki,
        "ingress.md",
        "Ingress | Kubernetes",
        "Victor Lambert",
        (
            "You can secure an Ingress by specifying a Secret that contains a TLS private key.\n\n"
            "Copyright © 2024 The Kubernetes Authors | Documentation Distributed under CC BY 4.0"
        ),
    )
    _write(
        wiki,
        "four.md",
        "Four à induction",
        "Hugo Marchal",
        (
            "Le four se règle par la fréquence du variateur.\n\n© 2024 Forges de Belval SA. Tous "
            "droits réservés."
        ),
    )
    roles, _ = _roles(wiki)
    assert roles == {"ingress.md": {Role.REFERRER}, "four.md": {Role.AUTHOR}}


def test_a_notice_on_most_pages_is_the_houses_own(tmp_path: Path) -> None:
    """An open-source project's own docs carry its licence on every page: boilerplate,
    removed before the page's kind is read, so each page stays its writer's."""
    wiki = tmp_path / "wiki"
    notice = "Copyright 2024 The Tessera Authors. Licensed under the Apache License 2.0."
    subjects = ["queues jobs", "retries failures", "leases workers", "shards tenants", "logs runs"]
    for n, author in enumerate(["Ana Costa", "Ben Ode", "Cy Lo", "Di Ma", "Ed Po"]):
        body = f"The scheduler {subjects[n]}.\n\n{notice}"
        _write(wiki, f"p{n}.md", f"Scheduler part {n}", author, body)
    roles, _ = _roles(wiki)
    assert all(r == {Role.AUTHOR} for r in roles.values())


def test_a_copy_of_a_colleagues_page_is_passed_on(tmp_path: Path) -> None:
    wiki = tmp_path / "wiki"
    _write(wiki, "pitr.md", "Restauration PITR", "Claire Dubois", RUNBOOK, "2024-03-04")
    _write(wiki, "cheat.md", "Cheatsheet: restore", "Victor Lambert", STEPS, "2024-04-15")
    extended = (
        STEPS
        + "\n\nAvant : vérifier la rétention des WAL dans le dépôt S3 chiffré.\n\n"
        + (
            "Ensuite : relancer la réplication vers pg-prod-02 avec pg_basebackup.\n\nPuis : "
            "rouvrir les connexions de pgbouncer une fois la table contrôlée.\n\nEnfin : noter "
            "la durée de la restauration dans le registre des exercices."
        )
    )
    _write(wiki, "v2.md", "Restauration PITR v2", "Omar Haddad", extended, "2024-05-01")
    _write(wiki, "mine.md", "PITR (copie)", "Claire Dubois", STEPS, "2024-06-01")
    roles, context = _roles(wiki)
    assert roles["pitr.md"] == {Role.AUTHOR} and roles["cheat.md"] == {Role.REFERRER}
    assert roles["v2.md"] == {Role.AUTHOR}, "a new version that says more is its writer's"
    assert roles["mine.md"] == {Role.AUTHOR}, "one's own page copied is still one's own"
    assert context.notes["docs: copy of an earlier page by someone else, passed on"] == 1


def test_what_is_no_copy_revisions_address_forms_and_undated_files(tmp_path: Path) -> None:
    """An attacker's cases: a revision keeping five of seven sentences and fixing two, one
    writer under her address and her name, and a file with no date saved again after its copy
    (its file's date had made the original look like the copy)."""
    wiki = tmp_path / "wiki"
    _write(wiki, "pitr.md", "Restauration PITR", "Claire Dubois", RUNBOOK, "2024-03-04")
    fixed = STEPS + (
        "\n\nAvant : vérifier que la rétention des WAL couvre la cible de temps demandée."
        "\n\nEnsuite : rouvrir pgbouncer une fois la table touchée contrôlée par le métier."
    )
    _write(wiki, "v2.md", "Restauration PITR, corrigée", "Omar Haddad", fixed, "2025-01-10")
    _write(wiki, "mine.md", "PITR (memo)", "claire.dubois@acme.example", STEPS, "2024-06-01")
    (wiki / "undated.md").write_text(
        f"---\ntitle: Undated original\nauthor: Nadia Benali\n---\n{RUNBOOK}\n", "utf-8"
    )
    roles, _ = _roles(wiki)
    assert roles == {n: {Role.AUTHOR} for n in ("pitr.md", "v2.md", "mine.md", "undated.md")}
    # the same text undated on both sides: no order, no copy
    other = tmp_path / "other"
    for name, author in (("a.md", "Derek Olsen"), ("b.md", "Alice Nguyen")):
        (other / name).parent.mkdir(exist_ok=True)
        (other / name).write_text(f"---\ntitle: {name}\nauthor: {author}\n---\n{RUNBOOK}\n")
    assert set(map(frozenset, _roles(other)[0].values())) == {frozenset({Role.AUTHOR})}


def test_a_writer_who_repeats_herself_is_still_the_one_copied(tmp_path: Path) -> None:
    """A fresh evaluator's manager copied an expert's pages whose sentences she had written
    across several of her pages: no one page held most of the copy, and it stayed his."""
    wiki = tmp_path / "wiki"
    steps = STEPS.split("\n")
    _write(wiki, "a.md", "Partie 1", "Lucas Petit", "\n\n".join(steps[:2]), "2023-01-10")
    _write(wiki, "b.md", "Partie 2", "Lucas Petit", "\n\n".join(steps[2:]), "2023-01-12")
    _write(wiki, "copy.md", "Copie de Dépannage", "Bernard Caron", STEPS, "2023-02-22")
    roles, _ = _roles(wiki)
    assert roles["copy.md"] == {Role.REFERRER} and roles["a.md"] == {Role.AUTHOR}


def test_a_copied_page_lists_only_its_writer(service, tmp_path: Path) -> None:
    wiki = tmp_path / "wiki"
    _write(wiki, "pitr.md", "Restauration PITR", "Claire Dubois", RUNBOOK, "2024-03-04")
    _write(wiki, "cheat.md", "Cheatsheet: restore", "Victor Lambert", STEPS, "2024-04-15")
    service.ingest.ingest("docs", wiki)
    listed = [p.name for p in service.search.ask("restaurer pgbackrest cible de temps", k=0)]
    assert listed[0] == "Claire Dubois" and "Victor Lambert" not in listed


def test_a_confluence_page_copied_by_another_writer_or_a_template_is_no_writing(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "api"
    shutil.copytree(CONFLUENCE_API, folder)
    pages = json.loads((folder / "pages.json").read_text(encoding="utf-8"))
    original = pages["results"][0]
    copy = json.loads(json.dumps(original))
    copy["id"], copy["title"] = "99004", "Copy of " + original["title"]
    for who in ("history", "version"):
        for key in ("createdBy", "by"):
            if isinstance(copy.get(who), dict) and isinstance(copy[who].get(key), dict):
                copy[who][key] = {"accountId": "victor", "displayName": "Victor Lambert"}
    copy["history"]["createdDate"] = copy["version"]["when"] = "2030-01-01T00:00:00.000Z"
    # (the original expanded after it was copied: still the original, by its first version)
    original["version"]["when"] = "2031-01-01T00:00:00.000Z"
    template = json.loads(json.dumps(original))
    template["id"], template["title"] = "99005", "Runbook template"
    for page in (original, copy, template):
        page["body"]["storage"]["value"] = f"<p>{RUNBOOK}</p>"
    pages["results"] += [copy, template]
    (folder / "pages.json").write_text(json.dumps(pages), encoding="utf-8")
    records = list(ConfluenceConnector().parse(folder, IngestContext()))
    roles = {
        r.native_id: {c.role for c in r.contributions} for r in records if isinstance(r, ItemRecord)
    }
    assert Role.AUTHOR in roles[original["id"]]
    assert Role.AUTHOR not in roles["99004"] and Role.REFERRER in roles["99004"]
    assert Role.AUTHOR not in roles["99005"]


def test_a_product_named_in_its_own_case_is_no_setting() -> None:
    """A fresh evaluator's weekly notes said "VM, vSphere": read as an identifier, the notes
    "told" something and weighed as their scribe's own work."""
    from whoknows.ingest._vague import names_something

    assert not names_something("restauration Veeam : avancement sur VM, vSphere, iPhone")
    assert names_something("call onPartitionsRevoked before committing")


def test_a_confluence_spaces_own_notice_is_no_publishers(tmp_path: Path) -> None:
    """A reviewer's six "X | Platform" pages sharing the space's licence footer were all read
    as pasted publishers' pages: the kind was read before the footer was known boilerplate."""
    folder = tmp_path / "api"
    shutil.copytree(CONFLUENCE_API, folder)
    pages = json.loads((folder / "pages.json").read_text(encoding="utf-8"))
    original = pages["results"][0]
    subjects = ["queues jobs", "retries failures", "leases workers", "shards tenants", "logs runs"]
    for n, subject in enumerate([*subjects, "pins versions"]):
        page = json.loads(json.dumps(original))
        page["id"], page["title"] = f"9910{n}", f"Part {n} | Platform"
        page["body"]["storage"]["value"] = (
            f"<p>The scheduler {subject}.</p><p>Documentation licensed under CC BY 4.0.</p>"
        )
        pages["results"].append(page)
    (folder / "pages.json").write_text(json.dumps(pages), encoding="utf-8")
    records = list(ConfluenceConnector().parse(folder, IngestContext()))
    parts = {
        r.native_id: {c.role for c in r.contributions}
        for r in records
        if isinstance(r, ItemRecord) and r.native_id.startswith("991")
    }
    assert len(parts) == 6 and all(Role.AUTHOR in roles for roles in parts.values())


def test_a_documentation_sites_page_is_passed_on(tmp_path: Path) -> None:
    """A last evaluator's pasted "Consumer configuration | Vendor Docs" page, its vendor's
    "All rights reserved" footer below, came second for its subject, close to the expert."""
    wiki = tmp_path / "wiki"
    _write(wiki, "a.md", "Consumer configuration | Vendor Docs", "Sam Ortiz", "fetch.min.bytes.")
    footer = "Sink settings.\n\n© 2025 Confluent, Inc. All rights reserved."
    _write(wiki, "b.md", "Connectors | Confluent", "Sam Ortiz", footer)
    _write(
        wiki,
        "c.md",
        "Kafka runbook",
        "Tomasz Wolny",
        "Steps.\n\n© 2025 Acme SA. All rights reserved.",
    )
    roles, _ = _roles(wiki)
    assert roles == {"a.md": {Role.REFERRER}, "b.md": {Role.REFERRER}, "c.md": {Role.AUTHOR}}


def test_a_front_matter_never_closed_is_an_error(tmp_path: Path) -> None:
    from whoknows.errors import InputError

    wiki = tmp_path / "wiki"
    wiki.mkdir()
    (wiki / "cut.md").write_text("---\ntitle: Kafka lag\nauthor: Priya\ndate: 2024-0", "utf-8")
    with pytest.raises(InputError, match="front matter opened with --- and never closed"):
        list(DocsConnector().parse(wiki, IngestContext()))


@pytest.mark.parametrize(
    ("title", "footer"),
    [
        ("Technical documentation – Billing service", "© 2024 Acme Corp. All rights reserved."),
        ("Retour d'expérience chantier Lyon", "Photos reproduites avec autorisation du MOA."),
    ],
)
def test_a_houses_own_documentation_stays_its_writers(
    tmp_path: Path, title: str, footer: str
) -> None:
    _write(tmp_path / "wiki", "page.md", title, "Paul Girard", f"{STEPS}\n\n{footer}")
    (item,) = DocsConnector().parse(tmp_path / "wiki", IngestContext())
    assert [c.role for c in item.contributions] == [Role.AUTHOR]
