"""Kill the app with SIGKILL mid-write, over and over: nothing reported saved is ever lost.

A child process awards points in a loop and prints each award id right after
``awards.give`` returns. The parent kills it at a random moment, then checks the
database file with plain sqlite3: it passes ``quick_check``, every reported award is
there with its outbox row, and the outbox sequence has no gaps or duplicates.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dojo_desktop.core.hlc import Hlc
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.store.database import DATABASE_NAME

SRC = Path(__file__).resolve().parents[2] / "src"
CHILD = Path(__file__).resolve().with_name("award_loop.py")
ROUNDS = 20
START_TIMEOUT_S = 20.0

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]


def prepare_class(data_dir: Path) -> tuple[str, str, list[str]]:
    room = open_classroom(data_dir)
    try:
        group, _ = room.roster.create_class("4B")
        ids = [room.roster.add_student(group.id, f"Kid{i:02d}")[0].id for i in range(10)]
        skill = room.skills.list()[0]
        return group.id, skill.id, ids
    finally:
        room.close()


def read_available(fd: int, until: float) -> bytes:
    """Everything the child writes to ``fd`` until the monotonic time ``until``."""
    chunks = []
    while (left := until - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def read_line(fd: int, buffer: bytearray, timeout_s: float) -> bytes:
    deadline = time.monotonic() + timeout_s
    while b"\n" not in buffer:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(left, 0))
        if not ready:
            raise AssertionError("the child printed nothing in time")
        chunk = os.read(fd, 65536)
        if not chunk:
            raise AssertionError("the child exited before printing a line")
        buffer.extend(chunk)
    line, _, rest = bytes(buffer).partition(b"\n")
    buffer[:] = rest
    return line


def run_and_kill(data_dir: Path, args: list[str], rng: random.Random,
                 ) -> tuple[list[str], list[str]]:
    """Start the child, kill it at a random moment; the award and undo ids it reported."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])])}
    child = subprocess.Popen([sys.executable, str(CHILD), str(data_dir), *args],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert child.stdout is not None and child.stderr is not None
    fd = child.stdout.fileno()
    buffer = bytearray()
    try:
        notices = []
        while (line := read_line(fd, buffer, START_TIMEOUT_S)) != b"READY":
            notices.append(line.decode())
        assert notices == [], notices  # the previous kill must not look like damage
        buffer.extend(read_line(fd, buffer, START_TIMEOUT_S) + b"\n")  # printing has begun
        buffer.extend(read_available(fd, time.monotonic() + rng.uniform(0.05, 0.5)))
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    buffer.extend(child.stdout.read())
    stderr = child.stderr.read().decode(errors="replace")
    child.stdout.close()
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL, stderr  # killed, not crashed on its own
    awarded: list[str] = []
    undone: list[str] = []
    complete_lines = bytes(buffer).split(b"\n")[:-1]  # a cut-off last line was not reported
    for line in complete_lines:
        kind, *ids = line.decode().split()
        (awarded if kind == "A" else undone).extend(ids)
        assert kind in ("A", "U"), line
    return awarded, undone


def check_database(path: Path, awarded: list[str], undone: list[str]) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        award_ids = {r[0] for r in conn.execute("SELECT id FROM awards")}
        outbox_awards = {r[0] for r in conn.execute(
            "SELECT json_extract(payload, '$.award_id') FROM outbox WHERE kind='award_given'")}
        undo_ids = {r[0] for r in conn.execute("SELECT award_id FROM award_undos")}
        outbox_undos = {award_id for (payload,) in conn.execute(
            "SELECT payload FROM outbox WHERE kind='award_undone'")
            for award_id in json.loads(payload)["award_ids"]}
    finally:
        conn.close()
    assert not set(awarded) - award_ids, "an award reported as saved is missing"
    assert not set(awarded) - outbox_awards, "an award reported as saved has no outbox row"
    assert not set(undone) - undo_ids, "an undo reported as saved is missing"
    assert not set(undone) - outbox_undos
    assert award_ids == outbox_awards  # domain rows and outbox rows only ever come together
    assert undo_ids == outbox_undos


def test_sigkill_at_random_moments_loses_nothing(data_dir: Path) -> None:
    seed = random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    class_id, skill_id, student_ids = prepare_class(data_dir)
    args = [class_id, skill_id, ",".join(student_ids)]
    path = data_dir / DATABASE_NAME
    all_awarded: list[str] = []
    started = time.monotonic()
    for round_no in range(ROUNDS):
        awarded, undone = run_and_kill(data_dir, args, rng)
        assert awarded, f"round {round_no}: the child reported nothing (seed {seed})"
        check_database(path, awarded, undone)
        all_awarded.extend(awarded)
        assert not list(data_dir.glob("*.damaged-*")), f"round {round_no} (seed {seed})"
    assert time.monotonic() - started < 60

    assert len(set(all_awarded)) == len(all_awarded)
    check_database(path, all_awarded, [])
    conn = sqlite3.connect(path)
    try:
        seqs = [r[0] for r in conn.execute("SELECT seq FROM outbox ORDER BY seq")]
        stamps = [Hlc.parse(r[0]) for r in conn.execute("SELECT hlc FROM outbox ORDER BY seq")]
        next_seq = conn.execute("SELECT next_seq FROM device").fetchone()[0]
    finally:
        conn.close()
    assert seqs == list(range(1, len(seqs) + 1)), f"gaps or duplicates (seed {seed})"
    assert next_seq == len(seqs) + 1
    assert all(a < b for a, b in itertools.pairwise(stamps))
