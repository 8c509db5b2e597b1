"""Votes: each retrieved item votes for its contributors (and a matching question for the people
who answered it), weighted by relevance, role, contribution weight and the item's quality."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from whoknows.index.dense import QuerySimilarities
from whoknows.rank.base import EvidenceVote
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.roles import (
    DEFAULT_ROLE_WEIGHT,
    EXPLAINING_WORDS,
    INTEREST_ROLES,
    REPLY_ROLES,
    ROLE_WEIGHTS,
    SHORT_WORDS,
    SHOWN_REPLY_WORDS,
    STARTERS,
    TOPICAL_ROLES,
    Role,
)
from whoknows.rank.tables import by_person, role_codes
from whoknows.rank.views import expand

DAY = 86400.0
# below this cosine, multilingual USE pairs are unrelated texts: such items cast no vote
DENSE_FLOOR = 0.2
RECENT_DAYS = 90.0  # time constant of the decayed ("recent") votes
# focused votes weigh each item by (relevance / the best hit's) ** FOCUS more: an item that
# matches only a long query's common words counts far less than one matching its specific ones
FOCUS = 2.0


class VoteLists(Mapping[int, list[EvidenceVote]]):
    """Per person, an :class:`EvidenceVote` for each of their entries, in entry order. A
    person's list is made when first read: a query weighs hundreds of people's entries and
    shows a few people's evidence."""

    def __init__(
        self,
        people: np.ndarray,
        items: np.ndarray,
        codes: np.ndarray,
        values: np.ndarray,
        roles: Sequence[str],
    ) -> None:
        order = np.argsort(people, kind="stable")
        self._people, self._offsets = by_person(people[order])
        self._grouped = people[order]
        self._items, self._codes, self._values = items[order], codes[order], values[order]
        self._roles = roles
        self._made: dict[int, list[EvidenceVote]] = {}
        self._spans: dict[int, tuple[int, int]] | None = None

    def _span(self, person: int) -> tuple[int, int] | None:
        spans = self._spans
        if spans is None:  # (one dict: a query looks up hundreds of people, once or twice)
            offsets = self._offsets.tolist()
            spans = dict(zip(self._people.tolist(), pairwise(offsets), strict=True))
            self._spans = spans
        return spans.get(person)

    def __getitem__(self, person: int) -> list[EvidenceVote]:
        made = self._made.get(person)
        if made is None:
            span = self._span(person)
            if span is None:
                raise KeyError(person)
            start, end = span
            roles = self._roles
            made = [
                EvidenceVote(item, roles[code], value)
                for item, code, value in zip(
                    self._items[start:end].tolist(),
                    self._codes[start:end].tolist(),
                    self._values[start:end].tolist(),
                    strict=True,
                )
            ]
            self._made[person] = made
        return made

    def __contains__(self, person: object) -> bool:
        return isinstance(person, int) and self._span(person) is not None

    def having(self, role: str) -> set[int]:
        """The people with at least one entry in ``role`` (no list made)."""
        chosen = np.isin(self._codes, role_codes(tuple(self._roles), [role]))
        return set(self._grouped[chosen].tolist())

    def __iter__(self) -> Iterator[int]:
        return iter(self._people.tolist())

    def __len__(self) -> int:
        return int(self._people.size)


@dataclass
class Votes:
    scores: dict[int, float] = field(default_factory=dict)
    best: dict[int, float] = field(default_factory=dict)
    votes: Mapping[int, list[EvidenceVote]] = field(default_factory=dict)
    expert: dict[int, float] = field(default_factory=dict)
    recent: dict[int, float] = field(default_factory=dict)
    count: dict[int, int] = field(default_factory=dict)
    thread: dict[int, float] = field(default_factory=dict)
    focused: dict[int, float] = field(default_factory=dict)
    # people whose matching items only show interest (asking, being addressed, "+1"):
    # relevance x quality of those items, and the items, best first; never part of ``scores``
    interest: dict[int, float] = field(default_factory=dict)
    interest_votes: Mapping[int, list[EvidenceVote]] = field(default_factory=dict)

    def ranks(self) -> dict[int, int]:
        ordered = sorted(self.scores.items(), key=lambda pair: (-pair[1], pair[0]))
        return {person: rank for rank, (person, _) in enumerate(ordered, 1)}


