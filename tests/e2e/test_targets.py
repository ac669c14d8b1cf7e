"""A child's own target across the school: set on the teacher's laptop, it rings the child's
tile on the class's board; points given there fill it, and the family portal says
"reached" once they are enough, as the child's own progress."""

from __future__ import annotations

from collections.abc import Callable

from portal_kit import Family, visible_text
from pytestqt.qtbot import QtBot
from school_kit import School

from dojo_desktop.app import open_main_window
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.sync.engine import SyncReport
from dojo_desktop.ui.tile_painting import RING_STEPS
from dojo_server.domain import invites


def _pull(device: Classroom) -> SyncReport:
    engine = device.sync.engine()
    assert engine is not None
    try:
        return engine.sync_once()
    finally:
        engine.transport.close()


def test_a_target_set_on_one_device_rings_the_tile_on_another_and_the_portal_says_reached(
        qtbot: QtBot, school: School, sync: Callable[[Classroom], None]) -> None:
    # The real clock, as the portal's: a target counts today's points in school time.
    laptop = school.device("teacher-laptop", "teacher")
    group, _ = laptop.roster.create_class("4B")
    amira, _ = laptop.roster.add_student(group.id, "Amira", "Khan")
    ben, _ = laptop.roster.add_student(group.id, "Ben", "Okafor")
    sync(laptop)
    board = school.device("whiteboard", "teacher", class_id=group.id)
    sync(board)
    window = open_main_window(board)
    qtbot.addWidget(window)
    window.open_class(group.id)
    tile = window.grid.tile(amira.id)
    assert tile.target_ring() is None

    laptop.targets.set(amira.id, group.id, 3)
    sync(laptop)
    # As the sync controller does with a pull: the report's changes to the window.
    window.changes.publish(board.changes_from_sync(_pull(board).pulled))
    assert tile.target_ring() == (0, False)
    assert window.grid.tile(ben.id).target_ring() is None

    [letter] = [letter for letter in invites.create_invites(
        school.server.db, school.school_id, group.id) if letter.student_name == "Amira Khan"]
    family = Family(school.url)
    try:
        assert family.join(letter.code, name="Sara Khan").status_code == 303
        page = f"/portal/child/{amira.id}"
        assert "Today's target: on the way" in visible_text(family.get(page).text)
        skill = next(s for s in board.skills.list(group.id) if s.points == 1)
        for _tap in range(3):
            window.award([amira.id], skill.id)
        window.recount.run_now()
        assert tile.target_ring() == (RING_STEPS, True)
        assert tile.is_celebrating()
        sync(board)
        text = visible_text(family.get(page).text)
        assert "Today's target: reached!" in text
        assert "Ben" not in text  # never beside another child
    finally:
        family.close()
    sync(laptop)
    assert laptop.targets.progress(group.id)[amira.id].reached
    window.close()
