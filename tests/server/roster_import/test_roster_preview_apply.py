"""Importing a OneRoster export into a school: preview and apply, on SQLite and PostgreSQL.
A class, child or member of staff keeps the export's id; importing again is a change, not a
copy, and the same export twice changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from oneroster_kit import FIXTURES, V1_1, V1_2, append, edit, export_copy
from portal_kit import Teacher
from server_kit import Harness
from sqlalchemy import func, select

from dojo_server.db.models import EventRow, RosterLink, Staff
from dojo_server.db.read_models import ClassMember, ClassView, StudentView
from dojo_server.db.session import Database
from dojo_server.domain import schools
from dojo_server.domain.auth import verify_password
from dojo_server.domain.roster_import import (
    apply_import,
    preview_import,
    read_roster,
    roster_device_id,
)
from dojo_server.domain.staff_records import staff_device_id

School = tuple[Database, str]


@pytest.fixture
def school(database_url: str) -> Iterator[School]:
    db = Database(database_url)
    db.migrate()
    yield db, schools.create_school(db, "Riverside Primary", default_skills=False)
    db.dispose()


def _event_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(EventRow)) or 0


def _classes_and_children(db: Database, school_id: str) -> dict[str, list[str]]:
    """Each class's name and the names of the children in it (archived ones marked)."""
    with db.read() as session:
        rows = session.execute(
            select(ClassView.name, StudentView.first_name, StudentView.last_name,
                   StudentView.archived)
            .join(ClassMember, (ClassMember.class_id == ClassView.id)
                  & (ClassMember.school_id == ClassView.school_id))
            .join(StudentView, (StudentView.id == ClassMember.student_id)
                  & (StudentView.school_id == ClassMember.school_id))
            .where(ClassView.school_id == school_id, ~ClassView.archived)).all()
    found: dict[str, list[str]] = {}
    for class_name, first, last, archived in rows:
        found.setdefault(class_name, []).append(f"{first} {last}" + (" (left)" * archived))
    return {name: sorted(children) for name, children in sorted(found.items())}


def test_the_first_import_adds_classes_children_and_staff(school: School) -> None:
    db, school_id = school
    roster = read_roster(FIXTURES / V1_1)
    before = _event_count(db)  # the school's default skills
    preview = preview_import(db, school_id, roster)
    assert {s: n for s, n in ((s, preview.count(s)) for s in preview.sections) if n} == {
        "new classes": 2, "new children": 4, "new staff (no password until they set one)": 2}
    assert preview.sections["new children"][0] == "Ada Lovelace (Maple)"
    assert len(preview.warnings) == 2
    assert _event_count(db) == before  # a preview writes nothing

    applied = apply_import(db, school_id, roster)
    assert applied.sections == preview.sections
    assert _classes_and_children(db, school_id) == {
        "Maple": ["Ada Lovelace", "Bo Chen"], "Oak": ["Cy Núñez, Jr.", "Dee O'Brien"]}
    with db.read() as session:
        staff = {s.sourced_id: (s.name, s.role, s.email, s.password_hash)
                 for s in session.scalars(select(Staff))}
        links = session.execute(select(RosterLink.kind, func.count())
                                .group_by(RosterLink.kind)).all()
        devices = set(session.scalars(select(EventRow.device_id)))
    assert staff == {"u-tess": ("Tess Teacher", "teacher", "tess.teacher@riverside.example", ""),
                     "u-hal": ("Hal Head", "admin", "hal@riverside.example", "")}
    assert dict(links) == {"class": 2, "student": 4}
    assert not verify_password("", "any password")  # none until they set one
    # The new staff reach devices as staff records (staff_records.py).
    assert devices == {roster_device_id(school_id), staff_device_id(school_id)}


def test_the_same_export_twice_changes_nothing(school: School) -> None:
    db, school_id = school
    roster = read_roster(FIXTURES / V1_2)
    apply_import(db, school_id, roster)
    events = _event_count(db)
    again = preview_import(db, school_id, read_roster(FIXTURES / V1_2))
    assert again.unchanged
    assert apply_import(db, school_id, read_roster(FIXTURES / V1_2)).unchanged
    assert _event_count(db) == events


