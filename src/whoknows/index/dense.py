"""Dense item embeddings, aligned with the lexical index rows, reused across rebuilds.

On disk: ``vectors.npy`` (float16, one unit vector per item; memory-mapped when opened),
``items.npy``, ``digests.npy`` and ``masked.npy`` (per row, the content digest it was embedded
from and whether mentions of opted-out people were masked in its text: a rebuild embeds only
new or changed items) and ``meta.json`` (with the masking it was built under).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from whoknows.errors import IndexStateError
from whoknows.i18n import N_
from whoknows.index._files import load_arrays, save_arrays
from whoknows.index.embedders import Embedder

FORMAT = "whoknows-dense/2"
ARRAYS = ("vectors", "items", "digests", "masked")
BATCH = 64
PARALLEL_BATCH = 512  # texts a child process embeds at a time
# embeds (rows, texts) batches, elsewhere (child processes), giving (rows, vectors) in order
BatchEmbedder = Callable[
    [Iterator[tuple[list[int], list[str]]]], Iterator[tuple[list[int], np.ndarray]]
]


class DenseIndex:
    def __init__(
        self,
        vectors: np.ndarray,
        item_ids: np.ndarray,
        digests: np.ndarray,
        masked: np.ndarray,
        meta: dict[str, object],
    ) -> None:
        self.vectors = vectors
        self.item_ids = item_ids
        self.digests = digests
        self.masked = masked
        self.meta = meta
        self._search: np.ndarray | None = None

    @property
    def generation(self) -> int:
        return int(str(self.meta.get("generation", -1)))

    @classmethod
    def build(
        cls,
        rows: tuple[np.ndarray, np.ndarray, np.ndarray],
        texts: Callable[[list[int]], list[str]],
        embedder: Embedder,
        generation: int,
        previous: DenseIndex | None = None,
        progress: Callable[[int, int], None] | None = None,
        masking: str = "",
        embed_batches: BatchEmbedder | None = None,
    ) -> DenseIndex:
        """Embed the items of ``rows`` (ids, content digests, masked flags); an item whose
        digest ``previous`` already embedded is copied from it, unless mentions were masked in
        it under another masking (who opted out changed)."""
        item_ids = rows[0]
        vectors = np.zeros((item_ids.size, embedder.dimensions), dtype=np.float16)
        source = reusable_rows(previous, embedder, rows, masking)
        found = source >= 0
        if previous is not None and found.any():
            vectors[found] = previous.vectors[source[found]]
        missing = np.flatnonzero(~found).tolist()
        size = BATCH if embed_batches is None else PARALLEL_BATCH
        batches = (
            (batch, texts([int(item_ids[r]) for r in batch]))
            for batch in (missing[start : start + size] for start in range(0, len(missing), size))
        )
        if embed_batches is None:
            results = ((batch, embedder.embed(text)) for batch, text in batches)
        else:
            results = embed_batches(batches)
        done = 0
        for batch, embedded in results:
            vectors[batch] = embedded.astype(np.float16)
            done += len(batch)
            if progress:
                progress(done, len(missing))
        meta: dict[str, object] = {
            "format": FORMAT,
            "generation": generation,
            "embedder": embedder.name,
            "embedder_revision": embedder.revision,
            "dimensions": embedder.dimensions,
            "items": int(item_ids.size),
            "embedded_now": len(missing),
            "masking": masking,
        }
        return cls(vectors, item_ids, rows[1], rows[2], meta)

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
        arrays = {
            "vectors": self.vectors,
            "items": self.item_ids,
            "digests": self.digests,
            "masked": self.masked,
        }
        save_arrays(folder, arrays, ARRAYS, self.meta)

    @classmethod
    def load(cls, folder: Path) -> DenseIndex:
        try:
            arrays, meta = load_arrays(folder, ARRAYS, FORMAT, mmap="r")
        except (OSError, ValueError, KeyError) as error:
            raise IndexStateError(
                N_("the dense index is missing, damaged or from another version"),
                N_("run `whoknows reindex`"),
                where=str(folder),
            ) from error
        return cls(arrays["vectors"], arrays["items"], arrays["digests"], arrays["masked"], meta)


def reusable_rows(
    previous: DenseIndex | None,
    embedder: Embedder,
    rows: tuple[np.ndarray, np.ndarray, np.ndarray],
    masking: str,
) -> np.ndarray:
    """Per row (ids, digests, masked flags), the row of ``previous`` holding its vector, or
    -1 to embed it."""
    _, digests, masked = rows
    source = np.full(digests.size, -1, dtype=np.int64)
    if previous is None or not previous.made_by(embedder) or not previous.digests.size:
        return source
    same_masking = previous.meta.get("masking", "") == masking
    usable = np.flatnonzero(same_masking | ~np.asarray(previous.masked))
    order = usable[np.argsort(np.asarray(previous.digests)[usable], kind="stable")]
    known = np.asarray(previous.digests)[order]
    at = np.minimum(np.searchsorted(known, digests), max(known.size - 1, 0))
    hit = (known.size > 0) & (known[at] == digests)
    hit &= same_masking | ~masked
    source[hit] = order[at[hit]]
    return source
