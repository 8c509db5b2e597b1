"""Milestones on the calendar: one engine for coaching plans and the roadmap after a mission.

A milestone is a measurable criterion on a person's future evidence: between the day it was
*made* and the day it is *due*, counted on the evidence ingested so far and dated no later than
the day it is read (*as of*: today, or a date given to `--as-of`).

- items: answers, documents, replies or fixes on the skill (a knowledge-showing role);
- accepted: of those, ones peers accepted (an accepted answer, a positive score, a reaction);
- strength: the decayed strength on the skill (as of the latest evidence) reaches the target.

Status, computed by :func:`status` only (the CLI, the web page and the report agree):

- done: the target is reached;
- late: the due date has passed and the target is not reached;
- planned: the measuring window has not started yet (made after the day it is read);
- behind: less than half of the target with less than a third of the window left;
- on track: otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from whoknows.insights.holding import EVIDENCED
from whoknows.insights.topics import Topic, TopicSpace, topic_of
from whoknows.vocab import NON_EVIDENCE_ROLES, ContributionRole, MilestoneKind, MilestoneStatus

# coaching milestones, counted from the day the plan (or the milestone) is made
FIRST_ITEMS_DAYS = 45
ACCEPTED_DAYS = 90
EVIDENCED_DAYS = 120
_NOT_SHOWING = NON_EVIDENCE_ROLES | {
    ContributionRole.COMMENTER,
    ContributionRole.ASKER,
    ContributionRole.ENDORSED,  # (a colleague's word: the learner has yet to show it)
}


@dataclass(frozen=True)
class Step:
    """A milestone to store: what is measured, from when, until when."""

    kind: MilestoneKind
    target: float
    made: str  # YYYY-MM-DD: the window opens
    due: str  # YYYY-MM-DD: the window closes


@dataclass
class MilestoneProgress:
    id: int
    skill: str
    kind: str
    target: float
    made: str
    due_date: str
    description: str
    value: float
    status: MilestoneStatus


def day(value: str) -> date:
    return date.fromisoformat(value[:10])


def day_start(value: date) -> float:
    return datetime(value.year, value.month, value.day, tzinfo=UTC).timestamp()


def skill_topic(text: str) -> Topic:
    topic = topic_of(text.replace("-", " "))
    assert topic is not None, "skills are checked when plans are made"
    return topic


def status(value: float, target: float, made: date, due: date, as_of: date) -> MilestoneStatus:
    """The one status rule of a milestone (see the module's documentation)."""
    if value >= target:
        return MilestoneStatus.DONE
    if as_of > due:
        return MilestoneStatus.LATE
    if as_of < made:
        return MilestoneStatus.PLANNED
    window = max((due - made).days, 1)
    left = (due - as_of).days / window
    return (
        MilestoneStatus.BEHIND
        if left < 1 / 3 and value < target / 2
        else (MilestoneStatus.ON_TRACK)
    )


def measure(
    space: TopicSpace, person_id: int, skill: str, kind: str, made: date, as_of: date
) -> float:
    """The person's value on the criterion, from evidence dated in [made, as_of]."""
    topic = skill_topic(skill)
    since, until = day_start(made), day_start(as_of + timedelta(days=1))
    if kind == MilestoneKind.STRENGTH:  # the decayed strength as it stood that day
        return float(space.evidence_as_of(topic, until).strength.get(person_id, 0.0))
    evidence = space.evidence
    items = accepted = 0
    for row in space.topic_rows(topic).tolist():
        when = float(space.lexical.timestamps[row])
        if when != when or not since <= when < until:
            continue
        item = int(space.item_of[row])
        if not any(
            c.person_id == person_id and c.role not in _NOT_SHOWING
            for c in evidence.contributions.get(item, ())
        ):
            continue
        items += 1
        signals = evidence.signals.get(item, {})
        if signals.get("accepted") or signals.get("score", 0) > 0 or signals.get("reactions", 0):
            accepted += 1
    return float(items if kind == MilestoneKind.ITEMS else accepted)


def progress(
    space: TopicSpace,
    person_id: int,
    milestone: tuple[int, str, str, float, str, str, str],
    as_of: date,
) -> MilestoneProgress:
    """(id, skill, kind, target, made, due, description) measured and judged as of a day."""
    milestone_id, skill, kind, target, made, due, description = milestone
    value = measure(space, person_id, skill, kind, day(made), as_of)
    return MilestoneProgress(
        milestone_id,
        skill,
        kind,
        target,
        made,
        due,
        description,
        value,
        status(value, target, day(made), day(due), as_of),
    )


def coaching_steps(made: date) -> list[Step]:
    """The three milestones of a skill to develop, dated from the day the plan is made."""
    return [
        Step(MilestoneKind.ITEMS, 2.0, made.isoformat(), _after(made, FIRST_ITEMS_DAYS)),
        Step(MilestoneKind.ACCEPTED, 1.0, made.isoformat(), _after(made, ACCEPTED_DAYS)),
        Step(MilestoneKind.STRENGTH, EVIDENCED, made.isoformat(), _after(made, EVIDENCED_DAYS)),
    ]


def describe(kind: str, target: float, skill: str, due: str) -> str:
    """An English description kept with the milestone (surfaces render their own)."""
    count = round(target)
    if kind == MilestoneKind.ITEMS:
        return f"{count} answers, documents or fixes on {skill} by {due}"
    if kind == MilestoneKind.ACCEPTED:
        return f"{count} of them accepted or endorsed by peers by {due}"
    return f"{skill} evidenced (strength {target:g}) by {due}"


def _after(made: date, days: int) -> str:
    return (made + timedelta(days=days)).isoformat()
