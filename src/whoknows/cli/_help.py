"""`--help` in the user's language: click commands whose help is translated when it is shown.

Help texts are written in English where click reads them: a command's docstring (the
catalogue extracts the docstrings of functions decorated with ``command``/``group``, see
whoknows.i18n.catalogues) and ``help=N_("...")`` for options. :class:`Command` and
:class:`Group` pass them through the translator of the language the messages use (--lang,
else WHOKNOWS_LANG) when click formats the help; click's own words (Usage, default,
required, its errors and prompts) follow the same language through
:mod:`whoknows.cli._click_messages`, which :meth:`HelpInLanguage.main` sets up before click
reads the command line. Use :func:`command` and :func:`group` instead of click's decorators;
a group's subcommands get these classes by themselves.
"""

from __future__ import annotations

import copy
import inspect
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

import click

from whoknows.cli._click_messages import click_gettext, command_language, speaking, spoken
from whoknows.cli._common import translation
from whoknows.errors import WhoknowsError
from whoknows.i18n import N_, Translator, translator

# the headings of a help page, with the language's punctuation before the colon ("Options :")
OPTIONS = N_("Options:")
COMMANDS = N_("Commands:")
SCOPED = N_("%(scope)s: %(help)s")  # the connectors that read an option, then its help
NOT_UTF8 = N_("%(argument)s holds bytes that are not UTF-8: type it as UTF-8 text")
_NOT_UTF8 = re.compile("[\ud800-\udfff]")


def language(ctx: click.Context | None) -> Translator:
    """The translator of the help: the language of the running command line, else the
    context's (--lang, else the setting), English without a command line (the generated
    reference) or when the settings cannot be read."""
    running = spoken()
    if running is not None:
        return running
    if ctx is None:
        return translator(None)
    try:
        return translation(ctx)
    except WhoknowsError:
        return translator(None)


def said(t: Translator, text: str | None) -> str | None:
    """A help text in the language of ``t`` (click reads docstrings as they are indented)."""
    return t.gettext(inspect.cleandoc(text)) if text else text


class ScopedOption(click.Option):
    """An option whose help names who reads it ("git, mbox: ..."), each reader's help in turn
    where connectors declare the same option each their own way ("people: …; jira: …"): only
    the helps themselves are translated."""

    def __init__(self, *args: Any, scopes: list[tuple[str, str]], **attrs: Any) -> None:
        super().__init__(*args, **attrs)
        self.scopes = scopes
        self.help = " ".join(f"{scope}: {text}" if scope else text for scope, text in scopes)

    def help_in(self, t: Translator) -> str:
        return " ".join(
            t.gettext(SCOPED) % {"scope": scope, "help": t.gettext(text)}
            if scope
            else t.gettext(text)
            for scope, text in self.scopes
        )


@contextmanager
def section(formatter: click.HelpFormatter, heading: str) -> Iterator[None]:
    """``formatter.section`` with the heading's punctuation the language's ("Options :")."""
    formatter.write_paragraph()
    formatter.write(f"{'':>{formatter.current_indent}}{heading}\n")
    formatter.indent()
    try:
        yield
    finally:
        formatter.dedent()


def option_record(param: click.Parameter, ctx: click.Context, t: Translator) -> Any:
    """``(--name TYPE, help)`` of an option, its help in the language of ``t``."""
    shown = copy.copy(param)
    if isinstance(param, ScopedOption):
        shown.help = param.help_in(t)
    elif getattr(param, "help", None):
        shown.help = said(t, param.help)
    return shown.get_help_record(ctx)


class PromptOption(click.Option):
    """An option that prompts in the user's language (its ``prompt`` marked with ``N_``)."""

    def prompt_for_value(self, ctx: click.Context) -> Any:
        shown = copy.copy(self)
        shown.prompt = said(language(ctx), self.prompt)
        return click.Option.prompt_for_value(shown, ctx)


