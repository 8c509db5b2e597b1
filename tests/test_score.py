from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import make_service
from whoknows.cli.main import cli
from whoknows.errors import NotFoundError, UsageError
from whoknows.index.analysis import tokenize
from whoknows.services import Services

pytestmark = pytest.mark.full


@pytest.fixture
def demo(full_demo: Services) -> Services:
    """This module needs the whole pipeline: embeddings and the learned ranker."""
    return full_demo


def test_expert_covers_their_topic(demo) -> None:
    match = demo.search.score(
        "Inès Moreau", "Pods OOMKilled after the helm upgrade: memory limits?"
    )
    assert match.rank == 1 and match.fit == 1.0
    assert match.coverage >= 0.5 and "helm" in match.covered
    assert match.evidence


def test_claim_without_evidence_shows_what_is_missing(demo) -> None:
    text = "gradient boosting model for weekly demand forecasting with holiday features"
    derek = demo.search.score("Derek Hollis", text)
    priya = demo.search.score("Priya Raman", text)
    assert priya.rank == 1 and (derek.rank == 0 or derek.rank > 1), "0: no evidence at all"
    assert {"gradient", "boosting"} <= set(derek.missing)
    assert priya.coverage > derek.coverage


def test_score_places_a_person_where_ask_lists_them(demo) -> None:
    """``score`` ranked a person among every candidate, listed or not (Priya: 5th in ``ask``,
    "rank 8 of 20" in ``score``), and said a learner had no evidence."""
    question = "kafka consumer lag"
    answers = demo.search.ask(question, k=0)
    experts = [a for a in answers if not a.learner]
    for place, answer in enumerate(experts, 1):
        match = demo.search.score(answer.name, question)
        assert (match.rank, match.candidates) == (place, len(experts)), answer.name
        assert not match.learner
    for answer in answers:
        if answer.learner:
            match = demo.search.score(answer.name, question)
            assert match.rank == 0 and match.learner, answer.name
            assert [e.item_id for e in match.evidence] == [e.item_id for e in answer.evidence]
    for answer in experts:  # what they are shown to have written counts as covered
        match = demo.search.score(answer.name, question)
        shown = set(tokenize(" ".join(e.snippet for e in match.evidence)))
        assert not shown & set(tokenize(" ".join(match.missing))), (answer.name, match.missing)


def test_coverage_counts_the_words_a_person_wrote_not_their_question(demo) -> None:
    """A sixth evaluator's generalist "covered" 11 of 11 words of a Postgres question with a
    guess of his ("maybe check the logs"): a reply is indexed with its question, whose words
    are the asker's. The labels of the thread answered still count."""
    text = "How do I drain a Kubernetes node without downtime?"
    raj = demo.search.score("Raj Patel", text)  # (his answer there says nothing of downtime)
    assert "downtime" in raj.missing and "kubernetes" in raj.covered, raj
    assert "drain" in raj.covered


def test_person_references(demo) -> None:
    by_name = demo.people.resolve("ines moreau")
    conn = demo.workspace.store().conn
    se_id = conn.execute(
        "SELECT value FROM aliases WHERE person_id = ? AND source = 'stackexchange'"
        " AND kind = 'source_id'",
        (by_name,),
    ).fetchone()[0]
    assert demo.people.resolve(f"stackexchange:{se_id}") == by_name
    assert demo.people.resolve(str(by_name)) == by_name
    with pytest.raises(NotFoundError):
        demo.people.resolve("Nobody Here")
    with pytest.raises(UsageError):
        demo.search.score("Inès Moreau", "   ")
    # a byte that is not UTF-8, as Python passes it from a terminal: one line, not a traceback
    with pytest.raises(UsageError, match="not text"):
        demo.search.score("Inès Moreau", "kafka \udcff lag")
    with pytest.raises(UsageError, match="not text"):
        demo.search.ask("kafka \udcff lag")


def test_score_cli_single_and_batch(demo, tmp_path: Path) -> None:
    workspace = str(demo.settings.workspace)
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "-q",
            "--workspace",
            workspace,
            "score",
            "--person",
            "Aiko Tanaka",
            "--text",
            "kafka partitions and consumer lag",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Aiko Tanaka — Data Engineer, Data" in result.stdout and "rank 1 of" in result.stdout
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "p1\tAiko Tanaka\tkafka consumer lag\np2\tSam Okafor\tkafka consumer lag\n",
        encoding="utf-8",
    )
    out = tmp_path / "scores.tsv"
    result = runner.invoke(
        cli, ["-q", "--workspace", workspace, "score", "--batch", str(pairs), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    header, first, second = out.read_text().splitlines()
    assert header.split("\t")[:4] == ["pair_id", "person", "score", "rank"]
    assert float(first.split("\t")[2]) > float(second.split("\t")[2])
    pairs.write_text("p1\tonly two fields\n", encoding="utf-8")
    result = runner.invoke(
        cli, ["-q", "--workspace", workspace, "score", "--batch", str(pairs), "--out", str(out)]
    )
    assert result.exit_code == 1 and "pairs.tsv:1: expected pair_id" in result.stderr


def test_people_tied_in_ask_have_the_place_ask_gives_them(tmp_path: Path) -> None:
    """A fresh evaluator's tie: ``ask`` listed a person 7th and ``score`` said "rank 6" for
    the same score; three co-authors of the same papers tie, and each has ``ask``'s place."""
    rows = [
        {"id": f"p{n}", "title": f"Quantum error correction codes {n}",
         "text": "Surface codes correct quantum errors.",
         "authors": ["Ivan Petrov", "Maria Gonzalez", "Olivier Lefevre"]}
        for n in range(3)
    ]  # fmt: skip
    path = tmp_path / "papers.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    service = make_service(tmp_path / "ws")
    service.ingest.ingest("jsonl", path)
    answers = service.search.ask("quantum error correction", k=0)
    assert len({round(a.score, 9) for a in answers}) == 1 and len(answers) == 3
    for place, answer in enumerate(answers, 1):
        assert service.search.score(answer.name, "quantum error correction").rank == place
    service.close()
