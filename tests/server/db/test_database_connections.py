"""PostgreSQL connections: reads without a transaction of their own, and a connection the
database dropped while it lay idle in the pool is replaced before use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from server_kit import PG_MISSING
from sqlalchemy.exc import OperationalError

from dojo_server.db import session as session_module
from dojo_server.db.session import Database


@pytest.fixture
def pg_db(postgres: Any) -> Iterator[tuple[Any, Database]]:
    if postgres is None:
        pytest.skip(PG_MISSING)
    db = Database(postgres.new_database())
    yield postgres, db
    db.dispose()


def _backend(db: Database) -> int:
    with db.read_rows() as conn:
        return int(conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())


def _drop(cluster: Any, pid: int) -> None:
    """What a database restart or a firewall does to a connection lying idle."""
    with cluster._admin() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_reads_run_outside_a_transaction_and_writes_inside_one(
        pg_db: tuple[Any, Database]) -> None:
    _cluster, db = pg_db
    with db.read_rows() as conn:
        in_transaction = conn.exec_driver_sql(
            "SELECT now() = statement_timestamp()").scalar_one()
    assert in_transaction is True  # autocommit: each statement is its own transaction
    with db.write() as session:
        assert session.connection().exec_driver_sql(
            "SELECT now() = statement_timestamp()").scalar_one() is False


def test_a_connection_dropped_while_idle_is_replaced_before_use(
        pg_db: tuple[Any, Database], monkeypatch: pytest.MonkeyPatch) -> None:
    cluster, db = pg_db
    pid = _backend(db)
    _drop(cluster, pid)
    monkeypatch.setattr(session_module, "PING_AFTER_IDLE_S", 0.0)  # idle long enough
    assert _backend(db) != pid  # pinged, found dead, replaced: the read went through


def test_a_connection_dropped_between_busy_uses_fails_one_request_only(
        pg_db: tuple[Any, Database], monkeypatch: pytest.MonkeyPatch) -> None:
    cluster, db = pg_db
    monkeypatch.setattr(session_module, "PING_AFTER_IDLE_S", 3600.0)  # never pinged
    pid = _backend(db)
    _drop(cluster, pid)
    with pytest.raises(OperationalError):
        _backend(db)
    assert _backend(db) != pid  # the pool let go of the dead connection