class Groups:
    """The entries of each key, found once for several sums over the same keys."""

    def __init__(self, keys: np.ndarray) -> None:
        unique, first, self._inverse = np.unique(keys, return_index=True, return_inverse=True)
        self._order = np.argsort(first, kind="stable")
        self.keys = unique[self._order]  # in order of first appearance
        self._keys = self.keys.tolist()

    def totals(self, values: np.ndarray) -> np.ndarray:
        """Per key (in :attr:`keys` order), the sum of its values, added in order."""
        sums = np.bincount(self._inverse, weights=values, minlength=len(self._keys))
        return np.asarray(sums[self._order], dtype=np.float64)

    def sums(self, values: np.ndarray) -> dict[int, float]:
        """Per key, the sum of its values, added in order; keys in order of first appearance."""
        if not self._keys:
            return {}
        return dict(zip(self._keys, self.totals(values).tolist(), strict=True))

    def counts(self) -> dict[int, int]:
        totals = np.bincount(self._inverse, minlength=len(self._keys))
        return dict(zip(self._keys, totals[self._order].tolist(), strict=True))

    def maxima(self, values: np.ndarray) -> dict[int, float]:
        """Per key, the largest of its values (0 at least)."""
        found = np.zeros(len(self._keys))
        np.maximum.at(found, self._inverse, values)
        return dict(zip(self._keys, found[self._order].tolist(), strict=True))


def sums(keys: np.ndarray, values: np.ndarray) -> dict[int, float]:
    """Per key, the sum of its values, added in order; keys in order of first appearance."""
    return Groups(keys).sums(values) if keys.size else {}


def _role_weights(evidence: EvidenceBase, role_weights: dict[str, float]) -> np.ndarray:
    return np.asarray([role_weights.get(r, DEFAULT_ROLE_WEIGHT) for r in evidence.roles])


def _thread_votes(
    evidence: EvidenceBase,
    rows: np.ndarray,
    relevance: np.ndarray,
    exclude: np.ndarray,
    moment: float,
    weights: np.ndarray,
) -> dict[int, float]:
    """A matching question votes for the people who answered it (before ``moment``); one
    answer pasted under several matching questions votes once, as in the item votes."""
    entries, position = expand(evidence.answer_offsets, rows)
    contributions = evidence.answer_contributions[entries]
    people = evidence.people[contributions]
    answers = evidence.rows[contributions]
    dated = evidence.times[answers] < moment
    keep = dated & ~np.isin(people, exclude) if exclude.size else dated
    value = relevance[position] * (
        weights[evidence.codes[contributions]] * evidence.weights[contributions]
    )
    keep &= ~repeated_texts(people, evidence.texts_of(answers), value, keep)
    return sums(people[keep], value[keep])


def shows_interest(
    evidence: EvidenceBase, contributions: np.ndarray, moment: float = math.inf
) -> np.ndarray:
    """Which contributions show interest in the subject rather than knowledge of it:
    asking, starting a thread others answered (a problem report; not a write-up of
    ``EXPLAINING_WORDS`` words or more, a runbook others added to), being addressed or
    mentioned, a reply of a few words ("+1", "thanks, that solved it"), or an item that only
    says who did the work (none of its writers' own words left: ``pipeline.reading``)."""
    codes = evidence.codes[contributions]
    starter = evidence.in_roles(codes, STARTERS)
    words = evidence.words_of(evidence.rows[contributions])
    answered = evidence.starter_answered[contributions] < moment
    found = (
        evidence.in_roles(codes, INTEREST_ROLES)
        | (starter & answered & (words < EXPLAINING_WORDS))
        | (~starter & evidence.in_roles(codes, REPLY_ROLES) & (words <= SHORT_WORDS))
        | (words == 0)  # (what credits others, with too little of the writer's own)
    )
    return np.asarray(found, dtype=bool)


def _shown_interest(
    evidence: EvidenceBase, rows: np.ndarray, codes: np.ndarray, interest: np.ndarray
) -> np.ndarray:
    """Which interest entries show what a learner asked: a thread's opening, a question, a
    reply long enough to be more than a "+1"; never a thanks or an agreement (someone who
    only thanked or agreed neither knows nor asked), a pointer to someone else, nor what
    others wrote to them or about them (a mail they received: someone else's answer)."""
    replies = evidence.parents()[rows] >= 0
    telling = interest & (~replies | (evidence.words_of(rows) >= SHOWN_REPLY_WORDS))
    telling |= interest & evidence.in_roles(codes, {Role.ASKER})
    said_nothing = evidence.in_roles(
        codes, {Role.REFERRER, Role.ACKNOWLEDGER, Role.ADVISER, Role.RECIPIENT, Role.MENTIONED}
    ) | (evidence.words_of(rows) == 0)
    return np.asarray(telling & ~said_nothing, dtype=bool)


