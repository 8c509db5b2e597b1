"""The sorted vocabulary of a lexical index folder: term -> column by binary search over the
UTF-8 terms end to end (``terms.bin``, ``term_offsets.npy``, ``term_columns.npy``), memory-mapped,
so opening costs the same at 10^3 and 10^6 terms."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

from whoknows.index._files import load_array

TERMS_KEPT = 100_000  # vocabulary lookups remembered (a query's terms, a topic's)


class SortedVocabulary(Mapping[str, int]):
    """Term -> column, over the sorted terms of an index folder (memory-mapped)."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray, columns: np.ndarray) -> None:
        self.blob = blob
        self.offsets = offsets
        self.columns = columns
        self._found: dict[str, int] = {}  # terms looked up already (-1: absent)

    @classmethod
    def write(cls, folder: Path, vocabulary: Mapping[str, int]) -> None:
        terms = sorted(vocabulary)
        encoded = [term.encode("utf-8") for term in terms]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        (folder / "terms.bin").write_bytes(b"".join(encoded))
        np.save(folder / "term_offsets.npy", offsets, allow_pickle=False)
        columns = np.asarray([vocabulary[t] for t in terms], dtype=np.int64)
        np.save(folder / "term_columns.npy", columns, allow_pickle=False)

    @classmethod
    def read(cls, folder: Path) -> SortedVocabulary:
        blob = folder / "terms.bin"
        data = np.memmap(blob, dtype=np.uint8, mode="r") if blob.stat().st_size else np.empty(0)
        offsets = load_array(folder / "term_offsets.npy")
        columns = load_array(folder / "term_columns.npy")
        return cls(np.asarray(data, dtype=np.uint8), offsets, columns)

    def term_at(self, at: int) -> str:
        """The term at sorted position ``at``."""
        return self._term(at).decode("utf-8")

    def _term(self, at: int) -> bytes:
        return self.blob[int(self.offsets[at]) : int(self.offsets[at + 1])].tobytes()

    def _position(self, term: object) -> int:
        if not isinstance(term, str):
            return -1
        found = self._found.get(term)
        if found is None:
            found = self._search(term)
            if len(self._found) >= TERMS_KEPT:
                self._found.clear()
            self._found[term] = found
        return found

    def _search(self, term: str) -> int:
        wanted = term.encode("utf-8")
        low = self._first_from(wanted)
        return low if low < len(self) and self._term(low) == wanted else -1

    def _first_from(self, wanted: bytes) -> int:
        """The position of the first term not before ``wanted``."""
        low, high = 0, len(self)
        while low < high:  # byte order of UTF-8 is code point order: that of sorted()
            middle = (low + high) // 2
            if self._term(middle) < wanted:
                low = middle + 1
            else:
                high = middle
        return low

    def beginning(self, start: str) -> Iterator[str]:
        """The terms that begin with ``start``, in order (``start`` itself among them when it
        is one)."""
        wanted = start.encode("utf-8")
        for at in range(self._first_from(wanted), len(self)):
            term = self._term(at)
            if not term.startswith(wanted):
                return
            yield term.decode("utf-8")

    def beginning_from(self, start: str) -> Iterator[str]:
        """The terms from ``start`` on, in order, to the end."""
        for at in range(self._first_from(start.encode("utf-8")), len(self)):
            yield self._term(at).decode("utf-8")

    def __getitem__(self, term: str) -> int:
        at = self._position(term)
        if at < 0:
            raise KeyError(term)
        return int(self.columns[at])

    def __contains__(self, term: object) -> bool:
        return self._position(term) >= 0

    def __iter__(self) -> Iterator[str]:
        return (self._term(at).decode("utf-8") for at in range(len(self)))

    def __len__(self) -> int:
        return int(self.columns.shape[0])


def terms_beginning(vocabulary: Mapping[str, int], start: str) -> Iterator[str]:
    """The terms of ``vocabulary`` that begin with ``start`` (a sorted one searched, any other
    read whole: an index being built holds its terms in a dict)."""
    if isinstance(vocabulary, SortedVocabulary):
        return vocabulary.beginning(start)
    return iter(sorted(term for term in vocabulary if term.startswith(start)))


__all__ = ["SortedVocabulary", "terms_beginning"]
