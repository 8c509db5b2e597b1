"""A query word written short or mistyped, asked as the organisation writes it.

A word written short is bridged too, with or without embeddings (:func:`clipped_bridges`): an
unknown word the language rarely writes ("postgres", "kube") to the word of the organisation it
begins that most items hold ("postgresql", "kubernetes"), one unknown word among known ones
included: that is how a name of a tool is shortened ("postgre", "kafk"); a word of the
language cut short ("parsin") is the word it was cut from where the organisation writes it,
never a common word, and a word neither English nor French writes ("transf") is not
translated either. A word in Russian letters no item holds is read in Latin ones first
("Кафка" is "kafka").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice, product
from string import ascii_lowercase

from whoknows.index.analysis import tokenize, word_stems
from whoknows.index.lexical_vocabulary import terms_beginning
from whoknows.index.specificity import language_frequencies

SHORTEST_CLIPPED = 4  # letters of a word read as the start of a longer one ("kube")
RARE_IN_LANGUAGE = 1e-6  # a word the language writes under once in a million: typed short
NAME_IN_LANGUAGE = 1e-5  # a completion: a name, under once in 100,000 words (see docs)
MOST_BEGUN = 64  # the organisation's words read that begin with a clipped one
FEWEST_ITEMS = 3  # items holding a completion: a word of the organisation, not one item's
FEWEST_TYPED = 5  # letters of a word read as another mistyped ("kafak"; "kafk" is cut short)
FEWEST_MISSPELT = 6  # letters of a word read as a word of the language misspelt ("posible")
FEWEST_LEFT_OUT = 8  # letters of one read as a word with a letter left out ("replicaton")
_HEXADECIMAL = re.compile(r"[a-f]+")
_STANDING_WORD = re.compile(r"(?<![\w])[^\W\d_]{3,}(?![\w])")  # not "acad" of "5acad26"
LONGEST_SHOWN = 40  # characters of an unknown word named (a pasted blob is no word)


@dataclass(frozen=True)
class Bridge:
    """A query word (as written) and the organisation's word it was bridged to; ``kept``: the
    word is held too, and asked beside its bridge (a compound in a bilingual organisation);
    ``senses``: ``to`` is several words, the translations of a word asked alone ("safety
    security" for "sécurité"), searched together, one of them for a topic (:func:`one_sense`)."""

    word: str
    to: str
    kept: bool = False
    senses: bool = False  # ``to`` is the word's translations, each a sense it may mean


def bare(word: str) -> str:
    """A word without case and accents ("Déploiement" is "deploiement")."""
    return unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()


def one_sense(found: list[Bridge], holding: Callable[[str], int]) -> list[Bridge]:
    """``found`` with a word's several translations narrowed to the one most items hold
    (``holding``: how many items someone may be shown for hold a word): a topic's items hold
    all its words, so "safety security" would be the few items that say both."""
    return [
        Bridge(bridge.word, max(bridge.to.split(), key=holding), bridge.kept)
        if bridge.senses
        else bridge
        for bridge in found
    ]


def clipped_bridges(
    text: str,
    holds: Callable[[str], bool],
    holding: Callable[[str], int],
    vocabulary: Mapping[str, int],
) -> list[Bridge]:
    """Each word of ``text`` (of :data:`SHORTEST_CLIPPED` to :data:`LONGEST_SHOWN` letters,
    not an identifier) whose stem no item holds (``holds``: an item someone may be shown holds
    it; ``holding``: how many) and that the language rarely writes, bridged to the
    organisation's word it begins ("postgres" to "postgresql"; the index term of letters held
    by the most items, at most twice the word's length, the shortest of equals; or the word it
    was cut from, "parsin" is "parsing"), else the name it is one slip from ("kafak")."""
    if all(holds(stem) or not rare(stem) for stem in set(tokenize(text))):
        return []  # (most questions: each word is held or one of the language)

    found: dict[str, Bridge] = {}
    for word in _STANDING_WORD.findall(text):
        lower = word.lower()
        if not SHORTEST_CLIPPED <= len(word) <= LONGEST_SHOWN or lower in found:
            continue  # (a pasted blob is no word written short)
        if word[1:] != word[1:].lower():
            continue  # (an identifier, "ApiUrls"; an acronym)
        if _HEXADECIMAL.fullmatch(lower):
            continue  # (a piece of a hash or an address: "ffed", "acad")
        terms = tokenize(word)
        if len(terms) != 1 or holds(terms[0]) or not rare(terms[0]):
            continue
        spelt = lower if _latin(word) else _in_latin(lower) or ""
        stems = tokenize(spelt)
        if len(stems) != 1:
            continue  # (slips are of Latin letters: Greek or Korean is not read so)
        target = (
            (spelt if spelt != lower and holds(stems[0]) else None)  # ("Кафка" is "kafka")
            or _retyped(spelt, holds)
            or _completed(bare(spelt), stems[0], holding, vocabulary)
            or (_mistyped(bare(spelt), stems[0], holding) if _lower(word, text) else None)
        )
        if target is not None:
            found[lower] = Bridge(word, target)
    return list(found.values())


def _lower(word: str, text: str) -> bool:
    """Whether ``word`` is written in lower case, or capitalised only as the text's first word
    ("Kafak consumer lag": a sentence's capital, not a name's)."""
    return word[0].islower() or text.lstrip(" \t\n\"'«“(").startswith(word)


def _latin(word: str) -> bool:
    """Whether every letter of ``word`` is a Latin one (accented or not)."""
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in word)


