"""The school's synced settings as the server's log holds them, and the points period they
set: the same rule the board counts by."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dojo_protocol.periods import SchoolPeriod, decoded_settings, school_timezone
from dojo_server.db.models import EventRow, School


def school_settings(session: Session, school_id: str) -> dict[str, Any]:
    """Each setting's value, decoded: per key, the write with the greatest HLC wins, as on
    every device. Settings are school-wide events, so only those rows are read."""
    rows = session.execute(select(EventRow.hlc, EventRow.payload).where(
        EventRow.school_id == school_id, EventRow.class_id.is_(None),
        EventRow.kind == "setting_changed")).all()
    latest: dict[str, tuple[str, str]] = {}
    for hlc, payload in rows:
        change = json.loads(payload)
        key, value = change.get("key"), change.get("value")
        # Compared here, not in SQL: a database's collation may not order the text by code
        # point, as packed HLCs need.
        if isinstance(key, str) and isinstance(value, str) and (
                key not in latest or hlc > latest[key][0]):
            latest[key] = (hlc, value)
    return decoded_settings({key: value for key, (_hlc, value) in latest.items()})


def points_period(session: Session, school_id: str) -> tuple[SchoolPeriod, str]:
    """The school's points period and the timezone its days are counted in."""
    settings = school_settings(session, school_id)
    school = session.get(School, school_id)
    fallback = school.timezone if school is not None else "UTC"
    return SchoolPeriod.from_settings(settings), school_timezone(settings, fallback)
