"""The lock that keeps index builds one at a time: a thread lock in this process and a file
lock across the processes sharing a workspace (web workers, a CLI ingest)."""

from __future__ import annotations

import threading
from pathlib import Path
from types import TracebackType
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: the thread lock alone
    fcntl = None  # type: ignore[assignment]


class BuildLock:
    """Reentrant in the thread that holds it; :meth:`acquire` can give up at once
    (``blocking=False``) so that a reader serves the generation it has instead of waiting."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread = threading.RLock()
        self._depth = 0
        self._file: IO[bytes] | None = None
        # False where builds run in a child process, which takes the file lock itself
        self.files = True

    def acquire(self, blocking: bool = True) -> bool:
        if not self._thread.acquire(blocking=blocking):
            return False
        if self._depth == 0 and self.files and not self._lock_file(blocking):
            self._thread.release()
            return False
        self._depth += 1
        return True

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._file is not None:
            if fcntl is not None:
                fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None
        self._thread.release()

    def wait_for_files(self) -> None:
        """Wait until no process is building (a shared lock waits for the exclusive one)."""
        if fcntl is None or not self.path.exists():
            return
        with self.path.open("ab") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH)
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _lock_file(self, blocking: bool) -> bool:
        if fcntl is None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("ab")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True

    def __enter__(self) -> BuildLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()
