"""`whoknows demo`: write the sample organization, ingest it, and show example answers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from whoknows.demo.engagement import DemoEngagement, load_engagement, set_up_engagement
from whoknows.demo.sample import SampleSource, write_later_exports, write_sample_org
from whoknows.errors import NotFoundError
from whoknows.services import Services

__all__ = [
    "DEMO_USERS",
    "DemoEngagement",
    "SampleSource",
    "load_engagement",
    "run_demo",
    "set_up_engagement",
    "write_later_exports",
    "write_sample_org",
]

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


def run_demo(
    service: Services, out: Path | None = None, echo: Callable[[str], None] = print
) -> list[SampleSource]:
    """Write the sample organization, ingest it, set up the engagement, ingest the later export,
    print example answers and create the demo's web accounts; return the sources ingested."""
    folder = out or service.settings.workspace / "sample-org"
    echo(f"writing the sample organization (Corvid Logistics) to {folder}")
    sources = write_sample_org(folder)
    if "git" not in {source.connector for source in sources}:
        echo("  git is not installed: the git repository is left out of the demo")
    for source in sources:
        report = service.ingest.ingest(source.connector, source.path, options=source.options)
        skipped = sum(report.skipped.values())
        echo(
            f"  {source.connector:<14} {report.items_added:>4} items,"
            f" {report.people_added:>3} new people,"
            f" {report.merges:>3} aliases joined to known people, {skipped:>3} skipped"
        )
    engagement = set_up_engagement(service)
    added = 0
    for source in write_later_exports(folder):
        report = service.ingest.ingest(source.connector, source.path, options=source.options)
        added += report.items_added
    echo(f"\nengagement {engagement.name!r} set up; a later export (November) added {added} items")
    for plan in service.engagements.plans(engagement.name):
        for milestone in plan.milestones:
            echo(f"  {plan.person}: {milestone.description} -> {milestone.status}")
    from whoknows.report import write_report

    files = write_report(service, engagement.name)
    echo(f"  leadership report: {files.pdf}\n  deck: {files.pptx}")
    for question in EXAMPLE_QUESTIONS:
        echo(f'\nwhoknows ask "{question}"')
        for answer in service.search.ask(question, k=3):
            role = ", ".join(filter(None, [answer.title, answer.department]))
            echo(f"  {answer.rank}. {answer.name} ({role}) score {answer.score:.1f}")
            for evidence in answer.evidence[:2]:
                echo(f"       [{evidence.source} {evidence.kind}] {evidence.title}")
    created = _demo_accounts(service, echo)
    echo("\nweb accounts: " + ", ".join(f"{u} / {p}" for u, p, _, _ in created))
    echo(
        f"\nworkspace: {service.settings.workspace}\n"
        'try: whoknows ask "postgres backup restore"  |  whoknows under-recognised kubernetes'
        "  |  whoknows serve (the web app)"
    )
    return sources


def _demo_accounts(
    service: Services, echo: Callable[[str], None]
) -> list[tuple[str, str, str, str | None]]:
    """Create the demo's web accounts that do not exist yet (disabled ones included); an
    account whose person was erased is not created again."""
    existing = {account.user.username for account in service.accounts.all_accounts()}
    usable = []
    for username, password, role, person in DEMO_USERS:
        if username not in existing:
            try:
                service.accounts.create(username, password, role, person)
            except NotFoundError:
                echo(f"  {username}: not created, {person} was erased from this workspace")
                continue
        usable.append((username, password, role, person))
    return usable
