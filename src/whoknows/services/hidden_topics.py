"""Topics people hid from others, and the rule every surface applies to them.

A hidden topic H covers a topic T when either's words contain the other's (hiding "kubectl"
covers "kubectl drain"; hiding "kafka consumer lag" covers "kafka"): others never see the
person as a holder or hidden expert of T, in a claim or confirmation of T, in a search answer
to T, or T on the portfolio. An answer also leaves out a person listed on evidence that holds
every word of a topic they hid, whatever the question's words were ("kube", "k8s", "helm" or
"Кубернетес" had listed the engineer who hid "kubernetes" first, on her Kubernetes answers),
as `score` does; and an engagement's tandem and pairs never name them on it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

import numpy as np

from whoknows.index.lexical_pairs import words_held
from whoknows.insights.topics import Topic, TopicSpace, topic_of
from whoknows.rank.evidence import EvidenceBase


class HiddenTopics:
    """The hidden topics of a workspace, read once (see the module)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.terms: dict[int, list[frozenset[str]]] = {}
        for person_id, label in conn.execute("SELECT person_id, topic FROM hidden_topics"):
            topic = topic_of(str(label))
            if topic is not None:
                self.terms.setdefault(int(person_id), []).append(frozenset(topic.terms))

    def hides(self, person_id: int, topic: Topic | str | None) -> bool:
        parsed = topic_of(topic) if isinstance(topic, str) else topic
        if parsed is None or person_id not in self.terms:
            return False
        wanted = frozenset(parsed.terms)
        return any(wanted <= hidden or hidden <= wanted for hidden in self.terms[person_id])

    def hiders(self, topic: Topic | None) -> set[int]:
        return {p for p in self.terms if self.hides(p, topic)}

    def held_in(self, evidence: EvidenceBase, person_id: int, items: Iterable[int]) -> bool:
        """Whether one of the items (ids) holds every word of a topic the person hid."""
        hidden = self.terms.get(person_id)
        if not hidden:
            return False
        rows = np.unique(
            np.asarray([r for i in items if (r := evidence.row(i)) >= 0], dtype=np.int64)
        )
        lexical = evidence.lexical
        for terms in hidden:
            if not rows.size or any(term not in lexical.vocabulary for term in terms):
                continue
            columns = np.asarray([lexical.vocabulary[term] for term in terms], dtype=np.int64)
            held = words_held(lexical.weights.indices, lexical.weights.indptr, rows, columns)
            if bool(held.all(axis=0).any()):
                return True
        return False

    def hiding_on(self, space: TopicSpace, topic: Topic | None) -> set[int]:
        """Who may not be named on ``topic``: who hid it, and who hid a topic every word of
        which one of their items on it holds (`topic k8s` gave the engineer who hid
        "kubernetes" 64% of the evidence on her Kubernetes answers: a second attacker's)."""
        found = self.hiders(topic)
        if topic is None or not self.terms:
            return found
        votes = space.evidence_on(topic).item_votes
        for person in set(self.terms) - found:
            items = [item for item, _, _ in votes.get(person, ())]
            if items and self.held_in(space.evidence, person, items):
                found.add(person)
        return found


__all__ = ["HiddenTopics"]
