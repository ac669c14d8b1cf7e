"""Applying events to the domain tables: the one path for local and pulled changes.

Plain SQL on a ``sqlite3`` connection, inside the caller's transaction: the app's writer
and the sync's store pass their own connections; a migration (Alembic, on SQLAlchemy)
passes the one under its ``Connection`` (``sqlite_engine.driver_connection``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from dojo_desktop.core.events import Event, EventKind, received_event
from dojo_desktop.store.story_projections import STORY_APPLIERS
from dojo_protocol.field_clocks import newer_fields
from dojo_protocol.kinds import KINDS, RECORD_KINDS

# The fields an update may name, each with its own clock (dojo_protocol/field_clocks.py).
_STUDENT_FIELDS = frozenset({"first_name", "last_name", "avatar", "archived"})
_CLASS_FIELDS = frozenset({"name", "year_group", "archived"})


def apply_events(conn: sqlite3.Connection, events: Sequence[Event], device_id: str) -> None:
    """Write what ``events`` (all made by ``device_id``) mean into the domain tables,
    inside the caller's transaction."""
    apply_device_events(conn, [(event, device_id) for event in events])


def apply_device_events(conn: sqlite3.Connection, items: Sequence[tuple[Event, str]],
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
            conn.executemany(INSERT_AWARDS, awards)
            awards = []
        if event.kind in RECORD_KINDS:
            _record(conn, event)
            if event.kind == "class_succeeded":
                _archive_last_years_class(conn, event)
            continue
        _APPLIERS[event.kind](conn, event, device_id)
    if awards:
        conn.executemany(INSERT_AWARDS, awards)


# Awards are the hot path (every tap, every pulled page, a first sync's whole year): one
# statement, its rows made by award_row.
_AWARD_COLUMNS = ("id", "student_id", "class_id", "skill_id", "points", "note", "at_ms",
                  "batch_id", "device_id", "hlc")
INSERT_AWARDS = (f"INSERT INTO awards ({', '.join(_AWARD_COLUMNS)}) "
                 f"VALUES ({', '.join('?' * len(_AWARD_COLUMNS))})")


def award_row(payload: dict[str, Any], device_id: str, hlc: str) -> tuple[Any, ...]:
    """The ``awards`` row of an ``award_given`` payload, in INSERT_AWARDS' order."""
    return (payload["award_id"], payload["student_id"], payload["class_id"],
            payload["skill_id"], payload["points"], payload.get("note", ""), payload["at_ms"],
            payload["batch_id"], device_id, hlc)


_INSERT_CLASS = ("INSERT INTO classes (id, name, year_group, archived, hlc) "
                 "VALUES (?, ?, ?, 0, ?)")


def _class_created(conn: sqlite3.Connection, event: Event, _device: str) -> None:
    p = event.payload
    conn.execute(_INSERT_CLASS, (p["class_id"], p["name"], p.get("year_group", ""),
                                 event.hlc.pack()))


def _class_updated(conn: sqlite3.Connection, event: Event, _device: str) -> None:
    _update_newer(conn, "classes", event.payload["class_id"],
                  _only(event.payload["fields"], _CLASS_FIELDS), event.hlc.pack(),
                  _CLASS_FIELDS)


def _archive_last_years_class(conn: sqlite3.Connection, event: Event) -> None:
    """A class followed by this year's is archived: it leaves the class list, and its
    awards stay with it (last year's reports). This year's class is made if it is not
    here: a board of the old class, pulling as the rollover is written, hears of it only
    here, and its children's moves come next."""
    p, hlc = event.payload, event.hlc.pack()
    if conn.execute(_CLASS_HERE, (p["class_id"],)).fetchone() is None:
        return  # another class's: this device holds neither
    conn.execute(_INSERT_CLASS + " ON CONFLICT (id) DO NOTHING",
                 (p["successor_id"], p["successor_name"], p.get("year_group", ""), hlc))
    _update_newer(conn, "classes", p["class_id"], {"archived": True}, hlc, _CLASS_FIELDS)


def _update_newer(conn: sqlite3.Connection, table: str, row_id: str, fields: dict[str, Any],
                  hlc: str, row_fields: frozenset[str]) -> None:
    """Set each of ``fields`` (names checked by the caller) whose clock on the row of
    ``table`` is older than ``hlc`` (last writer wins, field by field), and the clocks."""
    row = conn.execute(f"SELECT hlc, field_hlcs FROM {table} WHERE id = ?",
                       (row_id,)).fetchone()
    if row is None:
        return
    write = newer_fields(row[0], row[1], fields, hlc, row_fields)
    if write is None:
        return
    names = [*write.values, "field_hlcs", "hlc"]
    conn.execute(f"UPDATE {table} SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
                 (*write.values.values(), write.field_hlcs, write.hlc, row_id))


# A roster import or the new school year pulls a move for every child of the school.
_INSERT_STUDENT = ("INSERT INTO students (id, first_name, last_name, avatar, archived, hlc) "
                   "VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (id) DO NOTHING")
_INSERT_MEMBER = ("INSERT INTO class_students (class_id, student_id, position) VALUES (?, ?, ?) "
                  "ON CONFLICT (class_id, student_id) DO NOTHING")
_CLASS_HERE = "SELECT 1 FROM classes WHERE id = ?"
_LEAVE_CLASS = "DELETE FROM class_students WHERE class_id = ? AND student_id = ?"


def _student_added(conn: sqlite3.Connection, event: Event, _device: str) -> None:
    p = event.payload
    student_id, class_id = p["student_id"], p["class_id"]
    # A child added again (to another class, by a roster import) keeps their row: only the
    # membership is new, and the class they left (``moved_from``) loses them.
    conn.execute(_INSERT_STUDENT, (student_id, p["first_name"], p.get("last_name", ""),
                                   p.get("avatar", "drawn:0"), event.hlc.pack()))
    moved_from = p.get("moved_from")
    # A board of the class a child left hears of the move too, without the new class;
    # otherwise an unknown class is an error (its foreign key refuses the membership).
    if not moved_from or conn.execute(_CLASS_HERE, (class_id,)).fetchone():
        conn.execute(_INSERT_MEMBER, (class_id, student_id, p.get("position", 0)))
    if moved_from and moved_from != class_id:
        conn.execute(_LEAVE_CLASS, (moved_from, student_id))


def _student_updated(conn: sqlite3.Connection, event: Event, _device: str) -> None:
    _update_newer(conn, "students", event.payload["student_id"],
                  _only(event.payload["fields"], _STUDENT_FIELDS), event.hlc.pack(),
                  _STUDENT_FIELDS)


_SKILL_COLUMNS = ("id", "name", "icon", "polarity", "points", "criteria", "position",
                  "archived", "class_id", "hlc")
_SAVE_SKILL = (f"INSERT INTO skills ({', '.join(_SKILL_COLUMNS)}) "
               f"VALUES ({', '.join('?' * len(_SKILL_COLUMNS))}) ON CONFLICT (id) DO UPDATE SET "
               + ", ".join(f"{c} = excluded.{c}" for c in _SKILL_COLUMNS[1:])
               + " WHERE skills.hlc < excluded.hlc")


def _skill_saved(conn: sqlite3.Connection, event: Event, _device: str) -> None:
    p = event.payload
    conn.execute(_SAVE_SKILL, (
        p["skill_id"], p["name"], p["icon"], p["polarity"], p["points"], p.get("criteria", ""),
        p.get("position", 0), p.get("archived", False), p.get("class_id"), event.hlc.pack()))


def _skills_reordered(conn: sqlite3.Connection, event: Event, _device: str) -> None:
    hlc = event.hlc.pack()
    conn.executemany("UPDATE skills SET position = ?, hlc = ? WHERE id = ?",
                     [(position, hlc, skill_id)
                      for position, skill_id in enumerate(event.payload["skill_ids"])])


# Undoing twice is harmless. Two devices may undo one award while apart: the undo with the
# earliest HLC stands on every device, whichever arrives first.
_UNDO_AWARD = ("INSERT INTO award_undos (award_id, event_id, at_ms, hlc) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (award_id) DO UPDATE SET event_id = excluded.event_id, "
               "at_ms = excluded.at_ms, hlc = excluded.hlc WHERE excluded.hlc < award_undos.hlc")


def _award_undone(conn: sqlite3.Connection, event: Event, _device: str) -> None:
    hlc, at_ms = event.hlc.pack(), event.payload["at_ms"]
    conn.executemany(_UNDO_AWARD, [(award_id, event.id, at_ms, hlc)
                                   for award_id in event.payload["award_ids"]])


_SET_SETTING = ("INSERT INTO settings (key, value, hlc) VALUES (?, ?, ?) ON CONFLICT (key) "
                "DO UPDATE SET value = excluded.value, hlc = excluded.hlc "
                "WHERE settings.hlc < excluded.hlc")


def _setting_changed(conn: sqlite3.Connection, event: Event, _device: str) -> None:
    conn.execute(_SET_SETTING, (event.payload["key"], event.payload["value"],
                                event.hlc.pack()))


_KEEP_RECORD = ("INSERT INTO records (kind, key, class_id, payload, hlc) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (kind, key) DO UPDATE SET class_id = excluded.class_id, "
                "payload = excluded.payload, hlc = excluded.hlc "
                "WHERE records.hlc < excluded.hlc")


def _record(conn: sqlite3.Connection, event: Event) -> None:
    """Keep the newer version of the record ``event`` is (see ``Kind.record``)."""
    kind = KINDS[event.kind]
    p = event.payload
    conn.execute(_KEEP_RECORD, (
        kind.name, record_key(kind.name, p), kind.class_of(p),
        json.dumps(p, separators=(",", ":"), sort_keys=True), event.hlc.pack()))


def record_key(kind: str, payload: dict[str, Any]) -> str:
    """The ``records.key`` of a record: its key values as a compact JSON list."""
    return json.dumps([payload[key] for key in KINDS[kind].record], separators=(",", ":"))


def _only(fields: dict[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    return dict(fields)


_APPLIERS: dict[str, Callable[[sqlite3.Connection, Event, str], None]] = {
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


def replay_kept_events(conn: sqlite3.Connection, kinds: frozenset[str]) -> int:
    """Project events of ``kinds`` that an older version kept as received (pulled, or in
    this device's outbox), oldest HLC first, inside the caller's transaction. Returns how
    many were applied.

    An event that cannot be applied is skipped (a pulled one keeps the reason, as a pull
    would have), so one bad event never stops the app from opening.
    """
    marks = ", ".join("?" * len(kinds))
    pulled = conn.execute(
        "SELECT hlc, event_id, kind, payload, device_id FROM pulled_events "
        f"WHERE kind IN ({marks}) AND error = ''", tuple(kinds)).fetchall()
    own = (conn.execute("SELECT id FROM device").fetchone() or ("",))[0]
    local = conn.execute(f"SELECT hlc, event_id, kind, payload, ? FROM outbox "
                         f"WHERE kind IN ({marks})", (own, *kinds)).fetchall()
    applied = 0
    for hlc, event_id, kind, payload, device_id in sorted(pulled + local):
        conn.execute("SAVEPOINT replay")
        try:
            apply_events(conn, [received_event(kind, hlc, json.loads(payload), event_id)],
                         device_id)
        except (KeyError, TypeError, ValueError, AttributeError, sqlite3.Error) as exc:
            conn.execute("ROLLBACK TO replay")
            conn.execute("RELEASE replay")
            conn.execute("UPDATE pulled_events SET error = ? WHERE event_id = ?", (
                f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}", event_id))
            continue
        conn.execute("RELEASE replay")
        applied += 1
    return applied
