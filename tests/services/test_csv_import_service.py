"""Importing a roster CSV through the roster service: all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from service_helpers import School, db_count, db_dump

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import Cancelled, InvalidInputError, RosterCsvError
from dojo_desktop.services.roster import MAX_CSV_BYTES


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode(encoding))
    return path


def roster_by_class(room: Classroom) -> dict[str, list[tuple[str, str]]]:
    return {c.name: [(s.first_name, s.last_name) for s in room.roster.students(c.id)]
            for c in room.roster.classes()}


def test_a_good_file_creates_classes_by_name_and_students(room: Classroom,
                                                          tmp_path: Path) -> None:
    csv_file = write(tmp_path, "First name,Last name,Class\nAmira,Khan,4B\nBen,Okafor,5C\n"
                               "Chloe,\"Nowak, Jr\",4B\n")
    added, changes = room.roster.import_csv(csv_file, None)
    assert added == 3
    assert changes.classes and changes.roster
    assert roster_by_class(room) == {"4B": [("Amira", "Khan"), ("Chloe", "Nowak, Jr")],
                                     "5C": [("Ben", "Okafor")]}
    assert db_count(room.data_dir, "students") == 3
    assert db_count(room.data_dir, "class_students") == 3


def test_an_existing_class_is_reused_whatever_the_case(school: School, tmp_path: Path) -> None:
    room = school.room
    csv_file = write(tmp_path, "Forename;Surname;Form\nElla;Murphy;4b\nFarah;Haddad;4B\n")
    added, _ = room.roster.import_csv(csv_file, None)
    assert added == 2
    assert [c.name for c in room.roster.classes()] == ["4B"]
    names = [s.first_name for s in room.roster.students(school.class_id)]
    assert names == ["Amira", "Ben", "Chloe", "Dev", "Ella", "Farah"]


def test_rows_without_a_class_go_to_the_open_class(school: School, tmp_path: Path) -> None:
    room = school.room
    csv_file = write(tmp_path, "First name,Last name,Class\nElla,Murphy,\nFarah,Haddad,6A\n")
    added, _ = room.roster.import_csv(csv_file, school.class_id)
    assert added == 2
    by_class = roster_by_class(room)
    assert ("Ella", "Murphy") in by_class["4B"]
    assert by_class["6A"] == [("Farah", "Haddad")]


def test_a_windows_1252_file_keeps_its_accents(room: Classroom, tmp_path: Path) -> None:
    group, _ = room.roster.create_class("4B")
    csv_file = write(tmp_path, "First name,Last name\r\nZoë,Brontë\r\nJosé,Núñez\r\n",
                     encoding="cp1252")
    room.roster.import_csv(csv_file, group.id)
    assert roster_by_class(room) == {"4B": [("José", "Núñez"), ("Zoë", "Brontë")]}


def test_a_bad_file_lists_its_problems_and_imports_nothing(school: School,
                                                           tmp_path: Path) -> None:
    room = school.room
    students_before = db_count(room.data_dir, "students")
    before = db_dump(room.data_dir)
    csv_file = write(tmp_path, "First name,Last name,Class\nElla,Murphy,4B\n,Haddad,4B\n"
                               "Gita,Rao,7D\nella,MURPHY,4B\nHugo,Lee,4B,extra\n")
    with pytest.raises(RosterCsvError) as caught:
        room.roster.import_csv(csv_file, school.class_id)
    assert [(p.line, p.column) for p in caught.value.problems] == [
        (3, "First name"), (5, ""), (6, "")]
    assert db_count(room.data_dir, "students") == students_before
    assert db_dump(room.data_dir) == before
    assert [c.name for c in room.roster.classes()] == ["4B"]  # 7D was not created


def test_rows_naming_no_class_without_an_open_class_are_refused(room: Classroom,
                                                                tmp_path: Path) -> None:
    before = db_dump(room.data_dir)
    csv_file = write(tmp_path, "First name,Last name,Class\nElla,Murphy,4B\nFarah,Haddad,\n")
    with pytest.raises(InvalidInputError, match="Class"):
        room.roster.import_csv(csv_file, None)
    assert db_dump(room.data_dir) == before


def test_a_file_that_is_too_big_or_missing_is_refused(room: Classroom, tmp_path: Path) -> None:
    before = db_dump(room.data_dir)
    big = tmp_path / "big.csv"
    big.write_bytes(b"First name,Last name\n" + b"Amira,Khan\n" * (MAX_CSV_BYTES // 11 + 10))
    assert big.stat().st_size > MAX_CSV_BYTES
    with pytest.raises(InvalidInputError, match="2 MB"):
        room.roster.import_csv(big, None)
    with pytest.raises(InvalidInputError):
        room.roster.import_csv(tmp_path / "missing.csv", None)
    assert db_dump(room.data_dir) == before


def test_a_cancelled_import_stores_nothing(school: School, tmp_path: Path) -> None:
    csv_file = write(tmp_path, "First name,Last name\nFay,Lu\nGus,Ray\n")
    before = db_dump(school.room.data_dir)
    heard: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        heard.append((done, total))
        if done == 1:  # checked, about to be stored: the user presses Cancel
            raise Cancelled

    with pytest.raises(Cancelled):
        school.room.roster.import_csv(csv_file, school.class_id, progress)
    assert heard == [(0, 2), (1, 2)]
    assert db_dump(school.room.data_dir) == before


def test_a_line_repeated_exactly_is_imported_once_and_reported(school: School,
                                                               tmp_path: Path) -> None:
    csv_file = write(tmp_path, "First name,Last name\nElla,Murphy\nFarah,Haddad\nElla,Murphy\n")
    done = school.room.roster.import_roster(csv_file, school.class_id)
    assert (done.added, done.repeated, done.matched) == (2, [(4, 2)], [])
    names = [s.first_name for s in school.room.roster.students(school.class_id)]
    assert names.count("Ella") == 1


def test_a_child_already_in_the_class_is_matched_by_name(school: School,
                                                         tmp_path: Path) -> None:
    room = school.room
    csv_file = write(tmp_path, "First name,Last name,Class\namira,KHAN,4B\nElla,Murphy,4B\n"
                               "Amira,Khan,5C\n")
    done = room.roster.import_roster(csv_file, None)
    assert done.added == 2 and done.matched == [(2, "amira KHAN")]
    by_class = roster_by_class(room)
    assert [n for n in by_class["4B"] if n[0] == "Amira"] == [("Amira", "Khan")]
    assert by_class["5C"] == [("Amira", "Khan")]  # another class: another child


def test_an_id_column_matches_children_imported_before(school: School, tmp_path: Path) -> None:
    room = school.room
    csv_file = write(tmp_path, "UPN,First name,Last name\nS-17,Ella,Murphy\nS-18,Ella,Murphy\n")
    assert room.roster.import_roster(csv_file, school.class_id).added == 2
    # Renamed since, and listed by the app's own id: still the same children.
    amira = room.roster.students(school.class_id)[0]
    csv_file = write(tmp_path, f"UPN,First name,Last name\nS-17,Ellie,Murphy\n"
                               f"{amira.id},Amira,Khan\nS-19,Gus,Ray\n")
    done = room.roster.import_roster(csv_file, school.class_id)
    assert done.added == 1 and [line for line, _ in done.matched] == [2, 3]
    names = [s.first_name for s in room.roster.students(school.class_id)]
    assert (names.count("Ella"), names.count("Amira"), names.count("Gus")) == (2, 1, 1)


def test_a_refused_file_makes_no_class_even_a_new_one(room: Classroom, tmp_path: Path) -> None:
    before = db_dump(room.data_dir)
    csv_file = write(tmp_path, "First name,Last name\nElla,Murphy\n,Haddad\n")
    with pytest.raises(RosterCsvError):
        room.roster.import_roster(csv_file, None, new_class_name="6A")
    assert db_dump(room.data_dir) == before
    csv_file = write(tmp_path, "First name,Last name\nElla,Murphy\n")
    assert room.roster.import_roster(csv_file, None, new_class_name="6A").added == 1
    assert roster_by_class(room) == {"6A": [("Ella", "Murphy")]}
