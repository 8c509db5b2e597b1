"""Dense item embeddings, aligned with the lexical index rows, reused across rebuilds.

On disk: ``vectors.npy`` (float16, one unit vector per item), ``items.npy``, ``hashes.json``
(content hash per row, so a rebuild embeds only new or changed items) and ``meta.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from whoknows.errors import IndexStateError
from whoknows.i18n import N_
from whoknows.index._files import replaced_folder
from whoknows.index.embedders import Embedder

FORMAT = "whoknows-dense/1"
BATCH = 64


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
        hashes: list[str],
        meta: dict[str, object],
    ) -> None:
        self.vectors = vectors
        self.item_ids = item_ids
        self.hashes = hashes
        self.meta = meta
        self._search: np.ndarray | None = None

    @property
    def generation(self) -> int:
        return int(str(self.meta.get("generation", -1)))

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
    ) -> DenseIndex:
        """Embed items; rows whose content hash is unchanged are copied from ``previous``.

        ``embed`` embeds the texts of the other rows, a slice at a time (by default
        ``embedder.embed`` on batches of :data:`BATCH`; the spark engine's on a cluster);
        the vectors of a text are the same whoever embeds it."""
        embed = embed or Embedding(embedder.embed, BATCH)
        vectors = np.zeros((len(item_ids), embedder.dimensions), dtype=np.float16)
        known: dict[str, int] = {}
        if previous is not None and previous.made_by(embedder):
            known = {digest: row for row, digest in enumerate(previous.hashes)}
        missing = []
        for row, digest in enumerate(hashes):
            if previous is not None and digest in known:
                vectors[row] = previous.vectors[known[digest]]
            else:
                missing.append(row)
        for start in range(0, len(missing), embed.slice):
            rows = missing[start : start + embed.slice]
            vectors[rows] = embed.vectors(texts([item_ids[r] for r in rows])).astype(np.float16)
            if progress:
                progress(start + len(rows), len(missing))
        meta = {
            "format": FORMAT,
            "generation": generation,
            "embedder": embedder.name,
            "embedder_revision": embedder.revision,
            "dimensions": embedder.dimensions,
            "items": len(item_ids),
            "embedded_now": len(missing),
        }
        return cls(vectors, np.asarray(item_ids, dtype=np.int64), list(hashes), meta)

    def made_by(self, embedder: Embedder) -> bool:
        """Whether these vectors come from ``embedder`` (same name and revision)."""
        meta = self.meta
        same = meta.get("embedder") == embedder.name
        return same and meta.get("embedder_revision", 1) == embedder.revision

    def similarities(self, query_vector: np.ndarray) -> np.ndarray:
        if self._search is None:  # float16 on disk, float32 in memory: numpy's f16 matmul is slow
            self._search = self.vectors.astype(np.float32)
        return self._search @ query_vector.astype(np.float32)

    def save(self, folder: Path) -> None:
        with replaced_folder(folder) as staging:
            np.save(staging / "vectors.npy", self.vectors, allow_pickle=False)
            np.save(staging / "items.npy", self.item_ids, allow_pickle=False)
            (staging / "hashes.json").write_text(json.dumps(self.hashes), encoding="utf-8")
            (staging / "meta.json").write_text(json.dumps(self.meta, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> DenseIndex:
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT:
                raise ValueError(f"format {meta.get('format')!r}")
            vectors = np.load(folder / "vectors.npy", allow_pickle=False)
            item_ids = np.load(folder / "items.npy", allow_pickle=False)
            hashes = json.loads((folder / "hashes.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError) as error:
            raise IndexStateError(
                N_("the dense index is missing or damaged"),
                N_("run `whoknows reindex`"),
                where=str(folder),
            ) from error
        return cls(vectors, item_ids, hashes, meta)
