"""A loop that runs in the background of the process: woken early by `wake()`, else every `interval`."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

import structlog

log = structlog.get_logger("crossway.background")


class BackgroundLoop:
    def __init__(self, name: str, step: Callable[[], Awaitable[bool]], interval: Callable[[], float]) -> None:
        """`step` does one round of work and returns True when more is waiting (run again at once)."""
        self.name, self.step, self.interval = name, step, interval
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self.run_forever(), name=self.name)

    async def stop(self, grace: float = 10.0) -> None:
        """Let the step under way finish (cancelling it mid-transaction could leave a lock held), then end."""
        if self._task is None:
            return
        self._stopping = True
        self._wake.set()
        try:
            await asyncio.wait_for(asyncio.shield(self._task), grace)
        except TimeoutError:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._task = None
        self._stopping = False

    async def run_forever(self) -> None:
        while not self._stopping:
            try:
                busy = await self.step()
            except Exception:  # a bad moment of the database or network must not end the loop
                log.exception("background_step_failed", loop=self.name)
                busy = False
            if not busy and not self._stopping:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.interval())
                self._wake.clear()
