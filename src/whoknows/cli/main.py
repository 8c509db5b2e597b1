"""Entry point and the core commands: ingest, reindex, ask, eval, connectors, rankers."""

from __future__ import annotations

from pathlib import Path

import click

from whoknows import __version__
from whoknows.cli._common import handle_errors, json_option, make_service, print_json
from whoknows.cli.engage import COMMANDS as ENGAGE_COMMANDS
from whoknows.cli.insights import COMMANDS as INSIGHT_COMMANDS
from whoknows.cli.people import people
from whoknows.cli.privacy import privacy
from whoknows.errors import UsageError
from whoknows.ingest import connectors
from whoknows.rank import DEFAULT_RANKER, rankers
from whoknows.service import Answer, read_pairs, read_queries
from whoknows.store import IngestReport


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="whoknows")
@click.option(
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="WHOKNOWS_WORKSPACE",
    help="Workspace folder (default ./whoknows-data, or $WHOKNOWS_WORKSPACE).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress output on standard error.")
def cli(workspace: Path | None, quiet: bool) -> None:
    """whoknows: find who really knows what, from the traces of their work."""


CONNECTOR_NAMES = sorted(connectors())


def connector_options(command: click.Command) -> click.Command:
    """Offer every option that some connector declares, once, as ``--NAME``."""
    declared = {o.name: o for cls in connectors().values() for o in getattr(cls, "options", ())}
    for option in sorted(declared.values(), key=lambda o: o.name, reverse=True):
        kind = click.Path(dir_okay=False, path_type=Path) if option.is_path else str
        users = sorted(n for n, c in connectors().items() if option in getattr(c, "options", ()))
        click.option(
            f"--{option.name}", option.key, type=kind, help=f"{', '.join(users)}: {option.help}"
        )(command)
    return command


@cli.command()
@click.argument("connector", type=click.Choice(CONNECTOR_NAMES))
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--skip-errors", is_flag=True, help="Skip broken input, count and list it.")
@connector_options
@json_option
@click.pass_context
@handle_errors
def ingest(
    ctx: click.Context,
    connector: str,
    path: Path,
    skip_errors: bool,
    as_json: bool,
    **options: object,
) -> None:
    """Read PATH with CONNECTOR into the workspace (idempotent, incremental, atomic)."""
    given = {key: str(value) for key, value in options.items() if value is not None}
    report = make_service(ctx).ingest(connector, path, skip_errors=skip_errors, options=given)
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


@cli.command()
@json_option
@click.pass_context
@handle_errors
def reindex(ctx: click.Context, as_json: bool) -> None:
    """Rebuild every derived index from the store."""
    service = make_service(ctx)
    service.store()
    stats = service.reindex()
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


@cli.command()
@click.argument("topic", required=False)
@click.option("--k", type=int, default=None, help="How many people (batch: 100; 0 = all).")
@click.option("--since", help="Only evidence from this date on (YYYY-MM-DD).")
@click.option("--ranker", default=DEFAULT_RANKER, show_default=True, help="Ranker to use.")
@click.option(
    "--batch", type=click.Path(dir_okay=False, path_type=Path), help="Queries file (id<TAB>text)."
)
@click.option(
    "--run",
    "run_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Batch: TREC run file to write.",
)
@click.option("--label-by", help="Batch: name people by their native id in this connector.")
@json_option
@click.pass_context
@handle_errors
def ask(
    ctx: click.Context,
    topic: str | None,
    k: int | None,
    since: str | None,
    ranker: str,
    batch: Path | None,
    run_path: Path | None,
    label_by: str | None,
    as_json: bool,
) -> None:
    """Who knows TOPIC? Ranked people with the evidence that proves it."""
    service = make_service(ctx)
    service.store()
    if batch is not None:
        if run_path is None:
            raise UsageError("--batch needs --run", "name the TREC run file to write")
        stats = service.ask_batch(
            read_queries(batch),
            run_path,
            k=100 if k is None else k,
            label_by=label_by,
            ranker=ranker,
        )
        if as_json:
            print_json(stats)
        else:
            click.echo(
                f"wrote {stats['lines']} lines for {stats['queries']} queries to {stats['run']}"
                f" ({stats['ms_per_query']} ms/query)"
            )
        return
    if not topic:
        raise UsageError("ask needs a TOPIC or --batch", 'e.g. whoknows ask "kubernetes"')
    answers = service.ask(topic, k, since, ranker)
    if as_json:
        print_json({"query": topic, "people": [a.as_dict() for a in answers]})
        return
    if not answers:
        click.echo("nobody: no evidence matches this topic")
    for answer in answers:
        print_answer(answer)


