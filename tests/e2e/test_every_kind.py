"""Every registered kind of event, built by the app (or the family portal), checked, pushed,
pulled and applied: on SQLite and PostgreSQL, every device ends with the same rows.

Device A writes through its services; B pulled the school before A wrote (so it applies
pages), C joins afterwards (its first sync downloads the lot). A, B and C must then hold
the same school tables, the server's read tables the same totals, and nothing may have
been refused or failed to apply anywhere.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from school_kit import LiveServer, School
from sqlalchemy import func, or_, select

from dojo_desktop.core.messages import student_thread_id
from dojo_desktop.core.model import Polarity, Skill
from dojo_desktop.services.attendance import Attendance
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.store.database import DATABASE_NAME
from dojo_desktop.sync.first_sync_tables import LOCAL_TABLES
from dojo_protocol.kinds import KINDS
from dojo_protocol.periods import PeriodKind
from dojo_server.db.models import EventRow, RejectedEvent
from dojo_server.db.read_models import AwardUndoView, AwardView, ClassView, StudentView
from dojo_server.domain import schools
from dojo_server.domain.class_teachers import assign_teacher
from dojo_server.domain.portal_log import append_events
from dojo_server.domain.rollover import apply_rollover
from dojo_server.domain.rollover_plan import Promotion, RolloverRequest
from dojo_server.domain.staff_records import publish_school_staff, set_pin
from dojo_server.settings import Settings

pytestmark = pytest.mark.slow

# Kept by each device as received, not applied to a table of its own.
DEVICE_ONLY_TABLES = LOCAL_TABLES | {"pulled_events", "sqlite_sequence"}
Write = Callable[["Lesson"], object]  # what a service returned is not needed here
GUARDIAN = str(uuid.UUID(int=7))


class Lesson:
    """Device A's class and what it wrote, for the writes below to build on."""

    def __init__(self, school: School, device: Classroom,
                 sync: Callable[[Classroom], None]) -> None:
        self.school, self.a, self.sync = school, device, sync
        self.class_id = device.roster.create_class("4B", "Year 4")[0].id
        self.students = [device.roster.add_student(self.class_id, first, last)[0].id
                         for first, last in (("Amara", "Okafor"), ("Ben", "Li"),
                                             ("Chloé", "Martin"))]
        self.stories: list[str] = []

    def skill(self) -> Skill:
        return next(s for s in self.a.skills.list(self.class_id)
                    if s.polarity is Polarity.POSITIVE)

    def portal(self, kind: str, payload: dict[str, Any]) -> None:
        """An event the family portal writes (a family joining or leaving)."""
        with self.school.server.db.write() as session:
            append_events(session, self.school.school_id, [(kind, payload)])

    def guardian(self, linked: bool) -> None:
        payload = {"guardian_id": GUARDIAN, "student_id": self.students[0],
                   "at_ms": 1_790_000_000_000 + linked}
        if linked:
            self.portal("guardian_linked", {**payload, "name": "Mrs Okafor", "language": "en"})
        else:
            self.portal("guardian_unlinked", payload)

    def post(self) -> None:
        self.stories.append(self.a.stories.post("Sports day!", [self.class_id]).story_id)

    def approve_childs_post(self) -> None:
        story_id = self.a.stories.submit_student_item(self.students[0], self.class_id,
                                                      "My painting").story_id
        self.a.stories.approve(story_id)


def _award(lesson: Lesson) -> None:
    lesson.a.awards.give(lesson.class_id, lesson.students[:2], lesson.skill().id)


def _undo(lesson: Lesson) -> None:
    given = lesson.a.awards.give(lesson.class_id, [lesson.students[2]], lesson.skill().id)
    lesson.a.awards.undo_batch(given.batch_id)


def _skill(lesson: Lesson) -> None:
    lesson.a.skills.save(Skill("", "Kindness", "heart", Polarity.POSITIVE, 2,
                               "Helps someone without being asked", class_id=lesson.class_id))


def _edit_post(lesson: Lesson) -> None:
    lesson.post()
    lesson.a.stories.edit(lesson.stories[-1], "Sports day, again", [])


def _delete_post(lesson: Lesson) -> None:
    lesson.post()
    lesson.a.stories.delete(lesson.stories[-1])


def _read_a_reply(lesson: Lesson) -> None:
    """A family writes through the portal; the teacher's device pulls it and reads it."""
    lesson.guardian(linked=True)
    lesson.portal("message_sent", {
        "message_id": str(uuid.uuid4()), "thread_id": student_thread_id(lesson.students[0]),
        "student_id": lesson.students[0], "body": "Thank you!", "sender": "guardian",
        "guardian_id": GUARDIAN, "at_ms": 1_790_000_000_000})
    lesson.sync(lesson.a)
    lesson.a.messages.mark_read(lesson.students[0])


