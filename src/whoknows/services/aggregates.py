"""Aggregate-only mode: what viewers see instead of names.

The rule: a group (a department, a location, the people who hold half of a topic's evidence)
is shown only when it has at least ``min_group_size`` people (k, 5 by default); smaller groups
are counted as "not shown", never named, and no role or title is ever printed next to an
unnamed person. Counts of people below k read "fewer than k", 0 too (a coverage gap's "1
active internal holder" named its one holder to whoever read the directory); so does the
number of groups not shown when it is under k ("not_shown": 1 beside no group shown said that
all the evidence came from one department).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from whoknows.index.bridge import Bridge
from whoknows.insights.directory import Directory
from whoknows.insights.topicmap import Gap
from whoknows.insights.topics import Topic, TopicSpace
from whoknows.vocab import UNKNOWN_GROUP


@dataclass
class Group:
    name: str
    people: int
    share: float | None = None  # of the topic's evidence, where it applies


@dataclass
class Groups:
    shown: list[Group]
    # how many groups have fewer than min_group_size people: "0", a number of at least k, or
    # "fewer than k"
    not_shown: str


@dataclass
class SearchAggregate:
    query: str
    min_group_size: int
    departments: Groups


@dataclass
class TopicAggregate:
    topic: str
    min_group_size: int
    items: int
    people: str  # how many people hold evidence: a number, or "fewer than k"
    half_of_the_evidence: str  # how many hold half of it: a number, or "fewer than k"
    departments: Groups
    locations: Groups
    also_searched: list[Bridge] = field(default_factory=list)


@dataclass
class GapAggregate:
    """A coverage gap as aggregate-only mode shows it: no outside share (often one
    consultant's), its holders counted as people are."""

    topic: str
    demand: int
    unanswered: int
    active_internal_holders: str  # a number of at least k, or "fewer than k"
    leaving_holders: str  # (likewise: holders who left, no one else active holding it)


def people_count(count: int, k: int) -> str:
    return str(count) if count >= k else f"fewer than {k}"


def groups_count(count: int, k: int) -> str:
    """How many groups are not shown: "0", or as :func:`people_count` says it (one group
    among fewer than k is picked out as surely as one person)."""
    return "0" if count == 0 else people_count(count, k)


def gap_aggregates(gaps: Iterable[Gap], k: int) -> list[GapAggregate]:
    return [
        GapAggregate(
            g.topic,
            g.demand,
            g.unanswered,
            people_count(g.active_internal_holders, k),
            people_count(g.leaving_holders, k) if g.leaving_holders else "0",
        )
        for g in gaps
    ]


def groups(members: Iterable[str | None], k: int, shares: dict[str, float] | None = None) -> Groups:
    """Groups of ``members`` (one group name per person) with at least ``k`` people."""
    counts = Counter((name or UNKNOWN_GROUP) for name in members)
    shown = [
        Group(name, n, None if shares is None else round(shares.get(name, 0.0), 3))
        for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if n >= k
    ]
    return Groups(shown, groups_count(sum(1 for n in counts.values() if n < k), k))


def search_aggregate(query: str, departments: Iterable[str | None], k: int) -> SearchAggregate:
    return SearchAggregate(query, k, groups(departments, k))


def topic_aggregate(
    space: TopicSpace, directory: Directory, topic: Topic, k: int
) -> TopicAggregate:
    """The topic map as aggregate-only mode shows it (``directory`` already leaves out the
    people who opted out or hid the topic)."""
    evidence = space.evidence_on(topic)
    strength = {p: v for p, v in evidence.strength.items() if p in directory and v > 0}
    total = sum(strength.values()) or 1.0
    department_share: dict[str, float] = defaultdict(float)
    location_share: dict[str, float] = defaultdict(float)
    departments, locations = [], []
    for person_id, value in strength.items():
        info = directory.people[person_id]
        department, location = info.department or UNKNOWN_GROUP, info.location or UNKNOWN_GROUP
        departments.append(department)
        locations.append(location)
        department_share[department] += value / total
        location_share[location] += value / total
    cumulative, half = 0.0, 0
    for value in sorted(strength.values(), reverse=True):
        if cumulative >= 0.5:
            break
        cumulative += value / total
        half += 1
    return TopicAggregate(
        topic=topic.label,
        min_group_size=k,
        items=int(evidence.items.size),
        people=people_count(len(strength), k),
        half_of_the_evidence=people_count(half, k),
        departments=groups(departments, k, department_share),
        locations=groups(locations, k, location_share),
    )
