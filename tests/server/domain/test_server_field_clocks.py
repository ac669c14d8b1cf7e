"""The server's read tables keep a clock per field of a class and a student: the same
partial updates, in any order, leave the same rows (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from dojo_protocol.hlc import pack_hlc
from dojo_server.db.read_models import ClassView, StudentView
from dojo_server.db.session import Database
from dojo_server.domain.projections import moves, roster
from dojo_server.domain.projections.base import LoggedEvent

CLASS, STUDENT = "00000000-0000-7000-8000-00000000000a", "00000000-0000-7000-8000-00000000000b"
T0 = 1_790_000_000_000


def ev(kind: str, wall: int, payload: dict[str, Any], device: str = "d1") -> LoggedEvent:
    return LoggedEvent(0, kind, payload, pack_hlc(T0 + wall, 0, device), device)


def class_update(wall: int, device: str, **fields: Any) -> LoggedEvent:
    return ev("class_updated", wall, {"class_id": CLASS, "fields": fields}, device)


def student_update(wall: int, device: str, **fields: Any) -> LoggedEvent:
    return ev("student_updated", wall, {"student_id": STUDENT, "fields": fields}, device)


CLASS_MADE = ev("class_created", 1, {"class_id": CLASS, "name": "4B", "year_group": "Year 4"})
STUDENT_MADE = ev("student_added", 2, {"student_id": STUDENT, "class_id": CLASS,
                                       "first_name": "Amara", "last_name": "Okafor"})
UPDATES = [
    class_update(9, "board", name="4 Blue"),
    class_update(8, "rollover", archived=True),
    class_update(10, "office", year_group="Year 4/5"),
    # The class made again by an import: per field too.
    ev("class_created", 7, {"class_id": CLASS, "name": "4 Red", "year_group": "Y4",
                            "school_year": "2030-2031"}, "import"),
    student_update(9, "board", first_name="Amy", avatar="drawn:5"),  # the avatar is not kept
    student_update(8, "it", archived=True),
    student_update(10, "board", last_name="O."),
    student_update(7, "it", first_name="Amarachi", archived=False, last_name="Ok"),
]


def rows_after(db: Database, events: list[LoggedEvent]) -> tuple[Any, ...]:
    school_id = str(uuid.uuid4())  # a school of its own for each order
    with db.write() as session:
        roster.APPLIERS["class_created"](session, school_id, CLASS_MADE)
        moves.students_added(session, school_id, [STUDENT_MADE])
        for event in events:
            roster.APPLIERS[event.kind](session, school_id, event)
    with db.read_rows() as conn:
        class_row = conn.execute(select(
            ClassView.name, ClassView.year_group, ClassView.archived, ClassView.school_year,
            ClassView.hlc, ClassView.field_hlcs).where(ClassView.school_id == school_id)).one()
        student_row = conn.execute(select(
            StudentView.first_name, StudentView.last_name, StudentView.archived,
            StudentView.hlc, StudentView.field_hlcs)
            .where(StudentView.school_id == school_id)).one()
    return tuple(class_row), tuple(student_row)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(UPDATES))))
def test_partial_updates_in_any_order_leave_the_same_rows(db: Database,
                                                          order: list[int]) -> None:
    expected = rows_after(db, sorted(UPDATES, key=lambda event: event.hlc))
    assert rows_after(db, [UPDATES[index] for index in order]) == expected


def test_each_field_keeps_the_newest_write(db: Database) -> None:
    (class_row, student_row) = rows_after(db, list(reversed(UPDATES)))
    assert class_row[:5] == ("4 Blue", "Year 4/5", True, "2030-2031",
                             pack_hlc(T0 + 10, 0, "office"))
    assert json.loads(class_row[5])["archived"] == pack_hlc(T0 + 8, 0, "rollover")
    assert student_row[:3] == ("Amy", "O.", True)
    assert set(json.loads(student_row[4])) == {"first_name", "last_name", "archived"}
