"""The participation graph and the collaborator-vote features: built at index time, dated, never
reading the future nor the query item itself, declared monotone."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from whoknows.errors import IndexStateError
from whoknows.index.columns import ContributionRow, EvidenceColumns, ItemRow
from whoknows.index.graph import ParticipationGraph
from whoknows.index.lexical import IndexedDocument, LexicalIndex
from whoknows.rank.candidates import FeatureBuilder
from whoknows.rank.evidence import EvidenceBase
from whoknows.rank.features import FEATURES, monotone_constraints
from whoknows.services import Services
from whoknows.vocab import ContributionRole as Role

GRAPH_FEATURES = ("graph_vote", "graph_focus_vote")
# item id, date, thread root, text, contributors (person, role)
ITEMS: list[tuple[int, float, int | None, str, list[tuple[int, Role]]]] = [
    (1, 1000.0, None, "graph neural networks for parsing", [(1, Role.AUTHOR)]),
    (2, 1500.0, None, "cooking recipes with rice", [(1, Role.AUTHOR), (5, Role.AUTHOR)]),
    (3, 1600.0, None, "a dinner party", [(5, Role.AUTHOR), (7, Role.MENTIONED)]),
    (4, 3000.0, None, "graph neural networks for parsing", [(1, Role.AUTHOR), (6, Role.AUTHOR)]),
    (5, 1200.0, None, "why does my node crash", [(8, Role.ASKER)]),
    (6, 1300.0, 5, "restart the node with more memory", [(9, Role.ANSWERER)]),
    (7, 1400.0, 5, "or upgrade the node", [(10, Role.ANSWERER)]),
    (8, math.nan, None, "an undated note on rice", [(5, Role.AUTHOR), (11, Role.AUTHOR)]),
]


def columns() -> EvidenceColumns:
    items = [ItemRow(i, t, root, len(text.split())) for i, t, root, text, _ in ITEMS]
    contributions = [
        ContributionRow(i, person, role, 1.0) for i, _, _, _, who in ITEMS for person, role in who
    ]
    return EvidenceColumns.build(items, contributions, [], excluded=[], generation=2)


def evidence(excluded: list[int] | None = None) -> EvidenceBase:
    lexical = LexicalIndex.build(
        [IndexedDocument(i, text, t) for i, t, _, text, _ in ITEMS], generation=2
    )
    return EvidenceBase(columns(), lexical, excluded=excluded)


def test_units_are_threads_or_items_and_presence_makes_no_collaborator() -> None:
    graph = ParticipationGraph.build(columns())
    pairs = set(zip(graph.unit_rows.tolist(), graph.pair_people.tolist(), strict=True))
    assert {(4, 9), (4, 10)} <= pairs  # the question's row (4) is the thread's unit
    assert not any(person == 7 for _, person in pairs)  # mentioned only
    assert not any(person == 8 for _, person in pairs)  # asked only: asking is not knowing
    assert graph.pair_times.tolist()[:3] == [1000.0, 1300.0, 1400.0]  # in date order
    assert math.isnan(graph.pair_times[-1])  # undated last
    assert graph.collaborators(9) == {10: 1}
    assert graph.collaborators(1) == {5: 1, 6: 1}
    assert graph.collaborators(1, until=3000.0) == {5: 1}  # the later paper is not yet there
    assert graph.collaborators(5, until=1e9) == {1: 1}  # undated: only when nothing is cut


def test_spread_reaches_collaborators_of_matching_people_only_from_the_past() -> None:
    graph = ParticipationGraph.build(columns())
    spread = graph.spread({1: 2.0}, until=2000.0)
    assert spread == {5: 2.0}  # a collaborator of the matching author; not the author itself
    assert graph.spread({1: 2.0}, until=1500.0) == {}  # the collaboration began at 1500
    # a random-walk step: 1 has two units, each passes half of 1's value to its others
    assert graph.spread({1: 2.0}, until=2000.0, walk=True) == {5: 1.0}
    walked = graph.spread({1: 2.0}, until=None, walk=True)
    assert walked == pytest.approx({5: 2.0 / 3, 6: 2.0 / 3})
    more = graph.spread({1: 2.0, 6: 1.0}, until=None, walk=True)
    assert all(more[p] >= walked.get(p, 0.0) - 1e-12 for p in more)  # more never lowers one


def test_graph_round_trip_and_damage(tmp_path: Path) -> None:
    graph = ParticipationGraph.build(columns())
    graph.save(tmp_path / "graph")
    loaded = ParticipationGraph.load(tmp_path / "graph")
    assert loaded.generation == 2 and len(loaded) == len(graph)
    for name, array in graph.arrays.items():
        np.testing.assert_array_equal(loaded.arrays[name], array)
    (tmp_path / "graph" / "pair_people.npy").unlink()
    with pytest.raises(IndexStateError):
        ParticipationGraph.load(tmp_path / "graph")


def test_excluded_people_pass_no_vote() -> None:
    assert evidence(excluded=[5]).graph.collaborators(1) == {6: 1}


def test_collaborator_votes_as_of_the_query_never_use_the_query_item() -> None:
    """Paper 4 (dated 3000, by 1 and 6) as a pseudo-query: 1's earlier paper matches it, so 1's
    collaborator 5 gets collaborator votes; 6's only link to 1 is paper 4 itself."""
    builder = FeatureBuilder(evidence())
    text = ITEMS[3][3]
    candidates = builder.build(text, as_of=3000.0)
    graph = candidates.column("graph_vote")
    assert 5 in candidates.people and graph[candidates.people.index(5)] > 0
    assert 6 not in candidates.people or graph[candidates.people.index(6)] == 0
    assert graph[candidates.people.index(1)] == 0  # one's own votes are not a collaborator's
    live = builder.build(text)
    assert live.column("graph_focus_vote")[live.people.index(6)] > 0


