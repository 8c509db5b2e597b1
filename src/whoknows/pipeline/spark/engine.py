"""The spark engine's driver: sends the work out as Spark jobs and takes the results back in
order, for the writer and the index files of this process (see whoknows.pipeline.engine)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import islice
from typing import Any, TypeVar

import numpy as np

from whoknows.index.dense import Embedding
from whoknows.index.embedders import Embedder, StaticUSE
from whoknows.index.lexical import IndexedDocument, LexicalIndex
from whoknows.index.terms import TermTable, counted
from whoknows.ingest import Connector, IngestContext, Part, Splittable
from whoknows.pipeline.engine import Parsed, Source
from whoknows.pipeline.spark.session import EMBEDDING, LEXICAL, PARSING, Cluster
from whoknows.pipeline.spark.tasks import (
    DONE,
    RECORD,
    EmbedTask,
    ParseTask,
    embed_texts,
    parse_parts,
)
from whoknows.progress import Progress
from whoknows.settings import Settings

T = TypeVar("T")
SLICE = 50_000  # texts sent to the executors per job (bounds the driver's memory)
STARTING, PARSING_STAGE = "spark: starting", "spark: parsing"  # progress stages


def _slices(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class SparkEngine:
    """Parsing, identity keys, term counts and embeddings as Spark jobs; the store and the
    index files written here, as the local engine writes them."""

    name = "spark"

    def __init__(self, settings: Settings, master: str, progress: Progress) -> None:
        self.settings = settings
        self.progress = progress
        self.cluster = Cluster(settings, master)  # checks the master, Java and pyspark now

    def records(
        self, connector: Connector, source: Source, context: IngestContext
    ) -> Iterator[Parsed]:
        """The connector's parts parsed side by side (kept on the executors, spilled to
        disk), then streamed back part after part in the connector's order."""
        self.progress.update(STARTING, 0)
        sc = self.cluster.context()
        staged = self.cluster.stage(source)
        self.progress.finish(STARTING)
        parts: list[Part | None] = [None]  # a connector that does not split: one task
        if isinstance(connector, Splittable):
            parts = list(connector.parts(staged.local(), context, self.cluster.pieces()))
        if not parts:
            return
        task = ParseTask(connector.name, staged, context.skip_errors, dict(context.options))
        rdd = sc.parallelize(list(enumerate(parts)), len(parts))
        parsed = rdd.mapPartitions(partial(parse_parts, task))
        from pyspark import StorageLevel

        parsed.persist(StorageLevel.MEMORY_AND_DISK)
        try:
            self.progress.update(PARSING_STAGE, 0, len(parts))
            self.cluster.run(parsed.count, PARSING)
            self.progress.finish(PARSING_STAGE)
            for shipped in self.cluster.iterate(parsed.toLocalIterator(), PARSING):
                if shipped[0] == RECORD:
                    yield Parsed(shipped[1], shipped[2])
                elif shipped[0] == DONE:
                    context.merge(shipped[1])
                    if shipped[2] is not None:
                        raise shipped[2]
        finally:
            self.cluster.forget(parsed)

    def lexical(
        self,
        documents: Iterable[IndexedDocument],
        generation: int,
        settings: Settings,
        progress: Callable[[int], None],
        size: int = 0,
    ) -> LexicalIndex:
        """Term counts per piece on the executors; the vocabulary put together here."""
        sc = self.cluster.context()
        table = TermTable()
        ids: list[int] = []
        stamps: list[float] = []
        digests: list[int] = []
        for chunk in _slices(documents, SLICE):
            ids += [document.item_id for document in chunk]
            stamps += [document.timestamp for document in chunk]
            digests += [document.digest for document in chunk]
            texts = sc.parallelize([document.text for document in chunk], self._pieces(chunk))
            for piece in self.cluster.run(texts.mapPartitions(counted).collect, LEXICAL):
                table.add(piece)
            progress(len(ids))
        counts, _ = table.matrix()
        k1, b = settings.bm25_k1, settings.bm25_b
        rows = (np.asarray(ids), np.asarray(stamps), np.asarray(digests, dtype=np.uint64))
        return LexicalIndex.from_counts(
            counts, table.vocabulary, rows, generation, k1, b, table.pairs.rows()
        )

    def embedding(self, embedder: Embedder, size: int = 0) -> Embedding:
        """Texts embedded on the executors (the static embedder's table shipped to them)."""
        sc = self.cluster.context()
        table = None
        if isinstance(embedder, StaticUSE):
            from whoknows.index.static_table import table_path

            table = self.cluster.ship(table_path(embedder.cache))
        task = EmbedTask(embedder.name, str(self.settings.model_cache.expanduser()), table)
        dimensions = embedder.dimensions

        def vectors(texts: list[str]) -> np.ndarray:
            rdd = sc.parallelize(texts, self._pieces(texts))
            found = self.cluster.run(
                rdd.mapPartitions(partial(embed_texts, task)).collect, EMBEDDING
            )
            return np.concatenate(found) if found else np.zeros((0, dimensions), np.float16)

        return Embedding(vectors, SLICE)

    def _pieces(self, items: list[Any]) -> int:
        return max(1, min(len(items), self.cluster.pieces()))

    def close(self) -> None:
        self.cluster.stop()
