"""The web app, the demo, and web accounts."""

from __future__ import annotations

import os
from pathlib import Path

import click

from whoknows.cli._click_messages import PathType
from whoknows.cli._common import confirm, handle_errors, say, services, translation
from whoknows.cli._help import PromptOption, command, group
from whoknows.i18n import N_
from whoknows.vocab import UserRole


@command()
@click.option(
    "--out",
    type=PathType(file_okay=False, path_type=Path),
    help=N_("Where to write the sample organization's files (default: inside the workspace)."),
)
@click.pass_context
@handle_errors
def demo(ctx: click.Context, out: Path | None) -> None:
    """Build a workspace from the built-in sample organization and show example answers."""
    from whoknows.demo import run_demo

    run_demo(services(ctx), out, echo=click.echo, language=translation(ctx))


@command()
@click.option("--host", default="127.0.0.1", show_default=True, help=N_("Address to listen on."))
@click.option("--port", default=8000, show_default=True, type=int, help=N_("Port to listen on."))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help=N_(
        "Worker processes: they read the workspace side by side, write one at a time, "
        "and each background job runs in one of them."
    ),
)
@click.option(
    "--insecure-cookies",
    is_flag=True,
    help=N_(
        "Send the session cookie over plain HTTP too (development without TLS "
        "on a non-local address)."
    ),
)
@click.pass_context
@handle_errors
def serve(ctx: click.Context, host: str, port: int, workers: int, insecure_cookies: bool) -> None:
    """Start the web app on the workspace (Ctrl-C to stop)."""
    import uvicorn

    from whoknows.web.app import create_app, proxy_options
    from whoknows.web.security import secret_key
    from whoknows.web.worker import one_native_thread_per_request, prepare

    one_native_thread_per_request()  # before the workers start: they inherit the variables
    opened = services(ctx)
    secret_key(opened.settings)  # one signing key for every worker, made before they start
    proxy = proxy_options(opened.settings)
    say(
        N_("whoknows on %(url)s (%(workers)s worker(s); Ctrl-C to stop)"),
        url=f"http://{host}:{port}/",
        workers=workers,
    )
    if workers == 1:
        prepare(opened)
        app = create_app(opened, cookie_secure=False if insecure_cookies else None)
        uvicorn.run(app, host=host, port=port, log_level="warning", **proxy)  # type: ignore[arg-type]
        return
    opened.workspace.evidence()  # build stale indexes once here; the workers only load them
    opened.close()
    os.environ["WHOKNOWS_WORKSPACE"] = str(opened.settings.workspace)
    if insecure_cookies:
        os.environ["WHOKNOWS_COOKIE_SECURE"] = "false"
    uvicorn.run(
        "whoknows.web.worker:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        **proxy,  # type: ignore[arg-type]
    )


@group()
def users() -> None:
    """Accounts of the web app."""


@users.command(name="add")
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice([r.value for r in UserRole]),
    required=True,
    help=N_("What the account may do."),
)
@click.option("--person", help=N_("The person a 'self' account belongs to."))
@click.password_option(
    envvar="WHOKNOWS_PASSWORD",
    help=N_("The password (prompted; or $WHOKNOWS_PASSWORD)."),
    prompt=N_("Password"),
    cls=PromptOption,
)
@click.pass_context
@handle_errors
def add_user(
    ctx: click.Context, username: str, role: str, person: str | None, password: str
) -> None:
    """Create a web account."""
    user = services(ctx).accounts.create(username, password, role, person)
    say(N_("user %(user)s (%(role)s) created"), user=user.username, role=user.role)


@users.command(name="list")
@click.pass_context
@handle_errors
def list_users(ctx: click.Context) -> None:
    """List web accounts (disabled ones marked)."""
    for account in services(ctx).accounts.all_accounts():
        user = account.user
        t = translation(ctx)
        linked = " -> " + t.gettext("person") + f" {user.person_id}" if user.person_id else ""
        state = " (" + t.gettext("disabled") + ")" if account.disabled else ""
        click.echo(f"{user.username:<20} {user.role}{linked}{state}")


@users.command(name="disable")
@click.argument("username")
@click.pass_context
@handle_errors
def disable_user(ctx: click.Context, username: str) -> None:
    """Disable an account: it cannot log in and its sessions end at once."""
    services(ctx).accounts.disable(username)
    say(N_("user %(user)s disabled; its sessions ended"), user=username)


@users.command(name="enable")
@click.argument("username")
@click.pass_context
@handle_errors
def enable_user(ctx: click.Context, username: str) -> None:
    """Enable a disabled account again."""
    services(ctx).accounts.enable(username)
    say(N_("user %(user)s enabled"), user=username)


@users.command(name="delete")
@click.argument("username")
@click.option("--yes", is_flag=True, help=N_("Do not ask for confirmation."))
@click.pass_context
@handle_errors
def delete_user(ctx: click.Context, username: str, yes: bool) -> None:
    """Delete an account (its comments stay, under the name they were posted with)."""
    if not yes:
        question = translation(ctx).gettext("Delete the account %(user)s?")
        confirm(question % {"user": username})
    services(ctx).accounts.delete(username)
    say(N_("user %(user)s deleted; its sessions ended"), user=username)


@users.command(name="reset-password")
@click.argument("username")
@click.password_option(
    envvar="WHOKNOWS_PASSWORD",
    help=N_("The new password (prompted; or $WHOKNOWS_PASSWORD)."),
    prompt=N_("New password"),
    cls=PromptOption,
)
@click.pass_context
@handle_errors
def reset_password(ctx: click.Context, username: str, password: str) -> None:
    """Set a new password for an account; its sessions end at once."""
    services(ctx).accounts.reset_password(username, password)
    say(N_("password of %(user)s reset; its sessions ended"), user=username)


COMMANDS = (demo, serve, users)
