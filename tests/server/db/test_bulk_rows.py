"""Many rows in few statements: what goes in comes back exactly, duplicates as asked."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, Text, event, select
from sqlalchemy.exc import IntegrityError

from dojo_server.db.bulk import insert_rows
from dojo_server.db.session import Database
from dojo_server.settings import sqlite_url

ROWS = 1_234
TINY_LIMIT = 30  # variables per statement: 10 rows of 3 columns

_metadata = MetaData()
PROBE = Table("bulk_probe", _metadata,
              Column("id", Integer, primary_key=True, autoincrement=False),
              Column("name", Text, nullable=True),
              Column("score", Integer, nullable=True))


@contextmanager
def _with_probe_table(url: str) -> Iterator[Database]:
    """The database at ``url`` with an empty ``bulk_probe`` table, dropped afterwards (the
    PostgreSQL test database is kept between tests)."""
    db = Database(url)
    _metadata.create_all(db.engine)
    try:
        yield db
    finally:
        _metadata.drop_all(db.engine)
        db.dispose()


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """SQLite and PostgreSQL."""
    with _with_probe_table(database_url) as db:
        yield db


@pytest.fixture
def sqlite_database(tmp_path: Path) -> Iterator[Database]:
    """SQLite alone, for what only its statements do."""
    with _with_probe_table(sqlite_url(tmp_path / "bulk.sqlite3")) as db:
        yield db


def _row(key: int, version: str = "") -> dict[str, Any]:
    """Text with quotes, a placeholder and non-ASCII letters; some values missing."""
    return {"id": key,
            "name": None if key % 7 == 0 else f"O'Brien \"Zoë\" ? №{key} 学生 {version}",
            "score": None if key % 5 == 0 else key * 3 - 2_000}


def _stored(db: Database) -> list[dict[str, Any]]:
    with db.engine.connect() as conn:
        return [dict(row) for row in conn.execute(select(PROBE).order_by(PROBE.c.id)).mappings()]


class _InsertCounter:
    """The INSERT statements sent to the database and their parameter counts."""

    def __init__(self, db: Database) -> None:
        self.parameters: list[int] = []
        event.listen(db.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, parameters: Any,
              _context: Any, _executemany: bool) -> None:
        if statement.lstrip().upper().startswith("INSERT"):
            self.parameters.append(len(parameters))


def test_many_rows_go_in_and_come_back_exactly(database: Database) -> None:
    rows = [_row(key) for key in range(1, ROWS + 1)]
    with database.engine.begin() as conn:
        insert_rows(conn, PROBE, rows)
    assert _stored(database) == rows
    assert any(row["name"] is None for row in rows) and any(row["score"] is None for row in rows)


def test_rows_are_matched_to_columns_by_name_not_by_position(database: Database) -> None:
    rows = [{"score": key, "name": f"row {key}", "id": key} for key in range(1, 4)]
    with database.engine.begin() as conn:
        insert_rows(conn, PROBE, rows)
    assert _stored(database) == [{"id": k, "name": f"row {k}", "score": k} for k in range(1, 4)]


def test_sqlite_writes_at_most_500_rows_a_statement(sqlite_database: Database) -> None:
    counter = _InsertCounter(sqlite_database)
    with sqlite_database.engine.begin() as conn:
        insert_rows(conn, PROBE, [_row(key) for key in range(1, ROWS + 1)])
    assert counter.parameters == [500 * 3, 500 * 3, 234 * 3]


def test_a_tiny_variable_limit_takes_more_statements_and_gives_the_same_rows(
        sqlite_database: Database) -> None:
    rows = [_row(key) for key in range(1, ROWS + 1)]
    counter = _InsertCounter(sqlite_database)
    with sqlite_database.engine.begin() as conn:
        driver = conn.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        usual = driver.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, TINY_LIMIT)
        try:
            assert driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) == TINY_LIMIT
            with pytest.raises(sqlite3.OperationalError, match="too many SQL variables"):
                driver.execute("SELECT " + ", ".join("?" * (TINY_LIMIT + 1)),
                               tuple(range(TINY_LIMIT + 1)))
            insert_rows(conn, PROBE, rows)
        finally:
            driver.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, usual)
    assert len(counter.parameters) == -(-ROWS // (TINY_LIMIT // 3))
    assert max(counter.parameters) <= TINY_LIMIT
    assert _stored(sqlite_database) == rows


def test_skip_existing_keeps_what_is_stored_and_adds_the_new_rows(database: Database) -> None:
    """The first row of a key wins: the stored one, or the first of the call."""
    with database.engine.begin() as conn:
        insert_rows(conn, PROBE, [_row(key, "old") for key in range(1, 601)])
    again = [_row(key, "new") for key in range(501, 1_101)]
    # Duplicates of a key written by an earlier statement of the call, of one in the same
    # statement (on SQLite: 500 rows each) and of one stored before.
    again += [_row(1_000, "duplicate"), _row(1_050, "duplicate"), _row(3, "duplicate")]
    with database.engine.begin() as conn:
        insert_rows(conn, PROBE, again, skip_existing=True)
    expected = ([_row(key, "old") for key in range(1, 601)]
                + [_row(key, "new") for key in range(601, 1_101)])
    assert _stored(database) == expected


def test_a_duplicate_key_fails_the_call_and_the_rollback_leaves_none_of_it(
        database: Database) -> None:
    kept = [_row(key, "kept") for key in range(1, 11)]
    with database.engine.begin() as conn:
        insert_rows(conn, PROBE, kept)
    # The clash comes last: the statements before it have already run.
    rows = [*(_row(key) for key in range(11, ROWS + 11)), _row(5, "clash")]
    with pytest.raises(IntegrityError), database.engine.begin() as conn:
        insert_rows(conn, PROBE, rows)
    assert _stored(database) == kept
