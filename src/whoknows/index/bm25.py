"""BM25's idf of a term, and the weight of a query word for how often the query holds it."""

from __future__ import annotations

from typing import overload

import numpy as np


@overload
def idf(holding: float, documents: float) -> float: ...
@overload
def idf(holding: np.ndarray, documents: float) -> np.ndarray: ...
def idf(holding: float | np.ndarray, documents: float) -> float | np.ndarray:
    """BM25's (non-negative, Lucene's) idf of a term that ``holding`` of ``documents`` items
    hold: one formula for the index, the person text and the language's idf."""
    found = np.log1p((documents - np.asarray(holding) + 0.5) / (np.asarray(holding) + 0.5))
    return found if isinstance(holding, np.ndarray) else float(found)


def query_term_weight(counts: np.ndarray, k1: float) -> np.ndarray:
    """Each count saturated as a document's term frequency is, with the same ``k1``
    (Robertson's query-term factor with k3 = k1): 1 for a word said once, at most k1 + 1
    for one said many times. A paper's abstract says its subject's common words five times
    and its distinctive ones once; counted raw, the common ones outweighed the rest
    (docs/ranking.md, "Long queries")."""
    counts = np.asarray(counts, dtype=np.float64)
    return counts * (k1 + 1.0) / (counts + k1)


__all__ = ["idf", "query_term_weight"]
