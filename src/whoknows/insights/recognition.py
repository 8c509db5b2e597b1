"""Under-recognised experts: strong evidence on a topic, weak recognition for it (called
"hidden experts" in the code and the API for compatibility; "hidden" in the words people read
is kept for topics a person chose to hide).

    evidence(p)    = strength(p, topic) / the topic's strongest holder's strength     (0..1)
    role_fit(p)    = 1 if the title or department names the topic, or one of their words is
                     characteristic of the topic's evidence (in >= 15% of its items, two at
                     least, 3x more often than elsewhere: "database" for postgresql), else
                     min(1, department lift / 2)  (peers hold the topic as much as average: 0.5)
    formal(p)      = percentile of reputation among the topic's holders (sources with
                     reputation, badges), + 0.1 per gold badge, capped at 1
    recognition(p) = (2 role_fit + formal) / 3 when the workspace has both (what the
                     organization sees weighs twice a community's reputation), else whichever
                     it has (role_fit needs a directory, formal needs reputation)
    hidden(p)      = evidence(p) x (1 - recognition(p))

Listed: the topic's holders (strength >= EVIDENCED, or half of its evidence alone, as `gaps`
and the tandem count them: :func:`~whoknows.insights.topicmap.holders`; below EVIDENCED,
from two items at least) with evidence >= 0.3 and recognition <= 0.5, highest hidden score
first, each with the figures behind it.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from whoknows.i18n import Translator, translator
from whoknows.insights.claims import department_lift, title_names_topic
from whoknows.insights.directory import Directory, iso_day
from whoknows.insights.holding import EVIDENCED, holders
from whoknows.insights.topics import Topic, TopicEvidence, TopicSpace

MIN_EVIDENCE = 0.3
# below EVIDENCED, holding half of a topic is expertise from two items at least: one answer
# (a demo's accountant, "load balancer": one item, all of it) shows no more than that answer
FEWEST_ITEMS_HELD = 2
MAX_RECOGNITION = 0.5


@dataclass
class HiddenExpert:
    person_id: int
    evidence: float
    strength: float
    items: int
    share: float  # of the topic's evidence
    role_fit: float | None
    department_lift: float | None
    formal: float | None
    recognition: float
    hidden: float
    last: str | None
    top_items: list[int]
    held: bool = True  # strength >= EVIDENCED, or two items or more

    def why(
        self, name: str, title: str | None, department: str | None, t: Translator | None = None
    ) -> str:
        """Why this person is listed, in words (English unless ``t`` says otherwise)."""
        t = t or translator()
        parts = [
            t.ngettext(
                "%(count)s item, %(share)s of the topic's evidence",
                "%(count)s items, %(share)s of the topic's evidence",
                self.items,
            )
            % {"count": t.format_number(self.items), "share": t.format_percent(self.share)}
            + " "
            + t.gettext("(strength %(strength)s, %(top)s of the strongest holder's)")
            % {
                "strength": t.format_number(self.strength, 1),
                "top": t.format_percent(self.evidence),
            }
        ]
        if self.role_fit is not None:
            role = ", ".join(filter(None, [title, department])) or t.gettext("no title")
            parts.append(
                t.gettext("role fit %(fit)s (%(role)s)")
                % {"fit": t.format_number(self.role_fit, 2), "role": role}
            )
            if self.department_lift is not None:
                parts.append(_peers(t, self.department_lift))
        if self.formal is not None:
            parts.append(
                t.gettext("formal recognition %(value)s (reputation percentile, badges)")
                % {"value": t.format_number(self.formal, 2)}
            )
        parts.append(
            t.gettext("recognition %(value)s") % {"value": t.format_number(self.recognition, 2)}
        )
        if not self.held:
            parts.append(
                t.gettext(
                    "under strength %(evidenced)s, and not half of the topic in two items:"
                    " too little to be listed"
                )
                % {"evidenced": t.format_number(EVIDENCED, 1)}
            )
        return t.labelled(name, t.gettext("; ").join(parts), translate=False)


@dataclass
class HiddenSearch:
    """A topic's under-recognised experts, the strongest visible holder's strength, and
    whether anyone holds the topic (``held``: if not, nobody could be listed: a small or quiet
    workspace, or old evidence)."""

    experts: list[HiddenExpert]
    strongest: float
    held: bool = False
    # the strong holders not listed (recognised, or holding it in one item), strongest first
    passed: list[HiddenExpert] = field(default_factory=list)


def _peers(t: Translator, lift: float) -> str:
    """How much the person's department holds the topic, in words (never "0.0x")."""
    if lift < 0.05:
        return t.gettext("no peer in their department holds it")
    if lift < 0.75:
        return t.gettext("their department holds it less than the average department")
    if lift < 1.5:
        return t.gettext("their department holds it about as much as the average department")
    return t.gettext("their department holds it %(times)s times as much as the average") % {
        "times": t.format_number(lift, 1)
    }


