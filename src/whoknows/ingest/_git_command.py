"""Git run on a repository someone handed over, without running what its configuration says.

A repository's own ``.git/config`` can name commands git runs by itself: a file-system monitor
(``core.fsmonitor``, run by ``git status``), a signature checker (``gpg.program``, run by ``git
log`` where ``log.showSignature`` is set), filters and diff drivers (``filter.*.clean``,
``diff.*.textconv``), hooks. A zipped checkout or a shared folder would then run code as the
user who ingests it: every git command of the connectors goes through :func:`git_command`,
which turns those off, and none of them runs ``status`` (whose clean filters would run on every
file of a copied checkout).
"""

from __future__ import annotations

from pathlib import Path

SAFE_CONFIG = (
    "core.quotepath=off",
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "log.showSignature=false",
)


def git_command(path: Path, *args: str) -> list[str]:
    """``git -C path`` with :data:`SAFE_CONFIG`, then ``args``."""
    configured = [part for setting in SAFE_CONFIG for part in ("-c", setting)]
    return ["git", "-C", str(path), *configured, *args]


__all__ = ["SAFE_CONFIG", "git_command"]
