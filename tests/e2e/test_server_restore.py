"""The school server is restored from an older backup, and the devices put back what it lost.

Two devices sync a lesson; the server database is backed up (sqlite3 backup API); a
second lesson is synced (the server will lose it) and a third is still waiting on the
devices when the server goes down. The backup is restored over the database, a new epoch
is marked (the NEW_EPOCH file a restore leaves, or ``dojo-server new-epoch``), and the
server starts again on the same address. Each device then notices (pull
answers 410), pulls the school from the start, sends again what the server lost (it
answers "gap" or reports a lower ``last_seq``), and sends its waiting outbox. At the end
the server has every award exactly once and both devices the same totals and history.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from ledger import (
    ServerLedger,
    all_time_totals,
    check_device_on_server,
    collect_garbage_here,
    history,
    local_award_ids,
)
from servers import ThreadServer

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.sync.engine import SyncReport
from dojo_server import cli
from dojo_server.domain import enrollment, schools
from dojo_server.settings import DATABASE_NAME, Settings, sqlite_url
from dojo_server.sync.epoch import read_epoch


@pytest.fixture(autouse=True)
def _free_qt_leftovers() -> None:
    collect_garbage_here()  # before any server thread of this test starts (see ledger.py)

def sync(room: Classroom) -> SyncReport:
    engine = room.sync.engine()
    assert engine is not None
    try:
        return engine.sync_once()
    finally:
        engine.transport.close()


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy with SQLite's online backup API (safe while the server runs)."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def award_lesson(room: Classroom, class_id: str, students: list[str], skill_id: str,
                 taps: int) -> list[str]:
    made: list[str] = []
    for tap in range(taps):
        chosen = students if tap % 4 == 0 else students[tap % len(students):][:3]
        made.extend(room.awards.give(class_id, chosen, skill_id).award_ids)
    return made


class Restorable:
    """A live server on a SQLite file, a whiteboard and a TA laptop synced, and a way to
    back the server up and restore it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.database = root / "server" / DATABASE_NAME
        self.settings = Settings(data_dir=root / "server", database_url=sqlite_url(self.database))
        self.backup = root / "backup.sqlite3"
        self.server = ThreadServer(self.settings)
        self.server.start()
        self.rooms: list[Classroom] = []
        self.school_id = schools.create_school(self.server.db, "Hillside Primary",
                                               "Europe/London")
        self.board = self.device("whiteboard", "teacher")
        self.demo = self.board.create_demo_class()
        sync(self.board)
        self.ta = self.device("ta-laptop", "ta")
        sync(self.ta)
        self.students = [s.id for s in self.board.roster.students(self.demo.id)]
        self.skills = [s.id for s in self.board.skills.list() if s.points > 0]

    def device(self, name: str, role: str) -> Classroom:
        room = open_classroom(self.root / name)
        self.rooms.append(room)
        room.sync.pair(self.server.url,
                       enrollment.create_code(self.server.db, self.school_id, role))
        return room

    def lesson(self, room: Classroom, skill: int, taps: int) -> list[str]:
        return award_lesson(room, self.demo.id, self.students, self.skills[skill], taps)

    def sync_all(self) -> None:
        for room in (self.board, self.ta, self.board):
            sync(room)

    def restore(self, how: str) -> None:
        """Stop the server, put the backup back, mark a new epoch, start it again."""
        old_epoch = read_epoch(self.server.db)
        self.server.stop()
        copy_database(self.backup, self.database)
        if how == "marker file":
            self.settings.new_epoch_marker.touch()
        else:
            assert cli.main(["new-epoch", "--data-dir", str(self.settings.data_dir),
                             "--database-url", self.settings.database_url]) == 0
        self.server.start()
        assert read_epoch(self.server.db) != old_epoch
        assert not self.settings.new_epoch_marker.exists()

    def close(self) -> None:
        for room in self.rooms:
            room.close()
        self.server.stop()


