"""Skills: the defaults, and adding, editing, reordering and archiving them."""

from __future__ import annotations

from dataclasses import replace

import pytest
from service_helpers import db_dump

from dojo_desktop.core.default_skills import DEFAULT_SKILLS
from dojo_desktop.core.model import Polarity, Skill
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.services.errors import InvalidInputError
from dojo_desktop.services.settings import STAFF_ROLE
from dojo_protocol.limits import MAX_CRITERIA, MAX_SKILL_NAME


def new_skill(name: str = "Kindness", points: int = 2,
              polarity: Polarity = Polarity.POSITIVE, class_id: str | None = None) -> Skill:
    return Skill("", name, "heart", polarity, points, "Was kind.", class_id=class_id)


def test_a_new_database_has_the_default_skills(room: Classroom) -> None:
    skills = room.skills.list()
    expected = [d for d in DEFAULT_SKILLS if d[2] is Polarity.POSITIVE] + [
        d for d in DEFAULT_SKILLS if d[2] is Polarity.NEEDS_WORK]
    assert [(s.name, s.icon, s.polarity, s.points, s.criteria) for s in skills] == expected
    assert all(s.criteria for s in skills)
    assert all(s.class_id is None and not s.archived for s in skills)
    assert len({s.id for s in skills}) == len(DEFAULT_SKILLS)


def test_defaults_are_made_once(room: Classroom) -> None:
    before = db_dump(room.data_dir)
    assert room.skills.ensure_defaults().skills is False
    assert db_dump(room.data_dir) == before
    data_dir = room.data_dir
    room.close()
    again = open_classroom(data_dir)
    try:
        assert len(again.skills.list()) == len(DEFAULT_SKILLS)
    finally:
        again.close()


def test_add_a_skill(room: Classroom) -> None:
    saved, changes = room.skills.save(new_skill("  Kind   words "))
    assert changes.skills
    assert saved.id
    assert saved.name == "Kind words"
    positives = [s for s in room.skills.list() if s.is_positive]
    assert positives[-1] == saved  # added at the end
    assert saved.position == max(s.position for s in room.skills.list(include_archived=True))


def test_edit_a_skill(room: Classroom) -> None:
    skill = room.skills.list()[0]
    edited, _ = room.skills.save(replace(skill, name="Helping", points=3,
                                         criteria="Helped someone."))
    assert edited.id == skill.id
    assert room.skills.list()[0] == edited
    assert len(room.skills.list()) == len(DEFAULT_SKILLS)
    data_dir = room.data_dir
    room.close()
    again = open_classroom(data_dir)
    try:
        assert again.skills.list()[0] == edited
    finally:
        again.close()


def test_reorder_skills(room: Classroom) -> None:
    positives = [s.id for s in room.skills.list() if s.is_positive]
    room.skills.reorder(positives[::-1])
    assert [s.id for s in room.skills.list() if s.is_positive] == positives[::-1]


def test_archive_and_restore_a_skill(room: Classroom) -> None:
    skill = room.skills.list()[1]
    room.skills.archive(skill.id)
    assert skill.id not in [s.id for s in room.skills.list()]
    archived = [s for s in room.skills.list(include_archived=True) if s.id == skill.id]
    assert len(archived) == 1 and archived[0].archived
    room.skills.archive(skill.id, archived=False)
    assert skill.id in [s.id for s in room.skills.list()]
    with pytest.raises(InvalidInputError):
        room.skills.archive("no-such-skill")


def test_a_class_skill_shows_only_in_its_class(room: Classroom) -> None:
    group_a, _ = room.roster.create_class("4B")
    group_b, _ = room.roster.create_class("5C")
    saved, _ = room.skills.save(new_skill("Library helper", class_id=group_a.id))
    assert saved.id in [s.id for s in room.skills.list(group_a.id)]
    assert saved.id not in [s.id for s in room.skills.list(group_b.id)]
    assert saved.id not in [s.id for s in room.skills.list()]


def test_a_teachers_device_changes_only_the_skills_of_a_class(room: Classroom) -> None:
    group_a, _ = room.roster.create_class("4B")
    room.settings.set_preference(STAFF_ROLE, "teacher")  # as pairing keeps it
    teamwork = next(s for s in room.skills.list() if s.name == "Teamwork")
    before = db_dump(room.data_dir)
    for refused in (new_skill("For everyone"), replace(teamwork, name="Teamwork!"),
                    replace(teamwork, class_id=group_a.id)):
        with pytest.raises(InvalidInputError, match=r"(?i)only a school leader"):
            room.skills.save(refused)
    with pytest.raises(InvalidInputError, match=r"(?i)only a school leader"):
        room.skills.archive(teamwork.id)
    assert db_dump(room.data_dir) == before
    saved, _ = room.skills.save(new_skill("Library helper", class_id=group_a.id))
    room.skills.save(replace(saved, name="Library star"))
    assert [s.name for s in room.skills.list(group_a.id) if s.class_id] == ["Library star"]
    assert not room.skills.may_change_school_skills()
    room.settings.set_preference(STAFF_ROLE, "leader")
    assert room.skills.save(replace(teamwork, name="Teamwork!"))[0].class_id is None


@pytest.mark.parametrize(("polarity", "points"), [
    (Polarity.POSITIVE, 0), (Polarity.POSITIVE, 6), (Polarity.POSITIVE, -1),
    (Polarity.NEEDS_WORK, 0), (Polarity.NEEDS_WORK, 1), (Polarity.NEEDS_WORK, -6),
])
def test_points_that_do_not_fit_are_refused(room: Classroom, polarity: Polarity,
                                            points: int) -> None:
    before = db_dump(room.data_dir)
    with pytest.raises(InvalidInputError):
        room.skills.save(new_skill(points=points, polarity=polarity))
    existing = room.skills.list()[0]
    with pytest.raises(InvalidInputError):
        room.skills.save(replace(existing, polarity=polarity, points=points))
    assert db_dump(room.data_dir) == before


@pytest.mark.parametrize(("polarity", "points"), [
    (Polarity.POSITIVE, 1), (Polarity.POSITIVE, 5), (Polarity.NEEDS_WORK, -1),
    (Polarity.NEEDS_WORK, -5),
])
def test_points_at_the_limits_are_accepted(room: Classroom, polarity: Polarity,
                                           points: int) -> None:
    saved, _ = room.skills.save(new_skill(points=points, polarity=polarity))
    same_kind = [s for s in room.skills.list() if s.polarity is polarity]
    assert same_kind[-1] == saved


@pytest.mark.parametrize("skill", [
    new_skill(""),
    new_skill("   "),
    new_skill("x" * (MAX_SKILL_NAME + 1)),
    replace(new_skill(), criteria="c" * (MAX_CRITERIA + 1)),
])
def test_bad_names_and_criteria_are_refused(room: Classroom, skill: Skill) -> None:
    before = db_dump(room.data_dir)
    with pytest.raises(InvalidInputError):
        room.skills.save(skill)
    assert db_dump(room.data_dir) == before
