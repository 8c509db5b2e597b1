"""What a search answers: people with their evidence, explanations, person-to-text scores and
batch statistics (the types the CLI prints, the web shows and the API describes)."""

from __future__ import annotations

from dataclasses import dataclass, field

from whoknows.errors import WhoknowsError
from whoknows.index.bridge import Bridge


@dataclass
class EvidenceView:
    item_id: int
    title: str
    snippet: str
    date: str | None
    url: str | None
    role: str
    source: str
    kind: str
    # how a document's writer was known (a ``DocumentCredit``: byline, file property…)
    credited: str | None = None
    # a suggestion a later reply in its thread refuted (``ingest._refutations``): shown so
    refuted: bool = False


@dataclass
class Answer:
    rank: int
    person_id: int
    name: str
    score: float
    title: str | None = None
    department: str | None = None
    evidence: list[EvidenceView] = field(default_factory=list)
    # an interested learner: their matching items only ask about the subject (ranked last)
    learner: bool = False
    # the directory's end date when the person has left: their knowledge is shown, and that
    # they can no longer be asked
    left_on: str | None = None
    # outside the organisation (``identity.outsiders``): said so, at the ranking's place
    outside: bool = False
    # the words of a short question none of their matching items holds ("oss", "vat" for a
    # person listed for "OSS VAT return" on a train that was cancelled)
    missing: list[str] = field(default_factory=list)
    # listed after the people whose evidence holds the question, which theirs lacks most of
    partial: bool = False


@dataclass
class FeatureValue:
    name: str
    value: float


@dataclass
class Explanation:
    summary: str
    features: list[FeatureValue]


@dataclass
class PersonMatch:
    """How well one person's evidence covers a text (``whoknows score``)."""

    person_id: int
    name: str
    title: str | None
    department: str | None
    score: float
    rank: int
    candidates: int
    fit: float
    coverage: float
    covered: list[str]
    missing: list[str]
    evidence: list[EvidenceView]
    learner: bool = False  # asked about it, with no matching item of their own knowledge
    # neither: their only matching items point to others (a referral, a status report)
    pointer: bool = False
    # the text's unknown words and the organisation's words searched for them
    also_searched: list[Bridge] = field(default_factory=list)
    # the text's words no one's evidence holds (not counted in the coverage)
    not_found: list[str] = field(default_factory=list)


@dataclass
class BatchStats:
    queries: int
    lines: int
    out: str
    seconds: float
    # pairs naming no one whoknows may score, each with why (its row left empty)
    unscored: tuple[WhoknowsError, ...] = ()

    @property
    def ms_per_query(self) -> float:
        return round(1000 * self.seconds / max(self.queries, 1), 2)
