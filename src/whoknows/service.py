"""The one service layer that the CLI (and later the API, web app and reports) call."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from whoknows.errors import NotFoundError, UsageError
from whoknows.index.analysis import surface_terms
from whoknows.ingest import IngestContext, connectors, get_connector
from whoknows.pipeline import open_evidence, rebuild
from whoknows.progress import Progress, SilentProgress
from whoknows.rank import (
    DEFAULT_RANKER,
    EvidenceBase,
    EvidenceVote,
    PersonScore,
    Query,
    get_ranker,
)
from whoknows.rank.features import FEATURES
from whoknows.rank.matching import Match, score_person
from whoknows.rank.rankers import FeatureRanker
from whoknows.service_engage import EngageMixin
from whoknows.service_insights import InsightsMixin
from whoknows.service_web import WebMixin
from whoknows.settings import Settings
from whoknows.store import IngestReport, IngestWriter, Store, utc_now
from whoknows.text import parse_date, snippet


@dataclass
class EvidenceView:
    item_id: int
    title: str
    snippet: str
    date: str | None
    url: str | None
    role: str
    source: str
    kind: str


@dataclass
class Answer:
    rank: int
    person_id: int
    name: str
    score: float
    title: str | None = None
    department: str | None = None
    evidence: list[EvidenceView] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "rank": self.rank,
            "person_id": self.person_id,
            "name": self.name,
            "score": round(self.score, 4),
            "title": self.title,
            "department": self.department,
            "evidence": [e.__dict__ for e in self.evidence],
        }


def epoch(value: str | None, what: str = "date") -> float | None:
    """Epoch seconds of an ISO date given by a user, or a UsageError that says what to type."""
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise UsageError(f"{what} {value!r} is not a date", "write it as YYYY-MM-DD")
    return parsed.timestamp()


class PeopleMixin:
    """Directory views and identity overrides; mixed into :class:`Whoknows`."""

    def store(self, create: bool = False) -> Store:  # provided by Whoknows
        raise NotImplementedError

    def list_people(self, search: str | None = None, limit: int = 50) -> list[dict[str, object]]:
        conn = self.store().conn
        sql = (
            "SELECT p.id, p.display_name, p.title, p.department, p.is_bot,"
            " (SELECT COUNT(*) FROM aliases a WHERE a.person_id = p.id AND a.kind != 'initials')"
            " AS aliases,"
            " (SELECT COUNT(DISTINCT item_id) FROM contributions c WHERE c.person_id = p.id)"
            " AS items FROM persons p WHERE p.opt_out_visibility = 0"
        )
        args: list[object] = []
        if search:
            sql += " AND p.display_name LIKE ?"
            args.append(f"%{search}%")
        sql += " ORDER BY p.display_name COLLATE NOCASE, p.id LIMIT ?"
        args.append(limit)
        return [dict(row) for row in conn.execute(sql, args)]

    def person(self, person_id: int) -> dict[str, object]:
        from whoknows.identity.admin import _person, mask_email

        conn = self.store().conn
        row = dict(_person(conn, person_id))
        aliases = [
            {
                "id": a["id"],
                "kind": a["kind"],
                "source": a["source"],
                "value": mask_email(a["value"]) if a["kind"] == "email" else a["value"],
            }
            for a in conn.execute(
                "SELECT id, kind, source, value FROM aliases WHERE person_id = ?"
                " AND kind != 'initials' ORDER BY id",
                (person_id,),
            )
        ]
        roles = {
            r["role"]: r["n"]
            for r in conn.execute(
                "SELECT role, COUNT(*) AS n FROM contributions WHERE person_id = ? GROUP BY role",
                (person_id,),
            )
        }
        claims = [
            r[0]
            for r in conn.execute(
                "SELECT skill FROM claims WHERE person_id = ? ORDER BY skill", (person_id,)
            )
        ]
        merges = [
            dict(r)
            for r in conn.execute(
                "SELECT at, action, reason FROM merges WHERE kept_person = ? OR merged_person = ?"
                " ORDER BY id",
                (person_id, person_id),
            )
        ]
        return {**row, "aliases": aliases, "roles": roles, "claims": claims, "merges": merges}

    def merge_people(self, keep: int, merge: int) -> dict[str, object]:
        from whoknows.identity.admin import merge_people

        store = self.store()
        with store.transaction() as conn:
            result = merge_people(conn, keep, merge, utc_now())
            store.bump_generation()
        return dict(result.__dict__)

    def split_alias(self, person_id: int, alias_id: int) -> int:
        from whoknows.identity.admin import split_alias

        store = self.store()
        with store.transaction() as conn:
            new_id = split_alias(conn, person_id, alias_id, utc_now())
            store.bump_generation()
        return new_id

    def resolve_person(self, reference: str) -> int:
        """A person from our id, ``connector:native id`` (stackexchange:1231) or a full name."""
        from whoknows.identity import name_key

        conn = self.store().conn
        text = reference.strip()
        if (
            text.isdigit()
            and conn.execute("SELECT 1 FROM persons WHERE id = ?", (int(text),)).fetchone()
        ):
            return int(text)
        prefix, colon, native = text.partition(":")
        if colon and prefix in connectors():
            row = conn.execute(
                "SELECT person_id FROM aliases"
                " WHERE kind = 'source_id' AND source = ? AND value = ?",
                (connectors()[prefix].source, native),
            ).fetchone()
            if row:
                return int(row[0])
        key = name_key(text)
        matches = (
            sorted(
                {
                    row[0]
                    for row in conn.execute(
                        "SELECT person_id FROM aliases WHERE kind = 'name' AND key = ?", (key,)
                    )
                }
            )
            if key
            else []
        )
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise UsageError(
                f"{reference!r} names {len(matches)} people ({', '.join(map(str, matches))})",
                "give the person's id instead",
            )
        raise NotFoundError(
            f"no person {reference!r}",
            "give an id from `whoknows people list`, connector:native-id, or a full name",
        )

    def default_label_source(self) -> str:
        """The connector to name people by when only one source has native person ids."""
        conn = self.store().conn
        sources = [
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT source FROM aliases WHERE kind = 'source_id'"
                " AND source != 'directory'"
            )
        ]
        if len(sources) != 1:
            raise UsageError(
                "cannot tell which source's ids the qrels use",
                f"pass --label-by with one of the connectors of: {', '.join(sorted(sources))}",
            )
        for name, cls in sorted(connectors().items()):
            if cls.source == sources[0]:
                return name
        return sources[0]


class Whoknows(PeopleMixin, InsightsMixin, WebMixin, EngageMixin):
    """Facade over one workspace: ingest, index, ask, evaluate, manage people."""

    def __init__(self, settings: Settings, progress: Progress | None = None) -> None:
        self.settings = settings
        self.progress = progress or SilentProgress()
        self._store: Store | None = None
        self._evidence: EvidenceBase | None = None

    # -- store -----------------------------------------------------------------------------
    def store(self, create: bool = False) -> Store:
        if self._store is None:
            self._store = Store(self.settings.workspace, create=create)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- ingest ----------------------------------------------------------------------------
    def ingest(
        self,
        connector_name: str,
        path: Path,
        *,
        skip_errors: bool = False,
        options: dict[str, str] | None = None,
    ) -> IngestReport:
        connector = get_connector(connector_name)
        if not path.exists():
            raise NotFoundError(f"{path}: no such file or folder", "check the path")
        context = IngestContext(
            skip_errors=skip_errors,
            bulk_commit_files=self.settings.bulk_commit_files,
            options=dict(options or {}),
        )
        store = self.store(create=True)
        report = IngestReport(connector=connector_name, path=str(path))
        started = time.monotonic()
        now = utc_now()
        stage = f"ingest {connector_name}"
        with store.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO ingests(connector, path, started_at) VALUES (?, ?, ?)",
                (connector_name, str(path), now),
            )
            assert cursor.lastrowid is not None
            ingest_id = cursor.lastrowid
            before = conn.total_changes
            writer = IngestWriter(conn, report, ingest_id, now)
            for count, record in enumerate(connector.parse(path, context), 1):
                writer.write(record)
                self.progress.update(stage, count)
            writer.finish()
            report.changed_rows = conn.total_changes - before
            report.seconds = time.monotonic() - started
            report.skipped = dict(context.skipped)
            report.notes = dict(context.notes)
            report.problems = [p.one_line() for p in context.problems]
            conn.execute(
                "UPDATE ingests SET finished_at=?, items_added=?, items_updated=?,"
                " people_added=?, aliases_added=?, merges=?, report=? WHERE id=?",
                (
                    utc_now(),
                    report.items_added,
                    report.items_updated,
                    report.people_added,
                    report.aliases_added,
                    report.merges,
                    json.dumps(report.as_dict()),
                    ingest_id,
                ),
            )
            if report.changed_rows:
                store.bump_generation()
        self.progress.finish(stage)
        if report.changed_rows:
            self.reindex()
        return report

    # -- indexes ---------------------------------------------------------------------------
    def reindex(self) -> dict[str, object]:
        """Rebuild every derived index (lexical, dense, learned model) from the store."""
        store = self.store()
        started = time.monotonic()
        stats = rebuild(
            store.conn, self.settings.workspace, store.generation(), self.settings, self.progress
        ).as_dict()
        stats["seconds"] = round(time.monotonic() - started, 3)
        self._evidence = None
        return stats

    def evidence(self) -> EvidenceBase:
        store = self.store()
        generation = store.generation()
        if self._evidence is not None and self._evidence.lexical.generation == generation:
            return self._evidence
        workspace = self.settings.workspace
        evidence = open_evidence(store.conn, workspace, generation, self.settings)
        if evidence is None:
            self.reindex()
            evidence = open_evidence(store.conn, workspace, generation, self.settings)
            assert evidence is not None
        self._evidence = evidence
        return evidence

    # -- answering -------------------------------------------------------------------------
    def rank(
        self, text: str, k: int = 10, since: str | None = None, ranker: str = DEFAULT_RANKER
    ) -> list[PersonScore]:
        if not text.strip():
            raise UsageError(
                "the question is empty", 'ask about a topic, e.g. whoknows ask "kafka"'
            )
        if k < 0:
            raise UsageError(f"--k {k} is negative", "use a positive number, or 0 for everyone")
        query = Query(text=text, since=epoch(since, "--since"), k=k)
        return get_ranker(ranker, self.settings).rank(query, self.evidence())

    def ask(
        self,
        text: str,
        k: int | None = None,
        since: str | None = None,
        ranker: str = DEFAULT_RANKER,
    ) -> list[Answer]:
        scores = self.rank(text, self.settings.default_k if k is None else k, since, ranker)
        return self._answers(scores, text)

    def evidence_views(self, votes: list[EvidenceVote], text: str) -> list[EvidenceView]:
        """The best distinct items of a person's votes, with a snippet around the query terms."""
        conn = self.store().conn
        terms = surface_terms(text)
        views: list[EvidenceView] = []
        seen: set[int] = set()
        for vote in votes:
            if vote.item_id in seen:
                continue
            seen.add(vote.item_id)
            item = conn.execute(
                "SELECT title, text, date, url, source, kind FROM items WHERE id = ?",
                (vote.item_id,),
            ).fetchone()
            views.append(
                EvidenceView(
                    item_id=vote.item_id,
                    title=item["title"] or item["text"][:80],
                    snippet=snippet(item["text"], terms),
                    date=item["date"],
                    url=item["url"],
                    role=vote.role,
                    source=item["source"],
                    kind=item["kind"],
                )
            )
            if len(views) >= self.settings.evidence_per_person:
                break
        return views

    def _answers(self, scores: list[PersonScore], text: str) -> list[Answer]:
        conn = self.store().conn
        answers = []
        for rank, scored in enumerate(scores, 1):
            person = conn.execute(
                "SELECT display_name, title, department FROM persons WHERE id = ?",
                (scored.person_id,),
            ).fetchone()
            evidence = self.evidence_views(scored.votes, text)
            answers.append(
                Answer(
                    rank=rank,
                    person_id=scored.person_id,
                    name=person["display_name"],
                    score=scored.score,
                    title=person["title"],
                    department=person["department"],
                    evidence=evidence,
                )
            )
        return answers

    def explain(
        self,
        text: str,
        person_ids: list[int],
        since: str | None = None,
        ranker: str = DEFAULT_RANKER,
    ) -> dict[int, dict[str, object]]:
        """The feature values behind each person's score for ``text`` (the "why" of a score)."""
        model = get_ranker(ranker, self.settings)
        evidence = self.evidence()
        if not isinstance(model, FeatureRanker):
            return {
                p: {"summary": f"ranker {ranker} gives no breakdown", "features": []}
                for p in person_ids
            }
        candidates = model.builder(evidence).build(
            text, since=epoch(since, "since"), include=frozenset(person_ids)
        )
        learned = ranker == "learned" and evidence.model is not None and evidence.model.usable
        summary = (
            "A model trained on this workspace's past questions combines these features."
            if learned
            else "Lexical and dense votes plus activity priors, fixed weights."
        )
        explained: dict[int, dict[str, object]] = {}
        for person_id in person_ids:
            row = candidates.features[candidates.people.index(person_id)]
            explained[person_id] = {
                "summary": summary,
                "features": [
                    (name, float(value)) for name, value in zip(FEATURES, row, strict=True)
                ],
            }
        return explained

    def sources(self) -> list[str]:
        return [
            row[0]
            for row in self.store().conn.execute(
                "SELECT DISTINCT source FROM items ORDER BY source"
            )
        ]

    def departments(self) -> list[str]:
        return [
            row[0]
            for row in self.store().conn.execute(
                "SELECT DISTINCT department FROM persons WHERE department IS NOT NULL"
                " ORDER BY department"
            )
        ]

    def score(self, person: str, text: str, ranker: str = DEFAULT_RANKER) -> Match:
        """How well one person's evidence covers ``text``, with the model behind ``ask``."""
        if not text.strip():
            raise UsageError("the text is empty", "give the text to match, e.g. an abstract")
        person_id = self.resolve_person(person)
        model = get_ranker(ranker, self.settings)
        if not isinstance(model, FeatureRanker):
            raise UsageError(f"ranker {ranker!r} cannot score one person", "use a built-in ranker")
        return score_person(model, self.evidence(), person_id, text)

    def score_batch(
        self, pairs: list[tuple[str, str, str]], out: Path, ranker: str = DEFAULT_RANKER
    ) -> dict[str, object]:
        """Score (pair id, person, text) triples and write a TSV of the results."""
        started = time.monotonic()
        lines = ["pair_id\tperson\tscore\trank\tcandidates\tfit\tcoverage"]
        for done, (pair_id, person, text) in enumerate(pairs, 1):
            match = self.score(person, text, ranker)
            lines.append(
                f"{pair_id}\t{person}\t{match.score:.6f}\t{match.rank}\t{match.candidates}"
                f"\t{match.fit:.4f}\t{match.coverage:.4f}"
            )
            self.progress.update("score", done, len(pairs))
        self.progress.finish("score")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        seconds = time.monotonic() - started
        return {"pairs": len(pairs), "out": str(out), "seconds": round(seconds, 3)}

    # -- batch and evaluation ----------------------------------------------------------------
    def source_of(self, connector_name: str) -> str:
        available = connectors()
        if connector_name not in available:
            raise NotFoundError(
                f"unknown connector {connector_name!r} for --label-by",
                f"choose one of: {', '.join(sorted(available))}",
            )
        return available[connector_name].source

    def labels(self, label_by: str | None) -> dict[int, str]:
        """Person id -> the label written in runs: their native id in one source, or our id."""
        conn = self.store().conn
        if label_by is None:
            return {row[0]: str(row[0]) for row in conn.execute("SELECT id FROM persons")}
        source = self.source_of(label_by)
        labels: dict[int, str] = {}
        for person_id, value in conn.execute(
            "SELECT person_id, value FROM aliases WHERE kind = 'source_id' AND source = ?"
            " ORDER BY id",
            (source,),
        ):
            labels.setdefault(person_id, value)
        return labels

    def ask_batch(
        self,
        queries: list[tuple[str, str]],
        run_path: Path,
        *,
        k: int = 100,
        label_by: str | None = None,
        ranker: str = DEFAULT_RANKER,
        tag: str | None = None,
    ) -> dict[str, object]:
        """Answer every query and write a TREC run; people without a label are left out."""
        labels = self.labels(label_by)
        tag = tag or f"whoknows-{ranker}"
        started = time.monotonic()
        lines = []
        for done, (query_id, text) in enumerate(queries, 1):
            written = 0
            for scored in self.rank(text, 0, None, ranker):
                label = labels.get(scored.person_id)
                if label is None:
                    continue
                written += 1
                lines.append(f"{query_id} Q0 {label} {written} {scored.score:.6f} {tag}")
                if k and written >= k:
                    break
            self.progress.update("ask", done, len(queries))
        self.progress.finish("ask")
        run_path.parent.mkdir(parents=True, exist_ok=True)
        run_path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
        seconds = time.monotonic() - started
        return {
            "queries": len(queries),
            "lines": len(lines),
            "run": str(run_path),
            "seconds": round(seconds, 3),
            "ms_per_query": round(1000 * seconds / max(len(queries), 1), 2),
        }


