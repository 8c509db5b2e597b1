"""`whoknows people route` (consent to routed questions) and `whoknows chat` (the outbox)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from whoknows.cli._common import handle_errors, json_option, print_json, say, services
from whoknows.cli._help import command, group
from whoknows.i18n import N_
from whoknows.vocab import Consent

if TYPE_CHECKING:  # types only: the services load when a command runs
    from whoknows.services.routing import RoutingService


def _routing(ctx: click.Context) -> RoutingService:
    return services(ctx).routing


@command(name="route")
@click.argument("person")
@click.option(
    "--consent",
    type=click.Choice([Consent.YES.value, Consent.NO.value]),
    required=True,
    help=N_("Whether PERSON agrees to receive questions that match their work."),
)
@click.pass_context
@handle_errors
def route(ctx: click.Context, person: str, consent: str) -> None:
    """Record whether PERSON agrees to receive routed questions (their own choice)."""
    person_id = _routing(ctx).set_consent(person, Consent(consent))
    if consent == Consent.YES:
        say(N_("person %(id)s may receive routed questions"), id=person_id)
    else:
        say(N_("person %(id)s receives no routed questions"), id=person_id)


@group()
def chat() -> None:
    """Questions routed from Slack and Teams: the log and the outbox."""


@chat.command(name="outbox")
@click.option(
    "--status",
    type=click.Choice(["queued", "delivered", "failed"]),
    help=N_("Only messages with this status."),
)
@json_option
@click.pass_context
@handle_errors
def outbox(ctx: click.Context, status: str | None, as_json: bool) -> None:
    """Routed questions, newest first: when, to whom, from where, and whether delivered."""
    rows = _routing(ctx).outbox(status)
    if as_json:
        print_json(rows)
        return
    for row in rows:
        click.echo(f"#{row.id:<5} {row.at}  {row.status:<9} {row.channel:<6} {row.name}")
        click.echo(f"       {row.question}")


@chat.command(name="deliver")
@click.option(
    "--service-url",
    default="",
    help=N_("The Bot Connector service URL for Teams delivery (from a Teams activity)."),
)
@click.pass_context
@handle_errors
def deliver(ctx: click.Context, service_url: str) -> None:
    """Send queued messages with the notifier the routing_notifier setting names."""
    from whoknows.chat.notify import notifier_for

    opened = services(ctx)
    routing = opened.routing
    notifier = notifier_for(opened.settings, service_url)
    delivered = routing.deliver(notifier)
    left = len(routing.outbox("queued"))
    say(
        N_("delivered %(count)s with %(notifier)s; %(left)s still queued"),
        count=delivered,
        notifier=notifier.name,
        left=left,
    )


COMMANDS = (chat,)
