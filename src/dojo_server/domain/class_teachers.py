"""Who teaches which class: ``class_teacher_assigned`` events in the school's log (what the
staff console and the rollover write), read back from ``class_teacher_view``."""

from __future__ import annotations

from sqlalchemy import select

from dojo_protocol import limits
from dojo_protocol.models import NOT_FOUND
from dojo_server.db.models import Staff
from dojo_server.db.read_models import ClassTeacherView, ClassView
from dojo_server.db.session import Database
from dojo_server.domain.clock import now_ms
from dojo_server.domain.errors import DomainError
from dojo_server.domain.rollover import ROLLOVER_DEVICE_NAME, rollover_device_id
from dojo_server.domain.schools import require_school
from dojo_server.domain.server_log import ServerEvent, server_device, write_events


def assign_teacher(db: Database, school_id: str, class_id: str, staff_id: str,
                   removed: bool = False) -> None:
    """Say that ``staff_id`` teaches ``class_id`` (or, ``removed``, no longer does); 404
    if the school has no such class or member of staff."""
    require_school(db, school_id)
    with db.write() as session:
        staff = session.get(Staff, staff_id)
        if staff is None or staff.school_id != school_id:
            raise DomainError(404, NOT_FOUND, "There is no such member of staff here.")
        if session.get(ClassView, (school_id, class_id)) is None:
            raise DomainError(404, NOT_FOUND, "There is no such class here.")
        device = server_device(session, school_id, rollover_device_id(school_id),
                               ROLLOVER_DEVICE_NAME)
        write_events(session, school_id, device, [ServerEvent("class_teacher_assigned", {
            "class_id": class_id, "staff_id": staff_id,
            "name": staff.name[:limits.MAX_AUTHOR_NAME], "removed": removed,
            "at_ms": now_ms()})])


def class_teachers(db: Database, school_id: str, class_id: str) -> list[tuple[str, str]]:
    """Who teaches ``class_id`` now: (staff id, name), by name."""
    with db.read() as session:
        return [(row.staff_id, row.name) for row in session.scalars(
            select(ClassTeacherView).where(
                ClassTeacherView.school_id == school_id, ClassTeacherView.class_id == class_id,
                ClassTeacherView.removed.is_(False)).order_by(ClassTeacherView.name))]
