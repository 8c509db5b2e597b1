"""A lean HTTP/1.1 client for the load benchmark: one keep-alive connection, cookies kept,
redirects followed.

The load generator shares the server's two cores; httpx spent about 7 ms of CPU per request
there, a fifth of what the server was measured on. This client spends a fraction of that, so
the benchmark measures the server rather than its own client.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

REDIRECTS = (301, 302, 303, 307, 308)


class ClientError(Exception):
    """The connection failed or the answer was not HTTP."""


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    path: str  # after redirects

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> object:
        import json

        return json.loads(self.body)


class LeanClient:
    def __init__(self, host: str, port: int, timeout: float = 30.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, params: dict[str, object] | None = None) -> Reply:
        query = f"?{urlencode(params)}" if params else ""
        return await self.request("GET", path + query)

    async def post(self, path: str, form: dict[str, str]) -> Reply:
        return await self.request("POST", path, urlencode(form).encode())

    async def request(self, method: str, path: str, body: bytes = b"", hops: int = 5) -> Reply:
        reply = await asyncio.wait_for(self._exchange(method, path, body), self.timeout)
        location = reply.headers.get("location")
        if reply.status in REDIRECTS and location and hops:
            target = urlsplit(location)
            next_path = target.path + (f"?{target.query}" if target.query else "")
            keep = reply.status in (307, 308)
            return await self.request(
                method if keep else "GET", next_path, body if keep else b"", hops - 1
            )
        return reply

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._reader = self._writer = None

    async def _exchange(self, method: str, path: str, body: bytes) -> Reply:
        for attempt in (1, 2):  # a keep-alive connection the server closed: reconnect once
            if self._writer is None:
                self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
            try:
                self._writer.write(self._head(method, path, body) + body)
                await self._writer.drain()
                return await self._read(path)
            except (ConnectionError, asyncio.IncompleteReadError) as failure:
                await self.close()
                if attempt == 2:
                    raise ClientError(type(failure).__name__) from failure
        raise AssertionError("unreachable")

    def _head(self, method: str, path: str, body: bytes) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if method == "POST":
            lines.append("Content-Type: application/x-www-form-urlencoded")
            lines.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode()

    async def _read(self, path: str) -> Reply:
        assert self._reader is not None
        status_line = await self._reader.readline()
        if not status_line:  # the server closed an idle keep-alive connection
            raise ConnectionResetError("closed before the answer")
        if not status_line.startswith(b"HTTP/1."):
            raise ClientError(f"not HTTP: {status_line[:40]!r}")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while (line := await self._reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, cookie = pair.partition("=")
                self.cookies[key.strip()] = cookie.strip()
            headers[name] = value
        if "chunked" in headers.get("transfer-encoding", ""):
            body = await self._chunks()
        else:
            body = await self._reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Reply(status, headers, body, path)

    async def _chunks(self) -> bytes:
        assert self._reader is not None
        parts = []
        while True:
            size = int((await self._reader.readline()).split(b";")[0], 16)
            if size == 0:
                await self._reader.readline()
                return b"".join(parts)
            parts.append(await self._reader.readexactly(size))
            await self._reader.readline()
