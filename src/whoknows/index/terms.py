"""Term counts of the lexical index computed in pieces (by Spark executors, say) and put
together into the matrix :meth:`LexicalIndex.build` would have counted in one pass.

A piece is consecutive documents; its terms are numbered in the order they first occur in it.
Put together piece after piece, every term keeps the number of its first occurrence in the
whole sequence, so the vocabulary, the matrix and the document frequencies are exactly the
ones a single pass gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from whoknows.index.analysis import tokenize
from whoknows.index.lexical_pairs import CODE, PairSink, row_codes


@dataclass(frozen=True)
class TermCounts:
    """The term counts of consecutive documents, terms numbered within the piece."""

    terms: list[str]  # piece-local number -> term, in order of first occurrence
    indices: np.ndarray  # int32: the piece-local term of each (document, term) count
    counts: np.ndarray  # float32: how often that term occurs in that document
    lengths: np.ndarray  # int64: how many distinct terms each document has
    doc_freq: np.ndarray  # int64: in how many of the piece's documents each term occurs
    pair_codes: np.ndarray  # uint32: each document's pairs of adjacent terms, end to end
    pair_sizes: np.ndarray  # int64: how many pairs each document has


def count_terms(texts: Iterable[str]) -> TermCounts:
    """Tokenize and count the terms of ``texts`` (documents in order)."""
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    counts: list[int] = []
    lengths: list[int] = []
    pairs = PairSink()
    for text in texts:
        words = tokenize(text)
        terms = Counter(words)
        for term, frequency in terms.items():
            indices.append(vocabulary.setdefault(term, len(vocabulary)))
            counts.append(frequency)
        lengths.append(len(terms))
        pairs.add(row_codes(words))
    pair_rows = pairs.rows()
    local = np.asarray(indices, dtype=np.int32)
    return TermCounts(
        terms=list(vocabulary),
        indices=local,
        counts=np.asarray(counts, dtype=np.float32),
        lengths=np.asarray(lengths, dtype=np.int64),
        doc_freq=np.bincount(local, minlength=len(vocabulary)).astype(np.int64),
        pair_codes=pair_rows.codes.astype(CODE),
        pair_sizes=np.diff(pair_rows.offsets),
    )


def counted(texts: Iterable[str]) -> Iterator[TermCounts]:
    """:func:`count_terms` as one result per piece (a Spark ``mapPartitions`` function)."""
    yield count_terms(texts)


@dataclass
class TermTable:
    """Pieces of term counts added in document order, as one matrix and vocabulary."""

    vocabulary: dict[str, int] = field(default_factory=dict)
    _indices: list[np.ndarray] = field(default_factory=list)
    _counts: list[np.ndarray] = field(default_factory=list)
    _lengths: list[np.ndarray] = field(default_factory=list)
    _doc_freq: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    pairs: PairSink = field(default_factory=PairSink)

    def add(self, piece: TermCounts) -> None:
        vocabulary = self.vocabulary
        remap = np.fromiter(
            (vocabulary.setdefault(term, len(vocabulary)) for term in piece.terms),
            dtype=np.int64,
            count=len(piece.terms),
        )
        grown = len(vocabulary) - len(self._doc_freq)
        if grown:
            self._doc_freq = np.concatenate([self._doc_freq, np.zeros(grown, dtype=np.int64)])
        self._doc_freq[remap] += piece.doc_freq  # a piece names each of its terms once
        self._indices.append(remap[piece.indices].astype(np.int32))
        self._counts.append(piece.counts)
        self._lengths.append(piece.lengths)
        self.pairs.extend(piece.pair_codes, piece.pair_sizes)

    @property
    def documents(self) -> int:
        return int(sum(len(lengths) for lengths in self._lengths))

    def matrix(self) -> tuple[sp.csr_matrix, np.ndarray]:
        """The documents x terms counts and each term's document frequency."""
        lengths = np.concatenate([np.zeros(1, dtype=np.int64), *self._lengths])
        indptr = np.cumsum(lengths)
        indices = np.concatenate(self._indices) if self._indices else np.zeros(0, np.int32)
        counts = np.concatenate(self._counts) if self._counts else np.zeros(0, np.float32)
        shape = (len(indptr) - 1, len(self.vocabulary))
        return sp.csr_matrix((counts, indices, indptr), shape=shape), self._doc_freq.copy()
