"""How specific a query word is: BM25's idf in the workspace, blended with its idf in the
language at large.

A small organisation writes about few subjects, so its subjects' words are its common words:
in 43 items of which 16 say "nginx", the idf of "nginx" (0.98) was below that of "config"
(2.28) and "change" (1.64), and for "nginx config change" the one Kafka answer saying "change
it with kafka-configs" outranked three nginx answers. The language says otherwise: "change"
is among its commonest words (idf 4.06 below), "nginx" and "config" among its rarest (7.59,
7.52). The table in ``language/`` (written
by `scripts/language_frequencies.py` from the wordfreq package's English and French word
lists, CC BY-SA 4.0) gives each index term its frequency per word of text; a term missing from
it is rarer than one in ten million words.

A term's *language idf* is BM25's idf in a collection of :data:`LANGUAGE_ITEMS` items as long
as the workspace's own (on average), each word of which is the term with the table's
frequency. The idf used is the two idfs' mean weighted by items: the workspace's own ``n``
items against the language's :data:`LANGUAGE_ITEMS`. A workspace of 43 items reads words
almost as the language does; one of 13,000 mostly as its own items do. The weight is a fixed
choice, not fitted (docs/ranking.md, "A word's specificity").
"""

from __future__ import annotations

import gzip
import math
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from whoknows.index.bm25 import idf

# a corpus in one language reads 15 to 19% in the other through the words both write (the
# demo, the three benches, a French team's mail); two teams' writing 40% or more
BILINGUAL = 0.3

TABLE = Path(__file__).with_name("language")
LANGUAGE_ITEMS = 1000.0
RAREST = 1e-7  # (the table's least frequency: a missing term is read as this rare)
OWN_LANGUAGE = 4  # a word one language writes four times as much as the other is its word


@dataclass(frozen=True)
class LanguageTable:
    """Terms sorted, and each one's frequency per word in English or French (the larger) and
    the share of its use that is French."""

    terms: list[str]
    frequencies: np.ndarray  # float32, in the terms' order
    french: np.ndarray  # uint8, 0 (English only) to 255 (French only), in the terms' order

    def _at(self, term: str) -> int | None:
        at = bisect_left(self.terms, term)
        return at if at < len(self.terms) and self.terms[at] == term else None

    def get(self, term: str, default: float) -> float:
        at = self._at(term)
        return float(self.frequencies[at]) if at is not None else default

    def by_language(self, term: str) -> dict[str, float]:
        """The term's frequency per word in English and in French (0 where not in the table)."""
        at = self._at(term)
        if at is None:
            return {"en": 0.0, "fr": 0.0}
        most, share = float(self.frequencies[at]), int(self.french[at]) / 255
        if share >= 0.5:
            return {"fr": most, "en": most * (1 - share) / share}
        return {"en": most, "fr": most * share / (1 - share)}

    def language(self, term: str) -> str | None:
        """``"fr"`` or ``"en"`` for a term used at least :data:`OWN_LANGUAGE` times as much in
        that language as in the other; None for a term both write ("restaurant", "mode",
        "trace") or neither."""
        found = self.by_language(term)
        for own, other in (("fr", "en"), ("en", "fr")):
            if found[own] > 0 and found[own] >= OWN_LANGUAGE * found[other]:
                return own
        return None

    def __contains__(self, term: str) -> bool:
        return self.get(term, -1.0) >= 0.0

    def __len__(self) -> int:
        return len(self.terms)


@lru_cache(maxsize=1)
def language_frequencies() -> LanguageTable:
    """The table shipped in ``language/``."""
    with gzip.open(TABLE / "terms.txt.gz", "rb") as raw:
        terms = raw.read().decode("utf-8").split("\n")
    frequencies = np.load(TABLE / "frequencies.npy", allow_pickle=False)
    french = np.load(TABLE / "french.npy", allow_pickle=False)
    if frequencies.shape != (len(terms),) or french.shape != (len(terms),):
        raise ValueError(f"{TABLE}: {len(terms)} terms, {frequencies.shape} frequencies")
    return LanguageTable(terms, frequencies, french)


@lru_cache(maxsize=1)
def _accented_spellings() -> dict[str, str]:
    with gzip.open(TABLE / "accents.txt.gz", "rb") as raw:
        lines = raw.read().decode("utf-8").split("\n")
    return dict(line.split("\t", 1) for line in lines if "\t" in line)


def written_in(vocabulary: Mapping[str, int], counts: np.ndarray, most: int = 2000) -> str | None:
    """The language an index's items are mostly written in (``vocabulary``: term -> column,
    ``counts``: each column's items): its ``most`` commonest terms' uses counted by the table's
    English and French shares; None when it holds no word of either, or both (the other
    language's share :data:`BILINGUAL` or more: a team writing French beside one writing
    English, where a word of either may be the other's only)."""
    columns = getattr(vocabulary, "columns", None)
    if columns is not None and hasattr(vocabulary, "term_at"):  # (memory-mapped, sorted)
        held = counts[np.asarray(columns)]
        top = np.argpartition(-held, most)[:most] if held.size > most else np.arange(held.size)
        terms = [(vocabulary.term_at(int(at)), float(held[at])) for at in top]
    else:
        terms = sorted(((t, float(counts[c])) for t, c in vocabulary.items()), key=lambda x: -x[1])
        terms = terms[:most]
    table = language_frequencies()
    shares = {"en": 0.0, "fr": 0.0}
    for term, uses in terms:
        found = table.by_language(term)
        total = found["en"] + found["fr"]
        for language in shares:
            shares[language] += uses * found[language] / total if total else 0.0
    total = sum(shares.values())
    if not total or min(shares.values()) >= BILINGUAL * total:
        return None
    return max(shares, key=lambda language: shares[language])


def accented_spelling(word: str) -> str:
    """The French word meant by ``word`` typed without its accents ("securite" is
    "sécurité", "donnees" "données"; a keyboard without them), else ``word``: from the table's
    ``accents.txt.gz``, where the accented word is written at least four times as often as
    the bare spelling in either language ("role", "detail" stay)."""
    return _accented_spellings().get(word, word) if word.isascii() else word


def language_idf(term: str, mean_length: float) -> float:
    """The term's idf in :data:`LANGUAGE_ITEMS` items of ``mean_length`` words of the
    language: an item holds it with probability 1 - (1 - f)^length."""
    frequency = language_frequencies().get(term, RAREST)
    holding = -math.expm1(mean_length * math.log1p(-frequency)) * LANGUAGE_ITEMS
    return idf(holding, LANGUAGE_ITEMS)


def specific_idf(term: str, holding: float, documents: int, mean_length: float) -> float:
    """The idf a query word is weighted by: the workspace's and the language's, weighted by
    their items."""
    own = documents / (documents + LANGUAGE_ITEMS)
    language = language_idf(term, max(mean_length, 1.0))
    return own * idf(holding, documents) + (1.0 - own) * language


__all__ = [
    "LANGUAGE_ITEMS",
    "accented_spelling",
    "language_frequencies",
    "language_idf",
    "specific_idf",
]
