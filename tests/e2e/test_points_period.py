"""Families see the same points total as the board, whatever period the school counts by."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from portal_kit import Family
from school_kit import School

from dojo_desktop.services.classroom import Classroom
from dojo_protocol.periods import PeriodKind, SchoolPeriod
from dojo_server.domain import invites

DAY_MS = 86_400_000


class Clock:
    """The laptop's clock: the real time, less ``back_ms``."""

    def __init__(self) -> None:
        self.back_ms = 0

    def __call__(self) -> int:
        return time.time_ns() // 1_000_000 - self.back_ms


def portal_page(school: School, class_id: str, student_id: str) -> str:
    """The child's page in the portal, seen by a family who joins with the class's letter."""
    [letter] = invites.create_invites(school.server.db, school.school_id, class_id)
    family = Family(school.url)
    try:
        assert family.join(letter.code, name="Sara Khan").status_code == 303
        return str(family.get(f"/portal/child/{student_id}").text)
    finally:
        family.close()


def portal_total(page: str) -> int:
    [shown] = re.findall(r'class="big">(\d+)<', page)
    return int(shown)


@pytest.mark.parametrize("settings", [
    {"period": "weekly", "week_starts_on": 6},  # the week starts on Sunday
    {"period": "daily"},
    {"period": "monthly"},
], ids=lambda settings: "-".join(map(str, settings.values())))
def test_the_portal_total_is_the_boards_total(
        school: School, sync: Callable[[Classroom], None], settings: dict[str, Any]) -> None:
    clock = Clock()
    laptop = school.device("teacher-laptop", "teacher", now_ms=clock)
    laptop.settings.set_timezone("Asia/Kolkata")  # not the server's zone for the school
    for key, value in settings.items():
        laptop.settings.set_school_setting(key, value)
    group, _ = laptop.roster.create_class("4B")
    amira, _ = laptop.roster.add_student(group.id, "Amira", "Khan")
    skill = next(s for s in laptop.skills.list() if s.points == 1)
    awarded = []
    for days_back in range(40, -1, -1):  # one point a day, for more than a month
        clock.back_ms = days_back * DAY_MS
        awarded.append(clock())
        laptop.awards.give(group.id, [amira.id], skill.id)
    clock.back_ms = 0
    sync(laptop)

    page = portal_page(school, group.id, amira.id)
    board = laptop.awards.totals(group.id)[amira.id]
    assert portal_total(page) == board

    rule = SchoolPeriod.from_settings(settings)
    now = clock()
    assert board == sum(at >= rule.start_ms(now, "Asia/Kolkata") for at in awarded)
    if rule.kind is PeriodKind.WEEKLY:
        # A day or more from the portal's old rule (Monday, in the school's server zone).
        monday_weeks = SchoolPeriod().start_ms(now, "Europe/London")
        assert board != sum(at >= monday_weeks for at in awarded)
        assert "points this week" in page


def test_an_award_from_a_fast_clock_counts_in_one_week_only(
        school: School, sync: Callable[[Classroom], None]) -> None:
    """A laptop whose clock runs into next week stamps its award there: the board and the
    portal leave it out of this week, and it counts once, next week."""
    now = time.time_ns() // 1_000_000
    start, end = SchoolPeriod().window_ms(now, "Europe/London")
    assert end is not None
    fast = Clock()
    fast.back_ms = now - (end + 3_600_000)  # an hour into next week, whatever today is
    laptop = school.device("fast-laptop", "teacher", now_ms=fast)
    board_clock = Clock()
    board = school.device("board", "teacher", now_ms=board_clock)
    laptop.settings.set_timezone("Europe/London")
    group, _ = laptop.roster.create_class("4B")
    amira, _ = laptop.roster.add_student(group.id, "Amira", "Khan")
    skill = next(s for s in laptop.skills.list() if s.points == 1)
    fast.back_ms = now - start  # first, one award this week
    laptop.awards.give(group.id, [amira.id], skill.id)
    fast.back_ms = now - (end + 3_600_000)
    laptop.awards.give(group.id, [amira.id], skill.id)
    sync(laptop)
    sync(board)

    assert board.awards.totals(group.id) == {amira.id: 1}
    assert portal_total(portal_page(school, group.id, amira.id)) == 1
    board_clock.back_ms = -7 * DAY_MS  # next week: the fast award, and only it
    assert board.awards.totals(group.id) == {amira.id: 1}
    board_clock.back_ms = -14 * DAY_MS
    assert board.awards.totals(group.id) == {}
