"""A limit on request bodies: every form and JSON body whoknows takes is a few kilobytes
(the longest text field, a comment, is capped far below), so a body over
:data:`MAX_BODY_BYTES` is answered 413 before any route reads it, instead of being read
into memory whole and refused afterwards."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 1 << 20


class BodyLimit:
    """Pure ASGI middleware: 413 for a declared or streamed body over ``limit`` bytes."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, send)
            return
        if declared is not None:  # (the server stops reading at the declared length)
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        size = 0
        while True:  # a body without a declared length: read it (up to the limit) first
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.limit:
                await self._refuse(scope, send)
                return
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(messages, receive), send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        megabytes = self.limit / (1 << 20)
        reason = f"the request body is larger than {megabytes:g} MB; send less"
        if scope["path"].startswith("/api/"):
            body, kind = json.dumps({"detail": reason}).encode(), b"application/json"
        else:
            body = f"<!doctype html><title>413</title><p>{reason}</p>".encode()
            kind = b"text/html; charset=utf-8"
        headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
        headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed
