"""What the spark engine runs on the executors: plain functions over a partition's elements,
pickled by reference (every executor imports this whoknows; docs/scale.md says how).

Nothing here imports Spark at module level: only :meth:`Staged.local` asks Spark where it
fetched a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from whoknows.errors import EngineError, WhoknowsError
from whoknows.i18n import N_
from whoknows.identity import IdentityKeys, Signature, identity_keys, signature
from whoknows.index.dense import BATCH
from whoknows.index.embedders import Embedder, StaticUSE, default_embedder
from whoknows.ingest import IngestContext, Part, Splittable, get_connector
from whoknows.pipeline.identities import identities
from whoknows.records import Record

RECORD, DONE = 0, 1  # what a parsing partition ships: records, then its part's context


@dataclass(frozen=True)
class Staged:
    """Where an executor finds a file or folder: a ``path`` every node reads as it is, or the
    ``name`` Spark fetched it under (``SparkContext.addFile``)."""

    path: str = ""
    name: str = ""

    def local(self) -> Path:
        if self.name:
            from pyspark import SparkFiles

            return Path(SparkFiles.get(self.name))
        return Path(self.path)


@dataclass(frozen=True)
class ParseTask:
    connector: str
    source: Staged
    skip_errors: bool
    options: dict[str, str] = field(default_factory=dict)


Shipped = (
    tuple[int, Record, tuple[tuple[Signature, IdentityKeys], ...]]
    | tuple[int, IngestContext, WhoknowsError | None]
)


def parse_parts(task: ParseTask, parts: Iterable[tuple[int, Part | None]]) -> Iterator[Shipped]:
    """Parse each part (None: the whole source, for a connector that does not split):
    its records with the identity keys first seen in this partition, then ``DONE`` with the
    part's context and the error that stopped it, if one did (raised where it arrives)."""
    connector = get_connector(task.connector)
    path = task.source.local()
    seen: set[Signature] = set()
    for _, part in parts:
        context = IngestContext(task.skip_errors, dict(task.options), str(path))
        stopped: WhoknowsError | None = None
        try:
            if part is None:
                records = connector.parse(path, context)
            else:
                assert isinstance(connector, Splittable)
                records = connector.parse_part(path, part, context)
            for record in records:
                yield RECORD, record, _new_keys(record, seen)
        except WhoknowsError as error:
            stopped = error
        yield DONE, context, stopped


def _new_keys(record: Record, seen: set[Signature]) -> tuple[tuple[Signature, IdentityKeys], ...]:
    found = []
    for identity in identities(record):
        key = signature(identity)
        if key not in seen:
            seen.add(key)
            found.append((key, identity_keys(identity)))
    return tuple(found)


@dataclass(frozen=True)
class EmbedTask:
    embedder: str
    cache: str  # the model cache of the driver's settings
    table: Staged | None = None  # the static embedder's table, shipped with the job


def embed_texts(task: EmbedTask, texts: Iterable[str]) -> Iterator[np.ndarray]:
    """The vectors of a partition's texts (float16, as the dense index keeps them)."""
    embedder = _embedder(task)
    given = list(texts)
    vectors = np.zeros((len(given), embedder.dimensions), dtype=np.float16)
    for start in range(0, len(given), BATCH):
        batch = given[start : start + BATCH]
        vectors[start : start + len(batch)] = embedder.embed(batch).astype(np.float16)
    yield vectors


def _embedder(task: EmbedTask) -> Embedder:
    cache = task.table.local().parent if task.table is not None else Path(task.cache)
    embedder = default_embedder(task.embedder, cache)
    if isinstance(embedder, StaticUSE) and task.table is not None:
        from whoknows.index.static_table import table_path

        if not table_path(cache).is_file():  # else it would distil one here, for minutes
            raise EngineError(
                N_("this executor's embedding package names another table than the driver's"),
                N_("install the same versions of whoknows and its packages on every node"),
                where=str(cache),
            )
    return embedder
