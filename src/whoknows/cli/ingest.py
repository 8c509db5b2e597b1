"""Ingest commands: ingest, reindex, connectors."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from whoknows.cli._click_messages import PathType
from whoknows.cli._common import handle_errors, json_option, print_json, services, translation
from whoknows.cli._help import Command, ScopedOption, command
from whoknows.cli._model_line import model_line
from whoknows.i18n import N_, Translator
from whoknows.ingest import connectors
from whoknows.settings import ENGINES

if TYPE_CHECKING:  # types only: the services load when a command runs
    from whoknows.ingest.base import ConnectorOption
    from whoknows.pipeline import IndexStats
    from whoknows.store import IngestReport


class ConnectorNames(Sequence[str]):
    """The connectors' names, found when first read: the choices of ``ingest CONNECTOR``
    (importing every connector costs a fifth of a second that other commands need not pay)."""

    @cached_property
    def _names(self) -> list[str]:
        return sorted(connectors())

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        return self._names[index]

    def __len__(self) -> int:
        return len(self._names)


def _readers(option: ConnectorOption) -> list[str]:
    """The connectors that declare ``option``, by name."""
    return sorted(n for n, c in connectors().items() if option in getattr(c, "options", ()))


def connector_options() -> list[click.Parameter]:
    """Every option that some connector declares, once, as ``--NAME``, by name; where
    connectors declare one name each their own way (jira's and people's ``--date-format``),
    the help gives each its own."""
    by_name: dict[str, list[ConnectorOption]] = {}
    for cls in connectors().values():
        for option in getattr(cls, "options", ()):
            if option not in by_name.setdefault(option.name, []):
                by_name[option.name].append(option)
    found: list[click.Parameter] = []
    for name in sorted(by_name):
        option = by_name[name][0]
        kind: object = str
        if option.is_path:
            kind = PathType(dir_okay=False, path_type=Path)
        elif option.default is not None:
            kind = click.IntRange(min=1)
        scopes = [(", ".join(_readers(o)), o.help) for o in by_name[name]]
        found.append(ScopedOption([f"--{name}", option.key], type=kind, scopes=scopes))
    return found


class IngestCommand(Command):
    """``ingest``, whose connector options are added when it is parsed or its help shown."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        if not any(isinstance(p, ScopedOption) for p in self.params):
            at = next(i for i, p in enumerate(self.params) if p.name == "as_json")
            self.params[at:at] = connector_options()
        return super().get_params(ctx)


