"""The SQLAlchemy engine for the local database file: Alembic's migrations only (every
other read and write is plain ``sqlite3``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event

from dojo_desktop.store.database import apply_pragmas


def create_sqlite_engine(path: Path) -> Engine:
    """An engine whose connections use the app's pragmas and take the write lock up front.

    ``BEGIN IMMEDIATE`` makes a writer wait for the lock at the start of its transaction
    (within the busy timeout) instead of failing half-way when a reader upgrades.
    """
    engine = create_engine(URL.create("sqlite", database=str(path)))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let SQLAlchemy's begin hook issue BEGIN
        apply_pragmas(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def driver_connection(conn: Connection) -> sqlite3.Connection:
    """The ``sqlite3`` connection under ``conn``, for the plain-SQL store functions
    (``projections``): what they run is part of ``conn``'s transaction."""
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver
