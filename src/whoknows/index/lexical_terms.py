"""Term counting for the lexical index: documents into term frequencies, term frequencies
into BM25 weights, and an index's rows replaced or added without counting the others again.

Everything here is arrays (no per-entry Python objects): the counts of a million items fit in
a few hundred megabytes while they are built.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from whoknows.index.analysis import tokenize
from whoknows.index.bm25 import idf as bm25_idf
from whoknows.index.lexical_pairs import PairSink, row_codes

if TYPE_CHECKING:
    import scipy.sparse as sp

MAX_TF = np.iinfo(np.uint16).max  # a term's count in one item is kept up to this
PROGRESS_EVERY = 5000
SLICE = 1 << 22  # entries weighted at a time


@dataclass(frozen=True)
class IndexedDocument:
    item_id: int
    text: str
    timestamp: float
    digest: int = 0  # the item's content digest: an unchanged digest is not counted again


@dataclass
class Counts:
    """Rows (items, by id) x terms, compressed by column (CSC): per entry its row and its
    term frequency; per row the item, its date and its content digest."""

    indptr: np.ndarray  # per term, where its entries start (terms + 1)
    rows: np.ndarray  # int32, per entry
    tf: np.ndarray  # uint16, per entry
    item_ids: np.ndarray
    timestamps: np.ndarray
    digests: np.ndarray  # uint64

    @property
    def terms(self) -> int:
        return int(self.indptr.shape[0] - 1)


# a document, its distinct terms, their counts and its pairs of adjacent terms (their codes)
Tokenized = tuple[IndexedDocument, list[str], list[int], Sequence[int]]
Tokenizer = Callable[[Iterable[IndexedDocument]], Iterator[Tokenized]]


def tokenized(documents: Iterable[IndexedDocument]) -> Iterator[Tokenized]:
    """Each document with its distinct terms, how often each occurs and the codes of its
    pairs of adjacent terms (in this process)."""
    for document in documents:
        words = tokenize(document.text)
        terms = Counter(words)
        yield document, list(terms), list(terms.values()), row_codes(words)


def count(
    documents: Iterable[IndexedDocument],
    vocabulary: dict[str, int],
    progress: Callable[[int], None] | None = None,
    tokenizer: Tokenizer = tokenized,
    pairs: PairSink | None = None,
) -> Counts:
    """Count the terms of ``documents`` (ids ascending), adding new terms to ``vocabulary``;
    each document's pair codes go to ``pairs``."""
    columns, frequencies, lengths = array("i"), array("I"), array("q")
    ids, dates, digests = array("q"), array("d"), array("Q")
    for done, (document, terms, counts, codes) in enumerate(tokenizer(documents), 1):
        if pairs is not None:
            pairs.add(codes)
        columns.extend(vocabulary.setdefault(term, len(vocabulary)) for term in terms)
        frequencies.extend(counts)
        lengths.append(len(terms))
        ids.append(document.item_id)
        dates.append(document.timestamp)
        digests.append(document.digest)
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
    n_rows = len(ids)
    row_of_entry = np.repeat(np.arange(n_rows, dtype=np.int32), np.frombuffer(lengths, np.int64))
    return _by_column(
        np.frombuffer(columns, dtype=np.int32),
        row_of_entry,
        np.frombuffer(frequencies, dtype=np.uint32),
        len(vocabulary),
        np.frombuffer(ids, dtype=np.int64).copy(),
        np.frombuffer(dates, dtype=np.float64).copy(),
        np.frombuffer(digests, dtype=np.uint64).copy(),
    )


