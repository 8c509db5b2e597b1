"""`whoknows people`: list people, show one, and override identity resolution."""

from __future__ import annotations

import click

from whoknows.cli._common import (
    confirm,
    handle_errors,
    json_option,
    print_json,
    say,
    services,
    translation,
)
from whoknows.cli._help import group
from whoknows.cli.chat import route
from whoknows.i18n import N_
from whoknows.identity.reasons import MERGE_ACTIONS, merge_reason
from whoknows.vocab import ROLE_WORDS


@group()
def people() -> None:
    """People and their aliases; merge and split overrides."""


@people.command(name="list")
@click.option("--search", help=N_("Only people whose name contains this."))
@click.option(
    "--limit", type=int, default=50, show_default=True, help=N_("How many people to list.")
)
@json_option
@click.pass_context
@handle_errors
def list_people(ctx: click.Context, search: str | None, limit: int, as_json: bool) -> None:
    """List people in alphabetical order (never ranked by volume)."""
    rows = services(ctx).people.list_people(search, limit)
    if as_json:
        print_json(rows)
        return
    for row in rows:
        role = ", ".join(filter(None, [row.title, row.department]))
        bot = "  [" + translation(ctx).gettext("bot") + "]" if row.is_bot else ""
        click.echo(f"{row.id:>6}  {row.display_name}{bot}" + (f" — {role}" if role else ""))


@people.command(name="suggest")
@json_option
@click.pass_context
@handle_errors
def suggest(ctx: click.Context, as_json: bool) -> None:
    """People outside the directory whose login spells one entry's name ("mdubois-aqualis"
    for Marc Dubois): likely the same person, never merged until you say so."""
    rows = services(ctx).people.likely_same()
    if as_json:
        print_json(rows)
        return
    t = translation(ctx)
    if not rows:
        click.echo(t.gettext("no one outside the directory has a login spelling an entry's name"))
    for row in rows:
        click.echo(
            t.ngettext(
                "%(name)s (%(items)s item) may be %(entry)s: %(command)s",
                "%(name)s (%(items)s items) may be %(entry)s: %(command)s",
                row.items,
            )
            % {
                "name": row.name,
                "items": t.format_number(row.items),
                "entry": row.entry_name,
                "command": f"whoknows people merge {row.entry_id} {row.person_id}",
            }
        )


@people.command(name="show")
@click.argument("person")
@json_option
@click.pass_context
@handle_errors
def show(ctx: click.Context, person: str, as_json: bool) -> None:
    """PERSON's directory entry (an id, connector:native-id or a full name), aliases (emails
    masked), roles and merge history."""
    opened = services(ctx)
    found = opened.people.resolve(person)
    data = opened.people.show(found)
    opened.privacy.record_cli_view(found, "cli")  # (before it is shown)
    if as_json:
        print_json(data)
        return
    t = translation(ctx)
    click.echo(f"{data.id}: {data.display_name}")
    for key, value in (
        (N_("title"), data.title),
        (N_("department"), data.department),
        (N_("location"), data.location),
        (N_("manager"), data.manager),
    ):
        if value:
            click.echo("  " + t.labelled(key, value))
    click.echo("  " + t.gettext("aliases:"))
    for alias in data.aliases:
        click.echo(f"    #{alias.id:<6} {alias.kind:<10} {alias.source:<14} {alias.value}")
    if data.roles:
        roles = ", ".join(
            f"{t.gettext(ROLE_WORDS.get(k, k))} {t.format_number(v)}" for k, v in data.roles.items()
        )
        click.echo("  " + t.gettext("contributions: %(roles)s") % {"roles": roles})
    if data.claims:
        skills = t.format_list(list(data.claims))
        click.echo("  " + t.gettext("declared skills: %(skills)s") % {"skills": skills})
    for merge in data.merges:
        action = t.gettext(MERGE_ACTIONS.get(merge.action, merge.action))
        click.echo(f"  {merge.at} " + t.labelled(action, merge_reason(t, merge.reason or "")))


@people.command()
@click.argument("keep_person")
@click.argument("other_person")
@click.option("--yes", is_flag=True, help=N_("Do not ask for confirmation."))
@click.pass_context
@handle_errors
def merge(ctx: click.Context, keep_person: str, other_person: str, yes: bool) -> None:
    """Merge OTHER_PERSON into KEEP_PERSON (ids or full names; logged; survives later
    ingests)."""
    people_service = services(ctx).people
    keep, other = people_service.resolve(keep_person), people_service.resolve(other_person)
    t = translation(ctx)
    named = {
        "keep": f"{people_service.show(keep).display_name} ({keep})",  # (whom each name named)
        "other": f"{people_service.show(other).display_name} ({other})",
    }
    if not yes and keep != other:  # (a person merged with themselves is an error, unasked)
        confirm(t.gettext("Merge %(other)s into %(keep)s?") % named)
    result = people_service.merge(keep, other)
    aliases = t.ngettext("%(count)s alias", "%(count)s aliases", result.aliases_moved)
    contributions = t.ngettext(
        "%(count)s contribution", "%(count)s contributions", result.contributions_moved
    )
    click.echo(
        t.gettext("merged %(other)s into %(keep)s: %(aliases)s and %(contributions)s moved")
        % {
            **named,
            "aliases": aliases % {"count": t.format_number(result.aliases_moved)},
            "contributions": contributions % {"count": t.format_number(result.contributions_moved)},
        }
    )


