"""The reports whoknows stored that name a person: deleted when they are erased or opt out.

Those of the workspace's ``reports/`` folder, and those written with ``report --out``
anywhere else, inside the workspace or outside it, which :func:`remember_reports` lists as
they are written: whoknows wrote them, so they go as the store's rows do. One that cannot be
deleted (a folder this user may not write) is returned as left, for the caller to say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from whoknows.privacy.mentions import MentionTerms
from whoknows.privacy.scan import forget_reports, reports_elsewhere
from whoknows.privacy.tombstones import plain_words

REPORTS = "reports"


@dataclass
class ReportsGone:
    deleted: list[str] = field(default_factory=list)  # regenerate these
    left: list[str] = field(default_factory=list)  # they name the person: delete by hand


def delete_stored_reports(
    workspace: Path, terms: MentionTerms, quoted: Iterable[str] = ()
) -> ReportsGone:
    """Delete every stored report that mentions the person or quotes one of the ``quoted``
    titles of what they wrote: those of ``reports/`` and those written elsewhere, in the
    workspace or outside it; return their paths, and those that could not be deleted."""
    quoted = list(quoted)
    gone = ReportsGone()
    delete_reports(workspace / REPORTS, terms, gone, quoted=quoted)
    delete_reports(workspace, terms, gone, reports_elsewhere(workspace), quoted)
    forget_reports(workspace, [Path(p) for p in gone.deleted])
    return gone


def delete_reports(
    folder: Path,
    terms: MentionTerms,
    gone: ReportsGone,
    files: list[Path] | None = None,
    quoted: Iterable[str] = (),
) -> None:
    """Delete the stored reports (those of ``folder``, or ``files``) that mention the
    person or quote one of ``quoted`` (as :func:`plain_words` writes them); note in ``gone``
    their paths, deleted or left."""
    from whoknows.privacy.masking import matcher_for
    from whoknows.privacy.scan import file_texts

    if files is None and not folder.is_dir():
        return
    matcher = matcher_for([terms])
    chosen = files if files is not None else (p for p in folder.rglob("*") if p.is_file())
    quoted = list(quoted)
    for path in sorted(chosen):
        texts = [text for _, text in file_texts(path)]
        if any(matcher.spans(text) for text in texts) or (
            quoted and any(title in plain_words(text) for text in texts for title in quoted)
        ):
            try:
                path.unlink()
            except OSError:  # (a folder outside the workspace this user may not write)
                gone.left.append(str(path))
            else:
                gone.deleted.append(str(path))
