"""The single writer: each user action is one transaction of domain rows plus outbox rows."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, bindparam, insert, select, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError

from dojo_desktop.core.events import Event, EventKind
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.core.ids import uuid7
from dojo_desktop.store.checkpoints import QUIET_S, TAP_AUTOCHECKPOINT_PAGES, Checkpointer
from dojo_desktop.store.database import connect
from dojo_desktop.store.errors import InvalidEvent, StorageError
from dojo_desktop.store.models import AttachmentRow, Blob, Device, OutboxRow, Preference
from dojo_desktop.store.projections import INSERT_AWARDS, apply_events, award_row
from dojo_desktop.store.sqlite_engine import create_sqlite_engine
from dojo_protocol.events import validate_payload


class Writer:
    """Writes events to the domain tables and the outbox, one transaction per call."""

    def __init__(self, path: Path, checkpoint_quiet_s: float = QUIET_S) -> None:
        self._engine: Engine = create_sqlite_engine(path)
        # Taps go through plain sqlite3: SQLAlchemy's transaction and statement handling
        # cost a tap about 0.3 ms of its 1 ms of CPU. One connection, one tap at a time;
        # the log is copied back by the checkpointer once the taps pause, not in a tap.
        self._taps = connect(path)
        self._taps.execute(f"PRAGMA wal_autocheckpoint={TAP_AUTOCHECKPOINT_PAGES}")
        self._taps_lock = threading.Lock()
        self._checkpointer = Checkpointer(path, checkpoint_quiet_s)

    def close(self) -> None:
        self._checkpointer.close()
        with self._taps_lock:
            self._taps.close()
        self._engine.dispose()

    def ensure_device(self) -> tuple[str, Hlc | None]:
        """This device's id (made on first use) and the last HLC it issued."""
        with storage_errors(), self._engine.begin() as conn:
            row = conn.execute(select(Device.id, Device.last_hlc)).first()
            if row is None:
                device_id = uuid7()
                conn.execute(insert(Device).values(
                    id=device_id, next_seq=1, last_hlc="", created_ms=_now_ms()))
                return device_id, None
            return row.id, Hlc.parse(row.last_hlc) if row.last_hlc else None

    def record(self, events: Sequence[Event]) -> None:
        """Apply ``events`` and queue them for sync, all or nothing. Each is checked against
        the protocol's registry first (InvalidEvent: nothing is stored)."""
        if not events:
            return
        for event in events:
            problem = validate_payload(str(event.kind), event.payload)
            if problem:
                raise InvalidEvent(f"{event.kind!s} event refused: {problem}")
        if all(event.kind is EventKind.AWARD_GIVEN for event in events):
            self._record_awards(events)
            return
        with storage_errors(), self._engine.begin() as conn:
            device_id, seq = conn.exec_driver_sql(_SELECT_DEVICE).one()
            apply_events(conn, events, device_id)
            conn.exec_driver_sql(_INSERT_OUTBOX, _outbox_rows(events, seq))
            conn.exec_driver_sql(_ADVANCE_DEVICE, {
                "device_id": device_id, "next_seq": seq + len(events),
                "last_hlc": events[-1].hlc.pack()})

    def _record_awards(self, events: Sequence[Event]) -> None:
        """A tap: the same rows as :meth:`record` writes, in one sqlite3 transaction."""
        with storage_errors(), self._taps_lock:
            conn = self._taps
            conn.execute("BEGIN IMMEDIATE")
            try:
                device_id, seq = conn.execute(_SELECT_DEVICE).fetchone()
                hlcs = [event.hlc.pack() for event in events]
                conn.executemany(INSERT_AWARDS, [award_row(event.payload, device_id, hlc)
                                                 for event, hlc in zip(events, hlcs, strict=True)])
                conn.executemany(_INSERT_OUTBOX, _outbox_rows(events, seq, hlcs))
                conn.execute(_ADVANCE_DEVICE, {
                    "device_id": device_id, "next_seq": seq + len(events),
                    "last_hlc": hlcs[-1]})
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        self._checkpointer.wrote()

    def seed(self, events: Sequence[Event]) -> None:
        """Apply events that every device makes identically (the default skills): domain
        rows only, no outbox, since no other device needs to be told."""
        with storage_errors(), self._engine.begin() as conn:
            device_id = conn.exec_driver_sql(_SELECT_DEVICE).one()[0]
            apply_events(conn, events, device_id)

    def set_preference(self, key: str, value: object) -> None:
        """Store one of this device's own preferences (not synced)."""
        stmt = sqlite_insert(Preference).values(key=key, value=json.dumps(value))
        with storage_errors(), self._engine.begin() as conn:
            conn.execute(stmt.on_conflict_do_update(
                index_elements=[Preference.key], set_={"value": stmt.excluded.value}))

    def add_blob(self, sha256: str, mime: str, size: int) -> None:
        """Record a stored file (the bytes are already on disk under their hash)."""
        stmt = sqlite_insert(Blob).values(sha256=sha256, mime=mime, size=size,
                                          created_ms=_now_ms())
        with storage_errors(), self._engine.begin() as conn:
            conn.execute(stmt.on_conflict_do_nothing())

    def add_attachment(self, sha256: str, name: str, mime: str, size: int,
                       thumbnail: str) -> None:
        """Record a checked file ready to attach (its bytes are stored under its hash)."""
        now = _now_ms()
        with storage_errors(), self._engine.begin() as conn:
            conn.execute(sqlite_insert(Blob).values(
                sha256=sha256, mime=mime, size=size, created_ms=now).on_conflict_do_nothing())
            stmt = sqlite_insert(AttachmentRow).values(
                sha256=sha256, name=name, mime=mime, size=size, thumbnail=thumbnail,
                created_ms=now)
            conn.execute(stmt.on_conflict_do_update(
                index_elements=[AttachmentRow.sha256],
                set_={"name": stmt.excluded.name, "thumbnail": stmt.excluded.thumbnail}))


