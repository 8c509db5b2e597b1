"""BM25 over items, precomputed at index time so a query is a sparse column sum plus a top-k.

On disk (one folder, no pickles): the CSC matrix items x terms of BM25 weights as three arrays
(``weights_data.npy``, ``weights_indices.npy``, ``weights_indptr.npy``), the vocabulary sorted
(``terms.bin``, the UTF-8 terms end to end, ``term_offsets.npy`` and ``term_columns.npy``),
``items.npy`` (row -> item id), ``dates.npy`` (row -> epoch seconds, NaN if unknown) and
``meta.json`` (parameters, the store generation it was built from, counts). Every array is
memory-mapped when opened, and a term is found by binary search in the sorted vocabulary: opening
costs the same at 10^3 and 10^6 items, and a query reads only its terms' columns.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from whoknows.errors import IndexStateError
from whoknows.i18n import N_
from whoknows.index._files import load_array, replaced_folder
from whoknows.index.analysis import tokenize

if TYPE_CHECKING:
    import scipy.sparse as sp

FORMAT = "whoknows-bm25/2"
PARTS = ("data", "indices", "indptr")
TERMS_KEPT = 100_000  # vocabulary lookups remembered (a query's terms, a topic's)


@dataclass(frozen=True)
class IndexedDocument:
    item_id: int
    text: str
    timestamp: float


def bm25_weights(
    term_counts: sp.csr_matrix, k1: float, b: float, doc_freq: np.ndarray | None = None
) -> tuple[sp.csc_matrix, np.ndarray]:
    """Per (document, term) BM25 weight and the per-term idf (Lucene's non-negative variant);
    ``doc_freq``: how many documents hold each term, when already counted."""
    counts = term_counts.tocsr().astype(np.float32)
    n_docs = counts.shape[0]
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    average = float(lengths.mean()) if n_docs else 0.0
    if doc_freq is None:
        doc_freq = np.bincount(counts.indices, minlength=counts.shape[1])
    doc_freq = np.asarray(doc_freq, dtype=np.float64)
    idf = np.log1p((n_docs - doc_freq + 0.5) / (doc_freq + 0.5)).astype(np.float32)
    row_of_entry = np.repeat(np.arange(n_docs), np.diff(counts.indptr))
    norm = k1 * (1.0 - b + b * lengths[row_of_entry] / (average or 1.0))
    tf = counts.data
    counts.data = (tf * (k1 + 1.0) / (tf + norm) * idf[counts.indices]).astype(np.float32)
    return counts.tocsc(), idf


@dataclass(frozen=True)
class Postings:
    """The items x terms BM25 weights by term (CSC): a term's rows are
    ``indices[indptr[term]:indptr[term + 1]]``, their weights the same slice of ``data``.
    Plain arrays, so that a query needs neither scipy nor a copy of the matrix."""

    data: np.ndarray  # float32
    indices: np.ndarray  # int32 rows
    indptr: np.ndarray
    shape: tuple[int, int]

    @classmethod
    def of(cls, matrix: sp.csc_matrix) -> Postings:
        return cls(matrix.data, matrix.indices, matrix.indptr, matrix.shape)

    def scores(self, columns: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """``matrix[:, columns] @ weights``, column after column in float32 (the sums a
        sparse matrix-vector product makes, in the same order)."""
        found = np.zeros(self.shape[0], dtype=np.float32)
        for column, weight in zip(columns.tolist(), weights.tolist(), strict=True):
            start, end = int(self.indptr[column]), int(self.indptr[column + 1])
            rows = self.indices[start:end]
            found[rows] += self.data[start:end] * np.float32(weight)
        return found


class SortedVocabulary(Mapping[str, int]):
    """Term -> column, over the sorted terms of an index folder (memory-mapped)."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray, columns: np.ndarray) -> None:
        self.blob = blob
        self.offsets = offsets
        self.columns = columns
        self._found: dict[str, int] = {}  # terms looked up already (-1: absent)

    @classmethod
    def write(cls, folder: Path, vocabulary: Mapping[str, int]) -> None:
        terms = sorted(vocabulary)
        encoded = [term.encode("utf-8") for term in terms]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        (folder / "terms.bin").write_bytes(b"".join(encoded))
        np.save(folder / "term_offsets.npy", offsets, allow_pickle=False)
        columns = np.asarray([vocabulary[t] for t in terms], dtype=np.int64)
        np.save(folder / "term_columns.npy", columns, allow_pickle=False)

    @classmethod
    def read(cls, folder: Path) -> SortedVocabulary:
        blob = folder / "terms.bin"
        data = np.memmap(blob, dtype=np.uint8, mode="r") if blob.stat().st_size else np.empty(0)
        offsets = load_array(folder / "term_offsets.npy")
        columns = load_array(folder / "term_columns.npy")
        return cls(np.asarray(data, dtype=np.uint8), offsets, columns)

    def _term(self, at: int) -> bytes:
        return self.blob[int(self.offsets[at]) : int(self.offsets[at + 1])].tobytes()

    def _position(self, term: object) -> int:
        if not isinstance(term, str):
            return -1
        found = self._found.get(term)
        if found is None:
            found = self._search(term)
            if len(self._found) >= TERMS_KEPT:
                self._found.clear()
            self._found[term] = found
        return found

    def _search(self, term: str) -> int:
        wanted = term.encode("utf-8")
        low, high = 0, len(self)
        while low < high:  # byte order of UTF-8 is code point order: that of sorted()
            middle = (low + high) // 2
            if self._term(middle) < wanted:
                low = middle + 1
            else:
                high = middle
        return low if low < len(self) and self._term(low) == wanted else -1

    def __getitem__(self, term: str) -> int:
        at = self._position(term)
        if at < 0:
            raise KeyError(term)
        return int(self.columns[at])

    def __contains__(self, term: object) -> bool:
        return self._position(term) >= 0

    def __iter__(self) -> Iterator[str]:
        return (self._term(at).decode("utf-8") for at in range(len(self)))

    def __len__(self) -> int:
        return int(self.columns.shape[0])


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
        weights: Postings,
        vocabulary: Mapping[str, int],
        item_ids: np.ndarray,
        timestamps: np.ndarray,
        meta: dict[str, object],
    ) -> None:
        self.weights = weights
        self.vocabulary = vocabulary
        self.item_ids = item_ids
        self.timestamps = timestamps
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
    ) -> LexicalIndex:
        vocabulary: dict[str, int] = {}
        indptr, indices, data = [0], [], []
        item_ids, timestamps = [], []
        for count, document in enumerate(documents, 1):
            terms = Counter(tokenize(document.text))
            for term, frequency in terms.items():
                indices.append(vocabulary.setdefault(term, len(vocabulary)))
                data.append(frequency)
            indptr.append(len(indices))
            item_ids.append(document.item_id)
            timestamps.append(document.timestamp)
            if progress and count % 5000 == 0:
                progress(count)
        import scipy.sparse as sp

        counts = sp.csr_matrix(
            (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), indptr),
            shape=(len(item_ids), len(vocabulary)),
        )
        return cls.from_counts(counts, vocabulary, item_ids, timestamps, generation, k1, b)

    @classmethod
    def from_counts(
        cls,
        counts: sp.csr_matrix,
        vocabulary: dict[str, int],
        item_ids: list[int] | np.ndarray,
        timestamps: list[float] | np.ndarray,
        generation: int,
        k1: float = 1.2,
        b: float = 0.75,
        doc_freq: np.ndarray | None = None,
    ) -> LexicalIndex:
        """The index of term counts (documents x terms, columns numbered by ``vocabulary``)
        counted elsewhere, by the spark engine say (``doc_freq``: the documents each term is
        in, when counted with them)."""
        weights, _ = bm25_weights(counts, k1, b, doc_freq)
        meta: dict[str, object] = {
            "format": FORMAT,
            "generation": generation,
            "k1": k1,
            "b": b,
            "documents": len(item_ids),
            "terms": len(vocabulary),
        }
        return cls(
            Postings.of(weights),
            vocabulary,
            np.asarray(item_ids, dtype=np.int64),
            np.asarray(timestamps, dtype=np.float64),
            meta,
        )

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
        return self.weights.scores(ids, query_weights)

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
        weights = self.weights
        with replaced_folder(folder) as staging:
            for part in PARTS:
                np.save(staging / f"weights_{part}.npy", getattr(weights, part), allow_pickle=False)
            np.save(staging / "items.npy", self.item_ids, allow_pickle=False)
            np.save(staging / "dates.npy", self.timestamps, allow_pickle=False)
            SortedVocabulary.write(staging, self.vocabulary)
            meta = {**self.meta, "shape": list(weights.shape)}
            (staging / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT:
                raise IndexStateError(
                    N_("index format %(found)s is not %(expected)s"),
                    N_("run `whoknows reindex`"),
                    where=str(folder),
                    found=repr(meta.get("format")),
                    expected=repr(FORMAT),
                )
            parts = [load_array(folder / f"weights_{part}.npy") for part in PARTS]
            rows, terms = (int(n) for n in meta["shape"])
            if parts[2].size != terms + 1 or parts[0].size != parts[1].size:
                raise ValueError("the weights do not match their shape")
            weights = Postings(parts[0], parts[1], parts[2], (rows, terms))
            vocabulary = SortedVocabulary.read(folder)
            item_ids = load_array(folder / "items.npy")
            timestamps = load_array(folder / "dates.npy")
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise IndexStateError(
                N_("the lexical index is missing or damaged"),
                N_("run `whoknows reindex`"),
                where=str(folder),
            ) from error
        return cls(weights, vocabulary, item_ids, timestamps, meta)
