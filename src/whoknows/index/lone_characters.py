"""A Chinese or Japanese character asked alone ("锁", lock), bridged to the organisation's
character pairs that hold it ("死锁 锁定").

The index reads a run of these characters as its overlapping pairs (``index.analysis``), so a
character is a term of its own only where it stands alone; asked alone, it found nothing in
texts that hold it inside a word. Such a character no item holds alone is asked as the pairs
holding it that most items hold, and said so ("also searched: 死锁 锁定 for 锁").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from itertools import islice

from whoknows.index.analysis import CJK, tokenize
from whoknows.index.clipped import Bridge
from whoknows.index.lexical_vocabulary import SortedVocabulary, terms_beginning

MOST_PAIRS = 8  # pairs a lone character is asked as (the ones most items hold)
MOST_READ = 256  # pairs holding it read, from each side, before keeping the most held
_FIRST_CJK = "\u3040"  # (the vocabulary is sorted: pairs of these characters come last)


def lone_character_bridges(
    text: str,
    holds: Callable[[str], bool],
    holding: Callable[[str], int],
    vocabulary: Mapping[str, int],
) -> list[Bridge]:
    """Each character of ``text`` asked alone that no item holds alone (``holds``: an item
    someone may be shown holds it; ``holding``: how many), bridged to the pairs holding it
    that the most items hold."""
    found: list[Bridge] = []
    lone = (term for term in tokenize(text) if len(term) == 1 and CJK.fullmatch(term))
    for character in dict.fromkeys(lone):
        if holds(character):
            continue
        read = islice(_pairs_with(vocabulary, character), 2 * MOST_READ)
        pairs = sorted((-holding(pair), pair) for pair in read if holds(pair))
        if pairs:
            found.append(Bridge(character, " ".join(pair for _, pair in pairs[:MOST_PAIRS])))
    return found


def _pairs_with(vocabulary: Mapping[str, int], character: str) -> Iterator[str]:
    """The pairs of ``vocabulary`` beginning with ``character``, then those ending with it."""
    yield from islice(
        (term for term in terms_beginning(vocabulary, character) if len(term) == 2), MOST_READ
    )
    if isinstance(vocabulary, SortedVocabulary):
        ending = vocabulary.beginning_from(_FIRST_CJK)
    else:
        ending = (term for term in vocabulary if term >= _FIRST_CJK)
    yield from islice(
        (term for term in ending if len(term) == 2 and term[1] == character != term[0]),
        MOST_READ,
    )


__all__ = ["lone_character_bridges"]