@dataclass(frozen=True)
class Hits:
    """Retrieved index rows and their relevance, best first."""

    rows: np.ndarray  # int64
    relevance: np.ndarray  # float64

    def __len__(self) -> int:
        return int(self.rows.size)

    def __iter__(self) -> Iterator[tuple[int, float]]:
        return zip(self.rows.tolist(), self.relevance.tolist(), strict=True)


def vote(
    hits: Hits,
    evidence: EvidenceBase,
    exclude: frozenset[int] = frozenset(),
    moment: float | None = None,
    role_weights: dict[str, float] = ROLE_WEIGHTS,
) -> Votes:
    """Each hit (index row, relevance) votes for its contributors:
    relevance x role x contribution weight x quality."""
    result = Votes()
    if not len(hits):
        return result
    moment = evidence.now + 1.0 if moment is None else moment
    rows, relevance = hits.rows, hits.relevance
    excluded = np.fromiter(exclude, dtype=np.int64, count=len(exclude))
    weights = _role_weights(evidence, role_weights)
    result.thread = _thread_votes(evidence, rows, relevance, excluded, moment, weights)
    top = float(relevance.max()) or 1.0
    quality = evidence.qualities(rows)
    age = (moment - evidence.times[rows]) / DAY
    decay = np.where(np.isnan(age), 0.0, np.exp(-np.nan_to_num(age) / RECENT_DAYS))
    entries, position = expand(evidence.offsets, rows)
    people = evidence.people[entries]
    if excluded.size:
        kept = ~np.isin(people, excluded)
        entries, position, people = entries[kept], position[kept], people[kept]
    interest = shows_interest(evidence, entries, moment)
    codes = evidence.codes[entries]
    matched = relevance[position] * quality[position]
    value = relevance[position] * weights[codes] * evidence.weights[entries] * quality[position]
    voting = ~interest & (value > 0)
    voting &= ~repeated_texts(people, evidence.texts_of(rows)[position], value, voting)
    topical = voting & evidence.in_roles(codes, TOPICAL_ROLES)
    ids = evidence.item_ids[rows[position]]
    voters, experts = Groups(people[voting]), Groups(people[topical])
    result.scores = voters.sums(value[voting])
    result.focused = voters.sums(value[voting] * (relevance[position[voting]] / top) ** FOCUS)
    result.recent = voters.sums(value[voting] * decay[position[voting]])
    result.expert = experts.sums(value[topical])
    result.count = experts.counts()
    # (a down-weighted contribution, a merge or a changelog entry, is not a best item at full)
    result.best = experts.maxima(relevance[position[topical]] * evidence.weights[entries[topical]])
    result.interest = sums(people[interest], matched[interest])
    result.votes = VoteLists(
        people[voting], ids[voting], codes[voting], value[voting], evidence.roles
    )
    shown = _shown_interest(evidence, rows[position], codes, interest)
    result.interest_votes = VoteLists(
        people[shown], ids[shown], codes[shown], matched[shown], evidence.roles
    )
    return result


def repeated_texts(
    people: np.ndarray, texts: np.ndarray, value: np.ndarray, voting: np.ndarray
) -> np.ndarray:
    """The voting entries that repeat a text their person already votes with (the same answer
    pasted into a forum, a chat and a mail is one piece of evidence): all but each (person,
    text)'s weightiest."""
    at = np.flatnonzero(voting)
    copies = np.zeros(voting.shape, dtype=bool)
    if at.size < 2:
        return copies
    order = at[np.lexsort((-value[at], texts[at], people[at]))]
    same = (people[order][1:] == people[order][:-1]) & (texts[order][1:] == texts[order][:-1])
    same &= texts[order][1:] != 0  # (0: no digest, each text its own)
    copies[order[1:][same]] = True
    return copies


def dense_hits(sims: QuerySimilarities, depth: int) -> Hits:
    """The ``depth`` rows most similar to the query, relevance = positive cosine, sharpened."""
    rows, cosines = sims.top(depth)
    cosines = np.asarray(cosines, dtype=np.float64)
    kept = cosines >= DENSE_FLOOR
    return Hits(np.asarray(rows, dtype=np.int64)[kept], cosines[kept] ** 3)
