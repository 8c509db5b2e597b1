"""The words a person wrote themselves in an item: a reply is indexed with its question (its
title, its opening), whose words are the asker's; ``whoknows score`` counts as covered only
the words the person wrote, and the labels of the thread they answered; and a bridged word as
the organisation writes it."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import replace

from whoknows.index.analysis import tokenize
from whoknows.index.bridge import Bridge
from whoknows.rank.evidence import EvidenceBase
from whoknows.vocab import WRITER_ROLES, ContributionRole

_WORD = re.compile(r"[^\W\d_]{3,}")
# who wrote an item's title as well as its text (a reply's title is its question's)
_TITLED = frozenset(
    {
        ContributionRole.ASKER,
        ContributionRole.AUTHOR,
        ContributionRole.SENDER,
        ContributionRole.POSTER,
        ContributionRole.COMMITTER,
    }
)


def _labels(tags: str | None) -> str:
    """The thread's labels (its subject, as the forum or tracker files it: what a reply
    answers), from the stored JSON list."""
    try:
        found = json.loads(tags) if tags else []
    except ValueError:
        return ""
    return " ".join(str(tag) for tag in found) if isinstance(found, list) else ""


class WrittenTerms:
    """Index row -> the terms one person wrote in that item: its text and labels when they
    wrote it (not when they reviewed, merged or received it), and its title when they began
    it."""

    def __init__(self, conn: sqlite3.Connection, evidence: EvidenceBase, person_id: int) -> None:
        self._conn = conn
        self._evidence = evidence
        self._person_id = person_id
        self._found: dict[int, set[str]] = {}

    def __call__(self, row: int) -> set[str]:
        found = self._found.get(row)
        if found is None:
            people, roles, _ = self._evidence.at(row)
            own = {
                role
                for person, role in zip(people, roles, strict=True)
                if person == self._person_id
            }
            record = self._conn.execute(
                "SELECT title, text, tags FROM items WHERE id = ?",
                (int(self._evidence.item_ids[row]),),
            ).fetchone()
            words = ""
            # (a review's words are its reviewer's: no one else wrote that item)
            wrote = own & WRITER_ROLES or (own and not set(roles) & WRITER_ROLES)
            if record is not None and wrote:
                title = (record[0] or "") if own & _TITLED else ""
                words = f"{title} {record[1]} {_labels(record[2])}"
            found = self._found[row] = set(tokenize(words))
        return found


def as_written(
    conn: sqlite3.Connection, evidence: EvidenceBase, word: str, visible: frozenset[int]
) -> str:
    """``word`` as the organisation writes it: the table's word (or a word's start,
    "sauvegard") when an item holding its stem writes it so; else the shortest written form
    it begins ("sauvegarde"); else the shortest form written ("restore" where the table said
    "restoration": the stem matched, the word was nobody's)."""
    stem = tokenize(word)
    holding = evidence.holding_items(stem[0], visible, 20) if stem else []
    marks = ",".join("?" * len(holding))
    rows = conn.execute(f"SELECT title, text, tags FROM items WHERE id IN ({marks})", holding)
    forms: set[str] = set()
    for row in rows if holding else []:
        text = f"{row[0] or ''} {row[1]} {row[2] or ''}".lower()
        forms.update(form for form in _WORD.findall(text) if tokenize(form) == stem)
    if not forms or word in forms:
        return word
    begun = [form for form in forms if form.startswith(word)]
    return min(begun or forms, key=lambda form: (len(form), form))


def bridge_as_written(
    conn: sqlite3.Connection, evidence: EvidenceBase, bridge: Bridge, visible: frozenset[int]
) -> Bridge:
    """``bridge`` with what it searches as the organisation writes it (:func:`as_written`;
    a word asked alone, each of its senses; a compound whole: "mise à jour", never "jours")."""
    senses = bridge.to.split() if bridge.senses else [bridge.to]
    return replace(bridge, to=" ".join(as_written(conn, evidence, to, visible) for to in senses))
