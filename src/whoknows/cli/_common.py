"""Shared CLI plumbing: the service from the global options, error mapping, output helpers."""

from __future__ import annotations

import dataclasses
import functools
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from whoknows.errors import UsageError, WhoknowsError
from whoknows.i18n import N_, Translator, translator
from whoknows.progress import SilentProgress, StreamProgress
from whoknows.settings import load_settings

if TYPE_CHECKING:  # the services load when a command runs, not when the CLI starts
    from whoknows.index.bridge import Bridge
    from whoknows.services import Services

F = TypeVar("F", bound=Callable[..., Any])


def services(ctx: click.Context, asking: bool = False) -> Services:
    """The services of the workspace named by the global options, closed with the command
    (``asking``: a command that asks the indexes, whose embedder starts loading now)."""
    options = ctx.find_root().params
    settings = load_settings(workspace=options.get("workspace"))
    quiet = options.get("quiet") or not settings.progress
    progress = SilentProgress() if quiet else StreamProgress()
    if asking and settings.dense:
        from whoknows.index.embedders import load_in_background

        load_in_background(settings.embedder, settings.model_cache)
    from whoknows.services import open_services

    opened = open_services(settings, progress)
    ctx.call_on_close(opened.close)
    return opened


def translation(ctx: click.Context | None = None, lang: str | None = None) -> Translator:
    """The language of the messages: ``lang``, else the global --lang, else the `lang`
    setting (WHOKNOWS_LANG), else English. Machine-readable output (--json) stays as it is."""
    ctx = ctx or click.get_current_context(silent=True)
    if lang is None and ctx is not None:
        options = ctx.find_root().params
        lang = options.get("lang") or load_settings(workspace=options.get("workspace")).lang
    return translator(lang or load_settings().lang)


def print_bridges(bridges: list[Bridge]) -> None:
    """ "also searched: backup for sauvegarde", when a word was bridged."""
    if bridges:
        t = translation()
        pairs = [t.gettext("%(to)s for %(word)s") % {"to": b.to, "word": b.word} for b in bridges]
        click.echo(t.gettext("also searched: %(words)s") % {"words": t.format_list(pairs)})


def say(message: str, err: bool = False, **values: object) -> None:
    """Echo a message of the catalogue (mark it with ``_``/``N_`` where it is written) in the
    user's language, its ``%(name)s`` placeholders filled with ``values``."""
    text = translation().gettext(message)
    click.echo(text % values if values else text, err=err)


def confirm(question: str) -> None:
    """``click.confirm(question, abort=True)`` in the user's language: "[o/N]" in French, where
    o and oui say yes (y and yes too, in every language); no answer, or no, aborts."""
    t = translation()
    # Translators: the short and the long answers that say yes, then no (o, oui; n, non)
    yes = {"y", "yes", t.pgettext("answer", "y"), t.pgettext("answer", "yes")}
    no = {"", "n", "no", t.pgettext("answer", "n"), t.pgettext("answer", "no")}
    # Translators: the letters in brackets are the short answers, no the default one
    asked = t.gettext("%(question)s [y/N]: ") % {"question": question}
    while True:
        answer = click.prompt(asked, default="", show_default=False, prompt_suffix="")
        word = answer.strip().lower()
        if word in yes:
            return
        if word in no:
            raise click.Abort()
        click.echo(t.gettext("Error: invalid input"))  # click's message, as click.confirm says it


def handle_errors(function: F) -> F:
    """Turn domain errors into one line on stderr, in the user's language, and a non-zero
    exit."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except WhoknowsError as error:
            t = translation()
            message = t.gettext("error: %(message)s") % {"message": error.one_line(t)}
            click.echo(message, err=True)
            sys.exit(2 if isinstance(error, UsageError) else 1)
        except KeyboardInterrupt:
            say(N_("interrupted: nothing was changed by the unfinished command"), err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def json_option(function: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help=N_("Print JSON for machines."))(
        function
    )


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return str(value)


def print_json(data: object) -> None:
    """Data (dataclasses included) as indented JSON on standard output."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=_plain))
