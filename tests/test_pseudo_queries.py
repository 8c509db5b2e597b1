"""Self-supervised pseudo-queries: a workspace's own writings train the learned ranker."""

from __future__ import annotations

from whoknows.pipeline.reading import writings
from whoknows.rank.candidates import FeatureBuilder
from whoknows.rank.history import WRITER_ROLES, pseudo_history
from whoknows.rank.learned import LearnedModel
from whoknows.rank.training import labelled
from whoknows.services import Services


def test_a_writing_asks_and_its_authors_know(demo: Services) -> None:
    conn = demo.workspace.store().conn
    evidence = demo.workspace.evidence()
    found = writings(conn)
    assert found
    queries = pseudo_history(found, evidence, limit=20)
    assert queries and [q.as_of for q in queries] == sorted(q.as_of for q in queries)
    for query in queries:
        people, roles, _ = evidence.at(evidence.row(query.item_id))
        writers = {p for p, r in zip(people, roles, strict=True) if r in WRITER_ROLES}
        assert set(query.grades) == writers and set(query.grades.values()) == {1}
        assert query.as_of == evidence.timestamp(query.item_id)


def test_the_writing_itself_is_never_evidence_for_its_own_query(demo: Services) -> None:
    evidence = demo.workspace.evidence()
    builder = FeatureBuilder(evidence)
    for query in pseudo_history(writings(demo.workspace.store().conn), evidence, limit=20):
        example = labelled(builder, query)
        if example is None:
            continue
        for votes in example[0].votes.values():
            assert all(evidence.timestamp(v.item_id) < query.as_of for v in votes)
            assert query.item_id not in {v.item_id for v in votes}


def test_without_answered_threads_the_writings_fill_the_history(demo: Services) -> None:
    conn = demo.workspace.store().conn
    model = LearnedModel.fit([], demo.workspace.evidence(), 1, writings=writings(conn))
    assert model.meta["thread_queries"] == 0
    assert int(str(model.meta["pseudo_queries"])) > 0
