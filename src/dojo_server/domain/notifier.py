"""Long polls of a school wait here, released in waves by pushes and one shared check.

Per school and server process there is one :class:`SchoolFeed`. A push committed in this
process tells it at once; while polls wait, one task per school reads the school's newest
``server_seq`` (and the epoch) every poll interval, which finds pushes of other server
processes sharing the database. Waiting polls are released together, in a *wave*, and
read what is new once per wave instead of once per poll.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

# A wave costs the server about a millisecond per released poll (its answer and the next
# request). Spacing a school's waves by that much per waiting poll keeps the pulls of a
# busy school from crowding out its pushes; with a few polls waiting, waves go at once.
WAVE_GAP_PER_WAITER_S = 0.01
MAX_WAVE_GAP_S = 3.0
WATCH_LINGER_S = 5.0

Check = Callable[[], Awaitable[tuple[int, str]]]


@dataclass(frozen=True)
class Tail:
    """What a wave released, read once: each event's JSON, and the school's devices'
    ``last_seq``, read after the events."""

    epoch: str
    seqs: list[int]
    events: list[str]
    complete: bool  # False: more was released than one read takes
    last_seqs: dict[str, int]
    joined: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class Wave:
    """Events ``since < server_seq <= upto`` were released together."""

    since: int
    upto: int
    tail: asyncio.Future[Tail] | None = field(default=None, repr=False)

    async def read(self, reader: Callable[[int, int], Awaitable[Tail]]) -> Tail:
        """What the wave released, read once for all its polls."""
        if self.tail is None:
            self.tail = asyncio.ensure_future(reader(self.since, self.upto))
        # Shielded: one poll giving up must not cancel the read the others wait for.
        return await asyncio.shield(self.tail)


class SchoolFeed:
    """One school's news in this process."""

    def __init__(self) -> None:
        self.latest = 0  # the newest server_seq known to be committed
        self.released: int | None = None  # None: not checked yet, nothing is held back
        self.epoch: str | None = None  # as last checked
        self.wave: Wave | None = None
        self._released_before: int | None = None  # released up to this before the last wave
        self.waiters = 0
        self._changed = asyncio.Event()
        self._last_wave = 0.0
        self._pending: asyncio.TimerHandle | None = None
        self._watcher: asyncio.Task[None] | None = None

    def may_answer(self, after_seq: int) -> bool:
        """True if a long poll standing at ``after_seq`` may be answered with news now."""
        return self.released is None or self.released > after_seq

    def learn(self, newest_seq: int, epoch: str | None = None) -> None:
        """Events up to ``newest_seq`` are committed: release them with the next wave.

        A new epoch releases every poll at once (they are answered 410).
        """
        if epoch is not None and epoch != self.epoch:
            restored = self.epoch is not None
            self.epoch = epoch
            if restored:  # the old epoch's numbers mean nothing now
                self.latest, self.released, self._released_before = newest_seq, None, None
                self._release()
                return
        if newest_seq <= self.latest and self.released is not None:
            return
        self.latest = max(self.latest, newest_seq)
        if self._pending is not None:
            return
        gap = min(MAX_WAVE_GAP_S, WAVE_GAP_PER_WAITER_S * self.waiters)
        delay = self._last_wave + gap - time.monotonic()
        if delay <= 0:
            self._release()
        else:
            self._pending = asyncio.get_running_loop().call_later(delay, self._release)

    def _release(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        self._last_wave = time.monotonic()
        # A wave's read also covers the wave before, for polls that were not back in time.
        since = next(seq for seq in (self._released_before, self.released, self.latest)
                      if seq is not None)
        self._released_before = self.released
        self.released = self.latest
        self.wave = Wave(min(since, self.latest), self.latest)
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def wait(self, after_seq: int, epoch: str | None, timeout: float, check: Check,
                   interval: float) -> Wave | None:
        """The wave that released news after ``after_seq`` (or changed the epoch), or None
        after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        self.waiters += 1
        if self._watcher is None or self._watcher.done():
            self._watcher = asyncio.create_task(self._watch(check, interval))
        try:
            while True:
                if self.released is not None and (self.released > after_seq or (
                        epoch is not None and self.epoch is not None and epoch != self.epoch)):
                    return self.wave
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), remaining)
        finally:
            self.waiters -= 1

    async def _watch(self, check: Check, interval: float) -> None:
        """While polls wait, one cheap read per school every ``interval``.

        It keeps going a while after the last poll left: a wave releases every poll at
        once, and they come straight back.
        """
        idle_until = time.monotonic() + WATCH_LINGER_S
        while self.waiters or time.monotonic() < idle_until:
            try:
                self.learn(*await check())
            except Exception:  # a failed check must not strand the waiting polls
                log.exception("checking the school's newest event failed")
            await asyncio.sleep(interval)
            if self.waiters:
                idle_until = time.monotonic() + WATCH_LINGER_S


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
