"""The consulting practice on top of the insights: tandem partners, expert-learner pairs,
stakeholder influence, coaching plans with measurable milestones, and skill transfer.

Tandem: for each engagement topic, inside people (internal, active, not a consultant of the
engagement) who hold it (strength >= EVIDENCED, or half of its evidence alone:
:func:`whoknows.insights.topicmap.holders`) are scored

    partner(p, t) = strength(p, t) / strongest × (1 + 0.5 × (1 − recognition(p, t))) / (1 + load(p))

where load is the number of topics already given to p (topics with the fewest candidates are
assigned first), so under-recognised experts are preferred and nobody gets every topic.

Pairs: where half of a topic's evidence is held by one or two people, learners are inside
people below EVIDENCED on it whose evidence is *adjacent*: strength on the topics that share
the most items with it (Jaccard), weighted by that overlap, plus 1 when they claim the topic.

Transfer: per topic and month, the share of the knowledge-showing contributions (answers,
documents, replies, commits) made by inside people, and how many inside people made them.

Milestones (coaching and the roadmap after the mission): see ``whoknows.engage.milestones``.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import numpy as np

from whoknows.engage.model import Engagement
from whoknows.insights.directory import Directory
from whoknows.insights.holding import EVIDENCED, holders
from whoknows.insights.recognition import Recognition
from whoknows.insights.topicmap import Topics
from whoknows.insights.topics import Topic, TopicSpace, topic_of
from whoknows.rank.roles import EXPERT_ROLES

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
    strength: float = 0.0
    of_strongest: float = 0.0
    last: str | None = None  # YYYY-MM-DD of the latest evidence on the topic
    recognition: float = 0.0
    other_topics: int = 0


def _candidates(
    space: TopicSpace,
    conn: sqlite3.Connection,
    directory: Directory,
    engagement: Engagement,
    hidden: Mapping[str, frozenset[int]],
) -> dict[str, list[Suggestion]]:
    """Per topic, the inside people who could partner the consultant, best first (never one
    who hid the topic: ``hidden``, by topic label)."""
    topics = Topics(conn, space, directory)
    recognition = Recognition(conn, space, directory)
    inside = inside_people(engagement, directory)
    options: dict[str, list[Suggestion]] = {}
    for label in engagement.topics:
        topic = _topic(label)
        evidence, hiders = space.evidence_on(topic), hidden.get(label, frozenset())
        visible = {p: v for p, v in evidence.strength.items() if p in inside and p not in hiders}
        top = max(visible.values(), default=0.0)
        recognition.read(visible)
        peers = sorted(recognition.reputation.get(p, 0.0) for p in visible)
        found = []
        shown = {p: v for p, v in evidence.strength.items() if p in directory and p not in hiders}
        held = holders(shown)
        for person, strength in visible.items():
            if person not in held or not topics.is_active(person):
                continue
            fit, _ = recognition.role_fit(person, topic, evidence)
            formal = recognition.formal(person, peers)
            signals = [(s, w) for s, w in ((fit, 2.0), (formal, 1.0)) if s is not None]
            recognised = (
                sum(s * w for s, w in signals) / sum(w for _, w in signals) if signals else 0.0
            )
            last = f"{datetime.fromtimestamp(evidence.last[person], tz=UTC):%Y-%m-%d}"
            why = (
                f"strength {strength:.1f} ({strength / top:.0%} of the strongest inside),"
                f" last evidence {last}, recognition {recognised:.2f}"
                f" ({directory.people[person].title or 'no title'})"
            )
            score = strength / top * (1 + 0.5 * (1 - recognised))
            found.append(
                Suggestion(
                    label, person, score, why, [], strength, strength / top, last, recognised
                )
            )
        options[label] = sorted(found, key=lambda o: -o.score)
    return options


def tandem(
    space: TopicSpace,
    conn: sqlite3.Connection,
    directory: Directory,
    engagement: Engagement,
    hidden: Mapping[str, frozenset[int]] | None = None,
) -> list[Suggestion]:
    """Per topic, the inside partner (``hidden``: who hid which topic label, never named on
    it: a privacy officer's engineer who hid Kubernetes was its partner in the deck)."""
    options = _candidates(space, conn, directory, engagement, hidden or {})
    load: dict[int, int] = defaultdict(int)
    chosen: dict[str, Suggestion] = {}
    for label in sorted(options, key=lambda t: (len(options[t]), t)):
        ranked = sorted(
            options[label], key=lambda o: (-o.score / (1 + load[o.person_id or 0]), o.person_id)
        )
        if not ranked:
            chosen[label] = Suggestion(
                label,
                None,
                0.0,
                "no active inside person holds this topic (strength >= "
                f"{EVIDENCED:.0f}, or half of its evidence alone): a coverage gap to plan for"
                " (a pair can grow one)",
            )
            continue
        best = ranked[0]
        person = best.person_id or 0
        why = best.why
        if load[person]:
            other = "other topic" if load[person] == 1 else "other topics"
            why += f"; already partner on {load[person]} {other}"
        other_topics = load[person]
        load[person] += 1
        chosen[label] = replace(
            best,
            score=best.score / load[person],
            why=why,
            alternatives=[o.person_id or 0 for o in ranked[1:3]],
            other_topics=other_topics,
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


@dataclass
class Successor:
    """An inside person who could take a topic on: adjacent evidence, below EVIDENCED."""

    person_id: int
    adjacency: float
    related: list[str]


def successors(
    space: TopicSpace,
    conn: sqlite3.Connection,
    directory: Directory,
    engagement: Engagement,
    label: str,
    exclude: frozenset[int] = frozenset(),
) -> list[Successor]:
    """Active inside people who do not hold the topic, by adjacency (best first)."""
    topics = Topics(conn, space, directory)
    inside = inside_people(engagement, directory)
    topic = _topic(label)
    evidence = space.evidence_on(topic)
    held = holders({p: v for p, v in evidence.strength.items() if p in directory})
    related = related_topics(space, topic)
    adjacency: dict[int, float] = defaultdict(float)
    for other, overlap in related:
        for person, strength in space.evidence_on(other).strength.items():
            adjacency[person] += strength * overlap
    for (person,) in conn.execute(
        "SELECT DISTINCT person_id FROM claims WHERE lower(skill) = ?", (label,)
    ):
        if person in inside:
            adjacency[person] += 1.0
    ranked = sorted(
        (
            p
            for p in adjacency
            if p in inside and p not in exclude and topics.is_active(p) and p not in held
        ),
        key=lambda p: (-adjacency[p], p),
    )
    labels = [t.label for t, _ in related[:3]]
    return [Successor(p, adjacency[p], labels) for p in ranked]


def pairs(
    space: TopicSpace,
    conn: sqlite3.Connection,
    directory: Directory,
    engagement: Engagement,
    hidden: Mapping[str, frozenset[int]] | None = None,
) -> list[Pair]:
    """Expert-learner pairs on the topics one or two people hold, without the people who hid
    the topic (``hidden``, by topic label) on either side."""
    found = []
    for label in engagement.topics:
        shown = (
            directory.without(set(hiders)) if (hiders := (hidden or {}).get(label)) else directory
        )
        topics, inside = Topics(conn, space, shown), inside_people(engagement, shown)
        topic_map = topics.topic_map(_topic(label))
        if topic_map.bus_factor > 2:
            continue
        experts = [p for p in topic_map.bus_group if p in inside and topics.is_active(p)]
        if not experts:
            continue
        learners = successors(space, conn, shown, engagement, label, frozenset(experts))
        for index, learner in enumerate(learners[:LEARNERS_PER_TOPIC]):
            found.append(
                Pair(
                    label,
                    experts[index % len(experts)],
                    learner.person_id,
                    learner.adjacency,
                    learner.related,
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


TREND_MONTHS = 3


@dataclass
class TransferSeries:
    topic: str
    months: list[str]
    inside_share: list[float | None]
    inside_experts: list[int]
    consultant_share: list[float | None]
    totals: list[float] = field(default_factory=list)  # evidence weight per month
    trend: list[float | None] = field(default_factory=list)  # inside share, last 3 months


def transfer(
    space: TopicSpace,
    directory: Directory,
    engagement: Engagement,
    months_before: int = 6,
    until: float | None = None,
) -> list[TransferSeries]:
    """Per topic and month (from ``months_before`` before the start to the latest evidence
    dated before ``until``), the share of the knowledge-showing evidence made inside."""
    start = datetime.fromisoformat(engagement.start_date).replace(tzinfo=UTC)
    first = (start - timedelta(days=31 * months_before)).strftime("%Y-%m")
    latest = space.evidence.now if until is None else min(until, space.evidence.now)
    # ``until`` is the start of the day after the last one counted: its month is not shown
    last_second = latest - 1 if until is not None and latest == until else latest
    months = _months(first, datetime.fromtimestamp(last_second, tz=UTC).strftime("%Y-%m"))
    inside = inside_people(engagement, directory)
    result = []
    for label in engagement.topics:
        totals: dict[str, float] = defaultdict(float)
        inside_weight: dict[str, float] = defaultdict(float)
        consultant_weight: dict[str, float] = defaultdict(float)
        experts: dict[str, set[int]] = defaultdict(set)
        for row in space.topic_rows(_topic(label)).tolist():
            when = float(space.lexical.timestamps[row])
            if when != when or when > latest:
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
                [totals[m] for m in months],
                _rolling(months, inside_weight, totals),
            )
        )
    return result


def _rolling(
    months: list[str], part: dict[str, float], totals: dict[str, float]
) -> list[float | None]:
    trend: list[float | None] = []
    for index in range(len(months)):
        window = months[max(0, index - TREND_MONTHS + 1) : index + 1]
        total = sum(totals[m] for m in window)
        trend.append(sum(part[m] for m in window) / total if total else None)
    return trend


@dataclass
class Dependency:
    """Share of the mission topics' evidence made by outside people (consultants, externals)."""

    before: float | None  # the three months before the mission started
    now: float | None  # the latest three months


def dependency(series: list[TransferSeries], start: str) -> Dependency:
    if not series:
        return Dependency(None, None)
    months = series[0].months
    begin = months.index(start[:7]) if start[:7] in months else len(months)

    def outside(window: range) -> float | None:
        total = sum(s.totals[i] for s in series for i in window)
        inside = sum((s.inside_share[i] or 0.0) * s.totals[i] for s in series for i in window)
        return 1 - inside / total if total else None

    before = range(max(0, begin - TREND_MONTHS), begin)
    return Dependency(outside(before), outside(range(max(0, len(months) - 3), len(months))))


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
