"""The register: marks per child and school day, the newest mark winning, on any device."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from service_helpers import FakeClock, School

from dojo_desktop.core.hlc import Hlc
from dojo_desktop.services.attendance import KIND, Attendance, AttendanceService
from dojo_desktop.store.errors import InvalidEvent
from dojo_desktop.sync.sync_store import RemoteEvent


def test_marks_are_kept_per_child_and_day_and_the_newest_wins(school: School) -> None:
    room, class_id, (amira, ben, chloe, _dev) = school.room, school.class_id, school.student_ids
    changes = room.attendance.mark(class_id, {amira: Attendance.ABSENT, ben: Attendance.LATE})
    assert AttendanceService.concerns(changes)
    room.attendance.mark(class_id, {amira: Attendance.PRESENT})  # she came in after all
    assert room.attendance.register(class_id) == {amira: Attendance.PRESENT,
                                                  ben: Attendance.LATE}
    room.attendance.mark(class_id, {chloe: Attendance.ABSENT}, date(2026, 1, 13))
    assert room.attendance.absent(class_id) == set()
    assert room.attendance.absent(class_id, date(2026, 1, 13)) == {chloe}
    # Each mark is an event on its way to the server, one per child.
    assert room.sync.counts().waiting >= 4


def test_today_is_the_schools_date(school: School, clock: FakeClock) -> None:
    clock.set(datetime(2026, 1, 14, 23, 30))  # late evening in the school's timezone
    assert school.room.attendance.today() == date(2026, 1, 14)
    school.room.attendance.mark(school.class_id, {school.student_ids[0]: Attendance.ABSENT})
    assert school.room.attendance.absent(school.class_id, date(2026, 1, 14)) == {
        school.student_ids[0]}


def test_a_mark_from_another_device_is_newer_only_if_its_clock_says_so(school: School) -> None:
    room, class_id, amira = school.room, school.class_id, school.student_ids[0]
    room.attendance.mark(class_id, {amira: Attendance.ABSENT})
    today = room.attendance.today().isoformat()
    payload = {"student_id": amira, "class_id": class_id, "date": today, "status": "late",
               "at_ms": 1}
    older = room.ctx.event(KIND, payload)
    older = type(older)(older.kind, Hlc(1, 0, "other"), older.payload)
    newer = type(older)(older.kind, Hlc(room.ctx.now_ms() + 60_000, 0, "other"),
                        {**payload, "status": "present"})
    page = room.sync.store.apply_page([RemoteEvent(1, older, "other")], "c1", "e")
    assert page.records == {KIND}
    assert room.attendance.register(class_id) == {amira: Attendance.ABSENT}
    room.sync.store.apply_page([RemoteEvent(2, newer, "other")], "c2", "e")
    assert room.attendance.register(class_id) == {amira: Attendance.PRESENT}
    assert room.changes_from_sync(page).records == {KIND}


def test_a_mark_outside_the_protocol_is_refused_before_anything_is_stored(
        school: School) -> None:
    room = school.room
    waiting = room.sync.counts().waiting
    with pytest.raises(ValueError):
        room.attendance.mark(school.class_id, {school.student_ids[0]: "on holiday"})  # type: ignore[dict-item]
    with pytest.raises(InvalidEvent):
        room.ctx.record([room.ctx.event(KIND, {"student_id": school.student_ids[0],
                                                "class_id": school.class_id,
                                                "date": "14/01/2026", "status": "present",
                                                "at_ms": 1})])
    assert room.sync.counts().waiting == waiting
    assert room.attendance.register(school.class_id) == {}
