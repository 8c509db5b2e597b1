"""Shared CLI plumbing: the service from the global options, error mapping, output helpers."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from whoknows.errors import UsageError, WhoknowsError
from whoknows.progress import SilentProgress, StreamProgress
from whoknows.service import Whoknows
from whoknows.settings import load_settings

F = TypeVar("F", bound=Callable[..., Any])


def make_service(ctx: click.Context) -> Whoknows:
    options = ctx.find_root().params
    settings = load_settings(workspace=options.get("workspace"))
    quiet = options.get("quiet") or not settings.progress
    progress = SilentProgress() if quiet else StreamProgress()
    service = Whoknows(settings, progress)
    ctx.call_on_close(service.close)
    return service


def handle_errors(function: F) -> F:
    """Turn domain errors into one line on stderr and a non-zero exit."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except UsageError as error:
            click.echo(f"error: {error.one_line()}", err=True)
            sys.exit(2)
        except WhoknowsError as error:
            click.echo(f"error: {error.one_line()}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted: nothing was changed by the unfinished command", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def json_option(function: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")(
        function
    )


def print_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