def _family_leaves(lesson: Lesson) -> None:
    lesson.guardian(linked=True)
    lesson.guardian(linked=False)


def _teacher(lesson: Lesson) -> None:
    """The office says who teaches the class (the staff console's write)."""
    lesson.sync(lesson.a)  # the class, on the server
    db, school_id = lesson.school.server.db, lesson.school.school_id
    staff_id = schools.add_staff(db, school_id, "Ms Rivera", f"{uuid.uuid4()}@school.example",
                                 "teacher", "a long password")
    assign_teacher(db, school_id, lesson.class_id, staff_id)


def _new_school_year(lesson: Lesson) -> None:
    """The server's rollover: the class (Year 4) is followed by a Year 5 class."""
    lesson.sync(lesson.a)  # the class and its children, on the server
    apply_rollover(lesson.school.server.db, lesson.school.school_id,
                   RolloverRequest("2030-2031", (Promotion("Year 4", "Year 5"),)))

def _teacher_picks_her_name(lesson: Lesson) -> None:
    """IT adds a teacher and sets her PIN (records the server writes); on A she picks her
    name and types her PIN, so what A writes next is hers."""
    db, school_id = lesson.school.server.db, lesson.school.school_id
    email = f"rossi-{uuid.uuid4().hex[:8]}@school.example"
    staff_id = schools.add_staff(db, school_id, "Maria Rossi", email, "teacher",
                                 "correct horse battery", display_name="Ms Rossi")
    publish_school_staff(db, school_id)
    set_pin(db, school_id, email, "2468")
    lesson.sync(lesson.a)
    lesson.a.staff.pick(staff_id)
    assert lesson.a.staff.check_pin(staff_id, "2468").ok
    _award(lesson)


WRITES: dict[str, Write] = {
    "award": _award,
    "undo": _undo,
    "rename class": lambda lesson: [lesson.a.roster.rename_class(lesson.class_id, "4 Blue")],
    "new student": lambda lesson: [lesson.a.roster.add_student(lesson.class_id, "Dev")],
    "rename student": lambda lesson: [lesson.a.roster.rename_student(lesson.students[1],
                                                                     "Benji", "L")],
    "avatar": lambda lesson: [lesson.a.roster.set_drawn_avatar(lesson.students[2], 5)],
    "skill": _skill,
    "reorder skills": lambda lesson: [lesson.a.skills.reorder(
        [s.id for s in reversed(lesson.a.skills.list())])],
    "points period": lambda lesson: [lesson.a.settings.set_period(PeriodKind.DAILY)],
    "post": lambda lesson: lesson.post(),
    "edit post": _edit_post,
    "delete post": _delete_post,
    "child's post": lambda lesson: lesson.approve_childs_post(),
    "message": lambda lesson: [lesson.a.messages.send(lesson.students[0], "Well done today")],
    "announcement": lambda lesson: [lesson.a.messages.announce(lesson.class_id, "Trip Friday")],
    "read a reply": _read_a_reply,
    "register": lambda lesson: [lesson.a.attendance.mark(
        lesson.class_id, {lesson.students[0]: Attendance.ABSENT,
                          lesson.students[1]: Attendance.LATE})],
    "target": lambda lesson: [lesson.a.targets.set(lesson.students[0], lesson.class_id, 5,
                                                   [lesson.skill().id]),
                              lesson.a.targets.set(lesson.students[1], lesson.class_id, 3,
                                                   day=lesson.a.targets.today())],
    "class goal": lambda lesson: [lesson.a.goals.set_goal(lesson.class_id, 150,
                                                          "A picnic lunch")],
    "family joins": lambda lesson: lesson.guardian(linked=True),
    "family leaves": _family_leaves,
    "teacher": _teacher,
    "new school year": _new_school_year,
    "teacher picks her name": _teacher_picks_her_name,
}


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    else:
        cluster = request.getfixturevalue("postgres")
        if cluster is None:
            pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
        url = cluster.new_database()
    live = LiveServer(Settings(data_dir=tmp_path / "server", database_url=url))
    yield live
    live.stop()


def school_tables(device: Classroom) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(device.data_dir / DATABASE_NAME)
    try:
        names = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
                for name in names if name not in DEVICE_ONLY_TABLES}
    finally:
        conn.close()


