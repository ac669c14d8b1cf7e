"""Runs the sync scheduler for the open classroom and feeds the window what it reports."""

from __future__ import annotations

import asyncio
import logging

from dojo_desktop.core.sync_status import SyncState, SyncStatus
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.store.sync_store import AppliedPage
from dojo_desktop.sync.scheduler import SyncScheduler
from dojo_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class SyncController:
    """Starts syncing when the device is paired (at start or later) and stops on quit."""

    def __init__(self, classroom: Classroom, window: MainWindow,
                 loop: asyncio.AbstractEventLoop) -> None:
        self._classroom, self._window, self._loop = classroom, window, loop
        self._scheduler: SyncScheduler | None = None
        window.paired.connect(self.restart)
        classroom.ctx.add_write_listener(self._local_write)

    @property
    def scheduler(self) -> SyncScheduler | None:
        return self._scheduler

    def start(self) -> None:
        sync = self._classroom.sync
        push, pull = sync.engine(), sync.engine()
        if push is None or pull is None:
            waiting = sync.counts().waiting if sync.server_url() else 0
            self._window.set_sync_status(SyncStatus(SyncState.NOT_CONNECTED, waiting=waiting))
            return
        counts = sync.counts

        def outbox_counts() -> tuple[int, int]:
            current = counts()
            return current.waiting, current.rejected

        self._scheduler = SyncScheduler(
            push, pull, outbox_counts, self._window.set_sync_status, self._pulled,
            server_url=sync.server_url() or "")
        self._scheduler.start_on(self._loop)
        self._watch_network()

    def restart(self) -> None:
        old = self._scheduler
        self._scheduler = None
        if old is not None:
            self._loop.create_task(old.stop())
        self.start()

    async def stop(self) -> None:
        if self._scheduler is not None:
            await self._scheduler.stop()
            self._scheduler = None

    def _local_write(self) -> None:
        if self._scheduler is not None:
            self._scheduler.request_push()

    def _pulled(self, page: AppliedPage) -> None:
        self._window.apply_remote(self._classroom.changes_from_sync(page))

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
