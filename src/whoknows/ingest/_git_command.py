"""Git run on a repository someone handed over, without running what its configuration says.

A repository's own ``.git/config`` can name commands git runs by itself: a file-system monitor
(``core.fsmonitor``, run by ``git status``), a signature checker (``gpg.program``, run by ``git
log`` where ``log.showSignature`` is set), hooks, and, in a repository that says it is a
partial clone and lacks an object, a fetch from its "promisor" remote, which runs the
``uploadpack`` or ``sshCommand`` it names (its own ``protocol.*.allow`` overriding any ``-c``).
A zipped checkout or a shared folder would then run code as the user who ingests it. Every git
command of the connectors is built by :func:`git_command` and run in :func:`git_environment`:
the monitor, hooks and signatures off (``-c`` wins over the repository's config), no transport
at all (``GIT_ALLOW_PROTOCOL`` empty, which the repository cannot override; no lazy fetch), no
prompt, and none of the caller's ``GIT_DIR``-like variables, which would point git at another
repository. None of them runs ``git status`` (its clean filters would run on every file of a
copied checkout), and the git connector's ``log`` runs no external diff nor text conversion.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

SAFE_CONFIG = (
    "core.quotepath=off",
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "log.showSignature=false",
    "credential.helper=",
)
# what the caller's shell may have set that points git elsewhere or reads other settings
_CALLERS = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_CEILING_DIRECTORIES",
    "GIT_CONFIG",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
    "GIT_EXTERNAL_DIFF",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_ASKPASS",
    "GIT_EXEC_PATH",
)


def git_command(path: Path, *args: str) -> list[str]:
    """``git -C path`` with :data:`SAFE_CONFIG`, then ``args``."""
    configured = [part for setting in SAFE_CONFIG for part in ("-c", setting)]
    return ["git", "-C", str(path), *configured, *args]


def git_environment() -> dict[str, str]:
    """The environment every git command runs in (see the module)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in _CALLERS
        and not key.startswith("GIT_CONFIG_KEY_")
        and not key.startswith("GIT_CONFIG_VALUE_")
    }
    environment.update(
        GIT_ALLOW_PROTOCOL="",
        GIT_NO_LAZY_FETCH="1",
        GIT_TERMINAL_PROMPT="0",
        GIT_OPTIONAL_LOCKS="0",
    )
    return environment


def run_git(path: Path, *args: str, **options: Any) -> subprocess.CompletedProcess[Any]:
    """:func:`subprocess.run` of :func:`git_command` in :func:`git_environment`."""
    return subprocess.run(git_command(path, *args), env=git_environment(), **options)


def open_git(path: Path, *args: str, **options: Any) -> subprocess.Popen[Any]:
    """:class:`subprocess.Popen` of :func:`git_command` in :func:`git_environment`."""
    return subprocess.Popen(git_command(path, *args), env=git_environment(), **options)


__all__ = ["SAFE_CONFIG", "git_command", "git_environment", "open_git", "run_git"]
