"""Approximate nearest neighbours over the dense vectors: an HNSW graph (usearch), built at
index time next to the vectors once a workspace is large enough that a brute-force scan costs
more than a query should (:data:`ANN_MIN_ITEMS`); smaller workspaces keep the exact scan.

The graph is a file of the dense index folder (``ann.usearch``), keyed by item id, with its
vectors quantised to int8 (a quarter of float32; the candidates it returns are rescored exactly
from the float16 vectors, so quantisation only affects which items are found, never their
similarity). Readers open it memory-mapped (``view``): several server processes share one copy
in the page cache, and a process only pays for the pages its queries touch.

Determinism: items are added one thread at a time in row order, so the same vectors give the
same graph and the same answers (a multi-threaded build would not). A rebuild that only adds,
changes or removes a few items extends the previous graph instead of building a new one
(:data:`EXTEND_MAX_CHANGE`); answers then depend on that history too (the same ingests in the
same order give the same graph), and ``whoknows reindex`` after a change of parameters builds
from scratch.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from usearch.index import Index

ANN_MIN_ITEMS = 200_000  # below this, an exact scan is fast (~10 ms) and its copy small
FILE = "ann.usearch"
CONNECTIVITY = 16  # HNSW M: links per node
EXPANSION_ADD = 128  # candidates examined while linking a new node
EXPANSION_SEARCH = 320  # candidates examined per query (>= the 200 a dense vote reads)
QUANTISATION = "i8"
EXTEND_MAX_CHANGE = 0.2  # rebuild from scratch when more than this share of items changed
ADD_BATCH = 50_000


def parameters() -> dict[str, object]:
    """What a graph's answers depend on (stored in the dense index's meta)."""
    return {
        "library": "usearch",
        "metric": "ip",
        "dtype": QUANTISATION,
        "connectivity": CONNECTIVITY,
        "expansion_add": EXPANSION_ADD,
    }


def _usearch() -> type[Index]:
    """usearch's Index class. Importing usearch loads NumKong, with the OpenMP runtime it
    bundles, into the process's global symbol scope: a library loaded afterwards binds to that
    runtime instead of its own, and LightGBM (the learned ranker) then fails ("Feature
    (Column_) appears more than one time", unreadable models). LightGBM is loaded first, so it
    keeps the system's."""
    import lightgbm  # noqa: F401  (see above)
    from usearch.index import Index

    return Index


def dots(rows: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """Inner products of float16 rows with a vector, with NumKong's SIMD kernels (usearch's
    own dependency): numpy converts float16 at about 3 ns a number (40 ms for the 40,000 rows
    a query's candidates may have written), this takes 2 ms. The vector is rounded to
    float16 first (about 1e-4 on a cosine); the same inputs give the same results."""
    _usearch()  # NumKong loads after LightGBM (see above)
    from numkong import cdist

    if not rows.shape[0]:
        return np.empty(0, dtype=np.float32)
    query = np.asarray(vector, dtype=np.float16)[None, :]
    found = cdist(np.ascontiguousarray(rows, dtype=np.float16), query, metric="dot")
    return np.asarray(found, dtype=np.float32).ravel()


def _new_index(dimensions: int) -> Index:
    Index = _usearch()
    return Index(
        ndim=dimensions,
        metric="ip",
        dtype=QUANTISATION,
        connectivity=CONNECTIVITY,
        expansion_add=EXPANSION_ADD,
        expansion_search=EXPANSION_SEARCH,
    )


class VectorGraph:
    """An HNSW graph over unit vectors keyed by item id; :meth:`search` gives item ids."""

    def __init__(self, index: Index) -> None:
        self.index = index

    def __len__(self) -> int:
        return int(self.index.size)

    @classmethod
    def build(
        cls,
        vectors: np.ndarray,
        keys: np.ndarray,
        progress: Callable[[int, int], None] | None = None,
    ) -> VectorGraph:
        graph = cls(_new_index(int(vectors.shape[1])))
        graph.add(vectors, keys, progress)
        return graph

    def add(
        self,
        vectors: np.ndarray,
        keys: np.ndarray,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """Add items in the order given, one thread (see the module docstring)."""
        total = int(keys.size)
        for start in range(0, total, ADD_BATCH):
            end = min(total, start + ADD_BATCH)
            batch = np.asarray(vectors[start:end], dtype=np.float32)
            self.index.add(keys[start:end].astype(np.uint64), batch, threads=1)
            if progress:
                progress(end, total)

    def remove(self, keys: np.ndarray) -> None:
        if keys.size:
            self.index.remove(keys.astype(np.uint64))

    def search(self, vector: np.ndarray, count: int) -> np.ndarray:
        """Item ids of (about) the ``count`` vectors of highest inner product, best first."""
        count = min(count, len(self))
        if count <= 0:
            return np.empty(0, dtype=np.int64)
        matches: Any = self.index.search(np.asarray(vector, dtype=np.float32), count, threads=1)
        return np.asarray(matches.keys, dtype=np.int64)

    def save(self, path: Path) -> None:
        self.index.save(str(path))

    @classmethod
    def view(cls, path: Path, dimensions: int) -> VectorGraph:
        """The graph saved at ``path``, memory-mapped read-only."""
        index = _new_index(dimensions)  # (its search expansion is kept: the file has none)
        index.view(str(path))
        return cls(index)

    @classmethod
    def load(cls, path: Path, dimensions: int) -> VectorGraph:
        """The graph saved at ``path``, read into memory to be changed."""
        index = _new_index(dimensions)
        index.load(str(path))
        return cls(index)


def _changes(
    ids: np.ndarray, hashes: list[str], previous_ids: np.ndarray, previous_hashes: list[str]
) -> tuple[np.ndarray, np.ndarray]:
    """(keys to remove from the previous graph, rows to add to it): items gone or changed,
    items new or changed."""
    before = dict(zip(np.asarray(previous_ids).tolist(), previous_hashes, strict=True))
    now = dict(zip(np.asarray(ids).tolist(), hashes, strict=True))
    gone = [key for key, digest in before.items() if now.get(key) != digest]
    added = [row for row, key in enumerate(now) if before.get(key) != now[key]]
    return np.asarray(sorted(gone), dtype=np.int64), np.asarray(added, dtype=np.int64)


def extended(
    vectors: np.ndarray,
    ids: np.ndarray,
    hashes: list[str],
    previous: tuple[VectorGraph, np.ndarray, list[str]] | None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[VectorGraph, str]:
    """The graph of ``vectors`` (keyed by ``ids``): ``previous`` (graph, its ids, their
    hashes) with the items gone or changed removed and the new or changed ones added, when
    they are few; else built anew. Also says which ("extended" or "new")."""
    if previous is not None:
        graph, previous_ids, previous_hashes = previous
        gone, added = _changes(ids, hashes, previous_ids, previous_hashes)
        if gone.size + added.size <= EXTEND_MAX_CHANGE * max(len(ids), 1):
            copy = VectorGraph(graph.index.copy())
            copy.remove(gone)
            copy.add(np.asarray(vectors[added]), np.asarray(ids)[added], progress)
            return copy, "extended"
    return VectorGraph.build(vectors, np.asarray(ids), progress), "new"
