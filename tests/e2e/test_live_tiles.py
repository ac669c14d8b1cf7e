"""What the TA's laptop awards appears on the whiteboard's tiles by itself, seconds at most
after it reaches the server: the real window, the real scheduler on a qasync loop."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import qasync
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from school_kit import School

from dojo_desktop.app import open_main_window
from dojo_desktop.core.sync_status import SyncState
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.sync_controller import SyncController


def test_ta_award_shows_on_the_whiteboard_without_a_tap(
        qtbot: QtBot, qapp: QApplication, school: School,
        sync: Callable[[Classroom], None]) -> None:
    board = school.device("whiteboard", "teacher")
    demo = board.create_demo_class()
    sync(board)
    ta = school.device("ta-laptop", "ta")
    sync(ta)

    window = open_main_window(board, demo=True)
    qtbot.addWidget(window)
    window.show()
    loop = qasync.QEventLoop(qapp, already_running=False)
    controller = SyncController(board, window, loop)
    controller.start()
    tile = window.grid.tiles()[3]
    before = tile.points()
    skill = next(s for s in ta.skills.list() if s.name == "Persistence")

    async def scenario() -> float:
        await _until(lambda: window.sync_indicator.status.state is SyncState.UP_TO_DATE)
        await asyncio.sleep(0.3)  # the whiteboard is now waiting in a long poll
        ta.awards.give(demo.id, [tile.student_id], skill.id)
        started = time.perf_counter()
        sync(ta)
        await _until(lambda: tile.points() == before + 2)
        return time.perf_counter() - started

    try:
        elapsed = loop.run_until_complete(asyncio.wait_for(scenario(), timeout=15))
        assert tile.accessibleName().endswith(f"{before + 2} points")
        assert elapsed < 5
        # A local tap is pushed at once by the same scheduler.
        board.awards.give(demo.id, [tile.student_id], skill.id)
        loop.run_until_complete(asyncio.wait_for(
            _until(lambda: board.sync.counts().waiting == 0), timeout=10))
    finally:
        loop.run_until_complete(controller.stop())
        loop.close()
        window.close()


async def _until(check: Callable[[], bool]) -> None:
    while not check():
        await asyncio.sleep(0.01)
