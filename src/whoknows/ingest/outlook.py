"""Outlook mail: ``.msg`` files (read with extract-msg) and ``.pst`` archives (libpff-python).

The same message reads as the same item as from mbox or maildir: the source is ``mail`` and the
native id the Message-ID, taken from the transport headers when Outlook kept them and from the
MAPI properties otherwise. Without In-Reply-To or References, Outlook's conversation index
threads the message."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest._outlook_model import Conversations, outlook_items, read_msg
from whoknows.ingest._self_answers import SelfAnswers
from whoknows.ingest.base import ConnectorOption, IngestContext
from whoknows.ingest.mail import SOURCE
from whoknows.records import ItemRecord, Record


class OutlookConnector:
    """Outlook: `.msg` files (and `.pst` archives with the `pst` extra, `pip install
    whoknows[pst]`): the same mail semantics as mbox (the same Message-ID is the same item);
    conversation-index threading; meetings and reports skipped"""

    name: ClassVar[str] = "outlook"
    source: ClassVar[str] = SOURCE
    description: ClassVar[str] = N_("Outlook .msg files and .pst archives, a file or a folder")
    options: ClassVar[tuple[ConnectorOption, ...]] = ()

    def parse(self, path: Path, context: IngestContext) -> Iterator[Record]:
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in {".msg", ".pst"}
            )
            if not files:
                context.problem(path, None, N_("no .msg or .pst file in this folder"))
        elif path.is_file():
            files = [path]
        else:
            context.problem(
                path, None, N_("no such file or folder; give .msg files or a .pst archive")
            )
            return
        conversations, answers = Conversations(), SelfAnswers()
        for file in files:
            if file.suffix.lower() == ".pst":
                from whoknows.ingest._pst import read_pst

                for record in read_pst(file, conversations, context):
                    if isinstance(record, ItemRecord):
                        yield from answers.items(record)
                    else:
                        yield record
            else:
                for item in self._msg(file, conversations, context):
                    yield from answers.items(item)

    @staticmethod
    def _msg(path: Path, conversations: Conversations, context: IngestContext) -> list[ItemRecord]:
        try:
            raw = path.read_bytes()
        except OSError as error:
            context.problem(
                path, None, N_("cannot read the file (%(error)s)"), error=error.strerror
            )
            return []
        try:
            message = read_msg(path)
        except Exception as error:  # extract-msg and olefile raise many types for broken files
            reason = str(error).split("\n")[0][:160]
            cut_short = any(word in reason for word in ("sector", "incomplete", "out of range"))
            context.problem(
                path,
                Position.byte(len(raw) if cut_short else 0),
                N_("truncated or damaged Outlook .msg file (%(error)s)")
                if cut_short
                else N_("not an Outlook .msg file (%(error)s)"),
                error=reason,
            )
            return []
        fallback = "sha1:" + hashlib.sha1(raw).hexdigest()
        return outlook_items(message, fallback, (path, None), conversations, context)
