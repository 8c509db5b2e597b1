"""When the files of a git checkout were written.

A clone (or a checkout of another branch) writes every file anew: a folder of Markdown
runbooks read from a repository had every runbook dated the day it was cloned, the most recent
work of the whole workspace, and their writers ranked above colleagues who had answered the
same questions in the mail for a year. A file the checkout holds as committed is dated by its
last commit; a file with changes not committed yet, or one git does not track, keeps its
modification time. Without git, or outside a repository, nothing changes.
"""

from __future__ import annotations

import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

GIT_SECONDS = 60  # (a repository's whole history is read at most this long)


def committed_dates(folder: Path, files: list[Path]) -> dict[Path, datetime]:
    """The date of each of ``files`` (under ``folder``) that a git checkout holds unchanged:
    its last commit's."""
    top = _git_output(folder, "rev-parse", "--show-toplevel")
    if not top or not files:
        return {}
    root = Path(top.strip()).resolve()
    wanted: dict[str, Path] = {}
    for file in files:
        try:
            wanted[file.resolve().relative_to(root).as_posix()] = file
        except ValueError:  # (a file reached through a link out of the repository)
            continue
    tracked = set((_git_output(root, "ls-files", "-z") or "").split("\0"))
    changed = _git_output(root, "status", "--porcelain", "--untracked-files=no", "-z")
    unchanged = tracked - {entry[3:] for entry in (changed or "").split("\0")}
    wanted = {path: file for path, file in wanted.items() if path in unchanged}
    under = folder.resolve().relative_to(root).as_posix() if wanted else "."
    return _last_commits(root, under, wanted)


def _last_commits(root: Path, under: str, wanted: dict[str, Path]) -> dict[Path, datetime]:
    """The newest commit of each of ``wanted`` (paths from ``root``), read from the newest
    commit that touched ``under`` back until every one is found (or for ``GIT_SECONDS``)."""
    found: dict[Path, datetime] = {}
    if not wanted:
        return found
    deadline = time.monotonic() + GIT_SECONDS
    try:
        process = subprocess.Popen(
            [*_git(root), "log", "--no-renames", "--name-only", "--format=%x01%ct", "--", under],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except OSError:
        return found
    assert process.stdout is not None
    when: datetime | None = None
    try:
        for line in process.stdout:
            line = line.rstrip("\n")
            if line.startswith("\x01"):
                when = datetime.fromtimestamp(int(line[1:]), tz=UTC)
                if time.monotonic() > deadline:
                    break
            elif line and when and (file := wanted.pop(line, None)) is not None:
                found[file] = when
                if not wanted:
                    break
    finally:
        process.kill()
        process.wait()
    return found


def _git_output(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            [*_git(folder), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=GIT_SECONDS,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _git(folder: Path) -> list[str]:
    # (a repository owned by another user is refused by git's safe.directory: no dates)
    return ["git", "-C", str(folder), "-c", "core.quotepath=off"]


__all__ = ["committed_dates"]