class SourceType(PathType):
    """A path, or kept as it is written the URL of an object store (s3a://bucket/dump: a
    path would fold its double slash)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and _URL.match(value):
            return value
        return super().convert(value, param, ctx)


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@click.command(cls=IngestCommand)
@click.argument("connector", type=click.Choice(ConnectorNames()))
@click.argument("path", type=SourceType(path_type=Path))
@click.option("--skip-errors", is_flag=True, help=N_("Skip broken input, count and list it."))
@click.option(
    "--no-index",
    is_flag=True,
    help=N_("Only store: update the indexes later (`whoknows reindex`, or the next command)."),
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    help=N_(
        "What parses, resolves identity keys, counts terms and embeds: local (this process;"
        " the default, setting ingest_engine) or spark (PySpark jobs; PATH may then be an"
        " object-store URL such as s3a://bucket/dump)."
    ),
)
@click.option(
    "--master",
    metavar="URL",
    help=N_(
        "The Spark master of --engine spark: local[*] (the default, setting spark_master),"
        " local[N], spark://HOST:PORT, yarn or k8s://URL."
    ),
)
@json_option
@click.pass_context
@handle_errors
def ingest(
    ctx: click.Context,
    /,
    connector: str,
    path: Path | str,
    skip_errors: bool,
    no_index: bool,
    engine: str | None,
    master: str | None,
    as_json: bool,
    **options: object,
) -> None:
    """Read PATH with CONNECTOR into the workspace (idempotent, incremental, atomic)."""
    given = {key: str(value) for key, value in options.items() if value is not None}
    report = services(ctx).ingest.ingest(
        connector,
        path,
        skip_errors=skip_errors,
        options=given,
        engine=engine,
        master=master,
        index=not no_index,
    )
    if as_json:
        print_json(report.as_dict())
    else:
        print_report(report)


def print_report(report: IngestReport) -> None:
    t = translation()
    n = t.format_number
    click.echo(
        t.gettext("ingested %(path)s with %(connector)s")
        % {"path": report.path, "connector": report.connector}
    )
    click.echo(
        "  "
        + t.gettext("items: %(added)s added, %(updated)s updated, %(unchanged)s already present")
        % {
            "added": n(report.items_added),
            "updated": n(report.items_updated),
            "unchanged": n(report.items_unchanged),
        }
    )
    click.echo(
        "  "
        + t.gettext(
            "people: %(added)s added, %(aliases)s aliases added, %(merges)s merged by identity"
            " rules, %(profiles)s profiles read"
        )
        % {
            "added": n(report.people_added),
            "aliases": n(report.aliases_added),
            "merges": n(report.merges),
            "profiles": n(report.profiles),
        }
    )
    if report.skipped:
        click.echo("  " + t.gettext("skipped:"))
        for reason, count in sorted(_skipped(report, t).items()):
            click.echo(f"    {n(count):>6}  {reason}")
    for remark, count in sorted(_said(report, report.notes, t).items()):
        click.echo("  " + t.gettext("note:") + f" {n(count)} {remark}")
    problems = [e.one_line(t, with_hint=False) for e in report.errors] or report.problems
    for problem in problems[:50]:
        click.echo("    " + t.gettext("skipped %(problem)s") % {"problem": problem})
    if len(report.problems) > 50:
        more = len(report.problems) - 50
        click.echo("    " + t.gettext("... and %(count)s more") % {"count": n(more)})
    click.echo(
        "  "
        + t.gettext("%(seconds)s s, %(rate)s items/s")
        % {"seconds": n(report.seconds, 2), "rate": n(report.items_per_second)}
    )


def _said(report: IngestReport, counts: dict[str, int], t: Translator) -> dict[str, int]:
    """Counts by English reason, by the reason in the reader's language (a reason without its
    message, such as the writer's, is a plain catalogue message)."""
    said: dict[str, int] = {}
    for reason, count in counts.items():
        message = report.reasons.get(reason)
        key = message.said(t) if message else t.gettext(reason)
        said[key] = said.get(key, 0) + count
    return said


def _skipped(report: IngestReport, t: Translator) -> dict[str, int]:
    """What was skipped and how often, in the reader's language, the broken input included."""
    if not report.errors:
        return _said(report, report.skipped, t)
    kept = {k: v for k, v in report.skipped.items() if not k.startswith("error: ")}
    counts = _said(report, kept, t)
    for error in report.errors:
        key = t.gettext("error: %(message)s") % {"message": error.kind(t)}
        counts[key] = counts.get(key, 0) + 1
    return counts


@command()
@json_option
@click.option("--keep-model", is_flag=True, hidden=True)  # a server's ingest, in a child process
@click.pass_context
@handle_errors
def reindex(ctx: click.Context, as_json: bool, keep_model: bool) -> None:
    """Rebuild every derived index from the store."""
    stats = services(ctx).ingest.reindex(retrain=not keep_model)
    if as_json:
        print_json(stats)
    else:
        print_index_stats(stats)


def print_index_stats(stats: IndexStats) -> None:
    t = translation()
    click.echo(
        t.gettext("lexical index: %(items)s items, %(terms)s terms")
        % {"items": t.format_number(stats.items), "terms": t.format_number(stats.terms)}
    )
    if stats.embedded is not None:
        click.echo(
            t.gettext("dense index: %(count)s items embedded now, the others reused")
            % {"count": t.format_number(stats.embedded)}
        )
    if isinstance(stats.model, dict):
        click.echo(model_line(t, stats.model))
    click.echo(f"{t.format_number(stats.seconds, 1)} s")


@command(name="connectors")
def list_connectors() -> None:
    """List the available connectors."""
    for name, cls in sorted(connectors().items()):
        click.echo(f"{name:<14} {translation().gettext(cls.description)}")


COMMANDS = (ingest, reindex, list_connectors)
