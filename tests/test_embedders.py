"""The dense embedders: USE's chunking, the static table (distilled, cached, rebuilt when
damaged), tokenisation identical to USE's, and French questions landing on their English
counterparts."""

from __future__ import annotations

import multiprocessing
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from whoknows.errors import WhoknowsError
from whoknows.index import static_table
from whoknows.index.embedders import (
    EMBEDDERS,
    MAX_CHARS,
    STATIC_NAME,
    StaticUSE,
    chunks,
    default_embedder,
)

# (French question, its English counterpart): written for this test, not taken from a corpus
PAIRS = [
    (
        "Comment déléguer mes ADA à un pool de staking ?",
        "How do I delegate my ADA to a stake pool?",
    ),
    (
        "Où faut-il stocker les mots de passe de la base de données ?",
        "Where should we store the database passwords?",
    ),
    (
        "Pourquoi mon nœud ne se synchronise-t-il plus avec le réseau ?",
        "Why does my node no longer sync with the network?",
    ),
    (
        "Quelle est la différence entre une clé publique et une clé privée ?",
        "What is the difference between a public key and a private key?",
    ),
    (
        "Comment restaurer une table depuis la sauvegarde de la base ?",
        "How to restore a table from the database backup?",
    ),
]


def test_long_items_are_chunked_between_words() -> None:
    text = " ".join(f"word{i}" for i in range(1000))
    found = chunks(text)
    assert len(found) > 1 and all(len(chunk) <= MAX_CHARS + 10 for chunk in found)
    assert " ".join(found) == text, "nothing is cut off"
    assert chunks("   ") == ["."]


def test_unknown_embedder_is_a_clear_error() -> None:
    with pytest.raises(WhoknowsError, match="unknown embedder nope"):
        default_embedder("nope")
    assert STATIC_NAME in EMBEDDERS


def test_static_tokenisation_is_uses_own() -> None:
    """Words are tokenised alone and cached: the pieces are exactly those of the whole text."""
    embedder = StaticUSE(Path("unused"))
    texts = [english for _, english in PAIRS] + [french for french, _ in PAIRS]
    texts.append("  plutus-tx: `cardano-cli query utxo --mainnet`  l'été, naïve façade\u00a0x ")
    for text in texts:
        found = embedder.pieces(text)
        assert found == embedder._tokenizer.encode(text, add_bos=False, add_eos=False)


def test_a_tokenizer_loaded_in_the_background_survives_a_fork() -> None:
    """A query starts loading the tokenizer on another thread; a stale index rebuilt in a
    forked child meanwhile must not inherit the load half done (its lock held: a hang)."""
    embedder = StaticUSE(Path("unused"))
    embedder.load_in_background()
    context = multiprocessing.get_context("fork")
    found = context.SimpleQueue()
    child = context.Process(target=lambda: found.put(embedder.pieces("kafka consumer lag")))
    child.start()
    child.join(timeout=60)
    if child.is_alive():
        child.kill()
    assert child.exitcode == 0, "the child hung or failed"
    in_child = found.get()
    assert in_child == embedder.pieces("kafka consumer lag")
    assert in_child == embedder._tokenizer.encode("kafka consumer lag")


def test_whole_words_are_read_once_and_kept_beside_the_table(tmp_path: Path) -> None:
    """The word bridge's whole words are read from 128,000 pieces once, then from the model
    cache (a cold bridged query spent 0.4 s on them); a damaged file is read again."""
    first = StaticUSE(tmp_path)
    first._vectors, first._scales = _tiny_table().vectors, _tiny_table().scales
    rows, words = first._whole_words()
    saved = static_table.table_path(tmp_path).with_suffix(".words.npz")
    assert saved.exists() and "learning" in words and len(rows) == len(words) > 40_000
    assert words[rows.tolist().index(first._tokenizer.piece_to_id("▁learning"))] == "learning"
    again = StaticUSE(tmp_path)
    found = again._whole_words()
    assert again._tokenizer is None, "read from the cache, not from the tokenizer"
    assert np.array_equal(found[0], rows) and found[1] == words
    saved.write_bytes(saved.read_bytes()[:100])
    assert StaticUSE(tmp_path)._whole_words()[1] == words


@lru_cache(maxsize=1)
def _tiny_table() -> static_table.StaticTable:
    rng = np.random.default_rng(1)
    pieces = static_table.SPECIAL + 400
    raw = rng.normal(size=(pieces, 512)).astype(np.float32)
    log_probs = np.log(np.linspace(0.05, 1e-7, pieces)).astype(np.float32)
    return static_table.distil(raw, log_probs)


def test_distilled_table_is_compact_and_weighted() -> None:
    table = _tiny_table()
    assert table.vectors.dtype == np.int8
    assert table.vectors.shape == (static_table.SPECIAL + 400, static_table.DIMENSIONS)
    assert not table.scales[: static_table.SPECIAL].any(), "special pieces carry no meaning"
    assert table.scales[static_table.SPECIAL] < table.scales[-1], "frequent pieces weigh less"


def test_damaged_table_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []

    def build(progress: object = None) -> static_table.StaticTable:
        built.append(1)
        return _tiny_table()

    monkeypatch.setattr(static_table, "build", build)
    first = static_table.load_or_build(tmp_path)
    path = static_table.table_path(tmp_path)
    assert path.exists() and len(built) == 1
    again = static_table.load_or_build(tmp_path)
    assert len(built) == 1 and np.array_equal(again.vectors, first.vectors)
    path.write_bytes(path.read_bytes()[:1000])  # a truncated file
    static_table.load_or_build(tmp_path)
    assert len(built) == 2
    assert np.array_equal(static_table.StaticTable.load(path).vectors, first.vectors)


def test_static_embeddings_are_unit_means_of_pieces() -> None:
    embedder = StaticUSE(Path("unused"))
    table = _tiny_table()
    embedder._vectors, embedder._scales = table.vectors, table.scales
    embedder._tokenizer = _FakeTokenizer()
    vectors = embedder.embed(["a b", "b a", "", "a " * 5000])
    assert vectors.shape == (4, static_table.DIMENSIONS)
    assert np.allclose(vectors[0], vectors[1]) and not vectors[2].any()
    assert np.isclose(np.linalg.norm(vectors[3]), 1.0), "a long item keeps every token"


class _FakeTokenizer:
    def encode(self, text: str, add_bos: bool = False, add_eos: bool = False) -> list[int]:
        return [static_table.SPECIAL + ord(text[0]) % 300]


@pytest.mark.full
@pytest.mark.parametrize("name", EMBEDDERS)
def test_french_questions_find_their_english_counterparts(name: str) -> None:
    """Each French question is closest to its own English version among all of them and
    unrelated English texts."""
    embedder = default_embedder(name)
    distractors = [
        "Kafka consumer lag keeps growing after the upgrade",
        "The quarterly sales report is due on Friday",
        "Our team lunch moved to the Italian place downstairs",
    ]
    english = embedder.embed([e for _, e in PAIRS] + distractors)
    french = embedder.embed([f for f, _ in PAIRS])
    closest = (french @ english.T).argmax(axis=1)
    assert closest.tolist() == list(range(len(PAIRS)))
