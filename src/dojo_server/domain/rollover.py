"""The new school year: a preview of what the rollover would change, and applying it in
one transaction (what ``dojo-server rollover`` and the staff console call). The changes
reach devices as ordinary events in the school's log; the boards of last year's classes
are moved to this year's in the same transaction."""

from __future__ import annotations

from sqlalchemy import update

from dojo_server.db.models import DeviceRow
from dojo_server.db.session import Database
from dojo_server.domain.rollover_plan import (
    RolloverRequest,
    RolloverSummary,
    plan_rollover,
)
from dojo_server.domain.roster_import import store_plan_rows
from dojo_server.domain.schools import require_school
from dojo_server.domain.server_log import (
    ROLLOVER_DEVICE_PREFIX,
    ServerEvent,
    server_device,
    write_events,
)

ROLLOVER_DEVICE_NAME = "New school year"


def rollover_device_id(school_id: str) -> str:
    """The device a school's rollovers write as (never a UUID, like the portal's)."""
    return ROLLOVER_DEVICE_PREFIX + school_id


def preview_rollover(db: Database, school_id: str, request: RolloverRequest
                     ) -> RolloverSummary:
    """What applying ``request`` would change; nothing is written."""
    require_school(db, school_id)
    with db.read() as session:
        return plan_rollover(session, school_id, request).summary


def apply_rollover(db: Database, school_id: str, request: RolloverRequest
                   ) -> RolloverSummary:
    """Apply ``request`` in one write transaction, worked out afresh inside it (so what is
    applied is what the school holds at that moment). Returns what changed. The caller
    wakes waiting long polls afterwards (another server process finds the events itself)."""
    require_school(db, school_id)
    with db.write() as session:
        plan = plan_rollover(session, school_id, request)
        if plan.events:
            device = server_device(session, school_id, rollover_device_id(school_id),
                                   ROLLOVER_DEVICE_NAME)
            write_events(session, school_id, device,
                         [ServerEvent(kind, payload) for kind, payload in plan.events])
        for old, new in plan.successors.items():
            session.execute(update(DeviceRow).where(
                DeviceRow.school_id == school_id, DeviceRow.class_id == old)
                .values(class_id=new, former_class_id=old))
        if plan.import_plan is not None:  # from an export: its links and staff, as an import
            store_plan_rows(session, plan.import_plan)
    return plan.summary

