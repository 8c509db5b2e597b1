"""Insight commands: person, claims, under-recognised (alias: hidden), topic, gaps, network."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from whoknows.cli._common import (
    handle_errors,
    json_option,
    print_bridges,
    print_json,
    services,
    translation,
)
from whoknows.cli._help import Command, command, group
from whoknows.i18n import N_, Translator
from whoknows.report import words
from whoknows.vocab import GROUP_WORDS, kind_word

if TYPE_CHECKING:  # types only: the services load when a command runs
    from whoknows.services.insights import PersonView


def _role(row: PersonView) -> str:
    role = ", ".join(filter(None, [row.title, row.department]))
    return f" — {role}" if role else ""


def _span(t: Translator, first: str | None, last: str | None) -> str:
    if not first or not last:
        return ""
    if first[:10] == last[:10]:
        return t.format_date(first, "medium")
    return t.gettext("%(start)s to %(end)s") % {
        "start": t.format_date(first, "medium"),
        "end": t.format_date(last, "medium"),
    }


def _claim_line(t: Translator, skill: str, state: str, strength: float, where: list[str]) -> str:
    declared = (
        " (" + t.gettext("declared in %(sources)s") % {"sources": t.format_list(where)} + ")"
        if where
        else ""
    )
    return (
        f"    {skill:<28} {words.claim_state(t, state):<24} "
        + t.gettext("strength %(value)s") % {"value": t.format_number(strength, 2)}
        + declared
    )


@command()
@click.argument("person")
@json_option
@click.pass_context
@handle_errors
def person(ctx: click.Context, person: str, as_json: bool) -> None:
    """A person's topics with evidence, activity, sources and claims (PERSON: id,
    connector:native-id or full name)."""
    opened = services(ctx)
    data = opened.insights.profile(person)
    opened.privacy.record_cli_view(data.person_id, "cli")  # (before it is shown)
    if as_json:
        print_json(data)
        return
    t = translation(ctx)
    click.echo(f"{data.name}{_role(data)}")
    if data.left:  # (as the web page says it)
        click.echo("  " + t.gettext("has left"))
    if data.first_activity:
        click.echo(
            "  "
            + t.gettext("active %(span)s in %(sources)s")
            % {
                "span": _span(t, data.first_activity, data.last_activity),
                "sources": t.format_list(data.sources),
            }
        )
    if not data.topics:  # (a topic is a tag or a phrase two of their answers or writings hold)
        click.echo("  " + t.gettext("no topic yet in what they answered or wrote"))
    else:
        click.echo("  " + t.gettext("topics, strongest first (strength halves each year):"))
    for topic in data.topics:
        click.echo(
            f"    {topic.topic:<28} {t.format_number(topic.strength, 2):>7}"
            f"  {_span(t, topic.first, topic.last)}  ({t.format_list(topic.sources)})"
        )
        for item in topic.evidence:
            click.echo(f"        [{kind_word(t, item.kind)}] {item.title}  {item.url or ''}")
    if data.claims:
        click.echo("  " + t.gettext("claims:"))
        for claim in data.claims:
            click.echo(_claim_line(t, claim.skill, claim.state, claim.strength, claim.claimed_in))


@group(invoke_without_command=True)
@click.option("--person", "reference", help=N_("Only this person."))
@json_option
@click.pass_context
@handle_errors
def claims(ctx: click.Context, reference: str | None, as_json: bool) -> None:
    """Claims against evidence: pending, evidenced, confirmed, and skills evidenced but not
    declared."""
    if ctx.invoked_subcommand is not None:
        return
    from whoknows.services.privacy import VIEW_CLAIMS, people_shown

    opened = services(ctx)
    rows = opened.insights.claims(reference)
    if reference:  # one person's claims: a read of their profile
        opened.privacy.record_cli_view(opened.insights.visible_person(reference), "cli")
    else:  # everyone's: a read of each one's claims, a row per person listed
        opened.privacy.record_reads(None, people_shown(rows), "cli", VIEW_CLAIMS)
    if as_json:
        print_json(rows)
        return
    t = translation(ctx)
    if not rows:
        click.echo(t.gettext("no claims: none declared (a directory's skills, `claims add`)"))
    current = None
    for row in rows:
        if row.person_id != current:
            current = row.person_id
            click.echo(str(row.name))
        click.echo(_claim_line(t, row.skill, row.state, row.strength, row.claimed_in))


@claims.command(name="add")
@click.option("--person", "reference", required=True, help=N_("The person."))
@click.option("--skill", required=True, help=N_("The skill."))
@click.pass_context
@handle_errors
def add_claim(ctx: click.Context, reference: str, skill: str) -> None:
    """Declare a skill for a person (source: self)."""
    services(ctx).insights.add_claim(reference, skill)
    click.echo(translation(ctx).gettext("claim added: %(skill)s") % {"skill": skill})


@claims.command(name="confirm")
@click.option("--person", "reference", required=True, help=N_("The person."))
@click.option("--skill", required=True, help=N_("The skill."))
@click.option("--by", help=N_("The peer who confirms (default: the person themself)."))
@click.pass_context
@handle_errors
def confirm_claim(ctx: click.Context, reference: str, skill: str, by: str | None) -> None:
    """Confirm a skill; an evidenced skill then shows as confirmed."""
    services(ctx).insights.confirm_claim(reference, skill, by)
    click.echo(translation(ctx).gettext("confirmed: %(skill)s") % {"skill": skill})


@command(name="under-recognised")
@click.argument("topic")
@json_option
@click.pass_context
@handle_errors
def under_recognised(ctx: click.Context, topic: str, as_json: bool) -> None:
    """Under-recognised experts on TOPIC: strong evidence, weak recognition, with the
    figures."""
    t = translation(ctx)
    data = services(ctx).insights.hidden_experts(topic, None if as_json else t)
    if as_json:
        print_json(data)
        return
    print_bridges(data.also_searched)
    rows = data.hidden_experts
    if not rows:
        click.echo(data.why_none(t))
        for holder in data.passed_over:
            click.echo(f"    {holder.why}")
    for row in rows:
        click.echo(f"{row.why}")
        for item in row.top_evidence:
            click.echo(f"    [{kind_word(t, item.kind)}] {item.title}  {item.url or ''}")


hidden = Command(
    "hidden",
    callback=under_recognised.callback,
    params=under_recognised.params,
    help=N_("Alias of `whoknows under-recognised` (the name of earlier versions)."),
)


@command()
@click.argument("topic")
@json_option
@click.pass_context
@handle_errors
def topic(ctx: click.Context, topic: str, as_json: bool) -> None:
    """Who holds TOPIC, across departments and locations, and how concentrated it is."""
    data = services(ctx).insights.topic_map(topic)
    if as_json:
        print_json(data)
        return
    t = translation(ctx)
    print_bridges(data.also_searched)
    if not data.items or not data.holders:  # (items only hidden people or askers hold)
        click.echo(t.gettext("nobody: no evidence matches this topic"))
        return
    items = t.ngettext("%(count)s item", "%(count)s items", data.items)
    click.echo(
        t.labelled(data.topic, items % {"count": t.format_number(data.items)}, translate=False)
    )
    click.echo(
        "  "
        + t.ngettext(
            "half of the evidence is held by %(count)s person (%(names)s), %(active)s of them"
            " active",
            "half of the evidence is held by %(count)s people (%(names)s), %(active)s of them"
            " active",
            data.bus_factor,
        )
        % {
            "count": t.format_number(data.bus_factor),
            "names": t.format_list(data.half_of_the_evidence),
            "active": t.format_number(data.of_whom_active),
        }
    )
    click.echo("  " + t.gettext("holders:"))
    for row in data.holders:
        state = words.person_state(t, row.active, row.left)
        click.echo(
            f"    {row.name}{_role(row)}  "
            + t.gettext("%(share)s of the evidence, latest %(date)s (%(state)s)")
            % {
                "share": t.format_percent(row.share),
                "date": t.format_date(row.last, "medium") if row.last else "—",
                "state": state,
            }
        )
    for key, shares in ((N_("departments"), data.departments), (N_("locations"), data.locations)):
        spread = ", ".join(
            f"{t.gettext(GROUP_WORDS[k]) if k in GROUP_WORDS else k} {t.format_percent(v)}"
            for k, v in shares.items()
        )
        click.echo("  " + t.labelled(key, spread))


@command()
@json_option
@click.pass_context
@handle_errors
def gaps(ctx: click.Context, as_json: bool) -> None:
    """Topics in demand with no or few active experts, or held by outsiders; topics whose
    holders have left, no one else active holding them."""
    from whoknows.insights.topicmap import MIN_DEMAND, gap_reason

    rows = services(ctx).insights.gaps()
    if as_json:
        print_json(rows)
        return
    t = translation(ctx)
    if not rows:
        click.echo(t.gettext("no coverage gaps: every topic in demand has active internal holders"))
    for row in rows:
        unanswered = t.ngettext(
            "%(count)s thread unanswered", "%(count)s threads unanswered", row.unanswered
        ) % {"count": t.format_number(row.unanswered)}
        reason = gap_reason(
            row.demand, row.active_internal_holders, row.outsider_share, t, row.leaving_holders
        )
        if row.demand < MIN_DEMAND:  # (held by leavers only: what was asked, if anything)
            asked = t.ngettext(
                "%(count)s thread in a year", "%(count)s threads in a year", row.demand
            ) % {"count": t.format_number(row.demand)}
            unanswered = asked + (", " + unanswered if row.demand else "")
        both = t.gettext("%(reason)s; %(unanswered)s") % {
            "reason": reason,
            "unanswered": unanswered,
        }
        click.echo(f"{row.topic:<30} {both}")


@command()
@json_option
@click.pass_context
@handle_errors
def network(ctx: click.Context, as_json: bool) -> None:
    """Network roles: hubs, brokers, peripheral experts, bridges between departments."""
    data = services(ctx).insights.network()
    if as_json:
        print_json(data)
        return
    t = translation(ctx)
    people = t.ngettext("%(count)s person", "%(count)s people", data.people)
    links = t.ngettext("%(count)s link", "%(count)s links", data.links)
    click.echo(
        people % {"count": t.format_number(data.people)}
        + ", "
        + links % {"count": t.format_number(data.links)}
    )
    none = t.gettext("none")
    click.echo(t.gettext("hubs (most interaction):") + " " + ", ".join(h.name for h in data.hubs))
    click.echo(
        t.gettext("brokers (between groups):") + " " + ", ".join(b.name for b in data.brokers)
    )
    click.echo(
        t.gettext("peripheral experts (knowledge, few links):")
        + " "
        + (", ".join(p.name for p in data.peripheral_experts) or none)
    )
    for link in data.department_links:
        a, b = link.departments
        click.echo(f"  {a} <-> {b}: {t.format_number(link.weight, 2)}")
    bridges = ", ".join(b.name for b in data.bridges)
    click.echo(
        t.gettext("bridges:")
        + " "
        + (bridges or t.gettext("none (the directory has no departments)"))
    )


COMMANDS = (person, claims, under_recognised, hidden, topic, gaps, network)
