"""Record kinds: one generic table, the newest version of each record winning in any order,
and marks an older version kept as received projected when the database is upgraded."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from dbfiles import checkpoint
from hypothesis import given, settings
from hypothesis import strategies as st
from test_database import upgrade_to

from dojo_desktop.core.events import Event, kind_named
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.services.attendance import KIND, Attendance
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.store.database import (
    DATABASE_NAME,
    connect,
    prepare_database,
    schema_revision,
)
from dojo_desktop.store.projections import apply_events, record_key
from dojo_desktop.store.schema_version import HEAD_REVISION

CLASS, STUDENT = "00000000-0000-7000-8000-00000000000a", "00000000-0000-7000-8000-00000000000b"


def mark(wall: int, status: str, device: str = "d1", day: str = "2026-01-14") -> Event:
    return Event(kind_named(KIND), Hlc(1_790_000_000_000 + wall, 0, device),
                 {"student_id": STUDENT, "class_id": CLASS, "date": day, "status": status,
                  "at_ms": wall})


@settings(max_examples=40, deadline=None)
@given(order=st.permutations(range(4)))
def test_the_newest_version_wins_in_any_order(tmp_path_factory: pytest.TempPathFactory,
                                              order: list[int]) -> None:
    marks = [mark(1, "absent"), mark(2, "late", "d2"), mark(3, "present"),
             mark(3, "left_early", "d0")]  # the same wall time: the device id decides
    path = tmp_path_factory.mktemp("records") / DATABASE_NAME
    prepare_database(path.parent)
    conn = connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for index in order:
            apply_events(conn, [marks[index]], marks[index].hlc.device)
        conn.execute("COMMIT")
        rows = conn.execute("SELECT kind, key, class_id, payload FROM records").fetchall()
    finally:
        conn.close()
    [(kind, key, class_id, payload)] = rows
    assert (kind, class_id) == (KIND, CLASS)
    assert key == record_key(KIND, marks[2].payload) == json.dumps([STUDENT, "2026-01-14"],
                                                                   separators=(",", ":"))
    assert json.loads(payload)["status"] == "present"


def test_marks_kept_as_received_are_projected_when_the_database_is_upgraded(
        data_dir: Path) -> None:
    path = data_dir / DATABASE_NAME
    upgrade_to(path, "0003_stories_messages")
    pulled = [mark(2, "absent", "other"), mark(1, "late", "other")]  # newest first
    own = mark(5, "present", "mine", day="2026-01-13")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO device VALUES ('mine', 2, '', 1)")
        for seq, event in enumerate(pulled, start=1):
            conn.execute("INSERT INTO pulled_events VALUES (?, ?, 'other', ?, ?, ?, '')",
                         (event.id, seq, KIND, event.hlc.pack(), json.dumps(event.payload)))
        conn.execute("INSERT INTO outbox VALUES (1, ?, ?, ?, ?, 0, '', 'pending', 5)",
                     (own.id, KIND, json.dumps(own.payload), own.hlc.pack()))
    conn.close()
    checkpoint(path)

    prepared = prepare_database(data_dir)
    assert prepared.backup is not None
    assert schema_revision(prepared.backup) == "0003_stories_messages"
    assert schema_revision(path) == HEAD_REVISION
    room = open_classroom(data_dir)
    try:
        assert room.attendance.register(CLASS, date(2026, 1, 14)) == {
            STUDENT: Attendance.ABSENT}
        assert room.attendance.register(CLASS, date(2026, 1, 13)) == {
            STUDENT: Attendance.PRESENT}
        assert room.sync.counts().waiting == 1  # the device's own mark is still to be sent
    finally:
        room.close()
