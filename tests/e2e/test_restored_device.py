"""A device whose data folder is put back from an older copy of itself heals on its own.

The whiteboard's folder is copied; it awards, undoes and syncs a lesson; the copy is put
back (a restore from last week's backup, with the same computer and keyring), and the
board awards on, on a clock running behind. It sends everything (the server has other
events under the numbers its old counter hands out again: they are numbered anew), takes
its own lost lesson back from the server, and ends with the same totals as the TA's
laptop and the server: nothing refused, nothing lost, nothing counted twice.
"""

from __future__ import annotations

import json
import shutil
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ledger import (
    ServerLedger,
    all_time_totals,
    history,
    outbox,
    query,
    server_db_path,
    sync_until_idle,
)
from school_kit import School

from dojo_desktop.core.hlc import Hlc
from dojo_desktop.services.classroom import Classroom, open_classroom


def server_totals(ledger: ServerLedger) -> dict[str, int]:
    """Points per student from the server's log: awards less those undone."""
    undone = {award_id for e in ledger.events if e[4] == "award_undone"
              for award_id in json.loads(e[5])["award_ids"]}
    totals: Counter[str] = Counter()
    for e in ledger.events:
        if e[4] == "award_given":
            payload = json.loads(e[5])
            if payload["award_id"] not in undone:
                totals[payload["student_id"]] += payload["points"]
    return dict(totals)


def reopen(school: School, room: Classroom, folder: Path,
           now_ms: Callable[[], int] | None = None) -> Classroom:
    """Close ``room`` and open the app on ``folder`` again (optionally on ``now_ms``)."""
    school.devices.remove(room)
    room.close()
    again = open_classroom(folder) if now_ms is None else open_classroom(folder, now_ms=now_ms)
    school.devices.append(again)
    return again


def lesson(room: Classroom, class_id: str, students: list[str], skill: str,
           taps: int) -> list[str]:
    """``taps`` awards to one or three students, the last tap undone."""
    made: list[str] = []
    batch = ""
    for tap in range(taps):
        chosen = students[tap % len(students):][:1 + 2 * (tap % 2)]
        result = room.awards.give(class_id, chosen, skill)
        made.extend(result.award_ids)
        batch = result.batch_id
    room.awards.undo_batch(batch)
    return made


def test_a_board_put_back_from_an_older_copy_sends_everything_and_converges(
        school: School, sync: Callable[[Classroom], None], tmp_path: Path) -> None:
    board = school.device("board")
    demo = board.create_demo_class()
    sync(board)
    ta = school.device("ta", "ta")
    sync(ta)
    students = [s.id for s in board.roster.students(demo.id)]
    skill = board.skills.list()[0].id
    lesson(board, demo.id, students, skill, 20)
    sync(board)

    folder = board.ctx.data_dir
    backup = tmp_path / "board-backup"
    board = reopen(school, board, folder)  # a backup is taken of a closed app's folder
    shutil.copytree(folder, backup)
    lost = lesson(board, demo.id, students, skill, 40)  # the lesson the restore will lose
    sync(board)
    lesson(ta, demo.id, students, skill, 10)
    sync(ta)

    school.devices.remove(board)
    board.close()
    shutil.rmtree(folder)
    shutil.copytree(backup, folder)
    behind = 10 * 60 * 1000  # and its clock runs ten minutes behind now
    board = open_classroom(folder, now_ms=lambda: wall_ms() - behind)
    school.devices.append(board)
    assert lost[0] not in {a[0] for a in history(board)[0]}
    lesson(board, demo.id, students, skill, 30)  # numbered as the lost lesson was
    sync_until_idle(board)

    server_db = server_db_path(school.server.settings)
    ledger = ServerLedger.read(server_db)
    ledger.check_sound()
    assert board.sync.counts().rejected == 0
    assert {state for _, _, _, state in outbox(board)} == {"sent"}
    assert not ledger.rejected
    sync(ta)
    sync(board)
    assert history(board) == history(ta)
    assert all_time_totals(board) == all_time_totals(ta) == server_totals(ledger)
    assert set(lost) <= {a[0] for a in history(board)[0]}, "its own lost lesson came back"

    # Its lost events came back as its own, and its clock went past them: what it does now
    # orders after everything it did before, though its wall clock is behind.
    own_hlcs = [row[0] for row in query(server_db, "SELECT hlc FROM events WHERE "
                                        "device_id = ?", (board.ctx.device_id,))]
    board.awards.give(demo.id, [students[0]], skill)
    newest = Hlc.parse(board.sync.store.pending(1)[0].hlc)
    assert all(newest > Hlc.parse(hlc) for hlc in own_hlcs)
    engine = board.sync.engine()
    assert engine is not None
    try:
        report = engine.sync_once()
    finally:
        engine.transport.close()
    assert report.pushed == 1 and report.rejected == 0


def wall_ms() -> int:
    return time.time_ns() // 1_000_000
