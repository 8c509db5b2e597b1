"""Answering within a chat platform's deadline (Slack waits three seconds): the work's result
when it is ready in time, otherwise None now and the result handed to ``late`` when it is."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger("whoknows.chat")
_RUNNING: set[asyncio.Task[None]] = set()  # late work, kept referenced until it ends


async def within(seconds: float, work: Awaitable[T], late: Callable[[T], None]) -> T | None:
    """``work``'s result if it finishes within ``seconds``; else None, and ``late(result)``
    runs in a worker thread once it does (a failure there is logged, never raised)."""
    task: asyncio.Task[T] = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=seconds)
    if task in done:
        return task.result()

    async def finish() -> None:
        try:
            result = await task
            await asyncio.to_thread(late, result)
        except Exception:
            log.exception("a late chat answer failed")

    follow_up: asyncio.Task[None] = asyncio.ensure_future(finish())
    _RUNNING.add(follow_up)
    follow_up.add_done_callback(_RUNNING.discard)
    return None
