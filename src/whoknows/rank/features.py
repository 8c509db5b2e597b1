"""Features of (query, person) pairs: topical votes from lexical and dense retrieval, and
priors for activity, recency and acceptance, all computed "as of" a moment so that training
on history never sees the future."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from whoknows.index.lexical import time_mask
from whoknows.rank.base import EvidenceVote
from whoknows.rank.evidence import EvidenceBase

DAY = 86400.0
# below this cosine, multilingual USE pairs are unrelated texts: such items cast no vote
DENSE_FLOOR = 0.2
SUBSTANTIAL_WORDS = 15

ROLE_WEIGHTS: dict[str, float] = {
    "accepted-answerer": 1.5,
    "answerer": 1.0,
    "author": 1.0,
    "replier": 0.8,
    "committer": 0.6,
    "sender": 0.5,
    "poster": 0.5,
    "reviewer": 0.5,
    "commenter": 0.3,
    "editor": 0.2,
    "asker": 0.1,
    "recipient": 0.1,
    "mentioned": 0.1,
}

FEATURES = (
    "lex_vote",  # lexical votes / the query's best lexical votes
    "lex_rr",  # 1 / rank among people by lexical votes
    "lex_best",  # the person's best single lexical item / the query's best item
    "lex_expert_vote",  # lexical votes of answers, documents, replies, commits only
    "lex_recent_vote",  # lexical votes decayed with a 90-day time constant
    "log_lex_items",  # how many matching items the person answered or wrote
    "lex_thread_vote",  # matching questions vote for the people who answered them
    "lex_profile",  # mean BM25 of all the person's answers and writings (profile-centric)
    "dense_vote",
    "dense_rr",
    "dense_best",  # cosine of the person's most similar item
    "dense_thread_vote",
    "dense_profile",  # mean cosine of all the person's answers and writings
    "dense_top3",  # mean cosine of the person's three most similar answers and writings
    "log_expert_items",  # answers, documents, replies, commits so far
    "log_recent_7d",  # the same, decayed with a 7-day time constant
    "log_recent_30d",
    "log_recent_180d",
    "log_days_since_last",
    "accepted_share",
    "log_all_items",
    "share_recent_30d",  # the person's part of everyone's recent answers and writings
    "share_recent_180d",
)
# features whose larger values mean less evidence; every other feature means more
DECREASING_FEATURES = frozenset({"log_days_since_last"})


def monotone_constraints() -> list[int]:
    """LightGBM's per-feature direction: +1 score rises with the feature, -1 it falls."""
    return [-1 if name in DECREASING_FEATURES else 1 for name in FEATURES]


TOPICAL_ROLES = frozenset({"accepted-answerer", "answerer", "author", "replier", "committer"})


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


@dataclass
class Votes:
    scores: dict[int, float] = field(default_factory=dict)
    best: dict[int, float] = field(default_factory=dict)
    votes: dict[int, list[EvidenceVote]] = field(default_factory=dict)
    expert: dict[int, float] = field(default_factory=dict)
    recent: dict[int, float] = field(default_factory=dict)
    count: dict[int, int] = field(default_factory=dict)
    thread: dict[int, float] = field(default_factory=dict)

    def ranks(self) -> dict[int, int]:
        ordered = sorted(self.scores.items(), key=lambda pair: (-pair[1], pair[0]))
        return {person: rank for rank, (person, _) in enumerate(ordered, 1)}


def vote(
    hits: list[tuple[int, float]],
    evidence: EvidenceBase,
    exclude: frozenset[int] = frozenset(),
    moment: float | None = None,
    role_weights: dict[str, float] = ROLE_WEIGHTS,
) -> Votes:
    """Each hit votes for its contributors: relevance x role x contribution weight x quality."""
    scores: dict[int, float] = defaultdict(float)
    expert: dict[int, float] = defaultdict(float)
    recent: dict[int, float] = defaultdict(float)
    count: dict[int, int] = defaultdict(int)
    thread: dict[int, float] = defaultdict(float)
    best: dict[int, float] = {}
    votes: dict[int, list[EvidenceVote]] = defaultdict(list)
    moment = evidence.now + 1.0 if moment is None else moment
    for item_id, relevance in hits:
        for answer, when in evidence.thread_answers.get(item_id, ()):
            if when < moment and answer.person_id not in exclude:
                weight = role_weights.get(answer.role, 0.3) * answer.weight
                thread[answer.person_id] += relevance * weight
        contributors = evidence.contributions.get(item_id, ())
        if not contributors:
            continue
        signals = evidence.signals.get(item_id, {})
        quality = item_quality(signals, evidence.item_words.get(item_id, 1))
        age = (moment - evidence.timestamp(item_id)) / DAY
        decay = math.exp(-age / 90.0) if age == age else 0.0
        for contribution in contributors:
            if contribution.person_id in exclude:
                continue
            value = relevance * role_weights.get(contribution.role, 0.3) * contribution.weight
            value *= quality
            if value <= 0:
                continue
            person = contribution.person_id
            scores[person] += value
            recent[person] += value * decay
            votes[person].append(EvidenceVote(item_id, contribution.role, value))
            if contribution.role in TOPICAL_ROLES:
                best[person] = max(best.get(person, 0.0), relevance)
                expert[person] += value
                count[person] += 1
    return Votes(
        dict(scores), best, dict(votes), dict(expert), dict(recent), dict(count), dict(thread)
    )


