"""The rankers, from plain lexical voting to the learned combiner, and their registry.

All built-in rankers share :class:`~whoknows.rank.candidates.FeatureBuilder`; they differ in
how the feature columns become a score:

- ``lexical``: BM25 voting alone (document-centric, CombSUM);
- ``dense``: the same voting over multilingual embedding similarity;
- ``hybrid``: both, each normalised by the query's best, summed;
- ``hybrid-prior``: hybrid plus activity and recency priors, with fixed weights;
- ``learned`` (default): a LightGBM LambdaRank model trained on the workspace's own history
  (earlier questions and threads and who answered them); ``hybrid-prior`` when the workspace
  has too little history to learn from or the model does not beat it on held-out history.

Plugins register more under the ``whoknows.rankers`` entry point group.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from typing import ClassVar
from weakref import WeakKeyDictionary

import numpy as np

from whoknows.discovery import submodules, with_plugins
from whoknows.errors import NotFoundError
from whoknows.i18n import N_
from whoknows.index.columns import NO_ROW
from whoknows.ingest._refutations import FAILED_VALUE, REFUTED_SIGNAL
from whoknows.rank.base import EvidenceVote, PersonScore, Query, Ranker
from whoknows.rank.candidates import FeatureBuilder
from whoknows.rank.combine import PRIOR_WEIGHTS, linear
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.features import CandidateSet
from whoknows.settings import Settings

ENTRY_POINT_GROUP = "whoknows.rankers"
DEFAULT_RANKER = "learned"
# one feature builder per evidence base (and vote depth): its caches serve every ranker
_BUILDERS: WeakKeyDictionary[EvidenceBase, dict[int, FeatureBuilder]] = WeakKeyDictionary()


def feature_builder(evidence: EvidenceBase, lexical_depth: int) -> FeatureBuilder:
    per_depth = _BUILDERS.setdefault(evidence, {})
    if lexical_depth not in per_depth:
        per_depth[lexical_depth] = FeatureBuilder(evidence, lexical_depth=lexical_depth)
    return per_depth[lexical_depth]


class FeatureRanker:
    """Base of the built-in rankers: candidates and features, then :meth:`score`."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def builder(self, evidence: EvidenceBase) -> FeatureBuilder:
        return feature_builder(evidence, self.settings.vote_depth)

    def score(self, candidates: CandidateSet, evidence: EvidenceBase) -> np.ndarray:
        raise NotImplementedError

    def scores_rows_alone(self, evidence: EvidenceBase) -> bool:
        """Whether a candidate's score depends on its own feature row only (not on the other
        candidates'): then a query builds rows only for the people it may return. False
        unless a ranker says so (a ranker that scales by the candidates' best would rank
        differently among fewer)."""
        return False

    def rank(self, query: Query, evidence: EvidenceBase) -> list[PersonScore]:
        kept_to = query.among if self.scores_rows_alone(evidence) else None
        candidates = self.builder(evidence).build(query.text, since=query.since, among=kept_to)
        people, votes, among = candidates.people, candidates.votes, query.among
        # (no candidate left among those who may be returned: there may be learners still)
        scores = self.score(candidates, evidence) if people else np.zeros(0)
        order = sorted(
            (
                i
                for i in range(len(people))
                if (among is None or people[i] in among) and votes.voted(people[i])
            ),
            key=lambda i: (-scores[i], people[i]),
        )
        refuted = refuted_only(evidence, [people[i] for i in order], votes)
        order.sort(key=lambda i: people[i] in refuted)
        if query.k:
            order = order[: query.k]  # (learners always rank below every expert)
        # (the k best, those who left after those still here: a leaver is never cut for it)
        order.sort(key=lambda i: (people[i] in refuted, people[i] in query.gone))
        ranked = [PersonScore(people[i], float(scores[i]), votes[people[i]]) for i in order]
        if refuted:
            ranked = below_the_rest(ranked, refuted)
        if query.k and len(ranked) == query.k:
            return ranked  # (learners would all come after)
        learners = candidates.learners
        if among is not None:
            learners = {person: items for person, items in learners.items() if person in among}
        ranked += learners_below(ranked, learners)
        return ranked[: query.k] if query.k else ranked


def refuted_only(
    evidence: EvidenceBase, people: list[int], votes: Mapping[int, list[EvidenceVote]]
) -> frozenset[int]:
    """Those of ``people`` whose every matching item a later reply in its thread refuted, one
    of them at least on the word of who tried it (the thread's opener) or of its own writer,
    who withdrew it (:mod:`whoknows.ingest._refutations`): an intern's wrong advice on the
    cold chain, withdrawn in one thread and gainsaid by the health officer in another, had
    listed him second where nobody else held more. A colleague's word alone that says another
    cause only lowers the items (a rival's "c'était le firmware" had sunk the expert below a
    bystander, an attacker's). Their votes are read only where the workspace holds a refuted
    item."""
    if REFUTED_SIGNAL not in evidence.signal_names:
        return frozenset()
    found = set()
    for person in people:
        marks = [_refutation(evidence, vote.item_id) for vote in votes[person]]
        if marks and min(marks) > 0 and max(marks) >= FAILED_VALUE:
            found.add(person)
    return frozenset(found)


