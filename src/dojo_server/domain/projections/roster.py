"""Classes, students, class membership, skills and awards (with undo) from their events."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from dojo_protocol.field_clocks import newer_fields
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
# The fields an update may set, each with its own clock (dojo_protocol/field_clocks.py);
# a class's school year is set only when it is made.
_CLASS_FIELDS = ("name", "year_group", "archived")
_CLASS_CLOCKS = (*_CLASS_FIELDS, "school_year")
_STUDENT_FIELDS = ("first_name", "last_name", "archived")


def _class_created(session: Session, school_id: str, event: LoggedEvent) -> None:
    p = event.payload
    row = session.get(ClassView, (school_id, p["class_id"]))
    if row is None:
        session.add(ClassView(school_id=school_id, id=p["class_id"], name=p["name"],
                              year_group=p.get("year_group", ""), archived=False,
                              hlc=event.hlc, school_year=p.get("school_year", "")))
    else:  # made again (the same class, written anew): field by field, as an update
        _set_newer(row, {"name": p["name"], "year_group": p.get("year_group", ""),
                         "school_year": p.get("school_year", "")}, event.hlc, _CLASS_CLOCKS)


def _class_updated(session: Session, school_id: str, event: LoggedEvent) -> None:
    row = session.get(ClassView, (school_id, event.payload["class_id"]))
    if row is not None:
        _set_newer(row, _only(event.payload["fields"], _CLASS_FIELDS), event.hlc,
                   _CLASS_CLOCKS)


def _student_updated(session: Session, school_id: str, event: LoggedEvent) -> None:
    row = session.get(StudentView, (school_id, event.payload["student_id"]))
    if row is not None:
        _set_newer(row, _only(event.payload["fields"], _STUDENT_FIELDS), event.hlc,
                   _STUDENT_FIELDS)


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


def _only(fields: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    """The fields this table keeps (a student's avatar is the devices' alone)."""
    return {key: fields[key] for key in allowed if key in fields}


def _set_newer(row: ClassView | StudentView, fields: dict[str, Any], hlc: str,
               row_fields: tuple[str, ...]) -> None:
    """Set each of ``fields`` whose clock on ``row`` is older than ``hlc``: last writer
    wins field by field, so any order of the same events leaves the same row."""
    write = newer_fields(row.hlc, row.field_hlcs, fields, hlc, row_fields)
    if write is None:
        return
    for key, value in write.values.items():
        setattr(row, key, value)
    row.field_hlcs, row.hlc = write.field_hlcs, write.hlc


APPLIERS: dict[str, Applier] = {
    "class_created": _class_created,
    "class_updated": _class_updated,
    "student_updated": _student_updated,
    "skill_saved": _skill_saved,
    "award_undone": _award_undone,
}
