"""What every service shares: the reader, the writer, the clock and the data folder."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dojo_desktop.core.events import Event, kind_named
from dojo_desktop.core.hlc import Hlc, HybridClock
from dojo_desktop.core.managed import ManagedSettings
from dojo_desktop.store.folder_lock import FolderLock
from dojo_desktop.store.reader import Reader
from dojo_desktop.store.story_reader import StoryReader
from dojo_protocol.kinds import AUTHOR_KEY

if TYPE_CHECKING:
    from dojo_desktop.store.writer import Writer


def system_now_ms() -> int:
    return time.time_ns() // 1_000_000


class ServiceContext:
    """Shared state of one open database. The writer is made on first use.

    ``managed`` holds what IT set for every user of this computer; it wins over what is
    stored here (see SettingsService and SyncService).
    """

    def __init__(self, data_dir: Path, db_path: Path,
                 now_ms: Callable[[], int] = system_now_ms,
                 lock: FolderLock | None = None,
                 managed: ManagedSettings | None = None) -> None:
        self.data_dir = data_dir
        self.managed = managed or ManagedSettings()
        self._lock = lock
        self.db_path = db_path
        self.now_ms = now_ms
        self.reader = Reader(db_path)
        self._writer: Writer | None = None
        self._story_reader: StoryReader | None = None
        self._write_listeners: list[Callable[[], None]] = []
        # Who the events recorded now are by (a staff id; see services/staff.py).
        self.author: Callable[[], str | None] = lambda: None
        self._writer_lock = threading.Lock()
        device = self.reader.device()
        if device is None:
            device_id, last = self.writer.ensure_device()
        else:
            device_id, last = device[0], (Hlc.parse(device[1]) if device[1] else None)
        self.device_id = device_id
        self.clock = HybridClock(device_id, last, wall=now_ms)

    def new_device_id(self, device_id: str) -> None:
        """This device took a new id (its folder was copied from another computer): stamp
        what it does from now on with it, after everything it stamped before."""
        device = self.reader.device()
        last = Hlc.parse(device[1]) if device is not None and device[1] else None
        self.device_id = device_id
        self.clock = HybridClock(device_id, last, wall=self.now_ms)

    @property
    def writer(self) -> Writer:
        with self._writer_lock:
            if self._writer is None:
                from dojo_desktop.store.writer import Writer

                self._writer = Writer(self.db_path)
            return self._writer

    @property
    def story_reader(self) -> StoryReader:
        """Reads for stories and messages, opened when a screen first needs them."""
        if self._story_reader is None:
            self._story_reader = StoryReader(self.db_path)
        return self._story_reader

    def event(self, kind: str, payload: dict[str, object]) -> Event:
        """A new event of a registered ``kind``, stamped with this device's clock."""
        return Event(kind_named(kind), self.clock.now(), dict(payload))

    def record(self, events: Sequence[Event]) -> None:
        """Commit ``events`` (domain rows + outbox) and tell listeners (sync) about it.
        Each names who made it (``by``) when someone is known: this device's person, or
        who picked their name on a shared one."""
        by = self.author()
        if by is not None:
            events = [e if AUTHOR_KEY in e.payload
                      else Event(e.kind, e.hlc, {**e.payload, AUTHOR_KEY: by}, e.id)
                      for e in events]
        self.writer.record(events)
        for listener in self._write_listeners:
            listener()

    def add_write_listener(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after every committed local write (sync pushes at once)."""
        self._write_listeners.append(listener)

    def close(self) -> None:
        with self._writer_lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
        self.reader.close()
        if self._story_reader is not None:
            self._story_reader.close()
            self._story_reader = None
        if self._lock is not None:
            self._lock.release()