def _refutation(evidence: EvidenceBase, item_id: int) -> float:
    """An item's ``REFUTED_SIGNAL`` (0: not refuted; ``FAILED_VALUE``: by who tried it)."""
    row = evidence.row(item_id)
    return (evidence.signal(row, REFUTED_SIGNAL) or 0.0) if row != NO_ROW else 0.0


def below_the_rest(ranked: list[PersonScore], refuted: frozenset[int]) -> list[PersonScore]:
    """``ranked`` (the refuted-only people last) with their scores below everyone else's, so
    that the list stays in decreasing order; their own order kept."""
    kept = [person for person in ranked if person.person_id not in refuted]
    floor = min((person.score for person in kept), default=0.0)
    lowered = [
        replace(person, score=min(person.score, floor - (rank + 1) / 100), refuted=True)
        for rank, person in enumerate(p for p in ranked if p.person_id in refuted)
    ]
    return kept + lowered


def learners_below(
    experts: list[PersonScore], learners: dict[int, list[EvidenceVote]]
) -> list[PersonScore]:
    """Interested learners, after every expert: most interest first, scores below theirs."""
    floor = min((p.score for p in experts), default=0.0) - 1.0
    interest = {person: sum(v.contribution for v in items) for person, items in learners.items()}
    top = max(interest.values(), default=0.0) or 1.0
    order = sorted(interest, key=lambda person: (-interest[person], person))
    return [
        PersonScore(person, floor - 1.0 + interest[person] / top, learners[person], learner=True)
        for person in order
    ]


class LexicalRanker(FeatureRanker):
    name = "lexical"
    description = N_("BM25 over items; the best items vote for their contributors")

    def score(self, candidates: CandidateSet, evidence: EvidenceBase) -> np.ndarray:
        return candidates.column("lex_vote").astype(np.float64)

    def scores_rows_alone(self, evidence: EvidenceBase) -> bool:
        return True  # each column is the candidate's value over the query's best (all voters)


class DenseRanker(FeatureRanker):
    name = "dense"
    description = N_("multilingual embeddings; the most similar items vote for their contributors")

    def score(self, candidates: CandidateSet, evidence: EvidenceBase) -> np.ndarray:
        return candidates.column("dense_vote").astype(np.float64)

    def scores_rows_alone(self, evidence: EvidenceBase) -> bool:
        return True  # each column is the candidate's value over the query's best (all voters)


class HybridRanker(FeatureRanker):
    name = "hybrid"
    description = N_("lexical and dense votes, each normalised by the query's best, summed")

    def score(self, candidates: CandidateSet, evidence: EvidenceBase) -> np.ndarray:
        return linear(candidates, {"lex_vote": 1.0, "dense_vote": 1.0})

    def scores_rows_alone(self, evidence: EvidenceBase) -> bool:
        return True  # each column is the candidate's value over the query's best (all voters)


class HybridPriorRanker(FeatureRanker):
    name = "hybrid-prior"
    description = N_("hybrid plus activity and recency priors, fixed weights")

    def score(self, candidates: CandidateSet, evidence: EvidenceBase) -> np.ndarray:
        return linear(candidates, PRIOR_WEIGHTS)


class LearnedRanker(FeatureRanker):
    name = "learned"
    description = N_("LightGBM LambdaRank over all features, trained on the workspace's history")

    def score(self, candidates: CandidateSet, evidence: EvidenceBase) -> np.ndarray:
        if evidence.model is None or not evidence.model.usable:
            return linear(candidates, PRIOR_WEIGHTS)
        return evidence.model.predict(candidates.features)

    def scores_rows_alone(self, evidence: EvidenceBase) -> bool:
        return evidence.model is not None and evidence.model.usable  # (else hybrid-prior)


def _builtin() -> dict[str, type[Ranker]]:
    """Every ranker class of this package with a name of its own: a new one is one class (in
    this module or a new module of ``whoknows.rank``), with nothing to register."""
    submodules("whoknows.rank")
    found: dict[str, type[Ranker]] = {}
    pending: list[type[FeatureRanker]] = [FeatureRanker]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if vars(cls).get("name") and cls.__module__.startswith("whoknows.rank."):
            found[cls.name] = cls
    return found


@lru_cache(maxsize=1)
def rankers() -> dict[str, type[Ranker]]:
    """Every ranker by name: the built-in ones, then plugins (entry point group)."""
    return with_plugins(_builtin(), ENTRY_POINT_GROUP)


def get_ranker(name: str = DEFAULT_RANKER, settings: Settings | None = None) -> Ranker:
    available = rankers()
    if name not in available:
        raise NotFoundError(
            N_("unknown ranker %(name)s"),
            N_("choose one of: %(names)s"),
            name=repr(name),
            names=", ".join(sorted(available)),
        )
    return available[name](settings or Settings())
