"""A person's answers and writings read as one document, scored with BM25 (the "candidate
model", Balog, Azzopardi and de Rijke's model 1): term counts add up over the person's items
before they saturate, so someone whose many items each share a few of the query's words
scores like an author of the subject, where the item votes reward one item that shares
many. It reads the lexical index's counts; nothing is stored."""

from __future__ import annotations

import numpy as np

from whoknows.index.lexical import LexicalIndex
from whoknows.rank.views import PersonArrays

K1 = 1.2  # BM25's usual constants, as the item index uses them
B = 0.75
# a person's latest answers and writings read (the dense profile's bound: a query's cost
# stays bounded however long the histories)
PERSON_ROWS = 256


class PersonDocuments:
    """BM25 of each candidate's latest items taken together, for one lexical index."""

    def __init__(self, lexical: LexicalIndex, person_rows: PersonArrays) -> None:
        counts = lexical.counts
        self.lexical = lexical
        self.rows = np.asarray(counts.rows)
        self.tf = np.asarray(counts.tf, dtype=np.float64)
        self.indptr = np.asarray(counts.indptr)
        size = int(counts.item_ids.shape[0])
        self.row_length = np.bincount(self.rows, weights=self.tf, minlength=size)
        # everyone's latest PERSON_ROWS rows together: the mean length BM25 compares with
        ends = np.asarray(person_rows.offsets[1:], dtype=np.int64)
        starts = np.maximum(
            np.asarray(person_rows.offsets[:-1], dtype=np.int64), ends - PERSON_ROWS
        )
        flat = np.asarray(person_rows.flat, dtype=np.int64)
        running = np.concatenate(([0.0], np.cumsum(self.row_length[flat])))
        lengths = running[ends] - running[starts]
        self.mean_length = float(lengths.mean()) if lengths.size else 1.0

    def scores(self, text: str, candidate_rows: list[np.ndarray]) -> np.ndarray:
        """Each candidate's BM25 over the query's terms (0 for a candidate with no rows)."""
        found = np.zeros(len(candidate_rows), dtype=np.float64)
        columns, query_counts = self.lexical.query_vector(text)
        parts = [rows[-PERSON_ROWS:] for rows in candidate_rows]
        sizes = np.fromiter((p.size for p in parts), dtype=np.int64, count=len(parts))
        if not columns.size or not sizes.sum():
            return found
        joined = np.concatenate(parts).astype(np.int64, copy=False)
        owner = np.repeat(np.arange(sizes.size), sizes)
        length = np.bincount(owner, weights=self.row_length[joined], minlength=sizes.size)
        norm = K1 * (1.0 - B + B * length / (self.mean_length or 1.0))
        documents = float(self.row_length.size)
        for column, times in zip(columns.tolist(), query_counts.tolist(), strict=True):
            start, end = int(self.indptr[column]), int(self.indptr[column + 1])
            postings = self.rows[start:end]  # (ascending)
            at = np.minimum(np.searchsorted(postings, joined), postings.size - 1)
            hit = postings[at] == joined
            term = np.bincount(owner[hit], weights=self.tf[start + at[hit]], minlength=sizes.size)
            idf = np.log1p((documents - (end - start) + 0.5) / ((end - start) + 0.5))
            found += times * idf * term * (K1 + 1.0) / (term + norm)
        return found


__all__ = ["PERSON_ROWS", "PersonDocuments"]
