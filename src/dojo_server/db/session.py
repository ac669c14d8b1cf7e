"""The database: engine set-up for SQLite and PostgreSQL, read and write transactions."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session

from dojo_server.db.checkpoints import Checkpointer
from dojo_server.db.write_groups import WriteGroups

BUSY_TIMEOUT_MS = 10_000
PING_AFTER_IDLE_S = 5.0
_IDLE_SINCE = "dojo_idle_since"
_MIGRATIONS = Path(__file__).with_name("migrations")
_MIGRATION_LOCK = 847_001  # any constant: one pg_advisory lock for "migrating"


def normalize_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whichever spelling the URL came in."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


class Database:
    """One engine. ``read()`` and ``write()`` each give a session in one transaction.

    SQLite: WAL, ``synchronous=FULL``, foreign keys, a busy timeout, and writers start
    with ``BEGIN IMMEDIATE`` so they queue for the lock instead of failing half-way.
    Writers of this process also queue on a lock of their own first: SQLite's busy
    handler sleeps up to 100 ms between tries, so forty threads polling for its lock
    let it sit idle most of the time. PostgreSQL: READ COMMITTED; writers lock the rows
    they depend on (see sync/push).
    """

    def __init__(self, url: str) -> None:
        self.url = normalize_url(url)
        parsed = make_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite:
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            self.engine = _sqlite_engine(self.url)
        else:
            self.engine = _postgres_engine(self.url)
        self._writer = self.engine.execution_options(dojo_write=True)
        # PostgreSQL: a read of rows runs each statement on its own (autocommit). Under
        # READ COMMITTED each statement of a transaction sees its own snapshot anyway, so
        # this changes nothing but the round trips for BEGIN and COMMIT. SQLite keeps the
        # transaction: there it is what gives its statements one snapshot.
        self._reader = (self.engine if self.is_sqlite
                        else self.engine.execution_options(isolation_level="AUTOCOMMIT"))
        self._write_turn: AbstractContextManager[object] = (
            threading.RLock() if self.is_sqlite else nullcontext())
        self.groups = WriteGroups(self.write)  # writes of concurrent requests, together
        self._checkpointer: Checkpointer | None = None

    @property
    def safe_url(self) -> str:
        """The URL with any password hidden, for printing."""
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session in a read transaction; nothing is committed."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def read_rows(self) -> Iterator[Connection]:
        """Like :meth:`read`, for Core statements only: no ORM session to set up, which
        costs more than the small reads of every sync request."""
        with self._reader.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in a write transaction, committed when the block ends without error."""
        with self._write_turn, Session(self._writer, expire_on_commit=False) as session, \
                session.begin():
            yield session

    def migrate(self) -> None:
        """Bring the schema to the newest revision (several servers may start at once)."""
        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        with self._writer.begin() as conn:
            if not self.is_sqlite:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                             {"key": _MIGRATION_LOCK})
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def checkpoint_in_background(self) -> None:
        """SQLite: checkpoint the write-ahead log on a thread of its own instead of
        inside whichever commit fills it (see ``db.checkpoints``). For a serving process."""
        path = make_url(self.url).database
        if not self.is_sqlite or not path or path == ":memory:" or self._checkpointer:
            return
        self._checkpointer = Checkpointer(path, BUSY_TIMEOUT_MS)
        self.engine.dispose()  # connections opened from now on leave checkpoints to it
        event.listen(self.engine, "connect", _no_auto_checkpoint)

    def dispose(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        self.engine.dispose()


def _no_auto_checkpoint(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.execute("PRAGMA wal_autocheckpoint=0")


def _postgres_engine(url: str) -> Engine:
    """Connections are checked with a ping only after lying idle a while (see
    :func:`_ping_if_idle`), not on every checkout: under load that ping would be one round
    trip more for every request."""
    engine = create_engine(url, pool_size=10, max_overflow=20)
    event.listen(engine, "checkin", _note_idle_since)
    event.listen(engine, "checkout", _ping_if_idle)
    return engine


def _note_idle_since(_dbapi_conn: Any, record: Any) -> None:
    record.info[_IDLE_SINCE] = time.monotonic()


def _ping_if_idle(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
    """A connection idle for ``PING_AFTER_IDLE_S`` is pinged before use; a dead one
    (the database restarted, or a firewall dropped it) is replaced, as SQLAlchemy's
    ``pool_pre_ping`` would. One found dead while in use fails that request alone: the
    pool then drops every connection opened before it, and the device sends again."""
    idle_since = record.info.get(_IDLE_SINCE)
    if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_S:
        return
    try:
        autocommit = dbapi_conn.autocommit
        dbapi_conn.autocommit = True
        dbapi_conn.execute("SELECT 1")
        dbapi_conn.autocommit = autocommit
    except Exception as exc:  # any failure: the pool retries with a new connection
        raise DisconnectionError("connection lost while idle") from exc


def _sqlite_engine(url: str) -> Engine:
    # Enough kept connections for every worker thread: a connection opened past the pool
    # is closed again after one use, and opening one costs four PRAGMAs.
    engine = create_engine(url, connect_args={"check_same_thread": False},
                           pool_size=50, max_overflow=20)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's begin hook below issues BEGIN
        dbapi_conn.execute("PRAGMA journal_mode=WAL")
        dbapi_conn.execute("PRAGMA synchronous=FULL")
        dbapi_conn.execute("PRAGMA foreign_keys=ON")
        dbapi_conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get("dojo_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
