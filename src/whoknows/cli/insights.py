"""Insight commands: person, claims, hidden, topic, gaps, network."""

from __future__ import annotations

import click

from whoknows.cli._common import handle_errors, json_option, print_json, services
from whoknows.services.insights import PersonView


def _role(row: PersonView) -> str:
    role = ", ".join(filter(None, [row.title, row.department]))
    return f" — {role}" if role else ""


@click.command()
@click.argument("person")
@json_option
@click.pass_context
@handle_errors
def person(ctx: click.Context, person: str, as_json: bool) -> None:
    """A person's topics with evidence, activity, sources and claims (PERSON: id,
    connector:native-id or full name)."""
    data = services(ctx).insights.profile(person)
    if as_json:
        print_json(data)
        return
    click.echo(f"{data.name}{_role(data)}")
    click.echo(
        f"  active {data.first_activity} to {data.last_activity} in {', '.join(data.sources)}"
    )
    click.echo("  topics (strength decays by half each year):")
    for topic in data.topics:
        click.echo(
            f"    {topic.topic:<28} {topic.strength:>7.2f}  {topic.first} to"
            f" {topic.last}  ({', '.join(topic.sources)})"
        )
        for item in topic.evidence:
            click.echo(f"        [{item.kind}] {item.title}  {item.url or ''}")
    if data.claims:
        click.echo("  claims:")
        for claim in data.claims:
            where = f" (declared in {', '.join(claim.claimed_in)})" if claim.claimed_in else ""
            click.echo(
                f"    {claim.skill:<28} {claim.state:<10} strength {claim.strength:.2f}{where}"
            )


@click.group(invoke_without_command=True)
@click.option("--person", "reference", help="Only this person.")
@json_option
@click.pass_context
@handle_errors
def claims(ctx: click.Context, reference: str | None, as_json: bool) -> None:
    """Claims against evidence: claimed (pending), evidenced, confirmed, hidden."""
    if ctx.invoked_subcommand is not None:
        return
    rows = services(ctx).insights.claims(reference)
    if as_json:
        print_json(rows)
        return
    current = None
    for row in rows:
        if row.person_id != current:
            current = row.person_id
            click.echo(str(row.name))
        where = f" (declared in {', '.join(row.claimed_in)})" if row.claimed_in else ""
        click.echo(f"    {row.skill:<28} {row.state:<10} strength {row.strength:.2f}{where}")


@claims.command(name="add")
@click.option("--person", "reference", required=True)
@click.option("--skill", required=True)
@click.pass_context
@handle_errors
def add_claim(ctx: click.Context, reference: str, skill: str) -> None:
    """Declare a skill for a person (source: self)."""
    services(ctx).insights.add_claim(reference, skill)
    click.echo(f"claim added: {skill}")


@claims.command(name="confirm")
@click.option("--person", "reference", required=True)
@click.option("--skill", required=True)
@click.option("--by", help="The peer who confirms (default: the person themself).")
@click.pass_context
@handle_errors
def confirm_claim(ctx: click.Context, reference: str, skill: str, by: str | None) -> None:
    """Confirm a skill; an evidenced skill then shows as confirmed."""
    services(ctx).insights.confirm_claim(reference, skill, by)
    click.echo(f"confirmed: {skill}")


@click.command()
@click.argument("topic")
@json_option
@click.pass_context
@handle_errors
def hidden(ctx: click.Context, topic: str, as_json: bool) -> None:
    """Hidden experts on TOPIC: strong evidence, weak recognition, with the figures."""
    data = services(ctx).insights.hidden_experts(topic)
    if as_json:
        print_json(data)
        return
    rows = data.hidden_experts
    if not rows:
        click.echo(f"no hidden experts on {topic!r}: its evidenced holders are recognised")
    for row in rows:
        click.echo(f"{row.why}")
        for item in row.top_evidence:
            click.echo(f"    [{item.kind}] {item.title}  {item.url or ''}")


@click.command()
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
    click.echo(f"{data.topic}: {data.items} items")
    click.echo(
        f"  half of the evidence is held by {data.bus_factor} people"
        f" ({', '.join(data.half_of_the_evidence)}), {data.of_whom_active} active"
    )
    click.echo("  holders:")
    for row in data.holders:
        state = "active" if row.active else ("left" if row.left else "inactive")
        click.echo(
            f"    {row.name}{_role(row)}  {row.share:.0%} of the evidence,"
            f" last {row.last} ({state})"
        )
    for key, shares in (("departments", data.departments), ("locations", data.locations)):
        spread = ", ".join(f"{k} {v:.0%}" for k, v in shares.items())
        click.echo(f"  {key}: {spread}")


@click.command()
@json_option
@click.pass_context
@handle_errors
def gaps(ctx: click.Context, as_json: bool) -> None:
    """Topics in demand with no or few active experts, or held by outsiders."""
    rows = services(ctx).insights.gaps()
    if as_json:
        print_json(rows)
        return
    if not rows:
        click.echo("no coverage gaps: every topic in demand has active internal holders")
    for row in rows:
        click.echo(f"{row.topic:<30} {row.reason}; {row.unanswered} unanswered")


@click.command()
@json_option
@click.pass_context
@handle_errors
def network(ctx: click.Context, as_json: bool) -> None:
    """Network roles: hubs, brokers, peripheral experts, bridges between departments."""
    data = services(ctx).insights.network()
    if as_json:
        print_json(data)
        return
    click.echo(f"{data.people} people, {data.links} links")
    click.echo("hubs (most interaction): " + ", ".join(h.name for h in data.hubs))
    click.echo("brokers (between groups): " + ", ".join(b.name for b in data.brokers))
    peripheral = data.peripheral_experts
    click.echo(
        "peripheral experts (knowledge, few links): "
        + (", ".join(p.name for p in peripheral) or "none")
    )
    for link in data.department_links:
        a, b = link.departments
        click.echo(f"  {a} <-> {b}: {link.weight}")
    bridges = ", ".join(b.name for b in data.bridges)
    click.echo("bridges: " + (bridges or "none (the directory has no departments)"))


COMMANDS = (person, claims, hidden, topic, gaps, network)
