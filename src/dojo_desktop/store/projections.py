"""Applying events to the domain tables: the one path for local and pulled changes."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from dojo_desktop.core.events import Event, EventKind, received_event
from dojo_desktop.store.models import (
    AwardUndo,
    ClassRow,
    Device,
    OutboxRow,
    PulledEvent,
    RecordRow,
    Setting,
    SkillRow,
    StudentRow,
)
from dojo_desktop.store.story_projections import STORY_APPLIERS
from dojo_protocol.kinds import KINDS, RECORD_KINDS

_STUDENT_FIELDS = {"first_name", "last_name", "avatar", "archived"}
_CLASS_FIELDS = {"name", "year_group", "archived"}


def apply_events(conn: Connection, events: Sequence[Event], device_id: str) -> None:
    """Write what ``events`` (all made by ``device_id``) mean into the domain tables,
    inside the caller's transaction."""
    apply_device_events(conn, [(event, device_id) for event in events])


def apply_device_events(conn: Connection, items: Sequence[tuple[Event, str]],
                        packed_hlcs: Sequence[str] = ()) -> None:
    """Like :func:`apply_events` for events of several devices (a pulled page).

    Runs of awards (a whole-class tap, a page of pulled awards) go in as one multi-row
    insert. ``packed_hlcs``, if given, are the events' HLCs as received, so they need not
    be written out again.
    """
    awards: list[tuple[Any, ...]] = []
    for index, (event, device_id) in enumerate(items):
        if event.kind is EventKind.AWARD_GIVEN:
            packed = packed_hlcs[index] if packed_hlcs else ""
            awards.append(award_row(event.payload, device_id, packed or event.hlc.pack()))
            continue
        if awards:
            conn.exec_driver_sql(INSERT_AWARDS, awards)
            awards = []
        if event.kind in RECORD_KINDS:
            _record(conn, event)
            if event.kind == "class_succeeded":
                _archive_last_years_class(conn, event)
            continue
        _APPLIERS[event.kind](conn, event, device_id)
    if awards:
        conn.exec_driver_sql(INSERT_AWARDS, awards)


# Awards are the hot path (every tap, every pulled page, a first sync's whole year): one
# statement, its rows made by award_row, run as plain DB-API.
_AWARD_COLUMNS = ("id", "student_id", "class_id", "skill_id", "points", "note", "at_ms",
                  "batch_id", "device_id", "hlc")
INSERT_AWARDS = (f"INSERT INTO awards ({', '.join(_AWARD_COLUMNS)}) "
                 f"VALUES ({', '.join('?' * len(_AWARD_COLUMNS))})")


def award_row(payload: dict[str, Any], device_id: str, hlc: str) -> tuple[Any, ...]:
    """The ``awards`` row of an ``award_given`` payload, in INSERT_AWARDS' order."""
    return (payload["award_id"], payload["student_id"], payload["class_id"],
            payload["skill_id"], payload["points"], payload.get("note", ""), payload["at_ms"],
            payload["batch_id"], device_id, hlc)


def _class_created(conn: Connection, event: Event, _device: str) -> None:
    p = event.payload
    conn.execute(insert(ClassRow).values(
        id=p["class_id"], name=p["name"], year_group=p.get("year_group", ""), archived=False,
        hlc=event.hlc.pack()))


def _class_updated(conn: Connection, event: Event, _device: str) -> None:
    fields = _only(event.payload["fields"], _CLASS_FIELDS)
    hlc = event.hlc.pack()
    conn.execute(update(ClassRow)
                 .where(ClassRow.id == event.payload["class_id"], ClassRow.hlc < hlc)
                 .values(**fields, hlc=hlc))


def _archive_last_years_class(conn: Connection, event: Event) -> None:
    """A class followed by this year's is archived: it leaves the class list, and its
    awards stay with it (last year's reports). This year's class is made if it is not
    here: a board of the old class, pulling as the rollover is written, hears of it only
    here, and its children's moves come next."""
    p, hlc = event.payload, event.hlc.pack()
    if conn.execute(select(ClassRow.id).where(ClassRow.id == p["class_id"])).first() is None:
        return  # another class's: this device holds neither
    conn.execute(sqlite_insert(ClassRow).values(
        id=p["successor_id"], name=p["successor_name"], year_group=p.get("year_group", ""),
        archived=False, hlc=hlc).on_conflict_do_nothing(index_elements=[ClassRow.id]))
    conn.execute(update(ClassRow)
                 .where(ClassRow.id == p["class_id"], ClassRow.hlc < hlc)
                 .values(archived=True, hlc=hlc))