def _tsv_rows(path: Path, fields: int, expected: str, hint: str) -> list[tuple[str, ...]]:
    """Tab-separated lines of exactly ``fields`` non-empty fields (the last may hold tabs)."""
    from whoknows.errors import InputError

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise NotFoundError(f"{path}: cannot read the file ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise InputError(str(path), f"byte {error.start}", "not UTF-8 text") from error
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        parts = line.split("\t", fields - 1)
        if len(parts) != fields or not all(p.strip() for p in parts):
            raise InputError(str(path), f"line {number}", f"expected {expected}", hint)
        rows.append(tuple(p.strip() for p in parts))
    return rows


def read_queries(path: Path) -> list[tuple[str, str]]:
    """``query_id<TAB>text`` lines; blank lines are ignored, anything else is an error."""
    rows = _tsv_rows(
        path,
        2,
        "query_id<TAB>text",
        "write one query a line, its id and its text separated by a tab",
    )
    return [(row[0], row[1]) for row in rows]


def read_pairs(path: Path) -> list[tuple[str, str, str]]:
    """``pair_id<TAB>person<TAB>text`` lines for batch scoring."""
    rows = _tsv_rows(
        path,
        3,
        "pair_id<TAB>person<TAB>text",
        "write one pair a line: an id, the person (id, connector:id or name), the text",
    )
    return [(row[0], row[1], row[2]) for row in rows]
