"""Query words translated into the organisation's words in the other language, for
:mod:`.bridge`: "apprentissage" to "learning", "quantique" to "quantum", "backups" to
"sauvegardes".

The space is multilingual USE's own (:mod:`.word_space`): the whole words of its vocabulary
that English or French writes, each encoded alone, and a query word encoded by the sentence
encoder itself, so a word of several pieces ("quantique", "neuronale") is read as a word, not
as the sum of its pieces (the static table read "quantique" as "quanti", quantity, and
"neuronale" as "neuron").

A translation is bilingual lexicon induction between the two languages' words: a word of the
other language whose stem an item holds, among the query word's :data:`NEIGHBOURS` nearest
words of that language, and whose own :data:`NEIGHBOURS` nearest words of the query's language
hold the query word back (mutual nearest neighbours, counted within the two languages: a word
has translations in fourteen other languages of the vocabulary, which are no neighbours here).
Each word keeps up to :data:`ALTERNATIVES`; of those, the query takes the combination whose
neighbouring words the organisation's items associate most (co-occurrence disambiguation,
Ballesteros and Croft 1998, with the Dice coefficient): "apprentissage par renforcement" is
"learning reinforcement", not "learning strengthen".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from whoknows.index.analysis import tokenize
from whoknows.index.clipped import RARE_IN_LANGUAGE
from whoknows.index.specificity import accented_spelling, language_frequencies
from whoknows.index.word_space import WordSpace

NEIGHBOURS = 10  # a translation is among the word's 10 nearest of the other language
ALTERNATIVES = 3  # translations of a word weighed against the question's other words
CANDIDATES = 256  # nearest words of a language read at once for a word (every stem)
FEWEST_TOGETHER = 2  # items holding two words before their association counts
# a translation's least CSLS score: below it, mutual neighbours are loose associations of a
# word the encoder knows little ("punching" to "frappé", "slab" to "bac", "beam" to "éclat",
# "invoice" to "debit", all under 0.07, put a VAT checklist first for "punching shear check of
# a flat slab"), where 41 translations of the trade probed scored 0.109 ("congés",
# "holidays") to 0.705 ("concrete", "béton"); docs/ranking.md, "Translations in the
# encoder's word space"
LEAST_SCORE = 0.1
# a word spelt beside the vocabulary's is read from its pieces, whose spelling alone brings
# words together ("jeton" and "singleton" share "ton"): twice the floor ("réglementaire" for
# regulatory scored 0.22, "superviseur" 0.25, "traçabilité" 0.38)
LEAST_SPELT_SCORE = 2 * LEAST_SCORE
LANGUAGES = ("en", "fr")
WORDS_KEPT = 4096  # words whose vectors are kept (2 MB)
# the letters English and French write ("día", "słow", "ateş" are other languages' words)
_LETTERS = re.compile(r"[a-zàâæçéèêëîïôœùûüÿ]+")


@dataclass(frozen=True)
class Translation:
    """A word of the other language an item holds: its index term and its spelling."""

    stem: str
    word: str
    score: float  # (CSLS: the cosine less the two words' mean cosines to their neighbours)
    asked: bool = False  # (a word of the question left as written: its own one option)


def other(language: str) -> str:
    return "fr" if language == "en" else "en"


class WordTranslator:
    """Translations over ``space`` (:class:`~.word_space.WordSpace`: whole words English or
    French writes, their index terms and unit vectors) and ``embed`` (a word's vector, the same
    encoder)."""

    def __init__(self, space: WordSpace, embed: Callable[[str], np.ndarray]) -> None:
        self.words = space.words
        self._stems = space.stems
        spelt_from = len(space.words) if space.spelt_from is None else space.spelt_from
        self._spelt_from = spelt_from
        vectors = space.vectors  # (float16, each row set made float32 apart: no BLAS for it)
        self._embed = embed
        self._encoded: dict[str, np.ndarray] = {}  # (a word met again: training asks it often)
        table = language_frequencies()
        writes: dict[str, list[bool]] = {language: [] for language in LANGUAGES}
        for word, stem in zip(self.words, self._stems, strict=True):
            found = table.by_language(stem)
            spelt = _LETTERS.fullmatch(word) is not None
            for language in LANGUAGES:  # (written at least half as much there as elsewhere)
                own, rest = found[language], found[other(language)]
                writes[language].append(spelt and own >= RARE_IN_LANGUAGE and 2 * own >= rest)
        whole = np.arange(len(self.words)) < spelt_from
        # (a translation is read among a language's words, a word's way back among the
        # vocabulary's own words of the question's language: each product reads those rows
        # only, a third of the words or less, where reading all of them made a bilingual
        # workspace's training and questions slow)
        self._near = {
            language: _Rows.of(vectors, np.asarray(writes[language])) for language in LANGUAGES
        }
        self._back = {
            language: _Rows.of(vectors, np.asarray(writes[language]) & whole)
            for language in LANGUAGES
        }

    def translations(
        self, word: str, language: str, holds: Callable[[str], bool]
    ) -> list[Translation]:
        """Held words of the other language that translate ``word`` (a word of
        ``language``), best first: among its :data:`NEIGHBOURS` nearest words of that language,
        those that hold it back among their own nearest of ``language`` (mutual), scored by
        CSLS, and at least half as good as the best translation, held or not (at most
        :data:`ALTERNATIVES`), and scoring :data:`LEAST_SCORE` at least (a spelt word
        :data:`LEAST_SPELT_SCORE`): "disk" is "disque",
        and over writing that never says it, no "formate", whose stem "formation" shares."""
        terms = tokenize(word)
        if len(terms) != 1:
            return []
        vector = self._vector(accented_spelling(word))
        if not vector.any():
            return []
        near = self._near[other(language)]
        nearest = self._neighbours(
            near.vectors @ (vector / np.linalg.norm(vector)), near, terms[0], holds
        )
        if len(nearest) < NEIGHBOURS:
            return []
        spread = float(np.mean([similarity for _, _, similarity in nearest]))
        found: list[Translation] = []
        best = 0.0  # (of every translation, held or not)
        back_rows = self._back[language]
        # (one pass over the words for all ten)
        around = back_rows.vectors @ near.vectors[[local for _, local, _ in nearest]].T
        for column, (at, _, similarity) in enumerate(nearest):
            if _ending_of(self.words[at], word):
                continue  # ("page" of "rattrapage": a piece the encoder's vocabulary shares)
            # (among the vocabulary's own words: a spelt word the organisation writes beside
            # the question's would raise the bar of "fee" to "frais" in an English forum)
            back = self._neighbours(around[:, column], back_rows, self._stems[at], _none_held)
            if len(back) < NEIGHBOURS or similarity < back[-1][2]:
                continue  # (not mutual: the word is not among its nearest)
            score = 2 * similarity - spread - float(np.mean([s for _, _, s in back]))
            best = max(best, score)
            least = LEAST_SPELT_SCORE if at >= self._spelt_from else LEAST_SCORE
            if holds(self._stems[at]) and score >= least:
                found.append(Translation(self._stems[at], self.words[at], score))
        found.sort(key=lambda translation: -translation.score)
        return [t for t in found if 2 * t.score >= best > 0][:ALTERNATIVES]

    def _vector(self, word: str) -> np.ndarray:
        """``word``'s vector, encoded once (:data:`WORDS_KEPT` kept)."""
        found = self._encoded.get(word)
        if found is None:
            if len(self._encoded) >= WORDS_KEPT:
                self._encoded.clear()
            found = self._encoded[word] = np.asarray(self._embed(word), dtype=np.float32)
        return found

    def _neighbours(
        self, similarities: np.ndarray, rows: _Rows, besides: str, holds: Callable[[str], bool]
    ) -> list[tuple[int, int, float]]:
        """The :data:`NEIGHBOURS` nearest words of ``rows`` (``similarities``: each row's),
        one a stem (an inflection is the same word), ``besides`` (a stem) left out, and a word
        spelt beside the vocabulary's only where ``holds`` it (else "confidentiality", which
        the organisation never writes, crowds out "privacy", which it does): each as its
        word's row, its place among ``rows`` and its similarity."""
        found: dict[str, tuple[int, int, float]] = {}
        for local in _by_nearness(similarities):
            at = int(rows.index[local])
            stem = self._stems[at]
            if at >= self._spelt_from and not holds(stem):
                continue
            if stem != besides and stem not in found:
                found[stem] = (at, local, float(similarities[local]))
                if len(found) >= NEIGHBOURS:
                    break
        return list(found.values())