def failed_pulls(device: Classroom) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(device.data_dir / DATABASE_NAME)
    try:
        return conn.execute("SELECT kind, error FROM pulled_events WHERE error != ''").fetchall()
    finally:
        conn.close()


def written_kinds(device: Classroom) -> set[str]:
    conn = sqlite3.connect(device.data_dir / DATABASE_NAME)
    try:
        return {row[0] for row in conn.execute("SELECT DISTINCT kind FROM outbox")}
    finally:
        conn.close()


def run_lesson(tmp_path: Path, server: LiveServer, sync: Callable[[Classroom], None],
               writes: list[str], tag: str) -> set[str]:
    """A, B and C as the module's docstring says; returns the kinds the lesson wrote."""
    school = School(server, tmp_path / tag)
    try:
        a, b = school.device(f"{tag}-a"), school.device(f"{tag}-b")
        sync(b)
        lesson = Lesson(school, a, sync)
        for name in writes:
            WRITES[name](lesson)
        sync(a)
        sync(b)
        sync(a)  # what the portal wrote
        c = school.device(f"{tag}-c")
        sync(c)
        tables = school_tables(a)
        assert school_tables(b) == tables
        assert school_tables(c) == tables
        assert [failed_pulls(d) for d in (a, b, c)] == [[], [], []]
        assert a.sync.counts().waiting == a.sync.counts().rejected == 0
        totals = a.awards.totals(lesson.class_id)
        with server.db.read() as session:
            assert session.scalar(select(func.count()).select_from(RejectedEvent)) == 0
            undone = select(AwardUndoView.award_id)
            for student_id in lesson.students:
                given = session.scalar(select(func.coalesce(func.sum(AwardView.points), 0))
                                       .where(AwardView.student_id == student_id,
                                              AwardView.id.not_in(undone)))
                assert given == totals.get(student_id, 0)
        assert server_roster(server, lesson) == device_roster(a, lesson)
        return written_kinds(a) | server_kinds(server)
    finally:
        school.close()


Roster = tuple[tuple[Any, ...], list[tuple[Any, ...]]]


def device_roster(device: Classroom, lesson: Lesson) -> Roster:
    """The lesson's class and children as the device holds them."""
    conn = sqlite3.connect(device.data_dir / DATABASE_NAME)
    try:
        marks = ", ".join("?" * len(lesson.students))
        return (conn.execute("SELECT name, year_group, archived = 1 FROM classes "
                             "WHERE id = ?", (lesson.class_id,)).fetchone(),
                conn.execute(f"SELECT id, first_name, last_name, archived = 1 FROM students "
                             f"WHERE id IN ({marks}) ORDER BY id", lesson.students).fetchall())
    finally:
        conn.close()


def server_roster(server: LiveServer, lesson: Lesson) -> Roster:
    """The lesson's class and children in the server's read tables."""
    with server.db.read() as session:
        row = session.get(ClassView, (lesson.school.school_id, lesson.class_id))
        assert row is not None
        students = session.scalars(select(StudentView).where(
            StudentView.school_id == lesson.school.school_id,
            StudentView.id.in_(lesson.students)).order_by(StudentView.id)).all()
        return ((row.name, row.year_group, int(row.archived)),
                [(s.id, s.first_name, s.last_name, int(s.archived)) for s in students])


def server_kinds(server: LiveServer) -> set[str]:
    """The kinds the server wrote: the family portal's, the new school year's, and IT's
    staff commands'."""
    with server.db.read() as session:
        return set(session.scalars(select(EventRow.kind).where(or_(
            EventRow.device_id.like("portal-%"), EventRow.device_id.like("rollover-%"),
            EventRow.device_id.like("staff-%")))
            .distinct()))


def test_every_registered_kind_converges(tmp_path: Path, server: LiveServer,
                                        sync: Callable[[Classroom], None]) -> None:
    """Each write once: together they make every kind the app, the portal or IT writes."""
    written = run_lesson(tmp_path, server, sync, list(WRITES), "all")
    assert written == set(KINDS)


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(writes=st.lists(st.sampled_from(sorted(WRITES)), min_size=1, max_size=6))
# The rollover archives the class on the server while A renames it before pulling that:
# with one clock per row, A kept its rename's newer HLC and skipped the older archive.
@example(writes=["new school year", "rename class"])
def test_any_lesson_converges(tmp_path: Path, server: LiveServer,
                              sync: Callable[[Classroom], None], writes: list[str]) -> None:
    run_lesson(tmp_path, server, sync, writes, uuid.uuid4().hex[:8])
