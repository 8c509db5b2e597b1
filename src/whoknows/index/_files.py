"""Write an index folder so that readers never see it half written."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


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
