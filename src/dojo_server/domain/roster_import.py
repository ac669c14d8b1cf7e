"""Importing the school information system's roster: a preview of what would change, and
applying it in one transaction (what ``dojo-server import-oneroster`` and, later, the staff
console call). The changes reach devices as ordinary roster events in the school's log."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import Session

from dojo_server.db.models import Staff
from dojo_server.db.session import Database
from dojo_server.domain.clock import now_ms
from dojo_server.domain.roster_plan import ImportSummary, Plan, plan_import
from dojo_server.domain.schools import require_school
from dojo_server.domain.server_log import (
    ROSTER_DEVICE_PREFIX,
    ServerEvent,
    server_device,
    write_events,
)
from dojo_server.domain.staff_records import publish_staff
from dojo_server.roster_import.oneroster import Roster, read_export

ROSTER_DEVICE_NAME = "School roster import"


def roster_device_id(school_id: str) -> str:
    """The id of the device a school's roster imports write as (never a UUID)."""
    return ROSTER_DEVICE_PREFIX + school_id


def read_roster(path: Path) -> Roster:
    """The export at ``path`` (a folder or a zip); RosterFileError if it is refused."""
    return read_export(path)


def preview_import(db: Database, school_id: str, roster: Roster) -> ImportSummary:
    """What importing ``roster`` would change; nothing is written."""
    require_school(db, school_id)
    with db.read() as session:
        return plan_import(session, school_id, roster).summary


def apply_import(db: Database, school_id: str, roster: Roster) -> ImportSummary:
    """Import ``roster`` in one write transaction: worked out afresh inside it, so what is
    applied is what the school holds at that moment. Returns what changed."""
    require_school(db, school_id)
    with db.write() as session:
        plan = plan_import(session, school_id, roster)
        if plan.events:
            device = server_device(session, school_id, roster_device_id(school_id),
                                   ROSTER_DEVICE_NAME)
            write_events(session, school_id, device,
                         [ServerEvent(kind, payload) for kind, payload in plan.events])
        store_plan_rows(session, plan)
        session.flush()
        publish_staff(session, school_id)  # devices learn of new and renamed staff
    return plan.summary


def store_plan_rows(session: Session, plan: Plan) -> None:
    """What an import keeps besides its events: the export's links, new staff and changes
    to staff (an import, and a rollover from an export)."""
    for link in plan.links:
        session.merge(link)
    created = now_ms()
    for staff in plan.new_staff:
        staff.created_ms = created
        session.add(staff)
    for staff_id, values in plan.staff_changes:
        session.execute(update(Staff).where(Staff.id == staff_id).values(**values))
