"""Fixed-weight combinations of feature columns (hybrid rankers, the learned ranker's fallback)."""

from __future__ import annotations

import numpy as np

from whoknows.rank.features import CandidateSet

# fixed weights of hybrid-prior (also the learned ranker's fallback), on general grounds:
# topical evidence first, recent activity as a tie-breaker of comparable weight to one
# retrieval view, lifetime activity a little
PRIOR_WEIGHTS: dict[str, float] = {
    "lex_vote": 1.0,
    "dense_vote": 1.0,
    "log_recent_30d": 0.5,
    "log_recent_180d": 0.25,
    "log_expert_items": 0.1,
}


def linear(candidates: CandidateSet, weights: dict[str, float]) -> np.ndarray:
    """Weighted sum of the named columns; ``log_`` columns scaled by the query's best first."""
    total = np.zeros(len(candidates.people), dtype=np.float64)
    for name, weight in weights.items():
        column = candidates.column(name).astype(np.float64)
        if name.startswith("log_"):
            top = column.max() if column.size else 0.0
            column = column / top if top > 0 else column
        total += weight * column
    return total
