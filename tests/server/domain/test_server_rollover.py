"""The new school year on the server: a preview writes nothing; applying promotes each
class to a new one with its children (same ids, their awards left in last year's class),
archives the leavers and last year's classes, carries the teachers over, moves the boards
to their new class; applying it again changes nothing. SQLite and PostgreSQL."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "roster_import"))

from oneroster_kit import FIXTURES, V1_2, edit, export_copy

from dojo_protocol.hlc import pack_hlc
from dojo_protocol.models import PROTOCOL_VERSION, EnrollRequest, WireEvent
from dojo_server.db.models import DeviceRow, EventRow
from dojo_server.db.read_models import (
    AwardView,
    ClassMember,
    ClassTeacherView,
    ClassView,
    StudentView,
)
from dojo_server.db.session import Database
from dojo_server.domain import schools
from dojo_server.domain.auth import find_device
from dojo_server.domain.enrollment import create_code, enroll
from dojo_server.domain.rollover import apply_rollover, preview_rollover, rollover_device_id
from dojo_server.domain.rollover_plan import Promotion, RolloverRequest
from dojo_server.domain.roster_import import apply_import, read_roster
from dojo_server.domain.server_log import ServerEvent, server_device, write_events
from dojo_server.sync.epoch import new_epoch
from dojo_server.sync.push_checks import OTHER_CLASS, _problem

School = tuple[Database, str]
REQUEST = RolloverRequest("2027-2028", (Promotion.parse("Year 3=Year 4"),
                                        Promotion.parse("Year 4 -> Year 5")))
SKILL = str(uuid.uuid4())
TEACHERS = ["Kim Kowalski: Robins Year 1", "Tom Aide: Wrens"]


@pytest.fixture
def school(database_url: str) -> Iterator[School]:
    db = Database(database_url)
    db.migrate()
    with db.write() as session:
        new_epoch(session)
    yield db, schools.create_school(db, "Riverside Primary", default_skills=False)
    db.dispose()


def _write(db: Database, school_id: str, events: list[tuple[str, dict[str, Any]]]) -> None:
    with db.write() as session:
        device = server_device(session, school_id, "test-" + school_id, "Test")
        write_events(session, school_id, device, [ServerEvent(k, p) for k, p in events])


def _class(db: Database, school_id: str, name: str, children: list[str],
           points: int = 0) -> tuple[str, list[str]]:
    class_id, ids = str(uuid.uuid4()), [str(uuid.uuid4()) for _ in children]
    events: list[tuple[str, dict[str, Any]]] = [
        ("class_created", {"class_id": class_id, "name": name})]
    for student_id, first in zip(ids, children, strict=True):
        events.append(("student_added", {"student_id": student_id, "class_id": class_id,
                                         "first_name": first}))
        if points:
            events.append(("award_given", {
                "award_id": str(uuid.uuid4()), "student_id": student_id,
                "class_id": class_id, "skill_id": SKILL, "points": points,
                "batch_id": str(uuid.uuid4()), "at_ms": 1_000}))
    _write(db, school_id, events)
    return class_id, ids


def _board(db: Database, school_id: str, class_id: str) -> str:
    code = create_code(db, school_id, "teacher", class_id)
    return enroll(db, EnrollRequest(code=code, device_id=str(uuid.uuid4()),
                                    device_name="Board", client_version="1.0",
                                    protocol_version=PROTOCOL_VERSION)).token


def _events(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(EventRow)) or 0


def test_preview_then_apply_promotes_classes_and_archives_leavers(school: School) -> None:
    db, school_id = school
    year3, (ada, ben) = _class(db, school_id, "Year 3 Oak", ["Ada", "Ben"], points=2)
    year4, (cy,) = _class(db, school_id, "Year 4 Ash", ["Cy"])
    year5, (dee,) = _class(db, school_id, "Year 5 Elm", ["Dee"])
    club, _ = _class(db, school_id, "Chess club", ["Eve"])
    teacher = schools.add_staff(db, school_id, "Ms Rivera", "rivera@school.example",
                                "teacher", "a long password")
    token = _board(db, school_id, year3)
    before = _events(db)

    preview = preview_rollover(db, school_id, REQUEST)
    assert _events(db) == before
    assert preview.sections["new classes"] == ["Year 3 Oak → Year 4 Oak (2027-2028)",
                                               "Year 4 Ash → Year 5 Ash (2027-2028)"]
    assert preview.sections["leavers (archived)"] == ["Dee (Year 5 Elm)"]
    assert preview.sections["classes staying as they are"] == ["Chess club"]
    assert preview.sections["boards moved"] == ["Board: Year 3 Oak → Year 4 Oak"]
    assert preview.children_moved == 3

    applied = apply_rollover(db, school_id, RolloverRequest(
        REQUEST.school_year, REQUEST.promotions,
        teachers={"Year 4 Oak": ("rivera@school.example",)}))
    assert applied.sections == preview.sections | {
        "teachers assigned": ["Ms Rivera: Year 4 Oak"]}
    with db.read() as session:
        classes = {c.name: c for c in session.scalars(select(ClassView))}
        oak = classes["Year 4 Oak"]
        assert (oak.school_year, oak.year_group, oak.archived) == ("2027-2028", "Year 4", False)
        assert classes["Year 3 Oak"].archived and classes["Year 3 Oak"].successor_id == oak.id
        assert classes["Year 5 Elm"].archived and classes["Year 5 Elm"].successor_id is None
        assert not classes["Chess club"].archived
        members = set(session.execute(select(ClassMember.class_id, ClassMember.student_id)))
        assert {(oak.id, ada), (oak.id, ben), (classes["Year 5 Ash"].id, cy),
                (year5, dee)} <= members
        assert (year3, ada) not in members
        assert session.get(StudentView, (school_id, dee)).archived  # type: ignore[union-attr]
        # Last year's points stay in last year's class.
        assert set(session.scalars(select(AwardView.class_id))) == {year3}
        assert list(session.execute(select(ClassTeacherView.class_id,
                                           ClassTeacherView.staff_id))) == [(oak.id, teacher)]
        board = session.scalars(select(DeviceRow).where(DeviceRow.class_id.is_not(None))).one()
        assert (board.class_id, board.former_class_id) == (oak.id, year3)
    # The board may still send what it recorded offline for last year's class, not others.
    identity, _ = find_device(db, token)
    award = {"award_id": str(uuid.uuid4()), "student_id": ada, "skill_id": SKILL,
             "points": 1, "batch_id": str(uuid.uuid4()), "at_ms": 2_000}
    for class_id, problem in ((year3, None), (oak.id, None), (year4, OTHER_CLASS),
                              (club, OTHER_CLASS)):
        event = WireEvent(event_id=str(uuid.uuid4()), device_id=identity.device_id, seq=1,
                          kind="award_given", hlc=pack_hlc(2_000, 0, identity.device_id),
                          payload={**award, "class_id": class_id})
        assert _problem(event, identity, True, {}) == problem

    after = _events(db)
    again = apply_rollover(db, school_id, REQUEST)
    assert again.unchanged and _events(db) == after


def test_last_years_teachers_carry_over(school: School) -> None:
    db, school_id = school
    year3, _ = _class(db, school_id, "Year 3 Oak", ["Ada"])
    staff = schools.add_staff(db, school_id, "Mr Okafor", "okafor@school.example",
                              "teacher", "a long password")
    _write(db, school_id, [("class_teacher_assigned", {
        "class_id": year3, "staff_id": staff, "name": "Mr Okafor", "at_ms": 1})])
    summary = apply_rollover(db, school_id, REQUEST)
    assert summary.sections["teachers assigned"] == ["Mr Okafor: Year 4 Oak"]
    assert summary.sections["leavers (archived)"] == []  # no Year 5 class here


def test_a_naming_rule_must_say_old_and_new() -> None:
    assert Promotion.parse("Year 3 → Year 4") == Promotion("Year 3", "Year 4")
    with pytest.raises(ValueError, match="OLD=NEW"):
        Promotion.parse("Year 3")
    assert REQUEST.leaver_groups() == ("Year 5",)


def test_a_rollover_from_an_export_links_each_class_to_where_its_children_went(
        school: School, tmp_path: Path) -> None:
    db, school_id = school
    apply_import(db, school_id, read_roster(FIXTURES / V1_2))
    with db.read() as session:
        robins = session.scalars(select(ClassView.id).where(ClassView.name == "Robins")).one()
    _board(db, school_id, robins)
    export = export_copy(V1_2, tmp_path)
    edit(export, "classes.csv", "k-robins,,,Robins,", "k-robins-27,,,Robins Year 1,")
    edit(export, "enrollments.csv", "e1,,,k-robins,", "e1,,,k-robins-27,")
    edit(export, "enrollments.csv", "e2,,,k-robins,", "e2,,,k-robins-27,")
    edit(export, "enrollments.csv", "e4,,,k-robins,", "e4,,,k-robins-27,")
    request = RolloverRequest("2027-2028", roster=read_roster(export))

    summary = apply_rollover(db, school_id, request)

    assert summary.sections["new classes"] == ["Robins Year 1"]
    assert summary.sections["classes archived"] == ["Robins (followed by Robins Year 1)"]
    assert summary.sections["boards moved"] == ["Board: Robins → Robins Year 1"]
    assert summary.children_moved == 2
    assert summary.sections["teachers assigned"] == TEACHERS  # as the export enrols them
    with db.read() as session:
        new = session.scalars(select(ClassView).where(ClassView.name == "Robins Year 1")).one()
        assert new.school_year == "2027-2028"
        assert session.get(ClassView, (school_id, robins)).successor_id == new.id  # type: ignore[union-attr]
        kinds = list(session.scalars(select(EventRow.kind).where(
            EventRow.device_id == rollover_device_id(school_id)).order_by(EventRow.server_seq)))
        # The link comes before the moves: a device of the old class learns of the new one.
        assert kinds[:2] == ["class_created", "class_succeeded"]
        assert "student_added" in kinds[2:]
        board = session.scalars(select(DeviceRow).where(DeviceRow.class_id.is_not(None))).one()
        assert (board.class_id, board.former_class_id) == (new.id, robins)
    assert apply_rollover(db, school_id, RolloverRequest(
        "2027-2028", roster=read_roster(export))).unchanged
