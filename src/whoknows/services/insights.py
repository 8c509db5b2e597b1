"""Insights: portfolios, claims against evidence, under-recognised experts ("hidden experts"
in the API), topic maps, gaps, network."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

from whoknows.errors import UsageError
from whoknows.i18n import Translator
from whoknows.index.bridge import Bridge
from whoknows.insights.claims import ClaimAnalysis, ClaimState
from whoknows.insights.directory import Directory, iso_day
from whoknows.insights.holding import EVIDENCED
from whoknows.insights.network import network_report
from whoknows.insights.profile import PersonTopic, person_topics
from whoknows.insights.recognition import HiddenExpert, Recognition
from whoknows.insights.topicmap import Gap, Topics
from whoknows.insights.topics import Topic, TopicSpace, topic_of
from whoknows.limits import MAX_TOPIC, NAME_A_TOPIC, NO_WORDS, check_text
from whoknows.services.aggregates import (
    SearchAggregate,
    TopicAggregate,
    search_aggregate,
    topic_aggregate,
)
from whoknows.services.asked import as_asked
from whoknows.services.hidden_topics import HiddenTopics
from whoknows.services.insight_views import (  # the views, re-exported for surfaces
    ClaimView,
    DepartmentLink,
    HiddenExperts,
    HiddenExpertView,
    HolderView,
    ItemLink,
    NamedScore,
    NetworkView,
    PeripheralExpert,
    PersonView,
    Profile,
    ProfileTopic,
    TopicMapView,
)
from whoknows.services.people import PeopleService
from whoknows.services.workspace import Workspace
from whoknows.store import claims as claim_store
from whoknows.text import safe_url
from whoknows.vocab import ContributionRole

PASSED_SAID = 3  # the strongest holders not listed whose figures an empty answer gives
# roles of what others did to a person: no activity of theirs (an editor edited)
DONE_TO_THEM = frozenset(
    {
        ContributionRole.RECIPIENT,
        ContributionRole.ASSIGNEE,
        ContributionRole.MENTIONED,
        ContributionRole.ENDORSED,
    }
)


def parse_topic(text: str) -> Topic:
    """A topic from what a user typed, or a one-line error that says what to type."""
    topic = topic_of(check_text(text, "topic", MAX_TOPIC))
    if topic is None:
        raise UsageError(NO_WORDS, NAME_A_TOPIC, text=repr(text))
    return topic


def without(directory: Directory, people: set[int]) -> Directory:
    """``directory`` less ``people`` (the shares and bus factors are then computed without
    them)."""
    if not people:
        return directory
    return directory.without(people)


class InsightsService:
    def __init__(
        self,
        workspace: Workspace,
        people: PeopleService,
        bridges: Callable[[str], list[Bridge]],
    ) -> None:
        self.workspace = workspace
        self.people = people
        self.bridges = bridges  # a topic's words as the organisation writes them (search's)

    def _bridged(self, text: str) -> tuple[str, list[Bridge]]:
        """``text`` with each word no item holds replaced by the organisation's word it was
        bridged to ("postgres" by "postgresql", "sauvegarde" by "backup"), as `ask` also
        searches them: a topic's items hold all its words, so the unheld one goes."""
        found = self.bridges(text)
        if not found:
            return text, found
        topic, used = self.workspace.topic_space().bridged(text, found)
        return (text if topic is None else topic.label), used

    # -- shared ----------------------------------------------------------------------------
    def visible_person(self, reference: str, directory: Directory | None = None) -> int:
        return self.people.visible(reference, directory or self.workspace.directory())

    def item_links(self, item_ids: list[int]) -> list[ItemLink]:
        rows = claim_store.item_rows(self.workspace.store().conn, item_ids)
        hidden = self.workspace.hidden_mentions()
        return [
            ItemLink(
                i,
                hidden.mask(r[0]),
                hidden.url(safe_url(r[1])),
                (r[2] or "")[:10] or None,
                r[3],
                r[4],
            )
            for i in item_ids
            if (r := rows.get(i)) is not None
        ]

    def _claim_view(self, directory: Directory, claim: ClaimState) -> ClaimView:
        return ClaimView(
            claim.person_id,
            directory.people[claim.person_id].name,
            self.workspace.hidden_mentions().mask(claim.skill) or "",  # ("helm with Inès")
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
    def hidden_rule(self) -> HiddenTopics:
        return HiddenTopics(self.workspace.store().conn)

    def _hiding_on(self, topic: Topic) -> set[int]:
        return self.hidden_rule().hiding_on(self.workspace.topic_space(), topic)

    def profile(self, reference: str, own: bool = False) -> Profile:
        """A portfolio as others see it: topics the person hid are left out, and so are their
        claims on them unless ``own`` (the person's own view)."""
        directory = self.workspace.directory()
        person_id = self.visible_person(reference, directory)
        space = self.workspace.topic_space()
        conn = self.workspace.store().conn
        rule = self.hidden_rule()
        hidden = set(claim_store.hidden_topics(conn, person_id))
        topics = [  # (nor a topic whose items hold one they hid: "pods" on Kubernetes answers)
            t
            for t in person_topics(space, person_id, hidden)
            if not rule.hides(person_id, t.label)
            and not rule.held_in(space.evidence, person_id, [i for i, _, _ in t.items])
        ]
        claims = ClaimAnalysis(conn, space, directory).states({person_id})
        if not own:
            claims = self._unhidden(claims, space)
        # (what they did: being sent a mail, assigned, mentioned or endorsed is nobody's activity)
        written = [
            item
            for item, contribution in space.evidence.person_items(person_id)
            if contribution.role not in DONE_TO_THEM
        ]
        times = sorted(t for t in map(space.evidence.timestamp, written) if not math.isnan(t))
        first = iso_day(times[0]) if times else None
        last = iso_day(times[-1]) if times else None
        sources = {space.source_of(item) for item in written}
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
        space = self.workspace.topic_space()
        analysis = ClaimAnalysis(self.workspace.store().conn, space, directory)
        return [
            self._claim_view(directory, c) for c in self._unhidden(analysis.states(people), space)
        ]

    def _unhidden(self, claims: list[ClaimState], space: TopicSpace) -> list[ClaimState]:
        """The claims others may see: none on a topic its holder hid, nor one whose evidence
        holds such a topic."""
        rule = self.hidden_rule()
        return [
            c
            for c in claims
            if not rule.hides(c.person_id, c.skill)
            and not rule.held_in(space.evidence, c.person_id, c.items)
        ]

    def add_claim(self, reference: str, skill: str) -> None:
        person_id = self.people.resolve(reference)
        checked = check_text(skill, "skill", MAX_TOPIC)
        with self.workspace.store().transaction() as conn:
            claim_store.add_claim(conn, person_id, checked.lower(), "self")

    def confirm_claim(self, reference: str, skill: str, by: str | None = None) -> None:
        person_id = self.people.resolve(reference)
        confirmer = self.people.resolve(by) if by else None
        checked = check_text(skill, "skill", MAX_TOPIC)
        with self.workspace.store().transaction() as conn:
            claim_store.confirm(conn, person_id, checked.lower(), confirmer)

    def hide_topic(self, reference: str, topic: str) -> None:
        person_id = self.people.resolve(reference)
        checked = check_text(topic, "topic", MAX_TOPIC)
        with self.workspace.store().transaction() as conn:
            claim_store.hide_topic(conn, person_id, checked.lower())

    def unhide_topic(self, person_id: int, topic: str) -> None:
        checked = check_text(topic, "topic", MAX_TOPIC)
        with self.workspace.store().transaction() as conn:
            claim_store.unhide_topic(conn, person_id, checked.lower())

    def hidden_topics(self, person_id: int) -> list[str]:
        return claim_store.hidden_topics(self.workspace.store().conn, person_id)

    # -- topics ----------------------------------------------------------------------------
    def hidden_experts(self, text: str, t: Translator | None = None) -> HiddenExperts:
        """The under-recognised experts of a topic; their ``why`` in ``t``'s language."""
        parse_topic(text)
        text, found = self._bridged(text)
        topic = parse_topic(text)
        directory = without(self.workspace.directory(), self._hiding_on(topic))
        conn = self.workspace.store().conn
        recognition = Recognition(conn, self.workspace.topic_space(), directory)
        strongest = recognition.hidden_experts(topic)
        rows = [self._hidden_view(directory, e, t) for e in strongest.experts]
        passed = [self._hidden_view(directory, e, t) for e in strongest.passed[:PASSED_SAID]]
        return HiddenExperts(
            topic.label,
            rows,
            round(strongest.strongest, 3),
            EVIDENCED,
            held=strongest.held,
            also_searched=found,
            passed_over=passed,
        )

    def _hidden_view(
        self, directory: Directory, expert: HiddenExpert, t: Translator | None
    ) -> HiddenExpertView:
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
            why=expert.why(info.name, info.title, info.department, t),
            top_evidence=self.item_links(expert.top_items),
        )

    def topic_map(self, text: str) -> TopicMapView:
        parse_topic(text)
        text, found = self._bridged(text)
        topic = parse_topic(text)
        asked = topic_of(as_asked(self.workspace, text))
        if asked is None:  # (an older index served: only the name of someone who opted out)
            return TopicMapView(topic.label, 0, [], 0, [], 0, {}, {}, found)
        topic = asked if asked.label != topic.label else topic
        directory = without(self.workspace.directory(), self._hiding_on(topic))
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
            also_searched=found,
        )

    def topic_aggregate(self, text: str) -> TopicAggregate:
        """The topic map of aggregate-only mode: groups of at least `min_group_size` people."""
        parse_topic(text)
        text, found = self._bridged(text)
        topic = parse_topic(text)
        directory = without(self.workspace.directory(), self._hiding_on(topic))
        k = self.workspace.settings.min_group_size
        aggregate = topic_aggregate(self.workspace.topic_space(), directory, topic, k)
        return replace(aggregate, also_searched=found)

    def search_aggregate(self, query: str, departments: list[str | None]) -> SearchAggregate:
        """Departments of the people who answer ``query``, in groups of at least k."""
        return search_aggregate(query, departments, self.workspace.settings.min_group_size)

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


__all__ = [
    "ClaimView",
    "DepartmentLink",
    "HiddenExpertView",
    "HiddenExperts",
    "HiddenTopics",
    "HolderView",
    "InsightsService",
    "ItemLink",
    "NamedScore",
    "NetworkView",
    "PeripheralExpert",
    "PersonView",
    "Profile",
    "ProfileTopic",
    "SearchAggregate",
    "TopicAggregate",
    "TopicMapView",
    "parse_topic",
]