def print_answer(answer: Answer) -> None:
    role = ", ".join(filter(None, [answer.title, answer.department]))
    click.echo(
        f"{answer.rank:>2}. {answer.name}"
        + (f" — {role}" if role else "")
        + f"  (score {answer.score:.2f})"
    )
    for evidence in answer.evidence:
        date = (evidence.date or "")[:10]
        click.echo(f"      [{evidence.kind}, {evidence.role}] {evidence.title}  {date}")
        click.echo(f"        {evidence.snippet}")
        if evidence.url:
            click.echo(f"        {evidence.url}")


@cli.command()
@click.option("--person", help="The person: id, connector:native-id, or full name.")
@click.option("--text", help="The text to match (an abstract, a question, a job).")
@click.option(
    "--text-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read the text from this file instead.",
)
@click.option(
    "--batch",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Pairs file: pair_id<TAB>person<TAB>text a line.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Batch: the TSV of scores to write.",
)
@click.option("--ranker", default=DEFAULT_RANKER, show_default=True)
@json_option
@click.pass_context
@handle_errors
def score(
    ctx: click.Context,
    person: str | None,
    text: str | None,
    text_file: Path | None,
    batch: Path | None,
    out: Path | None,
    ranker: str,
    as_json: bool,
) -> None:
    """How well a person's evidence covers a text (reviewer-style matching)."""
    service = make_service(ctx)
    service.store()
    if batch is not None:
        if out is None:
            raise UsageError("--batch needs --out", "name the TSV file to write")
        stats = service.score_batch(read_pairs(batch), out, ranker)
        click.echo(f"scored {stats['pairs']} pairs into {stats['out']} ({stats['seconds']} s)")
        return
    if text_file is not None:
        try:
            text = text_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"{text_file}: cannot read the text ({error})") from error
    if not person or not text:
        raise UsageError("score needs --person and --text (or --text-file), or --batch")
    match = service.score(person, text, ranker)
    info = service.person(match.person_id)
    evidence = service.evidence_views(match.votes, text)
    if as_json:
        print_json(
            {
                "person_id": match.person_id,
                "name": info["display_name"],
                "score": match.score,
                "rank": match.rank,
                "candidates": match.candidates,
                "fit": round(match.fit, 4),
                "coverage": round(match.coverage, 4),
                "covered": match.covered,
                "missing": match.missing,
                "evidence": [e.__dict__ for e in evidence],
            }
        )
        return
    role = ", ".join(filter(None, [info.get("title"), info.get("department")]))  # type: ignore[list-item]
    click.echo(f"{info['display_name']}" + (f" — {role}" if role else ""))
    if match.rank:
        click.echo(
            f"  rank {match.rank} of {match.candidates} people this text brings up"
            f" (fit {match.fit:.2f}, score {match.score:.3f})"
        )
    else:
        click.echo("  no evidence of this person matches the text")
    total = len(match.covered) + len(match.missing)
    click.echo(
        f"  coverage: {len(match.covered)} of {total} specific terms"
        + (f" ({', '.join(match.covered[:10])})" if match.covered else "")
    )
    if match.missing:
        click.echo(f"  not in their evidence: {', '.join(match.missing[:10])}")
    for item in evidence:
        click.echo(f"    [{item.kind}, {item.role}] {item.title}  {(item.date or '')[:10]}")


