"""Build every derived index from the store, and load them back for ranking."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from whoknows.errors import IndexStateError
from whoknows.index.dense import DenseIndex
from whoknows.index.lexical import IndexedDocument, LexicalIndex
from whoknows.progress import Progress
from whoknows.rank.evidence import EvidenceBase
from whoknows.settings import Settings
from whoknows.text import parse_date

LEXICAL = Path("index") / "lexical"
DENSE = Path("index") / "dense"
MODEL = Path("index") / "model"


def _documents(conn: sqlite3.Connection) -> Iterator[IndexedDocument]:
    for row in conn.execute("SELECT id, title, text, context, tags, date FROM items ORDER BY id"):
        tags = " ".join(json.loads(row["tags"])) if row["tags"] else ""
        text = " ".join(filter(None, [row["title"], row["text"], row["context"], tags]))
        parsed = parse_date(row["date"])
        yield IndexedDocument(row["id"], text, parsed.timestamp() if parsed else float("nan"))


def _texts(conn: sqlite3.Connection, item_ids: list[int]) -> list[str]:
    marks = ",".join("?" * len(item_ids))
    rows = {
        row[0]: " ".join(filter(None, [row[1], row[2], row[3]]))
        for row in conn.execute(
            f"SELECT id, title, context, text FROM items WHERE id IN ({marks})", item_ids
        )
    }
    return [rows[i] for i in item_ids]


def rebuild(
    conn: sqlite3.Connection,
    workspace: Path,
    generation: int,
    settings: Settings,
    progress: Progress,
) -> dict[str, object]:
    stats: dict[str, object] = {"generation": generation}
    started = time.monotonic()
    total = conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    lexical = LexicalIndex.build(
        _documents(conn),
        generation,
        k1=settings.bm25_k1,
        b=settings.bm25_b,
        progress=lambda done: progress.update("lexical index", done, total),
    )
    lexical.save(workspace / LEXICAL)
    progress.finish("lexical index")
    stats.update(
        items=len(lexical),
        terms=lexical.meta["terms"],
        lexical_seconds=round(time.monotonic() - started, 3),
    )
    dense = embedder = None
    if settings.dense:
        from whoknows.index.embedders import default_embedder

        started = time.monotonic()
        embedder = default_embedder()
        previous = None
        if (workspace / DENSE / "meta.json").exists():
            try:
                previous = DenseIndex.load(workspace / DENSE)
            except IndexStateError:
                previous = None
        ids = lexical.item_ids.tolist()
        hashes = dict(conn.execute("SELECT id, content_hash FROM items"))
        dense = DenseIndex.build(
            ids,
            [hashes[i] for i in ids],
            lambda batch: _texts(conn, batch),
            embedder,
            generation,
            previous,
            progress=lambda done, todo: progress.update("embeddings", done, todo),
        )
        dense.save(workspace / DENSE)
        progress.finish("embeddings")
        stats.update(
            embedded=dense.meta["embedded_now"], dense_seconds=round(time.monotonic() - started, 3)
        )
    if settings.learn:
        from whoknows.rank.training import train

        started = time.monotonic()
        evidence = EvidenceBase(conn, lexical, dense, embedder)
        model = train(
            conn,
            evidence,
            generation,
            progress=lambda done, todo: progress.update("learning", done, todo),
        )
        model.save(workspace / MODEL)
        progress.finish("learning")
        stats.update(
            model={k: v for k, v in model.meta.items() if k not in {"features"}},
            learn_seconds=round(time.monotonic() - started, 3),
        )
    return stats


def load_evidence(
    conn: sqlite3.Connection, workspace: Path, generation: int, settings: Settings
) -> EvidenceBase | None:
    """The evidence base, or None when an index is missing, damaged or older than the store."""
    try:
        return _load(conn, workspace, generation, settings)
    except IndexStateError:
        return None


def _load(
    conn: sqlite3.Connection, workspace: Path, generation: int, settings: Settings
) -> EvidenceBase | None:
    folder = workspace / LEXICAL
    if not (folder / "meta.json").exists():
        return None
    lexical = LexicalIndex.load(folder)
    if lexical.generation != generation:
        return None
    dense = embedder = model = None
    if settings.dense:
        if not (workspace / DENSE / "meta.json").exists():
            return None
        dense = DenseIndex.load(workspace / DENSE)
        if dense.generation != generation:
            return None
        from whoknows.index.embedders import default_embedder

        embedder = default_embedder()
    if settings.learn:
        from whoknows.rank.training import LearnedModel

        if not (workspace / MODEL / "meta.json").exists():
            return None
        model = LearnedModel.load(workspace / MODEL)
        if model.meta.get("generation") != generation:
            return None
    return EvidenceBase(conn, lexical, dense, embedder, model)
