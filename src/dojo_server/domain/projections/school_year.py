"""The new school year's links: a class's successor (``class_succeeded``) and who teaches
which class (``class_teacher_assigned``)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from dojo_server.db.read_models import ClassTeacherView, ClassView
from dojo_server.domain.projections.base import Applier, LoggedEvent


def _class_succeeded(session: Session, school_id: str, event: LoggedEvent) -> None:
    # The old class's archiving is a class_updated of its own (its class's devices hear
    # that one); here only the link, which no later event changes.
    row = session.get(ClassView, (school_id, event.payload["class_id"]))
    if row is not None:
        row.successor_id = event.payload["successor_id"]


def _class_teacher_assigned(session: Session, school_id: str, event: LoggedEvent) -> None:
    p = event.payload
    row = session.get(ClassTeacherView, (school_id, p["class_id"], p["staff_id"]))
    removed = bool(p.get("removed", False))
    if row is None:
        session.add(ClassTeacherView(school_id=school_id, class_id=p["class_id"],
                                     staff_id=p["staff_id"], name=p["name"],
                                     removed=removed, hlc=event.hlc))
    elif row.hlc < event.hlc:
        row.name, row.removed, row.hlc = p["name"], removed, event.hlc


APPLIERS: dict[str, Applier] = {"class_succeeded": _class_succeeded,
                                "class_teacher_assigned": _class_teacher_assigned}