def dense_hits(evidence: EvidenceBase, sims: np.ndarray, depth: int) -> list[tuple[int, float]]:
    """The ``depth`` items most similar to the query, relevance = positive cosine, sharpened."""
    assert evidence.dense is not None
    k = min(depth, sims.size)
    if k == 0:
        return []
    top = np.argpartition(-sims, k - 1)[:k]
    top = top[np.argsort(-sims[top], kind="stable")]
    ids = evidence.dense.item_ids
    return [(int(ids[i]), float(sims[i]) ** 3) for i in top if sims[i] >= DENSE_FLOOR]


@dataclass
class CandidateSet:
    people: list[int]
    features: np.ndarray  # len(people) x len(FEATURES)
    votes: dict[int, list[EvidenceVote]]
    as_of: float = 0.0

    def column(self, name: str) -> np.ndarray:
        return self.features[:, FEATURES.index(name)]


class FeatureBuilder:
    """Candidates and their feature rows for one query, as of a moment."""

    def __init__(
        self,
        evidence: EvidenceBase,
        lexical_depth: int = 500,
        dense_depth: int = 200,
        per_list: int = 100,
    ) -> None:
        self.evidence = evidence
        self.lexical_depth = lexical_depth
        self.dense_depth = dense_depth
        self.per_list = per_list
        self._prior_cache: dict[float, list[int]] = {}
        self._community: dict[float, tuple[float, float]] = {}
        # the last query's candidates: a search page ranks, then explains the same query
        self._last: tuple[tuple[object, ...], CandidateSet] | None = None

    def build(
        self,
        text: str,
        as_of: float | None = None,
        since: float | None = None,
        exclude: frozenset[int] = frozenset(),
        include: frozenset[int] = frozenset(),
    ) -> CandidateSet:
        evidence = self.evidence
        moment = as_of if as_of is not None else evidence.now + 1.0
        key = (text, moment, since, exclude)
        last = self._last
        if last is not None and last[0] == key and include <= set(last[1].people):
            return last[1]
        window = time_mask(evidence.lexical.timestamps, since, as_of)
        lexical_scores = np.where(window, evidence.lexical.scores(text), 0.0)
        hits = evidence.lexical.top(lexical_scores, self.lexical_depth)
        lexical = vote(hits, evidence, exclude, moment)
        dense = Votes()
        sims = None
        query_vector = evidence.embed_query(text)
        if query_vector is not None and evidence.dense is not None:
            sims = np.where(window, evidence.dense.similarities(query_vector), -1.0)
            dense = vote(dense_hits(evidence, sims, self.dense_depth), evidence, exclude, moment)
        lexical_ranks, dense_ranks = lexical.ranks(), dense.ranks()
        people = {p for p, r in lexical_ranks.items() if r <= self.per_list}
        people |= {p for p, r in dense_ranks.items() if r <= self.per_list}
        people |= set(self.recently_active(moment, self.per_list // 2))
        people |= set(include)
        people -= exclude
        ordered = sorted(people)
        matrix = np.zeros((len(ordered), len(FEATURES)), dtype=np.float32)
        top_lexical = max(lexical.scores.values(), default=0.0) or 1.0
        top_dense = max(dense.scores.values(), default=0.0) or 1.0
        best_lexical = max(lexical.best.values(), default=0.0) or 1.0
        top_expert = max(lexical.expert.values(), default=0.0) or 1.0
        top_recent = max(lexical.recent.values(), default=0.0) or 1.0
        top_item = float(lexical_scores.max()) if lexical_scores.size else 0.0
        top_item = top_item or 1.0
        top_thread = max(lexical.thread.values(), default=0.0) or 1.0
        top_dense_thread = max(dense.thread.values(), default=0.0) or 1.0
        for row, person in enumerate(ordered):
            matrix[row, 0] = lexical.scores.get(person, 0.0) / top_lexical
            matrix[row, 1] = 1.0 / lexical_ranks[person] if person in lexical_ranks else 0.0
            matrix[row, 2] = lexical.best.get(person, 0.0) / best_lexical
            matrix[row, 3] = lexical.expert.get(person, 0.0) / top_expert
            matrix[row, 4] = lexical.recent.get(person, 0.0) / top_recent
            matrix[row, 5] = math.log1p(lexical.count.get(person, 0))
            matrix[row, 6] = lexical.thread.get(person, 0.0) / top_thread
            rows = self.rows_before(person, moment)
            if rows.size:
                matrix[row, 7] = float(lexical_scores[rows].mean()) / top_item
            matrix[row, 8] = dense.scores.get(person, 0.0) / top_dense
            matrix[row, 9] = 1.0 / dense_ranks[person] if person in dense_ranks else 0.0
            matrix[row, 10] = dense.best.get(person, 0.0) ** (1 / 3)
            matrix[row, 11] = dense.thread.get(person, 0.0) / top_dense_thread
            if sims is not None and rows.size:
                person_sims = np.clip(sims[rows], 0.0, None)
                matrix[row, 12] = float(person_sims.mean())
                matrix[row, 13] = float(np.sort(person_sims)[-3:].mean())
            matrix[row, 14:] = self.priors(person, moment)
        votes: dict[int, list[EvidenceVote]] = {}
        for person in ordered:
            merged = {v.item_id: v for v in dense.votes.get(person, [])}
            merged.update({v.item_id: v for v in lexical.votes.get(person, [])})
            votes[person] = sorted(merged.values(), key=lambda v: -v.contribution)
        result = CandidateSet(ordered, matrix, votes, moment)
        self._last = (key, result)
        return result

    def rows_before(self, person: int, moment: float) -> np.ndarray:
        """Index rows of the person's answers and writings dated before ``moment``."""
        times = self.evidence.expert_times.get(person)
        if times is None:
            return np.empty(0, dtype=np.int64)
        return self.evidence.expert_rows[person][: np.searchsorted(times, moment)]

    def recently_active(self, moment: float, n: int) -> list[int]:
        """The ``n`` people with the most expert contributions in the 90 days before ``moment``."""
        # read and fill through a local: another thread may clear the cache meanwhile
        active = self._prior_cache.get(moment)
        if active is None:
            window = moment - 90 * DAY
            counts = [
                (int(np.searchsorted(t, moment) - np.searchsorted(t, window)), person)
                for person, t in self.evidence.expert_times.items()
            ]
            ranked = sorted((c for c in counts if c[0] > 0), reverse=True)
            if len(self._prior_cache) > 64:
                self._prior_cache.clear()
            active = self._prior_cache[moment] = [person for _, person in ranked[:200]]
        return active[:n]

    def priors(self, person: int, moment: float) -> list[float]:
        evidence = self.evidence
        expert = evidence.expert_times.get(person)
        accepted = evidence.accepted_times.get(person)
        every = evidence.any_times.get(person)
        before = expert[: np.searchsorted(expert, moment)] if expert is not None else np.empty(0)
        count = float(before.size)
        ages = (moment - before) / DAY
        n_accepted = float(np.searchsorted(accepted, moment)) if accepted is not None else 0.0
        community = self.community_activity(moment)
        n_any = float(np.searchsorted(every, moment)) if every is not None else 0.0
        return [
            math.log1p(count),
            math.log1p(float(np.exp(-ages / 7.0).sum())),
            math.log1p(float(np.exp(-ages / 30.0).sum())),
            math.log1p(float(np.exp(-ages / 180.0).sum())),
            math.log1p(float(ages.min())) if count else math.log1p(3650.0),
            n_accepted / count if count else 0.0,
            math.log1p(n_any),
            float(np.exp(-ages / 30.0).sum()) / community[0],
            float(np.exp(-ages / 180.0).sum()) / community[1],
        ]

    def community_activity(self, moment: float) -> tuple[float, float]:
        """Everyone's decayed answers and writings at ``moment`` (30 and 180 days)."""
        cached = self._community.get(moment)
        if cached is None:
            times = self.evidence.all_expert_times
            ages = (moment - times[: np.searchsorted(times, moment)]) / DAY
            cached = (
                float(np.exp(-ages / 30.0).sum()) or 1.0,
                float(np.exp(-ages / 180.0).sum()) or 1.0,
            )
            if len(self._community) > 4096:
                self._community.clear()
            self._community[moment] = cached
        return cached
