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


@pytest.mark.parametrize(
    ("title", "body", "role"),
    [
        ("Hiring plan 2024", "Two SREs, one with Kubernetes and one with databases.", Role.ADVISER),
        ("Plan de recrutement 2025", "Un administrateur PostgreSQL confirmé.", Role.ADVISER),
        ("Budget 2025", "Licences Grafana Cloud et support PostgreSQL.", Role.ADVISER),
        ("Ordre du jour du CODIR", "Sauvegardes, certificats, astreinte.", Role.ADVISER),
        ("Training plan for the fraud model", "Three epochs on the 2024 labels.", Role.AUTHOR),
        ("Glossaire", "SLO : objectif de niveau de service. PITR : restauration.", Role.ADVISER),
        ("Weekly infra sync 2024-03-11", "Keep the current priorities on backups.", Role.ADVISER),
        ("Compte rendu de réunion qualité", "Audit IATF : trois écarts mineurs.", Role.ADVISER),
        ("Kafka design review", "Attendees: Paul, Claire, Marta.\n\nLag stays high.", Role.ADVISER),
        ("Compte rendu d'intervention four 2", "Inducteur remplacé, isolement 2 MΩ.", Role.AUTHOR),
        ("Restore in 5 minutes", "Participants in a restore drill need the runbook.", Role.AUTHOR),
        ("Note de cadrage – four à induction", "Toute panne doit m'être remontée.", Role.ADVISER),
        ("Revue de direction 2025", "Zéro non-conformité majeure à l'audit.", Role.ADVISER),
        ("Point projet automatismes", "Sauvegarde des projets S7 : Romain.", Role.ADVISER),
        ("Kafka status update", "Lag fixed: max.poll.records is 200 now.", Role.AUTHOR),
        (
            "Codes défaut variateur ACS880 (documentation ABB)",
            "Fault 2310 Overcurrent: check motor load and acceleration times.",
            Role.REFERRER,
        ),
        ("Diagnostic S7-1500", "Extrait du manuel système SIMATIC S7-1500.", Role.REFERRER),
        ("Procédure (documentation interne)", "Consigner puis vérifier l'absence.", Role.AUTHOR),
        (
            "Mes questions en suspens",
            "Comment récupérer les données en OPC UA ?\nLe certificat est refusé ?\n"
            "Quelle fréquence d'abonnement ?",
            Role.ASKER,
        ),
        (
            "FAQ PostgreSQL",
            "Comment restaurer ?\nAvec pgbackrest restore.\nCombien de temps ?\nDeux heures.\n"
            "Qui valide ?\nLe DBA d'astreinte.",
            Role.AUTHOR,
        ),
    ],
)
def test_plans_glossaries_and_meetings_advise(
    tmp_path: Path, title: str, body: str, role: Role
) -> None:
    _write(tmp_path / "wiki", "page.md", title, "Paul Girard", body)
    assert _roles(tmp_path / "wiki")[0]["page.md"] == {role}


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
