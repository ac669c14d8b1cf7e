"""A PC IT set up: it pairs itself on first start, keeps to IT's server and school, and
is told, without losing sync, when the server asks for a newer app."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from school_kit import LiveServer, School

from dojo_desktop import __version__
from dojo_desktop.app import open_main_window
from dojo_desktop.core.managed import ManagedSettings
from dojo_desktop.core.sync_status import SyncState
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.services.errors import ManagedSettingError
from dojo_desktop.services.sync import judge_version
from dojo_desktop.sync_controller import SyncController
from dojo_desktop.ui.main_window import MainWindow
from dojo_protocol import PROTOCOL_VERSION, Health
from dojo_server.domain import enrollment, schools
from dojo_server.settings import Settings, sqlite_url


def deployment(school: School, uses: int = 30, **more: str) -> ManagedSettings:
    """What the MSI writes for a room of PCs: the server, the school and one code."""
    code = enrollment.create_code(school.server.db, school.school_id, "teacher", max_uses=uses)
    return ManagedSettings(server_url=school.url, school_id=school.school_id, enroll_code=code,
                           source="HKLM\\SOFTWARE\\Policies\\DojoDesktop", **more)


def run_controller(qapp: QApplication, classroom: Classroom,
                   until: Callable[[SyncController, MainWindow], bool]) -> MainWindow:
    """Run the real window and sync controller on a qasync loop until ``until`` holds."""
    window = open_main_window(classroom)
    loop = qasync.QEventLoop(qapp, already_running=False)
    controller = SyncController(classroom, window, loop)
    controller.start()

    async def wait() -> None:
        while not until(controller, window):
            await asyncio.sleep(0.02)

    try:
        loop.run_until_complete(asyncio.wait_for(wait(), timeout=20))
    finally:
        loop.run_until_complete(controller.stop())
        loop.close()
        window.close()
    return window


@pytest.mark.expected_log("automatic pairing failed")
def test_a_room_of_fresh_installs_pairs_itself_with_one_code(
        qtbot: QtBot, qapp: QApplication, school: School, tmp_path: Path) -> None:
    managed = deployment(school, uses=2)
    boards = [open_classroom(tmp_path / f"pc{n}", managed=managed) for n in range(3)]
    try:
        for board in boards[:2]:
            assert board.sync.can_pair_automatically()
            run_controller(qapp, board, lambda c, _w: c.scheduler is not None)
            assert board.sync.server_url() == school.url and board.sync.token()
            assert not board.sync.can_pair_automatically(), "paired: nothing more to do"
        window = run_controller(qapp, boards[2], lambda _c, w: bool(
            w.sync_indicator.status.last_error))
        status = window.sync_indicator.status
        assert status.state is SyncState.NOT_CONNECTED
        assert "could not connect itself" in status.last_error
        assert "already used" in status.last_error, "the code's uses are spent"
        assert boards[2].sync.server_url() is None
    finally:
        for board in boards:
            board.close()


def test_a_code_of_another_school_is_refused_and_nothing_is_kept(
        school: School, tmp_path: Path, memory_keyring: dict[tuple[str, str], str]) -> None:
    other = schools.create_school(school.server.db, "Riverside", "Europe/London")
    code = enrollment.create_code(school.server.db, other, "teacher")
    managed = ManagedSettings(server_url=school.url, school_id=school.school_id, source="x")
    board = open_classroom(tmp_path / "pc", managed=managed)
    try:
        with pytest.raises(ManagedSettingError, match="another school"):
            board.sync.pair(school.url, code)
        assert board.sync.server_url() is None
        # (the computer's machine id may be: it is no token, and no secret of the school)
        assert not [key for key in memory_keyring if key[1].startswith("device-token:")], \
            "no token was kept"
    finally:
        board.close()


@pytest.fixture
def strict_school(tmp_path: Path) -> Iterator[School]:
    """A server that asks for a newer app than this one."""
    server = LiveServer(Settings(data_dir=tmp_path / "server", min_client_version="99.0",
                                 database_url=sqlite_url(tmp_path / "server.sqlite3")))
    kit = School(server, tmp_path)
    yield kit
    kit.close()
    server.stop()


def test_an_out_of_date_app_keeps_syncing_and_says_it_needs_an_update(
        qtbot: QtBot, qapp: QApplication, strict_school: School) -> None:
    board = strict_school.device("board")
    group = board.create_demo_class()
    skill = board.skills.list()[0]
    board.awards.give(group.id, [board.roster.students(group.id)[0].id], skill.id)

    def settled(_controller: SyncController, window: MainWindow) -> bool:
        status = window.sync_indicator.status
        return bool(status.update_notice and status.state is SyncState.UP_TO_DATE
                    and board.sync.counts().waiting == 0)

    window = run_controller(qapp, board, settled)
    indicator = window.sync_indicator
    assert "update needed" in indicator.text()
    assert "99.0" in indicator.status.update_notice
    assert board.sync.counts().waiting == 0, "the award still reached the server"


def test_only_another_protocol_stops_sync() -> None:
    def health(minimum: str, protocol: int) -> Health:
        return Health(server_time_ms=1, epoch="e", min_client_version=minimum,
                      protocol_version=protocol)

    assert judge_version(health("0.1.0", PROTOCOL_VERSION)).update_notice == ""
    older = judge_version(health("99.0", PROTOCOL_VERSION))
    assert older.compatible and __version__ in older.update_notice
    other = judge_version(health("0.1.0", PROTOCOL_VERSION + 1))
    assert not other.compatible and "stopped" in other.update_notice
