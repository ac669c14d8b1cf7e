"""The new school year on the server, and the next sync of a board that was offline across
it: a generated school of 1,000 children, 60 staff, 50 classes (36 of them in year groups
1-6, 14 clubs) and 3,000 child enrolments, imported from OneRoster (``roster_import.py``'s
school), with a teacher for each class. Every class of years 1-5 is promoted ("Year 1" →
"Year 2" ...) and year 6 leaves. A board enrolled for a year-3 class, holding a whole-class
award it has not sent, then syncs with a real ``dojo-server serve``.

Baselines from the same run: applying the import of the same school (the same size of
write), and a sync of the board with nothing new.

    python benchmarks/rollover.py
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_server.db.models import Staff
from dojo_server.db.read_models import ClassMember, ClassView
from dojo_server.db.session import Database
from dojo_server.domain.rollover import apply_rollover, preview_rollover
from dojo_server.domain.rollover_plan import Promotion, RolloverRequest
from dojo_server.domain.roster_import import apply_import, read_roster
from dojo_server.domain.server_log import ServerEvent, server_device, write_events
from dojo_server.settings import sqlite_url
from roster_import import CLASSES, write_school
from sync_kit import ServerProcess, install_memory_keyring, machine_line

YEAR_CLASSES = 36  # Year 1 .. Year 6, six classes each; the rest are clubs
REQUEST = RolloverRequest("2027-2028", tuple(Promotion(f"Year {n}", f"Year {n + 1}")
                                             for n in range(1, 6)))


def name_classes(export: Path) -> None:
    """The builder's "Class N" titles as year groups and clubs."""
    path = export / "classes.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    for number, row in enumerate(rows[1:]):
        row[3] = (f"Year {number % 6 + 1} {'ABCDEF'[number // 6]}" if number < YEAR_CLASSES
                  else f"Club {number}")
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(rows)


def assign_teachers(db: Database, school_id: str) -> None:
    with db.write() as session:
        staff = list(session.scalars(select(Staff).where(Staff.school_id == school_id)
                                     .order_by(Staff.email)))
        classes = list(session.scalars(select(ClassView.id).where(
            ClassView.school_id == school_id).order_by(ClassView.name)))
        device = server_device(session, school_id, "bench-" + school_id, "Benchmark")
        write_events(session, school_id, device, [ServerEvent("class_teacher_assigned", {
            "class_id": class_id, "staff_id": staff[n % len(staff)].id,
            "name": staff[n % len(staff)].name, "at_ms": 1}) for n, class_id in
            enumerate(classes)])


def year3_class(db: Database, school_id: str) -> str:
    with db.read() as session:
        return str(session.execute(
            select(ClassMember.class_id).join(ClassView, (ClassView.id == ClassMember.class_id)
                                              & (ClassView.school_id == ClassMember.school_id))
            .where(ClassView.school_id == school_id, ClassView.name.startswith("Year 3"))
            .group_by(ClassMember.class_id).order_by(func.count().desc())).scalars().first())


def timed_sync(board: Classroom, profile: Path | None = None) -> float:
    engine = board.sync.engine()
    assert engine is not None
    profiler = cProfile.Profile() if profile else None
    try:
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        engine.sync_once()
        took = time.perf_counter() - started
        if profiler and profile:
            profiler.disable()
            profiler.dump_stats(profile)
        return took
    finally:
        engine.transport.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", type=Path, help="cProfile the board's sync into this file")
    args = parser.parse_args()
    install_memory_keyring()
    with tempfile.TemporaryDirectory(prefix="dojo-rollover-bench-") as tmp:
        root = Path(tmp)
        export = root / "export"
        export.mkdir()
        write_school(export)
        name_classes(export)
        with ServerProcess(root) as server:
            db = Database(sqlite_url(server.sqlite_path))
            school = server.school_id
            started = time.perf_counter()
            apply_import(db, school, read_roster(export))
            import_s = time.perf_counter() - started
            assign_teachers(db, school)
            class_id = year3_class(db, school)
            board = open_classroom(root / "board")
            board.sync.pair(server.url, server.cli(
                "enroll-code", "--school", school, "--role", "teacher", "--class",
                class_id).strip().splitlines()[-1], device_name="Year 3 board")
            timed_sync(board)  # its first download
            idle_s = min(timed_sync(board) for _ in range(3))
            children = [s.id for s in board.roster.students(class_id)]
            skill = board.skills.list()[0]
            board.awards.give(class_id, children, skill.id)  # waiting: the board is offline

            started = time.perf_counter()
            preview = preview_rollover(db, school, REQUEST)
            preview_s = time.perf_counter() - started
            started = time.perf_counter()
            summary = apply_rollover(db, school, REQUEST)
            apply_s = time.perf_counter() - started
            sync_s = timed_sync(board, args.profile)
            classes = [c.name for c in board.roster.classes()]
            waiting = board.sync.counts()
            board.close()
            db.dispose()
    print(machine_line())
    print(f"school: 1,000 children, 60 staff, {CLASSES} classes, 3,000 child enrolments; "
          f"{summary.events} rollover events, {summary.children_moved} moves, "
          f"{summary.count('leavers (archived)')} leavers")
    print(f"baseline, apply the import of the school:  {import_s * 1000:8.0f} ms")
    print(f"preview the rollover:                      {preview_s * 1000:8.0f} ms")
    print(f"apply the rollover, one transaction:       {apply_s * 1000:8.0f} ms  (goal ≤ 5000)")
    print(f"baseline, board's sync with nothing new:   {idle_s * 1000:8.0f} ms")
    print(f"offline board's next sync (push {len(children)} awards, pull the new year): "
          f"{sync_s * 1000:8.0f} ms  (goal ≤ 2000)")
    assert preview.sections == summary.sections
    assert waiting.waiting == waiting.rejected == 0, waiting
    assert len(classes) == 1 and classes[0].startswith("Year 4"), classes


if __name__ == "__main__":
    main()
