"""`whoknows engagement ...` and `whoknows report`."""

from __future__ import annotations

from pathlib import Path

import click

from whoknows.cli._common import handle_errors, json_option, print_json, services
from whoknows.services.engagements import PairRow, PlanView, TandemRow
from whoknows.vocab import Consent, Stance


@click.group()
def engagement() -> None:
    """Engagements: topics, tandem, pairs, stakeholders, coaching plans, transfer."""


@engagement.command(name="create")
@click.argument("name")
@click.option("--topic", "topics", multiple=True, required=True, help="A topic (repeat).")
@click.option("--consultant", "consultants", multiple=True, help="An outside consultant.")
@click.option("--start", required=True, help="Start date, YYYY-MM-DD.")
@click.option("--end", help="End date, YYYY-MM-DD.")
@click.option("--client")
@click.option("--goal", help="What should remain after the mission.")
@click.pass_context
@handle_errors
def create(
    ctx: click.Context,
    name: str,
    topics: tuple[str, ...],
    consultants: tuple[str, ...],
    start: str,
    end: str | None,
    client: str | None,
    goal: str | None,
) -> None:
    """Create an engagement."""
    record = services(ctx).engagements.create(
        name, list(topics), list(consultants), start, end, client, goal
    )
    click.echo(f"engagement {record.name} created with topics {', '.join(record.topics)}")


@engagement.command(name="list")
@click.pass_context
@handle_errors
def list_engagements(ctx: click.Context) -> None:
    """List engagements."""
    for row in services(ctx).engagements.summaries():
        click.echo(f"{row.id:>3}  {row.name}  ({row.start_date} to {row.end_date})")


@engagement.command()
@click.argument("name")
@json_option
@click.pass_context
@handle_errors
def show(ctx: click.Context, name: str, as_json: bool) -> None:
    """Everything about an engagement: resources, risks, tandem, plans, transfer."""
    data = services(ctx).engagements.overview(name)
    if as_json:
        print_json(data)
        return
    e = data.engagement
    click.echo(f"{e.name} ({e.start} to {e.end}); consultants: {', '.join(e.consultants)}")
    for topic in data.topics:
        click.echo(
            f"  {topic.topic}: inside {', '.join(topic.inside) or 'nobody active'};"
            f" half of the evidence held by {topic.bus_factor}"
        )
    _print_tandem(data.tandem, data.pairs)
    _print_plans(data.plans)


def _print_tandem(tandem: list[TandemRow], pairs: list[PairRow]) -> None:
    click.echo("tandem:")
    for row in tandem:
        click.echo(f"  {row.topic:<16} {row.partner or 'nobody yet'} — {row.why}")
    for pair in pairs:
        click.echo(f"  pair on {pair.topic}: {pair.expert} with {pair.learner} ({pair.why})")


def _print_plans(plans: list[PlanView]) -> None:
    for plan in plans:
        click.echo(f"coaching {plan.person} on {', '.join(plan.skills)}:")
        for skill, helpers in plan.helpers.items():
            click.echo(f"  helped by {', '.join(helpers) or 'nobody inside yet'} on {skill}")
            for item in plan.material.get(skill, []):
                click.echo(f"    read: [{item.kind}] {item.title} {item.url or ''}")
        for milestone in plan.milestones:
            click.echo(
                f"  {milestone.description}: {milestone.value:.1f} /"
                f" {milestone.target:.1f} ({milestone.status})"
            )


@engagement.command()
@click.argument("name")
@json_option
@click.pass_context
@handle_errors
def tandem(ctx: click.Context, name: str, as_json: bool) -> None:
    """Inside partners for the consultant, and expert-learner pairs."""
    opened = services(ctx).engagements
    rows, pairs = opened.tandem(name), opened.pairs(name)
    if as_json:
        print_json({"tandem": rows, "pairs": pairs})
        return
    _print_tandem(rows, pairs)


@engagement.command()
@click.argument("name")
@click.option("--person", help="Set a stakeholder: the person.")
@click.option("--stance", type=click.Choice([s.value for s in Stance]))
@click.option("--influence", type=click.IntRange(1, 5))
@click.option("--notes")
@json_option
@click.pass_context
@handle_errors
def stakeholders(
    ctx: click.Context,
    name: str,
    person: str | None,
    stance: str | None,
    influence: int | None,
    notes: str | None,
    as_json: bool,
) -> None:
    """The stakeholder map (set one entry with --person)."""
    opened = services(ctx).engagements
    if person:
        opened.set_stakeholder(name, person, stance, influence, notes)
    rows = opened.stakeholders(name)
    if as_json:
        print_json(rows)
        return
    for row in rows:
        influence_note = "" if row.influence != row.influence_suggested else " (suggested)"
        click.echo(
            f"{row.name:<40} {row.stance:<8} influence {row.influence}"
            f"{influence_note}  {row.notes or ''}"
        )


@engagement.command()
@click.argument("name")
@click.option("--person", required=True)
@click.option("--consent", type=click.Choice([c.value for c in Consent]), required=True)
@click.pass_context
@handle_errors
def consent(ctx: click.Context, name: str, person: str, consent: str) -> None:
    """Record whether an inside person agrees to be named in the report and deck."""
    services(ctx).engagements.set_consent(name, person, consent)
    click.echo(f"consent {consent} recorded")


@engagement.command()
@click.argument("name")
@click.option("--person", required=True)
@click.option("--skill", "skills", multiple=True, help="Default: the person's pending claims.")
@click.pass_context
@handle_errors
def coach(ctx: click.Context, name: str, person: str, skills: tuple[str, ...]) -> None:
    """A coaching plan with milestones for a person whose claims are not yet evident."""
    plan = services(ctx).engagements.coach(name, person, list(skills))
    _print_plans([plan])


@engagement.command()
@click.argument("name")
@json_option
@click.pass_context
@handle_errors
def progress(ctx: click.Context, name: str, as_json: bool) -> None:
    """Coaching plans and their milestones, measured on the evidence ingested so far."""
    plans = services(ctx).engagements.plans(name)
    if as_json:
        print_json(plans)
        return
    _print_plans(plans)


@engagement.command(name="transfer")
@click.argument("name")
@json_option
@click.pass_context
@handle_errors
def transfer(ctx: click.Context, name: str, as_json: bool) -> None:
    """Per topic and month: share of evidence by inside people, active inside experts."""
    series = services(ctx).engagements.transfer(name)
    if as_json:
        print_json(series)
        return
    for line in series:
        click.echo(line.topic)
        for month, share, experts in zip(
            line.months, line.inside_share, line.inside_experts, strict=True
        ):
            value = "   —" if share is None else f"{share:>4.0%}"
            click.echo(f"  {month}  inside {value}  active inside experts {experts}")


@click.command()
@click.argument("name")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write to (default: the workspace's reports/).",
)
@click.pass_context
@handle_errors
def report(ctx: click.Context, name: str, out: Path | None) -> None:
    """Write the engagement's leadership report (HTML, PDF) and deck (PPTX)."""
    from whoknows.report import write_report

    files = write_report(services(ctx), name, out)
    for path in (files.html, files.pdf, files.pptx):
        click.echo(f"wrote {path}")


COMMANDS = (engagement, report)
