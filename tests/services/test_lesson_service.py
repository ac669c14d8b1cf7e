"""The lesson tools' services: the fair picker skips absent children and starts a new round
each school day; groups take the register and this period's points; the class goal is a
record, the newest winning, counted against the class's points."""

from __future__ import annotations

from datetime import datetime

import pytest
from service_helpers import FakeClock, School

from dojo_desktop.core.hlc import Hlc
from dojo_desktop.services.attendance import Attendance
from dojo_desktop.services.class_goal import KIND, ClassGoal, ClassGoalService
from dojo_desktop.services.errors import InvalidInputError
from dojo_desktop.services.views import Changes
from dojo_desktop.sync.sync_store import RemoteEvent


def test_the_picker_skips_the_absent_and_gives_everyone_a_turn(school: School) -> None:
    room, class_id, (amira, ben, chloe, dev) = school.room, school.class_id, school.student_ids
    room.attendance.mark(class_id, {ben: Attendance.ABSENT, chloe: Attendance.LATE})
    turns = [room.lesson.pick(class_id) for _ in range(6)]
    ids = [s.id for s in turns if s is not None]
    assert sorted(ids[:3]) == sorted([amira, chloe, dev])
    assert ben not in ids
    assert room.lesson.turns_left(class_id) == 0  # 3 of round two, then one more round
    assert room.lesson.pick(class_id) is not None
    assert room.lesson.turns_left(class_id) == 2


def test_a_new_school_day_starts_a_new_round(school: School, clock: FakeClock) -> None:
    room, class_id = school.room, school.class_id
    room.lesson.pick(class_id)
    assert room.lesson.turns_left(class_id) == 3
    clock.set(datetime(2026, 1, 15, 9, 0))
    assert room.lesson.turns_left(class_id) == 4


def test_nobody_in_school_picks_nobody(school: School) -> None:
    room, class_id = school.room, school.class_id
    room.attendance.mark(class_id, dict.fromkeys(school.student_ids, Attendance.ABSENT))
    assert room.lesson.pick(class_id) is None
    assert room.lesson.groups(class_id, size=2) == []


def test_groups_leave_out_the_absent_and_keep_pairs_apart(school: School) -> None:
    room, class_id, (amira, ben, chloe, dev) = school.room, school.class_id, school.student_ids
    room.lesson.keep_apart(class_id, amira, ben)
    assert room.lesson.apart(class_id) == [frozenset({amira, ben})]
    for _ in range(20):
        groups = [[s.id for s in g] for g in room.lesson.groups(class_id, count=2)]
        assert sorted(len(g) for g in groups) == [2, 2]
        assert not any({amira, ben} <= set(g) for g in groups)
    room.lesson.keep_apart(class_id, amira, ben, apart=False)
    assert room.lesson.apart(class_id) == []
    room.attendance.mark(class_id, {dev: Attendance.ABSENT})
    groups = room.lesson.groups(class_id, size=2)
    assert sorted(s.id for g in groups for s in g) == sorted([amira, ben, chloe])


def test_balanced_groups_split_this_periods_points(school: School) -> None:
    room, class_id, (amira, ben, _chloe, _dev) = school.room, school.class_id, school.student_ids
    for _ in range(5):
        room.awards.give(class_id, [amira, ben], school.positive.id)
    for _ in range(20):
        groups = [{s.id for s in g} for g in room.lesson.groups(class_id, count=2,
                                                                balanced=True)]
        assert not any({amira, ben} <= g for g in groups)


def test_a_goal_is_set_read_and_counted_against_the_class_total(school: School) -> None:
    room, class_id = school.room, school.class_id
    assert room.goals.goal(class_id) is None
    changes = room.goals.set_goal(class_id, 50, "  Extra   playtime ")
    assert ClassGoalService.concerns(changes)
    assert room.goals.goal(class_id) == ClassGoal(50, "Extra playtime", room.ctx.now_ms())
    room.goals.set_goal(class_id, 80, "A class picnic")
    assert room.goals.goal(class_id) == ClassGoal(80, "A class picnic", room.ctx.now_ms())
    result = room.awards.give(class_id, school.student_ids, school.positive.id)
    assert ClassGoalService.concerns(result.changes)
    assert room.goals.progress(class_id) == 4
    assert not ClassGoalService.concerns(Changes(stories=True))


@pytest.mark.parametrize(("target", "reward", "problem"), [
    (0, "Picnic", "Choose a goal from 1 to 100000 points."),
    (100_001, "Picnic", "Choose a goal from 1 to 100000 points."),
    (10, "x" * 121, "Write the reward in 120 characters or fewer."),
])
def test_a_goal_out_of_bounds_is_refused_in_plain_words(school: School, target: int,
                                                         reward: str, problem: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        school.room.goals.set_goal(school.class_id, target, reward)
    assert str(raised.value) == problem
    assert school.room.goals.goal(school.class_id) is None


def test_a_newer_goal_from_another_device_wins_an_older_one_does_not(school: School) -> None:
    room, class_id = school.room, school.class_id
    room.goals.set_goal(class_id, 50, "Playtime")
    now = room.ctx.now_ms()

    def pulled(seq: int, ms: int, target: int) -> Changes:
        event = room.ctx.event(KIND, {"class_id": class_id, "target": target,
                                      "reward": "Film", "set_at": ms})
        event = type(event)(event.kind, Hlc(ms, 0, "ta-laptop"), event.payload)
        page = room.sync.store.apply_page([RemoteEvent(seq, event, "ta-laptop")],
                                          f"cursor-{seq}", "epoch")
        return room.changes_from_sync(page)

    assert ClassGoalService.concerns(pulled(1, now - 60_000, 10))
    assert room.goals.goal(class_id) == ClassGoal(50, "Playtime", now)
    pulled(2, now + 60_000, 70)
    assert room.goals.goal(class_id) == ClassGoal(70, "Film", now + 60_000)
