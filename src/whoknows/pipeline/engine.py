"""Ingest engines: what runs the heavy, per-item work of an ingest.

An ingest parses a source into records, resolves who wrote them, and builds the indexes from
the store. Whatever the engine, the driver (this process) writes the store through
:class:`~whoknows.pipeline.writer.IngestWriter` in one transaction and writes every index
file in its format; the engine runs the work that splits by item:

- ``records``: the connector's parsing, with the identity keys of every identity a record
  brings (what the resolver compares), in the order the connector yields them;
- ``lexical``: tokenization, term frequencies and document frequencies of the lexical index;
- ``embedding``: the dense vectors of the texts to embed.

:class:`LocalEngine` runs them in this process (what whoknows always did);
``whoknows.pipeline.spark.SparkEngine`` runs them as PySpark jobs. Both give the same files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol

from whoknows.identity import IdentityKeys, Signature
from whoknows.index.dense import BATCH, Embedding
from whoknows.index.embedders import Embedder
from whoknows.index.lexical import IndexedDocument, LexicalIndex
from whoknows.ingest import Connector, IngestContext
from whoknows.records import Record
from whoknows.settings import Settings

Source = Path | str  # a folder or file, or (a str) the URL of one in an object store
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(source: Source) -> bool:
    """Whether ``source`` names a place that only a cluster's file systems read (s3a://...)."""
    return isinstance(source, str) and bool(_URL.match(source))


@dataclass(frozen=True)
class Parsed:
    """A record as an engine parsed it, with the identity keys of its identities that the
    engine computed (none: the writer computes them)."""

    record: Record
    keys: tuple[tuple[Signature, IdentityKeys], ...] = ()


class IngestEngine(Protocol):
    name: str

    def records(
        self, connector: Connector, source: Source, context: IngestContext
    ) -> Iterator[Parsed]:
        """The connector's records of ``source``, in its order; problems go to ``context``."""
        ...

    def lexical(
        self,
        documents: Iterable[IndexedDocument],
        generation: int,
        settings: Settings,
        progress: Callable[[int], None],
    ) -> LexicalIndex:
        """The lexical index of ``documents`` (``progress``: documents done so far)."""
        ...

    def embedding(self, embedder: Embedder) -> Embedding:
        """How this engine embeds texts with ``embedder``."""
        ...

    def close(self) -> None:
        """Release what the engine holds (a Spark context, its JVM)."""
        ...

    def __enter__(self) -> IngestEngine: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None: ...


class LocalEngine:
    """Everything in this process, one item after another."""

    name = "local"

    def records(
        self, connector: Connector, source: Source, context: IngestContext
    ) -> Iterator[Parsed]:
        for record in connector.parse(Path(source), context):
            yield Parsed(record)

    def lexical(
        self,
        documents: Iterable[IndexedDocument],
        generation: int,
        settings: Settings,
        progress: Callable[[int], None],
    ) -> LexicalIndex:
        k1, b = settings.bm25_k1, settings.bm25_b
        return LexicalIndex.build(documents, generation, k1=k1, b=b, progress=progress)

    def embedding(self, embedder: Embedder) -> Embedding:
        return Embedding(embedder.embed, BATCH)

    def close(self) -> None:
        return None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
