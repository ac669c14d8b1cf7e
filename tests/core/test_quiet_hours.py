"""Quiet hours: the next working morning in the school's timezone, and teachers' own hours."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from dojo_desktop.core.quiet_hours import WorkingHours, hours_within_policy, send_after_ms

LONDON = "Europe/London"
SCHOOL = WorkingHours(dt.time(7, 30), dt.time(18, 0))


def ms(zone: str, *parts: int) -> int:
    return int(dt.datetime(*parts, tzinfo=ZoneInfo(zone)).timestamp() * 1000)  # type: ignore[misc]


def local(zone: str, value: int | None) -> dt.datetime:
    assert value is not None
    return dt.datetime.fromtimestamp(value / 1000, ZoneInfo(zone)).replace(tzinfo=None)


def test_a_message_within_working_hours_goes_at_once() -> None:
    assert send_after_ms(ms(LONDON, 2026, 1, 14, 10, 0), LONDON, SCHOOL) is None
    assert send_after_ms(ms(LONDON, 2026, 1, 14, 7, 30), LONDON, SCHOOL) is None


def test_an_evening_message_waits_for_the_next_morning() -> None:
    at = send_after_ms(ms(LONDON, 2026, 1, 14, 18, 0), LONDON, SCHOOL)
    assert local(LONDON, at) == dt.datetime(2026, 1, 15, 7, 30)


def test_an_early_message_waits_for_the_same_morning() -> None:
    at = send_after_ms(ms(LONDON, 2026, 1, 14, 5, 59), LONDON, SCHOOL)
    assert local(LONDON, at) == dt.datetime(2026, 1, 14, 7, 30)


@pytest.mark.parametrize("day, hour", [(16, 20), (17, 9), (18, 23)])  # Fri night, Sat, Sun
def test_a_weekend_message_waits_for_monday(day: int, hour: int) -> None:
    at = send_after_ms(ms(LONDON, 2026, 1, day, hour, 0), LONDON, SCHOOL)
    assert local(LONDON, at) == dt.datetime(2026, 1, 19, 7, 30)


def test_urgent_messages_ignore_quiet_hours() -> None:
    assert send_after_ms(ms(LONDON, 2026, 1, 17, 23, 0), LONDON, SCHOOL, urgent=True) is None


def test_the_schools_timezone_decides_not_utc() -> None:
    # 21:00 UTC on a Wednesday is 08:00 Thursday in Sydney: within working hours there.
    at_utc = ms("UTC", 2026, 1, 14, 21, 0)
    assert send_after_ms(at_utc, "Australia/Sydney", SCHOOL) is None
    assert local(LONDON, send_after_ms(at_utc, LONDON, SCHOOL)) == dt.datetime(2026, 1, 15, 7, 30)


def test_the_morning_after_a_clock_change_is_local_time() -> None:
    # Clocks go forward in London on Sunday 29 March 2026.
    at = send_after_ms(ms(LONDON, 2026, 3, 27, 19, 0), LONDON, SCHOOL)
    assert local(LONDON, at) == dt.datetime(2026, 3, 30, 7, 30)


def test_teacher_hours_are_kept_inside_the_schools() -> None:
    wanted = WorkingHours(dt.time(6, 0), dt.time(16, 0), frozenset({0, 1, 2, 5}))
    kept = hours_within_policy(SCHOOL, wanted)
    assert kept == WorkingHours(dt.time(7, 30), dt.time(16, 0), frozenset({0, 1, 2}))
    at = send_after_ms(ms(LONDON, 2026, 1, 14, 17, 0), LONDON, kept)  # Wednesday 17:00
    assert local(LONDON, at) == dt.datetime(2026, 1, 19, 7, 30)  # next Monday


def test_teacher_hours_entirely_outside_the_policy_are_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        hours_within_policy(SCHOOL, WorkingHours(dt.time(19, 0), dt.time(21, 0)))
    with pytest.raises(ValueError, match="outside"):
        hours_within_policy(SCHOOL, WorkingHours(days=frozenset({5, 6})))


def test_working_hours_round_trip_as_json_and_refuse_nonsense() -> None:
    hours = WorkingHours(dt.time(8, 15), dt.time(15, 45), frozenset({0, 2, 4}))
    assert WorkingHours.from_json(hours.to_json()) == hours
    with pytest.raises(ValueError):
        WorkingHours(dt.time(9, 0), dt.time(8, 0))
    with pytest.raises(ValueError):
        WorkingHours.from_json({"start": "08:00"})
    with pytest.raises(ValueError):
        WorkingHours.from_json({"start": "08:00", "end": "09:00", "days": [7]})
