"""Events the server writes itself (a family's act, a school's defaults, a roster import),
each under a device of its own that no one enrolls.

They take the school's next ``server_seq`` exactly as pushed events do (device row, then the
school's counter row, locked until commit), and the read tables catch up in the same
transaction. The caller wakes long polls after the commit, if any are waiting.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dojo_protocol.events import validate_payload
from dojo_protocol.hlc import pack_hlc
from dojo_server.db.audiences import Audiences
from dojo_server.db.models import DeviceRow, EventRow, SchoolCounter
from dojo_server.domain.auth import hash_secret, new_token
from dojo_server.domain.clock import new_id, now_ms
from dojo_server.domain.projections import catch_up

ROSTER_DEVICE_PREFIX = "roster-"  # the device a roster import writes under, per school
OFFICE_DEVICE_PREFIX = "office-"  # the device the staff console's roster changes use

STAFF_DEVICE_PREFIX = "staff-"  # the device staff records are written under (staff_records)
ROLLOVER_DEVICE_PREFIX = "rollover-"  # the device the new school year is written under


class ServerEvent(NamedTuple):
    """One event to write; without ``hlc`` it is stamped with the time it is stored."""

    kind: str
    payload: dict[str, Any]
    hlc: str | None = None


def server_device(session: Session, school_id: str, device_id: str, name: str) -> DeviceRow:
    """The device row the server writes under, locked; made on first use. Its token is
    never handed out. ``device_id`` is never a UUID, so no enrolled device has it."""
    query = select(DeviceRow).where(DeviceRow.id == device_id).with_for_update()
    device = session.scalars(query).first()
    if device is not None:
        return device
    now = now_ms()
    try:
        with session.begin_nested():
            session.add(DeviceRow(id=device_id, school_id=school_id, role="admin",
                                  class_id=None, name=name,
                                  token_hash=hash_secret(new_token()), revoked_at=None,
                                  last_seq=0, enrolled_ms=now, last_seen_ms=now))
    except IntegrityError:  # made by another request at the same moment
        pass
    return session.scalars(query.execution_options(populate_existing=True)).one()


def write_events(session: Session, school_id: str, device: DeviceRow,
                 events: list[ServerEvent]) -> list[EventRow]:
    """Store events in the school's log inside the caller's write transaction; ``device``
    comes from :func:`server_device` in the same transaction. Each is checked against the
    registry first (ValueError: nothing is written)."""
    for event in events:
        problem = validate_payload(event.kind, event.payload)
        if problem:
            raise ValueError(f"the server cannot write this {event.kind} event: {problem}")
    counter = session.scalars(select(SchoolCounter).where(
        SchoolCounter.school_id == school_id).with_for_update()).one()
    received = now_ms()
    rows: list[EventRow] = []
    audiences = Audiences.load(session, [(school_id, e.kind, e.payload) for e in events])
    for kind, payload, hlc in events:
        class_id = audiences.class_of(school_id, kind, payload)
        audiences.learn(school_id, kind, payload, class_id)
        device.last_seq += 1
        row = EventRow(school_id=school_id, server_seq=counter.next_seq, event_id=new_id(),
                       device_id=device.id, seq=device.last_seq, kind=kind,
                       hlc=hlc or pack_hlc(received, device.last_seq % 1_000_000, device.id),
                       payload=json.dumps(payload, ensure_ascii=False), received_ms=received,
                       class_id=class_id)
        session.add(row)
        counter.next_seq += 1
        rows.append(row)
    device.last_seen_ms = received
    catch_up(session, school_id)
    return rows
