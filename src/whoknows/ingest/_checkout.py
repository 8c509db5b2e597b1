"""When the files of a git checkout were written.

A clone (or a checkout of another branch) writes every file anew: a folder of Markdown
runbooks read from a repository had every runbook dated the day it was cloned, the most recent
work of the whole workspace, and their writers ranked above colleagues who had answered the
same questions in the mail for a year. A file the checkout holds as committed (its bytes are
its last commit's blob, line endings aside) is dated by its last commit; a file changed since,
or one git does not track, keeps its modification time. A submodule's files are dated by the
submodule's history. A shallow clone knows no commit before its boundary: a file unchanged
since is dated by that boundary, the oldest date the clone holds. Without git, outside a
repository, or in one git refuses to read (another user's, ``safe.directory``), nothing
changes. Git runs here through :func:`~._git_command.git_command`: nothing the repository's
own configuration names is run, and ``git status`` (which runs its clean filters) never is.
"""

from __future__ import annotations

import hashlib
import subprocess
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from whoknows.ingest._git_command import open_git, run_git

GIT_SECONDS = 60  # (a repository's whole history is read at most this long)
_SUBMODULE = "160000"  # (a tree entry's mode for a submodule's commit)


@dataclass
class CheckoutDates:
    """Each committed file's last commit date; ``refused``: the repositories git would not
    read (another user's), whose files keep their modification times."""

    dates: dict[Path, datetime] = field(default_factory=dict)
    refused: list[Path] = field(default_factory=list)


def committed_dates(folder: Path, files: list[Path]) -> CheckoutDates:
    """The date of each of ``files`` (under ``folder``) that a git checkout holds unchanged:
    its last commit's."""
    found = CheckoutDates()
    if files:
        _read_checkout(folder, files, found, depth=0)
    return found


def _read_checkout(folder: Path, files: list[Path], found: CheckoutDates, depth: int) -> None:
    top = _git_output(folder, "rev-parse", "--show-toplevel")
    if top is None:
        return
    if not top.strip():  # (git refused: its stderr said so, its exit was not 0)
        found.refused.append(folder)
        return
    root = Path(top.strip()).resolve()
    wanted: dict[str, Path] = {}
    for file in files:
        try:
            wanted[file.resolve().relative_to(root).as_posix()] = file
        except ValueError:  # (a file reached through a link out of the repository)
            continue
    under = folder.resolve().relative_to(root).as_posix() if folder.resolve() != root else "."
    blobs, submodules = _tree(root, under)
    for path in submodules:
        inside = [file for relative, file in wanted.items() if relative.startswith(path + "/")]
        if inside and depth < 3 and (root / path / ".git").exists():
            _read_checkout(root / path, inside, found, depth + 1)
    unchanged = {
        path: file for path, file in wanted.items() if path in blobs and _same(file, blobs[path])
    }
    found.dates.update(_last_commits(root, under, unchanged))


def _tree(root: Path, under: str) -> tuple[dict[str, str], list[str]]:
    """The blobs HEAD holds under ``under`` (path -> object id) and its submodules' paths."""
    listed = _git_output(root, "ls-tree", "-r", "-z", "--full-tree", "HEAD", "--", under)
    blobs: dict[str, str] = {}
    submodules: list[str] = []
    for entry in (listed or "").split("\0"):
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        if len(parts) != 3 or not path:
            continue
        if parts[0] == _SUBMODULE:
            submodules.append(path)
        elif parts[1] == "blob":
            blobs[path] = parts[2]
    return blobs, submodules


def _same(file: Path, blob: str) -> bool:
    """Whether the file's bytes are the blob's (with Windows line endings or without)."""
    try:
        data = file.read_bytes()
    except OSError:
        return False
    if _blob_id(data, len(blob)) == blob:
        return True
    return b"\r\n" in data and _blob_id(data.replace(b"\r\n", b"\n"), len(blob)) == blob


def _blob_id(data: bytes, width: int) -> str:
    header = b"blob %d\0" % len(data)
    digest = hashlib.sha256 if width == 64 else hashlib.sha1  # (a SHA-256 repository)
    return digest(header + data).hexdigest()


def _last_commits(root: Path, under: str, wanted: dict[str, Path]) -> dict[Path, datetime]:
    """The newest commit of each of ``wanted`` (paths from ``root``), read from the newest
    commit that touched ``under`` back until every one is found, for :data:`GIT_SECONDS` at
    most (a git that stalls is stopped): its author date, which a rebase keeps."""
    found: dict[Path, datetime] = {}
    if not wanted:
        return found
    log = ("log", "-z", "--no-renames", "--root", "--name-only", "--format=%x01%at", "--", under)
    try:
        process = open_git(root, *log, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return found
    assert process.stdout is not None
    watchdog = threading.Timer(GIT_SECONDS, process.kill)
    watchdog.start()
    try:
        _read_log(process.stdout, wanted, found)
    finally:
        watchdog.cancel()
        process.kill()
        process.wait()
    return found


def _read_log(stream: IO[bytes], wanted: dict[str, Path], found: dict[Path, datetime]) -> None:
    """Each path's first (newest) date in ``git log -z --name-only --format=%x01%at``: a
    commit's date, a NUL, a newline, then its paths, each ended by a NUL."""
    when: datetime | None = None
    rest = b""
    for chunk in iter(lambda: stream.read(1 << 16), b""):
        *parts, rest = (rest + chunk).split(b"\0")
        for part in parts:
            text = part.decode("utf-8", "replace")
            if text.startswith("\x01"):
                when = datetime.fromtimestamp(int(text[1:]), tz=UTC)
                continue
            path = text[1:] if text.startswith("\n") else text  # (the header's line end)
            if when and (file := wanted.pop(path, None)) is not None:
                found[file] = when
                if not wanted:
                    return


def _git_output(folder: Path, *args: str) -> str | None:
    """What git printed; None without git or outside a repository, "" when git refused to
    read the repository (another user's: ``safe.directory``)."""
    try:
        done = run_git(
            folder,
            *args,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
            timeout=GIT_SECONDS,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    said, complaint = str(done.stdout), str(done.stderr)
    if done.returncode == 0:
        return said
    return "" if "safe.directory" in complaint else None


__all__ = ["CheckoutDates", "committed_dates"]