# Russian letters in Latin ones, as tools' names are written back ("Кафка" is "kafka",
# "Постгрес" "postgres", "Докер" "doker", one slip from "docker")
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),
        strict=True,
    )
)


def _in_latin(word: str) -> str | None:
    """``word`` (lower case) in Latin letters, when it is written in Russian letters."""
    if not all(letter in _CYRILLIC for letter in word):
        return None
    return "".join(_CYRILLIC[letter] for letter in word).replace("-", "")


def rare(term: str) -> bool:
    return language_frequencies().get(term, 0.0) < RARE_IN_LANGUAGE


def _retyped(word: str, holds: Callable[[str], bool]) -> str | None:
    """The held stem of ``word`` with a letter typed three times or more in a row typed twice,
    else once ("errror", "addresss", "kubbbernetes": no word of either language writes one
    so)."""
    for run in re.finditer(r"(.)\1{2,}", word):
        for kept in (2, 1):
            terms = tokenize(word[: run.start()] + run.group(1) * kept + word[run.end() :])
            if len(terms) == 1 and len(terms[0]) >= SHORTEST_CLIPPED and holds(terms[0]):
                return terms[0]  # (never "xx" for a placeholder "xxxxx")
    return None


def _cut_from(word: str) -> dict[str, str]:
    """The stems of ``word`` with one or two letters added, each with the shortest such word:
    the word of the language it was cut from ("parsin" is "parsing", which the index writes
    "pars"; "evaluatio" is "evaluation") or a name it begins ("kafk" is "kafka")."""
    longer = [
        word + added
        for added in (*ascii_lowercase, *map("".join, product(ascii_lowercase, repeat=2)))
    ]
    found: dict[str, str] = {}
    for written, stem in zip(longer, word_stems(longer), strict=True):
        found.setdefault(stem, written)
    return found


def _completed(
    word: str, stem: str, holding: Callable[[str], int], vocabulary: Mapping[str, int]
) -> str | None:
    """Of the terms that ``word`` begins or was cut from (:func:`_cut_from`), the one held by
    the most items, when they are more than those of all the others together ("kube" is
    "kubernetes" where few items say "kubent"; "prev" is none where "prevent" and "previous"
    are both written; "parsin" is "parsing" where more items say it than "parsinlu"), at
    least :data:`FEWEST_ITEMS` of them (a glued identifier, "loggingoptions", is one item's),
    a name (not "initial" for "init") unless ``word`` is it cut one or two letters short
    ("databas", "readin"), and written as a word that asks it again; that word."""
    asked = {
        term: term
        for term in islice(terms_beginning(vocabulary, word), MOST_BEGUN)
        if len(term) <= 2 * len(word) and term.isalpha()
    }
    cut = _cut_from(word)
    asked |= cut  # (a stem as a word the stemmer cuts to it again: "databas" is "database")
    term = _most_held(asked, stem, holding)
    if term is None or not (term in cut or _named(term)):
        return None  # (what most items say is not what can be asked: nothing)
    return asked[term]