# A roster import or the new school year pulls a move for every child of the school: plain
# DB-API statements, like the awards', not a Core statement built for each.
_INSERT_STUDENT = ("INSERT INTO students (id, first_name, last_name, avatar, archived, hlc) "
                   "VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (id) DO NOTHING")
_INSERT_MEMBER = ("INSERT INTO class_students (class_id, student_id, position) VALUES (?, ?, ?) "
                  "ON CONFLICT (class_id, student_id) DO NOTHING")
_CLASS_HERE = "SELECT 1 FROM classes WHERE id = ?"
_LEAVE_CLASS = "DELETE FROM class_students WHERE class_id = ? AND student_id = ?"


def _student_added(conn: Connection, event: Event, _device: str) -> None:
    p = event.payload
    student_id, class_id = p["student_id"], p["class_id"]
    # A child added again (to another class, by a roster import) keeps their row: only the
    # membership is new, and the class they left (``moved_from``) loses them.
    conn.exec_driver_sql(_INSERT_STUDENT, (student_id, p["first_name"], p.get("last_name", ""),
                                           p.get("avatar", "drawn:0"), event.hlc.pack()))
    moved_from = p.get("moved_from")
    # A board of the class a child left hears of the move too, without the new class;
    # otherwise an unknown class is an error (its foreign key refuses the membership).
    if not moved_from or conn.exec_driver_sql(_CLASS_HERE, (class_id,)).first():
        conn.exec_driver_sql(_INSERT_MEMBER, (class_id, student_id, p.get("position", 0)))
    if moved_from and moved_from != class_id:
        conn.exec_driver_sql(_LEAVE_CLASS, (moved_from, student_id))


def _student_updated(conn: Connection, event: Event, _device: str) -> None:
    fields = _only(event.payload["fields"], _STUDENT_FIELDS)
    hlc = event.hlc.pack()
    conn.execute(update(StudentRow)
                 .where(StudentRow.id == event.payload["student_id"], StudentRow.hlc < hlc)
                 .values(**fields, hlc=hlc))


def _skill_saved(conn: Connection, event: Event, _device: str) -> None:
    p = event.payload
    values = {
        "id": p["skill_id"], "name": p["name"], "icon": p["icon"], "polarity": p["polarity"],
        "points": p["points"], "criteria": p.get("criteria", ""),
        "position": p.get("position", 0), "archived": p.get("archived", False),
        "class_id": p.get("class_id"), "hlc": event.hlc.pack(),
    }
    stmt = sqlite_insert(SkillRow).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=[SkillRow.id],
        set_={k: stmt.excluded[k] for k in values if k != "id"},
        where=SkillRow.hlc < stmt.excluded.hlc,
    )
    conn.execute(stmt)


def _skills_reordered(conn: Connection, event: Event, _device: str) -> None:
    hlc = event.hlc.pack()
    for position, skill_id in enumerate(event.payload["skill_ids"]):
        conn.execute(update(SkillRow).where(SkillRow.id == skill_id)
                     .values(position=position, hlc=hlc))


def _award_undone(conn: Connection, event: Event, _device: str) -> None:
    rows = [{"award_id": award_id, "event_id": event.id, "at_ms": event.payload["at_ms"],
             "hlc": event.hlc.pack()} for award_id in event.payload["award_ids"]]
    if rows:
        # Undoing twice is harmless. Two devices may undo one award while apart: the undo
        # with the earliest HLC stands on every device, whichever arrives first.
        stmt = sqlite_insert(AwardUndo)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=[AwardUndo.award_id],
            set_={"event_id": stmt.excluded.event_id, "at_ms": stmt.excluded.at_ms,
                  "hlc": stmt.excluded.hlc},
            where=stmt.excluded.hlc < AwardUndo.hlc), rows)


