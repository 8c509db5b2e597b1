"""Readable topics and how much evidence each person has on them.

A topic is a phrase: a tag of the sources (Stack Exchange tags, document keywords), a declared
skill, or a phrase that recurs in titles ("consumer lag", "node drain"). An item is *on* a
topic when it contains every word of the phrase (after the same analysis as the index:
accents folded, stemmed). A person's strength on a topic is

    strength(p, t) = Σ over items i on t that p contributed to (knowledge-showing roles):
                     role_weight × contribution_weight × quality(i) × 0.5 ^ (age(i) / 365 days)

so a substantial answer written today counts 1, an accepted one about 2.25, and each counts
half as much a year later. Ages are measured from the workspace's latest evidence.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

import numpy as np

from whoknows.index.analysis import STOPWORDS, tokenize
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.quality import item_quality
from whoknows.rank.roles import NON_EVIDENCE_ROLES, ROLE_WEIGHTS
from whoknows.text import fold_accents

HALF_LIFE_DAYS = 365.0
MIN_PHRASE_ITEMS = 3
# a phrase must hold together: in at least this share of the titles that use its rarer word
# ("smart contract" does; "plutus smart", cut out of "Plutus smart contract", does not)
MIN_COHESION = 0.4
# words that make a title phrase about the situation rather than a subject ("new vpn")
GENERIC_WORDS = frozenset(
    """new old fails failing failed error errors issue issues problem problems best way ways
    still without does work works working wrong right first last next many much several able
    possible different same another other latest current simple quick fast slow slowly
    """.split()
)
# adverbs and fillers: a phrase that starts or ends with one is not how people name a subject
# ("exactly delivery", cut out of "exactly-once delivery")
FILLER_WORDS = frozenset(
    """exactly really just actually always never only even also quite very rather too
    suddenly randomly properly correctly sometimes usually often again anymore already soon
    now maybe perhaps almost mostly nearly simply basically finally probably completely fully
    vraiment toujours encore exactement seulement souvent jamais deja bien tres trop
    """.split()
)
_BREAKS = STOPWORDS | GENERIC_WORDS | FILLER_WORDS
_WORD = re.compile(r"[a-z0-9]+")
_TITLE_WORD = re.compile(r"[^\W_]+")


def title_words(title: str) -> list[tuple[str, str]]:
    """(folded word, word as written) of a title; ("", "") where a phrase cannot go across:
    stopwords, generic words, fillers, short words and numbers, so that a phrase is two words
    that stand next to each other. A capital that only starts the title is not kept."""
    words: list[tuple[str, str]] = []
    for index, match in enumerate(_TITLE_WORD.finditer(title)):
        written = match.group()
        folded = _WORD.findall(fold_accents(written.lower()))
        if len(folded) != 1 or len(folded[0]) <= 2 or folded[0].isdigit() or folded[0] in _BREAKS:
            words.append(("", ""))
            continue
        if index == 0 and written[:1].isupper() and written[1:].islower():
            written = written.lower()
        words.append((folded[0], written))
    return words


@dataclass(frozen=True)
class Topic:
    label: str
    terms: tuple[str, ...]  # analysed terms; an item is on the topic when it has them all
    origin: str  # tag, skill, phrase or query


@dataclass
class TopicEvidence:
    """Everyone's evidence on one topic."""

    topic: Topic
    items: np.ndarray  # index rows of the items on the topic
    strength: dict[int, float] = field(default_factory=dict)
    item_votes: dict[int, list[tuple[int, str, float]]] = field(default_factory=dict)
    first: dict[int, float] = field(default_factory=dict)
    last: dict[int, float] = field(default_factory=dict)


def topic_of(text: str, origin: str = "query") -> Topic | None:
    terms = tuple(dict.fromkeys(tokenize(text)))
    return Topic(" ".join(text.split()), terms, origin) if terms else None


