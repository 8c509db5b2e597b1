"""Orthographic cognates of French and English: the word the other language spells alike,
accents aside and a learned ending changed ("sérialisation" and "serialization", "stabilité"
and "stability", "électronique" and "electronic"), for a word the encoder's word space gives
no translation (:mod:`.translation`: a rare word of a trade has loose neighbours), never in
place of one: a cognate is searched by its index term, which other words share ("politic" is
the stem of "polite", "actuality" of "actually": tried first, they had replaced "policy" and
"news", an attacker's).

A pharmaceutical company writing both languages asked "sérialisation": its planner's English
mails on serialization (83% of that evidence) were never searched, the word space holding no
mutual neighbour of it (a fresh evaluator's). Matching cognates is the oldest device of
cross-language retrieval between related languages; here only the endings that learned words
take alike in the two (-isation/-ization, -iser/-ize, -ité/-ity, -ique/-ic), a stem of four
letters at least kept whole but its accents, and only a spelling whose index term some item
holds and that is a word of the other language ("partie" is no "party": no such ending).
"""

from __future__ import annotations

from collections.abc import Callable

from whoknows.index.analysis import tokenize
from whoknows.index.specificity import language_frequencies
from whoknows.index.translation import LEAST_SPELT_SCORE, Translation, other
from whoknows.text import fold_accents

SHORTEST_STEM = 4  # letters before the ending ("serial|isation"; "cit|é" is no "cit|y")
# each language's learned endings and what the other writes for them
ENDINGS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "fr": (
        ("isation", ("ization", "isation")),
        ("iser", ("ize", "ise")),
        ("ité", ("ity",)),
        ("ique", ("ic",)),
    ),
    "en": (
        ("ization", ("isation",)),
        ("isation", ("isation",)),
        ("ize", ("iser",)),
        ("ity", ("ité",)),
        ("ic", ("ique",)),
    ),
}


def cognates(word: str, language: str, holds: Callable[[str], bool]) -> list[Translation]:
    """The other language's spellings of ``word`` (of ``language``) that some item holds, as
    the module says; none for a word of no such ending."""
    lowered = word.lower()
    own = tokenize(lowered)
    found: list[Translation] = []
    for ending, spellings in ENDINGS.get(language, ()):
        stem = lowered[: -len(ending)]
        if not lowered.endswith(ending) or len(stem) < SHORTEST_STEM:
            continue
        for spelling in spellings:
            written = (fold_accents(stem) if language == "fr" else stem) + spelling
            terms = tokenize(written)
            if len(terms) != 1 or terms == own or not holds(terms[0]):
                continue
            if language_frequencies().language(terms[0]) not in (other(language), None):
                continue  # (a word of the question's own language spelt so)
            found.append(Translation(terms[0], written, LEAST_SPELT_SCORE))
        if found:
            break
    return found


__all__ = ["ENDINGS", "cognates"]