class Recognition:
    """Reputation and gold badges, read for the people an answer needs (a topic's holders),
    not for everyone."""

    def __init__(self, conn: sqlite3.Connection, space: TopicSpace, directory: Directory):
        self.conn = conn
        self.space = space
        self.directory = directory
        self.reputation: dict[int, float] = {}
        self.gold: dict[int, float] = {}
        self._read: set[int] = set()
        found = conn.execute("SELECT 1 FROM recognition WHERE name = 'reputation' LIMIT 1")
        self.has_reputation = found.fetchone() is not None

    def read(self, people: Iterable[int]) -> None:
        """The reputation (the highest of a person's) and gold badges (summed) of ``people``,
        for those not read yet."""
        wanted = sorted(set(people) - self._read)
        self._read.update(wanted)
        for person_id, name, value in self.conn.execute(
            "SELECT person_id, name, value FROM recognition"
            " WHERE name IN ('reputation', 'gold_badges')"
            " AND person_id IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        ):
            if name == "reputation":
                self.reputation[person_id] = max(self.reputation.get(person_id, 0.0), value)
            else:
                self.gold[person_id] = self.gold.get(person_id, 0.0) + value

    def formal(self, person_id: int, peers: list[float]) -> float | None:
        """Reputation percentile among ``peers`` (sorted reputations), plus gold badges."""
        if not self.has_reputation or not peers:
            return None
        self.read([person_id])
        value = self.reputation.get(person_id, 0.0)
        percentile = bisect_left(peers, value) / len(peers)
        return min(1.0, percentile + 0.1 * self.gold.get(person_id, 0.0))

    def role_fit(
        self, person_id: int, topic: Topic, evidence: TopicEvidence
    ) -> tuple[float | None, float | None]:
        if not self.directory.has_directory:
            return None, None
        info = self.directory.get(person_id)
        if info is None:
            return None, None
        if title_names_topic(info.title, info.department, topic, self.space, evidence):
            return 1.0, None
        lift = department_lift(self.directory, person_id, evidence, self.space.totals)
        return (min(1.0, lift / 2.0) if lift is not None else 0.0), lift

    def hidden_experts(self, topic: Topic) -> HiddenSearch:
        evidence = self.space.evidence_on(topic)
        visible = {p: v for p, v in evidence.strength.items() if p in self.directory}
        if not visible:
            return HiddenSearch([], 0.0)
        items = {p: len({item for item, _, _ in evidence.item_votes.get(p, [])}) for p in visible}
        held = {
            p for p in holders(visible) if visible[p] >= EVIDENCED or items[p] >= FEWEST_ITEMS_HELD
        }
        top = max(visible.values())
        total = sum(visible.values())
        self.read(visible)
        peers = sorted(self.reputation.get(p, 0.0) for p in visible)
        found: list[HiddenExpert] = []
        passed: list[HiddenExpert] = []
        for person_id, strength in visible.items():
            relative = strength / top
            if relative < MIN_EVIDENCE:
                continue
            fit, lift = self.role_fit(person_id, topic, evidence)
            formal = self.formal(person_id, peers)
            weighted = [(s, w) for s, w in ((fit, 2.0), (formal, 1.0)) if s is not None]
            total_weight = sum(w for _, w in weighted)
            recognition = sum(s * w for s, w in weighted) / total_weight if weighted else 0.0
            votes = evidence.item_votes.get(person_id, [])
            expert = HiddenExpert(
                person_id=person_id,
                evidence=relative,
                strength=strength,
                items=items[person_id],
                share=strength / total,
                role_fit=fit,
                department_lift=lift,
                formal=formal,
                recognition=recognition,
                hidden=relative * (1 - recognition),
                last=iso_day(evidence.last.get(person_id)),
                top_items=[item for item, _, _ in votes[:3]],
                held=person_id in held,
            )
            listed = expert.held and recognition <= MAX_RECOGNITION
            (found if listed else passed).append(expert)
        passed.sort(key=lambda h: (-h.strength, h.person_id))
        ranked = sorted(found, key=lambda h: (-h.hidden, h.person_id))
        return HiddenSearch(ranked, top, bool(held), passed)
