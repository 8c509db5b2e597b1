"""Readable topics and how much evidence each person has on them.

A topic is a phrase: a tag of the sources (Stack Exchange tags, document keywords), a declared
skill, or a phrase that recurs in titles ("consumer lag", "node drain"). An item is *on* a
topic when it contains every word of the phrase (after the same analysis as the index:
accents folded, stemmed). A person's strength on a topic is

    strength(p, t) = Σ over items i on t that p contributed to (knowing, not asking: every
                     contribution but those :func:`~whoknows.rank.votes.shows_interest` flags):
                     role_weight × contribution_weight × quality(i) × 0.5 ^ (age(i) / 365 days)

so a substantial answer written today counts 1, an accepted one about 2.25, and each counts
half as much a year later. Ages are measured from the workspace's latest evidence.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from whoknows.index.analysis import tokenize
from whoknows.index.bridge import Bridge, bridged_text, one_sense
from whoknows.insights.person_dates import ordered_sums, person_bounds
from whoknows.insights.vocabulary import TopicIndex, analysed, rows_with
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.holding import held_apart
from whoknows.rank.roles import ROLE_WEIGHTS
from whoknows.rank.tables import by_person
from whoknows.rank.views import expand
from whoknows.rank.votes import repeated_texts, shows_interest
from whoknows.vocab import PRESENCE_ROLES

Vote = tuple[int, str, float]  # item id, role, value

HALF_LIFE_DAYS = 365.0
EVIDENCE_KEPT = 256  # topics whose evidence a topic space keeps


@dataclass(frozen=True)
class Topic:
    label: str
    terms: tuple[str, ...]  # analysed terms; an item is on the topic when it has them all
    origin: str  # tag, skill, phrase or query


class TopicVotes(Mapping[int, list[Vote]]):
    """Person -> their (item, role, value) on a topic, highest value first (an item before
    another of equal value when it comes first), computed when asked."""

    def __init__(
        self,
        people: np.ndarray,
        items: np.ndarray,
        codes: np.ndarray,
        values: np.ndarray,
        roles: tuple[str, ...],
    ) -> None:
        self._order = np.argsort(people, kind="stable")
        self._people, self._offsets = by_person(people[self._order])
        self._items, self._codes, self._values, self._roles = items, codes, values, roles

    def __getitem__(self, person: int) -> list[Vote]:
        at = int(np.searchsorted(self._people, person))
        if at >= self._people.size or self._people[at] != person:
            raise KeyError(person)
        chosen = self._order[self._offsets[at] : self._offsets[at + 1]]
        roles = self._roles
        votes = zip(
            self._items[chosen].tolist(),
            [roles[c] for c in self._codes[chosen].tolist()],
            self._values[chosen].tolist(),
            strict=True,
        )
        return sorted(votes, key=lambda vote: -vote[2])

    def __iter__(self) -> Iterator[int]:
        return iter(self._people.tolist())

    def __len__(self) -> int:
        return int(self._people.size)


@dataclass
class TopicEvidence:
    """Everyone's evidence on one topic: ``people`` (in the order their evidence first
    appears) and their ``values`` (strengths); :attr:`strength` is the same as a dict."""

    topic: Topic
    items: np.ndarray  # index rows of the items on the topic
    people: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    values: np.ndarray = field(default_factory=lambda: np.empty(0))
    # every vote: person, item id, role code, value, date (NaN: undated); the role names
    votes: tuple[np.ndarray, ...] = ()
    roles: tuple[str, ...] = ()

    @cached_property
    def strength(self) -> dict[int, float]:
        return dict(zip(self.people.tolist(), self.values.tolist(), strict=True))

    @cached_property
    def item_votes(self) -> Mapping[int, list[Vote]]:
        if not self.votes:
            return {}
        people, items, codes, values, _ = self.votes
        return TopicVotes(people, items, codes, values, self.roles)

    @cached_property
    def _bounds(self) -> tuple[Mapping[int, float], Mapping[int, float]]:
        if not self.votes:
            return {}, {}
        people, _, _, _, when = self.votes
        dated = ~np.isnan(when)
        return person_bounds(people[dated], when[dated])

    @property
    def first(self) -> Mapping[int, float]:
        return self._bounds[0]

    @property
    def last(self) -> Mapping[int, float]:
        return self._bounds[1]


def decays(when: np.ndarray, moment: float) -> np.ndarray:
    """How much an item dated ``when`` counts at ``moment`` (undated: as if 3 years old)."""
    dated = ~np.isnan(when)
    age = np.where(dated, (moment - np.where(dated, when, 0.0)) / 86400.0, HALF_LIFE_DAYS * 3)
    return np.asarray(0.5 ** (np.maximum(age, 0.0) / HALF_LIFE_DAYS))


def topic_evidence(
    evidence: EvidenceBase,
    topic: Topic,
    rows: np.ndarray,
    moment: float,
    every_decay: np.ndarray | None = None,
) -> TopicEvidence:
    """Everyone's strength on the items ``rows`` (see the module docstring), with the same
    float operations, in the same order, as a loop over the items and their contributions
    (``every_decay``: :func:`decays` of every row at ``moment``, when known)."""
    result = TopicEvidence(topic, rows)
    rows = np.asarray(rows, dtype=np.int64)
    when = evidence.times[rows]
    decay = every_decay[rows] if every_decay is not None else decays(when, moment)
    quality = evidence.qualities(rows)
    entries, position = expand(evidence.offsets, rows)
    keep = ~shows_interest(evidence, entries)  # (asking, a "+1": no knowledge, as in votes)
    entries, position = entries[keep], position[keep]
    codes = evidence.codes[entries]
    weights = np.asarray([ROLE_WEIGHTS.get(r, 0.3) for r in evidence.roles])
    value = weights[codes] * evidence.weights[entries] * quality[position] * decay[position]
    people = evidence.people[entries]
    once = ~repeated_texts(people, evidence.texts_of(rows)[position], value, value > 0)
    # (a text pasted in three places is one piece of evidence, as in the votes)
    entries, position, codes = entries[once], position[once], codes[once]
    value, people = value[once], people[once]
    result.people, result.values = ordered_sums(people, value)
    items = evidence.item_ids[rows[position]]
    result.votes = (people, items, codes, value, when[position])
    result.roles = evidence.roles
    return result


def topic_of(text: str, origin: str = "query") -> Topic | None:
    terms = tuple(dict.fromkeys(tokenize(text)))
    return Topic(" ".join(text.split()), terms, origin) if terms else None


class TopicSpace:
    """The topic vocabulary of a workspace and fast topic -> items lookups.

    The tag and phrase topics come from the topic index built with the other indexes
    (:mod:`whoknows.insights.vocabulary`); declared skills are read now. Without a topic
    index (a workspace indexed by an older version), they are found in the store now."""

    def __init__(
        self, conn: sqlite3.Connection, evidence: EvidenceBase, index: TopicIndex | None = None
    ) -> None:
        self.evidence = evidence
        self.lexical = evidence.lexical
        self.item_of = self.lexical.item_ids
        if index is None or index.generation != evidence.generation:
            index = TopicIndex.build(conn, self.lexical, evidence.generation)
        self.index = index
        self.vocabulary = self._vocabulary(conn)
        self._evidence_cache: dict[tuple[tuple[str, ...], bool], TopicEvidence] = {}
        self._skill_rows: dict[tuple[str, ...], np.ndarray] = {}
        self._last_read: tuple[tuple[str, ...], np.ndarray, TopicEvidence] | None = None

    # -- vocabulary ------------------------------------------------------------------------
    def _vocabulary(self, conn: sqlite3.Connection) -> dict[tuple[str, ...], Topic]:
        """Tags, then declared skills, then title phrases; the first of each set of terms."""
        entries = self.index.entries
        found = {terms: Topic(label, terms, o) for label, terms, o in entries if o == "tag"}
        hidden = self.evidence.excluded_people  # (a skill only they declare tells of them)
        declared = conn.execute("SELECT skill, person_id FROM claims ORDER BY id")
        skills = dict.fromkeys(skill for skill, person in declared if person not in hidden)
        for skill in skills:
            label = skill.lower()
            terms = analysed(label)
            if terms and terms not in found and self._known(terms):
                found[terms] = Topic(label, terms, "skill")
        for label, terms, origin in entries:
            if origin == "phrase" and terms not in found:
                found[terms] = Topic(label, terms, origin)
        return found

    def _known(self, terms: tuple[str, ...]) -> bool:
        return all(term in self.lexical.vocabulary for term in terms)

    # -- lookups ---------------------------------------------------------------------------
    def row(self, item_id: int) -> int:
        """The index row of an item, or -1 when it is not indexed."""
        return self.evidence.row(item_id)

    def source_of(self, item_id: int) -> str:
        """The source an item came from ("?" when it is not indexed)."""
        return self.evidence.source(item_id) or "?"

    def rows_with(self, terms: tuple[str, ...]) -> np.ndarray:
        """Index rows of the items that contain every term."""
        return rows_with(self.lexical, terms)

    def topics_at(self, rows: set[int]) -> list[Topic]:
        """The vocabulary topics of any of ``rows`` (each once)."""
        entries = self.index.entries
        found = [self.vocabulary.get(entries[t][1]) for t in self.index.topics_at(sorted(rows))]
        topics = [t for t in found if t is not None and t.origin != "skill"]
        wanted = np.asarray(sorted(rows), dtype=np.int64)
        for terms, topic in self.vocabulary.items():
            if topic.origin == "skill":
                known = self._skill_rows.get(terms)
                if known is None:
                    known = self._skill_rows[terms] = self.rows_with(terms)
                if np.intersect1d(known, wanted, assume_unique=True).size:
                    topics.append(topic)
        return topics

    def topic_rows(self, topic: Topic) -> np.ndarray:
        """Items on the topic: all its words; for a query of more words that no item holds
        whole, most of them; of two words that give no one evidence together, either, in the
        items of the people who write both. Only items someone shown wrote or
        may be listed for: were the hidden people's counted, a question that no visible item
        holds whole would tell that a hidden item does."""
        every = self.rows_with(topic.terms)
        rows: np.ndarray = every[self._shown_rows[every]]
        if not rows.size and topic.origin == "query" and (bridged := self._bridged(topic)):
            return self.topic_rows(bridged)
        if topic.origin != "query" or len(topic.terms) < 2:
            return rows
        if len(topic.terms) == 2:
            if self.evidence_for_rows(topic, rows).strength:
                return rows
            # (no one's evidence says both: of the people who write both words, apart, "5G"
            # and "O-RAN"; a nudge "Any update from RAN?" under a 5G thread is no one's)
            found = held_apart(self.evidence, [self.rows_with((t,)) for t in topic.terms])
            return np.asarray(found[self._shown_rows[found]], dtype=np.int64)
        if rows.size:
            return rows
        each = [self.rows_with((term,)) for term in topic.terms]
        found, counts = np.unique(np.concatenate(each), return_counts=True)
        need = (len(topic.terms) + 1) // 2
        found = found[counts >= need]
        return np.asarray(found[self._shown_rows[found]], dtype=np.int64)

    @cached_property
    def _shown_rows(self) -> np.ndarray:
        """Per index row: whether someone this base shows wrote it or may be listed for it."""
        evidence = self.evidence
        shown = np.zeros(len(self.item_of), dtype=bool)
        written = ~evidence.in_roles(evidence.codes, PRESENCE_ROLES)
        shown[evidence.rows[written]] = True
        return shown

    def _bridged(self, topic: Topic) -> Topic | None:
        """A topic typed in words no item holds, in the organisation's words as `ask` asks it
        ("Sécurité" over English evidence is "security"); None when nothing is bridged."""
        found, _ = self.bridged(topic.label, self.evidence.bridges(topic.label))
        return found if found is not None and found.terms != topic.terms else None

    def bridged(self, label: str, bridges: list[Bridge]) -> tuple[Topic | None, list[Bridge]]:
        """The topic ``label`` is in the organisation's words, and the bridges read: each
        bridged word replaced by its translation (a word alone: its sense most items hold), a
        word asked beside one (``kept``) as written while items hold the topic so ("clés" had
        been "torque wrench calibration"); when no item holds all its words, the translations
        alone, as `ask` weighs them ("apprentissage automatique" is "learning")."""
        bridges = one_sense(bridges, self._holding)
        replaced = [bridge for bridge in bridges if not bridge.kept]
        found = topic_of(bridged_text(label, replaced))
        if found is None or not bridges or self._holding(" ".join(found.terms)):
            return found, replaced
        bridges = [replace(bridge, kept=False) for bridge in bridges]
        translated = topic_of(bridged_text(label, bridges))
        if translated is None or not self._holding(" ".join(translated.terms)):
            translated = topic_of(" ".join(bridge.to for bridge in bridges))
        return (found, replaced) if translated is None else (translated, bridges)

    def _holding(self, words: str) -> int:
        """How many items someone shown wrote (or may be listed for) hold all ``words``."""
        terms = tuple(dict.fromkeys(tokenize(words)))
        return int(self._shown_rows[self.rows_with(terms)].sum()) if terms else 0

    def evidence_on(self, topic: Topic, rows: np.ndarray | None = None) -> TopicEvidence:
        """Everyone's evidence on the topic (on ``rows``: :meth:`topic_rows`, when the caller
        has them already), kept for the latest :data:`EVIDENCE_KEPT` topics of this topic
        space (a workspace generation): profiles, claims, maps, gaps and engagements ask for
        the same topics, and a server's memory stays bounded."""
        key = (topic.terms, topic.origin == "query")
        found = self._evidence_cache.get(key)
        if found is None:
            found = self.evidence_for_rows(topic, self.topic_rows(topic) if rows is None else rows)
            if len(self._evidence_cache) >= EVIDENCE_KEPT:
                self._evidence_cache.clear()
            self._evidence_cache[key] = found
        return found

    @cached_property
    def totals(self) -> dict[int, float]:
        """Each person's strength over every item: the denominator of department shares."""
        everything = Topic("everything", (), "all")
        return self.evidence_for_rows(everything, np.arange(len(self.item_of))).strength

    def evidence_as_of(self, topic: Topic, until: float) -> TopicEvidence:
        """Everyone's evidence on the topic as it stood at ``until`` (epoch seconds): only
        items dated before it, decayed to it (a report or a milestone read on an earlier day)."""
        if until > self.evidence.now:
            return self.evidence_on(topic)
        rows = self.topic_rows(topic)
        times = self.lexical.timestamps[rows]
        return self.evidence_for_rows(topic, rows[times < until], now=until)

    def evidence_for_rows(
        self, topic: Topic, rows: np.ndarray, now: float | None = None
    ) -> TopicEvidence:
        if now is not None and now != self.evidence.now:
            return topic_evidence(self.evidence, topic, rows, now)
        last = self._last_read  # (a two-word topic's rows were read to choose them: once)
        if last is not None and last[0] == topic.terms and np.array_equal(last[1], rows):
            return last[2]
        found = topic_evidence(self.evidence, topic, rows, self.evidence.now, self._decays)
        self._last_read = (topic.terms, rows, found)
        return found

    @cached_property
    def _decays(self) -> np.ndarray:
        """:func:`decays` of every row now (topics share them)."""
        return decays(self.evidence.times, self.evidence.now)

    def person_rows(self, person_id: int) -> set[int]:
        """Index rows of the items that show this person's knowledge."""
        evidence = self.evidence
        found = evidence.person_contributions.get(person_id)
        if found is None:
            return set()
        return set(evidence.rows[found[~shows_interest(evidence, found)]].tolist())

    def document_frequency(self, topic: Topic) -> int:
        return int(self.rows_with(topic.terms).size)
