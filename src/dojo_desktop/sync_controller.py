"""Runs the sync scheduler for the open classroom and feeds the window what it reports."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
from collections.abc import Coroutine
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from dojo_desktop.core.sync_status import SyncState, SyncStatus
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import InvalidInputError
from dojo_desktop.sync.errors import Offline, RetryLater, SyncError
from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.operations import background_result

if TYPE_CHECKING:
    # The sync engine (requests, pydantic) loads only once the device is paired or
    # pairs itself: an unpaired board never needs it.
    from dojo_desktop.sync.scheduler import SyncScheduler
    from dojo_desktop.sync.sync_store import AppliedPage

log = logging.getLogger(__name__)

VERSION_CHECK_INTERVAL_S = 3600.0


class SyncController:
    """Starts syncing when the device is paired (at start, later, or by itself when IT set a
    server and an enrollment code), checks the app's version with the server, and stops on
    quit."""

    def __init__(self, classroom: Classroom, window: MainWindow,
                 loop: asyncio.AbstractEventLoop,
                 version_check_interval_s: float = VERSION_CHECK_INTERVAL_S) -> None:
        self._classroom, self._window, self._loop = classroom, window, loop
        self._scheduler: SyncScheduler | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._update_notice = ""
        self._last_status = SyncStatus()
        self._version_interval = version_check_interval_s
        self._heap_trimmed = False  # after the first round (see _show)
        window.paired.connect(self.restart)
        classroom.ctx.add_write_listener(self._local_write)

    @property
    def scheduler(self) -> SyncScheduler | None:
        return self._scheduler

    def start(self) -> None:
        sync = self._classroom.sync
        if sync.can_pair_automatically():
            self._spawn(self._pair_automatically())
            return
        if not sync.is_paired():
            self._not_connected()
            return
        self._spawn(self._start_syncing())

    async def _start_syncing(self) -> None:
        """Load the sync stack on a worker (requests, pydantic: tenths of a second of
        imports, so a tap just after the first paint does not wait for them), then start
        the scheduler."""
        await background_result(_load_sync_stack)
        sync = self._classroom.sync
        engines = sync.engines(2)
        if not engines:  # unpaired meanwhile
            self._not_connected()
            return
        push, pull = engines
        from dojo_desktop.sync.digest_check import DigestCheck
        from dojo_desktop.sync.scheduler import SyncScheduler

        counts = sync.counts

        def outbox_counts() -> tuple[int, int]:
            current = counts()
            return current.waiting, current.rejected

        self._scheduler = SyncScheduler(
            push, pull, outbox_counts, self._show, self._pulled,
            server_url=sync.server_url() or "", check=DigestCheck(pull, sync.store))
        self._scheduler.start_on(self._loop)
        self._spawn(self._check_version_now_and_then())
        self._watch_network()

    def _not_connected(self) -> None:
        sync = self._classroom.sync
        waiting = sync.counts().waiting if sync.server_url() else 0
        self._show(SyncStatus(SyncState.NOT_CONNECTED, waiting=waiting))

    def restart(self) -> None:
        old = self._scheduler
        self._scheduler = None
        for task in list(self._tasks):
            task.cancel()
        if old is not None:
            self._loop.create_task(old.stop())
        self.start()

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._scheduler is not None:
            await self._scheduler.stop()
            self._scheduler = None

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = self._loop.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _show(self, status: SyncStatus) -> None:
        self._last_status = status
        if status.state != SyncState.SYNCING and self._scheduler is not None \
                and not self._heap_trimmed:
            # The first round's allocations (a push batch, the answers or the failure) are
            # freed by now: give the pages back once (dojo_desktop.heap).
            self._heap_trimmed = True
            self._spawn(self._give_back_free_heap())
        self._window.set_sync_status(replace(status, update_notice=self._update_notice))

    async def _pair_automatically(self) -> None:
        """A fresh install on a PC IT set up pairs itself; offline, it tries again later."""
        from dojo_desktop.sync.scheduler import Backoff

        sync = self._classroom.sync
        url = sync.managed_server_url() or ""
        backoff = Backoff()
        while True:
            self._show(SyncStatus(SyncState.SYNCING, server_url=url))
            try:
                await background_result(sync.pair_automatically)
            except (Offline, RetryLater) as exc:
                self._show(SyncStatus(SyncState.OFFLINE, server_url=url, last_error=str(exc),
                                      problem=exc.message, detail=exc.detail))
                await asyncio.sleep(backoff.next_delay())
                continue
            except (SyncError, InvalidInputError) as exc:
                log.warning("automatic pairing failed: %s", exc)
                self._show(SyncStatus(SyncState.NOT_CONNECTED, server_url=url, last_error=(
                    f"This computer could not connect itself to {url}: {exc} Ask IT for a "
                    "new enrollment code, or connect it in Settings.")))
                return
            self._loop.call_soon(self.restart)
            return

    async def _check_version_now_and_then(self) -> None:
        """Ask the server which app versions it serves: an older app keeps syncing and says
        IT should update it; an app of another protocol stops syncing and says why."""
        while True:
            verdict = await background_result(self._classroom.sync.check_server_version)
            if verdict is not None:
                self._update_notice = verdict.update_notice
                if not verdict.compatible and self._scheduler is not None:
                    scheduler, self._scheduler = self._scheduler, None
                    await scheduler.stop()
                    self._show(replace(self._last_status, state=SyncState.STOPPED,
                                       last_error=verdict.update_notice, problem=None,
                                       detail=None))
                    return
                self._show(self._last_status)
            await asyncio.sleep(self._version_interval)

    async def _give_back_free_heap(self) -> None:
        from dojo_desktop.heap import give_back_free_heap  # ctypes: not before first paint

        await background_result(give_back_free_heap)

    def _local_write(self) -> None:
        if self._scheduler is not None:
            self._scheduler.request_push()

    def _pulled(self, page: AppliedPage) -> None:
        self._window.changes.publish(self._classroom.changes_from_sync(page))

    def _watch_network(self) -> None:
        """The OS's network state is a hint to try again now; /health is the proof."""
        from PySide6.QtNetwork import QNetworkInformation

        if not QNetworkInformation.loadDefaultBackend():
            return
        info = QNetworkInformation.instance()
        if info is not None:
            info.reachabilityChanged.connect(self._network_changed)

    def _network_changed(self, *_args: object) -> None:
        if self._scheduler is not None:
            self._scheduler.network_changed()


def _load_sync_stack() -> None:
    """Import what syncing needs (on a worker: see ``SyncController._start_syncing``), then
    give back what the imports freed (dojo_desktop.heap)."""
    for module in ("dojo_desktop.sync.scheduler", "dojo_desktop.sync.digest_check",
                   "dojo_desktop.sync.transport", "dojo_desktop.sync.sync_store"):
        importlib.import_module(module)
    from dojo_desktop.heap import give_back_free_heap

    give_back_free_heap()