@dataclass(frozen=True)
class _Rows:
    """Some words of the space: their rows (``index``) and their vectors, in that order."""

    index: np.ndarray
    vectors: np.ndarray

    @classmethod
    def of(cls, vectors: np.ndarray, chosen: np.ndarray) -> _Rows:
        index = np.flatnonzero(chosen)
        return cls(index, vectors[index].astype(np.float32))


def _none_held(stem: str) -> bool:
    return False


def _ending_of(candidate: str, word: str) -> bool:
    """Whether ``candidate`` is the end of ``word``, under half its length ("page" of
    "rattrapage", catch-up): near in the encoder's space for the pieces it spells both with,
    never its translation."""
    candidate, word = candidate.lower(), word.lower()
    return 2 * len(candidate) < len(word) and word.endswith(candidate)


def _by_nearness(similarities: np.ndarray) -> Iterator[int]:
    """The rows of ``similarities`` above minus infinity, highest first: the
    :data:`CANDIDATES` nearest, then four times as many, and so on."""
    count, done = CANDIDATES, 0
    while done < similarities.size:
        ordered = _nearest(similarities, count)
        for at in ordered[done:]:
            if similarities[at] == -np.inf:
                return
            yield at
        done, count = len(ordered), count * 4


def _nearest(similarities: np.ndarray, count: int) -> list[int]:
    """The rows of the ``count`` highest similarities, highest first."""
    count = min(count, similarities.size)
    top = np.argpartition(-similarities, count - 1)[:count]
    ordered: list[int] = top[np.argsort(-similarities[top], kind="stable")].tolist()
    return ordered


