"""A school's staff as the office manages them: the list, adding someone, roles, the name
families see and passwords (the console and ``dojo-server staff``, ``set-role``,
``set-password`` call these). What devices should know of a member of staff (their name
and role) reaches them as a ``staff_member`` record (``staff_records.publish_staff``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select

from dojo_server.db.models import Staff
from dojo_server.db.session import Database
from dojo_server.db.staff_models import StaffSession
from dojo_server.domain.auth import hash_password
from dojo_server.domain.schools import (
    AdminError,
    add_staff,
    check_password,
    require_role,
    require_school,
)
from dojo_server.domain.staff_auth import CONSOLE_ROLES
from dojo_server.domain.staff_records import (
    clean_display_name,
    publish_school_staff,
    publish_staff,
    shown_name,
)


@dataclass(frozen=True)
class StaffInfo:
    """One line of the staff list."""

    id: str
    name: str
    email: str
    role: str
    has_password: bool
    imported: bool
    shown_name: str  # the name families and devices see ("Ms Rossi")


def list_staff(db: Database, school_id: str) -> list[StaffInfo]:
    """The school's staff by name."""
    require_school(db, school_id)
    with db.read() as session:
        rows = session.scalars(select(Staff).where(Staff.school_id == school_id)
                               .order_by(func.lower(Staff.name), Staff.email)).all()
    return [StaffInfo(r.id, r.name, r.email, r.role, bool(r.password_hash),
                      r.sourced_id is not None, shown_name(r)) for r in rows]


def add_member(db: Database, school_id: str, name: str, email: str, role: str,
               password: str, display_name: str = "") -> str:
    """:func:`schools.add_staff`, then the new member's record for the school's devices;
    returns their id."""
    if display_name.strip():
        display_name = clean_display_name(display_name)
    staff_id = add_staff(db, school_id, name, email, role, password, display_name or None)
    publish_school_staff(db, school_id)
    return staff_id


def change_role(db: Database, school_id: str, staff_id: str, role: str) -> None:
    """Give a member of staff another role. The school keeps at least one leader or admin
    who has a password, so someone can still open the console."""
    require_role(role)
    with db.write() as session:
        staff = _require_staff(session.get(Staff, staff_id, with_for_update=True), school_id,
                               staff_id)
        if staff.role in CONSOLE_ROLES and role not in CONSOLE_ROLES:
            others = session.scalar(select(func.count()).select_from(Staff).where(
                Staff.school_id == school_id, Staff.id != staff_id,
                Staff.role.in_(CONSOLE_ROLES), Staff.password_hash != ""))
            if not others:
                raise AdminError("The school would have no leader or admin left to manage "
                                 "it: give someone else that role first.", "last_leader")
        staff.role = role
        publish_staff(session, school_id)


def set_shown_name(db: Database, school_id: str, staff_id: str, display_name: str) -> None:
    """Change the name families and devices see for a member of staff ("Ms Rossi")."""
    name = clean_display_name(display_name)
    with db.write() as session:
        staff = _require_staff(session.get(Staff, staff_id, with_for_update=True), school_id,
                               staff_id)
        staff.display_name = name
        publish_staff(session, school_id)


def set_password(db: Database, school_id: str, staff_id: str, password: str) -> None:
    """A new password for a member of staff (one who has none yet, or forgot theirs); they
    are signed out of every browser."""
    check_password(password)
    with db.write() as session:
        staff = _require_staff(session.get(Staff, staff_id, with_for_update=True), school_id,
                               staff_id)
        staff.password_hash = hash_password(password)
        session.execute(delete(StaffSession).where(StaffSession.staff_id == staff_id))


def find_staff(db: Database, school_id: str, email: str) -> str:
    """The id of the school's member of staff with this email address."""
    with db.read() as session:
        staff_id = session.scalar(select(Staff.id).where(
            Staff.school_id == school_id, Staff.email == email.strip().lower()))
    if staff_id is None:
        raise AdminError(f"No one on this school's staff has the email address {email}.",
                         "not_found")
    return staff_id


def _require_staff(staff: Staff | None, school_id: str, staff_id: str) -> Staff:
    if staff is None or staff.school_id != school_id:
        raise AdminError(f"There is no member of staff with id {staff_id} at this school.",
                         "not_found")
    return staff
