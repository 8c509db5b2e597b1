"""The ranker contract: a query in, people with scores and the evidence behind them out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Protocol, runtime_checkable

from whoknows.rank.evidence import EvidenceBase
from whoknows.settings import Settings


@dataclass(frozen=True)
class Query:
    text: str
    since: float | None = None  # epoch seconds: only evidence from then on counts
    k: int = 10  # how many people; 0 means every candidate
    # when given, only these people are returned (and counted in ``k``): the people visible
    # now, so that a ranker explains only the people it will show
    among: frozenset[int] | None = None
    # people who have left the organisation: listed after those still in it (their knowledge
    # shown, but a question is asked of someone who can still answer it)
    gone: frozenset[int] = frozenset()


@dataclass
class EvidenceVote:
    item_id: int
    role: str
    contribution: float  # how much of the person's score this item gave


@dataclass
class PersonScore:
    person_id: int
    score: float
    votes: list[EvidenceVote] = field(default_factory=list)
    # an interested learner: their only matching evidence shows interest (asking), so they
    # rank below every person with expert evidence, whatever their score
    learner: bool = False
    # every matching item said to fail by who tried it or withdrawn by who wrote it
    # (:func:`whoknows.rank.rankers.refuted_only`): listed after everyone whose evidence stands
    refuted: bool = False


@runtime_checkable
class Ranker(Protocol):
    """Ranks people for a query from the evidence base.

    Contract (whoknows.testing.check_ranker; tests/test_contracts.py runs it on each one):
    - results are sorted by decreasing score, at most ``query.k`` of them unless k is 0;
    - bots and people who opted out of inference never appear;
    - every person's ``votes`` name items that exist and that the person contributed to,
      best first, so each score can be explained;
    - ``query.since`` excludes older evidence;
    - with ``query.among``, no one outside it is returned.
    """

    name: ClassVar[str]
    description: ClassVar[str]

    def __init__(self, settings: Settings) -> None: ...

    def rank(self, query: Query, evidence: EvidenceBase) -> list[PersonScore]: ...
