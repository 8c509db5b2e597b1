"""Index builds spread over the machine's cores: tokenizing and embedding run in forked
child processes (the embedding table, the tokenizers and the stemmer are shared with the
parent, not loaded again) while the parent reads the store and assembles the results.

Used only for large builds (:data:`MIN_ITEMS` or more to read): a small ingest stays in one
process, where starting children would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, TypeVar

import numpy as np

from whoknows.forking import can_fork, cores
from whoknows.index.analysis import tokenize
from whoknows.index.dense import BATCH
from whoknows.index.embedders import Embedder
from whoknows.index.lexical_pairs import row_codes
from whoknows.index.lexical_terms import IndexedDocument, Tokenized

MIN_ITEMS = 20_000
# the learned ranker's examples cost ~0.1 s a question whatever the size: forking pays sooner
LEARN_MIN_ITEMS = 2_000
TOKENIZE_BATCH = 2000
EMBED_SLICE = 4096  # texts read from the store, then embedded by the children together
AHEAD = 4  # batches given out to the children ahead of the one awaited
K = TypeVar("K")
T = TypeVar("T")
_embedder: Embedder | None = None  # the embedder of a child (set before forking)


def worth_it(items: int, minimum: int = MIN_ITEMS) -> bool:
    return items >= minimum and can_fork()


@contextmanager
def pool(embedder: Embedder | None = None) -> Iterator[Pool]:
    """A pool of one child per core, forked with ``embedder`` loaded."""
    global _embedder
    _embedder = embedder
    context = multiprocessing.get_context("fork")
    workers = context.Pool(cores())
    try:
        yield workers
    finally:
        workers.terminate()
        workers.join()
        _embedder = None


def _count_terms(texts: list[str]) -> list[tuple[list[str], list[int], array[int]]]:
    found = []
    for text in texts:
        words = tokenize(text)
        terms = Counter(words)
        found.append((list(terms), list(terms.values()), row_codes(words)))
    return found


def counted(workers: Pool, documents: Iterable[IndexedDocument]) -> Iterator[Tokenized]:
    """Each document with its terms, their counts and its pair codes, tokenized by the
    children, in order (the parent reads the next batches meanwhile; a few batches ahead at
    most)."""
    batches = _batches(documents, TOKENIZE_BATCH)
    for batch, terms in _ordered(
        workers, _count_terms, ((b, [d.text for d in b]) for b in batches)
    ):
        for document, (names, counts, codes) in zip(batch, terms, strict=True):
            yield document, names, counts, codes


def _ordered(
    workers: Pool, work: Callable[[Any], T], inputs: Iterable[tuple[K, Any]]
) -> Iterator[tuple[K, T]]:
    """``(key, work(argument))`` for each ``(key, argument)``, in order, at most
    :data:`AHEAD` tasks given out at a time (the inputs are read here, as results come)."""
    pending: deque[tuple[K, AsyncResult[T]]] = deque()
    for key, argument in inputs:
        pending.append((key, workers.apply_async(work, (argument,))))
        if len(pending) >= AHEAD:
            done_key, result = pending.popleft()
            yield done_key, result.get()
    while pending:
        done_key, result = pending.popleft()
        yield done_key, result.get()


def _embed(texts: list[str]) -> np.ndarray:
    """The child: vectors of ``texts``, a few at a time (a text's pieces are gathered as
    float32 rows: thousands of long texts at once would take gigabytes)."""
    assert _embedder is not None
    embed = _embedder.embed
    parts = [embed(texts[start : start + BATCH]) for start in range(0, len(texts), BATCH)]
    return np.concatenate(parts).astype(np.float16)


def embed_split(workers: Pool, texts: list[str]) -> np.ndarray:
    """The vectors of ``texts``, split between the children (float16, in order)."""
    size = max(1, -(-len(texts) // cores()))
    parts = [texts[start : start + size] for start in range(0, len(texts), size)]
    found = workers.map(_embed, parts)
    return np.concatenate(found) if found else np.zeros((0, 0), dtype=np.float16)


def _batches(items: Iterable[IndexedDocument], size: int) -> Iterator[list[IndexedDocument]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
