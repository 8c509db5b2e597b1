"""Streaming reader for the row-per-element XML files of Stack Exchange dumps."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest.base import IngestContext


def iter_rows(path: Path, context: IngestContext) -> Iterator[dict[str, str]]:
    """Yield each ``<row .../>`` element's attributes, releasing memory as it goes.

    A parse error (malformed or truncated file) is reported with its line and column; with
    --skip-errors the rest of that file is skipped and what was read before it is kept.
    """
    try:
        events = ET.iterparse(path, events=("start", "end"))
        _, root = next(events)
        for event, element in events:
            if event == "end" and element.tag == "row":
                yield dict(element.attrib)
                root.clear()
    except ET.ParseError as error:
        line, column = error.position
        reason = str(error).split(":")[0]
        context.problem(
            path,
            Position.at(line, column + 1),
            N_("malformed XML (%(error)s); the rest of this file is unread"),
            error=reason,
        )
    except StopIteration:
        context.problem(path, Position.at(1, 1), N_("empty file, not a Stack Exchange XML export"))
    except OSError as error:
        context.problem(path, None, N_("cannot read the file (%(error)s)"), error=error.strerror)
