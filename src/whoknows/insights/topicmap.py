"""Who holds a topic, how concentrated it is, and which topics lack active experts.

Concentration: holders are sorted by strength; the *bus factor* is the smallest number of
them whose strength adds up to half the topic's evidence. A holder is *active* when their
latest evidence on anything is within 180 days of the workspace's latest evidence and they
have no end date in the past.

Gaps: for each topic of the vocabulary (its tags and declared skills when it has at least ten,
else title phrases too), *demand* is the number of threads started on it
(questions, first emails, first chat messages) in the last 365 days; a topic is a gap when
demand >= 3 and at most one active internal person holds it (strength >= EVIDENCED, or the one
person who holds half of its evidence alone), or when
people outside the organization hold at least half of its evidence. Whatever its demand, a
topic is also a gap when its internal holders have left (the directory's end dates, by today
or by the latest evidence; a departure to come is HR's to announce, never shown) and no other
active internal person holds it: what walked out of the door with them (a water utility's
historian migration, held by an engineer who had left, was no gap for want of questions in a
year: a fresh evaluator's).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from whoknows.i18n import Translator, translator
from whoknows.insights.directory import (
    ACTIVE_DAYS,
    LISTED_QUIET_DAYS,
    Directory,
    iso_day,
    timestamp_of,
)
from whoknows.insights.holding import EVIDENCED, half_holder
from whoknows.insights.topics import Topic, TopicEvidence, TopicSpace
from whoknows.store.persons import left_on
from whoknows.vocab import UNKNOWN_GROUP, ContributionRole

DEMAND_DAYS = 365
HOLDERS = 15  # holders listed; the shares and the bus factor count everyone
MIN_DEMAND = 3
STAYING_SHARE = 0.25  # of a topic's evidence: an active colleague with as much knows it
# the roles of a thread's opening that ask nothing: coordination, general advice, a thanks
NO_DEMAND = frozenset(
    {ContributionRole.REFERRER, ContributionRole.ADVISER, ContributionRole.ACKNOWLEDGER}
)
# with this many tags and declared skills, gaps are reported on them alone (phrases mined
# from titles only stand in for labels in workspaces that have few)
MIN_LABELLED = 10


@dataclass
class Holder:
    person_id: int
    strength: float
    share: float
    last: str | None
    active: bool


@dataclass
class TopicMap:
    topic: str
    items: int
    holders: list[Holder]
    bus_factor: int
    bus_group: list[int]
    bus_group_active: int
    departments: dict[str, float] = field(default_factory=dict)
    locations: dict[str, float] = field(default_factory=dict)


@dataclass
class Gap:
    topic: str
    demand: int
    unanswered: int
    active_internal_holders: int
    outsider_share: float
    reason: str
    leaving_holders: int = 0  # internal holders who left (no one else active holds it)


class Topics:
    def __init__(self, conn: sqlite3.Connection, space: TopicSpace, directory: Directory):
        self.conn = conn
        self.space = space
        self.directory = directory

    @cached_property
    def _recent_starters(self) -> tuple[np.ndarray, np.ndarray]:
        """(rows of the threads started in the last DEMAND_DAYS, per row: whether its thread
        was answered: a reply that shows knowledge, not a "+1", a thanks, a comment or a
        pointer to someone else)."""
        evidence = self.space.evidence
        answered = np.diff(evidence.answer_offsets) > 0
        times = evidence.times
        with np.errstate(invalid="ignore"):  # (undated rows compare False)
            recent = evidence.starts_thread() & (evidence.now - times <= DEMAND_DAYS * 86400)
        # (an announcement, an agenda, general advice starts a thread and asks nothing: a
        # cooperative's three reminders were "traçabilité: 3 threads unanswered")
        owners = np.repeat(np.arange(times.size), np.diff(evidence.offsets))
        told = np.zeros(times.size, dtype=bool)
        told[owners[evidence.in_roles(evidence.codes, NO_DEMAND)]] = True
        return np.flatnonzero(recent & ~np.isnan(times) & ~told), answered

    @cached_property
    def _active_people(self) -> tuple[np.ndarray, np.ndarray]:
        """The visible people (sorted ids) and whether each is active, decided for all at
        once as :meth:`Directory.active` decides for one."""
        directory, evidence = self.directory, self.space.evidence
        people = np.asarray(sorted(directory.people), dtype=np.int64)
        seen = evidence.any_times
        known, last = np.zeros(people.size, dtype=bool), np.zeros(people.size)
        if seen.people.size:
            at = np.minimum(np.searchsorted(seen.people, people), seen.people.size - 1)
            known = seen.people[at] == people
            last = np.where(known, np.asarray(seen.flat)[np.asarray(seen.offsets)[at + 1] - 1], 0)
        listed = np.isin(people, np.fromiter(directory.listed, dtype=np.int64))
        quiet = np.where(listed, LISTED_QUIET_DAYS, ACTIVE_DAYS) * 86400
        active = known & (evidence.now - last <= quiet)
        for index, person in enumerate(people.tolist()):
            if directory.people[person].end_date:
                when = float(last[index]) if known[index] else None
                active[index] = directory.active(person, when, evidence.now)
        return people, active

    def is_active(self, person_id: int) -> bool:
        people, active = self._active_people
        at = int(np.searchsorted(people, person_id))
        return bool(at < people.size and people[at] == person_id and active[at])

    def topic_map(self, topic: Topic) -> TopicMap:
        evidence = self.space.evidence_on(topic)
        visible = {p: v for p, v in evidence.strength.items() if p in self.directory}
        total = sum(visible.values()) or 1.0
        holders = [
            Holder(p, v, v / total, iso_day(evidence.last.get(p)), self.is_active(p))
            for p, v in sorted(visible.items(), key=lambda pv: (-pv[1], pv[0]))
        ]
        cumulative, group = 0.0, []
        for holder in holders:
            if cumulative >= 0.5:
                break
            cumulative += holder.share
            group.append(holder.person_id)
        departments: dict[str, float] = defaultdict(float)
        locations: dict[str, float] = defaultdict(float)
        for holder in holders:
            info = self.directory.get(holder.person_id)
            departments[(info.department if info else None) or UNKNOWN_GROUP] += holder.share
            locations[(info.location if info else None) or UNKNOWN_GROUP] += holder.share
        return TopicMap(
            topic=topic.label,
            items=int(evidence.items.size),
            holders=_listed(holders, group)[:HOLDERS],
            bus_factor=len(group),
            bus_group=group,
            bus_group_active=sum(1 for p in group if self.is_active(p)),
            departments=_top(departments),
            locations=_top(locations),
        )

    @cached_property
    def _kinds(self) -> tuple[np.ndarray, np.ndarray]:
        """The visible people and, of them, the outsiders (sorted ids)."""
        people = self.directory.people
        visible = np.asarray(sorted(people), dtype=np.int64)
        outside = [p for p in visible.tolist() if people[p].is_internal is False]
        return visible, np.asarray(outside, dtype=np.int64)

    def _coverage(self, evidence: TopicEvidence) -> tuple[int, float]:
        """(active internal holders, outsiders' share of the evidence) of the visible people,
        summed in the order their evidence first appears (as a loop over them would)."""
        visible, outside = self._kinds
        shown = np.isin(evidence.people, visible)
        people, values = evidence.people[shown], evidence.values[shown]
        total = float(np.cumsum(values)[-1]) if values.size else 0.0
        outsiders = np.isin(people, outside)
        from_outside = float(np.cumsum(values[outsiders])[-1]) if outsiders.any() else 0.0
        holders = people[((values >= EVIDENCED) | half_holder(values)) & ~outsiders]
        visible_people, active = self._active_people
        count = int(np.count_nonzero(active[np.searchsorted(visible_people, holders)]))
        return count, from_outside / total if total else 0.0

    def gaps(self) -> list[Gap]:
        recent_rows, answered = self._recent_starters
        leaving, leaving_rows = self._leaving
        if not recent_rows.size and not leaving.size:
            return []
        labelled = [t for t in self.space.vocabulary.values() if t.origin != "phrase"]
        topics = labelled if len(labelled) >= MIN_LABELLED else list(self.space.vocabulary.values())
        found, places = [], self.directory.place_terms()
        for topic in topics:
            if set(topic.terms) <= places:
                continue  # (a site of the directory: no subject)
            on = self.space.topic_rows(topic)  # (no query topics here: all its words)
            rows = np.intersect1d(on, recent_rows, assume_unique=True)
            held_by_leavers = bool(np.intersect1d(on, leaving_rows, assume_unique=True).size)
            if rows.size < MIN_DEMAND and not held_by_leavers:
                continue
            evidence = self.space.evidence_on(topic, on)
            active_internal, outsider_share = self._coverage(evidence)
            gone = self._gone(evidence, leaving) if held_by_leavers else 0
            demand = int(rows.size)
            if demand < MIN_DEMAND and not gone:
                continue
            reason = gap_reason(demand, active_internal, outsider_share, leaving=gone)
            if reason:
                unanswered = int(np.count_nonzero(~answered[rows]))
                held = (active_internal, outsider_share, reason, gone)
                found.append(Gap(topic.label, demand, unanswered, *held))
        return sorted(found, key=lambda g: (-g.demand, -g.leaving_holders, g.topic))

    @cached_property
    def _leaving(self) -> tuple[np.ndarray, np.ndarray]:
        """(the internal people who have left, by today or by the latest evidence, sorted; the
        index rows they contributed to, sorted)."""
        evidence, people = self.space.evidence, self.directory.people
        ends = {p: info.end_date for p, info in people.items() if info.is_internal is not False}
        gone = sorted(
            p
            for p, end in ends.items()
            if end and (left_on(end) is not None or timestamp_of(end) <= evidence.now)
        )
        leaving = np.asarray(gone, dtype=np.int64)
        if not leaving.size:
            return leaving, leaving
        return leaving, np.unique(evidence.rows[np.isin(evidence.people, leaving)])

    def _gone(self, evidence: TopicEvidence, leaving: np.ndarray) -> int:
        """How many internal holders of the topic have left, when no active
        internal person stays who holds it or a quarter of its evidence (0 otherwise: a
        colleague with 37% of it knows it, though the leaver held half alone)."""
        visible, outside = self._kinds
        shown = np.isin(evidence.people, visible)
        total = float(evidence.values[shown].sum())
        inside = shown & ~np.isin(evidence.people, outside)
        people, values = evidence.people[inside], evidence.values[inside]
        holding = (values >= EVIDENCED) | half_holder(values)
        gone = holding & np.isin(people, leaving)
        if total <= 0 or not gone.any():
            return 0
        knowing = (values >= EVIDENCED) | (values >= STAYING_SHARE * total)
        staying = people[knowing & ~np.isin(people, leaving)]
        if any(self.is_active(int(person)) for person in staying.tolist()):
            return 0
        return int(np.count_nonzero(gone))


def gap_reason(
    demand: int,
    active_internal: int,
    outsider_share: float,
    t: Translator | None = None,
    leaving: int = 0,
) -> str:
    """Why a topic is a coverage gap, in words ("" when it is not one)."""
    t = t or translator()
    reasons = []
    if leaving:
        reasons.append(
            t.ngettext(
                "its %(count)s internal holder has left, no one else active holds it",
                "its %(count)s internal holders have left, no one else active holds it",
                leaving,
            )
            % {"count": t.format_number(leaving)}
        )
    asked = demand >= MIN_DEMAND or not leaving  # (a leavers' gap says its demand apart)
    if active_internal <= 1 and asked:
        reasons.append(
            t.ngettext("%(count)s thread in a year", "%(count)s threads in a year", demand)
            % {"count": t.format_number(demand)}
            + ", "
            + t.ngettext(
                "%(count)s active internal holder",
                "%(count)s active internal holders",
                active_internal,
            )
            % {"count": t.format_number(active_internal)}
        )
    if outsider_share >= 0.5 and asked:
        reasons.append(
            t.gettext("%(share)s of its evidence comes from outside")
            % {"share": t.format_percent(outsider_share)}
        )
    return t.gettext("; ").join(reasons)


def _listed(holders: list[Holder], group: list[int]) -> list[Holder]:
    """The evidenced holders, else the top five; and always whoever holds half of the
    evidence with them (the bus factor's people)."""
    if not any(h.strength >= EVIDENCED for h in holders):
        return holders[: max(5, len(group))]
    return [h for h in holders if h.strength >= EVIDENCED or h.person_id in group]


def _top(shares: dict[str, float], limit: int = 8) -> dict[str, float]:
    ordered = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
    top = dict(ordered[:limit])
    rest = sum(share for _, share in ordered[limit:])
    if rest > 0:
        top["other"] = top.get("other", 0.0) + rest
    return top
