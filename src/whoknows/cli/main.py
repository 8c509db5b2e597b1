"""Entry point: the `whoknows` group and every command module registered on it."""

from __future__ import annotations

from pathlib import Path

import click

from whoknows import __version__
from whoknows.cli import chat, people
from whoknows.cli._click_messages import PathType
from whoknows.cli._help import group
from whoknows.discovery import submodules
from whoknows.i18n import LANGUAGES, N_


@group(context_settings={"help_option_names": ["-h", "--help"]})
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


people.people.add_command(chat.route)  # `whoknows people route PERSON --consent yes|no`
# every command module of this package registers its COMMANDS (a new one needs no edit here)
for module in submodules("whoknows.cli", skip={"main"}):
    for command in getattr(module, "COMMANDS", ()):
        cli.add_command(command)


def main() -> None:
    cli(prog_name="whoknows")
