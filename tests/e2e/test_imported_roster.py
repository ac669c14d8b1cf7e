"""A roster imported on the server reaches the devices: the whole-school laptop and a
class's board show the new classes and children after a sync, and a second import's
rename and move after the next."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from school_kit import School

from dojo_desktop.services.classroom import Classroom
from dojo_server.domain.roster_import import apply_import, read_roster

FIXTURE = Path(__file__).resolve().parents[1] / "server" / "roster_import" / "fixtures" / (
    "oneroster_1_2")


def _roster(classroom: Classroom) -> dict[str, list[str]]:
    return {c.name: [f"{s.first_name} {s.last_name}" for s in classroom.roster.students(c.id)]
            for c in classroom.roster.classes()}


def test_an_import_reaches_the_devices_as_roster_events(
        school: School, sync: Callable[[Classroom], None], tmp_path: Path) -> None:
    office = school.device("office", "leader")
    sync(office)
    assert apply_import(school.server.db, school.school_id, read_roster(FIXTURE)).count(
        "new children") == 3
    sync(office)
    assert _roster(office) == {"Robins": ["Amira Haddad", "Ben Smith"],
                               "Wrens": ["Chloé Wang"]}
    classes = {c.name: c.id for c in office.roster.classes()}
    board = school.device("wrens-board", "teacher", class_id=classes["Wrens"])
    robins_board = school.device("robins-board", "teacher", class_id=classes["Robins"])
    sync(board)
    sync(robins_board)
    assert _roster(board) == {"Wrens": ["Chloé Wang"]}
    assert _roster(robins_board) == {"Robins": ["Amira Haddad", "Ben Smith"]}

    export = tmp_path / "second"
    shutil.copytree(FIXTURE, export)
    users, enrollments = export / "users.csv", export / "enrollments.csv"
    users.write_text(users.read_text("utf-8").replace(",Ben,Smith,", ",Benjamin,Smith,"),
                     "utf-8")
    enrollments.write_text(enrollments.read_text("utf-8").replace(
        "e1,,,k-robins,org-1,p-amira", "e1,,,k-wrens,org-1,p-amira"), "utf-8")
    summary = apply_import(school.server.db, school.school_id, read_roster(export))
    assert summary.sections["moved between classes"] == ["Amira Haddad: Robins → Wrens"]
    for device in (office, board, robins_board):
        sync(device)
    assert _roster(office) == {"Robins": ["Benjamin Smith"],
                               "Wrens": ["Amira Haddad", "Chloé Wang"]}
    # Each class's board follows the move: the child leaves one grid and joins the other.
    assert _roster(board) == {"Wrens": ["Amira Haddad", "Chloé Wang"]}
    assert _roster(robins_board) == {"Robins": ["Benjamin Smith"]}
    # A laptop paired afterwards downloads the same roster from the log.
    late = school.device("late-laptop", "leader")
    sync(late)
    assert _roster(late) == _roster(office)
