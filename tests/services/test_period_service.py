"""Points periods through the services: what the tiles count, with a fake clock."""

from __future__ import annotations

from datetime import datetime

from service_helpers import FakeClock, School, db_rows

from dojo_desktop.services.classroom import Classroom
from dojo_protocol.periods import PeriodKind


def award_at(school: School, clock: FakeClock, when: datetime, kid: int = 0) -> str:
    clock.set(when)
    result = school.room.awards.give(school.class_id, [school.student_ids[kid]],
                                     school.positive.id)
    return result.award_ids[0]


def awards_and_undos(room: Classroom) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    return (db_rows(room.data_dir, "SELECT * FROM awards ORDER BY id"),
            db_rows(room.data_dir, "SELECT * FROM award_undos ORDER BY award_id"))


def test_the_default_period_is_weekly(school: School) -> None:
    assert school.room.settings.period() is PeriodKind.WEEKLY


def test_last_weeks_awards_are_not_counted_on_monday(school: School, clock: FakeClock) -> None:
    room = school.room
    kid = school.student_ids[0]
    award_at(school, clock, datetime(2026, 1, 16, 14, 0))  # Friday
    award_at(school, clock, datetime(2026, 1, 18, 23, 59, 59))  # Sunday night
    clock.set(datetime(2026, 1, 18, 23, 59, 59, 999000))
    assert room.awards.totals(school.class_id) == {kid: 2}
    clock.set(datetime(2026, 1, 19, 0, 0))  # Monday 00:00 school time
    assert room.awards.totals(school.class_id) == {}
    award_at(school, clock, datetime(2026, 1, 19, 9, 0))
    assert room.awards.totals(school.class_id) == {kid: 1}
    assert {c.id: c.points for c in room.cards(school.class_id)}[kid] == 1
    assert len(room.awards.history(kid)) == 3  # history keeps everything


def test_switching_to_never_counts_every_award(school: School, clock: FakeClock) -> None:
    room = school.room
    kid = school.student_ids[0]
    for when in (datetime(2025, 9, 3, 10), datetime(2025, 12, 1, 10), datetime(2026, 1, 12, 9),
                 datetime(2026, 1, 14, 9)):
        award_at(school, clock, when)
    clock.set(datetime(2026, 1, 14, 15, 0))
    assert room.awards.totals(school.class_id) == {kid: 2}
    room.settings.set_period(PeriodKind.NEVER)
    assert room.awards.totals(school.class_id) == {kid: 4}
    room.settings.set_period(PeriodKind.DAILY)
    assert room.awards.totals(school.class_id) == {kid: 1}
    room.settings.set_period(PeriodKind.MONTHLY)
    assert room.awards.totals(school.class_id) == {kid: 2}
    room.settings.set_period(PeriodKind.TERM)  # default terms: this one began on 1 January
    assert room.awards.totals(school.class_id) == {kid: 2}
    room.settings.set_period(PeriodKind.WEEKLY)
    assert room.awards.totals(school.class_id) == {kid: 2}


def test_switching_the_period_changes_no_stored_award(school: School, clock: FakeClock) -> None:
    room = school.room
    ids = [award_at(school, clock, datetime(2026, 1, day, 10), kid=day % 4)
           for day in range(5, 15)]
    room.awards.undo(ids[:3])
    before = awards_and_undos(room)
    assert len(before[0]) == 10 and len(before[1]) == 3
    for kind in (PeriodKind.DAILY, PeriodKind.NEVER, PeriodKind.TERM, PeriodKind.MONTHLY,
                 PeriodKind.WEEKLY):
        room.settings.set_period(kind)
        room.awards.totals(school.class_id)
        assert awards_and_undos(room) == before


def test_daily_period_on_the_day_the_clocks_go_forward(school: School, clock: FakeClock) -> None:
    room = school.room
    kid = school.student_ids[0]
    room.settings.set_period(PeriodKind.DAILY)
    award_at(school, clock, datetime(2026, 3, 28, 23, 30))  # Saturday night, GMT
    award_at(school, clock, datetime(2026, 3, 29, 0, 30))  # Sunday, before the change
    award_at(school, clock, datetime(2026, 3, 29, 9, 0))  # Sunday, BST
    clock.set(datetime(2026, 3, 29, 20, 0))
    assert room.awards.totals(school.class_id) == {kid: 2}


def test_the_school_timezone_decides_the_week(school: School, clock: FakeClock) -> None:
    room = school.room
    kid = school.student_ids[0]
    award_at(school, clock, datetime(2026, 1, 18, 10, 0))  # Sunday 10:00 London, 21:00 Sydney
    clock.set(datetime(2026, 1, 18, 22, 0))  # Sunday 22:00 London = Monday in Sydney
    assert room.awards.totals(school.class_id) == {kid: 1}
    room.settings.set_timezone("Australia/Sydney")
    assert room.awards.totals(school.class_id) == {}
    room.settings.set_timezone("America/New_York")
    assert room.awards.totals(school.class_id) == {kid: 1}
