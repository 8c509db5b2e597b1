"""The words :mod:`.translation` translates into: the whole words of multilingual USE's
vocabulary that English or French writes (about 17,000), and the words English or French
writes at least three times in ten million that the vocabulary spells in pieces (about 42,000
more: "réglementaire", "traceability", "pasteurisation", "regulatory", of which the
vocabulary's nearest whole words were "regula", "capability", "pasteur"), each encoded alone
by the sentence encoder (512 dimensions, float16, about 61 MB).

Derived from the installed package, never downloaded: built at first use (a few seconds) into
the model cache beside the static table, named after it (the package's version and a digest of
its weights), written atomically; a missing or damaged file is built again.
"""

from __future__ import annotations

import gzip
import json
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from whoknows.index._files import replaced_file
from whoknows.index.analysis import tokenize
from whoknows.index.lexical import FORMAT as ANALYSIS
from whoknows.index.specificity import TABLE, language_frequencies
from whoknows.index.static_table import encode_pieces, table_path

FORMAT = "whoknows-use-words/3"  # (with the index's reading of words: stems read again)


SPELT_BATCH = 256  # spelt words encoded at once
# a word English or French writes at least this often per word is spelt out beside the
# vocabulary's whole words (`scripts/language_frequencies.py` lists them): "traceability"
# (2.3e-7 in wordfreq's English) is not, "pasteurisation" (3.1e-7 in its French) is
SPELT = 3e-7


def unwritten(term: str) -> bool:
    """Whether English and French write ``term`` less than :data:`SPELT` times a word: a
    typo, a name or a word of neither, no word of the space."""
    return language_frequencies().get(term, 0.0) < SPELT


def spellings() -> list[str]:
    """Words English or French writes, one a term, commonest first (``language/``, written by
    `scripts/language_frequencies.py`)."""
    with gzip.open(TABLE / "spellings.txt.gz", "rb") as raw:
        return raw.read().decode("utf-8").split("\n")


def words_path(cache: Path) -> Path:
    # (named after the format too: two releases side by side each keep their own)
    version = FORMAT.rsplit("/", 1)[1]
    return table_path(cache).with_name(f"{table_path(cache).stem}-words-{version}.npz")


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
    spelt_from: int | None = None  # (the first spelt word's row; None: no word spelt)


def load_or_build(
    cache: Path,
    whole: tuple[np.ndarray, list[str]],
    spelt: Sequence[str] = (),
    encode: Callable[[list[str]], np.ndarray] | None = None,
    progress: Callable[[int, int], None] | None = None,
    names: Callable[[], set[str]] = set,
) -> WordSpace:
    """The words English or French writes among ``whole`` (the vocabulary's whole words, rows
    and words) and, with ``encode`` (the sentence encoder), the words of ``spelt`` whose terms
    none of those has, read from the cache or built and saved first."""
    path = words_path(cache)
    try:
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(str(stored["meta"]))
            words = bytes(stored["words"]).decode().split("\n")
            stems = bytes(stored["stems"]).decode().split("\n")
            vectors = stored["vectors"]
        same = meta.get("format") == FORMAT and meta.get("analysis") == ANALYSIS
        same = same and (meta.get("spelt") is not None) == (encode is not None)
        if same and vectors.shape == (len(words), 512) and len(stems) == len(words):
            return WordSpace(words, stems, vectors, meta["spelt"])
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile):
        pass  # (none yet, damaged, or words read otherwise since: built again)
    rows, every = whole
    kept = [(at, terms[0]) for at, word in enumerate(every) if (terms := _written(word))]
    words, stems = [every[at] for at, _ in kept], [stem for _, stem in kept]
    chosen = np.asarray(rows, dtype=np.int64)[[at for at, _ in kept]]
    raw = encode_pieces(chosen) if kept else np.zeros((0, 512), np.float32)
    spelt_from = len(words) if encode is not None else None
    if encode is not None:
        added = _spelt_apart(spelt, set(stems), names())
        words, stems = words + [word for word, _ in added], stems + [stem for _, stem in added]
        raw = np.concatenate([raw, _encoded([word for word, _ in added], encode, progress)])
    raw /= np.maximum(np.linalg.norm(raw, axis=1, keepdims=True), 1e-12)
    raw[np.abs(raw) < np.finfo(np.float16).tiny] = 0.0  # (subnormal halves read back 15x slower)
    space = WordSpace(words, stems, raw.astype(np.float16), spelt_from)
    try:
        with replaced_file(path) as stream:
            meta = {
                "format": FORMAT,
                "analysis": ANALYSIS,
                "words": len(words),
                "spelt": spelt_from,
            }
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


def _spelt_apart(spelt: Sequence[str], stems: set[str], names: set[str]) -> list[tuple[str, str]]:
    """The words of ``spelt`` English or French writes whose terms are not in ``stems``, with
    their terms, one a term (the first); none of ``names``."""
    found: dict[str, str] = {}
    for word in spelt:
        if word in names:
            continue
        terms = _written(word)
        if terms and terms[0] not in stems and terms[0] not in found:
            found[terms[0]] = word
    return [(word, stem) for stem, word in found.items()]


def _encoded(
    words: list[str],
    encode: Callable[[list[str]], np.ndarray],
    progress: Callable[[int, int], None] | None,
) -> np.ndarray:
    out = np.zeros((len(words), 512), dtype=np.float32)
    for start in range(0, len(words), SPELT_BATCH):
        out[start : start + SPELT_BATCH] = encode(words[start : start + SPELT_BATCH])
        if progress:
            progress(min(start + SPELT_BATCH, len(words)), len(words))
    return out


__all__ = ["SPELT", "WordSpace", "load_or_build", "spellings", "unwritten", "words_path"]
