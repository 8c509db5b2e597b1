"""The reports whoknows stored that name a person: deleted when they are erased or opt out.

Only what whoknows wrote, exactly as it wrote it, is ever deleted: the reports
:func:`~whoknows.privacy.report_manifest.remember_reports` listed as `whoknows report` wrote
them (in the workspace's ``reports/`` folder, or with ``report --out`` anywhere else), while
each is still a plain file whose bytes hash to what was written
(:func:`~whoknows.privacy.report_manifest.as_written`). A listed report that names the person
but was changed since is returned as changed, for the caller to name in a warning; one that
cannot be deleted (a folder this user may not write) as left. In the workspace's own
``reports/`` folder, a report that names them and that no list holds (written by a version
before the list) is deleted as before; any other file there that names them is changed.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from whoknows.privacy.mentions import MentionTerms
from whoknows.privacy.report_manifest import (
    MANIFEST,
    as_written,
    forget_reports,
    present,
    written_reports,
)
from whoknows.privacy.tombstones import plain_words

REPORTS = "reports"
LEGACY_SUFFIXES = frozenset({".html", ".pdf", ".pptx"})  # (what `report` writes)


@dataclass
class ReportsGone:
    deleted: list[str] = field(default_factory=list)  # regenerate these
    left: list[str] = field(default_factory=list)  # they name the person: delete by hand
    # they name the person, but are not what whoknows wrote (changed since, or never listed)
    changed: list[str] = field(default_factory=list)


def delete_stored_reports(
    workspace: Path, terms: MentionTerms, quoted: Iterable[str] = ()
) -> ReportsGone:
    """Delete every report whoknows wrote, still as it wrote it, that mentions the person or
    quotes one of the ``quoted`` titles of what they wrote (as :func:`plain_words` writes
    them); return their paths, those that could not be deleted and those changed since."""
    names_them = _namer(terms, list(quoted))
    gone = ReportsGone()
    listed = written_reports(workspace)
    for entry in listed:
        if not present(entry) or not names_them(entry.path):
            continue
        if not as_written(entry):
            gone.changed.append(str(entry.path))
            continue
        try:
            entry.path.unlink()
        except OSError:  # (a folder outside the workspace this user may not write)
            gone.left.append(str(entry.path))
        else:
            gone.deleted.append(str(entry.path))
    known = {entry.real for entry in listed}
    for path in _unlisted(workspace / REPORTS, known):
        if not names_them(path):
            continue
        if path.suffix.lower() not in LEGACY_SUFFIXES:
            gone.changed.append(str(path))
            continue
        try:  # (the workspace's own folder: a report an earlier version wrote, unlisted)
            path.unlink()
        except OSError:
            gone.left.append(str(path))
        else:
            gone.deleted.append(str(path))
    forget_reports(workspace, gone.deleted)
    return gone


def _namer(terms: MentionTerms, quoted: list[str]) -> Callable[[Path], bool]:
    """Whether a file mentions the person or quotes one of ``quoted``."""
    from whoknows.privacy.masking import matcher_for
    from whoknows.privacy.scan import file_texts

    matcher = matcher_for([terms])

    def names_them(path: Path) -> bool:
        try:
            texts = [text for _, text in file_texts(path)]
        except (OSError, ValueError, RuntimeError):  # (not what its name says: a broken PDF)
            return False
        return any(matcher.spans(text) for text in texts) or bool(
            quoted and any(title in plain_words(text) for text in texts for title in quoted)
        )

    return names_them


def _unlisted(folder: Path, known: set[str]) -> list[Path]:
    """The plain files of ``folder`` (``reports/``) whoknows did not list, but the list."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    found = []
    for root, _, names in os.walk(folder):  # (does not go down a symlinked folder)
        for name in names:
            path = Path(root, name)
            try:
                plain = stat.S_ISREG(os.lstat(path).st_mode)
            except OSError:
                continue
            listed = os.path.realpath(path) in known or path.name.startswith(Path(MANIFEST).name)
            if plain and not listed:
                found.append(path)
    return sorted(found)
