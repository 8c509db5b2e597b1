"""Document-centric voting: the items that best match a query vote for their contributors.

score(person) = sum over the ``depth`` best-matching items i the person contributed to, of
bm25(i) x role_weight(role) x contribution_weight x quality(i)

where quality(i) = sqrt(min(1, words(i) / 15)) x (1 + 0.5 accepted(i) + 0.25 log(1 + score(i)))
(halved for a negative score): what peers said of the item, and whether it says anything.

(Macdonald & Ounis' CombSUM voting, with roles and signals weighting each vote).
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import ClassVar

from whoknows.rank.base import EvidenceVote, PersonScore, Query
from whoknows.rank.evidence import EvidenceBase
from whoknows.settings import Settings

DEFAULT_ROLE_WEIGHTS: dict[str, float] = {
    "accepted-answerer": 1.5,
    "answerer": 1.0,
    "author": 1.0,
    "replier": 0.8,
    "sender": 0.5,
    "poster": 0.5,
    "committer": 0.6,
    "reviewer": 0.5,
    "asker": 0.1,
    "commenter": 0.3,
    "editor": 0.2,
    "recipient": 0.1,
    "mentioned": 0.1,
}


SUBSTANTIAL_WORDS = 15


def item_quality(signals: dict[str, float], words: int = SUBSTANTIAL_WORDS) -> float:
    """How much an item says about its contributors' expertise, beyond matching the query.

    1 for a substantial item nobody reacted to; more for accepted, upvoted or reacted-to
    items; less for negatively scored ones and for a few words ("thanks, that solved it"),
    which show little expertise even when the thread they sit in matches the query.
    """
    brevity = min(1.0, max(words, 1) / SUBSTANTIAL_WORDS) ** 0.5
    score = signals.get("score", 0.0) + signals.get("reactions", 0.0)
    boost = 1.0 + 0.5 * bool(signals.get("accepted")) + 0.25 * math.log1p(max(score, 0.0))
    if score < 0:
        boost *= 0.5
    return brevity * boost


class VotingRanker:
    name: ClassVar[str] = "vote"
    description: ClassVar[str] = "BM25 over items; the best items vote for their contributors"

    def __init__(
        self, settings: Settings | None = None, role_weights: dict[str, float] | None = None
    ) -> None:
        self.depth = (settings or Settings()).vote_depth
        self.role_weights = role_weights or DEFAULT_ROLE_WEIGHTS

    def rank(self, query: Query, evidence: EvidenceBase) -> list[PersonScore]:
        hits = evidence.lexical.search(query.text, self.depth, since=query.since)
        totals: dict[int, float] = defaultdict(float)
        votes: dict[int, list[EvidenceVote]] = defaultdict(list)
        for item_id, relevance in hits:
            quality = item_quality(
                evidence.signals.get(item_id, {}), evidence.item_words.get(item_id, 1)
            )
            for contribution in evidence.contributions.get(item_id, ()):
                role_weight = self.role_weights.get(contribution.role, 0.5)
                value = relevance * role_weight * contribution.weight * quality
                if value <= 0:
                    continue
                totals[contribution.person_id] += value
                votes[contribution.person_id].append(
                    EvidenceVote(item_id, contribution.role, value)
                )
        ranked = sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))
        if query.k:
            ranked = ranked[: query.k]
        return [
            PersonScore(person, score, sorted(votes[person], key=lambda v: -v.contribution))
            for person, score in ranked
        ]
