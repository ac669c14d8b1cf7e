"""The school server is restored from an older backup, and the devices put back what it lost.

Devices sync a lesson; the server database is backed up; a second lesson is synced (the
server will lose it) and a third is still waiting on the devices when the server goes
down. The backup is put back and the server starts again on the same address: either
with a new epoch marked (``dojo-server restore``, which leaves the NEW_EPOCH file, or
``dojo-server new-epoch``), or by hand, the file copied back (or ``pg_restore`` run) and
nothing else, so the server must find out by itself. Each device then notices (pull answers 410),
pulls the school from the start, sends again what the server lost (it answers "gap" or
reports a lower ``last_seq``), and sends its waiting outbox. At the end the server has
every award exactly once and every device the same totals and history as the server.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from ledger import (
    ServerLedger,
    all_time_totals,
    check_device_on_server,
    history,
    local_award_ids,
)
from servers import ThreadServer
from test_scheduler import scheduler_for, until

from dojo_desktop.core.sync_status import SyncStatus
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.sync.engine import SyncReport
from dojo_protocol.cursor import decode_cursor
from dojo_server import cli
from dojo_server.db import backups
from dojo_server.domain import enrollment, schools
from dojo_server.settings import DATABASE_NAME, Settings, sqlite_url
from dojo_server.sync.epoch import read_epoch

RESTORED = "restored from a backup"  # the server's warning when a device proves it


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
    """A live server (on a SQLite file, or on PostgreSQL when given its URL), a whiteboard
    and a TA laptop synced, and ways to back the server up and restore it."""

    def __init__(self, root: Path, database_url: str | None = None) -> None:
        self.root = root
        self.database = root / "server" / DATABASE_NAME
        self.settings = Settings(data_dir=root / "server",
                                 database_url=database_url or sqlite_url(self.database))
        self.on_sqlite = database_url is None
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

    def back_up(self) -> None:
        """``dojo-server backup``'s copy, taken while the server runs."""
        backups.backup(self.settings.database_url, self.backup)

    def restore(self, how: str) -> None:
        """Stop the server, put the backup back and mark a new epoch (``dojo-server
        restore`` does both), start it again."""
        old_epoch = read_epoch(self.server.db)
        self.server.stop()
        where = ["--data-dir", str(self.settings.data_dir),
                 "--database-url", self.settings.database_url]
        if how == "restore command":
            assert cli.main(["restore", str(self.backup), *where]) == 0
        else:
            copy_database(self.backup, self.database)
            assert cli.main(["new-epoch", *where]) == 0
        self.server.start()
        assert read_epoch(self.server.db) != old_epoch
        assert not self.settings.new_epoch_marker.exists()

    def restore_by_hand(self) -> str:
        """Stop the server, put the backup back as IT does by hand (the file copied over
        the database; ``pg_restore`` on PostgreSQL), and nothing else; start it again.
        Returns the epoch it starts in: the one it had when the backup was taken."""
        self.server.stop()
        if self.on_sqlite:
            assert not Path(f"{self.database}-wal").exists()
            shutil.copyfile(self.backup, self.database)
        else:
            options, env = backups.pg_connection(self.settings.database_url)
            subprocess.run([str(backups.pg_tool("pg_restore")), *options, "--clean",
                            "--if-exists", "--no-owner", str(self.backup)],
                           env=env, check=True, capture_output=True, timeout=120)
        self.server.start()
        assert not self.settings.new_epoch_marker.exists()
        return read_epoch(self.server.db)

    def ledger(self) -> ServerLedger:
        if self.on_sqlite:
            return ServerLedger.read(self.database)
        conninfo = self.settings.database_url.replace("+psycopg", "")

        def run(sql: str) -> list[tuple[Any, ...]]:
            with psycopg.connect(conninfo) as conn:
                return list(conn.execute(sql).fetchall())
        return ServerLedger.read_with(run)

    def converged(self, rooms: list[Classroom]) -> ServerLedger:
        """Check every device agrees with the server, and the server holds everything
        any device has; the server's ledger."""
        ledger = self.ledger()
        ledger.check_sound()
        epoch = read_epoch(self.server.db)
        totals = ledger.totals()
        for room in rooms:
            check_device_on_server(ledger, room)
            assert room.sync.counts().waiting == 0
            position = room.sync.store.position()
            assert position is not None and position.epoch == epoch
            assert local_award_ids(room) <= set(ledger.award_ids())
            assert all_time_totals(room) == totals, "a device's totals differ from the server's"
            assert history(room) == history(rooms[0])
        return ledger

    def close(self) -> None:
        for room in self.rooms:
            room.close()
        self.server.stop()


