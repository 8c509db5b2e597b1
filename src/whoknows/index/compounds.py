"""French compound terms of the trade ("mise à jour", "base de données", "mot de passe"): one
index term each in place of their words, and their English word for a question asked across the
two languages.

Read word by word, "mise à jour" (an update) matched every text that says "jours" (days), and
an English-writing organisation's "update" was never found for it: the word bridge translates
single words. Each compound of :data:`COMPOUNDS` is one term ("miseajour") in place of its
words wherever a text writes it (singular or plural, with or without accents): "mise à jour"
no longer meets "30 jours" nor "mise en production", and a question of "jour" no text that
says "mise à jour". Where no item holds a compound but items hold its English word, a question
is asked with that word ("also searched: update for mise à jour"), and the other way round
("password" asked as "mot de passe" where the organisation writes French).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from whoknows.text import fold_accents


def _singular(word: str) -> str:
    return word[:-1] if word.endswith(("s", "x")) else word


@dataclass(frozen=True)
class Compound:
    """A compound as written in the singular ("base de données"), and its English word."""

    written: str
    english: str

    @cached_property
    def _folded(self) -> list[str]:
        return re.split(r"[\s'-]+", fold_accents(self.written))

    @property
    def term(self) -> str:
        """Its index term: its folded words joined ("basededonnees")."""
        return "".join(self._folded)

    @property
    def words(self) -> tuple[str, str]:
        """Its first and last words, as the index keeps them (the words between are
        stopwords: "à", "de", "en", "d'")."""
        return _singular(self._folded[0]), _singular(self._folded[-1])

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Its words in folded text, each perhaps plural ("mises à jour", "tableaux de bord",
        "pare-feux")."""
        words = (re.escape(word) + "[sx]?" for word in self._folded)
        return re.compile(r"\b" + r"[\s'’-]+".join(words) + r"\b")


# the first and last words are no stopwords; the words between are
COMPOUNDS = (
    Compound("mise à jour", "update"),
    Compound("base de données", "database"),
    Compound("mot de passe", "password"),
    Compound("tableau de bord", "dashboard"),
    Compound("pare-feu", "firewall"),
    Compound("mise en production", "deployment"),
    Compound("retour arrière", "rollback"),
    Compound("nom d'utilisateur", "username"),
    Compound("montée de version", "upgrade"),
    Compound("plan de reprise", "recovery"),
)
_BY_WORDS = {compound.words: compound for compound in COMPOUNDS}
_FIRST_FORMS = frozenset(first + end for first, _ in _BY_WORDS for end in ("", "s", "x"))


def joined(words: list[str], terms: list[str]) -> list[str]:
    """``terms`` (the index terms of ``words``, a text's kept words: folded, unstemmed,
    stopwords out) with each compound's two words one term: two neighbours that are a
    compound's first and last words ("mise", "jour" are "miseajour")."""
    if _FIRST_FORMS.isdisjoint(words):
        return terms  # (most texts: one pass)
    found: list[str] = []
    at = 0
    while at < len(words):
        pair = (_singular(words[at]), _singular(words[at + 1]) if at + 1 < len(words) else "")
        compound = _BY_WORDS.get(pair)
        found.append(compound.term if compound else terms[at])
        at += 2 if compound else 1
    return found


def written_compounds(folded: str) -> Iterator[tuple[Compound, int, int]]:
    """Each compound ``folded`` text writes, with where (start, end)."""
    for compound in COMPOUNDS:
        for match in compound.pattern.finditer(folded):
            yield compound, match.start(), match.end()


@dataclass(frozen=True)
class Translated:
    """A compound or an English word as a question wrote it, and what it is asked as."""

    written: str
    asked: str


def translated(
    text: str,
    folded: tuple[str, list[int] | None],
    holds: Callable[[str], bool],
    term_of: Callable[[str], str],
) -> list[Translated]:
    """Each compound ``text`` writes that no item holds, with its English word where items
    hold that; each English word of a compound that no item holds, with the compound where
    items hold it. ``folded``: ``text`` folded as the index reads it, with each character's
    position in ``text`` (None: the same); ``holds``: whether an item someone may be shown
    holds a term; ``term_of``: a word's index term."""
    found: dict[str, Translated] = {}
    lowered, origin = folded
    for compound, start, end in written_compounds(lowered):
        if holds(compound.term) or not holds(term_of(compound.english)):
            continue
        if origin is not None:
            start, end = origin[start], origin[end - 1] + 1
        found.setdefault(compound.term, Translated(text[start:end], compound.english))
    by_term = {term_of(compound.english): compound for compound in COMPOUNDS}
    for word in re.findall(r"[^\W\d_]+", text):
        term = term_of(word.lower())
        english = by_term.get(term)
        if english is None or holds(term) or not holds(english.term):
            continue  # ("databases" asks the compound as "database" does)
        found.setdefault(english.english, Translated(word, english.written))
    return list(found.values())


__all__ = ["COMPOUNDS", "Compound", "Translated", "joined", "translated", "written_compounds"]
