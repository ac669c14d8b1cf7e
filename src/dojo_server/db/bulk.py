"""Many rows at once: inserts and "which of these exist" look-ups for the push path.

On SQLite the statements go to the driver as they are, with tuples: SQLAlchemy's work per
row and per value (building and checking parameters) cost more than SQLite's own for a
batch of 500 events. PostgreSQL keeps Core's executemany (multi-row VALUES).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, insert, select
from sqlalchemy.orm import DeclarativeBase

# Well under SQLite's limit on parameters in one statement (32,766; 999 before 3.32).
_LOOKUP_CHUNK = 900


def table_of(model: type[DeclarativeBase]) -> Table:
    """The Core table of a mapped class."""
    return cast(Table, model.__table__)


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table``; every row has the keys of the first one."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), rows)
        return
    keys = list(rows[0])
    quote = conn.dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, keys))}) "
           f"VALUES ({', '.join('?' * len(keys))})")
    values = itemgetter(*keys) if len(keys) > 1 else lambda row: (row[keys[0]],)
    conn.exec_driver_sql(sql, list(map(values, rows)))


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
