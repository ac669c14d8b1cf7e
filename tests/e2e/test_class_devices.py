"""A classroom's board enrolled for its class: it gets its class and the school's
skills, and none of another class's roster or points; the office laptop gets it all."""

from __future__ import annotations

from collections.abc import Callable

from school_kit import School

from dojo_desktop.services.classroom import Classroom


def test_a_class_board_pulls_its_class_and_the_office_all(
        school: School, sync: Callable[[Classroom], None]) -> None:
    office = school.device("office", "leader")
    oak = office.create_demo_class()
    willow, _changes = office.roster.create_class("Willow")
    for name in ("Ada", "Ben", "Cy"):
        office.roster.add_student(willow.id, name)
    sync(office)

    board = school.device("oak-board", "teacher", class_id=oak.id)
    sync(board)
    assert [c.id for c in board.roster.classes()] == [oak.id]
    assert board.roster.students(willow.id) == []
    skills = {s.name: s.id for s in board.skills.list()}
    assert skills == {s.name: s.id for s in office.skills.list()}, "school skills travel"

    history = sum(board.awards.totals(oak.id).values())  # the demo class's past weeks
    assert history == sum(office.awards.totals(oak.id).values())
    oak_kids = [s.id for s in office.roster.students(oak.id)]
    willow_kids = [s.id for s in office.roster.students(willow.id)]
    office.awards.give(oak.id, oak_kids[:3], skills["Teamwork"])
    office.awards.give(willow.id, willow_kids, skills["Teamwork"])
    board.awards.give(oak.id, [oak_kids[5]], skills["Helping others"])
    sync(office)
    sync(board)
    sync(office)

    assert board.awards.totals(oak.id) == office.awards.totals(oak.id)
    assert sum(board.awards.totals(oak.id).values()) == history + 4
    assert board.awards.totals(willow.id) == {}
    assert sum(office.awards.totals(willow.id).values()) == 3
    assert board.sync.counts().waiting == 0 and office.sync.counts().waiting == 0
