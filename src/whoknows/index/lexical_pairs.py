"""Neighbouring words of the lexical index: each item's pairs of adjacent terms, kept as
32-bit codes row after row, so that a query's top items can be scored for the phrases they
share with it ("named entity", "entity recognition") as well as for its words.

No vocabulary of pairs is kept: a pair's weight is its two words' idf added (the weight it
would have if the words occurred independently), and its code is a CRC-32 of the two terms,
the same in every process and every build. An update keeps the rows it keeps and adds the
new ones: nothing else is counted again, so an index updated ingest after ingest holds the
same codes as one built at once (what a vocabulary of pairs held once could not do at 10^6
items, see docs/ranking.md).
"""

from __future__ import annotations

import math
import zlib
from array import array
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import numpy as np

from whoknows.index.bm25 import query_term_weight

CODE = np.uint32
CODES_FILE, OFFSETS_FILE = "pairs.npy", "pair_offsets.npy"  # in the lexical index's folder
# the items whose words score best are scored again for their phrases: far deeper than any
# ranker reads (the votes read the top 500)
DEPTH = 1000
# codes read in the time of one step of a binary search for one pair in one row (measured:
# a query searches its best items' codes instead of reading them all where they are long
# and the query short, docs/ranking.md)
SEARCH_STEP = 3.0
ROWS_AT_ONCE = 1 << 16  # rows laid out at a time when an update reorders them


def pair_code(first: str, second: str) -> int:
    """The code of the pair of terms ``first second``."""
    return zlib.crc32(f"{first} {second}".encode())


def pair_codes(terms: Sequence[str]) -> array[int]:
    """The code of each pair of adjacent terms, in order."""
    return array("I", (pair_code(a, b) for a, b in pairwise(terms)))


def row_codes(terms: Sequence[str]) -> array[int]:
    """The codes of a document's pairs as its index row keeps them: ascending (a query
    searches them), repeats kept (their count is the pair's frequency)."""
    return array("I", sorted(pair_codes(terms)))


@dataclass(frozen=True)
class QueryPairs:
    """A query's distinct pair codes (ascending), the weight of each (its two words' idf
    added, times the weight of how often the query holds the pair), and its two words:
    positions in ``columns``, the index columns of the query's words that pairs use."""

    codes: np.ndarray
    weights: np.ndarray
    columns: np.ndarray  # int64
    words: np.ndarray  # int64, (pairs, 2)

    @classmethod
    def of(
        cls, terms: Sequence[str], idf: dict[str, float], columns: Mapping[str, int], k1: float
    ) -> QueryPairs:
        """The pairs of ``terms`` (the query's, in order) whose two words are indexed (``idf``
        and ``columns`` hold each indexed term of the query); a pair the query repeats weighs
        as a repeated word does (:func:`query_term_weight` with ``k1``)."""
        found: Counter[int] = Counter()
        weight: dict[int, float] = {}
        words: dict[int, tuple[str, str]] = {}
        for first, second in pairwise(terms):
            if first in idf and second in idf:
                code = pair_code(first, second)
                found[code] += 1
                weight[code] = idf[first] + idf[second]
                words[code] = (first, second)
        codes = sorted(found)
        times = query_term_weight(np.array([found[c] for c in codes], dtype=np.float64), k1)
        used = sorted({word for code in codes for word in words[code]})
        place = {word: at for at, word in enumerate(used)}
        return cls(
            np.array(codes, dtype=CODE),
            np.array([weight[c] for c in codes], dtype=np.float64) * times,
            np.array([columns[word] for word in used], dtype=np.int64),
            np.array([[place[w] for w in words[c]] for c in codes], dtype=np.int64).reshape(-1, 2),
        )


