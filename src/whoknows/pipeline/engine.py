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
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol

import whoknows.pipeline.feeding as feeding
import whoknows.pipeline.parallel as parallel
from whoknows.identity import IdentityKeys, Signature
from whoknows.index.dense import BATCH, Embedding
from whoknows.index.embedders import Embedder
from whoknows.index.lexical import IndexedDocument, LexicalIndex
from whoknows.index.lexical_terms import Tokenizer, tokenized
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
        size: int = 0,
    ) -> LexicalIndex:
        """The lexical index of ``documents`` (``progress``: documents done so far; ``size``:
        how many there are, when known)."""
        ...

    def embedding(self, embedder: Embedder, size: int = 0) -> Embedding:
        """How this engine embeds texts with ``embedder`` (``size``: how many it will)."""
        ...

    def close(self) -> None:
        """Release what the engine holds (a Spark context, its JVM); callers use
        ``contextlib.closing``."""
        ...


class LocalEngine:
    """Everything on this machine: in this process, and for a large input or build also in
    forked child processes that use its other cores (reading the input while this process
    writes the store, tokenizing, embedding; see :mod:`whoknows.pipeline.feeding` and
    :mod:`whoknows.pipeline.parallel`). The same records, index and vectors either way."""

    name = "local"

    def __init__(self) -> None:
        self._held = ExitStack()  # the embedding children, until the engine closes

    def records(
        self, connector: Connector, source: Source, context: IngestContext
    ) -> Iterator[Parsed]:
        for record in feeding.records(connector, Path(source), context):
            yield Parsed(record)

    def lexical(
        self,
        documents: Iterable[IndexedDocument],
        generation: int,
        settings: Settings,
        progress: Callable[[int], None],
        size: int = 0,
    ) -> LexicalIndex:
        k1, b = settings.bm25_k1, settings.bm25_b
        with ExitStack() as stack:
            tokenizer: Tokenizer = tokenized
            if parallel.worth_it(size):
                workers = stack.enter_context(parallel.pool())
                tokenizer = partial(parallel.counted, workers)
            return LexicalIndex.build(documents, generation, k1, b, progress, tokenizer)

    def embedding(self, embedder: Embedder, size: int = 0) -> Embedding:
        if not parallel.worth_it(size):
            return Embedding(embedder.embed, BATCH)
        workers = self._held.enter_context(parallel.pool(embedder))
        return Embedding(partial(parallel.embed_split, workers), parallel.EMBED_SLICE)

    def close(self) -> None:
        self._held.close()
