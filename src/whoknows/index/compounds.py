"""French compound terms of the trade ("mise à jour", "base de données", "mot de passe"): one
index term each in place of their words, and their English word for a question asked across the
two languages.

Read word by word, "mise à jour" (an update) matched every text that says "jours" (days), and
an English-writing organisation's "update" was never found for it: the word bridge translates
single words. Each compound of :data:`COMPOUNDS` is one term ("misejour") in place of its
words wherever a text writes it (singular or plural, with or without accents): "mise à jour"
no longer meets "30 jours" nor "mise en production", and a question of "jour" no text that
says "mise à jour". Where no item holds a compound but items hold its English word, a question
is asked with that word ("also searched: update for mise à jour"), and the other way round
("password" asked as "mot de passe" where the organisation writes French).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from whoknows.index.function_words import marked_language
from whoknows.text import fold_accents, fold_with_positions

# the words a compound's two may have between them ("montée de version", "montée en version";
# not "au": "la mise au jour des fouilles" unearths)
_BETWEEN = "(?:a|de|des|d|en)"


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
        """Its first and last words joined, one word ("basedonnees"; the index stems it as any
        other): "montée de version" and "montée en version" are one."""
        return self._folded[0] + self._folded[-1]

    @property
    def first(self) -> str:
        return self._folded[0]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Its words in folded text, the first and last perhaps plural ("mises à jour",
        "tableaux de bord", "pare-feux"), the one between any of :data:`_BETWEEN`."""
        first, *between, last = self._folded
        words = [re.escape(first) + "[sx]?", *(_BETWEEN for _ in between[:1])]
        return re.compile(r"\b" + r"[\s'’-]+".join([*words, re.escape(last) + "[sx]?"]) + r"\b")


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
    Compound("compte rendu", "report"),  # ("comptes rendus": no accounts, "comptes")
    Compound("authentification unique", "sso"),  # (single sign-on: "unique" is no index)
)


_FIRSTS = tuple(sorted({compound.first for compound in COMPOUNDS}))
# a first word written as a word, before a space or a hyphen (looked for before any pattern is
# run: the patterns over every text cost 8% of the time of reading it, 2 to 4% so)
_PROBE = re.compile(r"\b(?:" + "|".join(_FIRSTS) + r")[sx]?[\s-]")


def with_compounds_joined(folded: str) -> str:
    """``folded`` text (lower case, no accents) with each compound it writes, its words next
    to each other, as one word ("la mise a jour du" is "la  misejour  du"): never across a
    stop, a comma or a number ("la mise : 30 jours"), nor another phrase ("plan to reprise")."""
    if not any(first in folded for first in _FIRSTS) or _PROBE.search(folded) is None:
        return folded  # (most texts: no first word of a compound written as a word)
    for compound in COMPOUNDS:
        if compound.first in folded:
            folded = compound.pattern.sub(f" {compound.term} ", folded)
    return folded


def written_compounds(text: str) -> list[tuple[str, Compound]]:
    """Each compound ``text`` writes, as written there ("Base de Données")."""
    if " " not in text and "-" not in text:
        return []  # (a compound is two words at least)
    folded, origin = fold_with_positions(text)
    found = []
    for compound in COMPOUNDS:
        for match in compound.pattern.finditer(folded):
            start, end = match.start(), match.end()
            if origin is not None:
                start, end = origin[start], origin[end - 1] + 1
            found.append((text[start:end], compound))
    return found


@dataclass(frozen=True)
class Translated:
    """A compound or an English word as a question wrote it, and what it is asked as."""

    written: str
    asked: str
    kept: bool = False


def translated(
    text: str, holds: Callable[[str], bool], term_of: Callable[[str], str]
) -> list[Translated]:
    """Each compound ``text`` writes, with its English word where items hold that; each
    English word of a compound, with the compound where items hold it, unless the question is
    written in French and items hold the English word too, as French usage (a French bank's
    "le reporting FINREP" is no "compte rendu"); ``kept`` where items
    hold what the question wrote too (an organisation that writes both languages: both are
    asked). ``holds``: whether an item someone may be shown holds a term; ``term_of``: a
    word's index term."""
    found: dict[str, Translated] = {}
    for written, compound in written_compounds(text):
        if holds(term_of(compound.english)):
            kept = holds(term_of(compound.term))
            found.setdefault(compound.english, Translated(written, compound.english, kept))
    words = re.findall(r"[^\W\d_]+", text)
    french = marked_language(words) == "fr"
    by_term = {term_of(compound.english): compound for compound in COMPOUNDS}
    for word in words:
        term = term_of(word.lower())
        english = by_term.get(term)
        if english is None or not holds(term_of(english.term)):
            continue  # ("databases" asks the compound as "database" does)
        if french and holds(term):
            continue  # (the organisation's French usage: "le reporting", "le dashboard")
        found.setdefault(english.english, Translated(word, english.written, holds(term)))
    return list(found.values())


__all__ = [
    "COMPOUNDS",
    "Compound",
    "Translated",
    "translated",
    "with_compounds_joined",
    "written_compounds",
]