def chosen(
    options: Sequence[Sequence[Translation]], together: Callable[[Sequence[str]], int]
) -> list[Translation] | None:
    """One translation a word (``options``: each word's, in the question's order; a word
    already held is its own one option): the path whose neighbouring pairs are most associated
    in the organisation's items (the Dice coefficient of the items that hold each and both,
    ``together``: how many items hold every stem given, so a common word is not chosen for
    being common: "sauvegarde déploiement" is backup, not save), the best translations first
    among equals; None when a word has no option."""
    if not options or any(not found for found in options):
        return None
    if len(options) == 1:
        return [options[0][0]]
    held: dict[str, int] = {}

    def dice(first: str, second: str) -> float:
        if first == second:
            return 0.0
        for stem in (first, second):
            if stem not in held:
                held[stem] = together([stem])
        shared = together([first, second])
        if shared < FEWEST_TOGETHER:
            return 0.0  # (one item that says both is chance, not the organisation's usage)
        return 2 * shared / (held[first] + held[second])

    # best[i][j]: the most association of a path ending with option j of word i (Viterbi)
    best: list[list[tuple[float, float]]] = [[(0.0, -rank) for rank, _ in enumerate(options[0])]]
    back: list[list[int]] = [[0] * len(options[0])]
    for i in range(1, len(options)):
        row, links = [], []
        choice = len(options[i]) > 1 or len(options[i - 1]) > 1  # (else nothing to weigh)
        for rank, current in enumerate(options[i]):
            scored = []
            for j, previous in enumerate(options[i - 1]):
                association, nearness = best[i - 1][j]
                step = dice(previous.stem, current.stem) if choice else 0.0
                scored.append(((association + step, nearness - rank), j))
            (score, link) = max(scored)
            row.append(score)
            links.append(link)
        best.append(row)
        back.append(links)
    last = max(range(len(options[-1])), key=lambda j: best[-1][j])
    path = [last]
    for i in range(len(options) - 1, 0, -1):
        path.append(back[i][path[-1]])
    return [options[i][j] for i, j in enumerate(reversed(path))]


__all__ = ["ALTERNATIVES", "NEIGHBOURS", "Translation", "WordTranslator", "chosen"]
