"""Asking commands: ask (one topic or a batch), score, eval, rankers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from whoknows.cli._answers import print_answers, print_unheld
from whoknows.cli._click_messages import PathType
from whoknows.cli._common import (
    handle_errors,
    json_option,
    print_bridges,
    print_json,
    say,
    services,
    translation,
)
from whoknows.cli._help import command
from whoknows.errors import NotFoundError, UsageError
from whoknows.i18n import N_
from whoknows.rank import DEFAULT_RANKER, rankers
from whoknows.vocab import ContributionRole, kind_word, part_word

if TYPE_CHECKING:  # types only: the services load when a command runs
    from whoknows.services.results import PersonMatch
    from whoknows.services.search import SearchService

# roles in a thread someone else began: its question's words find the item, not the person's
_REPLYING = frozenset(
    ContributionRole(role)
    for role in ("answerer", "accepted-answerer", "replier", "commenter", "reviewer", "resolver")
)


@command()
@click.argument("topic", required=False)
@click.option("--k", type=int, default=None, help=N_("How many people (batch: 100; 0 = all)."))
@click.option("--since", help=N_("Only evidence from this date on (YYYY-MM-DD)."))
@click.option("--ranker", default=DEFAULT_RANKER, show_default=True, help=N_("Ranker to use."))
@click.option(
    "--batch",
    type=PathType(dir_okay=False, path_type=Path),
    help=N_("Queries file (id<TAB>text)."),
)
@click.option(
    "--run",
    "run_path",
    type=PathType(dir_okay=False, path_type=Path),
    help=N_("Batch: TREC run file to write."),
)
@click.option("--label-by", help=N_("Batch: name people by their native id in this connector."))
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
    from whoknows.eval.inputs import read_queries

    opened = services(ctx, asking=True)
    search = opened.search
    if batch is not None:
        if run_path is None:
            raise UsageError(N_("--batch needs --run"), N_("name the TREC run file to write"))
        stats = search.ask_batch(
            read_queries(batch),
            run_path,
            k=100 if k is None else k,
            label_by=label_by,
            ranker=ranker,
        )
        if as_json:
            print_json(stats)
        else:
            say(
                N_("wrote %(lines)s lines for %(queries)s queries to %(out)s (%(ms)s ms/query)"),
                lines=stats.lines,
                queries=stats.queries,
                out=stats.out,
                ms=stats.ms_per_query,
            )
        return
    if not topic:
        raise UsageError(N_("ask needs a TOPIC or --batch"), N_('e.g. whoknows ask "kubernetes"'))
    answers = search.ask(topic, k, since, ranker)
    bridges = search.bridges(topic)
    unheld = search.unheld_words(topic, bridges)
    if as_json:
        said = {"query": topic, "ranker": search.serving_ranker(ranker), "people": answers}
        print_json({**said, "also_searched": bridges, "not_found": unheld})  # (ranker: as the web)
        return
    print_bridges(bridges)
    if not answers:
        if since:
            since = translation().format_date(since)
            say(N_("nobody: no evidence since %(since)s matches this topic"), since=since)
        elif unheld.words:
            words = translation().format_list(unheld.words)
            say(N_("nobody: no evidence mentions %(words)s"), words=words)
        else:
            say(N_("nobody: no evidence matches this topic"))
    elif unheld.words:
        print_unheld(unheld)
    print_answers(answers)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(
            N_("cannot read the text (%(error)s)"),
            N_("give a readable UTF-8 text file"),
            where=str(path),
            error=error,
        ) from error


@command()
@click.argument("person_and_text", nargs=-1, metavar="[PERSON [TEXT]]")
@click.option("--person", help=N_("The person: id, connector:native-id, or full name."))
@click.option("--text", help=N_("The text to match (an abstract, a question, a job)."))
@click.option(
    "--text-file",
    type=PathType(dir_okay=False, path_type=Path),
    help=N_("Read the text from this file instead."),
)
@click.option(
    "--batch",
    type=PathType(dir_okay=False, path_type=Path),
    help=N_("Pairs file: pair_id<TAB>person<TAB>text a line."),
)
@click.option(
    "--out",
    type=PathType(dir_okay=False, path_type=Path),
    help=N_("Batch: the TSV of scores to write."),
)
@click.option("--ranker", default=DEFAULT_RANKER, show_default=True, help=N_("Ranker to use."))
@json_option
@click.pass_context
@handle_errors
def score(
    ctx: click.Context,
    person_and_text: tuple[str, ...],
    person: str | None,
    text: str | None,
    text_file: Path | None,
    batch: Path | None,
    out: Path | None,
    ranker: str,
    as_json: bool,
) -> None:
    """How well PERSON's evidence covers TEXT (reviewer-style matching); both can be given
    as options instead."""
    words = list(person_and_text)
    if words and person is None and batch is None:
        person = words.pop(0)
    if words and text is None and text_file is None and batch is None:
        text, words = " ".join(words), []
    if words:
        raise UsageError(
            N_("give the person and text as arguments or as options, not both"),
            N_('e.g. whoknows score "Inès Moreau" "kafka consumer lag"'),
        )

    opened = services(ctx, asking=True)
    search = opened.search
    if batch is not None:
        _score_batch(search, batch, out, ranker)
        return
    if text_file is not None:
        text = _read_text(text_file)
    if not person or not text:
        raise UsageError(
            N_("score needs a person and a text"),
            N_('e.g. whoknows score "Inès Moreau" "kafka consumer lag" (or --text-file, --batch)'),
        )
    match = search.score(person, text, ranker)
    opened.privacy.record_cli_view(match.person_id, "cli score")  # (their evidence, ranked)
    if as_json:
        print_json(match)
        return
    print_bridges(match.also_searched)
    print_match(match)


def print_match(match: PersonMatch) -> None:
    role = ", ".join(filter(None, [match.title, match.department]))
    click.echo(f"{match.name}" + (f" — {role}" if role else ""))
    t = translation()
    if match.rank:
        click.echo(
            "  "
            + t.ngettext(
                "rank %(rank)s of %(count)s person whose evidence matches this text (fit"
                " %(fit)s, score %(score)s)",
                "rank %(rank)s of %(count)s people whose evidence matches this text (fit"
                " %(fit)s, score %(score)s)",
                match.candidates,
            )
            % {
                "rank": match.rank,
                "count": t.format_number(match.candidates),
                "fit": t.format_number(match.fit, 2),
                "score": t.format_number(match.score, 2),  # (as `ask` shows it)
            }
        )
    elif match.learner:
        learner = t.gettext("interested learner: asked about it or followed it, answered nothing")
        click.echo("  " + learner)
    elif match.pointer:
        said = t.gettext(
            "only pointed to others on it: the matching messages name who does the work"
        )
        click.echo("  " + said)
    else:
        click.echo("  " + t.gettext("no evidence of this person matches the text"))
    total = len(match.covered) + len(match.missing)
    if total:  # (none when no one's evidence holds a word of the text: said below)
        click.echo(
            "  "
            + t.ngettext(
                "coverage: %(covered)s of %(total)s specific term",
                "coverage: %(covered)s of %(total)s specific terms",
                total,
            )
            % {"covered": t.format_number(len(match.covered)), "total": t.format_number(total)}
            + (f" ({', '.join(match.covered[:10])})" if match.covered else "")
        )
    if match.missing:
        click.echo("  " + _missing_line(match))
    if match.not_found:
        said = t.ngettext(
            "no one's evidence mentions %(words)s: not counted",
            "no one's evidence mentions %(words)s: not counted",
            len(match.not_found),
        )
        click.echo("  " + said % {"words": t.format_list(match.not_found[:10])})
    for item in match.evidence:
        part = f"{kind_word(t, item.kind)}, {part_word(t, item.role, item.credited)}"
        date = t.format_date(item.date, "medium") if item.date else ""
        click.echo(f"    [{part}] {item.title}  {date}")


def _missing_line(match: PersonMatch) -> str:
    """The text's terms that the person's own words lack."""
    t = translation()
    said = t.gettext("not in their own words: %(terms)s")
    if any(item.role in _REPLYING for item in match.evidence):
        said = t.gettext(  # (a reply is found by its question's words, not counted here)
            "not in their own words (the threads they replied in may say it): %(terms)s"
        )
    return said % {"terms": ", ".join(match.missing[:10])}


def _score_batch(search: SearchService, batch: Path, out: Path | None, ranker: str) -> None:
    """`score --batch`: every pair it may score, then each one it may not, said."""
    from whoknows.eval.inputs import read_pairs

    if out is None:
        raise UsageError(N_("--batch needs --out"), N_("name the TSV file to write"))
    stats = search.score_batch(read_pairs(batch), out, ranker)
    say(
        N_("scored %(count)s pairs into %(out)s (%(seconds)s s)"),
        count=stats.queries - len(stats.unscored),
        out=stats.out,
        seconds=f"{stats.seconds:.1f}",
    )
    t = translation()
    for error in stats.unscored:  # (the rest scored: one opted-out reviewer, a typo)
        click.echo(t.gettext("error: %(message)s") % {"message": error.one_line(t)}, err=True)
    if stats.unscored:
        raise NotFoundError(
            N_("%(count)s of %(total)s pairs left unscored, their rows empty in %(out)s"),
            N_("the lines above say why; correct those pairs and score them again"),
            count=len(stats.unscored),
            total=stats.queries,
            out=stats.out,
        )


@command(name="eval")
@click.option(
    "--queries",
    type=PathType(dir_okay=False, path_type=Path),
    required=True,
    help=N_("Queries, a TSV of id and text."),
)
@click.option(
    "--qrels",
    type=PathType(dir_okay=False, path_type=Path),
    required=True,
    help=N_("Relevance judgments, TREC qrels."),
)
@click.option(
    "--run",
    "runs",
    multiple=True,
    type=PathType(dir_okay=False, path_type=Path),
    help=N_("Existing TREC run(s) to score; without it, the workspace is asked."),
)
@click.option(
    "--ranker",
    "ranker_names",
    multiple=True,
    help=N_("Ranker(s) to run and compare (default: the default ranker)."),
)
@click.option("--label-by", help=N_("Name people by their native id in this connector."))
@click.option(
    "--k", type=int, default=100, show_default=True, help=N_("People ranked for each query.")
)
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
    from whoknows.eval.inputs import read_queries

    query_list = read_queries(queries)
    ids = [query_id for query_id, _ in query_list]
    results = [evaluate_run(qrels, run, ids) for run in runs]
    if not runs or ranker_names:
        import tempfile

        opened = services(ctx)
        label = label_by or opened.people.default_label_source()
        with tempfile.TemporaryDirectory() as folder:
            for name in ranker_names or (DEFAULT_RANKER,):
                run = Path(folder) / f"{name}.run"
                opened.search.ask_batch(query_list, run, k=k, label_by=label, ranker=name)
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
    say(N_("(%(count)s queries; 95%% bootstrap intervals in brackets)"), count=len(ids))


@command(name="rankers")
def list_rankers() -> None:
    """List the available rankers."""
    for name, cls in sorted(rankers().items()):
        marker = " (" + translation().gettext("default") + ")" if name == DEFAULT_RANKER else ""
        click.echo(f"{name:<14} {translation().gettext(cls.description)}{marker}")


COMMANDS = (ask, score, evaluate, list_rankers)
