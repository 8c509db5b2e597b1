"""The built-in rankers, from plain lexical voting to the learned combiner.

All share :class:`FeatureBuilder`; they differ in how the feature columns become a score:

- ``lexical``: BM25 voting alone (document-centric, CombSUM);
- ``dense``: the same voting over multilingual embedding similarity;
- ``hybrid``: both, each normalised by the query's best, summed;
- ``hybrid-prior``: hybrid plus activity and recency priors, with fixed weights;
- ``learned`` (default): a LightGBM LambdaRank model trained on the workspace's own history
  (earlier questions and threads and who answered them); ``hybrid-prior`` when the workspace
  has too little history to learn from or the model does not beat it on held-out history.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from whoknows.rank.base import PersonScore, Query
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.features import FEATURES, CandidateSet, FeatureBuilder
from whoknows.settings import Settings

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
    total = np.zeros(len(candidates.people), dtype=np.float64)
    for name, weight in weights.items():
        column = candidates.column(name).astype(np.float64)
        if name.startswith("log_"):
            top = column.max() if column.size else 0.0
            column = column / top if top > 0 else column
        total += weight * column
    return total


class FeatureRanker:
    """Base of the built-in rankers: candidates and features, then :meth:`score`."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    needs_dense: ClassVar[bool] = False

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def builder(self, evidence: EvidenceBase) -> FeatureBuilder:
        cached = getattr(evidence, "_feature_builder", None)
        if cached is None:
            cached = FeatureBuilder(evidence, lexical_depth=self.settings.vote_depth)
            evidence._feature_builder = cached  # type: ignore[attr-defined]
        return cached

    def score(self, candidates: CandidateSet, evidence: EvidenceBase) -> np.ndarray:
        raise NotImplementedError

    def rank(self, query: Query, evidence: EvidenceBase) -> list[PersonScore]:
        candidates = self.builder(evidence).build(query.text, since=query.since)
        if not candidates.people:
            return []
        scores = self.score(candidates, evidence)
        order = sorted(
            (i for i in range(len(candidates.people)) if candidates.votes[candidates.people[i]]),
            key=lambda i: (-scores[i], candidates.people[i]),
        )
        if query.k:
            order = order[: query.k]
        return [
            PersonScore(
                candidates.people[i], float(scores[i]), candidates.votes[candidates.people[i]]
            )
            for i in order
        ]


class LexicalRanker(FeatureRanker):
    name = "lexical"
    description = "BM25 over items; the best items vote for their contributors"

    def score(self, candidates: CandidateSet, evidence: EvidenceBase) -> np.ndarray:
        return candidates.column("lex_vote").astype(np.float64)


class DenseRanker(FeatureRanker):
    name = "dense"
    description = "multilingual embeddings; the most similar items vote for their contributors"

    def score(self, candidates: CandidateSet, evidence: EvidenceBase) -> np.ndarray:
        return candidates.column("dense_vote").astype(np.float64)


class HybridRanker(FeatureRanker):
    name = "hybrid"
    description = "lexical and dense votes, each normalised by the query's best, summed"

    def score(self, candidates: CandidateSet, evidence: EvidenceBase) -> np.ndarray:
        return linear(candidates, {"lex_vote": 1.0, "dense_vote": 1.0})


class HybridPriorRanker(FeatureRanker):
    name = "hybrid-prior"
    description = "hybrid plus activity and recency priors, fixed weights"

    def score(self, candidates: CandidateSet, evidence: EvidenceBase) -> np.ndarray:
        return linear(candidates, PRIOR_WEIGHTS)


class LearnedRanker(FeatureRanker):
    name = "learned"
    description = "LightGBM LambdaRank over all features, trained on the workspace's history"

    def score(self, candidates: CandidateSet, evidence: EvidenceBase) -> np.ndarray:
        if evidence.model is None or not evidence.model.usable:
            return linear(candidates, PRIOR_WEIGHTS)
        return evidence.model.predict(candidates.features)


BUILTIN_RANKERS = (LearnedRanker, HybridPriorRanker, HybridRanker, DenseRanker, LexicalRanker)
assert all(r.name for r in BUILTIN_RANKERS) and len(FEATURES) == 23
