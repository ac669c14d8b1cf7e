"""A child's target for the day: which one holds, and what counts toward it (pure rules)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dojo_protocol.events import validate_payload
from dojo_protocol.periods import day_window_ms, school_day
from dojo_protocol.targets import (
    STANDING,
    Progress,
    Target,
    points_toward,
    progress,
    target_for_day,
    targets_for_day,
)

AMIRA = "0190a1b2-0000-7000-8000-000000000001"
BEN = "0190a1b2-0000-7000-8000-000000000002"
CLASS = "0190a1b2-0000-7000-8000-0000000000c1"
READING, HELPING = "0190a1b2-0000-7000-8000-0000000000a1", "0190a1b2-0000-7000-8000-0000000000a2"
WEDNESDAY = date(2026, 1, 14)


def _payload(scope: str, points: int, student: str = AMIRA, **more: object) -> dict[str, object]:
    return {"student_id": student, "class_id": CLASS, "scope": scope, "points": points,
            "at_ms": 1, **more}


def test_a_standing_target_holds_every_day_and_a_days_own_wins_that_day() -> None:
    standing = _payload(STANDING, 10)
    today = _payload(WEDNESDAY.isoformat(), 6, skill_ids=[READING])
    assert target_for_day([standing], WEDNESDAY) == Target(10)
    assert target_for_day([standing], date(2026, 3, 2)) == Target(10)
    assert target_for_day([today, standing], WEDNESDAY) == Target(
        6, frozenset({READING}), WEDNESDAY.isoformat())
    assert target_for_day([standing, today], date(2026, 1, 15)) == Target(10)
    assert target_for_day([today], date(2026, 1, 15)) is None


def test_a_cleared_target_no_longer_holds() -> None:
    standing = _payload(STANDING, 10)
    cleared_today = _payload(WEDNESDAY.isoformat(), 6, cleared=True)
    assert target_for_day([standing, cleared_today], WEDNESDAY) == Target(10)
    assert target_for_day([_payload(STANDING, 10, cleared=True)], WEDNESDAY) is None
    assert targets_for_day([standing, _payload(STANDING, 4, BEN, cleared=True)],
                           WEDNESDAY) == {AMIRA: Target(10)}


def test_only_the_chosen_skills_count_when_a_target_names_some() -> None:
    day = {READING: 3, HELPING: 2}
    assert points_toward(Target(5), day) == 5
    assert points_toward(Target(5, frozenset({READING})), day) == 3
    assert points_toward(Target(5, frozenset({"another"})), day) == 0


def test_progress_fills_up_to_the_target_and_never_below_nothing() -> None:
    assert progress(Target(4), {READING: 1}) == Progress(1, 4)
    assert Progress(1, 4).fraction == 0.25 and not Progress(1, 4).reached
    assert Progress(4, 4).reached and Progress(6, 4).fraction == 1.0
    assert Progress(-2, 4).fraction == 0.0  # needs-work points take back, never below


def test_today_is_counted_in_school_time() -> None:
    start, end = day_window_ms(WEDNESDAY, "Europe/Madrid")
    assert end - start == 24 * 3600 * 1000
    assert school_day(start, "Europe/Madrid") == WEDNESDAY
    assert school_day(end - 1, "Europe/Madrid") == WEDNESDAY
    assert school_day(end, "Europe/Madrid") == date(2026, 1, 15)
    late = int(datetime(2026, 1, 14, 23, 30, tzinfo=UTC).timestamp() * 1000)
    assert school_day(late, "UTC") == WEDNESDAY
    assert school_day(late, "Europe/Madrid") == date(2026, 1, 15)  # already Thursday there
    spring_start, spring_end = day_window_ms(date(2026, 3, 29), "Europe/Madrid")
    assert spring_end - spring_start == 23 * 3600 * 1000  # the clocks go forward


def test_the_registry_checks_a_targets_scope_and_points() -> None:
    assert validate_payload("target_set", _payload(STANDING, 5)) is None
    assert validate_payload("target_set", _payload("2026-01-14", 5)) is None
    assert validate_payload("target_set", _payload("tomorrow", 5)) is not None
    assert validate_payload("target_set", _payload(STANDING, 0)) is not None
    assert validate_payload("target_set", _payload(STANDING, 0, cleared=True)) is None
    assert validate_payload("target_set", _payload(STANDING, 101)) is not None
