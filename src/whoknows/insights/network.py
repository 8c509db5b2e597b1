"""Network roles from who answers, replies to, comments on, mentions and mails whom.

An undirected weighted graph of visible people: an answer, reply or comment links its author
to the authors of the item it responds to (comments count 0.5), a mention links poster and
mentioned person (0.5), an email links its sender to each recipient (0.25, messages to at most
ten people). Measures:

- **hubs**: weighted degree (how much interaction passes through a person);
- **brokers**: betweenness centrality (how often a person lies on the shortest paths between
  others; unweighted, normalised as networkx does), people who connect otherwise separate
  groups. Exact while the graph is small (every person a source of shortest paths, at most
  :data:`BETWEENNESS_BUDGET` edge visits); on a larger graph, estimated from as many sources
  as that budget allows (at least :data:`MIN_SOURCES`), drawn with a fixed seed among the
  people sorted by id: the same graph gives the same brokers, in a bounded time;
- **peripheral experts**: people in the top quarter by knowledge-showing contributions whose
  weighted degree is in the bottom quarter: knowledge with few connections;
- **department bridges**: interaction between departments, and who carries most of it.

The links are computed from the evidence arrays (no SQL, no per-item Python loop).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from whoknows.insights.brandes import betweenness
from whoknows.insights.directory import Directory
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.views import expand
from whoknows.vocab import PRESENCE_ROLES, ContributionRole

RESPONDING: dict[str, float] = {
    ContributionRole.ANSWERER: 1.0,
    ContributionRole.ACCEPTED_ANSWERER: 1.0,
    ContributionRole.REPLIER: 1.0,
    ContributionRole.COMMENTER: 0.5,
    ContributionRole.REVIEWER: 1.0,
}
AUTHORING: set[str] = {
    ContributionRole.ASKER,
    ContributionRole.SENDER,
    ContributionRole.POSTER,
    ContributionRole.ANSWERER,
    ContributionRole.ACCEPTED_ANSWERER,
    ContributionRole.AUTHOR,
    ContributionRole.REPLIER,
    ContributionRole.COMMITTER,
}
# (a message's writer, its write-ups included: ``ingest._writeups``)
WRITING = {
    ContributionRole.POSTER,
    ContributionRole.REPLIER,
    ContributionRole.SENDER,
    ContributionRole.AUTHOR,
}
MAX_RECIPIENTS = 10
SHOWN = 10
BETWEENNESS_BUDGET = 20_000_000  # edge visits of the shortest-path searches (about 1 s)
MIN_SOURCES = 64
_PAIR = np.int64(1) << np.int64(32)


@dataclass
class NetworkReport:
    people: int
    links: int
    hubs: list[tuple[int, float]] = field(default_factory=list)
    brokers: list[tuple[int, float]] = field(default_factory=list)
    peripheral_experts: list[tuple[int, int, float]] = field(default_factory=list)
    department_links: list[tuple[str, str, float]] = field(default_factory=list)
    bridges: list[tuple[int, float]] = field(default_factory=list)


@dataclass
class Links:
    """The graph's edges (a < b, each pair once) and their weights."""

    first: np.ndarray
    second: np.ndarray
    weights: np.ndarray

    @property
    def people(self) -> np.ndarray:
        return np.unique(np.concatenate([self.first, self.second]))


def _entries(evidence: EvidenceBase, roles: Iterable[str]) -> np.ndarray:
    """The contributions (indexes) whose role is one of ``roles``, in row order."""
    return np.flatnonzero(np.isin(evidence.codes, evidence.role_codes(roles)))


def _by_row(evidence: EvidenceBase, entries: np.ndarray) -> np.ndarray:
    """CSR offsets over item rows of ``entries`` (already in row order)."""
    offsets = np.zeros(evidence.item_ids.size + 1, dtype=np.int64)
    np.cumsum(
        np.bincount(evidence.rows[entries], minlength=evidence.item_ids.size), out=offsets[1:]
    )
    return offsets


