"""A copied folder taking an identity of its own: what it sent stays known as the old
device's, what waits is numbered 1, 2, 3 … for the new one, nothing of the class is lost."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from dojo_desktop.core.ids import uuid7
from dojo_desktop.services.classroom import Classroom, open_classroom


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Classroom]:
    classroom = open_classroom(tmp_path / "device")
    demo = classroom.create_demo_class()
    student = classroom.roster.students(demo.id)[0].id
    skill = classroom.skills.list()[0].id
    for _ in range(6):
        classroom.awards.give(demo.id, [student], skill)
    yield classroom
    classroom.close()


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_copy_becomes_a_device_of_its_own_keeping_everything(room: Classroom) -> None:
    path = room.ctx.db_path
    old_id = room.ctx.device_id
    count = len(query(path, "SELECT seq FROM outbox"))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE outbox SET state = 'sent' WHERE seq <= ?", (count - 4,))
    conn.execute("UPDATE outbox SET state = 'rejected', last_error = 'no' WHERE seq = ?",
                 (count - 3,))
    conn.commit()
    conn.close()
    sent = [r[0] for r in query(path, "SELECT event_id FROM outbox WHERE state = 'sent'")]
    waiting = [r[0] for r in query(path, "SELECT event_id FROM outbox WHERE seq > "
                                         f"{count - 4} ORDER BY seq")]
    awards_before = query(path, "SELECT id, device_id FROM awards ORDER BY id")
    store = room.sync.store
    store.set_server("http://127.0.0.1:9", old_id, "epoch-1")
    store.apply_page([], "cursor-1", "epoch-1")

    new_id = uuid7()
    assert store.take_new_identity("http://127.0.0.1:9", new_id, "epoch-1") == 4
    room.ctx.new_device_id(new_id)

    assert query(path, "SELECT seq, event_id, state FROM outbox ORDER BY seq") == [
        (seq, event_id, "pending") for seq, event_id in enumerate(waiting, start=1)]
    assert sorted(r[0] for r in query(
        path, f"SELECT event_id FROM pulled_events WHERE device_id = '{old_id}'")) == sorted(sent)
    assert query(path, "SELECT id, device_id FROM awards ORDER BY id") == awards_before
    position = store.position()
    assert position is not None
    assert (position.device_id, position.cursor) == (new_id, "cursor-1")  # same server
    demo = room.roster.classes()[0]
    room.awards.give(demo.id, [room.roster.students(demo.id)[0].id], room.skills.list()[0].id)
    assert query(path, "SELECT MAX(seq) FROM outbox") == [(5,)]
    newest = room.sync.store.pending(10)[-1]
    assert newest.hlc.endswith(new_id)
    assert newest.hlc > max(item.hlc for item in room.sync.store.pending(4))


def test_another_server_or_epoch_starts_the_cursor_again(room: Classroom) -> None:
    store = room.sync.store
    store.set_server("http://127.0.0.1:9", room.ctx.device_id, "epoch-1")
    store.apply_page([], "cursor-1", "epoch-1")
    store.take_new_identity("http://127.0.0.1:9", uuid7(), "epoch-2")
    position = store.position()
    assert position is not None and position.cursor == "" and position.epoch == "epoch-2"
