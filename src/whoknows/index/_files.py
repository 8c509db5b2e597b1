"""Write an index folder so that readers never see it half written; a folder of named arrays
plus its meta.json, written and read the same way by every index made of arrays."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Literal

import numpy as np


@contextmanager
def replaced_folder(folder: Path) -> Iterator[Path]:
    """Yield a staging folder; on success it replaces ``folder`` in two renames."""
    staging = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    yield staging
    backup = folder.with_name(folder.name + ".old")
    shutil.rmtree(backup, ignore_errors=True)
    if folder.exists():
        folder.rename(backup)
    staging.rename(folder)
    shutil.rmtree(backup, ignore_errors=True)


@contextmanager
def replaced_file(path: Path) -> Iterator[BinaryIO]:
    """Yield a staging file open for writing beside ``path``; on success it replaces ``path``
    in one rename (a reader sees the old file or the new one, whole)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, staging = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.replace(staging, path)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise


def save_arrays(
    folder: Path,
    arrays: Mapping[str, np.ndarray],
    names: Iterable[str],
    meta: object,
    texts: Mapping[str, str] | None = None,
) -> None:
    """``names`` of ``arrays`` as .npy files, ``texts`` as files of their own and ``meta`` as
    meta.json (written last), replacing ``folder``."""
    with replaced_folder(folder) as staging:
        for name in names:
            np.save(staging / f"{name}.npy", arrays[name], allow_pickle=False)
        for name, text in (texts or {}).items():
            (staging / name).write_text(text, encoding="utf-8")
        (staging / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")


def load_arrays(
    folder: Path, names: Iterable[str], format_name: str, mmap: Literal["r"] | None = None
) -> tuple[dict[str, np.ndarray], dict[str, object]]:
    """The arrays and meta written by :func:`save_arrays`; OSError, ValueError or KeyError
    when the folder is missing, damaged or of another format (the caller says what to do)."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if meta.get("format") != format_name:
        raise ValueError(f"format {meta.get('format')!r} is not {format_name!r}")
    arrays = {name: load_array(folder / f"{name}.npy", mmap) for name in names}
    return arrays, meta


def load_array(path: Path, mmap: Literal["r"] | None = "r") -> np.ndarray:
    """One .npy array; with ``mmap``, memory-mapped and seen as a plain read-only ndarray
    (slicing a ``np.memmap`` costs five times as much, and queries slice a lot)."""
    return np.asarray(np.load(path, mmap_mode=mmap, allow_pickle=False))
