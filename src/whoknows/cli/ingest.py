"""Ingest commands: ingest, reindex, connectors."""

from __future__ import annotations

from pathlib import Path

import click

from whoknows.cli._common import F, handle_errors, json_option, print_json, services
from whoknows.ingest import connectors
from whoknows.store import IngestReport

CONNECTOR_NAMES = sorted(connectors())


def connector_options(command: F) -> F:
    """Offer every option that some connector declares, once, as ``--NAME``."""
    declared = {o.name: o for cls in connectors().values() for o in getattr(cls, "options", ())}
    for option in sorted(declared.values(), key=lambda o: o.name, reverse=True):
        kind = click.Path(dir_okay=False, path_type=Path) if option.is_path else str
        users = sorted(n for n, c in connectors().items() if option in getattr(c, "options", ()))
        click.option(
            f"--{option.name}", option.key, type=kind, help=f"{', '.join(users)}: {option.help}"
        )(command)
    return command


@click.command()
@click.argument("connector", type=click.Choice(CONNECTOR_NAMES))
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--skip-errors", is_flag=True, help="Skip broken input, count and list it.")
@connector_options
@json_option
@click.pass_context
@handle_errors
def ingest(
    ctx: click.Context,
    /,
    connector: str,
    path: Path,
    skip_errors: bool,
    as_json: bool,
    **options: object,
) -> None:
    """Read PATH with CONNECTOR into the workspace (idempotent, incremental, atomic)."""
    given = {key: str(value) for key, value in options.items() if value is not None}
    report = services(ctx).ingest.ingest(connector, path, skip_errors=skip_errors, options=given)
    if as_json:
        print_json(report.as_dict())
    else:
        print_report(report)


def print_report(report: IngestReport) -> None:
    click.echo(f"ingested {report.path} with {report.connector}")
    click.echo(
        f"  items: {report.items_added} added, {report.items_updated} updated,"
        f" {report.items_unchanged} already present"
    )
    click.echo(
        f"  people: {report.people_added} added, {report.aliases_added} aliases added,"
        f" {report.merges} merged by identity rules, {report.profiles} profiles read"
    )
    if report.skipped:
        click.echo("  skipped:")
        for reason, count in sorted(report.skipped.items()):
            click.echo(f"    {count:>6}  {reason}")
    for remark, count in sorted(report.notes.items()):
        click.echo(f"  note: {count} {remark}")
    for problem in report.problems[:50]:
        click.echo(f"    skipped {problem}")
    if len(report.problems) > 50:
        click.echo(f"    ... and {len(report.problems) - 50} more")
    click.echo(f"  {report.seconds:.2f} s, {report.items_per_second:,.0f} items/s")


@click.command()
@json_option
@click.pass_context
@handle_errors
def reindex(ctx: click.Context, as_json: bool) -> None:
    """Rebuild every derived index from the store."""
    stats = services(ctx).ingest.reindex()
    if as_json:
        print_json(stats)
    else:
        print_index_stats(stats)


def print_index_stats(stats: dict[str, object]) -> None:
    click.echo(f"lexical index: {stats['items']} items, {stats['terms']} terms")
    if "embedded" in stats:
        click.echo(f"dense index: {stats['embedded']} items embedded now, the others reused")
    model = stats.get("model")
    if isinstance(model, dict):
        if model.get("use_model"):
            click.echo(
                f"learned ranker: trained on {model['usable_queries']} past questions;"
                f" held-out nDCG@10 {model['held_out_ndcg10_learned']}"
                f" vs {model['held_out_ndcg10_hybrid_prior']} for hybrid-prior"
            )
        else:
            click.echo(f"learned ranker: falls back to hybrid-prior ({model.get('reason')})")
    click.echo(f"{stats['seconds']} s")


@click.command(name="connectors")
def list_connectors() -> None:
    """List the available connectors."""
    for name, cls in sorted(connectors().items()):
        click.echo(f"{name:<14} {cls.description}")


COMMANDS = (ingest, reindex, list_connectors)
