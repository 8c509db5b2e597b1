"""Open the indexes of a workspace back into an evidence base, when they match the store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import whoknows.pipeline.reading as reading
from whoknows.errors import IndexStateError
from whoknows.index.columns import EvidenceColumns
from whoknows.index.dense import DenseIndex
from whoknows.index.embedders import Embedder
from whoknows.index.graph import ParticipationGraph
from whoknows.index.lexical import LexicalIndex
from whoknows.pipeline.build import COLUMNS, DENSE, GRAPH, LEXICAL, MODEL, TABLES
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.learned import LearnedModel
from whoknows.rank.tables import EvidenceTables
from whoknows.settings import Settings


def open_evidence(
    conn: sqlite3.Connection, workspace: Path, generation: int, settings: Settings
) -> EvidenceBase | None:
    """The evidence base, or None when an index is missing, damaged or older than the store.

    Reads the index files (memory-mapped) and, from the store, only who is excluded now
    (bots, opt-outs), so a change of consent applies before the next reindex.
    """
    try:
        return _open(conn, workspace, generation, settings)
    except IndexStateError:
        return None


def _current(folder: Path) -> bool:
    return (folder / "meta.json").exists()


def _open(
    conn: sqlite3.Connection, workspace: Path, generation: int, settings: Settings
) -> EvidenceBase | None:
    folders = (LEXICAL, COLUMNS, GRAPH, TABLES)
    if not all(_current(workspace / folder) for folder in folders):
        return None
    lexical = LexicalIndex.load(workspace / LEXICAL)
    columns = EvidenceColumns.load(workspace / COLUMNS)
    graph = ParticipationGraph.load(workspace / GRAPH)
    tables = EvidenceTables.load(workspace / TABLES)
    if any(index.generation != generation for index in (lexical, columns, graph, tables)):
        return None
    dense: DenseIndex | None = None
    embedder: Embedder | None = None
    model: LearnedModel | None = None
    if settings.dense:
        if not _current(workspace / DENSE):
            return None
        dense = DenseIndex.load(workspace / DENSE)
        if dense.generation != generation:
            return None
        from whoknows.index.embedders import default_embedder

        embedder = default_embedder(settings.embedder, settings.model_cache)
        if not dense.made_by(embedder):  # the embedder setting changed: embed again
            return None
    if settings.learn:
        if not _current(workspace / MODEL):
            return None
        model = LearnedModel.load(workspace / MODEL, lazy=True)
        if model.meta.get("generation") != generation:
            return None
    excluded = reading.excluded_people(conn)
    return EvidenceBase(
        columns, lexical, dense, embedder, model, excluded=excluded, graph=graph, tables=tables
    )
