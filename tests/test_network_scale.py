"""What insights read at scale: betweenness (exact like networkx on small graphs, from a bounded
sample of sources on large ones) and the topic index built with the other indexes."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from whoknows.errors import IndexStateError
from whoknows.insights.brandes import betweenness
from whoknows.insights.topics import TopicSpace
from whoknows.insights.vocabulary import TopicIndex
from whoknows.pipeline.build import TOPICS


def edges(graph: nx.Graph) -> tuple[np.ndarray, np.ndarray, list[int]]:
    nodes = sorted(graph.nodes())
    at = {node: i for i, node in enumerate(nodes)}
    pairs = np.asarray([(at[a], at[b]) for a, b in graph.edges()], dtype=np.int64)
    return pairs[:, 0], pairs[:, 1], nodes


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_exact_betweenness_is_networkx_s(seed: int) -> None:
    graph = nx.gnm_random_graph(80, 160, seed=seed)
    graph.add_edges_from([(100, 101), (101, 102)])  # another component
    first, second, nodes = edges(graph)
    found = betweenness(first, second, len(nodes), budget=10**9, min_sources=1, seed=7)
    expected = nx.betweenness_centrality(graph)
    assert max(abs(found[i] - expected[node]) for i, node in enumerate(nodes)) < 1e-12


def test_a_large_graph_is_sampled_within_its_budget_and_the_same_each_time() -> None:
    graph = nx.barabasi_albert_graph(1200, 3, seed=4)
    first, second, nodes = edges(graph)
    budget = 40 * 2 * graph.number_of_edges()  # about 40 searches
    once = betweenness(first, second, len(nodes), budget=budget, min_sources=16, seed=7)
    again = betweenness(first, second, len(nodes), budget=budget, min_sources=16, seed=7)
    assert np.array_equal(once, again)
    exact = betweenness(first, second, len(nodes), budget=10**12, min_sources=1, seed=7)
    top = set(np.argsort(-exact)[:5].tolist())
    assert len(top & set(np.argsort(-once)[:10].tolist())) >= 4, "the main brokers, sampled"


def test_the_topic_index_is_what_the_store_gives_and_says_when_damaged(
    demo, tmp_path: Path
) -> None:
    workspace = demo.settings.workspace
    saved = TopicIndex.load(workspace / TOPICS)
    evidence = demo.workspace.evidence()
    with_index = TopicSpace(demo.workspace.store().conn, evidence, saved)
    from_store = TopicSpace(demo.workspace.store().conn, evidence)  # built now, from SQL
    assert with_index.vocabulary == from_store.vocabulary and with_index.vocabulary
    rows = set(range(0, len(evidence.item_ids), 3))
    assert with_index.topics_at(rows) == from_store.topics_at(rows)
    for topic in list(with_index.vocabulary.values())[:20]:
        on = set(with_index.rows_with(topic.terms).tolist())
        assert (topic in with_index.topics_at(on)) if on else True
    saved.save(tmp_path / "topics")
    (tmp_path / "topics" / "row_topics.npy").write_bytes(b"garbage")
    with pytest.raises(IndexStateError, match="whoknows reindex"):
        TopicIndex.load(tmp_path / "topics")
