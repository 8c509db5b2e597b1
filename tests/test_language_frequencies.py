"""The table of how common each term is in the language (``whoknows/index/language``)."""

from __future__ import annotations

import json

import pytest

from whoknows.index.analysis import tokenize
from whoknows.index.bm25 import idf as workspace_idf
from whoknows.index.specificity import (
    LANGUAGE_ITEMS,
    TABLE,
    accented_spelling,
    language_frequencies,
    language_idf,
    specific_idf,
)

META = json.loads((TABLE / "meta.json").read_text(encoding="utf-8"))


def test_the_table_was_written_with_the_index_s_reading_of_words() -> None:
    """When tokenizing changes (stopwords, folding, stemming), the table's terms no longer
    are the index's: run `scripts/language_frequencies.py` again."""
    assert {word: tokenize(word) for word in META["probe"]} == META["probe"]


def test_the_table_ships_its_sources_and_every_term() -> None:
    table = language_frequencies()
    assert len(table) == META["terms"] > 100_000
    assert "wordfreq" in META["source"] and "CC BY-SA 4.0" in META["licence"]
    assert float(table.frequencies.min()) >= META["least"] * 0.999  # (float32)
    assert table.terms == sorted(table.terms)
    assert not any(t.isdigit() for t in table.terms)  # (a number's frequency is the workspace's)


@pytest.mark.parametrize(
    ("common", "rare"),
    [("chang", "nginx"), ("problem", "kubernet"), ("donne", "sauvegard"), ("base", "postgr")],
)
def test_common_words_of_either_language_are_less_specific(common: str, rare: str) -> None:
    assert language_idf(common, 60.0) < language_idf(rare, 60.0)


def test_a_missing_term_is_as_specific_as_the_rarest() -> None:
    assert "xyzzyplugh" not in language_frequencies()
    assert language_idf("xyzzyplugh", 60.0) == pytest.approx(
        workspace_idf(0.006, int(LANGUAGE_ITEMS)), rel=1e-3
    )


def test_the_workspace_counts_more_as_it_grows() -> None:
    """The blend weighs the workspace's idf by its items against the language's 1,000."""
    small = specific_idf("nginx", holding=10, documents=43, mean_length=60.0)
    large = specific_idf("nginx", holding=10 * 1000, documents=43 * 1000, mean_length=60.0)
    assert small == pytest.approx(
        (43 * workspace_idf(10, 43) + 1000 * language_idf("nginx", 60.0)) / 1043
    )
    assert abs(large - workspace_idf(10_000, 43_000)) < abs(small - workspace_idf(10, 43))


@pytest.mark.parametrize(
    ("word", "language"),
    [
        ("sauvegarde", "fr"),
        ("chiffrement", "fr"),
        ("backup", "en"),
        ("encryption", "en"),
        ("restaurant", None),  # (both languages write it alike)
        ("mode", None),  # (French writes it three times as much: not four)
        ("trace", None),
        ("xyzzyplugh", None),  # (neither writes it)
    ],
)
def test_a_term_leans_to_the_language_that_uses_it_most(word: str, language: str | None) -> None:
    """A translation crosses languages: "encryption" was bridged to "password", two English
    words, because the nearest word the organisation held was taken for its translation; a
    word is one language's when it writes it four times as much as the other."""
    (term,) = tokenize(word)
    assert language_frequencies().language(term) == language


def test_a_french_word_typed_without_accents_is_the_word_meant() -> None:
    """ "securite", "deploiement" found nobody over French or English writing: the embedder
    read them as unknown pieces, where "sécurité" translates to "security"."""
    assert accented_spelling("securite") == "sécurité"
    assert accented_spelling("deploiement") == "déploiement"
    assert accented_spelling("donnees") == "données"
    for english in ("role", "detail", "depot", "resume", "kafka", "sécurité"):
        assert accented_spelling(english) == english
    assert META["accented"] > 10_000
