"""Who made each pushed event (``by``, the registry's ``AUTHOR_KEY``), as the device may say.

A device enrolled for a person records everything as that person: an event naming anyone
else is refused (one naming no one is theirs anyway). A room's board or a shared device
names whoever picked their name: a member of staff of its school, whose role must allow
the event too. A PIN verifier (``staff_pin_set``) is set only by the person's own device.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dojo_protocol.kinds import AUTHOR_KEY
from dojo_protocol.models import WireEvent
from dojo_server.db.session import Database
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.domain.permissions import permission_problem
from dojo_server.domain.staff_records import staff_roles

PIN_KIND = "staff_pin_set"
NOT_THIS_PERSON = "this device is enrolled for another member of staff: its events are theirs"
NOT_OUR_STAFF = f"{AUTHOR_KEY} names no member of staff of this school"
OWN_PIN_ONLY = "a PIN is set on the person's own device (or by IT), not on a shared one"


def school_staff(db: Database, identity: DeviceIdentity,
                 events: Sequence[WireEvent]) -> Mapping[str, str]:
    """The school's staff and their roles when a shared device's push names someone;
    else nothing is read (a personal device's events are checked against its person)."""
    if identity.staff_id is not None or not any(AUTHOR_KEY in e.payload for e in events):
        return {}
    return staff_roles(db, identity.school_id)


def author_problem(identity: DeviceIdentity, kind: str, payload: dict[str, Any],
                   staff: Mapping[str, str]) -> str | None:
    """None if the device may record this event as made by whom it names, else why not."""
    if kind == PIN_KIND and payload.get("staff_id") != identity.staff_id:
        return OWN_PIN_ONLY
    by = payload.get(AUTHOR_KEY)
    if by is None:
        return None
    if identity.staff_id is not None:
        return None if by == identity.staff_id else NOT_THIS_PERSON
    role = staff.get(by)
    if role is None:
        return NOT_OUR_STAFF
    problem = permission_problem(role, kind, payload)
    return None if problem is None else f"the person who made it: {problem}"
