"""Work spread over the machine's cores by forked child processes: a child inherits the
parent's memory (open indexes, loaded models), so nothing is loaded or sent to it but the
index of its input; only results travel back. Also the priority a serving process gives the
index builds it starts (:func:`background_priority`)."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
_work: Callable[[Any], Any] | None = None  # a child's function (set before forking)
_inputs: Sequence[Any] = ()  # and its inputs


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether forked children would run on more than one core."""
    return cores() > 1 and "fork" in multiprocessing.get_all_start_methods()


def _run(index: int) -> Any:
    assert _work is not None
    return _work(_inputs[index])


def forked_map(work: Callable[[T], R], inputs: Sequence[T], chunk: int = 4) -> Iterator[R]:
    """``work(input)`` for each of ``inputs``, in order, computed by one forked child per core
    (``work`` may be a closure: the children inherit it); in this process on one core."""
    global _work, _inputs
    if not can_fork() or len(inputs) < 2:
        yield from map(work, inputs)
        return
    _work, _inputs = work, inputs
    context = multiprocessing.get_context("fork")
    workers = context.Pool(min(cores(), len(inputs)))
    try:
        yield from workers.imap(_run, range(len(inputs)), chunksize=chunk)
    finally:
        workers.terminate()
        workers.join()
        _work, _inputs = None, ()


__all__ = ["can_fork", "cores", "forked_map"]


CHILD_NICENESS = 19  # a serving process builds indexes in a child process this much nicer


def background_priority() -> list[str]:
    """The command prefix that runs a build at the lowest priority, where ``nice`` exists.

    Not Linux's idle scheduling class: a build starved there while it holds the store's write
    lock would hold up every request that writes (a portfolio view is audited), and it
    measured no faster for the requests."""
    nice = shutil.which("nice")
    return [nice, "-n", str(CHILD_NICENESS)] if nice else []
