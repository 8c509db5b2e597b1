"""The typed results of the engagement service, and who may be named to which audience.

Naming: the consultant's own views (``Audience.CONSULTANT``) name everyone visible; the
leadership deliverables (``Audience.LEADERSHIP``) name consultants and the inside people who
consented. Everyone else is never shown one by one, nor with a title or department: a result
carries ``named`` flags, and counts of people not named go through :func:`crowd`, which keeps a
count only from ``min_group_size`` people up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum

from whoknows.engage import analysis
from whoknows.engage.milestones import MilestoneProgress
from whoknows.engage.model import Engagement
from whoknows.insights.directory import Directory
from whoknows.insights.topicmap import Gap
from whoknows.services.dates import given_date
from whoknows.services.insights import ItemLink
from whoknows.vocab import Consent, MilestoneStatus


class Audience(StrEnum):
    CONSULTANT = "consultant"  # names everyone visible
    LEADERSHIP = "leadership"  # names only consultants and inside people who consented


def today() -> date:
    """The day milestones are read against unless a command names one (--as-of)."""
    return datetime.now(tz=UTC).date()


def as_day(value: str | date | None, what: str = "--as-of") -> date:
    """A day from the CLI or the web: ISO text, a date, or None for today."""
    if value is None:
        return today()
    if isinstance(value, date):
        return value
    return given_date(value, what).date()


def crowd(count: int, min_group_size: int) -> int | None:
    """How many people not named a result may show: 0, a count of at least
    ``min_group_size``, or None for 'some, fewer than that'."""
    return count if count == 0 or count >= min_group_size else None


class Namer:
    """Names people for one audience of one engagement."""

    def __init__(self, directory: Directory, engagement: Engagement, audience: Audience) -> None:
        self.directory = directory
        self.engagement = engagement
        self.audience = audience

    def named(self, person_id: int) -> bool:
        if person_id not in self.directory.people:
            return False
        return (
            self.audience == Audience.CONSULTANT
            or person_id in self.engagement.consultants
            or self.engagement.inside.get(person_id) == Consent.YES
        )

    def __call__(self, person_id: int) -> str:
        """The person's name, or for an audience that may not know it, no description at all."""
        info = self.directory.get(person_id)
        if info is None:
            return "someone who opted out"
        if self.named(person_id):
            return info.name
        declined = self.engagement.inside.get(person_id) == Consent.NO
        return "not named (declined)" if declined else "not named (consent pending)"


@dataclass
class TandemRow:
    topic: str
    person_id: int | None
    partner: str | None
    why: str
    alternatives: list[str]
    named: bool = True
    strength: float = 0.0
    of_strongest: float = 0.0
    last: str | None = None
    recognition: float = 0.0
    other_topics: int = 0


@dataclass
class PairRow:
    topic: str
    expert: str
    learner: str
    expert_id: int
    learner_id: int
    why: str
    expert_named: bool = True
    learner_named: bool = True
    related: list[str] = field(default_factory=list)


@dataclass
class StakeholderRow:
    person_id: int
    name: str
    title: str | None
    department: str | None
    stance: str
    influence: int
    influence_suggested: int
    notes: str | None
    named: bool = True


@dataclass
class MaterialLink:
    title: str | None
    url: str | None
    kind: str


@dataclass
class PlanView:
    plan_id: int
    person_id: int
    person: str
    skills: list[str]
    helpers: dict[str, list[str]]
    material: dict[str, list[MaterialLink]]
    milestones: list[MilestoneProgress]
    named: bool = True


@dataclass
class RoadmapRow:
    """A milestone after the mission: an inside owner, a criterion on future evidence."""

    id: int | None  # None while it is only proposed
    person_id: int
    owner: str
    named: bool
    topic: str
    kind: str
    target: float
    made: str  # the measuring window opens (the end of the mission)
    due: str
    review: str  # when the sponsors review it
    value: float
    status: MilestoneStatus


@dataclass
class Roadmap:
    rows: list[RoadmapRow]
    proposed: bool  # True: computed from the tandem and successors, not yet agreed (saved)
    # the day the roadmap counts from when the engagement has no end date (ISO), else None
    assumed_end: str | None = None


@dataclass
class Carrier:
    """A named inside person who carries a topic, with the evidence that proves it."""

    person_id: int
    name: str
    title: str | None
    strength: float
    share: float
    last: str | None
    evidence: list[ItemLink]


@dataclass
class TopicOverview:
    topic: str
    items: int
    inside: list[str]  # named active inside holders
    bus_factor: int  # everyone, outside people included
    active_in_bus_group: int
    departments: dict[str, float]
    hidden: list[str]  # named under-recognised experts ("hidden experts" in insights)
    carriers: list[Carrier] = field(default_factory=list)
    others: int | None = 0  # active inside holders not named (see crowd)
    active_inside: int = 0  # active inside holders, named or not
    inside_bus_factor: int = 0  # inside people holding half of the inside evidence
    outside_share: float = 0.0  # share of the topic's evidence held by outside people
    consultant_share: float = 0.0  # of which the engagement's consultants
    claims: list[str] = field(default_factory=list)  # named, claimed but not evidenced
    claims_others: int | None = 0

    @property
    def inside_share(self) -> float:
        """The share of the topic's evidence held by inside people (none without evidence)."""
        return 1.0 - self.outside_share if self.items else 0.0


@dataclass
class EngagementHeader:
    name: str
    client: str | None
    goal: str | None
    start: str
    end: str | None
    consultants: list[str]


@dataclass
class Overview:
    """Everything the report, the deck and the engagement page show."""

    engagement: EngagementHeader
    topics: list[TopicOverview]
    gaps: list[Gap]
    tandem: list[TandemRow]
    pairs: list[PairRow]
    stakeholders: list[StakeholderRow]
    plans: list[PlanView]
    transfer: list[analysis.TransferSeries] = field(default_factory=list)
    roadmap: Roadmap = field(default_factory=lambda: Roadmap([], True))
    dependency: analysis.Dependency = field(default_factory=lambda: analysis.Dependency(None, None))
    as_of: str = ""
    audience: Audience = Audience.CONSULTANT
    min_group_size: int = 5
    stakeholders_others: int | None = 0
    topic_names: dict[str, str] = field(default_factory=dict)  # as people write them

    def topic_name(self, label: str) -> str:
        return self.topic_names.get(label, label)

    def topic_list(self, labels: list[str]) -> list[str]:
        """Topics (a plan's skills, say) as :meth:`topic_name` names them."""
        return [self.topic_name(label) for label in labels]