def _cross(
    evidence: EvidenceBase, left: np.ndarray, right: np.ndarray, right_rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Every (left entry, right entry) pair where the right one is on row ``right_rows`` of
    the left one (``right`` in row order): as people, and the left entry of each pair."""
    offsets = _by_row(evidence, right)
    found, position = expand(offsets, right_rows)
    return evidence.people[right[found]], left[position]


def reply_links(evidence: EvidenceBase) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(responder, author, weight): a response links its author to each author of the item
    it responds to (each author once per item)."""
    parents = evidence.parents()
    responding = _entries(evidence, set(RESPONDING))
    responding = responding[parents[evidence.rows[responding]] != -1]
    authors = _entries(evidence, AUTHORING)
    keys = evidence.rows[authors] * _PAIR + evidence.people[authors]
    authors = authors[np.unique(keys, return_index=True)[1]]  # sorted by row, then person
    others, chosen = _cross(evidence, responding, authors, parents[evidence.rows[responding]])
    weight = np.asarray([RESPONDING.get(r, 0.0) for r in evidence.roles])
    return evidence.people[chosen], others, weight[evidence.codes[chosen]]


def mention_links(evidence: EvidenceBase) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(writer, other, weight): a writer to each person their item mentions (0.5) and to each
    recipient of a message to at most ten people (0.25)."""
    writers = _entries(evidence, WRITING)
    mentioned = _entries(evidence, {ContributionRole.MENTIONED, ContributionRole.ENDORSED})
    recipients = _entries(evidence, {ContributionRole.RECIPIENT})
    counts = np.bincount(evidence.rows[recipients], minlength=evidence.item_ids.size)
    recipients = recipients[counts[evidence.rows[recipients]] <= MAX_RECIPIENTS]
    found = []
    for others, weight in ((mentioned, 0.5), (recipients, 0.25)):
        people, chosen = _cross(evidence, writers, others, evidence.rows[writers])
        found.append((evidence.people[chosen], people, np.full(people.size, weight)))
    return tuple(np.concatenate(parts) for parts in zip(*found, strict=True))  # type: ignore[return-value]


def interaction_links(evidence: EvidenceBase, directory: Directory) -> Links:
    """Every link between two distinct visible people who each wrote something, weights
    summed per pair: an address that only ever receives is a list's or a shared mailbox's, not
    a colleague's (a bilingual company's two list addresses, archived without their list
    headers, were its first brokers)."""
    parts = [reply_links(evidence), mention_links(evidence)]
    a, b, w = (np.concatenate(side) for side in zip(*parts, strict=True))
    wrote = np.unique(evidence.people[~evidence.in_roles(evidence.codes, PRESENCE_ROLES)])
    visible = np.intersect1d(np.asarray(sorted(directory.people), dtype=np.int64), wrote)
    keep = (a != b) & np.isin(a, visible) & np.isin(b, visible)
    low, high, w = np.minimum(a, b)[keep], np.maximum(a, b)[keep], w[keep]
    keys, inverse = np.unique(low * _PAIR + high, return_inverse=True)
    return Links(keys // _PAIR, keys % _PAIR, np.bincount(inverse, weights=w))


def _degrees(links: Links, people: np.ndarray) -> np.ndarray:
    ends = np.searchsorted(people, np.concatenate([links.first, links.second]))
    return np.bincount(
        ends, weights=np.concatenate([links.weights, links.weights]), minlength=people.size
    )


def _top(people: np.ndarray, values: np.ndarray, positive: bool = False) -> list[tuple[int, float]]:
    order = np.lexsort((people, -values))
    if positive:
        order = order[values[order] > 0]
    return [(int(people[i]), float(values[i])) for i in order[:SHOWN]]


@dataclass
class Centrality:
    """Each person of the interaction graph (sorted ids) with their weighted degree and
    betweenness."""

    links: Links
    people: np.ndarray
    degree: np.ndarray
    betweenness: np.ndarray

    def as_dicts(self) -> tuple[dict[int, float], dict[int, float]]:
        ids = self.people.tolist()
        degree = dict(zip(ids, self.degree.tolist(), strict=True))
        return degree, dict(zip(ids, self.betweenness.tolist(), strict=True))


def centrality(evidence: EvidenceBase, directory: Directory, seed: int = 7) -> Centrality:
    links = interaction_links(evidence, directory)
    people = links.people
    degree = _degrees(links, people)
    first, second = np.searchsorted(people, links.first), np.searchsorted(people, links.second)
    central = betweenness(first, second, people.size, BETWEENNESS_BUDGET, MIN_SOURCES, seed)
    return Centrality(links, people, degree, central)


def network_report(
    conn: sqlite3.Connection, evidence: EvidenceBase, directory: Directory, seed: int = 7
) -> NetworkReport:
    found = centrality(evidence, directory, seed)
    people = found.people
    report = NetworkReport(int(people.size), int(found.links.weights.size))
    if not people.size:
        return report
    staff = _staff(people, directory)
    report.hubs = _top(people[staff], found.degree[staff])
    report.brokers = _top(people[staff], found.betweenness[staff], positive=True)
    degree, _ = found.as_dicts()
    report.peripheral_experts = _peripheral(evidence, directory, degree)
    report.department_links, report.bridges = _departments(found.links, directory)
    return report


def _staff(people: np.ndarray, directory: Directory) -> np.ndarray:
    """Which of ``people`` the roles may name: where a directory gives titles or departments,
    those it describes (a game studio's forum player, who replied to staff across teams, was
    among its brokers: a fresh evaluator's); everyone otherwise. The links through the others
    still count."""
    if not directory.has_directory:
        return np.ones(people.size, dtype=bool)
    described = [
        bool((info := directory.get(int(p))) and (info.title or info.department)) for p in people
    ]
    return np.asarray(described, dtype=bool)


def _peripheral(
    evidence: EvidenceBase, directory: Directory, degree: dict[int, float]
) -> list[tuple[int, int, float]]:
    """Knowledge with few connections (see the module docstring)."""
    counts = evidence.expert_times.counts()
    expertise = {
        p: n
        for p, n in zip(evidence.expert_times.people.tolist(), counts.tolist(), strict=True)
        if p in directory
    }
    if not expertise:
        return []
    expert_cut = np.percentile(list(expertise.values()), 75)
    degree_cut = np.percentile([degree.get(p, 0.0) for p in expertise], 25)
    peripheral = [
        (p, n, degree.get(p, 0.0))
        for p, n in expertise.items()
        if n >= max(expert_cut, 2) and degree.get(p, 0.0) <= degree_cut
    ]
    return sorted(peripheral, key=lambda t: (-t[1], t[0]))[:SHOWN]


def _departments(
    links: Links, directory: Directory
) -> tuple[list[tuple[str, str, float]], list[tuple[int, float]]]:
    """Interaction between departments, and who carries most of it."""
    pairs: dict[tuple[str, str], float] = defaultdict(float)
    crossing: dict[int, float] = defaultdict(float)
    for a, b, weight in zip(
        links.first.tolist(), links.second.tolist(), links.weights.tolist(), strict=True
    ):
        first, second = directory.get(a), directory.get(b)
        if not (first and second and first.department and second.department):
            continue
        if first.department != second.department:
            low, high = sorted((first.department, second.department))
            pairs[(low, high)] += weight
            crossing[a] += weight
            crossing[b] += weight
    ordered = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    bridges = sorted(crossing.items(), key=lambda kv: (-kv[1], kv[0]))[:SHOWN]
    return [(a, b, w) for (a, b), w in ordered][:SHOWN], bridges
