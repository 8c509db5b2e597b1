"""The roadmap after the mission: milestones dated after its end, each with an inside owner.

Proposed from the tandem and the topic's successors (measured with the coaching engine,
``whoknows.engage.milestones``, on evidence dated from the end of the mission):

- a topic with an inside tandem partner: the partner keeps carrying it, at least
  ``CARRY_ITEMS`` answers, documents or fixes on it in the ``CARRY_DAYS`` after the end;
- on every topic, a successor (an inside person with adjacent evidence, below EVIDENCED; people
  who agreed to be named first) takes it on: ``GROW_ITEMS`` items within ``GROW_DAYS`` and the
  topic evidenced within ``EVIDENCED_DAYS``.

Each milestone is reviewed ``REVIEW_DAYS`` after it is due. The consultant adjusts and saves
the proposal (`whoknows engagement roadmap NAME --save`); a saved roadmap is measured as is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, timedelta

from whoknows.engage.analysis import Suggestion, successors
from whoknows.engage.model import Engagement, RoadmapRecord
from whoknows.insights.directory import Directory
from whoknows.insights.holding import EVIDENCED
from whoknows.insights.topics import TopicSpace
from whoknows.vocab import MilestoneKind

CARRY_ITEMS, CARRY_DAYS = 3.0, 90
GROW_ITEMS, GROW_DAYS = 2.0, 60
EVIDENCED_DAYS = 150
REVIEW_DAYS = 7
DEFAULT_LENGTH_DAYS = 120  # an engagement without an end is taken to last this long


def mission_end(engagement: Engagement) -> date:
    if engagement.end_date:
        return date.fromisoformat(engagement.end_date[:10])
    return date.fromisoformat(engagement.start_date[:10]) + timedelta(days=DEFAULT_LENGTH_DAYS)


def _row(person: int, topic: str, kind: str, target: float, end: date, days: int) -> RoadmapRecord:
    due = end + timedelta(days=days)
    review = due + timedelta(days=REVIEW_DAYS)
    return RoadmapRecord(
        0, person, topic, kind, target, end.isoformat(), due.isoformat(), review.isoformat()
    )


def propose(
    space: TopicSpace,
    conn: sqlite3.Connection,
    directory: Directory,
    engagement: Engagement,
    tandem: list[Suggestion],
    prefer: Callable[[int], bool],
) -> list[RoadmapRecord]:
    """The proposed roadmap: per topic, the partner carries it on and a successor grows."""
    end = mission_end(engagement)
    rows: list[RoadmapRecord] = []
    owners: set[int] = set()
    for suggestion in tandem:
        topic = suggestion.topic
        if suggestion.person_id is not None:
            rows.append(
                _row(suggestion.person_id, topic, MilestoneKind.ITEMS, CARRY_ITEMS, end, CARRY_DAYS)
            )
            owners.add(suggestion.person_id)
        candidates = successors(space, conn, directory, engagement, topic, frozenset(owners))
        ranked = sorted(candidates, key=lambda s: (not prefer(s.person_id), -s.adjacency))
        if ranked:
            person = ranked[0].person_id
            owners.add(person)
            rows.append(_row(person, topic, MilestoneKind.ITEMS, GROW_ITEMS, end, GROW_DAYS))
            rows.append(_row(person, topic, MilestoneKind.STRENGTH, EVIDENCED, end, EVIDENCED_DAYS))
    return sorted(rows, key=lambda r: (r.due_date, r.topic, r.kind))
