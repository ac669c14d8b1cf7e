"""The SQLAlchemy engine for the local database file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event

from dojo_desktop.store.database import apply_pragmas


def create_sqlite_engine(path: Path) -> Engine:
    """An engine whose connections use the app's pragmas and take the write lock up front.

    ``BEGIN IMMEDIATE`` makes a writer wait for the lock at the start of its transaction
    (within the busy timeout) instead of failing half-way when a reader upgrades. A
    connection from :func:`reading` begins with a plain ``BEGIN`` instead.
    """
    engine = create_engine(URL.create("sqlite", database=str(path)))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let SQLAlchemy's begin hook issue BEGIN
        apply_pragmas(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        reads_only = conn.get_execution_options().get(_READS_ONLY, False)
        conn.exec_driver_sql("BEGIN" if reads_only else "BEGIN IMMEDIATE")

    return engine


_READS_ONLY = "dojo_reads_only"


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for reads only. Its transaction reads one snapshot (WAL) and takes no
    write lock, so it neither waits for a writer's commit nor holds one up: the sync's
    outbox reads go on while another thread records answers."""
    with engine.connect() as conn:
        conn.execution_options(**{_READS_ONLY: True})
        yield conn


def driver_connection(conn: Connection) -> sqlite3.Connection:
    """The ``sqlite3`` connection under ``conn``, for the plain-SQL store functions
    (``projections``): what they run is part of ``conn``'s transaction."""
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver
