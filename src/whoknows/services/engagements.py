"""Engagements: tandem, expert-learner pairs, stakeholders, coaching plans, skill transfer.

Who is named depends on the audience: the consultant's own views name everyone visible; the
reports and decks for leadership (``Audience.LEADERSHIP``) name consultants and the inside
people who consented, and describe the others by department only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from whoknows.engage import analysis, milestones, model, roadmap
from whoknows.engage.model import Engagement, EngagementSummary, RoadmapRecord
from whoknows.errors import UsageError
from whoknows.i18n import N_
from whoknows.insights.directory import Directory
from whoknows.insights.topics import topic_of
from whoknows.services.dates import check_period
from whoknows.services.engagement_overview import build_overview, stakeholder_rows, topic_names
from whoknows.services.engagement_rows import (
    Audience,
    Carrier,
    EngagementHeader,
    MaterialLink,
    Namer,
    Overview,
    PairRow,
    PlanView,
    Roadmap,
    RoadmapRow,
    StakeholderRow,
    TandemRow,
    TopicOverview,
    as_day,
    crowd,
    today,
)
from whoknows.services.hidden_topics import HiddenTopics
from whoknows.services.insights import InsightsService, parse_topic
from whoknows.services.people import PeopleService
from whoknows.services.workspace import Workspace
from whoknows.store import utc_now
from whoknows.vocab import MilestoneKind

__all__ = [
    "Audience",
    "Carrier",
    "EngagementHeader",
    "EngagementService",
    "MaterialLink",
    "Namer",
    "Overview",
    "PairRow",
    "PlanView",
    "Roadmap",
    "RoadmapRow",
    "StakeholderRow",
    "TandemRow",
    "TopicOverview",
    "crowd",
    "today",
]


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
        check_period(start, end)
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

    def coach(
        self,
        reference: str,
        person: str,
        skills: list[str] | None = None,
        made: str | date | None = None,
    ) -> PlanView:
        """A coaching plan for a person whose claimed expertise is not (yet) evident; its
        milestones are dated from ``made`` (default: today)."""
        engagement = self.get(reference)
        person_id = self.people.resolve(person)
        if not skills:
            claims = self.insights.claims(str(person_id))
            skills = [c.skill for c in claims if c.state == "claimed"]
        if not skills:
            raise UsageError(
                N_("%(person)s has no pending claim to develop"),
                N_("name the skills with --skill"),
                person=person,
            )
        for skill in skills:
            parse_topic(skill.replace("-", " "))
        day = as_day(made, "--from")
        with self.workspace.store().transaction() as conn:
            plan_id = model.ensure_plan(conn, engagement.id, person_id, day.isoformat())
            for skill in skills:
                steps = [
                    (
                        step.kind,
                        step.target,
                        step.made,
                        step.due,
                        milestones.describe(step.kind, step.target, skill.lower(), step.due),
                    )
                    for step in milestones.coaching_steps(day)
                ]
                model.replace_milestones(conn, plan_id, skill.lower(), steps)
        return next(p for p in self.plans(reference, as_of=day) if p.person_id == person_id)

    # -- views -----------------------------------------------------------------------------
    def namer(self, engagement: Engagement, audience: Audience) -> Namer:
        return Namer(self.workspace.directory(), engagement, audience)

    def _suggestions(self, engagement: Engagement) -> list[analysis.Suggestion]:
        space, conn = self.workspace.topic_space(), self.workspace.store().conn
        directory, hidden = self.workspace.directory(), self.hidden(engagement.topics)
        return analysis.tandem(space, conn, directory, engagement, hidden)

    def hidden(self, labels: Iterable[str]) -> dict[str, frozenset[int]]:
        """Per topic label, who may not be named on it (``services.hidden_topics``)."""
        rule, space = HiddenTopics(self.workspace.store().conn), self.workspace.topic_space()
        topics = {label: topic_of(label.replace("-", " ")) for label in labels}
        return {label: frozenset(rule.hiding_on(space, t)) for label, t in topics.items()}

    def topic_names(self, labels: list[str]) -> dict[str, str]:
        """Topics as people write them ("Observability", "EDI"), by their stored label."""
        return topic_names(self.workspace.store().conn, labels)

    def tandem(self, reference: str, audience: Audience = Audience.CONSULTANT) -> list[TandemRow]:
        engagement = self.get(reference)
        name = self.namer(engagement, audience)
        return [
            TandemRow(
                s.topic,
                s.person_id,
                name(s.person_id) if s.person_id else None,
                s.why,
                [name(p) for p in s.alternatives if name.named(p)],
                s.person_id is None or name.named(s.person_id),
                s.strength,
                s.of_strongest,
                s.last,
                s.recognition,
                s.other_topics,
            )
            for s in self._suggestions(engagement)
        ]

    def pairs(self, reference: str, audience: Audience = Audience.CONSULTANT) -> list[PairRow]:
        engagement, directory = self.get(reference), self.workspace.directory()
        name, hidden = Namer(directory, engagement, audience), self.hidden(engagement.topics)
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
                name.named(p.expert),
                name.named(p.learner),
                p.related,
            )
            for p in analysis.pairs(space, conn, directory, engagement, hidden)
        ]

    def stakeholders(
        self,
        reference: str,
        tandem: list[TandemRow] | None = None,
        audience: Audience = Audience.CONSULTANT,
    ) -> list[StakeholderRow]:
        """The stakeholder map: recorded stakeholders, consultants and tandem partners."""
        engagement = self.get(reference)
        rows_of_tandem = self.tandem(reference, audience) if tandem is None else tandem
        return stakeholder_rows(self.workspace, engagement, rows_of_tandem, audience)

    def plans(
        self,
        reference: str,
        audience: Audience = Audience.CONSULTANT,
        as_of: str | date | None = None,
    ) -> list[PlanView]:
        """Coaching plans, their milestones measured and judged as of a day (default today)."""
        engagement = self.get(reference)
        directory = self.workspace.directory()
        name = Namer(directory, engagement, audience)
        conn, day = self.workspace.store().conn, as_day(as_of)
        return [
            self._plan(engagement, directory, name, plan_id, person_id, day)
            for plan_id, person_id, _ in model.plans(conn, engagement.id)
        ]

    def _plan(
        self,
        engagement: Engagement,
        directory: Directory,
        name: Namer,
        plan_id: int,
        person_id: int,
        as_of: date,
    ) -> PlanView:
        space = self.workspace.topic_space()
        conn = self.workspace.store().conn
        rows = model.milestones(conn, plan_id)
        progress = [
            milestones.progress(
                space,
                person_id,
                (r.id, r.skill, r.kind, r.target, r.made, r.due_date, r.description),
                as_of,
            )
            for r in rows
        ]
        skills = sorted({r.skill for r in rows})
        inside = analysis.inside_people(engagement, directory)
        helpers: dict[str, list[str]] = {}
        material: dict[str, list[MaterialLink]] = {}
        hidden = self.hidden(skills)  # (a helper is never named on a topic they hid)
        for skill in skills:
            evidence = space.evidence_on(parse_topic(skill.replace("-", " ")))
            ranked = sorted(
                (p for p in evidence.strength if p in inside - hidden[skill] - {person_id}),
                key=lambda p: -evidence.strength[p],
            )[:2]
            ranked = [p for p in ranked if name.named(p)]
            helpers[skill] = [name(p) for p in ranked]
            items = [item for p in ranked for item, _, _ in evidence.item_votes[p][:2]]
            material[skill] = [MaterialLink(*link) for link in model.item_links(conn, items)]
        return PlanView(
            plan_id,
            person_id,
            name(person_id),
            skills,
            helpers,
            material,
            progress,
            name.named(person_id),
        )

    def transfer(
        self, reference: str, as_of: str | date | None = None
    ) -> list[analysis.TransferSeries]:
        """Skill transfer month by month, up to the latest evidence dated by ``as_of``."""
        engagement = self.get(reference)
        until = milestones.day_start(as_day(as_of)) + 86400
        space = self.workspace.topic_space()
        return analysis.transfer(space, self.workspace.directory(), engagement, until=until)

    # -- the roadmap after the mission -----------------------------------------------------
    def roadmap(
        self,
        reference: str,
        audience: Audience = Audience.CONSULTANT,
        as_of: str | date | None = None,
    ) -> Roadmap:
        """The saved roadmap, or the proposed one while none is saved, measured as of a day."""
        engagement = self.get(reference)
        name = self.namer(engagement, audience)
        records = model.roadmap(self.workspace.store().conn, engagement.id)
        proposed = not records
        if proposed:
            records = self._proposal(engagement)
        space, day = self.workspace.topic_space(), as_day(as_of)
        rows = []
        for r in records:
            measured = milestones.progress(
                space, r.person_id, (r.id, r.topic, r.kind, r.target, r.made, r.due_date, ""), day
            )
            rows.append(
                RoadmapRow(
                    r.id or None,
                    r.person_id,
                    name(r.person_id),
                    name.named(r.person_id),
                    r.topic,
                    r.kind,
                    r.target,
                    r.made,
                    r.due_date,
                    r.review_date,
                    measured.value,
                    measured.status,
                )
            )
        assumed = None if engagement.end_date else roadmap.mission_end(engagement).isoformat()
        return Roadmap(rows, proposed, assumed)

    def _proposal(self, engagement: Engagement) -> list[RoadmapRecord]:
        space, conn = self.workspace.topic_space(), self.workspace.store().conn
        directory = self.workspace.directory()
        prefer = Namer(directory, engagement, Audience.LEADERSHIP).named
        suggestions = self._suggestions(engagement)
        return roadmap.propose(space, conn, directory, engagement, suggestions, prefer)

    def save_roadmap(self, reference: str) -> Roadmap:
        """Saves the proposed roadmap (replacing a saved one) so that it is measured as is."""
        engagement = self.get(reference)
        records = self._proposal(engagement)
        with self.workspace.store().transaction() as conn:
            model.replace_roadmap(conn, engagement.id, records)
        return self.roadmap(reference)

    def add_roadmap_milestone(
        self,
        reference: str,
        person: str,
        topic: str,
        kind: str,
        target: float,
        due: str,
        review: str | None = None,
    ) -> Roadmap:
        """Adds a milestone to the saved roadmap, measured from the end of the mission."""
        engagement = self.get(reference)
        person_id = self.people.resolve(person)
        parse_topic(topic.replace("-", " "))
        if kind not in set(MilestoneKind):
            raise UsageError(
                N_("kind is one of %(kinds)s, not %(value)s"),
                N_("give one of these"),
                kinds=", ".join(MilestoneKind),
                value=repr(kind),
            )
        due_day = as_day(due, "--due")
        review_day = as_day(review, "--review") if review else due_day
        end = roadmap.mission_end(engagement)
        if due_day <= end:
            raise UsageError(
                N_("--due %(due)s is not after the end of the mission (%(end)s)"),
                N_("give a later date"),
                due=due,
                end=end,
            )
        conn = self.workspace.store().conn
        rows = model.roadmap(conn, engagement.id)
        made, dates = end.isoformat(), (due_day.isoformat(), review_day.isoformat())
        rows.append(RoadmapRecord(0, person_id, topic.lower(), kind, target, made, *dates))
        with self.workspace.store().transaction() as conn:
            model.replace_roadmap(conn, engagement.id, rows)
        return self.roadmap(reference)

    def overview(
        self,
        reference: str,
        audience: Audience = Audience.CONSULTANT,
        as_of: str | date | None = None,
    ) -> Overview:
        """Everything the report, the deck and the engagement page show, as of a day."""
        return build_overview(self, self.get(reference), audience, as_day(as_of))
