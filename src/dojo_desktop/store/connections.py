"""Plain ``sqlite3`` connections to the local database file, for threads that take turns.

The sync's store is used from several threads at once (the push thread reads the next
batch while a helper records the server's answers, the pull thread applies pages). Each
use borrows a connection of its own from a small pool and gives it back: a thread never
shares a connection another is using, and no more connections stay open than were ever
in use at once. When the last one in use comes back, the idle ones give their page caches
back (``PRAGMA shrink_memory``): up to 2 MB each, which the next round, seconds later, reads
again from the OS's file cache.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dojo_desktop.store.database import connect


class Connections:
    """A pool of connections with the app's pragmas (``database.connect``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False
        self._in_use = 0

    def close(self) -> None:
        """Close the idle connections; those in use are closed when given back."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    @contextmanager
    def _borrowed(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._idle.pop() if self._idle else None
            self._in_use += 1
        if conn is None:
            conn = connect(self.path)
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            with self._lock:
                self._in_use -= 1
                keep = not self._closed
                if keep:
                    self._idle.append(conn)
                if keep and self._in_use == 0:  # under the lock: none is lent meanwhile
                    for idle in self._idle:  # see the module's docstring
                        idle.execute("PRAGMA shrink_memory")
            if not keep:
                conn.close()

    @contextmanager
    def begin(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, all or nothing. ``BEGIN IMMEDIATE``: the write lock is
        taken up front (within the busy timeout), never half-way when a read upgrades."""
        with self._borrowed() as conn:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A transaction for reads only. It reads one snapshot (WAL) and takes no write
        lock, so it neither waits for a writer's commit nor holds one up: the sync's outbox
        reads go on while another thread records answers."""
        with self._borrowed() as conn:
            conn.execute("BEGIN")
            yield conn


@contextmanager
def transaction(conn: sqlite3.Connection, begin: str = "BEGIN") -> Iterator[sqlite3.Connection]:
    """One transaction on ``conn`` (``begin``: e.g. ``BEGIN IMMEDIATE`` to take the write
    lock up front), committed if the block ends, rolled back if it raises."""
    conn.execute(begin)
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


@contextmanager
def savepoint(conn: sqlite3.Connection, name: str = "part") -> Iterator[None]:
    """A part of the caller's transaction that is rolled back alone if it raises."""
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        conn.execute(f"ROLLBACK TO {name}")
        conn.execute(f"RELEASE {name}")
        raise
    conn.execute(f"RELEASE {name}")