@dataclass(frozen=True)
class PairRows:  # (frozen: cached_property writes the instance's __dict__, which it allows)
    """Per index row, its pair codes, ascending: ``codes[offsets[row]:offsets[row + 1]]``."""

    codes: np.ndarray  # uint32
    offsets: np.ndarray  # int64, rows + 1

    @classmethod
    def empty(cls) -> PairRows:
        return cls(np.zeros(0, dtype=CODE), np.zeros(1, dtype=np.int64))

    @property
    def rows(self) -> int:
        return int(self.offsets.shape[0] - 1)

    def check(self, rows: int) -> None:
        """ValueError unless these are uint32 codes laid out by ``rows`` rows in order."""
        offsets = self.offsets
        if self.codes.ndim != 1 or offsets.ndim != 1 or offsets.size != rows + 1:
            raise ValueError("the pairs are not codes by row")
        if self.codes.dtype != CODE or offsets.dtype.kind != "i":
            raise ValueError("the pairs are not codes by row")
        if offsets[0] != 0 or offsets[-1] != self.codes.size or np.any(np.diff(offsets) < 0):
            raise ValueError("the pairs do not match the rows")

    @cached_property
    def average_length(self) -> float:
        """The rows' mean length in terms (a row's pairs and one: its length as BM25 counts
        it, 0 for a row without a term)."""
        pairs = np.diff(self.offsets)
        return float(np.where(pairs > 0, pairs + 1, 0).mean()) if pairs.size else 0.0

    def bonus(
        self, rows: np.ndarray, query: QueryPairs, held: np.ndarray, k1: float, b: float
    ) -> np.ndarray:
        """For each of ``rows``, the BM25 of the query's pairs it holds (each pair's
        frequency saturated against the row's length, as a word's is). ``held[word, i]``
        says whether ``rows[i]`` holds the word ``query.columns[word]``: a code counts only
        in a row that holds both its words (two pairs of words may share a code)."""
        found = np.zeros(rows.size, dtype=np.float64)
        if not rows.size or not query.codes.size:
            return found
        starts, ends = self.offsets[rows], self.offsets[rows + 1]
        sizes = ends - starts
        total = int(sizes.sum())
        if not total:
            return found
        steps = math.log2(total / rows.size + 1.0) * rows.size * query.codes.size
        if total <= SEARCH_STEP * steps:
            row, pair, tf = _read_through(self.codes, starts, sizes, query.codes)
        else:
            row, pair, tf = _searched(self.codes, starts, ends, query.codes)
        words = query.words[pair]
        real = held[words[:, 0], row] & held[words[:, 1], row]
        row, pair, tf = row[real], pair[real], tf[real]
        norm = k1 * (1.0 - b + b * (sizes[row] + 1) / (self.average_length or 1.0))
        saturated = tf * (k1 + 1.0) / (tf + norm) * query.weights[pair]
        return np.bincount(row, weights=saturated, minlength=rows.size)

    def merged(
        self, keep: np.ndarray, new: PairRows, old_ids: np.ndarray, new_ids: np.ndarray
    ) -> PairRows:
        """The rows in ``keep`` (a mask) and the rows of ``new``, ordered by item id as
        :func:`whoknows.index.lexical_terms.merge` orders them, laid out a slice of rows at a
        time (memory holds the result and one slice's work)."""
        kept_rows = np.flatnonzero(keep)
        order = np.argsort(np.concatenate([old_ids[kept_rows], new_ids]), kind="stable")
        from_old = order < kept_rows.size
        source_row = np.empty(order.size, dtype=np.int64)
        source_row[from_old] = kept_rows[order[from_old]]
        source_row[~from_old] = order[~from_old] - kept_rows.size
        sizes = np.empty(order.size, dtype=np.int64)
        sizes[from_old] = np.diff(self.offsets)[source_row[from_old]]
        sizes[~from_old] = np.diff(new.offsets)[source_row[~from_old]]
        offsets = np.zeros(order.size + 1, dtype=np.int64)
        np.cumsum(sizes, out=offsets[1:])
        codes = np.empty(int(offsets[-1]), dtype=CODE)
        for first in range(0, order.size, ROWS_AT_ONCE):
            part = slice(first, first + ROWS_AT_ONCE)
            for side, taken in ((self, from_old[part]), (new, ~from_old[part])):
                rows = source_row[part][taken]
                lengths = sizes[part][taken]
                places = _gather(offsets[:-1][part][taken], lengths)
                codes[places] = side.codes[_gather(side.offsets[rows], lengths)]
        return PairRows(codes, offsets)


