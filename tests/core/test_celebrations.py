"""A child's target is celebrated once per school day, and again the next day."""

from __future__ import annotations

from datetime import date

from dojo_desktop.core.celebrations import DailyCelebrations

MONDAY, TUESDAY = date(2026, 1, 12), date(2026, 1, 13)


def test_once_per_child_and_day() -> None:
    done = DailyCelebrations()
    assert done.first_time("amira", MONDAY)
    assert not done.first_time("amira", MONDAY)
    assert done.first_time("ben", MONDAY)
    assert done.first_time("amira", TUESDAY)
    assert not done.first_time("amira", TUESDAY)


def test_a_target_reached_before_the_board_looked_is_not_celebrated_that_day() -> None:
    done = DailyCelebrations()
    done.already("amira", MONDAY)
    assert not done.first_time("amira", MONDAY)
    assert done.first_time("amira", TUESDAY)