@cli.command(name="eval")
@click.option("--queries", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--qrels", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--run",
    "runs",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Existing TREC run(s) to score; without it, the workspace is asked.",
)
@click.option(
    "--ranker",
    "ranker_names",
    multiple=True,
    help="Ranker(s) to run and compare (default: the default ranker).",
)
@click.option("--label-by", help="Name people by their native id in this connector.")
@click.option("--k", type=int, default=100, show_default=True)
@json_option
@click.pass_context
@handle_errors
def evaluate(
    ctx: click.Context,
    queries: Path,
    qrels: Path,
    runs: tuple[Path, ...],
    ranker_names: tuple[str, ...],
    label_by: str | None,
    k: int,
    as_json: bool,
) -> None:
    """Score runs with AP, RR, P@1, nDCG@10 and R@10 (ir_measures), 95% bootstrap intervals."""
    from whoknows.eval import evaluate_run

    query_list = read_queries(queries)
    ids = [query_id for query_id, _ in query_list]
    results = [evaluate_run(qrels, run, ids) for run in runs]
    if not runs or ranker_names:
        import tempfile

        service = make_service(ctx)
        service.store()
        label = label_by or service.default_label_source()
        with tempfile.TemporaryDirectory() as folder:
            for name in ranker_names or (DEFAULT_RANKER,):
                run = Path(folder) / f"{name}.run"
                service.ask_batch(query_list, run, k=k, label_by=label, ranker=name)
                results.append(evaluate_run(qrels, run, ids, name=name))
    if as_json:
        print_json([{"name": r.name, "means": r.means, "intervals": r.intervals} for r in results])
        return
    measures = list(results[0].means)
    width = max(len(r.name) for r in results) + 2
    click.echo(f"{'run':<{width}}" + "".join(f"{m:>22}" for m in measures))
    for result in results:
        cells = "".join(
            f"{result.means[m]:>8.3f} [{result.intervals[m][0]:.3f},{result.intervals[m][1]:.3f}]"
            for m in measures
        )
        click.echo(f"{result.name:<{width}}{cells}")
    click.echo(f"({len(ids)} queries; 95% bootstrap intervals in brackets)")


@cli.command(name="connectors")
def list_connectors() -> None:
    """List the available connectors."""
    for name, cls in sorted(connectors().items()):
        click.echo(f"{name:<14} {cls.description}")


@cli.command(name="rankers")
def list_rankers() -> None:
    """List the available rankers."""
    for name, cls in sorted(rankers().items()):
        marker = " (default)" if name == DEFAULT_RANKER else ""
        click.echo(f"{name:<14} {cls.description}{marker}")


@cli.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the sample organization's files (default: inside the workspace).",
)
@click.pass_context
@handle_errors
def demo(ctx: click.Context, out: Path | None) -> None:
    """Build a workspace from the built-in sample organization and show example answers."""
    from whoknows.demo import run_demo

    run_demo(make_service(ctx), out, echo=click.echo)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--insecure-cookies",
    is_flag=True,
    help="Send the session cookie over plain HTTP too (development without TLS "
    "on a non-local address).",
)
@click.pass_context
@handle_errors
def serve(ctx: click.Context, host: str, port: int, insecure_cookies: bool) -> None:
    """Start the web app on the workspace (Ctrl-C to stop)."""
    import uvicorn

    from whoknows.web.app import create_app

    service = make_service(ctx)
    service.store()
    service.evidence()  # load indexes and models before the first request
    app = create_app(service, cookie_secure=not insecure_cookies)
    click.echo(f"whoknows on http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.group()
def users() -> None:
    """Accounts of the web app."""


@users.command(name="add")
@click.argument("username")
@click.option("--role", type=click.Choice(["admin", "consultant", "viewer", "self"]), required=True)
@click.option("--person", help="The person a 'self' account belongs to.")
@click.password_option(
    envvar="WHOKNOWS_PASSWORD", help="The password (prompted; or $WHOKNOWS_PASSWORD)."
)
@click.pass_context
@handle_errors
def add_user(
    ctx: click.Context, username: str, role: str, person: str | None, password: str
) -> None:
    """Create a web account."""
    user = make_service(ctx).create_user(username, password, role, person)
    click.echo(f"user {user.username} ({user.role}) created")


@users.command(name="list")
@click.pass_context
@handle_errors
def list_users(ctx: click.Context) -> None:
    """List web accounts."""
    for user in make_service(ctx).users():
        linked = f" -> person {user.person_id}" if user.person_id else ""
        click.echo(f"{user.username:<20} {user.role}{linked}")


cli.add_command(people)
cli.add_command(privacy)
for command in (*INSIGHT_COMMANDS, *ENGAGE_COMMANDS):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="whoknows")
