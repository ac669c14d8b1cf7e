"""Two app instances and one server: awards on both, one offline for a while, and both
end with the same totals and the same history."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from school_kit import School

from dojo_desktop.services.classroom import Classroom


def history(classroom: Classroom) -> tuple[list[tuple[str, str, int]], list[str]]:
    conn = sqlite3.connect(classroom.ctx.db_path)
    try:
        awards = conn.execute("SELECT id, student_id, points FROM awards ORDER BY id").fetchall()
        undos = [r[0] for r in conn.execute("SELECT award_id FROM award_undos ORDER BY 1")]
    finally:
        conn.close()
    return awards, undos


def test_whiteboard_and_ta_converge(school: School, sync: Callable[[Classroom], None]) -> None:
    board = school.device("whiteboard", "teacher")
    demo = board.create_demo_class()
    sync(board)

    ta = school.device("ta-laptop", "ta")
    sync(ta)
    assert [c.name for c in ta.roster.classes()] == [demo.name]
    students = [s.id for s in ta.roster.students(demo.id)]
    assert len(students) == 28
    skills = {s.name: s.id for s in board.skills.list()}
    assert {s.name: s.id for s in ta.skills.list()} == skills, "one set of default skills"

    # The whiteboard is offline for a lesson: it keeps awarding, nothing is lost.
    for i in range(10):
        board.awards.give(demo.id, [students[i]], skills["Helping others"])
    whole = board.awards.give(demo.id, students, skills["Teamwork"])
    # Meanwhile the TA awards and syncs.
    for i in range(10, 20):
        ta.awards.give(demo.id, [students[i]], skills["Working hard"])
    undone_by_ta = ta.awards.give(demo.id, [students[0]], skills["Persistence"])
    ta.awards.undo_batch(undone_by_ta.batch_id)
    sync(ta)

    # The whiteboard comes back: it pushes its lesson and pulls the TA's.
    sync(board)
    sync(ta)
    assert board.awards.totals(demo.id) == ta.awards.totals(demo.id)
    assert history(board) == history(ta)
    # An undo from one device of the other's award travels too.
    ta.awards.undo_batch(whole.batch_id)
    sync(ta)
    sync(board)
    assert board.awards.totals(demo.id) == ta.awards.totals(demo.id)
    assert history(board) == history(ta)
    assert board.sync.counts().waiting == 0 and ta.sync.counts().waiting == 0


def test_ta_roster_change_is_refused_but_kept(school: School,
                                              sync: Callable[[Classroom], None]) -> None:
    board = school.device("whiteboard", "teacher")
    group, _ = board.roster.create_class("5C")
    sync(board)
    ta = school.device("ta-laptop", "ta")
    sync(ta)
    ta.roster.add_student(group.id, "Zoë", "Nowak")  # a TA may not change the roster
    sync(ta)
    rejected = ta.sync.rejected()
    assert len(rejected) == 1 and rejected[0][0].kind == "student_added"
    assert "ta" in rejected[0][1].lower() or "not allowed" in rejected[0][1].lower()
    assert ta.sync.counts().rejected == 1
    sync(board)
    assert board.roster.students(group.id) == []


def test_token_lives_only_in_the_keyring(school: School, data_dir: Path,
                                         memory_keyring: dict[tuple[str, str], str],
                                         sync: Callable[[Classroom], None]) -> None:
    board = school.device("whiteboard", "teacher")
    board.create_demo_class()
    sync(board)
    token = board.sync.token()
    assert token and [value for (_service, key), value in memory_keyring.items()
                      if key.startswith("device-token:")] == [token]
    needle = token.encode()
    for path in (school.root / "whiteboard").rglob("*"):
        if path.is_file():
            assert needle not in path.read_bytes(), f"token found in {path.name}"
