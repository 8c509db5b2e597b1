"""Orthographic cognates of French and English (``index.cognates``): a pharmaceutical
company's "sérialisation" never searched its planner's English serialization mails."""

from __future__ import annotations

import pytest

from whoknows.index.cognates import cognates


@pytest.mark.parametrize(
    ("word", "language", "held", "expected"),
    [
        ("sérialisation", "fr", {"serial"}, ["serialization"]),
        ("stabilité", "fr", {"stabil"}, ["stability"]),
        ("électronique", "fr", {"electron"}, ["electronic"]),
        ("serialization", "en", {"serialis"}, ["serialisation"]),
        ("stability", "en", {"stabilit"}, ["stabilité"]),
        # no such ending, a stem too short, nothing held: none
        ("partie", "fr", {"parti", "party"}, []),
        ("cité", "fr", {"citi", "city"}, []),
        ("sérialisation", "fr", set(), []),
    ],
)
def test_a_cognate_is_the_other_languages_held_spelling(
    word: str, language: str, held: set[str], expected: list[str]
) -> None:
    assert [found.word for found in cognates(word, language, held.__contains__)] == expected
