"""The school's staff on its devices: ``staff_member`` records written into the log from
the staff table, and PIN verifiers (``staff_pin_set``) that IT sets.

Each member of staff's record is written under the school's staff device (``staff-<school
id>``) whenever what devices should know of them changes (added, renamed, a new role):
``published`` keeps a digest of the last one written, so writing them again is harmless and
a server upgraded from before this writes every member once at start-up.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session

from dojo_protocol.limits import MAX_AUTHOR_NAME
from dojo_protocol.pins import PIN_MEMORY_KIB, PIN_PARALLELISM, PIN_TIME_COST, pin_problem
from dojo_server.db.models import School, Staff
from dojo_server.db.session import Database
from dojo_server.domain.clock import now_ms
from dojo_server.domain.schools import AdminError
from dojo_server.domain.server_log import (
    STAFF_DEVICE_PREFIX,
    ServerEvent,
    server_device,
    write_events,
)

STAFF_DEVICE_NAME = "School staff"
_pins = PasswordHasher(time_cost=PIN_TIME_COST, memory_cost=PIN_MEMORY_KIB,
                       parallelism=PIN_PARALLELISM)


def staff_device_id(school_id: str) -> str:
    """The device staff records are written under (never a UUID, like the portal's)."""
    return STAFF_DEVICE_PREFIX + school_id


def shown_name(staff: Staff) -> str:
    """The name families see: the display name, else the name."""
    return (staff.display_name or staff.name)[:MAX_AUTHOR_NAME]


def _record(staff: Staff) -> dict[str, Any]:
    return {"staff_id": staff.id, "name": shown_name(staff), "role": staff.role}


def _digest(record: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()


def publish_staff(session: Session, school_id: str) -> int:
    """Write a ``staff_member`` event for each member of staff whose record changed since
    the last one written, inside the caller's write transaction; returns how many."""
    rows = list(session.scalars(select(Staff).where(Staff.school_id == school_id)
                                .order_by(Staff.created_ms, Staff.id)))
    changed = [(row, _record(row)) for row in rows if row.published != _digest(_record(row))]
    if not changed:
        return 0
    device = server_device(session, school_id, staff_device_id(school_id), STAFF_DEVICE_NAME)
    at = now_ms()
    write_events(session, school_id, device,
                 [ServerEvent("staff_member", {**record, "at_ms": at}) for _, record in changed])
    for row, record in changed:
        row.published = _digest(record)
    return len(changed)


def publish_school_staff(db: Database, school_id: str) -> int:
    """:func:`publish_staff` in a transaction of its own (after staff were added)."""
    with db.write() as session:
        return publish_staff(session, school_id)


def publish_all_staff(db: Database) -> int:
    """Publish every school's staff whose record is not in the log yet (at start-up)."""
    with db.read() as session:
        school_ids = list(session.scalars(select(School.id)))
    written = 0
    for school_id in school_ids:
        with db.write() as session:
            written += publish_staff(session, school_id)
    return written


def find_staff(session: Session, school_id: str, email: str) -> Staff:
    """The member of staff with ``email`` at the school (AdminError if none)."""
    staff = session.scalars(select(Staff).where(
        Staff.school_id == school_id, Staff.email == email.strip().lower())).first()
    if staff is None:
        raise AdminError(f"There is no member of staff with the email {email} at this school.")
    return staff


def hash_pin(pin: str) -> str:
    """The verifier of a PIN (``dojo_protocol.pins``); AdminError if it is not one."""
    problem = pin_problem(pin)
    if problem:
        raise AdminError(f"That is not a PIN: {problem}.")
    return _pins.hash(pin)


def set_pin(db: Database, school_id: str, email: str, pin: str) -> None:
    """Give a member of staff a new PIN: its verifier goes to every device of the school."""
    verifier = hash_pin(pin)
    with db.write() as session:
        staff = find_staff(session, school_id, email)
        device = server_device(session, school_id, staff_device_id(school_id),
                               STAFF_DEVICE_NAME)
        write_events(session, school_id, device, [ServerEvent(
            "staff_pin_set", {"staff_id": staff.id, "verifier": verifier, "at_ms": now_ms()})])


def clean_display_name(display_name: str) -> str:
    """The name families see with its spaces tidied; AdminError if empty or too long."""
    name = " ".join(display_name.split())
    if not name or len(name) > MAX_AUTHOR_NAME:
        raise AdminError(f"The name families see needs 1 to {MAX_AUTHOR_NAME} characters.",
                         "display_name_length")
    return name


def set_display_name(db: Database, school_id: str, email: str, display_name: str) -> None:
    """Change the name families see for a member of staff, on every device too."""
    name = clean_display_name(display_name)
    with db.write() as session:
        staff = find_staff(session, school_id, email)
        staff.display_name = name
        session.flush()
        publish_staff(session, school_id)


def staff_roles(db: Database, school_id: str) -> dict[str, str]:
    """Each member of staff's id and role at the school (what a board's events may name)."""
    with db.read_rows() as conn:
        rows = conn.execute(select(Staff.id, Staff.role).where(Staff.school_id == school_id))
        return {row.id: row.role for row in rows}
