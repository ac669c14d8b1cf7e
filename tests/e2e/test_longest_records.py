"""Records written at the app's longest are taken by a live server and reach another device."""

from __future__ import annotations

from collections.abc import Callable

from school_kit import School

from dojo_desktop.core.model import Polarity, Skill
from dojo_desktop.services.classroom import Classroom
from dojo_protocol.limits import MAX_CRITERIA, MAX_SKILL_NAME


def test_a_skill_at_the_apps_longest_is_accepted_and_pulled(
        school: School, sync: Callable[[Classroom], None]) -> None:
    laptop = school.device("office-laptop", "leader")  # a skill for the whole school
    name, criteria = "N" * MAX_SKILL_NAME, "c" * MAX_CRITERIA
    saved, _ = laptop.skills.save(Skill("", name, "star", Polarity.POSITIVE, 2, criteria))
    sync(laptop)
    counts = laptop.sync.counts()
    assert (counts.waiting, counts.rejected) == (0, 0), laptop.sync.rejected()
    board = school.device("whiteboard", "teacher")
    sync(board)
    [pulled] = [s for s in board.skills.list() if s.id == saved.id]
    assert (pulled.name, pulled.criteria) == (name, criteria)
