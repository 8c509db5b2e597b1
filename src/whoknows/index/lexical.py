"""BM25 over items, precomputed at index time so a query is a sparse column sum plus a top-k;
updated in place of rebuilt: only new and changed items are counted again.

On disk (one folder, no pickles, every array memory-mapped when opened): the BM25 weights as
a CSC matrix items x terms (``data.npy``, ``indices.npy``, ``indptr.npy``), ``tf.npy`` (each
entry's term frequency, so that weights can be computed again when the collection changes
without reading any text), ``items.npy`` (row -> item id, ascending), ``dates.npy`` (row ->
epoch seconds, NaN if unknown), ``digests.npy`` and ``masked.npy`` (row -> the content digest
it was counted from, and whether mentions of opted-out people were masked in it),
``terms.npy`` and ``term_columns.npy`` (the vocabulary, sorted by term: looked up by binary
search, nothing to parse when opening) and ``meta.json`` (parameters, the store generation it
was built from, counts, the masking it was built under).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from whoknows.errors import IndexStateError
from whoknows.i18n import N_
from whoknows.index._files import load_arrays, save_arrays
from whoknows.index.analysis import tokenize
from whoknows.index.lexical_terms import (
    Counts,
    IndexedDocument,
    Tokenizer,
    Vocabulary,
    bm25,
    count,
    merge,
    tokenized,
    without_unused_terms,
)

FORMAT = "whoknows-bm25/2"
ARRAYS = ("data", "indices", "indptr", "tf", "items", "dates", "digests", "masked")
ALL_ARRAYS = (*ARRAYS, "terms", "term_columns")


def time_mask(timestamps: np.ndarray, since: float | None, until: float | None) -> np.ndarray:
    """Rows dated in [since, until); undated rows pass unless a bound is set."""
    mask = np.ones(timestamps.shape, dtype=bool)
    if since is not None:
        mask &= timestamps >= since
    if until is not None:
        mask &= timestamps < until
    return mask


class LexicalIndex:
    def __init__(
        self,
        weights: sp.csc_matrix,
        vocabulary: Mapping[str, int],
        counts: Counts,
        meta: dict[str, object],
    ) -> None:
        self.weights = weights
        self.vocabulary = vocabulary
        self.counts = counts
        self.item_ids: np.ndarray = counts.item_ids
        self.timestamps: np.ndarray = counts.timestamps
        self.meta = meta

    @property
    def generation(self) -> int:
        return int(str(self.meta.get("generation", -1)))

    def __len__(self) -> int:
        return int(self.item_ids.shape[0])

    @classmethod
    def build(
        cls,
        documents: Iterable[IndexedDocument],
        generation: int,
        k1: float = 1.2,
        b: float = 0.75,
        progress: Callable[[int], None] | None = None,
        tokenizer: Tokenizer = tokenized,
    ) -> LexicalIndex:
        """The index of ``documents`` (ids ascending)."""
        vocabulary: dict[str, int] = {}
        counts = count(documents, vocabulary, progress, tokenizer)
        return cls._weighted(counts, vocabulary, generation, k1, b, len(counts.item_ids))

    def updated(
        self,
        keep: np.ndarray,
        documents: Iterable[IndexedDocument],
        generation: int,
        progress: Callable[[int], None] | None = None,
        tokenizer: Tokenizer = tokenized,
    ) -> LexicalIndex:
        """This index with only the rows in ``keep`` (a mask), plus ``documents`` (new items,
        and new versions of the items not kept); the weights are computed again from the term
        frequencies (the collection's statistics changed), no kept item is read or counted."""
        vocabulary = Vocabulary.editable(self.vocabulary)
        new = count(documents, vocabulary, progress, tokenizer)
        counts, vocabulary = without_unused_terms(merge(self.counts, keep, new), vocabulary)
        k1, b = float(str(self.meta["k1"])), float(str(self.meta["b"]))
        return self._weighted(counts, vocabulary, generation, k1, b, len(new.item_ids))

    @classmethod
    def _weighted(
        cls,
        counts: Counts,
        vocabulary: dict[str, int],
        generation: int,
        k1: float,
        b: float,
        counted: int,
    ) -> LexicalIndex:
        weights, _ = bm25(counts, k1, b)
        meta: dict[str, object] = {
            "format": FORMAT,
            "generation": generation,
            "k1": k1,
            "b": b,
            "documents": len(counts.item_ids),
            "terms": len(vocabulary),
            "tokenized_now": counted,
        }
        return cls(weights, vocabulary, counts, meta)

    def query_vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        counts = Counter(t for t in tokenize(text) if t in self.vocabulary)
        ids = np.fromiter((self.vocabulary[t] for t in counts), dtype=np.int64, count=len(counts))
        weights = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        return ids, weights

    def scores(self, text: str) -> np.ndarray:
        """BM25 score of every indexed item for the query (0 where no term matches)."""
        ids, query_weights = self.query_vector(text)
        if ids.size == 0:
            return np.zeros(len(self), dtype=np.float32)
        return np.asarray(self.weights[:, ids] @ query_weights).ravel()

    def search(
        self, text: str, k: int, since: float | None = None, until: float | None = None
    ) -> list[tuple[int, float]]:
        """The ``k`` best (item id, score) pairs, best first, dated in [since, until)."""
        scores = self.scores(text)
        scores = np.where(time_mask(self.timestamps, since, until), scores, 0.0)
        return self.top(scores, k)

    def top(self, scores: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` best positive (item id, score) pairs of a score vector over the rows."""
        return [(int(self.item_ids[row]), score) for row, score in self.top_rows(scores, k)]

    def top_rows(self, scores: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` best positive (row, score) pairs of a score vector over the rows."""
        positive = np.flatnonzero(scores > 0)
        if positive.size == 0:
            return []
        if positive.size > k:
            top = positive[np.argpartition(-scores[positive], k - 1)[:k]]
        else:
            top = positive
        order = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in order]

    def save(self, folder: Path) -> None:
        weights, counts = self.weights, self.counts
        arrays = {
            "data": weights.data,
            "indices": weights.indices,
            "indptr": weights.indptr,
            "tf": counts.tf,
            "items": counts.item_ids,
            "dates": counts.timestamps,
            "digests": counts.digests,
            "masked": counts.masked,
        }
        vocabulary = Vocabulary.of(self.vocabulary)
        arrays.update(terms=vocabulary.terms, term_columns=vocabulary.columns)
        save_arrays(folder, arrays, ALL_ARRAYS, self.meta)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        try:
            arrays, meta = load_arrays(folder, ALL_ARRAYS, FORMAT, mmap="r")
            vocabulary = Vocabulary(arrays["terms"], arrays["term_columns"])
            _check_lengths(arrays, len(vocabulary))
            shape = (arrays["items"].shape[0], arrays["indptr"].shape[0] - 1)
            weights = sp.csc_matrix(
                (arrays["data"], arrays["indices"], arrays["indptr"]), shape=shape, copy=False
            )
        except (OSError, ValueError, KeyError) as error:
            raise IndexStateError(
                N_("the lexical index is missing, damaged or from another version"),
                N_("run `whoknows reindex`"),
                where=str(folder),
            ) from error
        counts = Counts(
            np.asarray(arrays["indptr"], dtype=np.int64),
            arrays["indices"],
            arrays["tf"],
            arrays["items"],
            arrays["dates"],
            arrays["digests"],
            arrays["masked"],
        )
        return cls(weights, vocabulary, counts, meta)


def _check_lengths(arrays: dict[str, np.ndarray], terms: int) -> None:
    """ValueError unless the arrays describe one index (the sizes that must agree do)."""
    rows = {arrays[name].shape[0] for name in ("items", "dates", "digests", "masked")}
    entries = {arrays[name].shape[0] for name in ("data", "indices", "tf")}
    if arrays["term_columns"].shape[0] != terms or arrays["indptr"].shape[0] != terms + 1:
        raise ValueError("the vocabulary of the lexical index disagrees with its columns")
    if len(rows) != 1 or len(entries) != 1:
        raise ValueError("the arrays of the lexical index disagree in length")
    if int(arrays["indptr"][-1]) != entries.pop():
        raise ValueError("the lexical index's column pointers do not match its entries")


__all__ = ["FORMAT", "IndexedDocument", "LexicalIndex", "time_mask"]
