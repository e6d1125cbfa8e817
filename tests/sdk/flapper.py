"""A flapping server for the SDK tests: a TCP proxy in front of a live Crossway that answers each new
connection as scripted (a 5xx, a dropped connection, silence) before it starts passing requests
through, and that can stop listening altogether and come back."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from tests.live import free_port

ANSWERS = {
    "502": b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    "503": b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    "504": b"HTTP/1.1 504 Gateway Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
}


@dataclass
class Flapper:
    upstream: tuple[str, int]
    port: int = field(default_factory=free_port)
    # What the next connections get, one step each: "502", "503", "504", "drop" (read the request, close
    # without an answer), "hang" (read the request, say nothing); then every connection passes through.
    script: list[str] = field(default_factory=list)
    requests: list[bytes] = field(default_factory=list)  # the head of every request seen
    _server: asyncio.Server | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def up(self) -> None:
        if self._server is None:
            self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)

    async def down(self) -> None:
        """Stop listening: new connections are refused until `up`."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            step = self.script.pop(0) if self.script else "pass"
            head = await reader.readuntil(b"\r\n\r\n")
            self.requests.append(head)
            if step in ANSWERS:
                writer.write(ANSWERS[step])
                await writer.drain()
            elif step == "hang":
                await asyncio.sleep(30)
            elif step == "pass":
                await self._pipe(head, reader, writer)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()
            self._tasks.discard(task)

    async def _pipe(self, head: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """One request through to the server and its answer back; `Connection: close` makes the client
        open a new connection for its next request, which the script then sees."""
        up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        up_writer.write(head[:-2] + b"Connection: close\r\n\r\n")

        async def copy(source: asyncio.StreamReader, target: asyncio.StreamWriter) -> None:
            while chunk := await source.read(65536):
                target.write(chunk)
                await target.drain()

        body = asyncio.create_task(copy(reader, up_writer))
        try:
            await copy(up_reader, writer)
        finally:
            body.cancel()
            up_writer.close()


@contextlib.asynccontextmanager
async def flapping(host: str) -> AsyncIterator[Flapper]:
    name, port = host.rsplit(":", 1)
    flapper = Flapper((name, int(port)))
    await flapper.up()
    try:
        yield flapper
    finally:
        await flapper.down()
        for task in list(flapper._tasks):
            task.cancel()