def _by_column(
    columns: np.ndarray,
    rows: np.ndarray,
    tf: np.ndarray,
    terms: int,
    item_ids: np.ndarray,
    timestamps: np.ndarray,
    digests: np.ndarray,
) -> Counts:
    """Entries in row order into the CSC layout, a slice of entries at a time: each entry goes
    to its term's next free place, so rows stay ascending within a term, and memory holds the
    result and one slice's work (sorting every entry at once took eight bytes more for each,
    a gigabyte at 10^6 items). Term frequencies over :data:`MAX_TF` are kept at it."""
    per_term = np.zeros(terms, dtype=np.int64)
    for start in range(0, columns.shape[0], SLICE):
        per_term += np.bincount(columns[start : start + SLICE], minlength=terms)
    indptr = np.zeros(terms + 1, dtype=np.int64)
    np.cumsum(per_term, out=indptr[1:])
    free = indptr[:-1].copy()  # each term's next free place
    placed_rows = np.empty(columns.shape[0], dtype=np.int32)
    placed_tf = np.empty(columns.shape[0], dtype=np.uint16)
    for start in range(0, columns.shape[0], SLICE):
        chunk = columns[start : start + SLICE]
        order = np.argsort(chunk, kind="stable")
        sorted_terms = chunk[order]
        firsts = np.flatnonzero(np.r_[True, sorted_terms[1:] != sorted_terms[:-1]])
        sizes = np.diff(np.r_[firsts, sorted_terms.size])
        rank = np.arange(sorted_terms.size) - np.repeat(firsts, sizes)
        places = free[sorted_terms] + rank
        placed_rows[places] = rows[start : start + SLICE][order]
        placed_tf[places] = np.minimum(tf[start : start + SLICE][order], MAX_TF)
        free[sorted_terms[firsts]] += sizes
    return Counts(indptr, placed_rows, placed_tf, item_ids, timestamps, digests)


def merge(old: Counts, keep: np.ndarray, new: Counts, block: int = SLICE) -> Counts:
    """``old`` with only the rows in ``keep`` (a mask), plus the rows of ``new`` (counted
    against the same vocabulary, which may have grown); rows end ascending by item id.

    Both sides are sorted by (term, row) already: the new entries are inserted among the old
    ones (a binary search each), not sorted again with them. The old entries are read a block
    of terms at a time (about ``block`` entries): besides the result, memory holds one block's
    work, not eight bytes for every entry of the index (a 1% update at 10^6 items)."""
    item_ids = np.concatenate([old.item_ids[keep], new.item_ids])
    order = np.argsort(item_ids, kind="stable")
    position = np.empty(order.size, dtype=np.int64)
    position[order] = np.arange(order.size)  # row in the concatenation -> row in the result
    kept = int(np.count_nonzero(keep))
    renumber = np.full(old.item_ids.size, -1, dtype=np.int64)
    renumber[keep] = position[:kept]  # (ascending: kept rows keep their order)
    old_indptr = np.concatenate(
        [old.indptr, np.full(new.terms - old.terms, old.indptr[-1], dtype=np.int64)]
    )
    new_rows = position[kept:][new.rows]
    blocks = list(_term_blocks(old_indptr, block))
    alive = np.zeros(new.terms, dtype=np.int64)
    for first, last in blocks:
        live = renumber[old.rows[old_indptr[first] : old_indptr[last]]] >= 0
        terms = np.repeat(np.arange(last - first), np.diff(old_indptr[first : last + 1]))
        alive[first:last] = np.bincount(terms[live], minlength=last - first)
    indptr = np.zeros(new.terms + 1, dtype=np.int64)
    np.cumsum(alive + np.diff(new.indptr), out=indptr[1:])
    rows = np.empty(int(indptr[-1]), dtype=np.int32)
    tf = np.empty(int(indptr[-1]), dtype=np.uint16)
    n_rows = max(1, order.size)
    for first, last in blocks:
        start, end = int(old_indptr[first]), int(old_indptr[last])
        block_rows = renumber[old.rows[start:end]]
        live = block_rows >= 0
        terms = np.repeat(np.arange(first, last), np.diff(old_indptr[first : last + 1]))
        old_keys = terms[live] * n_rows + block_rows[live]
        fresh = slice(int(new.indptr[first]), int(new.indptr[last]))
        fresh_terms = np.repeat(np.arange(first, last), np.diff(new.indptr[first : last + 1]))
        fresh_keys = fresh_terms * n_rows + new_rows[fresh]
        sorted_new = np.argsort(fresh_keys, kind="stable")
        at = np.searchsorted(old_keys, fresh_keys[sorted_new])
        out = slice(int(indptr[first]), int(indptr[last]))
        rows[out] = np.insert(block_rows[live], at, new_rows[fresh][sorted_new])
        tf[out] = np.insert(old.tf[start:end][live], at, new.tf[fresh][sorted_new])
    return Counts(
        indptr,
        rows,
        tf,
        item_ids[order],
        np.concatenate([old.timestamps[keep], new.timestamps])[order],
        np.concatenate([old.digests[keep], new.digests])[order],
    )


