"""A person's topics, with the evidence behind each, first and last activity and sources."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from whoknows.insights.directory import iso_day
from whoknows.insights.topics import Topic, TopicEvidence, TopicSpace

TOPICS_SHOWN = 10
# a topic more than this share of the items hold is the workspace's subject, no one's topic (a
# community's list prefix, "[cartolab-dev]", made "Cartolab" its members' strongest topic)
SUBJECT_SHARE = 0.5
# labels people chose (tags, declared skills) read better than phrases mined from titles
ORIGIN_WEIGHT = {"tag": 1.0, "skill": 1.0, "phrase": 0.6}


@dataclass
class PersonTopic:
    label: str
    origin: str
    strength: float
    items: list[tuple[int, str, float]]  # (item id, role, contribution), best first
    first: str | None
    last: str | None
    sources: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "topic": self.label,
            "origin": self.origin,
            "strength": round(self.strength, 3),
            "first": self.first,
            "last": self.last,
            "sources": self.sources,
            "evidence": [item for item, _, _ in self.items[:5]],
        }


def person_topics(
    space: TopicSpace, person_id: int, hidden: set[str] | None = None, limit: int = TOPICS_SHOWN
) -> list[PersonTopic]:
    """The person's readable topics, chosen by strength x specificity (overlaps removed) and
    sorted by strength, strongest first."""
    rows = space.person_rows(person_id)
    if not rows:
        return []
    total = len(space.item_of)
    candidates = {t.terms: t for t in space.topics_at(rows)}
    scored: list[tuple[float, Topic, TopicEvidence]] = []
    for topic in candidates.values():
        evidence = space.evidence_on(topic)
        size = int(evidence.items.size)
        strength = evidence.strength.get(person_id, 0.0)
        if size < 2 or strength <= 0 or size > total * SUBJECT_SHARE:
            continue
        specificity = math.log(total / size) if size < total else 0.0
        scored.append((strength * specificity * ORIGIN_WEIGHT[topic.origin], topic, evidence))
    scored.sort(key=lambda entry: (-entry[0], entry[1].label))
    chosen: list[PersonTopic] = []
    taken: list[set[str]] = []
    for _, topic, evidence in scored:
        terms = set(topic.terms)
        if hidden and topic.label.lower() in hidden:
            continue
        if any(terms <= other or other <= terms for other in taken):
            continue
        taken.append(terms)
        votes = evidence.item_votes[person_id]
        chosen.append(
            PersonTopic(
                label=topic.label,
                origin=topic.origin,
                strength=evidence.strength[person_id],
                items=votes,
                first=iso_day(evidence.first.get(person_id)),
                last=iso_day(evidence.last.get(person_id)),
                sources=sorted({space.source_of(item) for item, _, _ in votes}),
            )
        )
        if len(chosen) >= limit:
            break
    # chosen by strength x specificity, shown strongest first
    return sorted(chosen, key=lambda t: (-t.strength, t.label))
