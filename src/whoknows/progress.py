"""Progress reporting for long work: the service calls it, the CLI decides how to show it."""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO


class Progress(Protocol):
    def update(self, stage: str, done: int, total: int | None = None) -> None: ...

    def finish(self, stage: str) -> None: ...


class SilentProgress:
    def update(self, stage: str, done: int, total: int | None = None) -> None:
        return None

    def finish(self, stage: str) -> None:
        return None


class StreamProgress:
    """One self-overwriting line on a terminal; a line every few seconds otherwise."""

    def __init__(self, stream: TextIO | None = None, interval: float = 0.2) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.interval = interval if self.tty else 5.0
        self.started: dict[str, float] = {}
        self.last = 0.0

    def update(self, stage: str, done: int, total: int | None = None) -> None:
        now = time.monotonic()
        if stage not in self.started:
            self.started[stage] = self.last = now
            return
        if now - self.last < self.interval:
            return
        self.last = now
        elapsed = max(now - self.started[stage], 1e-9)
        amount = f"{done:,}/{total:,}" if total else f"{done:,}"
        line = f"{stage}: {amount} ({done / elapsed:,.0f}/s)"
        if self.tty:
            self.stream.write("\r\x1b[2K" + line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def finish(self, stage: str) -> None:
        if self.tty and stage in self.started:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
        self.started.pop(stage, None)
