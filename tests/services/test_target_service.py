"""Children's targets: set for a day or standing, cleared, and today's progress toward them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from service_helpers import FakeClock, School

from dojo_desktop.services.errors import InvalidInputError
from dojo_desktop.services.targets import KIND, Target, TargetService
from dojo_protocol.targets import Progress


def test_a_standing_target_holds_until_cleared_and_a_days_own_wins_that_day(
        school: School, clock: FakeClock) -> None:
    room, class_id, (amira, ben, *_rest) = school.room, school.class_id, school.student_ids
    targets = room.targets
    changes = targets.set(amira, class_id, 8)
    assert TargetService.concerns(changes) and changes.records == {KIND}
    assert targets.for_day(amira, class_id) == Target(8)
    targets.set(amira, class_id, 3, [school.positive.id], day=targets.today())
    assert targets.for_day(amira, class_id) == Target(
        3, frozenset({school.positive.id}), "2026-01-14")
    clock.set(datetime(2026, 1, 15, 9, 0))  # the next school day: the standing one again
    assert targets.for_day(amira, class_id) == Target(8)
    targets.clear(amira, class_id)
    assert targets.for_day(amira, class_id) is None
    assert targets.for_day(ben, class_id) is None
    assert targets.clear(ben, class_id) == type(changes)()  # nothing to clear: no event
    assert room.sync.counts().waiting >= 3  # each one on its way to the server


def test_a_cleared_days_target_leaves_the_standing_one(school: School) -> None:
    room, class_id, amira = school.room, school.class_id, school.student_ids[0]
    room.targets.set(amira, class_id, 8)
    room.targets.set(amira, class_id, 2, day=date(2026, 1, 14))
    room.targets.clear(amira, class_id, day=date(2026, 1, 14))
    assert room.targets.for_day(amira, class_id) == Target(8)


def test_progress_counts_todays_points_in_school_time_without_undone_awards(
        school: School, clock: FakeClock) -> None:
    room, class_id, (amira, ben, chloe, _dev) = school.room, school.class_id, school.student_ids
    clock.set(datetime(2026, 1, 13, 15, 0))  # yesterday's points do not count today
    room.awards.give(class_id, [amira], school.positive.id)
    clock.set(datetime(2026, 1, 14, 9, 0))
    room.targets.set(amira, class_id, 3)
    room.targets.set(ben, class_id, 2, [school.positive.id])
    room.awards.give(class_id, [amira, ben], school.positive.id)
    room.awards.give(class_id, [amira], school.positive.id)
    undone = room.awards.give(class_id, [amira], school.positive.id)
    room.awards.undo_batch(undone.batch_id)
    other = next(s for s in room.skills.list() if s.points > 0 and s.id != school.positive.id)
    room.awards.give(class_id, [ben], other.id)  # not a skill Ben's target counts
    assert room.targets.progress(class_id) == {amira: Progress(2, 3), ben: Progress(1, 2)}
    room.awards.give(class_id, [amira, ben], school.positive.id)
    found = room.targets.progress(class_id, [amira, ben, chloe])
    assert found[amira].reached and found[ben].reached and chloe not in found
    clock.set(datetime(2026, 1, 15, 0, 5))  # past midnight in school: a new day, from zero
    assert room.targets.progress(class_id) == {amira: Progress(0, 3), ben: Progress(0, 2)}


def test_a_target_outside_the_limits_is_refused_with_words_a_teacher_can_act_on(
        school: School) -> None:
    with pytest.raises(InvalidInputError, match="A target is 1 to 100 points, not 0"):
        school.room.targets.set(school.student_ids[0], school.class_id, 0)
