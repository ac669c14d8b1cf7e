"""Two devices whose clocks are a day apart: one a day ahead, one a day behind.

What is right under the hybrid logical clock:

- An edit made after the device has *seen* another edit (pulled it) wins over it, however
  far behind its wall clock is: pulling folds the other HLC into the device's clock
  (``observe``), so everything it writes afterwards orders after what it saw. That has to
  hold after the app was closed and opened again in between, too.
- Two edits made without seeing each other are concurrent: the higher HLC wins, which is
  the one from the clock that runs ahead. Both devices agree on it.
- Awards only add up, so totals match whatever the clocks say, and the server tells each
  device how far off its clock is (the sync indicator warns beyond five minutes).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ledger import ServerLedger, history, query, server_db_path
from school_kit import School

from dojo_desktop.core.sync_status import SyncStatus
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.sync.engine import SyncReport
from dojo_protocol.periods import PeriodKind

DAY_MS = 86_400_000
TOLERANCE_MS = 60_000



def clock(offset_ms: int) -> Callable[[], int]:
    return lambda: time.time_ns() // 1_000_000 + offset_ms


def open_device(school: School, name: str, offset_ms: int, pair: bool = False) -> Classroom:
    room = open_classroom(school.root / name, now_ms=clock(offset_ms))
    school.devices.append(room)
    if pair:
        room.sync.pair(school.url, school.code("teacher"), device_name=name)
    return room


def reopen(school: School, room: Classroom, offset_ms: int) -> Classroom:
    """Close the app and start it again on the same data folder (same clock offset)."""
    school.devices.remove(room)
    room.close()
    return open_device(school, room.data_dir.name, offset_ms)


def sync(room: Classroom) -> SyncReport:
    engine = room.sync.engine()
    assert engine is not None
    try:
        report = engine.sync_once()
    finally:
        engine.transport.close()
    room.settings.reload()  # what the app does when a pulled page changed settings
    return report


def first_name(room: Classroom, student_id: str) -> str:
    student = room.roster.student(student_id)
    assert student is not None
    return student.first_name


def test_devices_a_day_apart_converge(school: School) -> None:
    ahead = open_device(school, "ahead", +DAY_MS, pair=True)
    behind = open_device(school, "behind", -DAY_MS, pair=True)
    demo = ahead.create_demo_class()
    ahead.settings.set_period(PeriodKind.NEVER)  # totals must not hang on "this week"
    report = sync(ahead)
    assert abs(report.clock_skew_ms - DAY_MS) < TOLERANCE_MS, report.clock_skew_ms
    assert SyncStatus(clock_skew_ms=report.clock_skew_ms).clock_skew_warning

    sync(behind)
    assert behind.settings.period() is PeriodKind.NEVER
    students = [s.id for s in behind.roster.students(demo.id)]
    skills = {s.name: s.id for s in behind.skills.list()}
    behind.awards.give(demo.id, students[:5], skills["Helping others"])
    report = sync(behind)
    assert abs(report.clock_skew_ms + DAY_MS) < TOLERANCE_MS, report.clock_skew_ms
    assert SyncStatus(clock_skew_ms=report.clock_skew_ms).clock_skew_warning

    # 1. The behind device edits a name after it has seen the ahead device's edit: it wins.
    ahead.roster.rename_student(students[0], "Ahead", "One")
    sync(ahead)
    sync(behind)
    assert first_name(behind, students[0]) == "Ahead"
    behind.roster.rename_student(students[0], "Behind", "One")
    assert first_name(behind, students[0]) == "Behind", "the user's own edit must show"
    sync(behind)
    sync(ahead)
    assert first_name(ahead, students[0]) == first_name(behind, students[0]) == "Behind"

    # 2. The same after the behind device's app was closed and opened again in between.
    ahead.roster.rename_student(students[1], "Ahead", "Two")
    sync(ahead)
    sync(behind)
    behind = reopen(school, behind, -DAY_MS)
    behind.roster.rename_student(students[1], "Behind", "Two")
    assert first_name(behind, students[1]) == "Behind", "the user's own edit must show"
    sync(behind)
    sync(ahead)
    assert first_name(ahead, students[1]) == first_name(behind, students[1]) == "Behind"

    # 3. Concurrent edits (neither saw the other): the higher HLC wins on both devices.
    behind.roster.rename_student(students[2], "Behind", "Three")
    ahead.roster.rename_student(students[2], "Ahead", "Three")
    sync(behind)
    sync(ahead)
    sync(behind)
    assert first_name(ahead, students[2]) == first_name(behind, students[2]) == "Ahead"

    # Awards from both clocks, an undo across devices: the same totals and history.
    ahead.awards.give(demo.id, students, skills["Teamwork"])
    tap = behind.awards.give(demo.id, students[3:9], skills["Working hard"])
    sync(behind)
    sync(ahead)
    ahead.awards.undo_batch(tap.batch_id)
    sync(ahead)
    sync(behind)
    assert behind.awards.totals(demo.id) == ahead.awards.totals(demo.id)
    assert history(behind) == history(ahead)
    ledger = ServerLedger.read(server_db_path(school.server.settings))
    ledger.check_sound()
    assert sorted(ledger.award_ids()) == [a[0] for a in history(ahead)[0]]


def test_what_a_device_saw_orders_its_next_event_even_after_a_restart(
        school: School) -> None:
    """The HLC a device observed by pulling survives closing the app: its next event still
    orders after everything it had seen, whatever its own wall clock says."""
    ahead = open_device(school, "ahead", +DAY_MS, pair=True)
    demo = ahead.create_demo_class()
    sync(ahead)
    behind = open_device(school, "behind", -DAY_MS, pair=True)
    sync(behind)
    seen = max(row[7] for row in history(behind)[0])  # the newest HLC it pulled
    behind = reopen(school, behind, -DAY_MS)
    student = behind.roster.students(demo.id)[0]
    behind.roster.rename_student(student.id, "Later", "")
    [(stamp,)] = query(behind.ctx.db_path,
                       "SELECT hlc FROM outbox WHERE kind = 'student_updated'")
    assert stamp > seen, (stamp, seen)
    assert first_name(behind, student.id) == "Later"
