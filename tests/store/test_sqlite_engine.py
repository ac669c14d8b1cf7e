"""The local database engine: writers take the lock up front, readers never wait for it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

from dojo_desktop.store.sqlite_engine import create_sqlite_engine, reading


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
    engine = create_sqlite_engine(db_file)
    writer = sqlite3.connect(db_file, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO t VALUES (2)")  # not committed yet
        with reading(engine) as conn:
            _wait_at_most_50_ms(conn)  # one that asked for the write lock would wait
            assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 1
        writer.execute("COMMIT")
    finally:
        writer.close()
        engine.dispose()


def test_a_plain_connection_still_takes_the_write_lock_when_it_begins(db_file: Path) -> None:
    engine = create_sqlite_engine(db_file)
    writer = sqlite3.connect(db_file, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        with engine.connect() as conn:
            _wait_at_most_50_ms(conn)
            with pytest.raises(OperationalError, match="locked"):
                conn.execute(text("SELECT count(*) FROM t"))
        writer.execute("ROLLBACK")
    finally:
        writer.close()
        engine.dispose()


def _wait_at_most_50_ms(conn: Connection) -> None:
    """Shorten the busy timeout, straight on the driver (a statement through SQLAlchemy
    would begin the transaction first)."""
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    dbapi.execute("PRAGMA busy_timeout=50")