def _most_held(asked: Mapping[str, str], stem: str, holding: Callable[[str], int]) -> str | None:
    """Of the terms of ``asked`` (term -> a word that asks it) other than ``stem``, the one
    held by more items than all the others together and by :data:`FEWEST_ITEMS` at least (the
    shortest of equals), when its word asks it again."""
    held = sorted(
        (-count, len(term), term) for term in asked.keys() - {stem} if (count := holding(term)) > 0
    )
    if not held or -held[0][0] <= sum(-count for count, _, _ in held[1:]):
        return None
    count, _, term = held[0]
    return term if -count >= FEWEST_ITEMS and tokenize(asked[term]) == [term] else None


def _mistyped(word: str, stem: str, holding: Callable[[str], int]) -> str | None:
    """The organisation's name ``word`` is one typing slip from (a letter left out, added,
    changed, or two swapped: "kafak", "promethues"), when it is of :data:`FEWEST_TYPED`
    letters or more (a short word is a slip from many), held by more items than every other
    such term together and by :data:`FEWEST_ITEMS` at least, and no common word of the
    language (a slip from one is a word of its own as often: "steem" is a coin, not "seem";
    "capacious" no "capacity"); that term, as a word that asks it again. A capitalised word
    is a name, never read as a slip ("Euler", "Kaiming")."""
    if len(word) < FEWEST_TYPED:
        return None
    slips = list(_slips(word))
    asked: dict[str, str] = {}
    for slipped, slipped_stem in zip(slips, word_stems(slips), strict=True):
        asked.setdefault(slipped_stem, slipped)
    term = _most_held(asked, stem, holding)
    if term is not None and _named(term):
        return asked[term]
    return _misspelt(word, stem, holding) if len(word) >= FEWEST_MISSPELT else None


def _misspelt(word: str, stem: str, holding: Callable[[str], int]) -> str | None:
    """The word of the language ``word`` is misspelt from by the slips that make no other
    word: two letters swapped past the first ("andriod", "enviornment", "recieve") or a letter
    doubled or not ("posible", "adress", "proccess"), one of them, or in a word of
    :data:`FEWEST_LEFT_OUT` letters or more that neither language writes at all a letter left
    out past the first ("replicaton", "certifcat"): the held term of those slips
    (:func:`_most_held`), as a word that asks it again."""
    slips = list(_swapped_or_doubled(word))
    if len(word) >= FEWEST_LEFT_OUT and not language_frequencies().get(stem, 0.0):
        # (never a word the language writes at all: "contactor", "socialite", "réouvert")
        slips += [word[:at] + c + word[at:] for at in range(1, len(word)) for c in ascii_lowercase]
    asked: dict[str, str] = {}
    for slipped, slipped_stem in zip(slips, word_stems(slips), strict=True):
        asked.setdefault(slipped_stem, slipped)
    term = _most_held(asked, stem, holding)
    return asked[term] if term is not None else None


def _swapped_or_doubled(word: str) -> Iterator[str]:
    for at in range(1, len(word) - 1):
        if word[at] != word[at + 1]:
            yield word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    for at, letter in enumerate(word):
        yield word[: at + 1] + letter + word[at + 1 :]
        if at and word[at - 1] == letter:
            yield word[:at] + word[at + 1 :]


def _slips(word: str) -> Iterator[str]:
    """Every word one typing slip from ``word``."""
    for at in range(len(word) + 1):
        head, tail = word[:at], word[at:]
        if tail:
            yield head + tail[1:]
            yield from (head + letter + tail[1:] for letter in ascii_lowercase)
        if len(tail) > 1:
            yield head + tail[1] + tail[0] + tail[2:]
        yield from (head + letter + tail for letter in ascii_lowercase)


def _named(term: str) -> bool:
    """Whether ``term`` is no common word of the language: a tool's name (Kafka, Docker,
    Prometheus, Python, Linux) is written under once in :data:`NAME_IN_LANGUAGE` words, a word
    of the language completed short ("initial", "previous", "read") more often."""
    return language_frequencies().get(term, 0.0) < NAME_IN_LANGUAGE
