from __future__ import annotations

import json

import pytest

from whoknows.index.embedders import default_embedder
from whoknows.services import Services

pytestmark = pytest.mark.full


@pytest.fixture
def demo(full_demo: Services) -> Services:
    """This module needs the whole pipeline: embeddings and the learned ranker."""
    return full_demo


def test_embedder_is_multilingual_and_offline() -> None:
    embedder = default_embedder()
    english, french, other = embedder.embed(
        [
            "Where do we store application secrets?",
            "Où stocker les secrets des applications ?",
            "Kafka consumer lag keeps growing",
        ]
    )
    assert english @ french > 0.6 > english @ other


def test_french_question_finds_the_english_speaking_expert(demo) -> None:
    top = demo.search.ask(
        "comment restaurer une table depuis la sauvegarde de la base", k=1, ranker="dense"
    )
    assert top and top[0].name == "Tomás Ferreira"


def test_reindex_embeds_only_new_items(demo, tmp_path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "n1",
                "text": "Tuning PgBouncer pools for billing",
                "authors": ["Tomás Ferreira"],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    demo.ingest.ingest("jsonl", path)
    stats = demo.ingest.reindex()
    assert stats.embedded == 0, "a plain rebuild reuses every embedding"
    path.write_text(
        json.dumps(
            {"id": "n2", "text": "Vacuum settings for events", "authors": ["Tomás Ferreira"]}
        )
        + "\n",
        encoding="utf-8",
    )
    demo.ingest.ingest("jsonl", path)
    meta = json.loads((demo.settings.workspace / "index/dense/meta.json").read_text())
    assert meta["embedded_now"] == 1
