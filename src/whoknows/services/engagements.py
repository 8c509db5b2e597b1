"""Engagements: tandem, expert-learner pairs, stakeholders, coaching plans, skill transfer.

Who is named depends on the audience: the consultant's own views name everyone visible; the
reports and decks for leadership (``Audience.LEADERSHIP``) name consultants and the inside
people who consented, and describe the others by department only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from whoknows.engage import analysis, model
from whoknows.engage.model import Engagement, EngagementSummary
from whoknows.errors import UsageError
from whoknows.insights.directory import Directory
from whoknows.insights.network import interaction_graph
from whoknows.insights.topicmap import Gap
from whoknows.services.insights import InsightsService, parse_topic
from whoknows.services.people import PeopleService
from whoknows.services.workspace import Workspace
from whoknows.store import utc_now
from whoknows.text import parse_date
from whoknows.vocab import Consent


class Audience(StrEnum):
    CONSULTANT = "consultant"  # names everyone visible
    LEADERSHIP = "leadership"  # names only consultants and inside people who consented


@dataclass
class TandemRow:
    topic: str
    person_id: int | None
    partner: str | None
    why: str
    alternatives: list[str]


@dataclass
class PairRow:
    topic: str
    expert: str
    learner: str
    expert_id: int
    learner_id: int
    why: str


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
    milestones: list[analysis.MilestoneProgress]


@dataclass
class TopicOverview:
    topic: str
    items: int
    inside: list[str]
    bus_factor: int
    active_in_bus_group: int
    departments: dict[str, float]
    hidden: list[str]


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


class Namer:
    """Names people for one audience of one engagement."""

    def __init__(self, directory: Directory, engagement: Engagement, audience: Audience) -> None:
        self.directory = directory
        self.engagement = engagement
        self.audience = audience

    def __call__(self, person_id: int) -> str:
        info = self.directory.get(person_id)
        if info is None:
            return "someone who opted out"
        engagement = self.engagement
        if (
            self.audience == Audience.CONSULTANT
            or person_id in engagement.consultants
            or engagement.inside.get(person_id) == Consent.YES
        ):
            return info.name
        state = "declined" if engagement.inside.get(person_id) == Consent.NO else "consent pending"
        return f"an expert in {info.department or 'the organization'} ({state})"


class EngagementService:
    def __init__(
        self, workspace: Workspace, people: PeopleService, insights: InsightsService
    ) -> None:
        self.workspace = workspace
        self.people = people
        self.insights = insights

    # -- records ---------------------------------------------------------------------------
    def create(
        self,
        name: str,
        topics: list[str],
        consultants: list[str],
        start: str,
        end: str | None = None,
        client: str | None = None,
        goal: str | None = None,
    ) -> Engagement:
        for value, what in ((start, "--start"), (end, "--end")):
            if value is not None and parse_date(value) is None:
                raise UsageError(f"{what} {value!r} is not a date", "write it as YYYY-MM-DD")
        for topic in topics:
            parse_topic(topic.replace("-", " "))
        people = [self.people.resolve(c) for c in consultants]
        with self.workspace.store(create=True).transaction() as conn:
            model.create(conn, name, client, goal, start, end, topics, people, utc_now())
        return self.get(name)

    def get(self, reference: str) -> Engagement:
        return model.load(self.workspace.store().conn, reference)

    def summaries(self) -> list[EngagementSummary]:
        return model.summaries(self.workspace.store().conn)

    def set_consent(self, reference: str, person: str, consent: str) -> None:
        engagement = self.get(reference)
        person_id = self.people.resolve(person)
        with self.workspace.store().transaction() as conn:
            model.set_consent(conn, engagement.id, person_id, consent)

    def set_stakeholder(
        self,
        reference: str,
        person: str,
        stance: str | None = None,
        influence: int | None = None,
        notes: str | None = None,
    ) -> None:
        engagement = self.get(reference)
        person_id = self.people.resolve(person)
        with self.workspace.store().transaction() as conn:
            model.set_stakeholder(conn, engagement.id, person_id, stance, influence, notes)

    def coach(self, reference: str, person: str, skills: list[str] | None = None) -> PlanView:
        """A coaching plan for a person whose claimed expertise is not (yet) evident."""
        engagement = self.get(reference)
        person_id = self.people.resolve(person)
        if not skills:
            claims = self.insights.claims(str(person_id))
            skills = [c.skill for c in claims if c.state == "claimed"]
        if not skills:
            raise UsageError(f"{person} has no pending claim to develop", "name --skill")
        for skill in skills:
            parse_topic(skill.replace("-", " "))
        start = datetime.fromisoformat(engagement.start_date).replace(tzinfo=UTC)
        end = _day(engagement.end_date)
        with self.workspace.store().transaction() as conn:
            plan_id = model.ensure_plan(conn, engagement.id, person_id, engagement.start_date)
            for skill in skills:
                steps = analysis.default_milestones(skill.lower(), start, end)
                model.replace_milestones(conn, plan_id, skill.lower(), steps)
        return next(p for p in self.plans(reference) if p.person_id == person_id)

    # -- views -----------------------------------------------------------------------------
    def namer(self, engagement: Engagement, audience: Audience) -> Namer:
        return Namer(self.workspace.directory(), engagement, audience)

    def tandem(self, reference: str, audience: Audience = Audience.CONSULTANT) -> list[TandemRow]:
        engagement = self.get(reference)
        directory = self.workspace.directory()
        name = Namer(directory, engagement, audience)
        space, conn = self.workspace.topic_space(), self.workspace.store().conn
        return [
            TandemRow(
                s.topic,
                s.person_id,
                name(s.person_id) if s.person_id else None,
                s.why,
                [name(p) for p in s.alternatives],
            )
            for s in analysis.tandem(space, conn, directory, engagement)
        ]

    def pairs(self, reference: str, audience: Audience = Audience.CONSULTANT) -> list[PairRow]:
        engagement = self.get(reference)
        directory = self.workspace.directory()
        name = Namer(directory, engagement, audience)
        space, conn = self.workspace.topic_space(), self.workspace.store().conn
        return [
            PairRow(
                p.topic,
                name(p.expert),
                name(p.learner),
                p.expert,
                p.learner,
                f"{p.topic} is held by one or two people; the learner's evidence on"
                f" {', '.join(p.related)} is adjacent (score {p.adjacency:.1f})",
            )
            for p in analysis.pairs(space, conn, directory, engagement)
        ]

    def stakeholders(
        self,
        reference: str,
        tandem: list[TandemRow] | None = None,
        audience: Audience = Audience.CONSULTANT,
    ) -> list[StakeholderRow]:
        import networkx as nx

        engagement = self.get(reference)
        directory = self.workspace.directory()
        name = Namer(directory, engagement, audience)
        conn = self.workspace.store().conn
        graph = interaction_graph(conn, self.workspace.evidence(), directory)
        degree = dict(graph.degree(weight="weight"))
        betweenness = nx.betweenness_centrality(graph, seed=7) if graph.number_of_nodes() else {}
        recorded = model.stakeholders(conn, engagement.id)
        rows_of_tandem = self.tandem(reference, audience) if tandem is None else tandem
        people = set(recorded) | set(engagement.consultants)
        people |= {t.person_id for t in rows_of_tandem if t.person_id}
        rows = []
        for person_id in sorted(p for p in people if p in directory):
            info = directory.people[person_id]
            record = recorded.get(person_id)
            suggested = analysis.suggested_influence(degree, betweenness, person_id)
            rows.append(
                StakeholderRow(
                    person_id=person_id,
                    name=name(person_id),
                    title=info.title,
                    department=info.department,
                    stance=record.stance if record else "unknown",
                    influence=record.influence if record and record.influence else suggested,
                    influence_suggested=suggested,
                    notes=record.notes if record else None,
                )
            )
        return sorted(rows, key=lambda r: directory.people[r.person_id].name)

    def plans(self, reference: str, audience: Audience = Audience.CONSULTANT) -> list[PlanView]:
        engagement = self.get(reference)
        directory = self.workspace.directory()
        name = Namer(directory, engagement, audience)
        conn = self.workspace.store().conn
        return [
            self._plan(engagement, directory, name, plan_id, person_id, created)
            for plan_id, person_id, created in model.plans(conn, engagement.id)
        ]

    def _plan(
        self,
        engagement: Engagement,
        directory: Directory,
        name: Namer,
        plan_id: int,
        person_id: int,
        created: str,
    ) -> PlanView:
        space = self.workspace.topic_space()
        conn = self.workspace.store().conn
        rows = model.milestones(conn, plan_id)
        started = datetime.fromisoformat(created).replace(tzinfo=UTC).timestamp()
        progress = analysis.milestone_progress(space, person_id, started, rows, space.evidence.now)
        skills = sorted({r.skill for r in rows})
        inside = analysis.inside_people(engagement, directory)
        helpers: dict[str, list[str]] = {}
        material: dict[str, list[MaterialLink]] = {}
        for skill in skills:
            evidence = space.evidence_on(parse_topic(skill.replace("-", " ")))
            ranked = sorted(
                (p for p in evidence.strength if p in inside and p != person_id),
                key=lambda p: -evidence.strength[p],
            )[:2]
            helpers[skill] = [name(p) for p in ranked]
            items = [item for p in ranked for item, _, _ in evidence.item_votes[p][:2]]
            material[skill] = [MaterialLink(*link) for link in model.item_links(conn, items)]
        return PlanView(plan_id, person_id, name(person_id), skills, helpers, material, progress)

    def transfer(self, reference: str) -> list[analysis.TransferSeries]:
        engagement = self.get(reference)
        space = self.workspace.topic_space()
        return analysis.transfer(space, self.workspace.directory(), engagement)

    def overview(self, reference: str, audience: Audience = Audience.CONSULTANT) -> Overview:
        """Everything the report, the deck and the engagement page show."""
        engagement = self.get(reference)
        name = self.namer(engagement, audience)
        topics = [self._topic_overview(engagement, name, label) for label in engagement.topics]
        labels = set(engagement.topics)
        tandem = self.tandem(reference, audience)
        gaps = [g for g in self.insights.gaps() if g.topic in labels or g.outsider_share >= 0.5]
        header = EngagementHeader(
            engagement.name,
            engagement.client,
            engagement.goal,
            engagement.start_date,
            engagement.end_date,
            [name(p) for p in engagement.consultants],
        )
        return Overview(
            engagement=header,
            topics=topics,
            gaps=gaps,
            tandem=tandem,
            pairs=self.pairs(reference, audience),
            stakeholders=self.stakeholders(reference, tandem, audience),
            plans=self.plans(reference, audience),
            transfer=self.transfer(reference),
        )

    def _topic_overview(self, engagement: Engagement, name: Namer, label: str) -> TopicOverview:
        topic_map = self.insights.topic_map(label)
        outside = set(engagement.consultants)
        holders = [
            h
            for h in topic_map.holders
            if h.strength >= analysis.EVIDENCED
            and h.person_id not in outside
            and h.internal is not False
        ]
        hidden = self.insights.hidden_experts(label).hidden_experts
        return TopicOverview(
            topic=label,
            items=topic_map.items,
            inside=[name(h.person_id) for h in holders if h.active][:5],
            bus_factor=topic_map.bus_factor,
            active_in_bus_group=topic_map.of_whom_active,
            departments=topic_map.departments,
            hidden=[
                name(h.person_id)
                for h in hidden
                if h.person_id not in outside and h.internal is not False
            ],
        )


def _day(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None
