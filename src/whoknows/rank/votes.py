"""Votes: each retrieved item votes for its contributors (and a matching question for the people
who answered it), weighted by relevance, role, contribution weight and the item's quality."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from whoknows.rank.base import EvidenceVote
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.roles import (
    DEFAULT_ROLE_WEIGHT,
    INTEREST_ROLES,
    REPLY_ROLES,
    ROLE_WEIGHTS,
    SHORT_WORDS,
    STARTERS,
    TOPICAL_ROLES,
)

DAY = 86400.0
# below this cosine, multilingual USE pairs are unrelated texts: such items cast no vote
DENSE_FLOOR = 0.2
RECENT_DAYS = 90.0  # time constant of the decayed ("recent") votes
# focused votes weigh each item by (relevance / the best hit's) ** FOCUS more: an item that
# matches only a long query's common words counts far less than one matching its specific ones
FOCUS = 2.0


@dataclass
class Votes:
    scores: dict[int, float] = field(default_factory=dict)
    best: dict[int, float] = field(default_factory=dict)
    votes: dict[int, list[EvidenceVote]] = field(default_factory=dict)
    expert: dict[int, float] = field(default_factory=dict)
    recent: dict[int, float] = field(default_factory=dict)
    count: dict[int, int] = field(default_factory=dict)
    thread: dict[int, float] = field(default_factory=dict)
    focused: dict[int, float] = field(default_factory=dict)
    # people whose matching items only show interest (asking, being addressed, "+1"):
    # relevance x quality of those items, and the items, best first; never part of ``scores``
    interest: dict[int, float] = field(default_factory=dict)
    interest_votes: dict[int, list[EvidenceVote]] = field(default_factory=dict)

    def ranks(self) -> dict[int, int]:
        ordered = sorted(self.scores.items(), key=lambda pair: (-pair[1], pair[0]))
        return {person: rank for rank, (person, _) in enumerate(ordered, 1)}


def _thread_votes(
    thread: dict[int, float],
    evidence: EvidenceBase,
    hits: list[tuple[int, float]],
    exclude: frozenset[int],
    moment: float,
    role_weights: dict[str, float],
) -> None:
    """A matching question votes for the people who answered it (before ``moment``)."""
    for row, relevance in hits:
        people, roles, weights, dates = evidence.answers_at(row)
        for person, role, weight, when in zip(people, roles, weights, dates, strict=True):
            if when < moment and person not in exclude:
                thread[person] += relevance * (role_weights.get(role, DEFAULT_ROLE_WEIGHT) * weight)


def shows_interest(
    evidence: EvidenceBase, row: int, person: int, role: str, moment: float = math.inf
) -> bool:
    """Whether a contribution shows interest in the subject rather than knowledge of it:
    asking (or starting a thread others answered), being addressed or mentioned, or a reply
    of a few words ("+1", "thanks, that solved it")."""
    if role in INTEREST_ROLES:
        return True
    if role in STARTERS:
        people, _, _, dates = evidence.answers_at(row)
        return any(o != person and d < moment for o, d in zip(people, dates, strict=True))
    return role in REPLY_ROLES and evidence.words(row) <= SHORT_WORDS


def vote(
    hits: list[tuple[int, float]],
    evidence: EvidenceBase,
    exclude: frozenset[int] = frozenset(),
    moment: float | None = None,
    role_weights: dict[str, float] = ROLE_WEIGHTS,
) -> Votes:
    """Each hit (index row, relevance) votes for its contributors:
    relevance x role x contribution weight x quality."""
    result = Votes()
    scores: dict[int, float] = defaultdict(float)
    expert: dict[int, float] = defaultdict(float)
    recent: dict[int, float] = defaultdict(float)
    count: dict[int, int] = defaultdict(int)
    thread: dict[int, float] = defaultdict(float)
    votes: dict[int, list[EvidenceVote]] = defaultdict(list)
    interest: dict[int, float] = defaultdict(float)
    interest_votes: dict[int, list[EvidenceVote]] = defaultdict(list)
    focused: dict[int, float] = defaultdict(float)
    top = max((relevance for _, relevance in hits), default=0.0) or 1.0
    moment = evidence.now + 1.0 if moment is None else moment
    _thread_votes(thread, evidence, hits, exclude, moment, role_weights)
    for row, relevance in hits:
        people, roles, weights = evidence.at(row)
        if not people:
            continue
        item_id = int(evidence.item_ids[row])
        quality = evidence.quality(row)
        age = (moment - float(evidence.times[row])) / DAY
        decay = math.exp(-age / RECENT_DAYS) if age == age else 0.0
        for person, role, weight in zip(people, roles, weights, strict=True):
            if person in exclude:
                continue
            if shows_interest(evidence, row, person, role, moment):
                interest[person] += relevance * quality
                interest_votes[person].append(EvidenceVote(item_id, role, relevance * quality))
                continue
            value = relevance * role_weights.get(role, DEFAULT_ROLE_WEIGHT) * weight
            value *= quality
            if value <= 0:
                continue
            scores[person] += value
            focused[person] += value * (relevance / top) ** FOCUS
            recent[person] += value * decay
            votes[person].append(EvidenceVote(item_id, role, value))
            if role in TOPICAL_ROLES:
                result.best[person] = max(result.best.get(person, 0.0), relevance)
                expert[person] += value
                count[person] += 1
    result.scores, result.votes, result.expert = dict(scores), dict(votes), dict(expert)
    result.recent, result.count, result.thread = dict(recent), dict(count), dict(thread)
    result.interest, result.interest_votes = dict(interest), dict(interest_votes)
    result.focused = dict(focused)
    return result


def dense_hits(evidence: EvidenceBase, sims: np.ndarray, depth: int) -> list[tuple[int, float]]:
    """The ``depth`` rows most similar to the query, relevance = positive cosine, sharpened."""
    k = min(depth, sims.size)
    if k == 0:
        return []
    top = np.argpartition(-sims, k - 1)[:k]
    top = top[np.argsort(-sims[top], kind="stable")]
    return [(int(i), float(sims[i]) ** 3) for i in top if sims[i] >= DENSE_FLOOR]