def test_a_second_import_renames_one_child_and_moves_another(school: School,
                                                             tmp_path: Path) -> None:
    db, school_id = school
    apply_import(db, school_id, read_roster(FIXTURES / V1_2))
    export = export_copy(V1_2, tmp_path)
    edit(export, "users.csv", ",Ben,Smith,", ",Benjamin,Smith-Jones,")
    edit(export, "enrollments.csv", "e2,,,k-robins,org-1,p-ben", "e2,,,k-wrens,org-1,p-ben")
    edit(export, "enrollments.csv", "e1,,,k-robins,org-1,p-amira",
         "e1,,,k-wrens,org-1,p-amira")
    edit(export, "classes.csv", ",Robins,", ",Robins Class,")
    roster = read_roster(export)

    summary = apply_import(db, school_id, roster)
    changed = {s: lines for s, lines in summary.sections.items() if lines}
    assert changed == {
        "renamed classes": ["Robins → Robins Class"],
        "renamed children": ["Ben Smith → Benjamin Smith-Jones"],
        "moved between classes": ["Amira Haddad: Robins → Wrens",
                                  "Benjamin Smith-Jones: Robins → Wrens"],
    }
    assert _classes_and_children(db, school_id) == {
        "Wrens": ["Amira Haddad", "Benjamin Smith-Jones", "Chloé Wang"]}
    assert preview_import(db, school_id, read_roster(export)).unchanged


def test_children_who_leave_are_archived_and_come_back(school: School, tmp_path: Path) -> None:
    db, school_id = school
    apply_import(db, school_id, read_roster(FIXTURES / V1_1))
    export = export_copy(V1_1, tmp_path)
    edit(export, "enrollments.csv", "e4,,,c-oak,org-1,u-dee,student,,,\n", "")
    summary = apply_import(db, school_id, read_roster(export))
    assert summary.sections["left (archived)"] == ["Dee O'Brien"]
    assert _classes_and_children(db, school_id)["Oak"] == ["Cy Núñez, Jr.",
                                                           "Dee O'Brien (left)"]
    back = apply_import(db, school_id, read_roster(FIXTURES / V1_1))
    assert back.sections["back on the roster"] == ["Dee O'Brien"]
    assert _classes_and_children(db, school_id)["Oak"] == ["Cy Núñez, Jr.", "Dee O'Brien"]


def test_a_child_joining_a_second_class_keeps_the_first(school: School, tmp_path: Path) -> None:
    db, school_id = school
    apply_import(db, school_id, read_roster(FIXTURES / V1_2))
    export = export_copy(V1_2, tmp_path)
    append(export, "enrollments.csv", "e6,,,k-wrens,org-1,p-amira,student,false,,")
    summary = apply_import(db, school_id, read_roster(export))
    assert summary.sections["moved between classes"] == ["Amira Haddad: joined Wrens"]
    assert _classes_and_children(db, school_id) == {
        "Robins": ["Amira Haddad", "Ben Smith"], "Wrens": ["Amira Haddad", "Chloé Wang"]}
    summary = apply_import(db, school_id, read_roster(FIXTURES / V1_2))
    assert summary.sections["moved between classes"] == ["Amira Haddad: left Wrens"]
    assert _classes_and_children(db, school_id) == {
        "Robins": ["Amira Haddad", "Ben Smith"], "Wrens": ["Chloé Wang"]}


def test_a_school_started_by_hand_is_matched_not_copied(harness: Harness) -> None:
    teacher = Teacher(harness.enroll("teacher"))
    robins = teacher.new_class("Robins")
    amira = teacher.new_student(robins, "Amira", "Haddad")
    schools.add_staff(harness.db, harness.school_id, "Kim Kowalski", "kim@hillside.example",
                      "teacher", "a long password")
    summary = apply_import(harness.db, harness.school_id, read_roster(FIXTURES / V1_2))
    assert summary.sections["children matched to ones already here"] == ["Amira Haddad"]
    assert summary.sections["new classes"] == ["Wrens"]
    assert summary.sections["new children"] == ["Ben Smith (Robins)", "Chloé Wang (Wrens)"]
    assert summary.sections["staff matched or changed"] == [
        "Kim Kowalski (kim@hillside.example) matched"]
    with harness.db.read() as session:
        link = session.get(RosterLink, (harness.school_id, "student", "p-amira"))
        assert link is not None and link.local_id == amira
    # The teacher's device pulls the import as ordinary roster events.
    pulled = [c for c in teacher.device.pull_all()
              if c["device_id"] == roster_device_id(harness.school_id)]
    added = [c["payload"] for c in pulled if c["kind"] == "student_added"]
    assert [(p["first_name"], p["sourced_id"]) for p in added] == [
        ("Ben", "p-ben"), ("Chloé", "p-chloe")]
