"""Waiting events numbered again after the server's ``last_seq`` (a data folder put back
from an older copy): ids and order kept, the counter moved past, all or nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from outbox_kit import device_with_awards

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.sync.renumbering import REUSED_REFUSAL

AWARDS = 10


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Classroom]:
    classroom = device_with_awards(tmp_path / "device", AWARDS)
    yield classroom
    classroom.close()


def rows(path: Path) -> list[tuple[int, str, str]]:
    """(seq, event_id, state) of the outbox, by seq."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT seq, event_id, state FROM outbox ORDER BY seq").fetchall()
    finally:
        conn.close()


def next_seq(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT next_seq FROM device").fetchone()[0])
    finally:
        conn.close()


def mark(path: Path, seqs: range, state: str, error: str = "") -> None:
    conn = sqlite3.connect(path)
    try:
        conn.executemany("UPDATE outbox SET state = ?, last_error = ? WHERE seq = ?",
                         [(state, error, seq) for seq in seqs])
        conn.commit()
    finally:
        conn.close()


def award(room: Classroom) -> None:
    demo = room.roster.classes()[0]
    room.awards.give(demo.id, [room.roster.students(demo.id)[0].id], room.skills.list()[0].id)


def test_waiting_events_from_the_reused_one_take_the_numbers_after_the_servers(
        room: Classroom) -> None:
    path = room.ctx.db_path
    count = len(rows(path))
    mark(path, range(1, 5), "sent")  # 1-4 on the server; the rest wait
    before = rows(path)
    moved = room.sync.store.renumber(first_seq=7, server_last_seq=count + 20)
    assert moved == count - 6
    after = rows(path)
    assert after[:6] == before[:6]  # 1-6 keep their numbers (5 and 6 are the server's)
    assert [(seq, event_id) for seq, event_id, _ in after[6:]] == [
        (count + 21 + i, event_id) for i, (_, event_id, _) in enumerate(before[6:])]
    assert {state for _, _, state in after[6:]} == {"pending"}
    assert next_seq(path) == 2 * count + 15
    award(room)
    assert rows(path)[-1][0] == 2 * count + 15


def test_events_refused_for_a_reused_number_are_queued_again_in_order(
        room: Classroom) -> None:
    """As a server before ``seq_reused`` answered: refused, never sent again."""
    path = room.ctx.db_path
    count = len(rows(path))
    mark(path, range(1, 4), "sent")
    mark(path, range(4, 8), "rejected", f"seq 4 {REUSED_REFUSAL}; its numbering restarted")
    mark(path, range(8, count - 2), "sent")  # numbers past the server's, taken
    before = rows(path)
    assert room.sync.store.refused_for_reused_seq()
    # 4-7 refused, and the three waiting after them
    assert room.sync.store.renumber(None, 0) == 7
    after = rows(path)
    assert [(seq, event_id, state) for seq, event_id, state in after[-7:]] == [
        (count - 2 + i, event_id, "pending")
        for i, (_, event_id, _) in enumerate(before[3:7] + before[-3:])]
    assert not room.sync.store.refused_for_reused_seq()
    assert next_seq(path) == count + 5


def test_a_pull_answer_moves_the_counter_past_the_servers_last_seq(room: Classroom) -> None:
    path = room.ctx.db_path
    store = room.sync.store
    store.set_server("http://127.0.0.1:9", room.ctx.device_id, "epoch-1")
    count = len(rows(path))
    store.apply_page([], "cursor-1", "epoch-1", last_seq=count + 40)
    assert next_seq(path) == count + 41
    store.apply_page([], "cursor-2", "epoch-1", last_seq=5)  # never back
    assert next_seq(path) == count + 41


CRASH_MID_RENUMBER = """
import os, sys
from pathlib import Path
from dojo_desktop.sync import renumbering
from dojo_desktop.sync.sync_store import SyncStore

store = SyncStore(Path(sys.argv[1]))
counter_past = renumbering.counter_past

def _die(conn, server_last_seq):
    counter_past(conn, server_last_seq)  # the renumbering's last write
    os._exit(3)  # the power goes off with the renumbering written but not committed

renumbering.counter_past = _die

store.renumber(int(sys.argv[2]), int(sys.argv[3]))
"""


def test_a_crash_while_renumbering_leaves_the_outbox_as_it_was(room: Classroom) -> None:
    path = room.ctx.db_path
    mark(path, range(1, 3), "sent")
    before, counter = rows(path), next_seq(path)
    count = len(before)
    room.close()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", CRASH_MID_RENUMBER, str(path), "3", "500"],
                          env=env, timeout=60, check=False)
    assert done.returncode == 3
    assert rows(path) == before and next_seq(path) == counter
    again = open_classroom(path.parent)
    try:
        assert again.sync.store.renumber(3, 500) == count - 2
        assert [seq for seq, _, _ in rows(path)] == [1, 2, *range(501, 499 + count)]
        assert [event_id for _, event_id, _ in rows(path)] == [e for _, e, _ in before]
        assert next_seq(path) == 499 + count
    finally:
        again.close()
