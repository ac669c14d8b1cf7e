"""Administration: schools, staff, devices (what the `dojo-server` CLI calls)."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from dojo_server.db.models import ROLES, DeviceRow, School, SchoolCounter, Staff
from dojo_server.db.read_models import ProjectionState
from dojo_server.db.session import Database
from dojo_server.domain.auth import hash_password
from dojo_server.domain.clock import new_id, now_ms
from dojo_server.domain.portal_log import PORTAL_DEVICE_PREFIX
from dojo_server.domain.school_skills import (
    DEFAULTS_DEVICE_PREFIX,
    add_default_skills,
    choose_own_skills,
)
from dojo_server.domain.server_log import (
    OFFICE_DEVICE_PREFIX,
    ROLLOVER_DEVICE_PREFIX,
    ROSTER_DEVICE_PREFIX,
    STAFF_DEVICE_PREFIX,
)

MIN_PASSWORD_LENGTH = 10
SERVER_DEVICE_PREFIXES = (PORTAL_DEVICE_PREFIX, DEFAULTS_DEVICE_PREFIX, ROSTER_DEVICE_PREFIX,
                          OFFICE_DEVICE_PREFIX, STAFF_DEVICE_PREFIX, ROLLOVER_DEVICE_PREFIX)


class AdminError(ValueError):
    """An admin command that cannot be carried out, explained in words; ``code`` names the
    reason for the staff console, which says it in the user's language."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class DeviceInfo:
    """One line of the device list."""

    id: str
    school_id: str
    name: str
    role: str
    class_id: str | None
    last_seq: int
    last_seen_ms: int
    revoked: bool


def create_school(db: Database, name: str, timezone: str = "UTC", *,
                  default_skills: bool = True,
                  translate: Callable[[str], str] | None = None) -> str:
    """A new school with its sequence counter and its default skills (or none, for a
    school that sets up its own), named by ``translate`` in the school's language;
    returns its id."""
    name = " ".join(name.split())
    if not name:
        raise AdminError("A school needs a name.")
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise AdminError(f"{timezone!r} is not a timezone name such as Europe/London.") from exc
    school_id = new_id()
    with db.write() as session:
        session.add(School(id=school_id, name=name, timezone=timezone, created_ms=now_ms()))
        session.flush()
        session.add(SchoolCounter(school_id=school_id, next_seq=1))
        session.add(ProjectionState(school_id=school_id, applied_seq=0))
        session.flush()
        if default_skills:
            add_default_skills(session, school_id, translate)
        else:
            choose_own_skills(session, school_id)
    return school_id


def require_school(db: Database, school_id: str) -> School:
    with db.read() as session:
        school = session.get(School, school_id)
    if school is None:
        raise AdminError(f"There is no school with id {school_id}.", "not_found")
    return school


def require_role(role: str) -> str:
    if role not in ROLES:
        raise AdminError(f"The role must be one of {', '.join(ROLES)}, not {role!r}.",
                         "bad_role")
    return role


def add_staff(db: Database, school_id: str, name: str, email: str, role: str,
              password: str, display_name: str | None = None) -> str:
    """A member of staff with an argon2 password hash; returns their id. ``display_name``
    is the name families see ("Ms Rossi"; by default ``name``); devices learn of them
    once ``staff_records.publish_staff`` runs."""
    require_school(db, school_id)
    require_role(role)
    email = email.strip().lower()
    if "@" not in email:
        raise AdminError(f"{email!r} does not look like an email address.", "bad_email")
    if not " ".join(name.split()):
        raise AdminError("A member of staff needs a name.", "name_needed")
    check_password(password)
    staff_id = new_id()
    try:
        with db.write() as session:
            session.add(Staff(id=staff_id, school_id=school_id, name=" ".join(name.split()),
                              email=email, role=role, password_hash=hash_password(password),
                              created_ms=now_ms(),
                              display_name=" ".join((display_name or "").split()) or None))
    except IntegrityError as exc:
        raise AdminError(f"{email} is already on the staff of this school.",
                         "email_taken") from exc
    return staff_id


def check_password(password: str) -> None:
    """AdminError unless ``password`` is long enough for a staff account."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AdminError(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.",
                         "password_too_short")


def list_devices(db: Database, school_id: str | None = None) -> list[DeviceInfo]:
    """Enrolled devices, newest first, of one school or all (not those the server writes
    its own events under: the family portal's, the default skills', the roster import's and
    the staff console's)."""
    query = select(DeviceRow).order_by(DeviceRow.enrolled_ms.desc()).where(
        *(DeviceRow.id.not_like(f"{prefix}%") for prefix in SERVER_DEVICE_PREFIXES))
    if school_id:
        query = query.where(DeviceRow.school_id == school_id)
    with db.read() as session:
        rows = session.scalars(query).all()
    return [DeviceInfo(r.id, r.school_id, r.name, r.role, r.class_id, r.last_seq,
                       r.last_seen_ms, r.revoked_at is not None) for r in rows]


def revoke_device(db: Database, device_id: str, school_id: str | None = None) -> None:
    """Refuse the device's token from now on (of ``school_id``'s devices only, if given).
    Its events stay. The devices the server writes under are not for revoking."""
    with db.write() as session:
        device = session.get(DeviceRow, device_id)
        if device is None or (school_id is not None and device.school_id != school_id) \
                or device_id.startswith(SERVER_DEVICE_PREFIXES):
            raise AdminError(f"There is no device with id {device_id}.", "not_found")
        if device.revoked_at is None:
            device.revoked_at = now_ms()
