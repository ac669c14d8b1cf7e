"""Export: four CSV files with every award and its undo state; failures leave no debris."""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path

import pytest
from service_helpers import School, db_count, db_dump

from dojo_desktop.services.errors import Cancelled, InvalidInputError


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def debris(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.part")) if folder.exists() else []


@pytest.fixture
def busy_school(school: School) -> tuple[School, set[str]]:
    """Awards, some undone, and a student whose name needs quoting."""
    room = school.room
    quoted, _ = room.roster.add_student(school.class_id, "Mary, Jane", "O\"Brien-Zoë")
    room.awards.give(school.class_id, [quoted.id], school.positive.id)
    batch = room.awards.give(school.class_id, school.student_ids, school.positive.id)
    single = room.awards.give(school.class_id, school.student_ids[:1], school.needs_work.id)
    room.awards.give(school.class_id, school.student_ids[1:2], school.positive.id)
    room.awards.undo([batch.award_ids[2]])
    room.awards.undo(list(single.award_ids))
    return school, {batch.award_ids[2], single.award_ids[0]}


def test_export_writes_four_files_with_every_row(busy_school: tuple[School, set[str]],
                                                 tmp_path: Path) -> None:
    school, undone = busy_school
    room = school.room
    out = tmp_path / "exports" / "spring.csv"
    written = room.export_csv(out)
    assert written == [out, out.with_name("spring.students.csv"),
                       out.with_name("spring.classes.csv"), out.with_name("spring.skills.csv")]
    assert all(p.is_file() for p in written)
    awards, students, classes, skills = (read_csv(p) for p in written)
    assert len(awards) == db_count(room.data_dir, "awards") == 7
    assert len(students) == db_count(room.data_dir, "students") == 5
    assert len(classes) == db_count(room.data_dir, "classes") == 1
    assert len(skills) == db_count(room.data_dir, "skills")
    assert {r["award_id"] for r in awards if r["undone"] == "yes"} == undone
    assert {r["undone"] for r in awards} == {"yes", "no"}
    assert all(r["undone_at_utc"] for r in awards if r["undone"] == "yes")
    assert all(not r["undone_at_utc"] for r in awards if r["undone"] == "no")
    assert "Mary, Jane O\"Brien-Zoë" in {r["student_name"] for r in awards}
    assert ("Mary, Jane", "O\"Brien-Zoë") in {(r["first_name"], r["last_name"])
                                              for r in students}
    assert {r["class_name"] for r in awards} == {"4B"}
    assert debris(tmp_path) == []


def test_a_name_without_csv_suffix_gets_one(school: School, tmp_path: Path) -> None:
    written = school.room.export_csv(tmp_path / "report")
    assert written[0] == tmp_path / "report.csv"
    assert written[1] == tmp_path / "report.students.csv"


def test_a_name_with_dots_keeps_every_part(school: School, tmp_path: Path) -> None:
    """"Class 4.B" or "Term 1.2026" is a name, not a file type to be replaced."""
    written = school.room.export_csv(tmp_path / "Term 1.2026")
    assert written[0] == tmp_path / "Term 1.2026.csv"
    assert written[1] == tmp_path / "Term 1.2026.students.csv"


def test_exporting_again_replaces_the_files(busy_school: tuple[School, set[str]],
                                            tmp_path: Path) -> None:
    school, _ = busy_school
    out = tmp_path / "awards.csv"
    school.room.export_csv(out)
    school.room.awards.give(school.class_id, school.student_ids, school.positive.id)
    school.room.export_csv(out)
    assert len(read_csv(out)) == 11
    assert debris(tmp_path) == []


def test_exporting_into_a_file_instead_of_a_folder_is_refused(school: School,
                                                              tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("I am a file", encoding="utf-8")
    before = db_dump(school.room.data_dir)
    with pytest.raises(InvalidInputError, match="could not be written"):
        school.room.export_csv(blocker / "awards.csv")
    assert blocker.read_text(encoding="utf-8") == "I am a file"
    assert debris(tmp_path) == []
    assert db_dump(school.room.data_dir) == before


def test_a_failure_half_way_leaves_no_part_files(school: School, tmp_path: Path) -> None:
    """The students file cannot be put in place (a folder has its name)."""
    out = tmp_path / "export" / "awards.csv"
    (tmp_path / "export" / "awards.students.csv").mkdir(parents=True)
    with pytest.raises(InvalidInputError):
        school.room.export_csv(out)
    assert debris(tmp_path) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply (not root)")
def test_a_read_only_folder_is_refused(school: School, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(InvalidInputError):
            school.room.export_csv(folder / "awards.csv")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_a_cancelled_export_keeps_none_of_its_files(school: School, tmp_path: Path) -> None:
    out = tmp_path / "export" / "dojo.csv"
    heard: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        heard.append((done, total))
        if done == 2:  # two files written: the user presses Cancel
            raise Cancelled

    with pytest.raises(Cancelled):
        school.room.export_csv(out, progress)
    assert heard == [(0, 4), (1, 4), (2, 4)]
    assert list(out.parent.iterdir()) == []
