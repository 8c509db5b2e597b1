"""Insight methods of the service facade (mixed into :class:`whoknows.service.Whoknows`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from whoknows.errors import NotFoundError, UsageError
from whoknows.insights.claims import ClaimAnalysis
from whoknows.insights.directory import Directory, iso_day
from whoknows.insights.network import network_report
from whoknows.insights.profile import person_topics
from whoknows.insights.recognition import Recognition
from whoknows.insights.topicmap import Topics
from whoknows.insights.topics import Topic, TopicSpace, topic_of
from whoknows.store import utc_now

if TYPE_CHECKING:
    from whoknows.rank import EvidenceBase
    from whoknows.store import Store


class InsightsMixin:
    _space: TopicSpace | None = None
    _space_generation: int = -1

    # provided by Whoknows
    def store(self, create: bool = False) -> Store:
        raise NotImplementedError

    def evidence(self) -> EvidenceBase:
        raise NotImplementedError

    def resolve_person(self, reference: str) -> int:
        raise NotImplementedError

    # -- shared ----------------------------------------------------------------------------
    def topic_space(self) -> TopicSpace:
        evidence = self.evidence()
        generation = evidence.lexical.generation
        if self._space is None or self._space_generation != generation:
            self._space = TopicSpace(self.store().conn, evidence)
            self._space_generation = generation
        return self._space

    def directory(self) -> Directory:
        return Directory(self.store().conn)

    def _visible_person(self, reference: str, directory: Directory) -> int:
        person_id = self.resolve_person(reference)
        if person_id not in directory:
            raise NotFoundError(
                f"no visible person {reference!r}",
                "bots and people who opted out appear in no insight",
            )
        return person_id

    @staticmethod
    def _topic(text: str) -> Topic:
        topic = topic_of(text)
        if topic is None:
            raise UsageError(f"{text!r} has no searchable words", 'name a topic, e.g. "kafka"')
        return topic

    def _names(self, directory: Directory, person_id: int) -> dict[str, object]:
        info = directory.get(person_id)
        return info.as_dict() if info else {"person_id": person_id}

    def _item_links(self, item_ids: list[int]) -> list[dict[str, object]]:
        conn = self.store().conn
        links = []
        for item_id in item_ids:
            row = conn.execute(
                "SELECT title, url, date, source, kind FROM items WHERE id = ?", (item_id,)
            ).fetchone()
            if row:
                links.append(
                    {
                        "item_id": item_id,
                        "title": row["title"],
                        "url": row["url"],
                        "date": (row["date"] or "")[:10] or None,
                        "source": row["source"],
                        "kind": row["kind"],
                    }
                )
        return links

    # -- person profile --------------------------------------------------------------------
    def profile(self, reference: str) -> dict[str, object]:
        directory = self.directory()
        person_id = self._visible_person(reference, directory)
        space = self.topic_space()
        conn = self.store().conn
        hidden = {
            row[0].lower()
            for row in conn.execute(
                "SELECT topic FROM hidden_topics WHERE person_id = ?", (person_id,)
            )
        }
        topics = person_topics(space, person_id, hidden)
        claims = ClaimAnalysis(conn, space, directory).states({person_id})
        times = space.evidence.any_times.get(person_id)
        sources = sorted(
            {space.sources.get(item, "?") for item, _ in space.evidence.person_items(person_id)}
        )
        return {
            **self._names(directory, person_id),
            "first_activity": iso_day(float(times[0]))
            if times is not None and len(times)
            else None,
            "last_activity": iso_day(float(times[-1]))
            if times is not None and len(times)
            else None,
            "sources": sources,
            "topics": [
                {**t.as_dict(), "evidence": self._item_links([i for i, _, _ in t.items[:3]])}
                for t in topics
            ],
            "claims": [c.as_dict() for c in claims],
        }

    # -- claims ----------------------------------------------------------------------------
    def claims(self, reference: str | None = None) -> list[dict[str, object]]:
        directory = self.directory()
        people = {self._visible_person(reference, directory)} if reference else None
        analysis = ClaimAnalysis(self.store().conn, self.topic_space(), directory)
        return [
            {**c.as_dict(), "name": directory.people[c.person_id].name}
            for c in analysis.states(people)
        ]

    def add_claim(self, reference: str, skill: str) -> None:
        person_id = self.resolve_person(reference)
        if not skill.strip():
            raise UsageError("the skill is empty", 'name it, e.g. --skill "kafka"')
        store = self.store()
        with store.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO claims(person_id, skill, source, created_at)"
                " VALUES (?, ?, 'self', ?)",
                (person_id, skill.strip().lower(), utc_now()),
            )

    def confirm_claim(self, reference: str, skill: str, by: str | None = None) -> None:
        person_id = self.resolve_person(reference)
        confirmer = self.resolve_person(by) if by else None
        store = self.store()
        with store.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO confirmations(person_id, skill, confirmed_by, at)"
                " VALUES (?, ?, ?, ?)",
                (person_id, skill.strip().lower(), confirmer, utc_now()),
            )

    def hide_topic(self, reference: str, topic: str) -> None:
        person_id = self.resolve_person(reference)
        with self.store().transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO hidden_topics(person_id, topic, at) VALUES (?, ?, ?)",
                (person_id, topic.strip().lower(), utc_now()),
            )

    def opt_out(self, reference: str, inference: bool, visibility: bool) -> None:
        person_id = self.resolve_person(reference)
        store = self.store()
        with store.transaction() as conn:
            conn.execute(
                "UPDATE persons SET opt_out_inference = MAX(opt_out_inference, ?),"
                " opt_out_visibility = MAX(opt_out_visibility, ?) WHERE id = ?",
                (int(inference), int(visibility), person_id),
            )
            store.bump_generation()

    # -- topics ----------------------------------------------------------------------------
    def hidden_experts(self, text: str) -> dict[str, object]:
        topic = self._topic(text)
        directory = self.directory()
        recognition = Recognition(self.store().conn, self.topic_space(), directory)
        experts = recognition.hidden_experts(topic)
        rows = []
        for expert in experts:
            info = directory.people[expert.person_id]
            rows.append(
                {
                    **info.as_dict(),
                    "hidden": round(expert.hidden, 3),
                    "evidence": round(expert.evidence, 3),
                    "strength": round(expert.strength, 3),
                    "items": expert.items,
                    "share": round(expert.share, 3),
                    "role_fit": None if expert.role_fit is None else round(expert.role_fit, 3),
                    "department_lift": None
                    if expert.department_lift is None
                    else round(expert.department_lift, 3),
                    "formal": None if expert.formal is None else round(expert.formal, 3),
                    "recognition": round(expert.recognition, 3),
                    "last": expert.last,
                    "why": expert.why(info.name, info.title, info.department),
                    "top_evidence": self._item_links(expert.top_items),
                }
            )
        return {"topic": topic.label, "hidden_experts": rows}

    def topic_map(self, text: str) -> dict[str, object]:
        topic = self._topic(text)
        directory = self.directory()
        result = Topics(self.store().conn, self.topic_space(), directory).topic_map(topic)
        return {
            "topic": result.topic,
            "items": result.items,
            "holders": [
                {
                    **self._names(directory, h.person_id),
                    "strength": round(h.strength, 3),
                    "share": round(h.share, 3),
                    "last": h.last,
                    "active": h.active,
                }
                for h in result.holders
            ],
            "bus_factor": result.bus_factor,
            "half_of_the_evidence": [directory.people[p].name for p in result.bus_group],
            "of_whom_active": result.bus_group_active,
            "departments": {k: round(v, 3) for k, v in result.departments.items()},
            "locations": {k: round(v, 3) for k, v in result.locations.items()},
        }

    def gaps(self) -> list[dict[str, object]]:
        topics = Topics(self.store().conn, self.topic_space(), self.directory())
        return [
            gap.__dict__ | {"outsider_share": round(gap.outsider_share, 3)} for gap in topics.gaps()
        ]

    def network(self) -> dict[str, object]:
        directory = self.directory()
        report = network_report(self.store().conn, self.evidence(), directory)

        def name(person_id: int) -> str:
            return directory.people[person_id].name

        return {
            "people": report.people,
            "links": report.links,
            "hubs": [
                {"name": name(p), "person_id": p, "weighted_degree": round(d, 2)}
                for p, d in report.hubs
            ],
            "brokers": [
                {"name": name(p), "person_id": p, "betweenness": round(b, 4)}
                for p, b in report.brokers
            ],
            "peripheral_experts": [
                {
                    "name": name(p),
                    "person_id": p,
                    "knowledge_items": n,
                    "weighted_degree": round(d, 2),
                }
                for p, n, d in report.peripheral_experts
            ],
            "department_links": [
                {"departments": [a, b], "weight": round(w, 2)}
                for a, b, w in report.department_links
            ],
            "bridges": [
                {"name": name(p), "person_id": p, "cross_department_weight": round(w, 2)}
                for p, w in report.bridges
            ],
        }
