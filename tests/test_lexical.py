from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from whoknows.errors import IndexStateError
from whoknows.index.analysis import tokenize
from whoknows.index.lexical import IndexedDocument, LexicalIndex, SortedVocabulary

DOCS = [
    "Kafka consumer lag grows on the tracking topic",
    "PostgreSQL backup restore with pgBackRest",
    "Kafka partitions and consumer groups; consumer lag explained",
    "Draining Kubernetes nodes before patching",
    "Les secrets sont stockés dans Vault",
]


def reference_bm25(query: str, docs: list[str], k1: float = 1.2, b: float = 0.75) -> list[float]:
    """Textbook BM25 (Lucene idf), written independently of the index code."""
    tokenized = [tokenize(d) for d in docs]
    average = sum(map(len, tokenized)) / len(tokenized)
    scores = []
    for terms in tokenized:
        counts = Counter(terms)
        score = 0.0
        for term in tokenize(query):
            df = sum(1 for t in tokenized if term in t)
            if not df:
                continue
            idf = math.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
            tf = counts[term]
            score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(terms) / average))
        scores.append(score)
    return scores


def build() -> LexicalIndex:
    return LexicalIndex.build(
        (IndexedDocument(i + 10, text, float(i)) for i, text in enumerate(DOCS)), generation=3
    )


@pytest.mark.parametrize("query", ["kafka consumer lag", "restore backup", "secret vault", "x"])
def test_scores_match_reference(query: str) -> None:
    index = build()
    np.testing.assert_allclose(index.scores(query), reference_bm25(query, DOCS), rtol=1e-5)


def test_search_order_since_and_roundtrip(tmp_path: Path) -> None:
    index = build()
    hits = index.search("kafka consumer lag", k=5)
    assert [item for item, _ in hits] == [12, 10] or [item for item, _ in hits] == [10, 12]
    assert hits[0][1] >= hits[1][1]
    assert [item for item, _ in index.search("kafka", k=5, since=1.5)] == [12]
    index.save(tmp_path / "lexical")
    loaded = LexicalIndex.load(tmp_path / "lexical")
    assert loaded.generation == 3
    np.testing.assert_allclose(loaded.scores("kafka lag"), index.scores("kafka lag"))


def test_accents_and_stems_meet() -> None:
    assert tokenize("Stockés") == tokenize("stockes")
    assert tokenize("restoring restored") == tokenize("restore restores")


def test_damaged_index_says_reindex(tmp_path: Path) -> None:
    build().save(tmp_path / "lexical")
    (tmp_path / "lexical" / "weights_data.npy").write_bytes(b"garbage")
    with pytest.raises(IndexStateError, match="whoknows reindex"):
        LexicalIndex.load(tmp_path / "lexical")


def test_the_vocabulary_on_disk_finds_every_term_and_only_them(tmp_path: Path) -> None:
    """The sorted, memory-mapped vocabulary answers like the dictionary it was written from
    (accented and non-Latin terms included: UTF-8 byte order is code point order)."""
    terms = {"zeta": 0, "état": 1, "etat": 2, "kafka": 3, "東京": 4, "a": 5, "ab": 6, "": 7}
    SortedVocabulary.write(tmp_path, terms)
    loaded = SortedVocabulary.read(tmp_path)
    assert dict(loaded) == terms and len(loaded) == len(terms)
    assert loaded["état"] == 1 and loaded.get("etats") is None and "abc" not in loaded
    assert 3 not in loaded  # type: ignore[comparison-overlap]
    SortedVocabulary.write(tmp_path, {})
    assert len(SortedVocabulary.read(tmp_path)) == 0 and "a" not in SortedVocabulary.read(tmp_path)