def sync_until_quiet(rooms: list[Classroom], rounds: int = 6) -> None:
    """Sync each device in turn until a whole round moves nothing."""
    for _ in range(rounds):
        reports = [sync(room) for room in rooms]
        if all(not (r.pushed or r.requeued or r.pulled.applied) for r in reports) \
                and all(room.sync.counts().waiting == 0 for room in rooms):
            return
    raise AssertionError("the devices did not settle")


def proofs(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The server's warnings that a device proved it was restored."""
    return [r.getMessage() for r in caplog.records if RESTORED in r.getMessage()]


@pytest.fixture
def kit(tmp_path: Path) -> Iterator[Restorable]:
    restorable = Restorable(tmp_path)
    yield restorable
    restorable.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_kit(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Restorable]:
    """A ``Restorable`` on each kind of database the server supports."""
    database_url = None
    if request.param == "postgresql":
        cluster = request.getfixturevalue("postgres")
        if cluster is None:
            pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
        database_url = cluster.new_database()
    restorable = Restorable(tmp_path, database_url)
    yield restorable
    restorable.close()


@pytest.mark.expected_log("server epoch changed", RESTORED)
def test_a_server_put_back_by_hand_finds_out_and_the_devices_refill_it(
        any_kit: Restorable, caplog: pytest.LogCaptureFixture) -> None:
    """The school's case: the backup put back without ``new-epoch``. The restored server
    hands out numbers the devices have passed; it must notice by itself, and every device
    end with the server's totals, the server with every event any device had."""
    kit = any_kit
    board, ta = kit.board, kit.ta
    kit.lesson(board, 0, 6)  # lesson 1: synced, and in the backup
    kit.lesson(ta, 1, 5)
    kit.sync_all()
    kit.back_up()
    old_epoch = read_epoch(kit.server.db)

    lost = kit.lesson(board, 2, 3)  # lesson 2: synced after the backup, so lost
    lost += kit.lesson(ta, 0, 9)
    board.awards.undo(lost[:2])
    kit.sync_all()
    assert set(lost) <= set(kit.ledger().award_ids())
    waiting = kit.lesson(board, 1, 3)  # lesson 3: waiting when the server goes down

    assert kit.restore_by_hand() == old_epoch
    assert not set(lost) & set(kit.ledger().award_ids())
    sync_until_quiet([board, ta])

    ledger = kit.converged([board, ta])
    assert set(lost) | set(waiting) <= set(ledger.award_ids())
    assert len(proofs(caplog)) == 1, "the restore should be proved once"
    assert read_epoch(kit.server.db) != old_epoch
    assert set(lost[:2]) <= set(history(ta)[1])
    late = kit.device("late", "ta")  # enrolled after: exactly the same school
    sync(late)
    assert history(late) == history(board)


@pytest.mark.expected_log("server epoch changed", RESTORED)
def test_a_cursor_overtaken_by_a_push_after_the_restore_still_proves_it(
        kit: Restorable, caplog: pytest.LogCaptureFixture) -> None:
    """The whiteboard, offline since the backup, agrees with the restored server and pushes
    first, past the place the TA had pulled to. The TA's cursor then looks valid by its
    number alone; the event it names shows the server was restored."""
    board, ta = kit.board, kit.ta
    office = kit.device("office", "teacher")
    kit.lesson(board, 0, 4)
    kit.sync_all()
    sync(office)
    kit.back_up()
    lost = kit.lesson(office, 1, 4)  # lost; the office laptop then stays away a while
    sync(office)
    sync(ta)  # the TA pulled them: its cursor stands past the backup's end
    offline = kit.lesson(board, 2, 12)  # on the whiteboard, offline since the backup
    assert len(offline) > len(lost)

    kit.restore_by_hand()
    sync(board)  # nothing it has seen is missing: its events are taken
    assert not proofs(caplog)
    ta_position = ta.sync.store.position()
    assert ta_position is not None
    assert decode_cursor(ta_position.cursor).seq < len(kit.ledger().events)

    sync(ta)
    assert set(offline) <= local_award_ids(ta), "the TA missed the whiteboard's awards"
    assert [ta.ctx.device_id in message and "another event" in message
            for message in proofs(caplog)] == [True]
    sync_until_quiet([office, board, ta])
    ledger = kit.converged([board, ta, office])
    assert set(lost) | set(offline) <= set(ledger.award_ids())


@pytest.mark.parametrize("first", ["push", "pull"])
@pytest.mark.expected_log("server epoch changed", RESTORED)
def test_a_device_whose_acknowledged_events_the_server_lost_proves_it(
        kit: Restorable, first: str, caplog: pytest.LogCaptureFixture) -> None:
    """The TA pushed after the backup and pulled nothing since: its cursor agrees with the
    restored server, but the server had acknowledged events it no longer has. Its first
    contact, a push or a pull, proves the restore before any new event is taken."""
    board, ta = kit.board, kit.ta
    kit.lesson(board, 0, 3)
    kit.sync_all()
    kit.back_up()
    lost = kit.lesson(ta, 1, 3)
    engine = ta.sync.engine()
    assert engine is not None
    try:
        assert engine.push_all().pushed == len(lost)
    finally:
        engine.transport.close()
    waiting = kit.lesson(ta, 2, 1) if first == "push" else []

    kit.restore_by_hand()
    sync(ta)
    assert [ta.ctx.device_id in message and "acknowledged" in message
            for message in proofs(caplog)] == [True]
    sync_until_quiet([board, ta])
    ledger = kit.converged([board, ta])
    assert set(lost) | set(waiting) <= set(ledger.award_ids())


@pytest.mark.expected_log("server epoch changed", RESTORED)
def test_two_devices_proving_the_restore_at_once_make_one_new_epoch(
        kit: Restorable, caplog: pytest.LogCaptureFixture) -> None:
    board, ta = kit.board, kit.ta
    kit.lesson(board, 0, 2)
    kit.sync_all()
    kit.back_up()
    kit.lesson(board, 1, 3)
    kit.sync_all()  # both have pulled past the backup's end
    old_epoch = kit.restore_by_hand()

    engines = [room.sync.engine() for room in (board, ta)]
    start = threading.Barrier(len(engines))
    failures: list[BaseException] = []

    def pull(engine: Any) -> None:
        try:
            start.wait()
            engine.pull_all()
        except BaseException as exc:  # reported below
            failures.append(exc)
        finally:
            engine.transport.close()

    threads = [threading.Thread(target=pull, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures
    assert len(proofs(caplog)) == 1
    epoch = read_epoch(kit.server.db)
    assert epoch != old_epoch
    sync_until_quiet([board, ta])
    assert read_epoch(kit.server.db) == epoch
    kit.converged([board, ta])


@pytest.mark.expected_log("server epoch changed")
def test_devices_refill_a_server_restored_from_backup(kit: Restorable,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    board, ta = kit.board, kit.ta
    kit.lesson(board, 0, 6)  # lesson 1: synced, and in the backup
    kit.lesson(ta, 1, 5)
    kit.sync_all()
    kit.back_up()

    lost = kit.lesson(board, 2, 7)  # lesson 2: synced after the backup, so lost
    lost += kit.lesson(ta, 0, 4)
    board.awards.undo(lost[:2])
    kit.sync_all()
    assert set(lost) <= set(ServerLedger.read(kit.database).award_ids())
    # Lesson 3: waiting on the whiteboard when the server goes down; the TA has sent all.
    waiting = kit.lesson(board, 1, 3)
    board.awards.undo(lost[-1:])  # an undo of a TA award the server is about to lose
    assert ta.sync.counts().waiting == 0

    kit.restore("restore command")
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
    kit.back_up()
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


@pytest.mark.expected_log("server epoch changed", RESTORED)
def test_running_schedulers_heal_a_server_put_back_by_hand(
        kit: Restorable, caplog: pytest.LogCaptureFixture) -> None:
    """The app's own loops, long polls open, across the restart: nothing but the network
    coming back wakes them."""
    board, ta = kit.board, kit.ta
    statuses: list[SyncStatus] = []

    def agrees() -> bool:
        try:
            kit.converged([board, ta])
        except AssertionError:
            return False
        return True

    async def scenario() -> None:
        schedulers = [scheduler_for(room, statuses, []) for room in (board, ta)]
        for scheduler in schedulers:
            scheduler.start()
        kit.lesson(board, 0, 4)
        kit.lesson(ta, 1, 4)
        await until(agrees, seen=statuses)
        kit.back_up()
        lost = kit.lesson(ta, 2, 6) + kit.lesson(board, 1, 2)
        await until(agrees, seen=statuses)
        kit.restore_by_hand()
        for scheduler in schedulers:
            scheduler.network_changed()
        waiting = kit.lesson(board, 0, 2)
        await until(agrees, timeout=30, seen=statuses)
        for scheduler in schedulers:
            await scheduler.stop()
        assert set(lost) | set(waiting) <= set(kit.ledger().award_ids())

    asyncio.run(scenario())
    assert len(proofs(caplog)) == 1
