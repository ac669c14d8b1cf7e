"""Copying the write-ahead log back into the database file once the taps pause.

SQLite does it by default inside the commit that takes the log past 1,000 pages: with a
year's indexes a tap adds about a dozen, so every eighty-odd taps one waited 20-70 ms for
it. The tap connection leaves it to a worker thread here, which runs a passive checkpoint
(it never blocks a writer) once no tap has come for ``QUIET_S``. Commits stay as durable:
a committed transaction is synced in the log either way.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from pathlib import Path

from dojo_desktop.store.database import connect

QUIET_S = 0.5
# A commit still checkpoints past this many pages (40 MB), so the log cannot grow without
# end if the taps never pause (about 800 taps in a row).
TAP_AUTOCHECKPOINT_PAGES = 10_000


class Checkpointer:
    """A worker thread that checkpoints the database at ``path`` after writes, once quiet."""

    def __init__(self, path: Path, quiet_s: float = QUIET_S) -> None:
        self._path = path
        self._quiet_s = quiet_s
        self._wake = threading.Condition()
        self._last_write: float | None = None
        self._closed = False
        self.done = 0  # checkpoints run (for tests and benchmarks)
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def wrote(self) -> None:
        """A transaction was committed: checkpoint after the next pause."""
        with self._wake:
            self._last_write = time.monotonic()
            self._wake.notify()

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._wake.notify()
        self._thread.join()

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        try:
            while True:
                with self._wake:
                    while not self._closed and self._last_write is None:
                        self._wake.wait()
                    if self._closed or self._last_write is None:
                        return
                    quiet = time.monotonic() - self._last_write
                    if quiet < self._quiet_s:
                        self._wake.wait(self._quiet_s - quiet)
                        continue
                    self._last_write = None
                conn = conn or connect(self._path)
                # Busy or gone: the next pause, or a commit past the limit, does it.
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                self.done += 1
        finally:
            if conn is not None:
                conn.close()
