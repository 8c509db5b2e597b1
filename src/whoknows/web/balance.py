"""Spreading keep-alive clients over the worker processes of ``serve --workers N``.

The workers share one listening socket, and a connection belongs to the worker that accepted
it for as long as the client keeps it alive: sixteen browsers that connected in the same
second can sit twelve on one worker and four on the other, and stay so, one core saturated
and the other half idle. Every :data:`REQUESTS_PER_CONNECTION` responses on a connection,
this middleware asks the client to reconnect (``Connection: close``); the new connection goes
to whichever worker accepts first, and a busy worker, whose event loop waits for the
interpreter, accepts later than an idle one.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUESTS_PER_CONNECTION = 8


class Rebalance:
    """Pure ASGI middleware: ``Connection: close`` on every Nth response of a connection."""

    def __init__(self, app: ASGIApp, every: int = REQUESTS_PER_CONNECTION) -> None:
        self.app = app
        self.every = every
        self._served: dict[tuple[object, ...], int] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        if scope["type"] != "http" or not client:
            await self.app(scope, receive, send)
            return
        key = (*client, *(scope.get("server") or ()))
        served = self._served.get(key, 0) + 1
        last = served >= self.every
        if last:
            self._served.pop(key, None)
        else:
            self._served[key] = served
            if len(self._served) > 10_000:  # connections that went away without a last reply
                self._served.clear()

        async def send_closing(message: Message) -> None:
            if last and message["type"] == "http.response.start":
                MutableHeaders(scope=message)["Connection"] = "close"
            await send(message)

        await self.app(scope, receive, send_closing)
