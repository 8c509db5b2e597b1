"""The background refresh of a served workspace's indexes: one at a time, retried a while
after a failure, and waited for briefly by the readers that find the indexes out of date."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

RETRY_AFTER_S = 10.0  # a failed background refresh is retried after this long
# how long a reader waits for a background refresh: loading the indexes an ingest or an
# erasure from the command line has just built takes a fraction of a second, and the first
# question after it answered from the generation before ("no one's evidence mentions it")
FRESH_WAIT_S = 2.0
log = logging.getLogger(__name__)


class BackgroundRefresh:
    """Runs ``refresh`` in a thread of its own when asked, unless one runs or just failed."""

    def __init__(self, refresh: Callable[[], object]) -> None:
        self._refresh = refresh
        self._lock = threading.Lock()
        self.thread: threading.Thread | None = None  # the refresh running, if one runs
        self._started = 0.0
        self._failed_at = 0.0

    def start(self) -> None:
        with self._lock:
            if self.thread is not None or time.monotonic() - self._failed_at < RETRY_AFTER_S:
                return
            thread = threading.Thread(target=self._run, daemon=True)
            self.thread = thread
            self._started = time.monotonic()
        thread.start()

    def wait_briefly(self) -> None:
        """Until the refresh is done or has run :data:`FRESH_WAIT_S` (a load is done by
        then; a rebuild takes minutes, and the readers after its first seconds do not wait)."""
        thread = self.thread
        if thread is not None:
            thread.join(max(0.0, self._started + FRESH_WAIT_S - time.monotonic()))

    def join(self) -> None:
        if (thread := self.thread) is not None:
            thread.join()

    def _run(self) -> None:
        try:
            self._refresh()
        except Exception:
            log.exception("background refresh of the indexes failed; serving the previous ones")
            self._failed_at = time.monotonic()
        finally:
            self.thread = None
