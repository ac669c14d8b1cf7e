"""When to sync: on a local write, on start-up, every 30 s, when the network comes back,
and a long-poll pull while online; and, now and then after a pull, the award check
(sync/digest_check.py). Runs on the asyncio loop (qasync in the app); the
blocking HTTP runs in worker threads so the UI never waits on the network."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TypeVar

from dojo_desktop.core.sync_status import SyncState, SyncStatus
from dojo_desktop.sync.digest_check import DigestCheck
from dojo_desktop.sync.engine import SyncEngine, SyncReport
from dojo_desktop.sync.errors import (
    NotPaired,
    OtherComputer,
    RetryLater,
    Revoked,
    SyncError,
    Unauthorized,
    UpgradeRequired,
)
from dojo_desktop.sync.problems import Problem, problem_of
from dojo_desktop.sync.sync_store import AppliedPage

log = logging.getLogger(__name__)
T = TypeVar("T")

FATAL = (Revoked, Unauthorized, UpgradeRequired, NotPaired, OtherComputer)
PUSH, PULL = "push", "pull"


class Backoff:
    """Exponential backoff with full jitter (AWS architecture blog), capped at 60 s."""

    def __init__(self, base: float = 0.5, cap: float = 60.0,
                 rng: Callable[[], float] = random.random) -> None:
        self.base, self.cap, self._rng, self.attempt = base, cap, rng, 0

    def next_delay(self, retry_after: float | None = None) -> float:
        ceiling = min(self.cap, self.base * float(2**self.attempt))
        self.attempt += 1
        delay = float(self._rng()) * ceiling
        return max(delay, retry_after) if retry_after is not None else delay

    def reset(self) -> None:
        self.attempt = 0


class SyncScheduler:
    """Keeps one device in sync. ``push_engine`` and ``pull_engine`` have their own HTTP
    sessions so a long poll never holds up a push."""

    def __init__(self, push_engine: SyncEngine, pull_engine: SyncEngine,
                 counts: Callable[[], tuple[int, int]],
                 on_status: Callable[[SyncStatus], None],
                 on_changes: Callable[[AppliedPage], None], *, server_url: str = "",
                 interval: float = 30.0, long_poll: float = 25.0,
                 rng: Callable[[], float] = random.random,
                 check: DigestCheck | None = None) -> None:
        self._push_engine, self._pull_engine = push_engine, pull_engine
        self._check = check  # on the pull engine's thread, between pulls
        self._counts, self._on_status, self._on_changes = counts, on_status, on_changes
        self._interval, self._long_poll = interval, long_poll
        self._push_backoff, self._pull_backoff = Backoff(rng=rng), Backoff(rng=rng)
        self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="sync")
        self._status = SyncStatus(SyncState.SYNCING, server_url=server_url)
        # Each loop's failure until that loop succeeds again: "up to date" needs neither.
        self._problems: dict[str, Problem] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._push_wanted: asyncio.Event | None = None
        self._wake: asyncio.Event | None = None

    @property
    def status(self) -> SyncStatus:
        return self._status

    def start(self) -> None:
        """Start syncing on the running loop (a start-up sync happens at once)."""
        self._loop = asyncio.get_running_loop() if self._loop is None else self._loop
        self._push_wanted, self._wake = asyncio.Event(), asyncio.Event()
        self._push_wanted.set()
        self._tasks = [self._loop.create_task(coro) for coro in
                       (self._push_loop(), self._pull_loop(), self._timer())]
        self._publish()

    def start_on(self, loop: asyncio.AbstractEventLoop) -> None:
        """Start from code that is not running inside the loop (the app's start-up)."""
        self._loop = loop
        loop.call_soon(self.start)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._executor.shutdown(wait=False, cancel_futures=True)
        for engine in (self._push_engine, self._pull_engine):
            engine.transport.close()

    def request_push(self) -> None:
        """A local write happened: push now (coalesced while a push is in flight). Safe to
        call from any thread."""
        if self._loop is not None and self._push_wanted is not None:
            self._loop.call_soon_threadsafe(self._push_wanted.set)

    def network_changed(self) -> None:
        """The OS says the network changed: stop waiting out a backoff and try again."""
        if self._loop is not None and self._wake is not None:
            self._loop.call_soon_threadsafe(self._wake_up)

    def _wake_up(self) -> None:
        assert self._wake is not None and self._push_wanted is not None
        self._push_backoff.reset()
        self._pull_backoff.reset()
        self._wake.set()
        self._push_wanted.set()

    async def _push_loop(self) -> None:
        assert self._push_wanted is not None
        while True:
            await self._push_wanted.wait()
            self._push_wanted.clear()
            try:
                report = await self._blocking(self._push_engine.push_all)
            except FATAL as exc:
                self._stop_for(exc)
                return
            except SyncError as exc:
                delay = self._failed(exc, self._push_backoff, PUSH)
            else:
                self._push_backoff.reset()
                self._succeeded(report, PUSH)
                continue
            await self._wait_out(delay)  # outside the handler: see _failed
            self._push_wanted.set()

    async def _pull_loop(self) -> None:
        while True:
            try:
                report = await self._blocking(self._pull_engine.pull_all, self._long_poll)
            except FATAL as exc:
                self._stop_for(exc)
                return
            except SyncError as exc:
                delay = self._failed(exc, self._pull_backoff, PULL)
            else:
                await self._pulled(report)
                continue
            await self._wait_out(delay)  # outside the handler: see _failed

    async def _pulled(self, report: SyncReport) -> None:
        self._pull_backoff.reset()
        if report.requeued:
            self.request_push()
        if report.pulled.applied:
            self._on_changes(report.pulled)
        self._succeeded(report, PULL)
        if self._check is not None:
            await self._check_awards(self._check)

    async def _check_awards(self, check: DigestCheck) -> None:
        """The pull caught up: compare awards with the server, if due and nothing waits."""
        outcome = await self._blocking(check.run_if_due)
        if outcome is None:
            return
        if outcome.downloaded is not None:
            if outcome.downloaded.requeued:
                self.request_push()
            if outcome.downloaded.pulled.applied:
                self._on_changes(outcome.downloaded.pulled)
        if outcome.result is not None:
            self._publish(award_check=outcome.result,
                          award_check_classes=outcome.class_names)

    async def _timer(self) -> None:
        assert self._push_wanted is not None
        while True:
            await asyncio.sleep(self._interval)
            self._push_wanted.set()

    async def _blocking(self, fn: Callable[..., T], *args: object) -> T:
        assert self._loop is not None
        return await self._loop.run_in_executor(self._executor, fn, *args)

    def _failed(self, exc: SyncError, backoff: Backoff, loop: str) -> float:
        """Show the failure (it stays shown until this loop succeeds again) and return the
        backoff to wait, growing with each failure in a row.

        The loops wait after their ``except`` block ends: inside it the exception stays
        alive, and its traceback holds the failed attempt's frames, which for a push are
        the batches on their way (rows, JSON and bytes: megabytes for a backlog), through
        a backoff of up to a minute."""
        retry_after = exc.retry_after if isinstance(exc, RetryLater) else None
        self._problems[loop] = problem_of(exc, pushing=loop == PUSH)
        self._publish(**self._problem_shown())
        delay = backoff.next_delay(retry_after)
        log.info("%s failed (%s); retrying in %.1f s", loop, exc, delay)
        return delay

    async def _wait_out(self, delay: float) -> None:
        """Wait ``delay`` seconds, or less when the network comes back."""
        assert self._wake is not None
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=delay)

    def _succeeded(self, report: SyncReport, loop: str) -> None:
        """Up to date once neither loop's last attempt failed; else the other's problem
        stays shown (its backoff is not cut short: one loop working is no proof)."""
        self._problems.pop(loop, None)
        changes: dict[str, object] = {}
        if report.pushed or report.rejected:
            changes["clock_skew_ms"] = report.clock_skew_ms
        if self._problems:
            changes.update(self._problem_shown())
        else:
            changes.update(state=SyncState.UP_TO_DATE, last_error="", problem=None,
                           detail=None, last_synced_ms=time.time_ns() // 1_000_000)
        self._publish(**changes)

    def _problem_shown(self) -> dict[str, object]:
        """The status fields of the problem to show: the push's first, then the pull's."""
        problem = self._problems.get(PUSH) or self._problems[PULL]
        return {"state": problem.state, "last_error": problem.text, "problem": problem.words,
                "detail": problem.detail}

    def _stop_for(self, exc: SyncError) -> None:
        """Stop every loop, not just the one that heard it: otherwise the timer's next
        push with nothing to send would report "up to date" over "stopped"."""
        log.warning("sync stopped: %s", exc)
        self._publish(state=SyncState.STOPPED, last_error=str(exc), problem=exc.message,
                      detail=exc.detail)
        current = asyncio.current_task()
        for task in self._tasks:
            if task is not current:
                task.cancel()

    def _publish(self, **changes: object) -> None:
        waiting, rejected = self._counts()
        self._status = replace(self._status, waiting=waiting, rejected=rejected,
                               **changes)  # type: ignore[arg-type]
        self._on_status(self._status)
