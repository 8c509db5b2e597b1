"""The consulting practice on top of the insights: tandem partners, expert-learner pairs,
stakeholder influence, coaching plans with measurable milestones, and skill transfer.

Tandem: for each engagement topic, inside people (internal, active, not a consultant of the
engagement) with strength >= EVIDENCED are scored

    partner(p, t) = strength(p, t) / strongest × (1 + 0.5 × (1 − recognition(p, t))) / (1 + load(p))

where load is the number of topics already given to p (topics with the fewest candidates are
assigned first), so under-recognised experts are preferred and nobody gets every topic.

Pairs: where half of a topic's evidence is held by one or two people, learners are inside
people below EVIDENCED on it whose evidence is *adjacent*: strength on the topics that share
the most items with it (Jaccard), weighted by that overlap, plus 1 when they claim the topic.

Transfer: per topic and month, the share of the knowledge-showing contributions (answers,
documents, replies, commits) made by inside people, and how many inside people made them.

Milestones (measured from evidence dated on or after the plan's start):
- items: answers, documents, replies or commits on the skill;
- accepted: of those, ones peers accepted (an accepted answer, a positive score, a reaction);
- strength: the decayed strength on the skill reaches the target.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np

from whoknows.engage.model import Engagement
from whoknows.insights.claims import EVIDENCED
from whoknows.insights.directory import Directory
from whoknows.insights.recognition import Recognition
from whoknows.insights.topicmap import Topics
from whoknows.insights.topics import Topic, TopicSpace, topic_of
from whoknows.rank.roles import EXPERT_ROLES, NON_EVIDENCE_ROLES

RELATED_TOPICS = 5
LEARNERS_PER_TOPIC = 3


def _topic(text: str) -> Topic:
    topic = topic_of(text.replace("-", " "))
    assert topic is not None
    return topic


def inside_people(engagement: Engagement, directory: Directory) -> set[int]:
    return {
        p
        for p, info in directory.people.items()
        if info.is_internal is not False and p not in engagement.consultants
    }


@dataclass
class Suggestion:
    topic: str
    person_id: int | None
    score: float
    why: str
    alternatives: list[int] = field(default_factory=list)


def tandem(
    space: TopicSpace, conn: sqlite3.Connection, directory: Directory, engagement: Engagement
) -> list[Suggestion]:
    topics = Topics(conn, space, directory)
    recognition = Recognition(conn, space, directory)
    inside = inside_people(engagement, directory)
    options: dict[str, list[tuple[int, float, str]]] = {}
    for label in engagement.topics:
        topic = _topic(label)
        evidence = space.evidence_on(topic)
        visible = {p: v for p, v in evidence.strength.items() if p in inside}
        top = max(visible.values(), default=0.0)
        peers = sorted(recognition.reputation.get(p, 0.0) for p in visible)
        found = []
        for person, strength in visible.items():
            if strength < EVIDENCED or not topics.is_active(person):
                continue
            fit, _ = recognition.role_fit(person, topic, evidence)
            formal = recognition.formal(person, peers)
            signals = [(s, w) for s, w in ((fit, 2.0), (formal, 1.0)) if s is not None]
            recognised = (
                sum(s * w for s, w in signals) / sum(w for _, w in signals) if signals else 0.0
            )
            score = strength / top * (1 + 0.5 * (1 - recognised))
            info = directory.people[person]
            why = (
                f"strength {strength:.1f} ({strength / top:.0%} of the strongest inside),"
                f" last evidence {datetime.fromtimestamp(evidence.last[person], tz=UTC):%Y-%m-%d},"
                f" recognition {recognised:.2f} ({info.title or 'no title'})"
            )
            found.append((person, score, why))
        options[label] = sorted(found, key=lambda o: -o[1])
    load: dict[int, int] = defaultdict(int)
    chosen: dict[str, Suggestion] = {}
    for label in sorted(options, key=lambda t: (len(options[t]), t)):
        ranked = sorted(options[label], key=lambda o: (-o[1] / (1 + load[o[0]]), o[0]))
        if not ranked:
            chosen[label] = Suggestion(
                label,
                None,
                0.0,
                f"no active inside person has strength >= {EVIDENCED:.0f} on this topic:"
                " a coverage gap to plan for (a pair can grow one)",
            )
            continue
        person, score, why = ranked[0]
        if load[person]:
            why += f"; already partner on {load[person]} other topic(s)"
        load[person] += 1
        chosen[label] = Suggestion(
            label, person, score / load[person], why, [p for p, _, _ in ranked[1:3]]
        )
    return [chosen[label] for label in engagement.topics]


@dataclass
class Pair:
    topic: str
    expert: int
    learner: int
    adjacency: float
    related: list[str]


def related_topics(
    space: TopicSpace, topic: Topic, limit: int = RELATED_TOPICS
) -> list[tuple[Topic, float]]:
    rows = space.topic_rows(topic)
    if rows.size == 0:
        return []
    terms = set(topic.terms)
    scored = []
    for other in space.vocabulary.values():
        other_terms = set(other.terms)
        if other_terms <= terms or terms <= other_terms:
            continue
        other_rows = space.rows_with(other.terms)
        overlap = np.intersect1d(rows, other_rows, assume_unique=True).size
        if overlap:
            scored.append((other, overlap / (rows.size + other_rows.size - overlap)))
    return sorted(scored, key=lambda pair: -pair[1])[:limit]


def pairs(
    space: TopicSpace, conn: sqlite3.Connection, directory: Directory, engagement: Engagement
) -> list[Pair]:
    topics = Topics(conn, space, directory)
    inside = inside_people(engagement, directory)
    claims = defaultdict(set)
    for person, skill in conn.execute("SELECT person_id, skill FROM claims"):
        claims[person].add(skill.lower())
    found = []
    for label in engagement.topics:
        topic = _topic(label)
        topic_map = topics.topic_map(topic)
        if topic_map.bus_factor > 2:
            continue
        experts = [p for p in topic_map.bus_group if p in inside and topics.is_active(p)]
        if not experts:
            continue
        evidence = space.evidence_on(topic)
        related = related_topics(space, topic)
        adjacency: dict[int, float] = defaultdict(float)
        for other, overlap in related:
            for person, strength in space.evidence_on(other).strength.items():
                adjacency[person] += strength * overlap
        for person in inside:
            if label in claims[person]:
                adjacency[person] += 1.0
        learners = sorted(
            (
                p
                for p in adjacency
                if p in inside
                and p not in experts
                and topics.is_active(p)
                and evidence.strength.get(p, 0.0) < EVIDENCED
            ),
            key=lambda p: (-adjacency[p], p),
        )[:LEARNERS_PER_TOPIC]
        for index, learner in enumerate(learners):
            found.append(
                Pair(
                    label,
                    experts[index % len(experts)],
                    learner,
                    adjacency[learner],
                    [t.label for t, _ in related[:3]],
                )
            )
    return found


def suggested_influence(
    degree: dict[int, float], betweenness: dict[int, float], person: int
) -> int:
    """1..5 from network position: half weighted degree rank, half betweenness rank."""

    def rank(values: dict[int, float]) -> float:
        if not values or person not in values:
            return 0.0
        ordered = sorted(values.values())
        return float(np.searchsorted(ordered, values[person], side="right")) / len(ordered)

    return 1 + round(4 * (0.5 * rank(degree) + 0.5 * rank(betweenness)))


@dataclass
class MilestoneProgress:
    id: int
    skill: str
    kind: str
    target: float
    due_date: str
    description: str
    value: float
    status: str  # done, on track, late


def milestone_progress(
    space: TopicSpace, person_id: int, started: float, milestones: list[tuple], now: float
) -> list[MilestoneProgress]:
    evidence = space.evidence
    result = []
    for milestone_id, skill, kind, target, due, description in milestones:
        topic = _topic(skill)
        rows = space.topic_rows(topic)
        items, accepted = 0, 0
        for row in rows.tolist():
            item = int(space.item_of[row])
            when = float(space.lexical.timestamps[row])
            if when != when or when < started:
                continue
            mine = [
                c
                for c in evidence.contributions.get(item, ())
                if c.person_id == person_id
                and c.role not in NON_EVIDENCE_ROLES
                and c.role not in {"commenter", "asker"}
            ]
            if not mine:
                continue
            items += 1
            signals = evidence.signals.get(item, {})
            if (
                signals.get("accepted")
                or signals.get("score", 0) > 0
                or signals.get("reactions", 0) > 0
            ):
                accepted += 1
        value = {
            "items": items,
            "accepted": accepted,
            "strength": space.evidence_on(topic).strength.get(person_id, 0.0),
        }[kind]
        due_ts = datetime.fromisoformat(due).replace(tzinfo=UTC).timestamp()
        status = "done" if value >= target else ("late" if now > due_ts else "on track")
        result.append(
            MilestoneProgress(
                milestone_id, skill, kind, target, due, description, float(value), status
            )
        )
    return result


def default_milestones(
    skill: str, start: datetime, end: datetime | None
) -> list[tuple[str, float, str, str]]:
    """(kind, target, due date, description) for a skill to develop during the mission."""
    finish = end or start + timedelta(days=120)
    first = min(start + timedelta(days=45), finish)
    second = min(start + timedelta(days=90), finish)
    return [
        (
            "items",
            2.0,
            first.strftime("%Y-%m-%d"),
            f"2 answers, documents or fixes on {skill} by {first:%d %B %Y}",
        ),
        (
            "accepted",
            1.0,
            second.strftime("%Y-%m-%d"),
            f"1 of them accepted or endorsed by peers by {second:%d %B %Y}",
        ),
        (
            "strength",
            EVIDENCED,
            finish.strftime("%Y-%m-%d"),
            f"{skill} evidenced (strength {EVIDENCED:.0f}) by {finish:%d %B %Y}",
        ),
    ]


@dataclass
class TransferSeries:
    topic: str
    months: list[str]
    inside_share: list[float | None]
    inside_experts: list[int]
    consultant_share: list[float | None]


def transfer(
    space: TopicSpace, directory: Directory, engagement: Engagement, months_before: int = 6
) -> list[TransferSeries]:
    start = datetime.fromisoformat(engagement.start_date).replace(tzinfo=UTC)
    first = (start - timedelta(days=31 * months_before)).strftime("%Y-%m")
    last = datetime.fromtimestamp(space.evidence.now, tz=UTC).strftime("%Y-%m")
    months = _months(first, last)
    inside = inside_people(engagement, directory)
    result = []
    for label in engagement.topics:
        rows = space.topic_rows(_topic(label))
        totals: dict[str, float] = defaultdict(float)
        inside_weight: dict[str, float] = defaultdict(float)
        consultant_weight: dict[str, float] = defaultdict(float)
        experts: dict[str, set[int]] = defaultdict(set)
        for row in rows.tolist():
            when = float(space.lexical.timestamps[row])
            if when != when:
                continue
            month = datetime.fromtimestamp(when, tz=UTC).strftime("%Y-%m")
            for c in space.evidence.contributions.get(int(space.item_of[row]), ()):
                if c.role not in EXPERT_ROLES:
                    continue
                totals[month] += c.weight
                if c.person_id in inside:
                    inside_weight[month] += c.weight
                    experts[month].add(c.person_id)
                elif c.person_id in engagement.consultants:
                    consultant_weight[month] += c.weight
        result.append(
            TransferSeries(
                label,
                months,
                [inside_weight[m] / totals[m] if totals[m] else None for m in months],
                [len(experts[m]) for m in months],
                [consultant_weight[m] / totals[m] if totals[m] else None for m in months],
            )
        )
    return result


def _months(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    end_year, end_month = map(int, last.split("-"))
    months = []
    while (year, month) <= (end_year, end_month):
        months.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return months


def mean_share(series: TransferSeries, months: int = 3) -> float | None:
    values = [v for v in series.inside_share[-months:] if v is not None]
    return sum(values) / len(values) if values else None
