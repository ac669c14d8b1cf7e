"""Events the server itself writes into a school's log, under a device of its own.

They take the school's next ``server_seq`` exactly as pushed events do (device row, then the
school's counter row, locked until commit), and the read tables catch up in the same
transaction. The family portal writes this way (``portal_log.py``), and so does a roster
import (``roster_import.py``). The caller wakes long polls after the commit.
"""

from __future__ import annotations

import json
from typing import Any

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

Events = list[tuple[str, dict[str, Any]]]  # (kind, payload)


def write_events(session: Session, school_id: str, device_id: str, device_name: str,
                 events: Events) -> list[EventRow]:
    """Store ``events`` in the school's log as the server's device ``device_id`` (made on
    first use), inside the caller's write transaction."""
    for kind, payload in events:
        problem = validate_payload(kind, payload)
        if problem:
            raise ValueError(f"the server cannot write this {kind} event: {problem}")
    device = _server_device(session, school_id, device_id, device_name)
    counter = session.scalars(select(SchoolCounter).where(
        SchoolCounter.school_id == school_id).with_for_update()).one()
    received = now_ms()
    rows: list[EventRow] = []
    audiences = Audiences.load(session, [(school_id, kind, payload)
                                         for kind, payload in events])
    for kind, payload in events:
        class_id = audiences.class_of(school_id, kind, payload)
        audiences.learn(school_id, kind, payload, class_id)
        device.last_seq += 1
        row = EventRow(school_id=school_id, server_seq=counter.next_seq, event_id=new_id(),
                       device_id=device.id, seq=device.last_seq, kind=kind,
                       hlc=pack_hlc(received, device.last_seq % 1_000_000, device.id),
                       payload=json.dumps(payload, ensure_ascii=False), received_ms=received,
                       class_id=class_id)
        session.add(row)
        counter.next_seq += 1
        rows.append(row)
    device.last_seen_ms = received
    catch_up(session, school_id)
    return rows


def _server_device(session: Session, school_id: str, device_id: str,
                   device_name: str) -> DeviceRow:
    """The server's device row, locked; made on first use. Its token is never handed out."""
    query = select(DeviceRow).where(DeviceRow.id == device_id).with_for_update()
    device = session.scalars(query).first()
    if device is not None:
        return device
    now = now_ms()
    try:
        with session.begin_nested():
            session.add(DeviceRow(id=device_id, school_id=school_id, role="admin",
                                  class_id=None, name=device_name,
                                  token_hash=hash_secret(new_token()), revoked_at=None,
                                  last_seq=0, enrolled_ms=now, last_seen_ms=now))
    except IntegrityError:  # made by another request at the same moment
        pass
    return session.scalars(query).one()
