"""Classes and children changed by hand: the staff console's roster pages and the
``dojo-server add-class``, ``rename-class``, ``archive-class``, ``add-child`` and
``move-child`` commands. Every change is an ordinary roster event in the school's log,
written under the school's office device, so devices apply it like any other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dojo_protocol.limits import MAX_CLASS_NAME, MAX_PERSON_NAME, MAX_YEAR_GROUP
from dojo_server.db.read_models import ClassMember, ClassView, StudentView
from dojo_server.db.session import Database
from dojo_server.domain.clock import new_id
from dojo_server.domain.projections import catch_up
from dojo_server.domain.roster_plan import drawn_avatar
from dojo_server.domain.schools import AdminError, require_school
from dojo_server.domain.server_log import (
    OFFICE_DEVICE_PREFIX,
    ServerEvent,
    server_device,
    write_events,
)

OFFICE_DEVICE_NAME = "School office"


@dataclass(frozen=True)
class ClassInfo:
    """One line of the class list."""

    id: str
    name: str
    year_group: str
    archived: bool
    children: int


@dataclass(frozen=True)
class ChildInfo:
    """A child of one class, and the other classes they are in."""

    id: str
    first_name: str
    last_name: str
    other_classes: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def office_device_id(school_id: str) -> str:
    """The id of the device the office's changes are written under (never a UUID)."""
    return OFFICE_DEVICE_PREFIX + school_id


def list_classes(db: Database, school_id: str) -> list[ClassInfo]:
    """Every class of the school, archived ones last, each with its current children."""
    require_school(db, school_id)
    with db.write() as session:
        catch_up(session, school_id)
        rows = session.execute(
            select(ClassView, func.count(StudentView.id))
            .outerjoin(ClassMember, (ClassMember.school_id == ClassView.school_id)
                       & (ClassMember.class_id == ClassView.id))
            .outerjoin(StudentView, (StudentView.school_id == ClassMember.school_id)
                       & (StudentView.id == ClassMember.student_id)
                       & StudentView.archived.is_(False))
            .where(ClassView.school_id == school_id)
            .group_by(ClassView.school_id, ClassView.id)
            .order_by(ClassView.archived, func.lower(ClassView.name), ClassView.id)).all()
    return [ClassInfo(c.id, c.name, c.year_group, c.archived, count) for c, count in rows]


def class_children(db: Database, school_id: str, class_id: str) -> tuple[ClassInfo,
                                                                         list[ChildInfo]]:
    """A class and its current children by name, with the names of their other classes."""
    found = {c.id: c for c in list_classes(db, school_id)}
    if class_id not in found:
        raise AdminError(f"There is no class with id {class_id} at this school.", "not_found")
    with db.read() as session:
        students = session.scalars(
            select(StudentView).join(ClassMember, (ClassMember.school_id == StudentView.school_id)
                                     & (ClassMember.student_id == StudentView.id))
            .where(ClassMember.school_id == school_id, ClassMember.class_id == class_id,
                   StudentView.archived.is_(False))
            .order_by(StudentView.first_name, StudentView.last_name, StudentView.id)).all()
        others: dict[str, list[str]] = {}
        for student_id, other in session.execute(select(
                ClassMember.student_id, ClassMember.class_id).where(
                ClassMember.school_id == school_id, ClassMember.class_id != class_id,
                ClassMember.student_id.in_([s.id for s in students]))):
            if other in found:
                others.setdefault(student_id, []).append(found[other].name)
    return found[class_id], [ChildInfo(s.id, s.first_name, s.last_name,
                                       tuple(sorted(others.get(s.id, ())))) for s in students]


def add_class(db: Database, school_id: str, name: str, year_group: str = "") -> str:
    """A new class; returns its id."""
    class_id = new_id()
    payload: dict[str, Any] = {"class_id": class_id, "name": _class_name(name)}
    if year_group.strip():
        payload["year_group"] = _text(year_group, MAX_YEAR_GROUP, "year_group_too_long",
                                      "The year group")
    _write(db, school_id, [ServerEvent("class_created", payload)])
    return class_id


def rename_class(db: Database, school_id: str, class_id: str, name: str) -> None:
    _write(db, school_id, [ServerEvent("class_updated", {
        "class_id": class_id, "fields": {"name": _class_name(name)}})], class_id=class_id)


def archive_class(db: Database, school_id: str, class_id: str, archived: bool = True) -> None:
    """Archive a class (it leaves the lists; its history stays) or bring it back."""
    _write(db, school_id, [ServerEvent("class_updated", {
        "class_id": class_id, "fields": {"archived": archived}})], class_id=class_id)


def add_child(db: Database, school_id: str, class_id: str, first_name: str,
              last_name: str = "") -> str:
    """A new child in a class; returns their id."""
    student_id = new_id()
    payload = {"student_id": student_id, "class_id": class_id,
               "first_name": _person_name(first_name, "first_name_needed"),
               "last_name": _text(last_name, MAX_PERSON_NAME, "name_too_long", "A name"),
               "avatar": drawn_avatar(student_id)}
    _write(db, school_id, [ServerEvent("student_added", payload)], class_id=class_id)
    return student_id


def move_child(db: Database, school_id: str, student_id: str, from_class: str,
               to_class: str) -> None:
    """Move a child from one of their classes to another: the same child (one id for
    life), the link moved, as a roster import moves one."""
    if from_class == to_class:
        return
    with db.write() as session:
        catch_up(session, school_id)
        child = session.get(StudentView, (school_id, student_id))
        member = session.get(ClassMember, (school_id, from_class, student_id))
        if child is None or member is None:
            raise AdminError("That child is not in that class.", "not_found")
        _require_class(session, school_id, to_class)
        payload = {"student_id": student_id, "class_id": to_class,
                   "first_name": child.first_name, "last_name": child.last_name,
                   "moved_from": from_class}
        _log(session, school_id, [ServerEvent("student_added", payload)])


def _write(db: Database, school_id: str, events: list[ServerEvent],
           class_id: str | None = None) -> None:
    require_school(db, school_id)
    with db.write() as session:
        if class_id is not None:
            catch_up(session, school_id)
            _require_class(session, school_id, class_id)
        _log(session, school_id, events)


def _log(session: Session, school_id: str, events: list[ServerEvent]) -> None:
    device = server_device(session, school_id, office_device_id(school_id), OFFICE_DEVICE_NAME)
    write_events(session, school_id, device, events)


def _require_class(session: Session, school_id: str, class_id: str) -> ClassView:
    found = session.get(ClassView, (school_id, class_id))
    if found is None:
        raise AdminError(f"There is no class with id {class_id} at this school.", "not_found")
    return found


def _class_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise AdminError("A class needs a name.", "class_name_needed")
    return _text(name, MAX_CLASS_NAME, "name_too_long", "A name")


def _person_name(name: str, code: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise AdminError("A child needs a first name.", code)
    return _text(name, MAX_PERSON_NAME, "name_too_long", "A name")


def _text(value: str, limit: int, code: str, what: str) -> str:
    value = " ".join(value.split())
    if len(value) > limit:
        raise AdminError(f"{what} may have at most {limit} characters.", code)
    return value
