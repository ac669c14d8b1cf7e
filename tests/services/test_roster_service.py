"""Classes and students: create, rename, archive, and the names that are refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from service_helpers import School, db_dump

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.services.errors import InvalidInputError
from dojo_protocol.limits import MAX_CLASS_NAME, MAX_PERSON_NAME


def test_create_class(room: Classroom) -> None:
    group, changes = room.roster.create_class("  Year 4   Blue ", " Year 4 ")
    assert changes.classes
    assert group.name == "Year 4 Blue"
    assert group.year_group == "Year 4"
    assert room.roster.classes() == [group]
    assert room.roster.students(group.id) == []


def test_classes_are_listed_by_name_and_archived_ones_hidden(room: Classroom) -> None:
    names = ["b class", "A class", "C class"]
    made = {name: room.roster.create_class(name)[0] for name in names}
    assert [c.name for c in room.roster.classes()] == ["A class", "b class", "C class"]
    room.roster.archive_class(made["b class"].id)
    assert [c.name for c in room.roster.classes()] == ["A class", "C class"]
    assert [c.name for c in room.roster.classes(include_archived=True)] == [
        "A class", "b class", "C class"]
    room.roster.rename_class(made["C class"].id, "Class C")
    assert [c.name for c in room.roster.classes()] == ["A class", "Class C"]


def test_add_student(room: Classroom) -> None:
    group, _ = room.roster.create_class("4B")
    student, changes = room.roster.add_student(group.id, "  Zoë ", " van  der Berg ")
    assert changes.roster and changes.students == frozenset({student.id})
    assert (student.first_name, student.last_name) == ("Zoë", "van der Berg")
    assert student.display_name == "Zoë van der Berg"
    assert student.avatar.startswith("drawn:")
    assert 0 <= int(student.avatar.removeprefix("drawn:")) < 24
    assert room.roster.students(group.id) == [student]
    assert room.roster.student(student.id) == student


def test_students_are_listed_by_first_name(room: Classroom) -> None:
    group, _ = room.roster.create_class("4B")
    for first in ["ben", "Amira", "Chloe"]:
        room.roster.add_student(group.id, first)
    assert [s.first_name for s in room.roster.students(group.id)] == ["Amira", "ben", "Chloe"]


def test_rename_student(school: School) -> None:
    room = school.room
    kid = school.student_ids[1]
    room.roster.rename_student(kid, "  Benjamin ", "O'Kafor  Smith")
    renamed = room.roster.student(kid)
    assert renamed is not None
    assert (renamed.first_name, renamed.last_name) == ("Benjamin", "O'Kafor Smith")
    with pytest.raises(InvalidInputError):
        room.roster.rename_student("no-such-student", "Any", "One")


def test_archived_student_leaves_the_roster_but_keeps_history(school: School) -> None:
    room = school.room
    kid = school.student_ids[2]
    room.awards.give(school.class_id, [kid], school.positive.id)
    room.roster.archive_student(kid)
    assert kid not in [s.id for s in room.roster.students(school.class_id)]
    assert kid not in [c.id for c in room.cards(school.class_id)]
    archived = [s for s in room.roster.students(school.class_id, include_archived=True)
                if s.id == kid]
    assert len(archived) == 1 and archived[0].archived
    assert [h.award.student_id for h in room.awards.history(kid)] == [kid]
    room.roster.archive_student(kid, archived=False)
    assert kid in [s.id for s in room.roster.students(school.class_id)]
    assert {c.id: c.points for c in room.cards(school.class_id)}[kid] == 1


def test_roster_changes_survive_reopening(school: School) -> None:
    room = school.room
    room.roster.rename_student(school.student_ids[0], "Amy", "Khan")
    room.roster.archive_student(school.student_ids[3])
    expected = room.roster.students(school.class_id, include_archived=True)
    data_dir = room.data_dir
    room.close()
    again = open_classroom(data_dir)
    try:
        assert again.roster.students(school.class_id, include_archived=True) == expected
        assert [s.first_name for s in again.roster.students(school.class_id)] == [
            "Amy", "Ben", "Chloe"]
    finally:
        again.close()


TOO_LONG = "x" * (max(MAX_CLASS_NAME, MAX_PERSON_NAME) + 1)


@pytest.mark.parametrize(("what", "call"), [
    ("empty class name", lambda r, c, s: r.roster.create_class("")),
    ("blank class name", lambda r, c, s: r.roster.create_class(" \t ")),
    ("long class name", lambda r, c, s: r.roster.create_class(TOO_LONG)),
    ("empty first name", lambda r, c, s: r.roster.add_student(c, "")),
    ("blank first name", lambda r, c, s: r.roster.add_student(c, "   ", "Khan")),
    ("long first name", lambda r, c, s: r.roster.add_student(c, TOO_LONG)),
    ("long last name", lambda r, c, s: r.roster.add_student(c, "Amira", TOO_LONG)),
    ("rename to empty", lambda r, c, s: r.roster.rename_student(s, "", "Khan")),
    ("rename too long", lambda r, c, s: r.roster.rename_student(s, "Amira", TOO_LONG)),
    ("rename class to empty", lambda r, c, s: r.roster.rename_class(c, " ")),
])
def test_bad_names_are_refused_and_change_nothing(
    school: School, what: str, call: Callable[[Classroom, str, str], object],
) -> None:
    room = school.room
    before = db_dump(room.data_dir)
    with pytest.raises(InvalidInputError) as caught:
        call(room, school.class_id, school.student_ids[0])
    assert str(caught.value), what
    assert db_dump(room.data_dir) == before


def test_names_at_the_length_limit_are_accepted(room: Classroom) -> None:
    longest = "y" * MAX_PERSON_NAME
    group, _ = room.roster.create_class("g" * MAX_CLASS_NAME)
    student, _ = room.roster.add_student(group.id, longest, longest)
    assert room.roster.student(student.id) == student
    assert student.first_name == student.last_name == longest
