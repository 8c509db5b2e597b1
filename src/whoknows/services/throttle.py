"""Login throttling: too many failed logins on one username, or from one client address,
within a window lock that key for a while; a locked key is refused before any password is
checked (HTTP 429 with Retry-After on the web), the right password included.

The counts live in the server process (a restart forgets them); the oldest keys are dropped
past ``MAX_KEYS`` so a flood of invented usernames cannot grow memory without bound.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

from whoknows.settings import Settings

MAX_KEYS = 50_000


@dataclass(frozen=True)
class Limit:
    failures: int  # this many failures within window_s...
    window_s: float
    lockout_s: float  # ...lock the key this long after the last one


@dataclass
class _State:
    failures: deque[float]
    locked_until: float = 0.0


class LoginThrottle:
    def __init__(
        self,
        per_account: Limit,
        per_address: Limit,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = {"user": per_account, "addr": per_address}
        self.clock = clock
        self._state: OrderedDict[str, _State] = OrderedDict()

    @classmethod
    def from_settings(cls, settings: Settings) -> LoginThrottle:
        window, lockout = settings.login_window_minutes * 60, settings.login_lockout_minutes * 60
        return cls(
            Limit(settings.login_failures_per_account, window, lockout),
            Limit(settings.login_failures_per_address, window, lockout),
        )

    @staticmethod
    def keys(username: str, address: str | None) -> list[str]:
        keys = ["user:" + username.strip().casefold()]
        return [*keys, "addr:" + address] if address else keys

    def retry_after(self, keys: list[str]) -> int:
        """Seconds before these keys may try again (0: now)."""
        now = self.clock()
        waits = [s.locked_until - now for k in keys if (s := self._state.get(k)) is not None]
        return max(0, math.ceil(max(waits, default=0.0)))

    def failed(self, keys: list[str]) -> None:
        now = self.clock()
        for key in keys:
            limit = self.limits[key.split(":", 1)[0]]
            state = self._state.pop(key, None) or _State(deque())
            self._state[key] = state  # most recently failed last
            while state.failures and now - state.failures[0] > limit.window_s:
                state.failures.popleft()
            state.failures.append(now)
            if len(state.failures) >= limit.failures:
                state.locked_until = now + limit.lockout_s
        while len(self._state) > MAX_KEYS:
            self._state.popitem(last=False)

    def succeeded(self, username: str) -> None:
        """A successful login clears its username's failures (never its address's)."""
        self._state.pop(self.keys(username, None)[0], None)
