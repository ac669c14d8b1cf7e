"""Events the server itself writes for the family portal, under a per-school portal device
(written as ``server_log.py`` writes every event of the server's own)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from dojo_protocol.events import family_authored, validate_payload
from dojo_server.db.models import EventRow
from dojo_server.domain.server_log import write_events

PORTAL_DEVICE_PREFIX = "portal-"
PORTAL_DEVICE_NAME = "Family portal"


def portal_device_id(school_id: str) -> str:
    """The id of the school's portal device (never a UUID, so no enrolled device has it)."""
    return PORTAL_DEVICE_PREFIX + school_id


def append_events(session: Session, school_id: str,
                  events: list[tuple[str, dict[str, Any]]]) -> list[EventRow]:
    """Store family events in the school's log inside the caller's write transaction."""
    for kind, payload in events:
        problem = validate_payload(kind, payload)
        if problem or not family_authored(kind, payload):
            raise ValueError(f"the portal cannot write this {kind} event: {problem}")
    return write_events(session, school_id, portal_device_id(school_id), PORTAL_DEVICE_NAME,
                        events)
