"""A connector's records read in a forked child process while this process writes them to the
store: reading (JSON, XML, mail headers, Markdown) and writing (identity, SQL) each take
about half of an ingest's time, so on two cores a large export is stored in about half the
time. Small inputs (under :data:`MIN_BYTES`) are read in this process.

The child reads with the caller's context: what it skipped, noted or found broken is copied
back into that context when it is done, and an error it raised (a broken file without
``--skip-errors``) is raised here, after the records read before it (the caller's
transaction then leaves the store as it was, as it does when reading in-process).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path

from whoknows.ingest import Connector, IngestContext
from whoknows.records import Record

MIN_BYTES = 32 * 1024 * 1024
BATCH = 256  # records sent at a time


def input_bytes(path: Path, enough: int) -> int:
    """The size of a file, or of a folder's files (counting stops past ``enough``)."""
    if path.is_file():
        return path.stat().st_size
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            try:
                total += os.stat(os.path.join(folder, name)).st_size
            except OSError:
                continue
            if total >= enough:
                return total
    return total


def records(connector: Connector, path: Path, context: IngestContext) -> Iterator[Record]:
    """``connector.parse(path, context)``, read in a child process when the input is large
    (and processes can be forked)."""
    forkable = "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1
    if not forkable or input_bytes(path, MIN_BYTES) < MIN_BYTES:
        yield from connector.parse(path, context)
        return
    yield from _from_child(connector, path, context)


def _read(connector: Connector, path: Path, given: IngestContext, sender: Connection) -> None:
    """The child: parse (with a context of its own), sending records in batches, then how it
    ended and what the context recorded."""
    context = IngestContext(given.skip_errors, dict(given.options), given.source)
    batch: list[Record] = []
    try:
        for record in connector.parse(path, context):
            batch.append(record)
            if len(batch) >= BATCH:
                sender.send(("records", batch))
                batch = []
        sender.send(("records", batch))
        sender.send(("done", (None, context)))
    except Exception as error:  # raised again in the parent, after what was read before it
        sender.send(("records", batch))
        sender.send(("done", (error, context)))
    finally:
        sender.close()


def _from_child(connector: Connector, path: Path, context: IngestContext) -> Iterator[Record]:
    forking = multiprocessing.get_context("fork")
    receiver, sender = forking.Pipe(duplex=False)
    child = forking.Process(target=_read, args=(connector, path, context, sender), daemon=True)
    child.start()
    sender.close()
    try:
        while True:
            kind, payload = receiver.recv()
            if kind == "records":
                yield from payload
                continue
            error, recorded = payload
            context.merge(recorded)
            if error is not None:
                raise error
            return
    finally:
        receiver.close()
        if child.is_alive():  # this side stopped early (a write failed): the child is not needed
            child.terminate()
        child.join()
