"""`whoknows demo`: write the sample organization, ingest it, and show example answers."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from whoknows.demo.generate import (
    QA_SITE,
    SEED,
    conversations,
    mail_threads,
    write_mail,
    write_slack,
    write_stackexchange,
)
from whoknows.demo.generate_more import (
    write_directory,
    write_documents,
    write_git,
    write_postmortems,
)
from whoknows.demo.later import ENGAGEMENT, set_up_engagement, write_later_slack
from whoknows.service import Whoknows

# demo accounts (local demo only; real workspaces create theirs with `whoknows users add`)
DEMO_USERS = (
    ("admin", "demo-admin-pass", "admin", None),
    ("consultant", "demo-consultant-pass", "consultant", None),
    ("viewer", "demo-viewer-pass", "viewer", None),
    ("ines", "demo-ines-pass", "self", "Inès Moreau"),
)

EXAMPLE_QUESTIONS = (
    "kubernetes pod CrashLoopBackOff after helm upgrade",
    "kafka consumer lag",
    "where do we store application secrets? (secrets, Vault)",
)


def sample_options(connector: str, folder: Path) -> dict[str, str]:
    """The ingest options the sample organization's exports need, by connector."""
    if connector == "stackexchange":
        return {"base_url": QA_SITE}
    if connector == "docs":
        return {"authors": str(folder / "docs-authors.csv")}
    return {}


def write_sample_org(out: Path) -> dict[str, Path]:
    """Write every export of the sample organization under ``out``; return them by connector."""
    rng = random.Random(SEED)
    out.mkdir(parents=True, exist_ok=True)
    talks = conversations(rng)
    paths = {
        "people": out / "directory.csv",
        "stackexchange": out / "ask.corvid.example",
        "mbox": out / "mail" / "platform-team.mbox",
        "maildir": out / "mail" / "maildir",
        "slack": out / "slack-export.zip",
        "docs": out / "docs",
        "git": out / "platform.git",
        "jsonl": out / "postmortems.jsonl",
    }
    write_directory(paths["people"])
    write_stackexchange(paths["stackexchange"], talks, rng)
    write_mail(paths["mbox"], paths["maildir"], mail_threads(talks, rng))
    write_slack(paths["slack"], talks, rng)
    write_documents(paths["docs"], out / "docs-authors.csv", rng)
    if not write_git(paths["git"], rng):
        del paths["git"]
    write_postmortems(paths["jsonl"], rng, {talk.title: talk.asked for talk in talks})
    return paths


def run_demo(
    service: Whoknows, out: Path | None = None, echo: Callable[[str], None] = print
) -> dict[str, Path]:
    folder = out or service.settings.workspace / "sample-org"
    echo(f"writing the sample organization (Corvid Logistics) to {folder}")
    paths = write_sample_org(folder)
    if "git" not in paths:
        echo("  git is not installed: the git repository is left out of the demo")
    for connector, path in paths.items():
        report = service.ingest(
            connector,
            path,
            options=sample_options(connector, folder),
        )
        skipped = sum(report.skipped.values())
        echo(
            f"  {connector:<14} {report.items_added:>4} items, {report.people_added:>3} new people,"
            f" {report.merges:>3} aliases joined to known people, {skipped:>3} skipped"
        )
    set_up_engagement(service)
    later = folder / "later" / "slack-export-2026-11.zip"
    write_later_slack(later)
    report = service.ingest("slack", later)
    echo(
        f"\nengagement {ENGAGEMENT!r} set up; a later export (November) added"
        f" {report.items_added} items"
    )
    for plan in service.coaching_plans(ENGAGEMENT):
        for milestone in plan["milestones"]:
            echo(f"  {plan['person']}: {milestone['description']} -> {milestone['status']}")
    files = service.report(ENGAGEMENT)
    echo(f"  leadership report: {files.pdf}\n  deck: {files.pptx}")
    for question in EXAMPLE_QUESTIONS:
        echo(f'\nwhoknows ask "{question}"')
        for answer in service.ask(question, k=3):
            role = ", ".join(filter(None, [answer.title, answer.department]))
            echo(f"  {answer.rank}. {answer.name} ({role}) score {answer.score:.1f}")
            for evidence in answer.evidence[:2]:
                echo(f"       [{evidence.source} {evidence.kind}] {evidence.title}")
    existing = {user.username for user in service.users()}
    for username, password, role, person in DEMO_USERS:
        if username not in existing:
            service.create_user(username, password, role, person)
    echo("\nweb accounts: " + ", ".join(f"{u} / {p}" for u, p, _, _ in DEMO_USERS))
    echo(
        f"\nworkspace: {service.settings.workspace}\n"
        'try: whoknows ask "postgres backup restore"  |  whoknows hidden kubernetes'
        "  |  whoknows serve (the web app)"
    )
    return paths