@pytest.fixture
def kit(tmp_path: Path) -> Iterator[Restorable]:
    restorable = Restorable(tmp_path)
    yield restorable
    restorable.close()


@pytest.mark.expected_log("server epoch changed")
def test_devices_refill_a_server_restored_from_backup(kit: Restorable,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    board, ta = kit.board, kit.ta
    kit.lesson(board, 0, 6)  # lesson 1: synced, and in the backup
    kit.lesson(ta, 1, 5)
    kit.sync_all()
    copy_database(kit.database, kit.backup)

    lost = kit.lesson(board, 2, 7)  # lesson 2: synced after the backup, so lost
    lost += kit.lesson(ta, 0, 4)
    board.awards.undo(lost[:2])
    kit.sync_all()
    assert set(lost) <= set(ServerLedger.read(kit.database).award_ids())
    # Lesson 3: waiting on the whiteboard when the server goes down; the TA has sent all.
    waiting = kit.lesson(board, 1, 3)
    board.awards.undo(lost[-1:])  # an undo of a TA award the server is about to lose
    assert ta.sync.counts().waiting == 0

    kit.restore("marker file")
    assert not set(lost) & set(ServerLedger.read(kit.database).award_ids())
    board_report = sync(board)  # its push meets a gap: it resends from the server's last_seq
    ta_report = sync(ta)  # nothing to push; the pull shows the server lost its events
    assert board_report.requeued > 0 and ta_report.requeued > 0
    noticed = [r for r in caplog.records if "epoch changed" in r.getMessage()]
    assert len(noticed) == 2, "each device should meet the 410 once and start over"
    epoch = read_epoch(kit.server.db)
    for room in (board, ta):
        sync(room)  # each pulls what the other sent again
        position = room.sync.store.position()
        assert position is not None and position.epoch == epoch

    ledger = ServerLedger.read(kit.database)
    ledger.check_sound()
    for room in (board, ta):
        check_device_on_server(ledger, room)
        assert room.sync.counts().waiting == 0 and room.sync.counts().rejected == 0
    assert set(lost) | set(waiting) <= set(ledger.award_ids())
    assert sorted(ledger.award_ids()) == sorted(local_award_ids(board))
    assert history(board) == history(ta)
    assert board.awards.totals(kit.demo.id) == ta.awards.totals(kit.demo.id)
    assert all_time_totals(board) == all_time_totals(ta)
    assert set(lost[:2]) | set(lost[-1:]) <= set(history(board)[1])

    # A device enrolled after the restore gets exactly the same school.
    late = kit.device("late", "ta")
    sync(late)
    assert history(late) == history(board)


@pytest.mark.expected_log("server epoch changed")
def test_a_refused_event_the_server_lost_does_not_block_the_device(kit: Restorable) -> None:
    """The TA's roster change was refused after the backup; the restored server knows
    nothing of it. The TA must still get its awards through (the refused event is sent
    again and refused again), not stop at a gap forever."""
    board, ta = kit.board, kit.ta
    kit.lesson(ta, 0, 3)
    kit.sync_all()
    copy_database(kit.database, kit.backup)
    lost = kit.lesson(ta, 1, 2)
    ta.roster.add_student(kit.demo.id, "Zoë", "Nowak")  # a TA may not: refused
    lost += kit.lesson(ta, 2, 2)
    kit.sync_all()
    assert ta.sync.counts().rejected == 1

    kit.restore("new-epoch command")
    waiting = kit.lesson(ta, 0, 2)
    for room in (ta, board, ta, board):
        sync(room)

    ledger = ServerLedger.read(kit.database)
    ledger.check_sound()
    for room in (board, ta):
        check_device_on_server(ledger, room)
    assert ta.sync.counts().waiting == 0 and ta.sync.counts().rejected == 1
    assert set(lost) | set(waiting) <= set(ledger.award_ids())
    assert history(board) == history(ta)
