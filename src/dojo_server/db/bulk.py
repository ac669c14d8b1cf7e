"""Many rows at once: inserts and "which of these exist" look-ups for the push path.

On SQLite the statements go to the driver as they are: SQLAlchemy's work per row and per
value (building and checking parameters) cost more than SQLite's own for a batch of 500
events. Rows go in as one multi-row ``INSERT ... VALUES (...), (...)`` rather than an
``executemany``: the driver lets go of the GIL around every step of a statement, once per
row in an executemany, and while another thread computes (the next push being read) each
of those waits to get it back. 500 rows then took up to 90 times as long. PostgreSQL keeps
Core's executemany (multi-row VALUES).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from itertools import chain
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, insert, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase

# Well under SQLite's limit on parameters in one statement (32,766; 999 before 3.32).
_LOOKUP_CHUNK = 900
_MAX_INSERT_ROWS = 500  # one statement's rows: a push's worth


def table_of(model: type[DeclarativeBase]) -> Table:
    """The Core table of a mapped class."""
    return cast(Table, model.__table__)


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]], *,
                skip_existing: bool = False) -> None:
    """Insert ``rows`` into ``table``; every row has the keys of the first one.

    ``skip_existing``: a row whose key (or other unique value) is already in the table,
    or earlier in ``rows``, is left out instead of failing the statement.
    """
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        statement = (postgresql.insert(table).on_conflict_do_nothing() if skip_existing
                     else insert(table))
        conn.execute(statement, rows)
        return
    keys = list(rows[0])
    quote = conn.dialect.identifier_preparer.quote
    head = f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, keys))}) VALUES "
    one = f"({', '.join('?' * len(keys))})"
    tail = " ON CONFLICT DO NOTHING" if skip_existing else ""
    values = itemgetter(*keys) if len(keys) > 1 else lambda row: (row[keys[0]],)
    per_statement = max(1, min(_MAX_INSERT_ROWS, _variable_limit(conn) // len(keys)))
    for start in range(0, len(rows), per_statement):
        part = rows[start:start + per_statement]
        conn.exec_driver_sql(head + ", ".join([one] * len(part)) + tail,
                             tuple(chain.from_iterable(map(values, part))))


def _variable_limit(conn: Connection) -> int:
    """How many ``?`` one statement may hold on this SQLite connection."""
    driver = conn.connection.driver_connection
    getlimit = getattr(driver, "getlimit", None)
    return int(getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)) if getlimit else 999


def existing_values(conn: Connection, table: Table, column: str, values: Iterable[Any],
                    **where: Any) -> set[Any]:
    """Those of ``values`` found in ``table.column``, among rows whose columns equal
    ``where``."""
    wanted = list(values)
    if not wanted:
        return set()
    if conn.dialect.name != "sqlite":
        query = select(table.c[column]).where(
            table.c[column].in_(bindparam("wanted", expanding=True)),
            *(table.c[name] == value for name, value in where.items()))
        return set(conn.scalars(query, {"wanted": wanted}))
    quote = conn.dialect.identifier_preparer.quote
    found: set[Any] = set()
    for start in range(0, len(wanted), _LOOKUP_CHUNK):
        chunk = wanted[start:start + _LOOKUP_CHUNK]
        conditions = [f"{quote(column)} IN ({', '.join('?' * len(chunk))})",
                      *(f"{quote(name)} = ?" for name in where)]
        sql = (f"SELECT {quote(column)} FROM {quote(table.name)} "
               f"WHERE {' AND '.join(conditions)}")
        found.update(value for (value,) in conn.exec_driver_sql(
            sql, (*chunk, *where.values())))
    return found
