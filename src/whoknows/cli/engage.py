"""`whoknows engagement ...` and `whoknows report`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from whoknows.cli import _engage_lines as lines
from whoknows.cli._click_messages import PathType
from whoknows.cli._common import handle_errors, json_option, print_json, services, translation
from whoknows.cli._help import command, group
from whoknows.errors import UsageError
from whoknows.i18n import N_, Translator
from whoknows.report import words
from whoknows.vocab import Consent, MilestoneKind, Stance

if TYPE_CHECKING:  # types only: the services load when a command runs
    from whoknows.services import Services
    from whoknows.services.privacy import OfAPerson


def _t(ctx: click.Context, lang: str | None = None) -> Translator:
    """The language of the messages: --lang, else the `lang` setting (WHOKNOWS_LANG)."""
    return translation(ctx, lang)


def as_of_option(function: click.decorators.FC) -> click.decorators.FC:
    return click.option(
        "--as-of",
        "as_of",
        metavar="DATE",
        help=N_("Judge milestones as of this day (default: today)."),
    )(function)


def _record(opened: Services, where: str, *listings: Iterable[OfAPerson]) -> None:
    """Write to the audit log a read of each person whose stakeholder notes or coaching plan
    a command shows (before it is shown)."""
    from whoknows.services.privacy import VIEW_ENGAGEMENT, people_shown

    opened.privacy.record_reads(None, people_shown(*listings), where, VIEW_ENGAGEMENT)


@group()
def engagement() -> None:
    """Engagements: topics, tandem, pairs, stakeholders, coaching plans, transfer."""


@engagement.command(name="create")
@click.argument("name")
@click.option("--topic", "topics", multiple=True, required=True, help=N_("A topic (repeat)."))
@click.option("--consultant", "consultants", multiple=True, help=N_("An outside consultant."))
@click.option("--start", required=True, help=N_("Start date, YYYY-MM-DD."))
@click.option("--end", help=N_("End date, YYYY-MM-DD."))
@click.option("--client", help=N_("The client organization."))
@click.option("--goal", help=N_("What should remain after the mission."))
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
    opened = services(ctx).engagements
    record = opened.create(name, list(topics), list(consultants), start, end, client, goal)
    t = _t(ctx)
    names = opened.topic_names(record.topics)
    click.echo(
        t.gettext("engagement %(name)s created with topics %(topics)s")
        % {"name": record.name, "topics": t.format_list([names[x] for x in record.topics])}
    )


@engagement.command(name="list")
@click.pass_context
@handle_errors
def list_engagements(ctx: click.Context) -> None:
    """List engagements."""
    t = _t(ctx)
    for row in services(ctx).engagements.summaries():
        span = t.format_period(row.start_date, row.end_date, "medium")
        click.echo(f"{row.id:>3}  {row.name}  ({span})")


@engagement.command()
@click.argument("name")
@json_option
@click.pass_context
@handle_errors
def show(ctx: click.Context, name: str, as_json: bool) -> None:
    """Everything about an engagement: resources, risks, tandem, plans, transfer."""
    opened = services(ctx)
    data = opened.engagements.overview(name)
    _record(opened, "cli show", data.stakeholders, data.plans)
    if as_json:
        print_json(data)
        return
    t = _t(ctx)
    e = data.engagement
    click.echo(
        t.gettext("%(name)s (%(period)s); consultants: %(consultants)s")
        % {
            "name": e.name,
            "period": t.format_period(e.start, e.end),
            "consultants": t.format_list(e.consultants) or t.gettext("none named yet"),
        }
    )
    for topic in data.topics:
        said = (
            t.gettext("%(topic)s: inside %(people)s; half of the evidence held by %(held)s")
            if topic.bus_factor
            else t.gettext("%(topic)s: inside %(people)s; no evidence yet")
        )
        click.echo(
            "  "
            + said
            % {
                "topic": data.topic_name(topic.topic),
                "people": t.format_list(topic.inside) or t.gettext("nobody active"),
                "held": words.people(t, topic.bus_factor),
            }
        )
    lines.print_tandem(t, data.tandem, data.pairs, data.topic_names)
    lines.print_plans(t, data.plans, lines.every_name(data.topic_names))


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
    topics = [row.topic for row in rows] + [pair.topic for pair in pairs]
    lines.print_tandem(_t(ctx), rows, pairs, opened.topic_names(list(dict.fromkeys(topics))))


@engagement.command()
@click.argument("name")
@click.option("--person", help=N_("Set a stakeholder: the person."))
@click.option(
    "--stance",
    type=click.Choice([s.value for s in Stance]),
    help=N_("Their stance towards the mission."),
)
@click.option("--influence", type=click.IntRange(1, 5), help=N_("Their influence, from 1 to 5."))
@click.option("--notes", help=N_("Notes on the stakeholder."))
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
    everything = services(ctx)
    opened = everything.engagements
    if person:
        opened.set_stakeholder(name, person, stance, influence, notes)
    rows = opened.stakeholders(name)
    _record(everything, "cli stakeholders", rows)
    if as_json:
        print_json(rows)
        return
    t = _t(ctx)
    for row in rows:
        said = t.gettext("influence %(value)s of 5") % {"value": row.influence}
        if row.influence == row.influence_suggested:
            said += " (" + t.gettext("suggested") + ")"
        click.echo(f"{row.name:<40} {words.stance(t, row.stance):<16} {said}  {row.notes or ''}")


@engagement.command()
@click.argument("name")
@click.option("--person", required=True, help=N_("The inside person."))
@click.option(
    "--consent",
    type=click.Choice([c.value for c in Consent]),
    required=True,
    help=N_("Whether they agree to be named in the leadership report."),
)
@click.pass_context
@handle_errors
def consent(ctx: click.Context, name: str, person: str, consent: str) -> None:
    """Record whether an inside person agrees to be named in the report and deck."""
    services(ctx).engagements.set_consent(name, person, consent)
    click.echo(_t(ctx).gettext("consent %(consent)s recorded") % {"consent": consent})


@engagement.command()
@click.argument("name")
@click.option("--person", required=True, help=N_("The person to coach."))
@click.option("--skill", "skills", multiple=True, help=N_("Default: the person's pending claims."))
@click.option(
    "--from", "made", metavar="DATE", help=N_("Date the plan from this day (default: today).")
)
@click.pass_context
@handle_errors
def coach(
    ctx: click.Context, name: str, person: str, skills: tuple[str, ...], made: str | None
) -> None:
    """A coaching plan with milestones for a person whose claims are not yet evident."""
    everything = services(ctx)
    opened = everything.engagements
    plan = opened.coach(name, person, list(skills), made)
    _record(everything, "cli coach", [plan])
    lines.print_plans(_t(ctx), [plan], lines.every_name(opened.topic_names(lines.skills([plan]))))


@engagement.command()
@click.argument("name")
@as_of_option
@json_option
@click.pass_context
@handle_errors
def progress(ctx: click.Context, name: str, as_of: str | None, as_json: bool) -> None:
    """Coaching plans and their milestones, measured on the evidence ingested so far."""
    everything = services(ctx)
    opened = everything.engagements
    plans = opened.plans(name, as_of=as_of)
    _record(everything, "cli progress", plans)
    if as_json:
        print_json(plans)
        return
    if not plans:
        click.echo(_t(ctx).gettext("No coaching plan yet."))
    lines.print_plans(_t(ctx), plans, lines.every_name(opened.topic_names(lines.skills(plans))))


@engagement.command(name="roadmap")
@click.argument("name")
@click.option("--save", is_flag=True, help=N_("Save the proposed roadmap (replaces a saved one)."))
@click.option("--person", help=N_("Add a milestone: its inside owner."))
@click.option("--topic", help=N_("Add a milestone: its topic."))
@click.option(
    "--kind",
    type=click.Choice([k.value for k in MilestoneKind]),
    default="items",
    help=N_("Add a milestone: what it measures."),
)
@click.option(
    "--target",
    type=float,
    default=2.0,
    show_default=True,
    help=N_("Add a milestone: the value to reach."),
)
@click.option("--due", metavar="DATE", help=N_("Add a milestone: due after the mission's end."))
@click.option("--review", metavar="DATE", help=N_("When the sponsors review it (default: --due)."))
@as_of_option
@json_option
@click.pass_context
@handle_errors
def roadmap(
    ctx: click.Context,
    name: str,
    save: bool,
    person: str | None,
    topic: str | None,
    kind: str,
    target: float,
    due: str | None,
    review: str | None,
    as_of: str | None,
    as_json: bool,
) -> None:
    """The roadmap after the mission: milestones with an inside owner, measured after the end."""
    opened = services(ctx).engagements
    if save:
        opened.save_roadmap(name)
    if person or topic or due:
        if not (person and topic and due):
            raise UsageError(N_("a milestone needs --person, --topic and --due"))
        opened.add_roadmap_milestone(name, person, topic, kind, target, due, review)
    result = opened.roadmap(name, as_of=as_of)
    if as_json:
        print_json(result)
        return
    topics = list(dict.fromkeys(r.topic for r in result.rows))
    lines.print_roadmap(_t(ctx), result, lines.every_name(opened.topic_names(topics)))


@engagement.command(name="transfer")
@click.argument("name")
@as_of_option
@json_option
@click.pass_context
@handle_errors
def transfer(ctx: click.Context, name: str, as_of: str | None, as_json: bool) -> None:
    """Per topic and month: share of evidence by inside people, active inside experts."""
    opened = services(ctx).engagements
    series = opened.transfer(name, as_of)
    if as_json:
        print_json(series)
        return
    t = _t(ctx)
    names = opened.topic_names([line.topic for line in series])
    for line in series:
        click.echo(names.get(line.topic, line.topic))
        for month, share, trend, experts in zip(
            line.months, line.inside_share, line.trend, line.inside_experts, strict=True
        ):
            click.echo(
                f"  {t.format_month(month):<10} "
                + t.gettext("inside %(share)s (three months: %(trend)s), %(people)s active inside")
                % {
                    "share": "—" if share is None else t.format_percent(share),
                    "trend": "—" if trend is None else t.format_percent(trend),
                    "people": words.people(t, experts),
                }
            )


@command()
@click.argument("name")
@click.option(
    "--out",
    type=PathType(file_okay=False, path_type=Path),
    help=N_("Folder to write to (default: the workspace's reports/)."),
)
@click.option(
    "--lang",
    type=click.Choice(["en", "fr"]),
    help=N_("Language (default: the global --lang, else the setting)."),
)
@as_of_option
@click.pass_context
@handle_errors
def report(
    ctx: click.Context, name: str, out: Path | None, lang: str | None, as_of: str | None
) -> None:
    """Write the engagement's leadership report (HTML, PDF) and deck (PPTX)."""
    from whoknows.privacy.report_manifest import shown_path
    from whoknows.report import write_report

    t = _t(ctx, lang)  # this option, else the global --lang, else the setting
    files = write_report(services(ctx), name, out, t.lang, as_of)
    for path in (files.html, files.pdf, files.pptx):
        click.echo(t.gettext("wrote %(path)s") % {"path": shown_path(path)})


COMMANDS = (engagement, report)
