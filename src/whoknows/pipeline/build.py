"""Build every derived index from the store (lexical, evidence columns, dense) and fit the
learned ranker; each index folder is written whole or not at all."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from contextlib import ExitStack, closing, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

import whoknows.pipeline.reading as reading
from whoknows.errors import IndexStateError
from whoknows.index.columns import EvidenceColumns
from whoknows.index.dense import DenseIndex, to_embed
from whoknows.index.embedders import Embedder
from whoknows.index.graph import ParticipationGraph
from whoknows.index.lexical import LexicalIndex
from whoknows.insights.vocabulary import TopicIndex
from whoknows.pipeline.engine import IngestEngine, LocalEngine
from whoknows.pipeline.reports import CreditedSentences
from whoknows.privacy import MentionMatcher, opted_out_matcher
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


def masking_digest(hidden: MentionMatcher) -> str:
    """What masks opted-out people's mentions now: a lexical index built under another
    masking is built again (the masked items' terms changed)."""
    keys = "\n".join(sorted(f"{kind}:{value}" for kind, value in hidden.hashes))
    return hashlib.sha1(keys.encode("utf-8")).hexdigest()


def _previous_lexical(folder: Path, settings: Settings, masking: str) -> LexicalIndex | None:
    """The lexical index to update, or None to build one (none, damaged, of another format,
    other parameters, built under another masking)."""
    try:
        previous = LexicalIndex.load(folder)
    except IndexStateError:
        return None
    meta = previous.meta
    same = meta.get("k1") == settings.bm25_k1 and meta.get("b") == settings.bm25_b
    return previous if same and meta.get("masking") == masking else None


def build_lexical(
    conn: sqlite3.Connection,
    workspace: Path,
    generation: int,
    settings: Settings,
    progress: Progress,
    engine: IngestEngine,
    credited: CreditedSentences,
    from_scratch: bool = False,
) -> LexicalIndex:
    """The lexical index of the store: the previous one updated (the engine counts only the
    new and changed items), or built by the engine from every item (always ``from_scratch``)."""
    hidden = opted_out_matcher(conn)
    masking = masking_digest(hidden)
    previous = None if from_scratch else _previous_lexical(workspace / LEXICAL, settings, masking)
    if previous is None:
        total = conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
        documents = reading.documents(conn, hidden, credited)
    else:
        ids, digests = reading.item_digests(conn, credited)
        keep, fresh = changes(previous.item_ids, previous.counts.digests, ids, digests)
        total, documents = int(fresh.size), reading.documents(conn, hidden, credited, fresh)

    def report(done: int) -> None:
        progress.update("lexical index", done, total)

    counted = engine.lexical(documents, generation, settings, report, total)
    lexical = counted if previous is None else previous.updated(keep, counted, generation)
    lexical.meta["masking"] = masking
    progress.finish("lexical index")
    return lexical


def changes(
    old_ids: np.ndarray, old_digests: np.ndarray, ids: np.ndarray, digests: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(which old rows stay as they are, which items to read again): an old row stays while
    its item exists with the same content digest; the others, and new items, are read."""
    at = np.minimum(np.searchsorted(ids, old_ids), max(ids.size - 1, 0))
    keep = (ids.size > 0) & (ids[at] == old_ids) & (digests[at] == old_digests)
    fresh = np.ones(ids.size, dtype=bool)
    fresh[at[keep]] = False
    return keep, ids[fresh]


def build_columns(
    conn: sqlite3.Connection, generation: int, credited: CreditedSentences
) -> EvidenceColumns:
    return EvidenceColumns.from_arrays(
        reading.item_arrays(conn, credited),
        reading.contribution_arrays(conn),
        reading.signal_arrays(conn),
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
    engine: IngestEngine,
    credited: CreditedSentences,
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
    hashes = reading.content_hashes(conn, hidden, credited)
    row_hashes = [hashes[i] for i in ids]
    todo = to_embed(previous, embedder, row_hashes)
    dense = DenseIndex.build(
        ids,
        row_hashes,
        lambda batch: reading.texts(conn, batch, hidden, credited),
        embedder,
        generation,
        previous,
        progress=lambda done, todo: progress.update("embeddings", done, todo),
        embed=engine.embedding(embedder, todo),
        ann_min_items=ann_min_items,
        graph_progress=lambda done, todo: progress.update("nearest-neighbour graph", done, todo),
    )
    progress.finish("embeddings")
    if dense.graph is not None:
        progress.finish("nearest-neighbour graph")
    return dense


def build_evidence(
    conn: sqlite3.Connection,
    workspace: Path,
    lexical: LexicalIndex,
    generation: int,
    credited: CreditedSentences,
    keep_topics: bool = False,
) -> tuple[EvidenceColumns, ParticipationGraph, EvidenceTables]:
    """The evidence columns, the participation graph, the tables derived from the columns and
    the topic index, each saved in ``workspace`` (``keep_topics``: the saved topic labels
    kept while they still serve, see :meth:`TopicIndex.still_usable`)."""
    columns = build_columns(conn, generation, credited)
    columns.save(workspace / COLUMNS)
    graph = ParticipationGraph.build(columns)
    graph.save(workspace / GRAPH)
    tables = EvidenceTables.build(columns, columns["excluded"].tolist())
    tables.save(workspace / TABLES)
    previous = None
    if keep_topics:
        with suppress(IndexStateError):
            previous = TopicIndex.load(workspace / TOPICS)
    TopicIndex.build(conn, lexical, generation, previous).save(workspace / TOPICS)
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
    (``retrain=False``, after an ingest: update the lexical index with the new items and keep
    the saved model while little new history arrived); ``engine`` counts the terms and embeds
    (by default, this machine's: see ``LocalEngine``)."""
    with ExitStack() as stack:
        if engine is None:
            engine = stack.enter_context(closing(LocalEngine()))
        stats = IndexStats(generation)
        started = time.monotonic()
        # (one reading of what credits others for every index: the people as they are now)
        credited = CreditedSentences(conn)
        lexical = build_lexical(
            conn, workspace, generation, settings, progress, engine, credited, retrain
        )
        lexical.save(workspace / LEXICAL)
        stats.items, stats.terms = len(lexical), int(str(lexical.meta["terms"]))
        stats.lexical_seconds = _since(started)
        started = time.monotonic()
        columns, graph, tables = build_evidence(
            conn, workspace, lexical, generation, credited, keep_topics=not retrain
        )
        stats.contributions = int(str(columns.meta["contributions"]))
        stats.columns_seconds = _since(started)
        dense = embedder = None
        if settings.dense:
            started = time.monotonic()
            dense, embedder = _dense(
                conn, workspace, lexical, generation, settings, progress, engine, credited
            )
            stats.embedded = int(str(dense.meta["embedded_now"]))
            stats.dense_seconds = _since(started)
    if settings.learn:
        started = time.monotonic()
        evidence = EvidenceBase(columns, lexical, dense, embedder, graph=graph, tables=tables)
        stats.model = _learn(conn, workspace, evidence, generation, progress, retrain)
        stats.learn_seconds = _since(started)
    return stats


def _dense(
    conn: sqlite3.Connection,
    workspace: Path,
    lexical: LexicalIndex,
    generation: int,
    settings: Settings,
    progress: Progress,
    engine: IngestEngine,
    credited: CreditedSentences,
) -> tuple[DenseIndex, Embedder]:
    """The dense index (embedded by ``engine``), saved; and the embedder."""
    from whoknows.index.embedders import default_embedder, prepared

    embedder = default_embedder(settings.embedder, settings.model_cache)
    for stage in prepared(embedder, progress.update):
        progress.finish(stage)
    dense = build_dense(
        conn,
        workspace / DENSE,
        lexical,
        embedder,
        generation,
        progress,
        settings.ann_min_items,
        engine,
        credited,
    )
    dense.save(workspace / DENSE)
    return dense, embedder


def _learn(
    conn: sqlite3.Connection,
    workspace: Path,
    evidence: EvidenceBase,
    generation: int,
    progress: Progress,
    retrain: bool,
) -> dict[str, object]:
    """Fit the learned ranker (or keep the saved one, ``retrain=False``) and save it."""
    from whoknows.pipeline.parallel import LEARN_MIN_ITEMS, worth_it
    from whoknows.rank.learned import INTERNAL_META, LearnedModel

    def report(done: int, todo: int) -> None:
        progress.update("learning", done, todo)

    learning = (reading.threads(conn), evidence, generation, report)
    writings, parallel = reading.writings(conn), worth_it(len(evidence.item_ids), LEARN_MIN_ITEMS)
    if retrain:
        model = LearnedModel.fit(*learning, writings=writings, parallel=parallel)
    else:
        folder = workspace / MODEL
        model = LearnedModel.fit_or_keep(folder, *learning, writings=writings, parallel=parallel)
    model.save(workspace / MODEL)
    progress.finish("learning")
    return {k: v for k, v in model.meta.items() if k not in INTERNAL_META}
