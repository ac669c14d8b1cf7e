"""The school's skills live on the server: its defaults reach every device once, a leader's
change reaches the others, a teacher's change to them is refused and shown, and the
family portal names the skill of every award."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from portal_kit import Family, visible_text
from school_kit import School

from dojo_desktop.core.default_skills import DEFAULT_SKILLS
from dojo_desktop.core.model import Skill
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_server.domain import invites

Sync = Callable[[Classroom], None]


def named(classroom: Classroom, name: str) -> Skill:
    return next(s for s in classroom.skills.list(include_archived=True) if s.name == name)


def school_wide(classroom: Classroom) -> list[str]:
    return sorted(s.name for s in classroom.skills.list(include_archived=True)
                  if s.class_id is None)


def test_a_leader_renames_a_default_skill_and_the_other_device_shows_it(
        school: School, sync: Sync) -> None:
    leader = school.device("office-laptop", "leader")
    board = school.device("board-4b", "teacher")
    for device in (leader, board):
        sync(device)  # the server's defaults land on the ones each device made itself
    defaults = sorted(name for name, *_ in DEFAULT_SKILLS)
    assert school_wide(leader) == school_wide(board) == defaults

    leader.skills.save(replace(named(leader, "Teamwork"), name="Great teamwork"))
    sync(leader)
    sync(board)
    assert named(board, "Great teamwork").id == named(leader, "Great teamwork").id
    assert school_wide(board) == sorted(["Great teamwork", *(n for n in defaults
                                                              if n != "Teamwork")])
    assert board.sync.rejected() == [] and leader.sync.rejected() == []


def test_a_teachers_change_to_a_school_wide_skill_is_refused_and_shown(
        school: School, sync: Sync) -> None:
    # Changed before the laptop was paired (alone it may), then sent as a teacher's device.
    laptop = open_classroom(school.root / "teacher-laptop")
    school.devices.append(laptop)
    laptop.skills.save(replace(named(laptop, "Off task"), name="Chatting"))
    laptop.sync.pair(school.url, school.code("teacher"), device_name="teacher-laptop")
    sync(laptop)
    [(item, reason)] = laptop.sync.rejected()
    assert item.kind == "skill_saved"
    assert "only a school leader" in reason
    other = school.device("board", "teacher")
    sync(other)
    assert "Off task" in school_wide(other) and "Chatting" not in school_wide(other)


def test_the_portal_names_the_skill_of_every_award(school: School, sync: Sync) -> None:
    board = school.device("board-4b", "teacher")
    group, _ = board.roster.create_class("4B")
    amira, _ = board.roster.add_student(group.id, "Amira", "Khan")
    given = ["Helping others", "Persistence", "Off task", "Teamwork", "No homework"]
    for name in given:  # the device's own defaults, which it never sends
        board.awards.give(group.id, [amira.id], named(board, name).id)
    sync(board)
    [letter] = invites.create_invites(school.server.db, school.school_id, group.id)
    family = Family(school.url)
    try:
        assert family.join(letter.code, name="Sara Khan").status_code == 303
        page = family.get(f"/portal/child/{amira.id}").text
    finally:
        family.close()
    history = page[page.index('<ul class="history">'):]
    items = [visible_text(item) for item in re.findall(r"<li .*?</li>", history, re.S)]
    assert len(items) == len(given)
    shown = " | ".join(items)
    for name in ("Helping others", "Teamwork"):
        assert f"+1 {name}" in shown
    assert "+2 Persistence" in shown
    for name in ("Off task", "No homework"):
        assert f"Working on: {name}" in shown