def _term_blocks(indptr: np.ndarray, block: int) -> Iterator[tuple[int, int]]:
    """Ranges of terms [first, last) holding about ``block`` entries each (one term alone
    when it holds more)."""
    terms = indptr.size - 1
    first = 0
    while first < terms:
        last = int(np.searchsorted(indptr, indptr[first] + block, side="right")) - 1
        last = min(max(last, first + 1), terms)
        yield first, last
        first = last


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


def bm25(counts: Counts, k1: float, b: float) -> np.ndarray:
    """Per entry of ``counts``, its BM25 weight (Lucene's non-negative idf), computed in
    slices of entries (bounded memory), float32 throughout as a sparse matrix's would be."""
    n_docs = counts.item_ids.shape[0]
    summed = np.zeros(n_docs, dtype=np.float64)  # (whole numbers: exact in any order)
    for start in range(0, counts.rows.shape[0], SLICE):
        end = start + SLICE
        summed += np.bincount(
            counts.rows[start:end], weights=counts.tf[start:end], minlength=n_docs
        )
    lengths = summed.astype(np.float32)
    average = float(lengths.mean()) if n_docs else 0.0
    doc_freq = np.diff(counts.indptr).astype(np.float64)
    idf = bm25_idf(doc_freq, n_docs).astype(np.float32)
    data = np.empty(counts.rows.shape[0], dtype=np.float32)
    for start in range(0, data.size, SLICE):
        end = min(start + SLICE, data.size)
        tf = counts.tf[start:end].astype(np.float32)
        norm = k1 * (1.0 - b + b * lengths[counts.rows[start:end]] / (average or 1.0))
        column = np.searchsorted(counts.indptr, np.arange(start, end), side="right") - 1
        data[start:end] = tf * (k1 + 1.0) / (tf + norm) * idf[column]
    return data


Documents = tuple[np.ndarray, np.ndarray, np.ndarray]  # item ids, dates, content digests


def from_matrix(
    matrix: sp.csr_matrix, item_ids: np.ndarray, timestamps: np.ndarray, digests: np.ndarray
) -> Counts:
    """Term counts given as a documents x terms matrix (counted elsewhere) as :class:`Counts`:
    the same arrays :func:`count` gives for the same documents."""
    by_column = matrix.tocsc()
    by_column.sort_indices()
    tf = np.minimum(by_column.data, MAX_TF).astype(np.uint16)
    return Counts(
        np.asarray(by_column.indptr, dtype=np.int64),
        np.asarray(by_column.indices, dtype=np.int32),
        tf,
        np.asarray(item_ids, dtype=np.int64),
        np.asarray(timestamps, dtype=np.float64),
        np.asarray(digests, dtype=np.uint64),
    )


def editable(vocabulary: Mapping[str, int]) -> dict[str, int]:
    """A dict of the same terms, to add to (a sorted vocabulary read at once, not term by
    term: its terms come in order with the array of their columns)."""
    columns = getattr(vocabulary, "columns", None)
    if isinstance(columns, np.ndarray) and columns.size == len(vocabulary):
        return dict(zip(vocabulary, columns.tolist(), strict=True))
    return dict(vocabulary)


def renumbered(counts: Counts, terms: Mapping[str, int], vocabulary: dict[str, int]) -> Counts:
    """``counts`` (columns numbered by ``terms``) with its columns numbered by ``vocabulary``,
    which gets the terms it lacks (numbered in the order of their columns in ``counts``)."""
    by_column = [""] * len(terms)
    for term, column in editable(terms).items():
        by_column[column] = term
    remap = np.fromiter(
        (vocabulary.setdefault(term, len(vocabulary)) for term in by_column),
        dtype=np.int32,
        count=len(by_column),
    )
    columns = np.repeat(remap, np.diff(counts.indptr))
    return _by_column(
        columns,
        counts.rows,
        counts.tf,
        len(vocabulary),
        counts.item_ids,
        counts.timestamps,
        counts.digests,
    )
