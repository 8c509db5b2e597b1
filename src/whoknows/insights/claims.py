"""Claims against evidence: each (person, skill) is claimed, evidenced, confirmed or hidden.

- **claimed** ("pending"): declared (directory, profile text, the app), and the person does
  not hold the skill's evidence;
- **evidenced**: the person holds it (:func:`~whoknows.insights.holding.holders`: strength
  >= EVIDENCED, about three substantial answers or documents of the last months, or two
  accepted answers; or half of its evidence alone or with one other person);
- **confirmed**: evidenced, and confirmed by the person or a peer;
- **hidden**: evidenced, not claimed, and not implied by the person's title or department
  (the title's words do not name it, and their department peers do not hold it more than
  the organization on average).

Free-text self descriptions (a Stack Exchange AboutMe) are parsed into skills: every topic of
the workspace vocabulary (tags and declared skills) whose words all occur in the text, unless
the topic is too common to say anything (on more than 10% of items).
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from whoknows.index.analysis import tokenize
from whoknows.insights.directory import Directory
from whoknows.insights.holding import EVIDENCED, holders
from whoknows.insights.topics import Topic, TopicEvidence, TopicSpace, topic_of

COMMON_TOPIC_SHARE = 0.10
HELD_ITEMS = 2  # (a claim evidenced below EVIDENCED: from this many items, as under-recognised)
HIDDEN_LIMIT = 5  # hidden skills listed per person


@dataclass
class ClaimState:
    person_id: int
    skill: str
    state: str  # claimed, evidenced, confirmed, hidden
    strength: float
    sources: list[str]  # where the claim comes from (directory, stackexchange profile, self)
    items: list[int]

    def as_dict(self) -> dict[str, object]:
        return {
            "person_id": self.person_id,
            "skill": self.skill,
            "state": self.state,
            "strength": round(self.strength, 3),
            "claimed_in": self.sources,
            "evidence": self.items[:5],
        }


def parse_free_text(space: TopicSpace, text: str) -> list[str]:
    """Skills named in a free-text self description."""
    words = set(tokenize(text))
    total = max(len(space.item_of), 1)
    skills = []
    for topic in space.vocabulary.values():
        if topic.origin == "phrase" or not set(topic.terms) <= words:
            continue
        if space.document_frequency(topic) / total > COMMON_TOPIC_SHARE:
            continue
        skills.append(topic.label)
    return sorted(skills)


FEW_PEOPLE = 100  # up to this many, claims are read with the people's ids in the query


def declared_claims(
    conn: sqlite3.Connection, space: TopicSpace, person_ids: set[int]
) -> dict[int, dict[str, list[str]]]:
    """person -> skill -> sources that declare it; variants of one skill ("machine-learning",
    "Machine learning") are one claim, under the first label seen."""
    declared: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[tuple[int, tuple[str, ...]], str] = {}

    def declare(person_id: int, skill: str, source: str) -> None:
        topic = topic_of(skill.replace("-", " "), "skill")
        if topic is None:
            return
        label = labels.setdefault((person_id, topic.terms), skill.lower())
        if source not in declared[person_id][label]:
            declared[person_id][label].append(source)

    # a few people (a portfolio): only their rows; many (a report): every row, filtered here
    few = len(person_ids) <= FEW_PEOPLE
    among = f" WHERE person_id IN ({','.join('?' * len(person_ids))})" if few else ""
    chosen = sorted(person_ids) if few else []
    for person_id, skill, source in conn.execute(
        f"SELECT person_id, skill, source FROM claims{among} ORDER BY id", chosen
    ):
        if person_id in person_ids:
            declare(person_id, skill, source)
    for person_id, source, text in conn.execute(
        f"SELECT person_id, source, text FROM profile_texts{among} ORDER BY rowid", chosen
    ):
        if person_id in person_ids:
            for skill in parse_free_text(space, text):
                declare(person_id, skill, f"{source} profile")
    return declared


class ClaimAnalysis:
    def __init__(self, conn: sqlite3.Connection, space: TopicSpace, directory: Directory):
        self.conn = conn
        self.space = space
        self.directory = directory
        self.confirmed = {
            (person, skill.lower())
            for person, skill in conn.execute("SELECT person_id, skill FROM confirmations")
        }
        self.hidden_topics = {
            (person, topic.lower())
            for person, topic in conn.execute("SELECT person_id, topic FROM hidden_topics")
        }

    @cached_property
    def _places(self) -> frozenset[str]:
        return self.directory.place_terms()

    def evidence(self, topic: Topic) -> TopicEvidence:
        return self.space.evidence_on(topic)

    def _holders(self, evidence: TopicEvidence) -> set[int]:
        """Who holds the topic among the directory's people, as `topic` and `gaps` count them
        (a law firm's partner, who held most of "licenciement" at 1.34, stayed "pending")."""
        people = self.directory.people
        return holders({p: v for p, v in evidence.strength.items() if p in people})

    def states(self, person_ids: set[int] | None = None) -> list[ClaimState]:
        people = set(self.directory.people) if person_ids is None else person_ids
        people &= set(self.directory.people)
        declared = declared_claims(self.conn, self.space, people)
        result: list[ClaimState] = []
        for person_id in sorted(people, key=lambda p: self.directory.people[p].name.lower()):
            claims = declared.get(person_id, {})
            claimed_terms = []
            for skill, sources in sorted(claims.items()):
                topic = topic_of(skill.replace("-", " "), "skill")
                if topic is None:
                    continue
                claimed_terms.append(set(topic.terms))
                evidence = self.evidence(topic)
                strength = evidence.strength.get(person_id, 0.0)
                state = "claimed"
                items = [item for item, _, _ in evidence.item_votes.get(person_id, [])]
                # (below EVIDENCED, from two items: one line, "Keycloak : vider le cache
                # navigateur.", had evidenced a claim, an attacker's; as `under-recognised`)
                held = strength >= EVIDENCED or len(items) >= HELD_ITEMS
                if held and person_id in self._holders(evidence):
                    state = "confirmed" if (person_id, skill) in self.confirmed else "evidenced"
                result.append(
                    ClaimState(person_id, skill, state, strength, sorted(set(sources)), items)
                )
            result.extend(self._hidden(person_id, claimed_terms))
        return result

    def _hidden(self, person_id: int, claimed_terms: list[set[str]]) -> list[ClaimState]:
        from whoknows.insights.profile import person_topics

        found = []
        for topic in person_topics(self.space, person_id, limit=HIDDEN_LIMIT * 2):
            if topic.strength < EVIDENCED or (person_id, topic.label.lower()) in self.hidden_topics:
                continue
            parsed = topic_of(topic.label, topic.origin)
            if parsed is None:
                continue
            terms = set(parsed.terms)
            if any(terms <= claimed or claimed <= terms for claimed in claimed_terms):
                continue
            if terms <= self._places:  # ("Lodwar", a site of the directory: no skill)
                continue
            if implied_by_role(self.space, self.directory, person_id, parsed, self.evidence):
                continue
            found.append(
                ClaimState(
                    person_id,
                    topic.label,
                    "hidden",
                    topic.strength,
                    [],
                    [item for item, _, _ in topic.items],
                )
            )
            if len(found) >= HIDDEN_LIMIT:
                break
        return found


# words of job titles that say nothing about a subject
TITLE_WORDS_IGNORED = frozenset(
    tokenize(
        "senior junior lead head chief officer manager specialist engineer engineering agent "
        "partner business team principal staff associate assistant director vp analyst "
        "consultant coordinator member intern"
    )
)
# a place in a title: a unit, a floor, a wing, a side ("Commis d'unité, 4e Nord", "3 West")
_PLACE_WORD = re.compile(
    r"\d+(?:e|er|re|eme|st|nd|rd|th)?|nord|sud|est|ouest|north|south|east|west|aile|wing|rdc|"
    r"unit|etag|floor"
)
ASSOCIATION_LIFT = 3.0
ASSOCIATION_COVERAGE = 0.15
ASSOCIATION_FEWEST = 2  # items holding the word: in one, it is chance ("4e Nord" in a mail)


def title_words(title: str | None, department: str | None) -> set[str]:
    """The words of a title and a department that may name a subject: not a rank's, nor a
    place's ("Commis d'unité, 4e Nord": a unit clerk's own mails say her unit, which had
    made her "recognised" for the drug library she alone maintains)."""
    said = set(tokenize(" ".join(filter(None, [title, department])))) - TITLE_WORDS_IGNORED
    return {word for word in said if not _PLACE_WORD.fullmatch(word)}


def title_names_topic(
    title: str | None,
    department: str | None,
    topic: Topic,
    space: TopicSpace | None = None,
    evidence: TopicEvidence | None = None,
) -> bool:
    """The title or department names the topic, or one of their words is characteristic of
    the topic's evidence (a "Database Administrator" for postgresql: "database" occurs in at
    least 15% of the topic's items, two at least, and three times more often than
    elsewhere)."""
    words = title_words(title, department)
    if not words:
        return False
    if set(topic.terms) <= words:
        return True
    if space is None or evidence is None or evidence.items.size == 0:
        return False
    items = evidence.items
    total = len(space.item_of)
    for word in words:
        rows = space.rows_with((word,))
        if rows.size == 0:
            continue
        inside = np.intersect1d(rows, items, assume_unique=True).size
        coverage = inside / items.size
        lift = coverage / (rows.size / total)
        if (
            inside >= ASSOCIATION_FEWEST
            and coverage >= ASSOCIATION_COVERAGE
            and lift >= ASSOCIATION_LIFT
        ):
            return True
    return False


def department_lift(
    directory: Directory, person_id: int, evidence: TopicEvidence, totals: dict[int, float]
) -> float | None:
    """How much more of the topic the person's department peers hold than the organization
    does on average (1 = as much as their share of all evidence); None without a department."""
    info = directory.get(person_id)
    if info is None or not info.department:
        return None
    peers = {p for p in directory.members(info.department) if p != person_id}
    topic_total = sum(v for p, v in evidence.strength.items() if p != person_id)
    all_total = _sum_without(totals, person_id)
    if not peers or topic_total <= 0 or all_total <= 0:
        return 0.0
    topic_share = sum(evidence.strength.get(p, 0.0) for p in peers) / topic_total
    overall_share = sum(totals.get(p, 0.0) for p in peers) / all_total
    return topic_share / overall_share if overall_share > 0 else 0.0


def _sum_without(values: dict[int, float], left_out: int) -> float:
    """``sum(v for p, v in values.items() if p != left_out)``, with numpy: the same additions
    in the same order (the person's term is 0.0, which adds nothing)."""
    if not values:
        return 0
    array = np.fromiter(values.values(), dtype=np.float64, count=len(values))
    if left_out in values:
        array[list(values).index(left_out)] = 0.0
    return float(np.cumsum(array)[-1])


def implied_by_role(
    space: TopicSpace,
    directory: Directory,
    person_id: int,
    topic: Topic,
    evidence_of: Callable[[Topic], TopicEvidence],
) -> bool:
    info = directory.get(person_id)
    if info is None or not (info.title or info.department):
        return False
    evidence = evidence_of(topic)
    if title_names_topic(info.title, info.department, topic, space, evidence):
        return True
    lift = department_lift(directory, person_id, evidence, space.totals)
    return lift is not None and lift >= 1.0
