"""SQLite WAL checkpoints on a thread of their own, off the write path.

By default the connection whose commit takes the write-ahead log past 1,000 pages copies
the log into the database file and syncs it, inside that commit: every few hundred
pushes one of them, and the pushes queued behind it, waits for that. The server instead
turns the automatic checkpoint off and runs a passive one every half second here; a
passive checkpoint never blocks a writer or a reader.
"""

from __future__ import annotations

import logging
import sqlite3
import threading

log = logging.getLogger(__name__)

EVERY_S = 0.5


class Checkpointer:
    """Checkpoints the SQLite file at ``path`` every ``every_s`` until stopped."""

    def __init__(self, path: str, busy_timeout_ms: int, every_s: float = EVERY_S) -> None:
        self._path = path
        self._busy_timeout_ms = busy_timeout_ms
        self._every_s = every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sqlite-checkpoints",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop after a last checkpoint."""
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout={self._busy_timeout_ms}")
            while True:
                stopping = self._stop.wait(self._every_s)
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error:  # tried again next time; the log only grows meanwhile
                    log.exception("checkpointing the database failed")
                if stopping:
                    return
        finally:
            conn.close()