def words_held(
    indices: np.ndarray, indptr: np.ndarray, rows: np.ndarray, columns: np.ndarray
) -> np.ndarray:
    """``held[i, j]``: whether row ``rows[j]`` holds the term ``columns[i]``, by the rows of
    each term (``indices[indptr[term]:indptr[term + 1]]``, ascending: a binary search)."""
    found = np.zeros((columns.size, rows.size), dtype=bool)
    for at, column in enumerate(columns.tolist()):
        holding = indices[int(indptr[column]) : int(indptr[column + 1])]
        if holding.size:
            place = np.minimum(np.searchsorted(holding, rows), holding.size - 1)
            found[at] = holding[place] == rows
    return found


def _read_through(
    codes: np.ndarray, starts: np.ndarray, sizes: np.ndarray, wanted: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, pair, count) of each pair of ``wanted`` (ascending codes) that the rows hold,
    by (row, pair) ascending, reading every code of the rows (short rows: the quickest)."""
    owner = np.repeat(np.arange(starts.size), sizes)
    found = codes[_gather(starts, sizes)]
    at = np.minimum(np.searchsorted(wanted, found), wanted.size - 1)
    hit = wanted[at] == found
    keys, tf = np.unique(owner[hit] * wanted.size + at[hit], return_counts=True)
    row, pair = np.divmod(keys, wanted.size)
    return row, pair, tf


def _searched(
    codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, wanted: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_read_through` by binary searches in each row's codes (ascending within a row):
    the time of a query no longer grows with the length of its best items."""
    lower = np.repeat(starts, wanted.size)
    upper = np.repeat(ends, wanted.size)
    target = np.tile(wanted, starts.size)
    first = _bound(codes, lower, upper, target, after=False)
    tf = _bound(codes, first, upper, target, after=True) - first
    keys = np.flatnonzero(tf)
    row, pair = np.divmod(keys, wanted.size)
    return row, pair, tf[keys]


def _bound(
    codes: np.ndarray, lower: np.ndarray, upper: np.ndarray, target: np.ndarray, after: bool
) -> np.ndarray:
    """Per range [lower, upper) of ``codes`` (ascending within it), the first place whose
    code is not below ``target`` (``after``: not below or equal), all ranges at once."""
    lower, upper = lower.copy(), upper.copy()
    active = np.flatnonzero(lower < upper)
    while active.size:
        middle = (lower[active] + upper[active]) // 2
        found = codes[middle]
        right = found <= target[active] if after else found < target[active]
        lower[active[right]] = middle[right] + 1
        upper[active[~right]] = middle[~right]
        active = active[lower[active] < upper[active]]
    return lower


def _gather(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The positions ``start, start + 1, ... start + size - 1`` of each range, end to end."""
    total = int(sizes.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(sizes)
    shift = np.repeat(starts.astype(np.int64) - (ends - sizes), sizes)
    return np.asarray(np.arange(total, dtype=np.int64) + shift)


class PairSink:
    """The pair codes of documents counted one after the other (see
    :func:`whoknows.index.lexical_terms.count`)."""

    def __init__(self) -> None:
        self._codes: array[int] = array("I")
        self._sizes: array[int] = array("q")

    def add(self, codes: Sequence[int]) -> None:
        self._codes.extend(codes)
        self._sizes.append(len(codes))

    def extend(self, codes: np.ndarray, sizes: np.ndarray) -> None:
        """Several documents' codes end to end, and how many each has."""
        self._codes.frombytes(np.asarray(codes, dtype=CODE).tobytes())
        self._sizes.frombytes(np.asarray(sizes, dtype=np.int64).tobytes())

    def rows(self) -> PairRows:
        offsets = np.zeros(len(self._sizes) + 1, dtype=np.int64)
        np.cumsum(np.frombuffer(self._sizes, dtype=np.int64), out=offsets[1:])
        return PairRows(np.frombuffer(self._codes, dtype=CODE).copy(), offsets)


__all__ = [
    "CODES_FILE",
    "DEPTH",
    "OFFSETS_FILE",
    "PairRows",
    "PairSink",
    "QueryPairs",
    "pair_code",
    "pair_codes",
    "row_codes",
    "words_held",
]
