"""Children added to classes (``student_added``), a run at a time: a roster import or the
new school year writes one for every child, and each taken alone cost a query and a flush.

The rows come out as applying the events one by one would leave them: a child's row is
made by their first event (names change by ``student_updated`` only), each event adds its
membership, and one that moved the child (``moved_from``) takes away the old one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select
from sqlalchemy.orm import Session

from dojo_server.db.bulk import existing_values, insert_rows, table_of
from dojo_server.db.read_models import ClassMember, StudentView
from dojo_server.domain.projections.base import LoggedEvent

_STUDENTS = table_of(StudentView)
_MEMBERS = table_of(ClassMember)
_CHUNK = 500  # students in one IN (...)
_LEAVE = delete(_MEMBERS).where(_MEMBERS.c.school_id == bindparam("s"),
                                _MEMBERS.c.class_id == bindparam("c"),
                                _MEMBERS.c.student_id == bindparam("i"))

Member = tuple[str, str]  # (class_id, student_id)


def students_added(session: Session, school_id: str, events: list[LoggedEvent]) -> None:
    """Apply a run of ``student_added`` events, in their order."""
    session.flush()  # rows the ORM holds for earlier events go first, as they happened
    conn = session.connection()
    student_ids = list(dict.fromkeys(e.payload["student_id"] for e in events))
    known = existing_values(conn, _STUDENTS, "id", student_ids, school_id=school_id)
    new_students: list[dict[str, Any]] = []
    before = _memberships(conn, school_id, student_ids)
    members = set(before)
    for event in events:
        p = event.payload
        student_id, class_id = p["student_id"], p["class_id"]
        if student_id not in known:
            known.add(student_id)
            new_students.append({"school_id": school_id, "id": student_id,
                                 "first_name": p["first_name"],
                                 "last_name": p.get("last_name", ""), "archived": False,
                                 "hlc": event.hlc})
        members.add((class_id, student_id))
        moved_from = p.get("moved_from")
        if moved_from and moved_from != class_id:
            members.discard((moved_from, student_id))
    insert_rows(conn, _STUDENTS, new_students)
    insert_rows(conn, _MEMBERS, [{"school_id": school_id, "class_id": c, "student_id": s}
                                 for c, s in sorted(members - before)])
    left = [{"s": school_id, "c": c, "i": s} for c, s in sorted(before - members)]
    if left:
        conn.execute(_LEAVE, left)


def _memberships(conn: Connection, school_id: str, student_ids: list[str]) -> set[Member]:
    found: set[Member] = set()
    for chunk in _chunks(student_ids):
        found.update((c, s) for c, s in conn.execute(
            select(_MEMBERS.c.class_id, _MEMBERS.c.student_id).where(
                _MEMBERS.c.school_id == school_id, _MEMBERS.c.student_id.in_(chunk))))
    return found


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]
