"""Ingest: a connector's records into the store in one transaction, then the indexes."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from whoknows.errors import NotFoundError, UsageError
from whoknows.i18n import N_, Term
from whoknows.identity.likely_same import likely_same
from whoknows.ingest import Connector, IngestContext, get_connector
from whoknows.pipeline import IndexStats
from whoknows.pipeline.engine import IngestEngine, Source, is_url
from whoknows.pipeline.writer import IngestWriter
from whoknows.privacy.tombstones import Tombstones
from whoknows.services.workspace import Workspace
from whoknows.store import IngestReport, ingests, utc_now

# people left apart whom the directory may list (``identity.likely_same``), said at each ingest
LIKELY_SAME_NOTE = N_(
    "people: outside the directory, a login spelling one entry's name; `whoknows people"
    " suggest` lists them to merge"
)


def checked_options(connector: Connector, options: dict[str, str]) -> dict[str, str]:
    """The options a connector declares, validated where they enter."""
    declared = {option.key: option for option in connector.options}
    unknown = sorted(set(options) - set(declared))
    if unknown:
        accepted = ", ".join("--" + o.name for o in connector.options) or Term(N_("none"))
        raise UsageError(
            N_("the %(connector)s connector has no option %(options)s"),
            N_("its options: %(accepted)s"),
            connector=connector.name,
            options=", ".join(unknown),
            accepted=accepted,
        )
    for key, value in options.items():
        if declared[key].default is not None and not (value.isdigit() and int(value) >= 1):
            raise UsageError(
                N_("--%(option)s takes a whole number of at least 1, not %(value)s"),
                N_("for example --%(option)s %(default)s"),
                option=declared[key].name,
                value=repr(value),
                default=declared[key].default,
            )
        if declared[key].is_path and not Path(value).exists():
            raise NotFoundError(
                N_("no such file"), N_("check --%(option)s"), where=value, option=declared[key].name
            )
    return dict(options)


def _same_naming(
    conn: sqlite3.Connection,
    connector: Connector,
    path: Source,
    options: dict[str, str],
    mask: Masking,
) -> None:
    """Refuse an option its items' ids hold (``names_items``) given otherwise than at the
    source's last ingest: a Jira CSV's comments ingested again in another time zone had been
    stored twice, every one under a new id."""
    written = [str(path)] if is_url(path) else [str(path), str(Path(path).resolve())]
    written += [masked for w in written if (masked := mask(w))]  # (stored so after an erasure)
    before = ingests.last_options(conn, connector.name, list(dict.fromkeys(written)))
    if before is None:
        return
    for option in (o for o in connector.options if o.names_items):
        was, now = before.get(option.key, ""), options.get(option.key, "")
        if was != now:
            raise UsageError(
                N_("%(path)s was ingested with --%(option)s %(before)s, not %(now)s"),
                N_(
                    "give --%(option)s %(before)s again (its items' ids hold it: another value "
                    "would store them twice; to read it so, start a new workspace)"
                )
                if was
                else N_(
                    "leave --%(option)s out again (its items' ids hold it: another value would "
                    "store them twice; to read it so, start a new workspace)"
                ),
                path=str(path),
                option=option.name,
                before=repr(was) if was else Term(N_("(none)")),
                now=repr(now) if now else Term(N_("(none)")),
            )


Masking = Callable[[str | None], str | None]


def _unchanged(text: str | None) -> str | None:
    return text


def _as_stored(report: IngestReport, mask: Masking) -> IngestReport:
    """The report as the ``ingests`` table keeps it: an erased person's name or address in
    the source's path ("exports/noah-becker/noah.becker@corvid.example.jsonl"), its options
    or its problems masked as the erasure masked the earlier rows (the report printed to
    whoever ran the ingest keeps the path they typed)."""
    return replace(
        report,
        path=mask(report.path) or "",
        options={key: mask(value) or "" for key, value in report.options.items()},
        problems=[mask(problem) or "" for problem in report.problems],
    )


class IngestService:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def ingest(
        self,
        connector_name: str,
        path: Source,
        *,
        skip_errors: bool = False,
        options: dict[str, str] | None = None,
        engine: str | None = None,
        master: str | None = None,
        index: bool = True,
    ) -> IngestReport:
        """Read ``path`` with the connector (idempotent, incremental, atomic), then update the
        indexes when anything changed (``index=False``: later, at the next reindex or read;
        loading several sources then builds them once). ``engine`` (default: the
        ``ingest_engine`` setting) runs the parsing, identity keys, term counts and
        embeddings: ``local`` or ``spark``, on the Spark ``master`` (default: the
        ``spark_master`` setting); ``path`` may then be an object-store URL."""
        from whoknows.pipeline.engines import check_source, open_engine

        connector = get_connector(connector_name)
        name = engine or self.workspace.settings.ingest_engine
        check_source(path, name)
        if not is_url(path) and not Path(path).exists():
            raise NotFoundError(N_("no such file or folder"), N_("check the path"), where=str(path))
        context = IngestContext(
            skip_errors=skip_errors,
            options=checked_options(connector, options or {}),
            source=str(path),
        )
        settings, progress = self.workspace.settings, self.workspace.progress
        with closing(open_engine(name, settings, master, progress)) as running:
            report = self._write(connector, path, context, running)
            if report.changed_rows and index:
                self.workspace.reindex(retrain=False, engine=running)
        return report

    def _write(
        self, connector: Connector, path: Source, context: IngestContext, engine: IngestEngine
    ) -> IngestReport:
        store = self.workspace.store(create=True)
        progress = self.workspace.progress
        report = IngestReport(connector=connector.name, path=str(path), options=context.options)
        started = time.monotonic()
        now = utc_now()
        stage = f"ingest {connector.name}"
        with store.transaction() as conn:
            stones = Tombstones.load(conn)
            mask = stones.mask if stones is not None else _unchanged
            _same_naming(conn, connector, path, context.options, mask)
            ingest_id = ingests.start(conn, connector.name, mask(str(path)) or "", now)
            before = conn.total_changes
            writer = IngestWriter(conn, report, ingest_id, now)
            for count, parsed in enumerate(engine.records(connector, path, context), 1):
                writer.know(parsed.keys)
                writer.write(parsed.record)
                progress.update(stage, count)
            writer.finish()
            report.changed_rows = conn.total_changes - before
            report.seconds = time.monotonic() - started
            report.skipped = dict(context.skipped + writer.skipped)
            report.notes = dict(context.notes + writer.notes)
            if unconfirmed := len(likely_same(conn)):  # (never merged by themselves)
                report.notes[LIKELY_SAME_NOTE] = unconfirmed
            report.reasons = dict(context.reasons)
            report.problems = [p.one_line(with_hint=False) for p in context.problems]
            report.errors = list(context.problems)
            ingests.finish(conn, ingest_id, _as_stored(report, mask))
            if report.changed_rows:
                store.bump_generation()
        progress.finish(stage)
        self.workspace.invalidate()
        return report

    def reindex(self, retrain: bool = True) -> IndexStats:
        self.workspace.store()
        return self.workspace.reindex(retrain)