class TopicSpace:
    """The topic vocabulary of a workspace and fast topic -> items lookups."""

    def __init__(self, conn: sqlite3.Connection, evidence: EvidenceBase) -> None:
        self.evidence = evidence
        self.lexical = evidence.lexical
        self.row_of = {item: row for row, item in enumerate(self.lexical.item_ids.tolist())}
        self.item_of = self.lexical.item_ids
        self.sources: dict[int, str] = dict(conn.execute("SELECT id, source FROM items"))
        self.vocabulary = self._vocabulary(conn)
        self._evidence_cache: dict[tuple[tuple[str, ...], bool], TopicEvidence] = {}

    # -- vocabulary ------------------------------------------------------------------------
    def _vocabulary(self, conn: sqlite3.Connection) -> dict[tuple[str, ...], Topic]:
        found: dict[tuple[str, ...], Topic] = {}

        def add(label: str, origin: str) -> None:
            topic = topic_of(label.replace("-", " "), origin)
            if topic is None or topic.terms in found or not self._known(topic.terms):
                return
            found[topic.terms] = Topic(label, topic.terms, origin)

        tag_counts: Counter[str] = Counter()
        for (tags,) in conn.execute("SELECT tags FROM items WHERE tags IS NOT NULL"):
            tag_counts.update(t.lower() for t in json.loads(tags))
        for tag, count in tag_counts.items():
            if count >= 2:
                add(tag, "tag")
        for (skill,) in conn.execute("SELECT DISTINCT skill FROM claims"):
            add(skill.lower(), "skill")
        for phrase in self._title_phrases(conn):
            add(phrase, "phrase")
        return found

    def _known(self, terms: tuple[str, ...]) -> bool:
        return all(term in self.lexical.vocabulary for term in terms)

    @staticmethod
    def _title_phrases(conn: sqlite3.Connection) -> list[str]:
        """Two-word phrases that recur in the titles of distinct threads, each in the form
        people write it most often (its capitals and accents kept)."""
        counts: Counter[tuple[str, str]] = Counter()
        word_counts: Counter[str] = Counter()
        surfaces: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for (title,) in conn.execute(
            "SELECT DISTINCT title FROM items WHERE title IS NOT NULL AND parent_uid IS NULL"
        ):
            words = title_words(title)
            word_counts.update(set(tokenize(" ".join(w for w, _ in words if w))))
            seen = set()
            for (first, shown_first), (second, shown_second) in pairwise(words):
                if not first or not second:
                    continue
                stems = tokenize(f"{first} {second}")
                if len(stems) != 2 or stems[0] == stems[1]:
                    continue
                key = (stems[0], stems[1])
                if key not in seen:
                    seen.add(key)
                    counts[key] += 1
                    surfaces[key][f"{shown_first} {shown_second}"] += 1
        return [
            surfaces[key].most_common(1)[0][0]
            for key, count in counts.items()
            if count >= MIN_PHRASE_ITEMS
            and count / min(word_counts[key[0]], word_counts[key[1]]) >= MIN_COHESION
        ]

    # -- lookups ---------------------------------------------------------------------------
    def rows_with(self, terms: tuple[str, ...]) -> np.ndarray:
        """Index rows of the items that contain every term."""
        weights = self.lexical.weights
        rows: np.ndarray | None = None
        for term in terms:
            column = self.lexical.vocabulary.get(term)
            if column is None:
                return np.empty(0, dtype=np.int64)
            found = weights.indices[weights.indptr[column] : weights.indptr[column + 1]]
            rows = found if rows is None else np.intersect1d(rows, found, assume_unique=True)
            if rows.size == 0:
                break
        return rows if rows is not None else np.empty(0, dtype=np.int64)

    @cached_property
    def topics_by_row(self) -> dict[int, list[Topic]]:
        """Index row -> the vocabulary topics the item is on."""
        by_row: dict[int, list[Topic]] = defaultdict(list)
        for topic in self.vocabulary.values():
            for row in self.rows_with(topic.terms).tolist():
                by_row[row].append(topic)
        return dict(by_row)

    def topic_rows(self, topic: Topic) -> np.ndarray:
        """Items on the topic: all its words; for a query matching nothing, most of them."""
        rows = self.rows_with(topic.terms)
        if rows.size or topic.origin != "query" or len(topic.terms) < 3:
            return rows
        counts: Counter[int] = Counter()
        for term in topic.terms:
            counts.update(self.rows_with((term,)).tolist())
        need = (len(topic.terms) + 1) // 2
        return np.asarray(sorted(r for r, n in counts.items() if n >= need), dtype=np.int64)

    def evidence_on(self, topic: Topic) -> TopicEvidence:
        """Everyone's evidence on the topic, computed once per topic space (a workspace
        generation): profiles, claims, maps, gaps and engagements all ask for the same topics."""
        key = (topic.terms, topic.origin == "query")
        found = self._evidence_cache.get(key)
        if found is None:
            found = self._evidence_cache[key] = self.evidence_for_rows(
                topic, self.topic_rows(topic)
            )
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
        evidence = self.evidence
        moment = evidence.now if now is None else now
        result = TopicEvidence(topic, rows)
        strength: dict[int, float] = defaultdict(float)
        votes: dict[int, list[tuple[int, str, float]]] = defaultdict(list)
        for row in rows.tolist():
            item_id = int(self.item_of[row])
            when = float(self.lexical.timestamps[row])
            age_days = (moment - when) / 86400.0 if when == when else HALF_LIFE_DAYS * 3
            decay = 0.5 ** (max(age_days, 0.0) / HALF_LIFE_DAYS)
            quality = item_quality(
                evidence.signals.get(item_id, {}), evidence.item_words.get(item_id, 1)
            )
            for c in evidence.contributions.get(item_id, ()):
                if c.role in NON_EVIDENCE_ROLES:
                    continue
                value = ROLE_WEIGHTS.get(c.role, 0.3) * c.weight * quality * decay
                strength[c.person_id] += value
                votes[c.person_id].append((item_id, c.role, value))
                if when == when:
                    result.first[c.person_id] = min(result.first.get(c.person_id, when), when)
                    result.last[c.person_id] = max(result.last.get(c.person_id, when), when)
        result.strength = dict(strength)
        result.item_votes = {p: sorted(v, key=lambda x: -x[2]) for p, v in votes.items()}
        return result

    def person_rows(self, person_id: int) -> set[int]:
        """Index rows of the items that show this person's knowledge."""
        return {
            self.row_of[item_id]
            for item_id, c in self.evidence.person_items(person_id)
            if c.role not in NON_EVIDENCE_ROLES and item_id in self.row_of
        }

    def document_frequency(self, topic: Topic) -> int:
        return int(self.rows_with(topic.terms).size)
