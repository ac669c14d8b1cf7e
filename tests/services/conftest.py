"""Service-test fixtures: a fake clock in the school's timezone, and a class to work with."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from service_helpers import SCHOOL_ZONE, FakeClock, School

from dojo_desktop.services.classroom import Classroom, open_classroom


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 1, 14, 10, 0))  # a Wednesday in term


@pytest.fixture
def room(data_dir: Path, clock: FakeClock) -> Iterator[Classroom]:
    opened = open_classroom(data_dir, now_ms=clock)
    opened.settings.set_timezone(SCHOOL_ZONE)
    yield opened
    opened.close()


@pytest.fixture
def school(room: Classroom) -> School:
    group, _ = room.roster.create_class("4B", "Year 4")
    ids = [room.roster.add_student(group.id, first, last)[0].id
           for first, last in [("Amira", "Khan"), ("Ben", "Okafor"), ("Chloe", "Nowak"),
                               ("Dev", "Patel")]]
    skills = room.skills.list()
    positive = next(s for s in skills if s.points == 1)
    needs_work = next(s for s in skills if s.points < 0)
    return School(room, group.id, ids, positive, needs_work)
