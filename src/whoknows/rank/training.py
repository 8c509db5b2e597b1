"""Training examples for the learned ranker: each past question's candidates with their
features as of the moment it was asked, and its grades. Computing them is most of a model's
fit; large workspaces compute them in forked children, one per core."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from whoknows.forking import forked_map
from whoknows.rank.candidates import FeatureBuilder
from whoknows.rank.combine import PRIOR_WEIGHTS, linear
from whoknows.rank.features import CandidateSet, CandidateVotes

DAY = 86400.0
# an index is queried for days or weeks after its last ingest: each past question is also
# learned as if asked up to this long after the evidence stopped
STALENESS_DAYS = 21.0
# a model is set aside for hybrid-prior only when it ranks the held-out questions worse beyond
# their noise (a one-sided paired t-test at 95%): on ~40 held-out questions a mean a hair lower
# says nothing, and falling back threw away what the model had learned (a variant measured on
# se-ai: held-out nDCG@10 0.559 against 0.560 sent it back to hybrid-prior, AP on later
# questions 0.36 -> 0.32)
WORSE_LEVEL = 0.95

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


def per_query_ndcg(
    predict: Callable[[np.ndarray], np.ndarray],
    per_query: list[list[tuple[CandidateSet, np.ndarray]]],
) -> tuple[np.ndarray, np.ndarray]:
    """Per question, the mean nDCG@10 of its views ranked by ``predict`` and by
    ``hybrid-prior``."""
    model = [np.mean([ndcg_at_10(predict(c.features), y) for c, y in views]) for views in per_query]
    fixed = [
        np.mean([ndcg_at_10(linear(c, PRIOR_WEIGHTS), y) for c, y in views]) for views in per_query
    ]
    return np.asarray(model, dtype=np.float64), np.asarray(fixed, dtype=np.float64)


def clearly_worse(model: np.ndarray, fixed: np.ndarray) -> bool:
    """Whether the per-question scores ``model`` are below ``fixed`` beyond their noise: the
    mean paired difference under zero by more than Student's t (one-sided,
    :data:`WORSE_LEVEL`) standard errors. A score that is not a number is a broken model
    (worse); fewer than two questions, or no difference at all, judge nothing (not worse)."""
    from scipy import stats

    model, fixed = np.asarray(model, dtype=np.float64), np.asarray(fixed, dtype=np.float64)
    if model.shape != fixed.shape:
        raise ValueError(f"{model.size} scores against {fixed.size}")
    if not (np.isfinite(model).all() and np.isfinite(fixed).all()):
        return True
    differences = model - fixed
    if differences.size < 2 or not differences.any():
        return False
    error = float(differences.std(ddof=1)) / math.sqrt(differences.size)
    critical = float(stats.t.ppf(WORSE_LEVEL, differences.size - 1))
    return bool(differences.mean() + critical * error < 0)


__all__ = [
    "STALENESS_DAYS",
    "WORSE_LEVEL",
    "Example",
    "TrainingQuery",
    "clearly_worse",
    "examples",
    "labelled",
    "ndcg_at_10",
    "per_query_ndcg",
]
