"""Long polls wait here, released in waves by pushes and one shared check per school.

Per school and server process there is one :class:`SchoolFeeds`, with one :class:`Feed`
per audience: the whole school (devices enrolled for the school) and each class (devices
enrolled for one class, which see their class's events and the school-wide ones, see
``dojo_protocol.audience``). A push committed in this process tells the feeds it
concerns at once; while polls wait, one task per school reads the school's newest
``server_seq`` (and the epoch) every poll interval, and on news which classes it
concerns, which finds pushes of other server processes sharing the database. Waiting
polls of a feed are released together, in a *wave*, and read what is new once per wave
instead of once per poll. An award in one classroom so wakes that classroom and the
school-wide devices, not every classroom of the school.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

# A wave costs the server about a millisecond per released poll (its answer and the next
# request). Spacing a school's waves by that much per waiting poll keeps the pulls of a
# busy school from crowding out its pushes; with a few polls waiting, waves go at once.
WAVE_GAP_PER_WAITER_S = 0.01
MAX_WAVE_GAP_S = 3.0
WATCH_LINGER_S = 5.0
KEPT_AUTHORS = 1024  # recent pushes whose device a feed remembers



@dataclass(frozen=True)
class News:
    """What the shared check found: the school's newest ``server_seq``, the epoch, and
    the newest ``server_seq`` per class among the events after the check's ``since``
    (None for school-wide events), with the one device that wrote those of each class
    (None if several did)."""

    newest_seq: int
    epoch: str
    by_class: dict[str | None, int]
    authors: dict[str | None, str | None] = field(default_factory=dict)


# Reads the school's news after ``since`` (None: from the start).
Check = Callable[[int | None], Awaitable[News]]


@dataclass(frozen=True)
class Tail:
    """What a wave released, read once: each event's JSON, and the school's devices'
    ``last_seq``, read after the events."""

    epoch: str
    seqs: list[int]
    events: list[str]
    complete: bool  # False: more was released than one read takes
    last_seqs: dict[str, int]
    upto: int  # the read covered events up to this server_seq
    ids: list[str] = field(default_factory=list)  # each event's id (cursors name them)
    upto_id: str | None = None  # the id of the event at upto, if not the last of seqs
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


class Feed:
    """The news of one audience of a school (the whole school, or one class) in this
    process, and the long polls waiting for it."""

    def __init__(self, school: SchoolFeeds) -> None:
        self._school = school
        self.latest = 0  # the newest server_seq known to be committed
        self.released: int | None = None  # None: not checked yet, nothing is held back
        self.epoch: str | None = None  # as last checked
        self.wave: Wave | None = None
        self._released_before: int | None = None  # released up to this before the last wave
        self.waiters = 0
        self._changed = asyncio.Event()
        self._last_wave = 0.0
        self._pending: asyncio.TimerHandle | None = None
        # Which device wrote the news: (the newest server_seq of a write, its device or
        # None if not known), in order, complete for every server_seq above _authors_from.
        self._authors: list[tuple[int, str | None]] = []
        self._authors_from = 0

    def may_answer(self, after_seq: int) -> bool:
        """True if a long poll standing at ``after_seq`` may be answered with news now."""
        return self.released is None or self.released > after_seq

    def only_from(self, device_id: str, after_seq: int) -> bool:
        """True if everything released after ``after_seq`` was written by ``device_id``.

        A device's own events need not wake its long poll: it has them already, and they
        come with the next answer it gets. A classroom's board is alone in its class's
        feed, so without this every award it gave would cost it a poll's round trip.
        """
        if self.released is None or after_seq < self._authors_from:
            return False
        for newest, author in reversed(self._authors):
            if newest <= after_seq:
                break
            if author != device_id:
                return False
        return True

    def learn(self, newest_seq: int, epoch: str | None = None,
              author: str | None = None) -> None:
        """Events up to ``newest_seq`` are committed: release them with the next wave.
        ``author`` is the device that wrote those after the newest known, if known.

        A new epoch releases every poll at once (they are answered 410).
        """
        if epoch is not None and epoch != self.epoch:
            restored = self.epoch is not None
            self.epoch = epoch
            if restored:  # the old epoch's numbers mean nothing now
                self.latest, self.released, self._released_before = newest_seq, None, None
                self._authors, self._authors_from = [], newest_seq
                self._release()
                return
        if newest_seq <= self.latest and self.released is not None:
            return
        if newest_seq > self.latest:
            self._authors.append((newest_seq, author))
            if len(self._authors) > KEPT_AUTHORS:
                self._authors_from = self._authors[-KEPT_AUTHORS - 1][0]
                del self._authors[:-KEPT_AUTHORS]
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
                   interval: float, device_id: str | None = None) -> Wave | None:
        """The wave that released news after ``after_seq`` (or changed the epoch), or None
        after ``timeout`` seconds. News only from ``device_id`` itself does not count."""
        deadline = time.monotonic() + timeout
        self.waiters += 1
        self._school.watch(check, interval)
        try:
            while True:
                if self.released is not None and epoch is not None \
                        and self.epoch is not None and epoch != self.epoch:
                    return self.wave
                if self.released is not None and self.released > after_seq and not (
                        device_id is not None and self.only_from(device_id, after_seq)):
                    return self.wave
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), remaining)
        finally:
            self.waiters -= 1



class SchoolFeeds:
    """A school's feeds in this process, and the one check that finds other processes'
    pushes while any of them has polls waiting."""

    def __init__(self) -> None:
        self.feeds: dict[str | None, Feed] = {}  # None: the whole school
        self._checked: int | None = None  # the newest server_seq the check has sorted out
        self._epoch: str | None = None
        self._watcher: asyncio.Task[None] | None = None

    def feed(self, class_id: str | None) -> Feed:
        found = self.feeds.get(class_id)
        if found is None:
            found = self.feeds[class_id] = Feed(self)
        return found

    def learn(self, newest_seq: int, by_class: dict[str | None, int] | None,
              epoch: str | None = None, author: str | None = None,
              authors: dict[str | None, str | None] | None = None) -> None:
        """Events up to ``newest_seq`` are committed, the newest of each class as in
        ``by_class`` (None: which classes is not known, so every feed hears of it),
        written by device ``author`` if known, or per class as in ``authors``."""
        school_wide = None if by_class is None else by_class.get(None)
        for class_id, feed in self.feeds.items():
            if class_id is None or by_class is None:
                feed.learn(newest_seq, epoch, author or _sole(authors, by_class))
                continue
            newest = max(by_class.get(class_id, 0), school_wide or 0)
            if newest or feed.released is None:
                heard = [c for c in (class_id, None) if c in by_class]
                feed.learn(newest or feed.latest, epoch, author or _sole(authors, heard))

    def watch(self, check: Check, interval: float) -> None:
        """Start the school's shared check unless it runs."""
        if self._watcher is None or self._watcher.done():
            self._watcher = asyncio.create_task(self._watch(check, interval))

    def _waiters(self) -> int:
        return sum(feed.waiters for feed in self.feeds.values())

    async def _watch(self, check: Check, interval: float) -> None:
        """While polls wait, one cheap read per school every ``interval``.

        It keeps going a while after the last poll left: a wave releases every poll at
        once, and they come straight back.
        """
        idle_until = time.monotonic() + WATCH_LINGER_S
        while self._waiters() or time.monotonic() < idle_until:
            try:
                self._sort_out(await check(self._checked))
            except Exception:  # a failed check must not strand the waiting polls
                log.exception("checking the school's newest event failed")
            await asyncio.sleep(interval)
            if self._waiters():
                idle_until = time.monotonic() + WATCH_LINGER_S

    def _sort_out(self, news: News) -> None:
        restored = self._epoch is not None and news.epoch != self._epoch
        self._epoch = news.epoch
        if restored:  # every poll is answered 410; the next check starts afresh
            self._checked = None
            for feed in self.feeds.values():
                feed.learn(news.newest_seq, news.epoch)
            return
        # The first time, ``by_class`` covers the whole log: what each feed has. Naming
        # the writers keeps a device's own pushes found here (before its push's own
        # notice, or through another server process) from ending its poll.
        self._checked = news.newest_seq
        self.learn(news.newest_seq, news.by_class, news.epoch, authors=news.authors)


