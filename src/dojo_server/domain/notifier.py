"""Long polls of a school wait here; pushes and one shared database check release them."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

# A wave of answers costs the server about a millisecond per waiting poll (the answer, and
# the poll that follows it). Spacing a school's waves by that much per waiter keeps a busy
# school's pulls from crowding out its pushes; one or two waiters still wake at once.
WAVE_GAP_PER_WAITER_S = 0.002
MAX_WAVE_GAP_S = 1.0

Check = Callable[[], Awaitable[int]]


class SchoolFeed:
    """One school's news in this process: the newest ``server_seq`` known to be committed,
    and how far long polls have been released (``released``)."""

    def __init__(self) -> None:
        self.latest = 0
        self.released: int | None = None  # None: not checked yet, nothing is held back
        self.waiters = 0
        self._changed = asyncio.Event()
        self._last_wave = 0.0
        self._wave: asyncio.TimerHandle | None = None
        self._watcher: asyncio.Task[None] | None = None

    def may_answer(self, after_seq: int) -> bool:
        """True if a long poll standing at ``after_seq`` may be answered with news now."""
        return self.released is None or self.released > after_seq

    def _released_past(self, after_seq: int) -> bool:
        return self.released is not None and self.released > after_seq

    def learn(self, newest_seq: int) -> None:
        """Events up to ``newest_seq`` are committed: release them with the next wave."""
        if newest_seq <= self.latest and self.released is not None:
            return
        self.latest = max(self.latest, newest_seq)
        if self._wave is not None:
            return
        gap = min(MAX_WAVE_GAP_S, WAVE_GAP_PER_WAITER_S * self.waiters)
        delay = self._last_wave + gap - time.monotonic()
        loop = asyncio.get_running_loop()
        if delay <= 0:
            self._release()
        else:
            self._wave = loop.call_later(delay, self._release)

    def _release(self) -> None:
        self._wave = None
        self._last_wave = time.monotonic()
        self.released = self.latest
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def wait(self, after_seq: int, timeout: float, check: Check,
                   interval: float) -> None:
        """Until events after ``after_seq`` are released, or ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        self.waiters += 1
        if self._watcher is None or self._watcher.done():
            self._watcher = asyncio.create_task(self._watch(check, interval))
        try:
            while not self._released_past(after_seq):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), remaining)
        finally:
            self.waiters -= 1

    async def _watch(self, check: Check, interval: float) -> None:
        """While polls wait, look for commits of other server processes every ``interval``:
        one cheap read per school, however many polls wait."""
        while self.waiters:
            try:
                self.learn(await check())
            except Exception:  # a failed check must not strand the waiting polls
                log.exception("checking the school's newest event failed")
            await asyncio.sleep(interval)


class ChangeNotifier:
    """The feeds of every school with news or waiting polls. Event loop thread only."""

    def __init__(self) -> None:
        self._feeds: dict[str, SchoolFeed] = {}

    def feed(self, school_id: str) -> SchoolFeed:
        found = self._feeds.get(school_id)
        if found is None:
            found = self._feeds[school_id] = SchoolFeed()
        return found

    def notify(self, school_id: str, newest_seq: int) -> None:
        """A push in this process committed events of ``school_id`` up to ``newest_seq``."""
        self.feed(school_id).learn(newest_seq)
