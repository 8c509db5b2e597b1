"""The demo engagement, read from ``demo/data/engagement.yaml`` and set up through the service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from whoknows.demo.sample import read_data
from whoknows.services import Services

ENGAGEMENT_FILE = "engagement.yaml"


@dataclass(frozen=True)
class Stakeholder:
    person: str
    stance: str | None = None
    influence: int | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Coaching:
    person: str
    skills: tuple[str, ...]
    made: str  # the day the plan was made: its milestones are dated from it


@dataclass(frozen=True)
class DemoEngagement:
    """An engagement as data: who it is for, what it covers, who takes part."""

    name: str
    client: str
    goal: str
    topics: tuple[str, ...]
    consultants: tuple[str, ...]
    start: str
    end: str
    consent: dict[str, str]
    stakeholders: tuple[Stakeholder, ...]
    coaching: tuple[Coaching, ...]


def load_engagement() -> DemoEngagement:
    """The demo engagement's data file, read."""
    data: dict[str, Any] = read_data(read_data("manifest.yaml")["engagement"])
    return DemoEngagement(
        name=str(data["name"]),
        client=str(data["client"]),
        goal=str(data["goal"]),
        topics=tuple(data["topics"]),
        consultants=tuple(data["consultants"]),
        start=str(data["start"]),
        end=str(data["end"]),
        consent={str(k): str(v) for k, v in data["consent"].items()},
        stakeholders=tuple(Stakeholder(**row) for row in data["stakeholders"]),
        coaching=tuple(
            Coaching(str(row["person"]), tuple(row["skills"]), str(row["made"]))
            for row in data["coaching"]
        ),
    )


def set_up_engagement(services: Services) -> DemoEngagement:
    """Create the demo engagement (once): topics, consultants, consents, stakeholders, coaching."""
    engagement = load_engagement()
    service = services.engagements
    if any(e.name == engagement.name for e in service.summaries()):
        return engagement
    service.create(
        engagement.name,
        list(engagement.topics),
        list(engagement.consultants),
        start=engagement.start,
        end=engagement.end,
        client=engagement.client,
        goal=engagement.goal,
    )
    for person, consent in engagement.consent.items():
        service.set_consent(engagement.name, person, consent)
    for row in engagement.stakeholders:
        service.set_stakeholder(engagement.name, row.person, row.stance, row.influence, row.notes)
    for plan in engagement.coaching:
        service.coach(engagement.name, plan.person, list(plan.skills), made=plan.made)
    return engagement
