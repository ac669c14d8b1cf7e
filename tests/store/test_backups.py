"""Backups of the class database: made while taps go on, checked, pruned, and put back after
damage without deleting anything."""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from pathlib import Path

from dbfiles import dump_tables, quick_check
from test_database import make_filled_db

from dojo_desktop.services.backups import recovery_for, restore
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.store.backups import (
    DAILY,
    KEEP,
    Backup,
    backups_dir,
    daily_backup_due,
    latest_good_backup,
    list_backups,
    make_backup,
    prune,
)
from dojo_desktop.store.database import DATABASE_NAME, connect


def aged(backup: Backup, days: float) -> Backup:
    """The backup as if made ``days`` ago."""
    when = time.time() - days * 86_400
    os.utime(backup.path, (when, when))
    return Backup(backup.path, int(when * 1000), backup.reason)


def test_a_backup_made_while_taps_go_on_holds_every_tap_before_it(data_dir: Path) -> None:
    room = open_classroom(data_dir)
    group, _ = room.roster.create_class("4B")
    ids = [room.roster.add_student(group.id, f"Child {i}")[0].id for i in range(28)]
    skill = room.skills.list()[0]
    stop, tapped, failures = threading.Event(), [0], []

    def taps() -> None:
        while not stop.is_set():
            try:
                room.awards.give(group.id, [ids[tapped[0] % 28]], skill.id)
                tapped[0] += 1
            except Exception as exc:
                failures.append(exc)
                return

    worker = threading.Thread(target=taps)
    worker.start()
    try:
        # Every other one as the daily backup makes it: yielding to the taps.
        backups = [make_backup(room.ctx.db_path, backups_dir(data_dir), DAILY,
                               yield_to_taps=n % 2 == 1)
                   for n in range(5)]
    finally:
        stop.set()
        worker.join()
    try:
        assert failures == []
        assert tapped[0] > 0
        counts = [len(dump_tables(b.path)["awards"]) for b in backups]
        assert counts == sorted(counts)  # each a moment of the live file, in order
        assert all(quick_check(b.path) == "ok" for b in backups)
        assert counts[-1] <= tapped[0]
    finally:
        room.close()
    assert not list(backups_dir(data_dir).glob("*.partial"))


def test_a_backup_in_many_steps_is_one_moment_however_often_taps_commit(
        tmp_path: Path) -> None:
    # Between two steps of an online backup, a commit by another connection starts the
    # copy over unless the backup holds its read snapshot: with a commit every step,
    # it would never end.
    path = tmp_path / DATABASE_NAME
    writer = connect(path)
    writer.execute("CREATE TABLE taps (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    writer.execute("BEGIN")
    writer.executemany("INSERT INTO taps (body) VALUES (?)", [("x" * 200,)] * 10_000)
    writer.execute("COMMIT")
    stop, committed = threading.Event(), [0]

    def taps() -> None:
        while not stop.is_set():
            writer.execute("INSERT INTO taps (body) VALUES ('tap')")
            committed[0] += 1
            time.sleep(0.0005)

    worker = threading.Thread(target=taps)
    worker.start()
    made: list[Backup] = []
    backing_up = threading.Thread(target=lambda: made.append(
        make_backup(path, backups_dir(tmp_path), DAILY, step_pages=4)))
    try:
        backing_up.start()
        backing_up.join(timeout=60)
    finally:
        stop.set()
        worker.join()
    writer.close()
    assert not backing_up.is_alive(), "the backup kept starting over"
    assert committed[0] > 0
    (backup,) = made
    assert quick_check(backup.path) == "ok"
    rows = len(dump_tables(backup.path)["taps"])
    assert 10_000 <= rows <= 10_000 + committed[0]


def test_a_daily_backup_is_due_after_a_day_and_pruning_keeps_the_newest_of_each_kind(
        data_dir: Path) -> None:
    path = make_filled_db(data_dir)
    folder = backups_dir(data_dir)
    now_ms = time.time_ns() // 1_000_000
    assert daily_backup_due(folder, now_ms)
    daily = [aged(make_backup(path, folder, DAILY), days + 0.01)
             for days in range(10, 0, -1)]
    assert daily_backup_due(folder, now_ms)  # the newest is a day old
    daily.append(make_backup(path, folder, DAILY))
    assert not daily_backup_due(folder, time.time_ns() // 1_000_000)
    before = [aged(make_backup(path, folder, f"before-000{n}_x"), 20 - n) for n in range(5)]
    removed = prune(folder)
    kept = list_backups(folder)
    assert {b.path for b in kept} == ({b.path for b in daily[-KEEP[DAILY]:]}
                                      | {b.path for b in before[-KEEP["before"]:]})
    assert set(removed) == {b.path for b in daily[:-KEEP[DAILY]] + before[:-KEEP["before"]]}
    assert kept[0].path == daily[-1].path  # newest first


def test_a_damaged_database_comes_back_from_the_latest_good_backup_and_nothing_is_deleted(
        data_dir: Path) -> None:
    path = make_filled_db(data_dir, students=12)
    folder = backups_dir(data_dir)
    good = aged(make_backup(path, folder, DAILY), 1)
    before = dump_tables(good.path)
    broken = make_backup(path, folder, DAILY)  # the newest backup is damaged too
    broken.path.write_bytes(random.Random(1).randbytes(4096))
    assert latest_good_backup(folder) == good
    garbage = random.Random(2).randbytes(64 * 1024)
    path.write_bytes(garbage)

    room = open_classroom(data_dir)
    assert room.damage is not None
    assert room.roster.classes() == []  # a new, empty database meanwhile
    recovery = recovery_for(data_dir, room.damage)
    assert recovery.backup == good and not recovery.paired
    room.close()
    restore(data_dir, good)

    room = open_classroom(data_dir)
    try:
        assert room.damage is None
        assert [c.name for c in room.roster.classes()] == ["4B"]
    finally:
        room.close()
    assert dump_tables(path) == before
    kept = {p.name: p for p in data_dir.iterdir()}
    [damaged] = [p for name, p in kept.items() if name.startswith(f"{DATABASE_NAME}.damaged-")
                 and not name.endswith(("-wal", "-shm"))]
    assert damaged.read_bytes() == garbage
    assert any(name.startswith(f"{DATABASE_NAME}.replaced-") for name in kept)  # the empty one
    assert broken.path.exists()  # a damaged backup is not deleted either


def test_a_paired_devices_backup_says_so(data_dir: Path) -> None:
    path = make_filled_db(data_dir)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO sync_state (server_url, device_id, cursor, epoch, hlc) "
                     "VALUES ('https://school.example', 'dev', '', 'e', '')")
    conn.close()
    make_backup(path, backups_dir(data_dir), DAILY)
    path.write_bytes(b"not a database" * 100)
    room = open_classroom(data_dir)
    try:
        assert room.damage is not None
        assert recovery_for(data_dir, room.damage).paired
    finally:
        room.close()


def test_the_daily_backup_service_makes_one_a_day(data_dir: Path) -> None:
    make_filled_db(data_dir)
    room = open_classroom(data_dir)
    try:
        first = room.backups.make_if_due()
        assert first is not None and first.reason == DAILY
        assert room.backups.make_if_due() is None
        aged(first, 1.01)
        assert room.backups.make_if_due() is not None
        assert len(room.backups.list()) == 2
    finally:
        room.close()
