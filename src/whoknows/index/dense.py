"""Dense item embeddings, aligned with the lexical index rows, reused across rebuilds.

On disk: ``vectors.npy`` (float16, one unit vector per item), ``items.npy``, ``hashes.json``
(content hash per row, so a rebuild embeds only new or changed items), ``meta.json`` and, from
:data:`~whoknows.index.ann.ANN_MIN_ITEMS` items on, ``ann.usearch`` (the nearest-neighbour
graph, see :mod:`whoknows.index.ann`). Vectors and graph are memory-mapped when opened; the
hashes are read only by a rebuild.

A query's similarities (:class:`QuerySimilarities`) come from an exact scan of every vector in
a small workspace, from the graph in a large one: there, only the items it finds and the rows a
ranker asks about are scored.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from whoknows.errors import IndexStateError
from whoknows.i18n import N_
from whoknows.index._files import load_array, replaced_folder
from whoknows.index.ann import ANN_MIN_ITEMS, FILE, VectorGraph, dots, extended, parameters
from whoknows.index.embedders import Embedder

FORMAT = "whoknows-dense/1"
BATCH = 64
CHUNK = 65_536  # rows scored at once by a scan over part of a large index
PAGE = 4096
OVERFETCH = 2  # the graph is asked for this many times the rows wanted (window, rescoring)
# an item stands out from a query's similarities to the whole index (a one-sided outlier of
# a normal at three standard deviations, ~0.1%): only such items are shown as its evidence
OUTLIER_Z = 3.0
SPREAD_SAMPLE = 4096  # rows of a large index read to estimate that spread


@dataclass(frozen=True)
class Embedding:
    """How the texts of the rows to embed become vectors: ``vectors`` of ``slice`` texts at a
    time (float32, one row a text, in order)."""

    vectors: Callable[[list[str]], np.ndarray]
    slice: int


class DenseIndex:
    def __init__(
        self,
        vectors: np.ndarray,
        item_ids: np.ndarray,
        hashes: list[str] | Callable[[], list[str]],
        meta: dict[str, object],
        graph: VectorGraph | None = None,
    ) -> None:
        self.vectors = vectors
        self.item_ids = item_ids
        self._hashes = hashes
        self.meta = meta
        self._graph = graph
        self._graph_file: Path | None = None  # a graph opened on first use
        self._search: np.ndarray | None = None

    @property
    def graph(self) -> VectorGraph | None:
        """The nearest-neighbour graph, memory-mapped when first asked for (commands that
        read no vector, the insights, do not open it)."""
        path, self._graph_file = self._graph_file, None
        if path is not None and self._graph is None:
            self._graph = _view(path, self.vectors.shape[1], len(self.item_ids))
        return self._graph

    @graph.setter
    def graph(self, graph: VectorGraph | None) -> None:
        self._graph, self._graph_file = graph, None

    @property
    def generation(self) -> int:
        return int(str(self.meta.get("generation", -1)))

    @cached_property
    def hashes(self) -> list[str]:
        """Content hash per row (read from disk on first use: only rebuilds need them)."""
        return self._hashes if isinstance(self._hashes, list) else self._hashes()

    @classmethod
    def build(
        cls,
        item_ids: list[int],
        hashes: list[str],
        texts: Callable[[list[int]], list[str]],
        embedder: Embedder,
        generation: int,
        previous: DenseIndex | None = None,
        progress: Callable[[int, int], None] | None = None,
        embed: Embedding | None = None,
        ann_min_items: int = ANN_MIN_ITEMS,
        graph_progress: Callable[[int, int], None] | None = None,
    ) -> DenseIndex:
        """Embed items; rows whose content hash is unchanged are copied from ``previous``.

        ``embed`` embeds the texts of the other rows, a slice at a time (by default
        ``embedder.embed`` on batches of :data:`BATCH`; the spark engine's on a cluster);
        the vectors of a text are the same whoever embeds it. From ``ann_min_items`` items
        on, a nearest-neighbour graph is built (or extended)."""
        embed = embed or Embedding(embedder.embed, BATCH)
        vectors = np.zeros((len(item_ids), embedder.dimensions), dtype=np.float16)
        reused = previous if previous is not None and previous.made_by(embedder) else None
        known = {digest: row for row, digest in enumerate(reused.hashes)} if reused else {}
        pairs = [(row, known[d]) for row, d in enumerate(hashes) if d in known]
        if pairs and reused is not None:
            rows, old = (np.asarray(side, dtype=np.int64) for side in zip(*pairs, strict=True))
            vectors[rows] = reused.vectors[old]
        copied = {row for row, _ in pairs}
        missing = [row for row in range(len(hashes)) if row not in copied]
        for start in range(0, len(missing), embed.slice):
            rows_now = missing[start : start + embed.slice]
            embedded = embed.vectors(texts([item_ids[r] for r in rows_now]))
            vectors[rows_now] = embedded.astype(np.float16)
            if progress:
                progress(start + len(rows_now), len(missing))
        meta: dict[str, object] = {
            "format": FORMAT,
            "generation": generation,
            "embedder": embedder.name,
            "embedder_revision": embedder.revision,
            "dimensions": embedder.dimensions,
            "items": len(item_ids),
            "embedded_now": len(missing),
        }
        ids = np.asarray(item_ids, dtype=np.int64)
        dense = cls(vectors, ids, list(hashes), meta)
        if len(item_ids) >= ann_min_items:
            dense.graph = dense._graph_from(reused, graph_progress)
        return dense

    def _graph_from(
        self, previous: DenseIndex | None, progress: Callable[[int, int], None] | None
    ) -> VectorGraph:
        """The nearest-neighbour graph: ``previous``'s extended when few items changed, else
        a new one."""
        before = None
        if previous is not None and previous.graph is not None and _same_graph(previous.meta):
            before = (previous.graph, previous.item_ids, previous.hashes)
        graph, how = extended(self.vectors, self.item_ids, self.hashes, before, progress)
        self.meta["ann"] = {**parameters(), "items": len(graph), "built": how}
        return graph

    def made_by(self, embedder: Embedder) -> bool:
        """Whether these vectors come from ``embedder`` (same name and revision)."""
        meta = self.meta
        same = meta.get("embedder") == embedder.name
        return same and meta.get("embedder_revision", 1) == embedder.revision

    def similarities(self, query_vector: np.ndarray) -> np.ndarray:
        """The cosine of every row (an exact scan; kept for small indexes)."""
        if self._search is None:  # float16 on disk, float32 in memory: numpy's f16 matmul is slow
            self._search = np.asarray(self.vectors, dtype=np.float32)
        return self._search @ query_vector.astype(np.float32)

    def warm(self) -> None:
        """Prepare what a server's queries read: the float32 copy a scan needs; with a graph,
        every page of the vectors mapped now (one value read per page: the file's pages are
        shared with other processes, and no query waits for them to be mapped)."""
        if self.graph is None:
            self.similarities(np.zeros(self.vectors.shape[1], np.float32))
        elif self.vectors.size:
            flat = self.vectors.reshape(-1)
            np.add.reduce(flat[:: max(1, PAGE // flat.itemsize)], dtype=np.float64)

    def similarity_of(self, query_vector: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The cosine of the given rows only (float32), scored in chunks: from the float32
        copy of a scanned index, else with :func:`whoknows.index.ann.dots` (a large index)."""
        if self._search is not None:
            return np.asarray(self._search[rows] @ query_vector.astype(np.float32))
        found = np.empty(rows.size, dtype=np.float32)
        for start in range(0, rows.size, CHUNK):
            part = rows[start : start + CHUNK]
            found[start : start + part.size] = dots(self.vectors[part], query_vector)
        return found

    def query(self, query_vector: np.ndarray, window: np.ndarray) -> QuerySimilarities:
        """The similarities of one query to the rows inside ``window``."""
        return QuerySimilarities(self, query_vector, window)

    def save(self, folder: Path) -> None:
        with replaced_folder(folder) as staging:
            np.save(staging / "vectors.npy", self.vectors, allow_pickle=False)
            np.save(staging / "items.npy", self.item_ids, allow_pickle=False)
            (staging / "hashes.json").write_text(json.dumps(self.hashes), encoding="utf-8")
            (staging / "meta.json").write_text(json.dumps(self.meta, indent=2), encoding="utf-8")
            if self.graph is not None:
                self.graph.save(staging / FILE)

    @classmethod
    def load(cls, folder: Path) -> DenseIndex:
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT:
                raise ValueError(f"format {meta.get('format')!r}")
            vectors = load_array(folder / "vectors.npy")
            item_ids = load_array(folder / "items.npy")
            with_graph = isinstance(meta.get("ann"), dict)
            if with_graph and not (folder / FILE).stat().st_size:
                raise ValueError("the nearest-neighbour graph is empty")
        except (OSError, ValueError, KeyError) as error:
            raise IndexStateError(
                N_("the dense index is missing or damaged"),
                N_("run `whoknows reindex`"),
                where=str(folder),
            ) from error

        def hashes() -> list[str]:
            found: list[str] = json.loads((folder / "hashes.json").read_text(encoding="utf-8"))
            return found

        dense = cls(vectors, item_ids, hashes, meta)
        if with_graph:
            dense._graph_file = folder / FILE
        return dense


def _view(path: Path, dimensions: int, items: int) -> VectorGraph:
    """The graph saved at ``path``, memory-mapped, or the error that says to reindex."""
    try:
        graph = VectorGraph.view(path, int(dimensions))
        if len(graph) != items:
            raise ValueError("the nearest-neighbour graph does not match the vectors")
    except (OSError, ValueError, RuntimeError) as error:
        raise IndexStateError(
            N_("the dense index is missing or damaged"),
            N_("run `whoknows reindex`"),
            where=str(path.parent),
        ) from error
    return graph


def to_embed(previous: DenseIndex | None, embedder: Embedder, hashes: list[str]) -> int:
    """How many of the rows of ``hashes`` :meth:`DenseIndex.build` will embed (the others'
    vectors are in ``previous``)."""
    if previous is None or not previous.made_by(embedder):
        return len(hashes)
    known = set(previous.hashes)
    return sum(1 for digest in hashes if digest not in known)


def _same_graph(meta: dict[str, object]) -> bool:
    """Whether a graph described by ``meta`` was built with today's parameters."""
    found = meta.get("ann")
    return isinstance(found, dict) and all(found.get(k) == v for k, v in parameters().items())


class QuerySimilarities:
    """One query's cosine to the items inside a window (-1 outside it): every row at once
    from an exact scan when the index has no graph; else the rows the graph finds
    (:meth:`top`) and the rows a ranker asks about (:meth:`of`), each scored exactly."""

    def __init__(self, index: DenseIndex, vector: np.ndarray, window: np.ndarray) -> None:
        self.index = index
        self.vector = vector
        self.window = window
        self.every: np.ndarray | None = None  # every row's cosine (NaN: not scored yet)
        self.scanned = index.graph is None
        if self.scanned:
            self.every = np.where(window, index.similarities(vector), -1.0)

    @classmethod
    def given(cls, every: np.ndarray) -> QuerySimilarities:
        """Similarities already computed for every row (a test's, or a scan's)."""
        index = DenseIndex(np.zeros((every.size, 1), np.float16), np.arange(every.size), [], {})
        found = cls(index, np.zeros(1, np.float32), np.ones(every.size, dtype=bool))
        found.every, found.scanned = every, True
        return found

    def top(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` rows most similar to the query and their cosines, best first."""
        if self.scanned and self.every is not None:
            sims = self.every
            k = min(k, sims.size)
            if k == 0:
                return np.empty(0, dtype=np.int64), np.empty(0)
            top = np.argpartition(-sims, k - 1)[:k]
            top = top[np.argsort(-sims[top], kind="stable")]
            return top, sims[top]
        rows = self._found(k)
        if rows.size < k and self.window.sum() > rows.size:  # the window hides most of them
            rows = np.flatnonzero(self.window)
        sims = self.index.similarity_of(self.vector, rows).astype(np.float64)
        order = np.lexsort((rows, -sims))[:k]
        return rows[order], sims[order]

    def _found(self, k: int) -> np.ndarray:
        """Rows inside the window among those the graph finds for ``OVERFETCH * k``."""
        graph, ids = self.index.graph, self.index.item_ids
        assert graph is not None
        keys = graph.search(self.vector, OVERFETCH * k)
        rows = np.minimum(np.searchsorted(ids, keys), max(ids.size - 1, 0))
        rows = rows[np.asarray(ids[rows]) == keys]
        return np.asarray(rows[self.window[rows]])

    def outlier_floor(self, z: float = OUTLIER_Z) -> float:
        """The cosine an item must reach to stand out from this query's similarities to
        everything in the window: their mean plus ``z`` standard deviations (every row of a
        scanned index; an even spread of rows of a large one)."""
        if self.scanned and self.every is not None:
            values = self.every[self.window]
        else:  # (an even spread of the rows, then those in the window: no pass over them all)
            spread = np.linspace(0, self.window.size - 1, SPREAD_SAMPLE).astype(np.int64)
            inside = spread[self.window[spread]]
            if inside.size < SPREAD_SAMPLE // 2:  # a narrow window: a spread of its own rows
                inside = np.flatnonzero(self.window)
                if inside.size > SPREAD_SAMPLE:
                    picked = np.linspace(0, inside.size - 1, SPREAD_SAMPLE).astype(np.int64)
                    inside = inside[picked]
            values = self.of(inside)
        if values.size < 2:
            return -1.0
        values = values.astype(np.float64)
        return float(values.mean() + z * values.std())

    def of(self, rows: np.ndarray) -> np.ndarray:
        """The cosine of each of ``rows`` (-1 outside the window); each row is scored once
        per query (its features ask for the same rows more than once)."""
        if self.scanned and self.every is not None:
            return np.asarray(self.every[rows])
        if self.every is None:
            self.every = np.full(self.window.size, np.nan, dtype=np.float32)
        missing = rows[np.isnan(self.every[rows])]  # (a row twice is scored twice, alike)
        if missing.size:
            found = self.index.similarity_of(self.vector, missing)
            self.every[missing] = np.where(self.window[missing], found, -1.0)
        return np.asarray(self.every[rows])
