"""Children's own targets (``target_set``): one row per student and scope, newest HLC wins."""

from __future__ import annotations

from sqlalchemy.orm import Session

from dojo_server.db.read_models import TargetView
from dojo_server.domain.projections.base import Applier, LoggedEvent, as_json


def _target_set(session: Session, school_id: str, event: LoggedEvent) -> None:
    p = event.payload
    values = {"class_id": p["class_id"], "points": p["points"],
              "skill_ids": as_json(sorted(p.get("skill_ids") or [])),
              "cleared": bool(p.get("cleared", False)), "hlc": event.hlc}
    row = session.get(TargetView, (school_id, p["student_id"], p["scope"]))
    if row is None:
        session.add(TargetView(school_id=school_id, student_id=p["student_id"],
                               scope=p["scope"], **values))
    elif row.hlc < event.hlc:
        for key, value in values.items():
            setattr(row, key, value)


APPLIERS: dict[str, Applier] = {"target_set": _target_set}