# The per-tap statements, compiled once from the models: a tap runs them as plain
# DB-API calls, which saves about a millisecond of statement building per award.
_DIALECT = sqlite.dialect(paramstyle="named")
_SELECT_DEVICE = str(select(Device.id, Device.next_seq).compile(dialect=_DIALECT))
_INSERT_OUTBOX = str(insert(OutboxRow).compile(
    dialect=_DIALECT, column_keys=[c.name for c in OutboxRow.__table__.columns]))
_ADVANCE_DEVICE = str(update(Device).where(Device.id == bindparam("device_id")).values(
    next_seq=bindparam("next_seq"), last_hlc=bindparam("last_hlc")).compile(dialect=_DIALECT))


def _outbox_rows(events: Sequence[Event], first_seq: int,
                 hlcs: Sequence[str] = ()) -> list[dict[str, object]]:
    now = _now_ms()
    return [{
        "seq": first_seq + i, "event_id": event.id, "kind": str(event.kind),
        "payload": json.dumps(event.payload, separators=(",", ":")),
        "hlc": hlcs[i] if hlcs else event.hlc.pack(), "attempts": 0, "last_error": "",
        "state": "pending", "created_ms": now,
    } for i, event in enumerate(events)]


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn low-level write failures into a :class:`StorageError` in plain words."""
    try:
        yield
    except (DBAPIError, sqlite3.DatabaseError) as exc:
        original = exc.orig if isinstance(exc, DBAPIError) else exc
        text = str(original)
        if "full" in text:
            message = ("The disk is full, so this was not saved. Free some space and try "
                       "again; everything saved before is safe.")
        elif "locked" in text or "busy" in text:
            message = ("The class database is busy in another program, so this was not "
                       "saved. Close other copies of Dojo Desktop and try again.")
        else:
            message = f"This was not saved: {text}."
        raise StorageError(message) from exc


def _now_ms() -> int:
    return time.time_ns() // 1_000_000
