"""The public benchmark end to end: ingest corpus/, batch ask, eval (skipped without ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CARDANO_BENCH, full_service, make_service
from whoknows.eval import evaluate_run
from whoknows.eval.inputs import read_queries

pytestmark = [
    pytest.mark.full,
    pytest.mark.skipif(not CARDANO_BENCH.exists(), reason="../shared bench not present"),
]


def test_reference_runs_score_as_published() -> None:
    ids = [q for q, _ in read_queries(CARDANO_BENCH / "queries.tsv")]
    result = evaluate_run(
        CARDANO_BENCH / "qrels.txt", CARDANO_BENCH / "reference-runs" / "bm25-vote.run", ids
    )
    assert result.means["AP"] == pytest.approx(0.233, abs=0.0006)
    assert result.means["P@1"] == pytest.approx(0.207, abs=0.0006)
    low, high = result.intervals["AP"]
    assert low < result.means["AP"] < high


def test_lexical_pipeline_at_least_matches_bm25_vote(tmp_path: Path) -> None:
    service = make_service(tmp_path / "ws", dense=False, learn=False)
    service.ingest.ingest("stackexchange", CARDANO_BENCH / "corpus")
    queries = read_queries(CARDANO_BENCH / "queries.tsv")
    run = tmp_path / "lexical.run"
    service.search.ask_batch(queries, run, k=100, label_by="stackexchange", ranker="lexical")
    result = evaluate_run(CARDANO_BENCH / "qrels.txt", run, [q for q, _ in queries])
    assert result.means["AP"] >= 0.233
    assert result.means["RR"] >= 0.281


@pytest.mark.slow
def test_learned_pipeline_beats_the_references(tmp_path: Path) -> None:
    """Slow (about two minutes: embeddings and training); run with `pytest -m slow`."""
    service = full_service(tmp_path / "ws")
    service.ingest.ingest("stackexchange", CARDANO_BENCH / "corpus")
    queries = read_queries(CARDANO_BENCH / "queries.tsv")
    run = tmp_path / "learned.run"
    service.search.ask_batch(queries, run, k=100, label_by="stackexchange")
    result = evaluate_run(CARDANO_BENCH / "qrels.txt", run, [q for q, _ in queries])
    assert result.means["AP"] >= 0.30
    assert result.means["nDCG@10"] >= 0.35