@people.command()
@click.argument("person")
@click.argument("alias_id", type=int)
@click.pass_context
@handle_errors
def split(ctx: click.Context, person: str, alias_id: int) -> None:
    """Split alias ALIAS_ID (and what it contributed) off PERSON (an id or a full name) into a
    new person."""
    people_service = services(ctx).people
    new_id = people_service.split(people_service.resolve(person), alias_id)
    say(N_("alias %(alias)s is now person %(person)s"), alias=alias_id, person=new_id)


@people.command(name="opt-out")
@click.argument("person")
@click.option("--inference", is_flag=True, help=N_("No expertise is inferred for them."))
@click.option("--visibility", is_flag=True, help=N_("They appear in no list or insight."))
@click.pass_context
@handle_errors
def opt_out(ctx: click.Context, person: str, inference: bool, visibility: bool) -> None:
    """Record that PERSON opts out of inference and/or visibility (both when neither given)."""
    if not inference and not visibility:
        inference = visibility = True
    opened = services(ctx)
    found = opened.people.resolve(person)
    likely = opened.people.likely_same(of_entry=found)  # (before: an opt-out hides them)
    gone = opened.privacy.opt_out(str(found), inference, visibility)
    chosen = " and ".join(
        n for n, on in (("inference", inference), ("visibility", visibility)) if on
    )
    opened.privacy.record_change(None, "opt out", found, f"cli: {chosen}")
    if inference and visibility:
        said = N_("opted out of inference and visibility")
    elif inference:
        said = N_("opted out of inference")
    else:
        said = N_("opted out of visibility")
    named = f"{opened.people.show(found).display_name} ({found})"  # (whom the name named)
    t = translation(ctx)
    click.echo(t.labelled(named, t.gettext(said), translate=False))
    print_reports(gone.deleted, gone.left, gone.changed)
    for same in likely:
        say(
            N_(
                "not opted out, a login likely theirs (people suggest): %(name)s (%(id)s); if it"
                " is theirs, merge it into them (it then shares their opt-out): %(command)s"
            ),
            name=same.name,
            id=same.person_id,
            command=f"whoknows people merge {found} {same.person_id}",
        )


@people.command(name="hide-topic")
@click.argument("person")
@click.argument("topic")
@click.pass_context
@handle_errors
def hide_topic(ctx: click.Context, person: str, topic: str) -> None:
    """Hide TOPIC from PERSON's profile (their choice)."""
    opened = services(ctx)
    opened.insights.hide_topic(person, topic)
    # (in the audit log, as an admin's change on the web is; the topic is not named there)
    opened.privacy.record_change(None, "hide topic", opened.people.resolve(person), "cli")
    say(N_("topic hidden from others: %(topic)s"), topic=topic)


@people.command()
@click.argument("person")
@click.option("--yes", is_flag=True, help=N_("Do not ask for confirmation."))
@click.pass_context
@handle_errors
def erase(ctx: click.Context, person: str, yes: bool) -> None:
    """Erase every trace of PERSON: contributions, aliases, comments, index entries."""
    t = translation(ctx)
    opened = services(ctx)
    found = opened.people.resolve(person)  # an unknown person is an error before any question
    if not yes:
        question = t.gettext("Erase every trace of %(person)s? This cannot be undone")
        named = f"{opened.people.show(found).display_name} ({found})"  # (whom it named)
        confirm(question % {"person": named})
    result = opened.privacy.erasure(str(found))
    counts = ", ".join(f"{k} {t.format_number(v)}" for k, v in result.counts.items())
    click.echo(t.gettext("erased: %(counts)s") % {"counts": counts})
    print_reports(result.reports_deleted, result.reports_left, result.reports_changed)
    for person_id, name in result.namesakes:
        say(
            N_(
                "not erased, under the same name or initials: %(name)s (%(id)s); if this is"
                " them under another id, erase it too"
            ),
            name=name,
            id=person_id,
        )
    for person_id, name in result.likely_theirs:
        say(
            N_(
                "not erased, a login likely theirs (people suggest): %(name)s (%(id)s); if it is"
                " theirs, erase it too: %(command)s"
            ),
            name=name,
            id=person_id,
            command=f"whoknows people erase {person_id}",
        )


def print_reports(deleted: list[str], left: list[str], changed: list[str]) -> None:
    """What became of the reports that named the person (their paths printed one a line
    whatever their folders' names hold: :func:`shown_path`)."""
    from whoknows.privacy.report_manifest import shown_path

    for path in deleted:
        say(
            N_("deleted report (it mentioned them; generate it again): %(path)s"),
            path=shown_path(path),
        )
    for path in left:
        say(
            N_(
                "warning: a report whoknows wrote names them and could not be deleted;"
                " delete it by hand: %(path)s"
            ),
            err=True,
            path=shown_path(path),
        )
    for path in changed:
        say(
            N_(
                "warning: a file names them but is not a report as whoknows wrote it (changed"
                " since, or not written by whoknows), so it was not deleted; delete or edit it"
                " by hand: %(path)s"
            ),
            err=True,
            path=shown_path(path),
        )


people.add_command(route)  # `whoknows people route PERSON --consent yes|no`
COMMANDS = (people,)
