"""Network roles from who answers, replies to, comments on, mentions and mails whom.

An undirected weighted graph of visible people: an answer, reply or comment links its author
to the authors of the item it responds to (comments count 0.5), a mention links poster and
mentioned person (0.5), an email links its sender to each recipient (0.25, messages to at most
ten people). Measures (networkx):

- **hubs**: weighted degree (how much interaction passes through a person);
- **brokers**: betweenness centrality (how often a person lies on the shortest paths between
  others, sampled over 500 sources on large graphs), people who connect otherwise separate
  groups;
- **peripheral experts**: people in the top quarter by knowledge-showing contributions whose
  weighted degree is in the bottom quarter: knowledge with few connections;
- **department bridges**: interaction between departments, and who carries most of it.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from whoknows.insights.directory import Directory
from whoknows.rank.evidence import EvidenceBase
from whoknows.vocab import ContributionRole

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
WRITING = {ContributionRole.POSTER, ContributionRole.REPLIER, ContributionRole.SENDER}
MAX_RECIPIENTS = 10
SHOWN = 10


@dataclass
class NetworkReport:
    people: int
    links: int
    hubs: list[tuple[int, float]] = field(default_factory=list)
    brokers: list[tuple[int, float]] = field(default_factory=list)
    peripheral_experts: list[tuple[int, int, float]] = field(default_factory=list)
    department_links: list[tuple[str, str, float]] = field(default_factory=list)
    bridges: list[tuple[int, float]] = field(default_factory=list)


def interaction_graph(
    conn: sqlite3.Connection, evidence: EvidenceBase, directory: Directory
) -> nx.Graph:
    graph = nx.Graph()
    weights: dict[tuple[int, int], float] = defaultdict(float)

    def link(a: int, b: int, weight: float) -> None:
        if a != b and a in directory and b in directory:
            weights[(min(a, b), max(a, b))] += weight

    for child, parent in conn.execute(
        "SELECT c.id, p.id FROM items c JOIN items p ON p.uid = c.parent_uid"
    ):
        authors = {
            c.person_id for c in evidence.contributions.get(parent, ()) if c.role in AUTHORING
        }
        for c in evidence.contributions.get(child, ()):
            if c.role in RESPONDING:
                for author in authors:
                    link(c.person_id, author, RESPONDING[c.role])
    for contributions in evidence.contributions.values():
        writers = [c.person_id for c in contributions if c.role in WRITING]
        mentioned = [c.person_id for c in contributions if c.role == ContributionRole.MENTIONED]
        recipients = [c.person_id for c in contributions if c.role == ContributionRole.RECIPIENT]
        for writer in writers:
            for other in mentioned:
                link(writer, other, 0.5)
            if len(recipients) <= MAX_RECIPIENTS:
                for other in recipients:
                    link(writer, other, 0.25)
    for (a, b), weight in weights.items():
        graph.add_edge(a, b, weight=weight)
    return graph


def network_report(
    conn: sqlite3.Connection, evidence: EvidenceBase, directory: Directory, seed: int = 7
) -> NetworkReport:
    graph = interaction_graph(conn, evidence, directory)
    report = NetworkReport(graph.number_of_nodes(), graph.number_of_edges())
    if graph.number_of_nodes() == 0:
        return report
    degree = dict(graph.degree(weight="weight"))
    report.hubs = sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[:SHOWN]
    sample = min(500, graph.number_of_nodes())
    betweenness = nx.betweenness_centrality(
        graph, k=sample if sample < graph.number_of_nodes() else None, seed=seed
    )
    report.brokers = [
        (p, b) for p, b in sorted(betweenness.items(), key=lambda kv: (-kv[1], kv[0])) if b > 0
    ][:SHOWN]
    expertise = {p: len(times) for p, times in evidence.expert_times.items() if p in directory}
    if expertise:
        expert_cut = np.percentile(list(expertise.values()), 75)
        degree_values = [degree.get(p, 0.0) for p in expertise]
        degree_cut = np.percentile(degree_values, 25)
        peripheral = [
            (p, n, degree.get(p, 0.0))
            for p, n in expertise.items()
            if n >= max(expert_cut, 2) and degree.get(p, 0.0) <= degree_cut
        ]
        report.peripheral_experts = sorted(peripheral, key=lambda t: (-t[1], t[0]))[:SHOWN]
    pairs: dict[tuple[str, str], float] = defaultdict(float)
    crossing: dict[int, float] = defaultdict(float)
    for a, b, data in graph.edges(data=True):
        first, second = directory.get(a), directory.get(b)
        if not (first and second and first.department and second.department):
            continue
        if first.department != second.department:
            key = tuple(sorted((first.department, second.department)))
            pairs[key] += data["weight"]  # type: ignore[index]
            crossing[a] += data["weight"]
            crossing[b] += data["weight"]
    report.department_links = [
        (a, b, w) for (a, b), w in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    ][:SHOWN]
    report.bridges = sorted(crossing.items(), key=lambda kv: (-kv[1], kv[0]))[:SHOWN]
    return report
