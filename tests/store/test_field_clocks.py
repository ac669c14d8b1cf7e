"""Classes and students keep a clock per field: the same partial updates, applied to a real
database file in any order, leave the same rows (and the migration gives old rows none)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from dbfiles import checkpoint
from hypothesis import given, settings
from hypothesis import strategies as st
from test_database import upgrade_to

from dojo_desktop.core.events import Event, kind_named
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.store.database import DATABASE_NAME, connect, prepare_database
from dojo_desktop.store.projections import apply_events

CLASS, NEXT_YEAR = "00000000-0000-7000-8000-00000000000a", "00000000-0000-7000-8000-00000000000c"
STUDENT = "00000000-0000-7000-8000-00000000000b"
T0 = 1_790_000_000_000


def ev(kind: str, wall: int, payload: dict[str, Any], device: str = "d1") -> Event:
    return Event(kind_named(kind), Hlc(T0 + wall, 0, device), payload)


def class_update(wall: int, device: str, **fields: Any) -> Event:
    return ev("class_updated", wall, {"class_id": CLASS, "fields": fields}, device)


def student_update(wall: int, device: str, **fields: Any) -> Event:
    return ev("student_updated", wall, {"student_id": STUDENT, "fields": fields}, device)


MADE = [ev("class_created", 1, {"class_id": CLASS, "name": "4B", "year_group": "Year 4"}),
        ev("student_added", 2, {"student_id": STUDENT, "class_id": CLASS,
                                "first_name": "Amara", "last_name": "Okafor",
                                "avatar": "drawn:0", "position": 0})]
# Each a subset of the fields, their HLCs interleaved: older ones must lose only the
# fields a newer one set.
UPDATES = [
    class_update(9, "board", name="4 Blue"),
    ev("class_succeeded", 8, {"class_id": CLASS, "successor_id": NEXT_YEAR,
                              "successor_name": "5B", "year_group": "Year 5", "at_ms": 8},
       "rollover"),  # archives the class
    class_update(10, "office", year_group="Year 4/5"),
    class_update(7, "office", name="4 Red", year_group="Y4"),
    student_update(9, "board", first_name="Amy"),
    student_update(8, "it", archived=True),
    student_update(10, "board", last_name="O.", avatar="drawn:5"),
    student_update(7, "it", first_name="Amarachi", archived=False, last_name="Ok"),
]


def rows_after(path: Path, events: list[Event]) -> dict[str, list[tuple[Any, ...]]]:
    prepare_database(path.parent)
    conn = connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for event in [*MADE, *events]:
            apply_events(conn, [event], event.hlc.device)
        conn.execute("COMMIT")
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                for table in ("classes", "students")}
    finally:
        conn.close()


@settings(max_examples=60, deadline=None)
@given(order=st.permutations(range(len(UPDATES))))
def test_partial_updates_in_any_order_leave_the_same_rows(
        tmp_path_factory: pytest.TempPathFactory, order: list[int]) -> None:
    in_hlc_order = sorted(UPDATES, key=lambda event: event.hlc.pack())
    expected = rows_after(tmp_path_factory.mktemp("sorted") / DATABASE_NAME, in_hlc_order)
    shuffled = [UPDATES[index] for index in order]
    assert rows_after(tmp_path_factory.mktemp("any") / DATABASE_NAME, shuffled) == expected


def test_each_field_keeps_the_newest_write(tmp_path: Path) -> None:
    rows = rows_after(tmp_path / DATABASE_NAME, list(reversed(UPDATES)))
    [last_year, next_year] = rows["classes"]
    assert last_year[:4] == (CLASS, "4 Blue", "Year 4/5", 1)
    assert last_year[4] == Hlc(T0 + 10, 0, "office").pack()
    assert json.loads(last_year[5]) == {
        "name": Hlc(T0 + 9, 0, "board").pack(), "archived": Hlc(T0 + 8, 0, "rollover").pack(),
        "year_group": Hlc(T0 + 10, 0, "office").pack()}
    assert next_year[:4] == (NEXT_YEAR, "5B", "Year 5", 0) and next_year[5] == "{}"
    [student] = rows["students"]
    assert student[:5] == (STUDENT, "Amy", "O.", "drawn:5", 1)


def test_a_row_no_update_changed_keeps_no_field_clocks(tmp_path: Path) -> None:
    """An update older than the row's making wins nothing and writes nothing."""
    rows = rows_after(tmp_path / DATABASE_NAME, [class_update(0, "old", name="3B")])
    assert [row[1:] for row in rows["classes"]] == [
        ("4B", "Year 4", 0, Hlc(T0 + 1, 0, "d1").pack(), "{}")]


def test_old_rows_get_no_field_clocks_and_their_hlc_rules_every_field(tmp_path: Path) -> None:
    path = tmp_path / DATABASE_NAME
    upgrade_to(path, "0004_records")
    made = Hlc(T0 + 5, 0, "d1").pack()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO classes VALUES (?, '4B', 'Year 4', 0, ?)", (CLASS, made))
        conn.execute("INSERT INTO students VALUES (?, 'Amara', 'Okafor', 'drawn:0', 0, ?)",
                     (STUDENT, made))
    conn.close()
    checkpoint(path)
    prepare_database(tmp_path)
    conn = connect(path)
    try:
        assert conn.execute("SELECT field_hlcs FROM classes").fetchall() == [("{}",)]
        assert conn.execute("SELECT field_hlcs FROM students").fetchall() == [("{}",)]
        conn.execute("BEGIN IMMEDIATE")
        apply_events(conn, [class_update(4, "it", archived=True, name="old"),  # older
                            class_update(6, "board", name="4 Blue"),
                            student_update(7, "it", archived=True)], "d1")
        conn.execute("COMMIT")
        assert conn.execute("SELECT name, archived, field_hlcs FROM classes").fetchone() == (
            "4 Blue", 0, json.dumps({"archived": made, "name": Hlc(T0 + 6, 0, "board").pack(),
                                     "year_group": made}, separators=(",", ":")))
        assert conn.execute("SELECT first_name, archived FROM students").fetchone() == (
            "Amara", 1)
    finally:
        conn.close()
