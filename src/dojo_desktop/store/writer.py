"""The single writer: each user action is one transaction of domain rows plus outbox rows."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from dojo_desktop.core.events import Event, EventKind
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.core.ids import uuid7
from dojo_desktop.store.checkpoints import QUIET_S, TAP_AUTOCHECKPOINT_PAGES, Checkpointer
from dojo_desktop.store.connections import transaction
from dojo_desktop.store.database import connect
from dojo_desktop.store.errors import InvalidEvent, StorageError
from dojo_desktop.store.projections import INSERT_AWARDS, apply_events, award_row
from dojo_protocol.events import validate_payload


class Writer:
    """Writes events to the domain tables and the outbox, one transaction per call."""

    def __init__(self, path: Path, checkpoint_quiet_s: float = QUIET_S) -> None:
        # Every write goes through plain sqlite3 (SQLAlchemy's transaction and statement
        # handling cost a tap about 0.3 ms of its 1 ms of CPU, and its import 40 MB). One
        # connection, one write at a time; the log is copied back by the checkpointer once
        # the writes pause, not in a tap.
        self._taps = connect(path)
        self._taps.execute(f"PRAGMA wal_autocheckpoint={TAP_AUTOCHECKPOINT_PAGES}")
        self._taps_lock = threading.Lock()
        self._checkpointer = Checkpointer(path, checkpoint_quiet_s)

    def close(self) -> None:
        self._checkpointer.close()
        with self._taps_lock:
            self._taps.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (the write lock taken up front), all or nothing."""
        with storage_errors(), self._taps_lock, transaction(self._taps, "BEGIN IMMEDIATE") as conn:
            yield conn
        self._checkpointer.wrote()

    def ensure_device(self) -> tuple[str, Hlc | None]:
        """This device's id (made on first use) and the last HLC it issued."""
        with self._transaction() as conn:
            row = conn.execute("SELECT id, last_hlc FROM device").fetchone()
            if row is None:
                device_id = uuid7()
                conn.execute("INSERT INTO device (id, next_seq, last_hlc, created_ms) "
                             "VALUES (?, 1, '', ?)", (device_id, _now_ms()))
                return device_id, None
            return row[0], Hlc.parse(row[1]) if row[1] else None

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
        with self._transaction() as conn:
            device_id, seq = conn.execute(_SELECT_DEVICE).fetchone()
            apply_events(conn, events, device_id)
            conn.executemany(_INSERT_OUTBOX, _outbox_rows(events, seq))
            conn.execute(_ADVANCE_DEVICE, {
                "device_id": device_id, "next_seq": seq + len(events),
                "last_hlc": events[-1].hlc.pack()})

    def _record_awards(self, events: Sequence[Event]) -> None:
        """A tap: the same rows as :meth:`record` writes, in one sqlite3 transaction."""
        with self._transaction() as conn:
            device_id, seq = conn.execute(_SELECT_DEVICE).fetchone()
            hlcs = [event.hlc.pack() for event in events]
            conn.executemany(INSERT_AWARDS, [award_row(event.payload, device_id, hlc)
                                             for event, hlc in zip(events, hlcs, strict=True)])
            conn.executemany(_INSERT_OUTBOX, _outbox_rows(events, seq, hlcs))
            conn.execute(_ADVANCE_DEVICE, {
                "device_id": device_id, "next_seq": seq + len(events), "last_hlc": hlcs[-1]})

    def seed(self, events: Sequence[Event]) -> None:
        """Apply events that every device makes identically (the default skills): domain
        rows only, no outbox, since no other device needs to be told."""
        with self._transaction() as conn:
            device_id = conn.execute(_SELECT_DEVICE).fetchone()[0]
            apply_events(conn, events, device_id)

    def set_preference(self, key: str, value: object) -> None:
        """Store one of this device's own preferences (not synced)."""
        with self._transaction() as conn:
            conn.execute("INSERT INTO preferences (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         (key, json.dumps(value)))

    def add_blob(self, sha256: str, mime: str, size: int) -> None:
        """Record a stored file (the bytes are already on disk under their hash)."""
        with self._transaction() as conn:
            conn.execute(_INSERT_BLOB, (sha256, mime, size, _now_ms()))

    def add_attachment(self, sha256: str, name: str, mime: str, size: int,
                       thumbnail: str) -> None:
        """Record a checked file ready to attach (its bytes are stored under its hash)."""
        now = _now_ms()
        with self._transaction() as conn:
            conn.execute(_INSERT_BLOB, (sha256, mime, size, now))
            conn.execute(
                "INSERT INTO attachments (sha256, name, mime, size, thumbnail, created_ms) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET "
                "name = excluded.name, thumbnail = excluded.thumbnail",
                (sha256, name, mime, size, thumbnail, now))


_SELECT_DEVICE = "SELECT id, next_seq FROM device"
_OUTBOX_COLUMNS = ("seq", "event_id", "kind", "payload", "hlc", "attempts", "last_error",
                   "state", "created_ms")
_INSERT_OUTBOX = (f"INSERT INTO outbox ({', '.join(_OUTBOX_COLUMNS)}) "
                  f"VALUES ({', '.join(f':{c}' for c in _OUTBOX_COLUMNS)})")
_ADVANCE_DEVICE = ("UPDATE device SET next_seq = :next_seq, last_hlc = :last_hlc "
                   "WHERE id = :device_id")
_INSERT_BLOB = ("INSERT INTO blobs (sha256, mime, size, created_ms) VALUES (?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING")


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
    """Turn sqlite3's write failures into a :class:`StorageError` in plain words."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        text = str(exc)
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
