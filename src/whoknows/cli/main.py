"""Entry point: the `whoknows` group and every command module registered on it."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from whoknows import __version__
from whoknows.cli._click_messages import PathType
from whoknows.cli._help import Group, group
from whoknows.discovery import module_names
from whoknows.i18n import LANGUAGES, N_


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

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._read_until(cmd_name)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._read_until(None)
        return super().list_commands(ctx)


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