class OneLineUsageError(click.UsageError):
    """Click's usage error said on one line, as every whoknows error is ("error: No such
    option '--bogus'. Try 'whoknows ask --help' for help."): click writes the usage, the hint
    and the error on three, and the one that says what went wrong comes last. ``command``: the
    command line's command, for an error click raised without a context."""

    def __init__(self, error: click.UsageError, command: str | None) -> None:
        super().__init__(error.format_message(), error.ctx)
        self.command = error.ctx.command_path if error.ctx is not None else command

    def show(self, file: Any = None) -> None:
        message = self.format_message().rstrip()
        if self.command:
            if not message.endswith((".", "?", "!", "»")):
                message += "."
            hint = click_gettext("Try '{command} {option}' for help.")
            message = f"{message} {hint.format(command=self.command, option='--help')}"
        t = language(self.ctx)
        click.echo(t.gettext("error: %(message)s") % {"message": message}, err=True)


@contextmanager
def one_line_usage(command: str | None) -> Iterator[None]:
    """Click's usage errors raised in the block are said on one line (``command``: the
    command line's command, for the hint)."""
    try:
        yield
    except (OneLineUsageError, click.exceptions.NoArgsIsHelpError):
        raise  # (a group asked alone shows its help)
    except click.UsageError as error:
        raise OneLineUsageError(error, command) from error


class HelpInLanguage(click.Command):
    """A command whose help page, and click's messages, are in the user's language."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        named = info_name or self.name or ""
        with one_line_usage(f"{parent.command_path} {named}" if parent else named):
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with one_line_usage(ctx.command_path):
            return super().invoke(ctx)

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        """Click's ``main``, its errors, prompts and "Aborted!" in the language the command
        line asks for."""
        given = sys.argv[1:] if args is None else args
        with speaking(command_language(self, given)):
            return super().main(args, *rest, **extra)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Click's ``parse_args``, refusing an argument that holds bytes that are not UTF-8
        (Python passes them on as lone surrogates, which no text or file name whoknows
        writes can hold): one line on stderr, as a usage error (exit 2)."""
        for argument in args:
            if _NOT_UTF8.search(argument):
                readable = argument.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                t = language(ctx)
                message = t.gettext(NOT_UTF8) % {"argument": repr(readable)}
                click.echo(t.gettext("error: %(message)s") % {"message": message}, err=True)
                ctx.exit(2)
        return super().parse_args(ctx, args)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # click makes the --help option once and keeps it: in English, as every help text is
        # written, and translated when the help is shown
        with speaking(translator(None)):
            return super().get_help_option(ctx)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with speaking(language(ctx)):  # click's own words: Usage, default, required...
            super().format_help(ctx, formatter)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        shown = copy.copy(self)
        shown.help = said(language(ctx), self.help)
        click.Command.format_help_text(shown, ctx, formatter)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        t = language(ctx)
        records = [
            option_record(param, ctx, t)
            for param in self.get_params(ctx)
            if not isinstance(param, click.Argument)
        ]
        found = [record for record in records if record is not None]
        if found:
            with section(formatter, t.gettext(OPTIONS)):
                formatter.write_dl(found)


class Command(HelpInLanguage):
    """A whoknows command (see the module)."""


class Group(HelpInLanguage, click.Group):
    """A whoknows command group: its subcommands are :class:`Command` and :class:`Group`."""

    command_class = Command
    group_class = type

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        HelpInLanguage.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        t = language(ctx)
        commands = [
            (name, command)
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        rows = []
        for name, command in commands:
            shown = copy.copy(command)
            shown.help, shown.short_help = said(t, command.help), said(t, command.short_help)
            rows.append((name, shown.get_short_help_str(limit)))
        with section(formatter, t.gettext(COMMANDS)):
            formatter.write_dl(rows)


def command(name: str | None = None, **attrs: Any) -> Callable[[Callable[..., Any]], Command]:
    """``click.command`` with its help in the user's language."""
    return cast(
        "Callable[[Callable[..., Any]], Command]", click.command(name, cls=Command, **attrs)
    )


def group(
    name: str | None = None, cls: type[Group] = Group, **attrs: Any
) -> Callable[[Callable[..., Any]], Group]:
    """``click.group`` with its help, and its subcommands', in the user's language."""
    return cast("Callable[[Callable[..., Any]], Group]", click.group(name, cls=cls, **attrs))
