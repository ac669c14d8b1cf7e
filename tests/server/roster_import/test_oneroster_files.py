"""Reading OneRoster 1.1 and 1.2 CSV exports: what real exports do is accepted, what is odd
is warned about, and a broken export is refused with the file, line and column of each
problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from oneroster_kit import FIXTURES, V1_1, V1_2, append, edit, export_copy, zipped

from dojo_server.roster_import.oneroster import read_export
from dojo_server.roster_import.problems import RosterFileError, RosterProblem


def _problems(path: Path) -> list[str]:
    with pytest.raises(RosterFileError) as refused:
        read_export(path)
    return [str(p) for p in refused.value.problems]


def test_a_messy_1_1_export_is_read_whole() -> None:
    roster = read_export(FIXTURES / V1_1)
    assert roster.version == "1.1"
    # Quoted and unquoted values, "Homeroom" in another case, an ext_ column: all read; a
    # class and an enrolment marked tobedeleted are left out, and so is an enrolment in
    # that class. A disabled teacher gets no account.
    assert {c.sourced_id: c.title for c in roster.classes.values()} == {
        "c-maple": "Maple", "c-oak": "Oak"}
    assert [(p.given_name, p.family_name) for p in roster.students.values()] == [
        ("Ada", "Lovelace"), ("Bo", "Chen"), ("Cy", "Núñez, Jr."), ("Dee", "O'Brien")]
    assert roster.enrollments == {"u-ada": ["c-maple"], "u-bo": ["c-maple"],
                                  "u-cy": ["c-oak"], "u-dee": ["c-oak"]}
    # Teachers and administrators are staff; guardians are not; emails in lower case.
    assert {s.sourced_id: (s.role, s.email) for s in roster.staff.values()} == {
        "u-tess": ("teacher", "tess.teacher@riverside.example"),
        "u-hal": ("administrator", "hal@riverside.example")}
    assert [str(w) for w in roster.warnings] == [
        "users.csv, line 1, column nickname: is not a OneRoster column; its values were "
        "not read",
        "academicSessions.csv, line 3, column endDate: “Autumn” ends on 2026-12-20, after "
        "the next one, “Spring” (line 4), has started"]


def test_a_1_2_export_takes_roles_from_roles_csv() -> None:
    roster = read_export(FIXTURES / V1_2)
    assert roster.version == "1.2"
    assert list(roster.students) == ["p-amira", "p-ben", "p-chloe"]
    assert roster.students["p-chloe"].given_name == "Chloé"
    # The primary role wins over a secondary one; a disabled user gets no account.
    assert {s.sourced_id: s.role for s in roster.staff.values()} == {
        "p-mrs-k": "teacher", "p-ta": "aide"}
    assert roster.enrollments == {"p-amira": ["k-robins"], "p-ben": ["k-robins"],
                                  "p-chloe": ["k-wrens"]}
    assert roster.warnings == []


@pytest.mark.parametrize("inside", ["", "export-2026"])
def test_a_zip_reads_like_its_folder(tmp_path: Path, inside: str) -> None:
    archive = zipped(export_copy(V1_2, tmp_path), inside)
    from_zip, from_folder = read_export(archive), read_export(FIXTURES / V1_2)
    assert (from_zip.classes, from_zip.students, from_zip.staff, from_zip.enrollments) == (
        from_folder.classes, from_folder.students, from_folder.staff, from_folder.enrollments)


def test_an_export_without_manifest_is_read_by_its_columns(tmp_path: Path) -> None:
    export = export_copy(V1_2, tmp_path)
    (export / "manifest.csv").unlink()
    roster = read_export(export)
    assert roster.version == "1.2" and len(roster.students) == 3
    assert [w.file for w in roster.warnings] == ["manifest.csv"]


def test_every_broken_value_is_reported_with_file_line_and_column(tmp_path: Path) -> None:
    export = export_copy(V1_2, tmp_path)
    edit(export, "users.csv", "p-ben,,,true,", "p-ben,,,yes,")
    edit(export, "users.csv", "Chloé,Wang", ",Wang")
    edit(export, "academicSessions.csv", "2027-02-01,2027-07-20", "2027-02-01,20/07/2027")
    edit(export, "classes.csv", "KW,homeroom", "KW,form")
    append(export, "roles.csv", "r8,,,p-ben,primary,pupil,,,org-1,")
    append(export, "enrollments.csv", "e5,,,k-wrens,org-1,p-ben,student,false,,")
    assert _problems(export) == [
        "academicSessions.csv, line 4, column endDate: “20/07/2027” is not a date written "
        "as YYYY-MM-DD",
        "classes.csv, line 3, column classType: “form” is not one of homeroom, scheduled",
        "users.csv, line 3, column enabledUser: “yes” is not true or false",
        "users.csv, line 4, column givenName: is empty",
        "roles.csv, line 9, column role: “pupil” is not one of administrator, aide, "
        "counselor, districtAdministrator, guardian, parent, principal, proctor, relative, "
        "siteAdministrator, student, systemAdministrator, teacher",
        "enrollments.csv, line 7, column sourcedId: “e5” is also on line 6",
    ]


def test_references_to_what_the_export_lacks_are_reported(tmp_path: Path) -> None:
    export = export_copy(V1_1, tmp_path)
    append(export, "enrollments.csv", "e8,,,c-pine,org-1,u-ada,student,false,,")
    append(export, "enrollments.csv", "e9,,,c-oak,org-1,u-zed,student,false,,")
    edit(export, "classes.csv", "c-oak,,,Oak,03,course-3", "c-oak,,,Oak,03,course-4")
    assert _problems(export) == [
        "classes.csv, line 3, column courseSourcedId: “course-4” is not in courses.csv",
        "enrollments.csv, line 11, column classSourcedId: “c-pine” is not in classes.csv",
        "enrollments.csv, line 12, column userSourcedId: “u-zed” is not in users.csv",
    ]


def test_a_broken_file_is_refused_where_it_breaks(tmp_path: Path) -> None:
    export = export_copy(V1_1, tmp_path)
    edit(export, "users.csv", 'Cy,"Núñez, Jr.",,', 'Cy,"Núñez, Jr.,,')  # unclosed quote
    edit(export, "classes.csv", "c-oak,,,Oak,03,", "c-oak,,,Oak,")  # a value short
    edit(export, "courses.csv", "SourcedId,Title,", "SourcedId,Name,")
    problems = _problems(export)
    assert problems[0] == ("courses.csv, line 1, column title: is missing from the header")
    assert problems[1] == ("classes.csv, line 3: has 14 values where the header has 15 "
                           "columns")
    assert problems[2].startswith("users.csv, line 4: cannot be read as CSV")


def test_missing_files_and_delta_exports_are_refused(tmp_path: Path) -> None:
    export = export_copy(V1_2, tmp_path)
    (export / "roles.csv").unlink()
    edit(export, "manifest.csv", "file.enrollments,bulk", "file.enrollments,delta")
    assert _problems(export) == [
        "manifest.csv, line 11, column value: enrollments.csv is a delta export; export the "
        "whole roster (bulk) and import that",
        "manifest.csv, line 20, column value: lists roles.csv, which is not in the export",
        "roles.csv: is missing: a OneRoster 1.2 export gives users' roles there",
    ]
    assert _problems(tmp_path / "nowhere.zip") == ["nowhere.zip: does not exist"]


def test_problems_read_as_sentences() -> None:
    assert str(RosterProblem("users.csv", 4, "role", "is empty")) == (
        "users.csv, line 4, column role: is empty")
    assert str(RosterProblem("roles.csv", None, "", "is missing")) == "roles.csv: is missing"
