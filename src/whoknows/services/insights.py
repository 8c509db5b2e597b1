"""Insights: portfolios, claims against evidence, hidden experts, topic maps, gaps, network."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from whoknows.errors import NotFoundError, UsageError
from whoknows.insights.claims import ClaimAnalysis, ClaimState
from whoknows.insights.directory import Directory, PersonInfo, iso_day
from whoknows.insights.network import network_report
from whoknows.insights.profile import PersonTopic, person_topics
from whoknows.insights.recognition import HiddenExpert, Recognition
from whoknows.insights.topicmap import Gap, Topics
from whoknows.insights.topics import Topic, topic_of
from whoknows.services.people import PeopleService
from whoknows.services.workspace import Workspace
from whoknows.store import claims as claim_store


@dataclass
class PersonView:
    """A visible person as others may see them (never an email address)."""

    person_id: int
    name: str
    title: str | None
    department: str | None
    location: str | None
    internal: bool | None
    left: bool

    @classmethod
    def of(cls, info: PersonInfo) -> PersonView:
        return cls(
            info.person_id,
            info.name,
            info.title,
            info.department,
            info.location,
            info.is_internal,
            info.left,
        )

    def base(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(PersonView)}


@dataclass
class ItemLink:
    item_id: int
    title: str | None
    url: str | None
    date: str | None
    source: str
    kind: str


@dataclass
class ProfileTopic:
    topic: str
    origin: str
    strength: float
    first: str | None
    last: str | None
    sources: list[str]
    evidence: list[ItemLink]


@dataclass
class ClaimView:
    person_id: int
    name: str
    skill: str
    state: str  # claimed, evidenced, confirmed, hidden
    strength: float
    claimed_in: list[str]
    evidence: list[int]


@dataclass
class Profile(PersonView):
    first_activity: str | None
    last_activity: str | None
    sources: list[str]
    topics: list[ProfileTopic]
    claims: list[ClaimView]


@dataclass
class HiddenExpertView(PersonView):
    hidden: float
    evidence: float
    strength: float
    items: int
    share: float
    role_fit: float | None
    department_lift: float | None
    formal: float | None
    recognition: float
    last: str | None
    why: str
    top_evidence: list[ItemLink]


@dataclass
class HiddenExperts:
    topic: str
    hidden_experts: list[HiddenExpertView]


@dataclass
class HolderView(PersonView):
    strength: float
    share: float
    last: str | None
    active: bool


@dataclass
class TopicMapView:
    topic: str
    items: int
    holders: list[HolderView]
    bus_factor: int
    half_of_the_evidence: list[str]
    of_whom_active: int
    departments: dict[str, float]
    locations: dict[str, float]


@dataclass
class NamedScore:
    person_id: int
    name: str
    value: float


@dataclass
class PeripheralExpert:
    person_id: int
    name: str
    knowledge_items: int
    weighted_degree: float


@dataclass
class DepartmentLink:
    departments: tuple[str, str]
    weight: float


@dataclass
class NetworkView:
    people: int
    links: int
    hubs: list[NamedScore] = field(default_factory=list)
    brokers: list[NamedScore] = field(default_factory=list)
    peripheral_experts: list[PeripheralExpert] = field(default_factory=list)
    department_links: list[DepartmentLink] = field(default_factory=list)
    bridges: list[NamedScore] = field(default_factory=list)


def parse_topic(text: str) -> Topic:
    """A topic from what a user typed, or a one-line error that says what to type."""
    topic = topic_of(text)
    if topic is None:
        raise UsageError(f"{text!r} has no searchable words", 'name a topic, e.g. "kafka"')
    return topic


class InsightsService:
    def __init__(self, workspace: Workspace, people: PeopleService) -> None:
        self.workspace = workspace
        self.people = people

    # -- shared ----------------------------------------------------------------------------
    def visible_person(self, reference: str, directory: Directory | None = None) -> int:
        person_id = self.people.resolve(reference)
        if person_id not in (directory or self.workspace.directory()):
            raise NotFoundError(
                f"no visible person {reference!r}",
                "bots and people who opted out appear in no insight",
            )
        return person_id

    def item_links(self, item_ids: list[int]) -> list[ItemLink]:
        rows = claim_store.item_rows(self.workspace.store().conn, item_ids)
        return [
            ItemLink(i, r[0], r[1], (r[2] or "")[:10] or None, r[3], r[4])
            for i in item_ids
            if (r := rows.get(i)) is not None
        ]

    def _claim_view(self, directory: Directory, claim: ClaimState) -> ClaimView:
        return ClaimView(
            claim.person_id,
            directory.people[claim.person_id].name,
            claim.skill,
            claim.state,
            round(claim.strength, 3),
            claim.sources,
            claim.items[:5],
        )

    def _topic_view(self, topic: PersonTopic) -> ProfileTopic:
        return ProfileTopic(
            topic.label,
            topic.origin,
            round(topic.strength, 3),
            topic.first,
            topic.last,
            topic.sources,
            self.item_links([item for item, _, _ in topic.items[:3]]),
        )

    # -- person profile --------------------------------------------------------------------
    def profile(self, reference: str) -> Profile:
        directory = self.workspace.directory()
        person_id = self.visible_person(reference, directory)
        space = self.workspace.topic_space()
        conn = self.workspace.store().conn
        hidden = set(claim_store.hidden_topics(conn, person_id))
        topics = person_topics(space, person_id, hidden)
        claims = ClaimAnalysis(conn, space, directory).states({person_id})
        times = space.evidence.any_times.get(person_id)
        first = iso_day(float(times[0])) if times is not None and len(times) else None
        last = iso_day(float(times[-1])) if times is not None and len(times) else None
        sources = {
            space.sources.get(item, "?") for item, _ in space.evidence.person_items(person_id)
        }
        return Profile(
            **PersonView.of(directory.people[person_id]).base(),
            first_activity=first,
            last_activity=last,
            sources=sorted(sources),
            topics=[self._topic_view(t) for t in topics],
            claims=[self._claim_view(directory, c) for c in claims],
        )

    # -- claims ----------------------------------------------------------------------------
    def claims(self, reference: str | None = None) -> list[ClaimView]:
        directory = self.workspace.directory()
        people = {self.visible_person(reference, directory)} if reference else None
        analysis = ClaimAnalysis(
            self.workspace.store().conn, self.workspace.topic_space(), directory
        )
        return [self._claim_view(directory, c) for c in analysis.states(people)]

    def add_claim(self, reference: str, skill: str) -> None:
        person_id = self.people.resolve(reference)
        if not skill.strip():
            raise UsageError("the skill is empty", 'name it, e.g. --skill "kafka"')
        with self.workspace.store().transaction() as conn:
            claim_store.add_claim(conn, person_id, skill.strip().lower(), "self")

    def confirm_claim(self, reference: str, skill: str, by: str | None = None) -> None:
        person_id = self.people.resolve(reference)
        confirmer = self.people.resolve(by) if by else None
        if not skill.strip():
            raise UsageError("the skill is empty", 'name it, e.g. --skill "kafka"')
        with self.workspace.store().transaction() as conn:
            claim_store.confirm(conn, person_id, skill.strip().lower(), confirmer)

    def hide_topic(self, reference: str, topic: str) -> None:
        person_id = self.people.resolve(reference)
        if not topic.strip():
            raise UsageError("the topic is empty", "name the topic to hide")
        with self.workspace.store().transaction() as conn:
            claim_store.hide_topic(conn, person_id, topic.strip().lower())

    def unhide_topic(self, person_id: int, topic: str) -> None:
        with self.workspace.store().transaction() as conn:
            claim_store.unhide_topic(conn, person_id, topic.strip().lower())

    def hidden_topics(self, person_id: int) -> list[str]:
        return claim_store.hidden_topics(self.workspace.store().conn, person_id)

    # -- topics ----------------------------------------------------------------------------
    def hidden_experts(self, text: str) -> HiddenExperts:
        topic = parse_topic(text)
        directory = self.workspace.directory()
        conn = self.workspace.store().conn
        recognition = Recognition(conn, self.workspace.topic_space(), directory)
        rows = [self._hidden_view(directory, e) for e in recognition.hidden_experts(topic)]
        return HiddenExperts(topic.label, rows)

    def _hidden_view(self, directory: Directory, expert: HiddenExpert) -> HiddenExpertView:
        info = directory.people[expert.person_id]

        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 3)

        return HiddenExpertView(
            **PersonView.of(info).base(),
            hidden=round(expert.hidden, 3),
            evidence=round(expert.evidence, 3),
            strength=round(expert.strength, 3),
            items=expert.items,
            share=round(expert.share, 3),
            role_fit=rounded(expert.role_fit),
            department_lift=rounded(expert.department_lift),
            formal=rounded(expert.formal),
            recognition=round(expert.recognition, 3),
            last=expert.last,
            why=expert.why(info.name, info.title, info.department),
            top_evidence=self.item_links(expert.top_items),
        )

    def topic_map(self, text: str) -> TopicMapView:
        topic = parse_topic(text)
        directory = self.workspace.directory()
        conn = self.workspace.store().conn
        result = Topics(conn, self.workspace.topic_space(), directory).topic_map(topic)
        holders = [
            HolderView(
                **PersonView.of(directory.people[h.person_id]).base(),
                strength=round(h.strength, 3),
                share=round(h.share, 3),
                last=h.last,
                active=h.active,
            )
            for h in result.holders
        ]
        return TopicMapView(
            topic=result.topic,
            items=result.items,
            holders=holders,
            bus_factor=result.bus_factor,
            half_of_the_evidence=[directory.people[p].name for p in result.bus_group],
            of_whom_active=result.bus_group_active,
            departments={k: round(v, 3) for k, v in result.departments.items()},
            locations={k: round(v, 3) for k, v in result.locations.items()},
        )

    def gaps(self) -> list[Gap]:
        conn = self.workspace.store().conn
        topics = Topics(conn, self.workspace.topic_space(), self.workspace.directory())
        return [replace(g, outsider_share=round(g.outsider_share, 3)) for g in topics.gaps()]

    def network(self) -> NetworkView:
        directory = self.workspace.directory()
        conn = self.workspace.store().conn
        report = network_report(conn, self.workspace.evidence(), directory)

        def named(pairs: list[tuple[int, float]], digits: int) -> list[NamedScore]:
            return [NamedScore(p, directory.people[p].name, round(v, digits)) for p, v in pairs]

        return NetworkView(
            people=report.people,
            links=report.links,
            hubs=named(report.hubs, 2),
            brokers=named(report.brokers, 4),
            peripheral_experts=[
                PeripheralExpert(p, directory.people[p].name, n, round(d, 2))
                for p, n, d in report.peripheral_experts
            ],
            department_links=[
                DepartmentLink((a, b), round(w, 2)) for a, b, w in report.department_links
            ],
            bridges=named(report.bridges, 2),
        )
