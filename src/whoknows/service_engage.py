"""Engagement methods of the service facade (mixed into :class:`whoknows.service.Whoknows`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from whoknows.engage import analysis, model
from whoknows.errors import UsageError
from whoknows.insights.claims import EVIDENCED
from whoknows.insights.directory import Directory
from whoknows.insights.network import interaction_graph
from whoknows.store import utc_now
from whoknows.text import parse_date

if TYPE_CHECKING:
    from pathlib import Path

    from whoknows.insights.topics import TopicSpace
    from whoknows.rank import EvidenceBase
    from whoknows.report import ReportFiles
    from whoknows.store import Store


class EngageMixin:
    # provided by Whoknows
    def store(self, create: bool = False) -> Store:
        raise NotImplementedError

    def evidence(self) -> EvidenceBase:
        raise NotImplementedError

    def topic_space(self) -> TopicSpace:
        raise NotImplementedError

    def directory(self) -> Directory:
        raise NotImplementedError

    def resolve_person(self, reference: str) -> int:
        raise NotImplementedError

    def claims(self, reference: str | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def hidden_experts(self, text: str) -> dict[str, Any]:
        raise NotImplementedError

    def topic_map(self, text: str) -> dict[str, Any]:
        raise NotImplementedError

    def gaps(self) -> list[dict[str, Any]]:
        raise NotImplementedError

    # -- records ---------------------------------------------------------------------------
    def create_engagement(
        self,
        name: str,
        topics: list[str],
        consultants: list[str],
        start: str,
        end: str | None = None,
        client: str | None = None,
        goal: str | None = None,
    ) -> model.Engagement:
        for value, what in ((start, "--start"), (end, "--end")):
            if value is not None and parse_date(value) is None:
                raise UsageError(f"{what} {value!r} is not a date", "write it as YYYY-MM-DD")
        people = [self.resolve_person(c) for c in consultants]
        with self.store(create=True).transaction() as conn:
            model.create(conn, name, client, goal, start, end, topics, people, utc_now())
        return self.engagement_record(name)

    def engagement_record(self, reference: str) -> model.Engagement:
        return model.load(self.store().conn, reference)

    def engagements(self) -> list[dict[str, object]]:
        return model.list_all(self.store().conn)

    def set_consent(self, reference: str, person: str, consent: str) -> None:
        engagement = self.engagement_record(reference)
        person_id = self.resolve_person(person)
        with self.store().transaction() as conn:
            model.set_consent(conn, engagement.id, person_id, consent)

    def set_stakeholder(
        self,
        reference: str,
        person: str,
        stance: str | None = None,
        influence: int | None = None,
        notes: str | None = None,
    ) -> None:
        engagement = self.engagement_record(reference)
        person_id = self.resolve_person(person)
        with self.store().transaction() as conn:
            model.set_stakeholder(conn, engagement.id, person_id, stance, influence, notes)

    def coach(self, reference: str, person: str, skills: list[str] | None = None) -> dict[str, Any]:
        """A coaching plan for a person whose claimed expertise is not (yet) evident."""
        engagement = self.engagement_record(reference)
        person_id = self.resolve_person(person)
        if not skills:
            skills = [
                str(c["skill"]) for c in self.claims(str(person_id)) if c["state"] == "claimed"
            ]
        if not skills:
            raise UsageError(f"{person} has no pending claim to develop", "name --skill")
        start = datetime.fromisoformat(engagement.start_date).replace(tzinfo=UTC)
        end = (
            datetime.fromisoformat(engagement.end_date).replace(tzinfo=UTC)
            if engagement.end_date
            else None
        )
        with self.store().transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO coaching_plans(engagement_id, person_id,"
                " created_at) VALUES (?, ?, ?)",
                (engagement.id, person_id, engagement.start_date),
            )
            plan_id = conn.execute(
                "SELECT id FROM coaching_plans WHERE engagement_id = ? AND person_id = ?",
                (engagement.id, person_id),
            ).fetchone()[0]
            for skill in skills:
                conn.execute(
                    "DELETE FROM milestones WHERE plan_id = ? AND skill = ?",
                    (plan_id, skill.lower()),
                )
                for kind, target, due, description in analysis.default_milestones(
                    skill.lower(), start, end
                ):
                    conn.execute(
                        "INSERT INTO milestones(plan_id, skill, kind, target, due_date,"
                        " description) VALUES (?, ?, ?, ?, ?, ?)",
                        (plan_id, skill.lower(), kind, target, due, description),
                    )
        return next(p for p in self.coaching_plans(reference) if p["person_id"] == person_id)

    # -- views -----------------------------------------------------------------------------
    _consent_only = False  # set while building a report or deck

    def _name(self, directory: Directory, engagement: model.Engagement, person_id: int) -> str:
        """A person's name; in reports and decks only with consent (consultants, and inside
        people who said yes), a description by department otherwise."""
        info = directory.get(person_id)
        if info is None:
            return "someone who opted out"
        if (
            not self._consent_only
            or person_id in engagement.consultants
            or engagement.inside.get(person_id) == "yes"
        ):
            return info.name
        state = "declined" if engagement.inside.get(person_id) == "no" else "consent pending"
        return f"an expert in {info.department or 'the organization'} ({state})"

    def tandem(self, reference: str) -> list[dict[str, Any]]:
        engagement = self.engagement_record(reference)
        directory = self.directory()
        rows = []
        for s in analysis.tandem(self.topic_space(), self.store().conn, directory, engagement):
            rows.append(
                {
                    "topic": s.topic,
                    "person_id": s.person_id,
                    "partner": self._name(directory, engagement, s.person_id)
                    if s.person_id
                    else None,
                    "why": s.why,
                    "alternatives": [self._name(directory, engagement, p) for p in s.alternatives],
                }
            )
        return rows

    def pairs(self, reference: str) -> list[dict[str, Any]]:
        engagement = self.engagement_record(reference)
        directory = self.directory()
        return [
            {
                "topic": p.topic,
                "expert": self._name(directory, engagement, p.expert),
                "learner": self._name(directory, engagement, p.learner),
                "expert_id": p.expert,
                "learner_id": p.learner,
                "why": f"{p.topic} is held by one or two people; the learner's evidence on"
                f" {', '.join(p.related)} is adjacent (score {p.adjacency:.1f})",
            }
            for p in analysis.pairs(self.topic_space(), self.store().conn, directory, engagement)
        ]

    def stakeholder_map(
        self, reference: str, tandem: list[dict[str, Any]] | None = None
    ) -> list[dict[str, Any]]:
        import networkx as nx

        engagement = self.engagement_record(reference)
        directory = self.directory()
        conn = self.store().conn
        graph = interaction_graph(conn, self.evidence(), directory)
        degree = dict(graph.degree(weight="weight"))
        betweenness = nx.betweenness_centrality(graph, seed=7) if graph.number_of_nodes() else {}
        recorded = {
            row[0]: row
            for row in conn.execute(
                "SELECT person_id, stance, influence, notes FROM stakeholders"
                " WHERE engagement_id = ?",
                (engagement.id,),
            )
        }
        people = set(recorded)
        rows_of_tandem = self.tandem(reference) if tandem is None else tandem
        people |= {t["person_id"] for t in rows_of_tandem if t["person_id"]}
        people |= set(engagement.consultants)
        rows = []
        for person_id in sorted(
            people, key=lambda p: directory.people[p].name if p in directory else ""
        ):
            if person_id not in directory:
                continue
            info = directory.people[person_id]
            record = recorded.get(person_id)
            suggested = analysis.suggested_influence(degree, betweenness, person_id)
            rows.append(
                {
                    "person_id": person_id,
                    "name": self._name(directory, engagement, person_id),
                    "title": info.title,
                    "department": info.department,
                    "stance": record[1] if record else "unknown",
                    "influence": record[2] if record and record[2] else suggested,
                    "influence_suggested": suggested,
                    "notes": record[3] if record else None,
                }
            )
        return rows

    def coaching_plans(self, reference: str) -> list[dict[str, Any]]:
        engagement = self.engagement_record(reference)
        directory = self.directory()
        space = self.topic_space()
        conn = self.store().conn
        plans = []
        for plan_id, person_id, created in conn.execute(
            "SELECT id, person_id, created_at FROM coaching_plans WHERE engagement_id = ?"
            " ORDER BY id",
            (engagement.id,),
        ):
            rows = conn.execute(
                "SELECT id, skill, kind, target, due_date, description"
                " FROM milestones WHERE plan_id = ? ORDER BY skill, due_date",
                (plan_id,),
            ).fetchall()
            started = datetime.fromisoformat(created).replace(tzinfo=UTC).timestamp()
            progress = analysis.milestone_progress(
                space, person_id, started, [tuple(r) for r in rows], space.evidence.now
            )
            skills = sorted({r[1] for r in rows})
            helpers, material = {}, {}
            for skill in skills:
                evidence = space.evidence_on(analysis._topic(skill))
                inside = analysis.inside_people(engagement, directory)
                ranked = sorted(
                    (p for p in evidence.strength if p in inside and p != person_id),
                    key=lambda p: -evidence.strength[p],
                )[:2]
                helpers[skill] = [self._name(directory, engagement, p) for p in ranked]
                material[skill] = [
                    item for p in ranked for item, _, _ in evidence.item_votes[p][:2]
                ]
            plans.append(
                {
                    "plan_id": plan_id,
                    "person_id": person_id,
                    "person": self._name(directory, engagement, person_id),
                    "skills": skills,
                    "helpers": helpers,
                    "material": {s: self._links(ids) for s, ids in material.items()},
                    "milestones": [m.__dict__ for m in progress],
                }
            )
        return plans

    def _links(self, item_ids: list[int]) -> list[dict[str, Any]]:
        conn = self.store().conn
        links = []
        for item_id in item_ids:
            row = conn.execute(
                "SELECT title, url, kind FROM items WHERE id = ?", (item_id,)
            ).fetchone()
            if row:
                links.append({"title": row[0], "url": row[1], "kind": row[2]})
        return links

    def transfer(self, reference: str) -> list[dict[str, Any]]:
        engagement = self.engagement_record(reference)
        series = analysis.transfer(self.topic_space(), self.directory(), engagement)
        return [s.__dict__ for s in series]

    def engagement_overview(self, reference: str) -> dict[str, Any]:
        """Everything the report, the deck and the engagement page show."""
        engagement = self.engagement_record(reference)
        directory = self.directory()
        topics = []
        for label in engagement.topics:
            topic_map = self.topic_map(label)
            holders = [
                h
                for h in topic_map["holders"]
                if h["strength"] >= EVIDENCED
                if h["person_id"] not in engagement.consultants and h.get("internal") is not False
            ]
            topics.append(
                {
                    "topic": label,
                    "items": topic_map["items"],
                    "inside": [
                        self._name(directory, engagement, h["person_id"])
                        for h in holders
                        if h["active"]
                    ][:5],
                    "bus_factor": topic_map["bus_factor"],
                    "active_in_bus_group": topic_map["of_whom_active"],
                    "departments": topic_map["departments"],
                    "hidden": [
                        self._name(directory, engagement, h["person_id"])
                        for h in self.hidden_experts(label)["hidden_experts"]
                        if h["person_id"] not in engagement.consultants
                        and h["internal"] is not False
                    ],
                }
            )
        labels = set(engagement.topics)
        tandem = self.tandem(reference)
        gaps = [g for g in self.gaps() if g["topic"] in labels or g["outsider_share"] >= 0.5]
        return {
            "engagement": {
                "name": engagement.name,
                "client": engagement.client,
                "goal": engagement.goal,
                "start": engagement.start_date,
                "end": engagement.end_date,
                "consultants": [
                    self._name(directory, engagement, p) for p in engagement.consultants
                ],
            },
            "topics": topics,
            "gaps": gaps,
            "tandem": tandem,
            "pairs": self.pairs(reference),
            "stakeholders": self.stakeholder_map(reference, tandem),
            "plans": self.coaching_plans(reference),
            "transfer": self.transfer(reference),
        }

    def report(self, reference: str, out: Path | None = None) -> ReportFiles:
        """Write the engagement's HTML report, its PDF and the deck."""
        from whoknows.report import build

        self._consent_only = True
        try:
            overview = self.engagement_overview(reference)
        finally:
            self._consent_only = False
        folder = out or self.store().workspace / "reports"
        return build(overview, folder)
