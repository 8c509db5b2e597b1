"""Spreading keep-alive clients over the worker processes of ``serve --workers N``.

The workers share one listening socket, and a connection belongs to the worker that accepted
it for as long as the client keeps it alive: sixteen browsers that connected in the same
second can sit twelve on one worker and four on the other, and stay so, one core saturated
and the other half idle. About one response in :data:`REQUESTS_PER_CONNECTION`, drawn at
random, asks the client to reconnect (``Connection: close``); the new connection goes to
whichever worker accepts first, and a busy worker, whose event loop waits for the
interpreter, accepts later than an idle one.

Drawn at random rather than counted per connection: behind a reverse proxy the client
address the app sees is the forwarded one (many users share the proxy's pooled connections),
so a count per address would close the wrong connections or none.
"""

from __future__ import annotations

import random

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUESTS_PER_CONNECTION = 8


class Rebalance:
    """Pure ASGI middleware: ``Connection: close`` on a random 1 in ``every`` responses."""

    def __init__(
        self, app: ASGIApp, every: int = REQUESTS_PER_CONNECTION, seed: int | None = None
    ) -> None:
        self.app = app
        self.every = every
        self._draw = random.Random(seed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self._draw.randrange(self.every):
            await self.app(scope, receive, send)
            return

        async def send_closing(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["Connection"] = "close"
            await send(message)

        await self.app(scope, receive, send_closing)
