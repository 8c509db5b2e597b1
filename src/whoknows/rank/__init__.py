"""Ranking: the evidence base, named features, rankers (registered by name; plugins via entry
points) and the learned ranker."""

from __future__ import annotations

from whoknows.rank.base import EvidenceVote, PersonScore, Query, Ranker
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.rankers import DEFAULT_RANKER, ENTRY_POINT_GROUP, get_ranker, rankers

__all__ = [
    "DEFAULT_RANKER",
    "ENTRY_POINT_GROUP",
    "EvidenceBase",
    "EvidenceVote",
    "PersonScore",
    "Query",
    "Ranker",
    "get_ranker",
    "rankers",
]
