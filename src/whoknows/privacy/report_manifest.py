"""The list of the reports whoknows wrote: the only files an erasure or an opt-out deletes.

``reports/.written.jsonl`` holds one JSON object a line for each report file `whoknows
report` wrote, in the workspace's ``reports/`` folder, elsewhere in the workspace (``--out
livrables``) or anywhere else (``--out /srv/deliverables``): its path, resolved (no symlink,
no ".."; relative to the workspace inside it, absolute elsewhere), and the SHA-256 and size of
the bytes written. JSON keeps a folder's name exactly, whatever it holds: a newline in
``--out`` is a character of a path, not a second entry.

A listed file is deleted only while it is exactly what whoknows wrote (:func:`as_written`):
a plain file, not a symlink, at its recorded path with no symlink in it, whose bytes hash to
the recorded digest. A file the user changed since, a copy, a link or a line added by hand is
never deleted (the caller names it in a warning instead).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

MANIFEST = "reports/.written.jsonl"
REPORT_SUFFIXES = frozenset({".html", ".pdf", ".pptx"})  # what `whoknows report` writes
ENCODING, ERRORS = "utf-8", "surrogateescape"  # (a path's bytes that UTF-8 does not decode)


@dataclass(frozen=True)
class WrittenReport:
    path: Path  # where it is (in the workspace: under the workspace as the caller gave it)
    real: str  # the same, resolved: what the path must still resolve to
    sha256: str  # of the bytes whoknows wrote
    size: int
    stored: str  # the path as the list keeps it


def shown_path(path: object) -> str:
    """``path`` for a line of output: a control or invisible character written as an escape
    ("\\n"), so that a folder named with a newline prints as one path, not two lines."""
    return "".join(
        c if c.isprintable() or c == " " else repr(c)[1:-1] for c in str(path)
    )  # (repr escapes \n, \t, \x1b, \u200b …)


def read_plain(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a plain file, not following a symlink; else None."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return None
        return file.read()


def present(entry: WrittenReport) -> bool:
    """Whether a listed report is still there as a plain file, at a path with no symlink."""
    try:
        if not stat.S_ISREG(os.lstat(entry.path).st_mode):
            return False
    except OSError:
        return False
    return os.path.realpath(entry.path) == entry.real


def as_written(entry: WrittenReport) -> bool:
    """Whether a listed report is exactly what whoknows wrote there (see the module)."""
    if not present(entry):
        return False
    data = read_plain(entry.path)
    return (
        data is not None
        and len(data) == entry.size
        and hashlib.sha256(data).hexdigest() == entry.sha256
    )


def written_reports(workspace: Path) -> list[WrittenReport]:
    """The entries of the list, in its order; a line that is not a valid entry (one edited
    by hand: not JSON, a relative path going up, not a report's suffix) is skipped."""
    try:
        text = (workspace / MANIFEST).read_text(ENCODING, ERRORS)
    except OSError:
        return []
    entries = []
    for line in text.split("\n"):
        try:
            raw = json.loads(line) if line.strip() else None
        except ValueError:
            continue
        if isinstance(raw, dict) and (entry := _entry(workspace, raw)) is not None:
            entries.append(entry)
    return entries


def _entry(workspace: Path, raw: dict[str, object]) -> WrittenReport | None:
    stored, digest, size = raw.get("path"), raw.get("sha256"), raw.get("size")
    if not isinstance(stored, str) or not isinstance(digest, str) or not isinstance(size, int):
        return None
    if not stored or "\0" in stored or ".." in PurePath(stored).parts:
        return None
    relative = not os.path.isabs(stored)
    path = workspace / stored if relative else Path(stored)
    if path.suffix.lower() not in REPORT_SUFFIXES or os.path.normpath(stored) != stored:
        return None
    real = os.path.join(os.path.realpath(workspace), stored) if relative else stored
    return WrittenReport(path, real, digest, size, stored)


def remember_reports(workspace: Path, paths: Iterable[Path]) -> None:
    """List reports whoknows has just written (a report written again replaces its entry):
    their resolved paths, and the digest of the bytes there now."""
    root = workspace.resolve()
    entries = {entry.real: entry for entry in written_reports(workspace)}
    for path in paths:
        real = path.resolve()
        data = read_plain(real)
        if data is None or real.suffix.lower() not in REPORT_SUFFIXES:
            continue
        stored = str(real.relative_to(root)) if real.is_relative_to(root) else str(real)
        digest = hashlib.sha256(data).hexdigest()
        entries[str(real)] = WrittenReport(real, str(real), digest, len(data), stored)
    _write(workspace, entries.values())


def forget_reports(workspace: Path, deleted: Iterable[str]) -> None:
    """Take deleted reports, and those gone since, off the list (its lines name where they
    were: a folder named after the person, say); not one only unreadable now (a share
    unmounted during an erasure: a reviewer's)."""
    entries = written_reports(workspace)
    gone = set(deleted)
    kept = [e for e in entries if str(e.path) not in gone and os.path.lexists(e.path)]
    if len(kept) != len(entries):
        _write(workspace, kept)


def _write(workspace: Path, entries: Iterable[WrittenReport]) -> None:
    """Write the list whole, then rename it into place (a crash leaves the old one)."""
    manifest = workspace / MANIFEST
    manifest.parent.mkdir(parents=True, exist_ok=True)
    lines = (
        json.dumps({"path": e.stored, "sha256": e.sha256, "size": e.size}, ensure_ascii=False)
        for e in entries
    )  # (not ASCII-escaped: `privacy scan` reads the list, "Inès" in a path among it)
    staged = manifest.with_name(f"{manifest.name}.tmp")
    staged.write_text("".join(f"{line}\n" for line in lines), ENCODING, ERRORS)
    os.replace(staged, manifest)
