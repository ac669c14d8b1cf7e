"""The write-ahead log is copied back once the taps pause, never inside a tap's commit."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from dojo_desktop.core import events as ev
from dojo_desktop.core.hlc import HybridClock
from dojo_desktop.core.ids import uuid7
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.store.database import DATABASE_NAME
from dojo_desktop.store.writer import Writer

TAPS = 250  # each adds several pages to the log: well past SQLite's 1,000-page default


def log_state(path: Path) -> tuple[int, int]:
    """(frames in the log, frames already copied back), read from the WAL index."""
    shm = path.with_name(path.name + "-shm").read_bytes()
    return (int.from_bytes(shm[16:20], sys.byteorder),  # the header's mxFrame
            int.from_bytes(shm[96:100], sys.byteorder))  # the checkpoint's nBackfill


def tap_many(data_dir: Path, quiet_s: float) -> tuple[Writer, Path]:
    room = open_classroom(data_dir)
    group, _ = room.roster.create_class("4B")
    kids = [room.roster.add_student(group.id, f"Kid {i}")[0].id for i in range(28)]
    skill = room.skills.list()[0]
    device_id = room.ctx.device_id
    room.close()
    path = data_dir / DATABASE_NAME
    writer = Writer(path, checkpoint_quiet_s=quiet_s)
    clock = HybridClock(device_id, None)
    for i in range(TAPS):
        writer.record([ev.award_given(
            clock.now(), award_id=uuid7(), student_id=kids[i % 28], class_id=group.id,
            skill_id=skill.id, points=skill.points, batch_id=uuid7(),
            at_ms=time.time_ns() // 1_000_000)])
    return writer, path


def test_taps_leave_the_log_to_the_checkpointer(data_dir: Path) -> None:
    writer, path = tap_many(data_dir, quiet_s=3600)  # no pause long enough: no checkpoint
    try:
        frames, copied = log_state(path)
        assert frames > 1000
        assert copied == 0
    finally:
        writer.close()


def test_once_the_taps_pause_the_log_is_copied_back(data_dir: Path) -> None:
    writer, path = tap_many(data_dir, quiet_s=0.2)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and log_state(path)[1] == 0:
            time.sleep(0.05)
        frames, copied = log_state(path)
        assert writer._checkpointer.done >= 1
        assert frames > 0 and copied == frames
    finally:
        writer.close()
