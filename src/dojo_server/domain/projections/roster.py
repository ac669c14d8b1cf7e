"""Classes, students, class membership, skills and awards (with undo) from their events."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from dojo_server.db.bulk import insert_rows, table_of
from dojo_server.db.read_models import (
    AwardUndoView,
    AwardView,
    ClassView,
    SkillView,
    StudentView,
)
from dojo_server.domain.projections.base import Applier, LoggedEvent

_AWARDS = table_of(AwardView)
_CLASS_FIELDS = ("name", "year_group", "archived")
_STUDENT_FIELDS = ("first_name", "last_name", "archived")


def _class_created(session: Session, school_id: str, event: LoggedEvent) -> None:
    p = event.payload
    row = session.get(ClassView, (school_id, p["class_id"]))
    if row is None:
        session.add(ClassView(school_id=school_id, id=p["class_id"], name=p["name"],
                              year_group=p.get("year_group", ""), archived=False,
                              hlc=event.hlc, school_year=p.get("school_year", "")))
    elif row.hlc < event.hlc:
        row.name, row.year_group, row.hlc = p["name"], p.get("year_group", ""), event.hlc
        row.school_year = p.get("school_year", "")


def _class_updated(session: Session, school_id: str, event: LoggedEvent) -> None:
    row = session.get(ClassView, (school_id, event.payload["class_id"]))
    if row is not None and row.hlc < event.hlc:
        _set_fields(row, event.payload["fields"], _CLASS_FIELDS)
        row.hlc = event.hlc


def _student_updated(session: Session, school_id: str, event: LoggedEvent) -> None:
    row = session.get(StudentView, (school_id, event.payload["student_id"]))
    if row is not None and row.hlc < event.hlc:
        _set_fields(row, event.payload["fields"], _STUDENT_FIELDS)
        row.hlc = event.hlc


def _skill_saved(session: Session, school_id: str, event: LoggedEvent) -> None:
    p = event.payload
    row = session.get(SkillView, (school_id, p["skill_id"]))
    class_id = p.get("class_id") or None
    if row is None:
        session.add(SkillView(school_id=school_id, id=p["skill_id"], name=p["name"],
                              icon=p["icon"], polarity=p["polarity"], hlc=event.hlc,
                              class_id=class_id))
    elif row.hlc < event.hlc:
        row.name, row.icon, row.polarity, row.hlc, row.class_id = (
            p["name"], p["icon"], p["polarity"], event.hlc, class_id)


def awards_given(session: Session, school_id: str, events: list[LoggedEvent]) -> None:
    """A run of awards in one multi-row insert; an award id seen before is skipped."""
    session.flush()  # rows the ORM holds for earlier events go first, as they happened
    rows: list[dict[str, Any]] = [
        {"school_id": school_id, "id": p["award_id"], "student_id": p["student_id"],
         "class_id": p["class_id"], "skill_id": p["skill_id"], "points": p["points"],
         "batch_id": p["batch_id"], "at_ms": p["at_ms"]}
        for p in (event.payload for event in events)]
    insert_rows(session.connection(), _AWARDS, rows, skip_existing=True)


def _award_undone(session: Session, school_id: str, event: LoggedEvent) -> None:
    # Undoing twice is harmless; of two undos made apart, the earliest HLC stands.
    for award_id in dict.fromkeys(event.payload["award_ids"]):
        row = session.get(AwardUndoView, (school_id, award_id))
        if row is None:
            session.add(AwardUndoView(school_id=school_id, award_id=award_id, hlc=event.hlc))
        elif event.hlc < row.hlc:
            row.hlc = event.hlc


def _set_fields(row: object, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    for key in allowed:
        if key in fields:
            setattr(row, key, fields[key])


APPLIERS: dict[str, Applier] = {
    "class_created": _class_created,
    "class_updated": _class_updated,
    "student_updated": _student_updated,
    "skill_saved": _skill_saved,
    "award_undone": _award_undone,
}
