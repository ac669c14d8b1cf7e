"""The class goal through the server: set on the teacher's laptop, shown on the board's
goal tool by itself, moved by the TA's awards; the newest goal wins on every device, and
a device of another class never receives it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import qasync
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from school_kit import School

from dojo_desktop.app import open_main_window
from dojo_desktop.core.sync_status import SyncState
from dojo_desktop.services.class_goal import ClassGoal
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.sync_controller import SyncController
from dojo_desktop.ui.lesson_tools.goal_tool import GoalTool
from dojo_desktop.ui.lesson_tools.sheet import Tool


def test_the_newest_goal_wins_on_every_device_of_the_class(
        school: School, sync: Callable[[Classroom], None]) -> None:
    board = school.device("whiteboard", "teacher")
    demo = board.create_demo_class()
    other, _ = board.roster.create_class("5C", "Year 5")
    sync(board)
    laptop = school.device("teacher-laptop", "teacher")
    next_door = school.device("5c-board", "teacher", class_id=other.id)
    sync(laptop)
    sync(next_door)

    board.goals.set_goal(demo.id, 100, "Film afternoon")
    laptop.goals.set_goal(demo.id, 150, "Pyjama day")  # later: this one wins
    sync(board)
    sync(laptop)
    sync(board)
    sync(next_door)
    goal = laptop.goals.goal(demo.id)
    assert goal is not None and (goal.target, goal.reward) == (150, "Pyjama day")
    assert board.goals.goal(demo.id) == goal
    assert next_door.goals.goal(demo.id) is None  # another class's goal is not its business
    # A new device of the class downloads it with its first sync.
    joining = school.device("ta-laptop", "ta", class_id=demo.id)
    sync(joining)
    assert joining.goals.goal(demo.id) == goal
    assert board.sync.counts().rejected == laptop.sync.counts().rejected == 0


def test_the_boards_goal_tool_follows_the_laptop_and_the_tas_awards(
        qtbot: QtBot, qapp: QApplication, school: School,
        sync: Callable[[Classroom], None]) -> None:
    board = school.device("whiteboard", "teacher")
    demo = board.create_demo_class()
    sync(board)
    laptop = school.device("teacher-laptop", "teacher")
    ta = school.device("ta-laptop", "ta")
    sync(laptop)
    sync(ta)

    window = open_main_window(board, demo=True)
    qtbot.addWidget(window)
    window.show()
    window.screens.open_lesson_tools("goal")
    sheet = window.screens.lesson_tools
    assert sheet is not None
    goal_tool = sheet.tools[Tool.GOAL]
    assert isinstance(goal_tool, GoalTool)
    assert not goal_tool.bar.isVisible()
    loop = qasync.QEventLoop(qapp, already_running=False)
    controller = SyncController(board, window, loop)
    controller.start()
    total = board.goals.progress(demo.id)
    skill = next(s for s in ta.skills.list() if s.name == "Persistence")
    target = total + 2 * skill.points

    async def scenario() -> None:
        await _until(lambda: window.sync_indicator.status.state is SyncState.UP_TO_DATE)
        laptop.goals.set_goal(demo.id, target, "Extra playtime")
        sync(laptop)
        await _until(lambda: goal_tool.reward.text() == "Extra playtime")
        assert goal_tool.progress.text() == f"{total} of {target} points"
        ta.awards.give(demo.id, [window.grid.student_ids()[0]], skill.id)
        sync(ta)
        await _until(lambda: goal_tool.bar.value() == total + skill.points)
        ta.awards.give(demo.id, [window.grid.student_ids()[1]], skill.id)
        sync(ta)
        await _until(lambda: goal_tool.progress.text().startswith("Goal reached!"))

    try:
        loop.run_until_complete(asyncio.wait_for(scenario(), timeout=20))
        assert board.goals.goal(demo.id) == ClassGoal(
            target, "Extra playtime", laptop.goals.goal(demo.id).set_at)  # type: ignore[union-attr]
    finally:
        loop.run_until_complete(controller.stop())
        loop.close()
        window.close()


async def _until(check: Callable[[], bool]) -> None:
    while not check():
        await asyncio.sleep(0.01)
