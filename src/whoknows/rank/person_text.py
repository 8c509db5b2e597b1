"""A person's answers and writings read as one document, scored with BM25 (the "candidate
model", Balog, Azzopardi and de Rijke's model 1): term counts add up over the person's items
before they saturate, so someone whose many items each share a few of the query's words
scores like an author of the subject, where the item votes reward one item that shares
many. It reads the lexical index's counts; nothing is stored."""

from __future__ import annotations

import numpy as np

from whoknows.index.bm25 import idf
from whoknows.index.lexical import LexicalIndex
from whoknows.rank.views import PersonArrays

K1 = 1.2  # BM25's usual constants, as the item index uses them
B = 0.75
# a person's latest answers and writings read (the dense profile's bound: a query's cost
# stays bounded however long the histories)
PERSON_ROWS = 256


class PersonDocuments:
    """BM25 of each candidate's latest items taken together, for one lexical index."""

    def __init__(self, lexical: LexicalIndex, person_rows: PersonArrays, words: np.ndarray) -> None:
        """``words``: each index row's length in words (the evidence's own column: no pass
        over the index's entries, which are 10^8 at a million items)."""
        counts = lexical.counts
        self.lexical = lexical
        self.rows = counts.rows
        self.tf = counts.tf
        self.indptr = counts.indptr
        self.row_length = words
        # everyone's latest PERSON_ROWS rows together: the mean length BM25 compares with
        ends = np.asarray(person_rows.offsets[1:], dtype=np.int64)
        starts = np.maximum(
            np.asarray(person_rows.offsets[:-1], dtype=np.int64), ends - PERSON_ROWS
        )
        flat = np.asarray(person_rows.flat, dtype=np.int64)
        running = np.concatenate(([0.0], np.cumsum(words[flat], dtype=np.float64)))
        lengths = running[ends] - running[starts]
        self.mean_length = float(lengths.mean()) if lengths.size else 1.0

    def scores(
        self, text: str, candidate_rows: list[np.ndarray], unheld: frozenset[str] = frozenset()
    ) -> np.ndarray:
        """Each candidate's BM25 over the query's terms but ``unheld`` (0 for a candidate with
        no rows)."""
        found = np.zeros(len(candidate_rows), dtype=np.float64)
        columns, query_counts = self.lexical.query_vector(text, unheld)
        parts = [rows[-PERSON_ROWS:] for rows in candidate_rows]
        sizes = np.fromiter((p.size for p in parts), dtype=np.int64, count=len(parts))
        if not columns.size or not sizes.sum():
            return found
        joined = np.concatenate(parts).astype(np.int64, copy=False)
        owner = np.repeat(np.arange(sizes.size), sizes)
        length = np.bincount(
            owner, weights=self.row_length[joined].astype(np.float64), minlength=sizes.size
        )
        norm = K1 * (1.0 - B + B * length / (self.mean_length or 1.0))
        documents = float(self.row_length.shape[0])
        for column, times in zip(columns.tolist(), query_counts.tolist(), strict=True):
            start, end = int(self.indptr[column]), int(self.indptr[column + 1])
            postings = self.rows[start:end]  # (ascending)
            at = np.minimum(np.searchsorted(postings, joined), postings.size - 1)
            hit = postings[at] == joined
            frequency = np.asarray(self.tf[start + at[hit]], dtype=np.float64)
            term = np.bincount(owner[hit], weights=frequency, minlength=sizes.size)
            weight = times * idf(float(end - start), documents)
            found += weight * term * (K1 + 1.0) / (term + norm)
        return found


__all__ = ["PERSON_ROWS", "PersonDocuments"]
