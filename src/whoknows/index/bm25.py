"""BM25's weight of a query word for how often the query holds it."""

from __future__ import annotations

import numpy as np


def query_term_weight(counts: np.ndarray, k1: float) -> np.ndarray:
    """Each count saturated as a document's term frequency is, with the same ``k1``
    (Robertson's query-term factor with k3 = k1): 1 for a word said once, at most k1 + 1
    for one said many times. A paper's abstract says its subject's common words five times
    and its distinctive ones once; counted raw, the common ones outweighed the rest
    (docs/ranking.md, "Long queries")."""
    counts = np.asarray(counts, dtype=np.float64)
    return counts * (k1 + 1.0) / (counts + k1)


__all__ = ["query_term_weight"]
