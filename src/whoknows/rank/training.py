"""Training examples for the learned ranker: each past question's candidates with their
features as of the moment it was asked, and its grades. Computing them is most of a model's
fit; large workspaces compute them in forked children, one per core."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from whoknows.forking import forked_map
from whoknows.rank.candidates import FeatureBuilder
from whoknows.rank.features import CandidateSet, CandidateVotes

DAY = 86400.0
# an index is queried for days or weeks after its last ingest: each past question is also
# learned as if asked up to this long after the evidence stopped
STALENESS_DAYS = 21.0

Example = tuple[CandidateSet, np.ndarray]


@dataclass
class TrainingQuery:
    item_id: int
    text: str
    as_of: float
    askers: frozenset[int]
    grades: dict[int, int]


def labelled(
    builder: FeatureBuilder, query: TrainingQuery, staleness: float = 0.0
) -> Example | None:
    """The question's candidates and their grades, with features as of ``staleness`` seconds
    before it was asked (the candidates without their votes: a model learns from features)."""
    moment = query.as_of - staleness
    candidates = builder.build(query.text, as_of=moment, exclude=query.askers)
    labels = np.array([query.grades.get(p, 0) for p in candidates.people], dtype=np.float64)
    if not candidates.people or labels.max() <= 0 or labels.min() > 0:
        return None
    bare = CandidateSet(candidates.people, candidates.features, CandidateVotes(()), moment)
    return bare, labels


def examples(
    builder: FeatureBuilder,
    queries: list[TrainingQuery],
    seed: int,
    progress: Callable[[int, int], None] | None = None,
    parallel: bool = False,
) -> list[list[Example]]:
    """Per usable query, its fresh view and (when usable) one stale view; with ``parallel``,
    computed by forked children (the same examples)."""
    rng = np.random.default_rng(seed)
    stalenesses = [float(rng.uniform(0.0, STALENESS_DAYS * DAY)) for _ in queries]

    def views(index: int) -> list[Example]:
        fresh = labelled(builder, queries[index])
        if fresh is None:
            return []
        stale = labelled(builder, queries[index], stalenesses[index])
        return [fresh] if stale is None else [fresh, stale]

    indexes = range(len(queries))
    found = forked_map(views, indexes) if parallel else map(views, indexes)
    per_query: list[list[Example]] = []
    for done, computed in enumerate(found, 1):
        if computed:
            per_query.append(computed)
        if progress:
            progress(done, len(queries))
    return per_query


def ndcg_at_10(scores: np.ndarray, labels: np.ndarray) -> float:
    order = np.argsort(-scores, kind="stable")[:10]
    gains = (2.0 ** labels[order] - 1) / np.log2(np.arange(2, order.size + 2))
    ideal = np.sort(labels)[::-1][:10]
    ideal_gain = ((2.0**ideal - 1) / np.log2(np.arange(2, ideal.size + 2))).sum()
    return float(gains.sum() / ideal_gain) if ideal_gain > 0 else 0.0


__all__ = ["STALENESS_DAYS", "Example", "TrainingQuery", "examples", "labelled", "ndcg_at_10"]
