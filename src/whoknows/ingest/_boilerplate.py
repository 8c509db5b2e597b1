"""Sentences a collection repeats on most of its pages say nothing of any author's knowledge: a
footer ("Last reviewed on 01 March 2024. Questions go to the authors."), a template's
disclaimer. Left in, they made every page's author evidence for "question" or "review".

A sentence is compared by its words (folded, dates and numbers aside, so a footer whose date
changes from page to page is one sentence), and is boilerplate when at least half of the
collection's texts, and at least five, hold it. A sentence that a few pages share (the same
command in three runbooks of twenty) is content, and stays.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from whoknows.text import fold_accents, without_dates

MIN_TEXTS = 5  # (in fewer pages, a shared sentence is as likely a shared procedure)
SHARE = 0.5
MIN_WORDS = 2  # a one-word sentence ("Thanks.") is left alone: it matches next to nothing
_SENTENCE_END = re.compile(r"((?<=[.!?])\s+|\n+)")
_WORD = re.compile(r"[^\W\d_]+")

Key = int  # a hash of the sentence's words: a folder's sentences held as numbers


def _pieces(text: str) -> tuple[list[str], list[Key | None]]:
    """The text cut into sentences and the separators after them (alternating), and each
    piece's key (None for separators and short sentences)."""
    pieces = _SENTENCE_END.split(text)
    keys: list[Key | None] = []
    for at, piece in enumerate(pieces):
        words = (
            tuple(_WORD.findall(without_dates(fold_accents(piece.lower())))) if at % 2 == 0 else ()
        )
        keys.append(hash(words) if len(words) >= MIN_WORDS else None)
    return pieces, keys


def sentence_keys(text: str, min_words: int = MIN_WORDS) -> set[Key]:
    """The keys of ``text``'s sentences of ``min_words`` words or more."""
    return {
        key
        for piece, key in zip(*_pieces(text), strict=True)
        if key is not None and len(_WORD.findall(piece)) >= min_words
    }


def common_sentences(texts: list[str]) -> frozenset[Key]:
    """The sentences at least half of ``texts`` (and at least five) hold."""
    if len(texts) < MIN_TEXTS:
        return frozenset()
    held: Counter[Key] = Counter()
    for text in texts:
        held.update({key for key in _pieces(text)[1] if key is not None})
    floor = max(MIN_TEXTS, math.ceil(SHARE * len(texts)))
    return frozenset(key for key, count in held.items() if count >= floor)


HEADING_WORDS = 8  # (a line of at most so many words: a title or a heading, no sentence)


def templated(texts: list[str]) -> frozenset[Key]:
    """The sentences most of ``texts`` hold (:func:`common_sentences`) when one of them holds
    nothing else but headings: the template the others were made from, whose hints they kept
    (a step that runbooks share, each with sentences of its own, is theirs)."""
    common = common_sentences(texts)
    for text in texts if common else ():
        if common.isdisjoint(_pieces(text)[1]):
            continue  # (an index of links, an empty page: no template of theirs)
        rest = without_sentences(text, common).split("\n")
        if all(len(_WORD.findall(line)) <= HEADING_WORDS for line in rest):
            return common
    return frozenset()


def without_sentences(text: str, common: frozenset[Key]) -> str:
    """``text`` without the ``common`` sentences (and the separators after them)."""
    if not common:
        return text
    pieces, keys = _pieces(text)
    kept: list[str] = []
    dropping = False
    for at, (piece, key) in enumerate(zip(pieces, keys, strict=True)):
        if at % 2 == 0:
            dropping = key in common
        if not dropping:
            kept.append(piece)
    return "".join(kept).strip()


__all__ = ["common_sentences", "sentence_keys", "without_sentences"]