def _setting_changed(conn: Connection, event: Event, _device: str) -> None:
    stmt = sqlite_insert(Setting).values(
        key=event.payload["key"], value=event.payload["value"], hlc=event.hlc.pack())
    stmt = stmt.on_conflict_do_update(
        index_elements=[Setting.key],
        set_={"value": stmt.excluded.value, "hlc": stmt.excluded.hlc},
        where=Setting.hlc < stmt.excluded.hlc,
    )
    conn.execute(stmt)


def _record(conn: Connection, event: Event) -> None:
    """Keep the newer version of the record ``event`` is (see ``Kind.record``)."""
    kind = KINDS[event.kind]
    p = event.payload
    stmt = sqlite_insert(RecordRow).values(
        kind=kind.name, key=record_key(kind.name, p), class_id=kind.class_of(p),
        payload=json.dumps(p, separators=(",", ":"), sort_keys=True), hlc=event.hlc.pack())
    conn.execute(stmt.on_conflict_do_update(
        index_elements=[RecordRow.kind, RecordRow.key],
        set_={"class_id": stmt.excluded.class_id, "payload": stmt.excluded.payload,
              "hlc": stmt.excluded.hlc},
        where=RecordRow.hlc < stmt.excluded.hlc))


def record_key(kind: str, payload: dict[str, Any]) -> str:
    """The ``records.key`` of a record: its key values as a compact JSON list."""
    return json.dumps([payload[key] for key in KINDS[kind].record], separators=(",", ":"))


def _only(fields: dict[str, Any], allowed: set[str]) -> dict[str, Any]:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    return dict(fields)


_APPLIERS: dict[str, Callable[[Connection, Event, str], None]] = {
    EventKind.CLASS_CREATED: _class_created,
    EventKind.CLASS_UPDATED: _class_updated,
    EventKind.STUDENT_ADDED: _student_added,
    EventKind.STUDENT_UPDATED: _student_updated,
    EventKind.SKILL_SAVED: _skill_saved,
    EventKind.SKILLS_REORDERED: _skills_reordered,
    EventKind.AWARD_UNDONE: _award_undone,
    EventKind.SETTING_CHANGED: _setting_changed,
    **STORY_APPLIERS,
}
# Every kind the app writes into its tables (awards through the bulk insert above, record
# kinds into the one records table).
APPLIED_KINDS = frozenset({EventKind.AWARD_GIVEN.value, *RECORD_KINDS,
                           *_APPLIERS})


def replay_kept_events(conn: Connection, kinds: frozenset[str]) -> int:
    """Project events of ``kinds`` that an older version kept as received (pulled, or in
    this device's outbox), oldest HLC first. Returns how many were applied.

    An event that cannot be applied is skipped (a pulled one keeps the reason, as a pull
    would have), so one bad event never stops the app from opening.
    """
    pulled = conn.execute(select(PulledEvent.event_id, PulledEvent.kind, PulledEvent.payload,
                                 PulledEvent.hlc, PulledEvent.device_id)
                          .where(PulledEvent.kind.in_(kinds), PulledEvent.error == "")).all()
    own = conn.execute(select(Device.id)).scalar() or ""
    local = conn.execute(select(OutboxRow.event_id, OutboxRow.kind, OutboxRow.payload,
                                OutboxRow.hlc).where(OutboxRow.kind.in_(kinds))).all()
    rows = [(r.hlc, r.event_id, r.kind, r.payload, r.device_id) for r in pulled]
    rows += [(r.hlc, r.event_id, r.kind, r.payload, own) for r in local]
    applied = 0
    for hlc, event_id, kind, payload, device_id in sorted(rows):
        savepoint = conn.begin_nested()
        try:
            apply_events(conn, [received_event(kind, hlc, json.loads(payload), event_id)],
                         device_id)
        except (KeyError, TypeError, ValueError, AttributeError, SQLAlchemyError) as exc:
            savepoint.rollback()
            conn.execute(update(PulledEvent).where(PulledEvent.event_id == event_id).values(
                error=f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"))
            continue
        savepoint.commit()
        applied += 1
    return applied
