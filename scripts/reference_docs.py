"""Write docs/cli.md, docs/settings.md and docs/connectors.md from the code (`python scripts/reference_docs.py`).

The tests run the same functions and fail when the files are out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from whoknows.cli.main import cli
from whoknows.ingest import connectors
from whoknows.settings import ENV_PREFIX, Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"


def cli_reference() -> str:
    lines = [
        "# CLI reference",
        "",
        "Generated from `--help` by `python scripts/reference_docs.py`; do not edit by hand.",
        "",
    ]

    def walk(command: click.Command, path: list[str], parent: click.Context | None) -> None:
        context = click.Context(
            command,
            info_name=path[-1],
            parent=parent,
            terminal_width=100,
            max_content_width=100,
            help_option_names=["-h", "--help"],
        )
        if parent is None:
            context.params["lang"] = "en"  # the reference is English, whatever WHOKNOWS_LANG says
        lines.extend(
            [f"## `{' '.join(path)}`", "", "```text", command.get_help(context).rstrip(), "```", ""]
        )
        if isinstance(command, click.Group):
            for name in sorted(command.list_commands(context)):
                sub = command.get_command(context, name)
                if sub is not None:
                    walk(sub, [*path, name], context)

    walk(cli, ["whoknows"], None)
    return "\n".join(lines)


def settings_reference() -> str:
    lines = [
        "# Settings",
        "",
        "Every setting has a default and can be set with an environment variable",
        f"(`{ENV_PREFIX}NAME`). Generated from `whoknows/settings.py` by",
        "`python scripts/reference_docs.py`; do not edit by hand.",
        "",
        "| setting | variable | default | what it does |",
        "|---|---|---|---|",
    ]
    for name, default, help_text in Settings.documented():
        lines.append(f"| `{name}` | `{ENV_PREFIX}{name.upper()}` | `{default}` | {help_text} |")
    return "\n".join(lines) + "\n"


def connectors_reference() -> str:
    lines = [
        "# Connectors",
        "",
        "Each reads one export format: `whoknows ingest NAME PATH [options]`. Generated from",
        "the connector classes (their description, options and docstring) by",
        "`python scripts/reference_docs.py`; do not edit by hand.",
        "",
        "| connector | command | input | reads |",
        "|---|---|---|---|",
    ]
    for name, cls in sorted(connectors().items()):
        options = " ".join(
            f"[--{o.name} {'FILE' if o.is_path else 'N' if o.default is not None else 'VALUE'}]"
            for o in cls.options
        )
        command = f"whoknows ingest {name} PATH {options}".rstrip()
        reads = " ".join((cls.__doc__ or "").split())
        lines.append(f"| `{name}` | `{command}` | {cls.description} | {reads} |")
    return "\n".join(lines) + "\n"


REFERENCES = {
    "cli.md": cli_reference,
    "settings.md": settings_reference,
    "connectors.md": connectors_reference,
}


def main() -> int:
    DOCS.mkdir(exist_ok=True)
    for name, write in REFERENCES.items():
        (DOCS / name).write_text(write(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