def _sole(authors: dict[str | None, str | None] | None,
          classes: Iterable[str | None] | None) -> str | None:
    """The one device that wrote the news of ``classes`` (per ``authors``), or None."""
    if authors is None or classes is None:
        return None
    found = {authors.get(class_id) for class_id in classes}
    return found.pop() if len(found) == 1 else None


class ChangeNotifier:
    """The feeds of every school with news or waiting polls. Event loop thread only."""

    def __init__(self) -> None:
        self._schools: dict[str, SchoolFeeds] = {}
        # Devices whose cursor this process checked against the database (see
        # sync/restore_check.py); their polls may be answered from what a wave read.
        self.checked_devices: set[str] = set()

    def school(self, school_id: str) -> SchoolFeeds:
        found = self._schools.get(school_id)
        if found is None:
            found = self._schools[school_id] = SchoolFeeds()
        return found

    def feed(self, school_id: str, class_id: str | None = None) -> Feed:
        """The feed of a device of ``school_id`` enrolled for ``class_id`` (None: all)."""
        return self.school(school_id).feed(class_id)

    def notify(self, school_id: str, newest_seq: int,
               newest_by_class: dict[str | None, int] | None = None,
               author: str | None = None) -> None:
        """A write in this process committed events of ``school_id`` up to ``newest_seq``;
        ``newest_by_class`` says which classes they concern and ``author`` which device
        wrote them, if known."""
        self.school(school_id).learn(newest_seq, newest_by_class, author=author)
