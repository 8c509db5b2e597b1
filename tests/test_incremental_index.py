"""An ingest updates the indexes (only new and changed items are read again); what they
answer must be what indexes built from scratch over the same store answer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from conftest import make_service
from whoknows.index.lexical import LexicalIndex
from whoknows.services import Services

QUERIES = [
    "postgres backup restore",
    "kafka consumer lag",
    "kubernetes node drain patching",
    "vault secrets rotation",
    "billing invoices EDI",
    "pgbouncer connection pool tuning",
]
RANKERS = ["learned", "lexical", "hybrid-prior"]


def write_lines(path: Path, items: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return path


def top10(service: Services) -> dict[tuple[str, str], list[int]]:
    return {
        (ranker, query): [p.person_id for p in service.search.rank(query, k=10, ranker=ranker)]
        for ranker in RANKERS
        for query in QUERIES
    }


def rebuilt(service: Services, tmp_path: Path) -> Services:
    """A copy of the workspace whose indexes are built again from its store alone."""
    copy = tmp_path / "rebuilt"
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(service.settings.workspace, copy)
    shutil.rmtree(copy / "index")
    fresh = make_service(copy)
    stats = fresh.ingest.reindex()
    assert stats.as_dict()["items"] == len(LexicalIndex.load(copy / "index" / "lexical"))
    return fresh


def test_an_incremental_ingest_gives_the_top10_of_a_full_rebuild(
    demo: Services, tmp_path: Path
) -> None:
    """The demo workspace was built by one ingest after another (each one an update); then
    items are added, replaced and erased: the top-10 of every query and ranker, and every
    lexical score, equal those of indexes built from scratch."""
    first = [
        {
            "id": "x1",
            "text": "Restoring postgres from pgBackRest after a failed upgrade",
            "authors": ["Tomás Ferreira"],
            "date": "2026-03-10",
        },
        {
            "id": "x2",
            "text": "Kafka consumer lag alerts on the billing topic",
            "authors": ["Ben Walsh"],
            "date": "2026-03-11",
        },
    ]
    demo.ingest.ingest("jsonl", write_lines(tmp_path / "a.jsonl", first))
    second = [
        {
            "id": "x1",
            "text": "Point-in-time recovery drills for postgres with zookeeper notes",
            "authors": ["Tomás Ferreira"],
            "date": "2026-03-10",
        },
        {
            "id": "x3",
            "text": "Vault secrets rotation runbook",
            "authors": ["Léa Fontaine"],
            "date": "2026-03-12",
        },
    ]
    demo.ingest.ingest("jsonl", write_lines(tmp_path / "b.jsonl", second))
    lexical = LexicalIndex.load(demo.settings.workspace / "index" / "lexical")
    assert lexical.meta["tokenized_now"] == 2, "only the new and the changed item were read"
    fresh = rebuilt(demo, tmp_path)
    try:
        assert top10(demo) == top10(fresh)
        mine = LexicalIndex.load(demo.settings.workspace / "index" / "lexical")
        theirs = LexicalIndex.load(fresh.settings.workspace / "index" / "lexical")
        assert set(mine.vocabulary) == set(theirs.vocabulary)
        for query in QUERIES:
            np.testing.assert_array_equal(mine.scores(query), theirs.scores(query))
    finally:
        fresh.close()


@pytest.mark.parametrize("change", ["erase", "opt-out"])
def test_removed_items_and_masking_changes_match_a_rebuild(
    demo: Services, tmp_path: Path, change: str
) -> None:
    """Erasing someone removes and rewrites items; an opt-out changes what is masked: the
    updated indexes still answer as rebuilt ones."""
    person = demo.search.rank("postgres backup restore", k=1, ranker="lexical")[0].person_id
    if change == "erase":
        demo.privacy.erase(str(person))  # rebuilds the indexes itself
    else:
        demo.privacy.opt_out(str(person), inference=True, visibility=False)
        demo.ingest.reindex(retrain=False)
    fresh = rebuilt(demo, tmp_path)
    try:
        assert top10(demo) == top10(fresh)
    finally:
        fresh.close()


def test_a_build_spread_over_processes_equals_one_in_process(
    demo: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large builds tokenize in child processes: the index is the same as one process's."""
    import whoknows.pipeline.parallel as parallel

    one = rebuilt(demo, tmp_path / "one")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    monkeypatch.setattr(parallel, "TOKENIZE_BATCH", 7)  # many batches, some in flight
    several = rebuilt(demo, tmp_path / "several")
    try:
        mine = LexicalIndex.load(one.settings.workspace / "index" / "lexical")
        theirs = LexicalIndex.load(several.settings.workspace / "index" / "lexical")
        assert mine.vocabulary == theirs.vocabulary
        for name in ("data", "indices", "indptr"):
            np.testing.assert_array_equal(
                getattr(mine.weights, name), getattr(theirs.weights, name)
            )
    finally:
        one.close()
        several.close()


def test_topic_labels_are_kept_on_small_additions_and_found_again_after_removals(
    demo: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a large workspace (here: any), a small ingest keeps the topic labels (its items
    are still put on them); an erasure finds the labels again from the titles left, as a
    rebuild does."""
    from whoknows.insights import vocabulary
    from whoknows.insights.vocabulary import TopicIndex

    monkeypatch.setattr(vocabulary, "KEEP_MIN_ITEMS", 1)
    folder = demo.settings.workspace / "index" / "topics"
    before = TopicIndex.load(folder)
    label, terms, _ = before.entries[0]
    added = {
        "id": "t1",
        "text": f"Notes on {label}",
        "authors": ["Ben Walsh"],
        "date": "2026-03-10",
    }
    demo.ingest.ingest("jsonl", write_lines(tmp_path / "t.jsonl", [added]))
    kept = TopicIndex.load(folder)
    assert kept.entries == before.entries
    assert kept.meta["found_at_items"] == before.meta["found_at_items"] < kept.meta["items"]
    lexical = LexicalIndex.load(demo.settings.workspace / "index" / "lexical")
    new_row = int(np.flatnonzero(lexical.scores(" ".join(terms)))[-1])
    assert 0 in kept.topics_at([new_row])

    person = demo.search.rank("postgres backup restore", k=1, ranker="lexical")[0].person_id
    demo.privacy.erase(str(person))
    found = TopicIndex.load(folder)
    assert found.meta["found_at_items"] == found.meta["items"]
    fresh = rebuilt(demo, tmp_path)
    try:
        assert found.entries == TopicIndex.load(fresh.settings.workspace / "index/topics").entries
    finally:
        fresh.close()
