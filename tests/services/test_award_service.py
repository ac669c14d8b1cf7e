"""Awarding points and undoing them, through the services the big screen calls."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from service_helpers import FakeClock, School, db_count, db_dump, db_rows

from dojo_desktop.services.errors import InvalidInputError


def test_give_one_award(school: School, clock: FakeClock) -> None:
    room, kid = school.room, school.student_ids[0]
    result = room.awards.give(school.class_id, [kid], school.positive.id, note="shared pens")
    assert len(result.award_ids) == 1
    assert result.points == school.positive.points
    assert result.skill == school.positive
    assert result.changes.students == frozenset({kid})
    assert room.awards.totals(school.class_id) == {kid: 1}
    rows = db_rows(room.data_dir, "SELECT id, student_id, class_id, skill_id, points, note, "
                                  "at_ms, batch_id, device_id FROM awards")
    assert rows == [(result.award_ids[0], kid, school.class_id, school.positive.id, 1,
                     "shared pens", clock.ms, result.batch_id, room.ctx.device_id)]


def test_give_to_several_is_one_batch(school: School) -> None:
    room = school.room
    outbox_before = db_count(room.data_dir, "outbox")
    result = room.awards.give(school.class_id, school.student_ids, school.positive.id)
    assert len(result.award_ids) == len(set(result.award_ids)) == 4
    rows = db_rows(room.data_dir, "SELECT student_id, batch_id FROM awards")
    assert sorted(r[0] for r in rows) == sorted(school.student_ids)
    assert {r[1] for r in rows} == {result.batch_id}
    assert db_count(room.data_dir, "outbox") == outbox_before + 4
    assert room.awards.totals(school.class_id) == dict.fromkeys(school.student_ids, 1)
    assert room.awards.class_total(school.class_id) == 4
    assert result.changes.students == frozenset(school.student_ids)


def test_a_student_chosen_twice_in_one_tap_gets_one_award(school: School) -> None:
    kid = school.student_ids[0]
    result = school.room.awards.give(school.class_id, [kid, kid, kid], school.positive.id)
    assert len(result.award_ids) == 1
    assert school.room.awards.totals(school.class_id) == {kid: 1}


def test_totals_add_positive_and_needs_work_points(school: School) -> None:
    room = school.room
    a, b, *_ = school.student_ids
    room.awards.give(school.class_id, [a, b], school.positive.id)
    room.awards.give(school.class_id, [a], school.positive.id)
    room.awards.give(school.class_id, [b], school.needs_work.id)
    assert room.awards.totals(school.class_id) == {a: 2, b: 1 + school.needs_work.points}
    assert room.awards.totals(school.class_id, [a]) == {a: 2}
    cards = {c.id: c.points for c in room.cards(school.class_id)}
    assert cards == {a: 2, b: 1 + school.needs_work.points, school.student_ids[2]: 0,
                     school.student_ids[3]: 0}


def test_nobody_chosen_is_refused(school: School) -> None:
    with pytest.raises(InvalidInputError):
        school.room.awards.give(school.class_id, [], school.positive.id)
    assert db_count(school.room.data_dir, "awards") == 0


def test_undo_a_single_award(school: School) -> None:
    room = school.room
    kid = school.student_ids[0]
    first = room.awards.give(school.class_id, [kid], school.positive.id)
    room.awards.give(school.class_id, [kid], school.positive.id)
    changes = room.awards.undo(list(first.award_ids))
    assert changes.students == frozenset({kid})
    assert room.awards.totals(school.class_id) == {kid: 1}
    assert db_count(room.data_dir, "awards") == 2  # nothing deleted


def test_undo_a_batch(school: School) -> None:
    room = school.room
    batch = room.awards.give(school.class_id, school.student_ids, school.positive.id)
    other = room.awards.give(school.class_id, school.student_ids[:1], school.positive.id)
    changes = room.awards.undo_batch(batch.batch_id)
    assert changes.students == frozenset(school.student_ids)
    assert room.awards.totals(school.class_id) == {school.student_ids[0]: 1}
    undone = {r[0] for r in db_rows(room.data_dir, "SELECT award_id FROM award_undos")}
    assert undone == set(batch.award_ids)
    assert other.award_ids[0] not in undone


def test_undoing_twice_is_harmless(school: School) -> None:
    room = school.room
    batch = room.awards.give(school.class_id, school.student_ids, school.positive.id)
    room.awards.undo([batch.award_ids[0]])
    room.awards.undo_batch(batch.batch_id)
    before = db_dump(room.data_dir)
    assert room.awards.undo_batch(batch.batch_id).students == frozenset()
    assert room.awards.undo(list(batch.award_ids)).students == frozenset()
    assert room.awards.undo([]).students == frozenset()
    assert room.awards.undo(["01900000-0000-7000-8000-000000000000"]).students == frozenset()
    assert db_dump(room.data_dir) == before
    assert room.awards.totals(school.class_id) == {}


def test_an_archived_skill_cannot_be_awarded(school: School) -> None:
    room = school.room
    room.skills.archive(school.positive.id)
    with pytest.raises(InvalidInputError, match="no longer available"):
        room.awards.give(school.class_id, school.student_ids, school.positive.id)
    with pytest.raises(InvalidInputError):
        room.awards.give(school.class_id, school.student_ids, "no-such-skill")
    assert db_count(room.data_dir, "awards") == 0


def test_awards_keep_the_points_the_skill_had_when_given(school: School) -> None:
    room = school.room
    kid = school.student_ids[0]
    room.awards.give(school.class_id, [kid], school.positive.id)
    room.skills.save(replace(school.positive, points=3))
    room.awards.give(school.class_id, [kid], school.positive.id)
    assert room.awards.totals(school.class_id) == {kid: 4}


def test_history_newest_first_with_undone_marked(school: School, clock: FakeClock) -> None:
    room = school.room
    kid = school.student_ids[0]
    given = []
    for skill in (school.positive, school.needs_work, school.positive):
        given.append(room.awards.give(school.class_id, [kid], skill.id))
        clock.advance(minutes=5)
    room.awards.undo(list(given[1].award_ids))
    room.awards.give(school.class_id, [school.student_ids[1]], school.positive.id)
    history = room.awards.history(kid)
    assert [h.award.id for h in history] == [g.award_ids[0] for g in reversed(given)]
    assert [h.undone for h in history] == [False, True, False]
    assert [h.award.undone for h in history] == [False, True, False]
    assert [h.skill_name for h in history] == [school.positive.name, school.needs_work.name,
                                               school.positive.name]
    assert history[1].skill_icon == school.needs_work.icon
    assert [h.award.at_ms for h in history] == sorted((h.award.at_ms for h in history),
                                                      reverse=True)
    assert [h.award.id for h in room.awards.history(kid, limit=1, offset=1)] == [
        given[1].award_ids[0]]
    assert room.awards.history(kid, class_id="another-class") == []


def test_history_of_one_millisecond_is_still_in_creation_order(school: School) -> None:
    room = school.room
    kid = school.student_ids[0]
    given = [room.awards.give(school.class_id, [kid], school.positive.id).award_ids[0]
             for _ in range(5)]  # the fake clock does not move
    assert [h.award.id for h in room.awards.history(kid)] == given[::-1]


def test_totals_count_only_the_class_asked_for(school: School, clock: FakeClock) -> None:
    room = school.room
    other, _ = room.roster.create_class("5C")
    newcomer, _ = room.roster.add_student(other.id, "Ella")
    room.awards.give(other.id, [newcomer.id], school.positive.id)
    room.awards.give(school.class_id, school.student_ids[:1], school.positive.id)
    assert room.awards.totals(other.id) == {newcomer.id: 1}
    assert room.awards.totals(school.class_id) == {school.student_ids[0]: 1}
    clock.set(datetime(2026, 1, 15, 9, 0))
    assert room.awards.totals(other.id) == {newcomer.id: 1}
