"""The sync's connections to the local file: writers take the lock up front, readers never
wait for it, and a connection is given back for the next use."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from dojo_desktop.store.connections import Connections, savepoint


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "local.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (x INTEGER)")
        conn.execute("INSERT INTO t VALUES (1)")
    return path


def test_a_reading_connection_reads_its_snapshot_while_another_holds_the_write_lock(
        db_file: Path) -> None:
    pool = Connections(db_file)
    _shorter_wait(pool)
    writer = sqlite3.connect(db_file, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO t VALUES (2)")  # not committed yet
        with pool.reading() as conn:
            assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1
        writer.execute("COMMIT")
    finally:
        writer.close()
        pool.close()


def test_a_writing_transaction_takes_the_write_lock_when_it_begins(db_file: Path) -> None:
    pool = Connections(db_file)
    _shorter_wait(pool)
    writer = sqlite3.connect(db_file, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError, match="locked"), pool.begin():
            pass
        writer.execute("ROLLBACK")
    finally:
        writer.close()
        pool.close()


def test_a_failed_transaction_leaves_nothing_and_its_connection_is_used_again(
        db_file: Path) -> None:
    pool = Connections(db_file)
    try:
        with pytest.raises(ZeroDivisionError), pool.begin() as conn:
            conn.execute("INSERT INTO t VALUES (2)")
            _ = 1 / 0
        with pool.begin() as again:
            assert again is conn
            assert again.execute("SELECT count(*) FROM t").fetchone()[0] == 1
            with pytest.raises(sqlite3.Error), savepoint(again):
                again.execute("INSERT INTO t VALUES (3)")
                again.execute("INSERT INTO nowhere VALUES (3)")
            again.execute("INSERT INTO t VALUES (4)")
        with pool.reading() as conn:
            assert [r[0] for r in conn.execute("SELECT x FROM t ORDER BY x")] == [1, 4]
    finally:
        pool.close()


def test_two_threads_at_once_use_two_connections(db_file: Path) -> None:
    pool = Connections(db_file)
    inside, leave = threading.Event(), threading.Event()
    used: list[sqlite3.Connection] = []

    def hold() -> None:
        with pool.reading() as conn:
            used.append(conn)
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert inside.wait(10)
        with pool.begin() as conn:
            assert conn is not used[0]
            conn.execute("INSERT INTO t VALUES (2)")
    finally:
        leave.set()
        thread.join()
        pool.close()


def _shorter_wait(pool: Connections) -> None:
    """Shorten the busy timeout of the pool's (first) connection to 50 ms."""
    with pool.reading() as conn:
        conn.execute("PRAGMA busy_timeout=50")


def _sqlite_memory_used() -> int:
    """What SQLite holds from the C heap in this process (all connections)."""
    import _sqlite3
    import ctypes

    used = ctypes.CDLL(_sqlite3.__file__).sqlite3_memory_used
    used.restype = ctypes.c_int64
    return int(used())


def test_idle_connections_give_their_page_cache_back_once_none_is_in_use(
        tmp_path: Path) -> None:
    path = tmp_path / "big.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (x TEXT)")
        conn.executemany("INSERT INTO t VALUES (?)", (("x" * 500,) for _ in range(4000)))
    conn.close()
    pool = Connections(path)
    try:
        before = _sqlite_memory_used()
        with pool.reading() as outer:
            with pool.reading() as inner:  # two in use: the first back keeps its cache
                inner.execute("SELECT sum(length(x)) FROM t").fetchone()
            held = _sqlite_memory_used() - before
            assert held > 1_000_000  # about 2 MB of pages read (SQLite's default cache)
            outer.execute("SELECT count(*) FROM t").fetchone()
        assert _sqlite_memory_used() - before < held - 1_000_000
    finally:
        pool.close()
