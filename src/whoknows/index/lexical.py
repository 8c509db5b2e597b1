"""BM25 over items, precomputed at index time so a query is a sparse column sum plus a top-k;
updated in place of rebuilt: an ingest counts only its new and changed items.

On disk (one folder, no pickles): the CSC matrix items x terms of BM25 weights as three arrays
(``weights_data.npy``, ``weights_indices.npy``, ``weights_indptr.npy``), ``weights_tf.npy``
(each entry's term frequency: the weights are computed again from them when the collection
changes, without reading any text), the vocabulary sorted (``terms.bin``, the UTF-8 terms end
to end, ``term_offsets.npy`` and ``term_columns.npy``), ``items.npy`` (row -> item id,
ascending), ``dates.npy`` (row -> epoch seconds, NaN if unknown), ``digests.npy`` (row -> the
content digest it was counted from), ``pairs.npy`` and ``pair_offsets.npy`` (each row's pairs
of adjacent terms, see :mod:`whoknows.index.lexical_pairs`) and ``meta.json`` (parameters, the
store generation it was built from, counts, the masking of opted-out people it was built
under). Every array is memory-mapped when opened, and a term is found by binary search in the
sorted vocabulary: opening costs the same at 10^3 and 10^6 items, and a query reads only its
terms' columns (and the pairs of its best items).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from whoknows.errors import IndexStateError
from whoknows.i18n import N_
from whoknows.index._files import load_array, replaced_folder
from whoknows.index.analysis import tokenize
from whoknows.index.bm25 import idf as bm25_idf
from whoknows.index.bm25 import query_term_weight
from whoknows.index.lexical_pairs import (
    CODES_FILE,
    DEPTH,
    OFFSETS_FILE,
    PairRows,
    PairSink,
    QueryPairs,
    words_held,
)
from whoknows.index.lexical_terms import (
    Counts,
    Documents,
    IndexedDocument,
    Tokenizer,
    bm25,
    count,
    editable,
    from_matrix,
    merge,
    renumbered,
    tokenized,
    without_unused_terms,
)
from whoknows.index.lexical_vocabulary import SortedVocabulary
from whoknows.index.specificity import specific_idf

if TYPE_CHECKING:
    import scipy.sparse as sp

FORMAT = "whoknows-bm25/29"  # 3: tf, digests; 4: elisions; 5: word pairs; 6: within phrases;
# 7: pairs held by two items (withdrawn); 8: words only again; 9: more function words
# ("per", "via", "selon") are stopwords; 10: each row's adjacent pairs (codes, no vocabulary);
# 11: a row's pair codes ascending; 12: courtesies ("merci d'avance") are no words; 13: more of
# them; 14: the items' mean length (a query word's idf blends the language's); 15: "-ancing"
# is "-ance" ("rebalancing", "rebalances"), "502s" is "502"; 16: "c++", "c#", ".net" are words;
# 17: "knows" is a stopword ("who knows kafka?" found "Who knows how our EDI mapping works?");
# 18: words of every script ("кафка"), Chinese and Japanese as character pairs; a word of
# three letters is not cut to two ("ios" was "io"); 19: Korean as character pairs (its
# syllables were folded to jamo), kana keep their voicing marks, Russian and Greek stemmed;
# 20: a chat message's channel is not a word of it ("#data: …" matched "data"); 21: French
# compounds ("mise à jour") are terms beside their words; 22: an acronym's plural is the
# acronym ("GNNs" is "gnn"); "personne", "rien", "nobody" are stopwords; 23: "compte rendu"
# and "authentification unique" are compounds too; 24: French plurals in x are their
# singulars ("réseaux", "journaux"), a stem ending in "us" loses its "s" ("menus", "verrous");
# 25: German and Dutch function words are stopwords in a text that reads German or Dutch, and
# their sign-offs ("Mit freundlichen Grüßen") courtesies; 26: "baux" is "bail"; 27: "M&A" is
# one word; 28: "qui peut m'aider", "who can help me" and "à partir de" are no words, "thèse"
# is one in a text that reads French; 29: "qui maîtrise", "qui gère", "qui s'occupait", "qui
# peut dépanner", "who can fix" are no words
PARTS = ("data", "indices", "indptr")


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
    def of(cls, counts: Counts, data: np.ndarray) -> Postings:
        """The weights ``data`` of the entries of ``counts`` (the same CSC layout)."""
        index_type = np.int32 if data.size < np.iinfo(np.int32).max else np.int64
        indptr = np.asarray(counts.indptr, dtype=index_type)
        shape = (int(counts.item_ids.shape[0]), int(indptr.shape[0] - 1))
        return cls(data, np.asarray(counts.rows, dtype=index_type), indptr, shape)

    def scores(self, columns: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """``matrix[:, columns] @ weights``, column after column in float32 (the sums a
        sparse matrix-vector product makes, in the same order)."""
        found = np.zeros(self.shape[0], dtype=np.float32)
        for column, weight in zip(columns.tolist(), weights.tolist(), strict=True):
            start, end = int(self.indptr[column]), int(self.indptr[column + 1])
            rows = self.indices[start:end]
            found[rows] += self.data[start:end] * np.float32(weight)
        return found


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
        counts: Counts,
        meta: dict[str, object],
        pairs: PairRows,
    ) -> None:
        self.weights = weights
        self.vocabulary = vocabulary
        self.counts = counts
        self.pairs = pairs
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
        """The index of ``documents`` (ids ascending); ``tokenizer`` counts their terms (in
        this process by default)."""
        vocabulary: dict[str, int] = {}
        pairs = PairSink()
        counts = count(documents, vocabulary, progress, tokenizer, pairs)
        return cls.weighted(
            counts, vocabulary, generation, k1, b, len(counts.item_ids), pairs.rows()
        )

    @classmethod
    def from_counts(
        cls,
        matrix: sp.csr_matrix,
        vocabulary: dict[str, int],
        documents: Documents,
        generation: int,
        k1: float,
        b: float,
        pairs: PairRows,
    ) -> LexicalIndex:
        """The index of term counts (documents x terms, columns numbered by ``vocabulary``)
        and pair codes counted elsewhere, by the spark engine say; ``documents``: their ids,
        dates and content digests. The same files as :meth:`build` of the same documents."""
        counts = from_matrix(matrix, *documents)
        return cls.weighted(counts, vocabulary, generation, k1, b, len(counts.item_ids), pairs)

    def updated(self, keep: np.ndarray, fresh: LexicalIndex, generation: int) -> LexicalIndex:
        """This index with only the rows in ``keep`` (a mask), plus the rows of ``fresh`` (the
        index of the new items, and of the new versions of the items not kept); the weights
        are computed again from the term frequencies (the collection's statistics changed):
        no kept item is read or counted again."""
        vocabulary = editable(self.vocabulary)
        new = renumbered(fresh.counts, fresh.vocabulary, vocabulary)
        counts, vocabulary = without_unused_terms(merge(self.counts, keep, new), vocabulary)
        pairs = self.pairs.merged(keep, fresh.pairs, self.item_ids, fresh.item_ids)
        k1, b = float(str(self.meta["k1"])), float(str(self.meta["b"]))
        return self.weighted(counts, vocabulary, generation, k1, b, len(new.item_ids), pairs)

    @classmethod
    def weighted(
        cls,
        counts: Counts,
        vocabulary: Mapping[str, int],
        generation: int,
        k1: float,
        b: float,
        counted: int,
        pairs: PairRows,
    ) -> LexicalIndex:
        """The index of ``counts`` and ``pairs`` (the same rows): its BM25 weights computed
        (``counted``: how many of its items were counted now, the others kept from a previous
        index)."""
        meta: dict[str, object] = {
            "format": FORMAT,
            "generation": generation,
            "k1": k1,
            "b": b,
            "documents": len(counts.item_ids),
            "mean_length": float(counts.tf.sum(dtype=np.int64)) / max(len(counts.item_ids), 1),
            "terms": len(vocabulary),
            "tokenized_now": counted,
        }
        return cls(Postings.of(counts, bm25(counts, k1, b)), vocabulary, counts, meta, pairs)

    def query_vector(
        self, text: str, unheld: AbstractSet[str] = frozenset()
    ) -> tuple[np.ndarray, np.ndarray]:
        return self._query_vector(tokenize(text), unheld)

    def _query_vector(
        self, terms: list[str], unheld: AbstractSet[str] = frozenset()
    ) -> tuple[np.ndarray, np.ndarray]:
        """The query's indexed terms (columns) and their weights: each count saturated, times
        its specific idf over the workspace's (the postings hold the workspace's); a term of
        ``unheld`` is asked as one the index does not hold."""
        counts = Counter(t for t in terms if t in self.vocabulary and t not in unheld)
        ids = np.fromiter((self.vocabulary[t] for t in counts), dtype=np.int64, count=len(counts))
        times = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        holding = (self.weights.indptr[ids + 1] - self.weights.indptr[ids]).astype(np.float64)
        specific = [
            specific_idf(term, held, len(self), self.mean_length)
            for term, held in zip(counts, holding.tolist(), strict=True)
        ]
        weights = query_term_weight(times, float(str(self.meta["k1"])))
        weights *= np.asarray(specific) / bm25_idf(holding, len(self))
        return ids, weights.astype(np.float32)

    def scores(
        self,
        text: str,
        window: np.ndarray | None = None,
        unheld: AbstractSet[str] = frozenset(),
    ) -> np.ndarray:
        """BM25 score of every indexed item for the query (0 where no term matches, and
        outside ``window``, a mask of rows), the best :data:`DEPTH` of them with the BM25 of
        the pairs of adjacent words they share with it added; the terms of ``unheld`` are
        asked as terms the index does not hold (only hidden people's items hold them)."""
        terms = tokenize(text)
        ids, query_weights = self._query_vector(terms, unheld)
        if ids.size == 0:
            return np.zeros(len(self), dtype=np.float32)
        found = self.weights.scores(ids, query_weights)
        found = found if window is None else np.where(window, found, np.float32(0.0))
        k1, b = float(str(self.meta["k1"])), float(str(self.meta["b"]))
        specific = self.idf(t for t in terms if t not in unheld)
        pairs = QueryPairs.of(terms, specific, self.vocabulary, k1)
        if pairs.codes.size:
            rows, _ = self.top_arrays(found, DEPTH)
            held = words_held(self.weights.indices, self.weights.indptr, rows, pairs.columns)
            bonus = self.pairs.bonus(rows, pairs, held, k1, b)
            found[rows] += bonus.astype(np.float32)
        return found

    @property
    def mean_length(self) -> float:
        """The items' mean length in index terms (what the language's idf is read at)."""
        return float(str(self.meta.get("mean_length", 1.0)))

    def idf(self, terms: Iterable[str]) -> dict[str, float]:
        """How specific each indexed term of ``terms`` is: its idf in the workspace blended
        with its idf in the language (:mod:`whoknows.index.specificity`), by term."""
        indptr, found = self.weights.indptr, {}
        for term in set(terms):
            column = self.vocabulary.get(term)
            if column is not None:
                holding = float(indptr[column + 1] - indptr[column])
                found[term] = specific_idf(term, holding, len(self), self.mean_length)
        return found

    def search(
        self, text: str, k: int, since: float | None = None, until: float | None = None
    ) -> list[tuple[int, float]]:
        """The ``k`` best (item id, score) pairs, best first, dated in [since, until)."""
        return self.top(self.scores(text, time_mask(self.timestamps, since, until)), k)

    def top(self, scores: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` best positive (item id, score) pairs of a score vector over the rows."""
        return [(int(self.item_ids[row]), score) for row, score in self.top_rows(scores, k)]

    def top_rows(self, scores: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` best positive (row, score) pairs of a score vector over the rows."""
        rows, best = self.top_arrays(scores, k)
        return list(zip(rows.tolist(), best.tolist(), strict=True))

    def top_arrays(self, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`top_rows` as arrays: the rows (int64) and their scores (float64)."""
        positive = np.flatnonzero(scores > 0)
        if positive.size > k:
            positive = positive[np.argpartition(-scores[positive], k - 1)[:k]]
        order = positive[np.argsort(-scores[positive], kind="stable")]
        return order.astype(np.int64), scores[order].astype(np.float64)

    def save(self, folder: Path) -> None:
        weights, counts = self.weights, self.counts
        with replaced_folder(folder) as staging:
            for part in PARTS:
                np.save(staging / f"weights_{part}.npy", getattr(weights, part), allow_pickle=False)
            np.save(staging / "weights_tf.npy", counts.tf, allow_pickle=False)
            np.save(staging / "items.npy", counts.item_ids, allow_pickle=False)
            np.save(staging / "dates.npy", counts.timestamps, allow_pickle=False)
            np.save(staging / "digests.npy", counts.digests, allow_pickle=False)
            np.save(staging / CODES_FILE, self.pairs.codes, allow_pickle=False)
            np.save(staging / OFFSETS_FILE, self.pairs.offsets, allow_pickle=False)
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
            weights = Postings(parts[0], parts[1], parts[2], (rows, terms))
            counts = Counts(
                parts[2],
                parts[1],
                load_array(folder / "weights_tf.npy"),
                load_array(folder / "items.npy"),
                load_array(folder / "dates.npy"),
                load_array(folder / "digests.npy"),
            )
            pairs = PairRows(load_array(folder / CODES_FILE), load_array(folder / OFFSETS_FILE))
            _check(weights, counts, pairs)
            vocabulary = SortedVocabulary.read(folder)
        except (OSError, EOFError, ValueError, KeyError, TypeError) as error:
            raise IndexStateError(
                N_("the lexical index is missing, damaged or from another version"),
                N_("run `whoknows reindex`"),
                where=str(folder),
            ) from error
        return cls(weights, vocabulary, counts, meta, pairs)


def _check(weights: Postings, counts: Counts, pairs: PairRows) -> None:
    """ValueError unless the arrays describe one index (the sizes that must agree do)."""
    rows, terms = weights.shape
    if weights.indptr.size != terms + 1 or int(weights.indptr[-1]) != weights.indices.size:
        raise ValueError("the weights do not match their shape")
    if not weights.data.size == weights.indices.size == counts.tf.size:
        raise ValueError("the weights and their term frequencies differ in length")
    if not rows == counts.item_ids.size == counts.timestamps.size == counts.digests.size:
        raise ValueError("the rows of the lexical index differ in length")
    pairs.check(rows)


__all__ = ["FORMAT", "IndexedDocument", "LexicalIndex", "Postings", "SortedVocabulary"]
