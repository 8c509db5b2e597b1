"""Build every derived index from the store (lexical, evidence columns, dense) and fit the
learned ranker; each index folder is written whole or not at all."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import whoknows.pipeline.reading as reading
from whoknows.errors import IndexStateError
from whoknows.index.columns import EvidenceColumns
from whoknows.index.dense import DenseIndex
from whoknows.index.embedders import Embedder
from whoknows.index.graph import ParticipationGraph
from whoknows.index.lexical import LexicalIndex
from whoknows.insights.vocabulary import TopicIndex
from whoknows.pipeline.engine import IngestEngine, LocalEngine
from whoknows.privacy import opted_out_matcher
from whoknows.progress import Progress
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.tables import EvidenceTables
from whoknows.settings import Settings

LEXICAL = Path("index") / "lexical"
COLUMNS = Path("index") / "columns"
GRAPH = Path("index") / "graph"
DENSE = Path("index") / "dense"
MODEL = Path("index") / "model"
TABLES = Path("index") / "tables"
TOPICS = Path("index") / "topics"


@dataclass
class IndexStats:
    """What a rebuild did (seconds per stage; None for a stage that did not run)."""

    generation: int
    items: int = 0
    terms: int = 0
    contributions: int = 0
    lexical_seconds: float = 0.0
    columns_seconds: float = 0.0
    embedded: int | None = None
    dense_seconds: float | None = None
    model: dict[str, object] | None = field(default=None)
    learn_seconds: float | None = None
    seconds: float = 0.0  # the whole rebuild, set by the caller that timed it

    def as_dict(self) -> dict[str, object]:
        """The stages that ran, as plain values (for JSON and the CLI)."""
        return {k: v for k, v in asdict(self).items() if v is not None}


def _since(started: float) -> float:
    return round(time.monotonic() - started, 3)


def build_lexical(
    conn: sqlite3.Connection,
    generation: int,
    settings: Settings,
    progress: Progress,
    engine: IngestEngine | None = None,
) -> LexicalIndex:
    total = conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    lexical = (engine or LocalEngine()).lexical(
        reading.documents(conn, opted_out_matcher(conn)),
        generation,
        settings,
        lambda done: progress.update("lexical index", done, total),
    )
    progress.finish("lexical index")
    return lexical


def build_columns(conn: sqlite3.Connection, generation: int) -> EvidenceColumns:
    return EvidenceColumns.build(
        reading.item_rows(conn),
        reading.contribution_rows(conn),
        reading.signal_rows(conn),
        reading.excluded_people(conn),
        generation,
    )


def build_dense(
    conn: sqlite3.Connection,
    folder: Path,
    lexical: LexicalIndex,
    embedder: Embedder,
    generation: int,
    progress: Progress,
    ann_min_items: int,
    engine: IngestEngine | None = None,
) -> DenseIndex:
    """Embeddings of every item; unchanged items are copied from the previous index; the
    nearest-neighbour graph from ``ann_min_items`` items on."""
    previous = None
    if (folder / "meta.json").exists():
        try:
            previous = DenseIndex.load(folder)
        except IndexStateError:
            previous = None
    ids = lexical.item_ids.tolist()
    hidden = opted_out_matcher(conn)
    hashes = reading.content_hashes(conn, hidden)
    dense = DenseIndex.build(
        ids,
        [hashes[i] for i in ids],
        lambda batch: reading.texts(conn, batch, hidden),
        embedder,
        generation,
        previous,
        progress=lambda done, todo: progress.update("embeddings", done, todo),
        embed=(engine or LocalEngine()).embedding(embedder),
        ann_min_items=ann_min_items,
        graph_progress=lambda done, todo: progress.update("nearest-neighbour graph", done, todo),
    )
    progress.finish("embeddings")
    if dense.graph is not None:
        progress.finish("nearest-neighbour graph")
    return dense


def build_evidence(
    conn: sqlite3.Connection, workspace: Path, lexical: LexicalIndex, generation: int
) -> tuple[EvidenceColumns, ParticipationGraph, EvidenceTables]:
    """The evidence columns, the participation graph, the tables derived from the columns and
    the topic index, each saved in ``workspace``."""
    columns = build_columns(conn, generation)
    columns.save(workspace / COLUMNS)
    graph = ParticipationGraph.build(columns)
    graph.save(workspace / GRAPH)
    tables = EvidenceTables.build(columns, columns["excluded"].tolist())
    tables.save(workspace / TABLES)
    TopicIndex.build(conn, lexical, generation).save(workspace / TOPICS)
    return columns, graph, tables


def rebuild(
    conn: sqlite3.Connection,
    workspace: Path,
    generation: int,
    settings: Settings,
    progress: Progress,
    retrain: bool = True,
    engine: IngestEngine | None = None,
) -> IndexStats:
    """Rebuild every index of ``workspace`` from the store, then fit the learned ranker
    (``retrain=False``: keep the saved one while little new history arrived); ``engine``
    counts the terms and embeds (by default, this process)."""
    stats = IndexStats(generation)
    started = time.monotonic()
    lexical = build_lexical(conn, generation, settings, progress, engine)
    lexical.save(workspace / LEXICAL)
    stats.items, stats.terms = len(lexical), int(str(lexical.meta["terms"]))
    stats.lexical_seconds = _since(started)
    started = time.monotonic()
    columns, graph, tables = build_evidence(conn, workspace, lexical, generation)
    stats.contributions = int(str(columns.meta["contributions"]))
    stats.columns_seconds = _since(started)
    dense = embedder = None
    if settings.dense:
        from whoknows.index.embedders import default_embedder, prepared

        started = time.monotonic()
        embedder = default_embedder(settings.embedder, settings.model_cache)
        prepared(embedder, lambda done, todo: progress.update("embedding table", done, todo))
        progress.finish("embedding table")
        dense = build_dense(
            conn,
            workspace / DENSE,
            lexical,
            embedder,
            generation,
            progress,
            settings.ann_min_items,
            engine,
        )
        dense.save(workspace / DENSE)
        stats.embedded = int(str(dense.meta["embedded_now"]))
        stats.dense_seconds = _since(started)
    if settings.learn:
        started = time.monotonic()
        evidence = EvidenceBase(columns, lexical, dense, embedder, graph=graph, tables=tables)
        stats.model = _learn(conn, workspace, evidence, generation, progress, retrain)
        stats.learn_seconds = _since(started)
    return stats


def _learn(
    conn: sqlite3.Connection,
    workspace: Path,
    evidence: EvidenceBase,
    generation: int,
    progress: Progress,
    retrain: bool,
) -> dict[str, object]:
    """Fit the learned ranker (or keep the saved one, ``retrain=False``) and save it."""
    from whoknows.rank.learned import LearnedModel

    def report(done: int, todo: int) -> None:
        progress.update("learning", done, todo)

    learning = (reading.threads(conn), evidence, generation, report)
    if retrain:
        model = LearnedModel.fit(*learning, writings=reading.writings(conn))
    else:
        model = LearnedModel.fit_or_keep(
            workspace / MODEL, *learning, writings=reading.writings(conn)
        )
    model.save(workspace / MODEL)
    progress.finish("learning")
    return {k: v for k, v in model.meta.items() if k != "features"}
