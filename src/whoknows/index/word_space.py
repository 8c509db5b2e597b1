"""The words :mod:`.translation` translates into: the whole words of multilingual USE's
vocabulary that English or French writes (about 17,000), each encoded alone by the sentence
encoder (512 dimensions, float16, about 17 MB).

Derived from the installed package, never downloaded: built at first use (a few seconds) into
the model cache beside the static table, named after it (the package's version and a digest of
its weights), written atomically; a missing or damaged file is built again.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from whoknows.index._files import replaced_file
from whoknows.index.analysis import tokenize
from whoknows.index.lexical import FORMAT as ANALYSIS
from whoknows.index.specificity import language_frequencies
from whoknows.index.static_table import encode_pieces, table_path

FORMAT = "whoknows-use-words/1"  # (with the index's reading of words: stems read again)


def words_path(cache: Path) -> Path:
    return table_path(cache).with_name(table_path(cache).stem + "-words.npz")


def _written(word: str) -> list[str]:
    """``word``'s one index term when English or French writes it (the term is in the
    table), else nothing."""
    terms = tokenize(word)
    if len(terms) != 1:
        return []
    found = language_frequencies().by_language(terms[0])
    return terms if found["en"] > 0 or found["fr"] > 0 else []


@dataclass(frozen=True)
class WordSpace:
    """Words English or French writes (lower case), their index terms, their unit vectors."""

    words: list[str]
    stems: list[str]
    vectors: np.ndarray  # float16 (words, 512)


def load_or_build(cache: Path, whole: tuple[np.ndarray, list[str]]) -> WordSpace:
    """The words English or French writes among ``whole`` (the vocabulary's whole words, rows
    and words), read from the cache or built and saved first."""
    path = words_path(cache)
    try:
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(str(stored["meta"]))
            words = bytes(stored["words"]).decode().split("\n")
            stems = bytes(stored["stems"]).decode().split("\n")
            vectors = stored["vectors"]
        same = meta.get("format") == FORMAT and meta.get("analysis") == ANALYSIS
        if same and vectors.shape == (len(words), 512) and len(stems) == len(words):
            return WordSpace(words, stems, vectors)
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile):
        pass  # (none yet, damaged, or words read otherwise since: built again)
    rows, every = whole
    kept = [(at, terms[0]) for at, word in enumerate(every) if (terms := _written(word))]
    words, stems = [every[at] for at, _ in kept], [stem for _, stem in kept]
    chosen = np.asarray(rows, dtype=np.int64)[[at for at, _ in kept]]
    raw = encode_pieces(chosen) if kept else np.zeros((0, 512), np.float32)
    raw /= np.maximum(np.linalg.norm(raw, axis=1, keepdims=True), 1e-12)
    space = WordSpace(words, stems, raw.astype(np.float16))
    try:
        with replaced_file(path) as stream:
            meta = {"format": FORMAT, "analysis": ANALYSIS, "words": len(words)}
            np.savez(
                stream,
                words=np.frombuffer("\n".join(words).encode(), dtype=np.uint8),
                stems=np.frombuffer("\n".join(stems).encode(), dtype=np.uint8),
                vectors=space.vectors,
                meta=np.asarray(json.dumps(meta)),
            )
    except OSError:
        pass  # (a read-only cache: built again next time)
    return space


__all__ = ["WordSpace", "load_or_build", "words_path"]
