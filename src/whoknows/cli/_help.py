"""`--help` in the user's language: click commands whose help is translated when it is shown.

Help texts are written in English where click reads them: a command's docstring (the
catalogue extracts the docstrings of functions decorated with ``command``/``group``, see
whoknows.i18n.catalogues) and ``help=N_("...")`` for options. :class:`Command` and
:class:`Group` pass them through the translator of the language the messages use (--lang,
else WHOKNOWS_LANG) when click formats the help, together with the few words click writes
itself (Usage, Options, Commands, default, required). Use :func:`command` and :func:`group`
instead of click's decorators; a group's subcommands get these classes by themselves.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

import click

from whoknows.cli._common import translation
from whoknows.errors import WhoknowsError
from whoknows.i18n import N_, Translator, translator

# the words click writes in a help page, in whoknows's catalogue (click's own gettext domain
# has no catalogue here)
USAGE = N_("Usage:")
OPTIONS = N_("Options:")
COMMANDS = N_("Commands:")
SCOPED = N_("%(scope)s: %(help)s")  # the connectors that read an option, then its help
CLICK_HELP = (N_("Show this message and exit."), N_("Show the version and exit."))
EXTRAS = {
    "default": N_("default: %(value)s"),
    "env var": N_("env var: %(value)s"),
    "required": N_("required"),
}


def language(ctx: click.Context | None) -> Translator:
    """The translator of the help: the user's language, English without a command line
    (the generated reference) or when the settings cannot be read."""
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
    """An option whose help names who reads it ("git, mbox: ..."): only the help itself is
    translated."""

    def __init__(self, *args: Any, scope: str = "", **attrs: Any) -> None:
        super().__init__(*args, **attrs)
        self.scope = scope
        self.text = self.help or ""
        if scope:
            self.help = f"{scope}: {self.text}"

    def help_in(self, t: Translator) -> str:
        if not self.scope:
            return t.gettext(self.text)
        return t.gettext(SCOPED) % {"scope": self.scope, "help": t.gettext(self.text)}


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


def _extras(text: str, t: Translator) -> str:
    """Click's ``[default: 50; required]`` after an option's help, in the user's words."""
    if not text.endswith("]"):
        return text
    head, sep, tail = text.rpartition("  [")
    if not sep:
        if not text.startswith("["):
            return text
        head, tail = "", text[1:]
    items = []
    for item in tail[:-1].split("; "):
        key, colon, value = item.partition(": ")
        if item == "required" or (colon and key in EXTRAS):
            template = EXTRAS[item if item == "required" else key]
            items.append(t.gettext(template) % {"value": value} if colon else t.gettext(template))
        else:
            items.append(item)
    extra = "[" + "; ".join(items) + "]"
    return f"{head}  {extra}" if head else extra


def option_record(param: click.Parameter, ctx: click.Context, t: Translator) -> Any:
    """``(--name TYPE, help)`` of an option, its help in the language of ``t``."""
    shown = copy.copy(param)
    if isinstance(param, ScopedOption):
        shown.help = param.help_in(t)
    elif getattr(param, "help", None):
        shown.help = said(t, param.help)
    record = shown.get_help_record(ctx)
    return None if record is None else (record[0], _extras(record[1], t))


class HelpInLanguage(click.Command):
    """A command whose help page is in the user's language."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        prefix = language(ctx).gettext(USAGE) + " "
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=prefix)

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


def group(name: str | None = None, **attrs: Any) -> Callable[[Callable[..., Any]], Group]:
    """``click.group`` with its help, and its subcommands', in the user's language."""
    return cast("Callable[[Callable[..., Any]], Group]", click.group(name, cls=Group, **attrs))
