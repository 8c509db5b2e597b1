"""`whoknows demo`: write the sample organization, ingest it, and show example answers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from whoknows.demo.engagement import DemoEngagement, load_engagement, set_up_engagement
from whoknows.demo.sample import SampleSource, write_later_exports, write_sample_org
from whoknows.errors import NotFoundError
from whoknows.i18n import Translator, translator
from whoknows.services import Services
from whoknows.vocab import part_word

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
    service: Services,
    out: Path | None = None,
    echo: Callable[[str], None] = print,
    language: Translator | None = None,
) -> list[SampleSource]:
    """Write the sample organization, ingest it, set up the engagement, ingest the later export,
    print example answers and create the demo's web accounts; return the sources ingested.
    What it prints, and the report it writes, are in ``language`` (default: the ``lang``
    setting)."""
    from whoknows.report import words, write_report  # the report's libraries load only here

    t = language or translator(service.settings.lang)
    folder = out or service.settings.workspace / "sample-org"
    sources = _ingest_sample(service, folder, echo, t)
    engagement = set_up_engagement(service)
    added = 0
    for source in write_later_exports(folder):
        report = service.ingest.ingest(source.connector, source.path, options=source.options)
        added += report.items_added
    said = t.gettext("engagement %(name)s set up; a later export (November) added %(count)s items")
    echo("\n" + said % {"name": repr(engagement.name), "count": t.format_number(added)})
    for plan in service.engagements.plans(engagement.name):
        for m in plan.milestones:
            said = t.gettext("%(person)s: %(milestone)s")
            echo("  " + said % {"person": plan.person, "milestone": words.milestone(t, m)})
    files = write_report(service, engagement.name, lang=t.lang)
    echo("  " + t.gettext("leadership report: %(path)s") % {"path": files.pdf})
    echo("  " + t.gettext("deck: %(path)s") % {"path": files.pptx})
    _example_answers(service, echo, t)
    created = _demo_accounts(service, echo, t)
    accounts = ", ".join(f"{u} / {p}" for u, p, _, _ in created)
    echo("\n" + t.gettext("web accounts: %(accounts)s") % {"accounts": accounts})
    echo("\n" + t.gettext("workspace: %(folder)s") % {"folder": service.settings.workspace})
    commands = 'whoknows ask "postgres backup restore"  |  whoknows under-recognised kubernetes'
    serve = t.gettext("whoknows serve (the web app)")
    echo(t.gettext("try: %(commands)s") % {"commands": f"{commands}  |  {serve}"})
    return sources


def _ingest_sample(
    service: Services, folder: Path, echo: Callable[[str], None], t: Translator
) -> list[SampleSource]:
    """Write the sample organization to ``folder`` and ingest each of its exports."""
    said = t.gettext("writing the sample organization (Corvid Logistics) to %(folder)s")
    echo(said % {"folder": folder})
    sources = write_sample_org(folder)
    if "git" not in {source.connector for source in sources}:
        echo("  " + t.gettext("git is not installed: the git repository is left out of the demo"))
    n = t.format_number
    for source in sources:
        report = service.ingest.ingest(source.connector, source.path, options=source.options)
        counts = t.gettext(
            "%(items)s items, %(people)s new people, %(merges)s aliases joined to known people,"
            " %(skipped)s skipped"
        ) % {
            "items": f"{n(report.items_added):>4}",
            "people": f"{n(report.people_added):>3}",
            "merges": f"{n(report.merges):>3}",
            "skipped": f"{n(sum(report.skipped.values())):>3}",
        }
        echo(f"  {source.connector:<14} {counts}")
    return sources


def _example_answers(service: Services, echo: Callable[[str], None], t: Translator) -> None:
    """The example questions and their three first people, as `whoknows ask` answers."""
    for question in EXAMPLE_QUESTIONS:
        echo(f'\nwhoknows ask "{question}"')
        for answer in service.search.ask(question, k=3):
            role = ", ".join(filter(None, [answer.title, answer.department]))
            score = t.gettext("score %(value)s") % {"value": t.format_number(answer.score, 1)}
            echo(f"  {answer.rank}. {answer.name} ({role}) {score}")
            for evidence in answer.evidence[:2]:  # (what the person did: a reply is no question)
                did = part_word(t, evidence.role, evidence.credited)
                echo(f"       [{evidence.source} {evidence.kind}, {did}] {evidence.title}")


def _demo_accounts(
    service: Services, echo: Callable[[str], None], t: Translator
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
                said = t.gettext("%(user)s: not created, %(person)s was erased from this workspace")
                echo("  " + said % {"user": username, "person": person})
                continue
        usable.append((username, password, role, person))
    return usable
