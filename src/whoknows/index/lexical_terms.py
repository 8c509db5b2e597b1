"""Term counting for the lexical index: documents into term frequencies, term frequencies
into BM25 weights, and an index's rows replaced or added without counting the others again.

Everything here is arrays (no per-entry Python objects): the counts of a million items fit in
a few hundred megabytes while they are built.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp

from whoknows.index.analysis import tokenize

MAX_TF = np.iinfo(np.uint16).max  # a term's count in one item is kept up to this
PROGRESS_EVERY = 5000
SLICE = 1 << 22  # entries weighted at a time


@dataclass(frozen=True)
class IndexedDocument:
    item_id: int
    text: str
    timestamp: float
    digest: int = 0  # the item's content digest: an unchanged digest is not counted again
    masked: bool = False  # mentions of people who opted out were masked in ``text``


@dataclass
class Counts:
    """Rows (items, by id) x terms, compressed by column (CSC): per entry its row and its
    term frequency; per row the item, its date, its digest and whether it was masked."""

    indptr: np.ndarray  # per term, where its entries start (terms + 1)
    rows: np.ndarray  # int32, per entry
    tf: np.ndarray  # uint16, per entry
    item_ids: np.ndarray
    timestamps: np.ndarray
    digests: np.ndarray  # uint64
    masked: np.ndarray  # bool

    @property
    def terms(self) -> int:
        return int(self.indptr.shape[0] - 1)


Tokenized = tuple[IndexedDocument, list[str], list[int]]  # a document, its terms, their counts
Tokenizer = Callable[[Iterable[IndexedDocument]], Iterator[Tokenized]]


def tokenized(documents: Iterable[IndexedDocument]) -> Iterator[Tokenized]:
    """Each document with its distinct terms and how often each occurs (in this process)."""
    for document in documents:
        terms = Counter(tokenize(document.text))
        yield document, list(terms), list(terms.values())


def count(
    documents: Iterable[IndexedDocument],
    vocabulary: dict[str, int],
    progress: Callable[[int], None] | None = None,
    tokenizer: Tokenizer = tokenized,
) -> Counts:
    """Count the terms of ``documents`` (ids ascending), adding new terms to ``vocabulary``."""
    columns, frequencies, lengths = array("i"), array("I"), array("q")
    ids, dates, digests, masked = array("q"), array("d"), array("Q"), array("b")
    for done, (document, terms, counts) in enumerate(tokenizer(documents), 1):
        columns.extend(vocabulary.setdefault(term, len(vocabulary)) for term in terms)
        frequencies.extend(counts)
        lengths.append(len(terms))
        ids.append(document.item_id)
        dates.append(document.timestamp)
        digests.append(document.digest)
        masked.append(document.masked)
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
    n_rows = len(ids)
    row_of_entry = np.repeat(np.arange(n_rows, dtype=np.int32), np.frombuffer(lengths, np.int64))
    tf = np.minimum(np.frombuffer(frequencies, dtype=np.uint32), MAX_TF).astype(np.uint16)
    return _by_column(
        np.frombuffer(columns, dtype=np.int32),
        row_of_entry,
        tf,
        len(vocabulary),
        np.frombuffer(ids, dtype=np.int64).copy(),
        np.frombuffer(dates, dtype=np.float64).copy(),
        np.frombuffer(digests, dtype=np.uint64).copy(),
        np.frombuffer(masked, dtype=np.int8).astype(bool),
    )


def _by_column(
    columns: np.ndarray,
    rows: np.ndarray,
    tf: np.ndarray,
    terms: int,
    item_ids: np.ndarray,
    timestamps: np.ndarray,
    digests: np.ndarray,
    masked: np.ndarray,
) -> Counts:
    """Entries in row order into the CSC layout (a stable sort by term keeps rows ascending)."""
    order = np.argsort(columns, kind="stable")
    indptr = np.zeros(terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(columns, minlength=terms), out=indptr[1:])
    return Counts(indptr, rows[order], tf[order], item_ids, timestamps, digests, masked)


def merge(old: Counts, keep: np.ndarray, new: Counts) -> Counts:
    """``old`` with only the rows in ``keep`` (a mask), plus the rows of ``new`` (counted
    against the same vocabulary, which may have grown); rows end ascending by item id.

    Both sides are sorted by (term, row) already: the new entries are inserted among the old
    ones (a binary search each), not sorted again with them."""
    item_ids = np.concatenate([old.item_ids[keep], new.item_ids])
    order = np.argsort(item_ids, kind="stable")
    position = np.empty(order.size, dtype=np.int64)
    position[order] = np.arange(order.size)  # row in the concatenation -> row in the result
    kept = int(np.count_nonzero(keep))
    renumber = np.full(old.item_ids.size, -1, dtype=np.int64)
    renumber[keep] = position[:kept]
    old_rows = renumber[old.rows]
    alive = old_rows >= 0
    old_columns = np.repeat(np.arange(old.terms, dtype=np.int64), np.diff(old.indptr))[alive]
    old_rows = old_rows[alive]
    new_columns = np.repeat(np.arange(new.terms, dtype=np.int64), np.diff(new.indptr))
    new_rows = position[kept:][new.rows]
    n_rows = max(1, order.size)
    new_keys = new_columns * n_rows + new_rows
    sorted_new = np.argsort(new_keys, kind="stable")
    at = np.searchsorted(old_columns * n_rows + old_rows, new_keys[sorted_new])
    counts = np.bincount(old_columns, minlength=new.terms)
    counts += np.bincount(new_columns, minlength=new.terms)
    indptr = np.zeros(new.terms + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return Counts(
        indptr,
        np.insert(old_rows, at, new_rows[sorted_new]).astype(np.int32),
        np.insert(old.tf[alive], at, new.tf[sorted_new]),
        item_ids[order],
        np.concatenate([old.timestamps[keep], new.timestamps])[order],
        np.concatenate([old.digests[keep], new.digests])[order],
        np.concatenate([old.masked[keep], new.masked])[order],
    )


def without_unused_terms(
    counts: Counts, vocabulary: dict[str, int]
) -> tuple[Counts, dict[str, int]]:
    """The terms no item holds any more (their items were removed or changed) dropped, as a
    build from scratch would never have had them."""
    used = np.diff(counts.indptr) > 0
    if used.all():
        return counts, vocabulary
    column = np.cumsum(used) - 1
    kept = {term: int(column[old]) for term, old in vocabulary.items() if used[old]}
    indptr = np.concatenate([[0], counts.indptr[1:][used]])
    return replace(counts, indptr=indptr), kept


def bm25(counts: Counts, k1: float, b: float) -> tuple[sp.csc_matrix, np.ndarray]:
    """Per (item, term) BM25 weight (Lucene's non-negative idf) and the per-term idf,
    computed in slices of entries (bounded memory); float32 throughout."""
    n_docs = counts.item_ids.shape[0]
    lengths = np.bincount(counts.rows, weights=counts.tf, minlength=n_docs).astype(np.float32)
    average = float(lengths.mean()) if n_docs else 0.0
    doc_freq = np.diff(counts.indptr).astype(np.float64)
    idf = np.log1p((n_docs - doc_freq + 0.5) / (doc_freq + 0.5)).astype(np.float32)
    data = np.empty(counts.rows.shape[0], dtype=np.float32)
    for start in range(0, data.size, SLICE):
        end = min(start + SLICE, data.size)
        tf = counts.tf[start:end].astype(np.float32)
        norm = k1 * (1.0 - b + b * lengths[counts.rows[start:end]] / (average or 1.0))
        column = np.searchsorted(counts.indptr, np.arange(start, end), side="right") - 1
        data[start:end] = tf * (k1 + 1.0) / (tf + norm) * idf[column]
    index_type = np.int32 if data.size < np.iinfo(np.int32).max else np.int64
    weights = sp.csc_matrix(
        (data, counts.rows.astype(index_type, copy=False), counts.indptr.astype(index_type)),
        shape=(n_docs, counts.terms),
    )
    return weights, idf


class Vocabulary(Mapping[str, int]):
    """Term -> column, read from two arrays sorted by term (memory-mapped when opened:
    opening costs nothing whatever the number of terms; a lookup is a binary search)."""

    def __init__(self, terms: np.ndarray, columns: np.ndarray) -> None:
        self.terms = terms  # UTF-8 bytes, ascending
        self.columns = columns

    @classmethod
    def of(cls, mapping: Mapping[str, int]) -> Vocabulary:
        if isinstance(mapping, Vocabulary):
            return mapping
        ordered = sorted((term.encode("utf-8"), column) for term, column in mapping.items())
        terms = np.array([term for term, _ in ordered] or [b""], dtype=np.bytes_)[: len(ordered)]
        columns = np.fromiter((column for _, column in ordered), np.int64, count=len(ordered))
        return cls(terms, columns)

    def _row(self, term: str) -> int:
        key = term.encode("utf-8")
        if len(key) > self.terms.dtype.itemsize or not self.terms.size:
            return -1
        at = int(np.searchsorted(self.terms, key))
        return at if at < self.terms.size and self.terms[at] == key else -1

    def __getitem__(self, term: str) -> int:
        row = self._row(term) if isinstance(term, str) else -1
        if row < 0:
            raise KeyError(term)
        return int(self.columns[row])

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self._row(term) >= 0

    def __len__(self) -> int:
        return int(self.terms.size)

    def __iter__(self) -> Iterator[str]:
        return (term.decode("utf-8") for term in self.terms.tolist())

    @staticmethod
    def editable(mapping: Mapping[str, int]) -> dict[str, int]:
        """A dict of the same terms (at once: not a binary search per term)."""
        if not isinstance(mapping, Vocabulary):
            return dict(mapping)
        return dict(zip(mapping, mapping.columns.tolist(), strict=True))
