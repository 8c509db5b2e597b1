"""Entry point: the `whoknows` group and every command module registered on it."""

from __future__ import annotations

import difflib
import importlib
import sys
from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import click

from whoknows import __version__
from whoknows.cli._click_messages import PathType, click_ngettext
from whoknows.cli._help import Group, group
from whoknows.discovery import module_names
from whoknows.i18n import LANGUAGES, N_

Options = dict[str, click.Parameter]  # (by name: "--workspace", "-q")


class CommandModules(Group):
    """The commands every module of this package registers in its ``COMMANDS`` (a new module
    needs no edit here), each module imported when one of its commands is asked for:
    ``whoknows ask`` loads no connector, report or web code (a fifth of a cold query)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._unread = module_names("whoknows.cli", skip={"main"})

    def _read_until(self, name: str | None) -> None:
        """Import the command modules, in name order, until one registers ``name`` (every
        one when None)."""
        while self._unread and (name is None or name not in self.commands):
            module = importlib.import_module(f"whoknows.cli.{self._unread.pop(0)}")
            for command in getattr(module, "COMMANDS", ()):
                self.add_command(command)

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        """Click's ``main``, the global options given after the command's name read as if
        given before it (``whoknows ask kafka --workspace DIR``), unless the command has an
        option of that name (``report --lang``): so that its errors speak the ``--lang`` given
        anywhere."""
        given = list(sys.argv[1:] if args is None else args)
        return super().main(self._hoisted(given, strict=False), *rest, **extra)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, self._hoisted(args, strict=True))

    def _hoisted(self, args: list[str], strict: bool) -> list[str]:
        """``args`` with the global options after the command's name moved before it; one
        without its value is left where it is, or, ``strict``, a usage error (else it would
        take the command's name for its value)."""
        ours = {name: param for param in self.params for name in param.opts}
        at = _after_options(args, ours)
        command: click.Command | None = self
        kept: list[str] = []
        hoisted: list[str] = []
        rest = iter(args[at:])
        for token in rest:
            if token == "--":
                kept.extend([token, *rest])
                break
            if not token.startswith("-") and isinstance(command, click.Group):
                command = command.get_command(click.Context(command), token)
                kept.append(token)  # (an unknown command's name: click says so)
                continue
            theirs = {name: p for p in (command.params if command else ()) for name in p.opts}
            name, equals, _ = token.partition("=")
            if strict and command is not self:
                _check_spelling(name, ours, theirs)
            moved = hoisted if _ours_alone(name, ours, theirs) else kept
            taken = (
                []
                if equals
                else list(islice(rest, _takes_value(theirs.get(name) or ours.get(name))))
            )
            if moved is hoisted and not equals and taken == [] and _takes_value(ours.get(name)):
                if strict:
                    message = click_ngettext(
                        "Option {name!r} requires an argument.",
                        "Option {name!r} requires {nargs} arguments.",
                        1,
                    )
                    raise click.BadOptionUsage(name, message.format(name=name, nargs=1))
                moved = kept
            moved.extend([token, *taken])
        return [*args[:at], *hoisted, *kept]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._read_until(cmd_name)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._read_until(None)
        return super().list_commands(ctx)


def _ours_alone(name: str, ours: Options, theirs: Options) -> bool:
    """Whether option ``name`` is a global one the command has not: ``--workspace``, or short
    flags written together ("-qq")."""
    if name.startswith("-") and not name.startswith("--") and len(name) > 2:
        flags = [f"-{letter}" for letter in name[1:]]
        return all(
            _ours_alone(flag, ours, theirs) and not _takes_value(ours[flag]) for flag in flags
        )
    return name in ours and name not in theirs


def _check_spelling(name: str, ours: Options, theirs: Options) -> None:
    """A usage error naming the global option meant ("--worksapce" after the command's name:
    Click's own would suggest the command's options only)."""
    if not name.startswith("--") or name in ours or name in theirs:
        return
    near = difflib.get_close_matches(name, [*theirs, *ours])
    if near and near[0] in ours:
        raise click.NoSuchOption(name, possibilities=near)


def _takes_value(param: click.Parameter | None) -> bool:
    return isinstance(param, click.Option) and not param.is_flag and not param.count


def _after_options(args: list[str], options: dict[str, click.Parameter], start: int = 0) -> int:
    """Where the first argument that is no option (a command's name) is, from ``start``
    (``options``: those that take a value, by name)."""
    at = start
    while at < len(args) and args[at].startswith("-") and args[at] != "--":
        name, equals, _ = args[at].partition("=")
        at += 2 if not equals and _takes_value(options.get(name)) else 1
    return at


@group(cls=CommandModules, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="whoknows")
@click.option(
    "--workspace",
    type=PathType(file_okay=False, path_type=Path),
    envvar="WHOKNOWS_WORKSPACE",
    help=N_("Workspace folder (default ./whoknows-data, or $WHOKNOWS_WORKSPACE)."),
)
@click.option("--quiet", "-q", is_flag=True, help=N_("No progress output on standard error."))
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    is_eager=True,  # read before --help, so that `whoknows --lang fr --help` is in French
    help=N_("Language of the messages and the help (default: the lang setting, $WHOKNOWS_LANG)."),
)
def cli(workspace: Path | None, quiet: bool, lang: str | None) -> None:
    """whoknows: find who really knows what, from the traces of their work."""


def main() -> None:
    cli(prog_name="whoknows")