def test_graph_features_are_declared_monotone() -> None:
    directions = dict(zip(FEATURES, monotone_constraints(), strict=True))
    assert all(directions[name] == 1 for name in GRAPH_FEATURES)


def test_reindex_writes_the_graph_of_the_generation(demo: Services) -> None:
    graph = ParticipationGraph.load(demo.settings.workspace / "index" / "graph")
    assert graph.generation == demo.workspace.generation() and len(graph) > 0
    assert demo.workspace.evidence().graph.generation == graph.generation


def dense_spread(
    graph: ParticipationGraph, values: dict[int, float], end: int, walk: bool
) -> dict[int, float]:
    """The spread over every participation (how it was computed before it read only the
    units its people took part in)."""
    person_ids = graph.person_ids
    vector = np.zeros(person_ids.size)
    for person, value in values.items():
        at = np.searchsorted(person_ids, person)
        if at < person_ids.size and person_ids[at] == person:
            vector[at] = value
    person, unit = graph.arrays["pair_person"][:end], graph.arrays["pair_unit"][:end]
    units = int(graph.arrays["pair_unit"].max()) + 1
    if walk:
        vector = vector / np.maximum(np.bincount(person, minlength=person_ids.size), 1)
    own = vector[person]
    passed = np.bincount(unit, weights=own, minlength=units)[unit] - own
    if walk:
        passed = passed / np.maximum(np.bincount(unit, minlength=units)[unit] - 1, 1)
    spread = np.bincount(person, weights=passed, minlength=person_ids.size)
    found = np.flatnonzero(spread > 1e-12)
    return dict(zip(person_ids[found].tolist(), spread[found].tolist(), strict=True))


def test_a_spread_reads_only_its_units_and_sums_exactly_as_over_every_pair() -> None:
    rng = np.random.default_rng(5)
    items = [
        ItemRow(i, float(rng.integers(0, 100)), int(rng.integers(0, i)) if i > 20 else None, 5)
        for i in range(400)
    ]
    people = rng.zipf(1.5, 1200) % 90
    contributions = [
        ContributionRow(int(rng.integers(0, 400)), int(p), Role.ANSWERER, 1.0) for p in people
    ]
    graph = ParticipationGraph.build(
        EvidenceColumns.build(items, contributions, [], excluded=[], generation=1)
    )
    for trial in range(30):
        voters = rng.choice(90, size=int(rng.integers(1, 30)), replace=False)
        values = {int(p): float(rng.random() * 10) for p in voters}
        until = None if trial % 3 == 0 else float(rng.integers(0, 100))
        end = len(graph) if until is None else int(np.searchsorted(graph.pair_times, until))
        for walk in (False, True):
            assert graph.spread(values, until, walk) == dense_spread(graph, values, end, walk)


@pytest.mark.parametrize("walk", [False, True])
def test_a_large_graph_spreads_with_sparse_products_to_the_same_values(walk: bool) -> None:
    """From SPARSE_MIN_PAIRS pairs, a spread as of now is two sparse products: the same
    values as the pair sums (to rounding), for plain and walking spreads."""
    from whoknows.index.graph import _numbered

    rng = np.random.default_rng(5)
    units = rng.integers(0, 3_000, 20_000)
    people = rng.zipf(1.6, 20_000) % 900 + 10
    pairs = np.unique(np.stack([units, people]), axis=1)
    times = np.sort(rng.uniform(0, 1e9, pairs.shape[1]))
    graph = ParticipationGraph(_numbered(pairs[0], pairs[1], times), {})
    values = {
        int(p): float(v)
        for p, v in zip(rng.choice(900, 60) + 10, rng.uniform(0, 5, 60), strict=True)
    }
    exact = graph.spread_each([values], until=2e9, walk=walk)[0]  # every pair, summed by pairs
    sparse = graph._whole(walk).spread(values, graph.person_ids)
    assert exact and set(sparse) == set(exact)
    for person, value in exact.items():
        assert sparse[person] == pytest.approx(value, rel=1e-9)
