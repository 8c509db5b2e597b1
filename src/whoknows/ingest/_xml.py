"""Streaming reader for the row-per-element XML files of Stack Exchange dumps."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from whoknows.errors import Position
from whoknows.i18n import N_
from whoknows.ingest.base import IngestContext, Part


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


def part_rows(
    path: Path, context: IngestContext, part: Part
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row (with its index, from 0) up to the end of ``part``: the rows before its start
    too, for what they tell the rows in it; the caller keeps the ones ``part`` holds.

    A broken file is reported once over all the parts of a section: by the part whose range
    holds the row where reading stopped (the whole file's part reports as :func:`iter_rows`).
    """
    if part.start == 0 and part.stop is None:
        yield from enumerate(iter_rows(path, context))
        return
    quiet = IngestContext(skip_errors=True)
    read = 0
    for index, row in enumerate(iter_rows(path, quiet)):
        if part.stop is not None and index >= part.stop:
            return
        read = index + 1
        yield index, row
    if quiet.problems and part.holds(read):
        context.report(quiet.problems[0])


def count_rows(path: Path, chunk: int = 1 << 20) -> int:
    """About how many rows a dump file holds (its ``<row`` marks), read as bytes: how a
    source is cut into parts, not what is parsed."""
    count, tail = 0, b""
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            data = tail + block
            count += data.count(b"<row")
            tail = data[-3:]
    return count
