"""SIGKILL during a new device's first sync, over and over: the database stays usable and
keeps what the device made, and a later run completes the download.

A child process pulls the school for the first time (whole, see sync/first_sync_tables.py) and
is killed after a random page of the download, or as the download is being taken into
the live database (the last such kill may land after the commit: then the download is
there whole). After each kill the file passes ``PRAGMA quick_check``, the app
opens it, the device's own unsent award is still there, and the school is either not
there at all or there whole. A last run is left to finish, and the device then holds
what the whiteboard holds.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bootstrap_kit import build_history
from school_kit import School
from servers import child_env

from dojo_desktop.core.default_skills import DEFAULT_SKILLS
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.services.machine_identity import keyring_machine_id
from dojo_desktop.store.database import DATABASE_NAME

CHILD = Path(__file__).resolve().with_name("bootstrap_child.py")
PAGE = 20
RANDOM_KILLS = 5
AIMED_KILLS = 3
START_TIMEOUT_S = 30.0

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]


def start_child(data_dir: Path, token: str) -> subprocess.Popen[str]:
    env = {**child_env(), "DOJO_TEST_TOKEN": token,
           "DOJO_TEST_MACHINE_ID": keyring_machine_id()}
    child = subprocess.Popen([sys.executable, str(CHILD), str(data_dir), str(PAGE)],
                             stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    return child


def wait_for(child: subprocess.Popen[str], word: str) -> str:
    assert child.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            raise AssertionError(f"the child exited before printing {word}")
        if line.startswith(word):
            return line.strip()
    raise AssertionError(f"the child printed no {word} in time")


def kill(child: subprocess.Popen[str]) -> None:
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    assert child.stdout is not None
    child.stdout.close()


def check_after_kill(data_dir: Path, own_award: str, whole: int) -> int:
    """The file is sound, opens, keeps the device's award; returns the pulled count."""
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    try:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        pulled = conn.execute("SELECT count(*) FROM pulled_events").fetchone()[0]
        cursor = conn.execute("SELECT cursor FROM sync_state").fetchone()[0]
        state = conn.execute("SELECT state FROM outbox o JOIN awards a ON a.id = ? "
                             "WHERE o.payload LIKE '%' || a.id || '%'",
                             (own_award,)).fetchall()
    finally:
        conn.close()
    assert pulled in (0, whole), f"half a download reached the database: {pulled}"
    assert (cursor == "") == (pulled == 0)
    assert state == [("pending",)], "the device's own unsent award is lost"
    room = open_classroom(data_dir)
    room.close()
    return int(pulled)


def test_sigkill_during_first_sync(school: School) -> None:
    board = school.device("whiteboard")
    class_id = build_history(board, taps=300)
    conn = sqlite3.connect(board.ctx.db_path)
    # All it made, and the school's default skills the server wrote when it made the school.
    whole = int(conn.execute("SELECT count(*) FROM outbox").fetchone()[0]) + len(DEFAULT_SKILLS)
    conn.close()
    pages = whole // PAGE

    data_dir = school.root / "laptop"
    laptop = open_classroom(data_dir)
    laptop.sync.pair(school.url, school.code(), device_name="laptop")
    club, _ = laptop.roster.create_class("Chess club")
    kid = laptop.roster.add_student(club.id, "Ada")[0].id
    own_award = laptop.awards.give(club.id, [kid], laptop.skills.list()[0].id).award_ids[0]
    token = laptop.sync.token()
    assert token is not None
    laptop.close()

    rng = random.Random(20261123)
    for round_ in range(RANDOM_KILLS + AIMED_KILLS):
        child = start_child(data_dir, token)
        try:
            wait_for(child, "READY")
            if round_ < RANDOM_KILLS:
                for _ in range(rng.randrange(1, pages)):
                    wait_for(child, "PAGE")
                time.sleep(rng.uniform(0.0, 0.01))
            else:
                wait_for(child, "TAKING")
                time.sleep(rng.uniform(0.0, 0.02))
        finally:
            kill(child)
        if check_after_kill(data_dir, own_award, whole) == whole:
            assert round_ >= RANDOM_KILLS, "a kill during the download kept half of it"
            break  # the take-in committed before the kill: nothing left to interrupt

    child = start_child(data_dir, token)
    try:
        wait_for(child, "DONE")
        assert child.wait(30) == 0
    finally:
        kill(child)
    assert check_after_kill(data_dir, own_award, whole) == whole
    laptop = open_classroom(data_dir)
    try:
        assert laptop.sync.store.class_digest(class_id) == board.sync.store.class_digest(
            class_id)
        assert laptop.awards.totals(class_id) == board.awards.totals(class_id)
    finally:
        laptop.close()
